"""Adding one large named graph (the Sirene backbone, converters/link/sirene_backbone.py) to the
current build of OUT, streamed, through the same atomic swap as a build (converters.publish).

The new build is the current one plus the graph: registry.ttl, registry.trig and registry.nt.gz
get the graph's triples appended (N-Triples lines are Turtle; in TriG they sit in the graph's
block; registry.nt.gz gets a second gzip member), the graph has its own dump
(graph/{name}.nt.gz), and the store is loaded again from those files (the graph under its name,
and in the default graph with the rest). registry.jsonld stays the registry of the documents:
one JSON document of the national stock would not fit in memory. Nothing is read whole: the
files are copied and appended block by block.

build-info.json records where each merged dump ended before the graph (`extra_graph`), so a new
import replaces the graph instead of adding a second copy of it; `essreg build` writes a build
without it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph

from .publish import _describe_dump, current_build, swap_in

APPENDED = ("registry.ttl", "registry.trig", "registry.nt.gz")
BLOCK = 1 << 20


def _copy_prefix(source: Path, target: Path, size: int) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        left = size
        while left > 0:
            block = src.read(min(BLOCK, left))
            if not block:
                break
            dst.write(block)
            left -= len(block)


def _lines(ntriples_gz: Path):
    with gzip.open(ntriples_gz, "rb") as handle:
        yield from iter(lambda: handle.read(BLOCK), b"")


def add_graph(out: Path, name: str, ntriples_gz: Path, triples: int, summary: dict, progress=None) -> Path:
    """Publish OUT's current build plus the graph `name` (its triples in `ntriples_gz`); the new
    build's directory. `summary` is recorded in build-info.json under `extra_graph`."""
    say = progress or (lambda message: None)
    current = current_build(out)
    info = json.loads((current / "build-info.json").read_text(encoding="utf-8"))
    previous = info.get("extra_graph") or {}
    ends = previous.get("ends") or {path: (current / path).stat().st_size for path in APPENDED}
    base_triples = previous.get("base_triples", info["triples"])
    base_sha = previous.get("base_content_sha256", info["content_sha256"])
    dump = f"graph/{name.rsplit('/graph/', 1)[-1]}.nt.gz"

    def write(staging: Path) -> str:
        say(f"copying the current build {current.name}")
        for entry in current.iterdir():
            if entry.name in (*APPENDED, "store", "build-info.json") or entry.is_symlink():
                continue
            if entry.is_dir():
                shutil.copytree(entry, staging / entry.name, dirs_exist_ok=True)
            else:
                shutil.copy2(entry, staging / entry.name)
        (staging / dump).parent.mkdir(parents=True, exist_ok=True)
        (staging / dump).unlink(missing_ok=True)  # a previous import's graph is replaced
        shutil.copyfile(ntriples_gz, staging / dump)
        say(f"appending {triples} triples to the merged dumps")
        for path in ("registry.ttl", "registry.trig"):
            _copy_prefix(current / path, staging / path, ends[path])
            with open(staging / path, "ab") as handle:
                handle.write(f"\n# graph {name}: converters/publish_extra_graph.py\n".encode())
                if path.endswith(".trig"):
                    handle.write(f"<{name}> {{\n".encode())
                for block in _lines(ntriples_gz):
                    handle.write(block)
                if path.endswith(".trig"):
                    handle.write(b"}\n")
        _copy_prefix(current / "registry.nt.gz", staging / "registry.nt.gz", ends["registry.nt.gz"])
        content = hashlib.sha256()
        with gzip.open(staging / "registry.nt.gz", "rb") as handle:  # the registry's own triples
            for block in iter(lambda: handle.read(BLOCK), b""):
                content.update(block)
        with open(staging / "registry.nt.gz", "ab") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="", compresslevel=6) as member:
            for block in _lines(ntriples_gz):
                member.write(block)
                content.update(block)
        say("loading the Oxigraph store")
        store = pyoxigraph.Store(str(staging / "store"))
        store.bulk_load(path=str(staging / "registry.trig"), format=pyoxigraph.RdfFormat.TRIG)
        with gzip.open(staging / "registry.nt.gz", "rb") as merged:
            store.bulk_load(input=merged, format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        store.optimize()
        del store
        built = datetime.now(timezone.utc)
        content_sha256 = content.hexdigest()
        build_id = f"{built:%Y%m%dT%H%M%S%fZ}-{content_sha256[:12]}"
        changed = {*APPENDED, dump}
        dumps = [d if d["path"] not in changed else _describe_dump(staging, d["path"]) | (
                 {"graph": d["graph"]} if "graph" in d else {}) for d in info["dumps"] if d["path"] != dump]
        dumps.append({**_describe_dump(staging, dump), "graph": name})
        graphs = [g for g in info["graphs"] if g != name] + [name]
        updated = {**info, "id": build_id, "built": built.isoformat(timespec="seconds"), "content_sha256": content_sha256,
                "triples": base_triples + triples, "graphs": graphs, "dumps": dumps,
                "extra_graph": {**summary, "name": name, "triples": triples, "ends": ends,
                                "base_triples": base_triples, "base_content_sha256": base_sha}}
        (staging / "build-info.json").write_text(json.dumps(updated, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return build_id

    return swap_in(out, write)
