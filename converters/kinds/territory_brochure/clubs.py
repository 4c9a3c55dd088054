"""The Cigales clubs of the territory, with their commune and year: "Quatre clubs Cigales sont
actuellement en phase d'investissement : Cig'Ivry à Ivry-sur-Seine, créé en 2020 ; l'ESSaim à
Villejuif, créé en 2021 ; la Mouette au Kremlin-Bicêtre et la Cigalerie à Choisy-le-Roi, créé en
2021." The number announced is a figure of the territory."""
from __future__ import annotations

import re

from text_to_num import text2num

from ...link.geography import get_geography
from ...mentions import parse_mention
from ...rules.facts import Quantity
from . import territory
from .facts import Clubs, figure

NETWORK = "cigales"  # the structure type of the clubs, and the name their network goes by
_LEAD = re.compile(r"^(?P<n>\w+)\s+clubs Cigales sont actuellement en phase d'investissement\s*:\s*")
_CLUB = re.compile(r"^(?:Pionniers? [^,]{0,40},\s*)?(?P<name>(?:l'|la |le )?[\w'’\-]+(?: du [\w'’\-]+)?)\s*"
                   r"(?:(?P<at>à|au)\s+(?P<town>[A-ZÀ-Ý][\w'’\- ]+?))?\s*(?:,\s*créé en (?P<year>\d{4}))?(?:,.*)?\.?$")


def find(segment, context) -> list:
    text = segment.text
    if not re.search(r"\bclubs? Cigales|\bclub du\b", text) or not re.search(r"créé en \d{4}", text):
        return []
    out: list = []
    lead = _LEAD.match(text)
    if lead:
        n = lead.group("n")
        count = figure("organisations", n if n.isdigit() else str(text2num(n.lower(), "fr")), "organisation",
                       lead.group(0).strip(" :"), what="clubs Cigales en phase d'investissement")
        out.append(Quantity(0, lead.end(), lead.group(0), "clubs: count", figure=count, of_territory=True))
    clubs = Clubs(lead.end() if lead else 0, len(text), text, "clubs")
    for part in re.split(r"\s*;\s*|\.\s+", text[clubs.start:]):
        for piece in re.split(r"\s+et\s+(?=l[ae]\s|l')", part):
            m = _CLUB.match(piece.strip())
            mention = m and parse_mention(m.group("name")[0].upper() + m.group("name")[1:], segment.lines, named=True)
            if not mention:
                continue
            mention.structure_types += [] if NETWORK in mention.structure_types else [NETWORK]
            mention.created = int(m.group("year")) if m.group("year") else None
            if m.group("town"):
                town = ("Le " if m.group("at") == "au" else "") + m.group("town")
                match = get_geography().commune(town, departements=territory.departements(context))
                if match.place is not None:
                    mention.places.append(match.place)
                else:
                    clubs.unresolved.append((m.group("town"), m.group("name"), match.problem))
            clubs.mentions.append(mention)
    return out + [clubs]


EXAMPLES = [  # (text, facts found)
    ("Quatre clubs Cigales sont actuellement en phase d'investissement : Cig'Ivry à Ivry-sur-Seine, créé en 2020 ; "
     "la Mouette au Kremlin-Bicêtre et la Cigalerie à Choisy-le-Roi, créé en 2021.",
     {"figure organisations=4 (territory)",
      "clubs Cig'Ivry commune:94041 2020, La Mouette commune:94043, La Cigalerie commune:94022 2021"}),
    ("Pionnier dans le territoire, le club du Val-de-Bièvre, créé en 2016, est passé en gestion en 2021.",
     {"clubs Le club du Val-de-Bièvre 2016"}),
    ("Les Cigales sont des clubs de citoyens qui investissent collectivement.", set()),
]
