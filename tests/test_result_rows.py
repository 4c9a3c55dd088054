"""MAX_ROWS counted in the bytes the engine writes (endpoint/result_rows.py), on real pyoxigraph
results whose values hold every character that could fool a count: quotes, backslashes, braces,
commas, line ends, tags; written whole and cut into chunks of every size."""
import random

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad, QueryResultsFormat

from endpoint.errors import HttpError
from endpoint.result_rows import RowCountingSink, serialize_solutions

TRICKY = ['plain', 'a "quoted" word', 'back\\slash', 'ends with a backslash\\', '\\"', '},{"x":{', '[{', ',{',
          'two\nlines', 'crlf\r\nline', '<result>', '</result><result>', 'tab\there', '""', '"', 'é ü 漢字',
          'a,b,"c"', '{}', '']
FORMATS = [QueryResultsFormat.JSON, QueryResultsFormat.XML, QueryResultsFormat.CSV, QueryResultsFormat.TSV]


@pytest.fixture(scope="module")
def store():
    store = pyoxigraph.Store()
    for number, text in enumerate(TRICKY):
        subject = NamedNode(f"http://example.org/synthetic/{number}")
        store.add(Quad(subject, NamedNode("http://example.org/label"), Literal(text)))
        store.add(Quad(subject, NamedNode("http://example.org/note"), Literal(text[::-1], language="fr")))
    return store


QUERIES = [
    "SELECT ?s ?o WHERE { ?s <http://example.org/label> ?o }",
    "SELECT * WHERE { ?s ?p ?o }",
    "SELECT ?o WHERE { ?s ?p ?o } LIMIT 0",
    "SELECT * WHERE { }",
    "SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 UNDEF) (UNDEF UNDEF) (UNDEF \"}{\") } }",
    "SELECT ?s ?o ?t WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/missing> ?t } }",
    "SELECT ?b WHERE { ?s ?p ?o BIND(BNODE() AS ?b) }",
    "SELECT ?t WHERE { ?s <http://example.org/label> ?o BIND(<<( ?s <http://example.org/label> ?o )>> AS ?t) }",
]


@pytest.mark.parametrize("results_format", FORMATS, ids=lambda fmt: fmt.name)
@pytest.mark.parametrize("query", QUERIES)
def test_the_count_is_the_number_of_solutions_in_any_chunking(store, query, results_format):
    rows = len(list(store.query(query)))
    body = store.query(query).serialize(format=results_format)
    written = serialize_solutions(store.query(query), results_format, rows)
    assert written == body or "BNODE" in query  # new blank nodes at each evaluation
    randomness = random.Random(f"{query}{results_format}")
    for size in [1, 2, 3, 7, 8, 64, len(body)] + [randomness.randint(1, 40) for _ in range(5)]:
        sink = RowCountingSink(results_format, rows)
        for start in range(0, len(body), size):
            sink.write(body[start:start + size])
        assert sink.rows == rows, (size, body)


@pytest.mark.parametrize("results_format", FORMATS, ids=lambda fmt: fmt.name)
def test_one_row_too_many_is_the_max_rows_400(store, results_format):
    query = "SELECT ?s ?o WHERE { ?s <http://example.org/label> ?o }"
    with pytest.raises(HttpError) as refused:
        serialize_solutions(store.query(query), results_format, len(TRICKY) - 1)
    assert refused.value.status == 400 and f"more than {len(TRICKY) - 1} rows" in refused.value.message
    assert serialize_solutions(store.query(query), results_format, len(TRICKY))
