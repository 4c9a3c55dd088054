"""The shape of a query read from its text before any parser sees it (endpoint/query_shape.py):
what counts as nesting and as an operator, what is skipped (strings, IRIs, comments), which
prefixes are used and declared. A table of examples, as for the converters' rules."""
import pytest

from converters.vocab import PREFIXES as BUILD_PREFIXES
from endpoint.query_shape import MAX_NESTING, MAX_OPERATORS, QueryTooComplex, check_shape, read_shape
from endpoint.vocabulary import PREFIXES


@pytest.mark.parametrize("query,nesting,operators", [
    ("ASK {}", 1, 0),
    ("SELECT ?s WHERE { { ?s ?p ?o } UNION { ?s ?p ?o } }", 2, 1),
    ("SELECT ?s WHERE { ?s ?p ?o FILTER(!!(?o > 1 && ?o < 3)) }", 4, 6),
    ('SELECT ?s WHERE { ?s ?p "{{{ ((( UNION" }', 1, 0),  # a string
    ("SELECT ?s WHERE { ?s ?p '''{\n{'''  }", 1, 0),  # a long string over two lines
    ("SELECT ?s WHERE { ?s <http://example.org/{x}> ?o }", 2, 5),  # braces are no IRI characters: not an IRI
    ("SELECT ?s WHERE { ?s <http://example.org/a(b)*c/d> ?o }", 1, 0),  # an IRI: no nesting, no operator
    ("SELECT ?s WHERE { ?s ?p ?o } # {{{{ UNION UNION", 1, 0),  # a comment
    ("SELECT ?s WHERE { ?s ex:a|ex:b/ex:c ?o }", 1, 2),
    ('SELECT ?s WHERE { ?s ?p "1"^^xsd:int }', 1, 0),  # ^^ is no inverse path
    ("SELECT ?x WHERE { BIND(1+2-3*4 AS ?x) }", 2, 3 + 1),  # 3 operators, one BIND
    ("SELECT ?x WHERE { BIND(- - -1 AS ?x) }", 5, 3 + 1),  # unary: each one a level
    ("SELECT * WHERE " + "{" * 200 + "}" * 200, 200, 1),  # the * of SELECT * is read as an operator
], ids=["empty", "union", "unary-run", "string", "long-string", "not-an-iri", "iri", "comment", "path", "datatype",
        "arithmetic", "unary-minus", "deep"])
def test_shape(query, nesting, operators):
    shape = read_shape(query)
    assert (shape.nesting, shape.operators) == (nesting, operators)


@pytest.mark.parametrize("query,used,declared", [
    ("PREFIX ess: <https://w3id.org/ess-poles/def#> SELECT ?p WHERE { ?p a ess:Pole }", ["ess"], {"ess"}),
    ("SELECT ?p WHERE { ?p a ess:Pole ; skos:prefLabel ?n }", ["ess", "skos"], set()),
    ("PREFIX : <http://example.org/> SELECT ?p WHERE { ?p a :Thing }", [""], {""}),
    ('SELECT ?p WHERE { ?p ?q "ess:Pole" . _:b0 ?q ?p }', [], set()),  # a string, a blank node
    ("SELECT ?p WHERE { ?p a ess:Pole. }", ["ess"], set()),  # the final dot is no part of the name
])
def test_prefixes(query, used, declared):
    shape = read_shape(query)
    assert shape.used_prefixes == used and shape.declared_prefixes == declared


@pytest.mark.parametrize("query,calls", [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { service silent <http://example.org/sparql> { ?s ?p ?o } }", True),
    (r"SELECT * WHERE { \u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),  # escaped: assumed
    ('SELECT * WHERE { ?s ?p "SERVICE" . ?s ex:service ?o }', False),
])
def test_service_is_seen_wherever_it_may_be_the_keyword(query, calls):
    assert read_shape(query).calls_service is calls


def test_limits_give_the_reason():
    with pytest.raises(QueryTooComplex, match=f"up to {MAX_NESTING} levels"):
        check_shape("ASK " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1))
    with pytest.raises(QueryTooComplex, match="VALUES or IN"):
        check_shape("SELECT * WHERE { ?s " + "|".join(["<p>"] * (MAX_OPERATORS + 1)) + " ?o }")
    assert check_shape("ASK " + "{" * MAX_NESTING + "}" * MAX_NESTING).nesting == MAX_NESTING


def test_the_prefix_lines_suggested_are_those_of_the_build():
    assert {prefix: str(namespace) for prefix, namespace in BUILD_PREFIXES.items()} \
        == {prefix: PREFIXES[prefix] for prefix in BUILD_PREFIXES}
