"""Writing a build and swapping it into place: dumps, the embedded Oxigraph store and the reports.

Each build is written whole into its own directory, OUT/builds/{id}, and published by replacing
the symbolic link OUT/current with one to it: a rename, so a reader (a server worker, a download)
sees the previous build or the new one, never a half-written one. The server notices the new
target of OUT/current and reopens. The last few builds are kept, so a worker still answering
from the previous one when the link changes can finish its request.

OUT/registry.ttl, OUT/store, OUT/build-info.json... are links through OUT/current, so every
path of the flat layout keeps working for people and scripts.

The store's default graph is the merged public registry, each triple once (the triples of
registry.nt.gz), and each public named graph is there under its name: researchers count with
SPARQL, and a query without GRAPH must not see a triple twice because two documents state it.

A build killed before its rename leaves its staging folder behind; the next build removes the
staging folders (and half-made links) of processes that no longer run.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph

from .geojson import DEPARTEMENTS_GEOJSON, registry_geojson
from .jsonld_dump import write_jsonld
from .oxigraph_terms import OxigraphTerms, by_subject
from .vocab import PREFIXES, RDF

PUBLIC_FILES = ("registry.ttl", "registry.trig", "registry.nt.gz", "registry.jsonld")
GEOJSON = "registry.geojson"  # the located poles (converters/geojson.py), a dump
MAP_BASE_LAYER = "map/departements.geojson"  # the base layer of /map, copied from data/reference/map/
JSONLD_CONTEXT = "context.jsonld"  # served at {base}context.jsonld; registry.jsonld is compacted with it
BUILDS = "builds"
CURRENT = "current"
KEPT_BUILDS = 3  # the current one and two before it: time for workers to let go of them


STORE_BATCH_LINES = 200_000  # N-Triples lines a bulk load of the store: Oxigraph's loader holds a batch in memory


def sorted_ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples: blank nodes labelled by RDFC-1.0 (pyoxigraph), one line per triple, sorted.

    Two builds of the same data give the same bytes, blank nodes (OWL axioms) included.
    """
    return b"".join(canonical_lines(OxigraphTerms().triples(graph))) or b"\n"


def canonical_lines(triples) -> list[bytes]:
    """The lines of `sorted_ntriples` (each with its end of line) of pyoxigraph triples. Only the
    triples with a blank node go through RDFC-1.0 (a blank node's canonical label depends on those
    alone); the others, a million at 100 times today's registry, are written as they are, which is
    canonical N-Triples already."""
    blank: list[pyoxigraph.Triple] = []

    def without_blank_nodes():
        for triple in triples:
            if isinstance(triple.subject, pyoxigraph.BlankNode) or isinstance(triple.object, pyoxigraph.BlankNode):
                blank.append(triple)
            else:
                yield triple

    with tempfile.TemporaryFile() as text:  # on disk: the lines are read one by one, never all in one string
        pyoxigraph.serialize(without_blank_nodes(), text, format=pyoxigraph.RdfFormat.N_TRIPLES)
        dataset = pyoxigraph.Dataset(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in blank)
        dataset.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
        pyoxigraph.serialize(dataset, text, format=pyoxigraph.RdfFormat.N_QUADS)
        text.seek(0)
        lines = [line for line in text if line.strip()]
    # UTF-8 bytes sort as their code points: the order of the lines as text
    lines.sort()
    # two rdflib terms may be one RDF term (a triple then comes twice): each line once
    return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]


class PublicGraphs(Graph):
    """The union of a Dataset's `public` graphs, each triple once, read in place from the Dataset's
    store (read-only): what validation and publication read instead of a merged copy, which took
    rdflib's memory store a gigabyte at a million triples. Its prefixes are a new Graph's."""

    def __init__(self, dataset: Dataset, public: list):
        super().__init__(store=dataset.store, namespace_manager=Graph().namespace_manager)
        names = set(public)
        # the triples of the other graphs (the private one) that no public graph holds: a few thousand
        self._hidden = {triple for graph in dataset.store.contexts() if graph.identifier not in names
                        for triple in graph
                        if not any(c.identifier in names for c in dataset.store.contexts(triple))}

    def triples(self, pattern):
        hidden = self._hidden
        for triple, _ in self.store.triples(pattern, None):  # the store's union of its graphs
            if triple not in hidden:
                yield triple

    def __len__(self) -> int:
        return len(self.store) - len(self._hidden)


def write_build(out: Path, dataset: Dataset, public: list, private: list, reports: dict[str, str | bytes],
                info: dict, progress=None, merged: Graph | None = None) -> Path:
    """Write the build into OUT/builds/{id} and make it OUT's current build; its directory.
    `merged`: the public graphs merged (by default PublicGraphs(dataset, public))."""
    return swap_in(out, lambda staging: _write(staging, dataset, public, private, reports, info, progress, merged))


def swap_in(out: Path, write) -> Path:
    """Publish a build written by `write(staging)` (which returns the build's id) as OUT's current
    build, atomically: a failure leaves the current build as it was. The new build's directory."""
    builds = out / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out)
    staging = builds / f".staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        build_id = write(staging)
        directory = builds / build_id
        os.replace(staging, directory)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    _make_current(out, directory)
    _prune(builds, keep=directory)
    return directory


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove what builds killed midway left in OUT: their builds/.staging-{pid} folders and their
    .current-{pid} links, unless process {pid} still runs (a build going on beside this one)."""
    removed = []
    for pattern, folder in ((".staging-*", out / BUILDS), (f".{CURRENT}-*", out)):
        for path in folder.glob(pattern):
            pid = path.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and _running(int(pid)):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def current_build(out: Path) -> Path:
    """The directory of OUT's current build."""
    return (out / CURRENT).resolve()


def _write(staging: Path, dataset: Dataset, public: list, private: list, reports, info, progress,
           merged: Graph | None = None) -> str:
    """Write every file of the build into `staging`; the build's id.

    The triples stream from rdflib's graphs to Oxigraph's serialisers (Rust), converted term by
    term (converters/oxigraph_terms.py): no other copy of the registry is made; the store loads
    registry.nt.gz's lines (its default graph) and the graphs' dumps, a batch at a time. The dumps
    are not written from the store: it keeps literals in a canonical form ("7"^^xsd:positiveInteger
    comes back as an xsd:integer), and the dumps keep every term as the build wrote it."""
    say = progress or (lambda message: None)
    base = info["base_uri"]
    prefixes = jsonld_context()
    merged = PublicGraphs(dataset, public) if merged is None else merged
    terms = OxigraphTerms()
    names = [pyoxigraph.NamedNode(str(name)) for name in public]
    say("writing registry.nt.gz")
    lines = canonical_lines(terms.triples(merged))
    triples = len(lines)
    content = hashlib.sha256()
    say("loading the Oxigraph store")
    store = pyoxigraph.Store(str(staging / "store"))
    # mtime=0 and no file name in the header: two builds of the same data are byte-identical.
    with open(staging / "registry.nt.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        for start in range(0, max(len(lines), 1), STORE_BATCH_LINES):
            batch = b"".join(lines[start:start + STORE_BATCH_LINES]) or b"\n"
            gz.write(batch)
            content.update(batch)
            # the default graph: the merged registry, each public triple once (registry.nt.gz's lines)
            store.bulk_load(input=batch, format=pyoxigraph.RdfFormat.N_TRIPLES)
    content_sha256 = content.hexdigest()
    del lines
    say(f"writing registry.ttl ({triples} triples)")
    pyoxigraph.serialize(terms.triples(by_subject(merged)), str(staging / "registry.ttl"), format=pyoxigraph.RdfFormat.TURTLE,
                         prefixes=prefixes)
    say("writing registry.trig")
    pyoxigraph.serialize((quad for name, node in zip(public, names) for quad in terms.quads(by_subject(dataset.graph(name)), [node])),
                         str(staging / "registry.trig"), format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes)
    say("writing the graphs' dumps (graph/*.ttl)")
    dumps = [_write_graph_dump(staging, terms.triples(by_subject(dataset.graph(name))), str(name), base, prefixes) for name in public]
    say("writing registry.jsonld")
    (staging / JSONLD_CONTEXT).write_text(json.dumps({"@context": prefixes}, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")
    write_jsonld(staging / "registry.jsonld", merged, prefixes, base + JSONLD_CONTEXT)
    dumps = [*(_describe_dump(staging, name) for name in PUBLIC_FILES), *dumps]
    private_dir = staging / "private"
    private_dir.mkdir()
    pyoxigraph.serialize((quad for name in private
                          for quad in terms.quads(by_subject(dataset.graph(name)), [pyoxigraph.NamedNode(str(name))])),
                         str(private_dir / "private.trig"), format=pyoxigraph.RdfFormat.TRIG, prefixes=prefixes)
    del terms
    say("loading the Oxigraph store's named graphs")
    for dump in dumps:  # a graph at a time: Oxigraph's loader holds what one call loads in memory
        if "graph" in dump:
            store.bulk_load(path=str(staging / dump["path"]), format=pyoxigraph.RdfFormat.TURTLE,
                            to_graph=pyoxigraph.NamedNode(dump["graph"]))
    store.flush()
    store.optimize()
    say("writing registry.geojson")
    geojson = registry_geojson(store, base)
    (staging / GEOJSON).write_text(json.dumps(geojson, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    dumps.insert(len(PUBLIC_FILES), _describe_dump(staging, GEOJSON))
    (staging / MAP_BASE_LAYER).parent.mkdir()
    shutil.copyfile(DEPARTEMENTS_GEOJSON, staging / MAP_BASE_LAYER)
    del store  # closes the database before anyone opens it read-only
    for name, content in reports.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(staging / name, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
    built = datetime.now(timezone.utc)
    build_id = f"{built:%Y%m%dT%H%M%S%fZ}-{content_sha256[:12]}"
    info = {**info, "id": build_id, "built": built.isoformat(timespec="seconds"),
            "content_sha256": content_sha256, "triples": triples, "graphs": [str(g) for g in public],
            "default_graph": "merged",  # the store's default graph holds the public graphs merged
            "dumps": dumps}
    (staging / "build-info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return build_id


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context of the registry: its vocabularies' prefixes."""
    return {"rdf": str(RDF), **{prefix: str(namespace) for prefix, namespace in PREFIXES.items()}}


def _write_graph_dump(staging: Path, triples, name: str, base: str, prefixes: dict[str, str]) -> dict:
    """One named graph (its pyoxigraph triples) as Turtle, at graph/{path}.ttl for the graph {base}graph/{path}."""
    prefix = base + "graph/"
    if not name.startswith(prefix):
        raise ValueError(f"public graph {name} is not under {prefix}")
    path = f"graph/{name[len(prefix):]}.ttl"
    (staging / path).parent.mkdir(parents=True, exist_ok=True)
    pyoxigraph.serialize(triples, str(staging / path), format=pyoxigraph.RdfFormat.TURTLE, prefixes=prefixes)
    return {**_describe_dump(staging, path), "graph": name}


def _describe_dump(staging: Path, path: str) -> dict:
    """What the server and the catalogue say about a dump: its size and checksum."""
    digest = hashlib.sha256()
    with open(staging / path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return {"path": path, "bytes": (staging / path).stat().st_size, "sha256": digest.hexdigest()}


def _make_current(out: Path, directory: Path) -> None:
    """Point OUT/current at `directory` (one atomic rename), and keep the flat-layout links."""
    link = out / f".{CURRENT}-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(directory.relative_to(out))
    os.replace(link, out / CURRENT)
    for name in os.listdir(directory):
        _link_through_current(out, name)


def _link_through_current(out: Path, name: str) -> None:
    """OUT/name -> current/name, replacing what an older flat build left there."""
    path = out / name
    target = Path(CURRENT) / name
    if path.is_symlink():
        if Path(os.readlink(path)) == target:
            return
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()
    path.symlink_to(target)


def _prune(builds: Path, keep: Path) -> None:
    """Remove all but the KEPT_BUILDS newest builds (ids start with the build time)."""
    done = sorted(path for path in builds.iterdir() if not path.name.startswith("."))
    for old in done[:-KEPT_BUILDS]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
