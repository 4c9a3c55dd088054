"""The layout of a list of laureate fiches: the introduction, one fiche per laureate, the trailer.

A fiche is anchored on its "Thématique:" field. Above it, its header: a title block, and a région
heading right above the title (or a région heading alone); anything earlier belongs to the
previous fiche or to the introduction. A fiche ends with the line after "Contact" when that line
is a contact (an e-mail, a phone, a postal address), else with "Contact", else with the line after
"Coordinateur du projet :". Segments on consecutive lines (no blank line between) are one block:
"Le PHARES, / Pôle d'hospitalité / aux activités..." is one title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...link.geography import get_geography
from ...rules.facts import AddressFact, ContactFact

LABELS = {  # section -> the label that opens it
    "themes": re.compile(r"^Th[ée]matiques?\s*:", re.IGNORECASE),
    "territory": re.compile(r"^Territoire\s*:", re.IGNORECASE),
    "project": re.compile(r"^Le projet\s*:?$", re.IGNORECASE),
    "partners": re.compile(r"^Partenaires\s*:?$", re.IGNORECASE),
    "coordinator": re.compile(r"^Coordinateur du projet\s*:?$", re.IGNORECASE),
    "contact": re.compile(r"^Contacts?\s*:?$", re.IGNORECASE),
}


def label(text: str) -> str | None:
    """The section a label opens: "Thématique: culture" -> "themes", "Contact" -> "contact"."""
    return next((name for name, pattern in LABELS.items() if pattern.match(text)), None)


def is_region(segments) -> bool:
    return get_geography().region(" ".join(s.text for s in segments)).place is not None


def blocks(segments) -> list[list]:
    """Segments grouped by consecutive lines."""
    out: list[list] = []
    for seg in segments:
        if out and seg.lines[0] == out[-1][-1].lines[-1] + 1:
            out[-1].append(seg)
        else:
            out.append([seg])
    return out


@dataclass
class Fiche:
    header: list  # région and title segments, above the "Thématique:" field
    body: list  # from the "Thématique:" field to the fiche's last segment
    after: list  # segments between this fiche's end and the next fiche's header

    def split_header(self) -> tuple[list, list]:
        """(région segments, title segments)."""
        grouped = blocks(self.header)
        if grouped and is_region(grouped[0]):
            return grouped[0], [s for b in grouped[1:] for s in b]
        return [], [s for b in grouped for s in b]

    def sections(self) -> dict[str, list]:
        """The body's segments by section; a section runs until another label opens one."""
        out: dict[str, list] = {name: [] for name in LABELS}
        current = None
        for seg in self.body:
            name = label(seg.text)
            if name and not out[name]:
                current = name
            if current:
                out[current].append(seg)
        return out


@dataclass
class Layout:
    introduction: list
    fiches: list[Fiche]
    trailer: list


def cut(reading) -> Layout:
    segments = reading.segments
    anchors = [i for i, s in enumerate(segments) if label(s.text) == "themes"]
    if not anchors:
        return Layout(list(segments), [], [])
    bounds = anchors + [len(segments)]
    ends = [_end(reading, segments, a, bounds[k + 1]) for k, a in enumerate(anchors)]
    starts = [_header_start(segments, ends[k - 1] + 1 if k else 0, a) for k, a in enumerate(anchors)]
    fiches = [Fiche(segments[starts[k]:a], segments[a:ends[k] + 1],
                    segments[ends[k] + 1:starts[k + 1]] if k + 1 < len(anchors) else [])
              for k, a in enumerate(anchors)]
    return Layout(segments[:starts[0]], fiches, segments[ends[-1] + 1:])


def _end(reading, segments, anchor: int, next_anchor: int) -> int:
    end = None
    for i in range(anchor, next_anchor):
        name = label(segments[i].text)
        if name == "coordinator":
            end = min(i + 1, next_anchor - 1)
        elif name == "contact":
            following = segments[i + 1] if i + 1 < next_anchor else None
            is_contact = following is not None and (reading.facts_in(following, ContactFact)
                                                    or reading.facts_in(following, AddressFact))
            return i + 1 if is_contact else i
    return end if end is not None else next_anchor - 1


def _header_start(segments, floor: int, anchor: int) -> int:
    """Where a fiche's header starts: at most one title block, and a région block above it."""
    start, taken, i = anchor, 0, anchor - 1
    while i >= floor and taken < 2:
        first = i
        while first - 1 >= floor and segments[first - 1].lines[-1] == segments[first].lines[0] - 1:
            first -= 1
        region = is_region(segments[first:i + 1])
        if taken == 1 and not region:
            break
        start, taken = first, taken + 1
        if region:
            break
        i = first - 1
    return start


EXAMPLES = [  # (synthetic document, the source lines of each part)
    ("Les lauréats de l'appel\n\nBretagne\n\nLe Pôle Ouest\n\nThématique: culture\n\nTerritoire: Rennes (35)\n\n"
     "Le projet :\n\nUn lieu partagé.\n\nCoordinateur du projet :\n\nAssociation Ouest.\n\nContact\n\n"
     "Anne Rivière anne@ouest.fr 2, rue Haute 35000 Rennes\n\nThématique: mode\n\nTerritoire: Brest (29)\n\n"
     "Coordinateur du projet :\n\nSCOP Fil.\n\nMINISTÈRE DE LA VILLE",
     {"introduction": [1], "headers": [[3, 5], []], "themes": [[7], [23]], "project": [[11, 13], []],
      "coordinator": [[15, 17], [27, 29]], "contact": [[19, 21], []], "trailer": [31]}),
    ("Appel\n\nPôle Nord\nsolidaire et durable\n\nThématique: culture,\n\néducation populaire\n\nContact\n\nMerci.",
     {"introduction": [1], "headers": [[3, 4]], "themes": [[6, 8]], "project": [[]], "coordinator": [[]],
      "contact": [[10]], "trailer": [12]}),
    ("Appel\n\nOccitanie\n\nThématique: culture\n\nContact\n\nBretagne\n\nLe Pôle Ouest\n\nThématique: mode\n\n"
     "Coordinateur du projet :\n\nSCOP Fil.",
     {"introduction": [1], "headers": [[3], [9, 11]], "themes": [[5], [13]], "project": [[], []],
      "coordinator": [[], [15, 17]], "contact": [[7], []], "trailer": []}),
]
