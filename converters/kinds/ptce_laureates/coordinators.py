"""The coordinator of a laureate: the organisation the "Coordinateur du projet :" line names
(`mentions.parse_mention`), else the one its contact writes from. In every fiche that has both,
the contact writes from the coordinator's domain; when the contact's e-mail domain names exactly
one organisation of the fiche ("mairie-laverriere.fr" and "Ville de La Verrière"), it is taken as
the coordinator, and the membership says why."""
from __future__ import annotations

import re

from ...folding import fold
from ...mentions import parse_mention
from ...model import Membership


def read_coordinator(laureate):
    """The mention of the coordinator's line, or None (a line not understood is kept as a note)."""
    if not laureate.sections["coordinator"]:
        return None
    label, *value = laureate.sections["coordinator"]
    laureate.claim([label])
    if not value:
        return None
    mention = parse_mention(laureate.written(value[0]), value[0].lines)
    if mention is None:
        laureate.doc.warn(value[0].lines[0], f"coordinator not understood: {laureate.written(value[0])!r}; kept as a note")
        laureate.keep(value[:1], laureate.pole.notes)
    return mention


def add_coordinator(laureate) -> None:
    mention = laureate.coordinator
    org = laureate.add_member(mention, "coordinator", mention.lines)
    laureate.claim(mention.lines)
    if not org.legal_forms:
        laureate.doc.warn(mention.lines[0], f"coordinator {org.name!r} has no legal form in the source; kept without rov:orgType")


def infer_coordinator(laureate) -> None:
    pole, doc = laureate.pole, laureate.doc
    if any(m.role == "coordinator" for m in pole.memberships):
        return
    emails = [e for c in pole.contacts for e in c.emails]
    found = by_domain(emails, {m.org_key: doc.organisations[m.org_key].name for m in pole.memberships})
    if found is None:
        doc.warn(pole.lines[0], f"fiche of {pole.name!r} has no coordinator")
        return
    org, lines = doc.organisations[found[0]], pole.contacts[0].lines
    note = (f"The fiche names no coordinator; the contact writes from {found[1]}, the domain of "
            f"{org.name}, as the contacts of the other fiches write from their coordinator's.")
    pole.memberships.append(Membership(org.key, "coordinator", list(lines), note=note))
    doc.warn(lines[0], f"no coordinator in the fiche of {pole.name!r}: inferred {org.name!r} from the contact's e-mail domain")


def by_domain(emails: list[str], names: dict[str, str]) -> tuple[str, str] | None:
    """(organisation key, domain) when the e-mails' domains name exactly one of `names` (key -> name)."""
    candidates = {}
    for email in emails:
        domain = fold(email.split("@", 1)[1]).rsplit(".", 1)[0].split(".")[-1]
        token = re.sub(r"^(?:mairie|ville|commune)-", "", domain).replace("-", "")
        for key, name in names.items():
            compact = re.sub(r"^(?:villede|mairiede|communede)", "", re.sub(r"[^a-z0-9]", "", fold(name)))
            if len(token) >= 4 and token in compact:
                candidates[key] = email.split("@", 1)[1]
    return next(iter(candidates.items())) if len(candidates) == 1 else None


EXAMPLES = [  # (e-mails, organisations of the fiche, coordinator and domain)
    (["k.rivoal@mairie-laverriere.fr"], {"v": "Ville de La Verrière", "m": "MGEN", "t": "TRACETEL"}, ("v", "mairie-laverriere.fr")),
    (["contact@la-serre.org"], {"s": "La Serre", "a": "Artilect FabLab"}, ("s", "la-serre.org")),
    (["fabien.harel@orange.fr"], {"c": "Comité d'expansion 05"}, None),
]
