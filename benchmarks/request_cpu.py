"""CPU time a running server spends per request: where latency goes when the machine is shared.

    .venv/bin/python benchmarks/request_cpu.py PID PORT PATH [--query FILE] [--accept TYPE] [--requests N]
        [--store DIR/store]

Sends N requests one after the other on one keep-alive connection to 127.0.0.1:PORT (PATH, with
?query= the text of FILE for a SPARQL endpoint) and prints the CPU time (user + system) that the
process PID and all its descendants (workers, query processes) used per request, read from
/proc (Linux), and the wall-clock time per request; then the same CPU split by kind of process
(for ours: the web worker, which reads the request and writes the answer, and the query processes,
where the engine runs), so that a profile says which side the time goes to. With --store, the
time the engine alone takes for the query in this process (pyoxigraph, results written as JSON),
on that store read from disk and on its in-memory copy. Unlike a latency under load, the CPU per
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


def cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # ended meanwhile
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def kind(pid: int) -> str:
    """What a process of the tree is, from its command line."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return "ended"
    return "query processes" if "query_runner" in command else "web server" if "essreg" in command \
        else command.split(" ", 1)[0].rsplit("/", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pid", type=int)
    parser.add_argument("port", type=int)
    parser.add_argument("path")
    parser.add_argument("--query", type=Path, help="a file holding a SPARQL query, sent as ?query=")
    parser.add_argument("--accept", default="application/sparql-results+json")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--store", type=Path, help="a build's store, to time the engine alone on the query")
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
    before, started = {pid: cpu_of(pid) for pid in pids}, time.perf_counter()
    statuses = {send() for _ in range(args.requests)}
    wall = time.perf_counter() - started
    used = {pid: cpu_of(pid) - before[pid] for pid in pids}
    print(f"{args.path} {args.query or ''}: status {sorted(statuses)},"
          f" server CPU {sum(used.values()) / args.requests * 1000:.3f} ms per request,"
          f" wall {wall / args.requests * 1000:.3f} ms per request (load average {os.getloadavg()[0]:.1f})")
    by_kind: dict[str, float] = {}
    for pid, seconds in used.items():
        by_kind[kind(pid)] = by_kind.get(kind(pid), 0.0) + seconds
    print("  of which " + ", ".join(f"{name} {seconds / args.requests * 1000:.3f} ms"
                                    for name, seconds in sorted(by_kind.items()) if seconds))


    if args.store and args.query:
        engine_alone(args.store, args.query.read_text())


def engine_alone(path: Path, query: str) -> None:
    import pyoxigraph

    from endpoint.store import EmbeddedStore

    on_disk = pyoxigraph.Store.read_only(str(path))
    for name, store in (("on disk", on_disk), ("in memory", EmbeddedStore.in_memory(path.resolve())._store)):
        def answer() -> None:
            result = store.query(query)
            if isinstance(result, pyoxigraph.QuerySolutions):
                result.serialize(format=pyoxigraph.QueryResultsFormat.JSON)
            elif not isinstance(result, pyoxigraph.QueryBoolean):
                pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.TURTLE)
        answer()
        count, started = 0, time.process_time()
        while time.process_time() - started < 1.0:
            answer()
            count += 1
        print(f"  the engine alone, {name}: {(time.process_time() - started) / count * 1000:.3f} ms")


if __name__ == "__main__":
    main()
