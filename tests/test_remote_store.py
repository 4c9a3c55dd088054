"""RemoteStore (SPARQL_BACKEND) asks each query form for what that form returns.

Some engines answer in the first format the Accept header names, whatever the query form:
Virtuoso 7 answers a CONSTRUCT in SPARQL JSON results when those come first (seen in
benchmarks/http_load.py). A small stand-in engine, synthetic, answers the same way here.
"""
import http.server
import threading

import pyoxigraph
import pytest

from endpoint.store import RemoteStore, query_form

JSON_RESULTS = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "http://example.org/a"}}]}}'
N_TRIPLES = b"<http://example.org/a> <http://example.org/p> <http://example.org/b> .\n"


class FirstFormatEngine(http.server.BaseHTTPRequestHandler):
    """Answers in the first media type of Accept, as Virtuoso does (synthetic stand-in)."""

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        first = self.headers["Accept"].split(",")[0].split(";")[0].strip()
        body = JSON_RESULTS if first == "application/sparql-results+json" else N_TRIPLES
        self.send_response(200)
        self.send_header("Content-Type", first)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def engine():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FirstFormatEngine)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def test_a_construct_gets_triples_and_a_select_gets_solutions(engine):
    store = RemoteStore(engine, 10)
    triples = list(store.query("PREFIX ex: <http://example.org/select#> CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
    assert triples == [pyoxigraph.Triple(pyoxigraph.NamedNode("http://example.org/a"),
                                         pyoxigraph.NamedNode("http://example.org/p"),
                                         pyoxigraph.NamedNode("http://example.org/b"))]
    solutions = store.query("# a comment naming CONSTRUCT\nSELECT ?s WHERE { ?s ?p 'describe' }")
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    assert [row["s"].value for row in solutions] == ["http://example.org/a"]


@pytest.mark.parametrize("query, form", [
    ("BASE <http://e/> DESCRIBE <http://e/x>", "describe"),
    ("ASK { <http://e/select> ?p ?o }", "ask"),
    ('CONSTRUCT { ?s ?p """select""" } WHERE { { SELECT ?s ?p WHERE { ?s ?p ?o } } }', "construct"),
])
def test_the_form_is_the_first_keyword_outside_iris_strings_and_comments(query, form):
    assert query_form(query) == form
