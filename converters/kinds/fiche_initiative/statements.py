"""The fields of a fiche that list statements, one per line, as written: functions, objectives,
achievements, projects, strengths, weaknesses, good practice (`Pole.texts`, each an ess:
property); a dated achievement is also an event ("en 2008 : création de la plateforme « Mobilité
Solidaire »"). The attached documents are kept as notes ("Document joint : ...").
"""
from __future__ import annotations

import re

from ...model import Event
from ..subject_facts import Note, PoleEvent, PoleText
from .template import field_above

_DATED = re.compile(r"\ben ((?:19|20)\d{2})\s*:?\s*(?P<what>[^.;,)]+)")
PROPERTIES = {"functions": "function", "goal": "goal", "achievement": "achievement", "plannedAction": "plannedAction",
              "strength": "strength", "weakness": "weakness", "goodPractice": "goodPractice"}


def find(segment, context) -> list:
    field = field_above(segment, context)
    if field is None:
        return []
    opening = field.segment == segment.index
    text = (field.value if opening else segment.text).strip(" -").strip()
    if not text:
        return []
    start = segment.text.find(text) if text in segment.text else 0
    end = start + len(text)
    if field.name == "attachments":
        return [Note(start, end, text, "statements: attachment", value=f"Document joint : {text}")]
    if field.name not in PROPERTIES:
        return []
    out = [PoleText(start, end, text, f"statements: {field.name}", prop=PROPERTIES[field.name], value=text)]
    dated = _DATED.search(text) if field.name != "functions" else None
    if dated:
        event = Event(label=dated.group("what").strip(" :"), lines=[], date=dated.group(1))
        out.append(PoleEvent(start + dated.start(), start + dated.end(), dated.group(0), "statements: dated", event=event))
    return out


EXAMPLES = [  # (lines of a fiche, what they state)
    ("- **Objectifs** :\n - Comment faire vivre collectivement les structures du Pôle sur le territoire ?", {
        "goal: Comment faire vivre collectivement les structures du Pôle sur le territoire ?"}),
    ("- **Réalisation** :\n - Appui au développement de l'ESS : montage de nouveaux projets (ex : en 2008 : création de la "
     "plateforme « Mobilité Solidaire », réponse à des appels à projet.", {
         "achievement: Appui au développement de l'ESS : montage de nouveaux projets (ex : en 2008 : création de la "
         "plateforme « Mobilité Solidaire », réponse à des appels à projet.",
         "event 2008 création de la plateforme « Mobilité Solidaire »"}),
    ("- **Fonctions** : Hôtel d'activité (le pôle)\nGestion de projet (Le Collectif)", {
        "function: Hôtel d'activité (le pôle)", "function: Gestion de projet (Le Collectif)"}),
    ("Documents joints :\n- Plaquette de présentation du Pôle", {"note Document joint : Plaquette de présentation du Pôle"}),
]
