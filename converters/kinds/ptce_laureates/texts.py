"""The text of the fiches as written, and the text the kind keeps as it is.

Segments hold their text without list markers; a description keeps each line as written
("- favoriser la production..."). A line kept as text that names a person with a role or a
quotation verb goes to the private graph instead ("Cécile Duflot, Ministre de l'Égalité des
territoires"). What became of each line is recorded by the reader (`Reading.claim`).
"""
from __future__ import annotations

from ...persons import names_a_person
from ...reading.reader import PRIVATE, TEXT
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


def is_public(text: str) -> bool:
    """A text that names no person with a role or a quotation verb."""
    return not names_a_person(text)


def keep(reading, doc, line: int, text: str, sink: list[str]) -> None:
    """Keep a line's text in `sink` (a description or a note), or privately when it names a person."""
    if is_public(text):
        sink.append(text)
        reading.claim([line], TEXT)
    else:
        doc.private_notes.append((line, text))
        reading.claim([line], PRIVATE)


EXAMPLES = [  # (text, kept in the public text)
    ("Le PTCE s'inscrit dans le territoire du Parc naturel régional des Ardennes.", True),
    ("Cécile Duflot, Ministre de l'Égalité des territoires et du Logement", False),
    ("La direction, la gestion financière et les ressources humaines sont transversales.", True),
]
