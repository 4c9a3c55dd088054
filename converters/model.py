"""The document model: what a converter understood of a source document, with line numbers.

Converters of every kind fill these dataclasses; `to_rdf` turns them into RDF. Every piece keeps
the 1-based numbers of the source lines it came from, so provenance goes down to the line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .errors import Diagnostic

# What became of a non-empty source line (the "nothing lost" accounting).
STATEMENT = "statement"  # gave at least one statement (triple) beyond plain text
TEXT = "text"  # kept verbatim inside a text literal (a description)
PRIVATE = "private"  # gave statements of the private graph only (contact persons)
BOILERPLATE = "boilerplate"  # page chrome: menus, share buttons, repeated titles, page numbers


@dataclass
class Figure:
    measure: str  # concept slug of the measure scheme ("fte", "meals-served"...)
    value: Decimal
    unit: str  # concept slug of the unit scheme
    stated_as: str  # the words of the source ("environ 650 000 repas servis par an")
    lines: list[int]
    approximation: str = "exact"  # concept slug of the approximation scheme
    per_year: bool = False
    is_target: bool = False
    year: int | None = None
    period_years: int | None = None  # "en 4 ans", "à 3 ans"
    counted_kinds: list[tuple[str, str]] = field(default_factory=list)  # (scheme, slug) of what is counted
    counted_kind_text: str | None = None  # what is counted, as written, when no concept says it
    place: object | None = None  # where it was counted: a geography.Place or an IRI string
    funder_key: str | None = None  # organisation that provides the amount
    granted_by: str | None = None  # key of the support scheme that granted it
    scale_max: int | None = None  # 5 for "3/5"


@dataclass
class Organisation:
    key: str  # identity within the document (see ids.org_key)
    name: str
    lines: set[int] = field(default_factory=set)
    alt_names: list[str] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)  # legal-form concept slugs
    legal_form_texts: list[str] = field(default_factory=list)  # as written
    structure_types: list[str] = field(default_factory=list)  # structure-type concept slugs
    descriptions: list[str] = field(default_factory=list)
    created: int | None = None
    figures: list[Figure] = field(default_factory=list)
    places: list = field(default_factory=list)  # geography.Place the organisation is tied to
    notes: list[str] = field(default_factory=list)  # why something was inferred
    homepages: list[str] = field(default_factory=list)
    registrations: list[tuple[str, str]] = field(default_factory=list)  # ("siren"|"siret"|"rna", number), checked
    registration_notes: dict[tuple[str, str], str] = field(default_factory=dict)  # how a linker found one (SIRENE)
    laureate_of: list[str] = field(default_factory=list)  # keys of calls / support schemes
    authority: bool = False  # a territorial authority supporting the SSE (ess:TerritorialAuthority)
    events: list["Event"] = field(default_factory=list)
    parent_keys: list[str] = field(default_factory=list)  # organisations it is a part of (org:subOrganizationOf)
    founder_keys: list[str] = field(default_factory=list)  # organisations that created it
    member_of_keys: list[str] = field(default_factory=list)  # networks it belongs to (org:memberOf)
    seat: object | None = None  # commune of its seat (geography.Place)
    seat_lines: list[int] = field(default_factory=list)

    def add_alt_name(self, name: str) -> None:
        if name and name != self.name and name not in self.alt_names:
            self.alt_names.append(name)


@dataclass
class Membership:
    org_key: str
    role: str  # concept slug of the role scheme
    lines: list[int]
    category: str | None = None  # concept slug of the partner-category scheme
    heading: str | None = None  # the sub-heading as written
    note: str | None = None  # why, when the membership was inferred


@dataclass
class Event:
    label: str  # what happened, as written
    lines: list[int]
    date: str | None = None  # ISO date "2023-11-09" or year "2010"
    start: str | None = None  # ISO date-time
    end: str | None = None
    place: object | None = None  # geography.Place
    place_text: str | None = None  # a place not resolved ("Courtabœuf", "ESS Club de Villejuif")
    recurrence: str | None = None  # "chaque année en novembre"
    description: str | None = None


@dataclass
class SupportScheme:
    key: str
    name: str
    lines: list[int]
    kind: str = "scheme"  # "call" (a call for projects) or "scheme"
    description: str | None = None
    funder_keys: list[str] = field(default_factory=list)
    operator_keys: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    since: int | None = None
    next_session: str | None = None
    homepages: list[str] = field(default_factory=list)
    partner_scheme: bool = False  # a scheme of a partner (national DLA), not of the authority
    operations: list[tuple[str, object]] = field(default_factory=list)  # (operator key, département)
    laureate_count: int | None = None


@dataclass
class Contact:
    names: list[str]
    emails: list[str]
    phones: list[str]
    roles: list[str]
    lines: list[int]


@dataclass
class Address:
    full: str
    thoroughfare: str | None
    po_box: str | None
    postcode: str | None
    post_name: str | None
    commune: object | None  # geography.Place
    lines: list[int]


@dataclass
class Theme:
    label: str  # as written
    slug: str  # concept slug in the theme scheme (minted when new)
    known: bool  # False when the scheme had no such theme
    lines: list[int]


@dataclass
class Pole:
    key: str
    name: str
    lines: list[int]  # first and last line of the fiche
    kind: str = "pole"  # "ptce" or "pole"
    alt_names: list[str] = field(default_factory=list)
    description: str | None = None
    description_lines: list[int] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    territory_text: str | None = None
    territory_lines: list[int] = field(default_factory=list)
    places: list = field(default_factory=list)  # geography.Place, in text order
    areas: list[str] = field(default_factory=list)  # named non-administrative areas
    region: object | None = None  # geography.Place from a région header
    region_lines: list[int] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    address: Address | None = None
    contacts: list[Contact] = field(default_factory=list)
    phase: str | None = None
    phase_lines: list[int] = field(default_factory=list)
    laureate_of: str | None = None  # call key
    name_lines: list[int] = field(default_factory=list)
    name_note: str | None = None  # when the label was built, not read
    notes: list[str] = field(default_factory=list)  # text of the fiche kept as it is
    typology: str | None = None  # concept slug of the 2010 study's typology
    status: str | None = None  # concept slug of the pole-status scheme
    place_text: str | None = None  # the place as written next to the name (study lists)
    extra_place_texts: list[tuple[str, int]] = field(default_factory=list)
    unresolved_places: list[tuple[str, int, str]] = field(default_factory=list)  # (text, line, problem)
    monograph: str | None = None
    monograph_lines: list[int] = field(default_factory=list)
    created: int | None = None
    created_lines: list[int] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)  # when the pole is itself a legal person
    legal_form_lines: list[int] = field(default_factory=list)
    registrations: list[tuple[str, str]] = field(default_factory=list)  # its SIREN/SIRET/RNA, checked
    registration_notes: dict[tuple[str, str], str] = field(default_factory=dict)  # how a linker found one (SIRENE)
    events: list[Event] = field(default_factory=list)
    texts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # ess property -> [(text, line)]

    def add_alt_name(self, name: str) -> None:
        if name and name != self.name and name not in self.alt_names:
            self.alt_names.append(name)


@dataclass
class Call:
    key: str
    name: str
    lines: list[int]
    issued: str | None = None  # ISO date
    results: str | None = None  # ISO date
    period: str | None = None  # "2013-2014"
    description: str | None = None
    figures: list[Figure] = field(default_factory=list)
    funder_keys: list[str] = field(default_factory=list)


@dataclass
class Document:
    path: Path
    kind: str
    title: str
    sha256: str
    line_count: int
    nonempty_lines: set[int]
    poles: list[Pole] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    line_use: dict[int, str] = field(default_factory=dict)
    source_lines: tuple[str, ...] = ()  # the text, line by line: the public lines are published (masked)
    figures: list[Figure] = field(default_factory=list)  # figures the document states of itself (a study)
    place_figures: list[tuple[object, Figure]] = field(default_factory=list)  # (geography.Place, figure)
    schemes: list[SupportScheme] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)  # events of no pole (a territory's)
    place_parts: list[tuple[object, object, list[int]]] = field(default_factory=list)  # (whole, part, lines)
    concept_sources: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # concepts the document defines
    memberships: list[tuple[str, Membership]] = field(default_factory=list)  # (organisation key, membership) of non-poles
    authority_contacts: list[Contact] = field(default_factory=list)  # service mailboxes: private
    pending_regions: bool = False  # a converter's state: a list announced, on the next line
    publisher_keys: list[str] = field(default_factory=list)  # organisations that publish it
    websites: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # document-level text kept as it is
    private_notes: list[tuple[int, str]] = field(default_factory=list)  # text naming persons
    persons: list[str] = field(default_factory=list)  # names of natural persons: masked in every public text
    area_figures: list[tuple[str, object, "Figure"]] = field(default_factory=list)  # (area label, within, figure)
    explanation: dict[int, list[str]] = field(default_factory=dict)  # line -> what the rules found there
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.path.stem

    def use(self, lines, how: str) -> None:
        """Record what became of source lines; a statement outranks text, text the rest."""
        rank = {STATEMENT: 3, TEXT: 2, PRIVATE: 1, BOILERPLATE: 0}
        for n in lines:
            if n not in self.line_use or rank[how] > rank[self.line_use[n]]:
                self.line_use[n] = how

    def warn(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", str(self.path), line, message))

    def info(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("info", str(self.path), line, message))

    def dropped_lines(self) -> list[int]:
        return sorted(n for n in self.nonempty_lines if n not in self.line_use)
