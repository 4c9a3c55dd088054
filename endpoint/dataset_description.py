"""The registry described for machines: VoID at /.well-known/void (statistics, linksets, dumps,
endpoint) and a DCAT-AP catalogue at /catalog that data.gouv.fr's DCAT harvester reads.

Both describe the same dataset, `{base}catalog#dataset`, and are computed once per build.
data.gouv.fr's harvester picks the parser from the URL's extension or, failing that, from the
Content-Type of a HEAD: /catalog.ttl, .rdf, .jsonld and .nt name their format.
"""
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, url_for

from .build import Build, current_build
from .documents import render_rdf, rdf_response
from .errors import not_found
from .negotiation import FILE_FORMATS, GZIP, HTML, RDF_FORMATS, by_extension, negotiate
from .validators import cacheable
from .vocabulary import PREFIXES, PROLOGUE

bp = Blueprint("dataset_description", __name__)

LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
INSEE_GEOGRAPHY = "http://rdf.insee.fr/geo/"
SIRENE = "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"
VOCABULARIES = ("ess", "org", "rov", "adms", "igeo", "locn", "skos", "dcterms", "prov")


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
    return _described("catalog", lambda f: url_for("dataset_description.catalog_in_format", extension=f.extension))


def _described(name: str, url_of) -> object:
    """The description `name` (void, catalog) as RDF, or as a page linking to its RDF forms."""
    fmt = negotiate(DESCRIPTION_FORMATS)
    if fmt is HTML:
        links = [(f, url_of(f)) for f in RDF_FORMATS]
        response = cacheable(f"{name}-html", lambda: _page(f"{name}.title", links))
    else:
        response = cacheable(f"{name}-{fmt.extension}", lambda: rdf_response(_document(f"{name}.ttl"), fmt))
    response.vary.add("Accept")
    return response


def _page(title: str, links: list) -> str:
    """The dataset description for people: its figures, dumps and endpoint, and its RDF forms."""
    build = current_build()
    base = current_app.config["BASE_URI"]
    return render_template("pages/dataset.html", title=title, alternates=links, build=build, licence=LICENCE,
                           statistics=build.cached("statistics", lambda: statistics(build)),
                           dumps=[_dump(base, dump) for dump in build.dumps.values()],
                           endpoint=base + url_for("sparql.endpoint").lstrip("/"))


@bp.get("/catalog.<extension>")
def catalog_in_format(extension: str):
    fmt = by_extension(extension, RDF_FORMATS)
    if fmt is None:
        raise not_found(f"The catalogue is at /catalog.{{{','.join(f.extension for f in RDF_FORMATS)}}}.")
    return cacheable(f"catalog-{fmt.extension}", lambda: rdf_response(_document("catalog.ttl"), fmt))


def _document(template: str):
    build = current_build()
    return build.cached(template, lambda: _render(template, build))


def _render(template: str, build: Build):
    base = current_app.config["BASE_URI"]
    return render_rdf(
        template, base=base, build=build, statistics=build.cached("statistics", lambda: statistics(build)),
        dumps=[_dump(base, dump) for dump in build.dumps.values()], licence=LICENCE,
        vocabularies=[PREFIXES[prefix] for prefix in VOCABULARIES], insee=INSEE_GEOGRAPHY, sirene=SIRENE,
        endpoint=base + url_for("sparql.endpoint").lstrip("/"))


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
