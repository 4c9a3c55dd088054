"""The build's dumps are written by Oxigraph's serialisers and a subject-by-subject JSON-LD writer
(converters/publish.py, converters/jsonld_dump.py, converters/oxigraph_terms.py): each gives the
RDF that rdflib's own serialisers gave, blank nodes, lists and datatypes included. The data here
is synthetic, written for these tests."""
from __future__ import annotations

import gzip
import json

import pyoxigraph
import rdflib
from rdflib.compare import isomorphic

from converters.jsonld_dump import write_jsonld
from converters.publish import jsonld_context, sorted_ntriples, write_build

BASE = "http://example.org/synthetic/"
TRIG = f"""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ess: <https://w3id.org/ess-poles/def#> .

<{BASE}graph/ontology> {{
  ess:Pole a owl:Class ; rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ess:figure ; owl:minCardinality 0 ] .
  ess:Thing owl:unionOf ( ess:Pole ess:Figure ) .
  [] a owl:AllDisjointClasses ; owl:members ( ess:Pole ess:Figure ) .
}}
<{BASE}graph/document/synthetic-a> {{
  <{BASE}id/pole/a> a ess:Pole ; skos:prefLabel "Pôle synthétique \\"A\\""@fr ;
      ess:lineNumber "7"^^xsd:positiveInteger , "0012"^^xsd:integer ; ess:ratio 1.50 ; ess:note "deux\\nlignes" .
  <{BASE}id/pole/shared> skos:prefLabel "Partagé"@fr .
}}
<{BASE}graph/document/synthetic-b> {{
  <{BASE}id/pole/shared> skos:prefLabel "Partagé"@fr ; skos:altLabel "Commun"@fr .
}}
<{BASE}graph/private> {{ <{BASE}id/pole/a> skos:note "Jeanne Synthétique, 06 00 00 00 00" . }}
"""


def _dataset() -> rdflib.Dataset:
    return rdflib.Dataset().parse(data=TRIG, format="trig")


def _merged(dataset: rdflib.Dataset) -> rdflib.Graph:
    merged = rdflib.Graph()
    for graph in dataset.graphs():
        if str(graph.identifier).startswith(BASE + "graph/") and not str(graph.identifier).endswith("private"):
            merged += graph
    return merged


def test_sorted_ntriples_equals_the_canonical_form_of_the_whole_graph():
    """Canonicalising only the triples with blank nodes gives the labels RDFC-1.0 gives the whole graph."""
    merged = _merged(_dataset())
    whole = pyoxigraph.Dataset(pyoxigraph.parse(merged.serialize(format="nt", encoding="utf-8"),
                                                format=pyoxigraph.RdfFormat.N_TRIPLES))
    whole.canonicalize(pyoxigraph.CanonicalizationAlgorithm.RDFC_1_0)
    expected = sorted({line for line in pyoxigraph.serialize(whole, format=pyoxigraph.RdfFormat.N_QUADS)
                       .decode().splitlines() if line.strip()})
    assert sorted_ntriples(merged).decode().splitlines() == expected
    assert any("_:c14n" in line for line in expected)  # the test has blank nodes to label


def test_the_jsonld_dump_has_the_nodes_rdflibs_serialiser_gives(tmp_path):
    merged = _merged(_dataset())
    context = jsonld_context()
    write_jsonld(tmp_path / "registry.jsonld", merged, context, BASE + "context.jsonld")
    written = json.loads((tmp_path / "registry.jsonld").read_text(encoding="utf-8"))
    assert written["@context"] == BASE + "context.jsonld"
    whole = json.loads(merged.serialize(format="json-ld", context=context, auto_compact=True))
    as_set = lambda nodes: sorted(json.dumps(node, sort_keys=True, ensure_ascii=False) for node in nodes)  # noqa: E731
    assert as_set(written["@graph"]) == as_set(whole["@graph"])
    written["@context"] = context
    assert isomorphic(rdflib.Graph().parse(data=json.dumps(written), format="json-ld"), merged)


def test_the_dumps_keep_every_term_as_written(tmp_path):
    """Oxigraph's store keeps "7"^^xsd:positiveInteger as an xsd:integer 7: no dump is written from it."""
    dataset = _dataset()
    public = [rdflib.URIRef(f"{BASE}graph/{name}") for name in ("document/synthetic-a", "document/synthetic-b", "ontology")]
    built = write_build(tmp_path, dataset, public, [rdflib.URIRef(f"{BASE}graph/private")], {}, {"base_uri": BASE})
    merged = _merged(dataset)
    assert isomorphic(rdflib.Graph().parse(built / "registry.ttl", format="turtle"), merged)
    assert isomorphic(rdflib.Graph().parse(data=gzip.decompress((built / "registry.nt.gz").read_bytes()), format="nt"),
                      merged)
    trig = rdflib.Dataset().parse(built / "registry.trig", format="trig")
    for name in public:
        assert isomorphic(trig.graph(name), dataset.graph(name)), name
        dump = built / f"graph/{str(name)[len(BASE + 'graph/'):]}.ttl"
        assert isomorphic(rdflib.Graph().parse(dump, format="turtle"), dataset.graph(name)), name
    assert "Jeanne" not in (built / "registry.trig").read_text(encoding="utf-8")
    private = rdflib.Dataset().parse(built / "private" / "private.trig", format="trig")
    assert isomorphic(private.graph(rdflib.URIRef(f"{BASE}graph/private")), dataset.graph(rdflib.URIRef(f"{BASE}graph/private")))
    text = (built / "registry.ttl").read_text(encoding="utf-8")
    assert '"7"^^xsd:positiveInteger' in text and "ess:ratio 1.50" in text and "@prefix skos:" in text
    assert text.count(f"<{BASE}id/pole/a> ") == 1  # a subject's triples together, the subject written once
    info = json.loads((built / "build-info.json").read_text(encoding="utf-8"))
    assert info["triples"] == len(merged)
