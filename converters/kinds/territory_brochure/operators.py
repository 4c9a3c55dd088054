"""Who runs the scheme of the heading above, and where: "Dans le Val-de-Marne, le DLA 94 est
opéré par l'association régionale BGE Adil, qui accompagne...", "En Essonne, CitésLab est porté
par l'association Qhube, créée par France Active Seine-et-Marne Essonne et Initiative Essonne".
The operator is the organisation the shared rules found with its form, else the words after "par";
its founders are the organisations they found after "créée par"."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from ...mentions import parse_mention
from ...rules.facts import OrgName
from . import territory
from .facts import Operator

_RUN_BY = re.compile(r"\b(?:est|sont)\s+(?:opéré|opérée|porté|portée|géré|gérée)s?\s+par\s+(?P<who>.+?)"
                     r"(?:,\s*(?:qui|depuis|créée?)\b.*)?\.?$")
_WHERE = re.compile(r"^(?:Dans le |En |Dans l')(?P<dep>[A-ZÀ-Ý][\w\-' ]+?),")
_SINCE = re.compile(r"depuis\s+(?P<town>[A-ZÀ-Ý][\w'’\-]+)")
_CREATED_BY = re.compile(r"créée? par (?P<who>.+?)\.?$")


def find(segment, context) -> list[Operator]:
    text = segment.text
    m = _RUN_BY.search(text)
    if not m:
        return []
    orgs = context.earlier(segment, OrgName)
    named = [f.mention for f in orgs
             if m.start("who") <= f.start < m.end("who") and (f.mention.legal_forms or f.mention.structure_types)]
    mention = named[0] if named else parse_mention(m.group("who"), segment.lines, named=True)
    if mention is None:
        return []
    geo, where, since = get_geography(), _WHERE.match(text), _SINCE.search(text)
    fact = Operator(m.start("who"), m.end("who"), m.group("who"), "operators", mention=mention,
                    departement=geo.departement(where.group("dep")).place if where else None)
    if since:  # "depuis Evry-Courcouronnes": where the operator is
        place = geo.commune(since.group("town"), departements=territory.departements(context)).place
        fact.places = [place] if place is not None else []
    created = _CREATED_BY.search(text)
    if created:
        fact.founders = [f.mention for f in orgs if f.start >= created.start("who")]
    return [fact]


EXAMPLES = [  # (text, facts found)
    ("Dans le Val-de-Marne, le DLA 94 est opéré par l'association régionale BGE Adil, qui accompagne les créateurs.",
     {"operator BGE Adil in departement:94"}),
    ("En Essonne, le DLA 91 est opéré par France Active Seine-et-Marne et Essonne, depuis Evry-Courcouronnes.",
     {"operator France Active Seine-et-Marne et Essonne in departement:91"}),
    ("En Essonne, CitésLab est porté par l'association Qhube, créée par France Active Seine-et-Marne Essonne et "
     "Initiative Essonne",
     {"operator Qhube in departement:91 founded by France Active Seine-et-Marne Essonne, Initiative Essonne"}),
    ("Le tiers-lieu géré par ESS Club ouvre.", set()),
]
