"""The URIs of things, `{base}id/...`, and the documents about them.

A GET on `{base}id/{rest}` answers 303 See Other to the document the Accept header (or
?format=) asks for: the HTML page `{base}page/{rest}` or the RDF document
`{base}data/{rest}.{ttl,jsonld,rdf,nt}`. A named graph's URI, `{base}graph/{rest}`, answers 303
to its dump.
"""
from flask import Blueprint, current_app, redirect, url_for
from pyoxigraph import NamedNode

from .build import current_build, get_store
from .descriptions import triples_about
from .documents import rdf_response
from .errors import not_found
from .negotiation import DOCUMENT_FORMATS, HTML, RDF_FORMATS, TURTLE, by_extension, negotiate
from .validators import cacheable

bp = Blueprint("resolve", __name__)


@bp.get("/id/<path:rest>")
def identifier(rest: str):
    node = data_node(rest)
    fmt = negotiate(DOCUMENT_FORMATS)
    if not get_store().mentions(node):
        raise not_found(f"Nothing in this registry is about {node.value}.")
    if fmt is HTML:
        target = url_for("pages.resource", rest=rest)
    else:
        target = url_for("resolve.data", rest=f"{rest}.{fmt.extension}")
    return see_other(target)


@bp.get("/data/<path:rest>")
def data(rest: str):
    stem, _, extension = rest.rpartition(".")
    fmt = by_extension(extension, RDF_FORMATS)
    if fmt is None or not stem:
        offered = ", ".join(f".{candidate.extension}" for candidate in RDF_FORMATS)
        raise not_found(f"/data/{rest}: RDF documents end with one of {offered}.")
    node = data_node(stem)

    def render():
        triples = triples_about(get_store(), node, current_app.config["MAX_ROWS"])
        if not triples:
            raise not_found(f"Nothing in this registry is about {node.value}.")
        return rdf_response(triples, fmt)

    return cacheable(fmt.extension, render)


@bp.get("/graph/<path:rest>")
def graph(rest: str):
    """A public named graph: 303 to its Turtle dump."""
    negotiate([TURTLE])
    path = f"graph/{rest}.ttl"
    if path not in current_build().dumps:
        raise not_found(f"There is no public graph {current_app.config['BASE_URI']}graph/{rest} in this registry.")
    return see_other(url_for("dumps.dump", path=path))


def see_other(target: str):
    response = redirect(target, code=303)
    response.vary.add("Accept")
    return response


def data_node(rest: str) -> NamedNode:
    """The URI `{base}id/{rest}`, validated: the path comes from whoever sent the request."""
    iri = current_app.config["BASE_URI"] + "id/" + rest
    try:
        return NamedNode(iri)
    except ValueError:
        raise not_found(f"{iri!r} is not a URI of this registry.") from None
