"""The counted fields of the template: "Salariés : 10", "Taille du pôle : 3/5", "Niveau de
structuration : 4/5" (a score out of 5; the study's template writes "..f5" for "../5")."""
from __future__ import annotations

import re
from decimal import Decimal

from ...model import Figure
from ...rules.facts import Quantity
from .template import SCORE, FieldStart

_MEASURES = {"size": "size-score", "structuring": "structuring-score"}


def find(segment, context) -> list[Quantity]:
    start = next(iter(context.earlier(segment, FieldStart)), None)
    return read(start.name, start.key_text, start.value, 0, len(segment.text)) if start else []


def read(field: str, key_text: str, value: str, start: int, end: int) -> list[Quantity]:
    """The figure of a counted field, or nothing when its value is no count."""
    stated = f"{key_text} : {value}"
    if field == "employees" and (m := re.match(r"^(\d+)", value)):
        figure = Figure("employees", Decimal(m.group(1)), "person", stated, [])
        figure.counted_kind_text = "salariés"
    elif field in _MEASURES and (m := SCORE.match(value.replace("f", "/"))):
        figure = Figure(_MEASURES[field], Decimal(m.group("value")), "point", stated, [])
        figure.scale_max = int(m.group("max"))
    else:
        return []
    return [Quantity(start, end, stated, f"counts: {field}", figure=figure)]


EXAMPLES = [  # (a field of a fiche, its figure)
    ("Taille du pôle : 3/5", {"figure size-score=3"}),
    ("Niveau de structuration : 4/5", {"figure structuring-score=4"}),
    ("- **Salariés** : 10.", {"figure employees=10"}),
    ("Taille du pôle : ..f5", set()),  # the template, not a score
]
