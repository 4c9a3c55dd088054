"""HTTP hygiene (issue 8, item 5): security headers, validators and Vary on /sparql, HEAD as GET,
413 however the body is sent, 502 when an allowed SERVICE endpoint fails; and the 400 that names
an undeclared prefix. The app through Flask's test client on the session's real build; bodies
sent chunked go to a real server."""
import http.server
import socket
import threading

import pytest

from endpoint import create_app
from test_endpoint import BROWSER_ACCEPT, PREFIXES, PTCE_NAMES, running_server

SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy")


@pytest.fixture(scope="module")
def app(ptce_build):
    return create_app({"TESTING": True, "DATA_DIR": ptce_build.out})


@pytest.fixture
def client(app):
    return app.test_client()


# --- security headers ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/page/pole/coopaxis", "/page/org/artefacts", "/query", "/dumps/",
                                  "/def.html", "/page/pole/no-such-pole"])
def test_security_headers_on_every_html_page(client, path):
    response = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert response.mimetype == "text/html"
    for header in SECURITY_HEADERS:
        assert header in response.headers, (path, header)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_page_has_an_inline_script_the_policy_would_block(client):
    """script-src 'self': every executable script is a file; JSON data blocks are not executed."""
    for path in ("/", "/query", "/page/pole/coopaxis"):
        html = client.get(path).text
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            assert "src=" in head or 'type="application/json"' in head, (path, head)


# --- /sparql: validators, Vary, HEAD ------------------------------------------------------------

def test_sparql_results_carry_vary_and_validators_from_the_build_and_the_query(client):
    first = client.get("/sparql", query_string={"query": PTCE_NAMES})
    assert first.status_code == 200 and "Accept" in first.headers["Vary"]
    etag = first.headers["ETag"]
    assert first.headers["Last-Modified"]
    again = client.get("/sparql", query_string={"query": PTCE_NAMES}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag
    other_query = client.get("/sparql", query_string={"query": PTCE_NAMES + " LIMIT 2"})
    other_format = client.get("/sparql", query_string={"query": PTCE_NAMES}, headers={"Accept": "text/csv"})
    assert len({etag, other_query.headers["ETag"], other_format.headers["ETag"]}) == 3
    assert client.get("/sparql", query_string={"query": PTCE_NAMES + " LIMIT 2"},
                      headers={"If-None-Match": etag}).status_code == 200


def test_a_query_with_service_is_never_validated(ptce_build):
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out,
                         "ALLOWED_SERVICES": ["http://127.0.0.1:1/sparql"]}).test_client()
    response = client.get("/sparql", query_string={"query": "ASK { SERVICE SILENT <http://127.0.0.1:1/sparql> {} }"})
    assert response.status_code == 200 and "ETag" not in response.headers and "Accept" in response.headers["Vary"]


def test_head_is_answered_as_get(client):
    for query_string in ({"query": PTCE_NAMES}, {}):
        get = client.get("/sparql", query_string=query_string)
        head = client.head("/sparql", query_string=query_string)
        assert head.status_code == get.status_code == 200
        assert head.data == b""
        for header in ("Content-Type", "ETag", "Vary"):
            assert head.headers.get(header) == get.headers.get(header)


# --- 413 however the body comes -------------------------------------------------------------------

def post_chunked(port: int, content_type: str, body: bytes) -> bytes:
    """POST body to /sparql with Transfer-Encoding: chunked; the status line of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
                           "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n".encode())
        try:
            for start in range(0, len(body), 64_000):
                chunk = body[start:start + 64_000]
                connection.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            connection.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the end of the body
        answer = b""
        while b"\r\n" not in answer:
            data = connection.recv(4096)
            if not data:
                break
            answer += data
        return answer.split(b"\r\n", 1)[0]


@pytest.mark.slow
def test_a_body_over_the_limit_is_refused_however_it_is_sent(ptce_build):
    query = b"#" + b"x" * 1_200_000 + b"\nASK {}"
    with running_server({"DATA_DIR": ptce_build.out}) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        assert post_chunked(port, "application/sparql-query", query).startswith(b"HTTP/1.1 413")
        assert post_chunked(port, "application/x-www-form-urlencoded",
                            b"query=" + query.replace(b"\n", b"%0A")).startswith(b"HTTP/1.1 413")
        assert post_chunked(port, "application/sparql-query", b"ASK {}").startswith(b"HTTP/1.1 200")


def test_a_body_over_the_limit_with_its_length_is_refused(ptce_build):
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out, "MAX_REQUEST_BYTES": 2000}).test_client()
    body = b"#" + b"x" * 2100 + b"\nASK {}"
    assert client.post("/sparql", data=body, content_type="application/sparql-query").status_code == 413
    assert client.post("/sparql", data={"query": body.decode()}).status_code == 413


# --- an allowed SERVICE endpoint that fails ---------------------------------------------------------

class Redirecting(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's names)
        self.send_response(302)
        self.send_header("Location", "http://127.0.0.1:1/elsewhere")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def redirecting_endpoint():
    server = http.server.HTTPServer(("127.0.0.1", 0), Redirecting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql"
    server.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_allowed_service_that_is_down_or_redirects_gives_502(ptce_build, redirecting_endpoint):
    down = f"http://127.0.0.1:{closed_port()}/sparql"
    client = create_app({"TESTING": True, "DATA_DIR": ptce_build.out,
                         "ALLOWED_SERVICES": [down, redirecting_endpoint]}).test_client()
    for endpoint in (down, redirecting_endpoint):
        response = client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"})
        assert response.status_code == 502, response.text
        assert f"<{endpoint}>" in response.text and "failed" in response.text
        assert "Traceback" not in response.text
    silent = client.get("/sparql", query_string={"query": f"SELECT * WHERE {{ SERVICE SILENT <{down}> {{ ?s ?p ?o }} }}"})
    assert silent.status_code == 200


# --- the prefix a query forgot ---------------------------------------------------------------------

def test_an_undeclared_prefix_is_named_with_its_prefix_line(client):
    response = client.get("/sparql", query_string={"query": "SELECT ?p WHERE { ?p a ess:Pole ; theme:x ?t ; ex:y ?z }"})
    assert response.status_code == 400
    text = response.text
    assert "prefixes ess:, theme:, ex: without declaring them" in text
    assert "PREFIX ess: <https://w3id.org/ess-poles/def#>" in text
    assert "PREFIX theme: <https://w3id.org/ess-poles/def/theme/>" in text
    assert "Declare ex: with PREFIX" in text
    assert "..=" not in text and "\\u{" not in text  # no parser dump of Unicode ranges


def test_other_syntax_errors_say_where_without_unicode_ranges(client):
    response = client.get("/sparql", query_string={"query": PREFIXES + "SELECT * WHERE { ?s ?p ?o "})
    assert response.status_code == 400 and "(line 5, column" in response.text
    assert "..=" not in response.text and "\\u{" not in response.text
