"""The server over a real build of the PTCE laureates document, through Flask's test client.

The build is the session's `ptce_build` (tests/conftest.py), shared with the other test_endpoint*,
test_federation and test_browser modules; a few tests use a small hand-written build instead,
where what they check is not in the real data (a SIREN) or needs rebuilds.
"""
import contextlib
import csv
import gzip
import io
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib import DCAT, DCTERMS, RDF, VOID, Namespace

from converters.pipeline import DEFAULT_BASE_URI
from converters.publish import write_build
from endpoint import create_app
from endpoint.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
LAUREATES = ROOT / "data" / "fiches" / "ptce-laureats-2014.txt"
BASE = DEFAULT_BASE_URI
DEF = "https://w3id.org/ess-poles/def"
SPDX = Namespace("http://spdx.org/rdf/terms#")
JSON_RESULTS = "application/sparql-results+json"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"
PREFIXES = """PREFIX ess: <https://w3id.org/ess-poles/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
PTCE_NAMES = PREFIXES + "SELECT DISTINCT ?pole ?name WHERE { ?pole a ess:PTCE ; skos:prefLabel ?name } ORDER BY ?name"

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def out(ptce_build):
    """OUT of the session's real build of the laureates document (tests/conftest.py)."""
    return ptce_build.out


@pytest.fixture(scope="module")
def app(out):
    return create_app({"TESTING": True, "DATA_DIR": out})


@pytest.fixture
def client(app):
    return app.test_client()


def sparql(client, query, **headers):
    return client.get("/sparql", query_string={"query": query}, headers=headers)


def jsonld_graph(client, data: bytes) -> rdflib.Graph:
    """A JSON-LD document of the server, its published @context fetched from the server itself."""
    document = json.loads(data)
    assert document["@context"] == f"{BASE}context.jsonld"
    document["@context"] = client.get("/context.jsonld").get_json()["@context"]
    return rdflib.Graph().parse(data=json.dumps(document), format="json-ld")


def bindings(response):
    assert response.status_code == 200, response.text
    assert response.mimetype == JSON_RESULTS
    return response.get_json(force=True)["results"]["bindings"]


# --- the SPARQL protocol ---------------------------------------------------------------------------

def test_select_by_get_form_post_and_direct_post(client):
    expected = bindings(sparql(client, PTCE_NAMES))
    assert len(expected) == 23 and expected[0]["name"]["value"] == "APPUI"
    assert bindings(client.post("/sparql", data={"query": PTCE_NAMES})) == expected
    assert bindings(client.post("/sparql", data=PTCE_NAMES.encode(), content_type="application/sparql-query")) == expected


@pytest.mark.parametrize("accept,media_type", [
    (JSON_RESULTS, JSON_RESULTS),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", JSON_RESULTS),
    ("*/*", JSON_RESULTS),
])
def test_select_answers_each_results_format(client, accept, media_type):
    response = sparql(client, PTCE_NAMES + " LIMIT 3", Accept=accept)
    assert response.status_code == 200 and response.mimetype == media_type
    if media_type == "text/csv":  # values only: pyoxigraph does not read it back
        names = [row["name"] for row in csv.DictReader(io.StringIO(response.text))]
    else:
        results = pyoxigraph.parse_query_results(response.data, format=pyoxigraph.QueryResultsFormat.from_media_type(media_type))
        names = [solution["name"].value for solution in results]
    assert names == ["APPUI", "Ardaines", "CIS DT 52"]


def test_format_parameter_overrides_accept(client):
    response = client.get("/sparql", query_string={"query": PTCE_NAMES, "format": "csv"}, headers={"Accept": JSON_RESULTS})
    assert response.mimetype == "text/csv" and response.text.startswith("pole,name\r\n")


@pytest.mark.parametrize("accept", [JSON_RESULTS, "application/sparql-results+xml"])
def test_ask(client, accept):
    response = sparql(client, f"ASK {{ <{BASE}id/pole/coopaxis> a <{DEF}#PTCE> }}", Accept=accept)
    results = pyoxigraph.parse_query_results(response.data, format=pyoxigraph.QueryResultsFormat.from_media_type(accept))
    assert bool(results) is True


@pytest.mark.parametrize("accept,rdflib_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
])
def test_construct_and_describe_answer_each_rdf_format(client, accept, rdflib_format):
    pole = rdflib.URIRef(f"{BASE}id/pole/coopaxis")
    for query in (f"CONSTRUCT {{ {pole.n3()} ?p ?o }} WHERE {{ {pole.n3()} ?p ?o }}", f"DESCRIBE {pole.n3()}"):
        response = sparql(client, query, Accept=accept)
        assert response.status_code == 200 and response.mimetype == accept
        graph = jsonld_graph(client, response.data) if rdflib_format == "json-ld" \
            else rdflib.Graph().parse(data=response.data, format=rdflib_format)
        assert (pole, rdflib.SKOS.prefLabel, rdflib.Literal("Coopaxis", lang="fr")) in graph


def test_results_format_for_a_graph_answers_406_listing_the_formats(client):
    response = sparql(client, f"DESCRIBE <{BASE}id/pole/coopaxis>", Accept=JSON_RESULTS)
    assert response.status_code == 406
    assert "text/turtle (.ttl)" in response.text and "application/ld+json (.jsonld)" in response.text


def test_dataset_parameters_choose_the_graphs(client):
    document_graph = f"{BASE}graph/document/ptce-laureats-2014"
    count = PREFIXES + "SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE { ?pole a ess:PTCE }"
    response = client.get("/sparql", query_string={"query": count, "default-graph-uri": f"{BASE}graph/reference"})
    assert bindings(response)[0]["n"]["value"] == "0"
    response = client.get("/sparql", query_string={"query": count, "default-graph-uri": document_graph})
    assert bindings(response)[0]["n"]["value"] == "23"
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = client.get("/sparql", query_string={"query": graphs, "named-graph-uri": document_graph})
    assert [row["g"]["value"] for row in bindings(response)] == [document_graph]


def test_syntax_error_answers_400_with_the_parser_message(client):
    response = sparql(client, "SELEC * WHERE { ?s ?p ?o }")
    assert response.status_code == 400 and response.mimetype == "text/plain"
    assert "Syntax error in the SPARQL query (line 1, column " in response.text


@pytest.mark.parametrize("send", [
    lambda client: client.get("/sparql", query_string={"update": "CLEAR ALL"}),
    lambda client: client.post("/sparql", data={"update": "CLEAR ALL"}),
    lambda client: client.post("/sparql", data=b"CLEAR ALL", content_type="application/sparql-update"),
    lambda client: client.post("/sparql", data={"query": "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"}),
], ids=["update-parameter", "update-form", "update-body", "insert-as-query"])
def test_updates_are_refused(client, send):
    response = send(client)
    assert response.status_code == 403 and "read-only" in response.text


def test_request_errors(client):
    assert client.get("/sparql", query_string={"query": ""}).status_code == 400
    assert client.post("/sparql", data=b"{}", content_type="application/json").status_code == 415
    assert client.post("/sparql", data="ASK {}".encode("utf-16"),
                       content_type="application/sparql-query; charset=UTF-16").status_code == 415
    assert client.put("/sparql").status_code == 405


def test_result_over_max_rows_is_refused_with_a_clear_error(out):
    client = create_app({"TESTING": True, "DATA_DIR": out, "MAX_ROWS": 5}).test_client()
    response = sparql(client, PTCE_NAMES)
    assert response.status_code == 400
    assert "more than 5 rows" in response.text and "LIMIT" in response.text
    assert len(bindings(sparql(client, PTCE_NAMES + " LIMIT 5"))) == 5


def test_query_over_time_is_answered_at_once(out):
    client = create_app({"TESTING": True, "DATA_DIR": out, "QUERY_TIMEOUT": 0.3}).test_client()
    slow = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?k { 1 2 3 } ?a a ?t . ?b a ?u }"  # about a second
    started = time.monotonic()
    response = sparql(client, slow)
    assert response.status_code == 503 and "longer than 0.3 s" in response.text
    assert time.monotonic() - started < 0.9


def test_request_over_max_size_is_refused(out):
    client = create_app({"TESTING": True, "DATA_DIR": out, "MAX_REQUEST_BYTES": 2000}).test_client()
    padding = "#" + "x" * 2100 + "\n"
    assert client.post("/sparql", data=(padding + "ASK {}").encode(), content_type="application/sparql-query").status_code == 413
    assert client.post("/sparql", data={"query": padding + "ASK {}"}).status_code == 413
    assert sparql(client, padding + "ASK {}").status_code == 413
    assert sparql(client, "ASK {}").status_code == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE # a comment\n <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    r"SELECT * WHERE { \u0053ERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE { SERVICE x:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p \"service\" . SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
], ids=["plain", "lower-case-silent", "comment", "escaped", "variable", "prefixed-name", "after-a-string"])
def test_service_to_an_address_not_allowed_is_refused_before_any_connection(client, query):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.3)
        response = sparql(client, query.replace("{port}", str(listener.getsockname()[1])))
        assert response.status_code == 400 and "SERVICE" in response.text
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing ever connected


def test_the_word_service_elsewhere_is_just_a_word(client):
    query = PREFIXES + """SELECT ?name WHERE { ?org a org:Organization ; skos:prefLabel ?name
        FILTER(CONTAINS(LCASE(?name), "service") && ?name != "from") } LIMIT 1  # SERVICE, FROM"""
    assert len(bindings(sparql(client, query))) == 1
    assert sparql(client, f"DESCRIBE <{BASE}id/org/ohe-service>").status_code == 200


def test_private_graph_is_never_reachable(client, out):
    private = (out / "private" / "private.trig").read_text(encoding="utf-8")
    name = re.search(r'vcard:fn "([^"]+)"', private)[1]
    query = f"ASK {{ {{ ?s ?p {rdflib.Literal(name).n3()} }} UNION {{ GRAPH ?g {{ ?s ?p {rdflib.Literal(name).n3()} }} }} }}"
    assert sparql(client, query).get_json(force=True)["boolean"] is False
    assert client.get("/dumps/private/private.trig").status_code == 404
    for path in ("/dumps/registry.ttl", "/dumps/registry.trig", "/dumps/registry.jsonld", "/page/pole/ardaines"):
        assert name not in client.get(path).get_data(as_text=True)


def test_cors_on_every_answer(client):
    assert sparql(client, "ASK {}").headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]


# --- URIs and content negotiation ------------------------------------------------------------------

POLE = "pole/coopaxis"


@pytest.mark.parametrize("accept,location,content_type", [
    ("text/html", f"/page/{POLE}", "text/html"),
    ("text/turtle", f"/data/{POLE}.ttl", "text/turtle"),
    ("application/ld+json", f"/data/{POLE}.jsonld", "application/ld+json"),
    ("application/rdf+xml", f"/data/{POLE}.rdf", "application/rdf+xml"),
    ("application/n-triples", f"/data/{POLE}.nt", "application/n-triples"),
    ("*/*", f"/page/{POLE}", "text/html"),
    (None, f"/page/{POLE}", "text/html"),
    (BROWSER_ACCEPT, f"/page/{POLE}", "text/html"),
    ("text/turtle;q=0.5, application/ld+json", f"/data/{POLE}.jsonld", "application/ld+json"),
    ("application/*", f"/data/{POLE}.jsonld", "application/ld+json"),
    ("text/*;q=0.9, text/html;q=0", f"/data/{POLE}.ttl", "text/turtle"),
    ("image/png", None, None),
], ids=["html", "turtle", "jsonld", "rdfxml", "ntriples", "any", "none", "browser", "q-values", "application-wildcard",
        "html-excluded", "unknown"])
def test_content_negotiation_matrix(client, accept, location, content_type):
    response = client.get(f"/id/{POLE}", headers={"Accept": accept} if accept else {})
    if location is None:
        assert response.status_code == 406
        assert "text/html (.html)" in response.text and "text/turtle (.ttl)" in response.text
        return
    assert response.status_code == 303
    assert response.headers["Location"] == location
    assert "Accept" in response.headers["Vary"]
    document = client.get(location)
    assert document.status_code == 200 and document.mimetype == content_type


def test_format_parameter_overrides_accept_on_a_uri(client):
    response = client.get(f"/id/{POLE}", query_string={"format": "ttl"}, headers={"Accept": "text/html"})
    assert response.headers["Location"] == f"/data/{POLE}.ttl"


def test_every_subject_of_the_build_dereferences(client, out):
    """Every IRI subject of the public graphs under {base}id/ or the ontology's namespace: a 303
    to its page, which answers 200, and its RDF document lists its statements."""
    graph = rdflib.Graph().parse(data=gzip.decompress((out / "registry.nt.gz").read_bytes()), format="nt")
    subjects = {str(s) for s in graph.subjects() if isinstance(s, rdflib.URIRef)}
    ours = sorted(s for s in subjects if s.startswith(f"{BASE}id/") or s.startswith(DEF))
    assert len(ours) > 1000
    for iri in ours:
        path = iri[len(BASE) - 1:] if iri.startswith(BASE) else "/def" + iri[len(DEF):].split("#")[0]
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 303, (iri, response.text)
        assert client.get(response.headers["Location"]).status_code == 200, iri
        data = client.get(path, headers={"Accept": "application/n-triples"})
        document = rdflib.Graph().parse(data=client.get(data.headers["Location"]).data, format="nt")
        if "#" not in iri:  # a term of the ontology has a section of /def, not a document of its own
            # Lexical forms: the store reads xsd:positiveInteger as xsd:integer (see the report).
            assert {(p, str(o)) for p, o in graph.predicate_objects(rdflib.URIRef(iri))} \
                <= {(p, str(o)) for p, o in document.predicate_objects(rdflib.URIRef(iri))}, iri


@pytest.mark.parametrize("path", ["/id/pole/no-such-pole", "/id/nothing/here", "/id/pole/coopaxis%3E%20%3Fp%20%3Fo",
                                  "/page/pole/no-such-pole", "/data/pole/no-such-pole.ttl", "/def/theme/no-such-theme.html"])
def test_unknown_uri_answers_a_helpful_404(client, path):
    page = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert 'href="/"' in page.text and 'href="/query"' in page.text
    text = client.get(path, headers={"Accept": "*/*"})
    assert text.status_code == 404 and text.mimetype == "text/plain"


def test_the_store_mentions_what_an_ask_finds(out):
    """/id/ answers 303 for an IRI the registry mentions, as subject or object: the store's two index
    lookups (`mentions`) say what the SPARQL ASK says, for IRIs of each kind and one it does not hold."""
    store = EmbeddedStore(out / "current" / "store")
    subjects_only = [row["s"] for row in store.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(ISIRI(?s) && NOT EXISTS { ?x ?y ?s }) } LIMIT 5")]
    objects_only = [row["o"] for row in store.query(
        "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(ISIRI(?o) && NOT EXISTS { ?o ?y ?x }) } LIMIT 5")]
    both = [row["o"] for row in store.query("SELECT DISTINCT ?o WHERE { ?s ?p ?o . ?o ?q ?x } LIMIT 5")]
    assert len(subjects_only) == len(objects_only) == len(both) == 5
    absent = pyoxigraph.NamedNode(f"{BASE}id/pole/no-such-pole")
    for node in [*subjects_only, *objects_only, *both, absent]:
        asked = bool(store.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"))
        assert store.mentions(node) is asked is (node != absent), node


def test_named_graph_uri_leads_to_its_dump(client):
    response = client.get("/graph/document/ptce-laureats-2014")
    assert response.status_code == 303 and response.headers["Location"] == "/dumps/graph/document/ptce-laureats-2014.ttl"


# --- HTML -------------------------------------------------------------------------------------------

def test_index_lists_every_pole(client):
    html = client.get("/").text
    assert html.count('href="/page/pole/') == 23
    assert '<a href="/page/pole/coopaxis">Coopaxis</a>' in html


def test_pole_page(client):
    response = client.get("/page/pole/coopaxis")
    assert response.status_code == 200
    html = response.text
    assert '<h1 lang="fr">Coopaxis</h1>' in html
    assert "PTCE" in html  # typology: the kinds of pole
    # territory, with the INSEE codes linked to INSEE
    assert '<a href="/page/commune/37261">Tours</a>' in html
    assert 'href="https://www.insee.fr/fr/statistiques/2011101?geo=COM-37261"' in html
    assert 'href="https://www.insee.fr/fr/statistiques/2011101?geo=DEP-37"' in html
    # a section per role, titled by the role's name, coordinator first, members with their legal forms
    assert "<h2>Members</h2>" not in html
    assert html.index(">Coordinateur</a> <small>(1)</small></h2>") < html.index("Artefacts") \
        < html.index(">Partenaire</a> <small>(")
    assert "SCOP" in html
    # themes, sources down to the line, and the page as data
    assert "/def/theme/numerique.html" in html
    assert 'href="/page/document/ptce-laureats-2014/line/391"' in html
    for extension in ("ttl", "jsonld", "rdf", "nt"):
        assert f'href="/data/pole/coopaxis.{extension}"' in html
    assert '<link rel="alternate" type="text/turtle" href="/data/pole/coopaxis.ttl">' in html


def test_pole_page_lists_figures_with_their_dates(client):
    query = PREFIXES + "SELECT ?pole WHERE { ?pole ess:figure ?f . ?f dcterms:date ?d } LIMIT 1"
    rows = bindings(sparql(client, query))
    assert rows, "the laureates document dates some figures"
    html = client.get("/page/" + rows[0]["pole"]["value"][len(BASE) + 3:]).text
    assert "<th>Date</th>" in html and "<h2>Chiffres</h2>" in html


def test_organisation_page(client):
    html = client.get("/page/org/artefacts").text
    assert "INSEE 5458" in html or "INSEE" in html
    assert '<a href="/page/pole/coopaxis">Coopaxis</a>' in html


def test_query_page_has_the_examples_and_works_without_javascript(client):
    html = client.get("/query").text
    assert 'action="/sparql"' in html and "<textarea name=\"query\"" in html
    assert "yasgui/yasgui.min.js" in html and "yasgui/yasgui.min.css" in html
    for name in ("members-by-legal-form", "poles-by-region", "ptce-per-theme", "roles-in-each-pole", "coordinators"):
        assert f'data-example="{name}"' in html
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 200


def test_every_example_query_runs(client):
    from endpoint.query_ui import examples

    for example in examples().values():
        assert sparql(client, example.query).status_code == 200, example.name
    assert len(bindings(sparql(client, examples()["ptce-per-theme"].query))) > 10


# --- the ontology at its namespace -------------------------------------------------------------------

def test_ontology_is_served_at_its_namespace(client):
    assert client.get("/def", headers={"Accept": "text/html"}).headers["Location"] == "/def.html"
    assert client.get("/def", headers={"Accept": "text/turtle"}).headers["Location"] == "/def.ttl"
    html = client.get("/def.html").text
    assert '<dt id="Pole">' in html and '<dt id="PTCE">' in html
    graph = rdflib.Graph().parse(data=client.get("/def.ttl").data, format="turtle")
    assert (rdflib.URIRef(f"{DEF}#Pole"), RDF.type, rdflib.OWL.Class) in graph
    assert client.get("/def/theme/dechets", headers={"Accept": "application/ld+json"}).headers["Location"] \
        == "/def/theme/dechets.jsonld"
    concept = rdflib.Graph().parse(data=client.get("/def/theme/dechets.ttl").data, format="turtle")
    assert (rdflib.URIRef(f"{DEF}/theme/dechets"), rdflib.SKOS.prefLabel, rdflib.Literal("déchets", lang="fr")) in concept


# --- dumps and validators ----------------------------------------------------------------------------

def test_every_dump_is_served_with_its_checksum(client, out):
    info = json.loads((out / "build-info.json").read_text())
    paths = {dump["path"] for dump in info["dumps"]}
    assert {"registry.ttl", "registry.nt.gz", "registry.jsonld", "registry.trig", "graph/ontology.ttl",
            "graph/reference.ttl", "graph/document/ptce-laureats-2014.ttl"} <= paths
    for dump in info["dumps"]:
        response = client.get(f"/dumps/{dump['path']}")
        assert response.status_code == 200
        assert response.get_etag() == (dump["sha256"], False)
        assert response.data == (out / dump["path"]).read_bytes()
    media_types = {path: client.get(f"/dumps/{path}").mimetype
                   for path in ("registry.ttl", "registry.nt.gz", "registry.jsonld", "registry.trig")}
    assert media_types == {"registry.ttl": "text/turtle", "registry.nt.gz": "application/gzip",
                           "registry.jsonld": "application/ld+json", "registry.trig": "application/trig"}
    jsonld = jsonld_graph(client, client.get("/dumps/registry.jsonld").data)
    assert len(jsonld) == info["triples"]


@pytest.mark.parametrize("path", ["/dumps/registry.nt.gz", "/page/pole/coopaxis", "/data/pole/coopaxis.ttl",
                                  "/.well-known/void", "/catalog", "/def.html", "/"])
def test_validators_and_304(client, path):
    first = client.get(path)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"stale"'}).status_code == 200
    earlier = format_datetime(datetime.now(timezone.utc) - timedelta(days=3650), usegmt=True)
    assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200


# --- VoID and DCAT ------------------------------------------------------------------------------------

def test_void(client, out):
    info = json.loads((out / "build-info.json").read_text())
    graph = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    dataset = rdflib.URIRef(f"{BASE}catalog#dataset")
    assert graph.value(dataset, VOID.triples).toPython() == info["triples"]
    assert graph.value(dataset, VOID.entities).toPython() > 1000
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(f"{BASE}sparql")
    assert rdflib.URIRef(f"{BASE}dumps/registry.nt.gz") in set(graph.objects(dataset, VOID.dataDump))
    ptce = next(p for p in graph.objects(dataset, VOID.classPartition) if graph.value(p, VOID["class"]) == rdflib.URIRef(f"{DEF}#PTCE"))
    assert graph.value(ptce, VOID.entities).toPython() == 23
    # the laureates hold no owl:sameAs to INSEE nor SIREN: no linkset is announced (test_exact_answers.py)
    assert list(graph.subjects(RDF.type, VOID.Linkset)) == []


def test_dcat_catalogue_as_data_gouv_fr_harvests_it(client):
    """What udata's DCAT backend does: the format from the URL or a HEAD's Content-Type, then each
    dcat:Dataset with a title and an identifier, its licence, its distributions' URLs."""
    assert client.head("/catalog").mimetype == "text/turtle"
    assert rdflib.Graph().parse(data=client.get("/catalog.rdf").data, format="xml")
    graph = rdflib.Graph().parse(data=client.get("/catalog").data, format="turtle")
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    # the registry, then its one source document's graph
    assert datasets == set(graph.objects(catalog, DCAT.dataset)) == {
        rdflib.URIRef(f"{BASE}catalog#dataset"), rdflib.URIRef(f"{BASE}graph/document/ptce-laureats-2014")}
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.title) and graph.value(dataset, DCTERMS.identifier)
        assert graph.value(dataset, DCTERMS.license) == rdflib.URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    assert graph.value(catalog, DCTERMS.publisher) is None  # no publisher setting: none is invented
    dataset = rdflib.URIRef(f"{BASE}catalog#dataset")
    distributions = [d for dataset in datasets for d in graph.objects(dataset, DCAT.distribution)]
    downloads = [d for d in distributions if graph.value(d, DCAT.downloadURL)]
    assert len(downloads) >= 7 and len(downloads) == len(set(downloads))
    for distribution in downloads:
        url = str(graph.value(distribution, DCAT.downloadURL))
        response = client.get(url[len(BASE) - 1:])
        assert response.status_code == 200
        assert int(graph.value(distribution, DCAT.byteSize)) == len(response.data)
        checksum = graph.value(distribution, SPDX.checksum)
        assert str(graph.value(checksum, SPDX.checksumValue)) == response.get_etag()[0]
        assert str(graph.value(distribution, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
    endpoint = next(d for d in distributions if graph.value(d, DCAT.accessService))
    service = graph.value(endpoint, DCAT.accessService)
    assert (service, RDF.type, DCAT.DataService) in graph
    assert graph.value(service, DCAT.endpointURL) == rdflib.URIRef(f"{BASE}sparql")


# --- a small hand-written build: what the laureates lack, and rebuilds --------------------------------

SMALL = f"""
@prefix ess: <https://w3id.org/ess-poles/def#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rov: <http://www.w3.org/ns/regorg#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@base <{BASE}> .
<graph/document/small> {{
  <id/pole/p> a ess:PTCE, ess:Pole, org:Organization ; skos:prefLabel "{{name}}"@fr .
  <id/org/o> a org:Organization ; skos:prefLabel "Coop"@fr ; rov:registration <id/identifier/siren/356000000> .
  <id/identifier/siren/356000000> a adms:Identifier ; skos:notation "356000000" ;
    dcterms:type <https://w3id.org/ess-poles/def/identifier-type/siren> .
}}
"""


def write_small_build(out: Path, name: str) -> Path:
    dataset = rdflib.Dataset().parse(data=SMALL.replace("{name}", name), format="trig")
    return write_build(out, dataset, [rdflib.URIRef(f"{BASE}graph/document/small")], [], {}, {"base_uri": BASE})


def test_organisation_page_links_its_siren_to_the_annuaire(tmp_path):
    write_small_build(tmp_path, "Pôle")
    html = create_app({"TESTING": True, "DATA_DIR": tmp_path}).test_client().get("/page/org/o").text
    assert '<a href="https://annuaire-entreprises.data.gouv.fr/entreprise/356000000">356000000</a>' in html


def test_a_rebuild_is_served_whole_at_the_next_request(tmp_path):
    first = write_small_build(tmp_path, "Premier")
    client = create_app({"TESTING": True, "DATA_DIR": tmp_path}).test_client()
    before = client.get("/page/pole/p")
    assert "Premier" in before.text
    second = write_small_build(tmp_path, "Second")
    after = client.get("/page/pole/p")
    assert "Second" in after.text and after.headers["ETag"] != before.headers["ETag"]
    assert client.get("/page/pole/p", headers={"If-None-Match": before.headers["ETag"]}).status_code == 200
    assert (tmp_path / "current").resolve() == second and first.exists()  # the previous one is kept a while
    for name in ("Troisième", "Quatrième"):
        write_small_build(tmp_path, name)
    assert not first.exists() and len(list((tmp_path / "builds").iterdir())) == 3
    assert (tmp_path / "registry.ttl").read_text().count("Quatrième") == 1  # the flat layout follows


# --- real servers (used by the other test modules) ----------------------------------------------------

@contextlib.contextmanager
def running_server(settings: dict):
    """`essreg serve`'s server (endpoint.serving.serve: waitress) in a subprocess; yields its base URL."""
    with server_process(settings) as (url, _):
        yield url


@contextlib.contextmanager
def server_process(settings: dict, port: int | None = None, stderr=subprocess.PIPE):
    """As running_server, yielding (base URL, the server's process); its standard error to `stderr`."""
    port = port or free_port()
    command = [sys.executable, "-c", "import json, sys; from endpoint.serving import serve; "
               "serve(json.loads(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))",
               json.dumps({key: str(value) if isinstance(value, Path) else value for key, value in settings.items()}),
               str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "sparql", process)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {process.stderr.read().decode()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer in {seconds} s")


def test_a_pole_page_shows_its_history_goals_and_figures(seeds_build):
    """Pôles NOE (the monograph): events with dates and places, goals as written, key figures."""
    client = create_app({"TESTING": True, "DATA_DIR": seeds_build.out}).test_client()
    page = client.get("/page/pole/poles-noe")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Histoire et événements" in html and "Courtabœuf" in html and "ESS Initiatives" in html
    assert "Massy" in html and "2014" in html
    assert "Objectifs" in html and "Favoriser la création d&#39;entreprises sociales" in html
    assert "RESEA-2P" in html
