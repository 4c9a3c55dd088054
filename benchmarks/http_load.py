"""Our server against the usual SPARQL servers, on the same build, under a real load generator.

    PYTHONPATH=. .venv/bin/python benchmarks/http_load.py --sizes 1,10,100 [--quick] [--seconds 8]
        [--connections 4] [--work DIR] [--peers ours,oxigraph,rdflib-endpoint,virtuoso,ours-virtuoso]
        (ours-nocache: only our line with the answer cache off)
        [--results benchmarks/RESULTS.md] [--append] [--note TEXT]

For each size it builds a registry (size 1: `essreg build` of data/fiches; 10 and 100: the
synthetic registries of benchmarks/synthetic_registry.py, built through the real pipeline from the
document model on) or reuses the one under --work, starts each server on that build one after the
other, and drives it with wrk (Debian package `wrk`) with a fixed mix of requests:

- SPARQL (to every server): the example queries (endpoint/examples/*.rq), all triples of one pole,
  a count per class, a GROUP BY over memberships, a CONSTRUCT, a DESCRIBE, a property path over the
  territory hierarchy (igeo:subdivisionDe+) and a text filter;
- our pages and files: home, search, a pole's HTML page, a dump, the 303 of an /id/ URI.

Servers ("peers"): ours (`essreg serve`, with `--workers auto` and the answer cache when that
server offers them, and the cache off as a line of its own when it has one), `oxigraph
serve-read-only` (PyPI `oxigraph`), rdflib-endpoint (PyPI, the optional extra `benchmark`),
Virtuoso 7 (Debian `virtuoso-opensource`, loaded with isql's ld_dir/rdf_loader_run, run with a
private ini in a temporary folder) and ours in front of that Virtuoso (`--sparql-backend`). A peer
that is missing, or cannot load a build that large in reasonable time, is skipped with the reason.

Prints and writes (--results) for every line and server: requests per second, median and 99th
percentile latency, errors (answers neither 2xx nor 3xx), the ratio to Oxigraph server for SPARQL
lines, and each server's peak memory (resident set of its whole process tree, sampled every 0.2 s
from /proc). Loopback traffic only; every server it starts is stopped at the end. Each size's
figures are kept in --work (results-Nx.json): `--append` reports them with the sizes it measures,
so sizes can be measured in separate runs (`--sizes "" --append` only writes the report).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
BASE_URI = "http://127.0.0.1:8000/"  # what the builds mint; each server answers wherever it listens

PREFIXES = """PREFIX ess: <https://w3id.org/ess-poles/def#> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rov: <http://www.w3.org/ns/regorg#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#> PREFIX dcterms: <http://purl.org/dc/terms/>
"""
SELECT_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
RDFLIB_ENDPOINT_MAX_TRIPLES = 200_000  # rdflib loads ~10 k triples a second and holds ~1 KB each


# --- the mix -----------------------------------------------------------------------------------

@dataclass
class Line:
    name: str
    kind: str  # "sparql" or "page"
    text: str  # the query, or the path of the page
    accept: str


def sparql_mix(pole: str, region: str) -> list[Line]:
    lines = [Line(f"example {path.stem}", "sparql", path.read_text(encoding="utf-8"), SELECT_JSON)
             for path in sorted((ROOT / "endpoint" / "examples").glob("*.rq"))]
    lines += [
        Line("one pole: <pole> ?p ?o", "sparql", f"SELECT ?p ?o WHERE {{ <{pole}> ?p ?o }}", SELECT_JSON),
        Line("count per class", "sparql",
             "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)", SELECT_JSON),
        Line("members per legal form (GROUP BY)", "sparql", PREFIXES +
             "SELECT ?form (COUNT(DISTINCT ?o) AS ?n) WHERE { ?m org:member ?o . ?o rov:orgType ?form } "
             "GROUP BY ?form ORDER BY DESC(?n)", SELECT_JSON),
        Line("CONSTRUCT a pole and its members", "sparql", PREFIXES +
             f"CONSTRUCT {{ <{pole}> ?p ?o . ?m org:member ?org ; org:role ?role . ?org skos:prefLabel ?l }} "
             f"WHERE {{ {{ <{pole}> ?p ?o }} UNION {{ ?m org:organization <{pole}> ; org:member ?org ; "
             "org:role ?role . ?org skos:prefLabel ?l } }", TURTLE),
        Line("DESCRIBE a pole", "sparql", f"DESCRIBE <{pole}>", TURTLE),
        Line("path: communes of a région (subdivisionDe+)", "sparql", PREFIXES +
             f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c a igeo:Commune ; igeo:subdivisionDe+ <{region}> }}",
             SELECT_JSON),
        Line("text filter on names", "sparql", PREFIXES +
             "SELECT ?o ?name WHERE { ?o a org:Organization ; skos:prefLabel ?name "
             'FILTER(CONTAINS(LCASE(STR(?name)), "solidaire")) } ORDER BY ?name LIMIT 100', SELECT_JSON),
    ]
    return lines


def page_mix(pole: str) -> list[Line]:
    slug_path = pole[len(BASE_URI):]  # id/pole/{slug}
    return [
        Line("home page (HTML)", "page", "/", "text/html"),
        Line("search (HTML)", "page", "/search?q=solidaire", "text/html"),
        Line("pole page (HTML)", "page", "/" + slug_path.replace("id/", "page/", 1), "text/html"),
        Line("pole as Turtle", "page", "/" + slug_path.replace("id/", "data/", 1) + ".ttl", TURTLE),
        Line("dump registry.nt.gz", "page", "/dumps/registry.nt.gz", "*/*"),
        Line("/id/ URI: 303", "page", "/" + slug_path, "text/html"),
    ]


# --- processes and memory ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before answering {url}")
        try:
            with NO_REDIRECT.open(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"no answer from {url} in {seconds:.0f} s")


def tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += children.get(current, [])
    return out


def rss_kib(pid: int) -> int:
    total = 0
    for current in tree(pid):
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


class MemorySampler:
    """The largest resident set of a process tree, sampled every 0.2 s."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_kib(self.pid))
            self._stop.wait(0.2)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak / 1024


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the processes it forked (its own group)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def start(command: list, log: Path, env: dict | None = None, cwd: Path = ROOT) -> subprocess.Popen:
    with open(log, "ab") as handle:
        return subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=handle, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})}, start_new_session=True)


# --- wrk -------------------------------------------------------------------------------------------

def wrk(url: str, accept: str, seconds: float, connections: int) -> dict:
    done = subprocess.run(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
                           "--timeout", "30s", "--latency", "-H", f"Accept: {accept}", url],
                          capture_output=True, text=True, timeout=seconds + 120)
    out = done.stdout
    if done.returncode != 0:
        return {"error": (done.stderr or out).strip().splitlines()[-1:]}
    figures = {"rps": _number(r"Requests/sec:\s*([\d.]+)", out), "requests": int(_number(r"(\d+) requests in", out) or 0),
               "p50": _latency(out, "50%"), "p99": _latency(out, "99%"),
               "errors": int(_number(r"Non-2xx or 3xx responses:\s*(\d+)", out) or 0)}
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        figures["socket_errors"] = socket_errors.group(1)
    return figures


def _number(pattern: str, text: str) -> float | None:
    found = re.search(pattern, text)
    return float(found.group(1)) if found else None


def _latency(text: str, percentile: str) -> float | None:
    found = re.search(rf"^\s*{re.escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    if not found:
        return None
    return float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]


def check(url: str, accept: str) -> str | None:
    """Why a request fails (status and start of the body), or None: wrk only counts such answers."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with NO_REDIRECT.open(request, timeout=120) as response:
            response.read()
            return None
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            return None
        return f"HTTP {error.code}: {error.read()[:160].decode('utf-8', 'replace')}"
    except OSError as error:
        return str(error)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# Redirects are answers here (a 303 of an /id/ URI is measured as it is). An opener of our own, not
# installed: a test importing this module would otherwise stop every other test following redirects.
NO_REDIRECT = urllib.request.build_opener(NoRedirect)


# --- builds ------------------------------------------------------------------------------------------

def build(size: float, work: Path, log) -> dict:
    """The build of a size (reused when already under `work`), with what building it took."""
    out = work / f"build-{size:g}x"
    info_file = out / "current" / "build-info.json"
    figures_file = out / "build-figures.json"
    if info_file.exists() and figures_file.exists():
        log(f"size {size:g}×: reusing {out}")
        return {**json.loads(figures_file.read_text()), "reused": True}
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.monotonic()
    if size == 1:
        ids = out / "ids.tsv"
        shutil.copy(ROOT / "data" / "ids.tsv", ids)  # a copy: a benchmark mints nothing into the committed table
        command = [PYTHON, "-m", "essreg.cli", "build", "--out", out, "--ids", ids, "--base-uri", BASE_URI]
    else:
        command = [PYTHON, ROOT / "benchmarks" / "synthetic_registry.py", "--size", str(size), "--out", out,
                   "--base-uri", BASE_URI, "--json"]
    log(f"size {size:g}×: building ({' '.join(str(c) for c in command[1:])})")
    done = subprocess.run([str(c) for c in command], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    elapsed = time.monotonic() - started
    (out / "build.log").write_text(done.stdout + done.stderr)
    if done.returncode != 0 or not info_file.exists():
        raise RuntimeError(f"the build of size {size:g} failed (exit {done.returncode}): see {out / 'build.log'}")
    figures = {"size": size, "triples": json.loads(info_file.read_text())["triples"], "wall_s": round(elapsed, 1)}
    if size != 1:
        reported = json.loads(done.stdout.strip().splitlines()[-1])
        figures.update(build_s=reported["build_s"], cpu_s=reported.get("cpu_s"), peak_rss_mb=reported["peak_rss_mb"],
                       stages_s=reported["stages_s"],
                       poles=reported["poles"], organisations=reported["organisations"])
    figures_file.write_text(json.dumps(figures))
    return figures


def sample_resources(data: Path) -> tuple[str, str]:
    """A pole of the build (the first by URI) and a région, read from its store."""
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str(data / "current" / "store"))
    pole = next(iter(store.query(PREFIXES + "SELECT ?p WHERE { ?p a ess:Pole } ORDER BY ?p LIMIT 1")))["p"].value
    region = next(iter(store.query(PREFIXES + "SELECT ?r (COUNT(?c) AS ?n) WHERE { ?c igeo:subdivisionDe ?d . "
                                   "?d igeo:subdivisionDe ?r . ?r a igeo:Region } GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")))
    return pole, region["r"].value


# --- servers -----------------------------------------------------------------------------------------

@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base: str  # http://127.0.0.1:PORT
    sparql: str  # the path of its SPARQL endpoint
    pages: bool = False
    note: str = ""
    cleanup: list = field(default_factory=list)


def ours_options() -> tuple[list[str], dict, str]:
    """What today's `essreg serve` offers of the options of issue 9 (workers, answer cache)."""
    help_text = subprocess.run([PYTHON, "-m", "essreg.cli", "serve", "--help"], cwd=ROOT, capture_output=True,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    options, notes = [], []
    if "--workers" in help_text:
        options += ["--workers", "auto"]
        notes.append("--workers auto")
    has_cache = "CACHE_BYTES" in help_text or "--cache-bytes" in help_text or \
        "CACHE_BYTES" in (ROOT / "endpoint" / "settings.py").read_text()
    return options, {"has_cache": has_cache}, ", ".join(notes) or "defaults"


def start_ours(data: Path, scratch: Path, name: str, env: dict | None = None, backend: str | None = None) -> Server:
    port = free_port()
    options, _, note = ours_options()
    command = [PYTHON, "-m", "essreg.cli", "serve", "--data", data, "--port", port, *options]
    if backend:
        command += ["--sparql-backend", backend]
    process = start(command, scratch / f"{name}.log", {"PYTHONPATH": str(ROOT), **(env or {})})
    server = Server(name, process, f"http://127.0.0.1:{port}", "/sparql", pages=True, note=note)
    wait_for(server.base + "/sparql", 300, process)
    wait_until_warm(scratch / f"{name}.log", process, copies=not backend and in_memory_copy(data))
    return server


def in_memory_copy(data: Path) -> bool:
    """Whether our query processes answer from an in-memory copy of this build's store."""
    from endpoint.settings import DEFAULTS

    most = int(os.environ.get("ESSREG_QUERY_STORE_IN_MEMORY_MAX_TRIPLES", DEFAULTS["QUERY_STORE_IN_MEMORY_MAX_TRIPLES"]))
    return 0 < json.loads((data / "current" / "build-info.json").read_text())["triples"] <= most


def wait_until_warm(log: Path, process: subprocess.Popen, copies: bool, seconds: float = 600) -> None:
    """Measure a server once it has read its build in advance, not while it does (the first lines
    would otherwise share the CPU with it): each worker says "read in advance" once it has read the
    summary and search index, and its zygote "copied into memory" once the store's copy is made."""
    from endpoint.serving import worker_count

    workers, deadline = worker_count("auto"), time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        text = log.read_text(errors="replace")
        read = text.count("read in advance")
        if read >= workers and (not copies or text.count("copied into memory") >= read):
            return
        time.sleep(0.5)


def start_oxigraph(data: Path, scratch: Path) -> Server:
    oxigraph = BIN / "oxigraph"
    if not oxigraph.exists():
        raise FileNotFoundError(f"{oxigraph} is missing: pip install oxigraph (the test extra)")
    db = scratch / "oxigraph-db"
    for dump in ("registry.trig", "registry.ttl"):  # the named graphs, then the merged registry as default graph
        subprocess.run([oxigraph, "load", "--location", db, "--file", data / "current" / dump], check=True,
                       capture_output=True)
    port = free_port()
    process = start([oxigraph, "serve-read-only", "--location", db, "--bind", f"127.0.0.1:{port}"],
                    scratch / "oxigraph.log")
    server = Server("oxigraph serve-read-only", process, f"http://127.0.0.1:{port}", "/query")
    wait_for(server.base + "/query?query=ASK%7B%7D", 120, process)
    return server


def start_rdflib_endpoint(data: Path, scratch: Path, triples: int) -> Server:
    command = BIN / "rdflib-endpoint"
    if not command.exists():
        raise FileNotFoundError("rdflib-endpoint is missing: pip install -e '.[benchmark]'")
    if triples > RDFLIB_ENDPOINT_MAX_TRIPLES:
        raise OverflowError(f"{triples} triples: rdflib-endpoint would load them into rdflib's memory store for "
                            f"minutes and several GB; skipped above {RDFLIB_ENDPOINT_MAX_TRIPLES}")
    port = free_port()
    process = start([command, "serve", "--host", "127.0.0.1", "--port", port, data / "current" / "registry.ttl"],
                    scratch / "rdflib-endpoint.log")
    server = Server("rdflib-endpoint", process, f"http://127.0.0.1:{port}", "/")
    wait_for(server.base + "/?query=ASK%7B%7D", 600, process)
    return server


VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 20
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {load}, /usr/share/virtuoso-opensource-7/vad
ThreadsPerQuery = 2
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxQueryMem = 1G
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
MaxKeepAlives = 20
KeepAliveTimeout = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


def start_virtuoso(data: Path, scratch: Path) -> Server:
    """Virtuoso 7 with a private ini and database in `scratch`, the merged registry loaded into one graph.
    Virtuoso's default dataset is the union of its graphs: only the merged registry is loaded (the
    per-document named graphs would count every triple twice)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not binary or not isql:
        raise FileNotFoundError("virtuoso-t or isql-vt is missing: apt-get install -y virtuoso-opensource")
    db, load = scratch / "virtuoso", scratch / "virtuoso-load"
    db.mkdir()
    load.mkdir()
    shutil.copy(data / "current" / "registry.nt.gz", load / "registry.nt.gz")
    sql_port, http_port = free_port(), free_port()
    (db / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=db, load=load, sql_port=sql_port, http_port=http_port))
    process = start([binary, "+foreground", "+configfile", db / "virtuoso.ini"], scratch / "virtuoso.log", cwd=db)
    server = Server("Virtuoso 7", process, f"http://127.0.0.1:{http_port}", "/sparql")
    wait_for(server.base + "/sparql?query=ASK%7B%7D", 180, process)
    script = (f"ld_dir('{load}', 'registry.nt.gz', '{BASE_URI}graph/merged');\n"
              "rdf_loader_run();\ncheckpoint;\n"
              "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;\n")
    done = subprocess.run([isql, str(sql_port), "dba", "dba"], input=script, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        stop(process)
        raise RuntimeError(f"isql could not load the registry: {(done.stdout + done.stderr).strip()[-300:]}")
    return server


# --- the run -----------------------------------------------------------------------------------------

def drive(server: Server, lines: list[Line], seconds: float, connections: int, log) -> dict:
    results = {}
    for line in lines:
        if line.kind == "page" and not server.pages:
            continue
        if line.kind == "sparql":
            url = server.base + server.sparql + "?" + urllib.parse.urlencode({"query": line.text})
        else:
            url = server.base + line.text
        problem = check(url, line.accept)
        figures = wrk(url, line.accept, seconds, connections)
        if problem:
            figures["failure"] = problem
        results[line.name] = figures
        log(f"    {line.name:<46} {_cell(figures)}")
    return results


def _cell(figures: dict) -> str:
    if "error" in figures:
        return f"wrk failed: {figures['error']}"
    text = f"{figures['rps'] or 0:>9.1f} req/s  p50 {figures['p50'] or 0:>8.2f} ms  p99 {figures['p99'] or 0:>8.2f} ms"
    if figures.get("errors"):
        text += f"  {figures['errors']} errors"
    if figures.get("failure"):
        text += f"  ({figures['failure'][:80]})"
    return text


def run_size(size: float, work: Path, peers: list[str], seconds: float, connections: int, log) -> dict:
    figures = build(size, work, log)
    data = work / f"build-{size:g}x"
    pole, region = sample_resources(data)
    lines = sparql_mix(pole, region) + page_mix(pole)
    outcome = {"size": size, "build": figures, "pole": pole, "region": region, "servers": {}, "skipped": {}}
    _, capabilities, _ = ours_options()
    virtuoso: Server | None = None
    with tempfile.TemporaryDirectory(prefix="essreg-http-load-") as scratch_name:
        scratch = Path(scratch_name)
        plan = []
        for peer in peers:
            if peer == "ours":
                plan.append(("ours", lambda: start_ours(data, scratch, "ours")))
                if capabilities["has_cache"]:
                    plan.append(("ours, CACHE_BYTES=0", lambda: start_ours(data, scratch, "ours-nocache",
                                                                          env={"ESSREG_CACHE_BYTES": "0"})))
            elif peer == "ours-nocache":  # only the cache-off line (while working on latency)
                plan.append(("ours, CACHE_BYTES=0", lambda: start_ours(data, scratch, "ours-nocache",
                                                                      env={"ESSREG_CACHE_BYTES": "0"})))
            elif peer == "oxigraph":
                plan.append(("oxigraph serve-read-only", lambda: start_oxigraph(data, scratch)))
            elif peer == "rdflib-endpoint":
                plan.append(("rdflib-endpoint", lambda: start_rdflib_endpoint(data, scratch, figures["triples"])))
            elif peer == "virtuoso":
                plan.append(("Virtuoso 7", lambda: start_virtuoso(data, scratch)))
            elif peer == "ours-virtuoso":
                plan.append(("ours, SPARQL_BACKEND=Virtuoso", None))
        try:
            for name, starter in plan:
                if starter is None:  # ours in front of the Virtuoso started above
                    if virtuoso is None:
                        outcome["skipped"][name] = "no Virtuoso running (see the line of Virtuoso 7)"
                        log(f"  {name}: skipped: {outcome['skipped'][name]}")
                        continue
                    starter = lambda: start_ours(data, scratch, "ours-virtuoso",  # noqa: E731
                                                 backend=virtuoso.base + virtuoso.sparql)
                log(f"  starting {name}")
                started = time.monotonic()
                try:
                    server = starter()
                except Exception as error:  # a missing or failing peer is reported, the others run
                    outcome["skipped"][name] = f"{type(error).__name__}: {error}"
                    log(f"  {name}: skipped: {outcome['skipped'][name]}")
                    continue
                ready = time.monotonic() - started
                sampler = MemorySampler(server.process.pid)
                try:
                    results = drive(server, [line for line in lines if line.kind == "sparql" or server.pages],
                                    seconds, connections, log)
                finally:
                    peak = sampler.stop()
                outcome["servers"][name] = {"results": results, "peak_rss_mb": round(peak), "ready_s": round(ready, 1),
                                            "note": server.note}
                log(f"  {name}: ready in {ready:.1f} s, peak memory {peak:.0f} MB")
                if name == "Virtuoso 7":
                    virtuoso = server  # kept running for ours in front of it
                else:
                    stop(server.process)
        finally:
            if virtuoso is not None:
                stop(virtuoso.process)
    outcome["lines"] = [(line.name, line.kind) for line in lines]
    return outcome


# --- the report -----------------------------------------------------------------------------------------

def machine() -> list[str]:
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), "0")
    load = os.getloadavg()
    versions = []
    for package in ("pyoxigraph", "oxigraph", "rdflib", "pyshacl", "waitress", "flask", "rdflib-endpoint"):
        try:
            from importlib.metadata import version
            versions.append(f"{package} {version(package)}")
        except Exception:
            pass
    for label, command in (("wrk", ["wrk", "--version"]), ("Virtuoso", ["virtuoso-t", "-?"])):
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=10)
            found = re.search(r"(?:wrk |Version )(\S+)", done.stdout + done.stderr)
            versions.append(f"{label} {found.group(1) if found else '?'}")
        except (OSError, subprocess.TimeoutExpired):
            versions.append(f"{label}: not installed")
    return [f"- Date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
            f"{int(memory) / 1024 / 1024:.1f} GB RAM, {platform.platform()}",
            f"- Python {platform.python_version()}; " + "; ".join(versions),
            f"- Load average at the end of the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"]


def markdown(outcomes: list[dict], args, notes: list[str]) -> str:
    out = ["# Benchmark results", "",
           f"Written by `benchmarks/http_load.py --sizes {args.sizes}"
           f"{' --quick' if args.quick else ''} --seconds {args.seconds:g} --connections {args.connections}"
           f"{' --append' if args.append else ''}` (wrk, one server at a time, each on the same build"
           f"{'; sizes measured by earlier runs in the same folder included' if args.append else ''}).", ""]
    out += machine() + [f"- {note}" for note in notes] + [""]
    out += ["## Builds", "", "Build: wall-clock time of the build from the document model on (conversion excepted), "
            "SHACL validation and publication included, and the CPU time it took (on a busy machine the wall-clock "
            "time is mostly waiting for a core); peak memory: the resident set of the build's process.", "",
            "| size | triples | build (conversion excepted) | CPU | peak memory | stages (wall clock) |",
            "|---|---|---|---|---|---|"]
    for o in outcomes:
        b = o["build"]
        if "build_s" in b:
            stages = ", ".join(f"{k} {v:.1f} s" for k, v in b["stages_s"].items() if k != "done")
            cpu = f"{b['cpu_s']:.0f} s" if b.get("cpu_s") else ""
            out.append(f"| {o['size']:g}× ({b['poles']:,} poles, {b['organisations']:,} organisations) | {b['triples']:,} | "
                       f"{b['build_s']:.1f} s | {cpu} | {b['peak_rss_mb']:,} MB | {stages} |")
        else:
            out.append(f"| {o['size']:g}× (data/fiches) | {b['triples']:,} | {b['wall_s']:.1f} s with the conversion "
                       "(`essreg build`) | | | |")
    for o in outcomes:
        out += ["", f"## Size {o['size']:g}× ({o['build']['triples']:,} triples)", "",
                f"One pole: `{o['pole']}`; région of the path query: `{o['region']}`.", ""]
        for name, reason in o["skipped"].items():
            out.append(f"- **{name} skipped**: {reason}")
        memory = [f"{name} {s['peak_rss_mb']:,} MB" for name, s in o["servers"].items()]
        out += ["", "Peak memory (resident set of the server's process tree): " + "; ".join(memory) + ".", ""]
        out += ["| request | server | req/s | median ms | p99 ms | vs Oxigraph (req/s) | errors |",
                "|---|---|---|---|---|---|---|"]
        oxigraph = o["servers"].get("oxigraph serve-read-only", {}).get("results", {})
        for line, kind in o["lines"]:
            for name, s in o["servers"].items():
                r = s["results"].get(line)
                if r is None:
                    continue
                if "error" in r:
                    out.append(f"| {line} | {name} | wrk failed: {r['error']} | | | | |")
                    continue
                ratio = ""
                base = oxigraph.get(line)
                if kind == "sparql" and base and base.get("rps") and r.get("rps") and not r.get("failure"):
                    ratio = f"{r['rps'] / base['rps']:.2f}×"
                errors = str(r.get("errors") or "")
                if r.get("failure"):
                    errors = (errors + " " if errors else "") + r["failure"][:70].replace("|", "/").replace("\n", " ")
                out.append(f"| {line} | {name} | {r['rps'] or 0:,.0f} | {r['p50'] or 0:.2f} | {r['p99'] or 0:.2f} | "
                           f"{ratio} | {errors} |")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="times today's build, comma-separated")
    parser.add_argument("--quick", action="store_true", help="2-second wrk runs (a smoke run: noisy figures)")
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run, in whole seconds")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--peers", default="ours,oxigraph,rdflib-endpoint,virtuoso,ours-virtuoso")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "essreg-benchmark",
                        help="where the builds are made and reused")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--note", action="append", default=[], help="a line about the run for RESULTS.md")
    parser.add_argument("--append", action="store_true",
                        help="also report the other sizes measured earlier in --work (results-Nx.json)")
    args = parser.parse_args()
    if args.quick:
        args.seconds = min(args.seconds, 2)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing (Debian: apt-get install -y wrk): it is the load generator of every line")
    args.work.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, flush=True)

    outcomes = []
    for size in (float(s) for s in args.sizes.split(",") if s.strip()):  # --sizes "" --append: only the report
        log(f"== size {size:g}×")
        outcomes.append(run_size(size, args.work, args.peers.split(","), args.seconds, args.connections, log))
        (args.work / f"results-{size:g}x.json").write_text(json.dumps(outcomes[-1], indent=1))
    if args.append:  # the sizes measured by earlier runs in the same --work, each with its own figures
        done = {o["size"] for o in outcomes}
        for path in sorted(args.work.glob("results-*x.json")):
            earlier = json.loads(path.read_text())
            if earlier["size"] not in done:
                outcomes.append(earlier)
                done.add(earlier["size"])
        outcomes.sort(key=lambda o: o["size"])
    args.results.write_text(markdown(outcomes, args, args.note))
    log(f"written: {args.results}")


if __name__ == "__main__":
    main()
