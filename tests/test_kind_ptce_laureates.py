"""The rules of the PTCE laureates kind (converters/kinds/ptce_laureates/) against their tables of
examples, and the segmenter options the kind asks for.

A rule with `find(segment, context)` runs on the segment the kind's segmenter cuts from a one-line
synthetic document; a function for a section runs on the example's arguments; the layout runs on a
whole synthetic document read by the real reader."""
from __future__ import annotations

from pathlib import Path

import pytest

from converters.kinds import ptce_laureates as kind
from converters.kinds.ptce_laureates import (
    call, contact, coordinators, figure_owners, forms, layout, members, names, partners, phase, publishers, territory,
    texts,
)
from converters.reading.reader import read
from converters.reading.segments import segment
from converters.reading.source import SourceText
from converters.rules.context import Context


def source_of(text: str) -> SourceText:
    return SourceText(Path("synthetic.txt"), tuple(text.split("\n")), "0" * 64)


def facts(rule, text: str) -> set[str]:
    (seg,) = [s for s in segment(source_of(text), **kind.LAYOUT) if s.kind not in ("boilerplate", "private")]
    return {fact.key() for fact in rule.find(seg, Context("synthetic.txt", [seg]))}


def parts(document: str) -> dict:
    """The source lines of each part of a synthetic document, as layout.cut finds them."""
    cut = layout.cut(read(source_of(document), rules=kind.RULES, **kind.LAYOUT))
    lines = lambda segments: [n for s in segments for n in s.lines]  # noqa: E731
    sections = [f.sections() for f in cut.fiches]
    return {"introduction": lines(cut.introduction), "headers": [lines(f.header) for f in cut.fiches],
            **{name: [lines(s[name]) for s in sections] for name in ("themes", "project", "coordinator", "contact")},
            "trailer": lines(cut.trailer)}


def heading(text: str):
    found = partners.heading_of(text)
    return found, partners.category_of(found)


def items(text: str) -> list[str]:
    return [f"{item} [{category}]" for item, category, _ in partners.partner_items(text, None, None)]


def codes(lines: list[str]) -> list[str]:
    return [f"{m.place.kind}:{m.place.code}" for m in territory.places(lines).places]


RUNS = {  # (module, its table) -> how an example's arguments give what the table expects
    (layout, "EXAMPLES"): parts,
    (names, "EXAMPLES"): lambda text: facts(names, text),
    (names, "TITLES"): names.name_from_title,
    (phase, "EXAMPLES"): lambda text: facts(phase, text),
    (forms, "EXAMPLES"): lambda text: facts(forms, text),
    (contact, "EXAMPLES"): lambda text: facts(contact, text),
    (partners, "EXAMPLES"): items,
    (partners, "HEADINGS"): heading,
    (members, "EXAMPLES"): members.list_role,
    (figure_owners, "EXAMPLES"): figure_owners.owner,
    (coordinators, "EXAMPLES"): coordinators.by_domain,
    (territory, "EXAMPLES"): codes,
    (call, "EXAMPLES"): call.iso_date,
    (publishers, "EXAMPLES"): publishers.publisher_name,
}
CASES = [(f"{module.__name__.rsplit('.', 1)[1]}.{table}", run, example)
         for (module, table), run in RUNS.items() for example in getattr(module, table)]


@pytest.mark.parametrize("name, run, example", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_kind_rule_examples(name, run, example):
    *arguments, expected = example
    assert run(*arguments) == expected


def test_every_rule_of_the_kind_has_examples():
    own = {m for rules in kind.SECTION_RULES.values() for m in rules if m.__name__.startswith(kind.__name__)}
    assert own <= {module for module, _ in RUNS}
    assert all(len(module.EXAMPLES) >= 3 for module in own)


def test_a_repeated_line_is_read_again_when_the_layout_repeats_it():
    text = "Coordinateur du projet :\n\nAssociation Une.\n\nCoordinateur du projet :\n\nAssociation Deux."
    assert [s.kind for s in segment(source_of(text))].count("boilerplate") == 1
    assert [s.kind for s in segment(source_of(text), keep_repeats=True)].count("boilerplate") == 0


def test_words_are_left_as_written_in_a_clean_extraction():
    text = "Territoire: Quartier des Grésilles, Dijon - Côte-d'Or (21)"
    assert segment(source_of(text), split_glued=False)[0].text == text
