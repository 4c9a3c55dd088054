"""The place the study writes after a pole's name: a commune ("Grenoble"), a département
("Mayenne"), a région ("région PACA"), a pays ("Pays de Morlaix"), an agglomeration. Read with the
territory reader of the linking stage (`link.territory.parse_territory`); a place that is only a
commune's name is looked up alone. Homonyms are not guessed: "Romans" stays a named area, as
written, until entity resolution knows more (the same pole is in the Drôme in another document).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...link.geography import Match, get_geography
from ...link.territory import parse_territory


@dataclass
class Placed:
    places: list[Match] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    problem: str | None = None  # why a place written is not resolved

    def keys(self) -> set[str]:
        return {f"{m.place.kind}:{m.place.code}" for m in self.places} | {f"area {a}" for a in self.areas} | (
            {"unresolved"} if self.problem else set())


def place_in_name(name: str) -> str | None:
    """"Pôle Pays de Cornouaille": the place is in the name."""
    m = re.search(r"\b(Pays (?:de |d'|du )?[A-ZÀ-Ý][\w'\- ]+)$", name)
    return m.group(1) if m else None


def resolve(text: str) -> Placed:
    parsed = parse_territory(text)
    out = Placed([m for m in parsed.places if m.place is not None], list(parsed.areas))
    if any(m.place and m.place.kind == "departement" and m.place.code == "75" for m in parsed.places):
        out.places.append(get_geography().commune_by_code("75056"))  # Paris is a commune and a département
    if not parsed.places and not parsed.areas:
        alone = get_geography().commune(text)
        if alone.place is not None:
            out.places.append(alone)
        else:  # kept as a named area, as written
            out.areas.append(text)
            out.problem = alone.problem or "; ".join(parsed.problems)
    return out


EXAMPLES = [  # (place as written, what it resolves to)
    ("Grenoble", {"commune:38185"}),
    ("Paris", {"departement:75", "commune:75056"}),
    ("région PACA", {"region:93"}),
    ("Pays de Morlaix", {"area Pays de Morlaix"}),
    ("agglomération de Nantes", {"commune:44109", "area agglomération de Nantes"}),
    ("Romans", {"area Romans", "unresolved"}),
]
