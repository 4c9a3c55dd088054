"""Incremental builds (issue 9, item 5): `essreg build` keeps each document's conversion in
OUT/conversion-cache/ and reads again only the documents that changed; the result is the same as
a build that reads every document, byte for byte. The documents are synthetic (tests/data/generic/)."""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from conftest import project_copy, run_essreg
from converters.conversion_cache import ConversionCache, converter_version
from converters.pipeline import convert_file

pytestmark = pytest.mark.slow

GENERIC = Path(__file__).parent / "data" / "generic"
DOCUMENTS = ("article-presse.txt", "liste-laureats.txt", "tiers-lieu.txt")


def _build(project: Path, out: str, *options: str):
    result = run_essreg("build", "--fiches", "fiches", "--out", out, "--ids", "ids.tsv", *options, project=project)
    assert result.returncode == 0, result.stderr
    return result.stderr


def _dumps(out: Path) -> dict[str, bytes]:
    """Every N-Triples dump of the current build, decompressed."""
    current = out / "current"
    return {str(p.relative_to(current)): gzip.decompress(p.read_bytes()) for p in sorted(current.rglob("*.nt.gz"))}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = project_copy(tmp_path_factory.mktemp("incremental"))
    (project / "fiches").mkdir()
    for name in DOCUMENTS:
        shutil.copyfile(GENERIC / name, project / "fiches" / name)
    return project


def test_a_rebuild_reads_only_the_changed_document_and_equals_a_full_build(project):
    first = _build(project, "out")
    assert "0 document(s) unchanged since an earlier build (conversion reused), 3 read" in first
    assert len(list((project / "out" / "conversion-cache").glob("*.pickle"))) == 3

    changed = project / "fiches" / "liste-laureats.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Garonne Solidaire", "Garonne Partagée"),
                       encoding="utf-8")
    second = _build(project, "out")
    assert "2 document(s) unchanged since an earlier build (conversion reused), 1 read" in second
    assert [line for line in second.splitlines() if "essreg: converting" in line] == \
        ["essreg: converting fiches/liste-laureats.txt"]
    # the entry of the document as it was is gone: one entry per current document
    assert len(list((project / "out" / "conversion-cache").glob("*.pickle"))) == 3

    # the same documents, every one read again, with the identifiers the incremental build minted
    shutil.copyfile(project / "ids.tsv", project / "ids-full.tsv")
    full = run_essreg("build", "--fiches", "fiches", "--out", "full", "--ids", "ids-full.tsv", "--no-conversion-cache",
                      project=project)
    assert full.returncode == 0, full.stderr
    assert "conversion reused" not in full.stderr
    assert not (project / "full" / "conversion-cache").exists()
    incremental, everything = _dumps(project / "out"), _dumps(project / "full")
    assert b"Garonne Partag" in incremental["registry.nt.gz"]
    assert incremental == everything


def test_a_damaged_cache_entry_is_read_again_and_replaced(project, tmp_path):
    cache = ConversionCache(tmp_path / "cache")
    path = project / "fiches" / "tiers-lieu.txt"
    document, key = cache.get(path)
    assert document is None and cache.misses == 1
    cache.put(key, convert_file(path))
    (tmp_path / "cache" / f"{key}.pickle").write_bytes(b"\x80\x05 truncated")
    said = []
    again = ConversionCache(tmp_path / "cache", version=cache.version, progress=said.append)
    document, _ = again.get(path)
    assert document is None and again.misses == 1
    assert said and "unreadable cached conversion" in said[0] and str(path) in said[0]


def test_the_converters_version_changes_with_their_code_and_data(tmp_path):
    code, data = tmp_path / "converters", tmp_path / "reference"
    code.mkdir()
    data.mkdir()
    (code / "rule.py").write_text("PATTERN = 'a'\n", encoding="utf-8")
    (data / "table.csv").write_text("code,name\n", encoding="utf-8")
    roots = (code, data)
    before = converter_version(roots)
    assert converter_version(roots) == before
    (data / "table.csv").write_text("code,name\n75056,Paris\n", encoding="utf-8")
    after_data = converter_version(roots)
    (code / "rule.py").write_text("PATTERN = 'b'\n", encoding="utf-8")
    assert len({before, after_data, converter_version(roots)}) == 3
