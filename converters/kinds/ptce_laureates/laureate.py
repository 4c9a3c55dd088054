"""One fiche, one PTCE laureate: the pole being read, and the order its sections are read in.

The order is that of what the facts need: the name needs the coordinator; the figures, the legal
forms of the text and an inferred coordinator need the fiche's organisations. Each section is
read by the module named for it; lines are claimed through the reader (`Reading.claim`), and
every line of the fiche no rule used is kept in the pole's note.
"""
from __future__ import annotations

from ...link.geography import get_geography
from ...model import Membership, Pole, Theme
from ...reading.reader import STATEMENT
from ...rules import themes
from . import contact, coordinators, figure_owners, forms, members, names, partners, phase, territory
from .texts import joined, keep, line_text, lines_of, written


class Laureate:
    """A fiche being read: the reading, the document and its organisations, the pole."""

    def __init__(self, reading, doc, orgs, fiche, call_key: str):
        self.reading, self.doc, self.orgs, self.fiche = reading, doc, orgs, fiche
        self.sections = fiche.sections()
        self.description = self.sections["project"][1:]
        whole = fiche.header + fiche.body
        self.text = " ".join(written(reading, s) for s in whole)
        self.pole = Pole(key="", name="", kind="ptce", lines=[whole[0].lines[0], whole[-1].lines[-1]])
        self.pole.laureate_of = call_key
        self.coordinator = None  # the coordinator's mention, when the fiche names one

    def written(self, segment) -> str:
        return written(self.reading, segment)

    def claim(self, items) -> None:
        """Lines (numbers or segments) that gave a statement."""
        self.reading.claim([n for x in items for n in ([x] if isinstance(x, int) else x.lines)], STATEMENT)

    def keep(self, segments, sink: list[str]) -> None:
        for line in lines_of(segments):
            keep(self.reading, self.doc, line, line_text(self.reading, line), sink)

    def add_membership(self, membership: Membership) -> None:
        """One membership per organisation and role; a partner that is also the coordinator is
        listed once, as coordinator, with the partner's lines and category."""
        for existing in self.pole.memberships:
            if existing.org_key == membership.org_key and (
                    existing.role == membership.role or (existing.role == "coordinator" and existing.note is None)):
                existing.lines = sorted(set(existing.lines) | set(membership.lines))
                existing.category = existing.category or membership.category
                existing.heading = existing.heading or membership.heading
                return
        self.pole.memberships.append(membership)

    def add_member(self, mention, role: str, lines, category=None, heading=None):
        org = self.orgs.add(mention, self.pole.key)
        self.add_membership(Membership(org.key, role, list(lines), category, heading))
        return org


def read_header(laureate: Laureate) -> list:
    """The région heading (claimed) and the title segments."""
    region, title = laureate.fiche.split_header()
    if region:
        laureate.pole.region = get_geography().region(" ".join(laureate.written(s) for s in region)).place
        laureate.pole.region_lines = lines_of(region)
        laureate.claim(region)
    return title


def read_themes(laureate: Laureate) -> None:
    """The shared `themes` rule on the "Thématique:" field, however many lines it takes."""
    section = laureate.sections["themes"]
    lines = lines_of(section)
    found = themes.find(joined(section), laureate.reading.context)
    laureate.pole.themes = [Theme(f.label, f.slug, f.known, lines) for f in found]
    for theme in laureate.pole.themes:
        if not theme.known:
            laureate.doc.warn(lines[0], f"theme {theme.label!r} is not in ontology/schemes/themes.ttl: minted as a new concept")
    laureate.claim(section)


def read_project(laureate: Laureate) -> None:
    """The project's text is the pole's description."""
    kept: list[str] = []
    laureate.keep(laureate.description, kept)
    laureate.pole.description = "\n".join(kept) or None
    laureate.pole.description_lines = lines_of(laureate.description)
    laureate.claim(laureate.sections["project"][:1])


def read_laureate(reading, doc, orgs, fiche, call_key: str, number: int) -> Pole:
    laureate = Laureate(reading, doc, orgs, fiche, call_key)
    title = read_header(laureate)
    read_themes(laureate)
    territory.read_territory(laureate)
    read_project(laureate)
    names.read_name(laureate, title)
    laureate.coordinator = coordinators.read_coordinator(laureate)
    names.name_otherwise(laureate, number)
    if laureate.coordinator:
        coordinators.add_coordinator(laureate)
    members.read_members(laureate)
    partners.read_partners(laureate)
    figure_owners.read_figures(laureate, laureate.description + laureate.sections["partners"][1:])
    forms.read_legal_forms(laureate)
    contact.read_contact(laureate)
    coordinators.infer_coordinator(laureate)
    laureate.pole.memberships.sort(key=lambda m: (m.role != "coordinator", min(m.lines)))
    phase.read_phase(laureate)
    for line in lines_of(fiche.body):
        if line not in reading.use:
            doc.warn(line, f"line not understood, kept in the note of {laureate.pole.name!r}")
            keep(reading, doc, line, line_text(reading, line), laureate.pole.notes)
    return laureate.pole
