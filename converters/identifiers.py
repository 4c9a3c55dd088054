"""Identifiers written in a text: SIRENE's ("SIREN 812 345 676", "SIRET : 812 345 676 00017"),
checked with python-stdnum (length and Luhn check digit), and the RNA number of an association
("RNA : W751234567", "n° W 2A1 000123"): W, the two characters of the département of the
prefecture that registered it, seven digits (it has no check digit). A number that fails is
reported, not kept."""
from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.fr import siren, siret

# "RCS Nevers 959 898 347", "R.C.S. Lyon B 812 345 676": the number of the trade register is the SIREN
_RCS = re.compile(r"\bR\.?C\.?S\.?\s+(?:de\s+)?[A-ZÀ-Ý][\w'’\-]*(?:[\s\-][A-ZÀ-Ý][\w'’\-]*){0,3}\s+(?:[AB]\s+)?(?P<number>\d{3}[\s\u00a0.]?\d{3}[\s\u00a0.]?\d{3})\b")
# "956 122 105 (RCS Chambéry)": the number, then the register
_RCS_AFTER = re.compile(r"\b(?P<number>\d{3}[\s\u00a0.]?\d{3}[\s\u00a0.]?\d{3})\s*\(\s*R\.?C\.?S\.?\s+[A-ZÀ-Ý]")
_LABELLED = re.compile(r"\b(?:n°\s*)?(?P<label>SIREN|SIRET)\b\s*(?:n°|no|:)?\s*:?\s*(?P<number>\d[\d \u00a0.]{7,22}\d)", re.IGNORECASE)


# RNA: "W" then 9 characters, after a label, or alone when written in one piece (W751234567).
_RNA = re.compile(r"\b(?:(?:n°\s*)?RNA\b\s*(?:n°|no|:)?\s*:?\s*(?:n°\s*)?(?P<labelled>W[\s\u00a0]?[\dAB][\d \u00a0AB]{7,11}\d)|"
                  r"(?P<bare>W[\dAB]{2}\d{7}))\b", re.IGNORECASE)
_RNA_NUMBER = re.compile(r"W(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97)\d{7}")


@dataclass(frozen=True)
class Registration:
    kind: str  # "siren", "siret" or "rna"
    number: str  # digits only (RNA: W and its nine characters)
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
    for m in [*_RCS.finditer(text), *_RCS_AFTER.finditer(text)]:
        digits = re.sub(r"\D", "", m.group("number"))
        if not any(r.number[:9] == digits for r in found):
            found.append(Registration("siren", digits, siren.is_valid(digits), m.group(0).strip(), m.start()))
    for m in _RNA.finditer(text):
        if m.group("bare") and not m.group("bare").startswith("W"):
            continue  # "w751234567" in lower case is no RNA number
        number = re.sub(r"[\s\u00a0]", "", m.group("labelled") or m.group("bare")).upper()
        found.append(Registration("rna", number, bool(_RNA_NUMBER.fullmatch(number)), m.group(0).strip(), m.start()))
    return found
