"""Every build of the seeds gives the committed golden triples (tests/golden/seeds.nt): a change
of output is either a regression or a decision, taken in the commit that regenerates the file."""
from __future__ import annotations

from tests.golden.seeds import GOLDEN, golden_lines


def _grouped(lines: list[str], limit: int = 80) -> str:
    return "\n".join(lines[:limit]) + (f"\n... and {len(lines) - limit} more" if len(lines) > limit else "")


def test_seeds_build_matches_the_golden_triples(seeds_build):
    built = golden_lines(seeds_build.out, seeds_build.base_uri)
    golden = GOLDEN.read_text(encoding="utf-8").splitlines()
    missing = sorted(set(golden) - set(built))
    extra = sorted(set(built) - set(golden))
    assert not missing and not extra, (
        f"the seeds' triples differ from {GOLDEN.name} ({len(missing)} lost, {len(extra)} new); "
        "if the change is intended, run `python -m tests.golden.seeds` and commit the file\n"
        f"--- lost:\n{_grouped(missing)}\n+++ new:\n{_grouped(extra)}"
    )
