"""The "Partenaires:" section of a fiche: one partner per organisation it names, filed under the
sub-heading above it ("Acteurs de la recherche:", "Les PME:") or the category its clause opens
with ("Recherche et formation : ...", "Réseaux dont ...", "Représentants de réseaux (A, B)").

The category is a concept of ontology/schemes/partner-categories.ttl; `partner_items` gives the
phrases that name one organisation each (read with `mentions.parse_mention` by the fiche).
"""
from __future__ import annotations

import re

from ...enumerations import split_items, strip_marker
from ...mentions import PROSE, is_category, parse_mention
from ...vocabularies import vocabulary

_HEADING = re.compile(r"^(?P<heading>[^:]{2,90}?)\s*:$")
_CATEGORY_THEN_ITEMS = re.compile(r"^(?P<category>[^:()«»]{2,80}?)\s*:\s+(?P<items>.+)$")
_CATEGORY_DONT = re.compile(r"^(?P<category>[^()]{2,80}?)\s+dont\s+(?P<items>.+)$")
_CATEGORY_PAREN = re.compile(r"^(?P<category>[^()]{2,120}?)\s*\((?P<items>[^()]*,[^()]*)\)(?P<rest>.*)$")


def read_partners(laureate) -> None:
    """Each paragraph under "Partenaires:" is a sub-heading, or names partners, or is kept as a note."""
    if not laureate.sections["partners"]:
        return
    label, *paragraphs = laureate.sections["partners"]
    laureate.claim([label])
    category = heading = None
    for seg in paragraphs:
        text = laureate.written(seg)
        if heading_of(text):
            heading = heading_of(text)
            category = category_of(heading)
            laureate.claim([seg])
            continue
        mentions = [(parse_mention(item, seg.lines), c, h) for item, c, h in partner_items(text, category, heading)]
        for mention, item_category, item_heading in mentions:
            if mention is not None:
                laureate.add_member(mention, "partner", seg.lines, item_category, item_heading)
        if any(m for m, _, _ in mentions):
            laureate.claim([seg])
        else:
            laureate.keep([seg], laureate.pole.notes)


def heading_of(text: str) -> str | None:
    """"Acteurs de la recherche:" -> "Acteurs de la recherche"; not "- Foo:", not a sentence
    ("Aujourd'hui, le PTCE représente 145 ETP :"), not a line with a number."""
    m = _HEADING.match(strip_marker(text))
    if m and _HEADING.match(text) and not text.startswith("-") and not PROSE.search(text) and not re.search(r"\d", text):
        return m.group("heading").strip()
    return None


def category_of(heading: str | None) -> str | None:
    """The partner category a heading names, exactly or in part."""
    if not heading:
        return None
    scheme = vocabulary("partner-category")
    concept = scheme.exact(strip_marker(heading).strip(" :"))
    if concept:
        return concept.slug
    hits = scheme.find(heading)
    return hits[0].concept.slug if hits else None


def partner_items(text: str, category: str | None, heading: str | None) -> list[tuple[str, str | None, str | None]]:
    """(phrase, category, heading) for each organisation a paragraph of partners may name."""
    return [(item, clause_category, clause_heading)
            for clause_category, clause_heading, phrase in _clauses(strip_marker(text), category, heading)
            for item in split_items(phrase)]


def _clauses(text: str, category: str | None, heading: str | None):
    """(category, heading, phrase) for each part of a paragraph: "Recherche et formation : A, B";
    "Réseaux dont le MOUVES (...), ..."; "Représentants de réseaux de l'ESS (Coorace, ...)";
    "Comité d'expansion 05 (vingt-quatre membres) : élus, ..." (one organisation, and what it
    gathers); "A, B, etc. propriétaires ... (C, D); entreprises (E, F)"."""
    for chunk in re.split(r";\s*|\betc\.\s+(?=[a-zà-ÿ])", text):
        chunk = chunk.strip(" ;.")
        if not chunk:
            continue
        for pattern in (_CATEGORY_THEN_ITEMS, _CATEGORY_DONT, _CATEGORY_PAREN):
            m = pattern.match(chunk)
            if m and is_category(m.group("category")):
                head = m.group("category").strip()
                yield (category_of(head) or category), head, m.group("items")
                break
            if m and pattern is _CATEGORY_THEN_ITEMS:
                yield category, heading, m.group("category")
                break
        else:
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", chunk):
                if not PROSE.search(sentence):  # "La direction ... sont transversales": text
                    yield category, heading, sentence


HEADINGS = [  # (line, heading and category)
    ("Acteurs de la recherche:", ("Acteurs de la recherche", "research")),
    ("Les PME:", ("Les PME", "smes")),
    ("Aujourd'hui, le PTCE représente 145 ETP :", (None, None)),
    ("- Pôle pour l'émergence, la recherche et le développement :", (None, None)),
]

EXAMPLES = [  # (paragraph, "phrase [category]" for each item)
    ("Recherche et formation : Chaire interuniversitaire ESS, la Fondation de Lille, EDHEC Business School.",
     ["Chaire interuniversitaire ESS [research]", "la Fondation de Lille [research]", "EDHEC Business School [research]"]),
    ("Représentants de réseaux de l'économie sociale et solidaire (Coorace, union régionale des Scop, Adie...).",
     ["Coorace [networks]", "union régionale des Scop [networks]", "Adie [networks]"]),
    ("Comité d'expansion 05 (vingt-quatre membres) : élus, organisations syndicales.",  # the organisation, then what it gathers
     ["Comité d'expansion 05 (vingt-quatre membres) : élus [None]", "organisations syndicales [None]"]),
    ("- Abricop, Scabois.", ["Abricop [None]", "Scabois [None]"]),
    ("La direction, la gestion financière et les ressources humaines sont transversales.", []),
]
