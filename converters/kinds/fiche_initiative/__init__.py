"""A "fiche initiative" of the 2010 study (pole-economie-solidaire-sud-essonne.txt).

Specification:
- detect: the template's fields filled in (the study that gives the template has them empty),
  with a score "n/5";
- segment: the shared segmenter; the template (`template`) then files each line under its field;
- rules per field: `RULES` (the identity's story also runs the shared places and organisations
  rules, the lists of statements the shared figures rule);
- subject: one pole, named by the story of its creation, whose scope holds the organisations; its
  description is that story. The key figures are the territory's; the member counts are the
  carrier's. Every other line is kept as a note of the pole.
"""
from __future__ import annotations

import re

from ...assembly import ONE_POLE
from ...folding import name_key
from ...model import Pole
from ...reading.reader import read
from ...reading.source import SourceText, clean
from ...rules import organisations, persons, places, quantities
from ...rules.facts import PlaceRef, PoleName, Quantity
from ..sections import claim, finish, keep_unclaimed, run_sections, start_document
from ..subject_facts import SubjectPole
from . import activity, budget, counts, identity, key_figures, statements, template, territory

KIND = "fiche-initiative"
SUBJECT = ONE_POLE
PRELUDE = [template]  # run on every line first: which lines open a field
RULES = {  # field of the template -> the rules of its lines
    "territory-figures": [key_figures],
    "identity": [places, organisations, identity],
    "employees": [counts], "size": [counts], "structuring": [counts],
    "field": [activity],
    "territory": [territory],
    "budget": [budget],
    "functions": [statements], "attachments": [statements],
    **{name: [quantities, statements] for name in ("goal", "achievement", "plannedAction", "strength", "weakness", "goodPractice")},
}
_AS_TEXT = {"premises", "network", "status", "origin", "members", "created", "note", "contact", "address", "website",
            "employees", "size", "structuring"}  # fields whose line is text unless a rule reads it


def detect(source: SourceText) -> float:
    """A filled-in fiche: template fields with values and a score."""
    lines = [m for m in (template.LINE.match(clean(line)) for line in source.lines) if m]
    filled = {name_key(m.group("key")) for m in lines
              if re.search(r"\w", m.group("value")) and not re.fullmatch(r"[.\s]*\w?[f/]?\d?", m.group("value"))}
    known = {"taille du pole", "niveau de structuration", "chiffres cle du territoire", "budget", "fonctions",
             "territoire d action", "domaine d activite"}
    scores = any(template.SCORE.match(m.group("value")) for m in lines)
    return 0.9 if len(filled & known) >= 3 and scores else 0.0


def parse(source: SourceText):
    reading = read(source, rules=[persons])
    run_sections(reading, [("all", None, PRELUDE)])
    fields = template.fields_of(reading)
    run_sections(reading, list((name, None, rules) for name, rules in RULES.items()),
                 {index: start.name if start else None for index, start in fields.items()})
    name = next((f.name for f in reading.of_kind(PoleName)), None) or next(
        (n for n in (identity.pole_name(s.text) for s in reading.live) if n), None)
    doc = start_document(reading, KIND)
    if name is None:
        name = f"Pôle {source.path.stem}"
        doc.warn(None, f"no name found for the pole: labelled {name!r}")
    pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[1, len(source.lines)], kind="pole")
    doc.title = f"Fiche initiative : {name}"
    doc.poles.append(pole)
    subject = SubjectPole(reading, doc, pole)
    for fact in reading.facts:
        key_figures_line = fields.get(fact.segment) is not None and fields[fact.segment].name == "territory-figures"
        if isinstance(fact, template.FieldStart):
            if fact.name not in _AS_TEXT:
                claim(reading, fact)
        elif key_figures_line and isinstance(fact, PlaceRef):
            pole.region, pole.region_lines = fact.place, claim(reading, fact)
        elif key_figures_line and isinstance(fact, Quantity):  # figures of the territory, not of the pole
            fact.figure.lines = claim(reading, fact)
            doc.place_figures.append((pole.region, fact.figure))
        else:
            subject.add(fact)
    subject.close()
    keep_unclaimed(reading, doc, pole.notes)
    return finish(reading, doc)
