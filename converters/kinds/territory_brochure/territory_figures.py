"""The territory in figures, as a brochure states them, and the seat of its authority.

"environ 20 000 emplois sur 285 000, soit 7,3%" gives three figures (ESS jobs, jobs, share of
ESS jobs); "près de 1300 structures", "plus de 90% sont des associations", "plus de 720 000
habitants", "Fédérant 24 villes", "il compte 5 clubs" one each. "au siège du Grand-Orly Seine
Bièvre à Orly" gives the commune of the authority's seat."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from ...rules.facts import Quantity
from . import territory
from .facts import Seat, figure

_N = r"\d[\d \u00a0]*"
# (pattern, [(group of the number, measure, unit, what is counted)]): the figures of one phrase
PATTERNS = [
    (rf"(?P<approx>environ|près de)?\s*(?P<ess>{_N})\s+emplois sur\s+(?P<total>{_N}),\s*soit\s*(?P<share>\d+(?:,\d+)?)\s*%",
     [("ess", "ess-jobs", "job", None), ("total", "jobs", "job", None), ("share", "ess-share-of-jobs", "percent", None)]),
    (rf"(?P<approx>près de|environ|plus de)\s+(?P<n>{_N})\s+structures\b",
     [("n", "organisations", "organisation", "structures de l'ESS")]),
    (r"(?P<approx>plus de|près de)?\s*(?P<n>\d+)\s*%\s+sont des associations", [("n", "associations-share", "percent", None)]),
    (rf"(?P<approx>plus de|près de|environ)?\s*(?P<n>{_N})\s+habitants", [("n", "inhabitants", "inhabitant", None)]),
    (r"Fédérant\s+(?P<n>\d+)\s+(?:villes|communes)", [("n", "communes", "commune", None)]),
    (r"il compte\s+(?P<n>\d+)\s+clubs", [("n", "organisations", "organisation", "clubs Cigales")]),
]
_PATTERNS = [(re.compile(pattern), figures) for pattern, figures in PATTERNS]
_SEAT = re.compile(r"au siège (?:du|de la|de l'|de) .+? à (?P<town>[A-ZÀ-Ý][\w'’\-]+)")


def find(segment, context) -> list:
    if territory.of(context) is None:
        return []
    text, out = segment.text, []
    for pattern, figures in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        for group, measure, unit, what in figures:
            # only the first figure of a phrase is approximate ("environ 20 000 emplois sur 285 000")
            approx = m.groupdict().get("approx") if group == figures[0][0] else None
            found = figure(measure, m.group(group), unit, m.group(0), approx, what)
            out.append(Quantity(m.start(), m.end(), m.group(0), f"territory_figures: {measure}", figure=found,
                                of_territory=True))
    seat = _SEAT.search(text)
    if seat:
        match = get_geography().commune(seat.group("town"), departements=territory.departements(context))
        if match.place is not None:
            out.append(Seat(seat.start(), seat.end(), seat.group(0), "territory_figures: seat", place=match.place))
    return out


EXAMPLES = [  # (text, facts found); the territory is the Grand-Orly Seine Bièvre, named twice
    ("Ce secteur représente environ 20 000 emplois sur 285 000, soit 7,3% de l'ensemble.",
     {"figure ess-jobs=20000 (territory)", "figure jobs=285000 (territory)", "figure ess-share-of-jobs=7.3 (territory)"}),
    ("Il s'appuie pour cela sur près de 1300 structures.", {"figure organisations=1300 (territory)"}),
    ("Sur les 1300 structures ESS, plus de 90% sont des associations.", {"figure associations-share=90 (territory)"}),
    ("Fédérant 24 villes sur deux départements. Avec plus de 720 000 habitants, c'est la plus grande.",
     {"figure inhabitants=720000 (territory)", "figure communes=24 (territory)"}),
    ("Ce réseau est particulièrement actif dans le territoire où il compte 5 clubs.", {"figure organisations=5 (territory)"}),
    ("La prochaine se tient le jeudi 9 novembre au siège du Grand-Orly Seine Bièvre à Orly.", {"seat commune:94054"}),
    ("1300 structures ESS dans le territoire, 7,3% des emplois", set()),
]
