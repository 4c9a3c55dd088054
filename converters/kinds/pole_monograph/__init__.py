"""A monograph of one pole (poles-noe-saclay.txt): territory, history, goals, activities, key
figures, members with their legal form and activity, governance and funding, perspectives.

Specification:
- detect: four of its section headings and at least three members listed in bold;
- segment: the shared segmenter; the sections start at their headings (`SECTIONS`), which
  structure the document and are no text;
- rules per section: `SECTIONS`; every line first runs `names` (the pole's name and its former
  names), which the history and the governance need to know the pole when they name it;
- subject: one pole, named by its last renaming ("RESEA-2P devient Pôles NOE") or by what it says
  it is; a PTCE when the text says so. Its history is its description; the text of its activities
  is kept as notes besides what it states. Every other line is kept as a note of the pole.
"""
from __future__ import annotations

import re

from ...assembly import ONE_POLE
from ...folding import name_key
from ...model import Pole
from ...reading.reader import STATEMENT, read
from ...reading.source import SourceText, clean
from ...rules import persons
from ...rules.facts import PoleName
from ..sections import claim, finish, keep_text, keep_unclaimed, opened, run_sections, sections_of, start_document
from ..subject_facts import SubjectPole
from . import activities, goals, governance, history, key_figures, members, names, perspectives, territory

KIND = "pole-monograph"
SUBJECT = ONE_POLE
PRELUDE = [names]
SECTIONS = [  # (section, name key of the heading that opens it, rules of its lines)
    ("head", None, [territory]),
    ("history", r"(?:genese|historique|histoire)\b.*", [history]),
    ("goals", r"objectifs?\b.*", [goals]),
    ("activities", r"activites?\b.*", [activities]),
    ("key figures", r"chiffres? cle.*", [key_figures]),
    ("members", r"(?:acteurs|membres)\b.*", [members]),
    ("governance", r"gouvernance\b.*", [governance]),
    ("perspectives", r"perspectives?\b.*", [perspectives]),
]


def detect(source: SourceText) -> float:
    texts = [clean(line) for line in source.lines]
    headings = {name for text in texts if len(text) < 60 for name, heading, _ in SECTIONS
                if heading and re.fullmatch(heading, name_key(text))}
    listed = sum(1 for line in source.lines if members.BOLD_ITEM.match(line.strip()))
    return 0.85 if len(headings) >= 4 and listed >= 3 else 0.0


def parse(source: SourceText):
    reading = read(source, rules=[persons])
    run_sections(reading, [("all", None, PRELUDE)])
    sections = sections_of(reading, SECTIONS)
    for seg in reading.live:
        if opened(SECTIONS, seg):  # a heading structures the document: no rule reads it
            sections[seg.index] = None
            reading.claim(seg.lines, STATEMENT)
    run_sections(reading, SECTIONS, sections)
    name, former = names.chosen(reading.of_kind(PoleName))
    lines = [n for seg in reading.live for n in seg.lines]
    pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[lines[0], lines[-1]], kind="pole")
    if any(re.search(r"\bPTCE\b", seg.text) for seg in reading.live):
        pole.kind = "ptce"
    for old in former:
        pole.add_alt_name(old)
    doc = start_document(reading, KIND, f"Monographie : {name}")
    doc.poles.append(pole)
    for seg in reading.live:  # the text of the activities stays whole, besides what it states
        if sections[seg.index] == "activities":
            keep_text(reading, doc, seg, pole.notes)
    subject = SubjectPole(reading, doc, pole)
    for fact in reading.facts:
        if isinstance(fact, PoleName):
            claim(reading, fact)  # the pole's name, its former names, what it is ("un PTCE")
        else:
            subject.add(fact)
    subject.close()
    keep_unclaimed(reading, doc, pole.notes)
    return finish(reading, doc)
