"""rdflib's terms as pyoxigraph's, so that a registry written with rdflib is published by Oxigraph
(its Rust serialisers and store) without a detour through a text syntax.

IRIs repeat (every predicate, class, document, place): they are converted once and cached. Each
blank node of rdflib gets one blank node of Oxigraph, whichever graph it appears in.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph
from rdflib import BNode, Graph, Literal, URIRef


class OxigraphTerms:
    def __init__(self):
        self._iris: dict[str, pyoxigraph.NamedNode] = {}
        self._blank_nodes: dict[str, pyoxigraph.BlankNode] = {}

    def term(self, term):
        if isinstance(term, URIRef):
            found = self._iris.get(term)
            if found is None:
                found = self._iris[term] = pyoxigraph.NamedNode(term)
            return found
        if isinstance(term, Literal):
            if term.language:
                return pyoxigraph.Literal(term, language=term.language)
            if term.datatype:
                return pyoxigraph.Literal(term, datatype=self.term(term.datatype))
            return pyoxigraph.Literal(term)
        if isinstance(term, BNode):
            found = self._blank_nodes.get(term)
            if found is None:
                found = self._blank_nodes[term] = pyoxigraph.BlankNode()
            return found
        raise ValueError(f"not an RDF term of a triple: {term!r}")

    def quads(self, triples: Iterable[tuple], graph_names: list) -> Iterator[pyoxigraph.Quad]:
        """Each triple (rdflib terms) in each of `graph_names` (pyoxigraph.NamedNode or DefaultGraph)."""
        term = self.term
        for s, p, o in triples:
            subject, predicate, object_ = term(s), term(p), term(o)
            for name in graph_names:
                yield pyoxigraph.Quad(subject, predicate, object_, name)

    def triples(self, triples: Iterable[tuple]) -> Iterator[pyoxigraph.Triple]:
        term = self.term
        for s, p, o in triples:
            yield pyoxigraph.Triple(term(s), term(p), term(o))


def by_subject(graph: Graph) -> Iterator[tuple]:
    """The triples of `graph` a subject after the other: Turtle then writes each subject once
    (rdflib's memory store gives a named graph's triples in no order)."""
    for subject in graph.subjects(unique=True):
        for predicate, object_ in graph.predicate_objects(subject):
            yield subject, predicate, object_
