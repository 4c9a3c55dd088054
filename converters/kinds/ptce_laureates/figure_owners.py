"""The figures of a fiche's project and partners, and whose figure each clause states.

Figures are read with `figures.find_figures`: the shared `quantities` rule gives other measures on
this document ("soixante-dix entreprises" are members there, member companies here). A figure is
the pole's unless its clause is about another organisation: one the fiche names ("Les huit
structures fondatrices d'Entrepreneurs solidaires du Centre Isère", "la SCIC la Serre, qui compte
quatre-vingt membres") gets it; one the fiche does not know ("l'association Echobat Développement,
réseau ... de quatorze entreprises") keeps it in the text only (ANOTHER)."""
from __future__ import annotations

import re

from ...figures import find_figures
from ...folding import fold
from .partners import heading_of

ANOTHER = "another organisation"
_OF_ANOTHER = re.compile(r"\b(?:une association|un réseau|un regroupement) de\b|"
                         r"\b(?:l'association|la SCOP|la SCIC|l'entreprise|la société)\s+[A-ZÀ-Ý]")


def read_figures(laureate, segments) -> None:
    """The figures of the segments (not those of a line that names a member, not a heading's)."""
    pole, doc = laureate.pole, laureate.doc
    member_lines = {line for m in pole.memberships for line in m.lines}
    names = sorted({doc.organisations[m.org_key].name for m in pole.memberships}, key=len, reverse=True)
    for seg in segments:
        text = laureate.written(seg)
        if set(seg.lines) & member_lines or heading_of(text):
            continue
        for figure in find_figures(text, seg.lines):
            name = owner(figure.stated_as, names)
            if name == ANOTHER:
                continue
            if name:
                org = laureate.orgs.find(name, pole.key)
                org.figures.append(figure)
                org.lines.update(seg.lines)
            else:
                pole.figures.append(figure)
            laureate.claim([seg])


def owner(clause: str, names: list[str]) -> str | None:
    """The name (of `names`, longest first) whose organisation the clause is about, ANOTHER, or
    None for the pole's own figure. A name after "PTCE" or "pôle" is the pole's member, not the
    subject ("Le PTCE Pôle Sud Archer ... emploie ...")."""
    folded = fold(clause)
    name = next((n for n in names if re.search(rf"(?<![\w]){re.escape(fold(n))}(?![\w])", folded)), None)
    if name and not re.search(r"\b(?:ptce|pole)\b", folded.split(fold(name))[0]):
        return name
    return ANOTHER if _OF_ANOTHER.search(clause) else None


EXAMPLES = [  # (clause, names of the fiche's organisations, owner)
    ("Il est porté par la société coopérative d'intérêt collectif (SCIC) la Serre, qui compte quatre-vingt membres",
     ["La Serre"], "La Serre"),
    ("Le développement de la filière est animé par l'association Echobat Développement, réseau d'acteurs composé de quatorze entreprises",
     ["Comité du bassin d'emploi du Pays d'Ancenis"], ANOTHER),
    ("Le PTCE Pôle Sud Archer regroupe une quinzaine de « pôles d'activités »", ["Groupe Archer"], None),
    ("Aujourd'hui, le PTCE représente 145 ETP (équivalents temps plein)", ["Maison de l'économie solidaire"], None),
]
