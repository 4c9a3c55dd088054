"""Governance and funding: the pole's legal form ("PôleS NOE est une association loi 1901"), the
text of its governance (board, members, bureau...), its figures, and the share of its funding
that is public ("assuré à plus de 50% sur subventions publiques"; the line is kept as a note too).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...figures import find_figures
from ...folding import name_key
from ...mentions import find_forms
from ...model import Figure
from ...rules.facts import PoleName, Quantity, SubjectForm
from ..subject_facts import Note, PoleText

_FORM = re.compile(r"\best une\s+(?P<form>association(?:\s+loi\s+1901)?|SCIC|SCOP[^.]*)", re.IGNORECASE)
_GOVERNANCE = re.compile(r"gouvernance|conseil d'administration|bureau|adhérents", re.IGNORECASE)
_PUBLIC_SHARE = re.compile(r"(?P<approx>plus de|moins de|environ)?\s*(?P<value>\d+(?:,\d+)?)\s*%\s*sur\s*(?P<what>subventions? publiques?)")
_APPROXIMATION = {"plus de": "more-than", "moins de": "less-than", "environ": "approximately"}


def find(segment, context) -> list:
    text, end = segment.text, len(segment.text)
    out: list = []
    m = _FORM.search(text)
    names = {name_key(f.name) for facts in context.found.values() for f in facts if isinstance(f, PoleName)}
    if m and any(n in name_key(text.split(" est ")[0]) for n in names):
        out += [SubjectForm(m.start("form"), m.end("form"), m.group("form"), "governance: the pole's form", legal_form=hit.concept.slug)
                for hit in find_forms(m.group("form")) if hit.concept.scheme == "legal-form"]
    if _GOVERNANCE.search(text):
        out.append(PoleText(0, end, text, "governance", prop="governance", value=text))
    out += [Quantity(0, end, f.stated_as, "governance: figure", figure=f) for f in find_figures(text, [])]
    share = _PUBLIC_SHARE.search(text)
    if share:
        figure = Figure("public-funding-share", Decimal(share.group("value").replace(",", ".")), "percent", share.group(0).strip(), [])
        figure.approximation = _APPROXIMATION.get(share.group("approx") or "", "exact")
        out += [Quantity(share.start(), share.end(), share.group(0), "governance: public share", figure=figure),
                Note(0, end, text, "governance: public share", value=text)]
    return out


EXAMPLES = [  # (text, what it gives)
    ("PôleS NOE est une association loi 1901. Sa gouvernance est celle classique des associations.", {
        "subject-form association", "governance: PôleS NOE est une association loi 1901. Sa gouvernance est celle classique des associations."}),
    ("Le financement est assuré à plus de 50% sur subventions publiques.", {
        "figure public-funding-share=50", "note Le financement est assuré à plus de 50% sur subventions publiques."}),
    ("Le pôle développe des actions susceptibles d'apporter des ressources propres.", set()),
]
