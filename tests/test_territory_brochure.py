"""The kind "territory's brochure" (converters/kinds/territory_brochure/): each of its rules against
its table of examples, its detection, its table of schemes, and a synthetic brochure read end to end.

A rule runs as the kind runs it: on a segment of a synthetic brochure whose first line names its
territory twice (the Grand-Orly Seine Bièvre), after the shared rules the kind reads with; the
facts are those it finds on the first segment of the example (an example may go on over several
lines: an event reads the lines after its date)."""
from __future__ import annotations

from pathlib import Path

import pytest

from converters.kinds import territory_brochure as kind
from converters.kinds.territory_brochure import (
    call_figures, captions, clubs, commune_list, events, laureates, operators, partners, presentations, schemes, sessions,
    territory, territory_figures, testimonies,
)
from converters.pipeline import convert_file, detect_kind
from converters.reading.reader import read
from converters.reading.segments import BOILERPLATE, segment
from converters.reading.source import SourceText, read_source

RULES = [territory_figures, commune_list, schemes, call_figures, laureates, testimonies, partners, operators, presentations,
         clubs, events, sessions, captions]
PREAMBLE = "Brochure synthétique : le Grand-Orly Seine Bièvre soutient l'ESS, avec les acteurs du Grand-Orly Seine Bièvre."
CASES = [(rule.__name__.rsplit(".", 1)[1], rule, text, expected) for rule in RULES for text, expected in rule.EXAMPLES]
SYNTHETIC = Path(__file__).parent / "data" / "territory-brochure" / "brochure-synthetique.txt"


def run_rule(rule, text: str) -> set[str]:
    lines = (PREAMBLE, "", *text.split("\n"))
    reading = read(SourceText(Path("synthetic.txt"), lines, "0" * 64), rules=kind.SHARED_RULES, **kind.LAYOUT)
    first = next(s for s in reading.live if min(s.lines) > 2)
    return {fact.key() for fact in rule.find(first, reading.context)}


@pytest.mark.parametrize("name, rule, text, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_examples(name, rule, text, expected):
    assert run_rule(rule, text) == expected


@pytest.mark.parametrize("text, code", territory.EXAMPLES)
def test_the_territory_is_the_intercommunality_named_most(text, code):
    place = territory.most_named(text)
    assert (place.code if place else None) == code


def test_every_rule_of_the_kind_has_examples_and_a_section():
    assert all(len(rule.EXAMPLES) >= 3 for rule in RULES)
    assert {rule for _, _, rules in kind.SECTIONS for rule in rules} == set(RULES)


def test_the_brochure_reads_a_repeated_line_where_it_stands():
    lines = ("FONDS DE SOUTIEN À L'INSERTION", "", "Printemps 2024", "", "FONDS DE SOUTIEN À L'INSERTION", "", "Automne 2024")
    source = SourceText(Path("synthetic.txt"), lines, "0" * 64)
    assert [s.kind for s in segment(source)][2] == BOILERPLATE  # by default, a repeat is accounted as boilerplate
    assert [s.reason for s in segment(source, keep_repeats=True)] == [None] * 4


def test_the_table_of_schemes_is_read():
    rows = schemes.rows()
    assert sum(row.kind == "call" for row in rows) == 1
    assert {row.partner for row in rows} == {True, False}


def test_the_seed_brochure_is_detected_and_the_other_seeds_are_not():
    fiches = Path(__file__).resolve().parent.parent / "data" / "fiches"
    scores = {path.name: kind.detect(read_source(path)) for path in fiches.glob("*.txt")}
    assert scores.pop("grand-orly-seine-bievre-brochure-ess.txt") > 0.5
    assert not any(scores.values()), scores


def test_a_synthetic_brochure_of_another_territory():
    source = read_source(SYNTHETIC)
    assert detect_kind(source) is kind
    doc = convert_file(SYNTHETIC)
    assert doc.dropped_lines() == [] and "boilerplate" not in doc.line_use.values()
    authority = next(o for o in doc.organisations.values() if o.authority)
    assert authority.name == "Plaine Commune" and authority.legal_forms == ["etablissement-public-territorial"]
    assert [p.code for p in authority.places] == ["200057867"] and len(doc.place_parts) == 9 and not doc.diagnostics
    assert authority.seat.code == "93066" and authority.homepages == ["http://www.plainecommune.fr"]
    call = next(s for s in doc.schemes if s.kind == "call")
    assert call.name.startswith("Appel à projets ESS") and call.next_session == "Automne 2025"
    assert {f.measure: int(f.value) for f in call.figures} == {"laureates": 3, "grant": 90000}
    laureates = sorted(o.name for o in doc.organisations.values() if call.key in o.laureate_of)
    assert laureates == ["Le Café des Possibles", "Les Jardins du Fort", "Recyclerie du Canal"]
    grant = next(o for o in doc.organisations.values() if o.name == "Recyclerie du Canal").figures[0]
    assert (grant.measure, int(grant.value), grant.granted_by) == ("grant", 12000, call.key)
    partners_ = {doc.organisations[m.org_key].name: m.heading for _, m in doc.memberships}
    assert partners_ == {"France Active": "Les partenaires du territoire", "France Active Seine-Saint-Denis": None,
                         "Pointcarré": "Les coopératives d'activité et d'emploi (CAE)"}
    branch = next(o for o in doc.organisations.values() if o.name == "France Active Seine-Saint-Denis")
    assert [p.code for p in branch.places] == ["93"] and branch.parent_keys == [next(
        o.key for o in doc.organisations.values() if o.name == "France Active")]
    (event,) = doc.events
    assert (event.label, event.date, event.start, event.place.code) == (
        "Le forum de l'ESS de Plaine Commune", "2025-03-14", "2025-03-14T14:00:00", "93066")
    assert any("Jeanne Martin" in text for _, text in doc.private_notes)
    # the note stays public text; its person is one the RDF writer masks (converters.privacy)
    assert any("Jeanne Martin" in note for note in doc.notes) and "Jeanne Martin" in doc.persons
