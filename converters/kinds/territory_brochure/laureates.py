"""The organisations the authority's call funded, in one list: "Les structures accompagnées :
Approche, Cité Phares, Cyclofficine, ...". The list gives names only: no qualifier follows a comma,
and a question mark ends a name as a comma does ("Et toi tu fais quoi ? Entre 2A")."""
from __future__ import annotations

import re

from ...mentions import parse_mention
from .facts import Laureates

_LIST = re.compile(r"^Les structures (?:accompagnées|lauréates|soutenues|aidées)\s*:\s*(?P<list>.+)$")


def find(segment, context) -> list[Laureates]:
    m = _LIST.match(segment.text)
    if not m:
        return []
    names = re.split(r",\s+", re.sub(r"\?\s+(?=[A-ZÀ-Ý])", "?, ", m.group("list").strip(" .")))
    mentions = [parse_mention(name, segment.lines, named=True) for name in names]
    return [Laureates(0, len(segment.text), segment.text, "laureates", mentions=[m for m in mentions if m is not None])]


EXAMPLES = [  # (text, facts found)
    ("Les structures accompagnées : Approche, Cité Phares, Et toi tu fais quoi ? Entre 2A, Les Bokhalés.",
     {"laureates Approche, Cité Phares, Et toi tu fais quoi ?, Entre 2A, Les Bokhalés"}),
    ("Les structures lauréates : La Ressourcerie du spectacle, Collectif Repérages",
     {"laureates Ressourcerie du spectacle, Collectif Repérages"}),
    ("Les structures de l'ESS répondent à des défis collectifs.", set()),
]
