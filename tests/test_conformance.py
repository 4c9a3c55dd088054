"""The W3C SPARQL 1.1 Protocol and Service Description manifests, replayed against the app.

The manifests are third-party material: they are read from ../shared/conformance/ (or the folder
ESSREG_CONFORMANCE_DIR names), never copied into the repository; without them this module is
skipped, and says where it looked. Each test of a manifest is read with rdflib and becomes one
parametrized case: its HTTP requests are sent to /sparql through Flask's test client on a real
store holding the manifest's graph data (data1.nt... as the named graphs labelled with the
kasei.us IRIs), and the answers are checked as the manifest says (status class, results
format, ASK boolean).
"""
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph
import pytest
import rdflib
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection

from endpoint import create_app

# The W3C rdf-tests manifests, kept outside the repository (as Oxigraph keeps its W3C suites).
CONFORMANCE = Path(os.environ.get("ESSREG_CONFORMANCE_DIR")
                   or Path(__file__).resolve().parents[2] / "shared" / "conformance")
PROTOCOL = CONFORMANCE / "w3c-sparql11-protocol" / "manifest.ttl"
SERVICE_DESCRIPTION = CONFORMANCE / "w3c-sparql11-service-description" / "manifest.ttl"
_missing = [path for path in (PROTOCOL, SERVICE_DESCRIPTION) if not path.is_file()]
if _missing:
    pytest.skip(f"the W3C SPARQL conformance manifests are not there ({', '.join(map(str, _missing))}): "
                "put the suites in ../shared/conformance/ or name their folder with ESSREG_CONFORMANCE_DIR",
                allow_module_level=True)

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
STATUS = "http://www.w3.org/2011/http-statusCodes#StatusCode"

READ_ONLY = "an update: the public endpoint is read-only (updates are refused with 403, see the bad_update_* tests)"
IGNORED = {
    "update_dataset_default_graph": READ_ONLY,
    "update_dataset_default_graphs": READ_ONLY,
    "update_dataset_named_graphs": READ_ONLY,
    "update_dataset_full": READ_ONLY,
    "update_post_form": READ_ONLY,
    "update_post_direct": READ_ONLY,
    "update_base_uri": READ_ONLY,
}

BOOLEAN_FORMATS = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_FORMATS = BOOLEAN_FORMATS | {"text/csv", "text/tab-separated-values"}
RDF_FORMATS = {"application/rdf+xml", "text/turtle", "application/n-triples"}


def manifest_entries(path: Path):
    graph = rdflib.Graph().parse(path, format="turtle")
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    return graph, list(Collection(graph, graph.value(manifest, MF.entries)))


def protocol_cases():
    graph, entries = manifest_entries(PROTOCOL)
    for test in entries:
        name = test.split("#")[-1]
        marks = [pytest.mark.skip(reason=IGNORED[name])] if name in IGNORED else []
        yield pytest.param(graph, test, id=name, marks=marks)


# --- the store the manifest expects ------------------------------------------------------------

@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An app over a build directory whose store holds every graph any test of the manifest names."""
    directory = tmp_path_factory.mktemp("conformance-build")
    graph, entries = manifest_entries(PROTOCOL)
    graphs = {}
    for test in entries:
        for data in graph.objects(test, UT.graphData):
            graphs[str(graph.value(data, RDFS.label))] = Path(urlsplit(str(graph.value(data, UT.graph))).path)
    store = pyoxigraph.Store(str(directory / "store"))
    for name, path in sorted(graphs.items()):
        store.load(path=str(path), format=pyoxigraph.RdfFormat.N_TRIPLES, to_graph=pyoxigraph.NamedNode(name))
    store.flush()
    del store
    (directory / "build-info.json").write_text(json.dumps({
        "base_uri": "http://127.0.0.1:8000/", "id": "conformance", "built": "2024-05-01T12:00:00+00:00",
        "graphs": sorted(graphs)}))
    return create_app({"TESTING": True, "DATA_DIR": directory}).test_client()


# --- SPARQL 1.1 Protocol --------------------------------------------------------------------------

@pytest.mark.parametrize("graph,test", list(protocol_cases()))
def test_protocol(client, graph, test):
    action = graph.value(test, MF.action)
    for request in Collection(graph, graph.value(action, HT.requests)):
        response = send(client, graph, request)
        check(graph, graph.value(request, HT.resp), response)


def send(client, graph, request):
    path = str(graph.value(request, HT.absolutePath))
    assert path.startswith("/sparql/")
    headers = {}
    header_list = graph.value(request, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = graph.value(request, HT.body)
    data = None
    if body is not None:
        encoding = str(graph.value(body, CNT.characterEncoding) or "UTF-8")
        data = str(graph.value(body, CNT.chars)).encode(encoding)
    return client.open("/sparql" + path[len("/sparql/"):], method=str(graph.value(request, HT.methodName)),
                       data=data, headers=headers)


def check(graph, expected, response):
    statuses = {str(status)[len(STATUS):] for status in graph.objects(expected, MF.expectedStatus)}
    assert f"{response.status_code // 100}xx" in statuses, (response.status_code, response.text)
    expected_format = graph.value(expected, MF.expectedFormat)
    if expected_format is not None:
        allowed = {"boolean": BOOLEAN_FORMATS, "tabular": TABULAR_FORMATS, "RDF": RDF_FORMATS}[str(expected_format)]
        assert response.mimetype in allowed
        if str(expected_format) == "RDF":
            pyoxigraph.parse(response.data, format=pyoxigraph.RdfFormat.from_media_type(response.mimetype))
        else:
            results = pyoxigraph.parse_query_results(
                response.data, format=pyoxigraph.QueryResultsFormat.from_media_type(response.mimetype))
            expected_boolean = graph.value(expected, MF.expectedBoolean)
            if expected_boolean is not None:
                assert bool(results) is expected_boolean.toPython()


def test_every_protocol_test_is_replayed_or_ignored_with_a_reason():
    _, entries = manifest_entries(PROTOCOL)
    names = {test.split("#")[-1] for test in entries}
    assert set(IGNORED) <= names
    assert all(name.startswith("update_") for name in IGNORED)
    assert len(names) == 34


# --- SPARQL 1.1 Service Description ---------------------------------------------------------------

# The terms of the service-description vocabulary (https://www.w3.org/TR/sparql11-service-description/)
# and the classes the values of its properties belong to, as far as this endpoint uses them.
SD_CLASSES = {"Service", "Language", "Function", "Aggregate", "EntailmentRegime", "EntailmentProfile",
              "GraphCollection", "Dataset", "Graph", "NamedGraph", "Feature"}
SD_PROPERTIES = {"endpoint", "feature", "defaultEntailmentRegime", "defaultSupportedEntailmentProfile",
                 "supportedEntailmentProfile", "extensionFunction", "extensionAggregate", "languageExtension",
                 "supportedLanguage", "propertyFeature", "defaultDataset", "availableGraphs", "resultFormat",
                 "inputFormat", "entailmentRegime", "defaultGraph", "namedGraph", "name", "graph"}
SD_INSTANCES = {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update", "DereferencesURIs", "UnionDefaultGraph",
                "RequiresDataset", "EmptyGraphs", "BasicFederatedQuery"}
SD_FEATURES = {"DereferencesURIs", "UnionDefaultGraph", "RequiresDataset", "EmptyGraphs", "BasicFederatedQuery"}


def service_description_tests():
    graph, entries = manifest_entries(SERVICE_DESCRIPTION)
    return [test.split("#")[-1] for test in entries]


def describe(client, accept: str | None) -> rdflib.Graph:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.mimetype in RDF_FORMATS | {"application/ld+json"}
    fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt",
           "application/ld+json": "json-ld"}[response.mimetype]
    data = response.data
    if fmt == "json-ld":  # compacted with the server's published context: fetched from the server
        document = json.loads(data)
        document["@context"] = client.get("/context.jsonld").get_json()["@context"]
        data = json.dumps(document)
    return rdflib.Graph().parse(data=data, format=fmt)


@pytest.mark.parametrize("name", service_description_tests())
@pytest.mark.parametrize("accept", [None, "application/rdf+xml", "text/turtle", "application/ld+json"])
def test_service_description(client, name, accept):
    graph = describe(client, accept)
    services = list(graph.subjects(RDF.type, SD.Service))
    if name == "returns-rdf":
        assert len(graph) > 0
    elif name == "has-endpoint-triple":
        assert [str(endpoint) for service in services for endpoint in graph.objects(service, SD.endpoint)] \
            == ["http://localhost/sparql"]
    elif name == "conforms-to-schema":
        assert len(services) == 1
        conforms_to_schema(graph, services[0])
    else:
        pytest.fail(f"no check written for the service-description test {name}")


def conforms_to_schema(graph: rdflib.Graph, service) -> None:
    used = {term for triple in graph for term in triple if str(term).startswith(str(SD))}
    assert {str(term)[len(str(SD)):] for term in used} <= SD_CLASSES | SD_PROPERTIES | SD_INSTANCES
    languages = {str(language)[len(str(SD)):] for language in graph.objects(service, SD.supportedLanguage)}
    assert languages and languages <= {"SPARQL10Query", "SPARQL11Query", "SPARQL11Update"}
    assert "SPARQL11Update" not in languages  # read-only
    assert {str(feature)[len(str(SD)):] for feature in graph.objects(service, SD.feature)} <= SD_FEATURES
    assert all(isinstance(fmt, rdflib.URIRef) for fmt in graph.objects(service, SD.resultFormat))
    for dataset in graph.objects(service, SD.defaultDataset):
        assert (dataset, RDF.type, SD.Dataset) in graph
        for default_graph in graph.objects(dataset, SD.defaultGraph):
            assert (default_graph, RDF.type, SD.Graph) in graph
        named_graphs = list(graph.objects(dataset, SD.namedGraph))
        assert named_graphs
        for named_graph in named_graphs:
            assert (named_graph, RDF.type, SD.NamedGraph) in graph
            names = list(graph.objects(named_graph, SD.name))
            assert len(names) == 1 and isinstance(names[0], rdflib.URIRef)
