"""The DCAT catalogue (/catalog) as harvesters read it: DCAT-AP 3.0.0 conformance (pySHACL and the
official shapes), pages of 50 datasets that udata's DCAT backend follows, dct:temporal computed
from the data, publisher and contact only from settings.

Two real builds: the session's laureates build (tests/conftest.py) and a build of 60 synthetic
fiches (written below, one pole each, with a place and a founding year), so that the catalogue has
61 datasets: the registry's and one per source document, on two pages.

The DCAT-AP shapes are third-party material, read from ../shared/conformance/dcat-ap-3.0.0/ (or
$ESSREG_CONFORMANCE_DIR/dcat-ap-3.0.0), never copied here; without them those tests skip.
"""
import json
import logging
import os
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib
from pyshacl import validate
from rdflib import DCAT, DCTERMS, FOAF, RDF, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import SH, XSD

from converters.ids import IdTable
from converters.pipeline import build
from endpoint import create_app
from test_endpoint import free_port, jsonld_graph, server_process

ROOT = Path(__file__).resolve().parents[1]
DCAT_AP = Path(os.environ.get("ESSREG_CONFORMANCE_DIR") or ROOT.parent / "shared" / "conformance") / "dcat-ap-3.0.0"
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PUBLISHER = {"PUBLISHER_NAME": "Réseau des pôles (synthetic test publisher)",
             "PUBLISHER_URI": "https://publisher.example.org/",
             "PUBLISHER_TYPE": "NonProfitOrganisation",
             "CONTACT_EMAIL": "registre@publisher.example.org",
             "CATALOG_ISSUED": "2024-05-01"}
SYNTHETIC_POLES = 60
FIRST_WORDS = ["Bocage", "Marais", "Granges", "Estuaire", "Vallée", "Plateau", "Causse", "Lande"]
SECOND_WORDS = ["Solidaire", "Partagé", "Coopératif", "Vivant", "Commun", "Ouvert", "Durable", "Actif"]
TOWNS = [("Poitiers", "86"), ("Niort", "79"), ("Angoulême", "16"), ("La Rochelle", "17"), ("Limoges", "87"),
         ("Tulle", "19")]

needs_shapes = pytest.mark.skipif(
    not (DCAT_AP / "shapes.ttl").is_file(),
    reason=f"the DCAT-AP 3.0.0 shapes are not in {DCAT_AP}: put them in ../shared/conformance/dcat-ap-3.0.0/"
           " or name their parent folder with ESSREG_CONFORMANCE_DIR")

# Results that no catalogue can avoid. shapes.ttl types dcat:byteSize as xsd:decimal, while
# dcat-ap-SHACL.ttl types it as xsd:nonNegativeInteger, as DCAT 3 itself does (range of
# dcat:byteSize): no literal satisfies both, and the catalogue follows DCAT 3.
IGNORED = {("shapes.ttl", DCAT.byteSize, SH.DatatypeConstraintComponent)}


def synthetic_fiche(n: int) -> str:
    town, departement = TOWNS[n % len(TOWNS)]
    name = f"{FIRST_WORDS[n % 8]} {SECOND_WORDS[n // 8 % 8]}"
    return (f"Le PTCE « {name} » inauguré à {town}\n\n"
            f"{town} ({departement}) - Le pôle territorial de coopération économique « {name} » a ouvert ses"
            " portes lundi. Il réunit une dizaine de structures de l'économie sociale et solidaire.\n\n"
            f"Créé en {founded(n)}, le pôle emploie {10 + n} salariés.\n")


def founded(n: int) -> int:
    return 2000 + n % 20


@pytest.fixture(scope="module")
def port():
    return free_port()


@pytest.fixture(scope="module")
def synthetic_build(tmp_path_factory, port) -> Path:
    """A real build of 60 synthetic fiches, its URIs under the address its server will answer at."""
    root = tmp_path_factory.mktemp("catalog-build")
    fiches = root / "fiches"
    fiches.mkdir()
    for n in range(SYNTHETIC_POLES):
        (fiches / f"pole-synthetique-{n:03}.txt").write_text(synthetic_fiche(n), encoding="utf-8")
    outcome = build(sorted(fiches.glob("*.txt")), root / "out", f"http://127.0.0.1:{port}/", IdTable(None))
    assert outcome.exit_code == 0, outcome.summary
    return root / "out"


def client_of(out: Path, **settings):
    return create_app({"TESTING": True, "DATA_DIR": out, **settings}).test_client()


def local(url: str) -> str:
    """The path and query of an absolute URL of the server, for Flask's test client."""
    return urlsplit(url)._replace(scheme="", netloc="").geturl()


def pages(client, path: str = "/catalog.ttl", fmt: str = "turtle") -> list[rdflib.Graph]:
    """Every page of the catalogue from `path`, following hydra:next as udata's DCAT backend does
    (the one hydra:PartialCollectionView of a page, its hydra:next)."""
    found, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code} {response.text[:200]}"
        page = rdflib.Graph().parse(data=response.data, format=fmt)
        found.append(page)
        view = page.value(predicate=RDF.type, object=HYDRA.PartialCollectionView)
        following = page.value(view, HYDRA.next)
        url = local(str(following)) if following else None
        assert len(found) < 100, "the pages do not end"
    return found


def shacl_results(page: rdflib.Graph, shapes_file: str) -> list[tuple]:
    """(focus node, path, constraint component, severity) of each result, the ignored ones left out."""
    shapes = rdflib.Graph().parse(DCAT_AP / shapes_file, format="turtle")
    _, report, _ = validate(page, shacl_graph=shapes, allow_warnings=True)
    results = [(report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.sourceConstraintComponent),
                report.value(r, SH.resultSeverity)) for r in report.subjects(RDF.type, SH.ValidationResult)]
    return [r for r in results if (shapes_file, r[1], r[2]) not in IGNORED]


# --- DCAT-AP 3.0.0 ------------------------------------------------------------------------------------

@needs_shapes
@pytest.mark.parametrize("which", ["laureates", "synthetic"])
def test_the_catalogue_conforms_to_dcat_ap_3(which, ptce_build, synthetic_build):
    """0 violations of the mandatory shapes and of the full shapes with ranges, 0 missing
    recommended properties, on every page, once publisher and contact are set."""
    out = ptce_build.out if which == "laureates" else synthetic_build
    for page in pages(client_of(out, **PUBLISHER)):
        assert shacl_results(page, "shapes.ttl") == []
        assert shacl_results(page, "dcat-ap-SHACL.ttl") == []
        assert shacl_results(page, "shapes_recommended.ttl") == []


@needs_shapes
def test_the_byte_size_conflict_is_the_only_one_ignored(ptce_build):
    """The ignore list hides what it says and nothing else: each distribution's byteSize, in shapes.ttl only."""
    page = pages(client_of(ptce_build.out, **PUBLISHER))[0]
    shapes = rdflib.Graph().parse(DCAT_AP / "shapes.ttl", format="turtle")
    _, report, _ = validate(page, shacl_graph=shapes, allow_warnings=True)
    focus = {report.value(r, SH.focusNode) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert focus == set(page.subjects(DCAT.byteSize, None)) and len(focus) >= 7
    assert {o.datatype for o in page.objects(None, DCAT.byteSize)} == {XSD.nonNegativeInteger}


@needs_shapes
def test_without_publisher_settings_the_catalogue_lacks_only_what_they_give(ptce_build):
    page = pages(client_of(ptce_build.out))[0]
    assert {str(path) for _, path, _, _ in shacl_results(page, "shapes.ttl")} == {str(DCTERMS.publisher)}
    missing = {(str(path), str(severity)) for _, path, _, severity in shacl_results(page, "shapes_recommended.ttl")}
    assert missing == {(str(DCTERMS.publisher), str(SH.Warning)), (str(DCAT.contactPoint), str(SH.Warning)),
                       (str(DCTERMS.issued), str(SH.Warning))}


def test_every_format_says_the_same(ptce_build):
    """The same triples in every form, but for the page links, which keep the form asked for."""
    client = client_of(ptce_build.out, **PUBLISHER)

    def read(path: str, fmt: str) -> tuple[rdflib.Graph, str]:
        data = client.get(path).data
        graph = jsonld_graph(client, data) if fmt == "json-ld" else rdflib.Graph().parse(data=data, format=fmt)
        view = graph.value(predicate=RDF.type, object=HYDRA.PartialCollectionView)
        for triple in [t for t in graph if t[0] == view or t[2] == view]:
            graph.remove(triple)
        return graph, local(str(view))

    turtle, view = read("/catalog.ttl", "turtle")
    assert view == "/catalog.ttl?page=1"
    for path, fmt in (("/catalog.rdf", "xml"), ("/catalog.nt", "nt"), ("/catalog.jsonld", "json-ld"),
                      ("/catalog", "turtle")):
        graph, view = read(path, fmt)
        assert isomorphic(graph, turtle), path
        assert view == f"{path}?page=1"


# --- publisher and contact: from settings, never invented -----------------------------------------

def test_the_publisher_and_contact_are_those_of_the_settings(ptce_build):
    page = pages(client_of(ptce_build.out, **PUBLISHER))[0]
    catalog = page.value(predicate=RDF.type, object=DCAT.Catalog)
    publisher = page.value(catalog, DCTERMS.publisher)
    assert publisher == rdflib.URIRef(PUBLISHER["PUBLISHER_URI"])
    assert str(page.value(publisher, FOAF.name)) == PUBLISHER["PUBLISHER_NAME"]
    assert page.value(publisher, DCTERMS.type) == rdflib.URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
    assert str(page.value(catalog, DCTERMS.issued)) == "2024-05-01"
    for dataset in page.subjects(RDF.type, DCAT.Dataset):
        assert page.value(dataset, DCTERMS.publisher) == publisher
        contact = page.value(dataset, DCAT.contactPoint)
        assert (contact, RDF.type, VCARD.Kind) in page
        assert page.value(contact, VCARD.hasEmail) == rdflib.URIRef("mailto:registre@publisher.example.org")


def test_missing_settings_are_warned_at_start_and_left_out(ptce_build, caplog):
    with caplog.at_level(logging.WARNING):
        client = client_of(ptce_build.out, PUBLISHER_NAME="Réseau (synthetic)")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and "/catalog" in r.getMessage()]
    assert len(warnings) == 1
    for name in ("PUBLISHER_URI", "PUBLISHER_TYPE", "CONTACT_EMAIL", "CATALOG_ISSUED"):
        assert name in warnings[0]
    assert "PUBLISHER_NAME" not in warnings[0]
    page = pages(client)[0]
    assert list(page.subjects(RDF.type, VCARD.Kind)) == [] and "mailto:" not in page.serialize(format="nt")
    assert page.value(predicate=RDF.type, object=DCAT.Catalog, any=False) is not None
    assert list(page.objects(None, DCTERMS.issued)) == []

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        client_of(ptce_build.out, **PUBLISHER)
    assert not [r for r in caplog.records if "/catalog" in r.getMessage()]


@pytest.mark.parametrize("name,value", [("PUBLISHER_URI", "not a uri"), ("PUBLISHER_URI", "ftp://example.org/"),
                                        ("PUBLISHER_TYPE", "Charity"), ("CONTACT_EMAIL", "nobody"),
                                        ("CATALOG_ISSUED", "May 2024")])
def test_a_malformed_setting_stops_the_server_naming_it(ptce_build, name, value):
    with pytest.raises(ValueError, match=name):
        client_of(ptce_build.out, **{**PUBLISHER, name: value})


# --- dct:temporal from the data -----------------------------------------------------------------------

def test_temporal_is_the_span_of_the_dates_of_each_document(synthetic_build):
    page = pages(client_of(synthetic_build))[0]

    def span(dataset) -> tuple[str, str]:
        period = page.value(dataset, DCTERMS.temporal)
        assert (period, RDF.type, DCTERMS.PeriodOfTime) in page
        return str(page.value(period, DCAT.startDate)), str(page.value(period, DCAT.endDate))

    documents = sorted(d for d in page.subjects(RDF.type, DCAT.Dataset) if "/graph/document/" in d)
    assert len(documents) == 49  # and the registry's: 50 on the first page
    for document in documents:
        n = int(document.rpartition("-")[2])
        assert span(document) == (f"{founded(n)}-01-01", f"{founded(n)}-12-31"), document  # its pole's year
    registry = next(d for d in page.subjects(RDF.type, DCAT.Dataset) if d.endswith("catalog#dataset"))
    assert span(registry) == (f"{min(map(founded, range(SYNTHETIC_POLES)))}-01-01",
                              f"{max(map(founded, range(SYNTHETIC_POLES)))}-12-31")


def test_temporal_of_the_laureates_is_read_from_their_dates(ptce_build):
    """The earliest and latest dates stated in the laureates' graph (rdflib on the build's dump)."""
    dataset = rdflib.Dataset().parse(ptce_build.out / "registry.trig", format="trig")
    graph = dataset.graph(rdflib.URIRef(f"{ptce_build.base_uri}graph/document/ptce-laureats-2014"))
    dates = [o for o in graph.objects() if isinstance(o, rdflib.Literal) and o.datatype in (XSD.gYear, XSD.date, XSD.dateTime)]
    assert len(dates) >= 2
    page = pages(client_of(ptce_build.out))[0]
    period = page.value(rdflib.URIRef(f"{ptce_build.base_uri}graph/document/ptce-laureats-2014"), DCTERMS.temporal)
    # a year covers its whole year, a date its day, a dateTime the day it falls on
    first = min(f"{d}-01-01" if d.datatype == XSD.gYear else str(d)[:10] for d in dates)
    last = max(f"{d}-12-31" if d.datatype == XSD.gYear else str(d)[:10] for d in dates)
    assert (page.value(period, DCAT.startDate), page.value(period, DCAT.endDate)) == (
        rdflib.Literal(first, datatype=XSD.date), rdflib.Literal(last, datatype=XSD.date))


# --- dct:spatial from the data -------------------------------------------------------------------------

def test_spatial_is_the_box_around_the_placed_poles(synthetic_build):
    page = pages(client_of(synthetic_build))[0]
    features = json.loads((synthetic_build / "registry.geojson").read_text())["features"]
    points = [feature["geometry"]["coordinates"] for feature in features]
    assert len(points) == SYNTHETIC_POLES

    def box(dataset) -> tuple[float, float, float, float]:
        location = page.value(dataset, DCTERMS.spatial)
        assert (location, RDF.type, DCTERMS.Location) in page
        corners = str(page.value(location, DCAT.bbox)).removeprefix("POLYGON((").removesuffix("))").split(", ")
        xs, ys = zip(*(map(float, corner.split()) for corner in corners))
        return min(xs), min(ys), max(xs), max(ys)

    registry = next(d for d in page.subjects(RDF.type, DCAT.Dataset) if d.endswith("catalog#dataset"))
    assert box(registry) == (min(p[0] for p in points), min(p[1] for p in points),
                             max(p[0] for p in points), max(p[1] for p in points))
    for document in (d for d in page.subjects(RDF.type, DCAT.Dataset) if "/graph/document/" in d):
        # one pole each, at its town: the box of the town's département, around the pole
        town = str(page.value(document, DCTERMS.title)).rpartition("inauguré à ")[2]
        x, y = next(f["geometry"]["coordinates"] for f in features if f["properties"]["place"] == town)
        west, south, east, north = box(document)
        assert west < east and south < north, document
        assert west <= x <= east and south <= y <= north, document


# --- pages -------------------------------------------------------------------------------------------

def test_pages_of_50_datasets_link_to_each_other(synthetic_build):
    client = client_of(synthetic_build)
    found = pages(client, "/catalog.rdf", "xml")
    datasets = [set(page.subjects(RDF.type, DCAT.Dataset)) for page in found]
    assert [len(d) for d in datasets] == [50, SYNTHETIC_POLES + 1 - 50]
    assert not datasets[0] & datasets[1]
    info = json.loads((synthetic_build / "build-info.json").read_text())
    documents = {rdflib.URIRef(g) for g in info["graphs"] if "/graph/document/" in g}
    assert len(documents) == SYNTHETIC_POLES and datasets[0] | datasets[1] == documents | {
        rdflib.URIRef(f"{info['base_uri']}catalog#dataset")}
    first, second = (page.value(predicate=RDF.type, object=HYDRA.PartialCollectionView) for page in found)
    base = info["base_uri"]
    assert (found[0].value(first, HYDRA.first), found[0].value(first, HYDRA.next), found[0].value(first, HYDRA.last)) == (
        rdflib.URIRef(f"{base}catalog.rdf?page=1"), rdflib.URIRef(f"{base}catalog.rdf?page=2"),
        rdflib.URIRef(f"{base}catalog.rdf?page=2"))
    assert found[0].value(first, HYDRA.previous) is None and found[1].value(second, HYDRA.next) is None
    assert found[1].value(second, HYDRA.previous) == rdflib.URIRef(f"{base}catalog.rdf?page=1")
    catalog = found[1].value(predicate=RDF.type, object=DCAT.Catalog)
    assert int(found[1].value(catalog, HYDRA.totalItems)) == SYNTHETIC_POLES + 1
    assert set(found[1].objects(catalog, DCAT.dataset)) == datasets[1]


def test_a_page_that_is_not_there(synthetic_build):
    client = client_of(synthetic_build)
    assert client.get("/catalog.ttl?page=3").status_code == 404
    assert client.get("/catalog?page=3", headers={"Accept": "text/html"}).status_code == 404
    for bad in ("0", "-1", "two", "1.5", ""):
        assert client.get(f"/catalog?page={bad}").status_code == 400
    html = client.get("/catalog?page=2", headers={"Accept": "text/html"}).text
    assert 'href="/catalog" rel="prev"' in html or 'href="/catalog?page=1" rel="prev"' in html
    assert 'rel="next"' not in html and "/page/document/pole-synthetique-059" in html


@pytest.mark.slow
def test_a_harvester_reads_every_page_from_the_real_server(synthetic_build, port):
    """udata's way over HTTP: the format from a HEAD's Content-Type, then GET and hydra:next until
    the last page; and the server said at start which publisher settings it lacks."""
    with server_process({"DATA_DIR": synthetic_build}, port=port) as (url, process):
        head = urllib.request.urlopen(urllib.request.Request(url + "catalog", method="HEAD"), timeout=30)
        assert head.headers.get_content_type() == "text/turtle"
        found, page_url = [], url + "catalog"
        while page_url:
            with urllib.request.urlopen(page_url, timeout=30) as response:
                page = rdflib.Graph().parse(data=response.read(), format="turtle")
            found.append(page)
            view = page.value(predicate=RDF.type, object=HYDRA.PartialCollectionView)
            page_url = str(page.value(view, HYDRA.next) or "") or None
        identifiers = [page.value(d, DCTERMS.identifier) for page in found for d in page.subjects(RDF.type, DCAT.Dataset)]
        assert len(found) == 2 and len(identifiers) == len(set(identifiers)) == SYNTHETIC_POLES + 1
        process.terminate()
        process.wait(timeout=30)
        stderr = process.stderr.read().decode()
    assert "/catalog" in stderr and "PUBLISHER_NAME" in stderr and "CONTACT_EMAIL" in stderr
