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
    publisher_keys: list[str] = field(default_factory=list)  # organisations that publish it
    websites: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # document-level text kept as it is
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.path.stem

    def use(self, lines, how: str) -> None:
        """Record what became of source lines; a statement outranks text."""
        for n in lines:
            if how == STATEMENT or n not in self.line_use:
                self.line_use[n] = how

    def warn(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", str(self.path), line, message))

    def info(self, line: int | None, message: str) -> None:
        self.diagnostics.append(Diagnostic("info", str(self.path), line, message))

    def dropped_lines(self) -> list[int]:
        return sorted(n for n in self.nonempty_lines if n not in self.line_use)
