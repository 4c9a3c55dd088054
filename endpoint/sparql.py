"""/sparql: the read-only SPARQL 1.1 Protocol endpoint.

SELECT and ASK answer SPARQL JSON results, CONSTRUCT and DESCRIBE Turtle, always written by
pyoxigraph's own serialisers. (Content negotiation of the other formats comes later.)
"""
from typing import NamedTuple

import pyoxigraph
from flask import Blueprint, Response, current_app, request
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat

from .errors import (bad_request, federation_not_allowed, the_endpoint_is_read_only,
                     unsupported_media_type)
from .limits import QueryBudget
from .query_text import looks_like_update, may_use_keyword
from .store import get_store
from .vocabulary import PREFIXES

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


class ProtocolRequest(NamedTuple):
    query: str
    default_graph_uris: list[str]
    named_graph_uris: list[str]


@bp.route("/sparql", methods=["GET", "POST"])
def query():
    protocol_request = read_protocol_request()
    if may_use_keyword(protocol_request.query, "SERVICE"):
        raise federation_not_allowed()  # an open SERVICE lets anyone make the server fetch any URL
    return answer(protocol_request)


def read_protocol_request() -> ProtocolRequest:
    if request.method == "GET":
        params, query_text = request.args, _single(request.args, "query")
    elif request.mimetype == FORM:
        params, query_text = request.form, _single(request.form, "query")
    elif request.mimetype == SPARQL_QUERY:
        params, query_text = request.args, request.get_data(as_text=True)
    elif request.mimetype == SPARQL_UPDATE:
        raise the_endpoint_is_read_only()
    else:
        raise unsupported_media_type(request.mimetype, [FORM, SPARQL_QUERY])
    if "update" in params:
        raise the_endpoint_is_read_only()
    if not query_text or not query_text.strip():
        raise bad_request("Missing query: send it as the query parameter (GET or form POST)"
                          f" or as an {SPARQL_QUERY} POST body.")
    return ProtocolRequest(query_text, _graph_uris(params, "default-graph-uri"),
                           _graph_uris(params, "named-graph-uri"))


def answer(protocol_request: ProtocolRequest) -> Response:
    store = get_store()
    budget = QueryBudget(current_app.config["QUERY_TIMEOUT"], current_app.config["MAX_ROWS"])

    def evaluate():
        return store.query(protocol_request.query,
                           default_graph_uris=protocol_request.default_graph_uris,
                           named_graph_uris=protocol_request.named_graph_uris)

    try:
        result = evaluate()
    except SyntaxError as error:
        if looks_like_update(protocol_request.query):
            raise the_endpoint_is_read_only() from None
        raise bad_request(f"Syntax error in the SPARQL query: {error}") from None
    if isinstance(result, pyoxigraph.QueryBoolean):
        return _results(result.serialize(format=QueryResultsFormat.JSON))
    if isinstance(result, pyoxigraph.QuerySolutions):
        # pyoxigraph's serialiser cannot stop after max_rows: count first, then evaluate again to
        # write, so that a result over the limit is refused rather than silently cut.
        budget.take(result, "rows")
        return _results(budget.serialize(evaluate(), QueryResultsFormat.JSON))
    triples = budget.take(result, "triples")
    turtle = pyoxigraph.serialize(triples, format=RdfFormat.TURTLE, prefixes=PREFIXES)
    return Response(turtle, mimetype=RdfFormat.TURTLE.media_type)


def _results(body: bytes) -> Response:
    return Response(body, mimetype=QueryResultsFormat.JSON.media_type)


def _single(params, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise bad_request(f"{len(values)} {name} parameters; send exactly one.")
    return values[0] if values else None


def _graph_uris(params, name: str) -> list[str]:
    iris = params.getlist(name)
    for iri in iris:
        try:
            NamedNode(iri)
        except ValueError as error:
            raise bad_request(f"{name} {iri!r} is not an IRI: {error}") from None
    return iris
