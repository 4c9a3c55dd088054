"""Every format the server speaks (one table) and the one function that picks one for a request."""
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from flask import request
from pyoxigraph import QueryResultsFormat, RdfFormat
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from .errors import not_acceptable


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str
    extension: str
    aliases: tuple[str, ...] = ()  # other media types clients send for it
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None
    w3c: str | None = None  # its name under http://www.w3.org/ns/formats/
    eu_file_type: str | None = None  # its name in the EU's file-type table, for DCAT-AP

    @property
    def eu_iri(self) -> str:
        return f"http://publications.europa.eu/resource/authority/file-type/{self.eu_file_type}"

    @property
    def iri(self) -> str:
        return f"http://www.w3.org/ns/formats/{self.w3c}"

    @property
    def offer(self) -> str:
        return f"{self.media_type} (.{self.extension})"


HTML = Format("html", "text/html", "html", ("application/xhtml+xml",))
TURTLE = Format("turtle", "text/turtle", "ttl", ("application/x-turtle",), rdf=RdfFormat.TURTLE, w3c="Turtle",
                eu_file_type="RDF_TURTLE")
JSON_LD = Format("jsonld", "application/ld+json", "jsonld", rdf=RdfFormat.JSON_LD, w3c="JSON-LD",
                 eu_file_type="JSON_LD")
RDF_XML = Format("rdfxml", "application/rdf+xml", "rdf", ("application/xml", "text/xml"), rdf=RdfFormat.RDF_XML,
                 w3c="RDF_XML", eu_file_type="RDF_XML")
N_TRIPLES = Format("ntriples", "application/n-triples", "nt", ("text/plain",), rdf=RdfFormat.N_TRIPLES,
                   w3c="N-Triples", eu_file_type="RDF_N_TRIPLES")
TRIG = Format("trig", "application/trig", "trig", rdf=RdfFormat.TRIG, w3c="TriG", eu_file_type="RDF_TRIG")
GZIP = Format("gzip", "application/gzip", "gz", eu_file_type="GZIP")
GEOJSON = Format("geojson", "application/geo+json", "geojson", eu_file_type="GEOJSON")
RESULTS_JSON = Format("json", "application/sparql-results+json", "srj", ("application/json",),
                      results=QueryResultsFormat.JSON, w3c="SPARQL_Results_JSON")
RESULTS_XML = Format("xml", "application/sparql-results+xml", "srx", ("application/xml", "text/xml"),
                     results=QueryResultsFormat.XML, w3c="SPARQL_Results_XML")
RESULTS_CSV = Format("csv", "text/csv", "csv", results=QueryResultsFormat.CSV, w3c="SPARQL_Results_CSV")
RESULTS_TSV = Format("tsv", "text/tab-separated-values", "tsv", results=QueryResultsFormat.TSV,
                     w3c="SPARQL_Results_TSV")

RDF_FORMATS = (TURTLE, JSON_LD, RDF_XML, N_TRIPLES)
DOCUMENT_FORMATS = (HTML, *RDF_FORMATS)
RESULTS_FORMATS = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)
FILE_FORMATS = (TURTLE, TRIG, N_TRIPLES, JSON_LD, RDF_XML, GZIP, GEOJSON)  # the dumps, by extension
FORMATS_BY_NAME = {fmt.name: fmt for fmt in (*RDF_FORMATS, *RESULTS_FORMATS)}


def negotiate(offered: Sequence[Format]) -> Format:
    """The format of `offered` the request asks for.

    ?format= (a name, an extension or a media type) decides first; then the Accept header, with
    q-values, wildcards and specificity (werkzeug's parser), ties going to the order of `offered`;
    without either, the first format. Nothing acceptable: 406 listing what is on offer.
    """
    wanted = request.values.get("format")
    if wanted:
        for candidate in offered:
            if wanted.lower() in (candidate.name, candidate.extension, candidate.media_type):
                return candidate
        raise not_acceptable(f"(none; format={wanted})", [candidate.offer for candidate in offered])
    header = request.headers.get("Accept", "")
    offers = tuple((candidate.media_type, candidate.aliases) for candidate in offered)
    chosen = _chosen(header, offers) if len(header) <= _REMEMBERED_ACCEPT else _choose(header, offers)
    if chosen is None:
        raise not_acceptable(header, [candidate.offer for candidate in offered])
    return offered[chosen]


_REMEMBERED_ACCEPT = 512  # characters: the Accept headers of real clients, whose choices are remembered


def _choose(header: str, offers: tuple[tuple[str, tuple[str, ...]], ...]) -> int | None:
    """The index of the offer (media type, aliases) the Accept header prefers; None: none fits."""
    accept = parse_accept_header(header, MIMEAccept)
    if not accept:
        return 0
    media_types = [media_type for media_type, _ in offers] + [alias for _, aliases in offers for alias in aliases]
    best = accept.best_match(media_types)
    if best is None:
        return None
    return next(index for index, (media_type, aliases) in enumerate(offers) if best in (media_type, *aliases))


# The same few Accept headers come again and again (each client sends its own on every request):
# their parse and match is done once (a bounded table; each entry a few hundred bytes at most).
_chosen = functools.lru_cache(maxsize=1024)(_choose)


def by_extension(extension: str, offered: Sequence[Format]) -> Format | None:
    return next((candidate for candidate in offered if candidate.extension == extension), None)
