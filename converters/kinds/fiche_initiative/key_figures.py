"""The key figures of the territory: "Chiffres clé du territoire : Ile de france" names the
territory (a région), and the lines below count its social and solidarity economy: "31 000
établissements employeurs - 374 000 emplois, soit 6.6 % des effectifs salariés", "27 590
associations, soit 89 % des établissements employeurs..." (a share counts what the figure before
it counts). They are figures of the territory, not of the pole.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...folding import name_key
from ...link.geography import get_geography
from ...model import Figure
from ...rules.facts import PlaceRef, Quantity
from .template import FieldStart

_FIGURE = re.compile(r"(?P<num>\d{1,3}(?:[ \u00a0.]\d{3})*(?:[.,]\d+)?)\s*(?P<pct>%)?\s*(?P<what>[^,\-–;]+)")
_ORGANISATIONS = ("associations", "cooperatives", "mutuelles", "fondations", "structures")


def find(segment, context) -> list:
    start = next(iter(context.earlier(segment, FieldStart)), None)
    if start is not None:  # the field names the territory
        region = get_geography().region(start.value).place if start.value else None
        return [PlaceRef(0, len(segment.text), start.value, "key figures: territory", place=region, how="key figures")] if region else []
    text = segment.text
    return [Quantity(m.start(), m.end(), m.group(0), "key figures", figure=f, of_territory=True)
            for m, f in _figures(text)]


def _figures(text: str) -> list[tuple[re.Match, Figure]]:
    out = []
    for m in _FIGURE.finditer(text):
        value = Decimal(re.sub(r"[ \u00a0]", "", m.group("num")).replace(",", "."))
        what = m.group("what").strip(" .")
        folded = name_key(what)
        if m.group("pct"):
            unit = "percent"
            measure = "ess-share-of-jobs" if "effectifs" in folded or "emploi" in folded else "establishments-share"
        elif "etablissements employeurs" in folded:
            measure, unit = "employer-establishments", "organisation"
        elif folded.startswith("emplois"):
            measure, unit = "ess-jobs", "job"
        elif folded.split()[0] in _ORGANISATIONS:
            measure, unit = "organisations", "organisation"
        else:
            continue
        figure = Figure(measure=measure, value=value, unit=unit, stated_as=text.strip(" ."), lines=[])
        figure.counted_kind_text = what
        out.append((m, figure))
    previous = None
    for _, figure in out:  # "27 590 associations, soit 89 % des établissements...": the share of the count before
        if figure.unit == "percent" and previous is not None and previous.measure == "organisations":
            figure.counted_kind_text = f"{previous.counted_kind_text} : {figure.counted_kind_text}"
        previous = figure
    return out


EXAMPLES = [  # (lines of a fiche, what they give)
    ("Chiffres clé du territoire : Ile de france", {"place region:11"}),
    ("31 000 établissements employeurs - 374 000 emplois, soit 6.6 % des effectifs salariés dans la région.", {
        "figure employer-establishments=31000 (territory)", "figure ess-jobs=374000 (territory)",
        "figure ess-share-of-jobs=6.6 (territory)"}),
    ("27 590 associations, soit 89 % des établissements employeurs de l'économie sociale et solidaire en France.", {
        "figure organisations=27590 (territory)", "figure establishments-share=89 (territory)"}),
]
