"""Federated queries (SERVICE) between our endpoint and a real Oxigraph server, both ways.

An Oxigraph server (PyPI package `oxigraph`) calls our endpoint from its own SERVICE clause;
our endpoint calls the Oxigraph server only because ALLOWED_SERVICES names it, and refuses any
other address before connecting to it.
"""
import json
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

from test_endpoint import BASE, PREFIXES, free_port, running_server, wait_for
from test_endpoint_server import oxigraph_command

pytestmark = pytest.mark.slow

OTHER_DATA = b'<http://example.org/elsewhere> <http://www.w3.org/2000/01/rdf-schema#label> "from the Oxigraph server" .\n'


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """An Oxigraph server holding one triple of its own; yields its query endpoint."""
    directory = tmp_path_factory.mktemp("oxigraph")
    (directory / "data.nt").write_bytes(OTHER_DATA)
    subprocess.run([oxigraph_command(), "load", "--location", directory / "db", "--file", directory / "data.nt"],
                   check=True, capture_output=True, timeout=60)
    port = free_port()
    process = subprocess.Popen([oxigraph_command(), "serve", "--location", directory / "db", "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(ptce_build, oxigraph):
    with running_server({"DATA_DIR": ptce_build.out, "ALLOWED_SERVICES": [oxigraph]}) as url:
        yield url


def select(endpoint: str, query: str) -> list[dict]:
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)["results"]["bindings"]


def test_oxigraph_server_queries_our_endpoint_with_service(server, oxigraph):
    query = PREFIXES + f"""SELECT ?name WHERE {{
        SERVICE <{server}sparql> {{ <{BASE}id/pole/coopaxis> skos:prefLabel ?name }} }}"""
    assert [row["name"]["value"] for row in select(oxigraph, query)] == ["Coopaxis"]


def test_our_endpoint_calls_an_allowed_endpoint(server, oxigraph):
    query = PREFIXES + f"""SELECT ?label ?name WHERE {{
        SERVICE <{oxigraph}> {{ ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }}
        <{BASE}id/pole/coopaxis> skos:prefLabel ?name }}"""
    rows = select(server + "sparql", query)
    assert [(row["label"]["value"], row["name"]["value"]) for row in rows] == [("from the Oxigraph server", "Coopaxis")]


def test_service_description_announces_federation(server):
    with urllib.request.urlopen(urllib.request.Request(server + "sparql", headers={"Accept": "text/turtle"})) as response:
        assert "sd:BasicFederatedQuery" in response.read().decode()


def test_service_to_another_address_is_refused_and_nothing_connects(server):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.getsockname()[1]}/sparql> {{ ?s ?p ?o }} }}"
        with pytest.raises(urllib.error.HTTPError) as error:
            select(server + "sparql", query)
        assert error.value.code == 400
        assert "is not allowed" in error.value.read().decode()
        with pytest.raises(TimeoutError):
            listener.accept()
