"""Wikidata items of the registry's communes and organisations: `essreg enrich-wikidata` asks
Wikidata's SPARQL endpoint and writes data/links/wikidata.tsv; `WikidataLinker` reads it at build
time and adds `owl:sameAs` to the items.

Wikidata states a commune's INSEE code with P374 ("INSEE municipality code") and a company's
SIREN with P1616 ("SIREN number"), both plain strings, read through the truthy `wdt:` properties
(best-ranked statements only: a deprecated code is not read). Several items may share a code (a
commune and its former or delegated communes); a commune is therefore looked for among the items
that are an instance of (P31) "commune of France" (Q484170), and a code with two such items, or a
SIREN with two items, gives no row: nothing is guessed.
"""
from __future__ import annotations

import re

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from ..errors import Diagnostic
from ..ids import Uris
from .enrichment import LINKS_DIR, Cache, batches, literal_values, select
from .insee_uris import with_parents

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
ENTITY = "http://www.wikidata.org/entity/"
_CODES = {"commune": r"\d[\dAB]\d{3}", "organisation": r"\d{9}"}  # INSEE commune code, SIREN


def _row_problem(row: dict[str, str]) -> str | None:
    """What is wrong with a row of the cache, or None (the rows `resolve` writes pass)."""
    if row["type"] not in _CODES:
        return f"type {row['type']!r} is not commune or organisation"
    if not re.fullmatch(_CODES[row["type"]], row["code"]):
        return f"code {row['code']!r} is not " + ("an INSEE commune code" if row["type"] == "commune" else "a SIREN")
    if not re.fullmatch(re.escape(ENTITY) + r"Q[1-9]\d*", row["item"]):
        return f"item {row['item']!r} is not a Wikidata item IRI ({ENTITY}Q...)"
    return None


CACHE = Cache(LINKS_DIR / "wikidata.tsv", ("type", "code", "item"), (_row_problem,))

_COMMUNES = """PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?code ?item WHERE {
  VALUES ?code { %s }
  ?item wdt:P374 ?code ; wdt:P31 wd:Q484170 .
}"""

_ORGANISATIONS = """PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?code ?item WHERE {
  VALUES ?code { %s }
  ?item wdt:P1616 ?code .
}"""


@dataclass
class Resolution:
    rows: list[dict[str, str]] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)


def _items(endpoint: str, query: str, codes: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for batch in batches(codes):
        for row in select(endpoint, query % literal_values(batch)):
            if row["item"].startswith(ENTITY):
                found[row["code"]].add(row["item"])
    return found


def resolve(endpoint: str, communes: list[str], sirens: list[str]) -> Resolution:
    result = Resolution()
    for kind, query, codes in (("commune", _COMMUNES, communes), ("organisation", _ORGANISATIONS, sirens)):
        found = _items(endpoint, query, sorted(set(codes))) if codes else {}
        for code in sorted(set(codes)):
            items = found.get(code, set())
            if len(items) == 1:
                result.rows.append({"type": kind, "code": code, "item": next(iter(items))})
            else:
                result.unresolved.append(f"{kind} {code}: " + (f"{len(items)} items ({', '.join(sorted(items))}); none chosen"
                                                              if items else "no item on Wikidata"))
    return result


def write_cache(resolution: Resolution, endpoint: str, day: str, cache: Cache = CACHE) -> None:
    cache.write(resolution.rows, [
        "Wikidata items of the registry's communes (P374, INSEE code) and organisations (P1616, SIREN),",
        f"written by `essreg enrich-wikidata` from {endpoint} on {day}. Do not edit.",
    ])


class WikidataLinker:
    """owl:sameAs Wikidata items, from the committed cache (data/links/wikidata.tsv)."""

    NAME = "Wikidata"

    def __init__(self, cache: Cache = CACHE):
        self.cache = cache

    def annotate(self, documents) -> list[Diagnostic]:
        return []

    def reference(self, uris: Uris, referred) -> Graph:
        items = {(row["type"], row["code"]): URIRef(row["item"]) for row in self.cache.read()}
        graph = Graph()
        for place in with_parents(referred.places):
            if place.kind == "commune" and ("commune", place.code) in items:
                graph.add((uris.place(place.kind, place.code), OWL.sameAs, items[("commune", place.code)]))
        for siren, organisations in referred.sirens.items():
            if ("organisation", siren) in items:
                for organisation in organisations:
                    graph.add((organisation, OWL.sameAs, items[("organisation", siren)]))
        return graph
