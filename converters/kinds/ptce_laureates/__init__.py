"""A list of laureate fiches of a call for PTCE projects (data/fiches/ptce-laureats-2014.txt).

Detection: two "Thématique:" fields or more, and a "Coordinateur du projet" label.

Segmentation: the shared segmenter, with two options of this layout: a line repeated from
earlier is read again (every fiche repeats its labels; two fiches share a theme line), and words
are not split where they look glued (the extraction is clean: splitting broke "Grésilles").

Sections (layout.py): the introduction, one fiche per laureate, the trailer. A fiche has a header
(a région heading, a title) and labelled sections: "Thématique:", "Territoire:", "Le projet :",
"Partenaires:", "Coordinateur du projet :", "Contact".

Rules: the reader runs the shared `persons` and `contacts` rules on every segment; each part of
the document is read by the rules `SECTION_RULES` gives it, in the order of laureate.py. What the
document's own sentences say of its call is data (data/curation/calls.tsv), and so are the
partner categories (ontology/schemes/partner-categories.ttl) and the themes (themes.ttl).

Subject: a call for projects (the introduction) and its laureates, one PTCE per fiche, named by
its title, else by its text, else after its coordinator; the trailer names the publishers.
"""
from __future__ import annotations

from ...model import Document
from ...organisations import OrganisationIndex
from ...reading.reader import explain, read
from ...reading.source import SourceText, clean
from ...rules import contacts, persons, themes
from . import call, contact, coordinators, figure_owners, forms, layout, members, names, partners, phase, publishers, territory
from .laureate import read_laureate
from .texts import keep, line_text

KIND = "ptce-laureates"
SUBJECT = "a call for projects and its laureates"
RULES = [persons, contacts]  # run by the reader on every segment
LAYOUT = {"keep_repeats": True, "split_glued": False}
SECTION_RULES = {
    "introduction": [call],
    "header": [layout, names],
    "themes": [themes],
    "territory": [territory],
    "project": [names, members, forms, phase, figure_owners],
    "partners": [partners, figure_owners],
    "coordinator": [coordinators],
    "contact": [contacts, contact],
    "trailer": [publishers, contacts],
}


def detect(source: SourceText) -> float:
    text = [clean(line) for line in source.lines]
    fields = sum(bool(layout.LABELS["themes"].match(t)) for t in text)
    coordinator_labels = sum(bool(layout.LABELS["coordinator"].match(t)) for t in text)
    return 1.0 if fields >= 2 and coordinator_labels >= 1 else 0.0


def parse(source: SourceText) -> Document:
    reading = read(source, rules=RULES, **LAYOUT)
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    doc.persons = reading.persons()
    parts = layout.cut(reading)
    if not parts.fiches:
        doc.warn(None, "no fiche found (no 'Thématique:' line)")
        return _accounted(reading, doc)
    orgs = OrganisationIndex(doc)
    introduction = call.read_introduction(reading, doc, orgs, parts.introduction)
    call_key = introduction.key if introduction else f"call/{doc.stem}"
    if introduction:
        doc.calls.append(introduction)
    for number, fiche in enumerate(parts.fiches, 1):
        pole = read_laureate(reading, doc, orgs, fiche, call_key, number)
        doc.poles.append(pole)
        for line in [n for seg in fiche.after for n in seg.lines]:  # between two fiches: in no section
            doc.warn(line, f"text between two fiches kept in the note of {pole.name!r}: {line_text(reading, line)[:60]!r}")
            keep(reading, doc, line, line_text(reading, line), pole.notes)
    publishers.read_trailer(reading, doc, orgs, parts.trailer, call_key)
    seen: dict[str, object] = {}
    for pole in doc.poles:
        if pole.key in seen:
            doc.warn(pole.lines[0], f"two fiches have the name {pole.name!r} (lines {seen[pole.key].lines[0]} and {pole.lines[0]})")
        seen[pole.key] = pole
    return _accounted(reading, doc)


def _accounted(reading, doc: Document) -> Document:
    """The reader's line accounting and explanation go to the document; a line no part of the
    document used is kept in its notes (none is dropped)."""
    for line in reading.unaccounted():
        doc.warn(line, "line outside the introduction, the fiches and the trailer: kept in the document's note")
        keep(reading, doc, line, line_text(reading, line), doc.notes)
    for n, how in reading.use.items():
        doc.use([n], how)
    doc.explanation = explain(reading)
    doc.diagnostics.extend(d for d in reading.source.diagnostics if d not in doc.diagnostics)
    return doc
