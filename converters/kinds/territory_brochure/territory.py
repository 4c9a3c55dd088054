"""The territory a brochure is about: the intercommunality (EPT or EPCI) its text names most often
by its official name, the authority that governs it, and the départements that settle the
homonyms of its communes."""
from __future__ import annotations

import re
from functools import lru_cache

from ...folding import name_key
from ...link.geography import get_geography


def most_named(text: str):
    """The intercommunality the text names most often (twice at least), or None."""
    folded = f" {name_key(text)} "
    best, count = None, 0
    for place, key in _keys():
        n = folded.count(key)
        if n > count:
            best, count = place, n
    return best if count >= 2 else None


@lru_cache(maxsize=None)
def _keys():
    """Official names of two words at least: a name of one word ("Est Ensemble" has two) is too
    often a word of the text."""
    geo = get_geography()
    return [(p, f" {name_key(p.name)} ") for kind in ("ept", "epci") for p in geo.all(kind) if len(name_key(p.name).split()) >= 2]


def of(context):
    """The territory of the document a rule reads."""
    return _of_texts(tuple(s.text for s in context.segments))


@lru_cache(maxsize=8)
def _of_texts(texts: tuple[str, ...]):
    return most_named(" ".join(texts))


def authority_name(place) -> str:
    """"CA Grand Paris Sud Seine Essonne Sénart" -> "Grand Paris Sud Seine Essonne Sénart"."""
    return re.sub(r"^(?:CA|CC|CU|EPT)\s+", "", place.name)


def departements(context) -> list[str]:
    """The départements of the territory's communes (else those the document names)."""
    place = of(context)
    return get_geography().epci_departements(place) if place is not None else sorted(context.departements)


EXAMPLES = [  # (text, the territory's INSEE code or None)
    ("Le Grand-Orly Seine Bièvre soutient l'ESS. Les acteurs du Grand-Orly Seine Bièvre se réunissent.", "200058014"),
    ("Le Grand-Orly Seine Bièvre soutient l'ESS.", None),  # named once: not enough
    ("Est Ensemble accompagne les projets : Est Ensemble et ses neuf villes.", "200057875"),
]
