"""Activities and cooperation: the main sectors, one list item each, are themes of the theme
scheme (ontology/schemes/themes.ttl); the fair the members hold ("« ESS Initiatives » au mois de
novembre à Massy") is a yearly event at its commune; the structure the pole hosts ("abrite une
agence de la CAE Rurban Coop") is a hosted organisation."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from ...mentions import parse_mention
from ...model import Event
from ...reading.segments import ITEM
from ...rules.facts import ThemeFact
from ...vocabularies import vocabulary
from ..sections import Problem
from ..subject_facts import Member, PoleEvent
from .territory import departements

_FAIR = re.compile(r"«\s*(?P<name>[^»]+?)\s*»\s*au mois de\s+(?P<month>\w+)\s+à\s+(?P<town>[A-ZÀ-Ý][\w'’\-]+)")
_HOSTED = re.compile(r"\babrite une agence de la (?P<form>CAE|SCOP|SCIC)\s+(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:\s+[\wÀ-ÿ'’\-]+)?)")


def find(segment, context) -> list:
    text, out = segment.text, []
    hits = vocabulary("theme").find(text) if segment.kind == ITEM else []
    if hits:
        hit = hits[0]
        out.append(ThemeFact(hit.start, hit.end, hit.text, "activities: sector", label=hit.text, slug=hit.concept.slug, known=True))
    fair = _FAIR.search(text)
    if fair:
        match = get_geography().commune(fair.group("town"), departements=departements(context))
        event = Event(label=fair.group("name"), lines=[], place=match.place, recurrence=f"chaque année au mois de {fair.group('month')}")
        out.append(PoleEvent(fair.start(), fair.end(), fair.group(0), "activities: fair", event=event))
        if match.place is None:
            out.append(Problem(fair.start(), fair.end(), fair.group(0), "activities",
                               message=f"place of « {fair.group('name')} » not resolved: {match.problem}"))
    hosted = _HOSTED.search(text)
    mention = parse_mention(f"{hosted.group('form')} {hosted.group('name')}", segment.lines) if hosted else None
    if mention:
        out.append(Member(hosted.start(), hosted.end(), hosted.group(0), "activities: hosted", mention=mention, role="hosted"))
    return out


EXAMPLES = [  # (text, what the activities give)
    ("- Les **services** à la personne notamment pour le maintien à domicile,", {"theme services-a-la-personne"}),
    ("- L'**agriculture** péri-urbaine.", {"theme agriculture-periurbaine"}),
    ("Le salon de l'ESS appelé « ESS Initiatives » au mois de novembre à Palaiseau. Le pôle abrite une agence de la CAE "
     "Rurban Coop.", {"event ESS Initiatives", "hosted Rurban Coop"}),
    ("Le salon « ESS Initiatives » au mois de novembre à Massy.", {  # no département known to settle the homonyms
        "event ESS Initiatives", "problem place of « ESS Initiatives » not resolved: 3 communes of France have or had the "
        "name 'Massy': Massy (76415), Massy (91377), La Vineuse sur Fregande (71582, commune déléguée Massy 71288); give a "
        "postal code or a département"}),
]
