"""The study's national counts: "63 pôles + 12 projets.", "3 régions sans pôle : Alsace, Lorraine
et Franche-Comté." (the régions may follow on the next line: a count of 0 poles in each), and, in
the section that describes a kind of pole ("Les espaces d'hébergement", a kind of the typology
scheme): "24 en France dont 6 en Rhône Alpes et 1 en Bretagne", "+ 3 en projet.", "7 en France +
6 en projet.", "Taux de pérennisation à 3 ans : 80%".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ...link.geography import get_geography
from ...model import Figure
from ...reading.segments import BOILERPLATE, HEADING, PRIVATE_LINE
from ...rules.facts import Fact, Quantity
from ...vocabularies import vocabulary
from ..sections import Problem
from .pole_list import count

FRANCE = "http://publications.europa.eu/resource/authority/country/FRA"
_COUNTS = re.compile(r"(?P<poles>\d+)\s+pôles\s*\+\s*(?P<projects>\d+)\s+projets", re.IGNORECASE)
_NO_POLE = re.compile(r"(?P<count>\d+)\s+régions? sans pôle\s*:?\s*(?P<list>.*)$", re.IGNORECASE)
_IN_FRANCE = re.compile(
    r"^(?P<count>\d+)\s+en France(?:\s+dont\s+(?P<rest>.+?))?\s*(?:\+\s*(?P<projects>\d+)\s+en projets?"
    r"(?P<where>\s+en\s+[A-ZÀ-Ý][\w\- ]+)?)?\.?$", re.IGNORECASE)
_IN_REGION = re.compile(r"(\d+)\s+en\s+([A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w\-]+)?)")
_MORE_PROJECTS = re.compile(r"^\+\s*(\d+) en projet(?:\s+en\s+(.+?))?\.?$")
_RATE = re.compile(r"^Taux de pérennisation à (?P<years>\d+) ans\s*:\s*(?P<value>\d+)\s*%", re.IGNORECASE)


@dataclass
class KindHeading(Fact):
    typology: str = ""  # the kind of pole the section describes

    def key(self) -> str:
        return f"section of {self.typology}"


def find(segment, context) -> list:
    text = segment.text
    out = []

    def add(figure: Figure) -> None:
        out.append(Quantity(0, len(text), text, "counts", figure=figure))

    m = _COUNTS.search(text)
    if m:
        add(count(m.group("poles"), text, place=FRANCE))
        add(count(m.group("projects"), text, project=True, place=FRANCE))
        return out
    m = _NO_POLE.search(text)
    if m:
        figure = count(m.group("count"), text, place=FRANCE)
        figure.measure, figure.unit = "regions-without-pole", "region"
        add(figure)
        return out + _regions_without_pole(m.group("list"), segment)
    before = _previous(segment, context)
    if before is not None and (m := _NO_POLE.search(before.text)) and not m.group("list").strip(" ."):
        return _regions_without_pole(text, segment)  # "3 régions sans pôle :" and the régions on this line
    if segment.kind == HEADING and describes_a_kind(text):
        return [KindHeading(0, len(text), text, "counts: section of a kind of pole", typology=kind_described(text))]
    kind = _kind_of_section(segment, context)
    if kind is None:
        return out
    m = _IN_FRANCE.match(text)
    if m:
        add(count(m.group("count"), text, [kind], place=FRANCE))
        for number, where in _IN_REGION.findall(m.group("rest") or ""):
            if _region(where):
                add(count(number, text, [kind], place=_region(where)))
        if m.group("projects"):
            where = (m.group("where") or "").replace(" en ", "").strip()
            add(count(m.group("projects"), text, [kind], project=True, place=(_region(where) if where else FRANCE) or FRANCE))
    elif m := _MORE_PROJECTS.match(text):
        add(count(m.group(1), text, [kind], project=True, place=(_region(m.group(2)) if m.group(2) else None) or FRANCE))
    elif m := _RATE.match(text):
        figure = Figure("survival-rate", Decimal(m.group("value")), "percent", text, [])
        figure.counted_kinds, figure.period_years = [("typology", kind)], int(m.group("years"))
        add(figure)
    return out


def _regions_without_pole(names: str, segment) -> list:
    """"Alsace, Lorraine et Franche-Comté": a count of 0 poles in each."""
    out = []
    for name in (r for r in re.split(r",\s*|\s+et\s+", names.strip(" .")) if r):
        match = get_geography().region(name)
        if match.place:
            out.append(Quantity(0, len(segment.text), segment.text, "counts: région without pole",
                                figure=count("0", segment.text, place=match.place)))
        else:
            out.append(Problem(0, len(segment.text), name, "counts", message=f"région {name!r} not resolved: {match.problem}"))
    return out


def _region(name: str):
    return get_geography().region(name).place


def _previous(segment, context):
    return next((s for s in reversed(context.segments[: segment.index]) if s.kind not in (BOILERPLATE, PRIVATE_LINE)), None)


def kind_described(heading: str) -> str | None:
    """The kind of pole a section describes: its heading, "Les <kind>", names a typology concept."""
    hits = vocabulary("typology").find(heading) if heading.lower().startswith("les ") else []
    return hits[0].concept.slug if hits else None


def describes_a_kind(heading: str) -> bool:
    return kind_described(heading) is not None


def _kind_of_section(segment, context) -> str | None:
    return kind_described(context.heading_text(segment))


EXAMPLES = [  # (lines of a synthetic study, counts found)
    ("- 63 pôles + 12 projets.", {"figure poles=63", "figure poles=12"}),
    ("- 3 régions sans pôle :\nAlsace, Lorraine et Franche-Comté.", {
        "figure regions-without-pole=3", "figure poles=0"}),
    ("Les espaces d'hébergement\n- 24 en France dont 6 en Rhône Alpes et 1 en Bretagne\n+ 3 en projet.\n"
     "- Taux de pérennisation à 3 ans : 80%", {"figure poles=24", "figure poles=6", "figure poles=1", "figure poles=3",
                                              "figure survival-rate=80", "section of hosting-space"}),
    ("Dynamiques territoriales\n- 24 en France dont 6 en Rhône Alpes", set()),  # no kind of pole: no count
]
