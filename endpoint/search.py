"""Search over the names, other names, acronyms, legal forms and descriptions of poles and
organisations, accent- and case-insensitive, ranked: exact name, name prefix, name words,
other names, then descriptions.

The index (folded token -> entry -> best field) is built once per build from the summary, in
memory; a query looks its words up (a word of 3 letters or more also finds the words it begins,
through a sorted vocabulary and bisect) and ranks the entries that have them all.
"""
import bisect
import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask import Blueprint, jsonify, make_response, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from .browse import JSON
from .build import current_build
from .errors import bad_request
from .i18n import language, translate
from .negotiation import HTML, negotiate
from .summary import Entry, Summary, summary
from .validators import cacheable

bp = Blueprint("search", __name__)

MAX_QUERY = 200  # characters
MAX_RESULTS = 100
PREFIX_MIN = 3  # shorter words match whole words only
# Ranks: higher is better. Field ranks are per word; the name ranks are for the whole query.
EXACT, PREFIX, NAME, ALT, OTHER = 5, 4, 3, 2, 1
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: "Pôles NOE" -> "poles noe"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@dataclass(frozen=True)
class Hit:
    entry: Entry
    rank: int


class SearchIndex:
    def __init__(self, entries: Iterable[Entry], label_of=lambda iri: iri):
        self.entries: list[Entry] = list(entries)
        self.names: list[set[str]] = []  # folded names of each entry, words joined by one space
        self.order: list[tuple[bool, str]] = []  # among equal ranks: poles first, then by name
        postings: dict[str, dict[int, int]] = defaultdict(dict)
        for number, entry in enumerate(self.entries):
            names = {" ".join(words(name)) for name in entry.labels.values()}
            self.names.append(names)
            self.order.append((not entry.is_pole, min(names, default="")))
            fields = ((NAME, entry.labels.values()), (ALT, entry.alt_names),
                      (OTHER, [*entry.descriptions, *entry.legal_form_texts, *map(label_of, entry.legal_forms),
                               *map(label_of, entry.structure_types)]))
            for rank, texts in fields:
                for text in texts:
                    for word in words(text):
                        if postings[word].get(number, 0) < rank:
                            postings[word][number] = rank
        self.postings = dict(postings)
        self.vocabulary = sorted(self.postings)

    def _matches(self, word: str) -> dict[int, int]:
        """Entries having `word` (or, when long enough, a word it begins), with their best field."""
        if len(word) < PREFIX_MIN:
            return self.postings.get(word, {})
        found: dict[int, int] = {}
        start = bisect.bisect_left(self.vocabulary, word)
        for token in self.vocabulary[start:]:
            if not token.startswith(word):
                break
            for number, rank in self.postings[token].items():
                if found.get(number, 0) < rank:
                    found[number] = rank
        return found

    def search(self, query: str) -> tuple[int, list[Hit]]:
        """How many entries match, and the best MAX_RESULTS of them, best first."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return 0, []
        matches = sorted((self._matches(word) for word in query_words), key=len)
        ranks = dict(matches[0])
        for other in matches[1:]:
            ranks = {number: min(rank, other[number]) for number, rank in ranks.items() if number in other}
        phrase = " ".join(query_words)
        for number, rank in ranks.items():
            if rank == NAME:
                names = self.names[number]
                if phrase in names:
                    ranks[number] = EXACT
                elif any(name.startswith(phrase) for name in names):
                    ranks[number] = PREFIX
        order = self.order
        best = heapq.nsmallest(MAX_RESULTS, ranks, key=lambda number: (-ranks[number], order[number]))
        return len(ranks), [Hit(self.entries[number], ranks[number]) for number in best]


def search_index() -> SearchIndex:
    build = current_build()
    return build.cached("search-index", lambda: _index(summary()))


def _index(data: Summary) -> SearchIndex:
    return SearchIndex(data.entries.values(), data.label)


@bp.get("/search")
def search_page():
    return _answer(negotiate((HTML, JSON)))


@bp.get("/search.json")
def search_json():
    return _answer(JSON)


def _answer(fmt):
    """The results of ?q=, kept in the answer cache like every document of the build (the HTML
    variant is in the reader's language; the JSON's labels too)."""
    return cacheable("search-html" if fmt is HTML else f"search-{fmt.name}-{language()}", lambda: _results(fmt))


def _results(fmt):
    query = request.args.get("q", "").strip()
    if len(query) > MAX_QUERY:
        raise bad_request(translate("search.too_long", n=MAX_QUERY))
    total, hits = search_index().search(query) if query else (0, [])
    data = summary()
    if fmt is JSON:
        response = jsonify({"query": query if hits else None, "total": total, "results": [
            {"iri": hit.entry.iri, "label": data.label(hit.entry.iri),
             "type": "pole" if hit.entry.is_pole else "organisation", "rank": hit.rank,
             "url": url_for("pages.resource", rest=hit.entry.iri.split("/id/", 1)[-1], _external=True)}
            for hit in hits]})
    else:
        # A query that finds nothing is not repeated on the page (nor in its JSON): what a reader
        # types may be a person's name, and no public output shows one (tests/test_privacy.py).
        response = make_response(render_template("pages/search.html", query=query, total=total, hits=hits, data=data,
                                                 switch_args=request.args if hits else MultiDict()))
    response.vary.update(("Accept", "Accept-Language", "Cookie"))
    return response
