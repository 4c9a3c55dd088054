"""The study's list of poles with a fiche: a line opens a list and counts it ("39 fiches
réalisées, dont :", "7 espaces d'hébergement :", "10 Centres multifonction (dont 2 en projets) :",
the kind being a concept of the typology scheme), then one pole per line: "Name, Place", a name
alone whose place is in the name ("Pôle Pays de Cornouaille"), or "Projet « Name », Place" for a
pole still in project. A heading that repeats the list's title ("Fiches initiatives") and a "+"
between two lists structure it. An item belongs to the list the line before it is in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...model import Figure
from ...reading.segments import BOILERPLATE, PRIVATE_LINE
from ...rules.facts import Fact
from ...vocabularies import vocabulary

OPENER = re.compile(r"^(?:[➤•\-]\s*)?(?P<count>\d+)\s+(?P<kind>.+?)(?:\s*\(dont (?P<projects>\d+) en projets?\))?\s*:$",
                    re.IGNORECASE)
_FICHES = re.compile(r"^(?P<count>\d+) fiches réalisées", re.IGNORECASE)
_TITLE = re.compile(r"^fiches initiatives$", re.IGNORECASE)
_PROJECT = re.compile(r"^Projet\s*«\s*(?P<name>[^»]+?)\s*»\s*,\s*(?P<place>.+)$", re.IGNORECASE)
_ITEM = re.compile(r"^[A-ZÀ-Ý0-9][^:]{1,80}$")


@dataclass
class ListFact(Fact):
    typology: str | None = None  # the kind of the poles of the list (typology scheme)
    opened: bool = True  # the lines after it may be items of the list

    def key(self) -> str:
        return "list layout" if self.opened else "list title"


@dataclass
class ListOpener(ListFact):
    figures: list[Figure] = field(default_factory=list)  # how many poles the list counts

    def key(self) -> str:
        return " ".join([f"list of {self.typology or 'poles'}:"] + [
            f"{f.value}" + (" projects" if ("pole-status", "project") in f.counted_kinds else "") for f in self.figures])


@dataclass
class ListedPole(ListFact):
    name: str = ""
    place: str | None = None  # as written after the name
    project: bool = False

    def key(self) -> str:
        what = "project" if self.project else "pole"
        return f"{what} {self.name}" + (f" @ {self.place}" if self.place else "") + f" ({self.typology})"


def count(value: str, stated: str, kinds=(), project: bool = False, counted_text: str | None = None,
          place=None) -> Figure:
    """A count of poles (or of any unit the study counts) by kind of the typology."""
    figure = Figure(measure="poles", value=Decimal(value), unit="pole", stated_as=stated, lines=[])
    figure.counted_kinds = [("typology", k) for k in kinds] + ([("pole-status", "project")] if project else [])
    figure.counted_kind_text = counted_text
    figure.place = place
    return figure


def find(segment, context) -> list[ListFact]:
    text, end = segment.text, len(segment.text)
    fiches = _FICHES.match(text)
    if fiches:
        return [ListOpener(0, end, text, "pole list: count of fiches",
                           figures=[count(fiches.group("count"), text, counted_text="fiches initiatives")])]
    opener = OPENER.match(text)
    hits = vocabulary("typology").find(opener.group("kind")) if opener else []
    if hits:
        kind = hits[0].concept.slug
        figures = [count(opener.group("count"), text, [kind])]
        if opener.group("projects"):
            figures.append(count(opener.group("projects"), text, [kind], project=True))
        return [ListOpener(0, end, text, "pole list: opened", typology=kind, figures=figures)]
    if _TITLE.match(text):
        return [ListFact(0, end, text, "pole list: title", opened=False)]
    before = _previous(segment, context)
    if before is None or not before.opened:
        return []
    if text == "+":
        return [ListFact(0, end, text, "pole list: next list", typology=before.typology)]
    project = _PROJECT.match(text)
    if project:
        return [ListedPole(0, end, text, "pole list: project", typology=before.typology, name=project.group("name"),
                           place=project.group("place"), project=True)]
    if _ITEM.match(text) and not text.endswith(":"):
        name, _, place = (part.strip() for part in text.partition(","))
        return [ListedPole(0, end, text, "pole list: item", typology=before.typology, name=name, place=place or None)]
    return []


def _previous(segment, context) -> ListFact | None:
    """The list fact of the line before: the list an item continues."""
    for seg in reversed(context.segments[: segment.index]):
        if seg.kind in (BOILERPLATE, PRIVATE_LINE):
            continue
        return next((f for f in context.found.get(seg.index, []) if isinstance(f, ListFact)), None)
    return None


EXAMPLES = [  # (lines of a synthetic study, what the list gives)
    ("Fiches initiatives\n➤ 39 fiches réalisées, dont :", {"list title", "list of poles: 39"}),
    ("• 7 espaces d'hébergement :\nARTIS, Grenoble\nPôle Pays de Dinan", {
        "list of hosting-space: 7", "pole ARTIS @ Grenoble (hosting-space)", "pole Pôle Pays de Dinan (hosting-space)"}),
    ("- 10 Centres multifonction (dont 2 en projets) :\nEtymon, Toulouse\n+\nProjet « Maison régionale de l'ESS », Bordeaux", {
        "list of multifunction-centre: 10 2 projects", "pole Etymon @ Toulouse (multifunction-centre)", "list layout",
        "project Maison régionale de l'ESS @ Bordeaux (multifunction-centre)"}),
    ("Fiches initiatives\n- Un accès facile aux informations essentielles.", {"list title"}),  # no list opened
    ("3 régions sans pôle :\nAlsace, Lorraine et Franche-Comté.", set()),  # not a kind of the typology
]
