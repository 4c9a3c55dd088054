"""JSON-LD compacted with the registry's published context, `{base}context.jsonld`.

The context maps the prefixes of the project's vocabularies (endpoint.vocabulary.PREFIXES, or
the build's own context.jsonld) to their namespaces, so a pole reads `"@type": "ess:PTCE"`,
`"skos:prefLabel": {...}`. Documents name the context by its URL, which any JSON-LD processor
fetches; compaction itself is rdflib's.
"""
import json
from collections.abc import Iterable, Mapping

import pyoxigraph
import rdflib

from .vocabulary import PREFIXES

CONTEXT_PATH = "context.jsonld"


def default_context() -> dict:
    return {prefix: namespace for prefix, namespace in PREFIXES.items()}


def context_document(context: Mapping[str, object]) -> bytes:
    """The document published at {base}context.jsonld."""
    return json.dumps({"@context": dict(context)}, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def compact(triples: Iterable[pyoxigraph.Triple], context: Mapping[str, object], context_url: str) -> bytes:
    """The triples as compacted JSON-LD whose @context is `context_url` (that publishes `context`)."""
    ntriples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph().parse(data=ntriples, format="nt")
    document = json.loads(graph.serialize(format="json-ld", context=dict(context), auto_compact=True))
    if "@graph" not in document and len(document) == 1:  # no triples: only the context
        document["@graph"] = []
    document["@context"] = context_url
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
