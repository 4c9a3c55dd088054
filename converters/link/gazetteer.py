"""Finding place names in running text: every span of capitalised words whose folded form is the
name of a commune, a former commune, a département, a région or an intercommunality.

The scan is a longest-match lookup of word n-grams in an index built once from the committed
geography (`Geography.named_places`); it says which names occur and where, not which place is
meant: the places rule (`converters/rules/places.py`) decides with the context. Demonyms
("Roannais", "bassin figeacois", "cluster stéphanois") are matched too, from regular suffixes
applied to the names of towns and départements, and from a table of irregular ones
(data/reference/geo/gentiles.csv).
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..folding import name_key
from .geography import GEO_DIR, Place, get_geography

MAX_WORDS = 9
_TOKEN = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœÆæ]+")
_ARTICLES = {"l", "le", "la", "les"}
# Demonym endings, longest first; the stem is matched against the beginning of a town's name.
_DEMONYM_SUFFIXES = ("eoises", "eoise", "eois", "oises", "oise", "ois", "aises", "aise", "ais",
                     "iennes", "ienne", "iens", "ien", "eennes", "eenne", "eens", "een",
                     "aines", "aine", "ains", "ain", "ines", "ine", "ins", "in")
MIN_DEMONYM_POPULATION = 5000


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    key: str  # the folded name
    places: tuple[Place, ...]  # every place of that name
    demonym: bool = False


@lru_cache(maxsize=None)
def _index() -> dict[str, tuple[tuple[str, str], ...]]:
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, kind, code in get_geography().named_places():
        if (kind, code) not in index[key]:
            index[key].append((kind, code))
    return {key: tuple(value) for key, value in index.items()}


def _stems(name: str) -> set[str]:
    """Stems a demonym of `name` may start with: "roanne" -> {"roanne", "roann"}; "clermont-ferrand"
    -> {"clermont ferrand", "clermont"}; "nantes" -> {"nantes", "nant"}."""
    key = name_key(name)
    words = key.split()
    if words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    candidates = {" ".join(words), words[0]} if words else set()
    out = set()
    for c in candidates:
        c = c.replace(" ", "")
        out.add(c)
        for ending in ("es", "e", "s", "x"):
            if c.endswith(ending) and len(c) - len(ending) >= 4:
                out.add(c[: -len(ending)])
    return {s for s in out if len(s) >= 4}


@lru_cache(maxsize=None)
def _demonyms() -> dict[str, tuple[tuple[str, str], ...]]:
    """Stem -> places (a département, or towns of at least MIN_DEMONYM_POPULATION inhabitants)."""
    geo = get_geography()
    index: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for place in geo.all("departement"):  # not the collectivités d'outre-mer: their long names give none
        for stem in _stems(place.name):
            index[stem].append(("departement", place.code, 10**9))
    for key, kind, code in geo.named_places():
        if kind != "commune":
            continue
        place = geo.get("commune", code)
        population = geo.population(place)
        if population >= MIN_DEMONYM_POPULATION and key == name_key(place.name):
            for stem in _stems(place.name):
                if len(stem) >= 5 or population >= 100_000:  # "lill-ois", "nant-ais": big cities only
                    index[stem].append(("commune", code, population))
    out = {}
    for stem, entries in index.items():
        entries = sorted(set(entries), key=lambda e: -e[2])
        # A département, or a town far larger than its namesakes ("clermont": Clermont-Ferrand).
        if len(entries) > 1 and entries[0][2] < 10 * entries[1][2]:
            continue
        out[stem] = ((entries[0][0], entries[0][1]),)
    return out


@lru_cache(maxsize=None)
def _irregular_demonyms() -> dict[str, tuple[tuple[str, str], ...]]:
    """data/reference/geo/gentiles.csv: demonyms no suffix rule derives ("stéphanois")."""
    geo = get_geography()
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    with open(GEO_DIR / "gentiles.csv", encoding="utf-8", newline="") as f:
        for number, row in enumerate(csv.DictReader(line for line in f if not line.startswith("#")), 2):
            if row["commune"]:
                match = geo.commune(row["commune"], departements=[row["departement"]])
            else:
                match = geo.departement(row["departement"])
            if match.place is None:
                raise ValueError(f"{GEO_DIR / 'gentiles.csv'}: {row['gentile']!r}: {match.problem}")
            out[name_key(row["gentile"]).replace(" ", "")] = ((match.place.kind, match.place.code),)
    return out


@lru_cache(maxsize=8192)
def demonym_places(word: str) -> tuple[Place, ...]:
    """The place a demonym refers to ("roannais" -> Roanne), or ()."""
    geo = get_geography()
    key = name_key(word).replace(" ", "")
    irregular = _irregular_demonyms()
    # masculine singular from feminine and plural forms: "stéphanoises", "bretonne", "lédoniennes"
    forms = [key]
    for ending, replacement in (("nnes", "n"), ("nne", "n"), ("es", ""), ("e", ""), ("s", "")):
        if key.endswith(ending):
            forms.append(key[: -len(ending)] + replacement)
    for form in forms:
        if form in irregular:
            return tuple(p for p in (geo.get(*ref) for ref in irregular[form]) if p is not None)
    stems = _demonyms()
    for suffix in _DEMONYM_SUFFIXES:
        if not key.endswith(suffix) or len(key) - len(suffix) < 4:
            continue
        stem = key[: -len(suffix)]
        for candidate in (stem, stem[:-1] if len(stem) > 4 and stem[-1] == stem[-2] else None):
            if candidate and candidate in stems:
                return tuple(p for p in (geo.get(*ref) for ref in stems[candidate]) if p is not None)
        return ()
    return ()


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return name_key(word).replace(" ", "")


def _tokens(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, word as written, folded key) of every word."""
    out = []
    for m in _TOKEN.finditer(text):
        key = _word_key(m.group(0))
        if key:
            out.append((m.start(), m.end(), m.group(0), key))
    return out


@lru_cache(maxsize=4096)
def scan(text: str) -> tuple[Hit, ...]:
    """Every longest span of words naming a place, left to right. A span starts on a capitalised
    word, or on an article before one ("L'Île-Saint-Denis", "Le Havre")."""
    geo = get_geography()
    index = _index()
    tokens = _tokens(text)
    hits = []
    i = 0
    while i < len(tokens):
        start, _, word, key = tokens[i]
        capital = word[:1].isupper()
        article = key in _ARTICLES and i + 1 < len(tokens) and tokens[i + 1][2][:1].isupper()
        if not (capital or article):
            i += 1
            continue
        found = _longest(text, tokens, i, index)
        if found and key in _ARTICLES and i + 1 < len(tokens):
            # "le Val-de-Marne", "le Val d'Oise": the département, not the commune "Le Val" then "Marne"
            after = _longest(text, tokens, i + 1, index)
            if after and after[0] > found[0] - 1 and any(ref[0] in ("departement", "region") for ref in after[2]):
                i, found = i + 1, after
                start = tokens[i][0]
        if found:
            n, name, refs = found
            places = tuple(p for p in (geo.get(*ref) for ref in refs) if p is not None)
            hits.append(Hit(start, tokens[i + n - 1][1], name, places))
            i += n
            continue
        if capital or key.endswith(_DEMONYM_SUFFIXES):
            places = demonym_places(word) if len(key) >= 6 else ()
            if places:
                hits.append(Hit(start, tokens[i][1], key, places, demonym=True))
        i += 1
    return tuple(hits)


def _longest(text: str, tokens, i: int, index) -> tuple[int, str, tuple] | None:
    """The longest name of the index made of the words from tokens[i]: (words, name, its places)."""
    for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
        # Words of one name are separated by spaces, hyphens or apostrophes only.
        gaps = [text[tokens[j][1]:tokens[j + 1][0]] for j in range(i, i + n - 1)]
        if any(not re.fullmatch(r"[\s\-'’]{1,3}", g) for g in gaps):
            continue
        name = " ".join(t[3] for t in tokens[i : i + n])
        if name in index:
            return n, name, index[name]
    return None


@lru_cache(maxsize=4096)
def scan_demonyms(text: str) -> tuple[Hit, ...]:
    """Demonyms written in lower case ("le bassin figeacois"): words ending like one."""
    out = []
    for start, end, word, key in _tokens(text):
        if word[:1].islower() and len(key) >= 6 and key.endswith(_DEMONYM_SUFFIXES):
            places = demonym_places(word)
            if places:
                out.append(Hit(start, end, key, places, demonym=True))
    return tuple(out)
