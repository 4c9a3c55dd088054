"""The answer cache (endpoint/answer_cache.py, CACHE_BYTES), over real HTTP to `essreg serve`'s
waitress: an answer from the cache carries an `Age` header (RFC 9111), a computed one none."""
import urllib.error
import urllib.parse
import urllib.request

import pytest

from test_endpoint import BASE, server_process, write_small_build

pytestmark = pytest.mark.slow

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
POLE_QUERY = f"SELECT ?p ?o WHERE {{ <{BASE}id/pole/coopaxis> ?p ?o }}"


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def sparql_url(url: str, query: str) -> str:
    return url + "sparql?" + urllib.parse.urlencode({"query": query})


def post_query(url: str, query: str, accept: str = JSON) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url + "sparql", data=query.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-query", "Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def server(ptce_build):
    with server_process({"DATA_DIR": ptce_build.out}) as (url, _):
        yield url


def test_a_repeated_query_is_answered_from_the_cache_with_the_same_bytes_and_etag(server):
    first = get(sparql_url(server, POLE_QUERY), Accept=JSON)
    second = get(sparql_url(server, POLE_QUERY), Accept=JSON)
    assert first[0] == second[0] == 200
    assert "Age" not in first[1] and int(second[1]["Age"]) >= 0
    assert second[2] == first[2] and second[1]["ETag"] == first[1]["ETag"]
    assert second[1]["Content-Type"] == first[1]["Content-Type"]
    revalidated = get(sparql_url(server, POLE_QUERY), Accept=JSON, **{"If-None-Match": first[1]["ETag"]})
    assert revalidated[0] == 304 and revalidated[1]["ETag"] == first[1]["ETag"]


def test_a_posted_query_shares_the_entry_of_its_get(server):
    query = POLE_QUERY + " ORDER BY ?p"
    status, headers, body = post_query(server, query)
    assert status == 200 and "Age" not in headers
    repeated = get(sparql_url(server, query), Accept=JSON)
    assert repeated[2] == body and "Age" in repeated[1] and repeated[1]["ETag"] == headers["ETag"]


def test_another_format_or_language_is_another_entry_and_the_answers_vary(server):
    query = POLE_QUERY + " LIMIT 5"
    as_json, as_xml = get(sparql_url(server, query), Accept=JSON), get(sparql_url(server, query), Accept=XML)
    assert "Age" not in as_xml[1] and as_xml[1]["ETag"] != as_json[1]["ETag"] and as_xml[2].startswith(b"<?xml")
    assert "Age" in get(sparql_url(server, query), Accept=XML)[1]
    assert "Accept" in as_xml[1]["Vary"]
    page = server + "page/pole/ardaines"
    french = get(page, **{"Accept": "text/html", "Accept-Language": "fr"})
    english = get(page, **{"Accept": "text/html", "Accept-Language": "en"})
    assert "Age" not in english[1] and english[2] != french[2] and english[1]["ETag"] != french[1]["ETag"]
    again = get(page, **{"Accept": "text/html", "Accept-Language": "en"})
    assert "Age" in again[1] and again[2] == english[2]
    assert {"Accept", "Accept-Language"} <= {value.strip() for value in again[1]["Vary"].split(",")}


@pytest.mark.parametrize("path,accept", [("data/pole/coopaxis.ttl", "text/turtle"), ("browse/region", "text/html"),
                                         ("search?q=coop", "text/html"), ("search.json?q=coop", "application/json"),
                                         ("", "text/html")])
def test_documents_pages_browse_and_search_are_kept(server, path, accept):
    first, second = get(server + path, Accept=accept), get(server + path, Accept=accept)
    assert first[0] == 200 and second[2] == first[2] and second[1]["ETag"] == first[1]["ETag"] and "Age" in second[1]


def test_errors_are_not_kept(server):
    for _ in range(2):
        status, headers, _ = get(sparql_url(server, "SELECT ?x WHERE { ?x ?y }"), Accept=JSON)
        assert status == 400 and "Age" not in headers
    for _ in range(2):
        status, headers, _ = get(server + "page/pole/no-such-pole", Accept="text/html")
        assert status == 404 and "Age" not in headers


def test_a_query_with_service_is_never_kept(ptce_build):
    silent = "http://127.0.0.1:9/sparql"  # nothing listens there: SILENT gives one empty solution
    with server_process({"DATA_DIR": ptce_build.out, "ALLOWED_SERVICES": [silent]}) as (url, _):
        query = f"SELECT * WHERE {{ SERVICE SILENT <{silent}> {{ ?s ?p ?o }} }}"
        for _ in range(2):
            status, headers, _ = get(sparql_url(url, query), Accept=JSON)
            assert status == 200 and "Age" not in headers and "ETag" not in headers


def test_cache_bytes_zero_keeps_nothing(ptce_build):
    with server_process({"DATA_DIR": ptce_build.out, "CACHE_BYTES": 0}) as (url, _):
        for target in (sparql_url(url, POLE_QUERY), url + "page/pole/coopaxis"):
            first, second = get(target), get(target)
            assert second[2] == first[2] and "ETag" in second[1] and "Age" not in second[1]


def test_the_bound_evicts_the_least_recently_used(ptce_build):
    """Two answers of about 3 kB in a cache of 5 kB: the second pushes the first out."""
    with server_process({"DATA_DIR": ptce_build.out, "CACHE_BYTES": 5000}) as (url, _):
        one, two = POLE_QUERY + " LIMIT 15", POLE_QUERY + " LIMIT 14"
        sizes = [len(get(sparql_url(url, query), Accept=JSON)[2]) for query in (one,)]
        assert 2000 < sizes[0] < 3800, sizes  # what the bound below is made for
        assert "Age" in get(sparql_url(url, one), Accept=JSON)[1]  # kept
        assert 2000 < len(get(sparql_url(url, two), Accept=JSON)[2]) < 3800
        assert "Age" in get(sparql_url(url, two), Accept=JSON)[1]
        assert "Age" not in get(sparql_url(url, one), Accept=JSON)[1]  # evicted by the second
        too_big = get(url + "dumps/registry.ttl")  # a file, sent as it is read: never kept
        assert too_big[0] == 200 and "Age" not in get(url + "dumps/registry.ttl")[1]


def test_a_rebuild_changes_the_answer(tmp_path):
    write_small_build(tmp_path, "Premier")
    with server_process({"DATA_DIR": tmp_path}) as (url, _):
        query = sparql_url(url, f"SELECT ?name WHERE {{ <{BASE}id/pole/p> ?p ?name }}")
        first = get(query, Accept=JSON)
        page = get(url + "page/pole/p", Accept="text/html")
        assert b"Premier" in first[2] and "Age" in get(query, Accept=JSON)[1] and b"Premier" in page[2]
        write_small_build(tmp_path, "Second")
        after = get(query, Accept=JSON)
        assert b"Second" in after[2] and b"Premier" not in after[2] and "Age" not in after[1]
        assert after[1]["ETag"] != first[1]["ETag"]
        page_after = get(url + "page/pole/p", Accept="text/html")
        assert b"Second" in page_after[2] and "Age" not in page_after[1]
