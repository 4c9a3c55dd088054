"""The field of activity: "Domaine d'activité : l'insertion par l'activité économique." gives the
pole's themes, concepts of the theme scheme (ontology/schemes/themes.ttl) read by the shared
theme splitter; a theme the scheme lacks is kept as written, and said."""
from __future__ import annotations

import re

from ...rules.facts import ThemeFact
from ...themes import split_themes
from ..sections import Problem
from .template import FieldStart


def find(segment, context) -> list:
    start = next(iter(context.earlier(segment, FieldStart)), None)
    if start is None:
        return []
    value = re.sub(r"^(?:l'|le |la |les )", "", start.value.strip(" ."))  # "l'insertion...": the theme, not its article
    out = []
    for label, slug, known in split_themes(value):
        at = max(0, segment.text.find(label))
        out.append(ThemeFact(at, at + len(label), label, "activity", label=label, slug=slug, known=known))
        if not known:
            out.append(Problem(at, at + len(label), label, "activity",
                               message=f"theme {label!r} is not in ontology/schemes/themes.ttl: minted as a new concept"))
    return out


EXAMPLES = [  # (a field of a fiche, the themes it gives)
    ("- **Domaine d'activité** : l'insertion par l'activité économique.", {"theme insertion-par-l-activite-economique"}),
    ("Domaine d'activité : culture, services aux entreprises et aux habitants", {
        "theme culture", "theme services-aux-entreprises", "theme services-aux-habitants"}),
    ("Domaine d'activité : la tapisserie d'Aubusson", {
        "theme tapisserie d'Aubusson", "problem theme \"tapisserie d'Aubusson\" is not in ontology/schemes/themes.ttl: "
                                       "minted as a new concept"}),
]
