"""Communes of the collectivités d'outre-mer (COM: 975, 977, 978, 984, 986-989). INSEE models a COM
as an igeo:CollectiviteDOutreMer: no département, no région; its communes are igeo:subdivisionDe
it. A document naming Papeete or Nouméa used to fail validation (the build minted a département
and a région of code 987/988). The DROM (971-974) and Mayotte (976) stay départements.

The document below is synthetic (written for this test); the geography is the real extract."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from converters.ids import IdTable, Uris
from converters.link import Referred, reference_graph
from converters.link.geography import get_geography
from converters.link.refresh_geography import build_extract
from converters.link.sirene_stock import departement_of_commune
from converters.pipeline import DEFAULT_BASE_URI, build
from converters.validation import validate
from converters.vocab import DCTERMS, IGEO
from endpoint import create_app

from conftest import copy_ids_table

URIS = Uris(DEFAULT_BASE_URI)
SYNTHETIC = """Pôle Coopératif du Pacifique

Le Pôle Coopératif du Pacifique est un PTCE installé à Papeete, qui rassemble des acteurs de l'ESS en Polynésie française.

Ses membres :
- la SCOP Pirogues du Lagon (Nouméa)
- la SARL Transports Tahitiens (Faaa)
- l'association Jardins du Pacifique
- la SCIC Énergie Caraïbe (Pointe-à-Pitre)
"""
COM_CODES = {"975", "977", "978", "984", "986", "987", "988", "989"}


@pytest.fixture(scope="module")
def overseas_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("overseas")
    fiches = root / "fiches"
    fiches.mkdir()
    (fiches / "pole-pacifique-synthetique.txt").write_text(SYNTHETIC, encoding="utf-8")
    outcome = build(sorted(fiches.glob("*.txt")), root / "out", DEFAULT_BASE_URI, IdTable(copy_ids_table(root)))
    assert outcome.written, outcome.report.text() if outcome.report else outcome.summary
    return outcome, Graph().parse(root / "out" / "registry.ttl", format="turtle"), root / "out"


def test_a_document_naming_communes_of_polynesia_and_new_caledonia_builds_with_no_violation(overseas_build):
    outcome, _, _ = overseas_build
    assert outcome.exit_code == 0 and outcome.written, outcome.summary
    assert outcome.report.violations == []


@pytest.mark.parametrize("commune, collectivite, name", [("98735", "987", "Polynésie française"),
                                                          ("98715", "987", "Polynésie française"),
                                                          ("98818", "988", "Nouvelle-Calédonie")])
def test_a_com_commune_is_a_subdivision_of_its_collectivite_which_has_no_region(overseas_build, commune, collectivite, name):
    _, graph, _ = overseas_build
    commune_uri, com_uri = URIS.place("commune", commune), URIS.place("collectivite", collectivite)
    assert com_uri == URIRef(DEFAULT_BASE_URI + "id/collectivite/" + collectivite)
    assert (commune_uri, RDF.type, IGEO.Commune) in graph
    assert set(graph.objects(commune_uri, IGEO.subdivisionDe)) == {com_uri}
    assert set(graph.objects(com_uri, RDF.type)) == {IGEO.CollectiviteDOutreMer}
    assert (com_uri, IGEO.codeINSEE, Literal(collectivite)) in graph
    assert (com_uri, IGEO.nom, Literal(name)) in graph
    assert list(graph.objects(com_uri, IGEO.subdivisionDe)) == []


def test_no_departement_or_region_is_minted_for_a_com(overseas_build):
    _, graph, _ = overseas_build
    for cls in (IGEO.Departement, IGEO.Region):
        codes = {str(graph.value(s, IGEO.codeINSEE)) for s in graph.subjects(RDF.type, cls)}
        assert codes, f"the DROM commune gives a {cls}"
        assert not codes & COM_CODES
    assert not [s for s in graph.subjects() if "/id/departement/98" in str(s) or "/id/region/98" in str(s)]


def test_a_drom_commune_keeps_its_departement_and_region(overseas_build):
    _, graph, _ = overseas_build
    pointe_a_pitre, guadeloupe = URIS.place("commune", "97120"), URIS.place("departement", "971")
    assert set(graph.objects(pointe_a_pitre, IGEO.subdivisionDe)) == {guadeloupe}
    assert set(graph.objects(guadeloupe, IGEO.subdivisionDe)) == {URIS.place("region", "01")}


def test_the_name_of_a_collectivite_places_the_pole_in_it(overseas_build):
    _, graph, _ = overseas_build
    pole = URIRef(DEFAULT_BASE_URI + "id/pole/pole-cooperatif-du-pacifique")
    assert URIS.place("collectivite", "987") in set(graph.objects(pole, DCTERMS.spatial))


def test_the_server_lists_poles_by_collectivite_and_names_the_kind(overseas_build):
    *_, out = overseas_build
    client = create_app({"TESTING": True, "DATA_DIR": out}).test_client()
    listed = client.get("/browse/collectivite.json").json
    assert [(row["key"], row["label"], row["count"]) for row in listed] == [("987", "Polynésie française", 1)]
    assert [row["key"] for row in client.get("/browse/departement.json").json] == []  # Pointe-à-Pitre is a member's place
    page = client.get("/page/pole/pole-cooperatif-du-pacifique", headers={"Accept-Language": "fr"}).text
    assert "Polynésie française" in page and "Collectivité d&#39;outre-mer" in page


# ------------------------------------------------------------------------------- geography
def test_the_geography_knows_eight_collectivites_and_no_departement_or_region_of_their_codes():
    geo = get_geography()
    assert {p.code for p in geo.all("collectivite")} == COM_CODES
    assert all(p.parents == () for p in geo.all("collectivite"))
    departements = {p.code for p in geo.all("departement")}
    assert len(departements) == 101 and {"971", "972", "973", "974", "976"} <= departements
    assert not departements & COM_CODES and not {p.code for p in geo.all("region")} & COM_CODES
    assert geo.get("departement", "976").parents == (("region", "06"),)  # Mayotte is a département


@pytest.mark.parametrize("code, collectivite", [("97801", "978"), ("97701", "977"), ("97502", "975"),
                                                ("98613", "986"), ("98411", "984")])
def test_saint_martin_saint_barthelemy_and_the_other_com_communes_belong_to_their_collectivite(code, collectivite):
    geo = get_geography()
    commune = geo.commune_by_code(code).place
    assert commune.parents == (("collectivite", collectivite),)
    assert geo.departement_of(commune) == collectivite == departement_of_commune(code)  # how Sirene rows are scoped
    assert [(p.kind, p.code) for p in geo.parents(commune)] == [("collectivite", collectivite)]


@pytest.mark.parametrize("text, kind, code", [
    ("988", "collectivite", "988"), ("Nouvelle-Calédonie", "collectivite", "988"),
    ("Polynésie française", "collectivite", "987"), ("Wallis et Futuna", "collectivite", "986"),
    ("976", "departement", "976"), ("Mayotte", "departement", "976"), ("Guadeloupe", "departement", "971"),
])
def test_collectivites_resolve_by_code_and_name_like_departements(text, kind, code):
    place = get_geography().departement(text).place
    assert (place.kind, place.code) == (kind, code)


def test_a_collectivite_is_no_region():
    match = get_geography().region("988")
    assert match.place is None and "988" in match.problem


def test_a_commune_named_with_its_collectivite_code_or_postal_code_resolves():
    geo = get_geography()
    assert geo.commune("Nouméa", departements=["988"]).place.code == "98818"
    assert geo.commune("Papeete", "98714").place.code == "98735"


# --------------------------------------------------------------------------- RDF and shapes
def test_the_reference_graph_of_saint_martin_conforms_and_a_com_typed_as_departement_does_not():
    geo = get_geography()
    graph = reference_graph(URIS, Referred(places=[geo.get("commune", "97801")]))
    saint_martin = URIS.place("collectivite", "978")
    assert (URIS.place("commune", "97801"), IGEO.subdivisionDe, saint_martin) in graph
    assert (saint_martin, RDF.type, IGEO.CollectiviteDOutreMer) in graph
    assert validate(graph).conforms, validate(graph).text()
    # The shapes still refuse what the bug produced, and a collectivité with a département's code.
    broken = Graph() + graph
    wrong = URIS.place("departement", "978")
    broken.add((wrong, RDF.type, IGEO.Departement))
    broken.add((wrong, IGEO.codeINSEE, Literal("978")))
    broken.add((URIS.place("collectivite", "976"), RDF.type, IGEO.CollectiviteDOutreMer))
    broken.add((URIS.place("collectivite", "976"), IGEO.codeINSEE, Literal("976")))
    report = validate(broken)
    found = {(r.focus, r.path, r.value) for r in report.violations}
    assert (str(wrong), f"<{IGEO.codeINSEE}>", "978") in found
    assert (str(URIS.place("collectivite", "976")), f"<{IGEO.codeINSEE}>", "976") in found


# ------------------------------------------------------------------------------- extract
def test_refresh_puts_the_collectivites_in_their_own_file(tmp_path):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    data = {  # real entries of the package: a COM is listed as a département and a région of its own code
        "communes": [{"code": "98818", "nom": "Nouméa", "type": "commune-actuelle", "departement": "988",
                      "region": "988", "codesPostaux": ["98800"], "population": 94285}],
        "departements": [{"code": "988", "nom": "Nouvelle-Calédonie", "region": "988", "chefLieu": "98818"},
                         {"code": "976", "nom": "Mayotte", "region": "06", "chefLieu": "97611"}],
        "regions": [{"code": "988", "nom": "Nouvelle-Calédonie", "chefLieu": "98818"},
                    {"code": "06", "nom": "Mayotte", "chefLieu": "97611"}],
        "epci": [], "ept": [],
    }
    for name, rows in data.items():
        (package / "data" / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    counts = build_extract(package, tmp_path / "out")
    assert counts["collectivites.csv"] == 1 and counts["departements.csv"] == counts["regions.csv"] == 1
    read = lambda name: (tmp_path / "out" / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    assert read("collectivites.csv") == ["code,nom,chef_lieu", "988,Nouvelle-Calédonie,98818"]
    assert read("departements.csv") == ["code,nom,region,chef_lieu", "976,Mayotte,06,97611"]
    assert read("regions.csv") == ["code,nom,chef_lieu", "06,Mayotte,97611"]
    assert read("communes.csv")[1].startswith("98818,Nouméa,commune,988,988,")
