"""The shapes catch what they promise (shapes/*.ttl). A copy of the real registry of the five seeds
is broken in several places at once and validated once; each test checks that its own breakage,
and only that, is reported, naming the focus node (and the source line where there is one)."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from converters.validation import validate
from converters.vocab import ADMS, DCTERMS, ESS, IDENTIFIER_TYPE, IGEO, ORG, ROLE, ROV

BASE = "http://127.0.0.1:8000/"
COMMUNE_CODES = {"05061": True, "2A004": True, "97411": True, "5061": False, "2C004": False, "050610": False}
DEPARTEMENT_CODES = {"05": True, "2A": True, "974": True, "5": False, "979": False}
NOTATIONS = {"812345676": True, "81234567600017": True, "81234567": False, "8123456760001": False, "81234567A": False}
COOPAXIS = URIRef(BASE + "id/pole/coopaxis")  # loses its coordinator
LE_DAMIER = URIRef(BASE + "id/pole/le-damier")  # gets a second French name
AUTHORITY = URIRef(BASE + "id/org/grand-orly-seine-bievre")  # typed as a pole


@pytest.fixture(scope="module")
def registry(seeds_build) -> Graph:
    return Graph().parse(seeds_build.out / "registry.ttl", format="turtle")


def _coordinators(graph: Graph) -> list:
    return sorted({graph.value(m, ORG.member) for m in graph.subjects(ORG.role, ROLE.coordinator)})


def _formless_coordinator(graph: Graph) -> URIRef:
    """The first coordinator with a legal form: it loses it."""
    return next(c for c in _coordinators(graph) if (c, ROV.orgType, None) in graph)


@pytest.fixture(scope="module")
def report(registry):
    graph = Graph()
    graph += registry
    for code in COMMUNE_CODES:
        commune = URIRef(BASE + f"id/commune/test-{code}")
        graph.add((commune, RDF.type, IGEO.Commune))
        graph.add((commune, IGEO.codeINSEE, Literal(code)))
        graph.add((commune, IGEO.nom, Literal("Test")))
        graph.add((commune, IGEO.subdivisionDe, URIRef(BASE + "id/departement/05")))
    for code in DEPARTEMENT_CODES:
        departement = URIRef(BASE + f"id/departement/test-{code}")
        graph.add((departement, RDF.type, IGEO.Departement))
        graph.add((departement, IGEO.codeINSEE, Literal(code)))
        graph.add((departement, IGEO.nom, Literal("Test")))
        graph.add((departement, IGEO.subdivisionDe, URIRef(BASE + "id/region/93")))
    for notation in NOTATIONS:
        identifier = URIRef(BASE + f"id/identifier/siren/test-{notation}")
        graph.add((URIRef(BASE + "id/org/artefacts"), ROV.registration, identifier))
        graph.add((identifier, RDF.type, ADMS.Identifier))
        graph.add((identifier, SKOS.notation, Literal(notation)))
        graph.add((identifier, DCTERMS.type, IDENTIFIER_TYPE.siren))
    for membership in list(graph.subjects(ORG.organization, COOPAXIS)):
        if (membership, ORG.role, ROLE.coordinator) in graph:
            graph.remove((membership, ORG.role, ROLE.coordinator))
            graph.add((membership, ORG.role, ROLE.partner))
    graph.add((LE_DAMIER, SKOS.prefLabel, Literal("Le Damier bis", lang="fr")))
    graph.remove((_formless_coordinator(graph), ROV.orgType, None))
    assert (AUTHORITY, RDF.type, ESS.TerritorialAuthority) in graph
    graph.add((AUTHORITY, RDF.type, ESS.Pole))
    return validate(graph)


@pytest.fixture(scope="module")
def violations(report) -> list:
    return report.violations


def failed_tests(violations, folder: str) -> set[str]:
    return {v.focus.rsplit("test-", 1)[1] for v in violations if f"/id/{folder}/test-" in v.focus}


def test_the_registry_of_the_seeds_conforms(registry):
    assert validate(registry).conforms


def test_commune_codes_follow_insee(violations):
    """5 characters: 2 for the département (2A/2B in Corsica, 97x overseas) and 3 digits."""
    assert failed_tests(violations, "commune") == {code for code, ok in COMMUNE_CODES.items() if not ok}


def test_departement_codes_follow_insee(violations):
    assert failed_tests(violations, "departement") == {code for code, ok in DEPARTEMENT_CODES.items() if not ok}


def test_identifier_notations_are_9_or_14_digits(violations):
    assert failed_tests(violations, "identifier/siren") == {n for n, ok in NOTATIONS.items() if not ok}


def test_a_ptce_laureate_without_a_coordinator_is_a_warning_with_its_source_line(report):
    # A warning, not a violation: a list of laureates may not name coordinators (issue 7).
    assert not [v for v in report.violations if v.focus == str(COOPAXIS)]
    found = [w for w in report.warnings if w.focus == str(COOPAXIS)]
    assert found and all("coordinator" in w.message for w in found)
    assert all(w.sources and w.sources[0][0] == "ptce-laureats-2014.txt" for w in found)


def test_a_coordinator_without_a_legal_form_is_a_warning(registry, report):
    message = "A coordinator has no legal form"
    warned = {w.focus for w in report.warnings if message in w.message}
    formless = _formless_coordinator(registry)
    expected = {str(c) for c in _coordinators(registry) if c == formless or (c, ROV.orgType, None) not in registry}
    assert str(formless) in warned and warned == expected
    assert not [v for v in report.violations if message in v.message]


def test_a_pole_needs_exactly_one_french_name(violations):
    found = [v for v in violations if v.focus == str(LE_DAMIER)]
    assert any("exactly one skos:prefLabel in French" in v.message for v in found)
    assert all(v.path == "skos:prefLabel" for v in found)


def test_a_territorial_authority_is_not_a_pole(violations):
    assert any("not a pole" in v.message for v in violations if v.focus == str(AUTHORITY))


def test_nothing_else_is_reported(violations):
    expected = {str(COOPAXIS), str(LE_DAMIER), str(AUTHORITY)}
    others = [v for v in violations if "/test-" not in v.focus and v.focus not in expected]
    assert not others, others
