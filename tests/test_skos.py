"""SKOS integrity of the concept schemes (shapes/concepts.shapes.ttl, run by every build): one
skos:prefLabel per language, no cycle in skos:broader, no label both preferred and alternative.
The schemes of ontology/ pass; the defect theme:culture had (defined twice: two French
prefLabels, broader than itself) is caught, naming the concept."""
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from converters.pipeline import ontology_graph
from converters.validation import validate
from converters.vocab import THEME


@pytest.fixture(scope="module")
def schemes() -> Graph:
    return ontology_graph()


def test_every_concept_scheme_passes_the_skos_checks(schemes):
    report = validate(schemes)
    assert report.conforms, report.text()


def test_the_theme_scheme_has_one_culture(schemes):
    assert len([label for label in schemes.objects(THEME.culture, SKOS.prefLabel) if label.language == "fr"]) == 1
    assert (THEME.culture, SKOS.broader, THEME.culture) not in schemes
    assert (THEME.culture, SKOS.altLabel, Literal("culture", lang="fr")) in schemes  # "culture" still finds it


def test_a_concept_defined_twice_is_caught(schemes):
    broken = Graph()
    broken += schemes
    broken.add((THEME.culture, SKOS.prefLabel, Literal("culture", lang="fr")))  # the second definition
    broken.add((THEME.culture, SKOS.broader, THEME.culture))
    broken.add((THEME.dechets, SKOS.broader, THEME.creation))
    broken.add((THEME.creation, SKOS.broader, THEME.dechets))  # a longer cycle
    broken.add((THEME.media, SKOS.altLabel, Literal("média", lang="fr")))  # also its prefLabel
    checks = {"one skos:prefLabel per language": "prefLabel", "has a cycle": "cycle", "both a skos:prefLabel": "S13"}
    found = {(v.focus.rsplit("/", 1)[1], check) for v in validate(broken).violations
             for words, check in checks.items() if words in v.message}
    assert found == {
        ("culture", "prefLabel"), ("culture", "cycle"),
        ("culture", "S13"),  # the second prefLabel is also its altLabel now
        ("dechets", "cycle"), ("creation", "cycle"),
        ("media", "S13"),
    }, found
