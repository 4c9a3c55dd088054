"""The national backbone (issue 11): the ESS units of INSEE's Sirene stock files as organisations
of the registry, in their own named graph `{base}graph/sirene`, streamed and validated in chunks.

What is published, and how (docs/model.md, "Sirene backbone"):
- a unit whose `economieSocialeSolidaireUniteLegale` is "O" is an `org:Organization` at
  `{base}id/siren/{siren}`: the URI is built from the SIREN, which is stable and national, so it
  needs no row of the ids table; `skos:prefLabel` its denomination, `skos:altLabel` its sigle,
  `rov:registration` its SIREN (the same `{base}id/identifier/siren/{siren}` as a linked
  organisation's), `org:classification` its INSEE legal category (the insee-cj concept the
  registry publishes), `rov:orgType` the legal form that category is exactly, `rov:orgActivity`
  its NAF rév. 2 sub-class (INSEE's URI, http://id.insee.fr/codes/nafr2/sousClasse/88.99B),
  `ess:socialEconomyFlag` true, `dcterms:created` its year of creation;
- its active, diffusible establishments are `org:Site`s at `{base}id/siret/{siret}` (org:hasSite,
  org:hasPrimarySite for the head office), with their SIRET (`adms:identifier`), their commune
  (`ess:commune`) and address (`org:siteAddress`, a `locn:Address`);
- an organisation of the registry linked to a unit (its rov:registration has the SIREN) is
  `owl:sameAs` the unit.

Never published: units whose `statutDiffusionUniteLegale` is not "O", natural persons
(entrepreneurs individuels: category 1000 or a `nomUniteLegale`), closed units, establishments that
are not diffusible or closed, and SIREN/SIRET numbers python-stdnum finds invalid (reported with
their file and line).

Memory holds one chunk of units or establishments, the set of published SIRENs and the triples
of the geography used; each chunk is validated against the shapes with the triples it refers to
(the concepts, the communes and their parents, the source documents), then written to an
N-Triples file (`BackboneWriter.write`), while worker processes (`workers`) validate the chunks already written;
`converters.publish_extra_graph.add_graph` puts that file into a build.
"""
from __future__ import annotations

import gzip
import hashlib
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS, XSD
from stdnum.fr import siren as siren_check, siret as siret_check

from ..ids import Uris
from ..validation import Result, violations_of_ntriples
from ..vocab import ADMS, ESS, IDENTIFIER_TYPE, INSEE_CJ, LOCN, ORG, ROV
from .sirene import legal_form_of
from .sirene_stock import ESTABLISHMENT_COLUMNS, departement_of_commune, rows

GRAPH = "sirene"
NAF_SUBCLASS = "http://id.insee.fr/codes/nafr2/sousClasse/"
NAF_CODE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")
CHUNK_UNITS = 2000  # units (or establishments) validated at once: rudof is faster a triple on smaller graphs
UNIT_COLUMNS = ("siren", "statutDiffusionUniteLegale", "denominationUniteLegale", "categorieJuridiqueUniteLegale",
                "economieSocialeSolidaireUniteLegale")
ADDRESS_COLUMNS = ("numeroVoieEtablissement", "indiceRepetitionEtablissement", "typeVoieEtablissement",
                   "libelleVoieEtablissement")


@dataclass
class BackboneReport:
    """What an import read, published and left out (counts), and the problems, each "file:line: ..."."""
    units_read: int = 0
    units: int = 0
    establishments_read: int = 0
    establishments: int = 0
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> units or establishments
    invalid: list[str] = field(default_factory=list)  # invalid identifiers: reported, never published
    violations: list[Result] = field(default_factory=list)
    same_as: int = 0
    triples: int = 0
    chunks: int = 0

    def leave_out(self, reason: str) -> None:
        self.left_out[reason] = self.left_out.get(reason, 0) + 1

    def refuse(self, where: str, problem: str, reason: str) -> None:
        """A row left out for a fault of its own: reported with its file and line, and counted."""
        self.invalid.append(f"{where}: {problem}")
        self.leave_out(reason)

    @property
    def conforms(self) -> bool:
        return not self.violations


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _vocabularies() -> Graph:
    from ..insee_cj import build_insee_cj_graph
    from ..pipeline import ontology_graph

    graph = ontology_graph()
    graph += build_insee_cj_graph()
    return graph


class _Background:
    """The triples a chunk refers to and that the shapes look at (concepts, communes with their
    parents, source documents), so a chunk is validated as it would be in the whole registry."""

    def __init__(self, uris: Uris, documents: Graph):
        from .geography import get_geography

        self.uris, self.documents, self.geo = uris, documents, get_geography()
        self.concepts: dict[URIRef, list] = {}
        self.places: dict[str, tuple[str, ...] | None] = {}
        self.described: dict[tuple[str, str], tuple[list[str], list]] = {}  # place -> its lines, its parents

    def concept(self, uri: URIRef) -> list:
        if uri not in self.concepts:
            vocab = _vocabularies()
            found = list(vocab.triples((uri, None, None)))
            for target in [o for _, p, o in found if p in (SKOS.exactMatch, SKOS.broadMatch)]:
                found += list(vocab.triples((target, None, None)))
            self.concepts[uri] = found
        return self.concepts[uri]

    def commune(self, code: str) -> tuple[str, ...] | None:
        """The commune (or arrondissement) with its parents, as the reference graph describes
        them, in N-Triples lines (each place's lines made once, shared by the communes under it)."""
        if code not in self.places:
            place = self.geo.get("commune", code) or self.geo.get("arrondissement", code)
            self.places[code] = None if place is None else tuple(self._closure(place))
        return self.places[code]

    def _closure(self, place) -> list[str]:
        from .insee_geography import place_description

        lines, todo, done = [], [place], set()
        while todo:
            place = todo.pop()
            key = (place.kind, place.code)
            if key in done:
                continue
            done.add(key)
            if key not in self.described:
                triples, parents = place_description(self.uris, place)
                self.described[key] = ([_nt(t) for t in triples], parents)
            own, parents = self.described[key]
            lines += own
            todo += parents
        return lines


def _year(date: str) -> Literal | None:
    return Literal(date[:4], datatype=XSD.gYear) if re.match(r"^\d{4}-", date or "") else None


def _identifier(graph: Graph, uris: Uris, kind: str, number: str, known: set[str]) -> URIRef:
    identifier = uris.id("identifier", kind, number)
    if number not in known:  # the registry's documents already describe the identifiers they link
        graph.add((identifier, RDF.type, ADMS.Identifier))
        graph.add((identifier, SKOS.notation, Literal(number)))
        graph.add((identifier, DCTERMS.type, IDENTIFIER_TYPE[kind]))
        graph.add((identifier, ADMS.schemeAgency, Literal("INSEE")))
    return identifier


def _nt(triple) -> str:
    """One N-Triples line: literals escaped by rdflib's n3(); IRIs as they are, since rdflib
    checked them when the URIRef was made (and rudof parses every chunk strictly)."""
    return " ".join(f"<{t}>" if isinstance(t, URIRef) else t.n3() for t in triple) + " .\n"


class _Chunk:
    """The triples of a chunk as N-Triples lines, without duplicates: what the chunk is written and
    validated as. (An rdflib Graph, some 45 µs a triple added, was half of an import's time.)"""

    def __init__(self):
        self.lines: dict[str, None] = {}

    def add(self, triple) -> None:
        self.lines[_nt(triple)] = None

    def __iadd__(self, triples):
        for triple in triples:
            self.add(triple)
        return self

    def __len__(self) -> int:
        return len(self.lines)

    def ntriples(self) -> bytes:
        return "".join(self.lines).encode("utf-8")


class BackboneWriter:
    """Streams the backbone into an N-Triples file, chunk by chunk, each chunk validated."""

    def __init__(self, uris: Uris, units_path: Path, establishments_path: Path | None, out: Path,
                 departements: Iterable[str] = (), linked: dict[str, list[URIRef]] | None = None,
                 known_triples: set | None = None, known_identifiers: set[str] = frozenset(), chunk: int = CHUNK_UNITS,
                 workers: int = 1, progress: Callable[[str], None] | None = None):
        self.uris, self.units_path, self.establishments_path, self.out = uris, Path(units_path), establishments_path, out
        self.departements = set(departements)
        self.linked = linked or {}  # SIREN -> organisations of the registry that carry it
        self.known = {_nt(t) for t in known_triples or ()}  # N-Triples the build already has (its reference graph)
        # SIREN and SIRET numbers the build's documents already describe as identifiers
        self.known_identifiers = set(known_identifiers) | set(self.linked)
        self.chunk, self.say = chunk, progress or (lambda message: None)
        self.workers = max(1, workers)
        self.report = BackboneReport()
        self.published: set[str] = set()
        self.sites: set[str] = set()
        self.communes: set[str] = set()
        self.documents = Graph()
        self._describe_sources()
        self.background = _Background(uris, self.documents)

    def _describe_sources(self) -> None:
        for key, path in (("sirene-unites", self.units_path), ("sirene-etablissements", self.establishments_path)):
            if path is None:
                continue
            document = self.uris.document(key)
            g = self.documents
            g.add((document, RDF.type, ESS.SourceDocument))
            g.add((document, RDF.type, PROV.Entity))
            g.add((document, DCTERMS.title, Literal(f"Sirene stock file {Path(path).name}", lang="en")))
            g.add((document, ESS.fileName, Literal(Path(path).name)))
            g.add((document, ESS.sha256, Literal(file_sha256(Path(path)))))
            g.add((document, ESS.documentKind, Literal("sirene-stock")))
            g.add((document, DCTERMS.format, Literal("text/csv")))
            g.add((document, DCTERMS.issued, Literal(datetime.now(timezone.utc).date().isoformat(), datatype=XSD.date)))

    # --- the whole import ----------------------------------------------------------------------
    def write(self) -> BackboneReport:
        wanted = self._sirens_in_departements() if self.departements else None
        self._pending: list = []
        # spawned, not forked: rudof's threads (a process that validated before, as in tests) do not
        # survive a fork, and a forked worker then waits forever on one of their locks
        self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn")) \
            if self.workers > 1 else None
        try:
            with gzip.open(self.out, "wb", compresslevel=1) as sink:
                self._sink = sink
                self._units(wanted)
                if self.establishments_path is not None:
                    self._establishments()
                self._final()
                self._drain()
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
        return self.report

    def _sirens_in_departements(self) -> set[str]:
        if self.establishments_path is None:
            raise ValueError("--departement needs the establishments file (the units file has no commune)")
        found = set()
        for row in rows(self.establishments_path, ESTABLISHMENT_COLUMNS):
            if departement_of_commune((row.get("codeCommuneEtablissement") or "").strip()) in self.departements:
                found.add(row["siren"].strip())
        return found

    def _units(self, wanted: set[str] | None) -> None:
        graph, extra, count = _Chunk(), [], 0
        name = self.units_path
        reader = rows(name, UNIT_COLUMNS)
        for line, row in enumerate(reader, 2):
            self.report.units_read += 1
            siren = (row.get("siren") or "").strip()
            if (row.get("economieSocialeSolidaireUniteLegale") or "").strip() != "O":
                self.report.leave_out("not ESS")
                continue
            if wanted is not None and siren not in wanted:
                self.report.leave_out("outside the départements")
                continue
            if (row.get("statutDiffusionUniteLegale") or "").strip() != "O":
                self.report.leave_out("not diffusible")
                continue
            category = (row.get("categorieJuridiqueUniteLegale") or "").strip()
            if category.startswith("1") or (row.get("nomUniteLegale") or "").strip() or \
                    (row.get("prenom1UniteLegale") or "").strip():
                self.report.leave_out("natural person (entrepreneur individuel)")
                continue
            if (row.get("etatAdministratifUniteLegale") or "A").strip() != "A":
                self.report.leave_out("closed")
                continue
            if not siren_check.is_valid(siren):
                self.report.refuse(f"{name}:{line}", f"{siren!r} is not a valid SIREN: not published", "invalid SIREN")
                continue
            if siren in self.published:
                self.report.refuse(f"{name}:{line}", f"SIREN {siren} appears a second time: not published again",
                                   "duplicate SIREN")
                continue
            label = next((v for v in ((row.get(c) or "").strip() for c in (
                "denominationUniteLegale", "denominationUsuelle1UniteLegale")) if v and v != "[ND]"), "")
            if not label:
                self.report.leave_out("no name")
                continue
            self._unit(graph, extra, siren, label, category, row)
            self.published.add(siren)
            count += 1
            if count % self.chunk == 0:
                self._flush(graph, extra, f"{name}: units up to line {line}")
                graph, extra = _Chunk(), []
        self._flush(graph, extra, f"{name}: last units")

    def _unit(self, g: _Chunk, extra: list, siren: str, label: str, category: str, row: dict) -> None:
        unit = self.uris.id("siren", siren)
        g.add((unit, RDF.type, ORG.Organization))
        g.add((unit, SKOS.prefLabel, Literal(label, lang="fr")))
        sigle = (row.get("sigleUniteLegale") or "").strip()
        if sigle and sigle != "[ND]" and sigle != label:
            g.add((unit, SKOS.altLabel, Literal(sigle, lang="fr")))
        g.add((unit, PROV.wasDerivedFrom, self.uris.document("sirene-unites")))
        g.add((unit, ROV.registration, self._identifier(g, extra, "siren", siren)))
        g.add((unit, ESS.socialEconomyFlag, Literal(True)))
        if re.fullmatch(r"\d{4}", category):
            concept = INSEE_CJ[category]
            if self.background.concept(concept):
                g.add((unit, ORG.classification, concept))
                extra += self.background.concept(concept)
            form = legal_form_of(category)
            if form:
                from ..vocab import LEGAL_FORM

                g.add((unit, ROV.orgType, LEGAL_FORM[form]))
                extra += self.background.concept(LEGAL_FORM[form])
        naf = (row.get("activitePrincipaleUniteLegale") or "").strip()
        if NAF_CODE.match(naf) and (row.get("nomenclatureActivitePrincipaleUniteLegale") or "NAFRev2").strip() == "NAFRev2":
            g.add((unit, ROV.orgActivity, URIRef(NAF_SUBCLASS + naf)))
        created = _year((row.get("dateCreationUniteLegale") or "").strip())
        if created is not None:
            g.add((unit, DCTERMS.created, created))
        self.report.units += 1

    def _establishments(self) -> None:
        graph, extra, context, count = _Chunk(), [], [], 0
        name = self.establishments_path
        for line, row in enumerate(rows(name, ESTABLISHMENT_COLUMNS), 2):
            self.report.establishments_read += 1
            siren, siret = (row.get("siren") or "").strip(), (row.get("siret") or "").strip()
            if siren not in self.published:
                continue
            if (row.get("statutDiffusionEtablissement") or "O").strip() != "O":
                self.report.leave_out("establishment not diffusible")
                continue
            if (row.get("etatAdministratifEtablissement") or "A").strip() != "A":
                self.report.leave_out("establishment closed")
                continue
            commune = (row.get("codeCommuneEtablissement") or "").strip()
            if self.departements and departement_of_commune(commune) not in self.departements:
                self.report.leave_out("establishment outside the départements")
                continue
            if not (siret_check.is_valid(siret) and siret.startswith(siren)):
                self.report.refuse(f"{name}:{line}", f"{siret!r} is not a valid SIRET of {siren}: not published",
                                   "invalid SIRET")
                continue
            if siret in self.sites:
                self.report.refuse(f"{name}:{line}", f"SIRET {siret} appears a second time: not published again",
                                   "duplicate SIRET")
                continue
            places = self.background.commune(commune)
            if places is None:
                self.report.refuse(f"{name}:{line}", f"commune {commune!r} of SIRET {siret} is not in the INSEE "
                                   "geography: establishment not published", "unknown commune")
                continue
            self._site(graph, context, siren, siret, commune, row)
            self.sites.add(siret)
            extra.append(commune)
            count += 1
            if count % self.chunk == 0:
                self._flush(graph, self._places(extra) + context, f"{name}: establishments up to line {line}")
                graph, extra, context = _Chunk(), [], []
        self._flush(graph, self._places(extra) + context, f"{name}: last establishments")

    def _places(self, communes: list[str]) -> list:
        self.communes.update(communes)
        found = []
        for code in set(communes):
            found += list(self.background.commune(code))
        return found

    def _site(self, g: _Chunk, extra: list, siren: str, siret: str, commune: str, row: dict) -> None:
        unit, site = self.uris.id("siren", siren), self.uris.id("siret", siret)
        g.add((site, RDF.type, ORG.Site))
        g.add((unit, ORG.hasSite, site))
        if (row.get("etablissementSiege") or "").strip().lower() == "true":
            g.add((unit, ORG.hasPrimarySite, site))
        g.add((site, ADMS.identifier, self._identifier(g, extra, "siret", siret)))
        g.add((site, PROV.wasDerivedFrom, self.uris.document("sirene-etablissements")))
        address = URIRef(f"{site}/address")
        street = " ".join(v for v in ((row.get(c) or "").strip() for c in ADDRESS_COLUMNS) if v and v != "[ND]")
        postcode = (row.get("codePostalEtablissement") or "").strip()
        town = (row.get("libelleCommuneEtablissement") or "").strip()
        g.add((site, ORG.siteAddress, address))
        g.add((address, RDF.type, LOCN.Address))
        g.add((address, LOCN.fullAddress, Literal(", ".join(v for v in (street, f"{postcode} {town}".strip()) if v))))
        if street:
            g.add((address, LOCN.thoroughfare, Literal(street)))
        if re.fullmatch(r"\d{5}", postcode):
            g.add((address, LOCN.postCode, Literal(postcode)))
        if town:
            g.add((address, LOCN.postName, Literal(town)))
        g.add((address, ESS.commune, self.uris.place("commune", commune) if self.geo_kind(commune) == "commune"
               else self.uris.place("arrondissement", commune)))
        self.report.establishments += 1

    def _identifier(self, g: _Chunk, extra: list, kind: str, number: str) -> URIRef:
        identifier = _identifier(g, self.uris, kind, number, self.known_identifiers)
        if number in self.known_identifiers:  # described in the build already: context for the shapes
            described = _Chunk()
            _identifier(described, self.uris, kind, number, set())
            extra += list(described.lines)
        return identifier

    def geo_kind(self, code: str) -> str:
        return "commune" if self.background.geo.get("commune", code) is not None else "arrondissement"

    def _final(self) -> None:
        """The registry's organisations that are units (owl:sameAs), the source documents, and the
        communes (with their parents) the build's reference graph does not describe yet."""
        graph = _Chunk()
        for siren, organisations in sorted(self.linked.items()):
            if siren in self.published:
                for organisation in organisations:
                    graph.add((organisation, OWL.sameAs, self.uris.id("siren", siren)))
                    self.report.same_as += 1
        graph += self.documents
        context = []  # what the new triples refer to, already in the build's reference graph
        for code in sorted(self.communes):
            for line in self.background.commune(code):
                if line in self.known:
                    context.append(line)
                else:
                    graph.lines[line] = None
        self._flush(graph, context, "links, sources and communes")

    def _flush(self, graph: _Chunk, extra: list, where: str) -> None:
        """Write the chunk and have it validated, with what it refers to, by a worker process (at
        most `workers` chunks in flight: memory stays bounded while reading goes on)."""
        if not len(graph):
            return
        context = {line if isinstance(line, str) else _nt(line) for line in extra}
        context = "".join(context | {_nt(triple) for triple in self.documents}).encode("utf-8")
        ntriples = graph.ntriples()
        self._sink.write(ntriples)
        self.report.triples += len(graph)
        self.report.chunks += 1
        if self._pool is None:
            self._collect(_validate_chunk(ntriples, context))
        else:
            while len(self._pending) >= self.workers:
                self._collect(self._pending.pop(0).result())
            self._pending.append(self._pool.submit(_validate_chunk, ntriples, context))
        self.say(f"{where}: {self.report.units} units, {self.report.establishments} establishments, "
                 f"{self.report.triples} triples written")

    def _collect(self, violations: list[Result]) -> None:
        self.report.violations += violations

    def _drain(self) -> None:
        while self._pending:
            self._collect(self._pending.pop(0).result())


def _validate_chunk(ntriples: bytes, context: bytes) -> list[Result]:
    """The violations of one chunk (its triples and their context), at most 50."""
    return violations_of_ntriples(ntriples + b"\n" + context, limit=50)
