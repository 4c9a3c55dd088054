"""How well the converters read texts they were not written for, and how fast.

    python benchmarks/extraction.py --corpus ../shared/corpus [--seeds data/fiches] [--out DIR]

Converts the corpus's texts together with the seeds (so that poles described in both merge),
writes the public output (Turtle), then runs the corpus's own scorer (`score.py`, with its
`facts.jsonl`) as it is, three times: all texts, texts 01-11 (`--half first`: the texts to
develop on) and texts 12-22 (`--half second`: the gap between the halves is how much was
memorised). Prints found/total per fact type, the poles that match no fact (page chrome, dates
or sentence fragments taken for names are defects), and the throughput in KB of text per second,
the loading of the language model and of the reference data excluded: of the conversion (read,
detect, segment, extract: text to document model), then of the whole build (with resolution,
RDF and SHACL validation).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load_models() -> float:
    """Load spaCy's model and the reference indexes once; the seconds it took."""
    from converters.link.gazetteer import _demonyms, _index, _irregular_demonyms
    from converters.reading.nlp import get_nlp
    from converters.rules.persons import first_names
    from converters.vocabularies import load_vocabularies

    started = time.perf_counter()
    get_nlp()
    _index()
    _demonyms()
    _irregular_demonyms()
    first_names()
    load_vocabularies()
    return time.perf_counter() - started


def convert(paths: list[Path], output: Path) -> tuple[dict[str, float], int]:
    """Build and write the public graphs merged; (seconds per stage, exit code)."""
    from rdflib import Graph

    from converters.ids import IdTable
    from converters.pipeline import DEFAULT_BASE_URI, build

    marks: list[tuple[str, float]] = []

    def mark(message: str) -> None:  # the build announces each stage
        marks.append((message.split()[0], time.perf_counter()))

    with tempfile.TemporaryDirectory() as tmp:
        ids = Path(tmp) / "ids.tsv"
        ids.write_bytes((ROOT / "data" / "ids.tsv").read_bytes())
        started = time.perf_counter()
        outcome = build(paths, None, DEFAULT_BASE_URI, IdTable(ids), keep_going=True, progress=mark)
        ended = time.perf_counter()
    at = {stage: moment for stage, moment in reversed(marks)}  # first moment of each stage
    seconds = {"conversion": at.get("linking", ended) - started, "build": ended - started}
    for failure in outcome.conversion.failures:
        print(f"conversion failure: {failure}", file=sys.stderr)
    if outcome.dataset is None:
        raise SystemExit("nothing was converted")
    graph = Graph()
    for name in outcome.public:
        graph += outcome.dataset.graph(name)
    graph.serialize(output, format="turtle")
    return seconds, outcome.exit_code


def score(scorer: Path, output: Path, half: str | None) -> tuple[list[str], list[str], str]:
    """Run the corpus's scorer; (lines per fact type, unexpected poles, total line)."""
    command = [sys.executable, str(scorer), str(output)] + (["--half", half] if half else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    types = [line.strip() for line in lines if re.match(r"\s+[\w ]+: \d+/\d+$", line)]
    unexpected = [line for line in lines if line.startswith("UNEXPECTED")]
    total = next((line for line in reversed(lines) if line.endswith(" facts")), "no total")
    return types, unexpected, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of texts with score.py and facts.jsonl")
    parser.add_argument("--seeds", type=Path, default=ROOT / "data" / "fiches", help="the registry's own documents")
    parser.add_argument("--out", type=Path, help="where to write the converted registry (default: a temporary file)")
    args = parser.parse_args()
    scorer = args.corpus / "score.py"
    if not scorer.exists():
        raise SystemExit(f"{scorer}: no scorer in the corpus folder")
    texts = sorted(args.corpus.glob("*.txt"))
    seeds = sorted(args.seeds.glob("*.txt"))
    paths = seeds + texts
    size = sum(p.stat().st_size for p in paths)
    load = load_models()
    with tempfile.TemporaryDirectory() as tmp:
        output = args.out or Path(tmp) / "corpus.ttl"
        seconds, code = convert(paths, output)
        print(f"# Extraction on {args.corpus} ({len(texts)} texts) with {len(seeds)} seeds\n")
        for half, title in ((None, "all texts"), ("first", "texts 01-11 (development)"), ("second", "texts 12-22 (check)")):
            types, unexpected, total = score(scorer, output, half)
            print(f"## {title}: {total}")
            for line in types:
                print(f"  {line}")
            for line in unexpected:
                print(f"  {line}")
            print()
    kb = size / 1000
    print(f"conversion (text to document model): {kb:.1f} KB of text in {seconds['conversion']:.2f} s "
          f"= {kb / seconds['conversion']:.1f} KB/s")
    print(f"whole build (with resolution, RDF and SHACL validation): {seconds['build']:.2f} s "
          f"= {kb / seconds['build']:.1f} KB/s")
    print(f"(model and reference data loaded beforehand in {load:.1f} s; exit code {code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
