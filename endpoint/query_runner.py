"""The processes that evaluate public SPARQL queries, one at a time (see query_pool.py).

A runner receives a `QueryJob`, answers it with the bytes to send (or the error to give) and
waits for the next. Everything that reads the user's query text with Oxigraph's parser happens
in a runner, never in the web server's process: the SERVICE check, the evaluation, the results.
The work runs on a thread with a large stack, so that deep queries do not overflow it; if one
still crashes the runner, or runs past its time or memory, the web server kills it and answers.

Runners are forked by a zygote, `zygote(socket)` in a process of its own: a process that has
imported all this once, so a new runner is ready in milliseconds. It forks one for each socket
the web server passes it over FD, answers with the runner's pid, and kills its runners when the
web server goes away.

The zygote also holds an in-memory copy of the current build's store when the web server asks for
one (QUERY_STORE_IN_MEMORY_MAX_TRIPLES): the runners it forks inherit it copy-on-write and answer
from it, several times faster than from RocksDB. Its pages stay shared until a query reads them:
Oxigraph's in-memory store writes as it reads (counts of references), so a runner comes to hold
its own copy of the pages its queries went through, at most the whole copy. The copy is made on a
thread of the zygote, which goes on forking meanwhile; a runner whose copy is not the job's build
(none yet, or an earlier build) opens the build's RocksDB store as runners do without a copy, and
the web server retires it once the zygote holds the new copy.
"""
from __future__ import annotations

import ctypes
import os
import resource
import signal
import socket
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph

from .documents import serialize_rdf
from .errors import (HttpError, bad_request, query_timeout, service_failed, service_not_allowed, service_timed_out,
                     the_endpoint_is_read_only)
from .federation import service_relay
from .limits import counted
from .negotiation import FORMATS_BY_NAME
from .query_text import CODEPOINT_ESCAPE, explain_syntax_error, looks_like_update, may_use_keyword, service_targets
from .result_rows import serialize_solutions
from .store import EmbeddedStore, RemoteStore, Store

STACK_BYTES = 256 * 1024 * 1024  # reserved address space, used only as deep as a query goes
SLACK_BYTES = 512 * 1024 * 1024  # address space beside the query's: threads the store starts, allocator arenas


@dataclass(frozen=True)
class QueryJob:
    query: str
    default_graph_uris: tuple[str, ...]
    named_graph_uris: tuple[str, ...]
    base_iri: str | None
    store: tuple[str, str, float]  # ("embedded", store directory, 0) or ("remote", endpoint URL, timeout)
    results_format: str | None  # the name of the negotiated format for SELECT and ASK, or None
    rdf_format: str | None  # for CONSTRUCT and DESCRIBE
    not_acceptable: dict[str, str]  # "results"/"rdf": the 406 message when nothing fits
    max_rows: int
    allowed_services: tuple[str, ...]
    jsonld_context: tuple[dict, str] | None  # (context, its URL)
    max_memory: int | None = None  # bytes: a backstop on the address space (see _cap_address_space)
    service_timeout: float = 0  # seconds each SERVICE call may take (endpoint/federation.py); 0: no limit
    in_memory: bool = False  # an embedded store small enough to be answered from the zygote's in-memory copy


@dataclass(frozen=True)
class QueryAnswer:
    body: bytes
    media_type: str


@dataclass(frozen=True)
class QueryFailure:
    status: int
    message: str  # for the client
    headers: dict[str, str]
    log: str = ""  # for the server's log only (a traceback)


def check_services(query: str, allowed: tuple[str, ...] | list[str]) -> list[str]:
    """The SERVICE endpoints the query calls, all of them in `allowed`; a 400 before anything runs
    otherwise: an open SERVICE would let anyone make this server connect anywhere (request forgery)."""
    if not may_use_keyword(query, "SERVICE"):
        return []
    allowed = list(allowed)
    if CODEPOINT_ESCAPE.search(query):
        raise service_not_allowed("A query with SERVICE may not use \\u escapes here.", allowed)
    targets = service_targets(query)
    for target in targets:
        if target is None:
            raise service_not_allowed("Write the endpoint of SERVICE as a full IRI, <http://...>,"
                                      " not a variable or a prefixed name.", allowed)
        if target not in allowed:
            raise service_not_allowed(f"SERVICE <{target}> is not allowed.", allowed)
    return [target for target in targets if target]


# The zygote's in-memory copy of a build's store, inherited by the runners it forks (None: none yet).
_MEMORY_COPY: EmbeddedStore | None = None


class Evaluator:
    """Answers jobs; keeps the store of the last build it was asked about open (the inherited
    in-memory copy when it is that build's)."""

    def __init__(self):
        self._store_key: tuple | None = None
        self._store: Store | None = None

    def store(self, key: tuple[str, str, float]) -> Store:
        if key != self._store_key:
            self._store = None  # closes the previous one first
            kind, location, timeout = key
            copy = _MEMORY_COPY
            if kind == "embedded" and copy is not None and str(copy.path) == location:
                self._store = copy
            else:
                self._store = EmbeddedStore(Path(location)) if kind == "embedded" else RemoteStore(location, timeout)
            self._store_key = key
        return self._store

    def answer(self, job: QueryJob) -> QueryAnswer:
        services = check_services(job.query, job.allowed_services)
        query, relay = job.query, None
        if services and job.service_timeout and job.store[0] == "embedded":  # an engine behind calls them itself
            relay = service_relay(job.service_timeout)
            query = relay.route(job.query, services)
        try:
            return evaluate(self.store(job.store), job, query)
        except OSError as error:
            if relay is not None and relay.timed_out:
                raise service_timed_out(relay.timed_out, job.service_timeout) from None
            if services:  # Oxigraph's SERVICE client: down, refused, a redirect (never followed)...
                raise service_failed(services, str(error)) from None
            raise


def evaluate(store: Store, job: QueryJob, query: str | None = None) -> QueryAnswer:
    """The answer to `job` (its text, or `query` when rewritten) from `store`, written by the
    engine in the negotiated format; a 400 past job.max_rows rows or triples."""
    try:
        result = store.query(query or job.query, default_graph_uris=job.default_graph_uris,
                             named_graph_uris=job.named_graph_uris, base_iri=job.base_iri)
        is_graph = not isinstance(result, (pyoxigraph.QueryBoolean, pyoxigraph.QuerySolutions))
        family = "rdf" if is_graph else "results"
        name = job.rdf_format if is_graph else job.results_format
        if name is None:
            raise HttpError(406, job.not_acceptable[family])
        fmt = FORMATS_BY_NAME[name]
        if isinstance(result, pyoxigraph.QueryBoolean):
            return QueryAnswer(result.serialize(format=fmt.results), fmt.media_type)
        if isinstance(result, pyoxigraph.QuerySolutions):
            return QueryAnswer(serialize_solutions(result, fmt.results, job.max_rows), fmt.media_type)
        triples = counted(result, job.max_rows, "triples")
        return QueryAnswer(serialize_rdf(triples, fmt, job.jsonld_context), fmt.media_type)
    except SyntaxError as error:
        if looks_like_update(job.query):
            raise the_endpoint_is_read_only() from None
        raise bad_request(explain_syntax_error(job.query, str(error))) from None
    except TimeoutError:
        raise query_timeout(job.store[2]) from None


def run(connection: Connection) -> None:
    """A runner's main function: answer jobs from `connection` until it closes."""
    threading.stack_size(STACK_BYTES)
    worker = threading.Thread(target=_serve, args=(connection,), name="sparql-query")
    worker.start()
    worker.join()


def _serve(connection: Connection) -> None:
    evaluator = Evaluator()
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return  # the web server closed the pipe: this runner is no longer needed
        try:
            if job.max_memory:
                evaluator.store(job.store)  # opened first: RocksDB reserves much address space
                _cap_address_space(job.max_memory)
            outcome: QueryAnswer | QueryFailure = evaluator.answer(job)
        except HttpError as error:
            outcome = QueryFailure(error.status, error.message, error.headers)
        except MemoryError:
            outcome = QueryFailure(503, "memory", {})
        except Exception as error:  # an engine error: the server logs it and answers 500
            outcome = QueryFailure(500, f"The SPARQL engine failed on this query: {type(error).__name__}: {error}",
                                   {}, traceback.format_exc())
        try:
            connection.send(outcome)
        except (EOFError, OSError):
            return


class _Copier:
    """The zygote's thread that copies a build's store into memory, the latest one asked for."""

    def __init__(self):
        self.lock = threading.Lock()
        self._wanted: str | None = None  # the store directory to copy next
        self._copying: str | None = None
        self._failed: set[str] = set()
        self._off = False  # asked for no copy: one being made is dropped when done

    def want(self, location: str) -> None:
        global _MEMORY_COPY
        with self.lock:
            if not location:  # no copy for this build (too large, or turned off): drop the one held
                self._wanted, self._off = None, True
                _MEMORY_COPY = None
                return
            self._off = False
            held = _MEMORY_COPY
            if location in (self._copying, self._wanted) or location in self._failed \
                    or (held is not None and str(held.path) == location):
                return
            self._wanted = location
            if self._copying is None:
                self._copying = location
                threading.Thread(target=self._copy, name="store-copy", daemon=True).start()

    def _copy(self) -> None:
        global _MEMORY_COPY
        while True:
            with self.lock:
                location, self._wanted = self._wanted, None
                if location is None:
                    self._copying = None
                    return
                self._copying = location
            started = time.monotonic()
            try:
                copy = EmbeddedStore.in_memory(Path(location), spawning=self.lock)
            except Exception as error:  # a build removed meanwhile, memory refused...: RocksDB it stays
                print(f"essreg query zygote: no in-memory copy of {location}: {error}", file=sys.stderr, flush=True)
                with self.lock:
                    self._failed.add(location)
                continue
            with self.lock:
                installed = self._wanted is None and not self._off  # else a newer build is copied next
                if installed:
                    _MEMORY_COPY = copy  # the previous copy is freed here (runners keep theirs until they end)
            if installed:
                print(f"essreg query zygote: {location} copied into memory ({len(copy._store)} quads,"
                      f" {time.monotonic() - started:.1f} s)", file=sys.stderr, flush=True)
            del copy
            _release_free_memory()

    def held(self) -> str:
        copy = _MEMORY_COPY
        return "" if copy is None else str(copy.path)


def zygote(control: socket.socket) -> None:
    """Fork a runner for every socket received on `control`; exit (killing them) when it closes.

    Messages: `fork\tSTORE` with the runner's socket (answered `PID\tCOPY`), `copy\tSTORE`
    (answered `COPY`): STORE is the store directory whose in-memory copy the web server wants
    ("" for none), COPY the one the zygote holds now ("" for none), which a new runner inherits."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the runners
    runners: list[int] = []
    copier = _Copier()
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 8192, 1)
        except OSError:
            message, fds = b"", []
        if not message:
            break
        verb, _, location = message.decode("utf-8", "replace").partition("\t")
        copier.want(location)
        if verb != "fork" or not fds:
            for fd in fds:
                os.close(fd)
            control.sendall(f"{copier.held()}\n".encode())
            continue
        with copier.lock:  # what the runner inherits is what the answer says
            held = copier.held()
            pid = os.fork()
        if pid == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                run(Connection(fds[0]))
            finally:
                os._exit(0)
        os.close(fds[0])
        runners = [runner for runner in runners if _alive(runner)] + [pid]
        control.sendall(f"{pid}\t{held}\n".encode())
    for runner in runners:
        try:
            os.kill(runner, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def _cap_address_space(max_memory: int) -> None:
    """A backstop under the web server's watch of resident memory: an allocation burst that
    would take far more than the limit between two looks fails here instead of taking the host."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            virtual = int(statm.read().split()[0]) * resource.getpagesize()
    except OSError:  # not Linux: the web server's watch only
        return
    limit = virtual + 2 * max_memory + SLACK_BYTES
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _release_free_memory() -> None:
    """Give back to the system the memory the copy freed (the Python objects of each quad, a
    previous copy): pages left in the heap would be inherited by every runner, and a query
    allocating into them would copy them (copy-on-write) instead of taking fresh pages, unseen by
    the web server's watch of resident memory."""
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc
    except (OSError, AttributeError):
        pass
