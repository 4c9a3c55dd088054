"""The segmenter options the PTCE laureates kind asks for."""
from __future__ import annotations

from pathlib import Path

from converters.reading.segments import segment
from converters.reading.source import SourceText


def source_of(text: str) -> SourceText:
    return SourceText(Path("synthetic.txt"), tuple(text.split("\n")), "0" * 64)


def test_a_repeated_line_is_read_again_when_the_layout_repeats_it():
    text = "Coordinateur du projet :\n\nAssociation Une.\n\nCoordinateur du projet :\n\nAssociation Deux."
    assert [s.kind for s in segment(source_of(text))].count("boilerplate") == 1
    assert [s.kind for s in segment(source_of(text), repeats=False)].count("boilerplate") == 0


def test_words_are_left_as_written_in_a_clean_extraction():
    text = "Territoire: Quartier des Grésilles, Dijon - Côte-d'Or (21)"
    assert segment(source_of(text), split_glued=False)[0].text == text
