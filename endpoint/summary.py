"""Poles and organisations of a build, read from the store once and kept in memory.

The home page, the browse lists, the organisation index and the search index all read this
summary rather than querying per request: it is computed once per build (`Build.cached`, so a
rebuild is summarised anew) with a few whole-registry queries.
"""
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from .build import current_build
from .i18n import data_languages
from .store import Store
from .vocabulary import DCTERMS, ESS, IGEO, ORG, PROLOGUE, ROV, SKOS

LOCN_ADDRESS = NamedNode("http://www.w3.org/ns/locn#address")


@dataclass
class Entry:
    """A pole or an organisation, with the IRIs it is browsed by."""
    iri: str
    is_pole: bool
    labels: dict[str, str] = field(default_factory=dict)  # language tag -> label
    alt_names: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    legal_form_texts: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # ess:Pole, ess:PTCE
    typology: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    legal_forms: set[str] = field(default_factory=set)
    structure_types: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)  # dcterms:spatial, ess:region, the address's commune
    communes: set[str] = field(default_factory=set)
    departements: set[str] = field(default_factory=set)
    collectivites: set[str] = field(default_factory=set)  # collectivités d'outre-mer
    regions: set[str] = field(default_factory=set)
    poles: set[str] = field(default_factory=set)  # an organisation's poles, whatever its role


class Summary:
    POLE = ESS.Pole.value  # every pole is one: lists say PTCE or the typology instead

    def __init__(self, store: Store):
        self._memo: dict = {}
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        for row in store.query(PROLOGUE + "SELECT ?s ?l WHERE { { ?s skos:prefLabel ?l } UNION { ?s igeo:nom ?l } }"):
            if isinstance(row["s"], NamedNode):
                self.labels[row["s"].value].setdefault(row["l"].language or "", row["l"].value)
        self.codes = {row["s"].value: row["c"].value
                      for row in store.query(PROLOGUE + "SELECT ?s ?c WHERE { ?s igeo:codeINSEE ?c }")}
        self.parents: dict[str, set[str]] = defaultdict(set)
        for row in store.query(PROLOGUE + "SELECT ?s ?o WHERE { ?s igeo:subdivisionDe ?o }"):
            self.parents[row["s"].value].add(row["o"].value)
        self.types: dict[str, set[str]] = defaultdict(set)
        for row in store.query(PROLOGUE + "SELECT ?s ?t WHERE { VALUES ?t { igeo:Commune igeo:Departement"
                                          " igeo:CollectiviteDOutreMer igeo:Region ess:FormerRegion ess:SourceDocument } ?s a ?t }"):
            self.types[row["s"].value].add(row["t"].value)
        self.entries = self._entries(store)
        self.poles = sorted((e for e in self.entries.values() if e.is_pole), key=self.order)
        self.organisations = sorted((e for e in self.entries.values() if not e.is_pole), key=self.order)

    def _entries(self, store: Store) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        for row in store.query(PROLOGUE + "SELECT DISTINCT ?s ?pole WHERE { { ?s a org:Organization }"
                                          " OPTIONAL { VALUES ?pole { ess:Pole ess:PTCE } ?s a ?pole } }"):
            if isinstance(row["s"], NamedNode):
                entry = entries.setdefault(row["s"].value, Entry(row["s"].value, False))
                if row["pole"] is not None:
                    entry.is_pole = True
                    entry.kinds.add(row["pole"].value)
        sets = {SKOS.altLabel: "alt_names", DCTERMS.description: "descriptions", ESS.legalFormText: "legal_form_texts",
                ESS.typology: "typology", DCTERMS.subject: "themes", ROV.orgType: "legal_forms",
                ORG.classification: "structure_types", DCTERMS.spatial: "places", ESS.region: "places"}
        addresses = {}
        for row in store.query(PROLOGUE + "SELECT ?s ?p ?o WHERE { ?s a org:Organization ; ?p ?o VALUES ?p {"
                               + " ".join(str(p) for p in sets) + f" {LOCN_ADDRESS} }} }}"):
            entry, value = entries.get(row["s"].value), row["o"]
            if entry is None:
                continue
            if row["p"] == LOCN_ADDRESS:
                addresses.setdefault(value.value, []).append(entry)
                continue
            bucket = getattr(entry, sets[row["p"]])
            text = value.value
            if isinstance(bucket, set):
                bucket.add(text)
            elif text not in bucket:
                bucket.append(text)
        address_communes = defaultdict(set)
        for row in store.query(PROLOGUE + "SELECT ?a ?c WHERE { ?a ess:commune ?c }"):
            for entry in addresses.get(row["a"].value, ()):
                address_communes[entry.iri].add(row["c"].value)
        for row in store.query(PROLOGUE + "SELECT DISTINCT ?org ?pole WHERE { ?m org:member ?org ; org:organization ?pole }"):
            if row["org"].value in entries:
                entries[row["org"].value].poles.add(row["pole"].value)
        for entry in entries.values():
            entry.labels = self.labels.get(entry.iri, {})
            if not entry.places:  # a contact address is often elsewhere (a regional office): a last resort
                entry.places = address_communes.get(entry.iri, set())
            self._locate(entry)
        return entries

    def _locate(self, entry: Entry) -> None:
        """Communes, départements, collectivités d'outre-mer and régions of an entry, however its places are linked."""
        seen, todo = set(), list(entry.places)
        while todo:
            place = todo.pop()
            if place not in seen:
                seen.add(place)
                todo.extend(self.parents.get(place, ()))
        for place in seen:
            types = self.types.get(place, ())
            if IGEO.Commune.value in types:
                entry.communes.add(place)
            if IGEO.Departement.value in types:
                entry.departements.add(place)
            if IGEO.CollectiviteDOutreMer.value in types:
                entry.collectivites.add(place)
            if IGEO.Region.value in types and ESS.FormerRegion.value not in types:
                entry.regions.add(place)
        if not entry.regions:  # only a former région's header: better than nothing
            entry.regions = {p for p in seen if ESS.FormerRegion.value in self.types.get(p, ())}

    def label(self, iri: str) -> str:
        labels = self.labels.get(iri, {})
        for language in data_languages():
            if language in labels:
                return labels[language]
        return next(iter(labels.values()), None) or iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

    def labels_of(self, iris) -> list[str]:
        """The labels of `iris`, each once, in alphabetical order."""
        return sorted({self.label(iri) for iri in iris}, key=sort_key)

    def order(self, entry_or_iri) -> tuple[str, str]:
        iri = entry_or_iri.iri if isinstance(entry_or_iri, Entry) else entry_or_iri
        return sort_key(self.label(iri)), iri

    def memo(self, key, compute):
        """`compute()` once per key for this build (what every home page shows would otherwise be
        sorted again on each request: 0.1 s at 100×). Two threads may both compute it: same result."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def count_of_type(self, type_iri: NamedNode) -> int:
        return sum(1 for types in self.types.values() if type_iri.value in types)


def sort_key(text: str) -> str:
    import unicodedata
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def summary() -> Summary:
    build = current_build()
    return build.cached("summary", lambda: Summary(build.store))
