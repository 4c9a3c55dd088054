"""Personal data never reaches a public output (docs/architecture.md, "Personal data").

The synthetic documents of tests/data/privacy/ (see its README: every person in them is invented)
are built with the real pipeline (in-process, `keep_going`, on a copy of data/ids.tsv), and the build
is served by the real server (`essreg serve`'s waitress, in a subprocess) and read over real HTTP.
The names, e-mails and phones of the persons they name must appear in none of: the public graphs,
the dumps, the HTML pages of the poles and organisations, the Turtle and JSON-LD of every resource,
a SPARQL SELECT of every literal. The private graph holds them, and /sparql cannot reach it. What is
masked is the person, not the text: the sentences stay, with "[personne]" where the name was, and
the figures they state stay public. An organisation named after a person keeps its name.

Matching is case- and accent-insensitive ("KERBRAT", "Helene Vasquez"), on whole words; phones are
matched whatever their spacing or form ("06 12 34 56 78", "0612345678", "tel:+33612345678").
"""
from __future__ import annotations

import gzip
import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib import Dataset

from converters.folding import fold
from converters.ids import IdTable, Uris
from converters.pipeline import DEFAULT_BASE_URI, build
from test_endpoint import running_server
from conftest import copy_ids_table

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "tests" / "data" / "privacy"
BASE = DEFAULT_BASE_URI
PRIVATE_GRAPH = str(Uris(BASE).graph("private"))
MASK = "[personne]"

# What the build must never publish: (what it is, the string). Names are also looked for surname
# alone when the surname is distinctive, and in reverse order.
PERSONS = {
    "Sophie Marchal": "elected official with a civility (Mme ..., maire de Lannion)",
    "Bruno Carrel": "director, role after a comma",
    "Hélène Vasquez": "journalist's byline (Par ...)",
    "Agathe Pellegrin": "coordinator named in the sentence that states the pole's figures; contact line",
    "Yannick Le Dantec": "president with a civility, then surname alone (Le Dantec rappelle...)",
    "Katell Morvan-Prigent": "treasurer with a civility, then surname alone; contact line",
}
SURNAMES_ALONE = ["Marchal", "Carrel", "Vasquez", "Pellegrin", "Le Dantec", "Morvan-Prigent"]
REVERSED = ["Marchal Sophie", "Carrel Bruno", "Vasquez Hélène", "Pellegrin Agathe", "Le Dantec Yannick",
            "Morvan-Prigent Katell"]
EMAILS = ["agathe.pellegrin@tregorcoop.fr", "k.morvanprigent@odetsolidaire.bzh"]
PHONES = ["06 12 34 56 78", "02 98 12 34 56"]
PERSONAL = [*PERSONS, *SURNAMES_ALONE, *REVERSED, *EMAILS, *PHONES]
# A photo credit with initials and an all-caps surname, and a name written surname first in capitals.
MISSED = ["J. KERBRAT", "KERBRAT", "LE GALL Erwan", "Erwan Le Gall"]

pytestmark = pytest.mark.slow  # a build and a server

FAMILIES = ["public graphs", "dumps", "HTML pages", "Turtle", "JSON-LD", "SPARQL literals"]


# --- the build and the server ------------------------------------------------------------------

@pytest.fixture(scope="module")
def privacy_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy-build")
    out = root / "out"
    outcome = build(sorted(DOCUMENTS.glob("*.txt")), out, BASE, IdTable(copy_ids_table(root)), keep_going=True)
    assert outcome.written, f"the build wrote nothing (exit code {outcome.exit_code}): {outcome.summary}"
    assert not outcome.conversion.failures, outcome.conversion.failures
    return out, outcome


@pytest.fixture(scope="module")
def server(privacy_build):
    out, _ = privacy_build
    with running_server({"DATA_DIR": out, "MAX_ROWS": 1_000_000}) as url:
        yield url


def get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """(status, media type, body) of a GET, redirects followed."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read()


def sparql(server: str, query: str, accept: str = "application/sparql-results+json") -> tuple[int, bytes]:
    status, _, body = get(server + "sparql?" + urllib.parse.urlencode({"query": query}), accept)
    return status, body


def select(server: str, query: str) -> list[dict]:
    status, body = sparql(server, query)
    assert status == 200, body
    return json.loads(body)["results"]["bindings"]


def rdf_terms(data: bytes | str, fmt: str) -> str:
    """Every term (IRI, literal, graph name) of an RDF document, one a line."""
    dataset = Dataset()
    dataset.parse(data=data, format=fmt)
    return "\n".join(str(term) for quad in dataset.quads() for term in quad if term is not None)


def local(server: str, iri: str) -> str:
    """The URL on the test server of a URI of the build (minted under BASE)."""
    assert iri.startswith(BASE), iri
    return server + iri[len(BASE):]


@pytest.fixture(scope="module")
def resources(server) -> dict[str, list[str]]:
    """The registry's own resources by kind (pole, org, membership, figure, document...)."""
    rows = select(server, f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), '{BASE}id/')) }}")
    found: dict[str, list[str]] = {}
    for row in rows:
        iri = row["s"]["value"]
        found.setdefault(iri[len(BASE) + 3:].split("/")[0], []).append(iri)
    return found


@pytest.fixture(scope="module")
def public_outputs(privacy_build, server, resources) -> dict[str, list[tuple[str, str]]]:
    """Every public output, by family: (where, its text as a reader sees it)."""
    out, _ = privacy_build
    outputs: dict[str, list[tuple[str, str]]] = {family: [] for family in FAMILIES}
    # the public graphs: every term of registry.trig, and of the store the server queries
    outputs["public graphs"].append(("registry.trig", rdf_terms((out / "registry.trig").read_bytes(), "trig")))
    status, body = sparql(server, "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                          "application/n-triples")
    assert status == 200, body
    outputs["public graphs"].append(("/sparql CONSTRUCT of every triple", rdf_terms(body, "nt")))
    # the dumps, as served
    status, _, index = get(server + "dumps/")
    assert status == 200
    outputs["dumps"].append(("/dumps/", html.unescape(index.decode())))
    dumps = json.loads((out / "build-info.json").read_text(encoding="utf-8"))["dumps"]
    assert {"registry.ttl", "registry.trig", "registry.nt.gz", "registry.jsonld"} <= {d["path"] for d in dumps}
    for dump in dumps:
        status, _, body = get(server + "dumps/" + dump["path"])
        assert status == 200, dump["path"]
        if dump["path"].endswith(".gz"):
            body = gzip.decompress(body)
        text = body.decode("utf-8")
        if dump["path"].endswith(".jsonld"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        outputs["dumps"].append((f"/dumps/{dump['path']}", text))
    # the HTML pages: the index, every pole's and every organisation's
    assert resources.get("pole") and resources.get("org")
    status, _, body = get(server)
    assert status == 200
    outputs["HTML pages"].append(("/", html.unescape(body.decode())))
    for iri in resources["pole"] + resources["org"]:
        status, media_type, body = get(local(server, iri), "text/html")
        assert status == 200 and media_type == "text/html", iri
        outputs["HTML pages"].append((iri, html.unescape(body.decode())))
    # the Turtle and the JSON-LD of every resource, through its URI
    for iri in [iri for kind in resources.values() for iri in kind]:
        for family, accept, fmt in (("Turtle", "text/turtle", "turtle"), ("JSON-LD", "application/ld+json", None)):
            status, media_type, body = get(local(server, iri), accept)
            assert status == 200 and media_type == accept, (iri, status, media_type)
            if fmt:
                text = rdf_terms(body, fmt) + "\n" + body.decode()
            else:
                text = json.dumps(json.loads(body), ensure_ascii=False)
            outputs[family].append((f"{iri} ({accept})", text))
    # every literal, in any graph the endpoint answers from
    rows = select(server, "SELECT DISTINCT ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isLiteral(?o)) }")
    assert rows
    outputs["SPARQL literals"].append(("/sparql SELECT of every literal", "\n".join(r["o"]["value"] for r in rows)))
    # pages a later version adds: search results, GeoJSON
    for path in ("search?q=Pellegrin", "search?q=Lannion", "map.geojson"):
        status, _, body = get(server + path)
        if status == 200:
            outputs["HTML pages"].append((f"/{path}", html.unescape(body.decode())))
    return outputs


# --- matching ------------------------------------------------------------------------------

def pattern(value: str) -> re.Pattern:
    """`value` as a whole-word, case- and accent-insensitive pattern over folded text; a phone
    whatever its spacing, national or international."""
    digits = re.sub(r"\D", "", value)
    if len(digits) == 10 and re.fullmatch(r"[\d\s.]+", value):
        sep = r"[\s.\-\u00a0]?"
        return re.compile(r"(?<!\d)(?:0|\+33" + sep + r")" + sep.join(digits[1:]) + r"(?!\d)")
    words = [re.escape(w) for w in fold(value).split()]
    return re.compile(r"(?<![\w@.])" + r"[\s\u00a0_-]+".join(words) + r"(?![\w])")


def leaks(outputs: list[tuple[str, str]], values: list[str]) -> list[str]:
    """"value in where: ...context..." for each value found in an output."""
    found = []
    for value in values:
        compiled = pattern(value)
        for where, text in outputs:
            match = compiled.search(fold(text))
            if match:
                context = text[max(0, match.start() - 60): match.end() + 60].replace("\n", " ")
                found.append(f"{value!r} in {where}: ...{context}...")
    return found


# --- the tests -----------------------------------------------------------------------------

@pytest.mark.parametrize("family", FAMILIES)
def test_no_name_email_or_phone_of_a_person_in_public_outputs(public_outputs, family):
    assert public_outputs[family], f"no {family} to look at"
    found = leaks(public_outputs[family], PERSONAL)
    assert not found, f"personal data in the {family}:\n" + "\n".join(found[:40])


@pytest.mark.parametrize("family", FAMILIES)
def test_credits_with_initials_and_surnames_first_do_not_leak(public_outputs, family):
    found = leaks(public_outputs[family], MISSED)
    assert not found, f"personal data in the {family}:\n" + "\n".join(found[:40])


def test_the_rules_found_the_persons_and_no_organisation_named_after_one(privacy_build):
    _, outcome = privacy_build
    names = {fold(name) for document in outcome.conversion.documents for name in document.persons}
    for person in PERSONS:
        assert any(fold(person) in name for name in names), f"{person} was not found: {sorted(names)}"
    assert not any("guichard" in name or "curie" in name for name in names), sorted(names)


def test_the_private_graph_holds_the_persons(privacy_build):
    out, _ = privacy_build
    dataset = Dataset()
    dataset.parse(out / "private" / "private.trig", format="trig")
    private = dataset.graph(rdflib.URIRef(PRIVATE_GRAPH))
    terms = "\n".join(str(term) for triple in private for term in triple)
    folded = fold(terms)
    for person in PERSONS:
        assert fold(person) in folded, f"{person} is not in the private graph"
    for email in EMAILS:
        assert email in terms, f"{email} is not in the private graph"
    for phone in PHONES:
        assert pattern(phone).search(folded), f"{phone} is not in the private graph"


def test_the_private_graph_is_not_reachable(privacy_build, server):
    out, _ = privacy_build
    dataset = Dataset()
    dataset.parse(out / "private" / "private.trig", format="trig")
    contacts = {str(s) for s in dataset.graph(rdflib.URIRef(PRIVATE_GRAPH)).subjects() if "/id/contact/" in str(s)}
    assert contacts, "the private graph has no contact to look for"
    for query in (
        f"SELECT * WHERE {{ GRAPH <{PRIVATE_GRAPH}> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{PRIVATE_GRAPH}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{PRIVATE_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { { ?s <http://www.w3.org/2006/vcard/ns#fn> ?o } UNION "
        "{ GRAPH ?g { ?s <http://www.w3.org/2006/vcard/ns#fn> ?o } } }",
        *(f"SELECT * WHERE {{ {{ <{c}> ?p ?o }} UNION {{ GRAPH ?g {{ <{c}> ?p ?o }} }} }}" for c in sorted(contacts)),
    ):
        assert select(server, query) == [], query
    graphs = {row["g"]["value"] for row in select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs and PRIVATE_GRAPH not in graphs
    assert get(local(server, PRIVATE_GRAPH))[0] == 404
    assert get(server + "dumps/private/private.trig")[0] == 404
    assert "private" not in get(server + "dumps/")[2].decode()
    for contact in sorted(contacts):
        for accept in ("text/html", "text/turtle", "application/ld+json"):
            assert get(local(server, contact), accept)[0] == 404, (contact, accept)


def description(server: str, pole_label: str) -> str:
    rows = select(server, f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?d WHERE {{ ?p skos:prefLabel ?l ; dcterms:description ?d FILTER(CONTAINS(STR(?l), "{pole_label}")) }}""")
    assert len(rows) == 1, rows
    return rows[0]["d"]["value"]


def test_masked_descriptions_keep_the_rest_of_the_text(server, resources):
    tregor = description(server, "Trégor Coop")
    for kept in (
        "Par [personne] – Publié le 12/03/2024",
        "Selon [personne], sa coordinatrice, le pôle compte 42 structures adhérentes et fait travailler 130 salariés "
        "sur le territoire.",
        "[personne], directeur de l'association Les Jardins de la Lande, rappelle que la coopération a d'abord été une "
        "affaire de voisinage entre maraîchers et menuisiers.",
        "en présence de Mme [personne], maire de Lannion, et des élus de Lannion-Trégor Communauté.",
        "Contact : [personne], coordinatrice – ",
    ):
        assert kept in tregor, f"{kept!r} not in the description: {tregor}"
    odet = description(server, "Odet Solidaire")
    for kept in ("Présents : M. [personne], président ; Mme [personne], trésorière ;",
                 "[personne] rappelle que le pôle réunit 27 structures",
                 "[personne] présente le budget de l'année : 85 000 euros.",
                 "Pour toute question : [personne]\nTél. : "):
        assert kept in odet, f"{kept!r} not in the description: {odet}"
    # the pole's page shows the masked sentence
    pole = next(iri for iri in resources["pole"] if "tregor" in iri)
    page = html.unescape(get(local(server, pole), "text/html")[2].decode())
    assert "sa coordinatrice, le pôle compte 42 structures adhérentes" in page


def test_the_figures_of_a_sentence_naming_a_person_stay_public(server):
    rows = select(server, """PREFIX ess: <https://w3id.org/ess-poles/def#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?value ?stated WHERE { ?pole skos:prefLabel ?label ; ess:figure ?f . ?f rdf:value ?value .
          OPTIONAL { ?f ess:statedAs ?stated } FILTER(CONTAINS(STR(?label), "Trégor Coop")) }""")
    figures = {int(row["value"]["value"]): row.get("stated", {}).get("value", "") for row in rows}
    assert 42 in figures and 130 in figures, figures
    assert MASK in figures[42] and "42 structures adhérentes" in figures[42], figures[42]
    assert "pellegrin" not in fold(figures[42])


def test_an_organisation_named_after_a_person_keeps_its_name(server, resources):
    for label in ("Fondation Émile Guichard", "Maison Marie Curie Quimper"):
        rows = select(server, f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX org: <http://www.w3.org/ns/org#>
            SELECT ?o WHERE {{ ?o a org:Organization ; skos:prefLabel "{label}"@fr }}""")
        assert len(rows) == 1, f"no organisation labelled {label}: {rows}"
        page = html.unescape(get(local(server, rows[0]["o"]["value"]), "text/html")[2].decode())
        assert label in page
    assert "la Fondation Émile Guichard, qui accueille des jeunes" in description(server, "Trégor Coop")
    assert "l'association Maison Marie Curie Quimper" in description(server, "Odet Solidaire")


def test_a_hash_whose_digits_read_as_a_phone_is_not_masked():
    """A document's SHA-256 (hexadecimal) can hold ten digits in a row that read as a French phone
    number; masking it broke the hash, and the build with it (a SYNTHETIC hash)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS

    from converters.privacy import mask_public
    from converters.vocab import ESS

    digest = "44222c68c1d8e3f152b8e7efa0612345678bc5514a96329c7d4df9479b717c28"
    assert len(digest) == 64
    document = URIRef("http://example.org/id/document/synthetic")
    graph = Graph()
    graph.add((document, ESS.sha256, Literal(digest)))
    graph.add((document, DCTERMS.description, Literal("Appeler le 06 12 34 56 78")))
    assert mask_public([graph], []) == 1
    assert graph.value(document, ESS.sha256) == Literal(digest)
    assert "06 12 34 56 78" not in str(graph.value(document, DCTERMS.description))
