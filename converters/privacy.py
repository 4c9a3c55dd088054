"""Persons' names, e-mails and phones never reach a public output (docs/architecture.md, "Personal data" and "Privacy").

The rules find the persons a document names (converters/rules/persons.py); once every document
is written, `mask_public` rewrites every literal of the public graphs (labels, descriptions, events,
the words a figure was stated in) so that none of them shows a person, and keeps the rest of the
text: what is masked is replaced by a mask ("[personne]", "[courriel]", "[téléphone]"), the sentence
around it stays. The private graph keeps the lines as written.

What is masked, for each name the rules found:
- the name, wherever it appears (any case, accents or not: "STÉPHANE MOREL" for "Stéphane Morel"),
  also across a line break ("Jean-Yves Le" / "Roux");
- the name in reverse order ("DURAND Jean", in lists of those present), the surname after a
  civility ("M. Durand", "Mme de La Roche") or after the initials of the first name ("J. Durand",
  "J.-Y. Le Roux");
- the surname alone ("Tardy-Ferrand a ouvert la séance") when it is distinctive: not a first name,
  not a word the texts also write in lower case ("berger", "miel"), not a word of the label of an
  organisation or a place ("usine Garnier", "La Roche-sur-Yon"), written with a capital;
- a name the rules cut short on a particle ("Loïc Daniel-Le" for "Loïc Daniel-Le Bihan") with the
  word that ends it.
Several names glued into one by a layout in columns ("Armelle Guého Loïc Daniel-Le") are taken
apart at the first name that starts the second; a word the rules took in front of a name ("Selon
Agathe Pellegrin") is left out of it, so the text keeps it.

Matches of different forms may overlap ("M. Olivier" for a Mr Olivier, "Olivier Tardy-Ferrand"):
the union of their spans is masked, never half a name.

E-mail addresses and phone numbers of persons are masked too: an address whose local part names
one of the persons or is made like a person's ("prenom.nom@", "p.nom@"), a mobile number, and any
address or number written on the line of a person's name or on the line after it ("Contact :
[personne] – 04 73 00 00 00"). The service mailboxes of organisations ("contact@", "presse@") and
their switchboard numbers stay public.

An organisation named after a person keeps its name: labels (skos:prefLabel, skos:altLabel) are
not masked, unless the label is itself the name of a person (something a rule took for an
organisation) or an event's; and where a description writes the label of an organisation of the
registry ("la Fondation Jean Moulin"), that label is left whole.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from .contacts import EMAIL
from .folding import fold, name_key
from .rules.persons import MASK, is_first_name
from .vocab import ESS

EMAIL_MASK = "[courriel]"
PHONE_MASK = "[téléphone]"

# The labels of an organisation named after a person ("Foyer Olivier de Serres", "Institut
# Jean-Baptiste Godin") keep the name: it names the organisation, not a person it speaks of.
_LABELS = {SKOS.prefLabel, SKOS.altLabel}
# values that are codes, not text: a SHA-256 in hexadecimal may hold ten digits that read as a phone
_CODES = {ESS.sha256, SKOS.notation}
# Literals that name an organisation, a place or a street: their words are no surname alone.
_NAMING = {SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RDFS.label,
           URIRef("http://rdf.insee.fr/def/geo#nom"), URIRef("http://www.w3.org/ns/locn#thoroughfare"),
           URIRef("http://www.w3.org/ns/locn#fullAddress"), URIRef("http://www.w3.org/ns/locn#postName")}
_ORGANISATION = URIRef("http://www.w3.org/ns/org#Organization")

_PARTICLE_WORDS = {"de", "du", "des", "d", "le", "la", "van", "von", "der", "di", "da", "del", "dos", "ben", "el", "ibn"}
# Words a rule may take in front of a name: a preposition or a quotation verb ("Selon Agathe Pellegrin").
_LEADING = {"selon", "par", "pour", "avec", "apres", "d'apres", "explique", "precise", "indique", "souligne",
            "temoigne", "raconte", "ajoute", "confie", "estime", "rappelle", "affirme", "declare", "annonce",
            "resume", "detaille", "conclut", "poursuit", "note", "observe", "evoque", "justifie", "insiste"}
# Local parts of the mailboxes of services, not of persons.
_SERVICE_MAILBOXES = re.compile(
    r"^(?:contact|contacts|info|infos|information|informations|accueil|presse|press|communication|com|"
    r"secretariat|direction|admin|administration|bonjour|hello|coordination|compta|comptabilite|rh|"
    r"recrutement|emploi|benevolat|benevoles|adhesion|adhesions|partenariats?|noreply|no-reply|webmaster|"
    r"mairie|ptce|pole|association|asso|reservation|reservations|formation|formations|service|services)"
    r"(?:[._-][a-z0-9]+)*$")
# French numbers, digits around them excluded (no part of a SIRET); mobiles are persons' numbers.
PHONE = re.compile(r"(?<![\d+])(?P<number>(?:\+33[\s\u00a0]?(?:\(0\)[\s\u00a0]?)?|0)[1-9](?:[\s\u00a0.-]?\d{2}){4})(?!\d)")
_MOBILE = re.compile(r"^(?:\+33[\s\u00a0]?(?:\(0\)[\s\u00a0]?)?|0)[67]")
_SEPARATOR = r"[\s\u00a0]+"
_BEFORE = r"(?<![\w'’])"
_AFTER = r"(?![\w'’])"
# a surname alone is no part of a compound ("La Roche-sur-Yon", "Saint-Simon")
_BEFORE_ALONE = r"(?<![\w'’-])"
_AFTER_ALONE = r"(?![\w'’-])"
_CIVILITIES = r"(?:m\.|mm\.|mme|mmes|mlle|monsieur|madame|mademoiselle|me|maitre|dr|docteur|pr|professeur)"


def mask_public(graphs: list[Graph], persons: list[str]) -> int:
    """Mask the persons' names, e-mails and phones in every literal of `graphs`; the number of
    literals changed."""
    names = person_names(persons)
    literals = [(g, s, p, o) for g in graphs for s, p, o in g
                if isinstance(o, Literal) and o.datatype in (None, XSD.string) and str(o) and p not in _CODES]
    masker = Masker(names, [(s, p, str(o)) for _, s, p, o in literals],
                    {s for g in graphs for s in g.subjects(RDF.type, _ORGANISATION)})
    keys = {name_key(n) for n in persons} | {name_key(n) for n in names}
    changed = 0
    for graph, s, p, o in literals:
        text = str(o)
        if p in _LABELS and name_key(text) not in keys and "/id/event/" not in str(s):
            masked = masker.mask_contacts(text)  # an organisation's name stays, its contacts do not
        else:
            masked = masker.mask(text)
        if masked != text:
            graph.remove((s, p, o))
            graph.add((s, p, Literal(masked, lang=o.language) if o.language else Literal(masked, datatype=o.datatype)))
            changed += 1
    return changed


def person_names(persons: Iterable[str]) -> list[str]:
    """The names to mask: each name the rules found, without the words they took in front of it,
    and glued names taken apart ("Frédéric Ménard Jean-Claude Girard": two persons)."""
    out: set[str] = set()
    for person in persons:
        words = re.sub(r"\s+", " ", person).strip(" .,;:'’").split(" ")
        while len(words) > 2 and fold(words[0]).replace("’", "'") in _LEADING:
            words = words[1:]
        if not words or not words[0]:
            continue
        out.add(" ".join(words))
        # a second first name after a surname starts a second person
        for i in range(2, len(words) - 1):
            if is_first_name(words[i]) and words[i][:1].isupper() and not is_first_name(words[i - 1]):
                out.add(" ".join(words[:i]))
                out.add(" ".join(words[i:]))
                break
    return sorted(out)


def _split(name: str) -> tuple[str, str]:
    """(first name, surname) of a folded name; ("", name) when it is a surname only ("le floch",
    "de la roche", "talec")."""
    words = name.split()
    if len(words) == 1 or words[0] in _PARTICLE_WORDS or (words[0].endswith("'") and len(words[0]) <= 2):
        return "", name
    return words[0], " ".join(words[1:])


def _core(surname: str) -> str:
    """The surname without its leading particles ("de la roche" -> "roche")."""
    words = surname.split()
    while len(words) > 1 and words[0] in _PARTICLE_WORDS:
        words = words[1:]
    return " ".join(words)


def _words(folded: str) -> str:
    """A folded name as a pattern: its words apart by any spacing, a line break included."""
    return _SEPARATOR.join(re.escape(w) for w in folded.split())


def _initials(first: str) -> str:
    """"jean-yves" -> a pattern of "J.", "J.-Y.", "J-Y." and "JY"."""
    parts = [p for p in first.split("-") if p]
    if not parts:
        return ""
    dotted = r"\.?\s*-?\s*".join(re.escape(p[0]) for p in parts) + r"\.?"
    return dotted if len(parts) > 1 else re.escape(parts[0][0]) + r"\."


class Masker:
    """The masks of a build: built once from the names and every public literal."""

    def __init__(self, names: list[str], literals: list[tuple], organisations: set):
        self.folded_names = sorted({fold(n).strip() for n in names if fold(n).strip()})
        naming = " | ".join(fold(text) for _, p, text in literals if p in _NAMING)
        prose = " | ".join(text for _, p, text in literals if p not in _NAMING)
        folded_prose = fold(prose)
        self.person_words = set()
        full, alone = set(), set()
        for name in self.folded_names:
            first, surname = _split(name)
            self.person_words |= {w for w in re.split(r"[\s'’-]+", name) if len(w) >= 3 and w not in _PARTICLE_WORDS}
            extend = r"(?:[\s\u00a0-]+[a-zà-ÿ'’]+)?" if re.search(r"(?:^|[\s-])(?:le|la|de|du|van|von|di|da|del)$", name) else ""
            if first:
                full.add(_words(name) + extend)
                full.add(_words(surname) + _SEPARATOR + re.escape(first))  # "DURAND Jean"
                initials = _initials(first)
                if initials:
                    full.add(initials + r"\s*" + _words(surname) + extend)
            if len(_core(surname)) >= 3:
                full.add(_CIVILITIES + _SEPARATOR + _words(surname) + extend)
            if self._distinctive(surname, naming, prose, folded_prose):  # "Tardy-Ferrand a ouvert la séance"
                alone.add(_words(surname) + extend)
        self.full = self._compile(full, _BEFORE, _AFTER)
        self.alone = self._compile(alone, _BEFORE_ALONE, _AFTER_ALONE)
        # organisations' labels that a name may be part of ("Fondation Émile Guichard")
        labels = {fold(text) for s, p, text in literals if s in organisations and p in _LABELS}
        labels -= {fold(n) for n in names}
        self.organisations = self._compile({_words(l) for l in labels if len(l.split()) >= 2}, _BEFORE, _AFTER)

    @staticmethod
    def _compile(alternatives: set[str], before: str, after: str) -> re.Pattern | None:
        if not alternatives:
            return None
        ordered = sorted(alternatives, key=len, reverse=True)
        return re.compile(before + "(?:" + "|".join(ordered) + ")" + after)

    @staticmethod
    def _distinctive(surname: str, naming: str, prose: str, folded_prose: str) -> bool:
        """A surname that can be masked alone: long enough, no first name, no word of an
        organisation's or a place's name, no word the texts also write in lower case."""
        core = _core(surname)
        if len(core.replace(" ", "")) < 4 or all(is_first_name(w) for w in re.split(r"[\s-]+", core)):
            return False
        if next(_occurrences(naming, core), None) is not None:
            return False
        return not any(prose[a:b] == prose[a:b].lower() for a, b in _occurrences(folded_prose, core))

    # --- masking ---------------------------------------------------------------------------

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The spans of persons' names in `text`, overlapping matches merged."""
        folded = fold(text)
        found: list[tuple[int, int]] = []
        if self.full is not None:
            found += _all_matches(self.full, folded)
        if self.alone is not None:
            found += [(a, b) for a, b in _all_matches(self.alone, folded) if any(c.isupper() for c in text[a:b])]
        if found and self.organisations is not None:
            kept = _all_matches(self.organisations, folded)
            found = [(a, b) for a, b in found if not any(k <= a and b <= l for k, l in kept)]
        return _merge(found)

    def mask(self, text: str) -> str:
        """`text` with the names, and the e-mails and phones of persons, masked."""
        spans = self.spans(text)
        return self._contacts(text, spans)

    def mask_contacts(self, text: str) -> str:
        """`text` with the e-mails and phones of persons masked (the names it holds are kept)."""
        return self._contacts(text, [])

    def _contacts(self, text: str, names: list[tuple[int, int]]) -> str:
        replacements = [(a, b, MASK) for a, b in names]
        personal_lines = {_line_of(text, a) for a, _ in names}
        for m in EMAIL.finditer(text):
            if self._personal_email(m.group(0)):
                replacements.append((m.start(), m.end(), EMAIL_MASK))
                personal_lines.add(_line_of(text, m.start()))
        contacts = [(m, _line_of(text, m.start())) for m in [*EMAIL.finditer(text), *PHONE.finditer(text)]]
        for m, line in contacts:
            near = line in personal_lines or (line - 1 in personal_lines and _only_contacts(text, line))
            if m.re is PHONE:
                if near or _MOBILE.match(m.group("number")):
                    replacements.append((m.start("number"), m.end("number"), PHONE_MASK))
            elif near and not _SERVICE_MAILBOXES.match(fold(m.group(0).split("@")[0])):
                replacements.append((m.start(), m.end(), EMAIL_MASK))
        return _replace(text, replacements)

    def _personal_email(self, address: str) -> bool:
        """An address that names a person of the registry, or made like a person's
        ("prenom.nom@", "p.nom@", "prenom-nom@")."""
        local = fold(address.split("@")[0])
        if _SERVICE_MAILBOXES.match(local):
            return False
        squeezed = re.sub(r"[^a-z]", "", local)
        if any(len(w) >= 4 and re.sub(r"[^a-z]", "", w) in squeezed for w in self.person_words
               if not is_first_name(w)):
            return True
        parts = [p for p in re.split(r"[._-]+", local) if p]
        if len(parts) == 1:
            return is_first_name(parts[0])  # "sophie@"
        return (is_first_name(parts[0]) or len(parts[0]) == 1) and parts[1].isalpha()


def _all_matches(pattern: re.Pattern, folded: str) -> list[tuple[int, int]]:
    """Every match of `pattern`, at every position where one starts (overlapping ones too)."""
    out, position = [], 0
    while True:
        m = pattern.search(folded, position)
        if m is None:
            return out
        if m.end() > m.start():
            out.append((m.start(), m.end()))
        position = m.start() + 1


def _occurrences(folded: str, word: str):
    """The spans where `word` (folded) stands as a whole word in `folded` (str.find: fast on the
    whole registry's text)."""
    start = folded.find(word)
    while start >= 0:
        end = start + len(word)
        before = folded[start - 1] if start else " "
        after = folded[end] if end < len(folded) else " "
        if not (before.isalnum() or before in "_'’-") and not (after.isalnum() or after in "_'’"):
            yield start, end
        start = folded.find(word, start + 1)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _replace(text: str, replacements: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for a, b, mask in sorted(replacements):
        if a < last:  # inside a span already masked
            continue
        out.append(text[last:a])
        out.append(mask)
        last = b
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


def _only_contacts(text: str, line: int) -> bool:
    """The line holds e-mails and phones and their labels only ("Tél. : 02 96 00 00 00")."""
    content = text.split("\n")[line]
    rest = PHONE.sub(" ", EMAIL.sub(" ", content))
    return not re.search(r"[^\W\d_]{3,}", re.sub(r"(?i)\b(?:t[ée]l[ée]?(?:phone)?|portable|mobile|fixe|mail|e-mail|courriel|"
                                                r"contact|fax|ligne directe)\b", " ", rest))
