"""SHACL validation of a build against shapes/*.ttl, each result traced back to its source lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from .paths import SHAPES_DIR
from .vocab import ESS, SH


@dataclass
class Result:
    severity: str  # "Violation", "Warning", "Info"
    focus: str
    path: str | None
    message: str
    value: str | None
    sources: list[tuple[str, int]] = field(default_factory=list)  # (file name, line)

    def __str__(self) -> str:
        where = ", ".join(f"{name}:{line}" for name, line in self.sources[:5]) or "no source line"
        path = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{where}: {self.severity}: <{self.focus}>{path}: {self.message}{value}"


@dataclass
class Report:
    conforms: bool  # no violation (warnings allowed)
    results: list[Result]
    graph: Graph

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[Result]:
        return [r for r in self.results if r.severity != "Violation"]

    def text(self) -> str:
        lines = [f"Conforms: {self.conforms} ({len(self.violations)} violations, {len(self.warnings)} warnings)"]
        lines += [str(r) for r in self.results]
        return "\n".join(lines) + "\n"


def shapes_graph(directory: Path = SHAPES_DIR) -> Graph:
    graph = Graph()
    for path in sorted(Path(directory).glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


def validate(data: Graph) -> Report:
    """Validate `data` (the merged public graphs, ontology and reference data included)."""
    shapes = shapes_graph()
    conforms, report_graph, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True,
                                                 advanced=True)
    results = [_result(report_graph, node, data) for node in report_graph.subjects(RDF.type, SH.ValidationResult)]
    return _report(results, report_graph)


def _report(results: list[Result], report_graph: Graph) -> Report:
    results.sort(key=lambda r: (r.severity != "Violation", r.sources[:1], r.focus, r.path or "", r.message))
    return Report(not any(r.severity == "Violation" for r in results), results, report_graph)


# --- validation in bounded chunks ---------------------------------------------------------------
# pyshacl holds a whole data graph and its report in memory and walks every focus node of it; at a
# million triples and more the registry is validated in chunks of documents instead. A chunk's data
# graph is the triples about every node its graphs name (as subject or object), followed DEPTH hops
# from there in the merged registry (also backwards along the inverse paths the shapes use), plus
# the ontology; only the results whose focus node the chunk's graphs name are kept: such a node has
# its whole description in the chunk, so its results are those of the whole graph.
DEPTH = 3  # pole -> ess:sourceLine -> dcterms:isPartOf -> ess:fileName (the deepest the shapes and messages go)
CHUNK_TRIPLES = 100_000  # graphs are grouped up to this many triples a chunk (a graph larger is a chunk alone)


def validate_in_chunks(graphs: list[Graph], data: Graph, context: Graph | None = None,
                       chunk_triples: int = CHUNK_TRIPLES, progress=None) -> Report:
    """Validate `data` (the merged public graphs) as `validate` does, a chunk of `graphs` (its
    named graphs) at a time; `context` (the ontology) is added to every chunk. Results naming the
    same focus node, path, rule and value are reported once."""
    shapes = shapes_graph()
    inverse = set(shapes.objects(None, SH.inversePath))
    report_graph = Graph()
    top = BNode()
    report_graph.add((top, RDF.type, SH.ValidationReport))
    seen: dict[tuple, Result] = {}
    chunks = _chunks(graphs, chunk_triples)
    for number, chunk in enumerate(chunks, 1):
        if progress:
            progress(f"validating chunk {number}/{len(chunks)} ({sum(len(g) for g in chunk)} triples of its graphs)")
        focus = {term for g in chunk for triple in g for term in (triple[0], triple[2]) if not isinstance(term, Literal)}
        piece = _closure(data, focus, inverse)
        if context is not None:
            piece += context
        _, chunk_report, _ = pyshacl.validate(piece, shacl_graph=shapes, inference="none", allow_warnings=True,
                                              advanced=True)
        for node in chunk_report.subjects(RDF.type, SH.ValidationResult):
            if chunk_report.value(node, SH.focusNode) not in focus:
                continue
            result = _result(chunk_report, node, data)
            # the shapes graph is parsed once: its blank nodes name the same shapes in every chunk
            key = (result.severity, result.focus, result.path, result.message, result.value,
                   str(chunk_report.value(node, SH.sourceShape)), str(chunk_report.value(node, SH.sourceConstraintComponent)))
            if key not in seen:
                seen[key] = result
                report_graph += _result_triples(chunk_report, node)
                report_graph.add((top, SH.result, node))
    report = _report(list(seen.values()), report_graph)
    report_graph.add((top, SH.conforms, Literal(report.conforms)))
    return report


def _chunks(graphs: list[Graph], limit: int) -> list[list[Graph]]:
    chunks: list[list[Graph]] = [[]]
    size = 0
    for graph in graphs:
        if chunks[-1] and size + len(graph) > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(graph)
        size += len(graph)
    return [c for c in chunks if c]


def _closure(data: Graph, nodes: set, inverse: set) -> Graph:
    out = Graph()
    out.namespace_manager = data.namespace_manager
    done: set = set()
    frontier = set(nodes)
    for _ in range(DEPTH + 1):
        following = set()
        for node in frontier - done:
            for triple in data.triples((node, None, None)):
                out.add(triple)
                if not isinstance(triple[2], Literal):
                    following.add(triple[2])
            for predicate in inverse:
                for subject in data.subjects(predicate, node):
                    out.add((subject, predicate, node))
                    following.add(subject)
        done |= frontier
        frontier = following
    return out


def _result_triples(report: Graph, node) -> Graph:
    """A validation result of a report with what hangs from it (its blank nodes)."""
    out = Graph()
    todo = [node]
    while todo:
        subject = todo.pop()
        for triple in report.triples((subject, None, None)):
            out.add(triple)
            if isinstance(triple[2], BNode) and triple[1] != SH.sourceShape:
                todo.append(triple[2])
    return out


def _short(graph: Graph, term) -> str | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except Exception:
            return str(term)
    return str(term)


def _result(report: Graph, node, data: Graph) -> Result:
    severity = str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1]
    focus = report.value(node, SH.focusNode)
    message = report.value(node, SH.resultMessage) or report.value(node, SH.sourceConstraintComponent)
    return Result(
        severity=severity,
        focus=str(focus),
        path=_short(data, report.value(node, SH.resultPath)),
        message=str(message),
        value=_short(data, report.value(node, SH.value)),
        sources=sources_of(data, focus),
    )


def sources_of(data: Graph, node) -> list[tuple[str, int]]:
    """(file, line) of the statements about `node`; for a node without its own source lines (a
    commune of the reference data), the lines of the resources that refer to it."""
    found = _lines(data, node)
    if not found:
        for referrer in set(data.subjects(None, node)):
            found |= _lines(data, referrer)
    return sorted(found)


def _lines(data: Graph, node) -> set[tuple[str, int]]:
    out = set()
    for line in data.objects(node, ESS.sourceLine):
        number = data.value(line, ESS.lineNumber)
        document = data.value(line, DCTERMS.isPartOf)
        name = data.value(document, ESS.fileName) if document is not None else None
        if number is not None:
            out.add((str(name or document), int(number)))
    return out
