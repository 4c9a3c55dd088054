"""Lookups answered in the web server's own process: queries whose work is bounded by what they return.

Public queries run in runner processes (query_pool.py), which are killed at their time or memory
limit. The hop costs two process switches and a copy of the job and of the answer each way: for a
lookup that the engine answers in a twentieth of a millisecond, it is nearly all the time. A query
of these shapes is answered by the web server's own store instead:

    [PREFIX p: <iri> | BASE <iri>]*
    SELECT (?v ... | *) [WHERE] { S P O [.] } [LIMIT n]
    ASK [WHERE] { S P O [.] }
    DESCRIBE S ...                      (at most MAX_DESCRIBED resources, no WHERE)

S is an IRI or a prefixed name (a constant: not a variable, not a blank node); P an IRI, a prefixed
name, `a` or a variable; O an IRI, a prefixed name, a variable or a short string literal (with a
language tag or a datatype); the pattern's variables are distinct. No dataset (FROM, or the
protocol's default-graph-uri and named-graph-uri), no SERVICE, no escape, no JSON-LD (written in
Python). Anything else, however harmless, goes to a runner.

Why these are cheap whatever the data: the engine answers one triple pattern with a constant
subject by a prefix scan of one of its indexes (SPO; OSP when the object is given too), and with
distinct variables and no DISTINCT, ORDER BY, OFFSET or aggregate, every triple it reads is a row
it writes; DESCRIBE writes every triple it reads of each resource (and of the blank nodes they
lead to). Rows and triples are counted as they are written (result_rows.py, limits.py) and the
answer stops at IN_PROCESS_ROWS: a query with more goes to a runner like any other, with its time
and memory limits and MAX_ROWS. So a query answered here reads at most IN_PROCESS_ROWS + 1 triples
(about a millisecond): it needs no time limit, and nothing it holds can grow.

The shape is read from the tokens of query_shape.py, the grammar's terminals (IRIs, strings,
names and comments are told apart as the SPARQL grammar does); the engine still parses the query
once, and its errors (an undeclared prefix...) are answered as a runner would.
"""
from __future__ import annotations

import dataclasses

from .errors import ResultTooLarge
from .query_runner import QueryAnswer, QueryJob, evaluate
from .query_shape import TOKEN
from .store import Store

IN_PROCESS_ROWS = 1000  # rows or triples a query answered here may return; more: a runner answers it
MAX_DESCRIBED = 8
MAX_TEXT = 4096  # characters: a longer query is not a lookup


def cheap_form(query: str, tokens: list[tuple[str, str]] | None = None) -> str | None:
    """"select", "ask" or "describe" when the query has one of the shapes above; None otherwise.
    `tokens`: the query's, when read already (QueryShape.tokens), so as not to read it twice."""
    if len(query) > MAX_TEXT or "\\" in query:  # no escapes: \u could spell any keyword
        return None
    if tokens is None:
        tokens = [(match.lastgroup, match.group()) for match in TOKEN.finditer(query)
                  if match.lastgroup not in ("space", "comment")]
    return _Reader(tokens).query()


def answer_here(store: Store, job: QueryJob) -> QueryAnswer | None:
    """The answer to `job` (a query of cheap_form) from `store`, this process's; None when it has
    more than IN_PROCESS_ROWS rows or triples (and fewer than MAX_ROWS): then a runner answers it."""
    cap = min(job.max_rows, IN_PROCESS_ROWS)
    try:
        return evaluate(store, dataclasses.replace(job, max_rows=cap))
    except ResultTooLarge:
        if cap < job.max_rows:
            return None
        raise


class _Reader:
    """A reader of the shapes above over (kind, text) tokens: every method takes what it
    recognises and answers whether it did."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.at = 0

    def query(self) -> str | None:
        while self._keyword("prefix") or self._keyword("base"):
            if self.tokens[self.at - 1][1].lower() == "prefix" and not self._prefix_name():
                return None
            if not self._take("iri"):
                return None
        if self._keyword("select"):
            form, ok = "select", self._projection() and self._group() and self._limit()
        elif self._keyword("ask"):
            form, ok = "ask", self._group()
        elif self._keyword("describe"):
            form, ok = "describe", self._described()
        else:
            return None
        return form if ok and self.at == len(self.tokens) else None

    def _projection(self) -> bool:
        if self._take("operator", "*"):
            return True
        found = False
        while self._take("variable"):
            found = True
        return found

    def _group(self) -> bool:
        self._keyword("where")
        if not self._take("open", "{"):
            return False
        variables = []
        for term in (self._subject(), self._verb(), self._object()):
            if term is None:
                return False
            if term[:1] in "?$":
                variables.append(term[1:])
        self._take("other", ".")
        return self._take("close", "}") and len(set(variables)) == len(variables)

    def _limit(self) -> bool:
        if not self._keyword("limit"):
            return True
        number = self._take("number")
        return bool(number) and number.isdigit()

    def _described(self) -> bool:
        count = 0
        while self._constant():
            count += 1
        return 0 < count <= MAX_DESCRIBED

    def _subject(self) -> str | None:
        return self._constant()

    def _verb(self) -> str | None:
        return self._constant() or self._take("variable") or self._take("name", "a")

    def _object(self) -> str | None:
        term = self._constant() or self._take("variable")
        if term:
            return term
        text = self._take("string")
        if not text or text[:3] in ('"""', "'''"):
            return None
        if self._take("other", "@"):
            return text if self._take("name") else None
        if self._take("datatype"):
            return text if self._constant() else None
        return text

    def _constant(self) -> str | None:
        """An IRI or a prefixed name (not a blank node's label)."""
        iri = self._take("iri")
        if iri:
            return iri
        kind, text = self._peek()
        if kind == "name" and ":" in text and not text.startswith("_:"):
            self.at += 1
            return text
        return None

    def _prefix_name(self) -> bool:
        kind, text = self._peek()
        if kind == "name" and text.endswith(":") and text.count(":") == 1:
            self.at += 1
            return True
        return False

    def _keyword(self, word: str) -> bool:
        kind, text = self._peek()
        if kind == "name" and text.lower() == word:
            self.at += 1
            return True
        return False

    def _take(self, kind: str, text: str | None = None) -> str | None:
        found_kind, found = self._peek()
        if found_kind != kind or (text is not None and found != text):
            return None
        self.at += 1
        return found

    def _peek(self) -> tuple[str | None, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, "")
