"""The SIRENE linker (converters/link/sirene.py, issue 11) on SYNTHETIC Sirene stock files and
SYNTHETIC pole documents (converters.link.sirene_synthetic), through real builds."""
from __future__ import annotations

import csv
import gzip
import shutil
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph

from converters.ids import IdTable
from converters.link import linkers
from converters.link.sirene import (SireneDecisionsError, SireneLinker, Subject, legal_compatibility, read_decisions,
                                    score)
from converters.link.sirene_stock import Establishment, Unit, read_stock
from converters.link.sirene_synthetic import evaluate, precision_recall, read_truth, synthetic_case
from converters.model import Document
from converters.pipeline import DEFAULT_BASE_URI, build


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("sirene"), seed=11, poles=10)


def _build(case, linker, out=None):
    outcome = build(sorted(case["fiches"].glob("*.txt")), out, DEFAULT_BASE_URI, IdTable(None), chain=linkers(linker))
    assert outcome.exit_code == 0, outcome.report.text() if outcome.report else outcome.summary
    graph = Graph()
    for name in outcome.public:
        graph += outcome.dataset.graph(name)
    return outcome, graph


@pytest.fixture(scope="module")
def linked(case, tmp_path_factory):
    decisions = tmp_path_factory.mktemp("curation") / "sirene-decisions.tsv"
    linker = SireneLinker(case["unites"], case["etablissements"], decisions=decisions,
                          review=decisions.parent / "review.csv")
    outcome, graph = _build(case, linker)
    return linker, outcome, graph, decisions


def test_precision_and_recall_on_the_synthetic_labelled_set(case, linked):
    _, _, graph, _ = linked
    counts = evaluate(graph, read_truth(case["truth"]))["all"]
    precision, recall = precision_recall(counts)
    assert counts["expected"] >= 15, counts  # enough members read to measure
    assert precision >= 0.95 and recall >= 0.90, counts


def test_decoys_are_never_linked_and_persons_never_published(case, linked):
    _, _, graph, _ = linked
    notations = {str(o) for o in graph.objects(None, None) if str(o).isdigit()}
    for row in read_truth(case["truth"]):
        for decoy in filter(None, row["decoys"].split(";")):
            siren, what = decoy.split(":")
            assert siren not in notations, (row["name"], what)
    text = graph.serialize(format="nt")
    for surname in ("MARTIN", "BERNARD", "PETIT", "ROBERT", "RICHARD", "DURAND"):
        assert surname not in text


def test_a_link_is_an_identifier_with_its_provenance_and_the_build_conforms(linked):
    linker, outcome, graph, _ = linked
    assert outcome.report.conforms
    rows = list(graph.query("""PREFIX rov: <http://www.w3.org/ns/regorg#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?n ?note WHERE { ?o rov:registration ?i . ?i skos:notation ?n ; skos:editorialNote ?note ;
        dcterms:type <https://w3id.org/ess-poles/def/identifier-type/siret> }"""))
    assert rows and all("SIRENE link: score" in str(note) and "SYNTHETIC-StockUniteLegale.csv" in str(note) for _, note in rows)


def test_the_decisions_table_rebuilds_the_links_without_the_stock_files(case, linked):
    linker, _, graph, decisions = linked
    assert linker.save_decisions()
    assert not linker.save_decisions()  # nothing new the second time
    before = {str(o) for o in graph.objects(None, None) if str(o).isdigit() and len(str(o)) in (9, 14)}
    offline = SireneLinker(decisions=decisions)  # no Sirene file at all
    _, graph2 = _build(case, offline)
    after = {str(o) for o in graph2.objects(None, None) if str(o).isdigit() and len(str(o)) in (9, 14)}
    assert before and before == after


def test_a_rejected_decision_is_never_linked_again(case, linked, tmp_path):
    linker, _, _, decisions = linked
    linker.save_decisions()
    lines = decisions.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("accepted\t"))
    key, siren = lines[first].split("\t")[1:3]
    lines[first] = "\t".join(["rejected", key, siren, "", "", "steward: not this one"])
    table = tmp_path / "decisions.tsv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = SireneLinker(case["unites"], case["etablissements"], decisions=table)
    _, graph = _build(case, again)
    assert siren not in {str(o) for o in graph.objects(None, None)}


def test_malformed_decisions_are_reported_with_file_and_line(tmp_path):
    table = tmp_path / "d.tsv"
    table.write_text("# comment\ndecision\tkey\tsiren\tsiret\tcategory\tnote\naccepted\tdoc#X\t123456789\t\t\t\n",
                     encoding="utf-8")
    with pytest.raises(SireneDecisionsError, match=r"d\.tsv:3: '123456789' is not a valid SIREN"):
        read_decisions(table)
    table.write_text("decision\tkey\tsiren\tsiret\tcategory\tnote\nmaybe\tdoc#X\t732829320\t\t\t\n", encoding="utf-8")
    with pytest.raises(SireneDecisionsError, match=r"d\.tsv:2: decision 'maybe'"):
        read_decisions(table)


def test_the_reader_streams_gz_and_zip_and_filters(case, tmp_path):
    plain = read_stock(case["unites"], case["etablissements"])
    gz = tmp_path / "u.csv.gz"
    with case["unites"].open("rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    zipped = tmp_path / "e.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(case["etablissements"], "StockEtablissement_utf8.csv")
    assert set(read_stock(gz, zipped)) == set(plain)
    ess = read_stock(case["unites"], case["etablissements"], ess_only=True)
    assert ess and set(ess) < set(plain) and all(u.ess for u in ess.values())
    deux_sevres = read_stock(case["unites"], case["etablissements"], departements=["79"])
    assert deux_sevres and all(any(e.commune.startswith("79") for e in u.establishments) for u in deux_sevres.values())


def _subject(forms, communes=("79191",)):
    document = Document(Path("x.txt"), "generic", "x", "", 1, set())
    return Subject("x#Jardins du Marais", document, None, ["Jardins du Marais"], forms, set(communes), {"79"}, 1)


def _unit(siren, category, name="ASSOCIATION JARDINS DU MARAIS", active=True, commune="79191", person=False,
          diffusible=True):
    return Unit(siren, (name,), "", category, "94.99Z", True, active, diffusible, person,
                [Establishment(siren + "00012", commune, "", True, active)])


def test_an_association_of_the_text_is_no_sarl_and_a_closed_unit_loses():
    assert legal_compatibility(["association"], "9220") == 1.0
    assert legal_compatibility(["association"], "5499") == 0.0
    assert legal_compatibility(["scop"], "5458") == 1.0
    subject = _subject(["association"])
    association = score(subject, _unit("732829320", "9220"))
    sarl = score(subject, _unit("732829320", "5499", name="JARDINS DU MARAIS"))
    closed = score(subject, _unit("732829320", "9220", active=False))
    elsewhere = score(subject, _unit("732829320", "9220", commune="31555"))
    assert association.score >= 0.8 > max(sarl.score, closed.score, elsewhere.score)


def test_a_natural_person_or_a_non_diffusible_unit_is_never_published():
    assert not _unit("732829320", "1000", person=True).publishable
    assert not _unit("732829320", "9220", diffusible=False).publishable


def test_without_sirene_files_the_default_chain_is_unchanged():
    assert [linker.NAME for linker in linkers()] == ["INSEE geography", "INSEE legal categories"]
