"""The ontology at its namespace, https://w3id.org/ess-poles/def, served under {base}def.

w3id.org redirects `def` and everything under it here (`def` → {base}def, `def/{path}` →
{base}def/{path}; a fragment stays with the client). As for the data, a GET on a term answers
303 See Other to the document the request asks for: `{base}def.{html,ttl,jsonld,rdf,nt}` for the
ontology and its classes and properties (`def#Pole`), `{base}def/{scheme}[/{concept}].{...}`
for the concept schemes and their concepts.
"""
from flask import Blueprint, current_app, render_template, url_for
from pyoxigraph import NamedNode

from .build import get_store
from .descriptions import describe_ontology, triples_about
from .documents import rdf_response
from .errors import not_found
from .negotiation import DOCUMENT_FORMATS, HTML, by_extension, negotiate
from .pages import render_resource_page
from .resolve import see_other
from .validators import cacheable
from .vocabulary import DEF, PROLOGUE

bp = Blueprint("ontology", __name__)


@bp.get("/def")
def ontology():
    fmt = negotiate(DOCUMENT_FORMATS)
    return see_other(url_for("ontology.ontology_document", extension=fmt.extension))


@bp.get("/def.<extension>")
def ontology_document(extension: str):
    fmt = _document_format(extension)
    node = NamedNode(DEF)

    def render():
        store = get_store()
        if fmt is HTML:
            alternates = [(other, url_for("ontology.ontology_document", extension=other.extension))
                          for other in DOCUMENT_FORMATS if other is not HTML]
            return render_template("pages/ontology.html", page=describe_ontology(store, node), alternates=alternates)
        # The ontology's own statements and those of its blank nodes (OWL axioms, lists).
        triples = store.query(PROLOGUE + f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o
            FILTER(?s = {node} || isBlank(?s) || STRSTARTS(STR(?s), "{DEF}#")) }}""")
        return rdf_response(set(triples), fmt)

    return cacheable(fmt.extension, render)


@bp.get("/def/<path:rest>")
def term(rest: str):
    """A concept scheme or a concept: 303 to a document about it, or the document itself."""
    stem, dot, extension = rest.rpartition(".")
    if not dot or "/" in extension:
        fmt = negotiate(DOCUMENT_FORMATS)
        return see_other(url_for("ontology.term", rest=f"{rest}.{fmt.extension}"))
    fmt = _document_format(extension)
    try:
        node = NamedNode(f"{DEF}/{stem}")
    except ValueError:
        raise not_found(f"{DEF}/{stem} is not a term of this ontology.") from None

    def render():
        if fmt is HTML:
            alternates = [(other, url_for("ontology.term", rest=f"{stem}.{other.extension}"))
                          for other in DOCUMENT_FORMATS if other is not HTML]
            return render_resource_page(node, alternates)
        triples = triples_about(get_store(), node, current_app.config["MAX_ROWS"])
        if not triples:
            raise not_found(f"{node.value} is not a term of this ontology.")
        return rdf_response(triples, fmt)

    return cacheable(fmt.extension, render)


def _document_format(extension: str):
    fmt = by_extension(extension, DOCUMENT_FORMATS)
    if fmt is None:
        offered = ", ".join(f".{candidate.extension}" for candidate in DOCUMENT_FORMATS)
        raise not_found(f"Documents of the ontology end with one of {offered}.")
    return fmt
