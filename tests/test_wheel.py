"""The wheel holds every file the server reads (issue 8, item 3): `pip wheel --no-deps .`, installed
with --no-deps into a fresh virtual environment that sees the dependencies already installed here,
serves VoID, DCAT, /query and the service description from its own copy of the package, run from a
folder where no source of the project is in reach."""
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest

from test_endpoint import free_port, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "essreg", "converters", "endpoint")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a copy of the sources (the build writes build/ and *.egg-info beside them)."""
    source = tmp_path_factory.mktemp("wheel-source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "-w", out, "."], cwd=source, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    return next(out.glob("*.whl"))


def test_the_wheel_holds_the_server_files(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    on_disk = {path.relative_to(ROOT).as_posix() for folder in ("endpoint/templates", "endpoint/static", "endpoint/examples")
               for path in (ROOT / folder).rglob("*") if path.is_file()}
    assert on_disk and on_disk <= names, sorted(on_disk - names)
    assert {"endpoint/templates/rdf/void.ttl", "endpoint/templates/rdf/catalog.ttl",
            "endpoint/templates/rdf/service-description.ttl"} <= names


@pytest.fixture(scope="module")
def fresh_environment(wheel, tmp_path_factory) -> Path:
    """A new venv with the wheel installed (--no-deps); the dependencies come from this one's
    site-packages through a .pth line, which adds the folder but none of its own .pth files
    (so not the editable install of the project)."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=120)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        capture_output=True, text=True, check=True).stdout.strip())
    (site_packages / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet",
                                wheel], capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    return venv


def test_the_installed_wheel_serves_what_reads_its_files(fresh_environment, ptce_build, tmp_path):
    python = fresh_environment / "bin" / "python"
    where = subprocess.run([python, "-c", "import endpoint; print(endpoint.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert where.startswith(str(fresh_environment)), where  # the wheel's copy, not the sources
    port = free_port()
    server = subprocess.Popen([fresh_environment / "bin" / "essreg", "serve", "--data", ptce_build.out,
                               "--port", str(port)], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url + "query", server)
        for path, accept, expected in [
            (".well-known/void", "text/turtle", b"void:Dataset"),
            ("catalog", "text/turtle", b"dcat:Catalog"),
            ("query", "text/html", b"yasgui.min.js"),
            ("sparql", "text/turtle", b"sd:Service"),
            ("static/yasgui/yasgui.min.js", "*/*", b"Yasgui"),
            ("sparql?query=ASK%7B%7D", "application/sparql-results+json", b'"boolean":true'),
        ]:
            with urllib.request.urlopen(urllib.request.Request(url + path, headers={"Accept": accept}), timeout=60) as r:
                assert r.status == 200 and expected in r.read(), path
    finally:
        server.terminate()
        server.wait(timeout=30)
