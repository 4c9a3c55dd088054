"""One error type for every answer that is not a success, and its two body shapes.

As in oxigraph's server: handlers raise `HttpError(status, message)` built by the small
constructors below; a browser (a request that prefers HTML) gets an HTML page, everything else
text/plain; only 5xx are logged. Werkzeug's own errors (405, 413...) take the same shapes.
"""
from flask import Flask, Response, current_app, render_template, request
from werkzeug.exceptions import HTTPException


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def bad_request(message: str) -> HttpError:
    return HttpError(400, message)


def not_found(message: str) -> HttpError:
    return HttpError(404, message)


def not_acceptable(accept: str, offered: list[str]) -> HttpError:
    return HttpError(406, f"Nothing on offer matches Accept: {accept}. On offer: {', '.join(offered)}"
                          " (or ask with ?format= and one of their extensions).")


def the_endpoint_is_read_only() -> HttpError:
    return HttpError(403, "This SPARQL endpoint is read-only: it answers queries, never updates.")


def service_not_allowed(message: str, allowed: list[str]) -> HttpError:
    allowed_text = ", ".join(f"<{iri}>" for iri in allowed) if allowed else "none"
    return HttpError(400, f"{message} SERVICE may only call the endpoints this server allows: {allowed_text}.")


def unsupported_media_type(media_type: str, supported: list[str]) -> HttpError:
    return HttpError(415, f"Unsupported Content-Type {media_type!r}; send one of: {', '.join(supported)}.")


def request_too_large(limit: int) -> HttpError:
    return HttpError(413, f"The request is larger than {limit} bytes, the limit of this server.")


class ResultTooLarge(HttpError):
    """A 400: more rows or triples than `limit`."""

    def __init__(self, limit: int, what: str):
        super().__init__(400, f"The query returns more than {limit} {what}, the limit of this endpoint;"
                              " add a LIMIT (and OFFSET to page through the rest).")
        self.limit = limit


def result_too_large(limit: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(limit, what)


def query_timeout(seconds: float) -> HttpError:
    return HttpError(503, f"The query ran longer than {seconds} s, the limit of this endpoint;"
                          " narrow it down, or download a dump and query it on your own machine.")


def query_too_large_in_memory(limit: int) -> HttpError:
    return HttpError(503, f"The query needed more than {limit // 1_000_000} MB of memory, the limit of this"
                          " endpoint, and was stopped; narrow it down (a cartesian product, ORDER BY or GROUP BY"
                          " over many rows...), or download a dump and query it on your own machine.")


def query_too_complex(message: str) -> HttpError:
    return HttpError(400, message)


def server_busy(message: str, retry_after: int) -> HttpError:
    return HttpError(503, f"{message} Retry in {retry_after} s.", {"Retry-After": str(retry_after)})


def backend_failed(message: str) -> HttpError:
    return HttpError(502, f"The SPARQL engine behind this server failed: {message}")


def service_failed(endpoints: list[str], message: str) -> HttpError:
    called = ", ".join(f"<{iri}>" for iri in endpoints) or "a SERVICE endpoint"
    return HttpError(502, f"The query calls {called} with SERVICE, and that call failed: {message}."
                          " Retry later, or use SERVICE SILENT to answer without it.")


def service_timed_out(endpoints: list[str], seconds: float) -> HttpError:
    called = ", ".join(f"<{iri}>" for iri in endpoints)
    return HttpError(504, f"The query calls {called} with SERVICE, and it did not answer within {seconds:g} s"
                          " (SERVICE_TIMEOUT). Retry later, or use SERVICE SILENT to answer without it.")


def init_app(app: Flask) -> None:
    app.register_error_handler(HttpError, _answer)
    app.register_error_handler(HTTPException, _answer_werkzeug_error)


def _answer(error: HttpError):
    if error.status >= 500:
        current_app.logger.error("%s %s: %s", request.method, request.path, error.message)
    if _prefers_html():
        response = Response(render_template("error.html", error=error), status=error.status, mimetype="text/html")
    else:
        response = Response(error.message + "\n", status=error.status, mimetype="text/plain")
    response.headers.update(error.headers)
    return response


def _answer_werkzeug_error(error: HTTPException):
    headers = dict(error.get_headers())  # keeps Allow on a 405
    headers.pop("Content-Type", None)
    return _answer(HttpError(error.code or 500, error.description or error.name, headers))


def _prefers_html() -> bool:
    """A browser's Accept: text/html before any wildcard (curl's */* gets text)."""
    return request.accept_mimetypes.best_match(["text/plain", "text/html"]) == "text/html"
