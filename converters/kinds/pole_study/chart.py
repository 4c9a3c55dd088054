"""The chart of the study's typology, from its heading ("Définition - Typologie") to the next
section: physical or not, one function or several, and the three kinds of pole it defines
(association de développement, espace d'hébergement, centre multifonction). Each of its lines is
a source of the typology scheme (ontology/schemes/typology.ttl), which holds what it says.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...rules.facts import Fact
from ...vocabularies import vocabulary


@dataclass
class ChartLine(Fact):
    concepts: tuple[str, ...] = ()  # the kinds of the typology the line names

    def key(self) -> str:
        return "typology chart" + "".join(f" {c}" for c in self.concepts)


def find(segment, context) -> list[ChartLine]:
    hits = vocabulary("typology").find(segment.text)
    return [ChartLine(0, len(segment.text), segment.text, "typology chart", concepts=tuple(h.concept.slug for h in hits))]


EXAMPLES = [  # (a line of the chart, what it gives)
    ("Définition - Typologie", {"typology chart"}),
    ("MULTI fonction", {"typology chart"}),
    ("espace d'hébergement", {"typology chart hosting-space"}),
]
