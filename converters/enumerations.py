"""Splitting French enumerations of organisations into one phrase per organisation.

"Abricop, Scabois." -> ["Abricop", "Scabois"]; "Le Rigodon et l'épicerie solidaire Amandine" ->
["Le Rigodon", "l'épicerie solidaire Amandine"]; "Artefacts, SCOP SARL - coopérative d'activité
et d'emploi" stays whole (the second part qualifies the first); "conseils généraux des
Deux-Sèvres, de la Vienne et de la Charente" -> one "Conseil général ..." per département.
"""
from __future__ import annotations

import re

from .folding import fold
from .link.geography import get_geography
from .mentions import find_forms, is_qualifier

_LIST_MARKER = re.compile(r"^\s*(?:[-•·▪➤→]|\d+\.)\s+")
_ETC = re.compile(r"^(?:etc\.?|\.\.\.|…)$", re.IGNORECASE)
_ATTACHING = re.compile(r"^(?:de |d'|du |des |et de |et d'|et du |et des |qui |dont |regroupant |soit |notamment |en |au |aux )")
_PLURALS = {
    "conseils generaux": "Conseil général",
    "conseils regionaux": "Conseil régional",
    "conseils departementaux": "Conseil départemental",
    "communes": "Commune",
    "villes": "Ville",
    "mairies": "Mairie",
    "ministeres": "Ministère",
}


def strip_marker(text: str) -> str:
    return _LIST_MARKER.sub("", text).strip()


def split_top_level(text: str, separator: re.Pattern) -> list[str]:
    """Split on `separator` outside brackets and « quotes »."""
    parts, depth, last = [], 0, 0
    for i, c in enumerate(text):
        if c in "(«":
            depth += 1
        elif c in ")»" and depth:
            depth -= 1
        elif depth == 0:
            m = separator.match(text, i)
            if m and m.end() > i:
                parts.append(text[last:i])
                last = m.end()
    parts.append(text[last:])
    return [p.strip() for p in parts if p.strip()]


_SEMICOLON = re.compile(r";\s*")
_SENTENCE = re.compile(r"\.\s+(?=[A-ZÀ-Ý])")
COMMA = re.compile(r",\s+")
_AND_ARTICLE = re.compile(r"\s+et\s+(?=(?:l'|le |la |les |un |une ))", re.IGNORECASE)


def split_items(text: str) -> list[str]:
    """One phrase per organisation (or per generic phrase, which the caller keeps as text)."""
    items = []
    for chunk in split_top_level(strip_marker(text), _SEMICOLON):
        for sentence in split_top_level(chunk, _SENTENCE):
            pieces: list[str] = []
            for piece in split_top_level(sentence, COMMA):
                if pieces and _attaches(piece):
                    pieces[-1] = f"{pieces[-1]}, {piece}"
                else:
                    pieces.append(piece)
            for piece in pieces:
                for part in _split_and(piece):
                    part = re.sub(r"^et\s+", "", part).strip(" .;")
                    if part and not _ETC.match(part):
                        items.extend(expand_plural(part))
    return items


def _split_and(piece: str) -> list[str]:
    """Split on " et l'/le/la/un..." unless the "et" is inside a label ("Groupement d'employeurs
    pour l'insertion et la qualification")."""
    inside = [(h.start, h.end) for h in find_forms(piece)]
    parts, last = [], 0
    for m in _AND_ARTICLE.finditer(piece):
        depth = piece[: m.start()].count("(") - piece[: m.start()].count(")")
        if depth <= 0 and not any(s <= m.start() < e for s, e in inside):
            parts.append(piece[last : m.start()])
            last = m.end()
    parts.append(piece[last:])
    return [p.strip() for p in parts if p.strip()]


def _attaches(piece: str) -> bool:
    """A comma-separated piece that says something of the previous one rather than naming
    another organisation: a legal form ("SCOP SARL"), "de la formation...", "qui regroupe"."""
    if _ATTACHING.match(piece):
        return True
    lead = re.match(r"^(?:une?\s+)?", piece, re.IGNORECASE).end()
    forms = find_forms(piece)
    if not (forms and forms[0].start <= lead and is_qualifier(forms[0])):
        return False
    if piece[:1].islower() or fold(piece).startswith(("association de ", "association d'", "association pour ")):
        return True
    # "SCOP SARL - coopérative d'activité et d'emploi": forms, separators and lower-case words
    # only; "SCIC EOLE" names another organisation.
    end = forms[0].end
    for hit in forms[1:]:
        if re.fullmatch(r"[\s\-–,]*(?:et)?[\s\-–,]*", piece[end : hit.start]):
            end = hit.end
    rest = piece[end:].strip(" .-–,")
    return not rest or rest[:1].islower()


def expand_plural(item: str, resolve_departement=None) -> list[str]:
    """"Conseils généraux des Hautes-Alpes et des Alpes de Haute-Provence" -> two councils;
    "Communes de La Chapelle aux Pots" -> "Commune de La Chapelle aux Pots"."""
    m = re.match(r"^(?P<head>\w+(?:\s+\w+)?)\s+(?P<rest>(?:de|des|du|d')\b.*)$", item, re.IGNORECASE)
    if not m:
        return [item]
    head = fold(m.group("head"))
    singular = _PLURALS.get(head) or _PLURALS.get(head.split()[0])
    if not singular:
        return [item]
    if head not in _PLURALS:  # "Communes de X": the second word belongs to the name
        return [f"{singular} {item.split(None, 1)[1]}"]
    # "A, B, C et D": only the last element holds an "et" between two items, and only before
    # a preposition ("...sociale et solidaire et du Redressement productif").
    parts = [p.strip() for p in re.split(r",\s*", m.group("rest")) if p.strip()]
    last = re.split(r"\s+et\s+(?=(?:de|des|du|d')\b)(?!.*\s+et\s+(?:de|des|du|d')\b)", parts[-1])
    parts = parts[:-1] + [p.strip() for p in last if p.strip()]
    out = []
    for part in parts:
        if not re.match(r"^(?:de|des|du|d')\b", part, re.IGNORECASE):
            out.append(part)  # "Sisteronais-Buech": another organisation of the list
            continue
        complement, rest = _split_departement(part) if singular.startswith("Conseil général") else (part, "")
        out.append(f"{singular} {complement}")
        if rest:
            out.append(rest)  # "... des Alpes de Haute-Provence Pays Serre-Ponçon-Ubaye-Durance"
    return out


def _split_departement(part: str) -> tuple[str, str]:
    """"des Alpes de Haute-Provence Pays Serre-Ponçon" -> ("des Alpes de Haute-Provence", "Pays
    Serre-Ponçon"): the longest beginning that names a département, the rest apart."""
    words = part.split()
    for size in range(len(words), 1, -1):
        head = " ".join(words[1:size])
        if get_geography().departement(head).place is not None:
            return " ".join(words[:size]), " ".join(words[size:])
    return part, ""
