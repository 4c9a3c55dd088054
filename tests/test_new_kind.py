"""Adding a kind, as docs/architecture.md ("Add a kind") says: a specification of well under 150
lines over the shared reader, rules and assembly (tests/data/meeting_minutes/kind.py), given to
the real pipeline with the kinds it knows, reads a synthetic document of a kind no converter knew
(the minutes of a pole's general assembly) into a registry that conforms to the shapes, with no
line dropped and no person's name in a public graph."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import copy_ids_table, sparql, values
from converters.ids import IdTable
from converters.kinds import KINDS
from converters.pipeline import DEFAULT_BASE_URI, build, convert_file
from tests.data.meeting_minutes import kind as meeting_minutes

MINUTES = Path(__file__).parent / "data" / "meeting_minutes" / "compte-rendu-ag.txt"
PERSONS = ["Hélène Garnier", "Julien Morel", "Claire Dubois", "Antoine Lefebvre"]  # named in the minutes


@pytest.fixture(scope="module")
def minutes_build(tmp_path_factory):
    """A real build (linkers, resolution, ids, RDF, SHACL, publishing) of the minutes alone, with
    the new kind registered before the others, and a copy of the committed ids table."""
    root = tmp_path_factory.mktemp("new-kind")
    fiches = root / "fiches"
    fiches.mkdir()
    shutil.copy(MINUTES, fiches)
    outcome = build(sorted(fiches.glob("*.txt")), root / "out", DEFAULT_BASE_URI, IdTable(copy_ids_table(root)),
                    keep_going=True, kinds=[meeting_minutes, *KINDS])
    assert outcome.written, f"the build wrote nothing (exit code {outcome.exit_code}): {outcome.summary}"
    return root / "out", outcome


def test_the_specification_is_short_and_has_the_interface_of_a_kind():
    assert len(Path(meeting_minutes.__file__).read_text(encoding="utf-8").splitlines()) < 150
    assert meeting_minutes.KIND == "meeting-minutes" and meeting_minutes.SUBJECT
    assert callable(meeting_minutes.detect) and callable(meeting_minutes.parse)


def test_without_the_specification_the_minutes_are_read_as_an_article_of_unknown_kind():
    assert convert_file(MINUTES).kind == "generic"
    assert convert_file(MINUTES, kinds=[meeting_minutes, *KINDS]).kind == "meeting-minutes"


def test_the_minutes_are_read_by_the_new_kind_with_no_line_dropped(minutes_build):
    _, outcome = minutes_build
    assert outcome.exit_code == 0 and outcome.report.conforms, outcome.report.text()
    (document,) = outcome.summary["documents"]
    assert document["kind"] == "meeting-minutes"
    assert document["dropped"] == 0, document["dropped_lines"]
    accounted = document["statements"] + document["text"] + document["private"] + document["boilerplate"]
    assert accounted == document["non_empty_lines"] == 23
    assert document["poles"] == 1 and not document["warnings"]


def test_the_pole_its_territory_and_its_members_are_in_the_registry(minutes_build):
    out, _ = minutes_build
    graph = Graph().parse(out / "registry.ttl", format="turtle")
    (pole,) = values(graph, 'SELECT ?p WHERE { ?p a ess:PTCE ; skos:prefLabel "Bocage Solidaire"@fr }')
    assert values(graph, f"SELECT ?c WHERE {{ <{pole}> dcterms:spatial/igeo:codeINSEE ?c }}") == {"79049", "79"}
    rows = sparql(graph, f"""SELECT ?name ?role WHERE {{
        ?m a org:Membership ; org:organization <{pole}> ; org:member ?o ; org:role ?role . ?o skos:prefLabel ?name }}""")
    assert {(row["name"], row["role"].rsplit("/", 1)[1]) for row in rows} == {
        ("Les Jardins du Bocage", "coordinator"), ("Menuiserie du Thouet", "member"), ("Énergies Bocagères", "member"),
        ("Recyclerie de l'Argenton", "member"), ("Vélo Bocage", "member"),
    }
    forms = values(graph, 'SELECT ?f WHERE { ?o skos:prefLabel "Menuiserie du Thouet"@fr ; rov:orgType ?f }')
    assert {f.rsplit("/", 1)[1] for f in forms} == {"scop"}


def test_no_person_named_in_the_minutes_is_in_a_public_output(minutes_build):
    out, outcome = minutes_build
    public = "".join((out / name).read_text(encoding="utf-8") for name in ("registry.ttl", "registry.trig", "registry.jsonld"))
    private = (out / "private" / "private.trig").read_text(encoding="utf-8")
    for name in PERSONS:
        assert name not in public
        assert name.split()[-1] not in public  # nor the surname alone
    assert all(name in private for name in PERSONS)  # the private graph keeps the lines as written
    assert "[personne] (présidente)" in public  # the public text masks the names, it does not drop the line


def test_the_specification_tested_is_the_one_docs_architecture_gives():
    """docs/architecture.md ("Add a kind") shows this specification, with the imports of a module
    of converters/kinds/: from KIND on, the two are the same text."""
    architecture = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    shown = next(block for block in architecture.split("```python\n") if 'KIND = "meeting-minutes"' in block)
    tested = Path(meeting_minutes.__file__).read_text(encoding="utf-8")
    assert shown.split("```")[0][shown.index("KIND ="):] == tested[tested.index("KIND ="):]
