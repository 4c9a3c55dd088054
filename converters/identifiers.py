"""SIRENE identifiers written in a text ("SIREN 812 345 676", "SIRET : 812 345 676 00017"),
checked with python-stdnum (length and Luhn check digit): a number that fails is reported, not kept."""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.fr import siren, siret

_LABELLED = re.compile(r"\b(?:n°\s*)?(?P<label>SIREN|SIRET)\b\s*(?:n°|no|:)?\s*:?\s*(?P<number>\d[\d \u00a0.]{7,22}\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Registration:
    kind: str  # "siren" or "siret"
    number: str  # digits only
    valid: bool
    written: str
    start: int = 0  # where it is written in the text


def find_registrations(text: str) -> list[Registration]:
    found = []
    for m in _LABELLED.finditer(text):
        digits = re.sub(r"\D", "", m.group("number"))
        kind = "siret" if len(digits) == 14 else "siren" if len(digits) == 9 else m.group("label").lower()
        module = siret if kind == "siret" else siren
        found.append(Registration(kind, digits, module.is_valid(digits), m.group(0).strip(), m.start()))
    return found
