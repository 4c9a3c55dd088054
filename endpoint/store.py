"""Where queries are answered: the build's embedded Oxigraph store, or any SPARQL 1.1 endpoint.

Everything above this module sees a `Store`, whose `query()` returns pyoxigraph's result types:
`EmbeddedStore` gets them from pyoxigraph, `RemoteStore` parses the remote endpoint's answers
into them (`pyoxigraph.parse_query_results`, `pyoxigraph.parse`).
"""
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Protocol

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, QueryResultsFormat, RdfFormat

from .errors import backend_failed, query_timeout

QueryResult = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | Iterable[pyoxigraph.Triple]
_DUMP = ("import sys, pyoxigraph;"  # a store written as N-Quads to standard output, by another process
         " pyoxigraph.Store.read_only(sys.argv[1]).dump(sys.stdout.buffer, format=pyoxigraph.RdfFormat.N_QUADS)")


class Store(Protocol):
    def query(self, sparql: str, *, default_graph_uris: Sequence[str] = (),
              named_graph_uris: Sequence[str] = (), base_iri: str | None = None) -> QueryResult:
        """Answer a SPARQL query; the graph URIs are the SPARQL Protocol's dataset parameters,
        `base_iri` resolves the query's relative IRIs.

        Raises SyntaxError (with the parser's message) when the query does not parse.
        """

    def mentions(self, node: NamedNode) -> bool:
        """Whether a triple of the default graph has `node` as its subject or its object."""


class EmbeddedStore:
    """DIR/store, opened read-only so that several processes can share the directory.

    The store holds the public named graphs and, as its default graph, the public graphs merged
    (each triple once: converters/publish.py): a query without a dataset of its own sees the
    registry, GRAPH ?g names each graph, FROM and FROM NAMED choose among them.
    """

    def __init__(self, path: Path, store: pyoxigraph.Store | None = None):
        if store is None:
            if not path.is_dir():
                raise FileNotFoundError(f"{path}: no store here; run `essreg build` first")
            store = pyoxigraph.Store.read_only(str(path))
        self.path = path
        self._store = store

    @classmethod
    def in_memory(cls, path: Path, spawning: AbstractContextManager = nullcontext()) -> "EmbeddedStore":
        """A copy of DIR/store in memory (pyoxigraph's in-memory store: Rust's heap), which
        answers 2-5 times faster than RocksDB. Every quad is copied as it is, blank nodes keep
        their labels (Store.load would rename them), so its answers are the store's.

        The store is read by another process, which writes it as N-Quads: this one never opens
        RocksDB, whose threads and locks a process forked from this one would inherit half-held.
        `spawning` is held while that process starts: a process forked meanwhile would keep the
        write end of its pipe open, and the copy would wait for it to end."""
        if not path.is_dir():
            raise FileNotFoundError(f"{path}: no store here; run `essreg build` first")
        with spawning:
            dumper = subprocess.Popen([sys.executable, "-c", _DUMP, str(path)], stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        copy = pyoxigraph.Store()
        try:
            copy.extend(pyoxigraph.parse(dumper.stdout, format=RdfFormat.N_QUADS))
        finally:
            dumper.stdout.close()
            error = dumper.stderr.read().decode("utf-8", "replace").strip()
            dumper.stderr.close()
            dumper.wait()
        if dumper.returncode != 0:
            raise OSError(f"{path}: could not be read ({error or dumper.returncode})")
        return cls(path, copy)


    def query(self, sparql: str, *, default_graph_uris: Sequence[str] = (),
              named_graph_uris: Sequence[str] = (), base_iri: str | None = None) -> QueryResult:
        if default_graph_uris or named_graph_uris:
            return self._store.query(
                sparql, base_iri=base_iri,
                default_graph=[NamedNode(iri) for iri in default_graph_uris],
                named_graphs=[NamedNode(iri) for iri in named_graph_uris],
            )
        return self._store.query(sparql, base_iri=base_iri)

    def mentions(self, node: NamedNode) -> bool:
        # two index lookups: a quarter of the time of the same ASK, which the engine parses and plans first
        graph = DefaultGraph()
        return next(self._store.quads_for_pattern(node, None, None, graph), None) is not None \
            or next(self._store.quads_for_pattern(None, None, node, graph), None) is not None


class RemoteStore:
    """A SPARQL 1.1 endpoint over HTTP (Virtuoso, Fuseki, QLever, `oxigraph serve`...).

    It must hold the public graphs only, as the embedded store does: the named graphs of
    registry.trig, and the merged registry (registry.nt.gz, each triple once) as its default graph.
    Answers are read as they arrive, so that a caller taking a few rows does not read them all.
    """

    # An Accept for the query's form: some engines (Virtuoso) answer a CONSTRUCT in SPARQL JSON
    # results when asked for that first; the answer's Content-Type still says what came back.
    ACCEPT_RESULTS = f"{QueryResultsFormat.JSON.media_type}, {QueryResultsFormat.XML.media_type};q=0.9"
    ACCEPT_GRAPH = f"{RdfFormat.N_TRIPLES.media_type}, {RdfFormat.TURTLE.media_type};q=0.9"

    def __init__(self, url: str, timeout: float):
        self.url = url
        self.timeout = timeout

    def query(self, sparql: str, *, default_graph_uris: Sequence[str] = (),
              named_graph_uris: Sequence[str] = (), base_iri: str | None = None) -> QueryResult:
        if base_iri:  # the protocol has no parameter for it: say it in the query
            sparql = f"BASE {NamedNode(base_iri)}\n{sparql}"
        form = [("query", sparql), *(("default-graph-uri", iri) for iri in default_graph_uris),
                *(("named-graph-uri", iri) for iri in named_graph_uris)]
        request = urllib.request.Request(self.url, data=urllib.parse.urlencode(form).encode(), method="POST",
                                         headers={"Accept": self.ACCEPT_GRAPH if query_form(sparql) in ("construct", "describe")
                                                  else self.ACCEPT_RESULTS,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            message = error.read().decode("utf-8", "replace").strip()
            if error.code == 400:
                raise SyntaxError(message) from None
            raise backend_failed(f"{error.code} {message}") from None
        except TimeoutError:
            raise query_timeout(self.timeout) from None
        except urllib.error.URLError as error:
            raise backend_failed(str(error.reason)) from None
        media_type = response.headers.get_content_type()
        results_format = QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return pyoxigraph.parse_query_results(_BlankNodeIds(response), format=results_format)
        rdf_format = RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise backend_failed(f"it answered {media_type}, neither SPARQL results nor RDF")
        return (quad.triple for quad in pyoxigraph.parse(response, format=rdf_format))

    def mentions(self, node: NamedNode) -> bool:
        return bool(self.query(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}"))


class _BlankNodeIds:
    """A results stream with Virtuoso's blank node names ("nodeID://b10006", which SPARQL results
    parsers refuse) written as plain identifiers ("b10006"), read as it arrives (the same letters
    inside a literal would lose them too: no registry text holds them)."""

    PREFIX = b"nodeID://"

    def __init__(self, stream):
        self._stream = stream
        self._held = b""

    def read(self, size: int = -1) -> bytes:
        while True:
            chunk = self._stream.read(size)
            data = (self._held + chunk).replace(self.PREFIX, b"")
            # the start of a name cut at the chunk's end waits for the next chunk
            keep = 0 if not chunk else next((n for n in range(len(self.PREFIX) - 1, 0, -1)
                                             if data.endswith(self.PREFIX[:n])), 0)
            self._held, data = data[len(data) - keep:], data[:len(data) - keep]
            if data or not chunk:  # b"" only at the end of the stream
                return data


_NOT_KEYWORDS = re.compile(r'<[^<>\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_FORM = re.compile(r"\b(select|ask|construct|describe)\b", re.IGNORECASE)


def query_form(sparql: str) -> str | None:
    """The form of a query ("select", "ask", "construct", "describe"): its first form keyword
    outside IRIs, strings and comments (the prologue comes first; subqueries come after)."""
    found = _FORM.search(_NOT_KEYWORDS.sub(" ", sparql))
    return found.group(1).lower() if found else None
