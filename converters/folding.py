"""Text folding for matching names and labels: case, accents, apostrophes and dashes.

`fold` keeps one character per input character, so a match found in folded text has the same
offsets in the original text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = {"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‑": "-", "œ": "o", "Œ": "o", "æ": "a", "Æ": "a"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char


def fold(text: str) -> str:
    """Lower-case, accent-free text of the same length."""
    return "".join(_fold_char(c) for c in text)


_NON_WORD = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """Identity key of a name: folded, punctuation and spacing ignored ("Clu'Ster Jura" -> "clu ster jura")."""
    return _NON_WORD.sub(" ", fold(text)).strip()
