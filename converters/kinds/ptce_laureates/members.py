"""Members the project text lists: "Structures constituant la Maison des solidarités :" and the
list items right after it are members ("structures fondatrices": founding members); the list ends
at the first line that is not an item."""
from __future__ import annotations

import re

from ...mentions import parse_mention

_MEMBER_LIST = re.compile(r"^(?:Les\s+)?(?:structures|membres)\b.*(?:constituant|membres|fondatrices)\b.*:$", re.IGNORECASE)


def list_role(text: str) -> str | None:
    """The role of the organisations a lead-in announces, or None when it announces none."""
    if not _MEMBER_LIST.match(text):
        return None
    return "founding-member" if "fondatri" in text.lower() else "member"


def read_members(laureate) -> None:
    role = None
    for seg in laureate.description:
        text = laureate.written(seg)
        if list_role(text):
            role = list_role(text)
            laureate.claim([seg])
            continue
        if role and text.startswith(("-", "•")):  # an item of the list
            mention = parse_mention(text, seg.lines)
            if mention:
                laureate.add_member(mention, role, seg.lines)
                laureate.claim([seg])
            continue
        role = None


EXAMPLES = [  # (lead-in, role)
    ("Structures constituant la Maison des solidarités :", "member"),
    ("Les structures fondatrices du PTCE :", "founding-member"),
    ("Les structures partenaires constituant le PTCE :", "member"),
    ("Le PTCE développe les activités suivantes :", None),
]
