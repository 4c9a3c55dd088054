"""How long a public query may run and how much it may return (QUERY_TIMEOUT, MAX_ROWS).

pyoxigraph cannot cancel a query, but it releases the GIL while it evaluates one. So a query
runs in a thread of its own: when its time is up the request is answered 503 at once and the
thread is abandoned. Under gunicorn the worker then shuts down gracefully once the answer is
sent (gunicorn starts a fresh one), which ends the runaway evaluation with the process.
"""
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import TypeVar

from flask import current_app, request

from .errors import query_timeout, result_too_large

T = TypeVar("T")


def run_with_deadline(work: Callable[[], T], seconds: float) -> T:
    """work()'s result, or its exception; a 503 HttpError when it takes longer than `seconds`."""
    outcome: dict[str, object] = {}

    def run():
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the waiting request below
            # without the frames' variables: pyoxigraph's results must be dropped in this thread
            traceback.clear_frames(error.__traceback__)
            outcome["error"] = error

    thread = threading.Thread(target=run, name="sparql-query", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        _recycle_worker_after_response()
        raise query_timeout(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def take(items: Iterable[T], limit: int, what: str) -> list[T]:
    """All the items, or a 400 HttpError when there are more than `limit`."""
    taken = []
    for item in items:
        if len(taken) == limit:
            raise result_too_large(limit, what)
        taken.append(item)
    return taken


def _recycle_worker_after_response() -> None:
    if "gunicorn" not in request.environ.get("SERVER_SOFTWARE", ""):
        current_app.logger.warning("a query over its time limit goes on in the background until it ends")
        return
    # SIGTERM is gunicorn's graceful stop for a worker: it finishes this request, then exits.
    request.environ["essreg.recycle"] = True
    current_app.logger.warning("a query went over its time limit: this worker restarts after answering")


def init_app(app) -> None:
    @app.after_request
    def recycle(response):
        if request.environ.get("essreg.recycle"):
            response.call_on_close(lambda: os.kill(os.getpid(), signal.SIGTERM))
        return response
