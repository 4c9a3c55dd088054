"""What a text says an organisation is to a pole: words that carry a role ("porté par",
"coordonné par", "à l'initiative de", "fondé par", "réunit", "regroupe", "membres fondateurs",
"adhérents", "partenaires", "avec le soutien de", "héberge"...).

A cue says where the organisations it qualifies stand: after it ("porté par X") or before it
("X porte le projet", "X, qui anime le PTCE", "X est candidate"). The reader gives each
organisation of the sentence the role of the nearest cue that points at it; an organisation no
cue points at is a stakeholder of the pole (role:stakeholder).
"""
from __future__ import annotations

import re

from .context import Context
from .facts import ListCue, RoleCue

# (role, direction, pattern): "after" when the organisations follow the cue.
CUES: list[tuple[str, str, str]] = [
    ("coordinator", "after", r"port(?:é|ée|és|ées) (?:juridiquement )?par|coordonn(?:é|ée) par|pilot(?:é|ée) par|"
                             r"anim(?:é|ée) (?:et gér(?:é|ée) )?par|gér(?:é|ée) et anim(?:é|ée) par|dont le coordinateur est|"
                             r"(?:structure|association) porteuse\s*:?|structure support (?:du (?:pôle|PTCE|projet) )?(?:est |:\s*)?|porteurs? du (?:projet|PTCE|pôle)\s*:?|"
                             r"chef de file\s*:?|co-?port(?:é|ée) par"),
    ("coordinator", "before", r"port(?:e|ent) (?:juridiquement )?(?:le|la|ce|cette) (?:projet|PTCE|pôle|cluster|démarche|candidature|dynamique)|"
                              r"porte et développe|coordonne(?:nt)? (?:le|la|ce)|anime(?:nt)? (?:le|la|ce) (?:PTCE|pôle|projet|réseau)|"
                              r"(?:est|sont) (?:la structure porteuse|le porteur|candidate?s?)|co-?porteur|coordinat(?:eur|rice)|"
                              r"impulse|pilote (?:le|la|ce)"),
    ("founding-member", "after", r"à l'initiative d(?:e|u|es|')|fond(?:é|ée|és|ées) (?:en \d{4} )?par|cré(?:é|ée|és|ées) (?:en \d{4} )?par|"
                                 r"(?:membres|associés) fondateurs|structures fondatrices|fondateurs\s*:|(?:est |sont )?née?s? autour d(?:e|u|es|')|née?s? (?:en \d{4} )?de la rencontre (?:entre|de)|"
                                 r"(?:set up|founded|co-founded|created) (?:in \d{4} )?by"),  # an English page
    ("founding-member", "before", r"(?:est|sont) (?:à l'origine|l'un des fondateurs|membres? fondat)|fondat(?:eur|rice)s?\b|"
                                  r"(?:a|ont) (?:créé|fondé|initié)"),
    ("member", "after", r"\b(?:parmi (?:les|ses) (?:membres|adhérents|associés)|(?:les |ses |nos )?membres\s*:|adhérents\s*(?:\(ici|:)|"
                        r"réunit|réunissant|regroupe|regroupant|rassemble|rassemblant|associe|associant|fédère|"
                        r"parmi eux|parmi elles|compte parmi ses (?:membres|associés))"),
    ("member", "before", r"(?:est|sont) (?:membres?|adhérente?s?)|(?:a|ont) rejoint|adhère(?:nt)?|"
                         r"joined (?:as a member|the (?:hub|pole|PTCE))|(?:is|are) (?:a )?members?\b"),
    ("hosted", "after", r"héberge|accueille les structures"),
    ("hosted", "before", r"(?:a|ont) (?:élu domicile|son bureau|leurs? bureaux?|ses locaux)|(?:est|sont) (?:installée?s?|hébergée?s?)"),
    ("partner", "after", r"partenaires\s*:|en partenariat avec|en collaboration avec|avec l['’]appui d|(?<=projet) avec|(?<=PTCE) avec|avec le concours d"),
    ("funder", "after", r"financ(?:é|ée|és|ées) par|soutenue?s? par|avec le soutien d|subventionn(?:é|ée) par|grâce (?:au soutien|aux financements) d|"
                        r"(?:supported|funded) by|"
                        # "a reçu 80 000 euros de la fondation X", "a obtenu une subvention du Département"
                        r"(?:a|ont|avait|avaient) (?:reçu|obtenu)\b[^.;:]{0,60}?(?:euros|€|subventions?|financements?|aides?|dotations?)"
                        r"\s+(?:de la |de l['’]|du |des |de |d['’])"),
    ("funder", "before", r"financent|finance (?:le|la|ce) (?:PTCE|pôle|projet)|subventionne"),
]
_COMPILED = [(role, direction, re.compile(rf"(?:{pattern})", re.IGNORECASE)) for role, direction, pattern in CUES]


# A lead-in that announces a list: "Nos membres :", "Les partenaires du pôle :", "Membres fondateurs :".
_LIST_ROLES = [
    ("pole", r"(?:les |liste des )?(?:lauréats|ptce lauréats|pôles (?:lauréats|soutenus|retenus|sélectionnés|accompagnés)|"
             r"projets (?:lauréats|retenus|soutenus|sélectionnés)|ptce (?:retenus|soutenus|sélectionnés))(?: \d{4})?"),
    ("founding-member", r"(?:membres|structures|associations|associés) fondat(?:eurs|rices)|fondateurs"),
    ("funder", r"financeurs|partenaires financiers|ils nous soutiennent|avec le soutien de|soutiens"),
    ("partner", r"partenaires(?: opérationnels| techniques| institutionnels)?|ils nous font confiance"),
    ("hosted", r"structures (?:hébergées|accueillies|résidentes)|résidents|occupants"),
    ("member", r"membres|adhérents|structures membres|acteurs membres|composition|membres et partenaires|"
               r"(?:bienvenue (?:aux|à nos) )?nouve(?:aux|lles) (?:membres|adhérents|structures(?: membres| adhérentes)?)|"
               r"membres (?:principaux|actuels|cités)|"
               r"(?:our )?members(?: include)?"),
]
_ANNOUNCE = re.compile(r"^(?:(?:nos|les|ses|leurs|our|its|liste des|liste de nos)\s+)?(?P<words>[\w' ]{3,60}?)"
                       r"(?:\s+(?:du|de la|de l'|des)\s+[^:]{1,60})?"
                       r"(?:\s+(?:en\s+|au\s+)?(?:19|20)\d{2})?"  # "Nos adhérents 2023", "Liste des adhérents en 2023"
                       r"(?:\s*\([^()]{1,30}\))?\s*(?::\s*(?P<rest>.*))?$",  # "Nos membres (extrait)"
                       re.IGNORECASE)


def find(segment, context: Context) -> list:
    out: list = []
    announce = _ANNOUNCE.match(segment.text) if len(segment.text) < 200 else None
    if announce and announce.group("rest") is None and segment.kind != "heading" and not (
            segment.kind == "item" and re.sub(r"\([^)]*\)", "", segment.text).isupper()):
        announce = None  # without a colon, only a heading announces a list ("Nos membres", "3. LES MEMBRES (extrait)")
    if announce and re.fullmatch(r"\s*[\d\s.,]+\s*", announce.group("rest") or ""):
        announce = None  # "Membres : 17": a figure, no list
    if announce:
        for role, pattern in _LIST_ROLES:
            if re.fullmatch(rf"(?:{pattern})", announce.group("words").strip(), re.IGNORECASE):
                out.append(ListCue(0, announce.end("words"), announce.group("words"), f"roles: list of {role}", role=role))
                break
    for role, direction, pattern in _COMPILED:
        for m in pattern.finditer(segment.text):
            out.append(RoleCue(m.start(), m.end(), m.group(0), f"roles: {role}", role=role, direction=direction))
    lists = [c for c in out if isinstance(c, ListCue)]
    # "Il réunit les structures suivantes :", "Le pôle est porté par :": a sentence that ends on a
    # colon after a cue pointing forward announces the list that follows.
    ahead = [c for c in out if isinstance(c, RoleCue) and c.direction == "after"]
    if not lists and ahead and segment.text.rstrip().endswith(":") and segment.kind != "item":
        cue = max(ahead, key=lambda c: c.end)
        lists.append(ListCue(cue.start, cue.end, cue.text, f"roles: list of {cue.role}", role=cue.role))
    # The longest cue where two overlap ("porte le projet avec" is a partner cue, not "porte le projet";
    # "dont le coordinateur est", not "coordinateur").
    out = [c for c in out if not isinstance(c, ListCue)]
    out.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list = list(lists)
    for cue in out:
        if all(cue.end <= k.start or cue.start >= k.end for k in kept if not isinstance(k, ListCue)):
            kept.append(cue)
    return sorted(kept, key=lambda c: c.start)


# A new clause with its own subject ends what a cue reaches.
_CLAUSE_BREAK = re.compile(r";|,?\s+(?:et|mais|puis|tandis que|alors que)\s+(?:on|il|elle|ils|elles|nous|y|ce|c['’]|l['’]on)\b",
                           re.IGNORECASE)


def role_for(start: int, end: int, cues: list[RoleCue], sentence: tuple[int, int], text: str = "") -> RoleCue | None:
    """The cue of the sentence that points at the text [start, end): the nearest "after" cue
    before it, or the nearest "before" cue after it. A cue that ends on "de" ("avec le soutien
    de la mairie de X, l'association Y") reaches the items introduced by "de", "du", "des", "et"."""
    s, e = sentence
    candidates = []
    for cue in cues:
        if not (s <= cue.start and cue.end <= e):
            continue
        if cue.direction == "after" and cue.end <= start:
            between = text[cue.end:start] if text else ""
            if _CLAUSE_BREAK.search(between):
                continue  # "Il est porté par X, et on y trouve Y": a new clause, Y is not carried
            if re.search(r"\b(?:de|du|des|d')\s*$", cue.text, re.IGNORECASE) and "," in between and ":" not in between and not re.search(
                    r"(?:,|\bet)\s*(?:de |du |des |d['’])?(?:la |le |les |l['’])?$", between, re.IGNORECASE):
                continue
            if (":" not in between and re.search(r",\s*(?:la |le |les |l['’])?$", between)
                    and re.search(r"\b(?:de|du|des|d')\s*$", cue.text, re.IGNORECASE)):
                continue
            candidates.append((start - cue.end, cue))
        elif cue.direction == "before" and cue.start >= end:
            # "né autour de X et de Y ; Z l'a rejoint comme membre": across a semicolon, a cue
            # pointing back yields to one the item's own clause opens ("A ; B ; C sont membres" keeps it)
            candidates.append((cue.start - end + (_FAR if ";" in text[end:cue.start] else 0), cue))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


_FAR = 10_000  # characters: a cue behind a semicolon comes after every cue in the item's clause


EXAMPLES = [  # (text, cues found)
    ("La Régie de Territoire des Deux Rives porte le projet avec l'Association Rural Combo.", {
        "role coordinator before", "role partner after"}),
    ("Le Pôle Sud Aquitaine, dont le coordinateur est le Comité de bassin d'emploi du Seignanx", {"role coordinator after"}),
    ("Depuis 1997, l'APEAS porte et développe le Piles de Marseille.", {"role coordinator before"}),
    ("la Coop IDEAL, qui anime le PTCE NOLA", {"role coordinator before"}),
    ("à l'initiative de trois structures : Coodem, Titi Floris et l'Apess", {"role founding-member after"}),
    ("elle se compose de cinq membres fondateurs, acteurs territoriaux", {"role founding-member after"}),
    ("Stéphane Maurin, responsable d'Arcoop, a son bureau tout près", {"role hosted before"}),
    ("Le PTCE est soutenu par la Région et financé par l'État.", {"role funder after"}),
    ("La structure support du pôle est la CAE Avant-Premières.", {"role coordinator after"}),
    ("Le pôle a reçu 80 000 euros de la fondation Macif.", {"role funder after"}),
    ("Nos membres :", {"list of member", "role member after"}),
    ("Nos membres (extrait)", {"list of member"}),  # a heading: it announces a list
    ("Nos adhérents 2023", {"list of member"}),
    ("BIENVENUE AUX NOUVEAUX MEMBRES", {"list of member"}),
    ("Membres : 17", {"role member after"}),  # a figure, no list
    ("Il est porté par l'association Isle Terre, et on y trouve la coopérative Les Fermiers", {"role coordinator after"}),
    ("Les lauréats :", {"list of pole"}),
    ("The hub was set up in 2018 by a handful of organisations", {"role founding-member after"}),
    ("Il réunit les structures suivantes :", {"list of member", "role member after"}),
    ("Association créée en 2016, le pôle est né autour de la Scop Dentelles de Bayeux", {"role founding-member after"}),
    ("Né en 2021 de la rencontre entre l'association Bruche Emploi et la recyclerie Le Grenier", {"role founding-member after"}),
    ("Constitué en SCIC en 2020, il compte parmi ses associés la régie de quartier Flers Solidarités",
     {"role member after"}),
    ("Le pôle est porté par :", {"list of coordinator", "role coordinator after"}),
    ("Associés fondateurs : la commune de Lavaur ; l'association Les Jardins du Pastel", {
        "list of founding-member", "role founding-member after"}),
    ("Membres fondateurs : l'association ADESS Pays de Morlaix, la SCOP Kerlann", {
        "list of founding-member", "role founding-member after"}),
]
