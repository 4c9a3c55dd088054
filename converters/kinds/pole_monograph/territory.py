"""The territory of the monograph's subject: "Territoire : Plateau de Saclay, Nord-Ouest Essonne",
read by the territory reader of the linking stage with the rest of the document as context (it
settles a name that contradicts a code). The départements found settle the homonyms of the
communes named further on (`departements`)."""
from __future__ import annotations

import re

from ...link.geography import DEPARTEMENT_KINDS
from ...link.territory import parse_territory
from ...reading.segments import BOILERPLATE, PRIVATE_LINE
from ..sections import Problem
from ..subject_facts import Territory

_FIELD = re.compile(r"^Territoire\s*:\s*(?P<value>.+)$", re.IGNORECASE)


def find(segment, context) -> list:
    m = _FIELD.match(segment.text)
    if not m:
        return []
    everything = " ".join(s.text for s in context.segments if s.kind not in (BOILERPLATE, PRIVATE_LINE))
    parsed = parse_territory(m.group("value"), everything)
    start, end = m.start("value"), m.end("value")
    out = [Territory(start, end, m.group("value"), "territory", value=m.group("value"),
                     places=[x for x in parsed.places if x.place is not None], areas=list(parsed.areas))]
    return out + [Problem(start, end, m.group("value"), "territory", message=f"territory: {p}") for p in parsed.problems]


def departements(context) -> list[str]:
    """The codes of the départements of the territory read so far."""
    return [m.place.code for facts in context.found.values() for f in facts if isinstance(f, Territory)
            for m in f.places if m.place.kind in DEPARTEMENT_KINDS]


EXAMPLES = [  # (text, territory found)
    ("Territoire : Plateau de Saclay, Nord-Ouest Essonne", {"territory departement:91 (Plateau de Saclay) (Nord-Ouest Essonne)"}),
    ("Territoire : Pays de Bray", {"territory (Pays de Bray)"}),
    ("Territoire d'action : Grenoble", set()),  # the fiche's field, not the monograph's
]
