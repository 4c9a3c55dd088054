"""Lookups answered in the web server's own process (endpoint/cheap_queries.py): which queries
qualify, that their answers are the engine's, that MAX_ROWS holds for them, that one with more
rows than a lookup should have goes to a runner, and that every other query still runs in a
runner with its limits (a slow query is stopped at its time limit; a full pool answers 503)."""
import json
import threading
import time

import pyoxigraph
import pytest

from endpoint import cheap_queries, create_app
from endpoint.cheap_queries import cheap_form
from endpoint.query_shape import read_shape
from test_endpoint import BASE, JSON_RESULTS, bindings, server_process, sparql
from test_query_limits import CARTESIAN, post_query

POLE = f"{BASE}id/pole/coopaxis"
LOOKUP = f"SELECT ?p ?o WHERE {{ <{POLE}> ?p ?o }}"
# A constant subject first, then a cross product: hours of work, never taken for a lookup.
SLOW_FROM_A_POLE = f"SELECT (COUNT(*) AS ?n) WHERE {{ <{POLE}> ?p ?o . ?a ?b ?c . ?d ?e ?f }}"


@pytest.mark.parametrize("query, form", [
    (LOOKUP, "select"),
    (f"SELECT * {{ <{POLE}> ?p ?o . }} LIMIT 5", "select"),
    (f"PREFIX ess: <https://w3id.org/ess-poles/def#> BASE <{BASE}> select ?t where {{ <id/pole/x> a ?t }}", "select"),
    ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?o { skos:x skos:prefLabel ?o }", "select"),
    (f'ASK {{ <{POLE}> ?p "Coopaxis"@fr }}', "ask"),
    (f'# a comment {{ ?s ?p ?o }}\nASK WHERE {{ <{POLE}> ?p "x"^^<http://www.w3.org/2001/XMLSchema#string> }}', "ask"),
    (f"DESCRIBE <{POLE}>", "describe"),
    (f"DESCRIBE <{POLE}> <{BASE}id/pole/other>", "describe"),
])
def test_lookups_by_subject_qualify(query, form):
    assert cheap_form(query) == form
    assert cheap_form(query, read_shape(query).tokens) == form  # the endpoint reads the text once


@pytest.mark.parametrize("query", [
    "SELECT ?s ?o WHERE { ?s ?p ?o }",  # no constant subject
    "SELECT ?s WHERE { ?s a <http://example.org/C> }",  # by object: as many rows as instances, fine, but not a lookup
    "SELECT ?o WHERE { _:b ?p ?o }",  # a blank node is a variable
    "SELECT ?p WHERE { <http://example.org/a> ?p ?p }",  # repeated variable: rows read but not written
    "SELECT DISTINCT ?p WHERE { <http://example.org/a> ?p ?o }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o } ORDER BY ?o",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o } OFFSET 100",
    "SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/a> ?p ?o }",
    "SELECT ?o WHERE { <http://example.org/a> <http://example.org/p>+ ?o }",
    "SELECT ?o WHERE { <http://example.org/a> <http://example.org/p>/<http://example.org/q> ?o }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o . <http://example.org/b> ?q ?r }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o ; ?q ?r }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o FILTER(?o > 1) }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o OPTIONAL { ?o ?q ?r } }",
    "SELECT ?o WHERE { { <http://example.org/a> ?p ?o } }",
    "SELECT ?o FROM <http://example.org/g> WHERE { <http://example.org/a> ?p ?o }",
    "SELECT ?o WHERE { GRAPH ?g { <http://example.org/a> ?p ?o } }",
    "SELECT ?o WHERE { SERVICE <http://example.org/sparql> { <http://example.org/a> ?p ?o } }",
    'SELECT ?o WHERE { <http://example.org/a> ?p "\\u0022" }',  # no escapes at all
    'SELECT ?o WHERE { <http://example.org/a> ?p """long""" }',
    "SELECT ?o WHERE { <http://example.org/a> ?p 12 }",
    "CONSTRUCT WHERE { <http://example.org/a> ?p ?o }",
    "DESCRIBE ?x WHERE { ?x ?p ?o }",
    "DESCRIBE " + " ".join(f"<http://example.org/{i}>" for i in range(9)),
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o } LIMIT",
    "INSERT DATA { <http://example.org/a> <http://example.org/p> 1 }",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o",
    "SELECT ?o WHERE { <http://example.org/a> ?p ?o } " + "#" * 5000,  # too long to be a lookup
])
def test_everything_else_goes_to_a_runner(query):
    assert cheap_form(query) is None
    assert cheap_form(query, read_shape(query).tokens) is None


@pytest.fixture(scope="module")
def store(ptce_build):
    return pyoxigraph.Store.read_only(str(ptce_build.out / "current" / "store"))


def engine_rows(store, query) -> set:
    return {tuple(str(solution[variable]) for variable in solutions.variables)
            for solutions in [store.query(query)] for solution in solutions}


def answer_rows(response) -> set:
    def term(value):
        if value["type"] == "uri":
            return f"<{value['value']}>"
        datatype = pyoxigraph.NamedNode(value["datatype"]) if "datatype" in value else None
        return str(pyoxigraph.Literal(value["value"], language=value.get("xml:lang"), datatype=datatype))
    return {(term(row["p"]), term(row["o"])) for row in bindings(response)}


def test_a_lookup_answers_the_engines_rows_and_respects_max_rows(ptce_build, store):
    expected = engine_rows(store, LOOKUP)
    assert len(expected) > 5
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out}).test_client()
    assert answer_rows(sparql(client, LOOKUP, Accept=JSON_RESULTS)) == expected
    limited = create_app({"TESTING": True, "DATA_DIR": ptce_build.out, "MAX_ROWS": 5}).test_client()
    for query, what in ((LOOKUP, "rows"), (f"DESCRIBE <{POLE}>", "triples")):
        response = sparql(limited, query)
        assert response.status_code == 400 and f"more than 5 {what}" in response.text, response.text
    assert len(bindings(sparql(limited, LOOKUP + " LIMIT 5", Accept=JSON_RESULTS))) == 5


def test_a_lookup_with_more_rows_than_a_lookup_has_is_answered_by_a_runner(ptce_build, store, monkeypatch):
    """Past IN_PROCESS_ROWS the web server stops and hands the query to a runner, which answers
    every row up to MAX_ROWS (and refuses past it, as for any query)."""
    monkeypatch.setattr(cheap_queries, "IN_PROCESS_ROWS", 3)
    expected = engine_rows(store, LOOKUP)
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out}).test_client()
    assert answer_rows(sparql(client, LOOKUP, Accept=JSON_RESULTS)) == expected
    limited = create_app({"TESTING": True, "DATA_DIR": ptce_build.out, "MAX_ROWS": len(expected) - 1}).test_client()
    response = sparql(limited, LOOKUP)
    assert response.status_code == 400 and f"more than {len(expected) - 1} rows" in response.text


@pytest.mark.slow
def test_lookups_answer_while_every_runner_is_busy_and_other_queries_keep_their_limits(ptce_build):
    """Two cross products take both query processes (QUERY_PROCESSES=2, no queue) for about a second
    (then the second is stopped: LONG_QUERIES=1): a query that is not a lookup gets 503 at once, a
    lookup is answered all the same, between two such 503s; the cross product starting from a pole
    is stopped at its time limit like any other."""
    settings = {"DATA_DIR": ptce_build.out, "QUERY_PROCESSES": 2, "LONG_QUERIES": 1, "QUERY_QUEUE": 0,
                "QUERY_TIMEOUT": 2, "CACHE_BYTES": 0}
    not_a_lookup = LOOKUP + " ORDER BY ?p"
    with server_process(settings) as (url, _):
        assert post_query(url, not_a_lookup)[0] == 200
        heavy = [threading.Thread(target=post_query, args=(url, CARTESIAN)) for _ in range(2)]
        for thread in heavy:  # one after the other: both get a process (the second is stopped after 1 s)
            thread.start()
            time.sleep(0.2)
        deadline = time.monotonic() + 3
        while "busy" not in post_query(url, not_a_lookup)[2]:
            assert time.monotonic() < deadline, "the two heavy queries never took both processes"
            time.sleep(0.02)
        status, _, text = post_query(url, LOOKUP)
        busy_after = post_query(url, not_a_lookup)
        assert status == 200 and json.loads(text)["results"]["bindings"], text
        assert busy_after[0] == 503 and "busy" in busy_after[2]
        for thread in heavy:
            thread.join()

        started = time.monotonic()
        status, _, text = post_query(url, SLOW_FROM_A_POLE)
        assert status == 503 and "longer than 2" in text, text
        assert time.monotonic() - started < 6


def test_a_describe_in_json_ld_answers(ptce_build):
    """JSON-LD is compacted in Python, with no bound of its own: a DESCRIBE asking for it is left to a
    runner (sparql.answer), which answers it as before."""
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out}).test_client()
    response = sparql(client, f"DESCRIBE <{POLE}>", Accept="application/ld+json")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert "coopaxis" in response.text
