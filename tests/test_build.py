"""`essreg build`, `convert` and `validate` as a user runs them: real subprocesses on real files.

The slow commands run once per module, side by side (fixture `cli_runs`): builds with the default
base URI, with `--base-uri`, with `ESSREG_BASE_URI` and with `--keep-going` past a bad file, all on
a copy of the PTCE laureates document, plus `essreg convert` and two `essreg validate`.
The in-process build of conftest.ptce_build is the "other" build of the determinism test, so the
two builds compared ran in different processes (different hash seeds, different blank-node ids).

Every command runs against a private copy of the project (conftest.project_copy): a build saves
the identifiers it mints into data/ids.tsv, and a test run must not write the working tree.
"""
from __future__ import annotations

import difflib
import gzip
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import (
    LAUREATES, ROOT, SPARQL_PREFIXES, Build, essreg_command, essreg_environment, project_copy, run_essreg,
    values,
)

DEFAULT_BASE = "http://127.0.0.1:8000/"
EXAMPLE_BASE = "https://example.org/ess/"
ONTOLOGY_NS = "https://w3id.org/ess-poles/def"
PUBLIC_DUMPS = ("registry.ttl", "registry.trig", "registry.nt.gz")
LATIN1_LINE = 3
GAP_CODE = 'igeo:codeINSEE "05061"'


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    written: Path | None = None  # the -o file of `essreg convert`

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def explain(self) -> str:
        return f"essreg {' '.join(self.args)} -> {self.returncode}\n--- stderr:\n{self.stderr[-3000:]}"


@dataclass
class CliBuild(Build):
    run: Run | None = None


def fiches_folder(directory: Path, *extra: tuple[str, bytes]) -> Path:
    """A folder holding a copy of the PTCE laureates document and the `extra` (name, bytes) files."""
    directory.mkdir(parents=True)
    shutil.copyfile(LAUREATES, directory / LAUREATES.name)
    for name, data in extra:
        (directory / name).write_bytes(data)
    return directory


def latin1_document() -> bytes:
    """A fiche whose line 3 was saved in Latin-1: "é" is the lone byte 0xe9 there."""
    return ("Provence-Alpes-Côte d'Azur\n\n".encode("utf-8")
            + "Comité d'expansion 99\n".encode("latin-1")
            + "\nThématique: éco-construction\n".encode("utf-8"))


def prose_document() -> bytes:
    return ("Il faisait beau ce matin-là. Nous avons marché longtemps le long de la rivière,\n"
            "sans rien dire, en regardant passer les nuages au-dessus des collines.\n\n"
            "Le soir venu, chacun est rentré chez soi.\n").encode("utf-8")


def ntriples(out: Path) -> str:
    return gzip.decompress((out / "registry.nt.gz").read_bytes()).decode("utf-8")


def iris(text: str) -> set[str]:
    return set(re.findall(r"<([^<>\s]+)>", text))


def first_differences(a: str, b: str, limit: int = 12) -> str:
    diff = [line for line in difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return "\n".join(diff[:limit]) + (f"\n... {len(diff) - limit} more" if len(diff) > limit else "")


@pytest.fixture(scope="module")
def cli_runs(ptce_build, tmp_path_factory) -> dict[str, CliBuild | Run]:
    """Every slow command of this module, run side by side: four builds, one convert, two validates.

    The validates check the registry.ttl of conftest.ptce_build (as is, and with Gap's code cut to
    4 digits), so they need not wait for these builds.
    """
    root = tmp_path_factory.mktemp("cli-runs")
    plans: dict[str, tuple[list[str], dict[str, str], Path | None, Path | None]] = {}

    def plan(name, args, env=None, fiches=None):
        out = None
        if fiches is not None:
            out = root / name / "out"
            args = ["build", "--fiches", str(fiches), "--out", str(out), *args]
        plans[name] = (args, env or {}, out, fiches)

    plan("default", [], fiches=fiches_folder(root / "default" / "fiches"))
    plan("option", ["--base-uri", EXAMPLE_BASE], fiches=fiches_folder(root / "option" / "fiches"))
    plan("env", [], {"ESSREG_BASE_URI": EXAMPLE_BASE}, fiches=fiches_folder(root / "env" / "fiches"))
    # "00-" sorts first: the bad file fails before the good one is converted.
    plan("keep-going", ["--keep-going"],
         fiches=fiches_folder(root / "keep-going" / "fiches", ("00-latin1.txt", latin1_document())))
    converted = root / "convert" / "laureates.ttl"
    converted.parent.mkdir()
    plan("convert", ["convert", str(LAUREATES.relative_to(ROOT)), "-o", str(converted)])
    plan("validate", ["validate", str(ptce_build.out / "registry.ttl")])
    text = (ptce_build.out / "registry.ttl").read_text(encoding="utf-8")
    assert text.count(GAP_CODE) == 1, f"registry.ttl should state {GAP_CODE} once"
    broken = root / "validate" / "four-digit-commune-code.ttl"
    broken.parent.mkdir()
    broken.write_text(text.replace(GAP_CODE, GAP_CODE.replace('"05061"', '"5061"')), encoding="utf-8")
    plan("validate-broken", ["validate", str(broken)])

    processes = {}
    for name, (args, env, _, _) in plans.items():
        # Each its own project copy: builds save minted identifiers into the copy's data/ids.tsv.
        project = project_copy(root / name / "project")
        processes[name] = subprocess.Popen([*essreg_command(), *args], cwd=ROOT, text=True,
                                           env=essreg_environment(project, env),
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    results: dict[str, CliBuild | Run] = {}
    for name, process in processes.items():
        stdout, stderr = process.communicate(timeout=300)
        args, env, out, fiches = plans[name]
        run = Run(args, process.returncode, stdout, stderr)
        if out is None:
            run.written = converted if name == "convert" else None
            results[name] = run
        else:
            base = env.get("ESSREG_BASE_URI") or (EXAMPLE_BASE if "--base-uri" in args else DEFAULT_BASE)
            results[name] = CliBuild(out=out, fiches=fiches, base_uri=base, run=run)
    return results


@pytest.fixture(scope="module")
def default_build(cli_runs) -> CliBuild:
    build = cli_runs["default"]
    assert build.run.returncode == 0, build.run.explain()
    return build


@pytest.fixture(scope="module")
def example_builds(cli_runs) -> dict[str, CliBuild]:
    for name in ("option", "env"):
        assert cli_runs[name].run.returncode == 0, cli_runs[name].run.explain()
    return {"--base-uri": cli_runs["option"], "ESSREG_BASE_URI": cli_runs["env"]}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project copy for the quick commands (see conftest.project_copy)."""
    return project_copy(tmp_path_factory.mktemp("project"))


@pytest.fixture
def previous_build(default_build, tmp_path) -> Path:
    """An OUT folder holding a complete earlier build, for a failing build to leave alone."""
    out = tmp_path / "out"
    shutil.copytree(default_build.out, out)
    return out


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in (*PUBLIC_DUMPS, "build-info.json")}


# --- reproducible builds -----------------------------------------------------------------------

def test_two_builds_of_the_same_input_give_byte_identical_ntriples_dumps(ptce_build, default_build):
    # ptce_build ran in the pytest process, default_build in a subprocess: same input, same ids.
    first, second = (b.out / "registry.nt.gz" for b in (ptce_build, default_build))
    assert first.read_bytes() == second.read_bytes(), first_differences(ntriples(ptce_build.out),
                                                                        ntriples(default_build.out))


def test_base_uri_option_and_environment_variable_give_byte_identical_dumps(example_builds):
    option, env = example_builds["--base-uri"], example_builds["ESSREG_BASE_URI"]
    assert (option.out / "registry.nt.gz").read_bytes() == (env.out / "registry.nt.gz").read_bytes(), \
        first_differences(ntriples(option.out), ntriples(env.out))


def test_nt_gz_dump_is_sorted_ntriples_with_a_zero_gzip_mtime(default_build):
    data = (default_build.out / "registry.nt.gz").read_bytes()
    assert data[4:8] == b"\0\0\0\0"  # gzip header MTIME
    lines = ntriples(default_build.out).splitlines()
    assert lines == sorted(lines)


# --- the base URI -------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["--base-uri", "ESSREG_BASE_URI"])
def test_base_uri_moves_every_data_uri(how, example_builds, default_build):
    build = example_builds[how]
    for name in (*PUBLIC_DUMPS, "private/private.trig"):
        path = build.out / name
        text = gzip.decompress(path.read_bytes()).decode("utf-8") if name.endswith(".gz") else path.read_text("utf-8")
        assert DEFAULT_BASE not in text, f"{name} still holds {DEFAULT_BASE}"
    before, after = iris(ntriples(default_build.out)), iris(ntriples(build.out))
    moved = {iri.replace(DEFAULT_BASE, EXAMPLE_BASE, 1) if iri.startswith(DEFAULT_BASE) else iri for iri in before}
    assert sorted(moved ^ after)[:20] == []
    assert len([iri for iri in after if iri.startswith(EXAMPLE_BASE + "id/")]) > 1000


@pytest.mark.parametrize("how", ["--base-uri", "ESSREG_BASE_URI"])
def test_base_uri_leaves_the_ontology_iris_unchanged(how, example_builds, default_build):
    before = {iri for iri in iris(ntriples(default_build.out)) if iri.startswith(ONTOLOGY_NS)}
    after = {iri for iri in iris(ntriples(example_builds[how].out)) if iri.startswith(ONTOLOGY_NS)}
    assert f"{ONTOLOGY_NS}#PTCE" in after
    assert before == after


# --- bad input ---------------------------------------------------------------------------------

def test_convert_of_a_missing_file_names_it_and_writes_nothing(project, tmp_path):
    missing = tmp_path / "no-such-fiche.txt"
    output = tmp_path / "previous.ttl"
    output.write_text("# an earlier conversion\n", encoding="utf-8")
    result = run_essreg("convert", missing, "-o", output, project=project)
    assert result.returncode != 0
    assert str(missing) in result.stderr
    assert output.read_text(encoding="utf-8") == "# an earlier conversion\n"


BAD_DOCUMENTS = {
    "non-utf8": ("latin1.txt", latin1_document),
    "empty": ("empty.txt", lambda: b""),
    "nothing-recognisable": ("prose.txt", prose_document),
}


@pytest.mark.parametrize("kind", BAD_DOCUMENTS)
def test_build_of_bad_input_names_the_file_and_keeps_the_previous_build(kind, previous_build, project, tmp_path):
    name, content = BAD_DOCUMENTS[kind]
    fiches = tmp_path / "fiches"
    fiches.mkdir()
    bad = fiches / name
    bad.write_bytes(content())
    before = snapshot(previous_build)
    result = run_essreg("build", "--fiches", fiches, "--out", previous_build, project=project)
    assert result.returncode == 2, result.stderr
    assert str(bad) in result.stderr
    if kind == "non-utf8":
        assert f"{bad}:{LATIN1_LINE}" in result.stderr, result.stderr
    assert snapshot(previous_build) == before


def test_latin1_document_has_its_bad_byte_on_line_3():
    # The fixture of the non-UTF-8 cases is what it claims to be.
    data = latin1_document()
    with pytest.raises(UnicodeDecodeError) as error:
        data.decode("utf-8")
    assert data[: error.value.start].count(b"\n") + 1 == LATIN1_LINE


def test_keep_going_builds_the_good_document_and_reports_the_bad_one(cli_runs):
    build = cli_runs["keep-going"]
    assert build.run.returncode == 2, build.run.explain()
    bad = build.fiches / "00-latin1.txt"
    assert str(bad) in build.run.stderr
    failures = build.report["failures"]
    assert [f for f in failures if str(bad) in f], failures
    assert [Path(d["file"]).name for d in build.report["documents"]] == [LAUREATES.name]
    count = build.select("SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE { ?pole a ess:PTCE }")
    assert count[0]["n"] == 23


# --- essreg validate ----------------------------------------------------------------------------

def test_validate_accepts_the_built_registry(cli_runs):
    run = cli_runs["validate"]
    assert run.returncode == 0, run.output


def commune_code_message() -> set[str]:
    shapes = Graph()
    for path in sorted((ROOT / "shapes").glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return values(shapes, """PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?message WHERE { ?shape sh:targetClass igeo:Commune ; sh:property ?p .
                                ?p sh:path igeo:codeINSEE ; sh:pattern ?pattern ; sh:message ?message }""")


def test_validate_rejects_a_four_digit_commune_code_naming_node_path_and_rule(cli_runs):
    run = cli_runs["validate-broken"]
    assert run.returncode == 1, run.output
    violations = [line for line in run.output.splitlines() if "Violation" in line]
    assert len(violations) == 1, violations
    line = violations[0]
    assert f"<{DEFAULT_BASE}id/commune/05061>" in line
    assert "codeINSEE" in line
    messages = commune_code_message()
    assert messages and [m for m in messages if m in line], (messages, line)


def test_validate_names_a_file_with_a_turtle_syntax_error(project, tmp_path):
    broken = tmp_path / "syntax-error.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c ;;; .\nex:d ex:e\n", encoding="utf-8")
    result = run_essreg("validate", broken, project=project)
    assert result.returncode != 0
    assert broken.name in result.stdout + result.stderr


# --- essreg convert -----------------------------------------------------------------------------

def test_convert_writes_turtle_with_the_23_laureates(cli_runs):
    run = cli_runs["convert"]
    assert run.returncode == 0, run.explain()
    graph = Graph().parse(run.written, format="turtle")
    count = graph.query(SPARQL_PREFIXES + "SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE { ?pole a ess:PTCE }")
    assert [int(row[0]) for row in count] == [23]
