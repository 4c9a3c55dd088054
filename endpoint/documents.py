"""RDF the server answers: triples in the negotiated format (JSON-LD compacted with the published
context, /context.jsonld), and its own documents (service description, VoID, DCAT), written as
Turtle templates and re-serialised in any RDF format."""
from collections.abc import Iterable

import pyoxigraph
from flask import Blueprint, Response, current_app, render_template
from markupsafe import Markup
from pyoxigraph import Literal, NamedNode, RdfFormat

from . import jsonld
from .build import current_build
from .negotiation import JSON_LD, Format
from .validators import cacheable
from .vocabulary import PREFIXES

bp = Blueprint("documents", __name__)


def serialize_rdf(triples: Iterable[pyoxigraph.Triple], fmt: Format,
                  jsonld_context: tuple[dict, str] | None = None) -> bytes:
    """The triples in `fmt`; JSON-LD compacted with `jsonld_context`, (context, its URL), if given."""
    if fmt is JSON_LD and jsonld_context is not None:
        return jsonld.compact(triples, *jsonld_context)
    return pyoxigraph.serialize(triples, format=fmt.rdf, prefixes=PREFIXES)


def rdf_response(triples: Iterable[pyoxigraph.Triple], fmt: Format) -> Response:
    return Response(serialize_rdf(triples, fmt, jsonld_context()), mimetype=fmt.media_type)


def jsonld_context() -> tuple[dict, str]:
    """The context of the JSON-LD this server writes (the build's), and the URL it is published at."""
    return current_build().jsonld_context, current_app.config["BASE_URI"] + jsonld.CONTEXT_PATH


@bp.get("/" + jsonld.CONTEXT_PATH)
def context():
    """The JSON-LD context every JSON-LD document of the registry names."""
    build = current_build()
    return cacheable("context", lambda: Response(jsonld.context_document(build.jsonld_context),
                                                 mimetype=JSON_LD.media_type))


def render_rdf(template: str, **context) -> list[pyoxigraph.Triple]:
    """The triples of a Turtle template (templates/rdf/), values written with the filters below."""
    turtle = render_template(f"rdf/{template}", **context)
    return [quad.triple for quad in pyoxigraph.parse(turtle.encode("utf-8"), format=RdfFormat.TURTLE)]


@bp.app_template_filter("iri")
def iri(value: str) -> Markup:
    """<value>, checked and escaped by pyoxigraph."""
    return Markup(str(NamedNode(value)))


@bp.app_template_filter("literal")
def literal(value, language: str | None = None, datatype: str | None = None) -> Markup:
    """A Turtle literal, escaped by pyoxigraph: "text"@fr, "42"^^<...integer>."""
    if isinstance(value, bool):
        datatype = "http://www.w3.org/2001/XMLSchema#boolean"
        value = str(value).lower()
    elif isinstance(value, int) and not datatype:
        datatype = "http://www.w3.org/2001/XMLSchema#integer"
    if language:
        return Markup(str(Literal(str(value), language=language)))
    return Markup(str(Literal(str(value), datatype=NamedNode(datatype) if datatype else None)))
