"""The perspectives of the pole: each paragraph or item is an action it plans (ess:plannedAction)."""
from __future__ import annotations

from ..subject_facts import PoleText


def find(segment, context) -> list[PoleText]:
    return [PoleText(0, len(segment.text), segment.text, "perspectives", prop="plannedAction", value=segment.text)]


EXAMPLES = [  # (text, planned actions)
    ("Cet accompagnement se traduit par la création d'un réseau d'entrepreneurs.", {
        "plannedAction: Cet accompagnement se traduit par la création d'un réseau d'entrepreneurs."}),
    ("- Le pôle participe au développement économique de son territoire.", {
        "plannedAction: Le pôle participe au développement économique de son territoire."}),
    ("Perspectives de développement", {"plannedAction: Perspectives de développement"}),
]
