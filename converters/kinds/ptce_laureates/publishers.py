"""The trailer of the document: the ministries that publish it, written in capitals
("MINISTÈRE DU REDRESSEMENT PRODUCTIF"), and their web sites (the shared `contacts` rule); any
other line is a note of the document."""
from __future__ import annotations

from ...mentions import parse_mention
from ...reading.reader import STATEMENT
from ...rules.facts import Website
from .texts import keep, line_text


def read_trailer(reading, doc, orgs, segments, call_key: str) -> None:
    for seg in segments:
        websites = reading.facts_in(seg, Website)
        name = publisher_name(seg.text)
        mention = parse_mention(name, seg.lines) if name else None
        if websites:
            doc.websites.extend(w.url for w in websites)
        elif mention:  # a publisher the introduction named already is that organisation
            existing = orgs.find(mention.name, call_key)
            org = existing or orgs.add(mention, call_key)
            if existing:
                org.lines.update(seg.lines)
            doc.publisher_keys.append(org.key)
        else:
            for line in seg.lines:
                keep(reading, doc, line, line_text(reading, line), doc.notes)
            continue
        reading.claim(seg.lines, STATEMENT)


def publisher_name(text: str) -> str | None:
    """A name written in capitals, in French title case: the first word, and the first word of
    each complement, keep their capital; None for a line that is not in capitals."""
    if not text.isupper():
        return None
    words = text.lower().split()
    out = []
    for i, word in enumerate(words):
        if word.startswith("l'") and len(word) > 2:
            word = "l'" + word[2:3].upper() + word[3:]
        elif i == 0 or (words[i - 1] in ("des", "du", "de") and word not in ("la", "l'")):
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


EXAMPLES = [  # (line, name)
    ("MINISTÈRE DE L'ÉCONOMIE ET DES FINANCES", "Ministère de l'Économie et des Finances"),
    ("MINISTÈRE DE L'ÉGALITÉ DES TERRITOIRES ET DU LOGEMENT", "Ministère de l'Égalité des Territoires et du Logement"),
    ("MINISTÈRE DU REDRESSEMENT PRODUCTIF", "Ministère du Redressement productif"),
    ("www.ville.gouv.fr", None),
]
