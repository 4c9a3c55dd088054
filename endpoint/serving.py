"""Running the app for real: gunicorn worker processes, or Flask's development server.

`essreg serve` calls `serve()`; each gunicorn worker creates its own app, and so opens its own
read-only store (several processes share one store directory).
"""
from collections.abc import Mapping
from typing import Any

from . import create_app
from .settings import DEFAULTS

THREADS_PER_WORKER = 4  # pyoxigraph releases the GIL while it evaluates: threads share a worker's store


def serve(config: Mapping[str, Any], host: str = "127.0.0.1", port: int = 8000, workers: int = 2,
          dev: bool = False) -> None:
    if dev:
        create_app(config).run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
        return
    from gunicorn.app.base import BaseApplication

    query_timeout = config.get("QUERY_TIMEOUT", DEFAULTS["QUERY_TIMEOUT"])

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("threads", THREADS_PER_WORKER)
            self.cfg.set("accesslog", "-")
            # A worker stuck longer than a query may run (plus time to answer) is killed and replaced.
            self.cfg.set("timeout", int(query_timeout) + 30)
            # A GET query can be long: the app's MAX_REQUEST_BYTES limits it instead of gunicorn's 4 KiB.
            self.cfg.set("limit_request_line", 0)

        def load(self):
            return create_app(config)

    Server().run()
