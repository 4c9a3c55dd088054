"""From source documents to a validated RDF dataset, one function per stage:
read and detect (`convert_file`: a kind's `parse` segments and extracts) -> link (`link.link`) ->
resolve (`resolution.resolve`) -> mint ids (`mint_ids`) -> RDF (`write_rdf`) -> validate
(`validation.validate`) -> publish (`publish.write_build`). `build` runs them all.
"""
from __future__ import annotations

import gc
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .conversion_cache import ConversionCache
from .errors import ConversionError, InternalError
from .ids import IdTable, Uris
from .kinds import KINDS
from .link import Referred, link, reference_graph, registered_sirens
from .model import BOILERPLATE, PRIVATE, STATEMENT, TEXT, Document
from .paths import ONTOLOGY_DIR, SCHEMES_DIR
from .publish import PublicGraphs, write_build
from .resolution import resolve
from .privacy import mask_public
from .reading.reader import read
from .reading.source import SourceText, read_source
from .rules import persons
from .to_rdf import RdfWriter
from .validation import validate, validate_in_chunks

DEFAULT_BASE_URI = "http://127.0.0.1:8000/"
# Beyond this many triples a build validates in chunks of documents (the SHACL engine over one graph of a
# million triples takes too long and too much memory: benchmarks/synthetic_registry.py).
WHOLE_GRAPH_VALIDATION_TRIPLES = 200_000


@dataclass
class Conversion:
    documents: list[Document] = field(default_factory=list)
    failures: list[ConversionError] = field(default_factory=list)


DETECTION_CHARS = 200_000  # a kind is recognised from the beginning of a document


def detect_kind(source: SourceText, kinds=KINDS):
    """The kind (of `kinds`) that recognises the document best, or None."""
    lines, size = [], 0
    for line in source.lines:
        lines.append(line[: DETECTION_CHARS - size])
        size += len(lines[-1])
        if size >= DETECTION_CHARS:
            break
    beginning = SourceText(source.path, tuple(lines), source.sha256, source.diagnostics)
    scored = sorted(((kind.detect(beginning), kind.KIND, kind) for kind in kinds), key=lambda t: (-t[0], t[1]))
    return scored[0][2] if scored and scored[0][0] > 0 else None


def convert_file(path: Path | str, kinds=KINDS) -> Document:
    """A document read by the kind of `kinds` that recognises it best (converters.kinds.KINDS
    unless told otherwise: a test or a steward may try a kind before registering it)."""
    source = read_source(path)
    kind = detect_kind(source, kinds)
    if kind is None:
        raise ConversionError(
            source.path,
            "nothing recognisable: not a kind of document the registry knows "
            f"({', '.join(k.KIND for k in kinds)})",
        )
    document = kind.parse(source)
    if not hasattr(kind, "SUBJECT"):  # kinds that do not read with the shared rules: persons are found all the same
        document.persons = read(source, rules=[persons]).persons()
        document.diagnostics.extend(d for d in source.diagnostics if d not in document.diagnostics)
    if not (document.poles or document.calls or document.organisations or document.schemes):
        raise ConversionError(source.path, f"read as {kind.KIND}, but neither a pole nor an organisation was found in it")
    document.source_lines = source.lines
    return document


def convert(paths: list[Path], keep_going: bool = False, progress=None, kinds=KINDS,
            cache: ConversionCache | None = None) -> Conversion:
    """The documents of `paths`; with a `cache` (the default kinds only), a document whose bytes
    and converters are those of an earlier build is taken from it instead of read again."""
    result = Conversion()
    cache = cache if kinds is KINDS else None
    for path in paths:
        try:
            document, key = cache.get(path) if cache else (None, None)
            if document is None:
                if progress:
                    progress(f"converting {path}")
                document = convert_file(path, kinds)
                if key:
                    cache.put(key, document)
            result.documents.append(document)
        except ConversionError as error:
            result.failures.append(error)
            if not keep_going:
                break
        except RecursionError as error:  # a document nested beyond reason: bad input, not a defect
            result.failures.append(ConversionError(path, f"too deeply nested to read ({error})"))
            if not keep_going:
                break
        except Exception as error:
            raise InternalError(path, "converting it", error) from error
    return result


def ontology_graph() -> Graph:
    graph = Graph()
    for path in [ONTOLOGY_DIR / "ess.ttl", *sorted(SCHEMES_DIR.glob("*.ttl"))]:
        graph.parse(path, format="turtle")
    return graph


def mint_ids(resolution, ids: IdTable) -> None:
    """Entities that resolution merged share one slug in the identifier table."""
    for group in resolution.groups:
        ids.unify(group.kind, [m.qualified for m in group.members], group.label)


def write_rdf(documents: list[Document], resolution, ids: IdTable, base_uri: str, chain=None) -> Dataset:
    """The whole registry: ontology, reference data, one graph per document, the private graph."""
    uris = Uris(base_uri)
    dataset = Dataset()
    ontology = dataset.graph(uris.graph("ontology"))
    ontology += ontology_graph()
    writer = RdfWriter(dataset, uris, ids, resolution)
    for document in documents:
        writer.write(document)
    writer.write_retired(dataset.graph(uris.graph("reference")))
    names = sorted({name for document in documents for name in document.persons})
    mask_public([dataset.graph(uris.graph("document", d.stem)) for d in documents], names)
    reference = dataset.graph(uris.graph("reference"))
    documents_graphs = [dataset.graph(uris.graph("document", d.stem)) for d in documents]
    reference += reference_graph(uris, Referred(places=list(writer.places.values()),
                                                sirens=registered_sirens(documents_graphs)), chain)
    return dataset


def public_graph_names(dataset: Dataset, base_uri: str) -> list:
    private = Uris(base_uri).graph("private")
    return sorted(
        g.identifier for g in dataset.graphs()
        if g.identifier != private and len(g) and str(g.identifier).startswith(Uris(base_uri).base)
    )


# --- the whole build ------------------------------------------------------------------------

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class BuildOutcome:
    exit_code: int
    conversion: Conversion
    report: object | None  # validation.Report
    summary: dict
    written: bool
    dataset: Dataset | None = None  # the registry, when it was assembled
    public: list = field(default_factory=list)  # names of its public graphs


def explanation(document: Document) -> list[str]:
    """What became of each line of a document, and what the rules found in it."""
    out = [f"{document.path}: read as {document.kind}"]
    for n, line in enumerate(read_source(document.path).lines, 1):
        if not line.strip():
            continue
        out.append(f"{n:5} {document.line_use.get(n, 'DROPPED'):<11} {line.strip()[:110]}")
        out.extend(f"{'':17} - {note}" for note in document.explanation.get(n, []))
    return out


def line_summary(document: Document) -> dict:
    """What became of each non-empty line of a document (the "nothing lost" accounting)."""
    counts = {how: sum(1 for n in document.nonempty_lines if document.line_use.get(n) == how)
              for how in (STATEMENT, TEXT, PRIVATE, BOILERPLATE)}
    dropped = document.dropped_lines()
    return {
        "file": str(document.path),
        "kind": document.kind,
        "non_empty_lines": len(document.nonempty_lines),
        "statements": counts[STATEMENT],
        "private": counts[PRIVATE],
        "text": counts[TEXT],
        "boilerplate": counts[BOILERPLATE],
        "dropped": len(dropped),
        "dropped_lines": dropped,
        "poles": len(document.poles),
        "organisations": len(document.organisations),
        "warnings": [str(d) for d in document.diagnostics if d.level == "warning"],
    }


def build_summary(conversion: Conversion, report, merges=None, refused=None) -> dict:
    return {
        "documents": [line_summary(d) for d in conversion.documents],
        "merges": merges or [],
        "merges_refused": refused or [],
        "failures": [str(f) for f in conversion.failures],
        "validation": None if report is None else {
            "conforms": report.conforms,
            "violations": [str(r) for r in report.violations],
            "warnings": [str(r) for r in report.warnings],
        },
    }


def build(paths: list[Path], out: Path | None, base_uri: str, ids: IdTable, keep_going: bool = False,
          progress=None, kinds=KINDS, chain=None, cache: ConversionCache | None = None) -> BuildOutcome:
    """Convert, validate and (when `out` is given and all is well) publish a registry; `kinds`: the
    kinds of document it knows (converters.kinds.KINDS); `chain`: the linkers (converters.link.linkers());
    `cache`: the conversions of earlier builds (converters.conversion_cache)."""
    say = progress or (lambda message: None)
    started = time.monotonic()
    conversion = convert(paths, keep_going=keep_going, progress=say, kinds=kinds, cache=cache)
    if cache is not None:
        say(f"{cache.hits} document(s) unchanged since an earlier build (conversion reused), {cache.misses} read")
        if keep_going or not conversion.failures:  # every document was visited: the others are gone
            cache.prune()
    if conversion.failures and not keep_going:
        return BuildOutcome(EXIT_INPUT, conversion, None, build_summary(conversion, None), False)
    return build_documents(conversion, out, base_uri, ids, progress=say, chain=chain, started=started)


@contextmanager
def _growing_heap():
    """No cyclic garbage collection while the registry's millions of rdflib objects are made (they
    hold no garbage cycles, and each full collection would walk them all: a fifth of the RDF stage's
    CPU time and a third of the merge's at 30 times today's registry); after, they are frozen:
    later collections (the validation's garbage) skip them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def build_documents(conversion: Conversion, out: Path | None, base_uri: str, ids: IdTable, progress=None,
                    chain=None, started: float | None = None, validation: str = "auto") -> BuildOutcome:
    """The build from the document model on: link, resolve, mint ids, RDF, validate, publish. `build`
    gives it the documents it converted; benchmarks/synthetic_registry.py gives it generated ones.
    `validation`: "whole" (one SHACL run over the merged registry), "chunked"
    (validation.validate_in_chunks) or "auto" (chunks beyond WHOLE_GRAPH_VALIDATION_TRIPLES)."""
    say = progress or (lambda message: None)
    started = time.monotonic() if started is None else started
    try:
        return _build_documents(conversion, out, base_uri, ids, say, chain, started, validation)
    finally:
        gc.unfreeze()  # what the build made is collected as usual once it is dropped


def _build_documents(conversion: Conversion, out: Path | None, base_uri: str, ids: IdTable, say, chain,
                     started: float, validation: str) -> BuildOutcome:
    stage = "linking"
    try:
        say(f"linking and resolving {len(conversion.documents)} document(s)")
        link(conversion.documents, chain)
        stage = "resolving entities"
        resolution = resolve(conversion.documents)
        mint_ids(resolution, ids)
        stage = "writing RDF"
        say(f"writing RDF for {len(conversion.documents)} document(s)")
        with _growing_heap():
            dataset = write_rdf(conversion.documents, resolution, ids, base_uri, chain)
    except Exception as error:
        raise InternalError(", ".join(str(d.path) for d in conversion.documents), stage, error) from error
    public = public_graph_names(dataset, base_uri)
    data = PublicGraphs(dataset, public)
    if validation == "chunked" or (validation == "auto" and len(data) > WHOLE_GRAPH_VALIDATION_TRIPLES):
        say(f"validating {len(data)} triples against shapes/, in chunks of documents")
        ontology = Uris(base_uri).graph("ontology")
        report = validate_in_chunks([dataset.graph(n) for n in public if n != ontology], data,
                                    context=dataset.graph(ontology), progress=say)
    else:
        say(f"validating {len(data)} triples against shapes/")
        report = validate(data)
    summary = build_summary(conversion, report, resolution.report(), resolution.refusals())
    if not report.conforms:
        return BuildOutcome(EXIT_INVALID, conversion, report, summary, False, dataset, public)
    written = False
    if out is not None:
        reports = {
            "validation-report.ttl": report.graph.serialize(format="turtle"),
            "validation-report.txt": report.text(),
            "build-report.json": json.dumps(summary, indent=2, ensure_ascii=False) + "\n",
        }
        private = [Uris(base_uri).graph("private")]
        write_build(out, dataset, public, private, reports, {"base_uri": Uris(base_uri).base}, progress=say, merged=data)
        written = True
    say(f"done in {time.monotonic() - started:.1f} s")
    code = EXIT_INPUT if conversion.failures else EXIT_OK
    return BuildOutcome(code, conversion, report, summary, written, dataset, public)
