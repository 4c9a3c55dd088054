"""A page asks the store one query (issue 9, "Pages: one query per page").

The server runs on the session's real build of the PTCE laureates document with the answer cache
off, over the real embedded Oxigraph store, whose `query` is counted by a subclass: every pole page,
every organisation page, a sample of the other resources' pages and the ontology page make one
query each (once the per-build summary the pole page also reads is made, by the home page), and
so does the RDF document of a resource.
"""
import pytest
from markupsafe import escape

import endpoint.build
from endpoint import create_app
from endpoint.store import EmbeddedStore

PREFIXES = "PREFIX ess: <https://w3id.org/ess-poles/def#> PREFIX org: <http://www.w3.org/ns/org#>\n"


class CountingStore(EmbeddedStore):
    """The real store, counting the queries it answers."""

    queries: list[str] = []

    def query(self, sparql, **kwargs):
        CountingStore.queries.append(sparql)
        return super().query(sparql, **kwargs)


@pytest.fixture(scope="module")
def client(ptce_build):
    patch = pytest.MonkeyPatch()
    patch.setattr(endpoint.build, "EmbeddedStore", CountingStore)  # what the app opens its builds with
    app = create_app({"TESTING": True, "DATA_DIR": ptce_build.out, "CACHE_BYTES": 0})
    client = app.test_client()
    assert client.get("/").status_code == 200  # the summary of the build, made once per build
    yield client
    patch.undo()


def page_path(iri: str, base: str) -> str:
    return "/page/" + iri[len(base + "id/"):]


def queries_of(client, path: str) -> list[str]:
    CountingStore.queries.clear()
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, path
    return list(CountingStore.queries)


def test_a_pole_page_asks_one_query(client, ptce_build):
    poles = ptce_build.select("SELECT ?pole ?name WHERE { ?pole a ess:Pole ; skos:prefLabel ?name }")
    assert len(poles) > 20
    for row in poles:
        queries = queries_of(client, page_path(row["pole"], ptce_build.base_uri))
        assert len(queries) == 1, f"{row['pole']}: {len(queries)} queries"
    page = client.get(page_path(poles[0]["pole"], ptce_build.base_uri)).get_data(as_text=True)
    assert str(escape(poles[0]["name"])) in page  # the page shows what that query read


def test_an_organisation_page_asks_one_query(client, ptce_build):
    organisations = ptce_build.values("SELECT DISTINCT ?org WHERE { ?m org:member ?org }")
    assert len(organisations) > 50
    for organisation in sorted(organisations):
        queries = queries_of(client, page_path(organisation, ptce_build.base_uri))
        assert len(queries) == 1, f"{organisation}: {len(queries)} queries"


def test_other_pages_ask_one_query(client, ptce_build):
    others = sorted(ptce_build.values(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(ISIRI(?s) && CONTAINS(STR(?s), '/id/')"
        " && !CONTAINS(STR(?s), '/id/pole/') && !CONTAINS(STR(?s), '/id/org/')) }"))
    assert len(others) > 50
    for resource in others[::max(1, len(others) // 60)]:
        queries = queries_of(client, page_path(resource, ptce_build.base_uri))
        assert len(queries) == 1, f"{resource}: {len(queries)} queries"
    assert len(queries_of(client, "/def.html")) == 1


def test_a_data_document_asks_one_query(client, ptce_build):
    pole = sorted(ptce_build.values("SELECT ?pole WHERE { ?pole a ess:Pole }"))[0]
    document = page_path(pole, ptce_build.base_uri).replace("/page/", "/data/", 1)
    for extension in ("ttl", "jsonld"):
        assert len(queries_of(client, f"{document}.{extension}")) == 1
