"""Running the app for real: waitress, or Flask's development server; one process or several.

waitress (Pylons, pure Python) reads every request whole, headers and body, in its event loop
before a thread takes it, and writes answers from buffers: a slow client holds a connection,
never a thread, so a hundred clients sending one header line every five seconds do not delay
anyone. Threads (THREADS) answer the requests; public SPARQL queries run in processes of their
own (query_pool.py), so a query cannot take the server down with it. In production, put a
reverse proxy in front all the same (README, "In production").

One waitress process answers with one CPU at a time (Python's interpreter lock), so `workers`
processes can share its listening socket: the socket is bound once, then each worker, forked
from the first process, runs its own waitress on it (each one's event loop accepts connections
and reads requests whole, as alone) with its own pool of query processes and answer cache. The
server's budgets stay those of the whole server: THREADS, MAX_CONNECTIONS, QUERY_PROCESSES,
LONG_QUERIES, QUERY_QUEUE and CACHE_BYTES are shared evenly between the workers (`per_worker`).
The first process only watches: it restarts a worker that dies and stops them all on SIGTERM or
SIGINT.
"""
import logging
import math
import os
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Mapping
from typing import Any

from . import create_app
from .build import EXTENSION as BUILDS
from .search import search_index
from .sparql import prepare as prepare_queries, warm as warm_queries

WATCH_SECONDS = 2.0  # how often each worker looks for a rebuild to read in advance
HEADER_ROOM = 64 * 1024  # request line and headers beside a GET query of MAX_REQUEST_BYTES
SHARED = ("THREADS", "MAX_CONNECTIONS", "QUERY_PROCESSES", "LONG_QUERIES", "QUERY_QUEUE", "CACHE_BYTES")
_LOG = logging.getLogger(__name__)


def worker_count(asked: str | int) -> int:
    """`auto`: one worker per CPU this process may run on (its affinity, not the machine's count:
    a container or taskset limits it). waitress runs Python on one CPU at a time, and the pages
    are Python, so one worker per CPU can keep every CPU busy; more would only take turns on the
    same CPUs and divide the budgets further (queries run in processes of their own anyway)."""
    if str(asked) == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not Linux
            return max(1, os.cpu_count() or 1)
    count = int(asked)
    if count < 1:
        raise ValueError(f"--workers must be at least 1 or auto, not {asked}")
    return count


def per_worker(config: Mapping[str, Any], workers: int) -> dict[str, Any]:
    """The settings of one of `workers` workers: the server's budgets shared evenly (rounded up),
    with at least 2 query processes and 1 long query each (so a short query always finds one)."""
    if workers == 1:
        return dict(config)
    settings = create_app(config).config  # the defaults, the environment's ESSREG_*, then `config`
    shared = {name: int(settings[name]) for name in SHARED}
    mine = {name: math.ceil(value / workers) for name, value in shared.items()}
    mine["QUERY_PROCESSES"] = max(2, mine["QUERY_PROCESSES"])
    mine["LONG_QUERIES"] = max(1, min(mine["LONG_QUERIES"], mine["QUERY_PROCESSES"] - 1))
    mine["THREADS"] = max(4, mine["THREADS"])
    return {**config, **mine}


def serve(config: Mapping[str, Any], host: str = "127.0.0.1", port: int = 8000, dev: bool = False,
          workers: int = 1) -> None:
    app = create_app(per_worker(config, workers))
    if dev:
        _warm(app)
        app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
        return
    if workers == 1:
        _warm(app)
        _waitress(app, host=host, port=port)
        return
    listening = socket.create_server((host.strip("[]"), port), family=socket.AF_INET6 if ":" in host
                                     else socket.AF_INET, backlog=1024)
    _supervise(app, listening, workers)


def _warm(app) -> None:
    """Start the query processes, and keep the current build read in advance (`_keep_warm`)."""
    warm_queries(app)  # the zygote (with its copy of the store) and the idle runners
    threading.Thread(target=_keep_warm, args=(app,), name="warm-build", daemon=True).start()


def _keep_warm(app) -> None:
    """Read each build that becomes current, at the start and after every rebuild, before anyone
    asks: its summary and search index (at 100× they take seconds, which the first visitor of a
    page would otherwise wait) and its store's in-memory copy for the query processes. The
    `current` link is looked at every WATCH_SECONDS (one system call)."""
    builds, warmed = app.extensions[BUILDS], None
    while True:
        try:
            directory = builds.directory()
        except OSError:
            directory = None
        if directory is not None and directory != warmed:
            started = time.monotonic()
            try:
                with app.app_context():
                    if warmed is not None:
                        prepare_queries(app)
                    search_index()  # reads the summary first
                print(f"essreg: {directory} read in advance (summary, search index:"
                      f" {time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)
            except Exception:  # the first request will say what is wrong with the build
                _LOG.exception("could not read the build %s in advance", directory)
            warmed = directory
        time.sleep(WATCH_SECONDS)


def _waitress(app, **where) -> None:
    import waitress

    settings = app.config
    waitress.serve(
        app, ident="essreg", **where,
        threads=int(settings["THREADS"]),
        connection_limit=int(settings["MAX_CONNECTIONS"]),
        # bodies over the limit, chunked or not, get waitress's 413 before the app reads them
        # (waitress refuses a body of max_request_body_size bytes and more: the limit itself is allowed)
        max_request_body_size=int(settings["MAX_REQUEST_BYTES"]) + 1,
        max_request_header_size=int(settings["MAX_REQUEST_BYTES"]) + HEADER_ROOM,
        **({"trusted_proxy": settings["TRUSTED_PROXY"], "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-host", "x-forwarded-for"},
            "clear_untrusted_proxy_headers": True} if settings.get("TRUSTED_PROXY") else {}),
    )


def _supervise(app, listening: socket.socket, workers: int) -> None:
    """Fork the workers and keep them running until SIGTERM or SIGINT (then stop them, and exit)."""
    running: set[int] = set()
    stopping = False

    def stop(signum, _frame):
        nonlocal stopping
        stopping = True
        for pid in list(running):
            _signal(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        running.add(_fork_worker(app, listening))
    while running:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
        running.discard(pid)
        if not stopping:
            _LOG.error("worker %d exited (status %d); starting another", pid, status)
            running.add(_fork_worker(app, listening))
    listening.close()


def _fork_worker(app, listening: socket.socket) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the first process stops us
        _warm(app)  # this worker's own zygote, runners and summary
        _waitress(app, sockets=[listening])
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass
