"""Organisations named in running text, with the legal form or structure type the text gives them.

A name is kept only when the text anchors it:
- on a legal form or structure type of the schemes, in any position: "l'association Mode
  d'emploi", "la SCIC X", "X, société coopérative", "Métabatik, association spécialisée...",
  "les Fermes de Figeac (coopérative agricole)", "l'entreprise d'insertion des Jardins de cocagne";
- on an acronym and its expansion: "Comité du Bassin d'Emploi (CBE) du Seignanx", "l'Apess
  (Association pour la promotion de l'économie sociale et solidaire)";
- on a list the text introduces ("trois associations : A, B et C", "des associations ..., telles
  Citrus", "à l'initiative de trois structures : Coodem, Titi Floris et l'Apess", "porte le projet
  avec A, B, C", "(ici Supreme Legacy)"), each item typed by the list's head noun when it is a form;
- on an article before an acronym or a name spaCy tags ("l'APEAS porte...", "l'Avise opère");
- on a heading that is a name led by a form ("FONDATION DE FRANCE");
- on the geography: an intercommunality named with its type is an organisation too ("la
  communauté de communes du Quercy-Rouergue...", "Roannais Agglomération", "l'Eurométropole").
Where a name ends is decided by `name_extent`. Names of persons, of places alone, numbers and
words that name a kind of organisation ("la Région", "l'État") are not organisations.
"""
from __future__ import annotations

import re

from ..enumerations import split_top_level
from ..folding import fold, name_key
from ..link.geography import get_geography
from ..mentions import (
    IMPLIED_LEGAL_FORMS, NAME_HEAD_FORMS, NAME_INTERNAL_TYPES, Mention, find_forms, initials_match, parse_mention,
    quoted_before,
)
from .context import Context
from .facts import OrgName, Person, PlaceRef

# Acronyms that name a kind of thing, a law or a programme, not one organisation.
NOT_ORG_ACRONYMS = {
    "PTCE", "ESS", "SSE", "AMI", "AAP", "TPE", "PME", "PMI", "ETI", "ZUS", "QPV", "DLA", "BTP", "TSF", "RSA",
    "RSE", "IAE", "SIAE", "ETP", "CDI", "CDD", "PDF", "HT", "TTC", "UE", "R&D", "TIC", "NTIC", "ZEE", "AG",
    "CV", "ONG", "SA", "SAS", "SARL", "SCOP", "SCIC", "EURL", "ESAT", "CAE", "UMR", "GE", "GEIQ", "EI", "ACI",
    "AI", "ETTI", "EA", "CBE", "COVID", "RGPD", "FAQ", "URL", "HTML", "PACA", "IDF", "AURA", "NB", "CA", "CC",
    "CU", "EPCI", "EPT", "ESUS", "DSP", "SCI", "GIE", "GIP", "USA", "ONU", "JO", "TV", "OK", "PS", "FR", "EN",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XX", "XXI", "ETAT", "ÉTAT", "LOI", "SOMMAIRE", "TITRE",
    "ARTICLE", "PARC", "ECO", "PAGE", "ZRR", "ZRU", "CUMA", "RH", "IT", "WEB", "DR",
    "SIREN", "SIRET", "RNA", "RCS", "NAF", "APE", "TVA", "IBAN", "RIB", "BIC", "NIC",  # identifiers, not their owners
}
# Words that alone name a kind of organisation or an institution of no particular place.
GENERIC_NAMES = {
    "region", "la region", "departement", "le departement", "etat", "l etat", "ville", "commune", "mairie",
    "metropole", "agglomeration", "prefecture", "ministere", "europe", "union europeenne", "association",
    "cooperative", "collectif", "cluster", "reseau", "federation", "pole", "ptce", "ess", "structure",
    "entreprise", "conseil", "comite", "groupe", "fondation", "mutuelle", "societe", "etablissement",
    "france", "republique", "gouvernement", "assemblee nationale", "senat", "conseil regional",
    "conseil departemental", "conseil general", "conseil municipal", "conseil d administration",
    "economie sociale et solidaire", "economie sociale", "economie solidaire", "union", "emploi", "etat",
    "insertion", "developpement", "formation", "cooperation", "territoire", "territoires",
}
# Words that open a sentence and are not names ("Aujourd'hui, le tiers-lieu Level...").
_NOT_NAME_WORDS = {
    "aujourd'hui", "aujourd", "depuis", "ensuite", "ainsi", "enfin", "desormais", "puis", "alors", "donc",
    "mais", "ici", "demain", "hier", "cependant", "pourtant", "toutefois", "egalement", "aussi",
    "parmi", "selon", "pour", "avec", "dans", "en", "sur", "lors", "apres", "avant", "outre", "au", "aux",
    "un", "une", "des", "ce", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous",
    "vous", "chaque", "tous", "toutes", "tout", "son", "sa", "ses", "leur", "leurs", "notre", "nos",
    "dans", "par", "de", "du", "d", "et", "ou", "si", "quand", "comment", "pourquoi", "qui", "que",
    "quoi", "ou", "quelle", "quel", "quelles", "quels", "lauréat", "laureat", "laureats", "lauréats",
    "créée", "creee", "cree", "créé", "fondée", "fondee", "inscrite", "reconnu", "reconnue", "soutenus",
    "soutenues", "situé", "située", "situe", "situee", "organisée", "organisee", "retours", "retour",
    "comme", "dont", "c", "cela", "ceci", "celles", "ceux", "celui", "celle", "voici", "voila", "face",
    "premier", "première", "premiere", "dernier", "dernière", "derniere", "plus", "moins", "tres", "très",
    "article", "titre", "statuts", "preambule", "préambule", "objet", "siege", "siège", "duree", "durée",
}
# Plural head nouns of a list whose items are of that form or type ("trois associations : ...").
_LIST_HEADS = (r"associations?|coopératives?(?: agricoles?)?|entreprises?(?: d'insertion| adaptées?)?|structures?|"
               r"acteurs?|partenaires?|membres?(?: fondateurs?)?|fondateurs?|adhérents?|organisations?|"
               r"organismes?|collectivités?|sociétés?|scops?|scics?|réseaux?|clubs?|collectifs?|fédérations?|"
               r"mutuelles?|fondations?|établissements?|institutions?|têtes de réseau|habitants")
_LIST_HEAD = re.compile(rf"\b(?:{_LIST_HEADS})\b", re.IGNORECASE)
_LIST_INTRO = re.compile(
    rf"\b(?:{_LIST_HEADS})\b[^.:;!?]{{0,100}}?"
    r"(?:\s*:\s*|,?\s+(?:que sont|qui sont|notamment|tel(?:le)?s?(?: que)?|comme|parmi lesquel(?:le)?s|à savoir)\s+"
    r"|\s+aussi variés qu['’]\s*|\s*\(\s*(?=(?-i:[A-ZÀ-Ý])))",
    re.IGNORECASE)
_CUE_LIST = re.compile(
    r"(?:\b(?:porte(?:nt)? le projet avec|en (?:collaboration|partenariat|lien) avec|avec le soutien d[e'u]s?|"
    r"à l'initiative d[e'u]s?|associant|réunit|réunissant|regroupe|regroupant|rassemble|rassemblant|"
    r"co-?port(?:é|ée|eur|eurs) (?:par|avec)|port(?:é|ée|és|ées) par|coordonn(?:é|ée) par|pilot(?:é|ée) par|"
    r"anim(?:é|ée) par|fond(?:é|ée) par|cré(?:é|ée)s? (?:en \d{4} )?par|soutenue? par|financée? par|parmi eux,?|parmi elles,?)"
    r"|\((?:ici|notamment|dont|comme|avec)|\b(?:dont|notamment)(?=\s+(?-i:[A-ZÀ-Ý])))\s*",
    re.IGNORECASE)
_ARTICLE_ACRONYM = re.compile(
    r"(?:\b[Ll]['’]|\b(?:[Ll]a|[Ll]e|[Ll]es|[Dd]u|[Dd]es|[Aa]u|[Pp]ar|[Aa]vec|[Ee]t)\s+)"
    r"(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý0-9&]{2,11}(?:[\s\-][A-ZÀ-Ý][A-ZÀ-Ý0-9&]+)?)\b(?!['’]\w)")
_ARTICLE_WORD = re.compile(r"\b[Ll]['’](?P<name>[A-ZÀ-Ý][a-zà-ÿ]{2,}(?:[\s\-][A-ZÀ-Ý][\w\-]*)*)")
_ACRONYM_THEN_EXPANSION = re.compile(r"(?P<acronym>\b[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&.\-]{1,14})\s*\((?P<expansion>[A-ZÀ-Ý][^()]{5,140})\)")
_EXPANSION_THEN_ACRONYM = re.compile(r"\((?P<acronym>[A-ZÀ-Ý][A-Za-zÀ-ÿ0-9&.\-]{1,11})\)")
_DETERMINER_BEFORE = re.compile(
    r"(?:^|[\s(«\"'’])(?:l['’]|le|la|les|du|des|au|aux|d['’]|de l['’]|de la|par l['’]|par la|par le|à l['’]|à la|"
    r"avec l['’]|avec la|avec le|cette|ce|son|sa|ses|leur|notre)\s*$|^\s*$|[.:;!?(«,]\s*$", re.IGNORECASE)
_AUTHORITY_WORD = re.compile(r"\b[Ll]['’](?P<name>Eurom[ée]tropole|Agglom[ée]ration|Agglo)\b(?!\s+(?:de|du|d['’]))")
_EPCI_FORMS = {"CC": "communaute-de-communes", "CA": "communaute-d-agglomeration", "CU": "communaute-urbaine",
               "METRO": "metropole", "MET69": "metropole", "EPT": "etablissement-public-territorial"}
_CONNECTORS = {"de", "du", "des", "d", "l", "la", "le", "les", "et", "&", "pour", "en", "sur", "aux", "au", "à", "a"}
_STOP_WORDS = {"qui", "que", "dont", "où", "ou", "est", "sont", "a", "ont", "sera", "était", "avait", "fait",
               "avec", "dans", "par", "depuis", "lors", "mais", "donc", "car", "afin", "ainsi", "se", "s", "il",
               "elle", "ils", "elles", "on", "ne", "n", "y", "sa", "son", "ses", "leur", "leurs", "cette", "ce",
               "ces", "au", "aux", "mois", "an", "ans", "annee", "annees"}
_TOKEN = re.compile(r"[^\s,;:()«»!?…\[\]\"“”—–·•|/]+")
_HEAD_COMPLEMENT = re.compile(
    r"^(?P<words>[\w'’\- ]*?)\s*(?:(?:de la|de l['’]|du|des|de|d['’])\s*|(?=[A-ZÀ-Ý]))", re.IGNORECASE)


# A capitalised word and "de" just before "l'X": "l'X" completes a longer name (not after a title:
# "Président de l'APEAS" names the APEAS).
_NAME_COMPLEMENT = re.compile(r"(?<![\w'’])(?!(?:Pr[ée]sident|Directeur|Directrice|Maire|Membre|Adh[ée]rent)e?s?\b)"
                              r"[A-ZÀ-Ý][\w’'\-]+\s+de\s+$")


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def name_extent(text: str, allow_article: bool = True) -> int:
    """How many characters at the start of `text` form a name: capitalised words, with the small
    words between them ("Études et chantiers d'Ile-de-France", "Mode d'emploi", "Jardins de
    cocagne", "Initiative emploi Drôme-Vivarais"), up to a verb, a relative pronoun or punctuation
    ("les Tracols impulse depuis..." -> "les Tracols"). 0 when the text does not start with a name."""
    text = text[:300]  # no name is longer: the rest of a long paragraph is never read here
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]
    tokens = [t for t in tokens if re.search(r"\w", t[2])] if tokens and tokens[0][0] <= 1 else tokens
    if not tokens or tokens[0][0] > 1:
        return 0
    words = [t[2] for t in tokens]

    def capital(word: str) -> bool:
        bare = re.sub(r"^(?:[dl]['’])", "", word)
        return bool(bare) and (bare[0].isupper() or (bare[0].isdigit() and any(c.isalpha() for c in bare)))

    first = 0
    if allow_article and fold(words[0]) in ("la", "le", "les") and len(words) > 1 and capital(words[1]):
        first = 1
    if not (capital(words[first]) or words[first][:1].isdigit()):
        return 0
    end = first
    i = first + 1
    while i < len(tokens):
        gap = text[tokens[i - 1][1]:tokens[i][0]]
        if gap.strip(" \t-'’&"):
            break  # punctuation between the words
        if _ends_sentence(words[i - 1]):
            break  # "l'Etat. Par ailleurs"
        word = words[i]
        folded = fold(re.sub(r"^[dl]['’]", lambda m: m.group(0)[0] + " ", word)).split()
        if capital(word):
            end = i
        elif (folded == ["aux"] and i + 1 < len(words) and capital(words[i + 1])
              and get_geography().commune(words[i + 1]).place is None):
            pass  # "La Malle aux Trésors", but "... aux Mureaux" names a place
        elif folded[0] in _STOP_WORDS and len(folded) == 1:
            break
        elif folded[0] in _CONNECTORS or word.lower().startswith(("d'", "d’", "l'", "l’")):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            following_gap = text[tokens[i][1]:tokens[i + 1][0]] if i + 1 < len(tokens) else ","
            if word.lower().startswith(("l'", "l’")) and fold(word[2:]) in _STOP_WORDS:
                break  # "Bayeux Intercom l'a rejoint": a pronoun and a verb
            if word.lower().startswith(("d'", "d’", "l'", "l’")) and len(word) > 2 and not capital(word):
                end = i  # "Mode d'emploi"
            elif folded[0] in ("et", "&") and fold(nxt) in ("la", "le", "les", "l", "un", "une") or fold(nxt).startswith(("l'", "l’")) and folded[0] in ("et", "&"):
                break  # "Recycl'Ouest et la SCOP Atelier du Clain": "et" and an article start another name
            elif nxt and not following_gap.strip() and (capital(nxt) or folded[0] in ("de", "des", "du", "d", "et", "&")
                                                         and _capital_ahead(text, tokens, i + 1, capital)):
                pass  # a connector inside the name ("Études et chantiers d'Ile-de-France")
            elif nxt and not following_gap.strip() and folded[0] in ("de", "des", "du") and nxt[:1].islower() and _ends_name(words, i + 1):
                end = i + 1  # "Jardins de cocagne"
                break
            else:
                break
        else:
            ahead = [w for w in words[i + 1 : i + 3]]
            if any(capital(w) and not w[:1].isdigit() for w in ahead) and not any(
                    fold(w) in _STOP_WORDS for w in words[i : i + 2]):
                pass  # "Initiative emploi Drôme-Vivarais"
            else:
                break
        i += 1
    last = tokens[end]
    return last[1] - 1 if _ends_sentence(last[2]) else last[1]


def _capital_ahead(text: str, tokens, index: int, capital) -> bool:
    """A lower-case word at `index` followed, with no punctuation, by a capitalised one."""
    if index + 1 >= len(tokens) or text[tokens[index][1]:tokens[index + 1][0]].strip(" -'’"):
        return False
    word = tokens[index][2]
    return fold(word) not in _STOP_WORDS and not _ends_sentence(word) and capital(tokens[index + 1][2])


def _ends_sentence(word: str) -> bool:
    """"Etat." ends a sentence; "P.I.L.E.S." or "St." do not."""
    return word.endswith(".") and not re.fullmatch(r"(?:[A-ZÀ-Ý]\.)+|St\.|Ste\.|[A-Z][a-z]?\.", word)


def _ends_name(words: list[str], index: int) -> bool:
    """After "de", a word in lower case ends the name when nothing else follows ("Jardins de
    cocagne", "Mode d'emploi")."""
    return index + 1 >= len(words) or fold(words[index + 1]) in _STOP_WORDS | {"et", "a", "à"}


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _is_acronym(word: str) -> bool:
    letters = re.sub(r"[.\-&0-9]", "", word)
    return len(letters) >= 2 and (letters.isupper() or sum(c.isupper() for c in word) >= 2)


def _strip_leading(name: str) -> str:
    """"d'Arcoop" -> "Arcoop", "Aujourd'hui le X" stays for the caller to reject."""
    return re.sub(r"^(?:[dl]['’]\s*)", "", name.strip(" ,;:.-–'’\"«»"))


class _Found:
    def __init__(self, text: str, persons, places=()):
        self.text = text
        self.persons = list(persons)
        # places that are only places (communes, départements, régions): never organisations
        self.places = [(p.start, p.end) for p in places if p.place is not None and p.place.kind not in ("epci", "ept")]
        self.facts: list[OrgName] = []

    def add(self, start: int, end: int, mention: Mention | None, how: str) -> OrgName | None:
        if mention is None or not mention.name or _overlaps(start, end, self.persons):
            return None
        name = mention.name
        key = name_key(name)
        first = fold(name.split()[0]).strip("'’") if name.split() else ""
        if (name.upper() in NOT_ORG_ACRONYMS or key in GENERIC_NAMES or first in _NOT_NAME_WORDS
                or len(name) < 3 or not re.search(r"[A-Za-zÀ-ÿ]", name) or re.fullmatch(r"[\d\s.,%]+\D{0,3}", name)
                or name.split()[0].upper().strip(".") in NOT_ORG_ACRONYMS
                or re.match(r"^\d", name) and not re.search(r"\b[A-ZÀ-Ý]", name[1:])):
            return None
        if _place_only(name) or any(s <= start and end <= e for s, e in self.places):
            return None
        for other in self.facts:
            same = (name_key(other.mention.name) == key or key in {name_key(a) for a in other.mention.alt_names}
                    or name_key(other.mention.name) in {name_key(a) for a in mention.alt_names})
            if same or (other.start <= start and end <= other.end and how.startswith("article")):
                _merge_into(other.mention, mention)
                return other
            if start <= other.start and other.end <= end and other.rule.startswith("organisations: article"):
                _merge_into(mention, other.mention)
                self.facts.remove(other)
                break
        fact = OrgName(start, end, self.text[start:end], f"organisations: {how}", mention=mention)
        self.facts.append(fact)
        return fact


def find(segment, context: Context, persons=None, places=None) -> list[OrgName]:
    """The organisations of a segment (persons and places found before in it are neither)."""
    if persons is None:
        persons = [(p.start, p.end) for p in context.earlier(segment, Person)]
    if places is None:
        places = context.earlier(segment, PlaceRef)
    text = segment.text
    lines = segment.lines
    found = _Found(text, persons, places)
    if _mostly_capitals(text) and not (segment.kind == "heading" and len(text.split()) <= 8):
        return []  # "ADHÉSION DE LA COMMUNE À L'ASSOCIATION ...": words in capitals cannot be told apart
    _form_then_name(text, lines, found)
    _name_then_form(text, lines, found)
    _form_then_apposition(text, lines, found)
    _acronyms(text, lines, found)
    _lists(text, lines, found)
    _headings(segment, lines, found)
    _agents(text, lines, found)
    # An article before an acronym ("l'APEAS porte..."), or before a name spaCy tags ("l'Avise").
    taken = [(f.start, f.end) for f in found.facts]
    in_capitals = _mostly_capitals(text) or segment.kind == "heading" and not re.search(r"[a-zà-ÿ]", text)
    for m in _ARTICLE_ACRONYM.finditer(text if not in_capitals else ""):  # "L'ANNÉE EN CHIFFRES": capitals, no acronym
        name = m.group("name")
        if _overlaps(m.start("name"), m.end("name"), taken) or get_geography().region(name).place is not None:
            continue
        found.add(m.start("name"), m.end("name"), Mention(name=name, written=name, lines=list(lines)), "article and acronym")
    for m in _ARTICLE_WORD.finditer(text):
        start, end = m.start("name"), m.start("name") + name_extent(text[m.start("name"):])
        if end <= start or _overlaps(start, end, taken):
            continue
        if _NAME_COMPLEMENT.search(text[:m.start()]):
            continue  # "Les Ateliers de l'Indrois", "Maison de l'Emploi": the end of a longer name
        if not any(s <= start < e and label in ("ORG", "LOC", "MISC") for s, e, label in segment.entities):
            continue
        found.add(start, end, Mention(name=text[start:end], written=text[start:end], lines=list(lines)), "article and name")
    # Names spaCy tags ORG, after an article, a preposition or a comma.
    for start, end, label in segment.entities:
        if label != "ORG" or _overlaps(start, end, [(f.start, f.end) for f in found.facts]):
            continue
        if not re.search(r"(?:\b[Ll]['’]|\b(?:la|le|les|du|des|de|avec|par|et|au|aux)\s+|,\s*)$", text[max(0, start - 120):start]):
            continue
        span = re.split(r"\s*[,;:()\n]\s*|\s+[-–]\s+|\.\s|\s+(?:au|aux|en|à|dans|pour|sur|depuis|lors)\s+[a-zà-ÿ]", text[start:end])[0].strip()
        words = span.split()
        if len(words) < 2 or len(words) > 8 or not span[:1].isupper() or any(fold(w) in _STOP_WORDS for w in words):
            continue
        found.add(start, start + len(span), parse_mention(span, lines, named=True), "named entity ORG")
    _authorities(text, lines, places, found)
    _towns_in_lists(text, lines, found)
    _labels_that_are_names(text, lines, found)
    _quoted_after_form(text, lines, found)
    # "2 rue de la Société Française", "place de la Coopération": the name of a street, not an organisation;
    # "14 rue des Ardilliers": an address
    kept = [f for f in found.facts if not _STREET_BEFORE.search(text[max(0, f.start - 40):f.start])
            and not _ADDRESS_NAME.match(f.mention.name)]
    for fact in kept:  # "La société Imprimerie Coopérative Ligérienne": the name without its article and noun
        fact.mention.name = _COMPANY_NOUN.sub("", fact.mention.name)
    return _consolidated(kept)


_ADDRESS_NAME = re.compile(r"\d{1,4}(?:\s*(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|quai|impasse|route|"
                           r"square|cours|passage|esplanade|parvis|rond-point|zone|lieu-dit)\b", re.IGNORECASE)
_COMPANY_NOUN = re.compile(r"^(?:[Ll]a|[Ll]e|[Ll]['’])\s*(?:société|entreprise|structure)\s+(?=[A-ZÀ-Ý])")


_STREET_BEFORE = re.compile(r"\b(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|quai|impasse|route|square|cours|passage|"
                            r"esplanade|parvis|rond-point)\s+(?:de la |de l['’]|du |des |de |d['’])?$", re.IGNORECASE)


def _consolidated(facts: list[OrgName]) -> list[OrgName]:
    """One organisation per stretch of text: facts whose spans overlap are merged into the one
    with the longest span ("CREDIS (Collectif Régional...)", "le cluster Initiatives et Cité")."""
    out: list[OrgName] = []
    for fact in sorted(facts, key=lambda f: (-(f.end - f.start), f.start)):
        host = next((o for o in out if o.start < fact.end and fact.start < o.end), None)
        if host is None:
            out.append(fact)
        else:
            _merge_into(host.mention, fact.mention)
    for fact in out:  # what a structure type implies for the legal form, by law
        mention = fact.mention
        for slug in mention.structure_types:
            implied = IMPLIED_LEGAL_FORMS.get(slug)
            if implied and not mention.legal_forms:
                mention.legal_forms.append(implied[0])
                mention.notes.append(f"legal form inferred: {implied[1]}")
    return sorted(out, key=lambda f: f.start)


# Words after a name that make it go on ("Association Régionale pour le...", "Coopérative d'Activité et
# d'Emploi X"), but not "et" with an article: "la Scop X et l'association Y" are two names.
# Where a long name with its form ends: punctuation, or "et" opening the next name ("... de Tartane et de l'association Y").
_NAME_END = re.compile(r"[,;:()]|\.\s|\.$|\s+et\s+(?:de\s+|d['’]|du\s+|des\s+)?(?:l['’]|la\s|le\s|les\s|un\s|une\s)", re.IGNORECASE)
_GOES_ON = re.compile(r"\s+(?:pour|de|du|des|d['’]|et(?!\s+(?:(?:de\s+|d['’]|du\s+|des\s+))?(?:l['’]|la\b|le\b|les\b|un\b|une\b))|en)\s*\w",
                      re.IGNORECASE)


def _form_then_name(text: str, lines, found: _Found) -> None:
    """"l'association Mode d'emploi", "la SARL Azur Trade", "le groupe Archer", "la Ville de
    Strasbourg", "l'entreprise d'insertion des Jardins de cocagne", "le cluster stéphanois Culture
    et Coopération"."""
    for hit in find_forms(text):
        if not _DETERMINER_BEFORE.search(text[max(0, hit.start - 120): hit.start]):
            continue
        slug = hit.concept.slug
        rest = text[hit.end :]
        if hit.text[:1].isupper() and re.search(r"[A-ZÀ-Ý][\w'’\-]*\s+(?:de la|de l['’]|du|des|de|d['’])\s*$", text[max(0, hit.start - 120): hit.start]):
            continue  # "Maison des Associations Humanitaires": a form word inside another name
        if slug in NAME_HEAD_FORMS:
            if slug in ("commune", "region", "departement") and not (hit.text[:1].isupper() or fold(hit.text) == "mairie"):
                continue  # "la ville de Toucy": the town as a place
            m = re.match(r"^(?:\s+(?:[a-zà-ÿ][\w'’\-]*\s+){0,2}?)?\s*(?:(?:de la|de l['’]|du|des|de|d['’])\s*)?(?=[A-ZÀ-Ý])", rest)
            if not m:
                continue
            length = name_extent(rest[m.end():])
            if not length:
                continue
            end = hit.end + m.end() + length
            mention = parse_mention(text[hit.start:end], lines, named=True)
            if mention is not None:
                mention.add_form(hit)
                found.add(hit.start, end, mention, "form heading the name")
            continue
        # What may stand between the form and the name: adjectives, an acronym, an article or "des".
        internal = slug in NAME_INTERNAL_TYPES or hit.text[:1].isupper()
        link = r"des\s+|du\s+|de\s+|d['’]\s*" if internal else r"des\s+|du\s+"
        m = re.match(r"^(?P<adj>(?:\s+(?!(?:de|du|des|d|la|le|les|l|et|en|dans|pour|qui|que|sur|à|au|aux)\b)[a-zà-ÿ][\w\-]*){0,2}?"
                     r"(?:\s+(?:de\s+(?!la\b|l['’])|d['’]\s*)[a-zà-ÿ][\w\-]*(?=\s+[A-ZÀ-Ý]))?)"  # "l'association de consommateurs Manger Gascon", "d'insertion X"
                     rf"(?:\s*\((?P<acronym>[A-Z][A-Za-z]{{1,8}})\))?\s*(?P<link>{link})?(?=(?:la |le |les |l['’])?[A-ZÀ-Ý0-9])", rest)
        if not m:
            continue
        length = name_extent(rest[m.end():])
        if not length:
            continue
        name = rest[m.end(): m.end() + length]
        end = hit.end + m.end() + length
        whole = text[hit.start:end]
        if slug in NAME_INTERNAL_TYPES and not m.group("adj"):
            # "Collectif ETC", "Cluster Maritime de Guadeloupe", "IUT de Figeac", "Comité du Bassin
            # d'Emploi (CBE) du Seignanx": the type is part of the name
            written = re.sub(r"\s*\([^)]*\)\s*", " ", whole)
        elif hit.text[:1].isupper() and (m.group("link") or hit.text.isupper() and len(hit.text) > 5
                                         or _GOES_ON.match(rest[m.end() + length:])):
            length = m.end() + name_extent(rest[m.end():]) if not _GOES_ON.match(rest[m.end() + length:]) else len(_NAME_END.split(rest)[0])
            end = hit.end + length if length > m.end() else end
            whole = text[hit.start:end]
            written = re.sub(r"\s*\([^)]*\)\s*", " ", whole)  # "Régie de Territoire des Deux Rives", "Association Régionale pour le..."
        else:
            written = name
        if _place_only(_strip_leading(name)):
            written = f"{hit.text} {name}"  # "Chantier école Ile-de-France"
        last = find_forms(name)
        if last and last[-1].end >= len(name.rstrip()) and name[last[-1].start:][:1].isupper() and last[-1].start > 0 and written == name:
            mention = Mention(name=name.strip(), written=whole, lines=list(lines))  # "Laïta Coopérative": the form word ends the name
        elif written == name or hit.text.lower() == written.lower()[: len(hit.text)] and written != whole:
            mention = parse_mention(written, lines, named=True)
        else:  # the form is part of the name: keep it whole
            mention = Mention(name=written.strip(), written=written, lines=list(lines))
        if mention is None:
            continue
        mention.add_form(hit)
        if m.group("acronym"):
            mention.alt_names.append(m.group("acronym"))
        found.add(hit.start, end, mention, "form before the name")


def _name_then_form(text: str, lines, found: _Found) -> None:
    """"Métabatik, association spécialisée...", "Arcoop, une coopérative d'activité et d'emploi",
    "Rhône Talents Partagés est une coopérative d'activité et d'emploi (CAE)",
    "les Fermes de Figeac (coopérative agricole)", "La Californie, c'est à la fois une association"."""
    for hit in find_forms(text):
        if hit.concept.slug in NAME_HEAD_FORMS:
            continue  # "L'Eurométropole, la Ville de Strasbourg": the form opens the next name
        window = max(0, hit.start - 200)
        before = text[window: hit.start]
        m = re.search(r"(?P<sep>,\s*(?:c['’]est (?:à la fois )?)?(?:une?\s+|l['’]|la\s+|le\s+)?|\(\s*(?:une?\s+)?|\s+[—–]\s*|"
                      r"\s+(?:est|était|reste|devient) (?:aussi |d['’]abord |avant tout )?(?:une?\s+|l['’]|la\s+|le\s+))$", before)
        if not m:
            continue
        if re.match(r"\s+(?:(?:de la|de l['’]|du|des|de|d['’])\s*)?[A-ZÀ-Ý0-9]", text[hit.end:]):
            continue  # "le Collectif ETC", "la Fédération des Cuma": the form opens the next name
        if hit.text[-1:] in ("s", "x") and hit.concept.label[-1:] not in ("s", "x"):
            continue  # "Culture, tiers-lieux, habitat": a plural is not the form of one name
        if m.group("sep").strip() == "," and re.match(r"\s*,\s*[A-ZÀ-Ý]", text[hit.end:]):
            continue  # "APES, COORACE, CRESS, Initiatives": a list of names, not "name, form"
        head = _name_ending_at(text, window + m.start())
        if head is None:
            continue
        start, name = head
        mention = parse_mention(name, lines, named=True)
        if mention is not None:
            mention.add_form(hit)
            found.add(start, hit.end, mention, "name, then its form")


def _name_ending_at(text: str, end: int) -> tuple[int, str] | None:
    """The name that ends at `end` (before a comma or a bracket): the longest run of name words
    whose extent reaches `end`, without an article after "et" (that starts another name)."""
    segment_start = max(text.rfind(c, 0, end) for c in ".;:!?«»\"(") + 1
    window = text[segment_start:end]
    for m in re.finditer(r"(?:(?<=\s)|^)(?:[dl]['’])?[A-ZÀ-Ý0-9]", window):
        start = m.start()
        if re.match(r"[dl]['’]", window[start:]):
            start += 2
        length = name_extent(window[start:])
        if start + length == len(window.rstrip()) and length:
            name = window[start : start + length]
            parts = re.split(r"\s+et\s+(?=(?:l['’]|la |le |les ))", name)
            name = _strip_leading(parts[-1])
            start = segment_start + window.rfind(name, 0, start + length)
            first = fold(name.split()[0]).strip("'’") if name.split() else ""
            if first in _NOT_NAME_WORDS:
                rest = name.split(None, 1)[1] if len(name.split()) > 1 else ""
                if not rest or not rest[:1].isupper():
                    return None
                name, start = rest, start + len(name) - len(rest)
            return start, name
    return None


_DEFINITE_FORM = re.compile(r"\b(?:la|le|l['’]|une?)\s*(?:(?:première?|seule?|principale?|dernière?|grande?|plus grande?|"
                            r"plus ancienne?|nouvelle?|jeune)\s+)?$", re.IGNORECASE)


def _form_then_apposition(text: str, lines, found: _Found) -> None:
    """"la première association intermédiaire de France, l'AIDE (...)": a definite phrase with a
    form, then the name in apposition."""
    for hit in find_forms(text):
        if not _DEFINITE_FORM.search(text[max(0, hit.start - 120): hit.start]):
            continue
        m = re.match(r"(?:\s+(?:de|du|des|d['’]|en)\s*[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*)*)?\s*,\s*(?:l['’]|la |le )?(?=[A-ZÀ-Ý])",
                     text[hit.end:])
        if not m:
            continue
        start = hit.end + m.end()
        length = name_extent(text[start:])
        if not length or _starts_with_form(text[start:]):
            continue  # "la commune de Melle, la Scop Menuiserie": the next item of a list, typed by its own form
        indefinite = re.search(r"\bune?\s*(?:\w+\s+)?$", text[max(0, hit.start - 20): hit.start], re.IGNORECASE)
        if indefinite and not re.match(r"\s*(?:[.;)]|$)", text[start + length:]):
            continue  # "une entreprise adaptée, Périgord Conditionnement.": the name must end the clause
        mention = parse_mention(text[start:start + length], lines, named=True)
        if mention is not None:
            mention.add_form(hit)
            found.add(start, start + length, mention, "form, then the name in apposition")


def _acronyms(text: str, lines, found: _Found) -> None:
    """"ACRONYM (Expansion)" and "Expansion (ACRONYM) [more of the name]"."""
    for m in _ACRONYM_THEN_EXPANSION.finditer(text):
        acronym, expansion = m.group("acronym"), m.group("expansion").strip(" ,;:.")
        if not _is_acronym(acronym) or acronym.upper() in NOT_ORG_ACRONYMS:
            continue
        if not (initials_match(acronym, expansion) or _starts_with_form(expansion)):
            continue
        mention = parse_mention(f"{acronym} ({expansion})", lines, named=True)
        if mention is not None:
            for hit in find_forms(expansion)[:1]:
                if hit.start == 0:
                    mention.add_form(hit)
        found.add(m.start(), m.end(), mention, "acronym and expansion")
    for m in _EXPANSION_THEN_ACRONYM.finditer(text):
        acronym = m.group("acronym")
        if acronym.upper() in NOT_ORG_ACRONYMS:
            continue
        found_expansion = _expansion_before(text, m.start(), acronym)
        if found_expansion is None:
            continue
        start, chosen = found_expansion
        if not (_is_acronym(acronym) or initials_match(acronym, chosen)):
            continue  # "(Adie)": an acronym in lower case only when its letters spell the words
        tail = re.match(r"\s+((?:du|de la|de l['’]|des|de|d['’])\s*[A-ZÀ-Ý][\w'’\-]*(?:[\s\-]+[A-ZÀ-Ý][\w'’\-]*)*)", text[m.end():])
        full = chosen + (" " + tail.group(1) if tail else "")
        mention = parse_mention(full, lines, named=True)
        if mention is None:
            continue
        mention.alt_names.append(acronym)
        for hit in find_forms(chosen)[:1]:
            if hit.start == 0:
                mention.add_form(hit)
        found.add(start, m.end() + (tail.end() if tail else 0), mention, "expansion and acronym")


def _expansion_before(text: str, end: int, acronym: str) -> tuple[int, str] | None:
    """The words before "(ACRONYM)" that it abbreviates: the shortest run whose initials make the
    acronym ("Comité du Bassin d'Emploi (CBE)"), else the longest run that a form opens
    ("l'Association pour le droit à l'initiative économique (Adie)")."""
    quoted = quoted_before(text, end)
    if quoted is not None:  # "le PTCE « Terres de Liens Solidaires » (TLS)": the quoted name
        start, inside = quoted
        return (start, inside) if inside[:1].isupper() and initials_match(acronym, inside) else None
    stop = max(text.rfind(c, 0, end) for c in ".;:!?()«»\"") + 1
    window = text[stop:end].rstrip()
    if not window or window.endswith(","):
        return None
    best = None
    for m in reversed(list(re.finditer(r"(?:^|\s)(\S)", window))):
        start = stop + m.start(1)
        candidate = text[start:stop + len(window)]
        if "," in candidate or len(candidate.split()) > 14:
            break
        bare = re.sub(r"^(?:[ld]['’]|la |le |les )", "", candidate, flags=re.IGNORECASE)
        offset = start + len(candidate) - len(bare)
        if bare[:1].isupper() and initials_match(acronym, bare):
            return offset, bare
        if bare[:1].isupper() and _starts_with_form(bare):
            best = (offset, bare)
    return best


def _lists(text: str, lines, found: _Found) -> None:
    """Items of lists the text introduces, typed by the head noun when it is a form."""
    intros = [(m, _typing_head(m.group(0))) for m in _LIST_INTRO.finditer(text)]
    intros += [(m, None) for m in _CUE_LIST.finditer(text)]
    for m, head in sorted(intros, key=lambda x: x[0].start()):
        forms = [h for h in find_forms(head)] if head else []
        closing = m.group(0).rstrip().endswith("(")
        if closing and "," not in text[m.end(): text.find(")", m.end()) if ")" in text[m.end():] else len(text)]:
            continue  # "l'AIDE (Accompagnement et insertion...)": an expansion, not a list
        for start, end, item in _list_items(text, m.end(), closing):
            mention = parse_mention(item, lines, named=True)
            if mention is None:
                continue
            if _place_only(mention.name):
                mention.name = item  # "Chantier école Ile-de-France": the type is part of the name
            for hit in forms:
                mention.add_form(hit)
            found.add(start, end, mention, f"item of a list ({m.group(0).strip()[:40]})")


def _typing_head(intro: str) -> str | None:
    """The head noun that types the items of a list: the last one before the cue, in the plural
    ("trois associations :", "des associations en lien avec l'ESS, telles")."""
    heads = list(_LIST_HEAD.finditer(intro))
    if not heads:
        return None
    head = heads[-1].group(0)
    return head if head.lower().endswith(("s", "x")) else None


_AGENT = re.compile(r",\s*qui\s+(?:co-?)?(?:anime|porte|coordonne|pilote|gère|fédère|accompagne|héberge|finance|soutient|"
                    r"regroupe|réunit|rassemble|impulse|développe)\b")


def _agents(text: str, lines, found: _Found) -> None:
    """"la Coop IDEAL, qui anime le PTCE NOLA": what a name does says it is an organisation."""
    for m in _AGENT.finditer(text):
        head = _name_ending_at(text, m.start())
        if head is None:
            continue
        start, name = head
        if len(name) >= 3 and not _place_only(name):
            found.add(start, start + len(name), parse_mention(name, lines, named=True), "name of an agent")


def _headings(segment, lines, found: _Found) -> None:
    """A heading that is a name led by a form: "FONDATION DE FRANCE", "Association C2SOL"."""
    if segment.kind != "heading":
        return
    text = segment.text
    forms = find_forms(text)
    start = next((h.start for h in forms if h.start <= 12 and re.fullmatch(r"(?:\w+\s+)?", text[: h.start])), None)
    if start is None:
        return
    length = name_extent(text[start:])
    if length >= len(text[start:].rstrip(" .")) - 1 and length > 0:
        mention = parse_mention(text[start : start + length], lines, named=True)
        if mention is not None:
            for hit in forms:
                if hit.start == start:
                    mention.add_form(hit)
        found.add(start, start + length, mention, "heading led by a form")


def _authorities(text: str, lines, places, found: _Found) -> None:
    """Intercommunalities named with their type: organisations as well as places."""
    geo = get_geography()
    for place in places:
        if place.place is None or place.place.kind not in ("epci", "ept") or "core of its name" in place.how:
            continue
        name = _strip_leading(re.sub(r"^(?:l[ae]s?\s+)", "", place.text, flags=re.IGNORECASE))
        if not name:
            continue
        mention = Mention(name=name[0].upper() + name[1:], written=place.text, lines=list(lines))
        slug = _EPCI_FORMS.get(geo.epci_type(place.place))
        if slug:
            mention.legal_forms.append(slug)
        if name_key(place.place.name) != name_key(name):
            mention.alt_names.append(place.place.name)
        mention.places.append(place.place)
        found.add(place.start, place.end, mention, "intercommunality")
    for m in _AUTHORITY_WORD.finditer(text):
        found.add(m.start("name"), m.end("name"), Mention(name=m.group("name"), written=m.group(0), lines=list(lines)),
                  "intercommunality without its name")


def _towns_in_lists(text: str, lines, found: _Found) -> None:
    """"fondé par l'association A, la commune de Melle et la Scop B": a town written in lower case
    is an organisation (the municipality) when it is an item of a list of organisations, next to
    one; elsewhere ("installé dans la commune de Melle", "la ville de Toucy abrite...") a place."""
    for hit in find_forms(text):
        if hit.concept.slug != "commune" or hit.text[:1].isupper() or fold(hit.text) == "mairie" \
                or not re.search(r"\b(?:la|le)\s+$", text[max(0, hit.start - 4):hit.start]):
            continue
        m = re.match(r"\s+(?:de\s+|d['’]\s*)(?=[A-ZÀ-Ý])", text[hit.end:])
        if not m:
            continue
        end = hit.end + m.end() + name_extent(text[hit.end + m.end():])
        opening = text.rfind(" ", 0, hit.start - 1) + 1  # the article
        if _PLACE_PREPOSITION.search(text[max(0, opening - 12):opening]):
            continue  # "installé dans la commune de Melle, la Scop B y a son atelier"
        listed = any(_LIST_BEFORE.search(text[fact.end:opening]) for fact in found.facts if fact.end <= opening) \
            or any(_LIST_AFTER.fullmatch(text[end:fact.start]) for fact in found.facts if fact.start >= end)
        if end > hit.end + m.end() and listed:
            found.add(hit.start, end, parse_mention(text[hit.start:end], lines, named=True), "town in a list of organisations")


def _labels_that_are_names(text: str, lines, found: _Found) -> None:
    """"Pôle emploi", "France Travail": a label of the structure types that is itself the name of
    one organisation (written with a capital in the scheme, as in the text) names it."""
    taken = [(f.start, f.end) for f in found.facts]
    for hit in find_forms(text):
        if hit.concept.scheme != "structure-type":
            continue  # "Scop arl", "SCIC anonyme": forms, written with a capital as abbreviations are
        proper = next((label for label in hit.concept.labels if fold(label) == fold(hit.text)
                       and label[:1].isupper() and not label.isupper() and " " in label), None)
        if proper is None or not hit.text[:1].isupper() or _overlaps(hit.start, hit.end, taken):
            continue
        if re.match(r"\s+(?:de|du|des|d['’])\s*[A-ZÀ-Ý]", text[hit.end:]):
            continue  # "Pôle emploi de Chateaurenard": a local office, named by the other rules
        mention = Mention(name=proper, written=hit.text, lines=list(lines))
        mention.add_form(hit)
        found.add(hit.start, hit.end, mention, "a label that is a name")


def _quoted_after_form(text: str, lines, found: _Found) -> None:
    """"l'association « Bruche Emploi »", "la recyclerie « Le Grenier de la Vallée »": a form, then
    a name in quotation marks (a press style), the name being all that the marks hold."""
    taken = [(f.start, f.end) for f in found.facts]
    hits = find_forms(text)
    for m in _QUOTED_NAME.finditer(text):
        start, end = m.start("name"), m.end("name")
        hit = next((h for h in hits if h.end <= m.start() and not text[h.end:m.start()].strip()), None)
        if hit is None or _overlaps(start, end, taken) or not _DETERMINER_BEFORE.search(text[max(0, hit.start - 120):hit.start]):
            continue
        mention = parse_mention(m.group("name"), lines, named=True)
        if mention is not None:
            mention.add_form(hit)
            found.add(start, end, mention, "form, then a quoted name")


# A short name in quotation marks: capitalised, no sentence inside ("« Fédérer, développer »" is speech)
_QUOTED_NAME = re.compile(r"[«“]\s*(?P<name>[A-ZÀ-Ý][^«»“”.,;:!?]{1,60}?)\s*[»”]")
# What may stand between two items of a list of organisations: a comma or "et", and the next one's
# article and form word ("(SARL), la commune de", "la commune de Melle et l'association X").
_LIST_BEFORE = re.compile(r"^(?:\s*\([^()]{1,40}\))?\s*(?:,|;|\bet\b)\s*$")
_PLACE_PREPOSITION = re.compile(r"\b(?:dans|sur|de|à|vers|depuis|hors|près|en)\s+$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"\s*(?:,|;|\bet\b)\s*(?:l['’]|la\s+|le\s+|les\s+)?")


def _starts_with_form(text: str) -> bool:
    forms = find_forms(text)
    return bool(forms) and forms[0].start == 0


def _place_only(name: str) -> bool:
    """A name that is only a place ("Lille", "Auvergne-Rhône-Alpes"): not an organisation."""
    from ..link.gazetteer import scan

    hits = scan(name)
    return (len(hits) == 1 and hits[0].start == 0 and hits[0].end >= len(name.rstrip(". "))
            and not any(p.kind in ("epci", "ept") for p in hits[0].places))


def _merge_into(target: Mention, other: Mention) -> None:
    for slug in other.legal_forms:
        if slug not in target.legal_forms:
            target.legal_forms.append(slug)
            if slug in other.legal_form_texts:
                target.legal_form_texts[slug] = other.legal_form_texts[slug]
    for slug in other.structure_types:
        if slug not in target.structure_types:
            target.structure_types.append(slug)
    for alt in [other.name, *other.alt_names]:
        if alt and name_key(alt) != name_key(target.name) and alt not in target.alt_names:
            target.alt_names.append(alt)
    for place in other.places:
        if place not in target.places:
            target.places.append(place)


_INSTITUTION = re.compile(r"(?:lycée|collège|école|université|mairie|maison|centre|espace|atelier|fondation|institut|"
                          r"musée|théâtre|médiathèque|hôpital|clinique|foyer|résidence)(?:\s+[a-zà-ÿ]+)?\s+(?:d['’]|de |du |des )?[A-ZÀ-Ý]")
_ITEM_SEPARATOR = re.compile(r"\s*;\s*|,\s+|\s+ou\s+(?=[A-ZÀ-Ý]|l['’]|la |le )")


def _list_items(text: str, start: int, closing: bool = False) -> list[tuple[int, int, str]]:
    """The items of a list that starts at `start` and ends with the sentence (or its closing
    bracket): (start, end, name) of each item that begins like a name. A piece in lower case
    describes the item before it ("Métabatik, association spécialisée dans le réemploi"); the
    last "et" of the list joins its last item ("A, B et C"; "Initiatives et Cités et RTES")."""
    stop = re.search(r"\)" if closing else r"(?<!\b[A-Z])\.(?:\s|$)|\s[–—]\s|[!?…]|\s:\s", text[start:])
    end = start + stop.start() if stop else len(text)
    window = text[start:end]
    pieces = []
    position = 0
    for piece in split_top_level(window, _ITEM_SEPARATOR):
        index = window.find(piece, position)
        if index < 0:
            continue
        position = index + len(piece)
        pieces.append((start + index, piece))
    # the last "et" outside brackets, in the last piece, splits it
    for n in range(len(pieces) - 1, max(-1, len(pieces) - 2), -1):
        piece_start, piece = pieces[n]
        depth, cut = 0, None
        for m in re.finditer(r"\(|\)|\s+et\s+", piece):
            if m.group(0) == "(":
                depth += 1
            elif m.group(0) == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                cut = m
        if cut is not None:
            pieces[n : n + 1] = [(piece_start, piece[: cut.start()]), (piece_start + cut.end(), piece[cut.end():])]
            break
    items: list[tuple[int, int, str]] = []
    for piece_start, piece in pieces:
        bare = re.sub(r"^(?:l['’]|la |le |les |un |une |des |du |de la |de l['’]|d['’]|de |et |notamment |aussi |ainsi que )+",
                      "", piece, flags=re.IGNORECASE)
        offset = piece_start + len(piece) - len(bare)
        institution = _INSTITUTION.match(bare)
        if institution:  # "le lycée Victor-Hugo", "la mairie de Redon": an institution's noun, then its name
            bare = bare[0].upper() + bare[1:]
        length = name_extent(bare)
        if length:
            items.append((offset, offset + length, bare[:length]))
        if len(items) > 25:
            break
    return items


EXAMPLES = [
    ("- Jardins du Trieux — association — atelier chantier d'insertion", {"org Jardins du Trieux [association]"}),
    ("né autour de la Scop Dentelles de Bayeux et de l'épicerie La Cagette", {"org Dentelles de Bayeux [scop]"}),
    ("la communauté de communes Bayeux Intercom l'a rejoint en 2022", {"org Communauté de communes Bayeux Intercom [communaute-de-communes]"}),
    ("à l'initiative de la Coopérative des Pêcheurs de Tartane et de l'association Jardins Créoles du Galion.",
     {"org Coopérative des Pêcheurs de Tartane [cooperative]", "org Jardins Créoles du Galion [association]"}),
    ("on y trouve la légumerie du Vern et une entreprise adaptée, Périgord Conditionnement.",
     {"org Périgord Conditionnement [entreprise-adaptee]"}),
    ("Siège social : 14 rue des Ardilliers – 58000 NEVERS", set()),
    ("La société Imprimerie Coopérative Ligérienne, SCOP SARL ;", {"org Imprimerie Coopérative Ligérienne [scop-sarl]"}),
    ("L'ANNÉE EN CHIFFRES", set()),
    ("L’EMPLOYEUR", set()),
    ("l'association d'insertion Nord Ardèche Solidarités, la Scop Cartonnages Vivarais", {
        "org Nord Ardèche Solidarités [association]", "org Cartonnages Vivarais [scop]"}),
    ("dont le siège est situé 2 rue de la Société Française, 18100 Vierzon", set()),  # (text, organisations found)
    ("L'association Mode d'emploi (club d'entreprises) et la SARL Azur Trade", {
        "org Mode d'emploi [association, club-d-entreprises]", "org Azur Trade [sarl]"}),
    ("Métabatik, association spécialisée dans le réemploi, rejoint le projet.", {"org Métabatik [association]"}),
    ("les Fermes de Figeac (coopérative agricole) et l'APEAI (association parentale gérant un ESAT)", {
        "org Fermes de Figeac [cooperative-agricole]", "org APEAI [association]"}),
    ("créée en 2018 par trois associations : Toucy Entraide, qui exerce depuis trente ans ; la Recyclerie de Toucy, fondée récemment et Bonjour Cascade, une association spécialisée dans le design.", {
        "org Toucy Entraide [association]", "org Recyclerie de Toucy [association, ressourcerie]",
        "org Bonjour Cascade [association]"}),
    ("le Comité du Bassin d'Emploi (CBE) du Seignanx a été créé en 1993", {
        "org Comité du Bassin d'Emploi du Seignanx [association, comite-de-bassin-d-emploi]"}),
    ("Le projet a commencé à l'initiative de trois structures : Coodem, Titi Floris et l'Apess (Association pour la promotion de l'économie sociale et solidaire).", {
        "org Coodem", "org Titi Floris", "org Apess [association]"}),
    ("Depuis 1997, l'APEAS porte et développe le Piles de Marseille.", {"org APEAS"}),
    ("La ressourcerie Le Grenier aux Merveilles s'installe aux Mureaux.", {"org Le Grenier aux Merveilles [ressourcerie]"}),
    ("Culture, tiers-lieux, habitat", set()),
    ("dont l'ESAT Les Tournesols et l'association de consommateurs Manger Landais.", {
        "org Les Tournesols [esat]", "org Manger Landais [association]"}),
    ("Il fonde le pôle avec la Scop Voilerie de l'Ouest et l'association Les Marins.", {
        "org Voilerie de l'Ouest [scop]", "org Les Marins [association]"}),
    ("Loire Talents Partagés est une coopérative d'activité et d'emploi (CAE) créée en 2009.", {
        "org Loire Talents Partagés [cae]"}),
    ("Membres fondateurs : Bretagne Compost Service (SARL), association Jardins d'Ille, Ville de Rennes", {
        "org Bretagne Compost Service [sarl]", "org Jardins d'Ille [association]", "org Ville de Rennes [commune]"}),
    ("Roannais Agglomération a fait le choix en 2009 d'initier une réflexion", {
        "org Roannais Agglomération [communaute-d-agglomeration]"}),
    ("des organismes de formation et des associations en lien avec l'ESS, telles Citrus.", {"org Citrus [association]"}),
    ("Stéphane Maurin, responsable d'Arcoop, une coopérative d'activité et d'emploi, a son bureau ici.", {
        "org Arcoop [cae]"}),
    ("Les adhérents du Damier (ici Supreme Legacy) ont fêté les 10 ans de cette structure.", {"org Supreme Legacy"}),
    ("Aujourd'hui, le tiers-lieu Level, à Laval, vit un tournant.", {"org Level [tiers-lieu]"}),
    ("FONDATION DE FRANCE", {"org FONDATION DE FRANCE [fondation]"}),
    ("Noémie Mouret, co-directrice de la Coop IDEAL, qui anime le PTCE NOLA", {"org Coop IDEAL"}),
    ("le pôle regroupe la Scop Horlogerie Comtoise, le lycée Victor-Hugo et l'IUT de Besançon-Vesoul, qui y installe une antenne.", {
        "org Horlogerie Comtoise [scop]", "org Lycée Victor-Hugo", "org IUT de Besançon-Vesoul [enseignement-superieur]"}),
    ("la première association intermédiaire de France, l'AIDE (Accompagnement et insertion Durable dans l'Emploi).", {
        "org AIDE [association, association-intermediaire]"}),
    ("La ville de Toucy abrite 2730 habitants et la communauté de communes de Puisaye-Forterre rassemble 57 communes.", {
        "org Communauté de communes de Puisaye-Forterre [communaute-de-communes]"}),
    ("fondé par l'association Les Jardins de la Sèvre, la commune de Saint-Maixent-l'École et la Scop Menuiserie du Val.", {
        "org Les Jardins de la Sèvre [association]", "org Commune de Saint-Maixent-l'École [commune]",
        "org Menuiserie du Val [scop]"}),
    ("Le pôle est installé dans la commune de Niort, la Scop Menuiserie du Val y a son atelier.", {
        "org Menuiserie du Val [scop]"}),
    ("Le pôle travaille avec Pôle emploi, la Caisse des Dépôts et une Scop arl du quartier.", {
        "org Pôle emploi [service-public-de-l-emploi]", "org Caisse des Dépôts"}),
    ("Le PTCE « Terres de Liens Solidaires » (TLS) réunit 20 structures.", {"org Terres de Liens Solidaires"}),
    ("Né de la rencontre entre l'association « Bruche Emploi » et la recyclerie « Le Grenier de la Vallée ».", {
        "org Bruche Emploi [association]", "org Le Grenier de la Vallée [ressourcerie]"}),
]
