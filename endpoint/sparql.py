"""/sparql: the read-only SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/).

GET, form POST and direct POST; the dataset parameters; SELECT and ASK in SPARQL JSON, XML,
CSV or TSV, CONSTRUCT and DESCRIBE in Turtle, JSON-LD, RDF/XML or N-Triples, as negotiated;
without a query, the service description (in RDF; a browser is sent to the query page).
"""
from typing import NamedTuple

import pyoxigraph
from flask import Blueprint, Response, current_app, redirect, request, url_for
from pyoxigraph import NamedNode

from .build import current_build
from .documents import render_rdf, rdf_response, serialize_rdf
from .errors import (HttpError, bad_request, service_not_allowed, the_endpoint_is_read_only,
                     unsupported_media_type)
from .limits import run_with_deadline, take
from .negotiation import HTML, RDF_FORMATS, RESULTS_FORMATS, Format, negotiate
from .query_text import CODEPOINT_ESCAPE, looks_like_update, may_use_keyword, service_targets
from .results import write_solutions
from .validators import cacheable

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


class ProtocolRequest(NamedTuple):
    query: str
    default_graph_uris: list[str]
    named_graph_uris: list[str]


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    if request.method == "GET" and "query" not in request.args and "update" not in request.args:
        return service_description()
    protocol_request = read_protocol_request()
    check_services(protocol_request.query, current_app.config["ALLOWED_SERVICES"])
    return answer(protocol_request)


def read_protocol_request() -> ProtocolRequest:
    if request.method == "GET":
        params, query_text = request.args, _single(request.args, "query")
    elif request.mimetype == FORM:
        params, query_text = request.form, _single(request.form, "query")
    elif request.mimetype == SPARQL_QUERY:
        params, query_text = request.args, _utf8_body()
    elif request.mimetype == SPARQL_UPDATE:
        raise the_endpoint_is_read_only()
    else:
        raise unsupported_media_type(request.mimetype or "(none)", [FORM, SPARQL_QUERY])
    if "update" in params:
        raise the_endpoint_is_read_only()
    if not query_text or not query_text.strip():
        raise bad_request("Missing query: send it as the query parameter (GET or form POST)"
                          f" or as an {SPARQL_QUERY} POST body.")
    return ProtocolRequest(query_text, _graph_uris(params, "default-graph-uri"),
                           _graph_uris(params, "named-graph-uri"))


def check_services(query: str, allowed: list[str]) -> None:
    """Refuse, before anything runs, a SERVICE to an endpoint not in ALLOWED_SERVICES: an open
    SERVICE would let anyone make this server connect to any address (request forgery)."""
    if not may_use_keyword(query, "SERVICE"):
        return
    if CODEPOINT_ESCAPE.search(query):
        raise service_not_allowed("A query with SERVICE may not use \\u escapes here.", allowed)
    for target in service_targets(query):
        if target is None:
            raise service_not_allowed("Write the endpoint of SERVICE as a full IRI, <http://...>,"
                                      " not a variable or a prefixed name.", allowed)
        if target not in allowed:
            raise service_not_allowed(f"SERVICE <{target}> is not allowed.", allowed)


def answer(protocol_request: ProtocolRequest) -> Response:
    """Evaluate and write the answer in a thread of its own (see limits.py); pyoxigraph's results
    never leave that thread, so the formats are negotiated beforehand for each query form."""
    store = current_build().store
    config = current_app.config
    base_iri = request.base_url  # the endpoint resolves relative IRIs, as the protocol allows
    results_format, rdf_format = _negotiated(RESULTS_FORMATS), _negotiated(RDF_FORMATS)

    def evaluate() -> tuple[bytes, str]:
        result = store.query(protocol_request.query, default_graph_uris=protocol_request.default_graph_uris,
                             named_graph_uris=protocol_request.named_graph_uris, base_iri=base_iri)
        fmt = rdf_format if not isinstance(result, (pyoxigraph.QueryBoolean, pyoxigraph.QuerySolutions)) \
            else results_format
        if isinstance(fmt, HttpError):
            raise fmt
        if isinstance(result, pyoxigraph.QueryBoolean):
            return result.serialize(format=fmt.results), fmt.media_type
        if isinstance(result, pyoxigraph.QuerySolutions):
            variables = [variable.value for variable in result.variables]
            return write_solutions(variables, take(result, config["MAX_ROWS"], "rows"), fmt.results), fmt.media_type
        return serialize_rdf(take(result, config["MAX_ROWS"], "triples"), fmt), fmt.media_type

    try:
        body, media_type = run_with_deadline(evaluate, config["QUERY_TIMEOUT"])
    except SyntaxError as error:
        if looks_like_update(protocol_request.query):
            raise the_endpoint_is_read_only() from None
        raise bad_request(f"Syntax error in the SPARQL query: {error}") from None
    return Response(body, mimetype=media_type)


def _negotiated(offered) -> Format | HttpError:
    try:
        return negotiate(offered)
    except HttpError as error:
        return error


def service_description() -> Response:
    fmt = negotiate((*RDF_FORMATS, HTML))
    if fmt is HTML:
        return redirect(url_for("query_ui.query_page"), code=303)

    def render():
        build = current_build()
        triples = render_rdf("service-description.ttl", endpoint=request.base_url, build=build,
                             allowed_services=current_app.config["ALLOWED_SERVICES"],
                             results_formats=RESULTS_FORMATS, rdf_formats=RDF_FORMATS)
        return rdf_response(triples, fmt)

    response = cacheable(f"sd-{fmt.extension}", render)
    response.vary.add("Accept")
    return response


def _utf8_body() -> str:
    charset = request.mimetype_params.get("charset", "utf-8")
    if charset.lower() not in ("utf-8", "utf8"):
        raise unsupported_media_type(f"{request.mimetype}; charset={charset}", [f"{SPARQL_QUERY}; charset=utf-8"])
    try:
        return request.get_data().decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad_request(f"The query is not UTF-8: {error}") from None


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
