"""Headings that present a support scheme: "Un appel à projets ESS chaque année", "Fonds de soutien
à l'Insertion par l'activité économique (IAE)", "Le Dispositif local d'accompagnement (DLA)"...

Which headings name which scheme is data: `data/curation/support-schemes.tsv` (the schemes of
the registry's brochures, their keys and labels, whether the authority funds them or its partners
run them). A heading is a short line that does not end like a sentence."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ...folding import fold, name_key
from ...paths import DATA_DIR
from . import territory
from .facts import SchemeHeading

TABLE = DATA_DIR / "curation" / "support-schemes.tsv"


@dataclass(frozen=True)
class Row:
    heading: re.Pattern
    scheme: str
    label: str
    kind: str
    partner: bool
    described: str


@lru_cache(maxsize=None)
def rows() -> tuple[Row, ...]:
    out = []
    with TABLE.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or row[0].startswith("#") or row[0] == "heading":
                continue
            if len(row) != 6 or row[3] not in ("call", "scheme") or row[4] not in ("authority", "partner"):
                raise ValueError(f"{TABLE}:{number}: expected heading, scheme, label, kind (call|scheme), "
                                 "owner (authority|partner), described, tab-separated")
            out.append(Row(re.compile(row[0]), row[1], row[2], row[3], row[4] == "partner", row[5]))
    return tuple(out)


def scheme_of(row: Row, heading: str, context) -> tuple[str, str]:
    """(key, label) of the scheme a row names."""
    place = territory.of(context)
    label = row.label.replace("{authority}", territory.authority_name(place) if place else "territoire") or heading
    return f"scheme/{row.scheme or name_key(label)}", label


def call(context) -> tuple[str, str]:
    """(key, label) of the authority's call for projects, for a brochure that gives its figures
    before presenting it."""
    row = next(r for r in rows() if r.kind == "call")
    return scheme_of(row, row.label, context)


def find(segment, context) -> list[SchemeHeading]:
    text = segment.text
    if len(text) >= 90 or text.endswith((".", "?")):
        return []
    folded = fold(text)
    for row in rows():
        if row.heading.search(folded):
            key, label = scheme_of(row, text, context)
            described = text if row.described and row.described in folded else None
            return [SchemeHeading(0, len(text), text, "schemes", scheme=key, label=label, kind=row.kind,
                                  partner=row.partner, description=described)]
    return []


EXAMPLES = [  # (text, facts found); the territory is the Grand-Orly Seine Bièvre, named twice
    ("- **Un appel à projets ESS chaque année**", {"scheme scheme/appel-a-projets-ess"}),
    ("APPEL À PROJETS ESS", {"scheme scheme/appel-a-projets-ess"}),
    ("Appel à projets ESS : 45 lauréats et près de 300 000 euros engagés depuis 2018", set()),
    ("Un accompagnement dans la recherche de locaux", {"scheme scheme/un accompagnement dans la recherche de locaux"}),
    ("Le Dispositif local d'accompagnement (DLA)", {"scheme scheme/dispositif local d accompagnement dla (partner)"}),
    ("Cités Lab : entreprendre dans les quartiers prioritaires", {"scheme scheme/citeslab (partner)"}),
    ("Un accompagnement gratuit pour se développer.", set()),
]
