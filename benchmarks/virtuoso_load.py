"""Loading a build with the SYNTHETIC national Sirene backbone into Virtuoso 7, the engine meant to
serve a registry beyond one embedded store's comfort (`essreg serve --sparql-backend`, issue 11,
item 5). Not a timed test: it prints figures.

    PYTHONPATH=. python benchmarks/sirene_import.py --units 250000 --keep DIR   # the build, kept
    PYTHONPATH=. python benchmarks/virtuoso_load.py DIR/build

It starts Virtuoso (Debian `virtuoso-opensource`) on a private database, bulk-loads the build's
registry.nt.gz (the registry and the backbone) with isql's ld_dir/rdf_loader_run, exactly as
benchmarks/http_load.py does for its peer comparison, then prints the load time, Virtuoso's peak
resident memory (sampled from /proc), its database size, the triples it holds and the time of a
query over the backbone, asked through our server in front of it (SPARQL_BACKEND).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from http_load import start_virtuoso, stop  # noqa: E402
from sirene_import import _tree_rss  # noqa: E402

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SITES_PER_DEPARTEMENT = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX ess: <https://w3id.org/ess-poles/def#>
SELECT ?d (COUNT(?site) AS ?n) WHERE { ?site a org:Site ; org:siteAddress/ess:commune/igeo:subdivisionDe ?d .
?d a igeo:Departement } GROUP BY ?d ORDER BY DESC(?n) LIMIT 5"""


def ask(endpoint: str, query: str, timeout: float = 600) -> tuple[dict, float]:
    request = urllib.request.Request(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=timeout) as response:
        answer = json.load(response)
    return answer, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path, help="a build folder (its current/registry.nt.gz is loaded)")
    options = parser.parse_args()
    dump = options.build / "current" / "registry.nt.gz"
    if not dump.exists():
        raise SystemExit(f"{dump}: no such dump; make the build with benchmarks/sirene_import.py --keep DIR")
    scratch = Path(tempfile.mkdtemp(prefix="virtuoso-load-"))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {dump} {dump.stat().st_size / 1e6:.1f} MB")
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in (int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()):
                try:
                    if (Path("/proc") / str(pid) / "comm").read_text().strip() == "virtuoso-t":
                        peak[0] = max(peak[0], _tree_rss(pid))
                except OSError:
                    continue
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    server = start_virtuoso(options.build, scratch)
    seconds = time.monotonic() - started
    done.set()
    try:
        endpoint = server.base + server.sparql
        answer, _ = ask(endpoint, COUNT)
        triples = int(answer["results"]["bindings"][0]["n"]["value"])
        size = sum(f.stat().st_size for f in (scratch / "virtuoso").glob("virtuoso*.db")) / 1e6
        print(f"Virtuoso: {triples:,} triples loaded in {seconds:.1f} s (start included), "
              f"{triples / seconds:,.0f} triples/s; peak memory {peak[0] / 1e6:,.0f} MB; database {size:,.0f} MB")
        answer, seconds = ask(endpoint, SITES_PER_DEPARTEMENT)
        rows = [(b["d"]["value"].rsplit("/", 1)[-1], b["n"]["value"]) for b in answer["results"]["bindings"]]
        print(f"  sites per département, straight to Virtuoso: {seconds:.2f} s, top {rows}")
        from endpoint import create_app

        client = create_app({"DATA_DIR": str(options.build), "SPARQL_BACKEND": endpoint, "CACHE_BYTES": 0}).test_client()
        started = time.monotonic()
        response = client.get("/sparql", query_string={"query": SITES_PER_DEPARTEMENT},
                              headers={"Accept": "application/sparql-results+json"})
        print(f"  the same through our server (SPARQL_BACKEND): HTTP {response.status_code} in "
              f"{time.monotonic() - started:.2f} s")
    finally:
        stop(server.process)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
