"""Names of poles: what the text says is a pole, a PTCE, a cluster or a tiers-lieu.

- "le PTCE X", "du PTCE émergent X", "le pôle X", "le tiers-lieu X", "le cluster X";
- the expansion of PTCE followed by a name: "Pôle territorial de coopération économique (PTCE)
  Stras Eco Renov", "PÔLE TERRITORIAL DE COOPÉRATION ÉCONOMIQUE MER LAB'ÎLES DE GUADELOUPE";
- a name that the pole word opens: "Pôle Sud", "Pôle d'économie solidaire de Dijon", "Pôle
  régional des musiques actuelles";
- "X, Pôle local pour...", "X est un Pôle territorial...", "X, c'est un groupement...";
- an acronym with its pole expansion: "PIERRE : Pôle d'investissement dans l'économie rurale",
  "Cité Phares, pour Pôle d'hospitalité...", "PILES (Pôles d'Initiatives Locales...)";
- « quoted » names after a pole word; "il s'appelle X", "ayant pour dénomination X".
A name in capitals is written in title case; generic words ("le PTCE", "pôle territorial") and
places alone are not names.
"""
from __future__ import annotations

import re

from ..folding import fold, name_key
from ..mentions import find_forms, quoted_before
from .context import Context
from .facts import OrgName, Person, PoleName
from .organisations import _NOT_NAME_WORDS, name_extent

_PTCE_EXPANSION = r"p[ôo]les?\s+territoria(?:l|ux)\s+de\s+coop[ée]ration\s+[ée]conomiques?"
_POLE_WORD = r"(?:PTCE|[Pp][ôo]les?|PÔLES?|POLES?|[Cc]luster|[Tt]iers-lieux?|[Gg]rappe)"
_EMERGENT = r"(?:\s+(?i:émergents?|lauréats?|compagnons?|candidats?|existants?|en projet))?"
_NAMED = re.compile(
    rf"\b(?P<det>le|du|au|ce|un|leur|notre|futur|du futur|l[ae] futur|chaque)?\s*(?P<word>PTCE|[Pp][ôo]le|cluster|tiers-lieu)"
    rf"{_EMERGENT}(?:\s+(?:voisin|partenaire|ami|frère|jumeau)|\s+[a-zà-ÿ]+(?:ois|ais|ien|ienne|oise|aise))?"
    rf"\s+(?P<quote>«\s*)?(?=[A-ZÀ-Ý0-9])")
_EXPANDED = re.compile(rf"{_PTCE_EXPANSION}(?:\s*\(PTCE\))?\s+(?P<quote>«\s*)?(?=[A-ZÀ-Ý])", re.IGNORECASE)
_OPENING = re.compile(r"(?<![\w'])(?P<word>P[ôo]le|PÔLE|POLE)\s+(?=[A-ZÀ-Ýa-zà-ÿ'’])")
_APPOSITION = re.compile(  # "X, le pôle ...", "X — pôle territorial de coopération économique" (a signature)
    r"(?:,|\s+[—–])\s*(?:c['’]est\s+(?:un|une|le|la|l['’])\s*|(?:un|une|le|la|l['’])\s*)?(?:PTCE|p[ôo]le|cluster|tiers-lieu|groupement(?!\s+d['’](?:employeurs|intérêt))|grappe)\b(?!s)",
    re.IGNORECASE)
# "d'un PTCE lauréat de l'AAP interministériel de 2013, Lille MétroPôle Solidaire."
_TRAILING = re.compile(r"\b(?:un|le|du|d'un|ce)\s+PTCE\b[^,.;()]{0,80},\s*(?=[A-ZÀ-Ý])")
# "l'APEAS porte et développe le Piles de Marseille"
_CARRIED = re.compile(r"\b(?:porte et développe|porte et anime|développe et anime|anime et coordonne)\s+(?:le|la|l['’])\s*(?=[A-ZÀ-Ý])")
# "X est un pôle", "Les Fabriques de Y sont un pôle", "X est à la fois un tiers-lieu ... et un pôle"
_IS_A = re.compile(rf"\s+(?:est|sont|était|étaient|sera|seront|devient|deviennent|est devenue?|sont devenu(?:e?s)?|"
                   rf"is|are|was|has become|became)\s+"
                   rf"(?:(?:aussi|également|avant tout|d['’]abord|désormais|officiellement|à la fois)\s+)?"
                   rf"(?:un|une|le|la|l['’]|a|an|the)\s*"
                   rf"(?:{_POLE_WORD}|{_PTCE_EXPANSION})",
                   re.IGNORECASE)
_ACRONYM_POLE = re.compile(r"(?P<name>\b[A-ZÀ-Ý][A-ZÀ-Ý0-9.'’\- ]{2,30}?|\b[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+){0,3})"
                           r"\s*(?:\(|:|,\s*pour)\s*(?P<expansion>P[ôo]les?\s+[^).;:]{5,120})")
# "le Pôle régional des musiques actuelles (PRMA)": a pole word, a name in lower case, an acronym.
_EXPANSION_ACRONYM = re.compile(r"\b(?P<expansion>P[ôo]les?\s+[^().;:,]{5,100}?)\s*\((?P<acronym>[A-Z][A-Z0-9&]{1,11})\)")
_ENUMERATED = re.compile(r"\b(?:deux|trois|quatre|cinq|six|\d)\s+(?:PTCE|pôles(?: territoriaux de coopération économique)?)\b[^:.;]{0,80}:\s*",
                         re.IGNORECASE)
_POLE_THEN_NAME = re.compile(r"\b(?:un|le|notre|ce|leur)\s+(?:p[ôo]le|PTCE)\s*[!.:…]+\s+(?=(?:L[ae]s?\s+|L['’])?[A-ZÀ-Ý])")
# "LA MAILLE SOLIDAIRE le pôle ...", "SAUVONS LA LAME COMMUNE, LE PÔLE COOPÉRATIF ...!" (a campaign's
# call opens on a verb, "SAUVONS", "SOUTENONS": not part of the name)
_CAPITALS_THEN_POLE = re.compile(r"(?:[A-ZÀ-Ý]{3,}ONS\s+)?(?P<name>[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9'’&\- ]{2,60}?[A-ZÀ-Ý0-9])"
                                 r"\s*,?\s+(?:le|un|LE|UN)\s+(?:p[ôo]le|PÔLE|POLE|PTCE)\b")
_SUBTITLE = re.compile(rf"(?:{_PTCE_EXPANSION}|PTCE\b|p[ôo]le (?:de coopération|local|territorial|de l['’]économie sociale))",
                       re.IGNORECASE)
_NOT_ESS_WORDS = re.compile(r"\b(?:DOSSIER|COMMUNIQUÉ|PRESSE|ÉDITO|ÉPISODE)\b")
_CALLED = re.compile(r"\b(?:il|elle|(?:le|ce|notre|leur)\s+(?:pôle|PTCE|tiers-lieu|cluster|projet|collectif|groupement))\s+"
                     r"s['’]appel(?:le|ait|lera)(?:\s+désormais|\s+aujourd['’]hui)?\s+|\b(?:baptisée?|dénommée?|nommée?)\s+|\bayant pour (?:dénomination|nom|titre)\s*:?\s*|"
                     r"\bsous le nom de\s+|\b(?:prend|prendra|porte|portera) (?:désormais )?le nom de\s+|\bs['’]appellera\s+",
                     re.IGNORECASE)
# "abrite un pôle étonnant : L'Établi des Gorges, créé en 2020": a pole word, at most one word that is no
# verb, a colon, a name that ends the clause.
_COLON_NAME = re.compile(r"\b(?:un|le|ce|notre|leur|du|au)\s+(?:PTCE|p[ôo]le|tiers-lieu|cluster)(?:\s+(?!(?:regroupe|réunit|rassemble|"
                         r"compte|comprend|associe|fédère|propose|accueille|héberge|porte|anime|coordonne|organise|vise|"
                         r"repose|s['’]articule|se)\b)[a-zà-ÿ'’-]+)?\s*:\s*(?=[«\"]?\s*[A-ZÀ-Ý])", re.IGNORECASE)
_QUOTED = re.compile(r"«\s*(?P<name>[^«»]{2,80}?)\s*»")
# Words after a pole word that say what kind of pole it is, not its name.
# (whole words: "PTCE Ouest-Aveyron Coopération", "PTCE Estuaire Solidaire" are names)
_GENERIC_START = re.compile(
    r"^(?:(?:ESS|SSE|territoria(?:l|ux)|local|régional|départemental|économique|solidaire|sud|nord|est|ouest|centre|"
    r"émergents?|lauréats?|existants?|ressources?)(?![\w'’-])|de\b|d['’]|du\b|des\b|en\b|sur\b|dans\b|pour\b|et\b|"
    r"à\b|au\b|qui\b|d'économie|multi)", re.IGNORECASE)
_NOT_NAMES = {"programme", "ordre du jour", "sommaire", "agenda", "ptce", "ptce s", "pole", "poles", "cluster", "tiers lieu", "ess", "etat", "territoire", "le ptce", "le pole",
              "ami", "aap", "ami ptce", "ptce emergents", "charte", "label", "compagnon", "compagnons", "emergent",
              "emergents", "laureat", "laureats", "ptce compagnon",
              "republique francaise", "liberte egalite fraternite", "contact", "contacts", "nous contacter",
              "accueil", "home", "about us", "qui sommes nous", "a propos",
              # sections of a page or an offer, in capitals as often as not
              "employeur", "l employeur", "missions", "les missions", "profil", "le profil", "postuler", "pour postuler",
              "presentation", "historique", "actualites", "partenaires", "nos partenaires", "membres", "nos membres",
              "equipe", "l equipe", "gouvernance", "chiffres cles", "nous trouver", "mentions legales",
              "membre", "mission", "adherent", "adherents", "partenaire", "laureate"}  # the heading of any official act


_KEPT_ACRONYMS = {"ESS", "SSE", "PTCE", "SCIC", "SCOP", "CAE", "IAE", "SIAE", "CRESS", "EPCI", "TPE", "PME", "BTP", "ZUS"}


def _title_case(name: str) -> str:
    """"MER LAB'ÎLES DE GUADELOUPE" -> "Mer Lab'Îles de Guadeloupe"; other names unchanged."""
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(letters) <= 6:
        return name
    small = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "pour", "a", "au", "aux"}
    out = []
    for i, word in enumerate(re.split(r"(\s+)", name.lower())):
        if not word.strip():
            out.append(word)
            continue
        if word.upper() in _KEPT_ACRONYMS:
            out.append(word.upper())
            continue
        parts = re.split(r"([-'’])", word)
        parts = [p if p in "-'’" or (p in small and i > 0) else p[:1].upper() + p[1:] for p in parts]
        out.append("".join(parts))
    return re.sub(r"\b([Dd]|[Ll])['’](\w)", lambda m: m.group(1).lower() + "'" + m.group(2).upper(), "".join(out))


# The words of a table's header row ("Nom du pôle Structure porteuse Commune Département Montant attribué").
_COLUMN_WORDS = {"nom", "du", "de", "la", "le", "pole", "structure", "structures", "porteuse", "porteur", "porteurs", "commune",
                 "communes", "departement", "region", "montant", "montants", "attribue", "accorde", "subvention", "territoire",
                 "projet", "laureat", "date", "ville", "theme", "thematique", "contact", "site", "web", "annee", "budget", "aide"}


# Poles of other fields than the ESS: public services and departments ("Pôle emploi", "pôle santé",
# "pôle de compétitivité", "pôle d'excellence rurale"), named by what they serve.
NOT_ESS_POLE = re.compile(
    r"^p[ôo]le\s+(?:d['’]|de\s+(?:la\s+|l['’])?)?(?:sant[ée]|m[ée]dical|emploi|jeunesse|culturel|culture|"
    r"comp[ée]titivit[ée]|excellence|mer|universitaire|enseignement|petite enfance|enfance|sportif|sport|"
    r"commercial|d[ée]chets|gare|multimodal|[ée]changes?(?: multimodal)?|judiciaire|hospitalier|scolaire|technique|administratif|"
    r"m[ée]tropolitain|social et m[ée]dico|gériatrique|loisirs|ressources humaines|formation|recherche)\b",
    re.IGNORECASE)


# A local authority is no pole ("Ville de Cognac – Espace presse", "Mairie de Niort").
_AUTHORITY = re.compile(r"(?:Ville|Mairie|Commune|Hôtel de ville|Conseil (?:départemental|régional|municipal)|Préfecture)\s+(?:de|d['’]|du)\s",
                        re.IGNORECASE)


def _valid(name: str) -> bool:
    key = name_key(name)
    if not key or key in _NOT_NAMES or len(key) < 2:
        return False
    if NOT_ESS_POLE.match(name) or _AUTHORITY.match(name):
        return False
    if len(key.split()) >= 3 and all(w in _COLUMN_WORDS for w in key.split()):
        return False  # a table's header row
    if re.search(r"\b\d+\s+\w+s\b", key):
        return False  # "Pôle de 39 membres": a count, no name
    if re.fullmatch(r"[\d\s.,/-]+", name) or re.search(r"\b(?:19|20)\d{2}\b", name) and len(name.split()) <= 2:
        return False
    bare = re.sub(r"^(?:l['’]|la |le |les |cette |ce )", "", name, flags=re.IGNORECASE).strip()
    if any(h.start == 0 and h.end == len(bare) for h in find_forms(bare)):
        return False  # "La SCIC réunit ses sociétaires": the form stands for a name given before
    return bool(re.search(r"[A-ZÀ-Ý]", name))


_SUBJECT_VERB = re.compile(
    r"\s+(?:est (?:une?|le|la|né|née|créé|créée|fondé|fondée|installée?|implantée?|reconnue?|labellisée?|lauréate?)|"
    r"a été (?:créée?|fondée?|constituée?|labellisée?|reconnue?)|(?:est )?née? en|rassemble|réunit|regroupe|fédère|"
    r"associe|compte|accompagne|anime|porte|développe|mutualise|propose|fait (?:travailler|vivre)|s'appuie|"
    r"emploie|gère|organise|coordonne|accueille|héberge|œuvre|oeuvre|agit|travaille|innove|vient de|fête|s'agrandit|"
    r"a (?:inauguré|fêté|présenté|reçu|lancé|ouvert|signé|accueilli|obtenu|remporté|célébré|soufflé|réuni|rejoint))\b")
# "Dunes & Docks Coopératifs (Dunkerque) a inauguré": the place of the subject, in brackets, before its verb
_BRACKETED_PLACE = re.compile(r"\s*\([^()]{2,40}\)")
_SECTION_WORDS = (r"chiffres|actualités?|présentation|missions?|membres|partenaires|contacts?|équipe|projets?|gouvernance|"
                  r"histoire|agenda|actions?|activités|ressources|services|valeurs|adhérents|objectifs|publications|presse")
# "l'association Laïta Coopérative ... porte le pôle territorial de coopération économique du pays"
_CARRIES_POLE = re.compile(r"\bport(?:e|ent|ait)\s+(?:juridiquement\s+|depuis\s+(?:\d{4}|[\w ]{2,20}?)\s+)?(?:le|la|ce)\s+(?:pôle|PTCE|projet de (?:pôle|PTCE))\b", re.IGNORECASE)
_NAME_FIELD = re.compile(r"^(?:nom|dénomination|raison sociale|nom du (?:pôle|ptce|projet)|structure|intitulé)\s*:\s*",
                         re.IGNORECASE)


def _mostly_capitals(text: str) -> bool:
    """A heading in capitals ("LA RÉGION SOUTIENT QUATRE PÔLES..."): its words cannot be told
    apart by their case, so only a heading that is a name as a whole gives one."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _subjects(segment, text: str, add) -> None:
    """Names the document may be about, weaker evidence than a pole word: the subject of a
    sentence that says what the organisation does ("Alpes Coop'Actives est né en 2015",
    "Centru Cumunu rassemble..."), the value of a "Nom :" field, a short title."""
    m = _NAME_FIELD.match(text)
    if m:
        length = name_extent(text[m.end():])
        if length:
            add(m.end(), m.end() + length, text[m.end(): m.end() + length], "pole", 2, "'Nom' field")
        return
    section = re.search(rf"\s+[—–|·-]\s+(?:{_SECTION_WORDS}|faq|accueil|qui sommes-nous|à propos|nous contacter)\s*$", text,
                        re.IGNORECASE) if segment.kind == "heading" else None
    if section:  # "Les Bauges en Commun — FAQ": a page of the site the name is
        length = name_extent(text[:section.start()])
        if length >= section.start() - 1 and length >= 3:
            add(0, length, text[:length], "pole", 1, "title")
    elif segment.kind == "heading" and len(text.split()) <= 6 and not re.search(r"[.!?:]$", text):
        length = name_extent(text)
        if length >= len(text.rstrip()) - 1 and length >= 3:
            add(0, length, text[:length], "pole", 1, "title")
    for start, end in segment.sentences:
        sentence = text[start:end]
        # up to three circumstances before the subject: "À 400 kilomètres de là, à Guéret, X a été fondée"
        lead = re.match(r"(?:[«\"]\s*)?(?:(?:Né|Née|Créé|Créée|Fondé|Fondée|Lancé|Lancée|Depuis|Dès|En|À|A|Au|Aux|Dans|"
                        r"Sur|Après|Avant|Ici|Là|Aujourd['’]hui|Plus (?:loin|au (?:nord|sud))|Non loin)\b[^,]{0,60},\s*){0,3}",
                        sentence, re.IGNORECASE)
        offset = start + lead.end()
        length = name_extent(text[offset:end])
        after = offset + length
        bracket = _BRACKETED_PLACE.match(text, after) if length >= 3 else None
        if bracket and _SUBJECT_VERB.match(text[bracket.end():end]):
            after = bracket.end()
        if length >= 3 and _SUBJECT_VERB.match(text[after:end]):
            add(offset, offset + length, text[offset:offset + length], "pole", 1, "subject of a sentence")


def find(segment, context: Context) -> list[PoleName]:
    text = segment.text
    out: list[PoleName] = []
    capitals = _mostly_capitals(text) and (segment.kind != "heading" or len(text.split()) > 12)

    persons = [(p.start, p.end) for p in context.earlier(segment, Person)]

    def add(start: int, end: int, name: str, kind: str, strength: int, how: str, alt=()) -> None:
        inside = [b for a, b in persons if start <= a < end]
        if inside:  # "Sandrine Cazaux-Lamarque préside aussi Lavedan Coopère": a person is no part of a pole's name
            after = [m for m in re.finditer(r"\s[a-zà-ÿ][\w'’]*\s+(?=[A-ZÀ-Ý])", text[:end]) if m.start() >= max(inside)]
            if not after or name.strip() != text[start:end].strip():
                return
            start, name = after[-1].end(), text[after[-1].end():end]  # what follows the person's verb
        name = _title_case(re.sub(r"\s+", " ", name).strip(" ,;:.«»\"'’-"))
        name = re.sub(r"^(?:la|le|les)\s+(?=[A-ZÀ-Ý])", "", name)  # "la Fabrique Coopérative...": the article is no part of it
        if not _valid(name) or fold(name.split()[0]).strip("'’") in _NOT_NAME_WORDS or _place_only(name):
            return
        if re.search(r"\b(?:des|les|aux) (?:p[ôo]les|ptce|tiers-lieux)\b", name, re.IGNORECASE):
            return  # "Annuaire des pôles": about poles, not one
        name, place_tail = _without_place(name)
        if place_tail:
            alt = [*alt, f"{name} {place_tail}"]
        for other in out:
            if other.start <= start < other.end or start <= other.start < end:
                if len(name) > len(other.name) and strength >= other.strength:
                    out.remove(other)
                    break
                return
        out.append(PoleName(start, end, text[start:end], f"pole names: {how}", name=name, kind=kind,
                            strength=strength, alt_names=[a for a in alt if a and a != name]))

    def kind_of(words: str) -> str:
        return "ptce" if re.search(rf"PTCE|{_PTCE_EXPANSION}", words, re.IGNORECASE) else "pole"

    if capitals:
        return []
    for m in _EXPANDED.finditer(text):
        length = name_extent(text[m.end():])
        if length:
            add(m.end(), m.end() + length, text[m.end(): m.end() + length], "ptce", 3, "after the expansion of PTCE",
                [text[m.start(): m.end() + length]])
    for m in _NAMED.finditer(text):
        if re.match(_PTCE_EXPANSION, text[m.start("word"):], re.IGNORECASE):
            continue
        length = name_extent(text[m.end():])
        name = text[m.end(): m.end() + length]
        if not length or _GENERIC_START.match(name):
            continue
        if m.group("quote") and "»" in text[m.end():]:
            name = text[m.end(): text.index("»", m.end())]
            length = len(name)
        word = m.group("word")
        name = name.strip()
        written = f"{word} {name}"
        if word[0].isupper() and word.lower().startswith(("pôle", "pole")):
            name = written  # "Pôle Sud": the word is part of the name
        strength = 3 if word.lower() in ("ptce", "pôle", "pole") else 2
        add(m.end(), m.end() + length, name, kind_of(word), strength, f"after '{word}'", [written])
    caps = _CAPITALS_THEN_POLE.match(text)  # "LA LAME COMMUNE, LE PÔLE ...": a title in capitals, then what it is
    for m in _OPENING.finditer(text):
        if re.match(_PTCE_EXPANSION, text[m.start():], re.IGNORECASE) or any(p.start <= m.end() <= p.end for p in out):
            continue
        if caps and re.search(r",\s*(?:le|un)\s*$", text[:m.start()], re.IGNORECASE):
            continue  # "LA LAME COMMUNE, LE PÔLE COOPÉRATIF DES COUTELIERS": what the name before is
        if re.search(r"\b(?:installée?s?|située?s?|implantée?s?|lieu|se tiendra|se tient|rendez-vous|hébergée?s?)(?:\s+[\w'’]+){0,4}?\s+(?:au|à|dans le)\s*$",
                     text[max(0, m.start() - 70):m.start()], re.IGNORECASE):
            continue  # "installé au Pôle Sud de la rue ...", "aura lieu au Pôle Sud": a building
        length = name_extent(text[m.start():], allow_article=False)
        name = text[m.start(): m.start() + length]
        if re.match(r"(?:unique|nouveau|nouvel|seul|premier|grand|principal|commun)\b", fold(name[len(m.group("word")):].strip())):
            continue  # "PÔLE UNIQUE DE LA PROVENCE VERTE": what the pole is, not its name
        if len(name.split()) < 2 or not (re.search(r"\b[A-ZÀ-Ý]", name[len(m.group("word")):]) or name.isupper()):
            continue  # "Pôle" alone, "pôle local" in lower case
        if re.fullmatch(rf"\S+\s+(?:(?:en|et|de|des|du|d'|la|le|les|nos|ses)\s+)?(?:{_SECTION_WORDS})", name, re.IGNORECASE):
            continue  # "LE PÔLE EN CHIFFRES": a section of a page
        add(m.start(), m.start() + length, name, "pole", 3 if name.isupper() or m.group("word")[0].isupper() else 2,
            "opened by 'Pôle'")
    for m in list(_TRAILING.finditer(text)) + list(_CARRIED.finditer(text)):
        length = name_extent(text[m.end():])
        if length and re.match(r"\s*(?:[.;,)]|$)", text[m.end() + length:]):
            add(m.end(), m.end() + length, text[m.end(): m.end() + length], kind_of(m.group(0)), 3 if "PTCE" in m.group(0) else 2,
                "named after a pole")
    for m in _APPOSITION.finditer(text):
        if text[: m.start()].count("(") > text[: m.start()].count(")"):
            continue  # "(Fabrique de territoire, Pôle territorial ...)": a list in brackets
        if _SUBJECT_VERB.match(re.sub(r"^\s+(?:aujourd['’]hui|désormais|ainsi|donc|lui-même)\b", "", text[m.end():m.end() + 80])):
            continue  # "à l'initiative de la Scop Bois d'Albret, le pôle réunit...": a new subject, no apposition
        follows = re.match(r"\s*(?:territorial de coopération économique\s*)?(?:\(PTCE\)\s*)?[«\"]?\s*(?P<word>[A-ZÀ-Ý][\w'’\-]*)", text[m.end():])
        if (follows and name_key(follows.group("word")) not in _NOT_NAMES
                and m.end() + follows.start("word") not in {offset for offset, _ in segment.breaks}):
            continue  # "..., le pôle territorial de coopération économique (PTCE) Réemploi & Co' prend": the name follows
        end = m.start()
        bracket = re.search(r"\s*\([^()]{2,60}\)\s*$", text[:end])
        if bracket:  # "Bugey Matières Partagées (Oyonnax, Ain), pôle réunissant...": the name is before its place
            end = bracket.start()
        head = _name_before(text, end)
        if head:
            start, name = head
            add(start, end, name, kind_of(text[m.start(): m.end() + 60]), 3, "name, then a pole word")
    for m in _POLE_THEN_NAME.finditer(text):  # "Il est revenu avec un pôle ! Le Chai des Coopérations, c'est..."
        length = name_extent(text[m.end():], allow_article=True)
        if length >= 3 and re.match(r"\s*(?:,|est\b|a\b|réunit|rassemble|compte|fédère|regroupe)", text[m.end() + length:]):
            add(m.end(), m.end() + length, text[m.end():m.end() + length], kind_of(m.group(0)), 3, "named right after a pole word")
    following = context.segments[segment.index + 1] if segment.index + 1 < len(context.segments) else None
    if (segment.kind == "heading" and following is not None and _SUBTITLE.match(following.text)
            and len(text.split()) <= 6 and not re.search(r"[.!?:]$", text)):
        length = name_extent(text)  # "GÈRE COMMUNE" then "Pôle territorial de coopération économique du ...": a title
        if length >= len(text.rstrip()) - 1 and length >= 3:
            add(0, length, text[:length], kind_of(following.text[:80]), 3, "title, then what it is on the next line")
    if caps and len(caps.group("name").split()) <= 6 and not _NOT_ESS_WORDS.search(caps.group("name")):
        add(caps.start("name"), caps.end("name"), caps.group("name"), kind_of(text[caps.end("name"):caps.end() + 60]), 3, "title in capitals, then a pole word")
    for m in _IS_A.finditer(text):
        end = m.start()
        aside = re.search(r"\s*\([^()]{1,80}\)\s*$", text[:end])
        if aside:  # "Fem Xarxa (« faisons réseau » en catalan) est le pôle...": the name before its aside
            end = aside.start()
        head = _name_before(text, end)
        if head:
            start, name = head
            add(start, end, name, kind_of(text[m.start(): m.end() + 60]), 3, "name is a pole")
    for m in _ACRONYM_POLE.finditer(text):
        name = m.group("name").strip()
        expansion = re.sub(r"\s+", " ", m.group("expansion")).strip()
        if name_key(name) in _NOT_NAMES or not re.search(r"[A-ZÀ-Ý]{2}|\b[A-ZÀ-Ý][a-zà-ÿ]", name):
            continue
        separator = text[m.end("name"):m.start("expansion")]
        if ":" in separator and not re.fullmatch(r"[A-ZÀ-Ý0-9.'’\- ]+", name):
            continue  # "Type : Pôle territorial...": a field, not a name
        add(m.start("name"), m.end("name"), name, kind_of(expansion), 3, "name with a pole expansion", [expansion])
    for m in _EXPANSION_ACRONYM.finditer(text):
        from ..mentions import initials_match

        expansion = m.group("expansion").strip()
        if initials_match(m.group("acronym"), expansion) and not re.match(_PTCE_EXPANSION, expansion, re.IGNORECASE):
            add(m.start("expansion"), m.end(), expansion[0].upper() + expansion[1:], kind_of(expansion), 3,
                "pole word, name and acronym", [m.group("acronym")])
    for m in _ENUMERATED.finditer(text):  # "deux PTCE de Seine-Maritime : Les Falaises Coopératives, à Fécamp, et Port-en-Commun"
        stop = re.search(r"[.;!?]\s|[.;!?]$|\)", text[m.end():])
        listing = text[m.end(): m.end() + (stop.start() if stop else 300)]
        for part in re.finditer(r"(?:^|,\s*(?:et\s+)?|\s+et\s+)(?P<name>[A-ZÀ-Ý][^,]*)", listing):
            written = part.group("name")
            length = name_extent(written)
            if length >= 3 and not re.match(r"(?:à|en|au|dans)\b", written, re.IGNORECASE):
                start = m.end() + part.start("name")
                add(start, start + length, written[:length], kind_of(m.group(0)), 3, "listed after a count of poles")
    for m in _CALLED.finditer(text):
        length = name_extent(text[m.end():])
        if length:
            # "le pôle s'appelle X", "le nouvel ensemble prend le nom de X": the pole itself is named
            subject = re.search(r"\b(?:p[ôo]le|PTCE|ensemble|cluster|tiers-lieu)\b(?:[^.,;]{0,30}|(?:\s+[a-zà-ÿ]+){0,2}\s*,\s*)$",
                                text[:m.start()], re.IGNORECASE)  # "un second pôle, baptisé X"
            add(m.end(), m.end() + length, text[m.end(): m.end() + length], "pole", 3 if subject else 2, "named")
    for m in _COLON_NAME.finditer(text):
        start = m.end() + len(re.match(r"[«\"]?\s*", text[m.end():]).group(0))
        length = name_extent(text[start:])
        if length and re.match(r"\s*[»\"]?\s*(?:[,.;(!]|$)", text[start + length:]):
            add(start, start + length, text[start:start + length], kind_of(m.group(0)), 2, "a pole word, a colon, its name")
    for m in _QUOTED.finditer(text):
        before = fold(text[max(0, m.start() - 40): m.start()])
        inner = m.group("name")
        if re.search(r"\bp[ôo]les\b|\b(?:19|20)\d{2}\b", inner, re.IGNORECASE):
            continue  # « Pôles de coopération 2022 »: a call, not a pole
        opening = re.match(rf"(?:{_POLE_WORD})\b", inner)
        if opening and not re.search(r"[A-ZÀ-Ý0-9]", inner[opening.end():]):
            continue  # « Tiers-lieux et alimentation »: a theme, not a name
        if re.search(r"\b(?:ptce|pole|tiers-lieu|cluster|lieu)\s*$", before) or opening:
            named = re.sub(rf"^{_PTCE_EXPANSION}\s*(?:\(PTCE\))?\s*|^PTCE\s+", "", inner, flags=re.IGNORECASE)
            add(m.start("name"), m.end("name"), named, kind_of(before + inner), 3, "quoted name")
    _subjects(segment, text, add)
    if not any(p.strength >= 2 for p in out):
        for m in _CARRIES_POLE.finditer(text):
            s, e = segment.sentence_at(m.start())
            if re.match(r"\s+(?:PTCE\s+|pôle\s+)?(?:«\s*)?[A-ZÀ-Ý]", text[m.end():m.end() + 4]):
                continue  # "porte le PTCE Stras Eco Renov": that name is read above
            carriers = [o for o in context.earlier(segment, OrgName) if s <= o.start < m.start()]
            if carriers:
                org = carriers[-1].mention
                add(carriers[-1].start, carriers[-1].end, org.name, kind_of(m.group(0)), 2, "organisation that carries the pole",
                    org.alt_names)
    return sorted(out, key=lambda p: p.start)


def _place_only(name: str) -> bool:
    from ..link.gazetteer import scan

    hits = scan(name)
    return len(hits) == 1 and hits[0].start <= 3 and hits[0].end >= len(name.rstrip(". ")) - 1


def _without_place(name: str) -> tuple[str, str]:
    """"Coop'actions en Grand Bergeracois" -> ("Coop'actions", "en Grand Bergeracois"): a place after
    the name is the pole's territory, not its name."""
    from ..link.gazetteer import demonym_places, scan

    m = re.match(r"^(?P<name>.+?)\s+(?P<tail>(?:en|à|sur|dans)\s+(?P<place>.+))$", name, re.IGNORECASE)
    if not m:
        return name, ""
    place = m.group("place")
    hits = scan(place)
    covered = bool(hits) and hits[0].start == 0 and hits[-1].end >= len(place) - 1
    area = re.match(r"^(?:Grand|Pays|Val|Bassin|Haut|Haute|Bas|Basse|Sud|Nord)\b[\s\-'’]+(?P<rest>\S.*)$", place)
    if area and (scan(area.group("rest")) or demonym_places(area.group("rest"))):
        covered = True
    if covered and not re.fullmatch(r"(?i:p[ôo]le|ptce)", m.group("name")):
        return m.group("name"), m.group("tail")
    return name, ""


def _name_before(text: str, end: int) -> tuple[int, str] | None:
    """The name that ends right before `end`, starting a sentence or after a comma or a quote."""
    quoted = quoted_before(text, end)
    if quoted is not None:  # "Le collectif « Vallée Solidaire », pôle territorial...": the quoted name
        start, inside = quoted
        if inside[:1].isupper() and len(inside.split()) <= 8 and name_extent(inside) >= len(inside.rstrip(" .")) - 1:
            return start, inside
        return None
    window_start = max(text.rfind(c, 0, end) for c in ".;:!?«»\"(,") + 1
    window = text[window_start:end]
    m = re.search(r"(?:^|\s)(?P<name>(?:L[ae]s?\s+|L['’])?[A-ZÀ-Ý0-9][^,;:]*)$", window)
    if not m:
        return None
    name = m.group("name").strip()
    if name_extent(name) < len(name.rstrip(" .")) - 1 or re.match(r"(?:Nos|Notre|Vos|Votre|Leurs?|Ses|Mes|Mon|Ma)\s", name):
        # "à la rencontre de Kontré Maroni", "Nos amis de Comtat Coop": the name after a preposition
        # (after a word in lower case: "Les Tisserands du Durgeon" is one name; or after a form: "l'association X")
        later = [p for p in re.finditer(r"\s(?:de|du|des|d['’]|à|avec|entre|pour|chez|par|comme)\s*(?=[A-ZÀ-Ý0-9])|"
                                        r"\b(?:l['’]association|la SCIC|la Scop|la SCOP|la SAS|la coopérative)\s+(?=[A-ZÀ-Ý])", window)
                 if p.start() > m.start() and (not p.group(0)[:1].isspace() or re.search(r"(?:^|\s)[a-zà-ÿ][\w'’\-]*$", window[:p.start()]))]
        for p in later:
            rest = window[p.end():].strip()
            if rest and name_extent(rest) >= len(rest.rstrip(" .")) - 1 and not re.search(r"\b[a-zà-ÿ]+\s+(?:de|du|des|à)\s", rest):
                name, m = rest, None
                start = window_start + p.end() + (len(window[p.end():]) - len(window[p.end():].lstrip()))
                break
        else:
            return None
    else:
        start = window_start + m.start("name")
    if re.match(r"^(?:Ce|Cette|Il|Elle|On|Nous|Son|Sa|Le PTCE|Le pôle|Ce pôle|Ce PTCE)\b", name):
        return None
    return start, name


EXAMPLES = [  # (text, pole names found)
    ("Le collectif « Vallée Solidaire », pôle territorial de coopération économique de la vallée de la Bruche, inaugure sa halle.",
     {"pole Vallée Solidaire"}),
    ("Les Ateliers du Lédon sont un pôle territorial de coopération économique installé à Lons.",
     {"pole Les Ateliers du Lédon"}),
    ("La Grange aux Voisins est à la fois un tiers-lieu ouvert à tous et un pôle de coopération.",
     {"pole La Grange aux Voisins"}),
    ("Les Fils du Causse — pôle territorial de coopération économique", {"pole Les Fils du Causse"}),
    ("Navettes gratuites depuis le Pôle d'échanges multimodal de Figeac.", set()),
    ("SOUTENONS LA FORGE PARTAGÉE, LE PÔLE COOPÉRATIF DES ARTISANS DU VAL !", {"pole La Forge Partagée"}),
    ("Nos amis du pôle voisin Lauragais Coop, à Revel, ont signé.", {"pole Lauragais Coop"}),
    ("Le PTCE Ouest-Aveyron Coopération, établi à Villefranche-de-Rouergue, associe dix-sept structures.",
     {"pole Ouest-Aveyron Coopération"}),
    ("Le PTCE Estuaire Solidaire réunit douze structures.", {"pole Estuaire Solidaire"}),
    ("Le pôle sud de la métropole accueille les bureaux.", set()),
    ("UN PÔLE DE 39 MEMBRES", set()),
    ("NAISSANCE DE « L'ARGENS COOPÉRATIF », PÔLE UNIQUE DE LA PROVENCE VERTE", set()),
    ("Le nouvel ensemble prend le nom de L'Argens Coopératif.", {"pole L'Argens Coopératif"}),
    ("Le PTCE Midouze en Commun, installé au Pôle Sud de la rue Lamarque, accueille deux membres.", {"pole Midouze en Commun"}),
    ("Un forum aura lieu le 20 mars au Pôle Nord, et la fête se tiendra en juin à Pôle Emploi.", set()),
    ("Le Pôle Santé du Val de Rosselle et le pôle de compétitivité Mer Bretagne ne sont pas des PTCE.", set()),
    ("Les Bauges en Commun — FAQ", {"pole Les Bauges en Commun"}),
    ("Il part à la rencontre de Kontré Maroni, un pôle territorial de coopération économique né en 2021.",
     {"pole Kontré Maroni"}),
    ("Nos amis de Comtat Coop, le PTCE de Carpentras, fêtent leurs dix ans.", {"pole Comtat Coop"}),
    ("Gérante de la Scop Charpentes du Lavedan, Sandrine Cazaux-Lamarque préside aussi Lavedan Coopère, le pôle de coopération "
     "des vallées des Gaves.", {"pole Lavedan Coopère"}),
    ("À Rochechouart, un second pôle, baptisé Cratère Coopératif, s'est constitué l'an dernier.", {"pole Cratère Coopératif"}),
    ("Il est revenu avec un pôle ! Le Chai des Coopérations, c'est aujourd'hui vingt-six structures.",
     {"pole Le Chai des Coopérations"}),
    ("Lancé à l'initiative de la Scop Bois & Compagnie, le pôle territorial de coopération économique (PTCE) Réemploi & Co’ "
     "prend ses quartiers.", {"pole Réemploi & Co"}),
    ("LA MAILLE D'AUBE le pôle territorial de coopération économique de la bonneterie fête ses dix ans",
     {"pole La Maille d'Aube"}),
    ("Le site est édité par l'association Les Tisserands du Durgeon, pôle territorial de coopération économique.",
     {"pole Les Tisserands du Durgeon"}),
    ("Cette thèse étudie deux PTCE de Seine-Maritime : Les Falaises Coopératives, à Fécamp, et Port-en-Commun, à Dieppe.",
     {"pole Les Falaises Coopératives", "pole Port-en-Commun"}),
    ("Fem Xarxa (« faisons réseau » en catalan) est le pôle territorial de coopération économique du Roussillon.",
     {"pole Fem Xarxa"}),
    ("Nom du pôle Structure porteuse Commune Département Montant attribué", set()),
    ("Les Communs de la Mosson is a PTCE based in the Mosson district of Montpellier.", {"pole Les Communs de la Mosson"}),
    ("Né en 2019 à l'initiative de la Scop Bois d'Albret, le pôle réunit aujourd'hui dix-neuf structures.", set()),
    ("Agen. Confluences Solidaires fête ses cinq ans et s'agrandit", {"pole Confluences Solidaires"}),
    ("Retours sur l'expérience du PTCE émergent Coop'actions en Grand Bergeracois.", {"pole Coop'actions"}),
    ("la création de ce \"Pôle territorial de coopération économique (PTCE) Stras Eco Renov\".", {"pole Stras Eco Renov"}),
    ("LE PÔLE TERRITORIAL DE COOPÉRATION ÉCONOMIQUE MER LAB'ÎLES DE GUADELOUPE", {"pole Mer Lab'Îles de Guadeloupe"}),
    ("Le bâtiment du Pôle de coopération et d'initiative Sud Rhône-Alpes, nommé Pôle Sud, se situe", {"pole Pôle Sud"}),
    ("Initiatives et Cité, coporteur d'un PTCE lauréat de l'AAP interministériel de 2013, Lille MétroPôle Solidaire.", {
        "pole Lille MétroPôle Solidaire"}),
    ("Réseaux, pôles, collectifs, assemblées permanentes, associations régionales", set()),
    ("des subventions ont été obtenues (Fabrique de territoire, Pôle territorial de coopération économique) en 2021", set()),
    ("« Pollens, Pôle local pour une économie nouvelle sociale et solidaire a pour champ", {"pole Pollens"}),
    ("Lauréat en 2014, Re-sources est un Pôle Territorial de Coopération Économique (PTCE)", {"pole Re-sources"}),
    ("il s'appelle PIERRE : Pôle d'investissement dans l'économie rurale, la recherche", {"pole PIERRE"}),
    ("POLE D'ECONOMIE SOLIDAIRE DE DIJON", {"pole Pole d'Economie Solidaire de Dijon"}),
    ("est devenu Cité Phares, pour Pôle d'hospitalité aux activités à rayonnement écologique", {"pole Cité Phares"}),
    ("autour du tiers-lieu « La Place des Possibles », implanté dans une ancienne usine", {"pole La Place des Possibles"}),
    ("Le Pôle régional des musiques actuelles (PRMA) privilégie 3 axes d'action", {"pole Pôle régional des musiques actuelles"}),
    ("Le PTCE cherche à développer les filières. Comme tous les PTCE, il coopère.", set()),
    ("Né en 2019 à Corte, Centru Cumunu rassemble les acteurs de l'économie sociale.", {"pole Centru Cumunu"}),
    ("La SCIC réunit ses sociétaires en cinq collèges.", set()),
    ("Atelier 3 – « Tiers-lieux et alimentation » avec des pôles de la région", set()),
    ("Atelier 2 – « Industrie » avec Vallée Plastique (Oyonnax, Ain), pôle réunissant douze PME", {"pole Vallée Plastique"}),
    ("Ses membres : la coopérative Val d'Orbiquet, le groupement d'employeurs Auge Emploi Partagé.", set()),
    ("À 300 kilomètres de là, à Aurillac, Cantal Solidaire a été fondée en 2020 par trois associations.", {"pole Cantal Solidaire"}),
    ("Type : Pôle territorial de coopération économique (PTCE)", set()),
    ("APPEL À PROJETS « PÔLES DE COOPÉRATION 2022 » : LES SIX LAURÉATS", set()),
]
