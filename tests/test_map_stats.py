"""/map.geojson, the build's registry.geojson and /stats on a real build of the seeds, checked
against SPARQL queries on the same server: the counts the map and the tables show are those the
registry answers."""
import html
import json
import re
import urllib.parse

import pytest

from endpoint import create_app
from endpoint.stats import FIGURES

pytestmark = pytest.mark.slow

PREFIXES = """PREFIX ess: <https://w3id.org/ess-poles/def#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# A pole the map can place: one of its places is a commune (or an arrondissement municipal), a
# département or a région.
PLACED = """?pole a ess:Pole .
  { ?pole dcterms:spatial ?place } UNION { ?pole ess:region ?place }
  ?place a ?type FILTER(?type IN (igeo:Commune, igeo:ArrondissementMunicipal, igeo:Departement, igeo:Region))"""


@pytest.fixture(scope="module")
def client(seeds_build):
    return create_app({"DATA_DIR": seeds_build.out, "TESTING": True}).test_client()


def select(client, query: str) -> list[dict]:
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.data
    return [{k: v["value"] for k, v in b.items()} for b in response.get_json()["results"]["bindings"]]


def count(client, where: str) -> int:
    return int(select(client, PREFIXES + f"SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE {{ {where} }}")[0]["n"])


@pytest.fixture(scope="module")
def collection(client) -> dict:
    response = client.get("/map.geojson")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    return response.get_json()


def test_map_geojson_is_geojson_of_the_placed_poles(client, collection, seeds_build):
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert len(features) == count(client, PLACED) > 30
    names = {row["pole"]: row["name"] for row in select(
        client, PREFIXES + "SELECT ?pole ?name WHERE { ?pole a ess:Pole ; skos:prefLabel ?name }")}
    for feature in features:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        p = feature["properties"]
        assert feature["id"].startswith(seeds_build.base_uri + "id/pole/")
        assert p["name"] == names[feature["id"]]
        assert p["page"] == seeds_build.base_uri + "page/" + feature["id"][len(seeds_build.base_uri + "id/"):]
        assert p["precision"] in ("commune", "departement", "region")
        assert p["kind"] in ("PTCE", "Pôle") and isinstance(p["themes"], list) and isinstance(p["typologies"], list)
        assert (p["commune"] is not None) == (p["precision"] == "commune")
        # metropolitan France, or overseas
        assert (41 < lat < 52 and -6 < lon < 10) or p["regionCode"] in ("01", "02", "03", "04", "06")
    assert len({feature["id"] for feature in features}) == len(features)


def test_map_geojson_precision_counts_equal_sparql_counts(client, collection):
    by_precision = {level: sum(f["properties"]["precision"] == level for f in collection["features"])
                    for level in ("commune", "departement", "region")}
    commune = "?pole a ess:Pole ; dcterms:spatial ?c . ?c a ?t FILTER(?t IN (igeo:Commune, igeo:ArrondissementMunicipal))"
    departement = f"""?pole a ess:Pole ; dcterms:spatial ?d . ?d a igeo:Departement
      FILTER NOT EXISTS {{ {commune.replace('?pole a ess:Pole ;', '?pole')} }}"""
    assert by_precision["commune"] == count(client, commune) > 0
    assert by_precision["departement"] == count(client, departement) > 0
    assert by_precision["region"] == count(client, PLACED) - by_precision["commune"] - by_precision["departement"]
    # a pole placed at its commune: Marseille's town hall
    marseille = next(f for f in collection["features"] if f["properties"]["commune"] == "13055")
    assert marseille["geometry"]["coordinates"] == pytest.approx([5.37, 43.30], abs=0.02)


def test_map_geojson_kind_and_typology_counts_equal_sparql_counts(client, collection):
    features = [f["properties"] for f in collection["features"]]
    assert sum(p["kind"] == "PTCE" for p in features) == count(client, PLACED + " . ?pole a ess:PTCE")
    typologies = {t for p in features for t in p["typologies"]}
    assert typologies
    for typology in typologies:
        assert sum(typology in p["typologies"] for p in features) == count(
            client, PLACED + f' . ?pole ess:typology/skos:prefLabel "{typology}"@fr')


def test_registry_geojson_is_a_dump(client, collection, seeds_build):
    info = json.loads((seeds_build.out / "build-info.json").read_text(encoding="utf-8"))
    assert "registry.geojson" in {dump["path"] for dump in info["dumps"]}
    response = client.get("/dumps/registry.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert response.get_json() == collection
    assert b"registry.geojson" in client.get("/dumps/").data
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data.decode()
    assert "registry.ttl" in void and "registry.geojson" not in void.split("void:dataDump", 1)[1].split(";", 1)[0]


def test_map_page_lists_the_poles_without_javascript(client, collection):
    page = client.get("/map")
    assert page.status_code == 200
    text = page.data.decode()
    assert 'lang="fr"' in text and "<script>" not in text and "style=" not in text
    assert text.count("<tr><td><a href=\"/page/pole/") == len(collection["features"])
    assert client.get("/map/departements.geojson").get_json()["features"][0]["properties"]["code"] == "01"


@pytest.mark.slow
def test_map_page_shows_fifty_poles_a_page_and_every_placed_pole_once(tmp_path):
    """A synthetic registry of 60 poles (benchmarks/synthetic_registry.py, through the real pipeline)."""
    from benchmarks.synthetic_registry import synthetic_documents
    from converters.ids import IdTable
    from converters.link.insee_geography import GeographyLinker
    from converters.link.legal_categories import LegalCategoriesLinker
    from converters.pipeline import DEFAULT_BASE_URI, Conversion, build_documents

    outcome = build_documents(Conversion(synthetic_documents(60, seed=3, per_document=20)), tmp_path / "build",
                              DEFAULT_BASE_URI, IdTable(tmp_path / "ids.tsv"), chain=[GeographyLinker(), LegalCategoriesLinker()])
    assert outcome.exit_code == 0, [str(violation) for violation in outcome.report.violations]
    client = create_app({"TESTING": True, "DATA_DIR": tmp_path / "build"}).test_client()
    placed = client.get("/map.geojson").get_json()["features"]
    assert len(placed) > 50
    rows, number, text = [], 1, client.get("/map").data.decode()
    while True:
        found = re.findall(r'<tr><td><a href="(/page/pole/[^"]+)"', text)
        assert 0 < len(found) <= 50 and f"{len(placed)} pôles placés" in text
        rows += found
        if 'rel="next"' not in text:
            break
        number += 1
        assert f'rel="next" href="/map?page={number}"' in text
        text = client.get(f"/map?page={number}").data.decode()
    assert number == -(-len(placed) // 50)
    assert sorted(rows) == sorted("/page/" + feature["id"].split("/id/", 1)[1] for feature in placed)


def test_stats_tables_are_the_answers_of_their_linked_queries(client):
    page = client.get("/stats").data.decode()
    assert 'lang="fr"' in page
    for figure in FIGURES:
        section = page.split(f'id="{figure.name}"', 1)[1].split("</section>", 1)[0]
        link = section.split('<a href="/query?', 1)[1].split('"', 1)[0]
        query = urllib.parse.parse_qs(urllib.parse.unquote(link.replace("&amp;", "&")))["query"][0]
        assert query == figure.text
        assert client.get("/query?" + link.replace("&amp;", "&")).status_code == 200
        rows = [(row["label"], row["n"]) for row in select(client, query)]
        body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
        shown = [(html.unescape(label), n) for label, n in
                 re.findall(r'<tr><td>([^<]*)</td><td class="number">(\d+)</td></tr>', body)]
        assert shown == rows, figure.name
        assert rows, f"{figure.name}: the seeds give no row"
