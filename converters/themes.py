"""Splitting a "Thématique:" value into concepts of the theme scheme (ontology/schemes/themes.ttl)."""
from __future__ import annotations

import re

from slugify import slugify

from .vocabularies import vocabulary


def split_themes(text: str) -> list[tuple[str, str, bool]]:
    """(label as written, concept slug, known) for each theme of `text`.

    Themes are separated by commas; "A et B" is two themes when both are in the scheme
    ("bois et éco-construction"), one otherwise ("mode et design" is a theme of its own).
    "services aux entreprises et aux habitants" is "services aux entreprises" and "services
    aux habitants". A qualifier after a colon is dropped from the label ("services liés à la
    perte d'autonomie: maintien à domicile..."). Unknown themes get a slug of their own.
    """
    scheme = vocabulary("theme")
    out: list[tuple[str, str, bool]] = []
    for segment in re.split(r",\s*", text):
        segment = re.sub(r"\s*(?:\.\.\.|…|etc\.?)$", "", segment.split(":")[0]).strip(" .;")
        if not segment:
            continue
        parts = [segment]
        concept = scheme.exact(segment)
        if concept is None and " et " in segment:
            left, right = segment.rsplit(" et ", 1)
            # "services aux entreprises et aux habitants": the right side shares the left's head.
            head = re.match(r"^(.*?\b)(?:aux|à la|au|des|de la|du)\s", left)
            if head and re.match(r"^(?:aux|à la|au|des|de la|du)\s", right):
                right = head.group(1) + right
            if scheme.exact(left) and scheme.exact(right):
                parts = [left, right]
        for part in parts:
            concept = scheme.exact(part)
            entry = (part, concept.slug, True) if concept else (part, slugify(part), False)
            if entry[1] not in {e[1] for e in out}:
                out.append(entry)
    return out
