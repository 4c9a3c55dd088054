"""The document model as RDF: one named graph per document, a reference graph, a private graph.

The patterns are those of docs/model.md. Every statement about a source lands in that
document's graph; contact persons land in the private graph only.
"""
from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from .contacts import EMAIL, PHONE
from .folding import name_key
from .ids import IdTable, Uris
from .link.geography import DEPARTEMENT_KINDS, Place, get_geography
from .model import STATEMENT, TEXT, Document, Figure, Organisation, Pole
from .resolution import Ref
from .vocab import (
    ADMS, APPROXIMATION, ESS, IDENTIFIER_TYPE, IGEO, LEGAL_FORM, LOCN, MEASURE, ORG, PARTNER_CATEGORY, PHASE, ROLE, ROV,
    STRUCTURE_TYPE, THEME, UNIT, VCARD, bind_prefixes, scheme_iri, scheme_namespace,
)

# Free-text statements of a pole (Pole.texts) and the ess: property of each.
TEXT_PROPERTIES = {"goal": ESS.goal, "achievement": ESS.achievement, "plannedAction": ESS.plannedAction,
                   "strength": ESS.strength, "weakness": ESS.weakness, "goodPractice": ESS.goodPractice,
                   "function": ESS.function, "governance": ESS.governance}
# Roles whose organisations belong to the pole (org:hasMember), as opposed to partners.
MEMBER_ROLES = {"coordinator", "founding-member", "member", "hosted"}
# Characters an IRI may not hold (RFC 3987): written as %XX, so that any address a text gives is
# valid RDF ("http://example.org/a"b{c}" would break N-Triples and Turtle).
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')


def iri(address: str) -> URIRef:
    """A URIRef for an address read in a text, its forbidden characters percent-encoded."""
    return URIRef(_NOT_IN_IRI.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), address.strip()))


def fr(text: str) -> Literal:
    return Literal(text, lang="fr")


def number(value: Decimal) -> Literal:
    if value == value.to_integral_value():
        return Literal(int(value), datatype=XSD.integer)
    return Literal(value, datatype=XSD.decimal)


# Who gives each kind of identifier: INSEE's Sirene register, the Ministry of the Interior's
# Répertoire national des associations.
_AGENCIES = {"siren": "INSEE", "siret": "INSEE", "rna": "Ministère de l'Intérieur"}

class RdfWriter:
    """Writes documents into a Dataset; collects the places they refer to (for the linkers'
    reference graph)."""

    def __init__(self, dataset: Dataset, uris: Uris, ids: IdTable, resolution=None):
        self.dataset, self.uris, self.ids = dataset, uris, ids
        self.resolution = resolution
        self.places: dict[tuple[str, str], Place] = {}
        self.private = dataset.graph(uris.graph("private"))
        bind_prefixes(dataset)

    # -- URIs of the model's entities --------------------------------------------------------

    # Keys of the id table are qualified by the document: identity across documents is entity
    # resolution's decision (converters.resolution), which gives merged entities one slug.
    def pole_uri(self, pole: Pole) -> URIRef:
        qualifier = pole.place_text or (pole.places[0].place.name if pole.places else None)
        return self.uris.id("pole", self.ids.slug("pole", f"{self.doc.stem}/{pole.key}", pole.name, qualifier))

    def org_uri(self, org: Organisation) -> URIRef:
        qualifier = org.places[0].name if org.places else None
        return self.uris.id("org", self.ids.slug("org", f"{self.doc.stem}/{org.key}", org.name, qualifier))

    def call_uri(self, key: str, name: str) -> URIRef:
        return self.uris.id("call", self.ids.slug("call", f"{self.doc.stem}/{key}", name))

    def _local_slug(self, kind: str, key: str, uri: URIRef) -> str:
        """The slug that names what a document says of an entity (its figures, events, address).
        When entity resolution merged it with another document's, the document's name is added,
        so that two documents never write two values under one figure's URI."""
        slug = str(uri).rsplit("/", 1)[1]
        if self.resolution is None or self.resolution.is_label_source(Ref(kind, self.doc.stem, key)):
            return slug
        return f"{slug}--{self.doc.stem}"

    def _label(self, kind: str, key: str, subject: URIRef, name: str) -> None:
        """skos:prefLabel, or skos:altLabel when another document names the merged entity."""
        source = self.resolution is None or self.resolution.is_label_source(Ref(kind, self.doc.stem, key))
        self.graph.add((subject, SKOS.prefLabel if source else SKOS.altLabel, fr(name)))

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
            g.add((document, RDFS.seeAlso, iri(url)))
        for note in doc.notes:
            g.add((document, SKOS.note, fr(note)))
        for number_, text in doc.private_notes:  # text naming persons: private graph only
            self.private.add((document, SKOS.note, fr(text)))
            self.private.add((self.uris.line(doc.stem, number_), ESS.lineNumber, Literal(number_, datatype=XSD.positiveInteger)))
        for key in doc.publisher_keys:
            g.add((document, DCTERMS.publisher, self.org_uri(doc.organisations[key])))
        for call in doc.calls:
            self._call(call)
        for scheme in doc.schemes:
            self._scheme(scheme)
        for pole in doc.poles:
            self._pole(pole)
        for org in doc.organisations.values():
            self._organisation(org)
        for owner_key, membership in doc.memberships:
            owner = self.org_uri(doc.organisations[owner_key])
            self._membership(owner, str(owner).rsplit("/", 1)[1], membership)
        self._figures(document, f"{doc.stem}", doc.figures)
        for n, (place, figure) in enumerate(doc.place_figures):
            subject = self.place_uri(place) if place is not None else document
            self._figures(subject, f"{doc.stem}--{place.kind}-{place.code}" if place else doc.stem, [figure], start=n)
        for n, (label, within, figure) in enumerate(doc.area_figures):
            area = self.area_uri(label)
            self._declare_area(area, label, within, figure.lines)
            self._figures(area, f"{doc.stem}--area-{str(area).rsplit('/', 1)[1]}", [figure], start=n)
        for whole, part, lines in doc.place_parts:
            g.add((self.place_uri(whole), DCTERMS.hasPart, self.place_uri(part)))
        for n, event in enumerate(doc.events, 1):
            self._event(document, f"{doc.stem}-{n}", event)
        for (scheme, slug), lines in doc.concept_sources.items():
            subject = scheme_iri(scheme) if slug is None else scheme_namespace(scheme)[slug]
            self._provenance(subject, lines)
        for n, contact in enumerate(doc.authority_contacts, 1):
            authority = next((o for o in doc.organisations.values() if o.authority), None)
            if authority is not None:
                self._contact(self.org_uri(authority), f"{str(self.org_uri(authority)).rsplit('/', 1)[1]}-{n}", contact, VCARD.Kind)
        for number_ in sorted({n for n, how in doc.line_use.items()}):
            line = self.uris.line(doc.stem, number_)
            g.add((line, RDF.type, ESS.SourceLine))
            g.add((line, DCTERMS.isPartOf, document))
            g.add((line, ESS.lineNumber, Literal(number_, datatype=XSD.positiveInteger)))
            if doc.line_use[number_] in (STATEMENT, TEXT) and number_ <= len(doc.source_lines):
                # what the line says, for a reader to check a fact against its source (persons masked at publication)
                text = " ".join(doc.source_lines[number_ - 1].split())
                if text and not (EMAIL.search(text) or PHONE.search(text)):  # a line with contacts stays private
                    g.add((line, ESS.lineText, Literal(text[:2000], lang="fr")))

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
        self._figures(uri, str(uri).rsplit("/", 1)[1], call.figures)
        self._provenance(uri, [n for f in call.figures for n in f.lines] + call.lines[:1])

    def scheme_uri(self, scheme) -> URIRef:
        return self.uris.id("scheme", self.ids.slug("scheme", f"{self.doc.stem}/{scheme.key}", scheme.name))

    def _scheme(self, scheme) -> None:
        g = self.graph
        uri = self.scheme_uri(scheme)
        g.add((uri, RDF.type, ESS.SupportScheme))
        if scheme.kind == "call":
            g.add((uri, RDF.type, ESS.CallForProjects))
        g.add((uri, SKOS.prefLabel, fr(scheme.name)))
        if scheme.description:
            g.add((uri, DCTERMS.description, fr(scheme.description)))
        for key in scheme.funder_keys:
            funder = self.org_uri(self.doc.organisations[key])
            g.add((uri, ESS.fundedBy, funder))
            g.add((funder, ESS.supportScheme, uri))
        for key in scheme.operator_keys:
            g.add((uri, ESS.operatedBy, self.org_uri(self.doc.organisations[key])))
        if scheme.since:
            g.add((uri, DCTERMS.issued, Literal(str(scheme.since), datatype=XSD.gYear)))
        if scheme.next_session:
            g.add((uri, ESS.nextSession, fr(scheme.next_session)))
        for url in scheme.homepages:
            g.add((uri, FOAF.homepage, iri(url)))
        self._figures(uri, str(uri).rsplit("/", 1)[1], scheme.figures)
        self._provenance(uri, scheme.lines)

    def _event(self, owner: URIRef, slug: str, event) -> None:
        g = self.graph
        uri = self.uris.id("event", slug)
        g.add((owner, ESS.event, uri))
        g.add((uri, RDF.type, ESS.Event))
        label = event.label if len(event.label) <= 100 else event.label[:99].rstrip() + "…"
        g.add((uri, SKOS.prefLabel, fr(label)))
        if label != event.label:
            g.add((uri, DCTERMS.description, fr(event.label)))
        if event.description:
            g.add((uri, DCTERMS.description, fr(event.description)))
        if event.date:
            g.add((uri, DCTERMS.date, Literal(event.date, datatype=XSD.gYear if len(event.date) == 4 else XSD.date)))
        if event.start:
            g.add((uri, PROV.startedAtTime, Literal(event.start, datatype=XSD.dateTime)))
        if event.end:
            g.add((uri, PROV.endedAtTime, Literal(event.end, datatype=XSD.dateTime)))
        if event.place is not None:
            g.add((uri, DCTERMS.spatial, self.place_uri(event.place)))
        if event.place_text:
            g.add((uri, ESS.territoryText, fr(event.place_text)))
        if event.recurrence:
            g.add((uri, SKOS.note, fr(event.recurrence)))
        self._provenance(uri, event.lines)

    def _pole(self, pole: Pole) -> None:
        g = self.graph
        uri = self.pole_uri(pole)
        slug = self._local_slug("pole", pole.key, uri)
        for cls in ([ESS.PTCE] if pole.kind == "ptce" else []) + [ESS.Pole, ORG.Organization]:
            g.add((uri, RDF.type, cls))
        self._label("pole", pole.key, uri, pole.name)
        for alt in pole.alt_names:
            g.add((uri, SKOS.altLabel, fr(alt)))
        if pole.name_note:
            g.add((uri, SKOS.editorialNote, Literal(pole.name_note, lang="en")))
        if pole.description:
            g.add((uri, DCTERMS.description, fr(pole.description)))
        for note in pole.notes:
            g.add((uri, SKOS.note, fr(note)))
        for theme in pole.themes:
            if theme.known:
                g.add((uri, DCTERMS.subject, THEME[theme.slug]))
            else:  # a theme the scheme lacks is kept as written, never minted into the scheme's namespace
                g.add((uri, ESS.themeText, fr(theme.label)))
        if pole.territory_text:
            g.add((uri, ESS.territoryText, fr(pole.territory_text)))
        for match in self._places_of(pole):
            g.add((uri, DCTERMS.spatial, self.place_uri(match.place)))
        for area in pole.areas:
            if area not in {text for text, _ in self._shared_places(pole)}:  # another document placed it
                self._area(uri, area, pole)
        if pole.region is not None:
            g.add((uri, ESS.region, self.place_uri(pole.region)))
        if pole.phase:
            g.add((uri, ESS.phase, PHASE[pole.phase]))
        if pole.typology:
            g.add((uri, ESS.typology, scheme_namespace("typology")[pole.typology]))
        if pole.status:
            g.add((uri, ESS.status, scheme_namespace("pole-status")[pole.status]))
        if pole.territory_text is None and pole.place_text:
            g.add((uri, ESS.territoryText, fr(pole.place_text)))
        for slug_ in pole.legal_forms:
            g.add((uri, ROV.orgType, LEGAL_FORM[slug_]))
        self._registrations(uri, pole.registrations, pole.legal_form_lines or pole.lines[:1], pole.registration_notes)
        if pole.created:
            g.add((uri, DCTERMS.created, Literal(str(pole.created), datatype=XSD.gYear)))
        if pole.monograph:
            g.add((uri, DCTERMS.description, fr(pole.monograph)))
        for key, values in pole.texts.items():
            for text, _ in values:
                g.add((uri, TEXT_PROPERTIES.get(key, SKOS.note), fr(text)))
        for n, event in enumerate(pole.events, 1):
            self._event(uri, f"{slug}-{n}", event)
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
            [t.lines[0] for t in pole.themes] + pole.description_lines[:1] + pole.created_lines + \
            pole.legal_form_lines + pole.monograph_lines + [n for v in pole.texts.values() for _, n in v]
        self._provenance(uri, lines or pole.lines[:1])

    def _shared_places(self, pole: Pole) -> list:
        """Places resolved with what the other documents of the pole say (resolution)."""
        return self.resolution.places.get(Ref("pole", self.doc.stem, pole.key), []) if self.resolution else []

    def _places_of(self, pole: Pole) -> list:
        return [*pole.places, *(match for _, match in self._shared_places(pole))]

    def area_uri(self, label: str) -> URIRef:
        """A named area is known by its name ("Pays de Bray"), whichever pole or document names it."""
        return self.uris.id("area", self.ids.slug("area", name_key(label), label))

    def _declare_area(self, area: URIRef, label: str, within, lines) -> None:
        g = self.graph
        g.add((area, RDF.type, ESS.NamedArea))
        g.add((area, SKOS.prefLabel, fr(label)))
        if within is not None:
            g.add((area, ESS.within, self.place_uri(within)))
        self._provenance(area, lines)

    def _area(self, pole_uri: URIRef, label: str, pole: Pole) -> None:
        area = self.area_uri(label)
        departements = [m.place for m in self._places_of(pole) if m.place.kind in DEPARTEMENT_KINDS]
        self._declare_area(area, label, departements[0] if len(departements) == 1 else None, pole.territory_lines)
        self.graph.add((pole_uri, DCTERMS.spatial, area))

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
        slug = self._local_slug("org", org.key, uri)
        g.add((uri, RDF.type, ORG.Organization))
        self._label("org", org.key, uri, org.name)
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
        if org.authority:
            g.add((uri, RDF.type, ESS.TerritorialAuthority))
        self._registrations(uri, org.registrations, org.lines, org.registration_notes)
        for url in org.homepages:
            g.add((uri, FOAF.homepage, iri(url)))
        for key in org.laureate_of:
            scheme = next((x for x in self.doc.schemes if x.key == key), None)
            call = next((c for c in self.doc.calls if c.key == key), None)
            if scheme is not None:
                g.add((uri, ESS.laureateOf, self.scheme_uri(scheme)))
            elif call is not None:
                g.add((uri, ESS.laureateOf, self.call_uri(call.key, call.name)))
        for key in org.parent_keys:
            g.add((uri, ORG.subOrganizationOf, self.org_uri(self.doc.organisations[key])))
        for key in org.founder_keys:
            g.add((uri, ESS.foundedBy, self.org_uri(self.doc.organisations[key])))
        for key in org.member_of_keys:
            g.add((uri, ORG.memberOf, self.org_uri(self.doc.organisations[key])))
        if org.seat is not None:
            site = self.uris.id("site", slug)
            g.add((uri, ORG.hasPrimarySite, site))
            g.add((site, RDF.type, ORG.Site))
            g.add((site, ESS.commune, self.place_uri(org.seat)))
            self._provenance(site, org.seat_lines)
        for n, event in enumerate(org.events, 1):
            self._event(uri, f"{slug}-{n}", event)
        self._figures(uri, slug, org.figures)
        self._provenance(uri, org.lines)

    def _registrations(self, owner: URIRef, registrations, lines, notes=None) -> None:
        """SIREN/SIRET and RNA numbers (checked by converters.identifiers) as adms:Identifier; a
        linker's note (SIRENE: score, method, file) as the identifier's skos:editorialNote."""
        g = self.graph
        for kind, number in registrations:
            identifier = self.uris.id("identifier", kind, number)
            g.add((owner, ROV.registration, identifier))
            g.add((identifier, RDF.type, ADMS.Identifier))
            g.add((identifier, SKOS.notation, Literal(number)))
            g.add((identifier, DCTERMS.type, IDENTIFIER_TYPE[kind]))
            g.add((identifier, ADMS.schemeAgency, Literal(_AGENCIES[kind])))
            if notes and (kind, number) in notes:
                g.add((identifier, SKOS.editorialNote, Literal(notes[(kind, number)], lang="en")))
            self._provenance(identifier, lines)

    def _figures(self, owner: URIRef, owner_slug: str, figures: list[Figure], start: int = 0) -> None:
        g = self.graph
        seen: dict[str, int] = {}
        for figure in figures:
            seen[figure.measure] = seen.get(figure.measure, 0) + 1
            n = seen[figure.measure] + start
            suffix = "" if n == 1 else f"-{n}"
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
            if figure.period_years:
                g.add((uri, ESS.referencePeriod, Literal(f"P{figure.period_years}Y", datatype=XSD.duration)))
            for scheme, slug in figure.counted_kinds:
                g.add((uri, ESS.countedKind, scheme_namespace(scheme)[slug]))
            if figure.counted_kind_text:
                g.add((uri, ESS.countedKindText, fr(figure.counted_kind_text)))
            if figure.place is not None:
                place = URIRef(figure.place) if isinstance(figure.place, str) else self.place_uri(figure.place)
                g.add((uri, DCTERMS.spatial, place))
            if figure.funder_key:
                g.add((uri, ESS.funder, self.org_uri(self.doc.organisations[figure.funder_key])))
            if figure.granted_by:
                scheme = next((x for x in self.doc.schemes if x.key == figure.granted_by), None)
                if scheme is not None:
                    g.add((uri, ESS.grantedBy, self.scheme_uri(scheme)))
            if figure.scale_max:
                g.add((uri, ESS.scaleMaximum, Literal(figure.scale_max, datatype=XSD.integer)))
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

    def _contact(self, owner: URIRef, slug: str, contact, kind=VCARD.Individual) -> None:
        p = self.private
        uri = self.uris.id("contact", slug)
        p.add((owner, DCAT.contactPoint, uri))
        p.add((uri, RDF.type, kind))
        for name in contact.names:
            p.add((uri, VCARD.fn, Literal(name)))
        for email in contact.emails:
            p.add((uri, VCARD.hasEmail, iri(f"mailto:{email}")))
        for phone in contact.phones:
            p.add((uri, VCARD.hasTelephone, URIRef("tel:+33" + phone.lstrip("0")) if phone.startswith("0") else URIRef(f"tel:{phone}")))
        for role in contact.roles:
            p.add((uri, VCARD.role, Literal(role)))
        for n in contact.lines:
            p.add((uri, ESS.sourceLine, self.uris.line(self.doc.stem, n)))

    def write_retired(self, graph: Graph) -> None:
        """URIs retired by a merge say which URI replaced them (dcterms:isReplacedBy)."""
        for kind in ("pole", "org"):
            for old, new in sorted(self.ids.retired(kind).items()):
                graph.add((self.uris.id(kind, old), DCTERMS.isReplacedBy, self.uris.id(kind, new)))
