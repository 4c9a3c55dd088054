"""Answers kept in memory: the registry is read-only and versioned by build, so an answer computed
once is the answer until the next build.

Every answer that carries the build's validators (validators.py, and /sparql for a query without
SERVICE) is kept, up to CACHE_BYTES (0: none), least recently used first out
(`cachetools.LRUCache`, sized by each answer's bytes). The key holds everything the answer
depends on: the build's id, the entity tag (itself the data's checksum plus the negotiated format
and, for pages, the reader's language; for a query, its text, dataset and formats), the URL
without its query string and the query string in a normal order. A rebuild changes the id, so
the previous build's answers are never served again and age out. Only 200 answers are kept;
errors and answers that depend on anything else (SERVICE, another engine) never are. An answer
from the cache says how long it has been kept in an `Age` header (RFC 9111, 5.1), as any cache's.

The cache is per process: with `--workers N`, each worker keeps its own.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from cachetools import LRUCache
from flask import Flask, Response, current_app, request

_EXTENSION = "essreg.answer_cache"
ENTRY_OVERHEAD = 512  # bytes an entry takes beside its body and headers (key, objects)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    kept: float  # time.monotonic() when it was kept

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(name) + len(value) for name, value in self.headers) + ENTRY_OVERHEAD

    def response(self) -> Response:
        age = str(int(time.monotonic() - self.kept))
        return Response(self.body, status=self.status, headers=[*self.headers, ("Age", age)])


class AnswerCache:
    """A thread-safe LRU cache of answers bounded in bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._answers: LRUCache | None = LRUCache(max_bytes, getsizeof=lambda answer: answer.size) \
            if max_bytes > 0 else None
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Answer | None:
        if self._answers is None:
            return None
        with self._lock:
            return self._answers.get(key)

    def put(self, key: tuple, response: Response) -> None:
        """Keep a 200 answer whose body is in memory (not a file sent as it is read)."""
        if self._answers is None or response.status_code != 200 \
                or response.is_streamed or response.direct_passthrough:
            return
        answer = Answer(response.status_code, tuple(response.headers.items()), response.get_data(), time.monotonic())
        if answer.size > self.max_bytes:
            return
        with self._lock:
            self._answers[key] = answer

    @property
    def size(self) -> int:
        with self._lock:
            return self._answers.currsize if self._answers is not None else 0


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = AnswerCache(int(app.config["CACHE_BYTES"]))


def answer_cache() -> AnswerCache:
    return current_app.extensions[_EXTENSION]


def request_key(build_id: str, etag: str, with_query_string: bool = True) -> tuple:
    """The key of the current request's answer: the build, the entity tag, the URL (scheme and
    host included: some answers name them), the query string in a normal order (unless the entity
    tag holds all it says, as /sparql's)."""
    query_string = tuple(sorted(request.args.items(multi=True))) if with_query_string else ()
    return build_id, etag, request.base_url, query_string
