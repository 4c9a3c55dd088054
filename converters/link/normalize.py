"""Text normalisation shared by the linkers: one key for the many spellings of a French place name.

``fold("L’Île-St-Denis")`` and ``fold("l'ile saint denis")`` both give ``"l ile saint denis"``:
accents and case dropped, apostrophes, hyphens, dashes and punctuation turned into single spaces,
St/Ste expanded. Leading articles are kept (``strip_article`` removes them) because "Le Mans" and
a hypothetical "Mans" are different names; callers try the exact key first.
"""

from __future__ import annotations

import re
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
# Everything that is not a letter or a digit separates words: apostrophes (' ’ ʼ `), hyphens and
# dashes (- ‐ – —), dots ("St."), commas, degree signs ("18°"), guillemets, slashes...
_SEPARATORS = re.compile(r"[^0-9a-z]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_ABBREVIATED = re.compile(r"\b(?:stes|sts|ste|st)\b")
ARTICLES = ("les", "la", "le", "l")


_COMBINING = re.compile(r"[\u0300-\u036f]")


def strip_accents(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_LIGATURES)))


def fold(text: str) -> str:
    """Comparison key: no accents, lower case, words separated by one space, St/Ste expanded."""
    key = _SEPARATORS.sub(" ", strip_accents(text).lower()).strip()
    return _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group()], key) if "st" in key else key


def strip_article(key: str) -> str:
    """Drop one leading article from a folded key ("les deux sevres" -> "deux sevres")."""
    head, _, rest = key.partition(" ")
    return rest if head in ARTICLES and rest else key


def tidy(text: str) -> str:
    """Collapse whitespace, strip surrounding spaces and stray punctuation; keep the spelling."""
    return re.sub(r"\s+", " ", text).strip(" \t,;:.-–—/")
