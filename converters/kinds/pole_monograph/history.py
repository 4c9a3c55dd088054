"""The history of the pole ("Genèse"): the pole's description. Each dated sentence is an event,
placed at the commune it names after "à" (in the départements of the territory), or at the place
as written when it is no commune ("à Courtabœuf"); the founding year of the association that
became the pole is the pole's ("l'association RESEA-2P était créée en 2010"). The organisations
named after their form are the document's ("la constitution d'une SCIC. « Conciergerie des 2
Plateaux »"); the pole itself named so gives its legal form ("l'association RESEA-2P").
"""
from __future__ import annotations

import re

from ...folding import name_key
from ...mentions import parse_mention
from ...model import Event
from ...rules.facts import DateFact, PoleName, SubjectForm
from ...scanner import communes_after_a, find_named_orgs
from ..subject_facts import Member, PoleEvent, PoleText
from .territory import departements

_YEAR_SENTENCE = re.compile(r"(?:^|(?<=[.!?»]))\s*(?P<sentence>[^.!?]*?\b(?P<year>(?:19|20)\d{2})\b[^.!?]*[.!?]?)")
_AT = re.compile(r"\bà\s+([A-ZÀ-Ý][\w'’\-]+)\s*[.,;]?$")
_QUOTED = re.compile(r"constitution d'une (?P<form>SCIC|SCOP|association)\.?\s*«\s*(?P<name>[^»]+?)\s*»")


def find(segment, context) -> list:
    text, lines = segment.text, segment.lines
    out = [PoleText(0, len(text), text, "history", prop="description", value=text)]
    created = False
    for m in _YEAR_SENTENCE.finditer(text):
        sentence, year = m.group("sentence").strip(), m.group("year")
        places = communes_after_a(sentence, departements(context))
        event = Event(label=sentence, lines=[], date=year, place=places[0].place if places else None)
        at = _AT.search(sentence)
        if at and not places:
            event.place_text = at.group(1)  # "Courtabœuf" is no commune: kept as written
        out.append(PoleEvent(m.start("sentence"), m.end("sentence"), sentence, "history: dated", event=event))
        if not created and re.search(r"(?:était |a été |est )?cré(?:é|ée)e?\s+en\s+" + year, sentence):
            created = True
            out.append(DateFact(m.start("sentence"), m.end("sentence"), sentence, "history: created", date=year, what="created"))
    names = {name_key(n) for facts in context.found.values() for f in facts if isinstance(f, PoleName) for n in [f.name, *f.alt_names]}
    for found in find_named_orgs(text, lines):
        if name_key(found.mention.name) in names:  # "l'association RESEA-2P": the pole itself
            out += [SubjectForm(found.start, found.end, found.mention.written, "history: the pole's form", legal_form=form)
                    for form in found.mention.legal_forms]
        else:
            out.append(Member(found.start, found.end, found.mention.written, "history", mention=found.mention, role=None))
    for quoted in _QUOTED.finditer(text):
        mention = parse_mention(f"{quoted.group('form')} {quoted.group('name')}", lines)
        if mention:
            out.append(Member(quoted.start(), quoted.end(), quoted.group(0), "history: quoted", mention=mention, role=None))
    return out


EXAMPLES = [  # (text, what the history gives)
    ("Rejointe par d'autres entreprises, elle aboutissait à la constitution d'une SCIC. « Conciergerie des 2 Plateaux »", {
        "description: Rejointe par d'autres entreprises, elle aboutissait à la constitution d'une SCIC. « Conciergerie des 2 Plateaux »",
        "organisation Conciergerie des 2 Plateaux"}),
    ("Cela débouchait en 2012 sur la création d'un atelier de repassage à Courtabœuf.", {
        "description: Cela débouchait en 2012 sur la création d'un atelier de repassage à Courtabœuf.",
        "event 2012 Cela débouchait en 2012 sur la création d'un atelier de repassage à Courtabœuf."}),
    ("L'association RESEA-2P était créée en 2010.", {
        "description: L'association RESEA-2P était créée en 2010.", "event 2010 L'association RESEA-2P était créée en 2010.",
        "date created 2010", "organisation RESEA-2P"}),
    ("L'association RESEA-2P était créée en 2010. En 2014, RESEA-2P devient Pôles NOE.", {  # the pole's own form
        "description: L'association RESEA-2P était créée en 2010. En 2014, RESEA-2P devient Pôles NOE.",
        "event 2010 L'association RESEA-2P était créée en 2010.", "event 2014 En 2014, RESEA-2P devient Pôles NOE.",
        "date created 2010", "subject-form association"}),
]
