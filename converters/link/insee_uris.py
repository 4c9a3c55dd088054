"""INSEE's own URIs for the registry's places: `essreg enrich-insee` asks INSEE's SPARQL endpoint
(rdf.insee.fr) and writes data/links/insee-uris.tsv; `InseeUriLinker` reads that file at build
time and adds `owl:sameAs` to the reference graph.

INSEE's geography (the graph http://rdf.insee.fr/graphes/geo/cog) gives every version of a
territory a UUID-based URI (http://id.insee.fr/geo/commune/<uuid>) with `igeo:codeINSEE`; an
event (`igeo:creation`/`igeo:suppression` to the versions it creates and ends, `igeo:date`) dates
each version. This is how INSEE's own API (InseeFr/Metadata-API, request/geographie/*.ftlh) finds
a commune by code and date, and follows a code to its successor:
`?origin (^igeo:suppression/igeo:creation)+ ?next`. We do the same:

- a code whose version valid on the date is found: `current`, its URI;
- a code with no version valid on the date (a commune merged into a commune nouvelle): its last
  version is recorded as `former`, with the current version its events lead to (`successor`);
- the former codes our geography knows for a commune (`anciens_codes`, data/reference/geo/) are
  asked too, so that the commune nouvelle records the communes it replaced;
- no answer, or several candidates: no row (nothing is guessed), and the command says so.

In the build, a place gets `owl:sameAs` its current URI; a place whose code INSEE says was
merged gets `owl:sameAs` its former URI and `dcterms:isReplacedBy` the successor's INSEE URI; a
commune gets `dcterms:replaces` the INSEE URIs of the former communes merged into it.
"""
from __future__ import annotations

import csv
import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL

from ..errors import Diagnostic
from ..ids import Uris
from ..paths import REFERENCE_DIR
from .enrichment import LINKS_DIR, Cache, batches, is_iri, literal_values, select
from .geography import get_geography

DEFAULT_ENDPOINT = "http://rdf.insee.fr/sparql"
COG_GRAPH = "http://rdf.insee.fr/graphes/geo/cog"
INSEE_CLASSES = {  # cache type -> INSEE class
    "commune": "Commune",
    "arrondissement": "ArrondissementMunicipal",
    "departement": "Departement",
    "collectivite": "CollectiviteDOutreMer",
    "region": "Region",
    "intercommunalite": "Intercommunalite",
}
KIND_TO_TYPE = {"commune": "commune", "arrondissement": "arrondissement", "departement": "departement",
                "collectivite": "collectivite", "region": "region", "epci": "intercommunalite",
                "ept": "intercommunalite"}


def _row_problem(row: dict[str, str]) -> str | None:
    """What is wrong with a row of the cache, or None (the rows `resolve` writes pass)."""
    if row["type"] not in INSEE_CLASSES:
        return f"type {row['type']!r} is not one of {', '.join(INSEE_CLASSES)}"
    if not row["code"].isalnum():
        return f"code {row['code']!r} is not an INSEE code"
    if not is_iri(row["uri"]):
        return f"uri {row['uri']!r} is not an absolute http(s) IRI"
    if row["valid_from"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["valid_from"]):  # empty: no creation event known
        return f"valid_from {row['valid_from']!r} is not a date (YYYY-MM-DD)"
    if row["status"] not in ("current", "former"):
        return f"status {row['status']!r} is not current or former"
    if (row["status"] == "former") != bool(row["successor"]):
        return "a former version needs its successor's IRI, a current one has none"
    if row["successor"] and not is_iri(row["successor"]):
        return f"successor {row['successor']!r} is not an absolute http(s) IRI"
    return None


CACHE = Cache(LINKS_DIR / "insee-uris.tsv", ("type", "code", "uri", "valid_from", "status", "successor"), (_row_problem,))

_VERSIONS = """PREFIX igeo: <http://rdf.insee.fr/def/geo#>
SELECT ?code ?uri ?created ?suppressed
FROM <%(graph)s>
WHERE {
  VALUES ?code { %(codes)s }
  ?uri a igeo:%(cls)s ; igeo:codeINSEE ?code .
  OPTIONAL { ?creation igeo:creation ?uri ; igeo:date ?created }
  OPTIONAL { ?suppression igeo:suppression ?uri ; igeo:date ?suppressed }
}"""

_SUCCESSORS = """PREFIX igeo: <http://rdf.insee.fr/def/geo#>
SELECT ?origin ?uri ?code ?created ?suppressed
FROM <%(graph)s>
WHERE {
  VALUES ?origin { %(uris)s }
  ?origin (^igeo:suppression/igeo:creation)+ ?uri .
  ?uri a igeo:%(cls)s ; igeo:codeINSEE ?code .
  OPTIONAL { ?creation igeo:creation ?uri ; igeo:date ?created }
  OPTIONAL { ?suppression igeo:suppression ?uri ; igeo:date ?suppressed }
}"""


@dataclass(frozen=True)
class Version:
    uri: str
    code: str
    created: str  # xsd:date, "" when INSEE gives none (existing since before its history)
    suppressed: str

    def valid_on(self, day: str) -> bool:
        return (not self.created or self.created[:10] <= day) and (not self.suppressed or self.suppressed[:10] > day)


@dataclass
class Resolution:
    rows: list[dict[str, str]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # "commune 12345: why"


def _versions(endpoint: str, cls: str, codes: list[str]) -> dict[str, list[Version]]:
    found: dict[str, dict[str, Version]] = defaultdict(dict)
    for batch in batches(codes):
        for row in select(endpoint, _VERSIONS % {"graph": COG_GRAPH, "codes": literal_values(batch), "cls": cls}):
            found[row["code"]][row["uri"]] = Version(row["uri"], row["code"], row.get("created", ""),
                                                     row.get("suppressed", ""))
    return {code: list(versions.values()) for code, versions in found.items()}


def _successors(endpoint: str, cls: str, origins: list[str], day: str) -> dict[str, list[Version]]:
    """For each suppressed version, the versions valid on `day` its events lead to."""
    found: dict[str, dict[str, Version]] = defaultdict(dict)
    for batch in batches(origins, 50):
        uris = " ".join(f"<{uri}>" for uri in batch if ">" not in uri and " " not in uri)
        for row in select(endpoint, _SUCCESSORS % {"graph": COG_GRAPH, "uris": uris, "cls": cls}):
            version = Version(row["uri"], row["code"], row.get("created", ""), row.get("suppressed", ""))
            if version.valid_on(day):
                found[row["origin"]][version.uri] = version
    return {origin: list(versions.values()) for origin, versions in found.items()}


def _last(versions: list[Version]) -> Version:
    return max(versions, key=lambda v: (v.suppressed or "9999", v.created))


def resolve(endpoint: str, places: list[tuple[str, str]], former_codes: dict[str, list[str]] | None = None,
            day: str | None = None) -> Resolution:
    """The INSEE URIs of `places` ((cache type, code)) on `day` (today by default), and of the
    former communes of `former_codes` (commune code -> codes merged into it)."""
    day = day or datetime.date.today().isoformat()
    result = Resolution()
    wanted: dict[str, set[str]] = defaultdict(set)
    for kind, code in places:
        wanted[kind].add(code)
    formers = {old: new for new, olds in (former_codes or {}).items() for old in olds}
    wanted["commune"] |= set(formers)
    for kind in sorted(wanted):
        cls = INSEE_CLASSES[kind]
        versions = _versions(endpoint, cls, sorted(wanted[kind]))
        ended: dict[str, Version] = {}
        for code in sorted(wanted[kind]):
            known = versions.get(code, [])
            valid = [v for v in known if v.valid_on(day)]
            if len(valid) == 1:
                result.rows.append({"type": kind, "code": code, "uri": valid[0].uri, "valid_from": valid[0].created[:10],
                                    "status": "current", "successor": ""})
            elif len(valid) > 1:
                result.unresolved.append(f"{kind} {code}: {len(valid)} versions valid on {day}; none chosen")
            elif not known:
                result.unresolved.append(f"{kind} {code}: INSEE has no {cls} with this code")
            else:
                ended[code] = _last(known)
        following = _successors(endpoint, cls, sorted(v.uri for v in ended.values()), day) if ended else {}
        for code, version in sorted(ended.items()):
            successors = following.get(version.uri, [])
            expected = formers.get(code)
            if expected:  # a former code of our geography: it must lead to the commune it was merged into
                successors = [s for s in successors if s.code == expected]
            if len(successors) != 1:
                result.unresolved.append(
                    f"{kind} {code}: suppressed on {version.suppressed[:10]}, and its events lead to "
                    f"{len(successors)} current {cls}" + (f" with code {expected}" if expected else "") + "; none chosen")
                continue
            result.rows.append({"type": kind, "code": code, "uri": version.uri, "valid_from": version.created[:10],
                                "status": "former", "successor": successors[0].uri})
    return result


def write_cache(resolution: Resolution, endpoint: str, day: str, cache: Cache = CACHE) -> None:
    cache.write(resolution.rows, [
        f"INSEE URIs of the registry's places, written by `essreg enrich-insee` from {endpoint} on {day}.",
        "status current: the version of the code valid on that day; former: a suppressed version, its",
        "successor the current version its igeo:suppression/igeo:creation events lead to. Do not edit.",
    ])


def with_parents(places) -> list:
    """The places and their parents up to the région, each once (what the reference graph
    describes: converters.link.insee_geography)."""
    geo = get_geography()
    todo, done, out = list(places), set(), []
    while todo:
        place = todo.pop()
        if (place.kind, place.code) in done:
            continue
        done.add((place.kind, place.code))
        out.append(place)
        todo.extend(parent for parent in (geo.get(kind, code) for kind, code in place.parents) if parent is not None)
    return out


def former_codes(communes: list[str]) -> dict[str, list[str]]:
    """Commune code -> the codes of the communes merged into it (our geography's anciens_codes)."""
    wanted = set(communes)
    with (REFERENCE_DIR / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["anciens_codes"].split() for row in csv.DictReader(handle)
                if row["type"] == "commune" and row["code"] in wanted and row["anciens_codes"].strip()}


class InseeUriLinker:
    """owl:sameAs INSEE's URIs, from the committed cache (data/links/insee-uris.tsv)."""

    NAME = "INSEE URIs"

    def __init__(self, cache: Cache = CACHE):
        self.cache = cache

    def annotate(self, documents) -> list[Diagnostic]:
        return []

    def reference(self, uris: Uris, referred) -> Graph:
        rows = self.cache.read()
        by_key = {(row["type"], row["code"]): row for row in rows}
        replaced_by = defaultdict(list)  # INSEE URI of a current version -> former versions leading to it
        for row in rows:
            if row["status"] == "former":
                replaced_by[row["successor"]].append(row["uri"])
        graph = Graph()
        for place in with_parents(referred.places):
            kind = KIND_TO_TYPE.get(place.kind)
            row = by_key.get((kind, place.code))
            if row is None:
                continue
            uri = uris.place(place.kind, place.code)
            graph.add((uri, OWL.sameAs, URIRef(row["uri"])))
            if row["status"] == "former":
                graph.add((uri, DCTERMS.isReplacedBy, URIRef(row["successor"])))
            else:
                for former in replaced_by.get(row["uri"], []):
                    graph.add((uri, DCTERMS.replaces, URIRef(former)))
        return graph
