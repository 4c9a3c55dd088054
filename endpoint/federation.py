"""SERVICE federation: the allow-list and its `public` preset, and the relay that puts a time limit
on every remote call.

Oxigraph's SERVICE client has no time limit of its own that pyoxigraph exposes. So a query's
SERVICE endpoints (all of them on the allow-list: query_runner.check_services) are rewritten to a
relay on 127.0.0.1 inside the query's own process, which forwards each call to the endpoint with
`SERVICE_TIMEOUT`: a call past it gets a 504 from the relay, which Oxigraph turns into an error
(the client gets 504) or, with SERVICE SILENT, into no rows. The relay follows no redirect (as
Oxigraph does not) and sends the registry's User-Agent, which Wikidata asks of its clients.
"""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

from .query_text import service_endpoints

PUBLIC_ENDPOINTS = (  # ALLOWED_SERVICES=public
    "http://rdf.insee.fr/sparql",  # INSEE: geography, populations, nomenclatures
    "https://query.wikidata.org/sparql",  # Wikidata
    "https://data.europa.eu/sparql",  # data.europa.eu: the European data portal's catalogue
)
PRESETS = {"public": PUBLIC_ENDPOINTS}
USER_AGENT = "ess-poles-registry/0.1 (SERVICE client of a linked-data registry of the French ESS poles)"
RELAY_STACK_BYTES = 1024 * 1024


def allowed_services(value) -> list[str]:
    """The allow-list from a setting: a list, or a string of IRIs separated by spaces or commas
    (ESSREG_ALLOWED_SERVICES=public); a preset's name stands for its endpoints."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value or ())
    found: list[str] = []
    for item in items:
        for endpoint in PRESETS.get(item, (item,)):
            if endpoint not in found:
                found.append(endpoint)
    return found


def route_services(sparql: str, routes: dict[str, str]) -> str:
    """The query with the IRI after each SERVICE [SILENT] replaced as `routes` says."""
    out, last = [], 0
    for _, iri in service_endpoints(sparql):
        if iri and iri[1] in routes:
            out += [sparql[last:iri.start()], f"<{routes[iri[1]]}>"]
            last = iri.end()
    return "".join(out) + sparql[last:]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an error, as for Oxigraph's own client


_OPENER = urllib.request.build_opener(_NoRedirect)
_FORWARDED = ("Accept", "Content-Type")


class ServiceRelay:
    """An HTTP server on 127.0.0.1 forwarding /N to the Nth endpoint it was given, with a deadline."""

    def __init__(self, timeout: float):
        self.timeout = timeout
        self.endpoints: list[str] = []
        self.timed_out: list[str] = []  # endpoints whose call passed the deadline (since `route`)
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                relay._forward(self)

            def do_POST(self):
                relay._forward(self)

            def log_message(self, *args):
                pass

        self._server = HTTPServer(("127.0.0.1", 0), Handler)
        previous = threading.stack_size(RELAY_STACK_BYTES)  # not the query thread's large stack
        try:
            threading.Thread(target=self._server.serve_forever, name="service-relay", daemon=True).start()
        finally:
            threading.stack_size(previous)

    def route(self, sparql: str, endpoints: list[str]) -> str:
        """The query, calling the endpoints through this relay."""
        self.timed_out = []
        routes = {}
        for endpoint in endpoints:
            if endpoint not in self.endpoints:
                self.endpoints.append(endpoint)
            routes[endpoint] = f"http://127.0.0.1:{self._server.server_port}/{self.endpoints.index(endpoint)}"
        return route_services(sparql, routes)

    def _forward(self, handler: BaseHTTPRequestHandler) -> None:
        path, _, query_string = handler.path.partition("?")
        try:
            endpoint = self.endpoints[int(path.strip("/"))]
        except (ValueError, IndexError):
            return self._answer(handler, 404, b"no such endpoint", "text/plain")
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {name: handler.headers[name] for name in _FORWARDED if handler.headers.get(name)}
        headers["User-Agent"] = USER_AGENT
        request = urllib.request.Request(endpoint + (f"?{query_string}" if query_string else ""), data=body,
                                         headers=headers, method=handler.command)
        deadline = time.monotonic() + self.timeout
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                chunks = []
                while chunk := response.read1(65536):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError
                content_type = response.headers.get("Content-Type", "application/octet-stream")
            return self._answer(handler, 200, b"".join(chunks), content_type)
        except urllib.error.HTTPError as error:
            return self._answer(handler, 502, f"{endpoint} answered {error.code}".encode(), "text/plain")
        except TimeoutError:
            self.timed_out.append(endpoint)
            return self._answer(handler, 504, f"{endpoint} did not answer within {self.timeout:g} s".encode(),
                                "text/plain")
        except OSError as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                self.timed_out.append(endpoint)
                return self._answer(handler, 504, f"{endpoint} did not answer within {self.timeout:g} s".encode(),
                                    "text/plain")
            return self._answer(handler, 502, f"{endpoint}: {reason}".encode(), "text/plain")

    @staticmethod
    def _answer(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True


_relay: ServiceRelay | None = None


def service_relay(timeout: float) -> ServiceRelay:
    """This process's relay (a query runner starts it on its first query with SERVICE)."""
    global _relay
    if _relay is None or _relay.timeout != timeout:
        if _relay is not None:
            _relay._server.shutdown()
        _relay = ServiceRelay(timeout)
    return _relay
