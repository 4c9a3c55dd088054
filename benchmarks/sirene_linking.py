"""Precision and recall of the SIRENE linker per legal family, on a SYNTHETIC labelled case
(converters.link.sirene_synthetic): a real build of synthetic pole documents, linked to synthetic
Sirene stock files with planted true units and hard decoys.

    PYTHONPATH=. python benchmarks/sirene_linking.py [--seed 11] [--poles 10] [--min-score 0.8]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rdflib import Graph  # noqa: E402

from converters.ids import IdTable  # noqa: E402
from converters.link import linkers  # noqa: E402
from converters.link.sirene import SireneLinker  # noqa: E402
from converters.link.sirene_synthetic import evaluate, precision_recall, read_truth, synthetic_case  # noqa: E402
from converters.pipeline import DEFAULT_BASE_URI, build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--poles", type=int, default=10)
    parser.add_argument("--min-score", type=float, default=0.80)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = synthetic_case(Path(tmp), seed=args.seed, poles=args.poles)
        linker = SireneLinker(paths["unites"], paths["etablissements"], min_score=args.min_score, decisions=None)
        started = time.monotonic()
        outcome = build(sorted(paths["fiches"].glob("*.txt")), None, DEFAULT_BASE_URI, IdTable(None), chain=linkers(linker))
        graph = Graph()
        for name in outcome.public:
            graph += outcome.dataset.graph(name)
        counts = evaluate(graph, read_truth(paths["truth"]))
    print(f"SYNTHETIC case: seed {args.seed}, {args.poles} poles, min score {args.min_score}; build exit code "
          f"{outcome.exit_code}, {time.monotonic() - started:.1f} s")
    print(f"{'family':<22} {'expected':>8} {'linked':>7} {'correct':>7} {'unread':>6} {'precision':>9} {'recall':>7}")
    for family, count in counts.items():
        precision, recall = precision_recall(count)
        print(f"{family:<22} {count['expected']:>8} {count['linked']:>7} {count['correct']:>7} {count['unread']:>6} "
              f"{precision:>9.3f} {recall:>7.3f}")


if __name__ == "__main__":
    main()
