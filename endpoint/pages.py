"""Server-rendered HTML, readable without JavaScript: the index of poles and one page per resource."""
from flask import Blueprint, current_app, render_template, url_for
from pyoxigraph import NamedNode

from .descriptions import describe_organisation, describe_pole, describe_resource, list_poles
from .errors import not_found
from .store import get_store

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return render_template("pages/index.html", poles=list_poles(get_store()))


@bp.get("/page/pole/<slug>")
def pole(slug: str):
    node = _data_node(f"pole/{slug}")
    page = describe_pole(get_store(), node)
    if page is None:
        raise not_found(f"There is no pole {node.value} in this registry.")
    return render_template("pages/pole.html", page=page)


@bp.get("/page/org/<slug>")
def organisation(slug: str):
    node = _data_node(f"org/{slug}")
    page = describe_organisation(get_store(), node)
    if page is None:
        raise not_found(f"There is no organisation {node.value} in this registry.")
    return render_template("pages/organisation.html", page=page)


@bp.get("/page/<path:rest>")
def resource(rest: str):
    node = _data_node(rest)
    page = describe_resource(get_store(), node, current_app.config["MAX_ROWS"])
    if page is None:
        raise not_found(f"Nothing in this registry is about {node.value}.")
    return render_template("pages/resource.html", page=page, limit=current_app.config["MAX_ROWS"])


@bp.app_template_filter("href")
def href(iri: str) -> str:
    """Where a link to `iri` goes: the local page for a URI of this registry, the IRI itself otherwise."""
    data_prefix = current_app.config["BASE_URI"] + "id/"
    if iri.startswith(data_prefix):
        return url_for("pages.resource", rest=iri[len(data_prefix):])
    return iri


def _data_node(rest: str) -> NamedNode:
    """The URI `{base}id/{rest}`, validated: the path comes from whoever sent the request."""
    iri = current_app.config["BASE_URI"] + "id/" + rest
    try:
        return NamedNode(iri)
    except ValueError:
        raise not_found(f"{iri!r} is not a URI of this registry.") from None
