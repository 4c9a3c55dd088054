"""`essreg serve --workers N|auto` (endpoint/serving.py): N waitress processes on one port, each
answering; a worker that dies is replaced; SIGTERM stops them all. Real processes, real HTTP."""
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from endpoint.serving import per_worker, worker_count
from essreg.cli import main
from test_endpoint import ROOT, free_port, wait_for

pytestmark = pytest.mark.slow

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_workers(ptce_build):
    port = free_port()
    # CACHE_BYTES=0: every request is computed, by whichever worker accepted it
    process = subprocess.Popen([sys.executable, "-m", "essreg.cli", "serve", "--data", str(ptce_build.out),
                                "--port", str(port), "--workers", "2"], cwd=ROOT,
                               env={**os.environ, "ESSREG_CACHE_BYTES": "0"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "sparql", process)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url: str) -> int:
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        return response.status


def test_two_workers_answer_on_one_port(two_workers):
    url, process = two_workers
    workers = children(process.pid)
    assert len(workers) == 2
    before = {pid: cpu_ticks(pid) for pid in workers}
    targets = [url + "page/pole/coopaxis", url + "sparql?" + urllib.parse.urlencode({"query": QUERY})] * 150
    with ThreadPoolExecutor(16) as pool:
        assert set(pool.map(fetch, targets)) == {200}
    used = {pid: cpu_ticks(pid) - before[pid] for pid in workers}
    assert all(ticks > 0 for ticks in used.values()), used  # both took requests


def test_a_worker_that_dies_is_replaced_and_sigterm_stops_all(two_workers):
    url, process = two_workers
    first, second = children(process.pid)
    os.kill(first, signal.SIGKILL)
    assert fetch(url + "page/pole/coopaxis") == 200  # the other one answers meanwhile
    deadline = time.monotonic() + 30  # the killed worker may still be listed until the server reaps it
    while time.monotonic() < deadline and (first in children(process.pid) or len(children(process.pid)) < 2):
        time.sleep(0.1)
    workers = children(process.pid)
    assert len(workers) == 2 and second in workers and first not in workers
    for _ in range(4):
        assert fetch(url + "sparql?" + urllib.parse.urlencode({"query": QUERY})) == 200
    every = workers + [grandchild for worker in workers for grandchild in children(worker)]
    process.terminate()
    assert process.wait(timeout=30) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in every):
        time.sleep(0.1)
    assert not any(alive(pid) for pid in every)  # workers, their query zygotes and runners


def test_auto_is_the_cpus_this_process_may_use_and_budgets_are_shared(ptce_build):
    assert worker_count("auto") == len(os.sched_getaffinity(0))
    assert worker_count("3") == 3
    with pytest.raises(ValueError):
        worker_count("0")
    shared = per_worker({"DATA_DIR": str(ptce_build.out), "QUERY_PROCESSES": 8, "LONG_QUERIES": 2, "CACHE_BYTES": 1000,
                         "THREADS": 32, "MAX_CONNECTIONS": 1000, "QUERY_QUEUE": 16}, 4)
    assert (shared["QUERY_PROCESSES"], shared["LONG_QUERIES"], shared["CACHE_BYTES"]) == (2, 1, 250)
    assert (shared["THREADS"], shared["MAX_CONNECTIONS"], shared["QUERY_QUEUE"]) == (8, 250, 4)


def test_a_wrong_worker_count_is_a_usage_error(ptce_build):
    result = CliRunner().invoke(main, ["serve", "--data", str(ptce_build.out), "--workers", "none"])
    assert result.exit_code == 2 and "--workers" in result.output
