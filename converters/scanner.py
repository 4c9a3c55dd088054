"""What running French text says that any converter can use: organisations introduced by their
legal form or type ("l'association Qhube", "l'entreprise d'insertion SCOP Val Emploi", "la
pépinière APIS Développement"), and communes after "à" ("à Villejuif")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .link.geography import Match, get_geography
from .mentions import NAME_HEAD_FORMS, Mention, find_forms, parse_mention

# Words that end a name written after its form: verbs, relatives, prepositions.
_STOP = {
    "a", "ai", "as", "est", "sont", "était", "étaient", "été", "qui", "que", "qu", "dont", "avec",
    "pour", "dans", "au", "aux", "à", "en", "par", "se", "s", "ont", "sera", "fait", "elle", "il",
    "depuis", "créé", "créée", "basée", "basé", "implantée", "implanté", "installée", "chargée",
    "porté", "portée", "accompagne", "propose", "permet", "gère", "opéré", "opérée", "sur", "lors",
    "afin", "ainsi", "mais", "ou", "ni", "car", "donc", "comme", "entre", "vers", "chez", "sans",
    "sous", "soit", "selon", "aussi", "the", "et",
}
_ARTICLE_BEFORE = re.compile(
    r"(?:^|[\s(«\"'])(?:l'|le|la|les|un|une|d'|de l'|de la|du|des|par l'|par la|par le)\s*$|^\s*$|[.:;!?]\s+$",
    re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;:.()«»!?]+|[.,;:()«»!?]")


@dataclass
class Found:
    mention: Mention
    start: int
    end: int


def find_named_orgs(text: str, lines: list[int]) -> list[Found]:
    """Organisations named after a legal form or structure type written with an article."""
    found = []
    for hit in find_forms(text):
        if not _ARTICLE_BEFORE.search(text[: hit.start]):
            continue
        rest = text[hit.end :]
        if hit.concept.slug in NAME_HEAD_FORMS:  # "la communauté d'Agglomération du Plateau de Saclay"
            complement = re.match(r"^\s+(?:de la|de l'|du|des|de|d')\s*[A-ZÀ-Ý][\w'’\-]*(?:\s+(?:de|du|des|d'|la|le|et)?\s*[A-ZÀ-Ý][\w'’\-]*)*", rest)
            if complement:
                mention = parse_mention(text[hit.start : hit.end + complement.end()], lines)
                if mention is not None:
                    found.append(Found(mention, hit.start, hit.end + complement.end()))
            continue
        # "l'association régionale BGE Adil": up to two adjectives between the form and the name.
        skipped = re.match(r"^(?:\s+(?!(?:" + "|".join(sorted(_STOP)) + r")\b)[a-zà-ÿ][a-zà-ÿ'\-]+){0,2}", rest)
        offset = skipped.end() if skipped and re.match(r"^\s+[A-ZÀ-Ý0-9]", rest[skipped.end():]) else 0
        acronym = re.match(r"^\s*\(([A-Z]{2,8})\)", rest[offset:])
        offset += acronym.end() if acronym else 0
        name = _name_after(rest[offset:])
        if not name:
            continue
        end = hit.end + offset + rest[offset:].find(name) + len(name)
        mention = parse_mention(f"{text[hit.start:hit.end]} {name}", lines)
        if mention is not None:
            found.append(Found(mention, hit.start, end))
    return found


def _name_after(text: str) -> str | None:
    """"Action Emploi a créé..." -> "Action Emploi"; "Les potagers du Télégraphe." -> idem."""
    text = text.lstrip()
    if not text or not (text[0].isupper() or text[0].isdigit() or re.match(r"^(?:la|le|les|l')\s*[A-ZÀ-Ý]", text)):
        return None
    words = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word in ".,;:()«»!?" or (word.lower() in _STOP and words):
            break
        words.append(word)
    while words and words[-1].lower() in {"de", "du", "des", "d'", "la", "le", "les", "l'"}:
        words.pop()
    if not words:
        return None
    name = text[: text.find(words[-1]) + len(words[-1])]
    return name.strip() if any(w[0].isupper() or w[0].isdigit() for w in words) else None


def communes_after_a(text: str, departements=()) -> list[Match]:
    """Communes written after "à", "au", "aux" ("à Ivry-sur-Seine", "au Kremlin-Bicêtre")."""
    out = []
    for m in re.finditer(r"\b(?:à|au|aux)\s+((?:L[ae]s?\s+|L')?[A-ZÀ-Ý][\w'’\-]*(?:[\s\-](?:sur|sous|en|lès|les|le|la|de|du|d')?[\s\-]?[A-ZÀ-Ý][\w'’\-]*)*)", text):
        name = m.group(1)
        if m.group(0).lower().startswith("au "):
            name = "Le " + name
        elif m.group(0).lower().startswith("aux "):
            name = "Les " + name
        match = get_geography().commune(name, departements=departements)
        if match.place is not None:
            out.append(match)
    return out
