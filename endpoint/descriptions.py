"""What the HTML pages show about poles, organisations and any other resource, read from the store.

A page asks the store one query: the statements it reads of every resource it shows (the
resource, what it points to, the memberships that point to it...: `POLE_NEIGHBOURHOOD` and the
like, read by `neighbourhood()`), and picks what it needs from them in Python (`Facts`); labels
come from the same statements. Only IRIs reach the query text, written by pyoxigraph from
`NamedNode`s, which validate them.
"""
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Triple

from .i18n import data_languages, translate
from .store import Store
from .vocabulary import DCTERMS, ESS, IGEO, ORG, OWL, PREFIXES, PROV, RDF, RDFS, ROLE, ROV, SKOS

POLE_CLASSES = (ESS.Pole, ESS.PTCE)
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label, IGEO.nom, DCTERMS.title, ESS.fileName)
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
INSEE_GEO_PREFIXES = {"Commune": "COM", "Departement": "DEP", "Region": "REG", "Intercommunalite": "EPCI"}
ANNUAIRE_ENTREPRISES = "https://annuaire-entreprises.data.gouv.fr/entreprise/"
ANNUAIRE_RECHERCHE = "https://annuaire-entreprises.data.gouv.fr/rechercher?terme="  # finds associations by RNA
# The order of the role sections of a pole page (ontology/schemes/roles.ttl); other roles after.
ROLE_ORDER = [ROLE.coordinator, ROLE["founding-member"], ROLE.member, ROLE.hosted, ROLE.partner, ROLE.funder,
              ROLE.stakeholder]


@dataclass(frozen=True)
class Term:
    """An RDF term as a page shows it: its text, the IRI to link to (None for a literal) and a
    note (a literal's language or datatype, a legal form's INSEE code)."""
    text: str
    iri: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Territory:
    place: Term
    kinds: list[str]
    code: str | None

    @property
    def insee_page(self) -> str | None:
        """INSEE's "dossier complet" of the territory, found by its code."""
        prefixes = [INSEE_GEO_PREFIXES[kind] for kind in self.kinds if kind in INSEE_GEO_PREFIXES]
        if not self.code or not prefixes:
            return None
        return f"https://www.insee.fr/fr/statistiques/2011101?geo={prefixes[0]}-{self.code}"


@dataclass(frozen=True)
class Member:
    organisation: Term
    legal_forms: list[Term]
    structure_types: list[Term]


@dataclass(frozen=True)
class Figure:
    measure: Term | None
    value: str
    unit: Term | None
    date: str | None
    stated_as: str | None


@dataclass(frozen=True)
class Source:
    document: Term
    lines: list[int]
    texts: dict[int, str] = field(default_factory=dict)  # line number -> its public text (persons masked)


@dataclass(frozen=True)
class Event:
    date: str | None
    label: str
    place: Term | None
    place_text: str | None


@dataclass(frozen=True)
class PolePage:
    pole: Term
    alt_names: list[str]
    kinds: list[Term]
    typology: list[Term]  # the 2010 study's typology, the PTCE phase and status, when known
    legal_forms: list[Term]  # when the pole is itself a legal person (an association, a SCIC...)
    registrations: list["Registration"]
    descriptions: list[str]
    territories: list[Territory]
    members_by_role: list[tuple[Term, list[Member]]]
    themes: list[Term]
    figures: list[Figure]
    events: list[Event]
    texts: list[tuple[str, list[str]]]  # (heading's message key, statements as written): goals, strengths...
    sources: list[Source]
    addresses: list[str]
    websites: list[str]
    calls: list[Term]  # the calls for projects the pole won


# Statements of a pole kept as written, with the heading the page shows them under.
POLE_TEXTS = [("text.goals", ESS.goal), ("text.functions", ESS.function), ("text.achievements", ESS.achievement),
              ("text.planned", ESS.plannedAction), ("text.strengths", ESS.strength), ("text.weaknesses", ESS.weakness),
              ("text.practices", ESS.goodPractice), ("text.governance", ESS.governance), ("text.notes", SKOS.note)]
LOCN_ADDRESS = NamedNode("http://www.w3.org/ns/locn#address")
LOCN_FULL_ADDRESS = NamedNode("http://www.w3.org/ns/locn#fullAddress")
FOAF_HOMEPAGE = NamedNode("http://xmlns.com/foaf/0.1/homepage")


@dataclass(frozen=True)
class Registration:
    """A SIRENE or RNA number: its kind (SIREN, SIRET, RNA) and the public page of the company or
    association it identifies."""
    kind: str
    number: str
    page: str


@dataclass(frozen=True)
class OrganisationPage:
    organisation: Term
    alt_names: list[str]
    legal_names: list[str]
    legal_forms: list[Term]
    registrations: list[Registration]
    structure_types: list[Term]
    descriptions: list[str]
    poles: list[tuple[Term, Term]]  # (pole, role)
    sources: list[Source]


@dataclass(frozen=True)
class Statement:
    predicate: Term
    object: Term
    graph: str


@dataclass(frozen=True)
class Reference:
    subject: Term
    predicate: Term


@dataclass(frozen=True)
class ResourcePage:
    resource: Term
    statements: list[Statement]
    references: list[Reference]
    truncated: bool


class Facts:
    """The statements of the resources a page shows, from the answer of the page's one query."""

    def __init__(self):
        self._statements: dict[NamedNode, dict[NamedNode, list]] = {}

    def add(self, subject, predicate, obj) -> None:
        objects = self._statements.setdefault(subject, defaultdict(list))[predicate]
        if obj not in objects:  # the union of the graphs repeats a triple stated in several
            objects.append(obj)

    def objects(self, subject, predicate: NamedNode) -> list:
        return list(self._statements.get(subject, {}).get(predicate, ()))

    def first(self, subject, predicate: NamedNode):
        objects = self.objects(subject, predicate)
        return objects[0] if objects else None

    def terms(self) -> list:
        """The resources whose statements were fetched."""
        return list(self._statements)

    def subjects(self, predicate: NamedNode, obj: NamedNode) -> list[NamedNode]:
        """The IRIs that state `predicate obj`, among those whose statements were fetched."""
        return sorted((subject for subject, statements in self._statements.items()
                       if isinstance(subject, NamedNode) and obj in statements.get(predicate, ())),
                      key=lambda node: node.value)

    def label(self, term) -> str:
        """A fetched IRI's best label (French first), its local name if it has none."""
        if isinstance(term, Literal):
            return term.value
        if not isinstance(term, NamedNode):
            return str(term)
        for predicate in LABEL_PROPERTIES:
            labels = self.objects(term, predicate)
            if labels:
                return min(labels, key=lambda label: (_language_rank(label), label.value)).value
        return _local_name(term.value)

    def show(self, term) -> Term:
        if isinstance(term, NamedNode):
            return Term(self.label(term), term.value)
        if isinstance(term, Literal):
            return Term(term.value, note=_literal_note(term))
        return Term(str(term))

    def shown(self, subject, predicate: NamedNode) -> list[Term]:
        """The objects of `predicate`, shown and sorted."""
        return sorted((self.show(term) for term in self.objects(subject, predicate)), key=_term_order)

    def texts(self, subject, predicate: NamedNode) -> list[str]:
        return sorted({term.value for term in self.objects(subject, predicate)}, key=_sort_key)


# Where a page's resources are, seen from the resource it shows: paths of steps, a step being a
# predicate, a tuple of predicates (any of them) or (INVERSE, predicate) (from object to subject);
# the empty path is the resource itself. Each group of paths says which statements of the IRIs
# at their ends the page reads: all of them (ALL), or only some (a resource only named on the
# page needs its labels only: a source document's hundreds of notes stay in the store).
INVERSE = "^"
ALL = None
LABELS = LABEL_PROPERTIES


def neighbourhood(store: Store, focus: NamedNode, reach: Iterable[tuple]) -> Facts:
    """The statements a page reads, in one query: for each (statements, paths) of `reach`, those
    `statements` (ALL, or a tuple of predicates) of `focus`'s IRIs at the end of `paths`. A SELECT
    of standard SPARQL 1.1 (property paths, DISTINCT subqueries), so that a remote backend answers
    it too (BIND rather than VALUES in a UNION: Virtuoso 7 finds nothing there); each resource's
    objects of a predicate come in the order the store lists them."""
    groups = []
    for predicates, paths in reach:
        ends = " UNION ".join(f"{{ BIND({focus} AS ?s) }}" if not path else f"{{ {focus} {_property_path(path)} ?s }}"
                              for path in paths)
        # (a FILTER rather than VALUES ?p: Oxigraph would join VALUES ?p with every use of those predicates)
        wanted = "" if predicates is ALL else f" FILTER(?p IN ({', '.join(map(str, predicates))}))"
        groups.append(f"{{ {{ SELECT DISTINCT ?s WHERE {{ {ends} FILTER(isIRI(?s)) }} }} ?s ?p ?o{wanted} }}")
    facts = Facts()
    for row in store.query(f"SELECT ?s ?p ?o WHERE {{ {' UNION '.join(groups)} }}"):
        facts.add(row["s"], row["p"], row["o"])
    return facts


def _property_path(path: tuple) -> str:
    steps = []
    for step in path:
        if isinstance(step, tuple) and step[0] == INVERSE:
            steps.append(f"^{step[1]}")
        elif isinstance(step, tuple):
            steps.append("(" + "|".join(str(predicate) for predicate in step) + ")")
        else:
            steps.append(str(step))
    return "/".join(steps)


# What the pole page and the organisation page read (the functions below read nothing else: a
# resource missing here would show as its local name, a statement missing as nothing).
_ITSELF = ()
_REGISTRATIONS = ((SKOS.notation,), [(ROV.registration,)])
_LEGAL_FORMS = (LABELS + (SKOS.exactMatch, SKOS.broadMatch), [(ROV.orgType,)])
_LEGAL_FORM_CODES = ((SKOS.notation,), [(ROV.orgType, (SKOS.exactMatch, SKOS.broadMatch))])  # INSEE's
_SOURCE_LINES = ((DCTERMS.isPartOf, ESS.lineNumber, ESS.lineText), [(ESS.sourceLine,)])
_MEMBERSHIPS = (ORG.role, ORG.member, ORG.organization)
POLE_NEIGHBOURHOOD = [
    (ALL, [_ITSELF]),
    _REGISTRATIONS, _LEGAL_FORMS, _LEGAL_FORM_CODES, _SOURCE_LINES,
    (LABELS + (RDF.type, IGEO.codeINSEE), [(DCTERMS.spatial,)]),  # territories
    ((ESS.measure, RDF.value, ESS.unit, DCTERMS.date, ESS.statedAs), [(ESS.figure,)]),
    (LABELS + (DCTERMS.date, DCTERMS.spatial, ESS.territoryText), [(ESS.event,)]),
    ((LOCN_FULL_ADDRESS,), [(LOCN_ADDRESS,)]),
    (_MEMBERSHIPS, [((INVERSE, ORG.organization),)]),
    (LABELS + (ROV.orgType, ORG.classification), [((INVERSE, ORG.organization), ORG.member)]),  # the members
    (LABELS, [((RDF.type, ESS.typology, ESS.phase, ESS.status, DCTERMS.subject, PROV.wasDerivedFrom, ESS.laureateOf),),
              (ESS.sourceLine, DCTERMS.isPartOf), (ESS.event, DCTERMS.spatial), (ESS.figure, (ESS.measure, ESS.unit)),
              ((INVERSE, ORG.organization), ORG.role),
              ((INVERSE, ORG.organization), ORG.member, (ROV.orgType, ORG.classification))]),
]
ORGANISATION_NEIGHBOURHOOD = [
    (ALL, [_ITSELF]),
    _REGISTRATIONS, _LEGAL_FORMS, _LEGAL_FORM_CODES, _SOURCE_LINES,
    (_MEMBERSHIPS, [((INVERSE, ORG.member),)]),
    (LABELS, [((ORG.classification, PROV.wasDerivedFrom),), (ESS.sourceLine, DCTERMS.isPartOf),
              ((INVERSE, ORG.member), (ORG.role, ORG.organization))]),
]


def describe_pole(store: Store, pole: NamedNode) -> PolePage | None:
    """What the pole page shows; None if `pole` is not an ess:Pole (or ess:PTCE)."""
    facts = neighbourhood(store, pole, POLE_NEIGHBOURHOOD)
    kinds = [kind for kind in facts.objects(pole, RDF.type) if kind in POLE_CLASSES]
    if not kinds:
        return None
    return PolePage(
        pole=facts.show(pole),
        alt_names=facts.texts(pole, SKOS.altLabel),
        kinds=[facts.show(kind) for kind in kinds],
        typology=facts.shown(pole, ESS.typology) + facts.shown(pole, ESS.phase) + facts.shown(pole, ESS.status),
        legal_forms=_legal_forms_with_insee_code(facts, pole),
        registrations=_registrations(facts, pole),
        descriptions=facts.texts(pole, DCTERMS.description),
        territories=_territories(facts, pole),
        members_by_role=_members_by_role(facts, pole),
        # concepts of the theme scheme, then the themes the scheme lacks, as written (no link)
        themes=facts.shown(pole, DCTERMS.subject) + [Term(text) for text in facts.texts(pole, ESS.themeText)],
        figures=_figures(facts, pole),
        events=_events(facts, pole),
        texts=[(heading, texts) for heading, prop in POLE_TEXTS if (texts := facts.texts(pole, prop))],
        sources=_sources(facts, pole),
        addresses=_addresses(facts, pole),
        websites=sorted(term.value for term in facts.objects(pole, FOAF_HOMEPAGE)),
        calls=facts.shown(pole, ESS.laureateOf),
    )


def _addresses(facts: Facts, subject: NamedNode) -> list[str]:
    addresses = facts.objects(subject, LOCN_ADDRESS)
    return sorted({text for address in addresses for text in facts.texts(address, LOCN_FULL_ADDRESS)})


def _events(facts: Facts, subject: NamedNode) -> list[Event]:
    events = facts.objects(subject, ESS.event)
    shown = [Event(date=_value(facts.first(event, DCTERMS.date)), label=facts.label(event),
                   place=_show_optional(facts, facts.first(event, DCTERMS.spatial)),
                   place_text=_value(facts.first(event, ESS.territoryText)))
             for event in events]
    return sorted(shown, key=lambda event: (event.date or "9999", event.label))


def describe_organisation(store: Store, organisation: NamedNode) -> OrganisationPage | None:
    """What the organisation page shows; None if `organisation` is not an org:Organization."""
    facts = neighbourhood(store, organisation, ORGANISATION_NEIGHBOURHOOD)
    if ORG.Organization not in facts.objects(organisation, RDF.type):
        return None
    memberships = facts.subjects(ORG.member, organisation)
    roles_and_poles = [(facts.first(m, ORG.role), facts.first(m, ORG.organization)) for m in memberships]
    poles = [(facts.show(pole), _show_role(facts, role)) for role, pole in roles_and_poles if pole is not None]
    return OrganisationPage(
        organisation=facts.show(organisation),
        alt_names=facts.texts(organisation, SKOS.altLabel),
        legal_names=facts.texts(organisation, ROV.legalName),
        legal_forms=_legal_forms_with_insee_code(facts, organisation),
        registrations=_registrations(facts, organisation),
        structure_types=facts.shown(organisation, ORG.classification),
        descriptions=facts.texts(organisation, DCTERMS.description),
        poles=sorted(poles, key=lambda pair: (_term_order(pair[0]), _term_order(pair[1]))),
        sources=_sources(facts, organisation),
    )


def describe_resource(store: Store, resource: NamedNode, limit: int) -> ResourcePage | None:
    """Every statement about `resource` and every reference to it, up to `limit` of each;
    None if there is none."""
    statements, references, facts = [], [], Facts()
    for row in store.query(_resource_query(resource, int(limit) + 1)):
        if row["g"] is not None:
            statements.append((row["p"], row["o"], row["g"]))
        elif row["rs"] is not None:
            references.append((row["rs"], row["rp"]))
        else:
            facts.add(row["ls"], row["lp"], row["lo"])
    if not statements and not references:
        return None
    truncated = len(statements) > limit or len(references) > limit
    statements, references = statements[:limit], references[:limit]
    return ResourcePage(
        resource=facts.show(resource),
        statements=sorted((Statement(_show_predicate(facts, p), facts.show(o), g.value) for p, o, g in statements),
                          key=lambda s: (_term_order(s.predicate), _term_order(s.object), s.graph)),
        references=sorted((Reference(facts.show(s), _show_predicate(facts, p)) for s, p in references),
                          key=lambda r: (_term_order(r.predicate), _term_order(r.subject))),
        truncated=truncated,
    )


def _resource_query(resource: NamedNode, rows: int) -> str:
    """One SELECT for the generic page: up to `rows` statements (?p ?o ?g) and references (?rs ?rp),
    and the labels (?ls ?lp ?lo) of the resource and of the terms of those rows, each subquery
    repeated where its rows are needed (the same query gives the same rows)."""
    statements = f"{{ SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {resource} ?p ?o }} }} LIMIT {rows} }}"
    references = f"{{ SELECT DISTINCT ?rs ?rp WHERE {{ ?rs ?rp {resource} }} LIMIT {rows} }}"
    terms = " UNION ".join([f"{{ BIND({resource} AS ?ls) }}",
                            *(f"{{ SELECT ({variable} AS ?ls) WHERE {{ {subquery} }} }}"
                              for subquery, variables in ((statements, ("?p", "?o")), (references, ("?rs", "?rp")))
                              for variable in variables)])
    labels = (f"{{ {{ SELECT DISTINCT ?ls WHERE {{ {terms} }} }} ?ls ?lp ?lo"
              f" FILTER(?lp IN ({', '.join(str(label) for label in LABEL_PROPERTIES)})) }}")
    return f"SELECT ?p ?o ?g ?rs ?rp ?ls ?lp ?lo WHERE {{ {statements} UNION {references} UNION {labels} }}"


def _territories(facts: Facts, pole: NamedNode) -> list[Territory]:
    places = facts.objects(pole, DCTERMS.spatial)
    territories = (
        Territory(facts.show(place),
                  sorted(_local_name(kind.value) for kind in facts.objects(place, RDF.type)
                         if kind.value.startswith(IGEO.iri)),
                  _value(facts.first(place, IGEO.codeINSEE)))
        for place in places
    )
    return sorted(territories, key=lambda territory: (territory.code or "", _term_order(territory.place)))


def _members_by_role(facts: Facts, pole: NamedNode) -> list[tuple[Term, list[Member]]]:
    memberships = facts.subjects(ORG.organization, pole)
    roles_and_members = [(facts.first(m, ORG.role), facts.first(m, ORG.member)) for m in memberships]
    by_role = defaultdict(list)
    for role, member in roles_and_members:
        if member is not None:
            by_role[role].append(Member(facts.show(member), facts.shown(member, ROV.orgType),
                                        facts.shown(member, ORG.classification)))
    roles = sorted(by_role, key=lambda role: (ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER),
                                              _term_order(_show_role(facts, role))))
    return [(_show_role(facts, role), sorted(by_role[role], key=lambda m: _term_order(m.organisation)))
            for role in roles]


def _figures(facts: Facts, subject: NamedNode) -> list[Figure]:
    figures = facts.objects(subject, ESS.figure)
    shown = [
        Figure(measure=_show_optional(facts, facts.first(figure, ESS.measure)),
               value=_number(facts.first(figure, RDF.value)),
               unit=_show_optional(facts, facts.first(figure, ESS.unit)),
               date=_value(facts.first(figure, DCTERMS.date)),
               stated_as=_value(facts.first(figure, ESS.statedAs)))
        for figure in figures
    ]
    return sorted(shown, key=lambda figure: (_sort_key(figure.measure.text if figure.measure else ""),
                                             figure.date or ""))


def _sources(facts: Facts, subject: NamedNode) -> list[Source]:
    """The source documents of `subject`, each with the line numbers its statements come from."""
    lines = facts.objects(subject, ESS.sourceLine)
    lines_by_document = {document: set() for document in facts.objects(subject, PROV.wasDerivedFrom)}
    texts: dict = {}
    for line in lines:
        document, number = facts.first(line, DCTERMS.isPartOf), facts.first(line, ESS.lineNumber)
        if document is not None and number is not None:
            lines_by_document.setdefault(document, set()).add(int(number.value))
            text = facts.first(line, ESS.lineText)
            if text is not None:
                texts.setdefault(document, {})[int(number.value)] = text.value
    sources = (Source(facts.show(document), sorted(numbers), texts.get(document, {}))
               for document, numbers in lines_by_document.items())
    return sorted(sources, key=lambda source: _term_order(source.document))


def _registrations(facts: Facts, organisation: NamedNode) -> list[Registration]:
    identifiers = facts.objects(organisation, ROV.registration)
    registrations = []
    for identifier in identifiers:
        number = _value(facts.first(identifier, SKOS.notation))
        if number and number.isdigit() and len(number) in (9, 14):
            kind = "SIREN" if len(number) == 9 else "SIRET"
            registrations.append(Registration(kind, number, ANNUAIRE_ENTREPRISES + number[:9]))
        elif number and number.startswith("W") and len(number) == 10:  # an association's RNA number
            registrations.append(Registration("RNA", number, ANNUAIRE_RECHERCHE + number))
    return sorted(registrations, key=lambda registration: (registration.kind, registration.number))


def _legal_forms_with_insee_code(facts: Facts, organisation: NamedNode) -> list[Term]:
    forms = facts.objects(organisation, ROV.orgType)
    matches = {form: facts.objects(form, SKOS.exactMatch) + facts.objects(form, SKOS.broadMatch) for form in forms}
    shown = []
    for form in forms:
        codes = sorted({notation.value for match in matches[form] for notation in facts.objects(match, SKOS.notation)})
        shown.append(Term(facts.label(form), form.value, note=", ".join(f"INSEE {code}" for code in codes)))
    return sorted(shown, key=_term_order)


def _show_role(facts: Facts, role) -> Term:
    return facts.show(role) if role is not None else Term(translate("role_not_stated"))


def _show_optional(facts: Facts, term) -> Term | None:
    return facts.show(term) if term is not None else None


def _show_predicate(facts: Facts, predicate: NamedNode) -> Term:
    """A predicate by its label, or by its prefixed name (rdf:type) rather than a bare local name."""
    prefixed_name = _prefixed_name(predicate.value)
    if prefixed_name and not any(facts.objects(predicate, label) for label in LABEL_PROPERTIES):
        return Term(prefixed_name, predicate.value)
    return facts.show(predicate)


def _iris(nodes: Iterable[NamedNode]) -> str:
    return " ".join(str(node) for node in nodes)  # <iri>, written by pyoxigraph from a valid IRI


def _value(term) -> str | None:
    return term.value if term is not None else None


def _number(term) -> str:
    """rdf:value as French readers write it: 650 000."""
    if isinstance(term, Literal) and term.datatype.value == XSD_INTEGER:
        return f"{int(term.value):,}".replace(",", "\u202f")
    return _value(term) or ""


def _literal_note(literal: Literal) -> str:
    if literal.language:
        return f"@{literal.language}"
    datatype = literal.datatype.value
    if datatype == XSD_STRING:
        return ""
    return _prefixed_name(datatype) or datatype


def _prefixed_name(iri: str) -> str | None:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def _language_rank(label) -> int:
    """French first; English first when the reader asked for English (i18n.py)."""
    language, preference = getattr(label, "language", None) or "", data_languages()
    return preference.index(language) if language in preference else len(preference)


def _local_name(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def _sort_key(text: str) -> str:
    """Alphabetical order for French: accents and case do not count."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _term_order(term: Term) -> tuple[str, str]:
    return _sort_key(term.text), term.iri or ""



def triples_about(store: Store, resource: NamedNode, limit: int) -> list[Triple]:
    """What an RDF document about `resource` holds: its statements and up to `limit` statements
    that refer to it, each triple once, whatever the graphs that state it (one query)."""
    statements, references = [], []
    for row in store.query(f"SELECT ?p ?o ?rs ?rp WHERE {{ {{ {resource} ?p ?o }} UNION"
                           f" {{ SELECT DISTINCT ?rs ?rp WHERE {{ ?rs ?rp {resource} }} LIMIT {int(limit)} }} }}"):
        if row["p"] is not None:
            statements.append(Triple(resource, row["p"], row["o"]))
        else:
            references.append(Triple(row["rs"], row["rp"], resource))
    return list(dict.fromkeys(statements + references))


@dataclass(frozen=True)
class OntologyTerm:
    term: Term
    anchor: str
    definitions: list[str]


@dataclass(frozen=True)
class OntologyPage:
    ontology: Term
    descriptions: list[str]
    classes: list[OntologyTerm]
    properties: list[OntologyTerm]
    schemes: list[Term]


def describe_ontology(store: Store, ontology: NamedNode) -> OntologyPage:
    """The project's ontology: its classes and properties (under {ontology}#) and its concept
    schemes (under {ontology}/)."""
    namespace = ontology.value + "#"
    types = {NamedNode(OWL + name): name for name in ("Class", "ObjectProperty", "DatatypeProperty")} | \
        {SKOS.ConceptScheme: "ConceptScheme"}
    facts = Facts()  # the statements of the ontology and of its terms, in one query
    for row in store.query(f"""SELECT ?s ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {{ BIND({ontology} AS ?s) }}
            UNION {{ VALUES ?type {{ {_iris(types)} }} ?s a ?type FILTER(STRSTARTS(STR(?s), STR({ontology}))) }} }} }}
            ?s ?p ?o }}"""):
        facts.add(row["s"], row["p"], row["o"])
    kinds = defaultdict(set)
    for term in facts.terms():
        if isinstance(term, NamedNode) and term.value.startswith(ontology.value):
            for kind in facts.objects(term, RDF.type):
                if kind in types:
                    kinds[types[kind]].add(term)

    def terms(*kind_names: str) -> list[OntologyTerm]:
        found = {term for kind in kind_names for term in kinds[kind] if term.value.startswith(namespace)}
        shown = (OntologyTerm(Term(facts.label(term), term.value, _prefixed_name(term.value) or ""),
                              term.value[len(namespace):],
                              facts.texts(term, SKOS.definition) + facts.texts(term, RDFS.comment))
                 for term in found)
        return sorted(shown, key=lambda entry: _term_order(entry.term))

    return OntologyPage(
        ontology=facts.show(ontology),
        descriptions=facts.texts(ontology, DCTERMS.description),
        classes=terms("Class"),
        properties=terms("ObjectProperty", "DatatypeProperty"),
        schemes=sorted((facts.show(scheme) for scheme in kinds["ConceptScheme"]), key=_term_order),
    )
