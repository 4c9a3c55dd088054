"""Where queries are answered: the build's oxigraph store, opened read-only once per process.

Everything above this module sees a `Store`. `query()` returns pyoxigraph's result types, so a
second implementation forwarding to a remote SPARQL 1.1 endpoint can parse its answers with
`pyoxigraph.parse_query_results` / `pyoxigraph.parse` and plug in unchanged.
"""
import atexit
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Protocol

import pyoxigraph
from flask import Flask, current_app
from pyoxigraph import NamedNode

from .query_text import may_use_keyword

QueryResult = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | Iterable[pyoxigraph.Triple]

_EXTENSION = "essreg.store"


class Store(Protocol):
    def query(self, sparql: str, *, default_graph_uris: Sequence[str] = (),
              named_graph_uris: Sequence[str] = ()) -> QueryResult:
        """Answer a SPARQL query; the graph URIs are the SPARQL Protocol's dataset parameters.

        Raises SyntaxError (with the parser's message) when the query does not parse.
        """

    def close(self) -> None: ...


class EmbeddedStore:
    """DIR/store, opened read-only so that several worker processes can share the directory.

    The store holds only the public named graphs and an empty default graph: a query without a
    dataset of its own sees the union of the public graphs, and GRAPH ?g still names each one.
    """

    def __init__(self, path: Path):
        self._store = pyoxigraph.Store.read_only(str(path))

    def query(self, sparql: str, *, default_graph_uris: Sequence[str] = (),
              named_graph_uris: Sequence[str] = ()) -> QueryResult:
        if default_graph_uris or named_graph_uris:
            return self._store.query(
                sparql,
                default_graph=[NamedNode(iri) for iri in default_graph_uris],
                named_graphs=[NamedNode(iri) for iri in named_graph_uris],
            )
        if may_use_keyword(sparql, "FROM"):
            return self._store.query(sparql)  # the union option would override FROM and FROM NAMED
        return self._store.query(sparql, use_default_graph_as_union=True)

    def close(self) -> None:
        self._store = None  # pyoxigraph closes the database with its last reference


class _ProcessStore:
    """flaskr's get_db, per process rather than per request (opening costs more than a query).

    Opened on first use, so a server that forks its workers opens one store in each; opened
    again if this process was forked after opening it.
    """

    def __init__(self, open_store: Callable[[], Store]):
        self._open_store = open_store
        self._lock = threading.Lock()
        self._store: Store | None = None
        self._pid: int | None = None

    def get(self) -> Store:
        with self._lock:
            if self._store is None or self._pid != os.getpid():
                self._store = self._open_store()
                self._pid = os.getpid()
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def init_app(app: Flask) -> None:
    path = Path(app.config["DATA_DIR"]) / "store"
    process_store = _ProcessStore(lambda: open_embedded_store(path))
    app.extensions[_EXTENSION] = process_store
    atexit.register(process_store.close)


def open_embedded_store(path: Path) -> EmbeddedStore:
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: no store here; run `essreg build` first")
    return EmbeddedStore(path)


def get_store() -> Store:
    """The store of the current app, in this process."""
    return current_app.extensions[_EXTENSION].get()


def close_store(app: Flask) -> None:
    app.extensions[_EXTENSION].close()
