"""The template of a fiche initiative, as the 2010 study gives it (etude-poles-ess-france-2010.txt,
lines 95-119): "Chiffres clé du territoire", "Identité" (date of creation, origin, members, legal
status, staff, premises, budget, field of activity, territory of action, network, functions),
"Taille du pôle : ../5", "Niveau de structuration : ../5", "Actions" (objectives, achievements,
projects), "Bilan" (strengths, weaknesses, good practice, remarks), "Documents joints".

Each field is a line "- **Field** : value". The lines below it are its own (its indented
sub-items, its continuation lines), except an item at the left margin under a field with a value
("- 5 structures sont hébergées : ..." under "Foncier : ..."): that one belongs to the part of the
fiche the field is in ("Identité").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...folding import name_key
from ...rules.facts import Fact

# Fields of the template (name keys) and what they hold.
FIELDS = {
    "chiffres cle du territoire": "territory-figures", "chiffres cles du territoire": "territory-figures",
    "identite": "identity", "date de creation": "created", "origine": "origin", "adherents": "members",
    "statuts juridique": "status", "statut juridique": "status", "salaries": "employees",
    "foncier": "premises", "budget": "budget", "domaine d activite": "field", "territoire d action": "territory",
    "reseau": "network", "fonctions": "functions", "taille du pole": "size", "niveau de structuration": "structuring",
    "actions": "actions", "objectifs": "goal", "realisation": "achievement", "realisations": "achievement",
    "en projet": "plannedAction", "bilan": "assessment", "points forts": "strength", "point fort": "strength",
    "faiblesse": "weakness", "faiblesses": "weakness", "points faibles": "weakness", "point faible": "weakness",
    "bonne pratique": "goodPractice", "bonnes pratiques": "goodPractice", "remarques": "note",
    "enjeu pour l avenir": "note", "documents joints": "attachments", "contact": "contact",
    "adresse": "address", "site internet": "website",
}
PARTS = {"territory-figures", "identity", "actions", "assessment", "attachments"}  # fields that open a part
LINE = re.compile(r"^(?:[-•]\s*)?(?P<key>[A-ZÀ-Ý][^:]{1,45}?)\s*:\s*(?P<value>.*)$")  # a field line of the source
SCORE = re.compile(r"^(?P<value>\d+)\s*/\s*(?P<max>\d+)$")


@dataclass
class FieldStart(Fact):
    name: str = ""  # a value of FIELDS
    key_text: str = ""  # the field's name as written
    value: str = ""

    def key(self) -> str:
        return f"field {self.name}" + (f": {self.value}" if self.value else "")


def find(segment, context) -> list[FieldStart]:
    text = segment.text
    m = LINE.match(text)
    key = name_key(m.group("key")) if m else name_key(text)
    if key not in FIELDS:
        return []
    key_text, value = (m.group("key"), m.group("value").strip()) if m else (text, "")
    return [FieldStart(0, len(text), text, "template", name=FIELDS[key], key_text=key_text, value=value)]


def field_above(segment, context) -> FieldStart | None:
    """The last field opened at or before a segment."""
    for index in range(segment.index, -1, -1):
        start = next((f for f in context.found.get(index, []) if isinstance(f, FieldStart)), None)
        if start is not None:
            return start
    return None


def fields_of(reading) -> dict[int, FieldStart | None]:
    """The field each live segment belongs to (None before the first one)."""
    out, current, part = {}, None, None
    for seg in reading.live:
        start = next(iter(reading.facts_in(seg, FieldStart)), None)
        if start is not None:
            current = start
            part = start if start.name in PARTS else part
        elif current is not None and current.name not in PARTS and reading.source.line(seg.lines[0]).startswith(("-", "•")):
            out[seg.index] = part or current  # an item at the left margin: the part's, not the field's
            continue
        out[seg.index] = current
    return out


EXAMPLES = [  # (a line of a fiche, the field it opens)
    ("- **Budget** : 400 000€ (100 000€, fonctionnement du pôle : Conseil Régional)",
     {"field budget: 400 000€ (100 000€, fonctionnement du pôle : Conseil Régional)"}),
    ("Bilan", {"field assessment"}),
    ("Taille du pôle : 3/5", {"field size: 3/5"}),
    (" - Situation géographique : peu visible.", set()),  # not a field of the template
]
