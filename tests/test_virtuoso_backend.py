"""Virtuoso 7 as our SPARQL backend (`SPARQL_BACKEND`), the configuration for a registry bigger
than one embedded store: a real Virtuoso (Debian `virtuoso-opensource`, installed by .ci/run)
holds the seeds' merged registry, our server sends it the public queries, and SPARQLWrapper reads
the example queries' answers from that server and from one on the embedded store. Skipped, saying
why, when Virtuoso is not installed.
"""
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from test_endpoint import running_server

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from http_load import start_virtuoso, stop  # noqa: E402  (the benchmarks' launcher: one way to start it)

pytestmark = pytest.mark.slow

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "endpoint" / "examples").glob("*.rq"))
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
XSD_INT = "http://www.w3.org/2001/XMLSchema#int"


@pytest.fixture(scope="module")
def virtuoso(seeds_build, tmp_path_factory):
    if not (shutil.which("virtuoso-t") and (shutil.which("isql-vt") or shutil.which("isql"))):
        pytest.skip("Virtuoso 7 is not installed (Debian's virtuoso-opensource: apt-get install -y"
                    " virtuoso-opensource, as .ci/run does)")
    server = start_virtuoso(seeds_build.out, tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server.base + server.sparql
    finally:
        stop(server.process)


@pytest.fixture(scope="module")
def endpoints(seeds_build, virtuoso):
    """Our endpoint on the embedded store, and ours with Virtuoso behind it (cache off in both)."""
    with running_server({"DATA_DIR": seeds_build.out, "CACHE_BYTES": 0}) as embedded, \
            running_server({"DATA_DIR": seeds_build.out, "CACHE_BYTES": 0, "SPARQL_BACKEND": virtuoso}) as backed:
        yield embedded + "sparql", backed + "sparql"


def rows(endpoint: str, query: str) -> list[tuple]:
    """The answer's rows as sorted tuples of (variable, kind, value, datatype, language); a
    GROUP_CONCAT's items sorted (its order is the engine's); Virtuoso's xsd:int counts read as the
    xsd:integer they are."""
    client = SPARQLWrapper(endpoint, returnFormat=JSON)
    client.setQuery(query)
    answer = client.queryAndConvert()
    found = []
    for binding in answer["results"]["bindings"]:
        row = []
        for name, term in sorted(binding.items()):
            value = term["value"]
            if " | " in value:
                value = " | ".join(sorted(value.split(" | ")))
            datatype = XSD_INTEGER if term.get("datatype") == XSD_INT else term.get("datatype")
            kind = "literal" if term["type"] == "typed-literal" else term["type"]
            row.append((name, kind, value, datatype, term.get("xml:lang")))
        found.append(tuple(row))
    return sorted(found)


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_virtuoso_behind_our_endpoint_gives_the_embedded_store_s_answers(endpoints, example):
    embedded, backed = endpoints
    query = example.read_text(encoding="utf-8")
    expected = rows(embedded, query)
    assert expected, f"{example.name} has no answer on the seeds: the comparison would prove nothing"
    assert rows(backed, query) == expected


def test_virtuoso_holds_the_registry_it_answers_from(virtuoso, seeds_build):
    """The triples Virtuoso counts are those of the merged registry (nothing lost, nothing twice)."""
    client = SPARQLWrapper(virtuoso, returnFormat=JSON)
    client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://127.0.0.1:8000/graph/merged> { ?s ?p ?o } }")
    count = int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
    assert count == len(seeds_build.graph)


def test_blank_nodes_from_virtuoso_are_read(endpoints):
    """Virtuoso names blank nodes "nodeID://b…", which results parsers refuse: the ontology page
    (its OWL restrictions are blank nodes) is served through Virtuoso as from the embedded store."""
    embedded, backed = endpoints
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(isBlank(?s)) }"
    assert int(rows(embedded, query)[0][0][2]) > 0
    select = "SELECT ?s WHERE { ?s ?p ?o FILTER(isBlank(?s)) } LIMIT 3"
    assert [row[0][1] for row in rows(backed, select)] == ["bnode"] * 3
    for base in (embedded, backed):
        with urllib.request.urlopen(base.removesuffix("sparql") + "def.html", timeout=60) as page:
            assert page.status == 200
