"""The synthetic registries of the scale benchmarks (benchmarks/synthetic_registry.py), built at a
tiny size through the real pipeline, and SHACL validation in chunks against whole-graph validation
on a synthetic registry made invalid on purpose. Nothing here is timed: the figures are the
benchmark's to print."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from stdnum.fr import siren

from benchmarks.synthetic_registry import synthetic_documents
from converters.ids import IdTable, Uris
from converters.link.insee_geography import GeographyLinker
from converters.link.legal_categories import LegalCategoriesLinker
from converters.pipeline import DEFAULT_BASE_URI, Conversion, build_documents
from converters.publish import PublicGraphs
from converters.validation import validate, validate_in_chunks
from converters.vocab import ADMS, ESS, IGEO, ORG, ROV

pytestmark = pytest.mark.slow

POLES, PER_DOCUMENT = 5, 2


def _build(tmp_path, out=None, validation="whole"):
    documents = synthetic_documents(POLES, seed=7, per_document=PER_DOCUMENT)
    outcome = build_documents(Conversion(documents), out, DEFAULT_BASE_URI, IdTable(tmp_path / "ids.tsv"),
                              chain=[GeographyLinker(), LegalCategoriesLinker()], validation=validation)
    return documents, outcome


def _merged(outcome) -> Graph:
    data = Graph()
    for name in outcome.public:
        data += outcome.dataset.graph(name)
    return data


def test_a_tiny_synthetic_registry_conforms_and_has_the_counts_it_was_made_with(tmp_path):
    documents, outcome = _build(tmp_path, out=tmp_path / "build")
    assert outcome.exit_code == 0 and outcome.written, [str(r) for r in outcome.report.violations]
    assert outcome.report.conforms
    assert len(documents) == 3  # five poles, two a document
    organisations = sum(len(d.organisations) for d in documents)
    memberships = sum(len(p.memberships) for d in documents for p in d.poles)
    assert organisations >= POLES * 7 and memberships == organisations  # each organisation is in one pole

    import pyoxigraph
    store = pyoxigraph.Store.read_only(str(tmp_path / "build" / "current" / "store"))

    def count(pattern: str) -> int:
        query = f"""PREFIX ess: <{ESS}> PREFIX org: <{ORG}> PREFIX rov: <{ROV}> PREFIX adms: <{ADMS}>
                    PREFIX skos: <{SKOS}> SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"""
        return int(next(iter(store.query(query)))["n"].value)

    assert count("?x a ess:Pole") == POLES
    assert count("?x a org:Organization FILTER NOT EXISTS { ?x a ess:Pole }") == organisations
    assert count("?x a org:Membership") == memberships
    assert count("?x a org:Membership ; org:role <https://w3id.org/ess-poles/def/role/coordinator>") == POLES
    assert count("?x a org:Organization ; rov:orgType ?form") == organisations  # every one with a legal form
    numbers = [str(row["n"].value) for row in store.query(
        f"PREFIX rov: <{ROV}> PREFIX skos: <{SKOS}> SELECT ?n WHERE {{ ?o rov:registration/skos:notation ?n }}")]
    assert len(set(numbers)) == organisations and all(siren.is_valid(n) for n in numbers)
    labels = [str(row["l"].value) for row in store.query(
        f"PREFIX org: <{ORG}> PREFIX skos: <{SKOS}> SELECT ?l WHERE {{ ?o a org:Organization ; skos:prefLabel ?l }}")]
    assert labels and all("synthétique" in label for label in labels)  # labelled as what it is


def test_validation_in_chunks_reports_what_whole_graph_validation_reports(tmp_path):
    _, outcome = _build(tmp_path)
    assert outcome.report.conforms
    uris = Uris(DEFAULT_BASE_URI)
    graphs = {str(name).rsplit("/", 1)[1]: outcome.dataset.graph(name) for name in outcome.public}
    first, second = graphs["synthetic-00001"], graphs["synthetic-00002"]
    # Break it in ways that need what other documents say: an organisation without its name; a pole
    # given a second French name by another document; a membership whose pole is gone; a coordinator
    # (its membership in one document) whose legal form another document removes; a bad INSEE code.
    organisation = next(o for o in first.subjects(RDF.type, ORG.Organization) if (o, RDF.type, ESS.Pole) not in first)
    first.remove((organisation, SKOS.prefLabel, None))
    pole = next(first.subjects(RDF.type, ESS.Pole))
    second.add((pole, SKOS.prefLabel, Literal("Pôle synthétique renommé", lang="fr")))
    membership = next(second.subjects(RDF.type, ORG.Membership))
    second.remove((membership, ORG.organization, None))
    coordinator = next(first.objects(next(first.subjects(ORG.role, URIRef(
        "https://w3id.org/ess-poles/def/role/coordinator"))), ORG.member))
    for form in list(first.objects(coordinator, ROV.orgType)):
        first.remove((coordinator, ROV.orgType, form))
    reference = outcome.dataset.graph(uris.graph("reference"))
    departement = next(reference.subjects(RDF.type, IGEO.Departement))
    reference.add((departement, IGEO.codeINSEE, Literal("9X9")))

    data = _merged(outcome)
    whole = validate(data)
    ontology = uris.graph("ontology")
    # the chunks read the public graphs in place, as the build does; the whole graph is a merged copy.
    # Documents of 490-760 triples: at 800 a chunk each, the reference data (2,300) cut by subject;
    # at 150 every graph cut by subject.
    graphs = [outcome.dataset.graph(n) for n in outcome.public if n != ontology]
    chunked, cut = (validate_in_chunks(graphs, PublicGraphs(outcome.dataset, outcome.public),
                                       context=outcome.dataset.graph(ontology), chunk_triples=limit)
                    for limit in (800, 150))

    assert not whole.conforms and len(whole.violations) >= 4 and whole.warnings
    assert [str(r) for r in chunked.results] == [str(r) for r in whole.results]
    assert [str(r) for r in cut.results] == [str(r) for r in whole.results]
    assert chunked.conforms == whole.conforms
    # the messages name the focus node, the path, the rule and the source document and line
    named = next(r for r in chunked.violations if r.focus == str(organisation))
    assert named.path == "skos:prefLabel" and "prefLabel" in named.message
    assert named.sources and named.sources[0][0] == "synthetic-00001.txt"
