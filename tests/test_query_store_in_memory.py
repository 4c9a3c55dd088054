"""Query processes answering from an in-memory copy of the build's store (QUERY_STORE_IN_MEMORY_MAX_TRIPLES):
the same answers as the RocksDB store, a rebuild seen by the next query, and the memory limit
counting a query process's own memory, not what it inherited from the zygote. Real servers
(`essreg serve`'s waitress in a subprocess, with its zygote and query processes) on real builds.
"""
import contextlib
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from test_endpoint import PREFIXES, server_process, write_small_build
from test_query_limits import MEMORY_HUNGRY, process_tree, resident_bytes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "endpoint" / "examples").glob("*.rq"))
COPIED = "copied into memory"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads processes in /proc (Linux)")]


@contextlib.contextmanager
def server(settings: dict, log: Path):
    """A real server whose standard error (where the zygote says what it copied) goes to `log`."""
    with open(log, "wb") as handle, server_process(settings, stderr=handle) as running:
        yield running


def wait_for_copy(log: Path, build: Path, seconds: float = 60) -> None:
    store = str((build / "store").resolve())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(COPIED in line and store in line for line in log.read_text().splitlines()):
            return
        time.sleep(0.1)
    raise TimeoutError(f"no in-memory copy of {store} in {seconds} s: {log.read_text()}")


def parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


def ask(url: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    request = urllib.request.Request(url + "sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def solutions(body: bytes, query: str) -> list[dict]:
    rows = json.loads(body)["results"]["bindings"]
    for separator in re.findall(r'separator\s*=\s*"([^"]+)"', query, re.IGNORECASE):  # of a GROUP_CONCAT
        for row in rows:
            for term in row.values():
                if separator in term["value"]:
                    term["value"] = sorted(term["value"].split(separator))
    return rows


def test_answers_from_memory_are_the_stores(seeds_build, tmp_path):
    on_disk, in_memory = {}, {}
    settings = {"DATA_DIR": seeds_build.out, "CACHE_BYTES": 0}
    with server({**settings, "QUERY_STORE_IN_MEMORY_MAX_TRIPLES": 0}, tmp_path / "disk.log") as (url, _):
        for path in EXAMPLES:
            on_disk[path.name] = ask(url, path.read_text(encoding="utf-8"))
    assert COPIED not in (tmp_path / "disk.log").read_text()
    with server(settings, tmp_path / "memory.log") as (url, _):
        wait_for_copy(tmp_path / "memory.log", seeds_build.out / "current")
        for path in EXAMPLES:
            in_memory[path.name] = ask(url, path.read_text(encoding="utf-8"))
        graphs = json.loads(ask(url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")[1])
    assert len(EXAMPLES) >= 4
    for name, (status, body) in on_disk.items():
        assert status == 200 and json.loads(body)["results"]["bindings"], name
        assert in_memory[name][0] == 200, in_memory[name]
        # the same rows in the same order; GROUP_CONCAT joins its values in the order the store
        # yields them, which SPARQL leaves open: its parts are compared as sets
        query = (ROOT / "endpoint" / "examples" / name).read_text(encoding="utf-8")
        assert solutions(in_memory[name][1], query) == solutions(body, query), name
    assert in_memory["01-members-by-legal-form.rq"] == on_disk["01-members-by-legal-form.rq"]  # byte for byte
    # the copy holds the store's graphs, public ones only: the private graph is not among them
    named = {row["g"]["value"] for row in graphs["results"]["bindings"]}
    assert named == set(json.loads((seeds_build.out / "current" / "build-info.json").read_text())["graphs"])
    assert not any("private" in name for name in named)


def test_a_rebuild_is_answered_from_its_own_copy(tmp_path):
    data, log = tmp_path / "data", tmp_path / "server.log"
    first = write_small_build(data, "Premier")
    query = PREFIXES + "SELECT ?name WHERE { ?pole a ess:PTCE ; skos:prefLabel ?name }"

    def names(url):
        status, body = ask(url, query)
        assert status == 200, body
        return [row["name"]["value"] for row in json.loads(body)["results"]["bindings"]]

    with server({"DATA_DIR": data, "CACHE_BYTES": 0}, log) as (url, _):
        wait_for_copy(log, first)
        assert names(url) == ["Premier"]
        second = write_small_build(data, "Second")
        assert names(url) == ["Second"]  # the next query: from the new build's store while its copy is made
        wait_for_copy(log, second)
        assert [names(url) for _ in range(4)] == [["Second"]] * 4  # and from its copy
    assert COPIED in log.read_text() and "Traceback" not in log.read_text()


def test_a_rebuild_is_read_in_advance_before_any_request(tmp_path):
    """Each worker watches the `current` link: a new build's summary and search index are read,
    and its store copied into memory, with no request to wait for them."""
    data, log = tmp_path / "data", tmp_path / "server.log"
    first = write_small_build(data, "Premier")
    with server({"DATA_DIR": data, "CACHE_BYTES": 0}, log) as (url, _):
        wait_for_copy(log, first)
        wait_for_line(log, f"{first.resolve()} read in advance")
        second = write_small_build(data, "Second")
        wait_for_copy(log, second)  # no request made since the rebuild
        wait_for_line(log, f"{second.resolve()} read in advance")
        with urllib.request.urlopen(url + "search.json?q=Second", timeout=30) as response:
            assert "Second" in response.read().decode()
    assert "Traceback" not in log.read_text()


def wait_for_line(log: Path, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{text!r} not in the server's log in {seconds} s: {log.read_text()}")


def test_a_query_over_the_memory_limit_is_stopped_while_inherited_pages_do_not_count(seeds_build, tmp_path):
    """The limit is lower than what each query process holds from the zygote (the interpreter and
    the store's copy): light queries are still answered, a hungry one is stopped."""
    limit, log = 40_000_000, tmp_path / "server.log"
    with server({"DATA_DIR": seeds_build.out, "CACHE_BYTES": 0, "MAX_QUERY_MEMORY": limit}, log) as (url, process):
        wait_for_copy(log, seeds_build.out / "current")
        for path in EXAMPLES:
            assert ask(url, path.read_text(encoding="utf-8"))[0] == 200, path.name
        zygotes = [pid for pid in process_tree(process.pid) if parent(pid) == process.pid]
        runners = [pid for zygote in zygotes for pid in process_tree(zygote) if pid != zygote]
        assert max(resident_bytes(pid) for pid in runners) > limit  # what they inherited is more than the limit
        status, body = ask(url, MEMORY_HUNGRY)
        assert status == 503 and "more than 40 MB of memory" in body.decode()
        assert all(ask(url, path.read_text(encoding="utf-8"))[0] == 200 for path in EXAMPLES)
