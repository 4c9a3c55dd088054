"""`essreg enrich-insee` and `essreg enrich-wikidata` against local stand-ins (Oxigraph servers
loaded with SYNTHETIC INSEE-shaped and Wikidata-shaped data: tests/federation_standins.py), then
the linkers that read their caches in a real build: owl:sameAs in the reference graph, counted by
VoID. No network: the commands are given the stand-ins' URLs.
"""
import csv
import re
from dataclasses import replace

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.namespace import DCTERMS, OWL, RDF, VOID

from converters.ids import IdTable
from converters.link import linkers
from converters.link.enrichment import LinkTableError, build_places, build_sirens
from converters.link.insee_uris import CACHE as INSEE_CACHE, InseeUriLinker
from converters.link.wikidata import CACHE as WIKIDATA_CACHE, WikidataLinker
from converters.paths import REFERENCE_DIR
from converters.pipeline import DEFAULT_BASE_URI, build
from conftest import copy_ids_table
from essreg.cli import main
from federation_standins import InseeStandIn, WikidataStandIn, oxigraph_server

pytestmark = pytest.mark.slow

DAY = "2026-06-01"
KINDS = {"epci": "intercommunalite", "ept": "intercommunalite"}


def former_codes() -> dict[str, list[str]]:
    with (REFERENCE_DIR / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["anciens_codes"].split() for row in csv.DictReader(handle)
                if row["type"] == "commune" and row["anciens_codes"].strip()}


@pytest.fixture(scope="module")
def places(ptce_build):
    found = sorted({(KINDS.get(kind, kind), code) for kind, code in build_places(ptce_build.out)})
    assert {kind for kind, _ in found} >= {"commune", "departement", "region"}
    return found


@pytest.fixture(scope="module")
def insee(places, tmp_path_factory):
    """The stand-in: every place of the build but two, with the real mergers our geography records
    (Ancenis and Saint-Géréon into Ancenis-Saint-Géréon, 2019-01-01; the other former codes get the
    synthetic date 2019-01-01 too), a renamed département, and one commune of the build that the
    stand-in says was absorbed by another on 2025-01-01."""
    standin = InseeStandIn()
    communes = [code for kind, code in places if kind == "commune"]
    formers = former_codes()
    merged = sorted(code for code in communes if code in formers)
    assert "44003" in merged, "the laureates' build no longer names Ancenis-Saint-Géréon: choose another merger"
    left_out = {("commune", next(code for code in communes if code not in formers)),
                next(place for place in places if place[0] == "intercommunalite")}
    plain = [c for c in communes if c not in formers and ("commune", c) not in left_out]
    absorbed, absorber = plain[0], plain[1]
    renamed = next(code for kind, code in places if kind == "departement")
    for kind, code in places:
        if (kind, code) in left_out or (kind == "commune" and code in (*merged, absorbed, absorber)):
            continue
        if (kind, code) == ("departement", renamed):
            standin.renamed(kind, code, "2021-01-01")
        else:
            standin.place(kind, code, created=None if kind == "region" else "1943-01-01")
    for code in merged:
        standin.merger(code, formers[code], "2019-01-01")
    standin.absorbed(absorbed, absorber, "2025-01-01")
    with oxigraph_server(tmp_path_factory.mktemp("insee-standin"), standin.nquads()) as url:
        yield url, standin, left_out, absorbed


@pytest.fixture(scope="module")
def insee_cache(ptce_build, insee, tmp_path_factory):
    url, *_ = insee
    path = tmp_path_factory.mktemp("links") / "insee-uris.tsv"
    result = CliRunner().invoke(main, ["enrich-insee", "--endpoint", url, "--data", str(ptce_build.out),
                                       "--date", DAY, "--cache", str(path)])
    assert result.exit_code == 0, result.output
    return path, result.output


def cache_rows(path) -> dict[tuple[str, str], dict]:
    return {(row["type"], row["code"]): row for row in replace(INSEE_CACHE, path=path).read()}


def test_every_place_of_the_build_gets_its_current_insee_uri(places, insee, insee_cache):
    _, standin, left_out, absorbed = insee
    rows = cache_rows(insee_cache[0])
    for place in places:
        if place in left_out or place == ("commune", absorbed):
            continue
        assert rows[place]["status"] == "current", place
        assert rows[place]["uri"] == standin.current[place], place


def test_merged_communes_resolve_to_the_commune_nouvelle_with_the_former_recorded(insee, insee_cache):
    _, standin, _, absorbed = insee
    rows = cache_rows(insee_cache[0])
    assert rows[("commune", "44160")]["status"] == "former"  # Saint-Géréon, merged on 2019-01-01
    assert rows[("commune", "44160")]["successor"] == rows[("commune", "44003")]["uri"] == standin.current[("commune", "44003")]
    for code, (last, successor) in standin.former.items():
        assert (rows[("commune", code)]["uri"], rows[("commune", code)]["successor"]) == (last, successor), code
    assert rows[("commune", absorbed)]["status"] == "former"


def test_nothing_is_guessed_for_codes_the_endpoint_lacks(insee, insee_cache):
    _, _, left_out, _ = insee
    rows = cache_rows(insee_cache[0])
    for kind, code in left_out:
        assert (kind, code) not in rows
        assert f"not linked: {kind} {code}: INSEE has no" in insee_cache[1]


def test_a_failing_endpoint_leaves_the_cache_alone(ptce_build, tmp_path):
    path = tmp_path / "insee-uris.tsv"
    path.write_text("kept\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["enrich-insee", "--endpoint", "http://127.0.0.1:1/sparql",
                                       "--data", str(ptce_build.out), "--cache", str(path)])
    assert result.exit_code == 2 and "the cache was not changed" in result.output
    assert path.read_text(encoding="utf-8") == "kept\n"


# --- Wikidata -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def wikidata(places, tmp_path_factory):
    """Items for every commune of the build but one; one commune with two current items (none
    may be chosen); a former commune sharing a code (not a commune of France: not read)."""
    standin = WikidataStandIn()
    communes = [code for kind, code in places if kind == "commune"]
    missing, doubled = communes[0], communes[1]
    for code in communes[1:]:
        standin.item("commune", code, record=code != doubled, image=True)
    standin.item("commune", doubled, record=False)
    standin.former_commune(communes[2])
    standin.item("organisation", "552032534")  # a SIREN no organisation of the build has
    with oxigraph_server(tmp_path_factory.mktemp("wikidata-standin"), standin.nquads()) as url:
        yield url, standin, missing, doubled


@pytest.fixture(scope="module")
def wikidata_cache(ptce_build, wikidata, tmp_path_factory):
    url, *_ = wikidata
    path = tmp_path_factory.mktemp("links") / "wikidata.tsv"
    result = CliRunner().invoke(main, ["enrich-wikidata", "--endpoint", url, "--data", str(ptce_build.out),
                                       "--cache", str(path)])
    assert result.exit_code == 0, result.output
    return path, result.output


def test_enrich_wikidata_links_communes_by_insee_code_and_guesses_nothing(ptce_build, places, wikidata, wikidata_cache):
    _, standin, missing, doubled = wikidata
    rows = {(row["type"], row["code"]): row["item"] for row in replace(WIKIDATA_CACHE, path=wikidata_cache[0]).read()}
    communes = {(kind, code) for kind, code in places if kind == "commune"}
    expected = {key: uri for key, uri in standin.items.items() if key in communes}
    assert {key: item for key, item in rows.items() if key[0] == "commune"} == expected
    assert ("commune", missing) not in rows and ("commune", doubled) not in rows
    assert f"not linked: commune {doubled}: 2 items" in wikidata_cache[1]
    assert ("organisation", "552032534") not in rows  # only the build's SIRENs are asked for
    assert {key for key in rows if key[0] == "organisation"} == {("organisation", s) for s in build_sirens(ptce_build.out)
                                                                 if ("organisation", s) in standin.items}


# --- the linkers in a build, and VoID ----------------------------------------------------------

@pytest.fixture(scope="module")
def linked_build(ptce_build, insee_cache, wikidata_cache, tmp_path_factory):
    root = tmp_path_factory.mktemp("linked-build")
    chain = [linker for linker in linkers() if linker.NAME not in ("INSEE URIs", "Wikidata")]
    chain += [InseeUriLinker(replace(INSEE_CACHE, path=insee_cache[0])),
              WikidataLinker(replace(WIKIDATA_CACHE, path=wikidata_cache[0]))]
    outcome = build(sorted(ptce_build.fiches.glob("*.txt")), root / "out", DEFAULT_BASE_URI,
                    IdTable(copy_ids_table(root)), chain=chain)
    assert outcome.written, outcome.summary
    return root / "out", outcome


def test_the_build_states_owl_same_as_from_the_caches(linked_build, insee, insee_cache, wikidata):
    _, outcome = linked_build
    graph = rdflib.Graph().parse(linked_build[0] / "current" / "registry.ttl")
    rows = cache_rows(insee_cache[0])
    _, standin, _, absorbed = insee
    for (kind, code), row in rows.items():
        if kind == "commune" and row["status"] == "current":
            commune = rdflib.URIRef(f"{DEFAULT_BASE_URI}id/commune/{code}")
            if (commune, RDF.type, None) in graph:
                assert (commune, OWL.sameAs, rdflib.URIRef(row["uri"])) in graph
    ancenis = rdflib.URIRef(f"{DEFAULT_BASE_URI}id/commune/44003")
    assert (ancenis, DCTERMS.replaces, rdflib.URIRef(standin.former["44160"][0])) in graph
    old = rdflib.URIRef(f"{DEFAULT_BASE_URI}id/commune/{absorbed}")
    assert (old, OWL.sameAs, rdflib.URIRef(standin.former[absorbed][0])) in graph
    assert (old, DCTERMS.isReplacedBy, rdflib.URIRef(standin.former[absorbed][1])) in graph
    wikidata_items = {str(o) for o in graph.objects(None, OWL.sameAs) if str(o).startswith("http://www.wikidata.org/")}
    assert wikidata_items and wikidata_items <= set(wikidata[1].items.values())


def test_void_counts_the_links_to_insee(linked_build):
    from endpoint import create_app

    graph = rdflib.Graph().parse(linked_build[0] / "current" / "registry.ttl")
    expected = sum(1 for o in graph.objects(None, OWL.sameAs) if str(o).startswith("http://id.insee.fr/"))
    assert expected > 20
    client = create_app({"DATA_DIR": str(linked_build[0]), "TESTING": True}).test_client()
    void = rdflib.Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data,
                                format="turtle")
    counts = {str(void.value(linkset, VOID.objectsTarget)): void.value(linkset, VOID.triples).toPython()
              for linkset in void.subjects(RDF.type, VOID.Linkset) if void.value(linkset, VOID.linkPredicate) == OWL.sameAs}
    assert expected in counts.values(), counts


def test_the_committed_caches_hold_no_guess():
    """The committed caches can only come from the real endpoints (unreachable here): a header, and
    rows only with URIs of the services' own namespaces."""
    for cache, prefix in ((INSEE_CACHE, "http://id.insee.fr/geo/"), (WIKIDATA_CACHE, "http://www.wikidata.org/entity/Q")):
        if cache.path.exists():
            for row in cache.read():
                assert row[cache.columns[2]].startswith(prefix), row


def test_the_wikidata_example_joins_the_communes_with_the_stand_in(linked_build, wikidata):
    """endpoint/examples/federated/03-...: the communes' owl:sameAs (from the cache) joined, through
    our endpoint's SERVICE, with the items' images on the Wikidata stand-in."""
    from endpoint import create_app
    from endpoint.query_ui import EXAMPLES_DIR

    url, standin, _, _ = wikidata
    query = (EXAMPLES_DIR / "federated" / "03-wikidata-items-of-communes.rq").read_text(encoding="utf-8")
    query = query.replace("<https://query.wikidata.org/sparql>", f"<{url}>")
    client = create_app({"DATA_DIR": str(linked_build[0]), "ALLOWED_SERVICES": [url], "TESTING": True}).test_client()
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.text
    rows = {(row["commune"]["value"], row["item"]["value"]) for row in response.json["results"]["bindings"]}
    graph = rdflib.Graph().parse(linked_build[0] / "current" / "registry.ttl")
    poles_communes = set(graph.query("""PREFIX ess: <https://w3id.org/ess-poles/def#>
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX igeo: <http://rdf.insee.fr/def/geo#>
        SELECT DISTINCT ?commune WHERE { ?pole a ess:Pole ; dcterms:spatial ?commune . ?commune a igeo:Commune }"""))
    items = {code: uri for (kind, code), uri in standin.items.items() if kind == "commune"}
    expected = {(str(c), items[str(c).rsplit("/", 1)[1]]) for (c,) in poles_communes if str(c).rsplit("/", 1)[1] in items}
    assert expected and rows == expected


def test_a_damaged_cache_is_named(tmp_path):
    path = tmp_path / "insee-uris.tsv"
    path.write_text("# a comment\ncode\turi\n44003\thttp://id.insee.fr/geo/commune/x\n", encoding="utf-8")
    with pytest.raises(LinkTableError, match=re.escape(f"{path}:2: expected the columns type, code, uri")):
        replace(INSEE_CACHE, path=path).read()


INSEE_HEADER = "# SYNTHETIC cache, hand-damaged\ntype\tcode\turi\tvalid_from\tstatus\tsuccessor\n"
GOOD_INSEE_ROW = "commune\t91471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tcurrent\t\n"


@pytest.mark.parametrize("row, problem", [
    ("commune\t91471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tcurrent\n", "expected 6 tab-separated fields, found 5"),
    ("canton\t91471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tcurrent\t\n", "type 'canton' is not one of"),
    ("commune\t91 471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tcurrent\t\n", "code '91 471' is not an INSEE code"),
    ("commune\t91471\tnot-a-uri\t2019-01-01\tcurrent\t\n", "uri 'not-a-uri' is not an absolute http(s) IRI"),
    ("commune\t91471\thttp://id.insee.fr/geo/commune/a b\t2019-01-01\tcurrent\t\n", "is not an absolute http(s) IRI"),
    ("commune\t91471\thttp://id.insee.fr/geo/commune/abc\t1 Jan 2019\tcurrent\t\n", "valid_from '1 Jan 2019' is not a date"),
    ("commune\t91471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tgone\t\n", "status 'gone' is not current or former"),
    ("commune\t91471\thttp://id.insee.fr/geo/commune/abc\t2019-01-01\tformer\t\n", "a former version needs its successor"),
])
def test_a_damaged_insee_row_is_refused_with_its_line(tmp_path, row, problem):
    path = tmp_path / "insee-uris.tsv"
    path.write_text(INSEE_HEADER + GOOD_INSEE_ROW + row, encoding="utf-8")
    with pytest.raises(LinkTableError, match=re.escape(f"{path}:4: ") + ".*" + re.escape(problem)):
        replace(INSEE_CACHE, path=path).read()


@pytest.mark.parametrize("row, problem", [
    ("commune\t91471\n", "expected 3 tab-separated fields, found 2"),
    ("region\t11\thttp://www.wikidata.org/entity/Q13917\n", "type 'region' is not commune or organisation"),
    ("organisation\t12345\thttp://www.wikidata.org/entity/Q1\n", "code '12345' is not a SIREN"),
    ("commune\t91471\thttps://www.wikidata.org/wiki/Q1\n", "is not a Wikidata item IRI"),
])
def test_a_damaged_wikidata_row_is_refused_with_its_line(tmp_path, row, problem):
    path = tmp_path / "wikidata.tsv"
    path.write_text("type\tcode\titem\ncommune\t2A004\thttp://www.wikidata.org/entity/Q242\n" + row, encoding="utf-8")
    with pytest.raises(LinkTableError, match=re.escape(f"{path}:3: ") + ".*" + re.escape(problem)):
        replace(WIKIDATA_CACHE, path=path).read()


def test_organisations_are_linked_by_siren(wikidata, tmp_path):
    """The build of the laureates has no SIREN: the organisations' side is checked on a graph that
    has one, with the same resolver, cache and linker."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    from converters.ids import Uris
    from converters.link import Referred, registered_sirens
    from converters.link import wikidata as wikidata_link
    from converters.vocab import ROV

    url, standin, _, _ = wikidata
    resolution = wikidata_link.resolve(url, [], ["552032534", "999999999"])
    assert resolution.rows == [{"type": "organisation", "code": "552032534", "item": standin.items[("organisation", "552032534")]}]
    assert resolution.unresolved == ["organisation 999999999: no item on Wikidata"]
    cache = replace(WIKIDATA_CACHE, path=tmp_path / "wikidata.tsv")
    wikidata_link.write_cache(resolution, url, DAY, cache)
    organisation, identifier = URIRef(f"{DEFAULT_BASE_URI}id/org/x"), URIRef(f"{DEFAULT_BASE_URI}id/identifier/siren/552032534")
    graph = rdflib.Graph()
    graph.add((organisation, ROV.registration, identifier))
    graph.add((identifier, SKOS.notation, Literal("552032534")))
    referred = Referred(places=[], sirens=registered_sirens([graph]))
    assert referred.sirens == {"552032534": [organisation]}
    linked = WikidataLinker(cache).reference(Uris(DEFAULT_BASE_URI), referred)
    assert set(linked) == {(organisation, OWL.sameAs, URIRef(standin.items[("organisation", "552032534")]))}
