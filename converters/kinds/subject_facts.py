"""Facts that the rules of a kind's layout state of the document's subject, beyond the facts of
the shared rules (converters/rules/facts.py): a text of the pole under an ess: property ("goal",
"function"...) or its description, a dated event, an organisation with its role in the pole, a
figure of one of its organisations, the territory a field gives, and a note in the words of the
kind. `SubjectPole` puts them, and the shared facts a kind uses, into the pole of a document
about one pole; every fact it uses claims its lines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Membership, Pole, Theme
from ..organisations import OrganisationIndex
from ..rules.facts import DateFact, Fact, Quantity, SubjectForm, ThemeFact
from .sections import claim, keep_text


@dataclass
class PoleText(Fact):
    prop: str = ""  # key of Pole.texts: an ess: property ("goal", "achievement"...) or "origin"
    value: str = ""

    def key(self) -> str:
        return f"{self.prop}: {self.value}"


@dataclass
class PoleEvent(Fact):
    event: object = None  # model.Event

    def key(self) -> str:
        return f"event {self.event.date or ''} {self.event.label}".replace("  ", " ")


@dataclass
class Member(Fact):
    """An organisation and its role in the pole (a concept of the role scheme)."""
    mention: object = None  # mentions.Mention
    role: str = "member"
    category: str | None = None  # concept of the partner-category scheme
    heading: str | None = None  # the words that give the category
    funds: list = field(default_factory=list)  # model.Figure: the amounts it provides

    def key(self) -> str:
        return f"{self.role or 'organisation'} {self.mention.name}"


@dataclass
class Counted(Quantity):
    """A figure of one of the pole's organisations, named by its role ("coordinator")."""
    owner: str = ""

    def key(self) -> str:
        return f"{super().key()} of {self.owner}"


@dataclass
class Territory(Fact):
    value: str = ""  # as written
    places: list = field(default_factory=list)  # geography.Match
    areas: list[str] = field(default_factory=list)  # named areas
    problems: list[str] = field(default_factory=list)

    def key(self) -> str:
        return " ".join(["territory"] + [f"{m.place.kind}:{m.place.code}" for m in self.places] + [f"({a})" for a in self.areas])


@dataclass
class Note(Fact):
    """Text kept as it is, in the words the kind gives it ("Document joint : ...")."""
    value: str = ""

    def key(self) -> str:
        return f"note {self.value}"


class SubjectPole:
    """The pole a document is about, filled fact by fact in reading order. Its organisations are
    known in the pole's scope; an organisation with no role (`Member.role` None) is the
    document's only."""

    def __init__(self, reading, doc, pole: Pole):
        self.reading, self.doc, self.pole = reading, doc, pole
        self.orgs = OrganisationIndex(doc)
        self.known: dict[int, object] = {}  # id of a mention -> its organisation
        self.description: list[tuple[str, int]] = []

    def add(self, fact) -> bool:
        """Put a fact into the pole; False for a fact of no kind known here."""
        pole, reading = self.pole, self.reading
        if isinstance(fact, Member):
            org = self.known.get(id(fact.mention)) or self.orgs.add(fact.mention, pole.key)
            self.known[id(fact.mention)] = org
            lines = claim(reading, fact)
            if fact.role:
                self.member(org.key, fact.role, lines, fact.category, fact.heading)
            for figure in fact.funds:
                figure.funder_key = org.key
        elif isinstance(fact, Counted):
            fact.figure.lines = claim(reading, fact)
            owner = next((m.org_key for m in pole.memberships if m.role == fact.owner), None)
            (self.doc.organisations[owner] if owner else pole).figures.append(fact.figure)
        elif isinstance(fact, Quantity):
            fact.figure.lines = claim(reading, fact)
            pole.figures.append(fact.figure)
        elif isinstance(fact, DateFact):
            lines = claim(reading, fact)
            if pole.created is None:
                pole.created, pole.created_lines = int(fact.date[:4]), lines
        elif isinstance(fact, SubjectForm) and fact.legal_form:
            lines = claim(reading, fact)
            if fact.legal_form not in pole.legal_forms:
                pole.legal_forms.append(fact.legal_form)
                pole.legal_form_lines.extend(lines)
        elif isinstance(fact, ThemeFact):
            lines = claim(reading, fact)
            if fact.slug not in {t.slug for t in pole.themes}:
                pole.themes.append(Theme(fact.label, fact.slug, fact.known, lines))
        elif isinstance(fact, Territory):
            pole.places.extend(fact.places)
            pole.areas.extend(fact.areas)
            pole.territory_text, pole.territory_lines = fact.value, claim(reading, fact)
        elif isinstance(fact, PoleText):
            line = claim(reading, fact)[0]
            (self.description if fact.prop == "description" else pole.texts.setdefault(fact.prop, [])).append((fact.value, line))
        elif isinstance(fact, PoleEvent):
            fact.event.lines = claim(reading, fact)
            pole.events.append(fact.event)
        elif isinstance(fact, Note):
            keep_text(reading, self.doc, reading.segments[fact.segment], pole.notes, fact.value)
        else:
            return False
        return True

    def member(self, org_key: str, role: str, lines: list[int], category=None, heading=None) -> None:
        for membership in self.pole.memberships:
            if membership.org_key == org_key and membership.role == role:
                membership.lines = sorted(set(membership.lines) | set(lines))
                return
        self.pole.memberships.append(Membership(org_key, role, lines, category, heading))

    def close(self) -> Pole:
        """The description: the texts that tell the pole's story, one per line."""
        if self.description:
            self.pole.description = "\n".join(text for text, _ in self.description)
            self.pole.description_lines = [line for _, line in self.description]
        return self.pole
