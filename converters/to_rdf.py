"""The document model as RDF: one named graph per document, a reference graph, a private graph.

The patterns are those of docs/model.md. Every statement about a source lands in that
document's graph; contact persons land in the private graph only.
"""
from __future__ import annotations

from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .ids import IdTable, Uris
from .link.geography import Place, get_geography
from .model import Document, Figure, Organisation, Pole
from .vocab import (
    APPROXIMATION, ESS, IGEO, LEGAL_FORM, LOCN, MEASURE, ORG, PARTNER_CATEGORY, PHASE, ROLE, ROV,
    STRUCTURE_TYPE, THEME, UNIT, VCARD, bind_prefixes, scheme_iri,
)

# Roles whose organisations belong to the pole (org:hasMember), as opposed to partners.
MEMBER_ROLES = {"coordinator", "founding-member", "member", "hosted"}
_PLACE_CLASSES = {
    "commune": [IGEO.Commune],
    "arrondissement": [IGEO.ArrondissementMunicipal],
    "departement": [IGEO.Departement],
    "region": [IGEO.Region],
    "former-region": [IGEO.Region, ESS.FormerRegion],
    "epci": [IGEO.Intercommunalite],
    "ept": [IGEO.Intercommunalite],
}


def fr(text: str) -> Literal:
    return Literal(text, lang="fr")


def number(value: Decimal) -> Literal:
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value, datatype=XSD.decimal)


class RdfWriter:
    """Writes documents into a Dataset; collects the places they refer to for the reference graph."""

    def __init__(self, dataset: Dataset, uris: Uris, ids: IdTable):
        self.dataset, self.uris, self.ids = dataset, uris, ids
        self.places: dict[tuple[str, str], Place] = {}
        self.private = dataset.graph(uris.graph("private"))
        bind_prefixes(dataset)

    # -- URIs of the model's entities --------------------------------------------------------

    def pole_uri(self, pole: Pole) -> URIRef:
        return self.uris.id("pole", self.ids.slug("pole", pole.key, pole.name))

    def org_uri(self, org: Organisation) -> URIRef:
        return self.uris.id("org", self.ids.slug("org", org.key, org.name))

    def call_uri(self, key: str, name: str) -> URIRef:
        return self.uris.id("call", self.ids.slug("call", key, name))

    def place_uri(self, place: Place) -> URIRef:
        self.places[(place.kind, place.code)] = place
        return self.uris.place(place.kind, place.code)

    # -- documents --------------------------------------------------------------------------

    def write(self, doc: Document) -> None:
        g = self.dataset.graph(self.uris.graph("document", doc.stem))
        self.graph, self.doc = g, doc
        document = self.uris.document(doc.stem)
        g.add((document, RDF.type, ESS.SourceDocument))
        g.add((document, RDF.type, PROV.Entity))
        if doc.title:
            g.add((document, DCTERMS.title, fr(doc.title)))
        g.add((document, ESS.fileName, Literal(doc.path.name)))
        g.add((document, ESS.sha256, Literal(doc.sha256)))
        g.add((document, ESS.documentKind, Literal(doc.kind)))
        g.add((document, DCTERMS.format, Literal("text/plain")))
        g.add((document, DCTERMS.language, URIRef("http://id.loc.gov/vocabulary/iso639-1/fr")))
        for url in doc.websites:
            g.add((document, RDFS.seeAlso, URIRef(url)))
        for note in doc.notes:
            g.add((document, SKOS.note, fr(note)))
        for key in doc.publisher_keys:
            g.add((document, DCTERMS.publisher, self.org_uri(doc.organisations[key])))
        for call in doc.calls:
            self._call(call)
        for pole in doc.poles:
            self._pole(pole)
        for org in doc.organisations.values():
            self._organisation(org)
        for number_ in sorted({n for n, how in doc.line_use.items()}):
            line = self.uris.line(doc.stem, number_)
            g.add((line, RDF.type, ESS.SourceLine))
            g.add((line, DCTERMS.isPartOf, document))
            g.add((line, ESS.lineNumber, Literal(number_, datatype=XSD.positiveInteger)))

    def _provenance(self, subject: URIRef, lines) -> None:
        self.graph.add((subject, PROV.wasDerivedFrom, self.uris.document(self.doc.stem)))
        for n in sorted(set(lines)):
            self.graph.add((subject, ESS.sourceLine, self.uris.line(self.doc.stem, n)))

    def _call(self, call) -> None:
        g = self.graph
        uri = self.call_uri(call.key, call.name)
        g.add((uri, RDF.type, ESS.CallForProjects))
        g.add((uri, SKOS.prefLabel, fr(call.name)))
        if call.issued:
            g.add((uri, DCTERMS.issued, Literal(call.issued, datatype=XSD.date)))
        if call.results:
            g.add((uri, ESS.resultsDate, Literal(call.results, datatype=XSD.date)))
        if call.period:
            g.add((uri, DCTERMS.temporal, Literal(call.period)))
        if call.description:
            g.add((uri, DCTERMS.description, fr(call.description)))
        for key in call.funder_keys:
            g.add((uri, ESS.fundedBy, self.org_uri(self.doc.organisations[key])))
        self._figures(uri, self.ids.slug("call", call.key, call.name), call.figures)
        self._provenance(uri, [n for f in call.figures for n in f.lines] + call.lines[:1])

    def _pole(self, pole: Pole) -> None:
        g = self.graph
        uri = self.pole_uri(pole)
        slug = str(uri).rsplit("/", 1)[1]
        for cls in ([ESS.PTCE] if pole.kind == "ptce" else []) + [ESS.Pole, ORG.Organization]:
            g.add((uri, RDF.type, cls))
        g.add((uri, SKOS.prefLabel, fr(pole.name)))
        for alt in pole.alt_names:
            g.add((uri, SKOS.altLabel, fr(alt)))
        if pole.name_note:
            g.add((uri, SKOS.editorialNote, Literal(pole.name_note, lang="en")))
        if pole.description:
            g.add((uri, DCTERMS.description, fr(pole.description)))
        for note in pole.notes:
            g.add((uri, SKOS.note, fr(note)))
        for theme in pole.themes:
            concept = THEME[theme.slug]
            g.add((uri, DCTERMS.subject, concept))
            if not theme.known:  # a theme the scheme lacks: declared here, from this document
                g.add((concept, RDF.type, SKOS.Concept))
                g.add((concept, SKOS.inScheme, scheme_iri("theme")))
                g.add((concept, SKOS.prefLabel, fr(theme.label)))
                self._provenance(concept, theme.lines)
        if pole.territory_text:
            g.add((uri, ESS.territoryText, fr(pole.territory_text)))
        for match in pole.places:
            g.add((uri, DCTERMS.spatial, self.place_uri(match.place)))
        for area in pole.areas:
            self._area(uri, area, pole)
        if pole.region is not None:
            g.add((uri, ESS.region, self.place_uri(pole.region)))
        if pole.phase:
            g.add((uri, ESS.phase, PHASE[pole.phase]))
        if pole.laureate_of:
            call = next(c for c in self.doc.calls if c.key == pole.laureate_of)
            g.add((uri, ESS.laureateOf, self.call_uri(call.key, call.name)))
        self._figures(uri, slug, pole.figures)
        if pole.address:
            self._address(uri, slug, pole.address)
        for membership in pole.memberships:
            self._membership(uri, slug, membership)
        for n, contact in enumerate(pole.contacts, 1):
            self._contact(uri, f"{slug}-{n}", contact)
        lines = pole.name_lines + pole.region_lines + pole.territory_lines + pole.phase_lines + \
            [t.lines[0] for t in pole.themes] + pole.description_lines[:1] or pole.lines[:1]
        self._provenance(uri, lines or pole.lines[:1])

    def _area(self, pole_uri: URIRef, label: str, pole: Pole) -> None:
        g = self.graph
        key = f"{pole.key}/{label}"
        area = self.uris.id("area", self.ids.slug("area", key, label))
        g.add((area, RDF.type, ESS.NamedArea))
        g.add((area, SKOS.prefLabel, fr(label)))
        departements = [m.place for m in pole.places if m.place.kind == "departement"]
        if len(departements) == 1:
            g.add((area, ESS.within, self.place_uri(departements[0])))
        g.add((pole_uri, DCTERMS.spatial, area))
        self._provenance(area, pole.territory_lines)

    def _membership(self, pole_uri: URIRef, pole_slug: str, membership) -> None:
        g = self.graph
        org = self.doc.organisations[membership.org_key]
        org_uri = self.org_uri(org)
        org_slug = str(org_uri).rsplit("/", 1)[1]
        uri = self.uris.id("membership", f"{pole_slug}--{org_slug}--{membership.role}")
        g.add((uri, RDF.type, ORG.Membership))
        g.add((uri, ORG.organization, pole_uri))
        g.add((uri, ORG.member, org_uri))
        g.add((uri, ORG.role, ROLE[membership.role]))
        if membership.category:
            g.add((uri, ESS.partnerCategory, PARTNER_CATEGORY[membership.category]))
        if membership.heading:
            g.add((uri, ESS.categoryHeading, fr(membership.heading)))
        if membership.note:
            g.add((uri, SKOS.editorialNote, Literal(membership.note, lang="en")))
        if membership.role in MEMBER_ROLES:
            g.add((pole_uri, ORG.hasMember, org_uri))
            g.add((org_uri, ORG.memberOf, pole_uri))
        self._provenance(uri, membership.lines)

    def _organisation(self, org: Organisation) -> None:
        g = self.graph
        uri = self.org_uri(org)
        slug = str(uri).rsplit("/", 1)[1]
        g.add((uri, RDF.type, ORG.Organization))
        g.add((uri, SKOS.prefLabel, fr(org.name)))
        for alt in org.alt_names:
            g.add((uri, SKOS.altLabel, fr(alt)))
        for slug_ in org.legal_forms:
            g.add((uri, ROV.orgType, LEGAL_FORM[slug_]))
        for text in org.legal_form_texts:
            g.add((uri, ESS.legalFormText, fr(text)))
        for slug_ in org.structure_types:
            g.add((uri, ORG.classification, STRUCTURE_TYPE[slug_]))
        for text in org.descriptions:
            g.add((uri, DCTERMS.description, fr(text)))
        for note in org.notes:
            g.add((uri, SKOS.editorialNote, Literal(note, lang="en")))
        if org.created:
            g.add((uri, DCTERMS.created, Literal(str(org.created), datatype=XSD.gYear)))
        for place in org.places:
            g.add((uri, DCTERMS.spatial, self.place_uri(place)))
        self._figures(uri, slug, org.figures)
        self._provenance(uri, org.lines)

    def _figures(self, owner: URIRef, owner_slug: str, figures: list[Figure]) -> None:
        g = self.graph
        seen: dict[str, int] = {}
        for figure in figures:
            seen[figure.measure] = seen.get(figure.measure, 0) + 1
            suffix = "" if seen[figure.measure] == 1 else f"-{seen[figure.measure]}"
            uri = self.uris.id("figure", f"{owner_slug}--{figure.measure}{suffix}")
            g.add((owner, ESS.figure, uri))
            g.add((uri, RDF.type, ESS.Figure))
            g.add((uri, ESS.measure, MEASURE[figure.measure]))
            g.add((uri, RDF.value, number(figure.value)))
            g.add((uri, ESS.unit, UNIT[figure.unit]))
            g.add((uri, ESS.approximation, APPROXIMATION[figure.approximation]))
            g.add((uri, ESS.statedAs, fr(figure.stated_as)))
            if figure.per_year:
                g.add((uri, ESS.referencePeriod, Literal("P1Y", datatype=XSD.duration)))
            if figure.is_target:
                g.add((uri, ESS.isTarget, Literal(True)))
            if figure.year:
                g.add((uri, DCTERMS.date, Literal(str(figure.year), datatype=XSD.gYear)))
            self._provenance(uri, figure.lines)

    def _address(self, owner: URIRef, owner_slug: str, address) -> None:
        g = self.graph
        uri = self.uris.id("address", owner_slug)
        g.add((owner, LOCN.address, uri))
        g.add((uri, RDF.type, LOCN.Address))
        g.add((uri, LOCN.fullAddress, Literal(address.full)))
        for prop, value in ((LOCN.thoroughfare, address.thoroughfare), (LOCN.poBox, address.po_box),
                            (LOCN.postCode, address.postcode), (LOCN.postName, address.post_name)):
            if value:
                g.add((uri, prop, Literal(value)))
        if address.commune is not None:
            g.add((uri, ESS.commune, self.place_uri(address.commune)))
        self._provenance(uri, address.lines)

    def _contact(self, pole_uri: URIRef, slug: str, contact) -> None:
        p = self.private
        uri = self.uris.id("contact", slug)
        p.add((pole_uri, DCAT.contactPoint, uri))
        p.add((uri, RDF.type, VCARD.Individual))
        for name in contact.names:
            p.add((uri, VCARD.fn, Literal(name)))
        for email in contact.emails:
            p.add((uri, VCARD.hasEmail, URIRef(f"mailto:{email}")))
        for phone in contact.phones:
            p.add((uri, VCARD.hasTelephone, URIRef("tel:+33" + phone.lstrip("0")) if phone.startswith("0") else URIRef(f"tel:{phone}")))
        for role in contact.roles:
            p.add((uri, VCARD.role, Literal(role)))
        for n in contact.lines:
            p.add((uri, ESS.sourceLine, self.uris.line(self.doc.stem, n)))

    # -- reference data ---------------------------------------------------------------------

    def write_places(self, graph: Graph) -> None:
        """Every place the documents refer to, with its parents up to the région."""
        geo = get_geography()
        todo = list(self.places.values())
        done: set[tuple[str, str]] = set()
        while todo:
            place = todo.pop()
            if (place.kind, place.code) in done:
                continue
            done.add((place.kind, place.code))
            uri = self.uris.place(place.kind, place.code)
            for cls in _PLACE_CLASSES[place.kind]:
                graph.add((uri, RDF.type, cls))
            graph.add((uri, IGEO.codeINSEE, Literal(place.code)))
            graph.add((uri, IGEO.nom, Literal(place.name)))
            graph.add((uri, SKOS.prefLabel, fr(place.name)))
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
                graph.add((uri, relation, self.uris.place(parent.kind, parent.code)))
                todo.append(parent)
