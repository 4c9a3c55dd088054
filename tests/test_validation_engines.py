"""The product validates with rudof (PyPI pyrudof, converters/validation.py); pySHACL stays as the
oracle. A copy of the real registry of the five seeds is broken in many ways at once, so that every
shape, and every kind of constraint our shapes use (classes and subclasses as targets, objects-of and
subjects-of targets, the two SPARQL-based targets, min/max counts, qualified value shapes, sh:node,
sh:or, sh:not, sh:class, sh:datatype, sh:pattern, sh:in, sh:hasValue, sh:languageIn, sh:uniqueLang,
sh:disjoint, sh:nodeKind, inverse and alternative paths, warnings), reports something; both engines
then validate it and must report the same set of (severity, focus node, path, shape message, value).
The broken registry is SYNTHETIC damage on real data: nothing of it is published."""
from __future__ import annotations

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from converters.validation import _short, path_text, shapes_graph, validate, validate_in_chunks
from converters.vocab import ADMS, ESS, IGEO, LEGAL_FORM, LOCN, ORG, ROLE, ROV, SH

PTCE = ESS.PTCE
BROKEN = "http://127.0.0.1:8000/id/synthetic-broken/"


def _first(graph: Graph, cls, skip: int = 0, having=None):
    found = sorted(s for s in graph.subjects(RDF.type, cls) if having is None or (s, having, None) in graph)
    return found[skip]


def _set(graph: Graph, subject, predicate, *objects) -> None:
    graph.remove((subject, predicate, None))
    for obj in objects:
        graph.add((subject, predicate, obj))


def break_registry(registry: Graph) -> Graph:
    """Each line breaks one constraint of one shape (several for the concept's shared by many)."""
    g = Graph()
    g += registry
    g.namespace_manager = registry.namespace_manager
    not_a_thing = URIRef(BROKEN + "nothing")
    organisations = sorted(s for s in g.subjects(RDF.type, ORG.Organization) if (s, RDF.type, ESS.Pole) not in g
                           and (s, ESS.laureateOf, None) not in g and (s, ROV.orgType, None) in g)
    # OrganisationShape: qualified min and max counts (languageIn), class, node, datatype, maxCount, minCount
    g.add((organisations[0], SKOS.prefLabel, Literal("Deuxième nom", lang="fr")))
    _set(g, organisations[1], SKOS.prefLabel, Literal("Only English", lang="en"))
    _set(g, organisations[2], ROV.orgType, ROLE.coordinator)  # a concept, not a legal form (sh:node)
    _set(g, organisations[3], ROV.orgType, not_a_thing)  # not even a concept (sh:class)
    _set(g, organisations[4], ORG.classification, not_a_thing)
    _set(g, organisations[5], PROV.wasDerivedFrom)
    _set(g, organisations[6], DCTERMS.created, Literal("2001"), Literal("2002", datatype=XSD.gYear))
    _set(g, organisations[7], ROV.registration, not_a_thing)
    # LegalFormShape and InseeCategoryShape, reached through sh:node (alternative path, hasValue, pattern)
    lonely = URIRef(BROKEN + "legal-form")
    g.add((lonely, RDF.type, SKOS.Concept))
    g.add((lonely, SKOS.inScheme, URIRef("https://w3id.org/ess-poles/def/legal-form")))
    _set(g, organisations[8], ROV.orgType, lonely)
    odd = URIRef(BROKEN + "legal-form-odd")
    category = URIRef(BROKEN + "insee-category")
    g.add((odd, RDF.type, SKOS.Concept))
    g.add((odd, SKOS.inScheme, URIRef("https://w3id.org/ess-poles/def/legal-form")))
    g.add((odd, SKOS.broadMatch, category))
    g.add((category, SKOS.inScheme, URIRef("https://w3id.org/ess-poles/def/insee-cj")))
    g.add((category, SKOS.notation, Literal("12345")))
    _set(g, organisations[9], ROV.orgType, odd)
    # CoordinatorLegalFormShape (objects-of target, sh:or, sh:not, inverse path): a warning
    coordinators = sorted({g.value(m, ORG.member) for m in g.subjects(ORG.role, ROLE.coordinator)
                           if (g.value(m, ORG.member), ROV.orgType, None) in g})
    _set(g, coordinators[0], ROV.orgType)
    # MembershipShape
    memberships = sorted(g.subjects(RDF.type, ORG.Membership))
    _set(g, memberships[0], ORG.organization)
    g.add((memberships[1], ORG.member, organisations[10]))
    _set(g, memberships[2], ORG.role, LEGAL_FORM.association)
    g.add((memberships[3], ESS.partnerCategory, not_a_thing))
    _set(g, memberships[4], ESS.sourceLine)
    _set(g, memberships[5], ORG.member, not_a_thing)
    # IdentifierShape: pattern, datatype, in, counts
    for number, (notation, kind) in enumerate([(Literal("12345"), ADMS.siren), (Literal(812345676), None),
                                               (Literal("812345676"), DCTERMS.title)]):
        identifier = URIRef(BROKEN + f"identifier/{number}")
        g.add((organisations[11], ROV.registration, identifier))
        g.add((identifier, RDF.type, ADMS.Identifier))
        g.add((identifier, SKOS.notation, notation))
        if kind is not None:
            g.add((identifier, DCTERMS.type, URIRef("https://w3id.org/ess-poles/def/identifier-type/" + kind.split("#")[-1])))
    # places: codes, names, parents, arrondissement, région, intercommunality, named area, address
    _set(g, _first(g, IGEO.Commune), IGEO.codeINSEE, Literal("5061"))
    _set(g, _first(g, IGEO.Commune, 1), IGEO.nom)
    _set(g, _first(g, IGEO.Commune, 2), IGEO.subdivisionDe, _first(g, IGEO.Region))
    _set(g, _first(g, IGEO.ArrondissementMunicipal), IGEO.codeINSEE, Literal("75121"))
    _set(g, _first(g, IGEO.Departement), IGEO.codeINSEE, Literal("979"))
    g.add((_first(g, IGEO.Departement, 1), IGEO.nom, Literal("Autre nom")))
    _set(g, _first(g, IGEO.Departement, 3), IGEO.subdivisionDe, _first(g, IGEO.Departement, 4))
    _set(g, _first(g, IGEO.ArrondissementMunicipal), IGEO.subdivisionDe)
    _set(g, _first(g, IGEO.Region), IGEO.codeINSEE, Literal(93))
    _set(g, _first(g, IGEO.Region, 1), IGEO.nom)
    _set(g, _first(g, IGEO.Intercommunalite), IGEO.codeINSEE, Literal("2000"))
    _set(g, _first(g, ESS.NamedArea), SKOS.prefLabel)
    collectivite = URIRef(BROKEN + "collectivite-976")  # a département's code, typed as both, no name, a parent
    g.add((collectivite, RDF.type, IGEO.CollectiviteDOutreMer))
    g.add((collectivite, RDF.type, IGEO.Departement))
    g.add((collectivite, IGEO.codeINSEE, Literal("976")))
    g.add((collectivite, IGEO.subdivisionDe, _first(g, IGEO.Region)))
    addresses = sorted(g.subjects(RDF.type, LOCN.Address))
    g.add((addresses[0], LOCN.fullAddress, Literal("ailleurs")))
    _set(g, addresses[1], LOCN.postCode, Literal("ABCDE"))
    _set(g, addresses[2], ESS.commune, _first(g, IGEO.Departement, 2))
    # PoleShape (subclass target: a PTCE is an ess:Pole)
    poles = sorted(s for s in g.subjects(RDF.type, ESS.Pole) if (s, ESS.laureateOf, None) not in g)
    g.add((poles[0], SKOS.prefLabel, Literal("Autre", lang="fr")))
    g.add((poles[1], SKOS.prefLabel, Literal("One", lang="en")))
    g.add((poles[1], SKOS.prefLabel, Literal("Two", lang="en")))
    g.remove((poles[2], RDF.type, ESS.Pole))
    g.add((poles[2], RDF.type, PTCE))
    _set(g, poles[3], DCTERMS.spatial, Literal("Hautes-Alpes"))
    _set(g, poles[4], DCTERMS.subject, Literal("culture"))
    g.add((poles[5], ESS.figure, not_a_thing))
    g.add((poles[6], LOCN.address, addresses[3]))
    g.add((poles[6], LOCN.address, addresses[4]))
    g.add((poles[7], DCTERMS.description, Literal("sans langue")))
    _set(g, poles[8], ESS.sourceLine)
    _set(g, poles[9], PROV.wasDerivedFrom)
    # PtceLaureateShape (SPARQL target, qualified value shapes on an inverse path): warnings
    laureates = sorted(s for s in g.subjects(ESS.laureateOf, None) if (s, RDF.type, PTCE) in g)
    _set(g, laureates[0], DCTERMS.subject)
    _set(g, laureates[1], DCTERMS.spatial, _first(g, IGEO.Region))
    for membership in list(g.subjects(ORG.organization, laureates[2])):
        _set(g, membership, ORG.role, ROLE.partner)
    # LaureateShape (subjects-of target, node-level sh:class)
    g.add((URIRef(BROKEN + "not-an-organisation"), ESS.laureateOf, not_a_thing))
    # CallForProjectsShape
    call = _first(g, ESS.CallForProjects)
    _set(g, call, DCTERMS.issued, Literal("mars 2014"))
    g.add((call, ESS.resultsDate, Literal("2014-01-01", datatype=XSD.date)))
    g.add((call, ESS.resultsDate, Literal("2014-02-01", datatype=XSD.date)))
    g.add((call, ESS.fundedBy, not_a_thing))
    g.add((call, SKOS.prefLabel, Literal("Encore", lang=g.value(call, SKOS.prefLabel).language)))
    _set(g, _first(g, ESS.CallForProjects, 1), PROV.wasDerivedFrom)
    # FigureShape
    figures = sorted(g.subjects(RDF.type, ESS.Figure))
    _set(g, figures[0], RDF.value, Literal("douze"))
    g.add((figures[1], ESS.measure, not_a_thing))
    _set(g, figures[2], ESS.unit, LEGAL_FORM.association)
    _set(g, figures[3], ESS.statedAs)
    _set(g, figures[4], ESS.referencePeriod, Literal("1 an"))
    _set(g, figures[5], DCTERMS.date, Literal("2014-01-01", datatype=XSD.date))
    _set(g, figures[6], ESS.sourceLine)
    # SourceDocumentShape and SourceLineShape
    documents = sorted(g.subjects(RDF.type, ESS.SourceDocument))
    _set(g, documents[0], ESS.sha256, Literal("not a digest"))
    _set(g, documents[1], ESS.documentKind)
    g.add((documents[2], ESS.fileName, Literal("other.txt")))
    lines = sorted(g.subjects(RDF.type, ESS.SourceLine))
    _set(g, lines[0], ESS.lineNumber, Literal(0))
    _set(g, lines[1], DCTERMS.isPartOf, not_a_thing)
    _set(g, lines[2], ESS.lineText, Literal("sans langue"))
    # TerritorialAuthorityShape (node-level sh:not), SupportScheme shapes (node-level sh:or warning), EventShape
    authority = _first(g, ESS.TerritorialAuthority)
    g.add((authority, RDF.type, ESS.Pole))
    _set(g, authority, DCTERMS.spatial, _first(g, ESS.NamedArea, 1))
    g.add((authority, ESS.supportScheme, not_a_thing))
    schemes = sorted(s for s in g.subjects(RDF.type, ESS.SupportScheme) if (s, RDF.type, ESS.CallForProjects) not in g)
    _set(g, schemes[0], SKOS.prefLabel)
    g.add((schemes[1], ESS.operatedBy, not_a_thing))
    _set(g, schemes[2], ESS.fundedBy)
    _set(g, schemes[2], ESS.operatedBy)
    _set(g, schemes[3], PROV.wasDerivedFrom)
    events = sorted(g.subjects(RDF.type, ESS.Event))
    g.add((events[0], SKOS.prefLabel, Literal("Autre", lang="fr")))
    _set(g, events[1], DCTERMS.date, Literal("un jour"))
    g.add((events[2], PROV.startedAtTime, Literal("2014-01-01", datatype=XSD.date)))
    _set(g, events[3], ESS.sourceLine)
    # ConceptShape (uniqueLang, disjoint) and BroaderCycleShape (SPARQL target, property path +)
    concepts = sorted(s for s in g.subjects(RDF.type, SKOS.Concept) if (s, SKOS.prefLabel, None) in g)
    g.add((concepts[0], SKOS.prefLabel, Literal("doublon", lang="fr")))
    g.add((concepts[1], SKOS.altLabel, g.value(concepts[1], SKOS.prefLabel)))
    g.add((concepts[2], SKOS.broader, concepts[3]))
    g.add((concepts[3], SKOS.broader, concepts[2]))
    return g


def _oracle(data: Graph) -> set[tuple]:
    """pySHACL's results, named as ours are: the message and path of the shape it cites. Only the
    report's results: not the details (sh:detail) pySHACL adds under a failed sh:node."""
    shapes = shapes_graph()
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True)
    out = set()
    for node in report.objects(report.value(predicate=RDF.type, object=SH.ValidationReport), SH.result):
        shape = report.value(node, SH.sourceShape)
        out.add((str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1], str(report.value(node, SH.focusNode)),
                 path_text(shapes, shapes.value(shape, SH.path), data), str(shapes.value(shape, SH.message)),
                 _short(data, report.value(node, SH.value))))
    return out


def _ours(results) -> set[tuple]:
    return {(r.severity, r.focus, r.path, r.message, r.value) for r in results}


@pytest.fixture(scope="module")
def broken(seeds_build) -> Graph:
    return break_registry(Graph().parse(seeds_build.out / "registry.ttl", format="turtle"))


@pytest.fixture(scope="module")
def oracle(broken) -> set[tuple]:
    return _oracle(broken)


def test_every_shape_reports_something_in_the_broken_registry(oracle):
    shapes = shapes_graph()
    messages = {m for _, _, _, m, _ in oracle}
    expected = {str(m) for m in shapes.objects(None, SH.message)}
    # the shapes reached only through sh:node report through the shape that refers to them
    nested = {str(shapes.value(s, SH.message)) for p in (SH.node, SH.qualifiedValueShape)
              for n in shapes.objects(None, p) for s in shapes.objects(n, SH.property)}
    assert expected - nested - messages == set()


def test_rudof_reports_what_pyshacl_reports(broken, oracle):
    ours = _ours(validate(broken).results)
    assert ours - oracle == set(), "reported by rudof only"
    assert oracle - ours == set(), "reported by pySHACL only"


def test_the_chunked_validation_reports_the_same(broken, oracle):
    """Chunks of one resource's triples each (the registry's graphs cut small), with the closure."""
    pieces: dict = {}
    for triple in broken:
        if not isinstance(triple[0], BNode):
            pieces.setdefault(triple[0], Graph()).add(triple)
    graphs, chunk = [], Graph()
    for number, subject in enumerate(sorted(pieces)):
        chunk += pieces[subject]
        if number % 500 == 499:
            graphs.append(chunk)
            chunk = Graph()
    graphs.append(chunk)
    report = validate_in_chunks(graphs, broken, chunk_triples=3000)
    assert _ours(report.results) == oracle
