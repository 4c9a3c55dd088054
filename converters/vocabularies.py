"""The project's controlled vocabularies (ontology/schemes/*.ttl), read once, and label matching.

The schemes are the single source of truth for labels: converters recognise legal forms,
structure types, themes and partner categories by the labels written there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from .folding import fold
from .paths import SCHEMES_DIR
from .vocab import DEF


@dataclass(frozen=True)
class Concept:
    scheme: str
    slug: str
    iri: URIRef
    label: str  # French preferred label
    labels: tuple[str, ...]  # every French label (preferred, alternative, hidden)
    broader: tuple[str, ...]  # slugs


@dataclass(frozen=True)
class Hit:
    concept: Concept
    start: int
    end: int
    text: str  # the words matched, as written


def longest_hits(hits: list[Hit]) -> list[Hit]:
    """The hits that do not overlap, the longest kept where they do, in text order."""
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _label_pattern(label: str) -> re.Pattern:
    parts = []
    for token in re.findall(r"[^\s\-']+|'|[\s\-]+", fold(label)):
        if token == "'":
            parts.append(r"'\s*")
        elif token.strip(" -") == "":
            parts.append(r"[\s\-]+")
        else:
            parts.append(re.escape(token))
    return re.compile(r"(?<![0-9a-z])" + "".join(parts) + r"(?![0-9a-z])")


def _is_acronym(label: str) -> bool:
    letters = label.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


class Scheme:
    def __init__(self, name: str, concepts: dict[str, Concept]):
        self.name = name
        self.concepts = concepts
        self._patterns = [
            (concept, label, _label_pattern(label), _is_acronym(label))
            for concept in concepts.values()
            for label in concept.labels
        ]
        # A label can only match a text that holds its first word: patterns are tried only then.
        self._first_words = [re.split(r"[^0-9a-z]+", fold(label).strip(" -'"))[0] for _, label, _, _ in self._patterns]
        self.find = lru_cache(maxsize=8192)(self._find)

    def __getitem__(self, slug: str) -> Concept:
        return self.concepts[slug]

    def __contains__(self, slug: str) -> bool:
        return slug in self.concepts

    def _find(self, text: str) -> list[Hit]:
        """Every label occurrence in `text`, longest first where they overlap, in text order.

        Acronyms (SA, SCOP, EI...) match only in capitals, so "sa" or "ei" in prose does not.
        """
        folded = fold(text)
        words = set(re.split(r"[^0-9a-z]+", folded))
        hits = []
        for (concept, label, pattern, acronym), first in zip(self._patterns, self._first_words):
            if first and first not in words:
                continue
            for m in pattern.finditer(folded):
                written = text[m.start() : m.end()]
                if acronym and written.replace(".", "") != label.replace(".", ""):
                    continue
                hits.append(Hit(concept, m.start(), m.end(), written))
        return longest_hits(hits)

    def exact(self, text: str) -> Concept | None:
        """The concept one of whose labels is the whole of `text` (folded), if any."""
        for hit in self.find(text.strip()):
            if hit.start == 0 and hit.end == len(text.strip()):
                return hit.concept
        return None


@lru_cache(maxsize=None)
def load_vocabularies(directory: Path = SCHEMES_DIR) -> dict[str, Scheme]:
    graph = Graph()
    for path in sorted(Path(directory).glob("*.ttl")):
        graph.parse(path, format="turtle")
    schemes: dict[str, dict[str, Concept]] = {}
    prefix = DEF + "/"
    for iri in graph.subjects(RDF.type, SKOS.Concept):
        scheme_iri = graph.value(iri, SKOS.inScheme)
        if scheme_iri is None or not str(iri).startswith(prefix):
            continue
        scheme, slug = str(iri)[len(prefix) :].split("/", 1)
        french = [
            str(o)
            for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for o in graph.objects(iri, p)
            if getattr(o, "language", None) == "fr"
        ]
        label = next(
            (str(o) for o in graph.objects(iri, SKOS.prefLabel) if o.language == "fr"), slug
        )
        broader = tuple(sorted(str(b).rsplit("/", 1)[1] for b in graph.objects(iri, SKOS.broader)))
        schemes.setdefault(scheme, {})[slug] = Concept(
            scheme, slug, iri, label, tuple(sorted(set(french))), broader
        )
    return {name: Scheme(name, concepts) for name, concepts in schemes.items()}


def vocabulary(name: str) -> Scheme:
    return load_vocabularies()[name]
