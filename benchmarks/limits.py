"""Precise figures for the query limits of issue 8 (`make benchmark`; the tests only use generous bounds).

    .venv/bin/python benchmarks/limits.py [--data DIR]

Starts `essreg serve`'s server (waitress, queries in processes of their own) on a build (DIR, by
default a fresh build of the PTCE laureates in a temporary folder) and measures, with loopback
clients, the latency of a page and of a light query: idle, while 8 timeout-bound queries run,
while 100 slow clients (one header line every 5 s) are connected, and while the memory-hungry
query of the issue grows; how long the server takes to stop that query (at the default
MAX_QUERY_MEMORY, 1 GB) and a query past its time, and how much CPU the server uses in the
second after; how long each crash shape of the issue takes to be answered. Linux only (/proc).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_queries import build_laureates, free_port  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LIGHT = "PREFIX ess: <https://w3id.org/ess-poles/def#> SELECT (COUNT(*) AS ?n) WHERE { ?pole a ess:PTCE }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
MEMORY_HUNGRY = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
CRASH_SHAPES = {
    "3,000 nested { }": "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
    "7,000 nested ( )": "SELECT * WHERE { FILTER(" + "(" * 7000 + "1" + ")" * 7000 + ") }",
    "10,000-way UNION": "SELECT * WHERE { " + " UNION ".join("{ ?s ?p ?o }" for _ in range(10_000)) + " }",
    "3,000 nested OPTIONAL": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000 + " }",
    "20,000 path alternatives": "SELECT * WHERE { ?s " + "|".join(f"<http://e/p{i}>" for i in range(20_000)) + " ?o }",
}


def post(url: str, query: str) -> tuple[int, float, dict]:
    started = time.monotonic()
    request = urllib.request.Request(url + "sparql", data=urllib.parse.urlencode({"query": query}).encode())
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            return response.status, time.monotonic() - started, dict(response.headers)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, time.monotonic() - started, dict(error.headers)


def page(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url + "page/pole/coopaxis", timeout=120) as response:
        response.read()
    return time.monotonic() - started


class Server:
    def __init__(self, data: Path, **settings):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        config = {"DATA_DIR": str(data), **settings}
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import json, sys; from endpoint.serving import serve; "
             "serve(json.loads(sys.argv[1]), '127.0.0.1', int(sys.argv[2]))", __import__("json").dumps(config),
             str(self.port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                post(self.url, "ASK {}")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.process.terminate()
        self.process.wait(timeout=30)

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError):
                    continue
                children.setdefault(parent, []).append(int(entry))
        tree, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        return tree

    def cpu_used_over(self, seconds: float) -> float:
        """CPU seconds the server's processes use over the next `seconds` (by process, so that one ending
        meanwhile does not take its past off the total)."""
        before = self._cpu_by_pid()
        time.sleep(seconds)
        after = self._cpu_by_pid()
        return sum(used - before.get(pid, 0) for pid, used in after.items())

    def _cpu_by_pid(self) -> dict[int, float]:
        used = {}
        for pid in self.tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except (OSError, IndexError):
                pass
        return used

    def largest_resident(self) -> int:
        sizes = []
        for pid in self.tree():
            try:
                sizes.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE"))
            except (OSError, IndexError):
                pass
        return max(sizes)


def summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (f"median {statistics.median(ordered) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
            f"   ({len(ordered)} requests)")


def sample_while(running, url: str) -> tuple[list[float], list[float]]:
    pages, queries = [], []
    while running():
        pages.append(page(url))
        status, seconds, _ = post(url, LIGHT)
        assert status == 200, status
        queries.append(seconds)
        time.sleep(0.05)
    return pages, queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data.resolve() if args.data else build_laureates(Path(scratch))
        print(f"data: {data}; {os.cpu_count()} cores\n")

        with Server(data, QUERY_TIMEOUT=10) as server:
            url = server.url
            started = time.monotonic()
            status, first, _ = post(url, LIGHT)
            print(f"first query after start: {first * 1000:.1f} ms")
            pages = [page(url) for _ in range(50)]
            queries = [post(url, LIGHT)[1] for _ in range(50)]
            print(f"idle          page   {summary(pages)}")
            print(f"idle          query  {summary(queries)}")

            outcomes = []
            heavy = [threading.Thread(target=lambda: outcomes.append(post(url, HEAVY))) for _ in range(8)]
            for thread in heavy:
                thread.start()
            time.sleep(0.2)
            pages, queries = sample_while(lambda: any(t.is_alive() for t in heavy), url)
            print(f"8 heavy       page   {summary(pages)}")
            print(f"8 heavy       query  {summary(queries)}")
            busy = sorted(seconds for status, seconds, headers in outcomes if "Retry-After" in headers)
            timed_out = sorted(seconds for status, seconds, headers in outcomes if "Retry-After" not in headers)
            print(f"              the 8 heavy queries: {len(busy)} stopped with 503 + Retry-After after"
                  f" {', '.join(f'{s:.2f}' for s in busy)} s; {len(timed_out)} ran to QUERY_TIMEOUT (10 s),"
                  f" answered after {', '.join(f'{s:.2f}' for s in timed_out)} s")

            slow = []
            for _ in range(100):
                client = socket.create_connection(("127.0.0.1", server.port))
                client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                slow.append(client)
            end = time.monotonic() + 11
            trickle_at = time.monotonic() + 5
            pages, queries = [], []
            while time.monotonic() < end:
                if time.monotonic() > trickle_at:
                    for client in slow:
                        client.sendall(b"X-Slow: 1\r\n")
                    trickle_at += 5
                pages.append(page(url))
                queries.append(post(url, LIGHT)[1])
                time.sleep(0.05)
            for client in slow:
                client.close()
            print(f"100 slow      page   {summary(pages)}")
            print(f"100 slow      query  {summary(queries)}")

            for name, query in CRASH_SHAPES.items():
                status, seconds, _ = post(url, query)
                print(f"crash shape   {name:26} {status} in {seconds * 1000:8.1f} ms")

        with Server(data) as server:  # the default limits: 30 s, 1 GB
            outcome, peak = [], [0]
            hungry = threading.Thread(target=lambda: outcome.append(post(server.url, MEMORY_HUNGRY)))
            hungry.start()
            pages, queries = [], []
            while hungry.is_alive():
                peak[0] = max(peak[0], server.largest_resident())
                pages.append(page(server.url))
                queries.append(post(server.url, LIGHT)[1])
            status, seconds, _ = outcome[0]
            cpu_after = server.cpu_used_over(1.0)
            print(f"\nmemory-hungry query (MAX_QUERY_MEMORY 1 GB): {status} after {seconds:.2f} s; largest process seen"
                  f" {peak[0] / 1e6:.0f} MB; largest process 1 s later {server.largest_resident() / 1e6:.0f} MB;"
                  f" CPU in that second {cpu_after:.2f} s")
            print(f"meanwhile     page   {summary(pages)}")
            print(f"meanwhile     query  {summary(queries)}")

        with Server(data, QUERY_TIMEOUT=2) as server:
            status, seconds, _ = post(server.url, HEAVY)
            print(f"query past QUERY_TIMEOUT (2 s): {status} after {seconds:.2f} s; CPU used by the server's processes"
                  f" in the next second: {server.cpu_used_over(1.0):.2f} s")
        print(f"\ntotal {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
