"""axe-core (vendored in tests/vendor/axe-core/) run in headless Chromium on the public pages of a
build of the seeds: no serious or critical violation of its rules (WCAG 2 A and AA among them).

/search is checked when the server has it (it comes with the French pages of issue 10). /query is
not checked: YASGUI's editor has violations of its own (tabs without their roles, CodeMirror's
unlabelled textarea and contrast of its syntax colours) that this project does not write.
"""
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from test_browser import CHROMIUM, browser  # noqa: F401 (a fixture)
from test_endpoint import running_server

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = {"": None, "page/pole/coopaxis": None, "map": "window.essregMap && window.essregMap.ready",
         "stats": "window.essregCharts !== undefined", "search": None}


@pytest.fixture(scope="module")
def server(seeds_build):
    with running_server({"DATA_DIR": seeds_build.out}) as url:
        yield url


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(browser, server, path):
    if path == "search" and status(server + path) == 404:
        pytest.skip("this server has no /search yet")
    browser.load(server + path)
    if PAGES[path]:
        browser.wait_for(PAGES[path])
    browser.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    violations = browser.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))")
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    assert browser.evaluate("typeof axe.version") == "string"  # axe did run
    assert browser.evaluate("window.cspViolations") == []
