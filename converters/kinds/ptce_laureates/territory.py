"""The "Territoire:" field of a fiche, on one line or several: départements, communes,
intercommunalities and named areas, read with the geography (`link.territory.parse_territory`).
The rest of the fiche settles a conflict between a name and a number ("Oise (61)")."""
from __future__ import annotations

import re

from ...link.territory import TerritoryParse, parse_territory

_FIELD = re.compile(r"^Territoire\s*:\s*", re.IGNORECASE)


def territory_text(texts: list[str]) -> str:
    """The field's value, its lines joined."""
    return " ".join([_FIELD.sub("", texts[0], count=1), *texts[1:]]).strip()


def read_territory(laureate) -> None:
    section, pole, doc = laureate.sections["territory"], laureate.pole, laureate.doc
    if not section:
        doc.warn(pole.lines[0], "fiche has no 'Territoire:' line")
        return
    pole.territory_text = territory_text([laureate.written(s) for s in section])
    pole.territory_lines = lines = [n for s in section for n in s.lines]
    parsed = parse_territory(pole.territory_text, laureate.text)
    pole.places = [m for m in parsed.places if m.place is not None]
    pole.areas = list(parsed.areas)
    for message in parsed.conflicts:
        doc.warn(lines[0], f"territory conflict: {message}")
    for piece in parsed.unresolved:
        doc.warn(lines[0], f"territory not resolved: {piece!r}")
    laureate.claim(section)


def places(texts: list[str], fiche_text: str = "") -> TerritoryParse:
    return parse_territory(territory_text(texts), fiche_text)


EXAMPLES = [  # (the field's lines, places found)
    (["Territoire: Hautes-Alpes (05) et Alpes-de-Haute-Provence (04)"], ["departement:05", "departement:04"]),
    (["Territoire: « Bassin de solidarité » de Juratri, soit un rayon de 20 km autour", "de Lons-le-Saunier – Jura (39)"],
     ["commune:39300", "departement:39"]),
    (["Territoire: Paris, 18° arrondissement (75)"], ["arrondissement:75118", "departement:75"]),
]
