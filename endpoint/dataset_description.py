"""The registry described for machines: VoID at /.well-known/void (statistics, linksets, dumps,
endpoint) and a DCAT-AP catalogue at /catalog that data.gouv.fr's DCAT harvester reads.

Both describe the same dataset, `{base}catalog#dataset`, and are computed once per build.
data.gouv.fr's harvester picks the parser from the URL's extension or, failing that, from the
Content-Type of a HEAD: /catalog.ttl, .rdf, .jsonld and .nt name their format.

The catalogue lists that dataset, then one dataset per source document (its named graph), 50 a
page (?page=N). Each page says where the others are the way udata's DCAT backend follows them: one
hydra:PartialCollectionView (the page itself) with hydra:first, previous, next and last, in the
same form (extension) as the page asked for. Its dct:temporal (the earliest and latest dates the
data states) and dct:spatial (the box around the placed poles, or around the départements a
document names) are computed from the build; who
publishes it and whom to write to come from settings (PUBLISHER_*, CONTACT_EMAIL, CATALOG_ISSUED),
never guessed: what is not set is said at start and left out.
"""
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, Flask, current_app, render_template, request, url_for
from pyoxigraph import NamedNode

from .build import Build, current_build
from .documents import render_rdf, rdf_response
from .errors import bad_request, not_found
from .map import BASE_LAYER, placed_poles
from .negotiation import FILE_FORMATS, GZIP, HTML, RDF_FORMATS, by_extension, negotiate
from .validators import cacheable
from .vocabulary import PREFIXES, PROLOGUE

bp = Blueprint("dataset_description", __name__)

LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
INSEE_GEOGRAPHY = "http://rdf.insee.fr/geo/"
SIRENE = "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"
VOCABULARIES = ("ess", "org", "rov", "adms", "igeo", "locn", "skos", "dcterms", "prov")
PAGE_SIZE = 50  # datasets a page of the catalogue lists
DATE_TYPES = ("gYear", "date", "dateTime")  # the literals dct:temporal is computed from
# The ADMS publisher types (http://purl.org/adms/publishertype/), which DCAT-AP names for dct:type
# of a publisher, with their labels.
PUBLISHER_TYPES = {
    "Academia-ScientificOrganisation": "Academia/Scientific organisation", "Company": "Company",
    "IndustryConsortium": "Industry consortium", "LocalAuthority": "Local authority",
    "NationalAuthority": "National authority", "NonGovernmentalOrganisation": "Non-governmental organisation",
    "NonProfitOrganisation": "Non-profit organisation", "PrivateIndividual(s)": "Private individual(s)",
    "RegionalAuthority": "Regional authority", "StandardisationBody": "Standardisation body",
    "SupraNationalAuthority": "Supra-national authority",
}
PUBLISHER_TYPE_BASE = "http://purl.org/adms/publishertype/"
PUBLISHER_SETTINGS = ("PUBLISHER_NAME", "PUBLISHER_URI", "PUBLISHER_TYPE", "CONTACT_EMAIL", "CATALOG_ISSUED")
_EXTENSION = "essreg.publisher"


@dataclass(frozen=True)
class Publisher:
    """What the settings say of who publishes the catalogue; None where they say nothing."""
    name: str | None
    uri: str | None
    type: str | None  # an ADMS publisher-type IRI
    type_label: str | None
    email: str | None
    issued: str | None  # YYYY-MM-DD

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:8]


def publisher_settings(config) -> Publisher:
    """The publisher settings of `config`, checked: a malformed one raises ValueError naming it."""
    def get(name: str) -> str | None:
        value = config.get(name)
        return str(value).strip() or None if value is not None else None

    uri, kind, email, issued = get("PUBLISHER_URI"), get("PUBLISHER_TYPE"), get("CONTACT_EMAIL"), get("CATALOG_ISSUED")
    if uri is not None:
        try:
            NamedNode(uri)
        except ValueError:
            uri = None
        if uri is None or urlsplit(uri).scheme not in ("http", "https") or not urlsplit(uri).netloc:
            raise ValueError(f"PUBLISHER_URI {get('PUBLISHER_URI')!r} is no http(s) URI")
    if kind is not None:
        kind = kind.removeprefix(PUBLISHER_TYPE_BASE)
        if kind not in PUBLISHER_TYPES:
            raise ValueError(f"PUBLISHER_TYPE {kind!r} is none of the ADMS publisher types: {', '.join(PUBLISHER_TYPES)}")
    if email is not None:
        email = email.removeprefix("mailto:")
        if not re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", email):
            raise ValueError(f"CONTACT_EMAIL {email!r} is no e-mail address")
    if issued is not None:
        try:
            issued = date.fromisoformat(issued).isoformat()
        except ValueError:
            raise ValueError(f"CATALOG_ISSUED {issued!r} is no date (YYYY-MM-DD)") from None
    return Publisher(name=get("PUBLISHER_NAME"), uri=uri,
                     type=PUBLISHER_TYPE_BASE + kind if kind else None, type_label=PUBLISHER_TYPES.get(kind),
                     email=email, issued=issued)


def init_app(app: Flask) -> None:
    """Read the publisher settings once; say at start which are missing (the catalogue omits them)."""
    publisher = publisher_settings(app.config)
    app.extensions[_EXTENSION] = publisher
    missing = [name for name in PUBLISHER_SETTINGS if not app.config.get(name)]
    if missing:
        app.logger.warning(
            "the DCAT catalogue (/catalog) names no %s: not set, so left out (set them as ESSREG_%s=...;"
            " README: the settings of `essreg serve`)", ", ".join(missing), missing[0])


@dataclass(frozen=True)
class Statistics:
    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: list[tuple[str, int]]  # (class, instances)
    properties: list[tuple[str, int]]  # (property, triples)
    graphs: list[tuple[str, int]]  # (named graph, triples)
    insee_links: int
    sirene_links: int
    example: str | None


# RDF first: a harvester that sends no Accept, or */*, gets Turtle; a browser, which puts text/html
# first, gets a page for people linking to the RDF forms.
DESCRIPTION_FORMATS = (*RDF_FORMATS, HTML)


@bp.get("/.well-known/void")
def void():
    return _described("void", lambda f: url_for("dataset_description.void", format=f.extension))


@bp.get("/catalog")
def catalog():
    page = _page_number()
    return _described("catalog", lambda f: url_for("dataset_description.catalog_in_format", extension=f.extension,
                                                   **({"page": page} if page > 1 else {})), page)


def _described(name: str, url_of, page: int = 1) -> object:
    """The description `name` (void, catalog) as RDF, or as a page linking to its RDF forms."""
    fmt = negotiate(DESCRIPTION_FORMATS)
    if fmt is HTML:
        links = [(f, url_of(f)) for f in RDF_FORMATS]
        response = cacheable(f"{name}-html-{page}-{_publisher().fingerprint}",
                             lambda: _page(f"{name}.title", links, page if name == "catalog" else None))
    elif name == "catalog":
        response = _catalog_response(fmt, page, None)
    else:
        response = cacheable(f"{name}-{fmt.extension}", lambda: rdf_response(_document(f"{name}.ttl"), fmt))
    response.vary.add("Accept")
    return response


def _page(title: str, links: list, page: int | None) -> str:
    """The dataset description for people: its figures, dumps and endpoint, and its RDF forms; for
    the catalogue, the datasets of one page with links to the others."""
    build = current_build()
    base = current_app.config["BASE_URI"]
    listing = _catalogue_page(build, page) if page else None
    return render_template("pages/dataset.html", title=title, alternates=links, build=build, licence=LICENCE,
                           statistics=build.cached("statistics", lambda: statistics(build)),
                           dumps=[_dump(base, dump) for dump in build.dumps.values()],
                           endpoint=base + url_for("sparql.endpoint").lstrip("/"), listing=listing,
                           page_url=lambda n: url_for("dataset_description.catalog", **({"page": n} if n > 1 else {})))


@bp.get("/catalog.<extension>")
def catalog_in_format(extension: str):
    fmt = by_extension(extension, RDF_FORMATS)
    if fmt is None:
        raise not_found(f"The catalogue is at /catalog.{{{','.join(f.extension for f in RDF_FORMATS)}}}.")
    return _catalog_response(fmt, _page_number(), fmt.extension)


def _page_number() -> int:
    """?page=N (1 when absent): a number from 1 (else 400) of a page there is (else 404)."""
    value = request.args.get("page", "1")
    if not re.fullmatch(r"[1-9][0-9]{0,8}", value):
        raise bad_request(f"?page={value!r}: a page of the catalogue is a number from 1.")
    pages = _page_count(current_build())
    if int(value) > pages:
        raise not_found(f"The catalogue has {pages} page(s) of {PAGE_SIZE} datasets; there is no page {value}.")
    return int(value)


def _catalog_response(fmt, page: int, extension: str | None):
    """Page `page` of the catalogue in `fmt`; its Hydra links go to /catalog.EXTENSION (or /catalog)."""
    build = current_build()
    key = f"catalog-{extension or 'negotiated'}-{page}-{_publisher().fingerprint}"
    return cacheable(f"{key}-{fmt.extension}", lambda: rdf_response(
        build.cached(key, lambda: _render_catalog(build, page, extension)), fmt))


def _publisher() -> Publisher:
    return current_app.extensions[_EXTENSION]


def _document(template: str):
    build = current_build()
    return build.cached(template, lambda: _render(template, build))


def _render(template: str, build: Build, **more):
    base = current_app.config["BASE_URI"]
    return render_rdf(
        template, base=base, build=build, statistics=build.cached("statistics", lambda: statistics(build)),
        dumps=[_dump(base, dump) for dump in build.dumps.values()], licence=LICENCE,
        vocabularies=[PREFIXES[prefix] for prefix in VOCABULARIES], insee=INSEE_GEOGRAPHY, sirene=SIRENE,
        endpoint=base + url_for("sparql.endpoint").lstrip("/"), **more)


def _render_catalog(build: Build, page: int, extension: str | None):
    base = current_app.config["BASE_URI"]

    def page_iri(n: int) -> str:
        endpoint, args = (("dataset_description.catalog_in_format", {"extension": extension}) if extension
                          else ("dataset_description.catalog", {}))
        return base + url_for(endpoint, page=n, **args).lstrip("/")

    pages = _page_count(build)
    view = {"iri": page_iri(page), "first": page_iri(1), "last": page_iri(pages),
            "previous": page_iri(page - 1) if page > 1 else None,
            "next": page_iri(page + 1) if page < pages else None}
    return _render("catalog.ttl", build, listing=_catalogue_page(build, page), view=view, publisher=_publisher(),
                   documents=[document["graph"] for document in _documents(build)],
                   total=len(_documents(build)) + 1, extent=build.cached("extents", lambda: extents(build)).get(None),
                   period=build.cached("periods", lambda: periods(build)).get(None))


# --- what the catalogue lists, computed from the build ---------------------------------------

@dataclass(frozen=True)
class Period:
    """The first and last day that the dates some data states cover ("2006" covers 2006-01-01 to
    2006-12-31): xsd:date both, the form harvesters read best (udata among them)."""
    start: date
    end: date


@dataclass(frozen=True)
class Extent:
    """The box around some points (WGS 84 longitude, latitude), its centre, and what they are."""
    west: float
    south: float
    east: float
    north: float
    around_what: str  # "poles" (placed on the map) or "departements" (of the places a document names)

    @classmethod
    def around(cls, points: list, around_what: str) -> "Extent":
        return cls(west=min(p[0] for p in points), south=min(p[1] for p in points),
                   east=max(p[0] for p in points), north=max(p[1] for p in points), around_what=around_what)

    @property
    def bbox(self) -> str:
        w, s, e, n = self.west, self.south, self.east, self.north
        return f"POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))"

    @property
    def centroid(self) -> str:
        return f"POINT({round((self.west + self.east) / 2, 4)} {round((self.south + self.north) / 2, 4)})"


def _documents(build: Build) -> list[dict]:
    """The source documents, one per named graph {base}graph/document/..., sorted by graph."""
    def read() -> list[dict]:
        prefix = build.base_uri + "graph/document/"
        found: dict[str, dict] = {}
        for row in build.store.query(PROLOGUE + """SELECT ?g ?doc ?file ?title WHERE { GRAPH ?g {
                ?doc a ess:SourceDocument ; ess:fileName ?file OPTIONAL { ?doc dcterms:title ?title } } }
                ORDER BY ?g ?title"""):
            graph = row["g"].value
            if graph.startswith(prefix) and graph not in found:
                title = row["title"]
                found[graph] = {"graph": graph, "source": row["doc"].value, "file": row["file"].value,
                                "title": title.value if title is not None else row["file"].value}
        return [found[graph] for graph in sorted(found)]
    return build.cached("catalog-documents", read)


def _page_count(build: Build) -> int:
    return len(_documents(build)) // PAGE_SIZE + 1  # the registry's own dataset comes first


def _catalogue_page(build: Build, page: int) -> dict:
    """The datasets of page `page`: the registry's own (on page 1), then the documents', each with
    its dumps, period and extent."""
    base = current_app.config["BASE_URI"]
    start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE  # of the items, the registry's dataset first
    documents = _documents(build)[max(start - 1, 0):end - 1]
    dumps = [_dump(base, dump) for dump in build.dumps.values()]
    all_periods = build.cached("periods", lambda: periods(build))
    all_extents = build.cached("extents", lambda: extents(build))
    return {"page": page, "pages": _page_count(build), "registry": page == 1,
            "documents": [{**document, "dumps": [d for d in dumps if d.get("graph") == document["graph"]],
                           "period": all_periods.get(document["graph"]), "extent": all_extents.get(document["graph"])}
                          for document in documents]}


def _interval(lexical: str, kind: str) -> tuple[date, date] | None:
    """The first and last day a gYear, date or dateTime literal covers (None if unreadable)."""
    match = re.match(r"(\d{4})(?:-(\d{2})-(\d{2}))?", lexical)
    if not match or (kind != "gYear") != bool(match.group(2)):
        return None
    try:
        if kind == "gYear":
            year = int(match.group(1))
            return date(year, 1, 1), date(year, 12, 31)
        day = date(*map(int, match.groups()))
    except ValueError:
        return None
    return day, day


def periods(build: Build) -> dict[str | None, Period]:
    """Per document graph, and for the whole registry (key None), the earliest and latest of the
    dates its data states (creations, figures' dates, events, calls...)."""
    prefix = build.base_uri + "graph/document/"
    types = ", ".join(f"xsd:{kind}" for kind in DATE_TYPES)
    found: dict[str | None, Period] = {}
    for row in build.store.query(PROLOGUE + f"""SELECT DISTINCT ?g ?d WHERE {{ GRAPH ?g {{ ?s ?p ?d }}
            FILTER(isLiteral(?d) && DATATYPE(?d) IN ({types})) }}"""):
        graph, literal = row["g"].value, row["d"]
        if not graph.startswith(prefix):
            continue
        kind = literal.datatype.value.rpartition("#")[2]
        interval = _interval(literal.value, kind)
        if interval is None:
            continue
        start, end = interval
        for key in (graph, None):
            known = found.get(key)
            found[key] = Period(start=min(known.start, start) if known else start,
                                end=max(known.end, end) if known else end)
    return found


def extents(build: Build) -> dict[str | None, Extent]:
    """Per document graph, and for the whole registry (key None), the box around its placed poles
    (registry.geojson: a pole at its commune, département or région); for a document that places
    no pole, the box around the départements of the places it names (the map's base layer)."""
    prefix = build.base_uri + "graph/document/"
    points = {feature["id"]: feature["geometry"]["coordinates"] for feature in placed_poles()
              if feature.get("geometry", {}).get("type") == "Point"}
    by_graph: dict[str | None, list] = {None: list(points.values())} if points else {}
    for row in build.store.query(PROLOGUE + "SELECT DISTINCT ?g ?pole WHERE { GRAPH ?g { ?pole a ?type } }"):
        graph, pole = row["g"].value, row["pole"].value
        if graph.startswith(prefix) and pole in points:
            by_graph.setdefault(graph, []).append(points[pole])
    placed = {graph: Extent.around(points_of, "poles") for graph, points_of in by_graph.items()}
    # a box of one point (one pole, or poles at one place) says little: the départements say more
    found = {graph: extent for graph, extent in placed.items()
             if graph is None or (extent.west < extent.east and extent.south < extent.north)}
    if all(document["graph"] in found for document in _documents(build)):
        return found
    departements = _departement_outlines(build)
    outlines: dict[str, list] = {}
    for row in build.store.query(PROLOGUE + """SELECT DISTINCT ?g ?code WHERE { GRAPH ?g { ?s ?p ?place }
            ?place igeo:subdivisionDe* ?departement . ?departement a igeo:Departement ; igeo:codeINSEE ?code }"""):
        graph, code = row["g"].value, row["code"].value
        if graph.startswith(prefix) and graph not in found and code in departements:
            outlines.setdefault(graph, []).extend(departements[code])
    return placed | {graph: Extent.around(points_of, "departements") for graph, points_of in outlines.items()}


def _departement_outlines(build: Build) -> dict[str, list]:
    """The points of each département's outline, by INSEE code, from the build's base layer."""
    path = build.directory / BASE_LAYER
    if not path.is_file():
        return {}
    outlines: dict[str, list] = {}
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry = feature.get("geometry") or {}
        polygons = {"Polygon": [geometry.get("coordinates")], "MultiPolygon": geometry.get("coordinates")}.get(
            geometry.get("type"), [])
        outlines[str(feature["properties"].get("code"))] = [point for polygon in polygons for ring in polygon
                                                            for point in ring]
    return outlines


def _dump(base: str, dump: dict) -> dict:
    """A dump as the catalogue describes it: URL, format (of the content, when compressed) and graph."""
    path = dump["path"]
    stem, _, extension = path.rpartition(".")
    compressed = by_extension(extension, FILE_FORMATS) is GZIP
    fmt = by_extension(stem.rpartition(".")[2], FILE_FORMATS) if compressed else by_extension(extension, FILE_FORMATS)
    return {**dump, "url": base + url_for("dumps.dump", path=path).lstrip("/"), "format": fmt,
            "compress_format": GZIP if compressed else None}


def statistics(build: Build) -> Statistics:
    """Counts over the registry: the store's default graph, the public graphs merged (each triple once)."""
    store = build.store
    base = build.base_uri

    def count(where: str) -> int:
        return int(next(iter(store.query(PROLOGUE + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")))["n"].value)

    def counts(select: str) -> list[tuple[str, int]]:
        return sorted((row["x"].value, int(row["n"].value)) for row in store.query(PROLOGUE + select))

    return Statistics(
        triples=count("?s ?p ?o"),
        entities=count(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{base}id/")) }}'),
        distinct_subjects=count("SELECT DISTINCT ?s WHERE { ?s ?p ?o }"),
        distinct_objects=count("SELECT DISTINCT ?o WHERE { ?s ?p ?o }"),
        classes=counts("SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?x } GROUP BY ?x"),
        properties=counts("SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?x ?o } GROUP BY ?x"),
        graphs=counts("SELECT ?x (COUNT(*) AS ?n) WHERE { GRAPH ?x { ?s ?p ?o } } GROUP BY ?x"),
        insee_links=count('?s owl:sameAs ?o FILTER(STRSTARTS(STR(?o), "http://id.insee.fr/")'
                          ' || STRSTARTS(STR(?o), "http://rdf.insee.fr/"))'),
        sirene_links=count("?s rov:registration ?o . ?o dcterms:type ?t FILTER(?t IN (idtype:siren, idtype:siret))"),
        example=next((row["pole"].value for row in store.query(
            PROLOGUE + "SELECT ?pole WHERE { ?pole a ess:PTCE } ORDER BY ?pole LIMIT 1")), None),
    )
