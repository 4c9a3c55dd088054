"""Our endpoint federating: SERVICE to stand-ins of INSEE (SYNTHETIC INSEE-shaped data,
tests/federation_standins.py) joined with the registry, the time limit on each remote call
(SERVICE_TIMEOUT), the `public` preset of the allow-list, and the example queries for researchers.
"""
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from endpoint import create_app
from endpoint.federation import PUBLIC_ENDPOINTS, allowed_services, route_services
from endpoint.query_runner import check_services
from endpoint.query_ui import EXAMPLES_DIR
from federation_standins import InseeStandIn, oxigraph_server
from test_endpoint import BASE, running_server

FEDERATED = sorted((EXAMPLES_DIR / "federated").glob("*.rq"))
COMMUNES_OF_PTCE = """PREFIX ess: <https://w3id.org/ess-poles/def#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX igeo: <http://rdf.insee.fr/def/geo#>
SELECT ?pole ?poleName ?commune ?code WHERE {
  ?pole a ess:PTCE ; skos:prefLabel ?poleName ; dcterms:spatial ?commune . ?commune a igeo:Commune ; igeo:codeINSEE ?code }"""


def post(endpoint: str, query: str) -> list[dict]:
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def test_the_public_preset_expands_to_insee_wikidata_and_data_europa_eu():
    assert PUBLIC_ENDPOINTS == ("http://rdf.insee.fr/sparql", "https://query.wikidata.org/sparql",
                                "https://data.europa.eu/sparql")
    assert allowed_services("public") == list(PUBLIC_ENDPOINTS)
    assert allowed_services("http://127.0.0.1:9/sparql, public") == ["http://127.0.0.1:9/sparql", *PUBLIC_ENDPOINTS]
    assert allowed_services(()) == [] and allowed_services("") == []


def test_the_preset_is_read_from_the_environment(monkeypatch, ptce_build):
    monkeypatch.setenv("ESSREG_ALLOWED_SERVICES", "public")
    assert create_app({"DATA_DIR": str(ptce_build.out)}).config["ALLOWED_SERVICES"] == list(PUBLIC_ENDPOINTS)


def test_the_examples_for_researchers_call_only_the_preset():
    assert len(FEDERATED) >= 3
    for path in FEDERATED:
        query = path.read_text(encoding="utf-8")
        assert "needs ALLOWED_SERVICES=public" in query.splitlines()[0], path.name
        assert check_services(query, PUBLIC_ENDPOINTS), path.name


def test_the_query_page_offers_the_federated_examples_when_their_endpoints_are_allowed(ptce_build):
    federated = 'data-example="population-of-ptce-communes"'
    plain = create_app({"DATA_DIR": str(ptce_build.out), "TESTING": True}).test_client()
    assert federated not in plain.get("/query").text
    assert plain.get("/query?example=population-of-ptce-communes").status_code == 404
    public = create_app({"DATA_DIR": str(ptce_build.out), "ALLOWED_SERVICES": "public", "TESTING": True}).test_client()
    assert federated in public.get("/query").text
    assert public.get("/query?example=population-of-ptce-communes").status_code == 200


def test_routing_rewrites_only_the_service_iris():
    query = 'SELECT * WHERE { ?s ?p <http://a/sparql> SERVICE SILENT <http://a/sparql> { ?s ?p ?o } SERVICE <http://b> {} }'
    assert route_services(query, {"http://a/sparql": "http://127.0.0.1:1/0"}) == (
        'SELECT * WHERE { ?s ?p <http://a/sparql> SERVICE SILENT <http://127.0.0.1:1/0> { ?s ?p ?o } SERVICE <http://b> {} }')


# --- against servers ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def registry_communes(ptce_build):
    client = create_app({"DATA_DIR": str(ptce_build.out), "TESTING": True}).test_client()
    response = client.post("/sparql", data={"query": COMMUNES_OF_PTCE}, headers={"Accept": "application/sparql-results+json"})
    rows = [{name: value["value"] for name, value in row.items()} for row in response.json["results"]["bindings"]]
    assert len({row["code"] for row in rows}) > 3
    return rows


@pytest.fixture(scope="module")
def insee(registry_communes, tmp_path_factory):
    """Every commune where a PTCE is based, with a legal population for two years; one left out."""
    standin = InseeStandIn()
    codes = sorted({row["code"] for row in registry_communes})
    populations = {}
    for n, code in enumerate(codes[1:], 1):
        standin.place("commune", code)
        for year, total in (("2021", 1000 + n), ("2022", 2000 + n)):
            standin.population("commune", code, year, total)
            populations[(code, year)] = total
    with oxigraph_server(tmp_path_factory.mktemp("insee"), standin.nquads(), union=True) as url:
        yield url, populations


@pytest.fixture(scope="module")
def slow_endpoint():
    """An address that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(ptce_build, insee, slow_endpoint):
    with running_server({"DATA_DIR": ptce_build.out, "ALLOWED_SERVICES": [insee[0], slow_endpoint],
                         "SERVICE_TIMEOUT": 2}) as url:
        yield url + "sparql"


def test_the_population_example_joins_the_registry_with_the_insee_stand_in(server, insee, registry_communes):
    url, populations = insee
    query = (EXAMPLES_DIR / "federated" / "01-population-of-ptce-communes.rq").read_text(encoding="utf-8")
    rows = post(server, query.replace("<http://rdf.insee.fr/sparql>", f"<{url}>"))
    found = {(row["pole"]["value"], row["code"]["value"], row["year"]["value"], int(row["population"]["value"]))
             for row in rows}
    expected = {(row["pole"], row["code"], year, populations[(row["code"], year)])
                for row in registry_communes for year in ("2021", "2022") if (row["code"], year) in populations}
    assert expected and found == expected


def test_a_remote_call_past_service_timeout_gives_504(server, slow_endpoint):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as error:
        post(server, f"SELECT * WHERE {{ SERVICE <{slow_endpoint}> {{ ?s ?p ?o }} }}")
    assert error.value.code == 504
    assert "did not answer within 2 s (SERVICE_TIMEOUT)" in error.value.read().decode()
    assert time.monotonic() - started < 15  # QUERY_TIMEOUT (30 s) did not have to stop it


def test_service_silent_past_the_timeout_answers_without_it(server, slow_endpoint):
    rows = post(server, f"""SELECT ?name WHERE {{ <{BASE}id/pole/coopaxis> <http://www.w3.org/2004/02/skos/core#prefLabel> ?name
        OPTIONAL {{ SERVICE SILENT <{slow_endpoint}> {{ ?s ?p ?o }} }} }}""")
    assert [row["name"]["value"] for row in rows] == ["Coopaxis"]


def test_service_outside_the_allow_list_is_refused_with_the_preset(ptce_build):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        client = create_app({"DATA_DIR": str(ptce_build.out), "ALLOWED_SERVICES": "public", "TESTING": True}).test_client()
        response = client.post("/sparql", data={"query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.getsockname()[1]}/sparql> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 400 and "is not allowed" in response.text
        assert "https://query.wikidata.org/sparql" in response.text  # the message lists what is allowed
        with pytest.raises(TimeoutError):
            listener.accept()
