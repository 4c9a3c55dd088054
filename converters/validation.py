"""SHACL validation of a build against shapes/*.ttl, each result traced back to its source lines."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
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
    conforms, report_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True, advanced=True
    )
    results = [_result(report_graph, node, data) for node in report_graph.subjects(RDF.type, SH.ValidationResult)]
    results.sort(key=lambda r: (r.severity != "Violation", r.sources[:1], r.focus, r.path or "", r.message))
    return Report(bool(conforms), results, report_graph)


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
