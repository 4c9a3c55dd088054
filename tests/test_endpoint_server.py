"""Real clients against the real server: `essreg serve`'s waitress on a real build, in a subprocess."""
import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper

from test_endpoint import BASE, PREFIXES, PTCE_NAMES, free_port, running_server, wait_for, \
    write_small_build

pytestmark = pytest.mark.slow


def oxigraph_command() -> str:
    """The Oxigraph server of the PyPI package `oxigraph`, next to this interpreter."""
    command = Path(sys.executable).with_name("oxigraph")
    if not command.exists():
        pytest.fail("the Oxigraph server is missing: pip install 'oxigraph>=0.5,<0.6'")
    return str(command)


@pytest.fixture(scope="module")
def out(ptce_build):
    return ptce_build.out


@pytest.fixture(scope="module")
def server(out):
    with running_server({"DATA_DIR": out}) as url:
        yield url


def test_sparqlwrapper_json_xml_and_csv(server):
    endpoint = SPARQLWrapper(server + "sparql")
    endpoint.setQuery(PTCE_NAMES + " LIMIT 3")
    endpoint.setReturnFormat(JSON)
    names = [row["name"]["value"] for row in endpoint.queryAndConvert()["results"]["bindings"]]
    assert names == ["APPUI", "Ardaines", "CIS DT 52"]
    endpoint.setReturnFormat(XML)
    document = endpoint.queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("literal")] == names
    endpoint.setReturnFormat(CSV)
    assert endpoint.queryAndConvert().decode().splitlines()[1:] == [
        f"{BASE}id/pole/appui,APPUI", f"{BASE}id/pole/ardaines,Ardaines", f"{BASE}id/pole/cis-dt-52,CIS DT 52"]


def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(store=SPARQLStore(server + "sparql"))
    rows = list(graph.query(PTCE_NAMES))
    assert len(rows) == 23 and str(rows[0].name) == "APPUI"
    assert graph.query(f"ASK {{ <{BASE}id/pole/coopaxis> ?p ?o }}").askAnswer is True


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("accept,status,location", [
    ("text/html", "303", "/page/pole/coopaxis"),
    ("text/turtle", "303", "/data/pole/coopaxis.ttl"),
    ("application/ld+json;q=0.9, application/rdf+xml", "303", "/data/pole/coopaxis.rdf"),
    ("image/png", "406", None),
])
def test_curl_with_accept_headers(server, accept, status, location):
    answer = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-H",
                             f"Accept: {accept}", server + "id/pole/coopaxis"], capture_output=True, text=True, timeout=30)
    code, _, redirect_url = answer.stdout.partition(" ")
    assert code == status
    if location:
        assert redirect_url == server.rstrip("/") + location
        followed = subprocess.run(["curl", "-sL", "-H", f"Accept: {accept}", server + "id/pole/coopaxis"],
                                  capture_output=True, timeout=30)
        assert b"Coopaxis" in followed.stdout


def test_rebuilding_while_serving_never_shows_a_half_built_registry(tmp_path):
    write_small_build(tmp_path, "Version 0")
    seen, failures = set(), []
    query = PREFIXES + "SELECT ?name WHERE { ?pole a ess:PTCE ; skos:prefLabel ?name }"
    with running_server({"DATA_DIR": tmp_path}) as url:
        done = threading.Event()

        def ask():
            while not done.is_set():
                try:
                    with urllib.request.urlopen(url + "sparql?" + urllib.parse.urlencode({"query": query}), timeout=10) as r:
                        names = [row["name"]["value"] for row in json.load(r)["results"]["bindings"]]
                        if len(names) != 1:
                            failures.append(names)
                        seen.update(names)
                except Exception as error:  # any failed request is what this test looks for
                    failures.append(repr(error))

        clients = [threading.Thread(target=ask) for _ in range(4)]
        for client in clients:
            client.start()
        for version in range(1, 6):
            write_small_build(tmp_path, f"Version {version}")
            time.sleep(0.3)
        done.set()
        for client in clients:
            client.join()
    assert failures == []
    assert "Version 5" in seen and len(seen) >= 3


def test_in_front_of_a_remote_sparql_endpoint(out, tmp_path):
    """SPARQL_BACKEND: the same app answering from an Oxigraph server instead of its own store."""
    oxigraph = oxigraph_command()
    for dump in ("registry.trig", "registry.ttl"):  # the named graphs, and the merged registry as default graph
        subprocess.run([oxigraph, "load", "--location", tmp_path / "db", "--file", out / dump],
                       check=True, capture_output=True, timeout=120)
    port = free_port()
    remote = subprocess.Popen([oxigraph, "serve", "--location", tmp_path / "db", "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", remote)
        with running_server({"DATA_DIR": out, "SPARQL_BACKEND": f"http://127.0.0.1:{port}/query"}) as url:
            endpoint = SPARQLWrapper(url + "sparql")
            endpoint.setQuery(PTCE_NAMES)
            endpoint.setReturnFormat(JSON)
            assert len(endpoint.queryAndConvert()["results"]["bindings"]) == 23
            with urllib.request.urlopen(url + "page/pole/coopaxis") as page:
                assert "Artefacts" in page.read().decode()
            with urllib.request.urlopen(url + "id/pole/coopaxis") as page:  # 303 to the page: the engine has it
                assert page.url == url + "page/pole/coopaxis"
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url + "id/pole/no-such-pole", timeout=10)
            assert error.value.code == 404
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(url + "sparql?query=SELEC", timeout=10)
            assert error.value.code == 400
    finally:
        remote.terminate()
        remote.wait(timeout=30)
