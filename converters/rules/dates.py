"""Dates the text gives: when an organisation or a pole was created ("créée en 2018", "la
création de Pollens en février 2012", "Il est fondé le Mercredi 7 Octobre 2009"), and dated
events ("le 15 novembre", "Vendredi 21 novembre à partir de 17h30")."""
from __future__ import annotations

import re

from .context import Context
from .facts import DateFact

_MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
           "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
_CREATED = re.compile(
    r"\b(?:cré(?:é|ée|és|ées)|fond(?:é|ée|és|ées)|née?|constitu(?:é|ée)|lancée?|inauguré(?:e)?|(?:la )?création(?: de [^,.;]{1,40}?)?|"
    r"est fondée?|a vu le jour)\s+(?:officiellement\s+)?(?:en|le|depuis|dès)?\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(?:(?P<day>\d{1,2})(?:er)?\s+)?(?:(?P<month>" + "|".join(_MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)


_CREATED_FIELD = re.compile(r"(?:date|année) de (?:création|fondation)|création|fondation|cré(?:é|ée) en|fond(?:é|ée) en",
                            re.IGNORECASE)
_FIELD_DATE = re.compile(r"(?:(?P<day>\d{1,2})[/.-](?P<m>\d{1,2})[/.-])?(?P<year>(?:19|20)\d{2})\b")


def find(segment, context: Context) -> list[DateFact]:
    out = []
    if segment.kind == "field" and segment.key and _CREATED_FIELD.fullmatch(segment.key.strip()):
        # "Date de création : 2017", "Création : 12/03/2015"
        m = _FIELD_DATE.match(segment.text, segment.value_start)
        if m:
            date = m.group("year") if not m.group("day") else \
                f"{m.group('year')}-{int(m.group('m')):02d}-{int(m.group('day')):02d}"
            return [DateFact(m.start(), m.end(), m.group(0), "dates: creation field", date=date, what="created")]
    for m in _CREATED.finditer(segment.text):
        year = m.group("year")
        date = year
        if m.group("month") and m.group("day"):
            date = f"{year}-{_MONTHS[m.group('month').lower()]:02d}-{int(m.group('day')):02d}"
        out.append(DateFact(m.start(), m.end(), m.group(0), "dates: creation", date=date, what="created"))
    return out


EXAMPLES = [  # (text, dates found)
    ("L'association La Californie a été créée en 2018 par trois associations", {"date created 2018"}),
    ("ce qui a conduit à la création de Pollens en février 2012.", {"date created 2012"}),
    ("Il est fondé le Mercredi 7 Octobre 2009 entre les adhérents", {"date created 2009-10-07"}),
    ("le bâtiment accueille 30 personnes en 2013", set()),
    ("Date de création : 2017", {"date created 2017"}),
    ("Création : 12/03/2015", {"date created 2015-03-12"}),
]
