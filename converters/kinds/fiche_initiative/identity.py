"""The identity part of a fiche: the year of creation alone on its line, and the story of the
pole's origin. The story gives the pole's name ("ils ont alors créé le Pôle d'économie
solidaire"), the organisations that created it (named with their form or type, found by the shared
organisations rule: "l'entreprise d'insertion SCOP Val Emploi"), the association that carries it
("le Collectif (en association)"), its members by kind ("9 personnes morales adhérentes (les 4
associations du pôle, 3 collectivités locales, ...)", figures of the carrier) and the structures
it hosts ("5 structures sont hébergées : les 4 associations fondatrices et le Collectif"). A field
inside an item ("• Salariés : 10.") is read as that field.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ...folding import name_key
from ...mentions import parse_mention
from ...model import Figure
from ...rules.facts import DateFact, OrgName, PoleName, Quantity
from ..subject_facts import Counted, Member, PoleText
from . import counts
from .template import FIELDS

_NAME = re.compile(r"\b(?:créé|crée|créent|fondé|ouvert)\s+(?:le |la |l')(?P<name>(?:Pôle|Pole|Maison|Centre|Espace|Hôtel)\b"
                   r"[^(,.;]*?)\s*(?:\(|,|\.|;| et )")
_FOUNDING = re.compile(r"\bcréé|branches|fondat", re.IGNORECASE)
_CARRIER = re.compile(r"\b(?:le|la|l')\s*(?P<name>[A-ZÀ-Ý][\w'’\- ]*?)\s*\((?:en|sous forme d'|sous forme de)\s*"
                      r"(?P<form>association|SCIC|SCOP)\)")
_MEMBERS = re.compile(r"(?P<count>\d+)\s+personnes morales adhérentes\s*\((?P<list>[^)]*)\)")
_HOSTED = re.compile(r"(?P<count>\d+)\s+structures sont hébergées\s*:\s*(?P<list>.+)$")
_NESTED = re.compile(r"•\s*(?P<key>[^:•]+?)\s*:\s*(?P<value>[^•]+)")


def pole_name(text: str) -> str | None:
    m = _NAME.search(text)
    return m.group("name").strip() if m else None


def find(segment, context) -> list:
    text = segment.text
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return [DateFact(0, len(text), text, "identity: year of creation", date=text, what="created")]
    head = text.split("•")[0].strip(" -")
    out, name = [], pole_name(head)
    if name:
        out.append(PoleName(0, len(head), head, "identity: the pole created", name=name, strength=3))
    named = [f for f in context.earlier(segment, OrgName) if f.end <= len(head)]
    founding = bool(_FOUNDING.search(head))
    out += [Member(f.start, f.end, f.text, "identity", mention=f.mention, role="founding-member" if founding else None)
            for f in named]
    carrier = _CARRIER.search(head)
    if carrier and name_key(carrier.group("name")) != name_key(name or ""):
        mention = parse_mention(f"{carrier.group('name')} ({carrier.group('form')})", segment.lines)
        if mention:
            out.append(Member(carrier.start(), carrier.end(), carrier.group(0), "identity: carrier", mention=mention, role="coordinator"))
    members = _MEMBERS.search(head)
    if members:
        parts = [(members.group("count"), "personnes morales adhérentes")] + [
            (n, what.strip()) for n, what in re.findall(r"(\d+)\s+([^,]+)", members.group("list"))]
        out += [Counted(members.start(), members.end(), members.group(0), "identity: members", owner="coordinator",
                        figure=_count("members", n, what, members.group(0))) for n, what in parts]
    hosted = _HOSTED.search(head)
    if hosted:
        out.append(Quantity(hosted.start(), hosted.end(), hosted.group(0), "identity: hosted",
                            figure=_count("hosted-structures", hosted.group("count"), "structures hébergées", hosted.group(0))))
        out += _hosted(segment, context, hosted)
    if len(out) > (1 if name else 0) or named:
        out.append(PoleText(0, len(head), head, "identity: origin", prop="description", value=head))
    for m in _NESTED.finditer(text):
        out += counts.read(FIELDS.get(name_key(m.group("key")), ""), m.group("key"), m.group("value").strip(" ."), m.start(), m.end())
    return out


def _hosted(segment, context, hosted: re.Match) -> list[Member]:
    """The organisations named before that the list of hosted structures names: the founders
    ("les 4 associations fondatrices"), or each by its name ("le Collectif")."""
    listed = hosted.group("list")
    out = []
    for index in sorted(i for i in context.found if i < segment.index):
        for fact in context.found[index]:
            if isinstance(fact, Member) and fact.role and (
                    fact.role == "founding-member" and "fondatri" in listed or name_key(fact.mention.name) in name_key(listed)):
                out.append(Member(hosted.start(), hosted.end(), hosted.group(0), "identity: hosted", mention=fact.mention, role="hosted"))
    return out


def _count(measure: str, value: str, what: str, stated: str) -> Figure:
    figure = Figure(measure=measure, value=Decimal(value), unit="organisation", stated_as=stated, lines=[])
    figure.counted_kind_text = what
    return figure


EXAMPLES = [  # (lines of a fiche, what the identity gives)
    ("2007", {"date created 2007"}),
    ("- La possibilité d'héberger les 4 structures s'est présentée ; ils ont alors créé le Pôle d'économie solidaire "
     "(le lieu - sans identité juridique) et le Collectif (en association).", {
         "pole Pôle d'économie solidaire", "coordinator Collectif",
         "description: La possibilité d'héberger les 4 structures s'est présentée ; ils ont alors créé le Pôle d'économie "
         "solidaire (le lieu - sans identité juridique) et le Collectif (en association)."}),
    ("- L'association intermédiaire Action Emploi a créé 2 autres branches : l'entreprise d'insertion SCOP Val Emploi, le "
     "centre de formation Horizon.\n- 5 structures sont hébergées : les 4 associations fondatrices.", {
         "founding-member Action Emploi", "founding-member Val Emploi", "founding-member Horizon",
         "hosted Action Emploi", "hosted Val Emploi", "hosted Horizon", "figure hosted-structures=5",
         "description: L'association intermédiaire Action Emploi a créé 2 autres branches : l'entreprise d'insertion SCOP Val "
         "Emploi, le centre de formation Horizon.",
         "description: 5 structures sont hébergées : les 4 associations fondatrices."}),
    ("- Association d'intérêt collectif représentant 9 personnes morales adhérentes (les 4 associations du pôle, "
     "3 collectivités locales). • Salariés : 10.", {
         "figure members=9 of coordinator", "figure members=4 of coordinator", "figure members=3 of coordinator",
         "figure employees=10",
         "description: Association d'intérêt collectif représentant 9 personnes morales adhérentes (les 4 associations du "
         "pôle, 3 collectivités locales)."}),
]
