"""A territory's brochure as the document model: the authority of the territory (an
ess:TerritorialAuthority with its territory, communes, figures, seat, homepage and service
mailboxes), the support schemes it funds or its partners run, its partners (org:Membership), the
laureates of its call, the clubs, events and organisations the brochure shows.

`assemble` walks the segments in order with the facts the kind's rules found in each. A heading
that presents a scheme or an organisation makes it the subject the next lines speak of (a website,
an operator, a grant, a next session) until the next such heading or the next section. Every
other segment is kept as text, in the private graph when it names a person; the reader's
accounting of the lines becomes the document's."""
from __future__ import annotations

import re

from ...folding import name_key
from ...mentions import parse_mention
from ...model import Contact, Document, Membership, Organisation, SupportScheme
from ...organisations import OrganisationIndex
from ...reading.reader import PRIVATE, STATEMENT, TEXT, Reading, explain
from ...reading.source import clean
from ...rules.facts import ContactFact, Person, PlaceRef, Quantity, Website
from . import schemes, territory
from .captions import TO_THE_READER
from .clubs import NETWORK
from .facts import (
    Branch, CallFigures, Caption, Category, Clubs, CommuneList, DatedEvent, Laureates, NextSession, Operator, PartnerHeading,
    Presentation, SchemeHeading, Seat, Support, Testimony,
)

PARTNERS = "Les partenaires du territoire"  # the heading of a partner's membership
_ALSO_TEXT = (Quantity, Seat, Operator, Presentation, Testimony, Support, Clubs, Caption)  # their segment is text too


def assemble(reading: Reading, kind: str, sections: dict[int, str], found: dict[int, list]) -> Document:
    builder = _Builder(reading, kind)
    live = reading.live
    if live:
        builder.title(live[0])
    for seg in live[1:]:
        builder.read(seg, sections.get(seg.index), found.get(seg.index, []))
    return builder.finish()


class _Builder:
    def __init__(self, reading: Reading, kind: str):
        source = reading.source
        self.reading, self.source = reading, source
        self.doc = Document(path=source.path, kind=kind, title="", sha256=source.sha256, line_count=len(source.lines),
                            nonempty_lines=source.nonempty())
        self.doc.diagnostics.extend(source.diagnostics)
        self.doc.persons = reading.persons()
        self.orgs = OrganisationIndex(self.doc)
        self.territory = territory.of(reading.context)
        self.scope = f"territory/{name_key(self.territory.name)}" if self.territory else "territory"
        self.authority: Organisation | None = None
        self.section = self.subject = self.parent = self.heading = None
        self.read_by_events: set[int] = set()
        self.handlers = {  # what each fact says; False when the brochure gave it nothing to speak of
            Quantity: self.territory_figure, Seat: self.seat, CommuneList: self.communes, SchemeHeading: self.scheme_heading,
            CallFigures: self.call_figures, Laureates: self.laureates, Testimony: self.testimony, Support: self.support,
            PartnerHeading: self.partner_heading, Branch: self.branch, Category: self.category, Operator: self.operator,
            Presentation: self.presentation, Clubs: self.clubs, DatedEvent: self.event, NextSession: self.next_session,
            Caption: self.caption,
        }

    def title(self, seg) -> None:
        self.doc.title = seg.text
        self.reading.claim(seg.lines, STATEMENT)
        if self.territory is None:
            return
        mention = parse_mention(territory.authority_name(self.territory), seg.lines, named=True)
        if self.territory.kind == "ept":
            mention.legal_forms.append("etablissement-public-territorial")
        self.authority = self.orgs.add(mention, self.scope)
        self.authority.authority = True
        self.authority.places.append(self.territory)

    def read(self, seg, section: str | None, facts: list) -> None:
        if seg.index in self.read_by_events:
            return
        if section != self.section:
            self.section, self.subject = section, None
        shared = self.reading.facts_in(seg)
        contacts = [f.contact for f in shared if isinstance(f, ContactFact)]
        sites = [f for f in shared if isinstance(f, Website) and f.start <= 1 and f.end >= len(seg.text) - 1]
        if contacts:  # the mailboxes of the authority's services: contact points, private like every e-mail
            self.doc.authority_contacts += [Contact([], c.emails, c.phones, [], seg.lines) for c in contacts]
            self.reading.claim(seg.lines, PRIVATE)
        elif sites:  # an address alone on its line: the homepage of what the line above presents
            target = self.subject or self.authority
            (target.homepages if target is not None else self.doc.websites).append(sites[0].url)
            self.reading.claim(seg.lines, STATEMENT)
        elif any([self.handlers[type(f)](f, seg) for f in facts]):
            self.reading.claim(seg.lines, STATEMENT)
            if any(isinstance(f, _ALSO_TEXT) for f in facts):
                self.keep_text(seg)
        else:
            if self.known(seg):
                self.reading.claim(seg.lines, STATEMENT)
            self.keep_text(seg)

    def finish(self) -> Document:
        for n, how in self.reading.use.items():
            self.doc.use([n], how)  # the reader and the model name the uses of a line alike
        self.doc.explanation = explain(self.reading)
        return self.doc

    # -- helpers ---------------------------------------------------------------------------------

    def keep_text(self, seg) -> None:
        """The segment as a public note of the document (the names of persons masked when the RDF
        is written), and whole in the private graph when it names a person."""
        if self.reading.facts_in(seg, Person):
            self.doc.private_notes += [(n, clean(self.source.line(n))) for n in seg.lines]
        self.doc.notes.append(seg.text)
        self.reading.claim(seg.lines, TEXT)

    def known(self, seg) -> list[Organisation]:
        """Organisations already met that the segment names again: the line is part of their
        provenance, and the communes it gives them are theirs."""
        if TO_THE_READER.match(seg.text) or seg.text.isupper():
            return []
        places = [p.place for p in self.reading.facts_in(seg, PlaceRef) if p.place is not None and p.place.kind == "commune"]
        known = [o for o in self.doc.organisations.values()
                 if o is not self.authority and re.search(rf"\b{re.escape(o.name)}\b", seg.text)]
        for org in known:
            org.places += [p for p in places if p not in org.places]
            org.lines.update(seg.lines)
        return known

    def partner(self, org: Organisation, lines: list[int], heading: str | None) -> None:
        if self.authority is None or org is self.authority:
            return
        for key, membership in self.doc.memberships:
            if key == self.authority.key and membership.org_key == org.key:
                membership.lines = sorted(set(membership.lines) | set(lines))
                return
        self.doc.memberships.append((self.authority.key, Membership(org.key, "partner", list(lines), heading=heading)))

    def scheme(self, key: str, label: str, lines: list[int], kind: str = "scheme") -> SupportScheme:
        found = next((s for s in self.doc.schemes if s.key == key), None)
        if found is not None:
            found.lines += lines
            return found
        self.doc.schemes.append(SupportScheme(key=key, name=label, lines=list(lines), kind=kind))
        return self.doc.schemes[-1]

    def call(self) -> SupportScheme | None:
        return next((s for s in self.doc.schemes if s.kind == "call"), None)

    def figure(self, figure, seg, fact) -> object:
        figure.lines = seg.lines_at(fact.start, fact.end)
        return figure

    # -- what each fact says ---------------------------------------------------------------------

    def territory_figure(self, q, seg) -> bool:
        self.doc.place_figures.append((self.territory, self.figure(q.figure, seg, q)))
        return True

    def seat(self, fact, seg) -> bool:
        if self.authority is not None:
            self.authority.seat, self.authority.seat_lines = fact.place, seg.lines_at(fact.start, fact.end)
        return True

    def communes(self, fact, seg) -> bool:
        lines = seg.lines_at(fact.start, fact.end)
        self.doc.place_figures.append((self.territory, self.figure(fact.figure, seg, fact)))
        self.doc.place_parts += [(self.territory, commune, lines) for commune in fact.communes]
        for name, problem in fact.unresolved:
            self.doc.warn(lines[0], f"commune {name!r} not resolved: {problem}")
        if fact.listed != fact.figure.value:
            self.doc.warn(lines[0], f"the text announces {fact.figure.value} communes of {fact.where} and lists {fact.listed}")
        return True

    def scheme_heading(self, fact, seg) -> bool:
        scheme = self.scheme(fact.scheme, fact.label, seg.lines, fact.kind)
        scheme.description = scheme.description or fact.description
        scheme.partner_scheme = fact.partner
        if not fact.partner and self.authority is not None and self.authority.key not in scheme.funder_keys:
            scheme.funder_keys.append(self.authority.key)
        self.subject = scheme
        return True

    def call_figures(self, fact, seg) -> bool:
        call = self.call() or self.scheme(fact.scheme, fact.label, seg.lines, "call")
        for figure in fact.figures:
            if figure.measure != "laureates" or not any(f.measure == "laureates" for f in call.figures):
                call.figures.append(self.figure(figure, seg, fact))
        call.since = fact.since or call.since
        self.subject = call
        return True

    def laureates(self, fact, seg) -> bool:
        call = self.call() or self.scheme(*schemes.call(self.reading.context), seg.lines, "call")
        seen: set[str] = set()
        for mention in fact.mentions:
            org = self.orgs.add(mention, self.scope)
            if org.key in seen:
                self.doc.info(seg.lines[0], f"{org.name!r} is listed twice among the laureates: one organisation")
            seen.add(org.key)
            org.laureate_of += [] if call.key in org.laureate_of else [call.key]
            org.lines.update(seg.lines)
        call.laureate_count = len(seen)
        announced = next((int(f.value) for f in call.figures if f.measure == "laureates"), None)
        if announced is not None and announced != len(seen):
            self.doc.warn(seg.lines[0], f"the brochure announces {announced} laureates and lists {len(seen)} organisations")
        return True

    def testimony(self, fact, seg) -> bool:
        self.subject = self.orgs.add(fact.mention, self.scope)
        self.subject.descriptions.append(fact.tagline)
        return True

    def support(self, fact, seg) -> bool:
        org, call = self.subject, self.call()
        if not isinstance(org, Organisation) or org is self.authority:
            return False
        if fact.grant is not None:
            fact.grant.granted_by = call.key if call else None
            org.figures.append(self.figure(fact.grant, seg, fact))
            org.laureate_of += [] if call is None or call.key in org.laureate_of else [call.key]
        org.places += [p for p in fact.places if p not in org.places]
        org.created = fact.created or org.created
        org.structure_types += [t for t in fact.structure_types if t not in org.structure_types]
        org.figures += fact.figures
        org.lines.update(seg.lines)
        return True

    def partner_heading(self, fact, seg) -> bool:
        org = self.orgs.add(fact.mention, self.scope)
        self.heading, self.parent, self.subject = None, org, org
        self.partner(org, seg.lines, PARTNERS)
        return True

    def branch(self, fact, seg) -> bool:
        org = self.orgs.add(fact.mention, self.scope)
        org.places += [] if fact.departement in org.places else [fact.departement]
        if self.parent is not None and self.parent is not org and self.parent.key not in org.parent_keys:
            org.parent_keys.append(self.parent.key)
        self.partner(org, seg.lines, self.heading)
        self.subject = org
        return True

    def category(self, fact, seg) -> bool:
        self.heading, self.subject, self.parent = fact.text, None, None
        return True

    def operator(self, fact, seg) -> bool:
        scheme = self.subject
        if not isinstance(scheme, SupportScheme):
            return False
        org = self.orgs.add(fact.mention, self.scope)
        if fact.departement is not None:
            scheme.operations.append((org.key, fact.departement))
        scheme.operator_keys += [] if org.key in scheme.operator_keys else [org.key]
        org.places += [p for p in fact.places if p not in org.places]
        org.founder_keys += [self.orgs.add(m, self.scope).key for m in fact.founders]
        self.partner(org, seg.lines, scheme.name)
        return True

    def presentation(self, fact, seg) -> bool:
        org = self.orgs.add(fact.mention, self.scope)
        self.partner(org, seg.lines, self.heading)
        self.subject = org
        return True

    def clubs(self, fact, seg) -> bool:
        for town, club, problem in fact.unresolved:
            self.doc.warn(seg.lines[0], f"commune {town!r} of the club {club!r} not resolved: {problem}")
        for mention in fact.mentions:
            club = self.orgs.add(mention, self.scope)
            # the clubs belong to their network: an organisation of their type, named after it, of no year
            network = next((o for o in self.doc.organisations.values() if o is not club and NETWORK in o.structure_types
                            and not o.created and name_key(o.name).startswith(NETWORK)), None)
            if network is not None and network.key not in club.member_of_keys:
                club.member_of_keys.append(network.key)
        return True

    def event(self, fact, seg) -> bool:
        if fact.at_seat and self.authority is not None and self.authority.seat is not None:
            fact.event.place = self.authority.seat
        self.doc.events.append(fact.event)
        for index in fact.statements:
            self.reading.claim(self.reading.segments[index].lines, STATEMENT)
        for index in fact.descriptions:
            self.keep_text(self.reading.segments[index])
        self.read_by_events.update(fact.statements + fact.descriptions)
        return True

    def next_session(self, fact, seg) -> bool:
        if not isinstance(self.subject, SupportScheme):
            return False
        self.subject.next_session = fact.text
        self.subject.lines += seg.lines
        return True

    def caption(self, fact, seg) -> bool:
        known = self.known(seg)
        for mention in fact.mentions:
            mention.places += fact.places
            self.orgs.add(mention, self.scope)
        return bool(known or fact.mentions)
