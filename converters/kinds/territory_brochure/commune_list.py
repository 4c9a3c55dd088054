"""The communes of the territory, listed by département: "Les 18 communes du Val-de-Marne sont :
Ablon-Sur-Seine, Arcueil, ... et Vitry-sur-Seine." Each name is read in its département; the
number the text announces is a figure of the territory."""
from __future__ import annotations

import re

from ...link.geography import get_geography
from . import territory
from .facts import CommuneList, figure

_LIST = re.compile(r"Les (?P<n>\d+) communes d[eu]\s+(?:l'|la |le )?(?P<dep>[^:]+?) sont\s*:\s*(?P<list>[^.]+)\.")


def find(segment, context) -> list[CommuneList]:
    if territory.of(context) is None:
        return []
    geo, out = get_geography(), []
    for m in _LIST.finditer(segment.text):
        departement = geo.departement(m.group("dep")).place
        codes = [departement.code] if departement else []
        names = [n.strip() for n in re.split(r",\s*|\s+et\s+", m.group("list")) if n.strip()]
        count = figure("communes", m.group("n"), "commune", m.group(0)[:60], what=f"communes de {m.group('dep')}")
        fact = CommuneList(m.start(), m.end(), m.group(0), "commune_list", departement=departement, where=m.group("dep"),
                           figure=count, listed=len(names))
        fact.figure.place = departement
        for name in names:
            match = geo.commune(name, departements=codes)
            if match.place is None:
                fact.unresolved.append((name, match.problem))
            else:
                fact.communes.append(match.place)
        out.append(fact)
    return out


EXAMPLES = [  # (text, facts found); the territory is the Grand-Orly Seine Bièvre, named twice
    ("Les 6 communes de l'Essonne sont : Athis-Mons, Juvisy-Sur-Orge, Morangis, Paray-Vieille-Poste, Savigny-Sur-Orge et "
     "Viry-Chatillon.", {"communes of departement:91: 6 of 6"}),
    ("Les 3 communes du Val-de-Marne sont : Arcueil, Cachan et Gentilly. Les 2 communes de l'Essonne sont : Morangis et "
     "Nulle-Part.", {"communes of departement:94: 3 of 3", "communes of departement:91: 1 of 2"}),
    ("Les communes du territoire sont nombreuses.", set()),
]
