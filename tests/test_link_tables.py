"""A damaged committed link table (data/links/*.tsv, a hand edit or a bad merge) stops `essreg
build` and `essreg convert` as bad input: exit code 2, the file and line named, the current build
left in place. (The row checks themselves: tests/test_enrichment.py.)"""
from __future__ import annotations

import shutil

from conftest import project_copy, run_essreg
from converters.paths import FICHES_DIR

FICHE = "poles-noe-saclay.txt"  # a seed document of data/fiches


def _project(tmp_path):
    project = project_copy(tmp_path / "project")
    (project / "fiches").mkdir()
    shutil.copyfile(FICHES_DIR / FICHE, project / "fiches" / FICHE)
    return project


def test_a_damaged_link_table_stops_the_build_and_keeps_the_current_one(tmp_path):
    project = _project(tmp_path)
    args = ("build", "--fiches", "fiches", "--out", "out", "--ids", "ids.tsv")
    first = run_essreg(*args, project=project)
    assert first.returncode == 0, first.stderr
    current = (project / "out" / "current").resolve()
    table = project / "data" / "links" / "wikidata.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join(lines + ["commune\t91471\thttps://www.wikidata.org/wiki/Q1"]) + "\n", encoding="utf-8")
    damaged = run_essreg(*args, project=project)
    assert damaged.returncode == 2
    assert f"{table}:{len(lines) + 1}: item 'https://www.wikidata.org/wiki/Q1' is not a Wikidata item IRI" in damaged.stderr
    assert "Traceback" not in damaged.stderr
    assert (project / "out" / "current").resolve() == current


def test_a_damaged_link_table_stops_a_conversion(tmp_path):
    project = _project(tmp_path)
    table = project / "data" / "links" / "insee-uris.tsv"
    lines = table.read_text(encoding="utf-8").splitlines()
    table.write_text("\n".join(lines + ["commune\t91471\thttp://id.insee.fr/geo/commune/x\t2019-01-01\tformer\t"]) + "\n",
                     encoding="utf-8")
    result = run_essreg("convert", f"fiches/{FICHE}", "-o", "out.ttl", project=project)
    assert result.returncode == 2
    assert f"{table}:{len(lines) + 1}: a former version needs its successor's IRI" in result.stderr
    assert not (project / "out.ttl").exists()
