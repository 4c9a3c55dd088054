"""The golden output of the seeds: the sorted N-Triples of their document and reference graphs.

The converters are being rebuilt step by step (issue 7); every build of the five seeds is diffed
against `seeds.nt`. When an output changes on purpose, regenerate the file in the same commit and
say why in the commit message:

    .venv/bin/python -m tests.golden.seeds
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph

from converters.publish import sorted_ntriples

GOLDEN = Path(__file__).with_name("seeds.nt")


def golden_lines(build_dir: Path, base_uri: str) -> list[str]:
    """The triples of every public named graph but the ontology's, as sorted N-Triples lines."""
    dataset = Dataset()
    dataset.parse(build_dir / "registry.trig", format="trig")
    merged = Graph()
    for graph in dataset.graphs():
        if str(graph.identifier) != f"{base_uri}graph/ontology":
            merged += graph
    return sorted_ntriples(merged).decode("utf-8").splitlines()


def main() -> int:
    from converters.ids import IdTable
    from converters.pipeline import DEFAULT_BASE_URI, build

    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        ids_copy = Path(tmp) / "ids.tsv"
        ids_copy.write_bytes((root / "data" / "ids.tsv").read_bytes())
        outcome = build(sorted((root / "data" / "fiches").glob("*.txt")), Path(tmp) / "out",
                        DEFAULT_BASE_URI, IdTable(ids_copy))
        if outcome.exit_code != 0:
            print(f"the build of the seeds failed (exit code {outcome.exit_code})", file=sys.stderr)
            return 1
        lines = golden_lines(Path(tmp) / "out", DEFAULT_BASE_URI)
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(lines)} triples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
