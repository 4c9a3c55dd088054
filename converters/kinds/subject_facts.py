"""Facts that the rules of a kind's layout state of the document's subject, beyond the facts of
the shared rules (converters/rules/facts.py): a text of the pole under an ess: property ("goal",
"function"...), a dated event, an organisation with its role in the pole, a figure of another
owner than the pole, the territory a field gives, and a note in the words of the kind.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..rules.facts import Fact, Quantity


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
        return f"{self.role} {self.mention.name}"


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
