"""The reader: a source document in, its segments and every fact the rules found out.

read(source) segments the text, asks spaCy for entity candidates (once, for the whole document),
takes a first look at the départements the document names (the context that settles homonyms),
then runs the shared rules on every segment in order. The reader also holds the line accounting:
every non-empty line is boilerplate, private (a byline, a credit), or is claimed by the assembly
as a statement or as text; `Reading.unaccounted()` lists what nobody claimed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rules import SHARED
from ..rules.context import Context
from ..rules.facts import Fact, Person
from ..rules.places import pre_scan
from .nlp import entities
from .segments import BOILERPLATE, PRIVATE_LINE, Segment, segment
from .source import SourceText

# What became of a non-empty source line.
STATEMENT = "statement"  # gave at least one statement beyond plain text
TEXT = "text"  # kept as public text (a description), persons' names masked
PRIVATE = "private"  # kept in the private graph only (a byline, a contact)
CHROME = "boilerplate"  # page furniture: menus, share buttons, repeated titles, page numbers


@dataclass
class Reading:
    source: SourceText
    segments: list[Segment]
    facts: list[Fact]
    context: Context
    use: dict[int, str] = field(default_factory=dict)  # line number -> what became of it

    @property
    def live(self) -> list[Segment]:
        """The segments that hold text (not boilerplate, not private lines)."""
        return [s for s in self.segments if s.kind not in (BOILERPLATE, PRIVATE_LINE)]

    def facts_in(self, segment: Segment, kind=Fact) -> list:
        return [f for f in self.context.found.get(segment.index, []) if isinstance(f, kind)]

    def of_kind(self, kind) -> list:
        return [f for f in self.facts if isinstance(f, kind)]

    def persons(self) -> list[str]:
        return sorted({p.name for p in self.of_kind(Person)})

    def claim(self, lines, how: str) -> None:
        """Record what became of source lines; a statement outranks text, text outranks the rest."""
        rank = {STATEMENT: 3, TEXT: 2, PRIVATE: 1, CHROME: 0}
        for n in lines:
            if n not in self.use or rank[how] > rank[self.use[n]]:
                self.use[n] = how

    def unaccounted(self) -> list[int]:
        return sorted(n for n in self.source.nonempty() if n not in self.use)


def read(source: SourceText, rules=SHARED, **layout) -> Reading:
    """`layout`: the segmenter's options a kind asks for (`segments.segment`)."""
    segments = segment(source, **layout)
    live = [s for s in segments if s.kind not in (BOILERPLATE, PRIVATE_LINE)]
    for seg, found in zip(live, entities([s.text for s in live])):
        seg.entities = found
    context = Context(str(source.path), segments, pre_scan([s.text for s in live]))
    facts: list[Fact] = []
    for seg in live:
        context.found[seg.index] = []
        for rule in rules:
            for fact in rule.find(seg, context):
                fact.segment = seg.index
                context.found[seg.index].append(fact)
                facts.append(fact)
    reading = Reading(source, segments, facts, context)
    for seg in segments:
        if seg.kind == BOILERPLATE:
            reading.claim(seg.lines, CHROME)
        elif seg.kind == PRIVATE_LINE:
            reading.claim(seg.lines, PRIVATE)
    return reading


def explain(reading: Reading) -> dict[int, list[str]]:
    """Line by line, what the rules found ("persons: person X", "boilerplate: menu"), for
    `essreg convert --explain`."""
    by_line: dict[int, list[str]] = {}
    for seg in reading.segments:
        if seg.kind in (BOILERPLATE, PRIVATE_LINE):
            for n in seg.lines:
                by_line.setdefault(n, []).append(f"{seg.kind}: {seg.reason}")
        for fact in reading.facts_in(seg):
            for n in seg.lines_at(fact.start, fact.end):
                note = f"{fact.rule.split(':')[0]}: {fact.key()}"
                if note not in by_line.setdefault(n, []):
                    by_line[n].append(note)
    return by_line
