"""What the endpoint must know about a query before running it, read from its text.

pyoxigraph does not expose a parsed query, and a regular expression cannot tell a keyword from
the same word inside a string, an IRI, a prefixed name or a comment. So oxigraph's own parser
decides (`may_use_keyword`).
"""
import re

import pyoxigraph

_TRIAL_STORE = pyoxigraph.Store()  # in memory and always empty: only used to parse
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_UPDATE_START = re.compile(
    r"(?:\s|#[^\n]*|PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def may_use_keyword(sparql: str, keyword: str) -> bool:
    """Whether the query may use `keyword` (SERVICE, FROM) as a keyword; True if it does not parse.

    The query is parsed again with every occurrence of the word, in any case, replaced by as many
    x's: inside a string, an IRI, a name or a comment the replacement leaves the query valid, as a
    keyword it makes it invalid. SERVICE is always replaced too, so the trial never calls out.
    """
    word = keyword.lower()
    text = sparql.lower()
    decoded = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), sparql).lower()
    if decoded.count(word) != text.count(word):
        return True  # spelt with \u escapes: do not guess how the parser reads them
    if word not in text:
        return False
    trial = re.sub(f"{re.escape(word)}|service", lambda m: "x" * len(m[0]), sparql, flags=re.IGNORECASE)
    try:
        _TRIAL_STORE.query(trial)
    except SyntaxError:
        return True
    return False


def looks_like_update(sparql: str) -> bool:
    """Whether text that failed to parse as a query starts like a SPARQL update."""
    return _UPDATE_START.match(sparql) is not None
