"""Persons named in running text ("témoigne Marion Lafon, sa directrice", "Cécile Duflot, Ministre
de l'Égalité des territoires"). Names of persons are personal data: a line that names one is kept
in the private graph, never in a public description (docs/architecture.md, "Privacy")."""
from __future__ import annotations

import re

_NAME = r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\s+(?:[A-ZÀ-Ý]['’]?[A-Za-zà-ÿ'’\-]+\s*){1,2}"
_ROLE = (r"(?:ministre|président|présidente|coprésident|coprésidente|vice-président|vice-présidente|"
         r"directeur|directrice|responsable|chargée?|coordinat(?:eur|rice)|délégué|déléguée|"
         r"maire|adjointe?|fondat(?:eur|rice)|gérante?|trésorière?|secrétaire|sa |son )")
_VERBS = (r"(?:témoigne|détaille|résume|explique|indique|précise|souligne|raconte|ajoute|confie|"
          r"selon|le point avec|questions pratiques à|interview de|entretien avec)")
_AFTER_ROLE = re.compile(rf"\b{_NAME},\s*{_ROLE}", re.IGNORECASE)
_AFTER_VERB = re.compile(rf"\b{_VERBS}\s+{_NAME}", re.IGNORECASE)


def names_a_person(text: str) -> bool:
    """True when the text names a person by name and role, or quotes one."""
    return bool(_AFTER_ROLE.search(text) or _AFTER_VERB.search(text))
