"""Headless Chromium (Debian's `chromium`) on the real server: a pole page, the query page, and a
query run in YASGUI whose results appear on the page.

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
    assert browser.evaluate("document.querySelectorAll('main h3').length") >= 1  # members by role


def test_query_page_runs_a_query_in_yasgui(browser, server):
    browser.load(server + "query?example=ptce-per-theme")
    browser.wait_for("window.essregYasgui && document.querySelector('.yasqe .CodeMirror')")
    assert browser.evaluate("document.getElementById('query-form').hidden") is True  # YASGUI took its place
    assert "PTCE per theme" in browser.evaluate("window.essregYasgui.getTab().getQuery()")
    browser.evaluate("document.querySelector('.yasqe_queryButton').click()")
    browser.wait_for("document.querySelector('.yasr') && document.querySelector('.yasr').textContent.includes('déchets')")
    assert browser.evaluate("document.querySelectorAll('.yasr table tbody tr').length") > 10
