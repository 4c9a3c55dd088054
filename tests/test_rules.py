"""Each rule of the shared library (converters/rules/) against its table of examples.

A rule runs as the reader runs it: on a segment cut by the real segmenter from a one-line
synthetic document, with spaCy's entities, after the rules that come before it in
`converters.rules.SHARED` (places know the persons, organisations know both...)."""
from __future__ import annotations

from pathlib import Path

import pytest

from converters.reading import boilerplate, segments
from converters.reading.nlp import entities
from converters.reading.segments import segment
from converters.reading.source import SourceText
from converters.rules import SHARED
from converters.rules.context import Context
from converters.rules.places import pre_scan

CASES = [(rule.__name__.rsplit(".", 1)[1], rule, text, expected)
         for rule in SHARED for text, expected in rule.EXAMPLES]


def run_rules_until(rule, text: str) -> set[str]:
    source = SourceText(Path("synthetic.txt"), (text,), "0" * 64)
    (seg,) = [s for s in segment(source) if s.kind not in ("boilerplate", "private")]
    seg.entities = entities([seg.text])[0]
    context = Context("synthetic.txt", [seg], pre_scan([seg.text]))
    context.found[seg.index] = []
    for current in SHARED:
        facts = current.find(seg, context)
        if current is rule:
            return {fact.key() for fact in facts}
        context.found[seg.index].extend(facts)
    raise AssertionError(f"{rule.__name__} is not a shared rule")


@pytest.mark.parametrize("name, rule, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_examples(name, rule, text, expected):
    assert run_rules_until(rule, text) == expected


@pytest.mark.parametrize("line, reason, private", boilerplate.EXAMPLES)
def test_boilerplate_examples(line, reason, private):
    chrome = boilerplate.classify(line)
    assert (chrome.reason if chrome else None) == reason
    assert (chrome.private if chrome else False) == private


@pytest.mark.parametrize("document, expected", segments.EXAMPLES)
def test_segmenter_examples(document, expected):
    source = SourceText(Path("synthetic.txt"), tuple(document.split("\n")), "0" * 64)
    assert [s.text for s in segment(source) if s.kind not in ("boilerplate", "private")] == expected


def test_every_rule_has_examples():
    assert all(len(rule.EXAMPLES) >= 3 for rule in SHARED)


def test_image_tags_give_their_text_alternative():
    from converters.reading.source import clean

    assert clean('[img alt="logo Recyclerie de Rethondes"]  [img alt="logo Menuiserie de l\'Oise – SCOP"]') == \
        "Recyclerie de Rethondes ; Menuiserie de l'Oise – SCOP"
    assert clean('<img src="x.png" alt="La Clairière Coopérative, pôle territorial">') == "La Clairière Coopérative, pôle territorial"
