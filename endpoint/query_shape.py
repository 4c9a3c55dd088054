"""What a query's text says of its shape, read before any parser sees it.

Oxigraph's parser and evaluator recurse: a query nested a few thousand levels deep (braces,
parentheses, OPTIONAL, sub-queries, `!`) or chaining a few thousand operators (UNION, path
alternatives, `&&`, `+`, BIND...) overflows a thread's stack and kills its process. Queries are
evaluated in processes of their own on a large stack (query_pool.py), so even such a crash costs
nothing but that query; this module turns the known shapes into a clear 400 before any process
is used, with limits far below what that stack holds and far above what people write.

The text is read once, left to right, with regular expressions (no recursion, linear time):
strings, IRIs and comments are skipped, so a brace inside a string never counts.
"""
import re
from dataclasses import dataclass, field

# The defaults of MAX_QUERY_NESTING and MAX_QUERY_OPERATORS. Measured on Oxigraph 0.5 with the
# default 8 MiB stack, the first crashes come at about 2,200 nested braces, 2,600 nested OPTIONAL,
# 4,600 nested parentheses, 3,000 MINUS or BIND in a group, 6,800 chained +, 9,200 && or !,
# 10,000 UNION and 10,900 path alternatives; runners have 32 times that stack.
MAX_NESTING = 128  # brackets and runs of unary operators
MAX_OPERATORS = 10_000  # operators and group elements, each one a level of the query's algebra
TOKENS_KEPT_UP_TO = 4096  # characters: a shorter text keeps its tokens (cheap_queries.py reads them again)

TOKEN = re.compile(r"""
    (?P<space>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<name>(?:[^\W\d]|_)[\w\u00B7\u0300-\u036F\u203F-\u2040.-]*(?::(?:[\w\u00B7:%\\-]|\.(?=[\w:%\\-]))*)?
            |:(?:[\w\u00B7:%\\-]|\.(?=[\w:%\\-]))*)
  | (?P<number>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<datatype>\^\^)
  | (?P<operator>\|\||&&|!=|<=|>=|[|/^!+\-*=<>])
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)

_CHAINING_WORDS = frozenset({"union", "optional", "minus", "bind", "filter", "graph", "service", "values", "exists"})
_UNARY = frozenset({"!", "^", "+", "-"})
_OPERANDS = frozenset({"string", "iri", "variable", "name", "number", "close"})
_PREFIX_DECLARATION = re.compile(r"(?i:prefix)$")


@dataclass
class QueryShape:
    nesting: int = 0  # deepest nesting of brackets and unary operators
    operators: int = 0  # operators and group elements (UNION, OPTIONAL, BIND, |, &&, +...)
    declared_prefixes: set[str] = field(default_factory=set)
    used_prefixes: list[str] = field(default_factory=list)  # in order of first use
    calls_service: bool = False  # the word SERVICE as a keyword (or escaped: then True too)
    # the (kind, text) tokens but spaces and comments, of a text of at most TOKENS_KEPT_UP_TO characters
    tokens: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)

    @property
    def undeclared_prefixes(self) -> list[str]:
        return [prefix for prefix in self.used_prefixes if prefix not in self.declared_prefixes]


def read_shape(query: str) -> QueryShape:
    """The nesting, operator count and prefixes of a query's text (valid or not)."""
    shape = QueryShape(calls_service="\\u" in query or "\\U" in query)  # \u escapes may spell SERVICE
    tokens = shape.tokens = [] if len(query) <= TOKENS_KEPT_UP_TO else None
    depth = unary_run = 0
    previous_word = None  # the last name token, to recognise PREFIX p:
    previous_kind = None
    for match in TOKEN.finditer(query):
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        text = match.group()
        if tokens is not None:
            tokens.append((kind, text))
        binary = text in "+-" and previous_kind in _OPERANDS  # 1 - 2, not - - 2
        previous_kind = kind
        if kind == "operator":
            shape.operators += 1
            unary_run = unary_run + 1 if text in _UNARY and not binary else 0
            shape.nesting = max(shape.nesting, depth + unary_run)
            previous_word = None
            continue
        unary_run = 0
        if kind == "open":
            depth += 1
            shape.nesting = max(shape.nesting, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "name":
            prefix, colon, _ = text.partition(":")
            if colon and prefix != "_":  # _:b is a blank node
                if previous_word is not None and _PREFIX_DECLARATION.match(previous_word):
                    shape.declared_prefixes.add(prefix)
                elif prefix not in shape.used_prefixes:
                    shape.used_prefixes.append(prefix)
            elif text.lower() in _CHAINING_WORDS:
                shape.operators += 1
                shape.calls_service = shape.calls_service or text.lower() == "service"
            previous_word = text
            continue
        previous_word = None
    return shape


class QueryTooComplex(ValueError):
    """A query this endpoint will not evaluate because of its shape, with the reason."""


def check_shape(query: str, max_nesting: int = MAX_NESTING, max_operators: int = MAX_OPERATORS) -> QueryShape:
    """The query's shape; QueryTooComplex when it nests deeper or chains more than the limits."""
    shape = read_shape(query)
    if shape.nesting > max_nesting:
        raise QueryTooComplex(
            f"The query nests {shape.nesting} levels deep (brackets, braces and unary operators such as !);"
            f" this endpoint evaluates queries up to {max_nesting} levels.")
    if shape.operators > max_operators:
        raise QueryTooComplex(
            f"The query has {shape.operators} operators and group elements (UNION, OPTIONAL, BIND, FILTER,"
            f" path alternatives, && ...); this endpoint evaluates queries with up to {max_operators}."
            " A long list of alternatives is better written with VALUES or IN.")
    return shape
