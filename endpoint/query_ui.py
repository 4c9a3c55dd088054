"""/query: a page to write and run SPARQL queries, with examples a researcher would ask.

Without JavaScript it is a form that sends the query to /sparql; with it, YASGUI (vendored under
static/yasgui/, so the page needs no network) takes the form's place and shows the results.
The examples are the files of endpoint/examples/: the first line, a comment, is the title.
"""
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Blueprint, render_template, request

from .errors import not_found
from .negotiation import RESULTS_FORMATS

bp = Blueprint("query_ui", __name__)

EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


@cache
def examples() -> dict[str, Example]:
    found = {}
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        name = path.stem.split("-", 1)[1]
        found[name] = Example(name, query.splitlines()[0].lstrip("# ").strip(), query)
    return found


@bp.get("/query")
def query_page():
    """The page with an example (?example=NAME, the first by default) or any query (?query=TEXT,
    as the links of /stats open theirs) in its editor."""
    text = request.args.get("query")
    if text is not None:
        return render_template("pages/query.html", examples=examples().values(),
                               selected=Example("", text.splitlines()[0].lstrip("# ").strip() if text else "", text),
                               formats=RESULTS_FORMATS)
    name = request.args.get("example", next(iter(examples())))
    if name not in examples():
        raise not_found(f"There is no example {name!r}; the examples are listed at /query.")
    return render_template("pages/query.html", examples=examples().values(), selected=examples()[name],
                           formats=RESULTS_FORMATS)
