"""Running the app for real: waitress, or Flask's development server.

waitress (Pylons, pure Python) reads every request whole, headers and body, in its event loop
before a thread takes it, and writes answers from buffers: a slow client holds a connection,
never a thread, so a hundred clients sending one header line every five seconds do not delay
anyone. Threads (THREADS) answer the requests; public SPARQL queries run in processes of their
own (query_pool.py), so a query cannot take the server down with it. In production, put a
reverse proxy in front all the same (README, "In production").
"""
from collections.abc import Mapping
from typing import Any

from . import create_app
from .sparql import query_pool

HEADER_ROOM = 64 * 1024  # request line and headers beside a GET query of MAX_REQUEST_BYTES


def serve(config: Mapping[str, Any], host: str = "127.0.0.1", port: int = 8000, dev: bool = False) -> None:
    app = create_app(config)
    query_pool(app).warm()
    if dev:
        app.run(host=host, port=port, debug=False, use_reloader=False, threaded=True)
        return
    import waitress

    settings = app.config
    waitress.serve(
        app, host=host, port=port, ident="essreg",
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
