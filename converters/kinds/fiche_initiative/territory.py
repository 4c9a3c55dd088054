"""The territory of action: "Territoire d'action : Sud Essonne soit 132 communes." gives the area
and its département (read by the territory reader of the linking stage) and the count of its
communes."""
from __future__ import annotations

import re
from decimal import Decimal

from ...link.territory import parse_territory
from ...model import Figure
from ...rules.facts import Quantity
from ..sections import Problem
from ..subject_facts import Territory
from .template import FieldStart


def find(segment, context) -> list:
    start = next(iter(context.earlier(segment, FieldStart)), None)
    if start is None:
        return []
    text = start.value.strip(" .")
    place = re.split(r"\s+soit\s+", text)[0]
    parsed = parse_territory(place)
    at, end = max(0, segment.text.find(text)), len(segment.text)
    out = [Territory(at, end, text, "territory", value=text, places=[m for m in parsed.places if m.place is not None],
                     areas=list(parsed.areas))]
    out += [Problem(at, end, text, "territory", message=f"territory: {problem}") for problem in parsed.problems]
    count = re.search(r"(\d+)\s+communes", text)
    if count:
        figure = Figure("communes", Decimal(count.group(1)), "commune", text, [])
        figure.counted_kind_text = f"communes du territoire d'action ({place})"
        out.append(Quantity(at, end, text, "territory: communes", figure=figure))
    return out


EXAMPLES = [  # (a field of a fiche, what it gives)
    ("- **Territoire d'action** : Sud Essonne soit 132 communes.", {"territory departement:91 (Sud Essonne)", "figure communes=132"}),
    ("Territoire d'action : Pays de Bray", {"territory (Pays de Bray)"}),
    ("Territoire d'action : Grenoble", {"territory commune:38185"}),
]
