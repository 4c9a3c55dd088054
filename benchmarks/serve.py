"""Throughput, latency and peak memory of the server, against a bare Oxigraph server on the same data.

    .venv/bin/python benchmarks/serve.py --data data/build [--requests 400] [--concurrency 4] [--threads 32]

Starts `essreg serve`'s server (endpoint.serving.serve: waitress, queries in processes of their
own) on DATA and `oxigraph serve` (PyPI package `oxigraph`) on the same data (the named graphs of
DATA/registry.trig, the merged registry DATA/registry.ttl as default graph), sends the
same SPARQL query to both and a page to ours, from CONCURRENCY client threads, and prints
requests per second, median and 95th-percentile latency, and each server's peak resident memory
(all its processes, from /proc). Only loopback traffic; bounded by --requests.
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = (ROOT / "endpoint" / "examples" / "03-ptce-per-theme.rq").read_text(encoding="utf-8")


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


def peak_memory_kib(pid: int) -> int:
    """VmHWM (peak resident set) of a process and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    return total


def measure(url: str, requests: int, concurrency: int, accept: str) -> dict:
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client():
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            started = time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}), timeout=60) as response:
                response.read()
                assert response.status == 200
            with lock:
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"requests_per_second": round(len(latencies) / elapsed, 1),
            "median_ms": round(statistics.median(latencies) * 1000, 2),
            "p95_ms": round(latencies[int(len(latencies) * 0.95) - 1] * 1000, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "build")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--threads", type=int, default=32)
    args = parser.parse_args()
    data = args.data.resolve()
    oxigraph = Path(sys.executable).with_name("oxigraph")
    ours_port, theirs_port = free_port(), free_port()
    with tempfile.TemporaryDirectory() as scratch:
        for dump in ("registry.trig", "registry.ttl"):
            subprocess.run([oxigraph, "load", "--location", f"{scratch}/db", "--file", data / dump],
                           check=True, capture_output=True)
        theirs = subprocess.Popen([oxigraph, "serve", "--location", f"{scratch}/db", "--bind",
                                   f"127.0.0.1:{theirs_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = subprocess.Popen([sys.executable, "-c", "import sys; from endpoint.serving import serve; "
                                 "serve({'DATA_DIR': sys.argv[1], 'THREADS': int(sys.argv[3])}, '127.0.0.1',"
                                 " int(sys.argv[2]))", str(data), str(ours_port), str(args.threads)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            ours_url, theirs_url = f"http://127.0.0.1:{ours_port}/", f"http://127.0.0.1:{theirs_port}/"
            wait_for(ours_url + "sparql")
            wait_for(theirs_url + "query?query=ASK%7B%7D")
            query = urllib.parse.urlencode({"query": QUERY})
            results = {
                "sparql_query (this server)": measure(f"{ours_url}sparql?{query}", args.requests, args.concurrency,
                                                      "application/sparql-results+json"),
                "sparql_query (oxigraph serve)": measure(f"{theirs_url}query?{query}", args.requests, args.concurrency,
                                                         "application/sparql-results+json"),
                "pole page (this server)": measure(f"{ours_url}page/pole/coopaxis", args.requests, args.concurrency,
                                                   "text/html"),
                "pole as Turtle (this server)": measure(f"{ours_url}data/pole/coopaxis.ttl", args.requests,
                                                        args.concurrency, "text/turtle"),
            }
            memory = {"this server": peak_memory_kib(ours.pid), "oxigraph serve": peak_memory_kib(theirs.pid)}
        finally:
            for process in (ours, theirs):
                process.terminate()
                process.wait(timeout=30)
    info = json.loads((data / "build-info.json").read_text())
    print(f"data: {data} ({info['triples']} triples); {args.requests} requests per line, {args.concurrency} clients,"
          f" waitress with {args.threads} threads; {os.cpu_count()} cores")
    print(f"{'':34} {'req/s':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, figures in results.items():
        print(f"{name:34} {figures['requests_per_second']:>8} {figures['median_ms']:>10} {figures['p95_ms']:>8}")
    for name, kib in memory.items():
        print(f"peak resident memory, {name}: {kib / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
