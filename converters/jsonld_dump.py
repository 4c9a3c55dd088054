"""registry.jsonld: the merged registry as JSON-LD compacted with the registry's context, written
one subject at a time.

Compaction is rdflib's (its JSON-LD serialiser's `Converter`, the one `essreg serve` uses for a
resource's document), but its serialiser builds the JSON tree of the whole graph, and then the
text of it, before writing a byte: gigabytes for a million triples. Here each subject's node (and
the nodes of the blank nodes it refers to, as the serialiser lists them) is made, written and
dropped before the next; the document is the one rdflib would give, `{"@context": ..., "@graph": [...]}`.
"""
from __future__ import annotations

import json
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context


class _Nodes(dict):
    """The node map of one subject, which also knows the blank nodes already written: rdflib's
    converter makes a node once for each key it does not hold."""

    def __init__(self, written: set):
        super().__init__()
        self.written = written

    def __contains__(self, key) -> bool:
        return dict.__contains__(self, key) or key in self.written


def write_jsonld(path: Path, graph: Graph, context: dict[str, str], context_url: str) -> None:
    """Write `graph` to `path` as {"@context": context_url, "@graph": [nodes]}, compacted with
    `context` (the document published at context_url)."""
    converter = Converter(Context(dict(context)), use_native_types=False, use_rdf_type=False)
    written_blank: set = set()
    first = True
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{\n "@context": ' + json.dumps(context_url) + ',\n "@graph": [')
        for subject in graph.subjects(unique=True):
            # as rdflib's Converter.from_graph: IRIs, and the blank nodes nothing refers to (the
            # others are listed with the nodes that refer to them)
            if not (isinstance(subject, URIRef) or (isinstance(subject, BNode) and not any(graph.subjects(None, subject)))):
                continue
            nodes = _Nodes(written_blank)
            converter.process_subject(graph, subject, nodes)
            for key, node in nodes.items():
                handle.write(("\n  " if first else ",\n  ") + json.dumps(node, indent=1, ensure_ascii=False).replace("\n", "\n  "))
                first = False
                if key.startswith("_:"):
                    written_blank.add(key)
        handle.write("\n ]\n}\n")
