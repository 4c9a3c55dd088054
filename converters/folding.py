"""Text normalisation for matching names and labels: case, accents, apostrophes, dashes, St/Ste.

`fold` keeps one character per input character, so a match found in folded text has the same
offsets in the original text (label matching); `name_key` is the comparison key of a name.
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


class _FoldTable(dict):
    """str.translate table that computes (and keeps) the fold of each new character."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free text of the same length."""
    return text.translate(_FOLD_TABLE)


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Everything that is not a letter or a digit separates words: apostrophes (' ’ ʼ `), hyphens and
# dashes (- ‐ – —), dots ("St."), commas, degree signs ("18°"), guillemets, slashes...
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ABBREVIATED = re.compile(r"\b(?:stes|sts|ste|st)\b")
_COMBINING = re.compile(r"[\u0300-\u036f]")
ARTICLES = ("les", "la", "le", "l")


def strip_accents(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES)))


def name_key(text: str) -> str:
    """Identity key of a name: no accents, lower case, words separated by one space, St/Ste
    expanded: "L’Île-St-Denis" and "l'ile saint denis" both give "l ile saint denis"."""
    key = _SEPARATORS.sub(" ", strip_accents(text).lower()).strip()
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], key) if "st" in key else key


def strip_article(key: str) -> str:
    """Drop one leading article from a name key ("les deux sevres" -> "deux sevres"). Articles are
    kept by name_key because "Le Mans" and a "Mans" would be different names."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and rest else key


def tidy(text: str) -> str:
    """Collapse whitespace, strip surrounding spaces and stray punctuation; keep the spelling."""
    return re.sub(r"\s+", " ", text).strip(" \t,;:.-–—/")
