"""Where the server's time goes: our server against `oxigraph serve-read-only` on one build, with wrk.

    .venv/bin/python benchmarks/server_paths.py --data DIR [--seconds 5] [--connections 4]
                                                [--workers 1] [--cache-bytes 0]

Starts `essreg serve` (waitress, queries in runner processes with every limit of "Hardening" in
place) on DIR (a build: `essreg build --out DIR`) and Oxigraph's own server, read-only, on the same
store (DIR/current/store); drives each with wrk (Debian `wrk`) on the same SPARQL queries (JSON
results), then ours on pages and documents; prints requests per second, median and p99 latency,
and the ratio of our median to Oxigraph's. Loopback only; bounded by --seconds per line.
"""
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8000/"
QUERIES = {
    "example 03 PTCE per theme": (ROOT / "endpoint" / "examples" / "03-ptce-per-theme.rq").read_text(encoding="utf-8"),
    "all triples of one pole": "SELECT ?p ?o WHERE { <{base}id/pole/coopaxis> ?p ?o }",
    "count of resources per class": "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
    "ASK one pole": "ASK { <{base}id/pole/coopaxis> ?p ?o }",
    "CONSTRUCT one pole": "CONSTRUCT { <{base}id/pole/coopaxis> ?p ?o } WHERE { <{base}id/pole/coopaxis> ?p ?o }",
}
PAGES = {
    "pole page, HTML": ("page/pole/coopaxis", "text/html"),
    "home page, HTML": ("", "text/html"),
    "pole as Turtle": ("data/pole/coopaxis.ttl", "text/turtle"),
    "/id/ 303": ("id/pole/coopaxis", "text/turtle"),
}
JSON_RESULTS = "application/sparql-results+json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


def wrk(url: str, accept: str, seconds: int, connections: int) -> dict:
    """requests/s, median and p99 latency (ms) from wrk's own report."""
    output = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency",
                             "-H", f"Accept: {accept}", url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    percentiles = {int(p): _ms(value, unit) for p, value, unit in re.findall(r"\s(\d+)%\s+([\d.]+)(us|ms|s)\b", output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "p50": percentiles[50], "p99": percentiles[99], "errors": int(errors.group(1)) if errors else 0}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", default="1")
    parser.add_argument("--cache-bytes", type=int, default=0)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    data = args.data.resolve()
    base = json.loads((data / "current" / "build-info.json").read_text())["base_uri"] if (data / "current").exists() \
        else json.loads((data / "build-info.json").read_text())["base_uri"]
    store = (data / "current" / "store") if (data / "current").exists() else data / "store"
    ours_port, theirs_port = free_port(), free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ESSREG_CACHE_BYTES": str(args.cache_bytes)}
    ours = subprocess.Popen([sys.executable, "-m", "essreg.cli", "serve", "--data", str(data), "--port", str(ours_port),
                             "--workers", args.workers], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    theirs = subprocess.Popen([str(Path(sys.executable).with_name("oxigraph")), "serve-read-only", "--location",
                               str(store), "--bind", f"127.0.0.1:{theirs_port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ours_url, theirs_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{theirs_port}/"
    try:
        wait_for(ours_url + "sparql?query=ASK%7B%7D")
        wait_for(theirs_url + "query?query=ASK%7B%7D")
        print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; our server: {args.workers}"
              f" worker(s), CACHE_BYTES={args.cache_bytes}; wrk {args.connections} connections, {args.seconds} s a line\n")
        print(f"| request | ours req/s | ours p50 ms | ours p99 ms | oxigraph req/s | oxigraph p50 ms | p50 ratio |")
        print("|---|---|---|---|---|---|---|")
        for name, query in QUERIES.items():
            encoded = urllib.parse.urlencode({"query": query.replace("{base}", base)})
            accept = "text/turtle" if name.startswith("CONSTRUCT") else JSON_RESULTS
            mine = wrk(f"{ours_url}sparql?{encoded}", accept, args.seconds, args.connections)
            peer = wrk(f"{theirs_url}query?{encoded}", accept, args.seconds, args.connections)
            print(f"| {name} | {mine['rps']:,.0f} | {mine['p50']:.2f} | {mine['p99']:.2f} | {peer['rps']:,.0f}"
                  f" | {peer['p50']:.2f} | {mine['p50'] / peer['p50']:.2f}× |" + (" errors!" if mine["errors"] else ""))
        for name, (path, accept) in PAGES.items():
            mine = wrk(ours_url + path, accept, args.seconds, args.connections)
            print(f"| {name} | {mine['rps']:,.0f} | {mine['p50']:.2f} | {mine['p99']:.2f} | — | — | |"
                  + (" errors!" if mine["errors"] else ""))
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait(30)


if __name__ == "__main__":
    main()
