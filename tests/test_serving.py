"""Serving the build one means to (issue 8, item 3): `make serve` builds with the base URI of the
host and port it serves, or BASE_URI, and never with a host that listens everywhere; `essreg serve`
says at start when the build's URIs are under another base; a build removes what killed builds
left behind."""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import essreg_command
from converters.publish import remove_stale_staging
from essreg.cli import base_uri_warnings
from test_endpoint import free_port, write_small_build

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")


def make_dry_run(*variables: str) -> subprocess.CompletedProcess:
    """`make -n serve VARIABLES`: the commands `make serve` would run, none of them run."""
    return subprocess.run([MAKE, "-n", "serve", *variables], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
@pytest.mark.parametrize("variables,base", [
    ((), "http://127.0.0.1:8000/"),
    (("PORT=19100",), "http://127.0.0.1:19100/"),
    (("HOST=localhost", "PORT=8080"), "http://localhost:8080/"),
    (("HOST=::1",), "http://[::1]:8000/"),
    (("HOST=0.0.0.0", "BASE_URI=https://registre.example.org/"), "https://registre.example.org/"),
])
def test_make_serve_builds_with_the_base_it_serves(variables, base):
    commands = make_dry_run(*variables)
    assert commands.returncode == 0, commands.stderr
    lines = commands.stdout.splitlines()
    assert any(line.endswith(f"essreg build --base-uri {base}") for line in lines), lines
    assert any("essreg serve --host" in line and line.endswith(f"--base-uri {base}") for line in lines), lines


@pytest.mark.skipif(MAKE is None, reason="make is not installed")
@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_make_serve_on_every_interface_asks_for_a_public_name(host):
    commands = make_dry_run(f"HOST={host}")
    assert commands.returncode != 0
    assert "BASE_URI=" in commands.stderr and "essreg build" not in commands.stdout
    assert "0.0.0.0:" not in commands.stdout and "http://:" not in commands.stdout


@pytest.mark.parametrize("built,host,port,public,says", [
    ("http://127.0.0.1:8000/", "127.0.0.1", 8000, None, None),
    ("http://127.0.0.1:8000/", "127.0.0.1", 19100, None, "answers at http://127.0.0.1:19100/"),
    ("https://registre.example.org/", "127.0.0.1", 8000, "https://registre.example.org", None),
    ("http://127.0.0.1:8000/", "127.0.0.1", 8000, "https://registre.example.org/", "answers at https://registre"),
    ("http://127.0.0.1:8000/", "0.0.0.0", 8000, None, "listens on every interface"),
])
def test_serve_compares_the_build_base_with_its_own(built, host, port, public, says):
    warnings = base_uri_warnings(built, host, port, public)
    assert (warnings == []) if says is None else (len(warnings) == 1 and says in warnings[0])


@pytest.mark.slow
def test_serve_says_at_start_that_the_build_is_for_another_port(ptce_build):
    port = free_port()
    process = subprocess.Popen([*essreg_command(), "serve", "--data", ptce_build.out, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        said = []
        deadline = time.monotonic() + 60
        while not any("essreg: serving" in line for line in said) and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            said.append(line)
        text = "".join(said)
        assert f"warning: the build's URIs are under http://127.0.0.1:8000/, but this server answers at" \
               f" http://127.0.0.1:{port}/" in text
        assert f"essreg build --base-uri http://127.0.0.1:{port}/" in text
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- what killed builds leave -------------------------------------------------------------------------

def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_build_removes_the_staging_folders_of_killed_builds(tmp_path):
    write_small_build(tmp_path, "Premier")
    killed = dead_pid()
    staging = tmp_path / "builds" / f".staging-{killed}"
    (staging / "store").mkdir(parents=True)
    (staging / "registry.ttl").write_text("half written")
    half_link = tmp_path / f".current-{killed}"
    half_link.symlink_to("builds/nowhere")
    running = tmp_path / "builds" / f".staging-{os.getppid()}"  # a build going on beside this one
    running.mkdir()
    write_small_build(tmp_path, "Second")
    assert not staging.exists() and not half_link.is_symlink()
    assert running.exists()
    assert sorted(path.name for path in (tmp_path / "builds").iterdir() if path.name.startswith(".")) \
        == [running.name]
    assert remove_stale_staging(tmp_path) == []
