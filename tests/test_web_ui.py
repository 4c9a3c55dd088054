"""The public web interface (issue 10) over real builds: French first, English on request, the
home page, browse lists, the organisation index, search, and the dataset descriptions for people."""
import csv
import dataclasses
import io

from pathlib import Path

import pytest

from endpoint import create_app
from endpoint.search import SearchIndex, search_index
from test_endpoint import BROWSER_ACCEPT


@pytest.fixture(scope="module")
def client(ptce_build):
    return create_app({"TESTING": True, "DATA_DIR": ptce_build.out}).test_client()


@pytest.fixture(scope="module")
def seeds_app(seeds_build):
    return create_app({"TESTING": True, "DATA_DIR": seeds_build.out})


@pytest.fixture
def seeds(seeds_app):
    return seeds_app.test_client()


# --- languages ---------------------------------------------------------------------------------

def test_pages_are_in_french_by_default(client):
    for path in ("/", "/page/pole/coopaxis", "/page/org/artefacts", "/browse/region", "/organisations", "/search",
                 "/dumps/", "/query"):
        html = client.get(path, headers={"Accept": BROWSER_ACCEPT}).text
        assert '<html lang="fr">' in html, path
        assert ">Pôles</a>" in html and ">Chiffres</a>" in html and 'href="/map"' in html, path
    pole = client.get("/page/pole/coopaxis").text
    assert "<h2>Territoires</h2>" in pole and "(Département <a" in pole and ">Coordinateur</a>" in pole


def test_english_when_the_browser_prefers_it_and_a_switch_remembered_in_a_cookie(client):
    english = client.get("/page/pole/coopaxis", headers={"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    assert '<html lang="en">' in english.text and ">Poles</a>" in english.text
    assert "<h2>Territories</h2>" in english.text and ">Coordinator</a>" in english.text  # the role's @en label
    assert "Accept-Language" in english.headers["Vary"]
    french = client.get("/page/pole/coopaxis", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"})
    assert '<html lang="fr">' in french.text and french.headers["ETag"] != english.headers["ETag"]
    assert 'href="?lang=en"' in french.text  # the visible switch
    switched = client.get("/?lang=en", headers={"Accept-Language": "fr"})
    assert '<html lang="en">' in switched.text and "lang=en" in switched.headers["Set-Cookie"]
    assert '<html lang="en">' in client.get("/organisations", headers={"Accept-Language": "fr"}).text  # the cookie
    client.get("/?lang=fr")
    assert '<html lang="fr">' in client.get("/organisations", headers={"Accept-Language": "en"}).text


def test_bullet_lines_of_a_description_are_a_list(client):
    html = client.get("/page/pole/coopaxis").text
    assert "<ul lang=\"fr\"><li>identifier et traduire les besoins exprimés sur les territoires;</li>" in html


# --- home and pole pages ---------------------------------------------------------------------------

def test_home_page_counts_and_lists_the_poles_with_their_place(client):
    html = client.get("/").text
    assert "<strong>23</strong> PTCE" in html and "<strong>5</strong>" not in html  # one document in this build
    assert '<a href="/page/pole/coopaxis">Coopaxis</a> — <span class="place">Tours, Centre-Val de Loire</span>' in html
    for link in ('href="/map"', 'href="/search"', 'href="/stats"', 'href="/query"', 'href="/dumps/"'):
        assert link in html


def test_home_page_filters_by_region_without_javascript(client):
    centre = next(row for row in client.get("/browse/region.json").get_json() if row["key"] == "24")
    html = client.get("/", query_string={"region": "24"}).text
    assert '<option value="24" selected>' in html
    assert 'href="/page/pole/coopaxis"' in html and html.count('href="/page/pole/') == centre["count"] < 23
    everything = client.get("/", query_string={"region": "no-such-region"}).text
    assert everything.count('href="/page/pole/') == 23


def test_home_page_is_paginated(seeds):
    first, second = seeds.get("/").text, seeds.get("/?page=2").text
    assert first.count('href="/page/pole/') == 50 and 'rel="next" href="/?page=2"' in first
    assert 0 < second.count('href="/page/pole/') <= 50 and 'rel="prev"' in second
    assert seeds.get("/?page=abc").status_code == 200


def test_pole_page_shows_region_address_and_call(client):
    html = client.get("/page/pole/coopaxis").text
    assert '<dt>Région</dt><dd><a href="/page/region/24">Centre-Val de Loire</a></dd>' in html
    assert "<dt>Adresse</dt>" in html
    assert "<dt>Lauréat de</dt>" in html and 'href="/page/call/' in html


def test_pole_page_shows_the_public_text_of_its_source_lines(client):
    import html as markup
    import re

    page = client.get("/page/pole/coopaxis").text
    cited = dict(re.findall(r'<li value="(\d+)" lang="fr">(.*?)</li>', page))
    assert cited, "no source line text on the page"
    lines = (Path(__file__).resolve().parents[1] / "data" / "fiches" / "ptce-laureats-2014.txt").read_text(encoding="utf-8").split("\n")
    for number, text in cited.items():  # each as the line reads, spaces folded (no person is named in them)
        assert markup.unescape(text) == " ".join(lines[int(number) - 1].split())[:2000]


# --- browse ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["region", "departement", "theme", "legal-form", "structure-type", "typology"])
def test_every_browse_list_in_html_json_and_csv(client, name):
    html = client.get(f"/browse/{name}").text
    rows = client.get(f"/browse/{name}.json").get_json()
    assert rows and all(row["count"] > 0 for row in rows)
    for row in rows:
        assert f'href="/browse/{name}/{row["key"]}"' in html
    table = list(csv.DictReader(io.StringIO(client.get(f"/browse/{name}.csv").text)))
    assert [(r["key"], int(r["count"])) for r in table] == [(r["key"], r["count"]) for r in rows]
    assert client.get(f"/browse/{name}", headers={"Accept": "text/csv"}).mimetype == "text/csv"
    assert client.get(f"/browse/{name}", headers={"Accept": "application/json"}).get_json() == rows
    first = rows[0]
    entry = client.get(f"/browse/{name}/{first['key']}").text
    assert entry.count('<li><a href="/page/') == min(first["count"], 50)


def test_a_pole_counts_in_its_region_through_its_commune_or_departement(client):
    rows = {row["key"]: row for row in client.get("/browse/region.json").get_json()}
    assert rows["24"]["label"] == "Centre-Val de Loire"  # Coopaxis: Tours, in Indre-et-Loire (37)
    assert sum(row["count"] for row in rows.values()) >= 20  # nearly every PTCE has a région
    assert 'href="/page/pole/coopaxis"' in client.get("/browse/region/24").text
    assert client.get("/browse/region/99").status_code == 404 and client.get("/browse/nothing").status_code == 404


def test_organisations_index(client):
    html = client.get("/organisations").text
    assert '<a href="/page/org/artefacts">Artefacts</a>' in html or "Artefacts" in client.get("/organisations?page=2").text
    pages = [client.get(f"/organisations?page={n}").text for n in range(1, 20)]
    artefacts = next(page for page in pages if 'href="/page/org/artefacts"' in page)
    row = artefacts[artefacts.index('href="/page/org/artefacts"'):].split("</tr>")[0]
    assert "SCOP SARL" in row and 'href="/page/pole/coopaxis"' in row


# --- search ---------------------------------------------------------------------------------------

def search(client, query):
    return client.get("/search.json", query_string={"q": query}).get_json()["results"]


def test_search_is_accent_and_case_insensitive_and_ranked(seeds):
    found = search(seeds, "poles noe")
    assert found[0]["label"] == "Pôles NOE" and found[0]["rank"] == 5
    assert search(seeds, "coopaxis")[0]["label"] == "Coopaxis"
    assert search(seeds, "COOPAX")[0]["label"] == "Coopaxis"  # a name prefix
    scops = search(seeds, "scop")
    assert any(r["iri"].endswith("/org/artefacts") for r in scops)
    ranks = [r["rank"] for r in scops]
    assert ranks == sorted(ranks, reverse=True)


def test_search_html_json_and_bad_queries(seeds):
    html = seeds.get("/search", query_string={"q": "coopaxis"}).text
    assert '<a href="/page/pole/coopaxis">Coopaxis</a>' in html
    assert seeds.get("/search", query_string={"q": "coopaxis"}, headers={"Accept": "application/json"}).is_json
    assert seeds.get("/search").status_code == 200 and seeds.get("/search?q=").status_code == 200
    assert seeds.get("/search", query_string={"q": "x" * 201}).status_code == 400
    assert search(seeds, "!!!") == [] and search(seeds, "zzzzqqq") == []
    # a query that finds nothing is not repeated: it may be a person's name
    nothing = seeds.get("/search", query_string={"q": "Zzyzxwv"}).text
    assert "Aucun résultat." in nothing and "zzyzxwv" not in nothing.lower()


def test_search_finds_the_same_on_a_registry_a_hundred_times_larger(seeds_app):
    # how fast is for benchmarks/search.py to say
    with seeds_app.test_request_context("/search?q=x"):
        entries = search_index().entries
        copies = [dataclasses.replace(entry, iri=f"{entry.iri}-{n}") for n in range(100) for entry in entries]
        index = SearchIndex(copies)
    assert len(copies) >= 30_000
    total, hits = index.search("poles noe")
    assert hits and total % 100 == 0  # every copy of what the registry finds
    assert all("noe" in " ".join(hit.entry.labels.values()).lower() for hit in hits[:5])


# --- dataset descriptions ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/catalog", "/.well-known/void"])
def test_dataset_descriptions_for_people_and_for_machines(client, path):
    page = client.get(path, headers={"Accept": BROWSER_ACCEPT})
    assert page.mimetype == "text/html" and "Accept" in page.headers["Vary"]
    assert 'type="text/turtle"' in page.text and 'type="application/ld+json"' in page.text
    for accept in (None, "*/*", "text/turtle"):
        assert client.get(path, headers={"Accept": accept} if accept else {}).mimetype == "text/turtle"
    assert client.get(path, headers={"Accept": "application/rdf+xml"}).mimetype == "application/rdf+xml"
