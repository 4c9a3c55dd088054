"""A partner presented in one sentence that opens on its name and its form: "Coopaname est une CAE
dispose de 7 établissements, essentiellement en région parisienne, dont un en Val-de-Marne, à
Chevilly-Larue", "ESS Coop est une CAE basée en Essonne, à Viry-Châtillon." Its communes are those
the shared rules found; its establishments are a figure."""
from __future__ import annotations

import re

from ...mentions import parse_mention
from ...rules.facts import PlaceRef
from .facts import Presentation, figure

_IS_A = re.compile(r"^(?P<name>[A-ZÀ-Ý][\w'’\- ]{1,40}?)\s+est une\s+(?P<kind>CAE|SCOP|SCIC|association|coopérative[^,]*)\b")
_SITES = re.compile(r"(?P<n>\d+)\s+établissements")


def find(segment, context) -> list[Presentation]:
    m = _IS_A.match(segment.text)
    mention = parse_mention(f"{m.group('name')}, {m.group('kind')}", segment.lines, named=True) if m else None
    if mention is None:
        return []
    mention.places += [p.place for p in context.earlier(segment, PlaceRef) if p.place is not None and p.place.kind == "commune"]
    sites = _SITES.search(segment.text)
    if sites:
        found = figure("organisations", sites.group("n"), "organisation", sites.group(0), what="établissements")
        found.lines = segment.lines_at(sites.start(), sites.end())
        mention.figures.append(found)
    return [Presentation(0, m.end(), m.group(0), "presentations", mention=mention)]


EXAMPLES = [  # (text, facts found)
    ("Coopaname est une CAE dispose de 7 établissements, dont un en Val-de-Marne, à Chevilly-Larue.",
     {"presents Coopaname [cae] commune:94021"}),
    ("ESS Coop est une CAE basée en Essonne, à Viry-Châtillon.", {"presents ESS Coop [cae] commune:91687"}),
    ("Elle fédère et accompagne les entreprises structurées sous forme de coopératives.", set()),
]
