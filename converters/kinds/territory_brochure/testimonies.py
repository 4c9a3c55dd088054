"""Laureates that speak of their project: a heading "Ferme des Meuniers : un coup de pouce pour des
réparations très attendues", then sentences that say what the laureate got and where it is ("La
subvention de 8000 euros", "Elle a bénéficié de 10 000 euros", "s'est lancée au printemps 2023 à
Chevilly-Larue"). Communes and other figures are those the shared rules found."""
from __future__ import annotations

import re

from ...mentions import find_forms, parse_mention
from ...rules.facts import PlaceRef, Quantity
from .facts import Support, Testimony, figure

_HEADING = re.compile(r"^(?P<name>[^:]{3,60}?)\s*:\s*(?P<tagline>(?:un|une|des|cantine|le|la)\b.+)$")
_GRANT = re.compile(r"(?:subvention|aide|bénéficié)\s+de\s+(?P<v>\d[\d \u00a0]*)\s*euros")
_CREATED = re.compile(r"lancée? (?:au printemps |en |à l'automne |à l'été )?(?P<year>\d{4})")
_KIND = re.compile(r"\b(?:ressourcerie|recyclerie|épicerie solidaire|chantier d'insertion)\b")


def find(segment, context) -> list:
    text = segment.text
    heading = _HEADING.match(text)
    if heading and not text.endswith("."):
        mention, tagline = parse_mention(heading.group("name"), segment.lines, named=True), heading.group("tagline")
        return [Testimony(0, len(text), text, "testimonies: heading", mention=mention,
                          tagline=tagline[0].upper() + tagline[1:])] if mention is not None else []
    grant = _GRANT.search(text)
    places = [p.place for p in context.earlier(segment, PlaceRef) if p.place is not None and p.place.kind == "commune"]
    if not (grant or places):
        return []
    fact = Support(0, len(text), text, "testimonies: support", places=places)
    if grant:
        fact.grant = figure("grant", grant.group("v"), "euro", grant.group(0))
    created = _CREATED.search(text)
    fact.created = int(created.group("year")) if created else None
    kind = _KIND.search(text)
    if kind:
        fact.structure_types = [h.concept.slug for h in find_forms(kind.group(0)) if h.concept.scheme == "structure-type"]
    for q in context.earlier(segment, Quantity):
        if q.rule == "quantities" and q.figure.unit != "euro":  # amounts are the grant, read above
            q.figure.lines = segment.lines_at(q.start, q.end)
            fact.figures.append(q.figure)
    return [fact]


EXAMPLES = [  # (text, facts found)
    ("Ferme des Meuniers : un coup de pouce pour des réparations très attendues",
     {"testimony Ferme des Meuniers: Un coup de pouce pour des réparations très attendues"}),
    ("Cette toute jeune ressourcerie s'est lancée au printemps 2023 à Chevilly-Larue. Elle a bénéficié de 10 000 euros.",
     {"support grant=10000 commune:94021 created 2023 ressourcerie"}),
    ("Installée sur trois hectares à Villeneuve-le-Roi, la ferme a une vocation sociale.",
     {"support commune:94077 land-area=3"}),
    ("Ce groupement permet de partager des salariés entre associations.", set()),
]
