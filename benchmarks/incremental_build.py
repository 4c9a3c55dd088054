"""Incremental build (issue 9, item 5): one changed document among N (default 1,000) rebuilt,
validated and published, against the first build that read them all. Not a timed test: it prints
figures. Target: under 60 s for the rebuild, of which the conversion under 15 s.

    PYTHONPATH=. python benchmarks/incremental_build.py [--documents 1000] [--keep DIR]

The documents are SYNTHETIC (written here, in a work folder, never in the repository): short pages
of a pole, its commune and its members with their legal forms, in the style of
tests/data/generic/liste-membres-formes.txt, with invented names over real communes. Each build
is `essreg build` in a child process; its conversion time is read from its progress lines (until
"linking and resolving"), its peak memory from the kernel's accounting of waited children.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from converters.paths import REFERENCE_DIR  # noqa: E402

WORDS = ("Tilleuls", "Coteaux", "Rivières", "Sources", "Vallons", "Bocages", "Landes", "Garrigues", "Marais",
         "Plateaux", "Bruyères", "Vergers", "Moulins", "Forges", "Ponts", "Halles", "Fontaines", "Prairies")
KINDS = ("Pôle Coopératif", "Pôle Solidaire", "Coopérative de territoire", "Pôle d'économie solidaire")
MEMBERS = (("la SCOP", "Menuiserie"), ("l'association", "Jardins"), ("la SCIC", "Énergie"),
           ("la SARL", "Transports"), ("l'association", "Recyclerie"), ("la SCOP", "Imprimerie"),
           ("la SCIC", "Cantine"), ("la SAS", "Atelier"))


def _communes() -> list[str]:
    """Towns of 5,000 inhabitants or more, in the départements (not in the overseas collectivités)."""
    with (REFERENCE_DIR / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return [row["nom"] for row in csv.DictReader(handle) if row["type"] == "commune"
                and int(row["population"] or 0) > 5000 and row["departement"] <= "976"]


def synthetic_documents(folder: Path, count: int, seed: int = 9) -> list[Path]:
    """`count` SYNTHETIC pole pages in `folder` (names numbered, so no two poles merge)."""
    rng = random.Random(seed)
    communes = _communes()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        place = rng.choice(communes)
        name = f"{rng.choice(KINDS)} des {rng.choice(WORDS)} {n + 1}"
        lines = [f"{name} (document SYNTHÉTIQUE)", "",
                 f"Le {name} est un PTCE installé à {place}.", "", "Ses membres :"]
        for kind, word in rng.sample(MEMBERS, rng.randint(3, 6)):
            lines.append(f"- {kind} {word} {rng.choice(WORDS)} {n + 1} ({rng.choice(communes)})")
        path = folder / f"synthetique-{n + 1:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _build(folder: Path, fiches: Path) -> tuple[float, float]:
    """Seconds of `essreg build` and of its conversion."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "essreg.cli", "build", "--fiches", str(fiches),
                                "--out", str(folder / "build"), "--ids", str(folder / "ids.tsv")], cwd=folder,
                               env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=subprocess.PIPE, text=True)
    converted, tail = None, []
    for line in process.stderr:
        if converted is None and "linking and resolving" in line:
            converted = time.monotonic() - started
        if "conversion reused" in line or "validating" in line:
            tail.append(line.strip())
        if len(tail) > 20:
            tail.pop(0)
    process.wait()
    seconds = time.monotonic() - started
    if process.returncode != 0:
        raise SystemExit(f"essreg build failed with exit code {process.returncode}")
    print("\n".join(f"  {line}" for line in tail))
    return seconds, converted or seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="incremental-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    paths = synthetic_documents(folder / "fiches", options.documents)
    print(f"{len(paths)} SYNTHETIC documents, {sum(p.stat().st_size for p in paths) / 1e6:.1f} MB")
    seconds, converted = _build(folder, folder / "fiches")
    print(f"first build (every document read): {seconds:.1f} s, conversion {converted:.1f} s")
    changed = paths[len(paths) // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("(document SYNTHÉTIQUE)",
                                                                    "(document SYNTHÉTIQUE, corrigé)"), encoding="utf-8")
    seconds, converted = _build(folder, folder / "fiches")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3
    print(f"rebuild with one document changed: {seconds:.1f} s (target < 60 s), conversion {converted:.1f} s "
          f"(target < 15 s); peak memory of the builds {peak:,.0f} MB; load average {os.getloadavg()[0]:.1f}")
    if not options.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
