"""What the endpoint must know about a query before running it, read from its text.

pyoxigraph does not expose a parsed query, and a regular expression cannot tell a keyword from
the same word inside a string, an IRI, a prefixed name or a comment. So oxigraph's own parser
decides whether a keyword is used (`may_use_keyword`), and only then is the text read for what
follows it (`service_targets`), erring on the side of reading too much.
"""
import re

import pyoxigraph

from .query_shape import read_shape
from .vocabulary import PREFIXES

_TRIAL_STORE = pyoxigraph.Store()  # in memory and always empty: only used to parse
CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_UPDATE_START = re.compile(
    r"(?:\s|#[^\n]*|PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)
# The word SERVICE where it could be the keyword: not inside a longer name (ex:my-service).
_SERVICE_WORD = re.compile(r"(?<![\w:\-])service(?![\w\-])", re.IGNORECASE)
# What may stand between SERVICE, SILENT and the endpoint: the grammar's white space and comments.
_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)*")
_SILENT = re.compile(r"silent(?![\w\-])", re.IGNORECASE)
_IRIREF = re.compile(r"<([^<>\"{}|^`\\\x00-\x20]*)>")
_NAME_OR_VARIABLE_START = re.compile(r"[?$:\w]")


def may_use_keyword(sparql: str, keyword: str) -> bool:
    """Whether the query may use `keyword` (SERVICE, FROM) as a keyword; True if it does not parse.

    The query is parsed again with every occurrence of the word, in any case, replaced by as many
    x's: inside a string, an IRI, a name or a comment the replacement leaves the query valid, as a
    keyword it makes it invalid. SERVICE is always replaced too, so the trial never calls out.
    """
    word = keyword.lower()
    text = sparql.lower()
    decoded = CODEPOINT_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), sparql).lower()
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


def service_targets(sparql: str) -> list[str | None]:
    """The endpoint after every SERVICE word of the text that could be the keyword: its IRI when
    written as <IRI>, None when written another way (a variable, a prefixed name).

    Occurrences followed by something no SERVICE clause can start with (a quote, a bracket...)
    are words of a string or a name, and are left out. Call it on a query that `may_use_keyword`
    SERVICE and has no \\u escapes: then every SERVICE keyword is among the occurrences read here.
    """
    targets = []
    for position, iri in service_endpoints(sparql):
        if iri:
            targets.append(iri[1])
        elif sparql.startswith("<", position) or _NAME_OR_VARIABLE_START.match(sparql, position):
            targets.append(None)
    return targets


def service_endpoints(sparql: str):
    """(position, match of <IRI> or None) of what follows every SERVICE [SILENT] word of the text."""
    for match in _SERVICE_WORD.finditer(sparql):
        position = _GAP.match(sparql, match.end()).end()
        silent = _SILENT.match(sparql, position)
        if silent:
            position = _GAP.match(sparql, silent.end()).end()
        yield position, _IRIREF.match(sparql, position)


def looks_like_update(sparql: str) -> bool:
    """Whether text that failed to parse as a query starts like a SPARQL update."""
    return _UPDATE_START.match(sparql) is not None


_POSITION = re.compile(r"^error at (\d+):(\d+): ")
# The parser lists the characters it expected as Rust ranges: ['A' ..= 'Z' | '\u{00C0}'..='\u{00D6}' | ...]
_CHARACTER_SET = re.compile(r",?\s*\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")


def explain_syntax_error(sparql: str, message: str) -> str:
    """The parser's message in words a person can act on: which prefix is not declared and the
    PREFIX line to add for the project's vocabularies; no lists of Unicode ranges."""
    position = _POSITION.match(message)
    where = f" (line {position[1]}, column {position[2]})" if position else ""
    stopped = f" (the parser stopped at line {position[1]}, column {position[2]})" if position else ""
    if "Prefix not found" in message:
        undeclared = read_shape(sparql).undeclared_prefixes
        if undeclared:
            names = ", ".join(f"{prefix}:" for prefix in undeclared)
            lines = [f"PREFIX {prefix}: <{PREFIXES[prefix]}>" for prefix in undeclared if prefix in PREFIXES]
            unknown = [f"{prefix}:" for prefix in undeclared if prefix not in PREFIXES]
            text = (f"The query uses the prefix{'es' if len(undeclared) > 1 else ''} {names} without declaring"
                    f" {'them' if len(undeclared) > 1 else 'it'}{stopped}.")
            if lines:
                text += " Add at the top of the query:\n" + "\n".join(lines)
            if unknown:
                text += (f"\nDeclare {', '.join(unknown)} with PREFIX and its namespace IRI"
                         " (this registry's vocabularies are listed in /def).")
            return text
    detail = message[position.end():] if position else message
    detail = _CHARACTER_SET.sub("", detail).replace("one of ,", "one of").strip().rstrip(",")
    if detail.endswith("expected one of"):
        detail += " a name or another token"
    return f"Syntax error in the SPARQL query{where}: {detail}"
