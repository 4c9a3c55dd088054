"""The text of the fiches as written, and the text the kind keeps as it is.

Segments hold their text without list markers; a description keeps each line as written
("- favoriser la production..."). A line kept as text that names a person ("Cécile Duflot,
Ministre de l'Égalité des territoires") is also kept whole in the private graph; the public text
masks the name when the RDF is written (converters.privacy). What became of each line is recorded
by the reader (`Reading.claim`).
"""
from __future__ import annotations

from ...folding import fold
from ...reading.reader import TEXT
from ...reading.segments import Segment
from ...reading.source import clean


def written(reading, segment) -> str:
    """The segment's lines as the source writes them (cleaned, list markers kept)."""
    return " ".join(line_text(reading, n) for n in segment.lines)


def line_text(reading, line: int) -> str:
    return clean(reading.source.line(line))


def lines_of(segments) -> list[int]:
    return [n for seg in segments for n in seg.lines]


def joined(segments) -> Segment:
    """A section's segments as one segment (a field written on several lines), lines kept."""
    text, breaks = "", []
    for seg in segments:
        text += " " if text else ""
        breaks.extend((len(text) + offset, line) for offset, line in seg.breaks)
        text += seg.text
    return Segment(segments[0].kind, text, tuple(breaks), key=segments[0].key, index=segments[0].index)


def names_a_person(reading, text: str) -> bool:
    """The text names one of the persons the reader found in the document."""
    folded = fold(text)
    return any(fold(name) in folded for name in reading.persons())


def keep(reading, doc, line: int, text: str, sink: list[str]) -> None:
    """Keep a line's text in `sink` (a description or a note), and whole in the private graph when
    it names a person."""
    if names_a_person(reading, text):
        doc.private_notes.append((line, text))
    sink.append(text)
    reading.claim([line], TEXT)
