"""The goals of the pole: each list item under "Objectifs" is one (the sentences around the list
are text)."""
from __future__ import annotations

from ...reading.segments import ITEM
from ..subject_facts import PoleText


def find(segment, context) -> list[PoleText]:
    if segment.kind != ITEM:
        return []
    goal = segment.text.rstrip(" ,;")
    return [PoleText(0, len(goal), goal, "goals", prop="goal", value=goal)]


EXAMPLES = [  # (text, goals found)
    ("- Favoriser la **création d'entreprises sociales**,", {"goal: Favoriser la création d'entreprises sociales"}),
    ("- Conforter la pérennité des structures locales ;", {"goal: Conforter la pérennité des structures locales"}),
    ("Le programme du pôle vise 4 objectifs :", set()),
]
