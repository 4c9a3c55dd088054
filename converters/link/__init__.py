"""The link stage: linkers tie what the documents say to reference data.

A linker has one interface (`Linker`): `annotate` reads the document models after extraction and
before resolution (it may add what the reference data knows, and reports what it cannot tie, as
diagnostics of the document); `reference` gives the graph the linker contributes to the build's
reference graph, for what the written RDF refers to (`Referred`). The pipeline runs every linker
of `linkers()`, in order, at both steps. Today: the INSEE geography, INSEE's legal categories and,
when configured, SIRENE (converters.link.sirene); INSEE's and Wikidata's URIs (owl:sameAs) from
the caches `essreg enrich-insee` and `essreg enrich-wikidata` write (converters.link.insee_uris,
converters.link.wikidata).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Graph

from ..errors import Diagnostic
from ..ids import Uris
from ..model import Document


@dataclass
class Referred:
    """What the written RDF of a build refers to."""

    places: list = field(default_factory=list)  # geography.Place
    sirens: dict = field(default_factory=dict)  # SIREN -> the URIs of the organisations registered with it


def registered_sirens(graphs) -> dict:
    """SIREN -> organisations (rov:registration to an identifier whose skos:notation has 9 digits)."""
    from rdflib.namespace import SKOS

    from ..vocab import ROV

    found: dict = {}
    for graph in graphs:
        for organisation, identifier in graph.subject_objects(ROV.registration):
            for notation in graph.objects(identifier, SKOS.notation):
                if len(str(notation)) == 9 and str(notation).isdigit():
                    found.setdefault(str(notation), set()).add(organisation)
    return {siren: sorted(organisations) for siren, organisations in found.items()}


class Linker(Protocol):
    NAME: str

    def annotate(self, documents: list[Document]) -> list[Diagnostic]: ...

    def reference(self, uris: Uris, referred: Referred) -> Graph: ...


def linkers(sirene: Linker | None = None) -> list[Linker]:
    """The geography and the legal categories; SIRENE when configured (`sirene`: a
    sirene.SireneLinker over stock files), or when the committed decisions table
    (data/curation/sirene-decisions.tsv) holds accepted links; then INSEE's and Wikidata's URIs
    when their committed caches (data/links/) hold links."""
    from .insee_geography import GeographyLinker
    from .insee_uris import CACHE as INSEE_CACHE, InseeUriLinker
    from .wikidata import CACHE as WIKIDATA_CACHE, WikidataLinker
    from .legal_categories import LegalCategoriesLinker
    from .sirene import SireneLinker, has_decisions

    chain: list[Linker] = [GeographyLinker(), LegalCategoriesLinker()]
    if sirene is not None:
        chain.append(sirene)
    elif has_decisions():
        chain.append(SireneLinker())
    if INSEE_CACHE.read():
        chain.append(InseeUriLinker())
    if WIKIDATA_CACHE.read():
        chain.append(WikidataLinker())
    return chain


def link(documents: list[Document], chain: list[Linker] | None = None) -> None:
    """Run every linker over the documents; what one reports joins its document's diagnostics."""
    by_path = {str(d.path): d for d in documents}
    for linker in linkers() if chain is None else chain:
        for diagnostic in linker.annotate(documents):
            document = by_path.get(diagnostic.path)
            if document is not None and diagnostic not in document.diagnostics:
                document.diagnostics.append(diagnostic)


def reference_graph(uris: Uris, referred: Referred, chain: list[Linker] | None = None) -> Graph:
    graph = Graph()
    for linker in linkers() if chain is None else chain:
        graph += linker.reference(uris, referred)
    return graph
