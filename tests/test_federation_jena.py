"""Our endpoint as a federation target for Apache Jena's ARQ (Debian package `libapache-jena-java`,
installed by .ci/run): `rsparql` sends queries with Jena's own Accept headers, by GET and by POST,
and `sparql` runs a SERVICE clause into our endpoint with ARQ's SERVICE client. Skipped, saying
why, when java or the package is missing.
"""
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from test_endpoint import BASE, PREFIXES, running_server

pytestmark = pytest.mark.slow

JARS = Path("/usr/share/java")
# Jena's jars and the libraries ARQ's command line needs (Debian names; one SLF4J binding: nop).
CLASSPATH = ["jena-cmds", "jena-arq", "jena-core", "jena-base", "jena-iri", "jena-shacl", "jena-shex",
             "jena-rdfconnection", "jena-dboe-base", "commons-lang3", "commons-io", "commons-codec",
             "commons-compress", "commons-cli", "commons-csv", "commons-logging", "slf4j-api", "slf4j-nop", "guava",
             "dexx.collection", "gson", "jsonld-java", "jackson-core", "jackson-databind", "jackson-annotations",
             "httpclient", "httpcore", "titanium-json-ld", "jakarta.json-api", "protobuf", "thrift"]


@pytest.fixture(scope="module")
def arq(tmp_path_factory):
    """The java command line that runs an ARQ command."""
    java = shutil.which("java")
    if java is None or not (JARS / "jena-arq.jar").exists():
        pytest.skip("Apache Jena's ARQ is not installed (java and Debian's libapache-jena-java: apt-get install"
                    " -y libapache-jena-java, as .ci/run does)")
    # Debian's jena-core moved Xerces' classes to the package `xerces` but left their message files
    # under org/apache/jena/ext/xerces/: Jena fails at start ("internal error" in XSSimpleTypeDecl)
    # unless the files are also found where the classes look for them.
    resources = tmp_path_factory.mktemp("jena-resources")
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith("org/apache/jena/ext/xerces/") and not name.endswith((".class", "/")):
                target = resources / name.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    jars = [str(JARS / f"{name}.jar") for name in CLASSPATH if (JARS / f"{name}.jar").exists()]
    command = [java, "-cp", ":".join([str(resources), *jars])]
    check = subprocess.run([*command, "arq.sparql", "--version"], capture_output=True, text=True, timeout=120)
    if check.returncode != 0:
        pytest.skip(f"Apache Jena's ARQ does not start here: {check.stderr.strip()[-300:]}")
    return command


@pytest.fixture(scope="module")
def server(ptce_build):
    with running_server({"DATA_DIR": ptce_build.out}) as url:
        yield url + "sparql"


def run(command: list[str], tool: str, query: str, directory: Path, *options: str) -> str:
    path = directory / "query.rq"
    path.write_text(query, encoding="utf-8")
    result = subprocess.run([*command, tool, "--query", str(path), *options], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return result.stdout


def names(results_json: str) -> list[str]:
    return [row["name"]["value"] for row in json.loads(results_json)["results"]["bindings"]]


COOPAXIS = PREFIXES + f"SELECT ?name WHERE {{ <{BASE}id/pole/coopaxis> skos:prefLabel ?name }}"


@pytest.mark.parametrize("method", [[], ["--post"]], ids=["GET", "POST"])
def test_jena_rsparql_gets_a_select_answer(arq, server, tmp_path, method):
    assert names(run(arq, "arq.rsparql", COOPAXIS, tmp_path, "--service", server, "--results=JSON", *method)) == ["Coopaxis"]


def test_jena_rsparql_gets_construct_and_ask_answers(arq, server, tmp_path):
    construct = PREFIXES + f"CONSTRUCT {{ <{BASE}id/pole/coopaxis> skos:prefLabel ?name }} WHERE {{ <{BASE}id/pole/coopaxis> skos:prefLabel ?name }}"
    turtle = run(arq, "arq.rsparql", construct, tmp_path, "--service", server, "--results=N-TRIPLES")
    assert turtle.strip() == f'<{BASE}id/pole/coopaxis> <http://www.w3.org/2004/02/skos/core#prefLabel> "Coopaxis"@fr .'
    ask = run(arq, "arq.rsparql", PREFIXES + "ASK { ?pole a ess:PTCE }", tmp_path, "--service", server, "--results=JSON")
    assert json.loads(ask)["boolean"] is True


def test_jena_arq_runs_a_service_query_into_our_endpoint(arq, server, tmp_path):
    query = PREFIXES + f"SELECT ?name WHERE {{ SERVICE <{server}> {{ <{BASE}id/pole/coopaxis> skos:prefLabel ?name }} }}"
    assert names(run(arq, "arq.sparql", query, tmp_path, "--results=JSON")) == ["Coopaxis"]
