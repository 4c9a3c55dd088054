"""Headless Chromium (Debian's `chromium`) on the real server: a pole page, the query page, and a
query run in YASGUI whose results appear on the page, all under the server's Content-Security-Policy
(any violation the browser reports fails the test); a query that forgets a PREFIX shows the line to add.

Chromium is driven through the DevTools protocol (websocket-client) with the probe flags; it
reaches only the loopback server. Without chromium the tests skip and say so (CI installs it
with apt-get).
"""
import json
import shutil
import subprocess
import time
import urllib.request

import pytest

from test_endpoint import running_server

websocket = pytest.importorskip("websocket", reason="websocket-client is not installed (pip install websocket-client)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")]
PROBE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Browser:
    """One Chromium page, driven with DevTools protocol commands."""

    def __init__(self, profile):
        self.process = subprocess.Popen([CHROMIUM, *PROBE_FLAGS, f"--user-data-dir={profile}",
                                         "--remote-debugging-port=0", "about:blank"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            page = next(target for target in json.load(response) if target["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True, timeout=30)
        self.next_id = 0
        # Every page records what the Content-Security-Policy blocked.
        self.command("Page.enable")
        self.command("Page.addScriptToEvaluateOnNewDocument", source=(
            "window.cspViolations = []; document.addEventListener('securitypolicyviolation',"
            " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"))

    def command(self, method: str, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message["result"]

    def evaluate(self, expression: str):
        result = self.command("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def load(self, url: str) -> None:
        self.command("Page.navigate", url=url)
        self.wait_for(f"document.readyState === 'complete' && location.href === {json.dumps(url)}")

    def wait_for(self, condition: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not self.evaluate(f"Boolean({condition})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"never true: {condition}")
            time.sleep(0.1)

    def close(self) -> None:
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(ptce_build):
    with running_server({"DATA_DIR": ptce_build.out}) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()


def test_pole_page_in_chromium(browser, server):
    browser.load(server + "page/pole/coopaxis")
    assert browser.evaluate("document.querySelector('h1').textContent") == "Coopaxis"
    assert browser.evaluate("document.querySelectorAll('main h2').length") >= 2  # a heading per role
    assert browser.evaluate("window.cspViolations") == []


def test_query_page_runs_a_query_in_yasgui(browser, server):
    browser.load(server + "query?example=ptce-per-theme")
    browser.wait_for("window.essregYasgui && document.querySelector('.yasqe .CodeMirror')")
    assert browser.evaluate("document.getElementById('query-form').hidden") is True  # YASGUI took its place
    assert "PTCE per theme" in browser.evaluate("window.essregYasgui.getTab().getQuery()")
    browser.evaluate("document.querySelector('.yasqe_queryButton').click()")
    browser.wait_for("document.querySelector('.yasr') && document.querySelector('.yasr').textContent.includes('déchets')")
    assert browser.evaluate("document.querySelectorAll('.yasr table tbody tr').length") > 10
    policy = browser.evaluate("fetch(location.href).then(r => r.headers.get('content-security-policy'))")
    assert "script-src 'self'" in policy
    assert browser.evaluate("window.cspViolations") == []  # YASGUI works under the policy


def test_query_page_names_a_forgotten_prefix(browser, server):
    browser.load(server + "query")
    browser.wait_for("window.essregYasgui && document.querySelector('.yasqe .CodeMirror')")
    browser.evaluate("void window.essregYasgui.getTab().setQuery('SELECT ?pole WHERE { ?pole a ess:Pole }')")
    browser.evaluate("document.querySelector('.yasqe_queryButton').click()")
    browser.wait_for("document.querySelector('.yasr').textContent.includes('PREFIX ess: <https://w3id.org/ess-poles/def#>')")
    assert "without declaring it" in browser.evaluate("document.querySelector('.yasr').textContent")
    assert browser.evaluate("window.cspViolations") == []
