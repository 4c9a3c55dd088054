"""SHACL validation of a build against shapes/*.ttl, each result traced back to its source lines."""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

from functools import lru_cache

import pyrudof
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.util import from_n3
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


# --- the engine: rudof's SHACL validator (PyPI pyrudof, Rust) -------------------------------------
# pySHACL walked rdflib's memory store at 1,000-3,000 triples a second; rudof validates the same
# shapes some fifty times faster (tests/test_validation_engines.py keeps pySHACL as the oracle of
# what each shape reports). Two things are done here, not by rudof:
# - its reports name a blank-node shape by a label of its own, so the shapes are handed over
#   skolemized (every blank node an IRI): a result's source shape then leads back to the shape's
#   sh:message, sh:path and sh:severity in our shapes graph;
# - it does not implement SHACL-AF's SPARQL-based targets (sh:target [ a sh:SPARQLTarget ]): their
#   SELECT (with the sh:prefixes declared) is run by rudof's SPARQL engine on the same data, and its
#   ?this bindings are given to the shape as sh:targetNode, which is what such a target means.
@dataclass
class _Shapes:
    graph: Graph  # skolemized, without the SPARQL targets
    ntriples: str
    sparql_targets: list[tuple[URIRef, str]]  # (shape, SELECT ?this ...)


def _skolemized(shapes: Graph) -> Graph:
    """`shapes` with every blank-node shape (not the paths and lists, which rudof needs as blank
    nodes) named by an IRI."""
    named = {o for p in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]) for o in shapes.objects(None, p)}
    for kind in (SH["or"], SH["and"], SH.xone):
        for head in shapes.objects(None, kind):
            named.update(Collection(shapes, head))
    iri = {node: URIRef(_SKOLEM + str(node)) for node in named if isinstance(node, BNode)}
    out = Graph()
    out.namespace_manager = shapes.namespace_manager
    for s, p, o in shapes:
        out.add((iri.get(s, s), p, iri.get(o, o)))
    return out


@lru_cache(maxsize=1)
def _shapes() -> _Shapes:
    graph = _skolemized(shapes_graph())
    targets = []
    for shape, target in list(graph.subject_objects(SH.target)):
        if (target, RDF.type, SH.SPARQLTarget) not in graph:
            raise ValueError(f"shape {shape}: only SPARQL-based targets are supported among sh:target")
        prefixes = "".join(f"PREFIX {graph.value(d, SH.prefix)}: <{graph.value(d, SH.namespace)}>\n"
                           for source in graph.objects(target, SH.prefixes) for d in graph.objects(source, SH.declare))
        targets.append((shape, prefixes + str(graph.value(target, SH.select))))
        graph.remove((shape, SH.target, target))
        graph.remove((target, None, None))
    return _Shapes(graph, graph.serialize(format="nt"), targets)


def _engine(ntriples: str) -> list:
    """rudof's validation results (pyrudof ShaclValidationEntry) on N-Triples `ntriples`."""
    shapes = _shapes()
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(ntriples, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    targets = []
    for shape, select in shapes.sparql_targets:
        rudof.read_query(select)
        targets += [f"<{shape}> <{SH.targetNode}> {row[0]} .\n" for row in rudof.run_query().rows]
    rudof.read_shacl(shapes.ntriples + "".join(targets), format=pyrudof.ShaclFormat.NTriples,
                     reader_mode=pyrudof.ReaderMode.Strict)
    return list(rudof.validate_shacl())


def _term(text: str | None):
    """An rdflib term from rudof's rendering: a bare IRI, _:label, or a literal in Turtle syntax."""
    if text is None:
        return None
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith('"'):
        try:
            return from_n3(text, nsm=_NAMESPACES)
        except Exception:  # a prefix rudof knows and rdflib not: keep the text
            return Literal(text)
    return URIRef(text)


_SKOLEM = "urn:x-ess-shape:"  # the IRIs given to blank-node shapes
_NAMESPACES = Graph().namespace_manager  # xsd:, rdf:, rdfs: ... as rudof abbreviates datatypes


def path_text(shapes: Graph, path, names: Graph) -> str | None:
    """A property shape's sh:path as a SPARQL property path (prefixed with `names`' prefixes)."""
    if path is None:
        return None
    if isinstance(path, URIRef) and not path.startswith(_SKOLEM):
        return _short(names, path)
    if (path, RDF.first, None) in shapes:
        return "/".join(path_text(shapes, p, names) for p in Collection(shapes, path))
    for kind, render in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"), (SH.oneOrMorePath, "{}+"),
                         (SH.zeroOrOnePath, "{}?")):
        if (inner := shapes.value(path, kind)) is not None:
            return render.format(path_text(shapes, inner, names))
    if (options := shapes.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(path_text(shapes, p, names) for p in Collection(shapes, options)) + ")"
    return str(path)


def _run(data: Graph) -> tuple[list[tuple[Result, BNode]], Graph]:
    """Validate `data`: our results, each with its node in the SHACL validation report, and that
    report as a graph (sh:ValidationReport)."""
    shapes = _shapes().graph
    report = Graph()
    report.namespace_manager = data.namespace_manager
    top = BNode()
    report.add((top, RDF.type, SH.ValidationReport))
    results = []
    for entry in _engine(data.serialize(format="nt")):
        shape = URIRef(entry.source_shape)
        message = shapes.value(shape, SH.message) or entry.message.strip('"')
        focus, value = _term(entry.focus_node), _term(entry.value)
        path = shapes.value(shape, SH.path)
        node = BNode()
        results.append((Result(severity=entry.severity, focus=str(focus), path=path_text(shapes, path, data),
                               message=str(message), value=_short(data, value), sources=sources_of(data, focus)), node))
        report.add((top, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.resultSeverity, SH[entry.severity]))
        report.add((node, SH.focusNode, focus))
        report.add((node, SH.sourceShape, BNode(shape[len(_SKOLEM):]) if shape.startswith(_SKOLEM) else shape))
        report.add((node, SH.sourceConstraintComponent, URIRef(entry.constraint_component)))
        report.add((node, SH.resultMessage, Literal(str(message))))
        if isinstance(path, URIRef) and not path.startswith(_SKOLEM):
            report.add((node, SH.resultPath, path))
        if value is not None:
            report.add((node, SH.value, value))
    report.add((top, SH.conforms, Literal(not any(r.severity == "Violation" for r, _ in results))))
    return results, report


def validate(data: Graph) -> Report:
    """Validate `data` (the merged public graphs, ontology and reference data included)."""
    results, report = _run(data)
    return _report([result for result, _ in results], report)


def violations_of_ntriples(ntriples: bytes, limit: int = 50) -> list[Result]:
    """The violations (at most `limit`) of the N-Triples `ntriples`, with their source lines: the
    data is parsed into rdflib only when there is something to report."""
    text = ntriples.decode("utf-8")
    entries = [e for e in _engine(text) if e.severity == "Violation"]
    if not entries:
        return []
    data = Graph().parse(data=text, format="nt")  # blank nodes renamed: validated again from rdflib
    return [result for result, _ in _run(data)[0] if result.severity == "Violation"][:limit]


def _report(results: list[Result], report_graph: Graph) -> Report:
    results.sort(key=lambda r: (r.severity != "Violation", r.sources[:1], r.focus, r.path or "", r.message))
    return Report(not any(r.severity == "Violation" for r in results), results, report_graph)


# --- validation in bounded chunks ---------------------------------------------------------------
# rudof holds the whole data graph in memory at several kilobytes a triple (6 GB at 900,000); at a
# million triples and more the registry is validated in chunks of documents instead (a graph too
# large for a chunk cut by subject). A chunk's data graph is the triples about every node its
# triples name (as subject or object), followed DEPTH hops from there in the merged registry (also
# backwards along the inverse paths the shapes use), plus the ontology; only the results whose focus
# node the chunk's triples name are kept: such a node has its whole description in the chunk, so its
# results are those of the whole graph (and every node is named in some chunk).
DEPTH = 3  # pole -> ess:sourceLine -> dcterms:isPartOf -> ess:fileName (the deepest the shapes and messages go)
# graphs are grouped up to this many triples a chunk (a graph larger is cut by subject): rudof takes
# about 7 KB a triple of a chunk (its closure and the ontology included), 0.4 GB for 50,000
CHUNK_TRIPLES = 50_000


def validate_in_chunks(graphs: list[Graph], data: Graph, context: Graph | None = None,
                       chunk_triples: int = CHUNK_TRIPLES, progress=None) -> Report:
    """Validate `data` (the merged public graphs) as `validate` does, a chunk of `graphs` (its
    named graphs, a graph larger than `chunk_triples` cut by subject) at a time; `context` (the
    ontology) is added to every chunk. Results naming the same focus node, path, rule and value are
    reported once."""
    inverse = set(_shapes().graph.objects(None, SH.inversePath))
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
        results, chunk_report = _run(piece)
        for result, node in results:
            if chunk_report.value(node, SH.focusNode) not in focus:
                continue
            result.sources = sources_of(data, chunk_report.value(node, SH.focusNode))
            # the shapes graph is skolemized once: its IRIs name the same shapes in every chunk
            key = (result.severity, result.focus, result.path, result.message, result.value,
                   str(chunk_report.value(node, SH.sourceShape)), str(chunk_report.value(node, SH.sourceConstraintComponent)))
            if key not in seen:
                seen[key] = result
                report_graph += _result_triples(chunk_report, node)
                report_graph.add((top, SH.result, node))
        del piece, results, chunk_report
        _return_freed_memory()
    report = _report(list(seen.values()), report_graph)
    report_graph.add((top, SH.conforms, Literal(report.conforms)))
    return report


def _return_freed_memory() -> None:
    """Give the memory rudof freed back to the system (glibc keeps it otherwise: 0.3 GB a chunk of
    50,000 triples that the next stages, publication among them, would not reuse)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _chunks(graphs: list[Graph], limit: int) -> list[list]:
    """`graphs` grouped up to `limit` triples a chunk; a graph larger is cut by `_parts`."""
    chunks: list[list] = [[]]
    size = 0
    for part in (part for graph in graphs for part in _parts(graph, limit)):
        if chunks[-1] and size + len(part) > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(part)
        size += len(part)
    return [c for c in chunks if c]


def _parts(graph: Graph, limit: int):
    """`graph` whole, or if it holds more than `limit` triples, its triples in lists of up to `limit`
    (the reference data: 131,000 triples at a hundred times today's registry), each subject's
    triples in one list (a subject with more than `limit` is a list alone)."""
    if len(graph) <= limit:
        yield graph
        return
    part: list = []
    for subject in graph.subjects(unique=True):
        triples = list(graph.triples((subject, None, None)))
        if part and len(part) + len(triples) > limit:
            yield part
            part = []
        part += triples
    if part:
        yield part


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
