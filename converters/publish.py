"""Writing a build: dumps, the embedded Oxigraph store and the reports, swapped in at the end.

Everything is written into a staging directory inside OUT first; only a complete, validated
build replaces what OUT held, so a failed build never leaves a half-written registry.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph

from .vocab import bind_prefixes

PUBLIC_FILES = ("registry.ttl", "registry.trig", "registry.nt.gz")


def sorted_ntriples(graph: Graph) -> bytes:
    """Canonical N-Triples of a graph without blank nodes: one line per triple, sorted."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_build(out: Path, dataset: Dataset, public: list, private: list, reports: dict[str, str | bytes],
                info: dict, progress=None) -> None:
    """Write the build into OUT, replacing the previous one only once everything is written."""
    out.mkdir(parents=True, exist_ok=True)
    staging = out / f".staging-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        _write(staging, dataset, public, private, reports, info, progress)
        _swap(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _write(staging: Path, dataset: Dataset, public: list, private: list, reports, info, progress) -> None:
    say = progress or (lambda message: None)
    merged = Graph()
    bind_prefixes(merged)
    public_dataset = Dataset()
    bind_prefixes(public_dataset)
    for name in public:
        graph = dataset.graph(name)
        merged += graph
        target = public_dataset.graph(name)
        target += graph
    say(f"writing registry.ttl ({len(merged)} triples)")
    merged.serialize(staging / "registry.ttl", format="turtle", encoding="utf-8")
    say("writing registry.trig")
    public_dataset.serialize(staging / "registry.trig", format="trig", encoding="utf-8")
    say("writing registry.nt.gz")
    # mtime=0 and no file name in the header: two builds of the same data are byte-identical.
    with open(staging / "registry.nt.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(sorted_ntriples(merged))
    private_dir = staging / "private"
    private_dir.mkdir()
    private_dataset = Dataset()
    bind_prefixes(private_dataset)
    for name in private:
        target = private_dataset.graph(name)
        target += dataset.graph(name)
    private_dataset.serialize(private_dir / "private.trig", format="trig", encoding="utf-8")
    say("loading the Oxigraph store")
    store = pyoxigraph.Store(str(staging / "store"))
    store.bulk_load(path=str(staging / "registry.trig"), format=pyoxigraph.RdfFormat.TRIG)
    store.flush()
    store.optimize()
    del store  # closes the database before anyone opens it read-only
    for name, content in reports.items():
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(staging / name, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
            handle.write(content)
    info = {**info, "built": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "triples": len(merged), "graphs": [str(g) for g in public]}
    (staging / "build-info.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _swap(staging: Path, out: Path) -> None:
    """Move the staged build into OUT: directories by rename (old ones removed after), files by
    os.replace. build-info.json goes last: a reader that sees it sees a complete build."""
    for name in sorted(os.listdir(staging)):
        if name == "build-info.json":
            continue
        source, target = staging / name, out / name
        if source.is_dir():
            old = out / f".old-{name}-{os.getpid()}"
            if target.exists():
                os.replace(target, old)
            os.replace(source, target)
            if old.exists():
                shutil.rmtree(old)
        else:
            os.replace(source, target)
    os.replace(staging / "build-info.json", out / "build-info.json")
