"""What is served is exactly right (issue 8, item 3): counts over the default graph, the home page
and VoID agree with the dumps; JSON-LD names its published context; each role has its name on the
pages; the queries of docs/model.md run. On the registry of the five seeds (`seeds_build`), whose
documents state some facts twice, and on small builds written for the purpose."""
import gzip
import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, VOID
from rdflib.compare import isomorphic

from converters.publish import write_build
from endpoint import create_app
from endpoint.query_ui import examples
from test_endpoint import BASE, PREFIXES, SMALL, free_port, server_process

ROOT = Path(__file__).resolve().parents[1]
ESS_PREFIX = "PREFIX ess: <https://w3id.org/ess-poles/def#>\n"


@pytest.fixture(scope="module")
def client(seeds_build):
    return create_app({"TESTING": True, "DATA_DIR": seeds_build.out}).test_client()


def count(client, query: str) -> int:
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.text
    return int(response.get_json()["results"]["bindings"][0]["n"]["value"])


def rows(client, query: str) -> list[dict]:
    response = client.get("/sparql", query_string={"query": query})
    assert response.status_code == 200, response.text
    return response.get_json()["results"]["bindings"]


# --- counts ------------------------------------------------------------------------------------

def test_the_default_graph_holds_each_public_triple_once(client, seeds_build):
    lines = {line for line in gzip.decompress((seeds_build.out / "registry.nt.gz").read_bytes()).decode().splitlines()
             if line.strip()}
    assert count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == len(lines)
    # the documents repeat some facts: their union would count them twice
    in_graphs = count(client, ESS_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?p a ess:Pole } }")
    assert in_graphs > count(client, ESS_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?p a ess:Pole }")


def test_the_pole_count_agrees_with_the_home_page(client):
    html = client.get("/").text
    listed: set[str] = set()
    for number in range(1, 20):  # the home page lists the poles 50 a page
        page = client.get(f"/?page={number}").text
        found = set(re.findall(r'href="/page/pole/([^"]+)"', page.split('id="poles"', 1)[1]))
        if not found - listed:
            break
        listed |= found
    poles = count(client, ESS_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?p a ess:Pole }")
    assert poles == len(listed) and f"<p>{poles} pôles.</p>" in html


def test_void_counts_agree_with_the_dumps(client, seeds_build):
    info = json.loads((seeds_build.out / "build-info.json").read_text())
    graph = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    dataset = rdflib.URIRef(f"{BASE}catalog#dataset")
    assert graph.value(dataset, VOID.triples).toPython() == info["triples"]
    pole = next(p for p in graph.objects(dataset, VOID.classPartition)
                if graph.value(p, VOID["class"]) == rdflib.URIRef("https://w3id.org/ess-poles/def#Pole"))
    assert graph.value(pole, VOID.entities).toPython() == \
        count(client, ESS_PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?p a ess:Pole }")


# --- linksets ---------------------------------------------------------------------------------------

def test_no_linkset_is_declared_without_links(client):
    assert count(client, "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/ns/regorg#registration> ?o }") == 0
    void = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    assert list(void.subjects(RDF.type, VOID.Linkset)) == []
    catalog = client.get("/catalog").text
    assert "Linkset" not in catalog and "sirene" not in catalog.lower()  # nor a word of SIRENE


def test_a_linkset_is_declared_with_its_true_count(tmp_path):
    write_build(tmp_path, rdflib.Dataset().parse(data=SMALL.replace("{name}", "Pôle"), format="trig"),
                [rdflib.URIRef(f"{BASE}graph/document/small")], [], {}, {"base_uri": BASE})
    client = create_app({"TESTING": True, "DATA_DIR": tmp_path}).test_client()
    void = rdflib.Graph().parse(data=client.get("/.well-known/void").data, format="turtle")
    linksets = {void.value(linkset, VOID.linkPredicate): void.value(linkset, VOID.triples).toPython()
                for linkset in void.subjects(RDF.type, VOID.Linkset)}
    assert linksets == {rdflib.URIRef("http://www.w3.org/ns/regorg#registration"): 1}


# --- examples and the model's queries ----------------------------------------------------------------

def test_every_example_of_the_query_page_finds_something(client):
    for example in examples().values():
        assert rows(client, example.query), example.name


def model_queries() -> list[str]:
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    return re.findall(r"```sparql\n(.*?)```", text, re.DOTALL)


def test_the_model_says_which_property_for_members_partners_and_funders():
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    for words in ("org:hasMember", "role:partner", "role:funder", "role:coordinator"):
        assert words in text
    assert len(model_queries()) >= 4


@pytest.mark.parametrize("index", range(len(model_queries())))
def test_the_queries_of_the_model_run(client, index):
    query = model_queries()[index]
    found = rows(client, query)
    if "rov:registration" not in query:  # no SIREN in the seeds yet
        assert found, query


def test_has_member_links_members_only(client):
    query = PREFIXES + """PREFIX role: <https://w3id.org/ess-poles/def/role/>
        SELECT (COUNT(*) AS ?n) WHERE { ?pole org:hasMember ?org
          FILTER NOT EXISTS { ?m org:organization ?pole ; org:member ?org ;
                                 org:role ?role VALUES ?role { role:coordinator role:founding-member role:member role:hosted } } }"""
    assert count(client, query) == 0


# --- pages: each role by its name ----------------------------------------------------------------------

def test_each_role_is_labelled_by_its_name(client):
    html = client.get("/page/pole/pole-d-economie-solidaire").text
    headings = re.findall(r'<h2 class="role"><a [^>]*>([^<]+)</a>', html)
    assert {"Coordinateur", "Membre fondateur", "Structure hébergée", "Financeur"} <= set(headings), headings
    assert "<h2>Members</h2>" not in html
    coopaxis = client.get("/page/pole/coopaxis").text
    assert re.findall(r'<h2 class="role"><a [^>]*>([^<]+)</a>', coopaxis)[:2] == ["Coordinateur", "Partenaire"]


# --- JSON-LD ------------------------------------------------------------------------------------------

def test_json_ld_is_compacted_with_the_published_context(client):
    document = client.get("/data/pole/coopaxis.jsonld").get_json()
    assert document["@context"] == f"{BASE}context.jsonld"
    pole = next(node for node in document["@graph"] if node["@id"] == f"{BASE}id/pole/coopaxis")
    assert "skos:prefLabel" in pole and "ess:PTCE" in pole["@type"]
    context = client.get("/context.jsonld")
    assert context.mimetype == "application/ld+json" and context.headers["ETag"]
    assert context.get_json()["@context"]["ess"] == "https://w3id.org/ess-poles/def#"
    dump = json.loads(client.get("/dumps/registry.jsonld").data)
    assert dump["@context"] == f"{BASE}context.jsonld" and "@graph" in dump


@pytest.mark.slow
def test_a_json_ld_client_fetches_the_context_and_reads_the_same_graph(tmp_path):
    """rdflib, as any JSON-LD processor, fetches the context from its URL on the real server."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    trig = SMALL.replace("{name}", "Pôle").replace(f"@base <{BASE}>", f"@base <{base}>")
    write_build(tmp_path, rdflib.Dataset().parse(data=trig, format="trig"),
                [rdflib.URIRef(f"{base}graph/document/small")], [], {}, {"base_uri": base})
    with server_process({"DATA_DIR": tmp_path}, port=port) as (url, _):
        from_jsonld = rdflib.Graph().parse(url + "data/pole/p.jsonld", format="json-ld")
        from_turtle = rdflib.Graph().parse(url + "data/pole/p.ttl", format="turtle")
        assert len(from_turtle) > 2 and isomorphic(from_jsonld, from_turtle)
        dump = rdflib.Graph().parse(url + "dumps/registry.jsonld", format="json-ld")
        assert isomorphic(dump, rdflib.Graph().parse(url + "dumps/registry.ttl", format="turtle"))
