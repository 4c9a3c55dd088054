"""The link stage (converters/link/): every linker annotates the document models and contributes
its reference graph, through one interface. Run on a synthetic document (tests/data/generic/)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from converters.ids import Uris
from converters.link import Referred, link, linkers, reference_graph
from converters.link.geography import Match, get_geography
from converters.link.insee_geography import GeographyLinker
from converters.link.legal_categories import LegalCategoriesLinker
from converters.pipeline import DEFAULT_BASE_URI, convert_file
from converters.vocab import IGEO

ARTICLE = Path(__file__).parent / "data" / "generic" / "article-presse.txt"
URIS = Uris(DEFAULT_BASE_URI)


def test_the_pipeline_runs_the_geography_and_the_legal_categories():
    assert [type(linker) for linker in linkers()] == [GeographyLinker, LegalCategoriesLinker]


def test_a_place_the_geography_does_not_know_is_reported_on_its_document():
    document = convert_file(ARTICLE)
    pole = document.poles[0]
    poitiers = next(m.place for m in pole.places if m.place.kind == "commune")
    assert poitiers.code == "86194"
    link([document])
    assert not [d for d in document.diagnostics if "INSEE geography" in d.message]
    pole.places.append(Match(replace(poitiers, code="86999"), "synthetic: a code INSEE never gave"))
    link([document])
    found = [d for d in document.diagnostics if "INSEE geography" in d.message]
    assert len(found) == 1 and "commune 86999" in found[0].message
    assert found[0].path == str(ARTICLE) and found[0].line is not None


def test_a_legal_form_outside_the_scheme_is_reported():
    document = convert_file(ARTICLE)
    org = next(o for o in document.organisations.values() if o.legal_forms)
    assert not LegalCategoriesLinker().annotate([document])
    org.legal_forms.append("societe-imaginaire")
    found = LegalCategoriesLinker().annotate([document])
    assert [d.message for d in found] == [f"{org.name}: legal form 'societe-imaginaire' has no INSEE category in the legal-form scheme"]


def test_the_reference_graph_holds_each_place_with_its_parents_up_to_the_region():
    geo = get_geography()
    poitiers = geo.get("commune", "86194")
    graph = reference_graph(URIS, Referred(places=[poitiers]))
    commune, departement, region = (URIS.place("commune", "86194"), URIS.place("departement", "86"),
                                     URIS.place("region", "75"))
    assert (commune, RDF.type, IGEO.Commune) in graph
    assert (commune, IGEO.subdivisionDe, departement) in graph
    assert (departement, IGEO.subdivisionDe, region) in graph
    assert (region, SKOS.prefLabel, Literal("Nouvelle-Aquitaine", lang="fr")) in graph
    # and INSEE's legal categories, from the other linker
    assert (URIRef("https://w3id.org/ess-poles/def/insee-cj/5458"), SKOS.notation, Literal("5458")) in graph


def test_a_new_linker_takes_part_through_the_same_interface():
    class SameAs:  # synthetic: what an INSEE or Wikidata linker would contribute
        NAME = "synthetic sameAs"

        def annotate(self, documents):
            return []

        def reference(self, uris, referred):
            graph = Graph()
            for place in referred.places:
                graph.add((uris.place(place.kind, place.code), DCTERMS.identifier, Literal(f"{place.kind}:{place.code}")))
            return graph

    poitiers = get_geography().get("commune", "86194")
    graph = reference_graph(URIS, Referred(places=[poitiers]), chain=[GeographyLinker(), SameAs()])
    assert (URIS.place("commune", "86194"), DCTERMS.identifier, Literal("commune:86194")) in graph
