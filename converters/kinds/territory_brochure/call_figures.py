"""What the authority's call for projects gave: "Appel à projets ESS : 45 lauréats et près de
300 000 euros engagés depuis 2018", "45 PROJETS AIDÉS DEPUIS 2018"."""
from __future__ import annotations

import re

from . import schemes
from .facts import CallFigures, figure

_LAUREATES = re.compile(r"(?P<n>\d+)\s+(?:lauréats|projets aidés)", re.IGNORECASE)
_AMOUNT = re.compile(r"(?P<approx>près de|environ|plus de)?\s*(?P<v>\d[\d \u00a0]*)\s*euros engagés")
_SINCE = re.compile(r"depuis (?P<year>\d{4})", re.IGNORECASE)


def find(segment, context) -> list[CallFigures]:
    text = segment.text
    laureates, amount, since = _LAUREATES.search(text), _AMOUNT.search(text), _SINCE.search(text)
    if not (laureates or amount):
        return []
    key, label = schemes.call(context)
    fact = CallFigures(0, len(text), text, "call_figures", scheme=key, label=label, since=since and int(since.group("year")))
    if laureates:
        fact.figures.append(figure("laureates", laureates.group("n"), "organisation", text))
    if amount:
        fact.figures.append(figure("grant", amount.group("v"), "euro", text, amount.group("approx")))
    return [fact]


EXAMPLES = [  # (text, facts found)
    ("Appel à projets ESS : 45 lauréats et près de 300 000 euros engagés depuis 2018",
     {"call laureates=45 grant=300000 since 2018"}),
    ("45 PROJETS AIDÉS DEPUIS 2018", {"call laureates=45 since 2018"}),
    ("Organisé chaque année depuis 2018, l'appel à projets ESS encourage les structures.", set()),
]
