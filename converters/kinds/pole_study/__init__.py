"""A study of ESS poles with a typology and a list of poles (etude-poles-ess-france-2010.txt).

Specification:
- detect: the words of a typology of poles and at least two lines that open a list of poles of a
  kind of the typology ("• 7 espaces d'hébergement :");
- segment: a slide deck, one statement per line (lines are not joined) and no page around it;
- sections: the title (the lines before any heading), the chart of the typology (the source of
  ontology/schemes/typology.ttl), the lists of poles with a fiche, the monographs, and the prose
  sections whose national counts are figures of the study;
- subject: a list of poles, each typed by its list and placed by the words after its name; the
  figures are the study's own. Every other line is a note of the document.
"""
from __future__ import annotations

from ...assembly import POLE_LIST
from ...folding import fold, name_key
from ...model import Pole
from ...reading.reader import STATEMENT, read
from ...reading.source import SourceText, clean
from ...rules import persons
from ...rules.facts import Quantity
from ..sections import claim, finish, keep_unclaimed, run_sections, start_document
from . import chart, counts, monographs, places, pole_list

KIND = "pole-study"
SUBJECT = POLE_LIST
LAYOUT = {"reflow": False, "chrome": False}  # options of the segmenter
SECTIONS = [  # (section, name key of the heading that opens it, rules of its lines)
    ("title", None, []),
    ("typology chart", r"definition typologie", [chart]),
    ("pole list", r"fiches initiatives", [pole_list]),
    ("monographs", r"monographies", [monographs]),
    ("kind of pole", counts.describes_a_kind, [counts]),
    ("prose", r"introduction|methodologie|productions|notes d analyses territoriales|dynamiques territoriales|"
              r"elements de conclusions", [counts]),
]


def detect(source: SourceText) -> float:
    text = fold(" ".join(clean(line) for line in source.lines)).replace("'", " ")
    signs = ["typologie", "fiches initiatives", "centre multifonction", "espace d hebergement", "association de developpement"]
    openers = sum(1 for line in source.lines if pole_list.OPENER.match(clean(line)))
    return 0.9 if sum(sign in text for sign in signs) >= 4 and openers >= 2 else 0.0


def parse(source: SourceText):
    reading = read(source, rules=[persons], **LAYOUT)
    sections = run_sections(reading, SECTIONS)
    title = [s for s in reading.live if sections[s.index] == "title"]
    doc = start_document(reading, KIND, " ".join(s.text for s in title))
    for seg in title:
        reading.claim(seg.lines, STATEMENT)
    chart_lines = [n for f in reading.of_kind(chart.ChartLine) for n in claim(reading, f)]
    if chart_lines:
        doc.concept_sources[("typology", None)] = chart_lines
    for fact in reading.facts:
        if isinstance(fact, pole_list.ListOpener):
            doc.figures.extend(_lines(fact.figures, claim(reading, fact)))
        elif isinstance(fact, pole_list.ListedPole):
            doc.poles.append(_pole(fact, claim(reading, fact)))
        elif isinstance(fact, (pole_list.ListFact, counts.KindHeading)):
            claim(reading, fact)  # the headings that structure the lists and sections
        elif isinstance(fact, Quantity):
            doc.figures.extend(_lines([fact.figure], claim(reading, fact)))
    for fact in reading.of_kind(monographs.Monograph):
        pole = monographs.listed_pole(fact, doc.poles)
        if pole is not None:
            pole.monograph, pole.monograph_lines = fact.kind_text, claim(reading, fact)
            if name_key(fact.place) != name_key(pole.place_text or ""):
                pole.extra_place_texts.append((fact.place, pole.monograph_lines[0]))
            pole.typology = pole.typology or fact.typology
    for pole in doc.poles:
        _place(pole)
    keep_unclaimed(reading, doc, doc.notes)
    return finish(reading, doc)


def _lines(figures, lines):
    for figure in figures:
        figure.lines = lines
    return figures


def _pole(fact: pole_list.ListedPole, lines: list[int]) -> Pole:
    key = f"pole/{name_key(fact.name)}" + (f"@{name_key(fact.place)}" if fact.place else "")
    pole = Pole(key=key, name=fact.name, lines=lines, kind="pole", name_lines=lines, typology=fact.typology)
    pole.status = "project" if fact.project else None
    pole.place_text = fact.place or places.place_in_name(fact.name)
    pole.territory_text, pole.territory_lines = fact.place, lines
    return pole


def _place(pole: Pole) -> None:
    """The places of the words after the pole's name and of its monograph, in this order."""
    texts = ([(pole.place_text, pole.lines[0])] if pole.place_text else []) + pole.extra_place_texts
    for text, line in texts:
        placed = places.resolve(text)
        pole.places.extend(m for m in placed.places if m.place not in [p.place for p in pole.places])
        pole.areas.extend(a for a in placed.areas if a not in pole.areas)
        if placed.problem is not None:
            pole.unresolved_places.append((text, line, placed.problem))
