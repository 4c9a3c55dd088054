"""converters.publish.PublicGraphs: the union of a build's public graphs, read in place from its
Dataset, which validation and publication read instead of a merged copy. Checked on the real build of
the five seeds of data/fiches, whose private graph holds triples of its own and triples a public
graph holds too."""
from __future__ import annotations

import pytest

from converters.ids import Uris
from converters.pipeline import DEFAULT_BASE_URI
from converters.publish import PublicGraphs
from converters.validation import validate
from converters.vocab import ESS
from test_synthetic_registry import _merged

pytestmark = pytest.mark.slow


def test_the_union_holds_each_public_triple_once_and_nothing_only_the_private_graph_holds(seeds_build):
    outcome = seeds_build.outcome
    merged, union = _merged(outcome), PublicGraphs(outcome.dataset, outcome.public)
    triples = list(union)
    assert len(triples) == len(set(triples)) == len(union) == len(merged)
    assert set(triples) == set(merged)
    private = outcome.dataset.graph(Uris(DEFAULT_BASE_URI).graph("private"))
    private_only = [t for t in private if t not in merged]
    shared = [t for t in private if t in merged]
    assert private_only and shared  # the seeds have both kinds: the check below means something
    assert not any(t in union for t in private_only) and all(t in union for t in shared)
    # a lookup by subject or by object sees what the merged copy sees
    subject = private_only[0][0]
    assert set(union.triples((subject, None, None))) == set(merged.triples((subject, None, None)))
    line = next(merged.objects(None, ESS.sourceLine))
    assert set(union.subjects(None, line)) == set(merged.subjects(None, line))


def test_validation_of_the_union_reports_what_validation_of_the_merged_copy_reports(seeds_build):
    outcome = seeds_build.outcome
    merged, union = _merged(outcome), PublicGraphs(outcome.dataset, outcome.public)
    assert [str(r) for r in validate(union).results] == [str(r) for r in validate(merged).results]
