"""Import of a SYNTHETIC national Sirene stock (`essreg import-sirene`, issue 11): time and peak
memory for N ESS units with their establishments, streamed, validated in chunks (rudof), published
into a build. Not a timed test: it prints figures. Target for 250,000 units: under 5 minutes and 4 GB.

    PYTHONPATH=. python benchmarks/sirene_import.py [--units 250000] [--chunk 2000] [--keep DIR]

Measured on a 2-core machine shared with other jobs (so it prints CPU seconds and the load average
too; docs/architecture.md, "SIRENE", has the history): 20,000 units 71.5 s wall, 51.6 s CPU,
2.5 GB peak, load average 5.5 to 9; 250,000 units (9.2 million triples) 347.9 s wall, 485.0 s
CPU, 2,633 MB peak, load average 3.0 to 5.1 (925.8 s at load 7.2 to 7.6).

Steps, each timed: generate the stock files (converters.link.sirene_synthetic.synthetic_stock,
gzip CSV), build a small SYNTHETIC registry to import into (3 pole documents), then run
`essreg import-sirene` in a child process (peak resident memory: the sum over it and its worker
processes, sampled from /proc).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converters.link.sirene_synthetic import synthetic_case, synthetic_stock  # noqa: E402


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    return sum(rss.get(pid, 0) for pid in tree)


def _run(args: list[str], cwd: Path) -> tuple[float, float, float]:
    """Seconds, peak resident memory (MB) and CPU seconds of `python -m essreg.cli ARGS` in a child
    process, its worker processes included (memory: their sum, sampled every 0.2 s)."""
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "essreg.cli", *args], cwd=cwd,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    sampler.join()
    process.wait()
    seconds = time.monotonic() - started
    if process.returncode != 0:
        print(output[-4000:])
        raise SystemExit(f"essreg {args[0]} failed with exit code {process.returncode}")
    tail = [line for line in output.splitlines() if "SIRENE backbone" in line or "published" in line]
    print("\n".join(f"  {line}" for line in tail))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, peak[0] / 1e6, after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=250_000)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="sirene-import-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, shared with other work while measured: the figures are upper bounds")
    started = time.monotonic()
    counts = synthetic_stock(folder / "SYNTHETIC-StockUniteLegale.csv.gz",
                             folder / "SYNTHETIC-StockEtablissement.csv.gz", options.units)
    print(f"generated {counts} in {time.monotonic() - started:.1f} s "
          f"({(folder / 'SYNTHETIC-StockUniteLegale.csv.gz').stat().st_size / 1e6:.1f} MB + "
          f"{(folder / 'SYNTHETIC-StockEtablissement.csv.gz').stat().st_size / 1e6:.1f} MB gzip)")
    case = synthetic_case(folder / "registry", seed=11, poles=3)
    seconds, _, _ = _run(["build", "--fiches", str(case["fiches"]), "--out", str(folder / "build"),
                       "--ids", str(folder / "ids.tsv")], folder)
    print(f"small SYNTHETIC registry built in {seconds:.1f} s")
    load = os.getloadavg()[0]
    seconds, peak, cpu = _run(["import-sirene", "--unites", str(folder / "SYNTHETIC-StockUniteLegale.csv.gz"),
                          "--etablissements", str(folder / "SYNTHETIC-StockEtablissement.csv.gz"),
                          "--out", str(folder / "build"), "--chunk", str(options.chunk),
                          "--workers", str(options.workers)], folder)
    info = json.loads((folder / "build" / "build-info.json").read_text(encoding="utf-8"))
    extra = info["extra_graph"]
    print(f"import-sirene: {options.units} units -> {extra['units']} organisations, {extra['establishments']} sites, "
          f"{extra['triples']} triples in {extra['chunks']} validated chunks")
    print(f"  time {seconds:.1f} s ({extra['triples'] / seconds:,.0f} triples/s), peak memory {peak:,.0f} MB "
          f"(target: < 300 s, < 4096 MB)")
    print(f"  CPU {cpu:.1f} s over all its processes; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"(on {os.cpu_count()} cores: above that, other work had the cores too)")
    store_mb = sum(f.stat().st_size for f in (folder / "build" / "current" / "store").rglob("*")) / 1e6
    print(f"  store {store_mb:.0f} MB, registry.nt.gz {(folder / 'build' / 'registry.nt.gz').stat().st_size / 1e6:.1f} MB")
    if not options.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
