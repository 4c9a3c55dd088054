"""`essreg link-sirene` and `essreg import-sirene` (essreg/sirene_commands.py, issue 11) on SYNTHETIC
registries and SYNTHETIC Sirene stock files (converters.link.sirene_synthetic): real builds, the
real linker, pyshacl and the real app over the published build."""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from converters.ids import IdTable
from converters.link import linkers
from converters.link.sirene import SireneLinker
from converters.link.sirene_synthetic import synthetic_case, synthetic_stock
from converters.pipeline import DEFAULT_BASE_URI, build
from endpoint import create_app
from essreg.cli import main

pytestmark = pytest.mark.slow

SIRENE_GRAPH = DEFAULT_BASE_URI + "graph/sirene"


def essreg(*args) -> object:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def build_id(out: Path) -> str:
    return json.loads((out / "build-info.json").read_text(encoding="utf-8"))["id"]


def select(out: Path, query: str) -> list[dict]:
    client = create_app({"TESTING": True, "DATA_DIR": out}).test_client()
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.data
    return [{k: v["value"] for k, v in row.items()} for row in response.get_json()["results"]["bindings"]]


SIRENS = """PREFIX rov: <http://www.w3.org/ns/regorg#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?org ?n WHERE { ?org rov:registration ?i . ?i skos:notation ?n ;
      dcterms:type <https://w3id.org/ess-poles/def/identifier-type/siren> FILTER(STRSTARTS(STR(?org), "%sid/org/")) }
""" % DEFAULT_BASE_URI


def void_sirene_triples(out: Path) -> int | None:
    """The void:triples of the SIRENE linkset VoID announces, or None when it announces none."""
    client = create_app({"TESTING": True, "DATA_DIR": out}).test_client()
    void = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).get_data(as_text=True),
                         format="turtle")
    linkset = next((s for s in void.subjects() if str(s).endswith("catalog#links-sirene")), None)
    if linkset is None:
        return None
    return int(void.value(linkset, URIRef("http://rdfs.org/ns/void#triples")))


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    return synthetic_case(tmp_path_factory.mktemp("sirene-case"), seed=11, poles=3)


@pytest.fixture(scope="module")
def linked(case, tmp_path_factory):
    """A registry built without Sirene, then linked in place by `essreg link-sirene`."""
    root = tmp_path_factory.mktemp("linked")
    out, ids, decisions = root / "build", root / "ids.tsv", root / "sirene-decisions.tsv"
    result = essreg("build", "--fiches", case["fiches"].resolve(), "--out", out, "--ids", ids)
    assert result.exit_code == 0, result.output
    before = build_id(out)
    assert not select(out, SIRENS)  # nothing linked yet
    assert void_sirene_triples(out) is None  # and VoID announces no SIRENE linkset
    result = essreg("link-sirene", "--unites", case["unites"], "--etablissements", case["etablissements"],
                    "--in", out, "--ids", ids, "--decisions", decisions, "--review", root / "review.csv")
    assert result.exit_code == 0, result.output
    return {"root": root, "out": out, "ids": ids, "decisions": decisions, "before": before, "output": result.output}


def test_link_sirene_writes_sirens_and_the_linked_build_serves_them(linked, case):
    assert build_id(linked["out"]) != linked["before"]  # a new build, swapped in
    rows = select(linked["out"], SIRENS)
    truth = {row["expected_siren"] for row in csv.DictReader(case["truth"].open(encoding="utf-8")) if row["expected_siren"]}
    assert len(rows) >= 5 and {row["n"] for row in rows} <= truth
    assert "SIRENE:" in linked["output"] and "organisation(s) linked" in linked["output"]
    registrations = select(linked["out"], """PREFIX rov: <http://www.w3.org/ns/regorg#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT (COUNT(*) AS ?n) WHERE { ?o rov:registration ?i . ?i dcterms:type ?t
        FILTER(?t IN (<https://w3id.org/ess-poles/def/identifier-type/siren>, <https://w3id.org/ess-poles/def/identifier-type/siret>)) }""")
    assert void_sirene_triples(linked["out"]) == int(registrations[0]["n"]) >= 2 * len(rows) - 1


def test_link_sirene_with_a_departement_links_only_there(linked, case, tmp_path):
    truth = list(csv.DictReader(case["truth"].open(encoding="utf-8")))
    communes = {row["expected_siren"]: row["commune"] for row in truth if row["expected_siren"]}
    departement = sorted(communes.values())[0][:2]
    out = tmp_path / "build"
    result = essreg("link-sirene", "--unites", case["unites"], "--etablissements", case["etablissements"],
                    "--departement", departement, "--in", linked["out"], "--out", out, "--ids", linked["ids"],
                    "--decisions", tmp_path / "d.tsv", "--review", tmp_path / "r.csv")
    assert result.exit_code == 0, result.output
    sirens = {row["n"] for row in select(out, SIRENS)}
    assert sirens and all(communes[s].startswith(departement) for s in sirens)
    assert len(sirens) < len({row["n"] for row in select(linked["out"], SIRENS)})


def test_link_sirene_in_place_keeps_the_old_build_when_linking_fails(linked, case, tmp_path):
    before = build_id(linked["out"])
    broken = tmp_path / "StockUniteLegale.csv"
    broken.write_text("siren,denominationUniteLegale\n123456789,X\n", encoding="utf-8")  # no category column
    result = essreg("link-sirene", "--unites", broken, "--in", linked["out"], "--ids", linked["ids"],
                    "--decisions", tmp_path / "d.tsv", "--review", tmp_path / "r.csv")
    assert result.exit_code == 2, result.output
    assert f"{broken}:1: not a Sirene stock file" in result.output
    assert build_id(linked["out"]) == before
    assert not (tmp_path / "d.tsv").exists()


def test_link_sirene_refuses_a_damaged_decisions_table_with_its_line(linked, case, tmp_path):
    before = build_id(linked["out"])
    decisions = tmp_path / "decisions.tsv"
    decisions.write_text("# SYNTHETIC, damaged\naccepted\tx#Y\t123\n", encoding="utf-8")
    result = essreg("link-sirene", "--unites", case["unites"], "--in", linked["out"], "--ids", linked["ids"],
                    "--decisions", decisions, "--review", tmp_path / "r.csv")
    assert result.exit_code == 2, result.output
    assert f"{decisions}:2: header is" in result.output
    assert build_id(linked["out"]) == before


def test_link_sirene_refuses_a_source_changed_since_the_build(case, tmp_path):
    fiches = tmp_path / "fiches"
    fiches.mkdir()
    for path in case["fiches"].glob("*.txt"):
        (fiches / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "build"
    assert essreg("build", "--fiches", fiches, "--out", out, "--ids", tmp_path / "ids.tsv").exit_code == 0
    first = sorted(fiches.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    result = essreg("link-sirene", "--unites", case["unites"], "--in", out, "--ids", tmp_path / "ids.tsv",
                    "--decisions", tmp_path / "d.tsv")
    assert result.exit_code != 0 and f"{first}: changed since the build" in result.output


def test_the_decisions_link_sirene_appended_rebuild_the_same_links_without_the_stock_files(linked, case):
    table = linked["decisions"].read_text(encoding="utf-8")
    assert table.count("\naccepted\t") >= 5
    served = {(row["org"], row["n"]) for row in select(linked["out"], SIRENS)}
    outcome = build(sorted(case["fiches"].resolve().glob("*.txt")), None, DEFAULT_BASE_URI, IdTable(linked["ids"]),
                    chain=linkers(SireneLinker(decisions=linked["decisions"])))  # no Sirene file at all
    graph = Graph()
    for name in outcome.public:
        graph += outcome.dataset.graph(name)
    rebuilt = {(str(row.org), str(row.n)) for row in graph.query(SIRENS)}
    assert rebuilt == served


@pytest.fixture(scope="module")
def imported(linked, case):
    """The case's stock imported into the linked build (owl:sameAs), then replaced by a second
    import of a SYNTHETIC stock with non-diffusible units, persons and an invalid SIREN."""
    out = linked["out"]
    first = essreg("import-sirene", "--unites", case["unites"], "--etablissements", case["etablissements"],
                   "--out", out, "--chunk", 100)
    assert first.exit_code == 0, first.output
    same_as = select(out, "SELECT ?a ?b WHERE { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b }")
    units = linked["root"] / "SYNTHETIC-national-unites.csv.gz"
    establishments = linked["root"] / "SYNTHETIC-national-etablissements.csv.gz"
    counts = synthetic_stock(units, establishments, 520)
    second = essreg("import-sirene", "--unites", units, "--etablissements", establishments, "--out", out, "--chunk", 200)
    assert second.exit_code == 0, second.output
    return {"out": out, "same_as": same_as, "first": first.output, "second": second.output, "counts": counts,
            "units": units, "establishments": establishments}


def test_import_sirene_makes_linked_organisations_the_same_as_their_unit(imported, linked):
    linked_sirens = {row["n"]: row["org"] for row in select(linked["out"], SIRENS)}
    pairs = {(row["a"], row["b"]) for row in imported["same_as"]}
    assert linked_sirens and {(org, f"{DEFAULT_BASE_URI}id/siren/{siren}") for siren, org in linked_sirens.items()} <= pairs


def _stock_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _public_text(out: Path) -> str:
    current = (out / "current").resolve()
    text = [(current / name).read_text(encoding="utf-8") for name in ("registry.ttl", "registry.trig", "registry.jsonld")]
    for dump in (p for p in current.glob("graph/**/*") if p.is_file()):
        text.append(gzip.decompress(dump.read_bytes()).decode() if dump.suffix == ".gz" else dump.read_text(encoding="utf-8"))
    text.append(gzip.decompress((current / "registry.nt.gz").read_bytes()).decode())
    return "\n".join(text)


def test_import_sirene_leaves_out_non_diffusible_units_persons_and_invalid_sirens(imported):
    rows = _stock_rows(imported["units"])
    public = _public_text(imported["out"])
    hidden = [r for r in rows if r["statutDiffusionUniteLegale"] != "O"]
    persons = [r for r in rows if r["categorieJuridiqueUniteLegale"] == "1000"]
    assert hidden and persons and imported["counts"]["invalid"] == 2
    for row in hidden + persons:
        assert f"/siren/{row['siren']}" not in public, row["siren"]
    for row in persons:  # no entrepreneur individuel's name, in any public file
        labels = [r["l"] for r in select(imported["out"], f"""SELECT ?l WHERE {{ GRAPH <{SIRENE_GRAPH}> {{
            ?s ?p ?l FILTER(isLiteral(?l) && CONTAINS(UCASE(STR(?l)), "{row['nomUniteLegale']}")) }} }}""")]
        assert not [label for label in labels if "," not in label], labels  # addresses aside
        assert f"{row['prenom1UniteLegale']} {row['nomUniteLegale']}" not in public
    invalid = [line for line in imported["second"].splitlines() if "is not a valid SIREN: not published" in line]
    assert len(invalid) == 2
    for line in invalid:
        siren = line.split("'")[1]
        assert f"/siren/{siren}" not in public and siren not in public


def test_import_sirene_publishes_establishments_as_sites_with_address_and_commune(imported):
    info = json.loads((imported["out"] / "build-info.json").read_text(encoding="utf-8"))
    extra = info["extra_graph"]
    assert extra["files"] == [imported["units"].name, imported["establishments"].name]  # the second import replaced the first
    rows = select(imported["out"], f"""PREFIX org: <http://www.w3.org/ns/org#> PREFIX locn: <http://www.w3.org/ns/locn#>
        PREFIX ess: <https://w3id.org/ess-poles/def#> PREFIX igeo: <http://rdf.insee.fr/def/geo#>
        SELECT (COUNT(DISTINCT ?site) AS ?n) WHERE {{ GRAPH <{SIRENE_GRAPH}> {{ ?unit org:hasSite ?site .
          ?site a org:Site ; org:siteAddress ?a . ?a ess:commune ?c }} ?c a igeo:Commune ; igeo:subdivisionDe ?d }}""")
    assert int(rows[0]["n"]) == extra["establishments"] > 500
    units = select(imported["out"], f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{SIRENE_GRAPH}> {{
        ?u a <http://www.w3.org/ns/org#Organization> ; <https://w3id.org/ess-poles/def#socialEconomyFlag> true ;
           <http://www.w3.org/ns/regorg#orgActivity> ?naf FILTER(STRSTARTS(STR(?naf), "http://id.insee.fr/codes/nafr2/sousClasse/")) }} }}""")
    counts = imported["counts"]
    assert int(units[0]["n"]) == extra["units"] == counts["units"] - counts["invalid"] - counts["persons"] - counts["not_diffusible"]
    client = create_app({"TESTING": True, "DATA_DIR": imported["out"]}).test_client()
    siren = _stock_rows(imported["units"])[0]["siren"]
    response = client.get(f"/id/siren/{siren}", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert siren in client.get(response.headers["Location"], headers={"Accept": "text/turtle"}).get_data(as_text=True)


def test_the_imported_registry_conforms_to_the_shapes(imported):
    result = essreg("validate", imported["out"] / "registry.trig")
    assert result.exit_code == 0, result.output[-3000:]
    assert result.output.startswith("Conforms: True")


def test_import_sirene_refuses_a_departement_that_is_none(imported):
    result = essreg("import-sirene", "--unites", imported["units"], "--departement", "99", "--out", imported["out"])
    assert result.exit_code == 2 and "99: not a département code" in result.output


def test_a_chunk_that_breaks_the_shapes_is_reported_by_its_validation():
    from converters.link.sirene_backbone import _validate_chunk

    unit = f"<{DEFAULT_BASE_URI}id/siren/732829320>"
    chunk = (f'{unit} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/org#Organization> .\n'
             f'{unit} <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@fr .\n'
             f'{unit} <http://www.w3.org/2004/02/skos/core#prefLabel> "B"@fr .\n').encode()
    violations = _validate_chunk(chunk, b"")
    messages = {v.message for v in violations}
    assert "An organisation has exactly one skos:prefLabel in French." in messages
    assert any("prov:wasDerivedFrom" in m for m in messages)
    assert all(v.focus.endswith("/id/siren/732829320") for v in violations)
