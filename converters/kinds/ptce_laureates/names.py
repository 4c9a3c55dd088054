"""The name of a laureate: its title, else the name its project text gives it, else its
coordinator's, else one built from its territory.

`name_from_title` reads a fiche's title; `find` reads the project text: a « quoted » name after
"PTCE" (strength 3), "le PTCE X" or "X est un PTCE" (strength 2). Every name found is also an
alternative name of the pole; "Florange e2" in the title and « Florange e2i » in the text is
the text's name (the title lost a letter).
"""
from __future__ import annotations

import re

from ...folding import name_key
from ...rules.facts import PoleName
from .texts import lines_of

_QUOTED = re.compile(r"PTCE\s*«\s*([^»]+?)\s*»")
_NAME_TOKEN = r"[A-ZÀ-Ý0-9][\w'’\-&]*"
_PTCE_NAME = re.compile(r"\bPTCE\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+(?:(?:et|de|du|des|d'|la|le)\s+)?" + _NAME_TOKEN + r")*)")
_IS_A_PTCE = re.compile(r"^(?P<name>(?:L[ae]s?\s+)?" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r")*)\s+est un PTCE\b")


def name_from_title(title: str) -> tuple[str, list[str]]:
    """The name a title gives, and the other names it gives (see EXAMPLES)."""
    alternatives = []
    name = title.strip()
    if re.match(r"^PTCE\s+", name):
        alternatives.append(name)
        name = re.sub(r"^PTCE\s+", "", name)
    m = re.match(r"^(?P<name>[^,]+),\s+(?P<long>.+)$", name)
    if m:
        name = m.group("name").strip()
        alternatives.append(m.group("long").strip())
    m = re.match(r"^(?P<name>.+?)\s+\((?P<paren>[^)]+)\)$", name)
    if m:
        alternatives.append(name)
        name = m.group("name").strip()
    return name, alternatives


def find(segment, context) -> list[PoleName]:
    text = segment.text
    out = [PoleName(m.start(1), m.end(1), m.group(1), "ptce_laureates.names: quoted", name=_capitalise(m.group(1).strip()),
                    kind="ptce", strength=3) for m in _QUOTED.finditer(text)]
    m = _IS_A_PTCE.match(text) or _PTCE_NAME.search(text)
    if m:
        out.append(PoleName(m.start("name"), m.end("name"), m.group("name"), "ptce_laureates.names: named",
                            name=m.group("name"), kind="ptce", strength=2))
    return out


def read_name(laureate, title_segments) -> None:
    pole, reading = laureate.pole, laureate.reading
    found = [(f, seg) for seg in laureate.description for f in find(seg, reading.context)]
    quoted = [(f.name, seg.lines_at(f.start, f.end)[0]) for f, seg in found if f.strength == 3]
    named = [(f.name, seg.lines_at(f.start, f.end)[0]) for f, seg in found if f.strength == 2]
    if title_segments:
        pole.name, alternatives = name_from_title(" ".join(laureate.written(s) for s in title_segments))
        for alternative in alternatives:
            pole.add_alt_name(alternative)
        pole.name_lines = lines_of(title_segments)
        laureate.claim(title_segments)
        longer = next((q for q, _ in quoted if q.startswith(pole.name) and 0 < len(q) - len(pole.name) <= 2), None)
        if longer:  # "Florange e2" in the title, « Florange e2i » twice in the text: a letter lost
            laureate.doc.warn(pole.name_lines[0], f"the title says {pole.name!r}, the text {longer!r}: named {longer!r}")
            pole.add_alt_name(pole.name)
            pole.name = longer
    elif quoted or named:
        pole.name, line = (quoted or named)[0]
        pole.name_lines = [line]
    for alternative, _ in quoted + named:
        pole.add_alt_name(alternative)
    laureate.claim(seg for _, seg in found)  # a line that names the pole is a statement, not a description


def name_otherwise(laureate, number: int) -> None:
    """A fiche with no name of its own is named after its coordinator, else its territory."""
    pole, doc, coordinator = laureate.pole, laureate.doc, laureate.coordinator
    if not pole.name and coordinator:
        pole.name, pole.name_lines = coordinator.name, list(coordinator.lines)
        doc.info(laureate.sections["coordinator"][-1].lines[-1], f"fiche has no name: named after its coordinator {pole.name!r}")
    elif not pole.name:
        place = next((m.place for m in pole.places if m.place and m.place.kind in ("commune", "arrondissement")), None) \
            or next((m.place for m in pole.places if m.place), None)
        pole.name = f"PTCE {place.name}" if place else f"PTCE {doc.stem} {number}"
        pole.name_note = "The fiche gives no name and no coordinator: this label was built from its territory."
        doc.warn(laureate.fiche.body[0].lines[0], f"fiche has no name and no coordinator: labelled {pole.name!r}")
    pole.key = f"pole/{name_key(pole.name)}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


TITLES = [  # (title, (name, other names))
    ("PTCE Pays de Bray – Maison de l'économie solidaire",
     ("Pays de Bray – Maison de l'économie solidaire", ["PTCE Pays de Bray – Maison de l'économie solidaire"])),
    ("Le PHARES, Pôle d'hospitalité aux activités à rayonnement écologique et solidaire",
     ("Le PHARES", ["Pôle d'hospitalité aux activités à rayonnement écologique et solidaire"])),
    ("Florange e2 (écologie industrielle et insertion)", ("Florange e2", ["Florange e2 (écologie industrielle et insertion)"])),
    ("Comité d'expansion 05", ("Comité d'expansion 05", [])),
]

EXAMPLES = [  # (text, names found)
    ("Le PTCE « le Damier » est situé à Clermont-Ferrand.", {"pole Le Damier"}),
    ("Le PTCE Pôle Sud Archer est né en 2007, dans la Drôme.", {"pole Pôle Sud Archer"}),
    ("La Coursive Boutaric est un PTCE constitué d'entreprises culturelles.", {"pole La Coursive Boutaric"}),
    ("L'émergence du PTCE permettra de consolider les actions.", set()),
]
