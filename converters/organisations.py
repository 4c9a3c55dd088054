"""The organisations of one document: one record per organisation within a scope.

A scope is the part of a document an organisation is known in (one fiche, one call...). Within a
scope, "SCOP Artefacts" (a partner) and "Artefacts, SCOP SARL" (the coordinator) are one
organisation; across scopes, names alone never merge ("chambre régionale de l'ESS" names a
different chamber in each région): merging across fiches and documents is entity resolution's job.
"""
from __future__ import annotations

import re

from .folding import name_key
from .link.geography import get_geography
from .mentions import Mention
from .model import Document, Organisation
from .vocabularies import vocabulary


def _aliases(mention_or_org) -> set[str]:
    names = [mention_or_org.name, *mention_or_org.alt_names]
    keys = {name_key(n) for n in names if n}
    # "Comité d'expansion 05 - Comité de bassin d'emploi de GAP" is also "Comité d'expansion 05".
    first = re.split(r"\s+[-–]\s+", mention_or_org.name)[0]
    keys.add(name_key(first))
    # "Comité du bassin d'emploi de Seignanx" and "Comité de bassin d'emploi du Seignanx".
    keys |= {" ".join(w for w in k.split() if w not in _LINK_WORDS) for k in list(keys)}
    # "Profession Sport et loisirs" and "Profession Sports et Loisirs": plurals aside.
    keys |= {" ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in k.split()) for k in list(keys)}
    return {k for k in keys if k}


_LINK_WORDS = {"de", "du", "des", "d", "l", "la", "le", "les", "et"}


def _most_specific(slugs: list[str]) -> list[str]:
    """Drop a legal form when a narrower one is also known (SCOP when SCOP SARL is)."""
    scheme = vocabulary("legal-form")

    def ancestors(slug: str) -> set[str]:
        out, todo = set(), [slug]
        while todo:
            for broader in scheme[todo.pop()].broader:
                if broader not in out:
                    out.add(broader)
                    todo.append(broader)
        return out

    covered = set().union(*(ancestors(s) for s in slugs)) if slugs else set()
    return [s for s in slugs if s not in covered]


class OrganisationIndex:
    def __init__(self, document: Document):
        self.document = document
        self._by_alias: dict[tuple[str, str], str] = {}

    def find(self, name: str, scope: str) -> Organisation | None:
        key = self._by_alias.get((scope, name_key(name)))
        return self.document.organisations.get(key) if key else None

    def add(self, mention: Mention, scope: str) -> Organisation:
        aliases = _aliases(mention)
        found = next((self._by_alias[(scope, a)] for a in sorted(aliases) if (scope, a) in self._by_alias), None)
        if found:
            org = self.document.organisations[found]
        else:
            key = f"{scope}/{name_key(mention.name)}"
            org = Organisation(key=key, name=mention.name)
            self.document.organisations[key] = org
        self._merge(org, mention)
        for registration in mention.registrations:
            if not registration.valid:
                self.document.warn(mention.lines[0] if mention.lines else None,
                                   f"{registration.written!r} of {org.name!r} is not a valid {registration.kind.upper()} (length or check digit): not kept")
        for alias in _aliases(org):
            self._by_alias.setdefault((scope, alias), org.key)
        return org

    @staticmethod
    def _merge(org: Organisation, mention: Mention) -> None:
        org.lines.update(mention.lines)
        for name in mention.alt_names:
            org.add_alt_name(name)
        if mention.name != org.name:
            org.add_alt_name(mention.name)
        for slug in mention.legal_forms:
            if slug not in org.legal_forms:
                org.legal_forms.append(slug)
            text = mention.legal_form_texts.get(slug)
            if text and text not in org.legal_form_texts:
                org.legal_form_texts.append(text)
        org.legal_forms = _most_specific(org.legal_forms)
        for slug in mention.structure_types:
            if slug not in org.structure_types:
                org.structure_types.append(slug)
        for text in mention.descriptions:
            if text not in org.descriptions:
                org.descriptions.append(text)
        org.figures.extend(mention.figures)
        org.created = org.created or mention.created
        for code in mention.departement_codes:  # "Conseil Général d'Indre-et-Loire (37)"
            place = get_geography().departement(code).place  # or a collectivité d'outre-mer
            if place is not None and place not in org.places:
                org.places.append(place)
        for place in mention.places:
            if place not in org.places:
                org.places.append(place)
        for registration in mention.registrations:
            if registration.valid and (registration.kind, registration.number) not in org.registrations:
                org.registrations.append((registration.kind, registration.number))
        for note in mention.notes:
            if note not in org.notes:
                org.notes.append(note)
