"""/map and /stats in headless Chromium (the harness of test_browser.py) on a build of the seeds:
the map shows one marker per placed pole (clusters count theirs), a filter shows as many as SPARQL
counts, a click opens the pole's page; the stats page draws a chart beside each table; no page
breaks the Content-Security-Policy. Screenshots go to tests/artefacts/ (ignored by git).
"""
import base64
import json
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from test_browser import CHROMIUM, Browser  # noqa: F401  (skips with it when chromium is missing)
from test_endpoint import running_server
from test_map_stats import PLACED, PREFIXES

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")]
ARTEFACTS = Path(__file__).parent / "artefacts"
# The markers on screen: single poles, plus the number each cluster shows.
MARKERS_SHOWN = ("document.querySelectorAll('#map .pole-marker').length + Array.from("
                 "document.querySelectorAll('#map .marker-cluster span'), s => Number(s.textContent))"
                 ".reduce((a, b) => a + b, 0)")


@pytest.fixture(scope="module")
def server(seeds_build):
    with running_server({"DATA_DIR": seeds_build.out}) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    browser.command("Emulation.setDeviceMetricsOverride", width=1280, height=1400, deviceScaleFactor=1, mobile=False)
    yield browser
    browser.close()


def count(server: str, where: str) -> int:
    query = PREFIXES + f"SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE {{ {where} }}"
    request = urllib.request.Request(server + "sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def screenshot(browser: Browser, name: str) -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(browser.command("Page.captureScreenshot", format="png")["data"]))
    return path


def wait_for_markers(browser: Browser, expected: int) -> None:
    browser.wait_for(f"window.essregMap && window.essregMap.shown === {expected} && ({MARKERS_SHOWN}) === {expected}")


def test_map_shows_every_placed_pole(browser, server):
    browser.load(server + "map")
    browser.wait_for("window.essregMap && window.essregMap.ready")
    placed = count(server, PLACED)
    assert placed > 30
    wait_for_markers(browser, placed)
    assert browser.evaluate("document.querySelectorAll('#map path.departement').length") == 101  # the base layer
    assert browser.evaluate("document.querySelector('#map-count').textContent") == f"{placed} pôles"
    assert browser.evaluate("document.getElementById('map-table').hidden") is True
    assert browser.evaluate("document.querySelectorAll('#map .precision-departement').length") > 0  # drawn apart
    screenshot(browser, "map")
    assert browser.evaluate("window.cspViolations") == []


def test_map_filter_counts_equal_sparql_counts(browser, server):
    browser.load(server + "map")
    browser.wait_for("window.essregMap && window.essregMap.ready")
    for name, value, where in (
            ("typology", "centre multifonction", ' . ?pole ess:typology/skos:prefLabel "centre multifonction"@fr'),
            ("kind", "PTCE", " . ?pole a ess:PTCE"),
            ("region", "93", ""),
    ):
        expected = count(server, PLACED + where) if name != "region" else None
        browser.evaluate(f"""(() => {{ const form = document.getElementById('map-filters');
            for (const s of form.querySelectorAll('select')) s.value = '';
            form.elements[{json.dumps(name)}].value = {json.dumps(value)};
            form.dispatchEvent(new Event('change')); }})()""")
        if expected is None:  # the région filter: the poles whose placed feature lies in that région
            expected = browser.evaluate("fetch('/map.geojson').then(r => r.json()).then(c => "
                                        "c.features.filter(f => f.properties.regionCode === '93').length)")
        assert expected > 0
        wait_for_markers(browser, expected)
    screenshot(browser, "map-filtered")
    assert browser.evaluate("window.cspViolations") == []


def test_a_click_on_a_marker_opens_the_poles_page(browser, server):
    browser.load(server + "map")
    browser.wait_for("window.essregMap && window.essregMap.ready && document.querySelector('#map .pole-marker')")
    title = browser.evaluate("document.querySelector('#map .pole-marker').title")
    browser.evaluate("document.querySelector('#map .pole-marker').click()")
    browser.wait_for("location.pathname.startsWith('/page/pole/') && document.readyState === 'complete'")
    assert title.startswith(browser.evaluate("document.querySelector('h1').textContent"))


def test_stats_page_draws_a_chart_beside_each_table(browser, server):
    browser.load(server + "stats")
    browser.wait_for("window.essregCharts !== undefined")
    tables = browser.evaluate("document.querySelectorAll('table.figure-data').length")
    assert tables == 5
    assert browser.evaluate("window.essregCharts.length") == tables
    # every canvas is shown, sized, and has pixels drawn (not a blank canvas of its size)
    drawn = browser.evaluate("""Array.from(document.querySelectorAll('.figure-chart canvas')).map(c => {
        const blank = document.createElement('canvas'); blank.width = c.width; blank.height = c.height;
        return c.width > 100 && c.height > 100 && !c.closest('[hidden]') && c.toDataURL() !== blank.toDataURL(); })""")
    assert drawn == [True] * tables
    # the chart's data are the table's numbers
    assert browser.evaluate("""window.essregCharts.every((chart, i) => {
        const cells = Array.from(document.querySelectorAll('table.figure-data')[i].tBodies[0].rows, r => Number(r.cells[1].textContent));
        return JSON.stringify(chart.data.datasets[0].data) === JSON.stringify(cells); })""") is True
    screenshot(browser, "stats")
    assert browser.evaluate("window.cspViolations") == []
