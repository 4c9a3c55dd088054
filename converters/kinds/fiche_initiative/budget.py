"""The budget: "400 000€ (100 000€, fonctionnement du pôle : Conseil Régional ; 300 000€,
actions définies : plusieurs Collectivités)" is the budget, and each share a grant with what it
pays for and who pays it (a funder of the pole, when the words name one organisation)."""
from __future__ import annotations

import re
from decimal import Decimal

from ...mentions import parse_mention
from ...model import Figure
from ...rules.facts import Quantity
from ..subject_facts import Member
from .template import FieldStart

_SHARE = re.compile(r"^(?P<amount>[\d  .]+)\s*€\s*,\s*(?P<purpose>[^:]+?)\s*:\s*(?P<funder>.+)$")


def find(segment, context) -> list:
    start = next(iter(context.earlier(segment, FieldStart)), None)
    if start is None:
        return []
    value, end = start.value, len(segment.text)
    out = []
    total = re.match(r"^\s*([\d  .]+)\s*€", value)
    if total:
        figure = Figure("budget", Decimal(re.sub(r"[^\d]", "", total.group(1))), "euro", f"{start.key_text} : {value}", [])
        out.append(Quantity(0, end, segment.text, "budget", figure=figure))
    shares = re.search(r"\((?P<list>.+)\)", value)
    for share in re.split(r"\s*;\s*", shares.group("list")) if shares else []:
        m = _SHARE.match(share.strip())
        if not m:
            continue
        figure = Figure("grant", Decimal(re.sub(r"[^\d]", "", m.group("amount"))), "euro", share.strip(), [])
        figure.counted_kind_text = m.group("purpose").strip()
        mention = parse_mention(m.group("funder"), segment.lines)
        if mention is not None:
            out.append(Member(0, end, m.group("funder"), "budget: funder", mention=mention, role="funder", funds=[figure]))
        out.append(Quantity(0, end, share.strip(), "budget: grant", figure=figure))
    return out


EXAMPLES = [  # (a field of a fiche, what it gives)
    ("- **Budget** : 400 000€ (100 000€, fonctionnement du pôle : Conseil Régional ; 300 000€, actions définies : "
     "plusieurs Collectivités)", {"figure budget=400000", "figure grant=100000", "figure grant=300000", "funder Conseil Régional"}),
    ("Budget : 120 000 €", {"figure budget=120000"}),
    ("Budget : non communiqué", set()),
]
