"""The chunks of converters.validation.validate_in_chunks on a real registry (the build of the five
seeds of data/fiches): every triple of every graph in exactly one chunk, a graph larger than a chunk
cut so that each subject's triples stay together."""
from __future__ import annotations

from collections import Counter

import pytest

from converters.ids import Uris
from converters.pipeline import DEFAULT_BASE_URI
from converters.validation import _chunks, _parts

pytestmark = pytest.mark.slow

LIMIT = 500


def _graphs(build):
    dataset, public = build.outcome.dataset, build.outcome.public
    return [dataset.graph(name) for name in public if name != Uris(DEFAULT_BASE_URI).graph("ontology")]


def test_a_graph_larger_than_a_chunk_is_cut_by_subject(seeds_build):
    large = [g for g in _graphs(seeds_build) if len(g) > LIMIT]
    assert len(large) >= 2  # the reference data and documents of the seeds
    for graph in large:
        parts = list(_parts(graph, LIMIT))
        assert len(parts) >= 2 and sorted(t for p in parts for t in p) == sorted(graph)
        subjects = [{s for s, _, _ in part} for part in parts]
        assert sum(len(s) for s in subjects) == len(set().union(*subjects))  # no subject in two parts
        assert all(len(part) <= LIMIT or len(s) == 1 for part, s in zip(parts, subjects))
    graph = large[0]
    assert list(_parts(graph, len(graph))) == [graph]  # a graph that fits is not copied


def test_the_chunks_hold_every_triple_of_every_graph_once(seeds_build):
    graphs = _graphs(seeds_build)
    chunks = _chunks(graphs, LIMIT)
    # a triple two graphs state comes once from each
    assert Counter(t for chunk in chunks for part in chunk for t in part) == Counter(t for g in graphs for t in g)
    assert all(sum(len(part) for part in chunk) <= LIMIT or len(chunk) == 1 for chunk in chunks)
