"""What the specifications of kinds share: the sections of a document, the rules each section
runs, the document model they fill, and the text left when every rule has spoken.

A specification lists its sections as `(name, heading, rules)`: `heading` is a regular expression
that the name key of a heading opening the section matches in full, or a test of the heading's
text (None for the part before any such heading). `run_sections` runs each section's rules on its
segments the way the reader runs the shared rules (facts recorded in `Reading.facts` and
`Context.found`, in reading order), so that a rule may look at what came before it. The lines each fact comes from are claimed by the
specification that uses the fact (`Reading.claim`); `keep_text` keeps a segment that gave no
statement as public text, or as private text when the reader found a person in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..folding import name_key
from ..model import Document
from ..reading.reader import STATEMENT, TEXT, Reading, explain
from ..reading.segments import HEADING
from ..rules.facts import Fact, Person


@dataclass
class Problem(Fact):
    """What a rule could not read (a place not resolved...): a warning of the document."""
    message: str = ""

    def key(self) -> str:
        return f"problem {self.message}"


def opened(table, seg) -> str | None:
    """The section a heading opens, or None when it opens none of the table's."""
    if seg.kind != HEADING:
        return None
    for name, heading, _ in table:
        if heading is not None and (heading(seg.text) if callable(heading) else re.fullmatch(heading, name_key(seg.text))):
            return name
    return None


def sections_of(reading: Reading, table) -> dict[int, str]:
    """The section of each live segment: the last heading of the table above it."""
    current = next((name for name, heading, _ in table if heading is None), None)
    out = {}
    for seg in reading.live:
        current = opened(table, seg) or current
        out[seg.index] = current
    return out


def run_sections(reading: Reading, table, sections: dict[int, str] | None = None) -> dict[int, str]:
    """Run each section's rules on its segments (the sections of `sections_of`, or those a layout
    gives); the facts go where the reader puts its own."""
    rules = {name: section_rules for name, _, section_rules in table}
    sections = sections_of(reading, table) if sections is None else sections
    for seg in reading.live:
        found = reading.context.found.setdefault(seg.index, [])
        for rule in rules.get(sections.get(seg.index), []):
            for fact in rule.find(seg, reading.context):
                fact.segment = seg.index
                found.append(fact)
                reading.facts.append(fact)
    return sections


def start_document(reading: Reading, kind: str, title: str = "") -> Document:
    source = reading.source
    doc = Document(path=source.path, kind=kind, title=title, sha256=source.sha256, line_count=len(source.lines),
                   nonempty_lines=source.nonempty())
    doc.diagnostics.extend(source.diagnostics)
    doc.persons = reading.persons()
    return doc


def lines_of(reading: Reading, fact: Fact) -> list[int]:
    return reading.segments[fact.segment].lines_at(fact.start, fact.end)


def claim(reading: Reading, fact: Fact) -> list[int]:
    """The fact gave a statement: its lines are claimed as such; returns them."""
    lines = lines_of(reading, fact)
    reading.claim(lines, STATEMENT)
    return lines


def keep_text(reading: Reading, doc: Document, seg, sink: list[str], text: str | None = None) -> None:
    """Keep a segment's text in `sink` (a public description or notes; the names of persons are
    masked there when the RDF is written) and, when it names a person, whole in the private graph."""
    text = seg.text if text is None else text
    if reading.facts_in(seg, Person):
        doc.private_notes.extend((n, text) for n in seg.lines[:1])
    sink.append(text)
    reading.claim(seg.lines, TEXT)


def keep_unclaimed(reading: Reading, doc: Document, sink: list[str]) -> None:
    """Every live segment with a line no fact claimed is kept whole as text: nothing is dropped."""
    for seg in reading.live:
        if any(n not in reading.use for n in seg.lines):
            keep_text(reading, doc, seg, sink)


def finish(reading: Reading, doc: Document) -> Document:
    """The reader's line accounting goes to the document model (the reader's words for what
    became of a line are the model's), with what each line gave."""
    for n, how in reading.use.items():
        doc.use([n], how)
    for problem in reading.of_kind(Problem):
        doc.warn(lines_of(reading, problem)[0], problem.message)
    doc.explanation = explain(reading)
    return doc
