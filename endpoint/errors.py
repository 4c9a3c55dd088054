"""One error type for every answer that is not a success, and its two body shapes.

As in oxigraph's server: handlers raise `HttpError(status, message)` built by the small
constructors below; pages answer an HTML page, everything else text/plain; only 5xx are logged.
"""
from flask import Flask, Response, current_app, render_template, request


class HttpError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def bad_request(message: str) -> HttpError:
    return HttpError(400, message)


def not_found(message: str) -> HttpError:
    return HttpError(404, message)


def the_endpoint_is_read_only() -> HttpError:
    return HttpError(403, "This SPARQL endpoint is read-only: it answers queries, never updates.")


def federation_not_allowed() -> HttpError:
    return HttpError(403, "This endpoint does not run federated queries (SERVICE). If the query does"
                          " not use SERVICE, it has a syntax error.")


def unsupported_media_type(media_type: str, supported: list[str]) -> HttpError:
    return HttpError(415, f"Unsupported Content-Type {media_type!r}; send one of: {', '.join(supported)}.")


def result_too_large(limit: int, what: str) -> HttpError:
    return HttpError(400, f"The query returns more than {limit} {what}, the limit of this endpoint;"
                          " add a LIMIT (and OFFSET to page through the rest).")


def query_timeout(seconds: float) -> HttpError:
    return HttpError(503, f"The query ran longer than {seconds} s, the limit of this endpoint.")


def init_app(app: Flask) -> None:
    app.register_error_handler(HttpError, _answer)


def _answer(error: HttpError):
    if error.status >= 500:
        current_app.logger.error("%s %s: %s", request.method, request.path, error.message)
    if request.blueprint == "pages":
        return render_template("error.html", error=error), error.status
    return Response(error.message + "\n", status=error.status, mimetype="text/plain")
