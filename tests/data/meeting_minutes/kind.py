"""A synthetic kind for the tests: the minutes of a pole's general assembly ("compte rendu de
l'assemblée générale"). It is the specification docs/architecture.md ("Add a kind") describes,
written with absolute imports because it lives outside converters/kinds/.

Specification:
- detect: "compte rendu" and "assemblée générale" at the top, an agenda ("ordre du jour");
- segment: the shared segmenter, keeping repeated lines where they stand (the agenda announces
  the headings of the sections: read as repeats, they would be boilerplate and open no section);
- rules per section: `SECTIONS`, shared rules only; the reader runs `persons` on every line;
- subject: one pole (the shared assembly): its members are the organisations of its sections.
"""
from __future__ import annotations

import re

from converters.assembly import ONE_POLE, assemble
from converters.folding import fold
from converters.kinds.sections import run_sections
from converters.model import Document
from converters.reading.reader import read
from converters.reading.source import SourceText, clean
from converters.rules import dates, organisations, persons, places, pole_names, quantities, roles, themes

KIND = "meeting-minutes"
SUBJECT = ONE_POLE
LAYOUT = {"keep_repeats": True}  # options of the segmenter (converters.reading.segments.segment)
SECTIONS = [  # (section, name key of the heading that opens it, rules of its lines, in SHARED order)
    ("title", None, []),
    ("head", lambda text: re.match(r"(?:PTCE|P[ôo]le)\b", text), [places, pole_names, dates]),  # the pole's name
    ("agenda", r"ordre du jour", []),
    ("activity", r"rapport d.?activite", [places, organisations, quantities, roles, dates, themes]),
    ("members", r"adhesions?", [places, organisations, roles, dates]),
    ("finances", r"rapport financier", [quantities]),
]


def detect(source: SourceText) -> float:
    top = fold(" ".join(clean(line) for line in source.lines[:40]))
    return 0.7 if "compte rendu" in top and "assemblee generale" in top and "ordre du jour" in top else 0.0


def parse(source: SourceText) -> Document:
    reading = read(source, rules=[persons], **LAYOUT)
    run_sections(reading, SECTIONS)
    return assemble(reading, KIND, SUBJECT)
