"""Benchmark of a build, and of the store the server reads against rdflib's, measured in one run.

    .venv/bin/python benchmarks/build.py [--copies N]

Prints: the time of each stage of `essreg build` on the five seeds (conversion, RDF, validation,
publication) and the peak memory of the process; then, on the built registry and on N renamed
copies of it (a registry of ~N times the size), the load time, a GROUP BY query and the memory of
pyoxigraph's store against rdflib's in-memory graph, with the ratios.
"""
from __future__ import annotations

import argparse
import gc
import gzip
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402
from rdflib import Graph  # noqa: E402

from converters.ids import IdTable  # noqa: E402
from converters.paths import FICHES_DIR, IDS_TABLE  # noqa: E402
from converters.link import link, linkers  # noqa: E402
from converters.pipeline import DEFAULT_BASE_URI, convert, mint_ids, public_graph_names, write_rdf  # noqa: E402
from converters.resolution import resolve  # noqa: E402
from converters.publish import write_build  # noqa: E402
from converters.validation import validate  # noqa: E402

QUERY = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX rov: <http://www.w3.org/ns/regorg#>
SELECT ?form (COUNT(DISTINCT ?o) AS ?n) WHERE { ?m org:member ?o . ?o rov:orgType ?form } GROUP BY ?form ORDER BY DESC(?n)"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {label:<38} {elapsed:8.2f} s")
    return result, elapsed


def bench_build(out: Path) -> Path:
    print("Build of the five seeds (in process)")
    table = out.parent / "ids.tsv"  # a copy: a benchmark never mints into the committed table
    table.write_bytes(IDS_TABLE.read_bytes() if IDS_TABLE.exists() else b"")
    ids = IdTable(table if IDS_TABLE.exists() else None)
    paths = sorted(FICHES_DIR.glob("*.txt"))
    conversion, t1 = timed("convert (read, extract)", convert, paths)
    chain = linkers()
    _, t_link = timed("link (geography, legal categories...)", link, conversion.documents, chain)
    resolution, t_resolve = timed("resolve entities, mint ids", resolve, conversion.documents)
    mint_ids(resolution, ids)
    dataset, t2 = timed("write RDF", write_rdf, conversion.documents, resolution, ids, DEFAULT_BASE_URI, chain)
    t2 += t_link + t_resolve
    names = public_graph_names(dataset, DEFAULT_BASE_URI)
    data = Graph()
    for name in names:
        data += dataset.graph(name)
    report, t3 = timed(f"validate ({len(data)} triples, rudof)", validate, data)
    _, t4 = timed("publish (dumps, Oxigraph store)", write_build, out, dataset, names,
                  [dataset.graph(DEFAULT_BASE_URI + "graph/private").identifier], {}, {"base_uri": DEFAULT_BASE_URI},
                  merged=data)
    print(f"  {'total':<38} {t1 + t2 + t3 + t4:8.2f} s   conforms: {report.conforms}")
    print(f"  peak RSS of the process so far {peak_rss_mb():.0f} MB")
    return out / "registry.nt.gz"


def copies(ntriples: bytes, n: int) -> bytes:
    """N copies of the registry with renamed data URIs (id/ -> id{k}/): N times the triples."""
    marker = (DEFAULT_BASE_URI + "id/").encode()
    return b"".join(ntriples.replace(marker, (DEFAULT_BASE_URI + f"id{k}/").encode()) for k in range(n))


def bench_stores(nt: bytes, label: str) -> None:
    lines = nt.count(b"\n")
    print(f"\nStore: {label} ({lines} triples)")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "data.nt"
        path.write_bytes(nt)
        gc.collect()
        tracemalloc.start()
        start = time.perf_counter()
        graph = Graph().parse(path, format="nt")
        rdflib_load = time.perf_counter() - start
        rdflib_memory = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        start = time.perf_counter()
        rdflib_rows = len(list(graph.query(QUERY)))
        rdflib_query = time.perf_counter() - start
        del graph
        gc.collect()
        start = time.perf_counter()
        store = pyoxigraph.Store(str(Path(directory) / "store"))
        store.bulk_load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES)
        oxigraph_load = time.perf_counter() - start
        start = time.perf_counter()
        oxigraph_rows = len(list(store.query(QUERY)))
        oxigraph_query = time.perf_counter() - start
        on_disk = sum(f.stat().st_size for f in (Path(directory) / "store").rglob("*") if f.is_file())
        del store
    assert rdflib_rows == oxigraph_rows, (rdflib_rows, oxigraph_rows)
    print(f"  {'':<12}{'rdflib (peer)':>16}{'pyoxigraph':>14}{'ratio':>10}")
    print(f"  {'load':<12}{rdflib_load:>14.2f} s{oxigraph_load:>12.2f} s{rdflib_load / oxigraph_load:>9.1f}x")
    print(f"  {'GROUP BY':<12}{rdflib_query * 1000:>13.1f} ms{oxigraph_query * 1000:>11.1f} ms{rdflib_query / oxigraph_query:>9.1f}x")
    print(f"  memory: rdflib graph {rdflib_memory / 2**20:.0f} MB of Python heap; Oxigraph store {on_disk / 2**20:.0f} MB on disk")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=30, help="copies of the registry for the scaled store benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        dump = bench_build(Path(directory) / "build")
        nt = gzip.decompress(dump.read_bytes())
        bench_stores(nt, "the registry")
        bench_stores(copies(nt, args.copies), f"{args.copies} renamed copies of the registry")
    print(f"\npeak RSS of the whole run: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
