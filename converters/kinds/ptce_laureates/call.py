"""The introduction of a list of laureates: the document's title and the call for projects.

The title is the introduction's first lines, up to the date of the ceremony or the table of
contents. Every other line is the call's description, and may state: when the call was launched
("ont lancé", with a date), for which period ("pour la période 2013-2014"), figures ("180 dossiers
de candidatures", "23 projets lauréats": laureates). What the document's own sentences say (its
call's identity and name, when its results were given, who funds it) is read with the patterns
of data/curation/calls.tsv.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ...enumerations import split_items
from ...figures import find_figures
from ...folding import name_key
from ...mentions import parse_mention
from ...model import Call, Figure
from ...paths import DATA_DIR
from ...reading.reader import STATEMENT
from .texts import keep, line_text, lines_of, written

CALLS_TABLE = DATA_DIR / "curation" / "calls.tsv"
_MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
_DATE = re.compile(r"\b(?P<day>\d{1,2}|1er)\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>\d{4})\b", re.IGNORECASE)
_TITLE_END = re.compile(r"^le \d|^(?i:sommaire)$")
_PERIOD = re.compile(r"pour la période (\d{4})\s*[-–]\s*(\d{4})")


@dataclass(frozen=True)
class Statement:
    what: str  # key, name, results, figure, funders
    pattern: re.Pattern | None
    value: str


@lru_cache(maxsize=None)
def statements(stem: str) -> tuple[Statement, ...]:
    """The rows of data/curation/calls.tsv for one document."""
    with CALLS_TABLE.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#") and r[0] != "document"]
    return tuple(Statement(what, re.compile(pattern) if pattern else None, value)
                 for document, what, pattern, value in rows if document == stem)


def iso_date(text: str) -> str | None:
    """"le 15 juillet 2013" -> "2013-07-15"."""
    m = _DATE.search(text)
    if not m:
        return None
    day = 1 if m.group("day") == "1er" else int(m.group("day"))
    return f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}-{day:02d}"


def read_introduction(reading, doc, orgs, segments) -> Call | None:
    if not segments:
        return None
    title = []
    for seg in segments:
        if _TITLE_END.match(written(reading, seg)):
            break
        title.append(seg)
    doc.title = " ".join(written(reading, s) for s in title)
    reading.claim(lines_of(title), STATEMENT)
    rows = statements(doc.stem)
    key = next((s.value for s in rows if s.what == "key"), f"call/{name_key(doc.title)}")
    call = Call(key=key, name="", lines=lines_of(segments))
    description: list[str] = []
    for seg in segments[len(title):]:
        if _read_sentence(orgs, call, rows, written(reading, seg), seg.lines):
            reading.claim(seg.lines, STATEMENT)
        for line in seg.lines:
            keep(reading, doc, line, line_text(reading, line), description)
    call.name = call.name or next((s.value for s in rows if s.what == "name" and s.pattern is None), doc.title)
    if call.period:
        call.name = f"{call.name}, {call.period}"
    call.description = "\n".join(description)
    return call


def _read_sentence(orgs, call: Call, rows, text: str, lines: list[int]) -> bool:
    """Read what one paragraph states of the call; True when it states something."""
    used = False
    for row in rows:
        m = row.pattern.search(text) if row.pattern else None
        if m and row.what == "name" and not call.name:
            call.name, used = row.value.format(*m.groups()), True
    date = iso_date(text)
    if date and re.search(r"\blancé", text):
        call.issued, used = date, True
    elif date and not call.results and any(r.what == "results" and r.pattern.search(text) for r in rows):
        call.results, used = date, True
    period = _PERIOD.search(text)
    if period:
        call.period, used = f"{period.group(1)}-{period.group(2)}", True
    for figure in find_figures(text, lines):
        if figure.measure == "projects" and re.search(r"lauréat", text):
            figure.measure = "laureates"
        call.figures.append(figure)
        used = True
    for row in rows:
        m = row.pattern.search(text) if row.pattern and row.what in ("figure", "funders") else None
        if m and row.what == "figure":
            measure, unit = row.value.split()
            call.figures.append(Figure(measure=measure, value=Decimal(m.group(1)), unit=unit, stated_as=m.group(0), lines=list(lines)))
            used = True
        elif m:
            for item in [*split_items(m.group(1)), *m.groups()[1:]]:
                mention = parse_mention(item, lines)
                org = orgs.add(mention, call.key) if mention else None
                if org is not None and org.key not in call.funder_keys:
                    call.funder_keys.append(org.key)
            used = True
    return used


EXAMPLES = [  # (text, ISO date)
    ("Le 15 juillet 2013, Cécile Duffot, ministre de l'Égalité des territoires, a lancé l'appel", "2013-07-15"),
    ("le 1er mars 2014 en présence de", "2014-03-01"),
    ("L'appel à projets dont les résultats sont annoncés", None),
]
