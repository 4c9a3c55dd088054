"""CPU time a running server spends per request: where latency goes when the machine is shared.

    .venv/bin/python benchmarks/request_cpu.py PID PORT PATH [--query FILE] [--accept TYPE] [--requests N]

Sends N requests one after the other on one keep-alive connection to 127.0.0.1:PORT (PATH, with
?query= the text of FILE for a SPARQL endpoint) and prints the CPU time (user + system) that the
process PID and all its descendants (workers, query processes) used per request, read from
/proc (Linux), and the wall-clock time per request. Unlike a latency under load, the CPU per
request hardly depends on what else runs on the machine: it compares servers (ours, `oxigraph
serve-read-only`) and versions by the work they do for one answer.
"""
import argparse
import http.client
import os
import subprocess
import time
import urllib.parse
from pathlib import Path


def tree(pid: int) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [pid] + [descendant for child in children for descendant in tree(int(child))]


def cpu_seconds(pids: list[int]) -> float:
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pid", type=int)
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("--query", type=Path, help="a file holding a SPARQL query, sent as ?query=")
    parser.add_argument("--accept", default="application/sparql-results+json")
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    url = args.path + ("?" + urllib.parse.urlencode({"query": args.query.read_text()}) if args.query else "")
    connection = http.client.HTTPConnection("127.0.0.1", args.port)

    def send() -> int:
        connection.request("GET", url, headers={"Accept": args.accept})
        response = connection.getresponse()
        response.read()
        return response.status

    for _ in range(50):  # warm: query processes started, caches filled
        send()
    pids = tree(args.pid)
    before, started = cpu_seconds(pids), time.perf_counter()
    statuses = {send() for _ in range(args.requests)}
    wall, used = time.perf_counter() - started, cpu_seconds(pids) - before
    print(f"{args.path} {args.query or ''}: status {sorted(statuses)},"
          f" server CPU {used / args.requests * 1000:.3f} ms per request,"
          f" wall {wall / args.requests * 1000:.3f} ms per request (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
