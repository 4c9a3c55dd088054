"""The study's monographs: "- APEAS, association d'acteurs, Marseille." names a pole of the list,
what it is (a kind of the typology when the scheme knows the words) and where. `listed_pole` finds
the pole of the list it is about: the same name, the place settling homonyms ("Pôle d'économie
solidaire" in Étampes and in Nice); a monograph of no listed pole stays text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...folding import name_key
from ...reading.segments import HEADING, ITEM
from ...rules.facts import Fact
from ...vocabularies import vocabulary
from .pole_list import ListFact

_MONOGRAPH = re.compile(r"^(?P<name>[^,]+),\s*(?P<kind>[^,]+),\s*(?P<place>.+?)\.?$")


@dataclass
class Monograph(Fact):
    name: str = ""
    kind_text: str = ""  # what the pole is, as written
    place: str = ""
    typology: str | None = None

    def key(self) -> str:
        return f"monograph {self.name}: {self.typology or self.kind_text} @ {self.place}"


def find(segment, context) -> list[Fact]:
    if segment.kind == HEADING:  # the title of the list
        return [ListFact(0, len(segment.text), segment.text, "monographs: title", opened=False)]
    m = _MONOGRAPH.match(segment.text) if segment.kind == ITEM else None
    if not m:
        return []
    kind_text = m.group("kind").strip()
    hits = vocabulary("typology").find(kind_text)
    return [Monograph(0, len(segment.text), segment.text, "monographs", name=m.group("name").strip(), kind_text=kind_text,
                      place=m.group("place").strip(), typology=hits[0].concept.slug if hits else None)]


def listed_pole(monograph: Monograph, poles: list):
    """The pole of the list the monograph is about, or None."""
    same = [p for p in poles if name_key(p.name) == name_key(monograph.name)]
    if len(same) == 1:
        return same[0]
    place = name_key(monograph.place)
    return next((p for p in same if name_key(p.place_text or "") == place), None) or next(
        (p for p in same if place in name_key(p.place_text or "")), None)


EXAMPLES = [  # (text, monographs found)
    ("- APEAS, association d'acteurs, Marseille.", {"monograph APEAS: development-association @ Marseille"}),
    ("- ARTIS, hôtel d'activité ESS et artisanat, Agglomération de Grenoble.",
     {"monograph ARTIS: hosting-space @ Agglomération de Grenoble"}),
    ("- Inter Made, couveuse ESS, Marseille.", {"monograph Inter Made: couveuse ESS @ Marseille"}),
    ("APEAS, association d'acteurs, Marseille.", set()),  # not an item of the list of monographs
    ("Monographies", {"list title"}),
]
