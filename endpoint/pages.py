"""Server-rendered HTML, readable without JavaScript: the index of poles and one page per resource."""
from flask import Blueprint, current_app, render_template, request, url_for
from pyoxigraph import NamedNode

from .browse import DIMENSIONS, values
from .build import get_store
from .descriptions import Term, describe_organisation, describe_pole, describe_resource
from .errors import not_found
from .i18n import language, translate
from .listing import paginate, variant
from .negotiation import RDF_FORMATS
from .resolve import data_node
from .rich_text import blocks
from .summary import summary
from .validators import cacheable
from .vocabulary import DEF, ESS, IGEO

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    return cacheable(variant("index", request.args.get("region", ""), request.args.get("page", "1"), "html"), lambda: render_template("pages/index.html", **home()))


def home() -> dict:
    """What the home page shows: counts, then the poles, of one région when ?region= says so."""
    data = summary()
    regions = values(data, DIMENSIONS["region"])
    region = next((value for value in regions if value.key == request.args.get("region")), None)
    counts = data.memo("counts", lambda: {
        "poles": len(data.poles), "ptce": sum(ESS.PTCE.value in pole.kinds for pole in data.poles),
        "organisations": len(data.organisations), "communes": data.count_of_type(IGEO.Commune),
        "documents": data.count_of_type(ESS.SourceDocument)})
    return {"data": data, "counts": counts, "regions": regions, "region": region,
            "typologies": values(data, DIMENSIONS["typology"]),
            "page": paginate(region.entries if region else data.poles)}


@bp.get("/page/<path:rest>")
def resource(rest: str):
    node = data_node(rest)

    def render() -> str:  # only when the answer is not in the cache
        alternates = [(fmt, url_for("resolve.data", rest=f"{rest}.{fmt.extension}")) for fmt in RDF_FORMATS]
        return render_resource_page(node, alternates)

    return cacheable("html", render)


def render_resource_page(node: NamedNode, alternates: list) -> str:
    """The page of a pole, an organisation or any other resource of the registry."""
    store = get_store()
    if node.value.startswith(current_app.config["BASE_URI"] + "id/pole/"):
        page = describe_pole(store, node)
        if page is not None:
            data = summary()
            entry = data.entries.get(node.value)
            regions = [Term(data.label(iri), iri) for iri in sorted(entry.regions, key=data.order)] if entry else []
            return render_template("pages/pole.html", page=page, regions=regions, alternates=alternates)
    if node.value.startswith(current_app.config["BASE_URI"] + "id/org/"):
        page = describe_organisation(store, node)
        if page is not None:
            return render_template("pages/organisation.html", page=page, alternates=alternates)
    limit = current_app.config["MAX_ROWS"]
    page = describe_resource(store, node, limit)
    if page is None:
        raise not_found(f"Nothing in this registry is about {node.value}.")
    return render_template("pages/resource.html", page=page, limit=limit, alternates=alternates)


bp.add_app_template_filter(blocks, "blocks")
TERRITORY_KINDS = {"Commune": "commune", "Departement": "departement", "Region": "region",
                   "CollectiviteDOutreMer": "collectivite"}


@bp.app_template_filter("territory_kind")
def territory_kind(kind: str) -> str:
    """igeo's class name as the reader's language says it: Departement -> Département."""
    return translate(TERRITORY_KINDS[kind]) if kind in TERRITORY_KINDS else kind


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
