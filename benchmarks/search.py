"""How fast /search answers (issue 10: well under 100 ms, also on a registry 100 times larger).

    .venv/bin/python benchmarks/search.py [--data DIR] [--copies 100] [--runs 20]

Builds the seeds (or reads the build in --data), then times the search index on it and on an
index of `--copies` renamed copies of every entry (a registry that many times larger), for a few
queries, and the whole HTTP answer through Flask's test client on the real registry. Prints the
median and the worst of `--runs` runs per query, in milliseconds, and the index sizes.
"""
from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ("coopaxis", "poles noe", "scop", "association", "developpement economique", "a")


def timed(function, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), max(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a build to read (default: build the seeds in a temporary folder)")
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from endpoint import create_app
    from endpoint.search import SearchIndex, search_index

    temporary = None
    data = args.data
    if data is None:
        from converters.ids import IdTable
        from converters.pipeline import DEFAULT_BASE_URI, build

        temporary = Path(tempfile.mkdtemp(prefix="essreg-search-"))
        shutil.copy(ROOT / "data" / "ids.tsv", temporary / "ids.tsv")
        outcome = build(sorted((ROOT / "data" / "fiches").glob("*.txt")), temporary / "out", DEFAULT_BASE_URI,
                        IdTable(temporary / "ids.tsv"))
        if outcome.exit_code != 0:
            print(f"the build of the seeds failed: {outcome.summary}")
            return 1
        data = temporary / "out"
    try:
        app = create_app({"TESTING": True, "DATA_DIR": data})
        client = app.test_client()
        with app.test_request_context("/search?q=x"):
            entries = search_index().entries
            start = time.perf_counter()
            large = SearchIndex([dataclasses.replace(e, iri=f"{e.iri}-{n}") for n in range(args.copies) for e in entries])
            built = (time.perf_counter() - start) * 1000
            small = SearchIndex(entries)
        print(f"# Search: {len(entries):,} entries, and {len(large.entries):,} in {args.copies} copies "
              f"(index built in {built:.0f} ms); median / worst of {args.runs} runs, ms\n")
        print("| query | registry | x%d | HTTP /search.json on the registry |" % args.copies)
        print("|---|---|---|---|")
        for query in QUERIES:
            s = timed(lambda: small.search(query), args.runs)
            l_ = timed(lambda: large.search(query), args.runs)
            h = timed(lambda: client.get("/search.json", query_string={"q": query}), args.runs)
            print(f"| {query} | {s[0]:.2f} / {s[1]:.2f} | {l_[0]:.2f} / {l_[1]:.2f} | {h[0]:.2f} / {h[1]:.2f} |")
        print("\nTarget (issue 10): under 100 ms on both.")
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
