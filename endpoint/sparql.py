"""/sparql: the read-only SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/).

GET, form POST and direct POST; the dataset parameters; SELECT and ASK in SPARQL JSON, XML,
CSV or TSV, CONSTRUCT and DESCRIBE in Turtle, JSON-LD, RDF/XML or N-Triples, as negotiated;
without a query, the service description (in RDF; a browser is sent to the query page).
"""
import hashlib
from typing import NamedTuple

from flask import Blueprint, Response, current_app, redirect, request, url_for
from pyoxigraph import NamedNode
from werkzeug.http import is_resource_modified

from .answer_cache import answer_cache, request_key
from .build import current_build
from .cheap_queries import answer_here, cheap_form
from .documents import jsonld_context, render_rdf, rdf_response
from .errors import (HttpError, bad_request, query_too_complex, request_too_large, the_endpoint_is_read_only,
                     unsupported_media_type)
from .negotiation import HTML, JSON_LD, RDF_FORMATS, RESULTS_FORMATS, Format, negotiate
from .query_pool import Zygote, new_pool
from .query_runner import QueryJob
from .query_shape import QueryTooComplex, check_shape
from .validators import cacheable, with_validators

bp = Blueprint("sparql", __name__)

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_POOL = "essreg.query_pool"


class ProtocolRequest(NamedTuple):
    query: str
    default_graph_uris: list[str]
    named_graph_uris: list[str]


@bp.route("/sparql", methods=["GET", "POST"])  # HEAD as GET (Flask adds it)
def endpoint():
    reads_url = request.method in ("GET", "HEAD")
    if reads_url and "query" not in request.args and "update" not in request.args:
        return service_description()
    return answer(read_protocol_request())


def read_protocol_request() -> ProtocolRequest:
    if request.method in ("GET", "HEAD"):
        params, query_text = request.args, _single(request.args, "query")
    elif request.mimetype == FORM:
        _read_body()  # refuses a body over the limit, however it is sent
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


def answer(protocol_request: ProtocolRequest) -> Response:
    """The query's answer, evaluated in a process of the query pool (query_pool.py), or here
    when it is a lookup whose work is bounded by its rows (cheap_queries.py).

    The answer of a query that calls no SERVICE is the same until the next build: it gets an ETag
    made of the build's, the query's and the formats', a client holding it gets a 304 without the
    query running again, and the answer cache (answer_cache.py) keeps it, for GET and POST alike
    (the endpoint is read-only: a POSTed query is the same question as its GET, and the key holds
    its text). A query found there was checked when it was first answered; any other has its
    shape checked (query_shape.py) before a process takes it.
    """
    config = current_app.config
    results_format, rdf_format = _negotiated(RESULTS_FORMATS), _negotiated(RDF_FORMATS)
    build, backend = current_build(), config["SPARQL_BACKEND"]
    etag = build.etag("sparql-" + _digest(protocol_request, results_format, rdf_format))
    # a SERVICE's answer, or another engine's data, may change without a rebuild: never kept
    cache, key = answer_cache(), request_key(build.id, etag, with_query_string=False)  # the query is in the tag
    kept = None if backend else cache.get(key)
    if kept is not None:
        if request.method in ("GET", "HEAD") and not is_resource_modified(
                request.environ, etag=etag, last_modified=build.built):
            return with_validators(Response(status=304), etag, build)
        return kept.response()
    try:
        shape = check_shape(protocol_request.query, config["MAX_QUERY_NESTING"], config["MAX_QUERY_OPERATORS"])
    except QueryTooComplex as error:
        raise query_too_complex(str(error)) from None
    if shape.calls_service or backend:
        etag = None
    elif request.method in ("GET", "HEAD") and not is_resource_modified(
            request.environ, etag=etag, last_modified=build.built):
        return with_validators(Response(status=304), etag, build)
    job = QueryJob(
        query=protocol_request.query,
        default_graph_uris=tuple(protocol_request.default_graph_uris),
        named_graph_uris=tuple(protocol_request.named_graph_uris),
        base_iri=request.base_url,  # the endpoint resolves relative IRIs, as the protocol allows
        store=("remote", backend, float(config["QUERY_TIMEOUT"])) if backend
        else ("embedded", str(build.directory / "store"), 0.0),
        results_format=None if isinstance(results_format, HttpError) else results_format.name,
        rdf_format=None if isinstance(rdf_format, HttpError) else rdf_format.name,
        not_acceptable={family: fmt.message for family, fmt in (("results", results_format), ("rdf", rdf_format))
                        if isinstance(fmt, HttpError)},
        max_rows=int(config["MAX_ROWS"]),
        allowed_services=tuple(config["ALLOWED_SERVICES"]),
        service_timeout=float(config["SERVICE_TIMEOUT"]),
        jsonld_context=jsonld_context() if rdf_format is JSON_LD else None,  # only JSON-LD needs it
        max_memory=int(config["MAX_QUERY_MEMORY"]),
        in_memory=in_memory(build, config),
    )
    result = None
    if not (backend or shape.calls_service or job.default_graph_uris or job.named_graph_uris):
        form = cheap_form(protocol_request.query, shape.tokens)
        if form is not None and not (form == "describe" and job.rdf_format == JSON_LD.name):
            result = answer_here(build.store, job)  # None: too many rows to answer here
    if result is None:
        result = query_pool().run(job)
    response = Response(result.body, mimetype=result.media_type)
    if etag is None:
        return _varies(response)
    response = with_validators(response, etag, build)
    cache.put(key, response)
    return response


def init_app(app) -> None:
    """The app's pool of query processes (its settings are checked now; processes start on demand)."""
    app.extensions[_POOL] = new_pool(app.config)


def in_memory(build, config) -> bool:
    """Whether the runners answer from an in-memory copy of the build's store: an embedded store
    of at most QUERY_STORE_IN_MEMORY_MAX_TRIPLES triples (the registry's, in build-info.json)."""
    most, triples = int(config["QUERY_STORE_IN_MEMORY_MAX_TRIPLES"]), build.info.get("triples")
    return not config["SPARQL_BACKEND"] and most > 0 and isinstance(triples, int) and triples <= most


def warm(app) -> None:
    """Start the app's query processes, and the in-memory copy of the current build's store
    when it is to have one (the server's start, before the first query)."""
    query_pool(app).warm(_copy_of(app))


def prepare(app) -> None:
    """Have the zygote copy the current build's store into memory now (after a rebuild), or drop
    its copy when this build is not to have one: the next query processes fork with it."""
    Zygote.holds(_copy_of(app))


def _copy_of(app) -> str:
    """The store the zygote is to hold in memory for the current build ("" for none)."""
    with app.app_context():
        build = current_build()
        return str(build.directory / "store") if in_memory(build, app.config) else ""


def query_pool(app=None):
    """The pool of the app (of the current request's by default)."""
    return (app or current_app).extensions[_POOL]


def _digest(protocol_request: ProtocolRequest, *formats) -> str:
    names = [fmt.name if isinstance(fmt, Format) else "-" for fmt in formats]
    text = "\x00".join([protocol_request.query, *protocol_request.default_graph_uris, "\x01",
                        *protocol_request.named_graph_uris, "\x01", *names])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _varies(response: Response) -> Response:
    response.vary.add("Accept")
    return response


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
        return _read_body().decode("utf-8")
    except UnicodeDecodeError as error:
        raise bad_request(f"The query is not UTF-8: {error}") from None


def _read_body() -> bytes:
    """The request body, or a 413 when it is over MAX_REQUEST_BYTES: announced with Content-Length
    or not (a chunked body is read up to one byte past the limit, never cut and run)."""
    limit = current_app.config["MAX_REQUEST_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        raise request_too_large(limit)
    body = request.get_data(cache=True)
    if len(body) > limit or (request.content_length is None and _more_to_read(limit - len(body))):
        raise request_too_large(limit)
    return body


def _more_to_read(room: int) -> bool:
    stream = request.environ.get("wsgi.input")
    try:
        return bool(stream.read(1)) if stream is not None and room >= 0 else False
    except Exception:
        return False


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
