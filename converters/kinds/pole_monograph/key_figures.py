"""The key figures ("Chiffres clefs"), one per list item: "Plus de **300** équivalents temps plein
employés par l'ensemble des membres", "Plus de 10 emplois créés en 4 ans" (over a period),
"1 groupement d'entreprises en création". Read by the figure reader of the converters
(`converters.figures`): the shared figures rule reads these lines otherwise (the whole clause as
the words of "25 membres de statuts divers : associations, ...", a groupement as a thing counted).
A share the figure is given with ("(60% revendus ESS)") keeps the line as a note too.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...figures import find_figures
from ...model import Figure
from ...rules.facts import Quantity
from ..subject_facts import Note

_GROUP = re.compile(r"^(\d+)\s+groupements? d'entreprises")


def find(segment, context) -> list:
    text, end = segment.text, len(segment.text)
    figures = find_figures(text, [])
    period = re.search(r"\ben (\d+) ans\b", text)
    for figure in figures:
        figure.period_years = int(period.group(1)) if period else None
    group = _GROUP.match(text) if not figures else None
    if group:
        figure = Figure("organisations", Decimal(group.group(1)), "organisation", text, [])
        figure.counted_kind_text = "groupements d'entreprises en création"
        figures = [figure]
    out: list = [Quantity(0, end, f.stated_as, "key figures", figure=f) for f in figures]
    if figures and re.search(r"\d+\s*%", text):
        out.append(Note(0, end, text, "key figures: a share", value=text))
    return out


EXAMPLES = [  # (text, figures found)
    ("- Plus de **300** équivalents temps plein employés par l'ensemble des membres du pôle.", {"figure fte=300"}),
    ("- Plus de **10** emplois créés en **4** ans.", {"figure jobs-created=10"}),
    ("- **1** groupement d'entreprises en création.", {"figure organisations=1"}),
    ("- **25** membres de statuts divers : associations, entreprises SARL, SAS, (60% revendus ESS)", {
        "figure members=25", "note 25 membres de statuts divers : associations, entreprises SARL, SAS, (60% revendus ESS)"}),
]
