"""The phase of a PTCE its project text gives: "L'émergence du PTCE ...", "un PTCE émergent"
(concept `emergent` of the PTCE phase scheme, ontology/schemes/typology.ttl)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...rules.facts import Fact

_EMERGENT = re.compile(r"émergence (?:du|d'un) PTCE|PTCE émergent", re.IGNORECASE)


@dataclass
class Phase(Fact):
    phase: str = ""

    def key(self) -> str:
        return f"phase {self.phase}"


def read_phase(laureate) -> None:
    cues = [seg for seg in laureate.description if find(seg, laureate.reading.context)]
    if cues:
        laureate.pole.phase, laureate.pole.phase_lines = "emergent", [n for seg in cues for n in seg.lines]
        laureate.claim(cues)


def find(segment, context) -> list[Phase]:
    return [Phase(m.start(), m.end(), m.group(0), "ptce_laureates.phase", phase="emergent")
            for m in _EMERGENT.finditer(segment.text)]


EXAMPLES = [  # (text, phases found)
    ("L'émergence du PTCE « Comité d'expansion 05 » vise trois grands objectifs :", {"phase emergent"}),
    ("L'émergence d'un PTCE permettra également de consolider les actions", {"phase emergent"}),
    ("Le PTCE s'inscrit dans le territoire du Parc naturel régional des Ardennes.", set()),
]
