"""Themes a text gives a pole ("Thématiques : économie circulaire, alimentation, mobilité"),
recognised by the labels of the theme scheme (ontology/schemes/themes.ttl); a theme the scheme
lacks is kept as the words of the text."""
from __future__ import annotations

import re

from ..themes import split_themes
from .context import Context
from .facts import ThemeFact

_KEYS = re.compile(r"^(?:th[ée]matiques?|th[èe]mes?|secteurs?(?: d'activités?)?|domaines?(?: d'activités?| d'action)?|"
                   r"fili[èe]res?|champs? d'action)\s*:\s*", re.IGNORECASE)


def find(segment, context: Context) -> list[ThemeFact]:
    m = _KEYS.match(segment.text)
    if not m:
        return []
    value = segment.text[m.end():]
    out = []
    for label, slug, known in split_themes(value):
        start = segment.text.find(label, m.end())
        start = start if start >= 0 else m.end()
        out.append(ThemeFact(start, start + len(label), label, "themes", label=label, slug=slug, known=known))
    return out


EXAMPLES = [  # (text, themes found)
    ("Thématiques : économie circulaire, alimentation, mobilité", {"theme economie-circulaire", "theme alimentation", "theme mobilite"}),
    ("Domaines d'action : habitat participatif, apiculture urbaine", {"theme habitat", "theme apiculture urbaine"}),
    ("Le pôle travaille sur l'économie circulaire.", set()),
    ("Secteurs d'activité : culture, services aux entreprises et aux habitants", {
        "theme culture", "theme services-aux-entreprises", "theme services-aux-habitants"}),
]
