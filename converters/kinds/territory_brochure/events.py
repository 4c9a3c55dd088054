"""The agenda: a date alone ("9 NOVEMBRE 2023"), then the event's title, what it is, its hours
and its place ("Jeudi 9 novembre de 9h à 12h30 au siège du Grand-Orly Seine Bièvre"). The rule
reads the segments that follow the date, up to the next date or the next heading; a title in
capitals keeps the case of the territory's name and of acronyms."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from ...model import Event
from ...reading.segments import BOILERPLATE, HEADING, PRIVATE_LINE
from . import territory
from .facts import DatedEvent

_MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
_DATE = re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>\d{4})$", re.IGNORECASE)
_HOURS = re.compile(r"de (?P<h1>\d{1,2})\s*h\s*(?P<m1>\d{2})?\s*à\s*(?P<h2>\d{1,2})\s*h\s*(?P<m2>\d{2})?", re.IGNORECASE)
_PLACE = re.compile(r"^(?:au|à l'|à la|à)\s")
_CAPITALS = re.compile(r"^[A-ZÀ-Ý' ]{12,}$")
ACRONYMS = ("ESS", "IAE", "RDV")
WINDOW = 7  # lines after the date that can belong to the event


def find(segment, context) -> list[DatedEvent]:
    m = _DATE.match(segment.text)
    following = [s for s in context.segments[segment.index + 1:] if s.kind not in (BOILERPLATE, PRIVATE_LINE)] if m else []
    if not following:
        return []
    date = f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}-{int(m.group('day')):02d}"
    title = following[0]
    fact = DatedEvent(0, len(segment.text), segment.text, "events", statements=[title.index],
                      event=Event(label=_title_case(title.text, context), lines=[*segment.lines, *title.lines], date=date))
    event, lines = fact.event, len(title.lines)
    for seg in following[1:]:
        lines += len(seg.lines)
        if lines > WINDOW or _DATE.match(seg.text) or _CAPITALS.match(seg.text):
            break
        hours = _HOURS.search(seg.text)
        if hours:
            event.start = f"{date}T{int(hours.group('h1')):02d}:{hours.group('m1') or '00'}:00"
            event.end = f"{date}T{int(hours.group('h2')):02d}:{hours.group('m2') or '00'}:00"
        where = seg.text[hours.end():].strip() if hours else seg.text
        if where and _PLACE.match(where) and len(where) < 80:
            event.place_text = re.sub(r"^(?:au|à)\s+", "", where)
            town = re.search(r"\bde\s+([A-ZÀ-Ý][\w'’\-]+)$", where)
            if town:
                event.place = get_geography().commune(town.group(1), departements=territory.departements(context)).place
            fact.at_seat = not town and "siège" in where
        elif hours is None and seg.kind == HEADING:
            break  # the next heading ends the event
        elif hours is None:
            event.description = ((event.description or "") + " " + seg.text).strip()
            fact.descriptions.append(seg.index)
            continue
        fact.statements.append(seg.index)
    return [fact]


def _title_case(text: str, context) -> str:
    """"LE GRAND RDV DE L'ESS EN GRAND-ORLY SEINE BIÈVRE" -> "Le grand RDV de l'ESS en Grand-Orly Seine Bièvre"."""
    if not text.isupper():
        return text
    lowered = text.lower()
    for keep in ACRONYMS:
        lowered = re.sub(rf"\b{keep.lower()}\b", keep, lowered)
    place = territory.of(context)
    if place is not None:
        name = territory.authority_name(place)
        lowered = re.sub(re.escape(name.lower()), name, lowered)
    return lowered[0].upper() + lowered[1:]


EXAMPLES = [  # (text: the date, the lines after it; facts found on the date)
    ("9 NOVEMBRE 2023\n\nLA MATINALE DES ACHATS RESPONSABLES\n\nRencontre entre les acheteurs publics et les structures.\n\n"
     "Jeudi 9 novembre de 9h à 12h30\nau siège du Grand-Orly Seine Bièvre",
     {"event 2023-11-09 La matinale des achats responsables 09:00-12:30 at the seat"}),
    ("21 NOVEMBRE 2023\n\nLE GRAND RDV DE L'ESS EN GRAND-ORLY SEINE BIÈVRE\n\nMardi 21 novembre de 15h30 à 19h\n"
     "à l'ESS Club de Villejuif\n\nAppels à projets",
     {"event 2023-11-21 Le grand RDV de l'ESS en Grand-Orly Seine Bièvre 15:30-19:00 at commune:94076"}),
    ("Le mois de l'Économie sociale et solidaire", set()),
]
