"""Organisations named in French text, with what the text says of them.

"SCOP Artefacts (Innovation sociale)", "Artefacts, SCOP SARL - coopérative d'activité et d'emploi",
"Association la Courte Echelle", "LEST (Laboratoire d'économie et de sociologie du travail)",
"Réactiv'2m, entreprise adaptée (conseil en organisation industrielle)": a mention gives a name,
legal forms and structure types (recognised by the labels of ontology/schemes), an acronym or
expanded name, a description of activity, figures, a creation year and a département number.
A phrase that names no organisation ("Associations intermédiaires (AI)", "élus", "Des
entreprises") is not a mention: `parse_mention` returns None and the caller keeps it as text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from text_to_num import alpha2digit

from .figures import find_figures
from .identifiers import find_registrations
from .folding import fold
from .model import Figure
from .reading.source import clean
from .vocabularies import Hit, longest_hits, vocabulary

# Labels of these concepts begin an organisation's name ("Conseil régional PACA", "Ville de
# La Verrière", "Pôle emploi de Chateaurenard"): they are part of the name, never stripped from it.
NAME_HEAD_FORMS = {
    "commune", "departement", "region", "communaute-de-communes", "communaute-d-agglomeration",
    "communaute-urbaine", "metropole", "syndicat-mixte", "organisme-consulaire", "ministere",
    "service-deconcentre-etat", "gip", "fondation", "mutuelle",
}
# Structure types that say what an organisation is, wherever they sit in its name.
NAME_INTERNAL_TYPES = {
    "laboratoire-de-recherche", "fablab", "cress", "service-public-de-l-emploi", "comite-de-bassin-d-emploi",
    "cigales", "collectif", "cluster", "enseignement-superieur", "groupe", "conseil-de-developpement",
}
# What a structure type implies for the legal form, by law.
IMPLIED_LEGAL_FORMS = {
    "association-intermediaire": ("association", "associations intermédiaires are associations (code du travail, art. L5132-7)"),
    "comite-de-bassin-d-emploi": ("association", "comités de bassin d'emploi are associations loi 1901 (décret n° 2002-790)"),
}

_ARTICLE = re.compile(r"^(?:l'|le |la |les )", re.IGNORECASE)
_SMALL_WORDS = {"de", "du", "des", "d", "l", "la", "le", "les", "et", "pour", "a", "en", "au", "aux", "sur", "par", "un", "une"}
_GENERIC_PLURALS = {
    "associations", "structures", "strutures", "entreprises", "collectivites", "reseaux",
    "representants", "acteurs", "organismes", "elus", "organisations", "chambres", "membres",
    "artistes", "producteurs", "techniciens", "festivals", "diffuseurs", "regroupements",
    "partenaires", "institutions", "etablissements", "services", "proprietaires", "salaries",
}
_DETERMINERS = {"des", "un", "une", "les", "plusieurs", "de", "d", "quelques"}
_INDEFINITE = {"un", "une", "des", "plusieurs", "quelques", "certaines", "certains", "divers", "diverses"}
_CREATED = re.compile(r"\b(?:cr[ée]{2}e?s?|fond[ée]e?s?)\s+en\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_DEPARTEMENT_CODE = re.compile(r"^(?:\d{2,3}|2[AB])$")
_GLUED = re.compile(r"^(SCOP|SCIC|SARL|SAS)(?=[A-Z]{2})")


@dataclass
class Mention:
    name: str
    written: str  # the whole mention as written
    legal_forms: list[str] = field(default_factory=list)
    legal_form_texts: dict[str, str] = field(default_factory=dict)  # slug -> as written
    structure_types: list[str] = field(default_factory=list)
    alt_names: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    created: int | None = None
    departement_codes: list[str] = field(default_factory=list)
    places: list = field(default_factory=list)  # geography.Place, when the text says where
    registrations: list = field(default_factory=list)  # identifiers.Registration (valid or not)
    notes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    named_after_form: bool = False  # "SCIC Maison de l'économie solidaire": a form, then a name

    def add_form(self, hit: Hit) -> None:
        slug = hit.concept.slug
        if hit.concept.scheme == "legal-form":
            if slug not in self.legal_forms:
                self.legal_forms.append(slug)
                self.legal_form_texts[slug] = hit.text
        elif slug not in self.structure_types:
            self.structure_types.append(slug)


@lru_cache(maxsize=4096)
def find_forms(text: str) -> tuple[Hit, ...]:
    """Legal-form and structure-type labels in `text`, longest first where they overlap (kept:
    the rules of one segment each look for them in the same text).

    "coopérative d'activité et d'emploi" is a structure type, not the legal form "coopérative".
    """
    return tuple(longest_hits(vocabulary("legal-form").find(text) + vocabulary("structure-type").find(text)))


def quoted_before(text: str, end: int) -> tuple[int, str] | None:
    """When the text before `end` ends on a closing quotation mark ("le PTCE « Terres de Liens
    Solidaires » (TLS)", "Le collectif « Vallée Solidaire », pôle ..."): where the quoted words
    start and the words ("" when nothing is quoted); None when it does not end on a quotation mark."""
    before = text[:end].rstrip()
    if not before.endswith(("»", "”")):
        return None
    opening = max(before.rfind("«"), before.rfind("“"))
    inside = before[opening + 1:-1].strip() if opening >= 0 else ""
    return (text.index(inside, opening), inside) if inside else (end, "")


def is_qualifier(hit: Hit) -> bool:
    """A label that qualifies a name ("SCOP X", "X, association loi 1901") rather than starting it."""
    return hit.concept.slug not in NAME_HEAD_FORMS and hit.concept.slug not in NAME_INTERNAL_TYPES


def _words(text: str) -> list[str]:
    return re.findall(r"[\w][\w'’&\-\.]*", text)


def has_proper_name(text: str) -> bool:
    """True when a word other than the first is capitalised, an acronym, or carries a digit,
    or the phrase is a single capitalised word ("Halage", "MEDEF", "Tremplin 52")."""
    words = _words(text)
    if not words:
        return False
    if len(words) == 1:
        return words[0][0].isupper() or words[0][0].isdigit()
    first = 1 if words[0].lower().rstrip("'") in ("l", "le", "la", "les") else 0
    rest = words[first + 1 :] if first == 0 else words[first:]
    if first == 1 and words[1][0].isupper():
        return True
    return any(w[0].isupper() or any(c.isdigit() for c in w) for w in rest) or (
        words[first].isupper() and len(words[first]) > 1
    )


def is_generic(text: str) -> bool:
    """A phrase that names a kind of organisation, not one: "Associations intermédiaires (AI)",
    "Des collectivités locales", "Les huit structures fondatrices", "31 membres de la filière"."""
    words = [fold(w).strip("'") for w in _words(text)]
    if not words:
        return True
    plain = re.sub(r"\s*\([^)]*\)", "", text)
    if len(words) > 14:
        return True  # a sentence, not a name
    if words[0].isdigit() or (words[0] in _DETERMINERS and len(words) > 1 and _lower_word(text, 1)):
        return True
    if words[0] in _INDEFINITE:
        return True  # "Une coopérative d'activité et d'emploi (CAE) chargée de...", "Des entreprises"
    if words[0] in _GENERIC_PLURALS and not _capitalised_after_first(plain):
        return True
    if _words(plain)[0][0].isupper():
        return False  # "Groupe Archer", "Maison de l'économie solidaire", "Tour(s) plus"
    return not has_proper_name(plain) and not _lower_single_org(plain)


def _capitalised_after_first(text: str) -> bool:
    return any(w[0].isupper() or any(c.isdigit() for c in w) for w in _words(text)[1:])


def is_category(text: str) -> bool:
    """A heading or lead-in that names a kind of partner ("Recherche et formation",
    "Collectivités", "réseaux culturels", "Entreprises TIC et organismes de formation"), not one."""
    words = _words(text)
    if not words or len(words) > 9:
        return False
    if vocabulary("partner-category").exact(text.strip()) or is_generic_start(text):
        return True
    allowed = {"TIC", "ESS", "PME", "IAE", "SIAE", "R&D"}
    return not any(
        (w[0].isupper() and w not in allowed) or any(c.isdigit() for c in w) for w in words[1:]
    )


def _lower_word(text: str, index: int) -> bool:
    words = _words(text)
    return index < len(words) and not words[index][0].isupper()


def _lower_single_org(text: str) -> bool:
    """Organisations written in lower case but singular and specific: "union régionale des Scop"
    has a capital; "mairie de Paris" too. A singular institutional phrase with no capital at all
    ("chambre régionale de l'économie sociale et solidaire") still names one organisation."""
    words = [fold(w) for w in _words(text)]
    return bool(words) and words[0] in {
        "chambre", "union", "conseil", "mairie", "commission", "agence", "federation", "comite",
        "communaute", "direction", "universite", "laboratoire", "association", "plan", "pole",
    }


def initials_match(acronym: str, expansion: str) -> bool:
    """"LEST" ~ "Laboratoire d'économie et de sociologie du travail", "MOUVES" ~ "Mouvement des
    entrepreneurs sociaux", "ARDAINES" ~ "Association de regroupement pour le développement des
    acteurs et des initiatives nouvelles d'économie solidaire": the acronym is made of the
    beginnings of the expansion's words, in order (small words may be skipped)."""
    letters = fold(re.sub(r"[^A-Za-z0-9]", "", acronym))
    words = [w for w in re.split(r"[^0-9a-z]+", fold(expansion)) if w]
    if len(letters) < 3 or len(words) < 2 or len(acronym.split()) > 3:
        return False

    @lru_cache(maxsize=None)
    def covers(i: int, j: int) -> bool:  # letters[i:] from words[j:]
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word = words[j]
        if word in _SMALL_WORDS and covers(i, j + 1):
            return True
        size = 0
        while size < len(word) and i + size < len(letters) and word[size] == letters[i + size]:
            size += 1
            if covers(i + size, j + 1):
                return True
        return False

    return covers(0, 0)


def _split_parentheses(text: str) -> tuple[str, list[str], str]:
    """("LEST", ["Laboratoire ..."], "") for "LEST (Laboratoire ...)"; text after the last
    parenthesis (a trailing description) is returned apart. "Tour(s) plus" keeps its brackets."""
    groups, out, depth, start, tail_from = [], [], 0, None, None
    i = 0
    while i < len(text):
        c = text[i]
        if c == "(" and (depth > 0 or (i > 0 and text[i - 1] == " ")):
            if depth == 0:
                start = i + 1
            depth += 1
        elif c == ")" and depth > 0:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i].strip())
                tail_from = i + 1
        elif depth == 0:
            out.append((i, c))
        i += 1
    if depth > 0 and start is not None:  # unbalanced: keep the rest as a group
        groups.append(text[start:].strip())
    if tail_from is None:
        return "".join(c for _, c in out).strip(), groups, ""
    head = "".join(c for i, c in out if i < tail_from).strip()
    tail = "".join(c for i, c in out if i >= tail_from).strip(" )")
    # "Pôle régional des musiques actuelles (PRMA) de Poitou-Charentes, ...", "(SCIC) PERF":
    # words after the brackets that go on with the name belong to it.
    joined = re.match(r"^(?:(?:de|du|des|d'|et)\s*)?[A-ZÀ-Ý0-9][^,:;]*", tail)
    if joined and not tail[:1].islower() or (joined and re.match(r"^(?:de|du|des|d')\s*[A-ZÀ-Ý]", tail)):
        head = f"{head} {joined.group(0).strip()}"
        tail = tail[joined.end() :].strip(" ,")
        if tail:
            head = f"{head}, {tail}"
            tail = ""
    return head, groups, tail


PROSE = re.compile(
    r"\b(?:est|sont|était|étaient|s'appuie|ont|permet|permettra|vise|propose|regroupe|compte|"
    r"emploie|représente|développe|intègre|mutualise|travaille)\b", re.IGNORECASE)


def _split_top_level(text: str) -> tuple[str, str]:
    """("Réactiv'2m", "entreprise adaptée (conseil...)") for "Réactiv'2m, entreprise adaptée (...)":
    the first ", " or ": " outside brackets separates a name from what is said of it."""
    depth = 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")" and depth > 0
        if depth == 0 and c in ",:" and text[i + 1 : i + 2] == " ":
            return text[:i].strip(), text[i + 1 :].strip()
    return text, ""


def parse_mention(text: str, lines: list[int] | None = None, named: bool = False) -> Mention | None:
    """The organisation a phrase names, or None for a phrase that names a kind of organisation.
    `named`: the layout says the phrase is a name (a bold list item), so it is never generic."""
    written = clean(text).strip(" -•·;:,.")
    written = re.sub(r"\s*(?:,\s*)?(?:etc\.?|\.\.\.|…)$", "", written).strip(" ,;.")
    if not written:
        return None
    name_part, rest = _split_top_level(written)
    body, groups, tail = _split_parentheses(name_part)
    if not named and (PROSE.search(body) or is_generic_start(body)):
        return None
    mention = Mention(name=body, written=written, lines=list(lines or []))
    body = _take_description(mention, body)
    for group in groups:
        _read_group(mention, group)
    if tail:
        _read_description(mention, tail)
    if rest:
        _read_qualifier(mention, body, rest)
    body = _strip_prefix_forms(mention, body, keep_article=named)
    body = _strip_suffix_form(mention, body)
    for hit in find_forms(body):
        # A legal form at the head of the name ("Conseil général de..."); a structure type anywhere
        # ("La Recyclerie du Pays de Bray" is a ressourcerie).
        if hit.start == 0 or hit.concept.scheme == "structure-type":
            mention.add_form(hit)
    for slug in list(mention.structure_types):
        implied = IMPLIED_LEGAL_FORMS.get(slug)
        if implied and not mention.legal_forms:
            mention.legal_forms.append(implied[0])
            mention.notes.append(f"legal form inferred: {implied[1]}")
    body = body.strip(" -,;:.")
    if not body or (not named and not mention.named_after_form and is_generic(body)):
        return None
    mention.name = body[0].upper() + body[1:]
    # The name as written, without what the text says of it: "SARL Ambin", "SCOP Artefacts".
    as_written = re.sub(r"\s*\([^)]*\)", "", name_part).strip(" ,;:")
    if as_written and fold(as_written) != fold(mention.name) and not PROSE.search(as_written):
        mention.alt_names.insert(0, as_written)
    return mention


def is_generic_start(text: str) -> bool:
    """"Les huit structures...", "Dix-neuf entreprises...", "31 membres...": a count, not a name."""
    head = alpha2digit(" ".join(text.split()[:3]), "fr")
    return bool(re.match(r"^(?:(?:les|des|ses)\s+)?\d", head, re.IGNORECASE))


def _take_description(mention: Mention, body: str) -> str:
    """"APPUI - secteur des restaurations": a lower-case right side is a description."""
    m = re.match(r"^(?P<name>.+?)\s+[-–]\s+(?P<rest>[a-zà-ÿ].*)$", body)
    if m:
        _read_description(mention, m.group("rest"))
        return m.group("name")
    return body


def _read_qualifier(mention: Mention, name: str, rest: str) -> None:
    """What follows "Name, " or "Name: ": an expansion of an acronym, a legal form or structure
    type ("SCOP SARL - coopérative d'activité et d'emploi"), or a description."""
    forms = find_forms(rest)
    lead = re.match(r"^(?:une?\s+|l')?", rest, re.IGNORECASE).end()
    if initials_match(name, rest):
        mention.alt_names.append(rest[0].upper() + rest[1:])
        if forms and forms[0].start == 0:
            mention.add_form(forms[0])
        return
    if forms and forms[0].start <= lead:
        mention.add_form(forms[0])
        end = forms[0].end
        for hit in forms[1:]:  # "SCOP et entreprise d'insertion": forms joined by et / - / ,
            if re.fullmatch(r"\s*(?:et|-|–|,)?\s*", rest[end : hit.start]):
                mention.add_form(hit)
                end = hit.end
        remainder = rest[end:].strip(" ,;-")
        if remainder:
            _read_description(mention, remainder)
        return
    _read_description(mention, rest)


def _read_group(mention: Mention, group: str) -> None:
    registrations = find_registrations(group)
    if registrations:  # "(SIRET 812 345 676 00017)"
        mention.registrations.extend(registrations)
        return
    group = re.sub(r"^(?:en|sous (?:la )?forme (?:d'|de )?)\s*(?:une?\s+)?", "", group.strip(), flags=re.IGNORECASE)
    if _DEPARTEMENT_CODE.match(group):
        mention.departement_codes.append(group)
        return
    forms = find_forms(group)
    if forms and forms[0].start == 0 and forms[0].end >= len(group.rstrip(". ")):
        mention.add_form(forms[0])  # "(SCIC)", "(coopérative d'activité et d'emploi)"
        return
    if re.fullmatch(r"[A-Z0-9][A-Za-z0-9&'\-\.]{1,11}|[A-Z0-9][A-Z0-9&'\-\.]+\s[A-Z0-9][A-Z0-9&'\-\.]+", group):
        mention.alt_names.append(group)  # an acronym: "(PBE)", "(AISG)", "(CRESS IDF)"
        return
    if initials_match(_drop_article(mention.name), group):
        mention.alt_names.append(group[0].upper() + group[1:])
        return
    for hit in forms:
        if is_qualifier(hit) and hit.concept.scheme == "structure-type":
            mention.add_form(hit)
    _read_description(mention, group)


def _read_description(mention: Mention, text: str) -> None:
    text = text.strip(" ;:,.-–")
    if not text:
        return
    registrations = find_registrations(text)
    if registrations:
        mention.registrations.extend(registrations)
        text = re.sub(r"\b(?:n°\s*)?SIRE[NT]\b[^,;]*", "", text, flags=re.IGNORECASE).strip(" ;:,.-–")
        if not text:
            return
    figures = find_figures(text, mention.lines)
    mention.figures.extend(figures)
    created = _CREATED.search(text)
    if created:
        mention.created = int(created.group(1))
    for hit in find_forms(text):
        if hit.concept.scheme == "legal-form" and is_qualifier(hit) and re.search(
            r"\bsous (?:forme|statut)\b", text[: hit.start], re.IGNORECASE
        ):
            mention.add_form(hit)  # "sous forme SARL depuis 2001"
        elif hit.start == 0:
            mention.add_form(hit)  # "association intermédiaire créée en 1990"
    # A description that is only a figure ("vingt-quatre membres") adds nothing more.
    if figures and len(text.split()) <= 4:
        return
    description = re.sub(r"^(?:qui\s+|regroupant\s+)", "", text).strip()
    description = description[0].upper() + description[1:]
    if description not in mention.descriptions:
        mention.descriptions.append(description)


_KIND_THEN_NAME = re.compile(
    r"^(?P<kind>(?:entreprise|société|societe|structure|pépinière|pepiniere|couveuse|plateforme|"
    r"start-up|PME)\b[^A-ZÀ-Ý]*?)\s+(?P<name>(?:(?:la|le|les|l')\s*)?[A-ZÀ-Ý0-9][\w'’\-&\.]*(?:\s+[A-ZÀ-Ý0-9][\w'’\-&\.]*)*)$"
)


def _drop_article(body: str) -> str:
    """"L'Union des Industries..." -> "Union des Industries..."; "la communauté d'agglomération..."
    -> "communauté d'agglomération..."; "La Poste", "Les Ateliers du Plantau" keep theirs."""
    article = _ARTICLE.match(body)
    if not article:
        return body
    rest = body[article.end() :]
    first = rest.split()[0] if rest.split() else ""
    if rest[:1].islower() or (len(first) > 1 and first.isupper()):
        return rest
    if article.group(0).lower() == "l'" and find_forms(rest) and find_forms(rest)[0].start == 0:
        return rest  # "L'Association des industriels...": the form, then the name
    return body  # "La Poste", "L'Écume des choses"


def _strip_prefix_forms(mention: Mention, body: str, keep_article: bool = False) -> str:
    """"SCOP Artefacts" -> "Artefacts"; "Association la Courte Echelle" -> "la Courte Echelle";
    "Association des professionnels de la mode..." keeps its name (the form is part of it).
    A phrase the layout marks as a name ("La cave de la ferme") keeps its article."""
    body = _GLUED.sub(r"\1 ", body)
    if not keep_article:
        body = _drop_article(body)
    kind = _KIND_THEN_NAME.match(body)
    if kind:  # "entreprise d'éco-construction Case-Nature"
        for hit in find_forms(kind.group("kind")):
            mention.add_form(hit)
        if not find_forms(kind.group("kind")):
            mention.descriptions.append(kind.group("kind")[0].upper() + kind.group("kind")[1:])
        body = kind.group("name")
        mention.named_after_form = True
    for _ in range(3):
        article = _ARTICLE.match(body)
        candidate = body[article.end() :] if article else body
        forms = find_forms(candidate)
        if not forms or forms[0].start != 0:
            return body
        hit = forms[0]
        mention.add_form(hit)
        if not is_qualifier(hit):
            # "Le Conseil Général de la Drôme" -> "Conseil Général de la Drôme"; "La Recyclerie du
            # Pays de Bray" keeps its article (a structure type, part of the proper name).
            return candidate if article and hit.concept.slug in NAME_HEAD_FORMS else body
        rest = candidate[hit.end :].strip()
        acronym = re.match(r"^\(([A-Z]{2,8})\)\s*", rest)
        if acronym:
            rest = rest[acronym.end() :]
        if rest and (rest[0].isupper() or rest[0].isdigit() or re.match(r"^(?:la|le|les|l')\s*[A-Z]", rest)):
            body = rest  # the name follows the form
            mention.named_after_form = True
            continue
        if not rest:
            return body
        return candidate[0].upper() + candidate[1:]  # the form word is part of the name
    return body


def _strip_suffix_form(mention: Mention, body: str) -> str:
    """"Handi access Orsay sarl" -> "Handi access Orsay"; "Centre & TIC association de 20
    entreprises" -> "Centre & TIC" with the rest read as a description."""
    for hit in find_forms(body):
        if hit.start == 0 or not is_qualifier(hit):
            continue
        before = body[: hit.start].strip()
        after = body[hit.end :].strip()
        # "Union Régionale des Scop et des Scic": a form after "des" is part of the name.
        linked = re.search(r"(?:\b(?:de|des|du|et|la|le|les|aux|pour)|d'|l')$", before, re.IGNORECASE)
        if not linked and _ARTICLE.sub("", before + " ").strip() and has_proper_name(before) and (not after or after[:1].islower()):
            mention.add_form(hit)
            if after:
                _read_description(mention, body[hit.start :])
            return before
    return body
