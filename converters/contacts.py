"""Contact lines: persons (names, roles, e-mails, phones) and the postal address that follows.

"Fabien Harel, directeur fabien.harel@orange.fr 40, rue Carnot 05000 Gap" gives one person and
the address "40, rue Carnot 05000 Gap". Persons are personal data: they go to the private graph
only; the address is the organisation's and is public.
"""
from __future__ import annotations

import re

from .model import Contact

EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
PHONE = re.compile(r"(?:t[ée]l\.?\s*:?\s*)?(?P<number>(?:\+33\s?|0)[1-9](?:[\s.]?\d{2}){4})", re.IGNORECASE)
_ROLE_LABEL = re.compile(r"(?P<role>\b[A-ZÉ][\wéèêàç'\-]+)\s*:\s*")
_ROLE_WORDS = {"directeur", "directrice", "président", "présidente", "coordinateur", "coordinatrice",
               "chargé de mission", "chargée de mission", "responsable", "gérant", "gérante", "délégué",
               "déléguée", "secrétaire", "trésorier", "trésorière", "animateur", "animatrice"}
_NAME_WORD = re.compile(r"^[A-ZÀ-Ý][a-zà-ÿ'\-]+(?:-[A-ZÀ-Ý][a-zà-ÿ'\-]+)*$|^[A-ZÀ-Ý]{2,}$")


def split_contact(text: str) -> tuple[Contact | None, str | None]:
    """The persons of a contact line and the text that follows the last e-mail or phone (the
    address, if any)."""
    marks = sorted([*EMAIL.finditer(text), *PHONE.finditer(text)], key=lambda m: m.start())
    if not marks:
        return None, text.strip() or None
    emails = [m.group(0) for m in EMAIL.finditer(text)]
    phones = [re.sub(r"[\s.]", "", m.group("number")) for m in PHONE.finditer(text)]
    people_text = text[: marks[-1].start()]
    address = text[marks[-1].end() :].strip() or None
    names, roles = _people(EMAIL.sub(" ", PHONE.sub(" ", people_text)))
    return Contact(names=names, emails=emails, phones=phones, roles=roles, lines=[]), address


def _people(text: str) -> tuple[list[str], list[str]]:
    names: list[str] = []
    roles: list[str] = []
    # "Président : Benoit Deboos", "Développement : Philippe Charmont"
    segments = _ROLE_LABEL.split(text)
    if len(segments) > 1:
        # segments: [before, role1, after1, role2, after2...]
        for i in range(1, len(segments), 2):
            roles.append(segments[i].strip())
            names.extend(_names(segments[i + 1]))
        return names, roles
    for part in re.split(r",\s*", text):
        part = part.strip()
        if not part:
            continue
        if part.lower() in _ROLE_WORDS or part[:1].islower():
            roles.append(part)
        else:
            names.extend(_names(part))
    return names, roles


def _names(text: str) -> list[str]:
    """"Frédéric Ménard Jean-Claude Girard" -> two persons; "Nathalie Billot Navarre" -> one."""
    words = [w for w in text.split() if _NAME_WORD.match(w)]
    if not words:
        return []
    if len(words) >= 4 and len(words) % 2 == 0:
        return [" ".join(words[i : i + 2]) for i in range(0, len(words), 2)]
    return [" ".join(words)]
