"""When a scheme opens next: a season or a month and a year alone under the scheme's heading
("APPEL À PROJETS ESS" then "Printemps 2024")."""
from __future__ import annotations

import re

from .facts import NextSession

_WHEN = re.compile(r"^(?:Printemps|Été|Automne|Hiver|Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Août|Septembre|Octobre|"
                   r"Novembre|Décembre)\s+\d{4}$")


def find(segment, context) -> list[NextSession]:
    text = segment.text
    return [NextSession(0, len(text), text, "sessions")] if _WHEN.match(text) else []


EXAMPLES = [  # (text, facts found)
    ("Printemps 2024", {"next session Printemps 2024"}),
    ("Septembre 2025", {"next session Septembre 2025"}),
    ("Printemps 2024 : inscriptions ouvertes.", set()),
]
