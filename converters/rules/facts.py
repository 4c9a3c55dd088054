"""What a rule finds: typed facts, each with its place in the segment it was read from.

Every fact keeps `start`/`end` (character offsets in the segment's text), the words as written and
the rule that found it; the reader adds the segment's index, from which the source lines follow
(`Segment.lines_at`). `key()` is a short text of what the fact says, used by the rules' example
tables and by `essreg convert --explain`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Fact:
    start: int
    end: int
    text: str  # the words of the source
    rule: str  # the rule (module) that found it, and how
    segment: int = -1  # set by the reader

    def key(self) -> str:
        return self.text


@dataclass
class Person(Fact):
    name: str = ""

    def key(self) -> str:
        return f"person {self.name}"


@dataclass
class OrgName(Fact):
    mention: object = None  # mentions.Mention: name, legal forms, structure types, acronyms...

    def key(self) -> str:
        forms = sorted(self.mention.legal_forms + self.mention.structure_types)
        return f"org {self.mention.name}" + (f" [{', '.join(forms)}]" if forms else "")


@dataclass
class PlaceRef(Fact):
    place: object = None  # link.geography.Place, or None for a named area only
    area: str | None = None  # a named area the text names ("Pays de Lorient", "Centre-Bretagne")
    how: str = ""

    def key(self) -> str:
        where = f"{self.place.kind}:{self.place.code}" if self.place is not None else "area"
        return f"place {where}" + (f" ({self.area})" if self.area else "")


@dataclass
class Quantity(Fact):
    figure: object = None  # model.Figure
    of_territory: bool = False  # a figure of a place, not of the subject ("l'ESS représente 15 %...")

    def key(self) -> str:
        f = self.figure
        what = f.measure if f.measure != "count" else f"count of {f.counted_kind_text}"
        return f"figure {what}={f.value}" + (" (territory)" if self.of_territory else "")


@dataclass
class RoleCue(Fact):
    role: str = ""  # concept slug of the role scheme
    direction: str = "after"  # "after": the organisations follow the cue ("porté par X"); "before": "X porte..."

    def key(self) -> str:
        return f"role {self.role} {self.direction}"


@dataclass
class PoleName(Fact):
    name: str = ""
    kind: str = "pole"  # "ptce" or "pole"
    strength: int = 1  # 3: the text says it is a pole ("le PTCE X"); 2: a pole-like title; 1: a subject only
    alt_names: list[str] = field(default_factory=list)

    def key(self) -> str:
        return f"pole {self.name}"


@dataclass
class SubjectForm(Fact):
    """A legal form or structure type the text gives its subject without naming it ("Sous statut
    associatif, il regroupe...", "c'est à la fois une association et un lieu")."""
    legal_form: str | None = None
    structure_type: str | None = None

    def key(self) -> str:
        return f"subject-form {self.legal_form or self.structure_type}"


@dataclass
class Identifier(Fact):
    registration: object = None  # identifiers.Registration

    def key(self) -> str:
        r = self.registration
        return f"identifier {r.kind} {r.number}" + ("" if r.valid else " (invalid)")


@dataclass
class ContactFact(Fact):
    contact: object = None  # model.Contact

    def key(self) -> str:
        return "contact"


@dataclass
class AddressFact(Fact):
    address: object = None  # link.territory parsed address

    def key(self) -> str:
        return f"address {self.address.full}"


@dataclass
class DateFact(Fact):
    date: str = ""  # ISO date or year
    what: str = "event"  # "created" or "event"

    def key(self) -> str:
        return f"date {self.what} {self.date}"


@dataclass
class Website(Fact):
    url: str = ""

    def key(self) -> str:
        return f"website {self.url}"


@dataclass
class ThemeFact(Fact):
    label: str = ""  # as written
    slug: str = ""  # concept of the theme scheme, when it has one
    known: bool = False

    def key(self) -> str:
        return f"theme {self.slug if self.known else self.label}"


@dataclass
class ListCue(Fact):
    """A heading or lead-in that announces a list of organisations ("Nos membres :",
    "Partenaires :"): the items that follow have that role."""
    role: str = ""

    def key(self) -> str:
        return f"list of {self.role}"
