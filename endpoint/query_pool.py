"""Where public SPARQL queries run: processes of their own, watched, bounded and stoppable.

Each query is evaluated by a runner process (query_runner.py), forked from a process that has
already imported everything, and kept for the next query when it ends well (lookups bounded by
their rows are answered without one: cheap_queries.py). The request's thread
watches it while it runs:

- past QUERY_TIMEOUT, or past MAX_QUERY_MEMORY of resident memory, the process is killed: the
  query stops using CPU and memory at once, and the client gets a 503 saying which limit;
- a query that crashes its process (a shape of query the engine cannot take) costs only that
  process: the client gets a 400, the server goes on;
- at most QUERY_PROCESSES queries run at once, and at most LONG_QUERIES of them past their first
  second (LONG_AFTER): a query reaching one second when that many long queries already run is
  stopped with 503 and Retry-After. Long queries run at a lower CPU priority, so that short
  queries (and the pages, which never wait for a runner) keep answering while heavy ones run;
- a query finding every process busy waits in a queue of at most QUERY_QUEUE places, for at
  most QUEUE_WAIT seconds; beyond, 503 and Retry-After.

Memory is read from /proc (Linux); elsewhere only the time limits hold. A runner's memory is what
it takes beyond what it was forked with, the zygote's pages: the interpreter and, when the build is
small enough, the in-memory copy of its store (query_runner.py). Oxigraph writes to the pages of
the copy a query reads (counts of references), which the kernel then copies for that runner: those
do not add to its resident set and are not counted, bounded as they are by the copy's size
(QUERY_STORE_IN_MEMORY_MAX_TRIPLES).
"""
from __future__ import annotations

import atexit
import logging
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

from .errors import HttpError, query_timeout, query_too_complex, query_too_large_in_memory, server_busy
from .query_runner import QueryAnswer, QueryFailure, QueryJob

LONG_AFTER = 1.0  # seconds after which a query counts as long
QUEUE_WAIT = 5.0  # longest wait for a free process, in seconds
POLL = 0.02  # seconds between two looks at a running query
IDLE_RUNNERS = 2  # runners started with the server (more start as queries need them, up to QUERY_PROCESSES)
RETIRE_RSS = 256 * 1024 * 1024  # a runner that keeps more memory of its own than this after a query is replaced
LOWER_PRIORITY = 10  # niceness added to long queries

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_LOG = logging.getLogger(__name__)


class Zygote:
    """The process that forks the runners (endpoint.query_runner.zygote); one per web server process."""

    _lock = threading.Lock()
    _process: subprocess.Popen | None = None
    _control: socket.socket | None = None

    @classmethod
    def fork_runner(cls, copy_of: str = "") -> tuple[int, Connection, str]:
        """A new runner: its pid, its pipe, and the store whose in-memory copy it inherited ("" for
        none). `copy_of`: the store the zygote should hold in memory (copied now if it does not)."""
        ours, theirs = socket.socketpair()
        try:
            pid, _, held = cls._ask(f"fork\t{copy_of}", theirs.fileno()).partition("\t")
            return int(pid), Connection(ours.detach()), held
        finally:
            theirs.close()
            ours.close()

    @classmethod
    def holds(cls, copy_of: str) -> str:
        """The store the zygote holds in memory now; asks it for `copy_of` if it does not."""
        return cls._ask(f"copy\t{copy_of}")

    @classmethod
    def _ask(cls, message: str, fd: int | None = None) -> str:
        with cls._lock:
            for attempt in (1, 2):
                cls._ensure_running()
                try:
                    socket.send_fds(cls._control, [message.encode()], [] if fd is None else [fd])
                    return cls._read_line().decode().rstrip("\n")
                except OSError:
                    if attempt == 2:
                        raise
                    cls._stop()  # a dead zygote: start another

    @classmethod
    def _ensure_running(cls) -> None:
        if cls._process is not None and cls._process.poll() is None:
            return
        ours, theirs = socket.socketpair()
        # the same modules as this process: its sys.path, whatever set it
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(path for path in sys.path if path)}
        cls._process = subprocess.Popen([sys.executable, "-c", "import sys; from endpoint.query_runner import zygote;"
                                         " zygote(__import__('socket').socket(fileno=int(sys.argv[1])))",
                                         str(theirs.fileno())],
                                        pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, env=environment)
        theirs.close()
        cls._control = ours

    @classmethod
    def _read_line(cls) -> bytes:
        line = b""
        while not line.endswith(b"\n"):
            chunk = cls._control.recv(32)
            if not chunk:
                raise ConnectionError("the query zygote exited")
            line += chunk
        return line

    @classmethod
    def _stop(cls) -> None:
        if cls._control is not None:
            cls._control.close()  # the zygote kills its runners and exits
        if cls._process is not None:
            try:
                cls._process.wait(5)
            except subprocess.TimeoutExpired:
                cls._process.kill()
        cls._process = cls._control = None

    @classmethod
    def stop(cls) -> None:
        with cls._lock:
            cls._stop()


class Runner:
    """One runner process (forked by the zygote) and the pipe to it."""

    def __init__(self, copy_of: str = ""):
        self.pid, self.connection, self.copy_of = Zygote.fork_runner(copy_of)
        self.lowered = False
        self.dead = False
        try:  # kept open: read again at every look (os.pread) without opening /proc/PID/statm each time
            self._statm: int | None = os.open(f"/proc/{self.pid}/statm", os.O_RDONLY)
        except OSError:  # not Linux: no memory readings
            self._statm = None
        # what it was forked with, shared with the zygote: not the memory its queries take
        self.inherited = self.resident_memory() or 0

    def is_alive(self) -> bool:
        if self.dead:
            return False
        try:
            os.kill(self.pid, 0)
            return True
        except ProcessLookupError:
            self.dead = True
            return False

    def resident_memory(self) -> int | None:
        if self._statm is None:
            return None
        try:
            return int(os.pread(self._statm, 256, 0).split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return None

    def _close_statm(self) -> None:
        statm, self._statm = self._statm, None  # taken first: never closed twice (the number may be reused)
        if statm is not None:
            os.close(statm)

    def own_memory(self) -> int | None:
        """Resident memory beyond what the runner was forked with (the zygote's pages, the store's
        in-memory copy among them), read from statm: cheap enough to be read every POLL, where
        /proc/PID/smaps_rollup (Private_*, which would also count the pages of the copy the runner
        came to write to) takes 20 ms a read beside a copy of 1.4 M triples."""
        resident = self.resident_memory()
        return None if resident is None else max(0, resident - self.inherited)

    def lower_priority(self) -> None:
        """Lower the CPU priority of every thread of the process (Linux's niceness is per thread)."""
        self.lowered = True
        try:
            threads = [int(tid) for tid in os.listdir(f"/proc/{self.pid}/task")]
        except OSError:
            threads = [self.pid]
        for tid in threads:
            try:
                os.setpriority(os.PRIO_PROCESS, tid, LOWER_PRIORITY)
            except OSError:
                pass

    def kill(self) -> None:
        """End the process now (SIGKILL: a query in native code does not look at signals)."""
        if not self.dead:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.dead = True
        self.connection.close()
        self._close_statm()

    def stop(self) -> None:
        """End an idle runner: closing the pipe is its signal to exit."""
        self.connection.close()
        self.dead = True
        self._close_statm()


@dataclass
class _Running:
    started: float
    long: bool = False


@dataclass
class _Ticket:
    granted: threading.Event = field(default_factory=threading.Event)


class QueryPool:
    def __init__(self, processes: int, long_queries: int, queue: int, timeout: float, max_memory: int):
        if not 0 < long_queries < processes:
            raise ValueError(f"LONG_QUERIES ({long_queries}) must be at least 1 and less than"
                             f" QUERY_PROCESSES ({processes}), so that short queries always find a process")
        self.processes, self.long_queries, self.queue = processes, long_queries, queue
        self.timeout, self.max_memory = timeout, max_memory
        self._lock = threading.Lock()
        self._slots = 0  # processes in use, or promised to a waiting ticket
        self._running: dict[Runner, _Running] = {}
        self._waiting: deque[_Ticket] = deque()
        self._idle: list[Runner] = []
        self._finalizer = weakref.finalize(self, _stop_all, self._idle, self._running)

    # --- the public side -------------------------------------------------------------------

    def run(self, job: QueryJob) -> QueryAnswer:
        """The answer to `job`, or an HttpError saying which limit stopped it."""
        self._acquire_slot()
        runner = None
        copy_of = job.store[1] if job.in_memory else ""
        try:
            runner = self._take_runner(copy_of)
            return self._watch(runner, job)
        finally:
            self._release(runner, copy_of)

    def warm(self, copy_of: str = "") -> None:
        """Start the zygote and the idle runners now, so that the first queries do not wait for them;
        the zygote starts copying `copy_of` (a store directory) into memory."""
        runners = [Runner(copy_of) for _ in range(IDLE_RUNNERS)]
        with self._lock:
            self._idle.extend(runners)

    def close(self) -> None:
        self._finalizer()

    # --- slots and queue ----------------------------------------------------------------------

    def _acquire_slot(self) -> None:
        with self._lock:
            if self._slots < self.processes and not self._waiting:
                self._slots += 1
                return
            if len(self._waiting) >= self.queue:
                raise self._busy("Every query process of this endpoint is busy and the queue is full.")
            ticket = _Ticket()
            self._waiting.append(ticket)
        if ticket.granted.wait(QUEUE_WAIT):
            return
        with self._lock:
            if ticket.granted.is_set():  # granted while the wait ended
                return
            self._waiting.remove(ticket)
            raise self._busy(f"Every query process of this endpoint stayed busy for {QUEUE_WAIT:g} s.")

    def _take_runner(self, copy_of: str) -> Runner:
        runner = self._idle_runner(copy_of)
        while runner is not None and not runner.is_alive():
            runner.kill()
            runner = self._idle_runner(copy_of)
        if runner is None:
            try:
                runner = Runner(copy_of)
            except OSError as error:
                raise HttpError(503, f"No query process could be started ({error}).", {"Retry-After": "5"}) from None
        with self._lock:
            self._running[runner] = _Running(time.monotonic())
        return runner

    def _idle_runner(self, copy_of: str) -> Runner | None:
        """An idle runner, one holding the copy of `copy_of` when there is one."""
        with self._lock:
            if not self._idle:
                return None
            index = next((i for i in range(len(self._idle) - 1, -1, -1) if self._idle[i].copy_of == copy_of), -1)
            return self._idle.pop(index)

    def _release(self, runner: Runner | None, copy_of: str = "") -> None:
        reusable = runner is not None and runner.is_alive() and not runner.lowered \
            and (runner.own_memory() or 0) < RETIRE_RSS
        if reusable and copy_of and runner.copy_of != copy_of:
            # it answered from RocksDB: replaced once the zygote holds this build's copy
            try:
                reusable = Zygote.holds(copy_of) != copy_of
            except OSError:
                reusable = False
        retired = None
        with self._lock:
            if runner is not None:
                self._running.pop(runner, None)
                # kept up to the most that may run at once: a steady load of N queries at a time
                # finds N runners ready, never a fresh one to fork and open the store in each time
                if reusable and len(self._idle) < self.processes:
                    self._idle.append(runner)
                else:
                    retired = runner
            if self._waiting:
                self._waiting.popleft().granted.set()  # the slot passes to the first in the queue
            else:
                self._slots -= 1
        if retired is not None:
            retired.stop()

    def _busy(self, message: str) -> HttpError:
        """503 with Retry-After: when the first running query will have reached its time limit, at the latest."""
        now = time.monotonic()
        ends = [running.started + self.timeout - now for running in self._running.values()]
        retry_after = max(1, math.ceil(min(ends))) if ends else 1
        return server_busy(message, retry_after)

    # --- watching a query ---------------------------------------------------------------------

    def _watch(self, runner: Runner, job: QueryJob) -> QueryAnswer:
        started = time.monotonic()
        try:
            runner.connection.send(job)
        except (OSError, ValueError):
            runner.kill()
            raise HttpError(503, "The query process could not be reached; retry.", {"Retry-After": "1"}) from None
        peak = 0
        while True:
            try:
                if runner.connection.poll(POLL):
                    outcome = runner.connection.recv()
                    break
            except (EOFError, OSError):
                outcome = None
                break
            elapsed = time.monotonic() - started
            memory = runner.own_memory() or 0
            peak = max(peak, memory)
            if memory > self.max_memory:
                runner.kill()
                raise query_too_large_in_memory(self.max_memory)
            if elapsed > self.timeout:
                runner.kill()
                raise query_timeout(self.timeout)
            if elapsed > LONG_AFTER and not runner.lowered:
                self._make_long(runner)
            if not runner.is_alive():
                outcome = None
                break
        if outcome is None:  # the process died under the query
            return self._died(runner, peak)
        if isinstance(outcome, QueryFailure):
            if outcome.status == 503 and outcome.message == "memory":
                raise query_too_large_in_memory(self.max_memory)
            if outcome.log:
                _LOG.error("%s\n%s", outcome.message, outcome.log)
            raise HttpError(outcome.status, outcome.message, outcome.headers)
        return outcome

    def _make_long(self, runner: Runner) -> None:
        with self._lock:
            long_ones = sum(1 for running in self._running.values() if running.long)
            if long_ones >= self.long_queries:
                error = self._busy(f"This query ran past {LONG_AFTER:g} s while {long_ones} long queries already"
                                   " run, the most this endpoint runs at once; it was stopped.")
            else:
                self._running[runner].long = True
                error = None
        if error is not None:
            runner.kill()
            raise error
        runner.lower_priority()

    def _died(self, runner: Runner, peak: int) -> QueryAnswer:
        runner.kill()
        if peak > self.max_memory // 2:
            raise query_too_large_in_memory(self.max_memory)  # an allocation refused by the backstop
        raise query_too_complex(
            "The SPARQL engine could not evaluate this query and stopped on it: the query most likely nests"
            " or chains too deeply. Simplify it (VALUES or IN instead of long lists of alternatives,"
            " fewer nested groups).")


def _stop_all(idle: list[Runner], running: dict[Runner, _Running]) -> None:
    for runner in [*idle, *running]:
        runner.kill()
    idle.clear()


_POOLS: "weakref.WeakSet[QueryPool]" = weakref.WeakSet()


@atexit.register
def _close_pools() -> None:
    for pool in list(_POOLS):
        pool.close()
    Zygote.stop()


def new_pool(config) -> QueryPool:
    pool = QueryPool(processes=int(config["QUERY_PROCESSES"]), long_queries=int(config["LONG_QUERIES"]),
                     queue=int(config["QUERY_QUEUE"]), timeout=float(config["QUERY_TIMEOUT"]),
                     max_memory=int(config["MAX_QUERY_MEMORY"]))
    _POOLS.add(pool)
    return pool
