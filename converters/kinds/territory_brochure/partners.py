"""Headings of the partners' pages: a partner and what it does ("France Active : structuration
et financement", "L'Union Régionale des Scop et des Scic"), its local branch in a département ("En
Val-de-Marne : France Active Métropole"), or a kind of partner ("Les coopératives d'activité et
d'emploi (CAE)"). A heading is short and does not end like a sentence; lines that speak to the
reader ("Voir l'interview...") are not headings."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from ...mentions import PROSE, parse_mention
from .captions import TO_THE_READER
from .facts import Branch, Category, PartnerHeading

_BRANCH = re.compile(r"^En\s+(?P<dep>[^:]+?)\s*:\s*(?P<name>.+)$")


def find(segment, context) -> list:
    text = segment.text
    if len(re.sub(r"\s*\([^)]*\)", "", text)) > 90 or text.endswith((".", "?")) or TO_THE_READER.match(text):
        return []
    branch = _BRANCH.match(text)
    departement = get_geography().departement(branch.group("dep")).place if branch else None
    if departement is not None:
        mention = parse_mention(branch.group("name"), segment.lines, named=True)
        return [Branch(0, len(text), text, "partners: branch", mention=mention, departement=departement)] if mention else []
    name, _, tagline = text.partition(" : ")
    if re.match(r"^(?:Les|Des)\s+[a-zé]", name):
        return [Category(0, len(text), text, "partners: category")]
    if re.match(r"^(?:se|s')\b", tagline) or PROSE.search(name):
        return []  # "DLA : se faire accompagner pour garder le cap": a title, not a partner
    mention = parse_mention(name, segment.lines)
    if mention is None:
        return []
    if tagline:
        mention.descriptions.append(tagline[0].upper() + tagline[1:])
    return [PartnerHeading(0, len(text), text, "partners: heading", mention=mention)]


EXAMPLES = [  # (text, facts found)
    ("France Active : structuration et financement", {"partner France Active: Structuration et financement"}),
    ("En Val-de-Marne : France Active Métropole", {"branch France Active Métropole in departement:94"}),
    ("Les coopératives d'activité et d'emploi (CAE)", {"category Les coopératives d'activité et d'emploi (CAE)"}),
    ("L'Union Régionale des Scop et des Scic", {"partner L'Union Régionale des Scop et des Scic"}),
    ("DLA : se faire accompagner pour garder le cap", set()),
    ("Voir l'interview du directeur page 7", set()),
]
