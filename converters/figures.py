"""Figures stated in French text: "environ 1 200 personnes (310 ETP)", "650 000 repas servis par an",
"un chiffre d'affaires cumulé d'environ 2,1 millions d'euros", "vingt-quatre membres".

A figure needs a unit the project knows; numbers without one (dates, "140 logements", "20 km")
are left in the text. Number words are read with text2num.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import alpha2digit

from .folding import fold
from .model import Figure

# "une centaine d'ETP": approximate round numbers text2num does not read.
_ROUND = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
          "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_APPROX = (r"(?P<approx>environ|d'environ|près de|pres de|plus de|plus d'|supérieur à|superieur a|"
           r"au moins|moins de|jusqu'à|jusqu'a)?\s*")
_ROUND_RE = r"(?P<round>une?\s+(?:" + "|".join(_ROUND) + r")s?)\s+(?:de\s+|d')?(?:«\s*)?"
_MULT = r"(?:\s*(?P<mult>millions?|milliers?|M|k)\b)?"

# unit words -> (unit slug, default measure slug)
_UNITS = [
    (r"€|euros?|d'euros|M€|k€", "euro", "budget"),
    (r"ETP|équivalents? temps plein|equivalents? temps plein", "fte", "fte"),
    (r"emplois?", "job", "jobs"),
    (r"personnes", "person", "employees"),
    (r"salariés|salaries", "person", "employees"),
    (r"membres|adhérents|adherents", "organisation", "members"),
    (r"repas", "meal", "meals-served"),
    (r"entreprises", "organisation", "member-companies"),
    (r"structures", "organisation", "members"),
    (r"pôles d'activités|poles d'activites", "organisation", "activity-units"),
    (r"projets", "project", "projects"),
    (r"dossiers", "application", "applications-received"),
    (r"associations", "organisation", "hosted-structures"),
]
_UNIT_RE = "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(_UNITS))

_FIGURE = re.compile(
    _APPROX + r"(?:" + _ROUND_RE + r"|(?P<num>" + _NUMBER + r")" + _MULT + r"\s*(?:de\s+|d')?)"
    + r"(?:«\s*)?(?P<unit>" + _UNIT_RE + r")(?![\w])",
    re.IGNORECASE,
)

# Words of the clause that say a number is not a fact about the subject (a territory, a date...).
_NOT_A_FACT = re.compile(r"\b(recensant|quartier|logements|km|m²|habitants)\b", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(permettra|rassemblera|doit participer|sur (?:trois|3) ans|à terme|va |vise|création de|"
    r"participer à la création|prévoit)\b", re.IGNORECASE)
_CREATED = re.compile(r"\b(création|créés|créées|créer|nouveaux)\b", re.IGNORECASE)


@dataclass
class FoundFigure:
    figure: Figure
    start: int
    end: int


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ \u00a0\u202f.]", "", text).replace(",", "."))


def _digits(text: str) -> str:
    """Number words as digits ("vingt-quatre membres" -> "24 membres"); the rest unchanged."""
    converted = alpha2digit(text, "fr")
    # alpha2digit turns "3 millions" into "3 1000000": keep the multiplier as a word.
    return re.sub(r"(\d+(?:,\d+)?) 1000000\b", r"\1 millions", converted)


def find_figures(text: str, lines: list[int]) -> list[Figure]:
    """The figures of one sentence or clause of the source."""
    digits = _digits(text)
    found = []
    for m in _FIGURE.finditer(digits):
        unit_index = next(i for i in range(len(_UNITS)) if m.group(f"u{i}"))
        _, unit, measure = _UNITS[unit_index]
        clause = _clause_around(digits, m.start(), m.end())
        if _NOT_A_FACT.search(clause):
            continue
        if m.group("round"):
            word = fold(m.group("round")).split()[-1].rstrip("s")
            value, approx = Decimal(_ROUND[word]), "approximately"
        else:
            value = _number(m.group("num"))
            approx = _approximation(m.group("approx"))
            mult = (m.group("mult") or "").lower()
            if mult.startswith("million") or mult == "m" or m.group(f"u{unit_index}") == "M€":
                value *= 1_000_000
            elif mult.startswith("millier") or mult == "k" or m.group(f"u{unit_index}") == "k€":
                value *= 1_000
        measure = _refine_measure(measure, unit, clause)
        if measure is None:
            continue
        is_target = bool(_FUTURE.search(clause))
        near = digits[max(0, m.start() - 30) : m.end() + 25]
        if measure in ("fte", "jobs") and _CREATED.search(near):
            measure += "-created"
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        found.append(Figure(
            measure=measure, value=value, unit=unit, stated_as=_stated_as(text, digits, m),
            lines=list(lines), approximation=approx,
            per_year=bool(re.search(r"^\W*(?:\w+\s+){0,2}par an\b", digits[m.end():])),
            is_target=is_target,
            year=_year(clause),
        ))
    return found


def _approximation(word: str | None) -> str:
    if not word:
        return "exact"
    word = fold(word)
    if "environ" in word or "pres" in word:
        return "approximately"
    if word.startswith(("moins", "jusqu")):
        return "less-than"
    return "more-than"


def _refine_measure(measure: str, unit: str, clause: str) -> str | None:
    folded = fold(clause)
    if unit == "euro":
        if "chiffre d'affaires" in folded:
            return "turnover"
        if "subvention" in folded:
            return "grant"
        return "budget"
    if measure == "member-companies" and not re.search(
        r"regroup|compos|federe|membres|compte|association de|de \d+ entreprises", folded
    ):
        return None  # "recensant une centaine d'entreprises": not members
    if measure == "members" and "fondatrice" in folded:
        return "founding-members"
    if measure == "employees" and not re.search(r"emplo|salari|travaill", folded):
        return None
    if measure == "hosted-structures" and "heberge" not in folded:
        return None  # "onze associations": a breakdown, not a count of the subject's members
    if measure == "projects" and "concretis" in folded and "en cours" not in folded:
        return "projects-completed"
    return measure


_CLAUSE_SPLIT = re.compile(r"(?<=[.;])\s+|\s+:\s+|\n")


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for sep in _CLAUSE_SPLIT.finditer(text):
        spans.append((start, sep.start()))
        start = sep.end()
    spans.append((start, len(text)))
    return spans


def _clause_index(text: str, position: int) -> int:
    return next(i for i, (s, e) in enumerate(_clause_spans(text)) if position <= e)


def _clause_around(text: str, start: int, end: int) -> str:
    s, e = _clause_spans(text)[_clause_index(text, start)]
    return text[s:e]


def _stated_as(original: str, digits: str, m: re.Match) -> str:
    """The source's own words for the figure: its clause, as written (number words kept)."""
    index = _clause_index(digits, m.start())
    spans = _clause_spans(original)
    if len(spans) == len(_clause_spans(digits)):
        s, e = spans[index]
        return original[s:e].strip().lstrip("-•· ").rstrip(".;")
    return m.group(0).strip()


def _year(clause: str) -> int | None:
    m = re.search(r"\b(?:en|depuis)\s+((?:19|20)\d{2})\b", clause, re.IGNORECASE)
    return int(m.group(1)) if m else None
