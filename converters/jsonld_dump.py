"""registry.jsonld: the merged registry as JSON-LD compacted with the registry's context, written
a batch of subjects at a time.

Compaction is rdflib's (its JSON-LD serialiser's `Converter`, the one `essreg serve` uses for a
resource's document), but rdflib holding a million triples and then the whole JSON tree of them
takes gigabytes: the triples come from an Oxigraph dataset grouped by subject, and each batch of
subjects is compacted and written before the next is read. A subject's node has all its triples,
as from the whole graph. Blank nodes (OWL axioms, RDF lists) are only embedded or listed right
when their referrers are in the same graph: every subject that is a blank node or refers to one
is put in one first batch.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
import rdflib
from rdflib.plugins.serializers.jsonld import Converter
from rdflib.plugins.shared.jsonld.context import Context

BATCH_TRIPLES = 50_000


def write_jsonld(path: Path, quads: Iterable[pyoxigraph.Quad], context: dict[str, str], context_url: str,
                 batch_triples: int = BATCH_TRIPLES) -> None:
    """Write `quads` (of one graph, grouped by subject, as a pyoxigraph.Dataset gives them) to `path` as
    {"@context": context_url, "@graph": [nodes]}, compacted with `context` (published at context_url)."""
    converter = Converter(Context(dict(context)), use_native_types=False, use_rdf_type=False)
    blank: list[pyoxigraph.Triple] = []  # the triples of subjects that are or name blank nodes
    first = True
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{\n "@context": ' + json.dumps(context_url) + ',\n "@graph": [')

        def write(triples: list) -> None:
            nonlocal first
            if not triples:
                return
            graph = rdflib.Graph().parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES),
                                         format="nt")
            for node in converter.from_graph(graph):
                handle.write(("\n  " if first else ",\n  ") +
                             json.dumps(node, indent=1, ensure_ascii=False).replace("\n", "\n  "))
                first = False

        batch: list[pyoxigraph.Triple] = []
        subject, triples = None, []
        for quad in quads:
            if quad.subject != subject:
                _add(subject_triples=triples, batch=batch, blank=blank)
                if len(batch) >= batch_triples:
                    write(batch)
                    batch = []
                subject, triples = quad.subject, []
            triples.append(quad.triple)
        _add(subject_triples=triples, batch=batch, blank=blank)
        write(batch)
        write(blank)
        handle.write("\n ]\n}\n")


def _add(subject_triples: list, batch: list, blank: list) -> None:
    if subject_triples and (isinstance(subject_triples[0].subject, pyoxigraph.BlankNode)
                            or any(isinstance(t.object, pyoxigraph.BlankNode) for t in subject_triples)):
        blank.extend(subject_triples)
    else:
        batch.extend(subject_triples)
