"""Browse the registry by région, département, theme, legal form, structure type and typology
(/browse/<dimension>: each value with its count, as HTML, JSON or CSV), the poles or
organisations of one value (/browse/<dimension>/<key>), and the index of organisations."""
import csv
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Blueprint, Response, jsonify, render_template, request, url_for

from .errors import not_found
from .i18n import data_languages, language
from .listing import paginate, variant
from .negotiation import HTML, Format, negotiate
from .summary import Entry, Summary, summary
from .validators import cacheable
from .vocabulary import ESS

bp = Blueprint("browse", __name__)

JSON = Format("json", "application/json", "json")
CSV = Format("csv", "text/csv", "csv")
LIST_FORMATS = (HTML, JSON, CSV)


@dataclass(frozen=True)
class Dimension:
    name: str
    of_poles: bool  # counts poles; otherwise organisations (and poles that are legal persons)
    values: Callable[[Entry], set[str]]
    by_code: bool = False  # keyed by INSEE code rather than by the concept's last path segment


DIMENSIONS = {d.name: d for d in (
    Dimension("region", True, lambda e: e.regions, by_code=True),
    Dimension("departement", True, lambda e: e.departements, by_code=True),
    Dimension("collectivite", True, lambda e: e.collectivites, by_code=True),  # in no région nor département
    Dimension("theme", True, lambda e: e.themes),
    Dimension("typology", True, lambda e: e.typology | ({ESS.PTCE.value} & e.kinds)),
    Dimension("legal-form", False, lambda e: e.legal_forms),
    Dimension("structure-type", False, lambda e: e.structure_types),
)}


@dataclass(frozen=True)
class Value:
    key: str
    iri: str
    label: str
    entries: list[Entry]


def values(data: Summary, dimension: Dimension) -> list[Value]:
    """Every value of `dimension` with the entries that have it, in alphabetical order (labels
    and order depend on the data's language: once per build and language)."""
    return data.memo(("values", dimension.name, data_languages()), lambda: _values(data, dimension))


def _values(data: Summary, dimension: Dimension) -> list[Value]:
    found = defaultdict(list)
    for entry in data.poles if dimension.of_poles else data.entries.values():
        for iri in dimension.values(entry):
            found[iri].append(entry)
    shown = [Value(key(data, dimension, iri), iri, data.label(iri), sorted(entries, key=data.order))
             for iri, entries in found.items()]
    return sorted(shown, key=lambda value: data.order(value.iri))


def key(data: Summary, dimension: Dimension, iri: str) -> str:
    if dimension.by_code and iri in data.codes:
        return data.codes[iri]
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def dimension_or_404(name: str) -> Dimension:
    if name not in DIMENSIONS:
        raise not_found(f"No list /browse/{name}; there are: {', '.join(DIMENSIONS)}.")
    return DIMENSIONS[name]


@bp.get("/browse")
def index():
    return cacheable("browse-html", lambda: render_template(
        "pages/browse_index.html", dimensions=list(DIMENSIONS)))


@bp.get("/browse/<name>")
def dimension(name: str):
    fmt = negotiate(LIST_FORMATS)
    return _list(name, fmt)


@bp.get("/browse/<name>.<extension>")
def dimension_in_format(name: str, extension: str):
    fmt = next((f for f in (JSON, CSV) if f.extension == extension), None)
    if fmt is None:
        raise not_found(f"/browse/{name} is in .json and .csv.")
    return _list(name, fmt)


def _list(name: str, fmt: Format) -> Response:
    dim = dimension_or_404(name)

    def render():
        rows = values(summary(), dim)
        if fmt is HTML:
            return render_template("pages/browse.html", dimension=dim, rows=rows)
        records = [{"key": v.key, "label": v.label, "count": len(v.entries), "iri": v.iri,
                    "url": url_for("browse.value", name=name, key=v.key, _external=True)} for v in rows]
        if fmt is JSON:
            return jsonify(records)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=["key", "label", "count", "iri", "url"], lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(records)
        return Response(out.getvalue(), mimetype="text/csv")

    response = cacheable(f"browse-{name}-{fmt.name}-{language()}", render)
    response.vary.update(("Accept", "Accept-Language", "Cookie"))  # labels in the reader's language
    return response


@bp.get("/browse/<name>/<key>")
def value(name: str, key: str):
    dim = dimension_or_404(name)
    data = summary()
    found = next((v for v in values(data, dim) if v.key == key), None)
    if found is None:
        raise not_found(f"Nothing in /browse/{name} is keyed {key}.")
    return cacheable(variant("browse", name, key, request.args.get("page", "1"), "html"), lambda: render_template(
        "pages/browse_value.html", dimension=dim, value=found, page=paginate(found.entries), data=data))


@bp.get("/organisations")
def organisations():
    return cacheable(variant("organisations", request.args.get("page", "1"), "html"), lambda: render_template(
        "pages/organisations.html", page=paginate(summary().organisations), data=summary()))


