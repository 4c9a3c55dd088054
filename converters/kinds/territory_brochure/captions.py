"""Photo captions and other lines that name organisations with their form, and their commune:
"Association Les Vertugadins à Ivry-sur-Seine.", "Fête des 5 ans de la ressourcerie La Pagaille à
Ivry-sur-Seine." The organisations and communes are those the shared rules found; the territory's
own authority is not captioned, and neither are headings in capitals nor lines to the reader."""
from __future__ import annotations

import re

from ...folding import name_key
from ...rules.facts import OrgName, PlaceRef
from . import territory
from .facts import Caption

# Lines that speak to the reader, not of an organisation.
TO_THE_READER = re.compile(r"^(?:Flashez|Voir|Lire|Plus d'informations|Pour plus|Contactez|Tout au long|Retours d'expérience)\b",
                           re.IGNORECASE)


def find(segment, context) -> list[Caption]:
    text = segment.text
    if TO_THE_READER.match(text) or text.isupper():
        return []
    place = territory.of(context)
    authority = name_key(territory.authority_name(place)) if place else None
    mentions = [f.mention for f in context.earlier(segment, OrgName)
                if (f.mention.legal_forms or f.mention.structure_types) and name_key(f.mention.name) != authority]
    if not mentions:
        return []
    places = [p.place for p in context.earlier(segment, PlaceRef) if p.place is not None and p.place.kind == "commune"]
    return [Caption(0, len(text), text, "captions", mentions=mentions, places=places)]


EXAMPLES = [  # (text, facts found); the territory is the Grand-Orly Seine Bièvre, named twice
    ("Association Les Vertugadins à Ivry-sur-Seine.", {"caption Les Vertugadins commune:94041"}),
    ("Fête des 5 ans de la ressourcerie La Pagaille à Ivry-sur-Seine.", {"caption La Pagaille commune:94041"}),
    ("Matinale des achats responsables du Grand-Orly Seine Bièvre 2022.", set()),
    ("LES CIGALES DU GRAND-ORLY SEINE BIÈVRE", set()),
]
