"""What the rules of a territory's brochure find, as typed facts (see converters/rules/facts.py:
`start`/`end` in the segment, the words of the source, the rule). Figures of the territory are the
shared `Quantity` facts; `key()` is the short text the rules' example tables compare."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...model import Figure
from ...rules.facts import Fact

_APPROXIMATIONS = {"environ": "approximately", "près de": "approximately", "plus de": "more-than",
                   "moins de": "less-than", "jusqu'à": "less-than"}


def figure(measure: str, value: str, unit: str, stated: str, approx: str | None = None, what: str | None = None) -> Figure:
    """A figure from the words of the text: "près de 1300 structures" -> 1300, approximately."""
    found = Figure(measure, Decimal(re.sub(r"[ \u00a0]", "", value).replace(",", ".")), unit, stated.strip(), [])
    found.approximation = _APPROXIMATIONS.get((approx or "").lower(), "exact")
    found.counted_kind_text = what
    return found


def _place(place) -> str:
    return f"{place.kind}:{place.code}" if place is not None else "?"


def _names(mentions) -> str:
    return ", ".join(m.name for m in mentions)


@dataclass
class Seat(Fact):
    """"au siège du Grand-Orly Seine Bièvre à Orly": the commune of the authority's seat."""
    place: object = None

    def key(self) -> str:
        return f"seat {_place(self.place)}"


@dataclass
class CommuneList(Fact):
    """"Les 6 communes de l'Essonne sont : A, B et C.": the territory's communes in a département."""
    departement: object = None
    where: str = ""  # the département as written
    figure: object = None  # the number of communes the text announces
    communes: list = field(default_factory=list)  # geography.Place, in text order
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (name, why)
    listed: int = 0

    def key(self) -> str:
        return f"communes of {_place(self.departement)}: {len(self.communes)} of {self.figure.value}"


@dataclass
class SchemeHeading(Fact):
    """A heading that presents a support scheme: the authority's (a call for projects, a fund) or
    one its partners run."""
    scheme: str = ""  # its key
    label: str = ""
    kind: str = "scheme"  # "call" or "scheme"
    partner: bool = False
    description: str | None = None

    def key(self) -> str:
        return f"scheme {self.scheme}" + (" (partner)" if self.partner else "")


@dataclass
class CallFigures(Fact):
    """"Appel à projets ESS : 45 lauréats et près de 300 000 euros engagés depuis 2018"."""
    scheme: str = ""  # the call's key and label, should the brochure not have presented it yet
    label: str = ""
    figures: list = field(default_factory=list)
    since: int | None = None

    def key(self) -> str:
        return "call " + " ".join(f"{f.measure}={f.value}" for f in self.figures) + (f" since {self.since}" if self.since else "")


@dataclass
class Laureates(Fact):
    """"Les structures accompagnées : A, B, C": the organisations the authority's call funded."""
    mentions: list = field(default_factory=list)

    def key(self) -> str:
        return f"laureates {_names(self.mentions)}"


@dataclass
class Testimony(Fact):
    """"Ferme des Meuniers : un coup de pouce pour...": a laureate speaks of what it got."""
    mention: object = None
    tagline: str = ""

    def key(self) -> str:
        return f"testimony {self.mention.name}: {self.tagline}"


@dataclass
class Support(Fact):
    """What a testimony says of its laureate: the grant, the commune, the year, the type."""
    grant: object = None  # model.Figure
    places: list = field(default_factory=list)
    created: int | None = None
    structure_types: list[str] = field(default_factory=list)
    figures: list = field(default_factory=list)  # other figures of the sentence

    def key(self) -> str:
        parts = [f"grant={self.grant.value}"] if self.grant else []
        parts += [_place(p) for p in self.places] + ([f"created {self.created}"] if self.created else [])
        parts += self.structure_types + [f"{f.measure}={f.value}" for f in self.figures]
        return "support " + " ".join(parts)


@dataclass
class PartnerHeading(Fact):
    """"France Active : structuration et financement": a partner of the territory."""
    mention: object = None

    def key(self) -> str:
        return f"partner {self.mention.name}" + (f": {self.mention.descriptions[0]}" if self.mention.descriptions else "")


@dataclass
class Branch(Fact):
    """"En Val-de-Marne : France Active Métropole": the local branch of the partner above."""
    mention: object = None
    departement: object = None

    def key(self) -> str:
        return f"branch {self.mention.name} in {_place(self.departement)}"


@dataclass
class Category(Fact):
    """"Les coopératives d'activité et d'emploi (CAE)": a heading that groups partners."""

    def key(self) -> str:
        return f"category {self.text}"


@dataclass
class Operator(Fact):
    """"En Essonne, le DLA 91 est opéré par X, depuis Evry-Courcouronnes": who runs the scheme above."""
    mention: object = None
    departement: object = None  # where it runs the scheme
    places: list = field(default_factory=list)  # where it is
    founders: list = field(default_factory=list)  # mentions of the organisations that created it

    def key(self) -> str:
        where = f" in {_place(self.departement)}" if self.departement else ""
        return f"operator {self.mention.name}{where}" + (f" founded by {_names(self.founders)}" if self.founders else "")


@dataclass
class Presentation(Fact):
    """"ESS Coop est une CAE basée en Essonne, à Viry-Châtillon.": a partner presented in a sentence."""
    mention: object = None

    def key(self) -> str:
        forms = self.mention.legal_forms + self.mention.structure_types
        return f"presents {self.mention.name} [{', '.join(forms)}]" + "".join(f" {_place(p)}" for p in self.mention.places)


@dataclass
class Clubs(Fact):
    """"Cig'Ivry à Ivry-sur-Seine, créé en 2020 ; l'ESSaim à Villejuif...": clubs of a network."""
    mentions: list = field(default_factory=list)
    unresolved: list[tuple[str, str, str]] = field(default_factory=list)  # (town, club, why)

    def key(self) -> str:
        return "clubs " + ", ".join(m.name + "".join(f" {_place(p)}" for p in m.places) + (f" {m.created}" if m.created else "")
                                    for m in self.mentions)


@dataclass
class DatedEvent(Fact):
    """"9 NOVEMBRE 2023", its title, what it is, its hours and its place: one event of the agenda.
    It reads the segments after its date: `statements` hold its date, title, hours and place,
    `descriptions` its text."""
    event: object = None  # model.Event
    at_seat: bool = False  # "au siège du ...": the place is the authority's seat
    statements: list[int] = field(default_factory=list)  # indexes of the segments it reads
    descriptions: list[int] = field(default_factory=list)

    def key(self) -> str:
        e = self.event
        where = f" at {_place(e.place)}" if e.place else (" at the seat" if self.at_seat else "")
        return f"event {e.date} {e.label}" + (f" {e.start[11:16]}-{e.end[11:16]}" if e.start else "") + where


@dataclass
class NextSession(Fact):
    """"Printemps 2024" under a scheme's heading: when it opens next."""

    def key(self) -> str:
        return f"next session {self.text}"


@dataclass
class Caption(Fact):
    """"Association Les Vertugadins à Ivry-sur-Seine.": organisations named with their form, and
    the communes the line gives them."""
    mentions: list = field(default_factory=list)
    places: list = field(default_factory=list)

    def key(self) -> str:
        return f"caption {_names(self.mentions)}" + "".join(f" {_place(p)}" for p in self.places)
