"""Contacts and addresses: e-mails and phones (with the persons they belong to: private),
postal addresses (public), websites, SIREN/SIRET numbers (checked with python-stdnum) and the
RNA numbers of associations."""
from __future__ import annotations

import re

from ..contacts import EMAIL, PHONE, split_contact
from ..identifiers import find_registrations
from ..link.territory import parse_address
from .context import Context
from .facts import AddressFact, ContactFact, Identifier, Website

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'«»()]+[^\s<>\"'«»().,;:!?]", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|route|"
                      r"square|cours|esplanade|parvis|zone|lieu-dit)\b[^,;]{2,60}?,?\s+)?\b(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97\d)\d{3}\s+"
                      r"[A-ZÀ-Ý][\w'’\-]*(?:[\s\-][A-ZÀ-Ý][\w'’\-]*){0,4}(?:\s+cedex(?:\s*\d+)?)?", re.IGNORECASE)


def find(segment, context: Context) -> list:
    text = segment.text
    out: list = []
    if EMAIL.search(text) or PHONE.search(text):
        contact, _ = split_contact(text)
        if contact is not None:
            out.append(ContactFact(0, len(text), text, "contacts: e-mail or phone", contact=contact))
    for m in _ADDRESS.finditer(text):
        parsed = parse_address(m.group(0))
        if parsed is not None and parsed.commune is not None:
            # kept even when the town does not match its postal code ("37000 Orléans"): the
            # assembly tells the steward, and links no commune
            out.append(AddressFact(m.start(), m.end(), m.group(0), "contacts: postal address", address=parsed))
    for m in _URL.finditer(text):
        url = m.group(0)
        if "@" in url:
            continue
        out.append(Website(m.start(), m.end(), url, "contacts: website", url=url if url.lower().startswith("http") else f"http://{url}"))
    for registration in find_registrations(text):
        out.append(Identifier(registration.start, registration.start + len(registration.written), registration.written,
                              "contacts: identifier", registration=registration))
    return out


EXAMPLES = [  # (text, facts found)
    ("Site : www.loire-solidaires.org, outil de communication", {"website http://www.loire-solidaires.org"}),
    ("SIRET : 812 345 676 00017", {"identifier siret 81234567600017"}),
    ("SIREN 732 829 321", {"identifier siren 732829321 (invalid)"}),
    ("SIREN 732 829 320", {"identifier siren 732829320"}),
    ("Association déclarée, n° RNA W 2A1 000123.", {"identifier rna W2A1000123"}),
    ("RCS Nevers 959 898 347", {"identifier siren 959898347"}),
    ("Oui : 956 122 105 (RCS Chambéry).", {"identifier siren 956122105"}),
    ("RNA : W991234567", {"identifier rna W991234567 (invalid)"}),
    ("54, rue d'Auge 14000 Caen", {"address 54, rue d'Auge 14000 Caen"}),
    ("12 rue Jeanne d'Arc 37000 Orléans", {"address 12 rue Jeanne d'Arc 37000 Orléans"}),
]
