"""The INSEE geography as a linker: every place the documents name is checked against the
committed geography (data/reference/geo/), and every place the RDF refers to is described in the
reference graph with its parents up to the région (communes, arrondissements, départements,
régions before and after 2016, EPCI and EPT), or up to the collectivité d'outre-mer for a commune
of one (it has no département and no région)."""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from ..errors import Diagnostic
from ..ids import Uris
from ..model import Document
from ..vocab import ESS, IGEO
from .geography import Place, get_geography

PLACE_CLASSES = {
    "commune": [IGEO.Commune],
    "arrondissement": [IGEO.ArrondissementMunicipal],
    "departement": [IGEO.Departement],
    "collectivite": [IGEO.CollectiviteDOutreMer],  # its communes are igeo:subdivisionDe it
    "region": [IGEO.Region],
    "former-region": [IGEO.Region, ESS.FormerRegion],
    "epci": [IGEO.Intercommunalite],
    "ept": [IGEO.Intercommunalite],
}


def _named_places(document: Document):
    """(place, line) for every place the document's model holds."""
    for pole in document.poles:
        line = (pole.territory_lines or pole.lines or [None])[0]
        for match in pole.places:
            yield match.place, line
        if pole.region is not None:
            yield pole.region, line
    for org in document.organisations.values():
        for place in [*org.places, org.seat]:
            if place is not None:
                yield place, min(org.lines, default=None)


class GeographyLinker:
    NAME = "INSEE geography"

    def annotate(self, documents: list[Document]) -> list[Diagnostic]:
        """A place whose code the geography does not know is reported (it would publish a
        commune or département nobody can find)."""
        geo = get_geography()
        found = []
        for document in documents:
            for place, line in _named_places(document):
                if isinstance(place, Place) and geo.get(place.kind, place.code) is None:
                    found.append(Diagnostic("warning", str(document.path), line,
                                            f"{place.kind} {place.code} ({place.name}) is not in the INSEE geography"))
        return found

    def reference(self, uris: Uris, referred) -> Graph:
        """Every place referred to, with its parents up to the région."""
        graph = Graph()
        todo = list(referred.places)
        done: set[tuple[str, str]] = set()
        while todo:
            place = todo.pop()
            if (place.kind, place.code) in done:
                continue
            done.add((place.kind, place.code))
            triples, parents = place_description(uris, place)
            for triple in triples:
                graph.add(triple)
            todo += parents
        return graph


def place_description(uris: Uris, place) -> tuple[list[tuple], list]:
    """The triples that describe one place (without its parents'), and its parents."""
    geo = get_geography()
    uri = uris.place(place.kind, place.code)
    triples = [(uri, RDF.type, cls) for cls in PLACE_CLASSES[place.kind]]
    triples += [(uri, IGEO.codeINSEE, Literal(place.code)), (uri, IGEO.nom, Literal(place.name)),
                (uri, SKOS.prefLabel, Literal(place.name, lang="fr"))]
    parents = []
    for kind, code in place.parents:
        parent = geo.get(kind, code)
        if parent is None:
            continue
        if place.kind == "former-region":
            relation = DCTERMS.isReplacedBy
        elif parent.kind in ("epci", "ept"):
            relation = DCTERMS.isPartOf  # membership of an intercommunality, not a subdivision
        else:
            relation = IGEO.subdivisionDe
        triples.append((uri, relation, uris.place(parent.kind, parent.code)))
        parents.append(parent)
    return triples, parents
