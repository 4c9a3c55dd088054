"""The pole's name: the last renaming the text tells ("En 2014, RESEA-2P devient Pôles NOE": the
former names are alternative names), else the subject of a sentence that says what it is ("Le
Pôles NOE est un PTCE", "PôleS NOE est une association")."""
from __future__ import annotations

import re

from ...rules.facts import PoleName

_RENAMED = re.compile(r"\b(?P<old>[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý0-9][\w\-]*)*)\s+devient\s+(?P<new>[A-ZÀ-Ý][\w\-]*(?:\s+[A-ZÀ-Ý][\w\-]*)*)")
_IS_A = re.compile(r"^(?:Le |La |L')?(?P<name>[A-ZÀ-Ý][\w\-]*(?:\s+[A-ZÀ-Ý][\w\-]*)*)\s+(?:est|sont)\s+(?:un|une)\s+"
                   r"(?P<what>PTCE|pôle|association|SCIC)\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def find(segment, context) -> list[PoleName]:
    text = segment.text
    out = [PoleName(m.start(), m.end(), m.group(0), "names: renamed", name=m.group("new"), alt_names=[m.group("old")], strength=3)
           for m in _RENAMED.finditer(text)]
    start = 0
    for sentence in _SENTENCE.split(text):
        m = _IS_A.match(sentence)
        if m:
            kind = "ptce" if m.group("what") == "PTCE" else "pole"
            out.append(PoleName(start, start + m.end(), m.group(0), "names: what it is", name=m.group("name"), kind=kind, strength=2))
        start = text.find(sentence, start) + len(sentence)
    return out


def chosen(facts: list[PoleName]) -> tuple[str, list[str]]:
    """The name and the former names: the last renaming, else the first "X est un ..."."""
    renamed = [f for f in facts if f.strength >= 3]
    if renamed:
        return renamed[-1].name, [old for f in renamed for old in f.alt_names]
    return (facts[0].name, []) if facts else ("Pôle sans nom", [])


EXAMPLES = [  # (text, names found)
    ("En 2014, RESEA-2P devient Pôles NOE.", {"pole Pôles NOE"}),
    ("Le Pôles NOE est un PTCE multi-activités. Les trois secteurs sont les suivants :", {"pole Pôles NOE"}),
    ("PôleS NOE est une association loi 1901.", {"pole PôleS NOE"}),
    ("Le pôle développe des actions.", set()),
]
