"""/query: a page to write and run SPARQL queries, with examples a researcher would ask.

Without JavaScript it is a form that sends the query to /sparql; with it, YASGUI (vendored under
static/yasgui/, so the page needs no network) takes the form's place and shows the results.
The examples are the files of endpoint/examples/: the first line, a comment, is the title; those
of endpoint/examples/federated/ call other endpoints with SERVICE and are offered when the server
allows every endpoint they call (ALLOWED_SERVICES=public).
"""
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, render_template, request

from .errors import not_found
from .negotiation import RESULTS_FORMATS
from .query_text import service_targets

bp = Blueprint("query_ui", __name__)

EXAMPLES_DIR = Path(__file__).parent / "examples"


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    query: str


def _read(folder: Path) -> dict[str, Example]:
    found = {}
    for path in sorted(folder.glob("*.rq")):
        query = path.read_text(encoding="utf-8")
        name = path.stem.split("-", 1)[1]
        found[name] = Example(name, query.splitlines()[0].lstrip("# ").strip(), query)
    return found


@cache
def examples() -> dict[str, Example]:
    return _read(EXAMPLES_DIR)


@cache
def federated_examples() -> dict[str, Example]:
    return _read(EXAMPLES_DIR / "federated")


def _offered() -> dict[str, Example]:
    """The examples, and the federated ones whose SERVICE endpoints this server allows."""
    allowed = set(current_app.config["ALLOWED_SERVICES"])
    return {**examples(), **{name: example for name, example in federated_examples().items()
                             if set(service_targets(example.query)) <= allowed}}


@bp.get("/query")
def query_page():
    """The page with an example (?example=NAME, the first by default) or any query (?query=TEXT,
    as the links of /stats open theirs) in its editor."""
    offered = _offered()
    text = request.args.get("query")
    if text is not None:
        return render_template("pages/query.html", examples=offered.values(),
                               selected=Example("", text.splitlines()[0].lstrip("# ").strip() if text else "", text),
                               formats=RESULTS_FORMATS)
    name = request.args.get("example", next(iter(offered)))
    if name not in offered:
        raise not_found(f"There is no example {name!r}; the examples are listed at /query.")
    return render_template("pages/query.html", examples=offered.values(), selected=offered[name],
                           formats=RESULTS_FORMATS)
