"""Server-rendered HTML, readable without JavaScript: the index of poles and one page per resource."""
from flask import Blueprint, current_app, render_template, url_for
from pyoxigraph import NamedNode

from .build import get_store
from .descriptions import describe_organisation, describe_pole, describe_resource, list_poles
from .errors import not_found
from .negotiation import RDF_FORMATS
from .resolve import data_node
from .validators import cacheable
from .vocabulary import DEF

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return cacheable("index.html", lambda: render_template("pages/index.html", poles=list_poles(get_store())))


@bp.get("/page/<path:rest>")
def resource(rest: str):
    node = data_node(rest)
    alternates = [(fmt, url_for("resolve.data", rest=f"{rest}.{fmt.extension}")) for fmt in RDF_FORMATS]
    return cacheable("html", lambda: render_resource_page(node, alternates))


def render_resource_page(node: NamedNode, alternates: list) -> str:
    """The page of a pole, an organisation or any other resource of the registry."""
    store = get_store()
    if node.value.startswith(current_app.config["BASE_URI"] + "id/pole/"):
        page = describe_pole(store, node)
        if page is not None:
            return render_template("pages/pole.html", page=page, alternates=alternates)
    if node.value.startswith(current_app.config["BASE_URI"] + "id/org/"):
        page = describe_organisation(store, node)
        if page is not None:
            return render_template("pages/organisation.html", page=page, alternates=alternates)
    limit = current_app.config["MAX_ROWS"]
    page = describe_resource(store, node, limit)
    if page is None:
        raise not_found(f"Nothing in this registry is about {node.value}.")
    return render_template("pages/resource.html", page=page, limit=limit, alternates=alternates)


@bp.app_template_filter("href")
def href(iri: str) -> str:
    """Where a link to `iri` goes: the local page of a resource of this registry or of a term of
    its ontology, the IRI itself otherwise."""
    data_prefix = current_app.config["BASE_URI"] + "id/"
    if iri.startswith(data_prefix):
        return url_for("pages.resource", rest=iri[len(data_prefix):])
    if iri == DEF or iri.startswith(DEF + "#"):
        return url_for("ontology.ontology_document", extension="html") + iri[len(DEF):]
    if iri.startswith(DEF + "/"):
        return url_for("ontology.term", rest=iri[len(DEF) + 1:] + ".html")
    return iri
