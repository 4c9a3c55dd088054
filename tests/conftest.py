"""Shared fixtures: one real build of the PTCE laureates document per test session.

`ptce_build` runs the whole pipeline (converter, linkers, SHACL, publishing) in-process on a folder
that holds a copy of data/fiches/ptce-laureats-2014.txt only (so the build is of that document
alone, whatever converters the other seeds get), with a copy of data/ids.tsv (never written back),
and loads what it wrote. Tests ask their questions in SPARQL, with the prefixes of
converters.vocab.PREFIXES, on the files a user would download: registry.ttl (public) and
private/private.trig (contact persons).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parent.parent

from converters.ids import IdTable
from converters.pipeline import DEFAULT_BASE_URI, BuildOutcome, build
from converters.vocab import PREFIXES

LAUREATES = ROOT / "data" / "fiches" / "ptce-laureats-2014.txt"
IDS_TABLE = ROOT / "data" / "ids.tsv"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
SPARQL_PREFIXES = "".join(
    f"PREFIX {prefix}: <{namespace}>\n"
    for prefix, namespace in sorted({**PREFIXES, "rdf": RDF_NS}.items())
)


def sparql(graph: Graph, query: str) -> list[dict[str, object]]:
    """Rows of a SELECT query (prefixes of converters.vocab added) as dicts of Python values.

    Literals become their Python value (str, int, Decimal, date...), URIs their string.
    """
    result = graph.query(SPARQL_PREFIXES + query)
    rows = []
    for row in result:
        rows.append({
            str(var): (None if value is None else value.toPython() if hasattr(value, "datatype") else str(value))
            for var, value in zip(result.vars, row)
        })
    return rows


def ask(graph: Graph, query: str) -> bool:
    return bool(graph.query(SPARQL_PREFIXES + query).askAnswer)


def values(graph: Graph, query: str) -> set:
    """The values of the one variable a SELECT query projects, as a set."""
    rows = sparql(graph, query)
    assert all(len(row) == 1 for row in rows), "values() wants a query that projects one variable"
    return {next(iter(row.values())) for row in rows}


@dataclass
class Build:
    """A finished build: its folder, its outcome and the graphs it published."""

    out: Path
    fiches: Path
    base_uri: str
    outcome: BuildOutcome | None = None

    @cached_property
    def graph(self) -> Graph:
        """registry.ttl: the public graphs merged (documents, reference data, ontology)."""
        return Graph().parse(self.out / "registry.ttl", format="turtle")

    @cached_property
    def private(self) -> Graph:
        """private/private.trig, its named graphs merged."""
        dataset = Dataset()
        dataset.parse(self.out / "private" / "private.trig", format="trig")
        merged = Graph()
        for graph in dataset.graphs():
            merged += graph
        return merged

    @cached_property
    def report(self) -> dict:
        return json.loads((self.out / "build-report.json").read_text(encoding="utf-8"))

    def document_report(self, name: str = LAUREATES.name) -> dict:
        found = [d for d in self.report["documents"] if Path(d["file"]).name == name]
        assert len(found) == 1, f"build-report.json has {len(found)} entries for {name}"
        return found[0]

    def warnings(self, name: str = LAUREATES.name) -> list[str]:
        return self.document_report(name)["warnings"]

    def select(self, query: str) -> list[dict[str, object]]:
        return sparql(self.graph, query)

    def ask(self, query: str) -> bool:
        return ask(self.graph, query)

    def values(self, query: str) -> set:
        return values(self.graph, query)


def copy_ids_table(directory: Path) -> Path:
    """A copy of the committed identifier table, so a build never writes data/ids.tsv."""
    target = directory / "ids.tsv"
    shutil.copyfile(IDS_TABLE, target)
    return target


@pytest.fixture(scope="session")
def ptce_build(tmp_path_factory) -> Build:
    """A real in-process build of a folder holding only the PTCE laureates document."""
    root = tmp_path_factory.mktemp("ptce-build")
    fiches = root / "fiches"
    fiches.mkdir()
    shutil.copyfile(LAUREATES, fiches / LAUREATES.name)
    out = root / "out"
    ids = IdTable(copy_ids_table(root))
    outcome = build(sorted(fiches.glob("*.txt")), out, DEFAULT_BASE_URI, ids)
    assert outcome.written, f"the build wrote nothing (exit code {outcome.exit_code}): {outcome.summary}"
    return Build(out=out, fiches=fiches, base_uri=DEFAULT_BASE_URI, outcome=outcome)


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Build:
    """A real in-process build of the five seeds of data/fiches (the registry `make serve` serves)."""
    root = tmp_path_factory.mktemp("seeds-build")
    out = root / "out"
    ids = IdTable(copy_ids_table(root))
    outcome = build(sorted((ROOT / "data" / "fiches").glob("*.txt")), out, DEFAULT_BASE_URI, ids)
    assert outcome.exit_code == 0, f"the build of the seeds failed (exit code {outcome.exit_code}): {outcome.summary}"
    return Build(out=out, fiches=ROOT / "data" / "fiches", base_uri=DEFAULT_BASE_URI, outcome=outcome)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    """The lines of the real document, as `cat -n` numbers them (index 0 is line 1)."""
    return LAUREATES.read_text(encoding="utf-8").split("\n")


# --- the command -----------------------------------------------------------------------------
# `essreg build` saves newly minted identifiers into converters.paths.IDS_TABLE, i.e. the working
# tree's data/ids.tsv, and has no option to point elsewhere. So that a test run never writes a
# committed file (nor races itself when builds run side by side), each command runs against a
# private copy of the project: PYTHONPATH puts the copy's packages before the editable install,
# and converters.paths then finds the ontology, shapes, reference data and ids.tsv of the copy.

PROJECT_PARTS = ("converters", "essreg", "ontology", "shapes", "data/reference", "data/curation", "data/links",
                 "data/ids.tsv")


def project_copy(directory: Path) -> Path:
    """A copy of what the `essreg` command reads from the project (code, ontology, shapes, data)."""
    for part in PROJECT_PARTS:
        source, target = ROOT / part, directory / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, target)
    return directory


def essreg_command() -> list[str]:
    """The installed `essreg` next to the running interpreter, else `python -m essreg.cli`."""
    script = Path(sys.executable).with_name("essreg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "essreg.cli"]


def essreg_environment(project: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a command run against `project`; ESSREG_BASE_URI unset unless `env` sets it."""
    environment = {k: v for k, v in os.environ.items() if k != "ESSREG_BASE_URI"}
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))
    environment.update(env or {})
    return environment


def run_essreg(*args: str | Path, project: Path, env: dict[str, str] | None = None, cwd: Path | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `essreg ARGS` in a subprocess against a project copy (see project_copy), in `cwd`."""
    return subprocess.run(
        [*essreg_command(), *map(str, args)], capture_output=True, text=True,
        env=essreg_environment(project, env), cwd=cwd or project, timeout=timeout,
    )


def line_numbers_containing(lines: list[str], text: str) -> list[int]:
    return [n for n, line in enumerate(lines, 1) if text in line]


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
