"""The server's settings: one table for the defaults, `create_app`, the CLI and the docs."""
from typing import Any, NamedTuple


class Setting(NamedTuple):
    name: str
    default: Any
    help: str


SETTINGS = (
    Setting("DATA_DIR", "data/build",
            "Build directory written by `essreg build` (its `current` build is served and followed"
            " when a rebuild replaces it), or one build's own directory."),
    Setting("BASE_URI", None,
            "Base of the data URIs; by default the base_uri recorded in the build's build-info.json."),
    Setting("SPARQL_BACKEND", None,
            "URL of a SPARQL 1.1 endpoint to answer queries instead of the build's embedded store"
            " (Virtuoso, Fuseki, an Oxigraph server... holding the public graphs only)."),
    Setting("QUERY_TIMEOUT", 30,
            "Seconds a public SPARQL query may run; past it the query's process is killed (503)."),
    Setting("MAX_QUERY_MEMORY", 1_000_000_000,
            "Bytes of memory a public SPARQL query may use; past it the query's process is killed (503)."),
    Setting("QUERY_PROCESSES", 8,
            "Public SPARQL queries evaluated at once, each in a process of its own."),
    Setting("LONG_QUERIES", 2,
            "Of those, how many may run past their first second (at a lower CPU priority); a query"
            " reaching one second when that many already run is stopped with 503 and Retry-After."),
    Setting("QUERY_STORE_IN_MEMORY_MAX_TRIPLES", 250_000,
            "Largest build (its triples, as build-info.json counts them) whose store the query processes"
            " answer from an in-memory copy, 2-5 times faster than from the store on disk. The copy takes"
            " about 650 bytes a triple, made once per web worker and inherited by its query processes;"
            " Oxigraph writes to the pages a query reads, so each query process may come to hold a copy"
            " of its own: budget QUERY_PROCESSES copies. A larger build is queried on disk; 0: never."),
    Setting("QUERY_QUEUE", 16,
            "Queries that may wait for a free process (5 s at most); beyond, 503 and Retry-After."),
    Setting("MAX_QUERY_NESTING", 128,
            "Deepest nesting of a public SPARQL query (brackets, braces, unary operators); deeper: 400."),
    Setting("MAX_QUERY_OPERATORS", 10_000,
            "Most operators and group elements in a public SPARQL query (UNION, OPTIONAL, path"
            " alternatives, &&...); more: 400."),
    Setting("MAX_ROWS", 10_000,
            "Most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) a public SPARQL query may return;"
            " also the most statements a page lists."),
    Setting("MAX_REQUEST_BYTES", 1_000_000,
            "Largest request accepted: the body of a POST and the query string of a GET."),
    Setting("ALLOWED_SERVICES", (),
            "SPARQL endpoints a query may call with SERVICE (exact IRIs, separated by spaces or commas);"
            " `public` stands for INSEE's, Wikidata's and data.europa.eu's; every other SERVICE is refused."),
    Setting("SERVICE_TIMEOUT", 10,
            "Seconds each SERVICE call may take; past it the query answers 504 (SERVICE SILENT: no rows from it);"
            " 0: no limit of its own (QUERY_TIMEOUT still holds)."),
    Setting("CACHE_BYTES", 64_000_000,
            "Bytes of answers (pages, documents, SPARQL results...) each server process keeps in memory"
            " for the current build, least recently used out first; 0 keeps none."),
    Setting("THREADS", 32,
            "Threads answering requests (pages, dumps, and queries waiting for their process); requests"
            " are read whole before a thread takes them, so slow clients hold none."),
    Setting("MAX_CONNECTIONS", 1000,
            "Connections the server keeps open at once (slow clients included)."),
    Setting("TRUSTED_PROXY", None,
            "Address of the reverse proxy in front (e.g. 127.0.0.1), whose X-Forwarded-Proto, -Host and -For"
            " headers are then believed; unset, they are ignored."),
    # Who publishes the catalogue (/catalog): never guessed; each one missing is said at start
    # and left out of the catalogue (dataset_description.publisher_settings).
    Setting("PUBLISHER_NAME", None,
            "Name of the organisation that publishes the registry (dct:publisher of the DCAT catalogue)."),
    Setting("PUBLISHER_URI", None,
            "URI of that organisation (its own URI, e.g. https://entreprise.data.gouv.fr/... or its website)."),
    Setting("PUBLISHER_TYPE", None,
            "Kind of publisher, a term of the ADMS publisher types (NonProfitOrganisation, LocalAuthority,"
            " NationalAuthority, Academia-ScientificOrganisation, Company...)."),
    Setting("CONTACT_EMAIL", None,
            "E-mail address harvesters and users write to about the data (a service's address, not a"
            " person's: it is published)."),
    Setting("CATALOG_ISSUED", None,
            "Date the catalogue was first published (YYYY-MM-DD), its dct:issued."),
)

DEFAULTS = {setting.name: setting.default for setting in SETTINGS}


def with_trailing_slash(base_uri: str) -> str:
    return base_uri if base_uri.endswith("/") else base_uri + "/"
