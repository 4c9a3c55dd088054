"""Legal forms the project text gives organisations: "Porté par l'association Comité de bassin
d'emploi du Seignanx", "la société coopérative d'intérêt collectif (SCIC) la Serre". A form is
followed by the name it qualifies; the fiche keeps it for an organisation it already knows by
that name (or by the name's first words)."""
from __future__ import annotations

import re

from ...mentions import Mention, find_forms
from ...rules.facts import OrgName

_NAME_AFTER = re.compile(r"^\s*(?:\([A-Z]+\)\s*)?(?P<name>(?:l[ae]\s+)?[A-ZÀ-Ý][^,.;()]*)")


def find(segment, context) -> list[OrgName]:
    out = []
    for hit in find_forms(segment.text):
        if hit.concept.scheme != "legal-form":
            continue
        m = _NAME_AFTER.match(segment.text[hit.end:])
        if not m:
            continue
        name = re.sub(r"^l[ae]\s+", "", m.group("name")).strip()
        mention = Mention(name=name, written=segment.text[hit.start:hit.end + m.end()],
                          legal_forms=[hit.concept.slug], legal_form_texts={hit.concept.slug: hit.text})
        out.append(OrgName(hit.start, hit.end + m.end(), mention.written, "ptce_laureates.forms", mention=mention))
    return out


def read_legal_forms(laureate) -> None:
    known = {m.org_key for m in laureate.pole.memberships}
    for seg in laureate.description:
        for fact in find(seg, laureate.reading.context):
            slug = fact.mention.legal_forms[0]
            for name in candidates(fact.mention.name):
                org = laureate.orgs.find(name, laureate.pole.key)
                if org and org.key in known:
                    if slug not in org.legal_forms:
                        org.legal_forms.append(slug)
                        org.legal_form_texts.append(fact.mention.legal_form_texts[slug])
                        org.lines.update(seg.lines)
                        laureate.claim([seg])
                    break


def candidates(name: str) -> list[str]:
    """The names to look the organisation up by: the whole name, then ever fewer of its first words."""
    words = name.split()
    return [" ".join(words[:size]) for size in range(len(words), 0, -1)]


EXAMPLES = [  # (text, organisations with the legal form the text gives them)
    ("Porté par l'association Comité de bassin d'emploi du Seignanx, le PTCE « Pôle Sud Aquitain » réunit",
     {"org Comité de bassin d'emploi du Seignanx [association]"}),
    ("Il est porté par la société coopérative d'intérêt collectif (SCIC) la Serre, qui compte quatre-vingt membres.",
     {"org Serre [scic]"}),
    ("Le PTCE rassemble différents types de personnes morales (associations, SCOP, SA, SARL).", set()),
]
