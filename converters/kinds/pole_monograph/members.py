"""The actors of the pole ("Acteurs du pôle"), one list item each, the name first (in bold):
"- **Colibree**, Scop arl, Service de vélos électriques" is a member, its legal form or structure
type and its activity ("Asparagus, SARL": the form inside the name); "- **10 adhérents
individuels**", "- **7 porteurs de projet en émergence**" count persons; "Autres parties-prenantes
du pôle du secteur public : L'association Atout-PLIE Nord-Ouest 91, la pépinière APIS Développement
à Villebon/Yvette et la communauté d'Agglomération du Plateau de Saclay" are partners of the
category the words before the colon give (the partner-category scheme), each placed at the
commune written after "à"."""
from __future__ import annotations

import re
from decimal import Decimal

from ...enumerations import COMMA, split_items, split_top_level
from ...link.geography import get_geography
from ...mentions import find_forms, parse_mention
from ...model import Figure
from ...reading.segments import ITEM
from ...rules.facts import Quantity
from ...scanner import find_named_orgs
from ...vocabularies import vocabulary
from ..sections import Problem
from ..subject_facts import Member
from .territory import departements

BOLD_ITEM = re.compile(r"^-\s*\*\*(?P<name>.+?)\*\*\s*(?P<rest>.*)$")  # a member as the source writes it
_COUNT = re.compile(r"^(?P<n>\d+)\s+(?P<what>[^,:]+)$")
_STAKEHOLDERS = re.compile(r"parties?[- ]prenantes?", re.IGNORECASE)


def find(segment, context) -> list:
    text, end = segment.text, len(segment.text)
    if _STAKEHOLDERS.search(text):
        return _stakeholders(segment, context)
    if segment.kind != ITEM:  # the actors are list items; a sentence around the list is text
        return []
    count = _COUNT.match(text)
    if count:
        what = count.group("what").strip()
        measure = "individual-members" if "adhérent" in what else "project-holders" if "porteur" in what else "members"
        figure = Figure(measure, Decimal(count.group("n")), "person" if measure != "members" else "organisation", text, [])
        figure.counted_kind_text = what
        return [Quantity(0, end, text, "members: count", figure=figure)]
    name, _, rest = text.partition(",")
    mention = member_mention(name.strip(), rest.strip(), segment.lines)
    if mention is None:
        return [Problem(0, end, text, "members", message=f"member not understood: {text!r}; kept as a note")]
    return [Member(0, end, text, "members", mention=mention, role="member")]


def member_mention(name: str, rest: str, lines: list[int]):
    """"Asparagus, SARL" (the form inside the name), "Handi access Orsay sarl", then the
    comma-separated rest: a legal form or structure type first when there is one, the activity."""
    mention = parse_mention(name, lines, named=True)
    if mention is None:
        return None
    parts = [p.strip() for p in split_top_level(rest.strip(" ,."), COMMA) if p.strip()]
    for i, part in enumerate(parts):
        hits = find_forms(part)
        if i < 2 and hits and hits[0].start == 0:
            first = hits[0]
            mention.add_form(first)
            remainder = part[first.end:].strip(" ,")
            if first.concept.scheme == "legal-form" and remainder:
                # "Association Réseau d'associations défense environnement...": the activity follows.
                for hit in find_forms(remainder):
                    if hit.concept.scheme == "structure-type":
                        mention.add_form(hit)
                mention.descriptions.append(remainder[0].upper() + remainder[1:])
            elif first.concept.scheme == "structure-type" and remainder:
                mention.descriptions.append(part[0].upper() + part[1:])  # "Réseau de SIAE de l'Essonne"
                for hit in hits[1:]:
                    mention.add_form(hit)
            continue
        mention.descriptions.append(part[0].upper() + part[1:])
    return mention


def _stakeholders(segment, context) -> list:
    text, end = segment.text, len(segment.text)
    heading, _, items = text.partition(":") if ":" in text else ("", "", text)
    heading = heading.strip(" -") or None
    hits = vocabulary("partner-category").find(heading) if heading else []
    category = hits[0].concept.slug if hits else None  # "du secteur public": public authorities
    out = []
    for item in split_items(items):
        mention = next((f.mention for f in find_named_orgs(item, segment.lines)), None) or parse_mention(item, segment.lines)
        if mention is None:
            continue
        town = re.search(r"\bà\s+(?P<town>[A-ZÀ-Ý][\w'’\-/]+)", item)
        if town:  # "à Villebon/Yvette": Villebon-sur-Yvette
            match = get_geography().commune(town.group("town").replace("/", "-sur-"), departements=departements(context))
            if match.place is not None:
                mention.places.append(match.place)
            else:
                out.append(Problem(0, end, item, "members", message=f"place of {mention.name!r} not resolved: {match.problem}"))
        if "agglomération" in mention.name.lower():
            match = get_geography().epci(mention.name, departements=departements(context))
            if match.place is None:
                out.append(Problem(0, end, item, "members", message=f"intercommunality {mention.name!r} not resolved: {match.problem}"))
        out.append(Member(0, end, item, "members: stakeholder", mention=mention, role="partner", category=category, heading=heading))
    return out


EXAMPLES = [  # (text, what the list of actors gives)
    ("- **Colibree**, Scop arl, Service de vélos électriques", {"member Colibree"}),
    ("- **Asparagus, SARL**, Service conseil aux entreprises", {"member Asparagus"}),
    ("- **10 adhérents individuels**", {"figure individual-members=10"}),
    ("Les membres du pôle sont les suivants, par ordre alphabétique :", set()),  # no item: text
    ("- **Autres parties-prenantes** du pôle du **secteur public** : L'association **Atout-PLIE Nord-Ouest 91**, la pépinière "
     "**APIS** Développement à Villebon/Yvette", {"partner Atout-PLIE Nord-Ouest 91", "partner APIS Développement"}),
]
