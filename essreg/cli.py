"""The `essreg` command: build, convert, validate and serve the registry.

Exit codes (as pySHACL's): 0 success; 1 the data does not conform to the shapes (nothing was
replaced); 2 bad input (a file missing, undecodable, empty, too large or unrecognisable; with
--keep-going the other files were still converted and published); 3 internal error (a defect of
the converters: the message names the file being processed).
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click
from rdflib import Dataset, Graph

from converters.conversion_cache import ConversionCache
from converters.errors import ConversionError
from converters.ids import IdTable
from converters.insee_cj import build_insee_cj_graph
from converters.paths import BUILD_DIR, FICHES_DIR, IDS_TABLE
from converters.pipeline import (
    DEFAULT_BASE_URI, EXIT_INPUT, EXIT_INVALID, build as run_build, explanation, ontology_graph,
)
from converters.rdf_files import read_rdf
from converters.link import linkers
from converters.validation import validate as run_validate
from essreg.exits import bad_input, internal_errors
from essreg.sirene_commands import record_sirene, sirene_linker

BASE_URI_HELP = "Base of every URI of the registry (or set ESSREG_BASE_URI)."


def _progress(message: str) -> None:
    click.echo(f"essreg: {message}", err=True)


def write_atomically(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: an interrupted or failed
    run never leaves a truncated file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a result is not
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _report(outcome, report_file: Path | None) -> None:
    for failure in outcome.conversion.failures:
        click.echo(f"error: {failure}", err=True)
    for document in outcome.summary["documents"]:
        click.echo(
            f"{document['file']}: {document['kind']}, {document['poles']} poles, {document['organisations']} "
            f"organisations; {document['non_empty_lines']} non-empty lines: {document['statements']} gave "
            f"statements, {document['private']} private, {document['text']} kept as text, "
            f"{document['boilerplate']} boilerplate, {document['dropped']} dropped"
            + (f" (lines {document['dropped_lines']})" if document["dropped"] else ""),
            err=True,
        )
        for warning in document["warnings"]:
            click.echo(f"  {warning}", err=True)
    for refusal in outcome.summary.get("merges_refused", []):
        click.echo(f"warning: {refusal}", err=True)
    for merge in outcome.summary["merges"]:
        members = " = ".join(merge["members"])
        click.echo(f"merged {merge['kind']} {merge['label']!r}: {members} ({'; '.join(merge['reasons'])})", err=True)
    if outcome.report is not None:
        for result in outcome.report.results:
            click.echo(str(result), err=True)
    if report_file:
        write_atomically(report_file, lambda p: p.write_text(
            json.dumps(outcome.summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"))


@click.group()
@click.version_option(package_name="ess-poles-registry")
def main() -> None:
    """Registry of the French poles of the social and solidarity economy (ESS poles, PTCE)."""


@main.command()
@click.option("--fiches", type=click.Path(path_type=Path, file_okay=False), default=FICHES_DIR, show_default=True,
              help="Folder of source documents (*.txt).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR, show_default=True,
              help="Folder the build is written to.")
@click.option("--ids", "ids_file", type=click.Path(path_type=Path, dir_okay=False), default=IDS_TABLE, show_default=True,
              help="Table of minted identifiers, read and extended (keep it with the fiches it names).")
@click.option("--base-uri", envvar="ESSREG_BASE_URI", default=DEFAULT_BASE_URI, show_default=True, help=BASE_URI_HELP)
@click.option("--keep-going", is_flag=True, help="Convert the other files when one fails (exit code 2 all the same).")
@click.option("--report", "report_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the build report (lines used and dropped per document) as JSON to this file.")
@click.option("--no-conversion-cache", "no_cache", is_flag=True,
              help="Read every document again, not only those changed since an earlier build (the conversions "
              "are kept in OUT/conversion-cache/, keyed on each document and on the converters' code and data).")
@click.option("--sirene-unites", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Sirene stock file of legal units (StockUniteLegale: .csv, .gz or .zip): link the organisations.")
@click.option("--sirene-etablissements", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Sirene stock file of establishments (StockEtablissement): communes, enseignes, SIRET.")
@click.option("--sirene-min-score", type=click.FloatRange(0, 1), default=0.80, show_default=True,
              help="Score from which a candidate unit is linked; below, down to 0.60, it goes to the review file.")
@click.option("--sirene-ess-only", is_flag=True, help="Only the units flagged ESS (economieSocialeSolidaireUniteLegale=O).")
@click.option("--sirene-online", is_flag=True, help="Link through the public API recherche-entreprises instead of "
              "stock files (cached in data/curation/sirene-online-cache.json; at most 5 requests per second).")
@click.option("--sirene-departement", multiple=True, metavar="CODE",
              help="Only the Sirene units with an establishment in this département (repeat for more).")
@click.option("--sirene-review", type=click.Path(path_type=Path, dir_okay=False), default=Path("sirene-review.csv"),
              show_default=True, help="CSV of the candidates a steward reviews (fill 'decision', copy into the decisions table).")
@internal_errors
def build(fiches: Path, out: Path, ids_file: Path, base_uri: str, keep_going: bool, report_file: Path | None,
          no_cache: bool, sirene_unites: Path | None, sirene_etablissements: Path | None, sirene_min_score: float,
          sirene_ess_only: bool, sirene_online: bool, sirene_departement: tuple[str, ...], sirene_review: Path) -> None:
    """Convert every fiche of FICHES, validate the registry and write it to OUT.

    OUT receives registry.ttl (the public graphs merged), registry.trig (the public named graphs),
    registry.nt.gz (sorted N-Triples), the Oxigraph store the server reads, validation-report.ttl
    and .txt, build-report.json, and private/private.trig (contact persons: never served). A build
    that fails replaces nothing and writes its reports to OUT/failed-build/.
    """
    paths = sorted(Path(fiches).glob("*.txt"))
    if not paths:
        raise click.ClickException(f"{fiches}: no *.txt source document")
    try:
        ids = IdTable(ids_file)
    except ValueError as error:
        raise click.ClickException(str(error))
    sirene = sirene_linker(sirene_unites, sirene_etablissements, sirene_min_score, sirene_review, sirene_ess_only,
                           sirene_departement, online=sirene_online)
    try:
        chain = linkers(sirene)  # reads the committed link tables (data/curation/, data/links/)
    except ConversionError as error:
        bad_input(error)
    cache = None if no_cache else ConversionCache(out / "conversion-cache", progress=_progress)
    outcome = run_build(paths, out, base_uri, ids, keep_going=keep_going, progress=_progress, chain=chain, cache=cache)
    finish_build(outcome, out, ids, sirene, sirene_review, report_file)


def finish_build(outcome, out: Path, ids: IdTable, sirene, review: Path | None, report_file: Path | None = None):
    """What `build` and `link-sirene` say and keep after a build, and their exit code."""
    _report(outcome, report_file)
    if outcome.written and ids.save():
        _progress(f"new identifiers were minted: commit {ids.path}")
    record_sirene(sirene, outcome.written, review)
    if not outcome.written:
        _write_failed_reports(out, outcome)
    if outcome.exit_code == EXIT_INVALID:
        click.echo("error: the registry does not conform to the shapes; nothing was replaced", err=True)
    elif outcome.exit_code == EXIT_INPUT and not outcome.written:
        click.echo("error: bad input; nothing was replaced (use --keep-going to convert the other files)", err=True)
    sys.exit(outcome.exit_code)


def _write_failed_reports(out: Path, outcome) -> None:
    """The reports of a failed build, beside the build it did not replace."""
    folder = out / "failed-build"
    write_atomically(folder / "build-report.json", lambda p: p.write_text(
        json.dumps(outcome.summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"))
    if outcome.report is not None:
        write_atomically(folder / "validation-report.txt", lambda p: p.write_text(outcome.report.text(), encoding="utf-8"))
    _progress(f"the reports of this failed build are in {folder}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Turtle file to write (the public graphs merged); .trig writes named graphs.")
@click.option("--explain", is_flag=True, help="Print, line by line, what each line gave (a rule's fact, text, "
              "boilerplate, private).")
@click.option("--base-uri", envvar="ESSREG_BASE_URI", default=DEFAULT_BASE_URI, show_default=True, help=BASE_URI_HELP)
@click.option("--keep-going", is_flag=True, help="Convert the other files when one fails (exit code 2 all the same).")
@internal_errors
def convert(files: tuple[Path, ...], output: Path | None, explain: bool, base_uri: str, keep_going: bool) -> None:
    """Run the build pipeline on FILES, wherever they are, and write the RDF to OUTPUT.

    OUTPUT is written even when the result does not conform to the shapes (exit code 1), with the
    validation report beside it (OUTPUT.validation.txt), so that a steward sees what was read.
    Identifiers already minted are reused; new ones are minted but not saved.
    """
    if output is None and not explain:
        raise click.UsageError("give -o OUTPUT, --explain, or both")
    outcome = run_build(list(files), None, base_uri, IdTable(), keep_going=keep_going, progress=_progress)
    _report(outcome, None)
    if explain:
        for document in outcome.conversion.documents:
            click.echo("\n".join(explanation(document)))
    if output is not None and outcome.dataset is not None:
        if output.suffix == ".trig":
            out = Dataset()
            for name in outcome.public:
                graph = out.graph(name)
                graph += outcome.dataset.graph(name)
            write_atomically(output, lambda p: out.serialize(p, format="trig"))
        else:
            out = Graph()
            for name in outcome.public:
                out += outcome.dataset.graph(name)
            write_atomically(output, lambda p: out.serialize(p, format="turtle"))
        _progress(f"wrote {output}")
        if outcome.report is not None:
            report_path = output.with_name(output.name + ".validation.txt")
            write_atomically(report_path, lambda p: p.write_text(outcome.report.text(), encoding="utf-8"))
            _progress(f"wrote {report_path}" + ("" if outcome.report.conforms else ": the result does not conform"))
    sys.exit(outcome.exit_code)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def validate(file: Path) -> None:
    """Check any RDF FILE (Turtle, TriG, N-Triples, .nt.gz, JSON-LD, RDF/XML) against the shapes.

    The project's ontology and vocabularies are added as background knowledge.
    """
    try:
        data = read_rdf(file)
    except ValueError as error:
        raise click.ClickException(str(error))
    data += ontology_graph()
    data += build_insee_cj_graph()
    report = run_validate(data)
    click.echo(report.text(), nl=False)
    sys.exit(0 if report.conforms else EXIT_INVALID)


def _enrichment_places(data_dir: Path):
    from converters.link.enrichment import build_places, build_sirens

    try:
        return build_places(data_dir), build_sirens(data_dir)
    except FileNotFoundError as error:
        raise click.ClickException(str(error))


def _report_enrichment(resolution, cache_path: Path) -> None:
    for line in resolution.unresolved:
        click.echo(f"not linked: {line}", err=True)
    _progress(f"{len(resolution.rows)} link(s) written to {cache_path}, {len(resolution.unresolved)} not linked;"
              " commit the file, then rebuild (`essreg build`) to add them")


@main.command("enrich-insee")
@click.option("--endpoint", default="http://rdf.insee.fr/sparql", show_default=True,
              help="INSEE's SPARQL endpoint (or one holding the same graph http://rdf.insee.fr/graphes/geo/cog).")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR,
              show_default=True, help="The build whose places are looked up.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Resolve to the versions valid on this day [default: today].")
@click.option("--cache", "cache_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The cache to write [default: data/links/insee-uris.tsv].")
def enrich_insee(endpoint: str, data_dir: Path, day: str | None, cache_file: Path | None) -> None:
    """Find INSEE's URIs of the build's communes, départements, régions and intercommunalities.

    Asks ENDPOINT (online) for each place by igeo:codeINSEE and the dates of its versions; a
    commune merged into a commune nouvelle resolves to the current one, its former version
    recorded. Writes the cache that builds read (owl:sameAs in the reference graph); a code
    INSEE does not answer for is reported and left out. Exit code 2 when ENDPOINT fails.
    """
    import datetime

    from converters.link import insee_uris
    from dataclasses import replace

    from converters.link.enrichment import EnrichmentError

    day = day or datetime.date.today().isoformat()
    try:
        datetime.date.fromisoformat(day)
    except ValueError:
        raise click.BadParameter(f"{day!r} is not a date (YYYY-MM-DD)", param_hint="--date")
    places, _ = _enrichment_places(data_dir)
    kinds = {"epci": "intercommunalite", "ept": "intercommunalite"}
    places = sorted({(kinds.get(kind, kind), code) for kind, code in places})
    communes = [code for kind, code in places if kind == "commune"]
    cache = insee_uris.CACHE if cache_file is None else replace(insee_uris.CACHE, path=cache_file)
    _progress(f"asking {endpoint} about {len(places)} place(s) of {data_dir}")
    try:
        resolution = insee_uris.resolve(endpoint, places, insee_uris.former_codes(communes), day)
    except EnrichmentError as error:
        click.echo(f"error: {error}; the cache was not changed", err=True)
        sys.exit(EXIT_INPUT)
    insee_uris.write_cache(resolution, endpoint, day, cache)
    _report_enrichment(resolution, cache.path)


@main.command("enrich-wikidata")
@click.option("--endpoint", default="https://query.wikidata.org/sparql", show_default=True,
              help="Wikidata's SPARQL endpoint.")
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR,
              show_default=True, help="The build whose communes and organisations are looked up.")
@click.option("--cache", "cache_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The cache to write [default: data/links/wikidata.tsv].")
def enrich_wikidata(endpoint: str, data_dir: Path, cache_file: Path | None) -> None:
    """Find the Wikidata items of the build's communes (P374) and organisations (P1616, SIREN).

    Asks ENDPOINT (online) and writes the cache that builds read (owl:sameAs in the reference
    graph); a code with no item, or with several, is reported and left out. Exit code 2 when
    ENDPOINT fails.
    """
    import datetime

    from converters.link import wikidata
    from dataclasses import replace

    from converters.link.enrichment import EnrichmentError

    places, sirens = _enrichment_places(data_dir)
    communes = [code for kind, code in places if kind == "commune"]
    cache = wikidata.CACHE if cache_file is None else replace(wikidata.CACHE, path=cache_file)
    _progress(f"asking {endpoint} about {len(communes)} commune(s) and {len(sirens)} SIREN(s) of {data_dir}")
    try:
        resolution = wikidata.resolve(endpoint, communes, sirens)
    except EnrichmentError as error:
        click.echo(f"error: {error}; the cache was not changed", err=True)
        sys.exit(EXIT_INPUT)
    wikidata.write_cache(resolution, endpoint, datetime.date.today().isoformat(), cache)
    _report_enrichment(resolution, cache.path)


@main.command()
@click.option("--data", "data_dir", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR,
              show_default=True, help="Build folder to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--base-uri", "public_base_uri", metavar="URI",
              help="The public base URI of this server (behind a proxy, or with --host 0.0.0.0); the server"
                   " says at start when the build's URIs are under another base [default: http://HOST:PORT/].")
@click.option("--threads", type=int, help="Threads answering requests [default: 32].")
@click.option("--workers", default="1", show_default=True, metavar="N|auto",
              help="Server processes sharing the port; auto: one per CPU this process may use. The budgets"
                   " (threads, connections, query processes, cache) are the whole server's, shared between them.")
@click.option("--dev", is_flag=True, help="Use Flask's development server instead of waitress.")
@click.option("--query-timeout", type=float, help="Seconds a SPARQL query may run [default: 30].")
@click.option("--max-query-memory", type=int, metavar="BYTES",
              help="Memory a SPARQL query may use [default: 1000000000].")
@click.option("--query-processes", type=int, help="SPARQL queries evaluated at once [default: 8].")
@click.option("--long-queries", type=int, help="Of those, how many may run past one second [default: 2].")
@click.option("--max-rows", type=int, help="Most rows or triples a SPARQL query may return [default: 10000].")
@click.option("--max-request-bytes", type=int, help="Largest request body or GET query string [default: 1000000].")
@click.option("--allow-service", "allowed_services", multiple=True, metavar="URL",
              help="A SPARQL endpoint that SERVICE may call (repeat for more; `public`: INSEE's, Wikidata's and"
                   " data.europa.eu's); every other SERVICE is refused.")
@click.option("--service-timeout", type=float, help="Seconds each SERVICE call may take [default: 10].")
@click.option("--sparql-backend", metavar="URL",
              help="Answer queries from this SPARQL 1.1 endpoint instead of the build's embedded store.")
def serve(data_dir: Path, host: str, port: int, public_base_uri: str | None, threads: int | None, workers: str,
          dev: bool,
          query_timeout: float | None, max_query_memory: int | None, query_processes: int | None,
          long_queries: int | None, max_rows: int | None, max_request_bytes: int | None,
          allowed_services: tuple[str, ...], service_timeout: float | None, sparql_backend: str | None) -> None:
    """Serve the build in DATA: SPARQL endpoint at /sparql, a page per pole, dereferenceable URIs.

    Settings not given here come from ESSREG_-prefixed environment variables (README).
    """
    info_file = data_dir / "build-info.json"
    if not info_file.exists():
        raise click.ClickException(f"{data_dir}: no build here; run `essreg build` first")
    from endpoint.serving import serve as run_server, worker_count  # the server's dependencies only when serving

    try:
        worker_processes = worker_count(workers)
    except ValueError:
        raise click.BadParameter(f"{workers!r}: a number of at least 1, or auto", param_hint="--workers") from None

    # absolute(), not resolve(): resolving would pin DATA/current to one build and stop following rebuilds
    config = {"DATA_DIR": str(data_dir.absolute())}
    for name, value in (("QUERY_TIMEOUT", query_timeout), ("MAX_QUERY_MEMORY", max_query_memory),
                        ("QUERY_PROCESSES", query_processes), ("LONG_QUERIES", long_queries),
                        ("MAX_ROWS", max_rows), ("MAX_REQUEST_BYTES", max_request_bytes),
                        ("SPARQL_BACKEND", sparql_backend), ("THREADS", threads), ("SERVICE_TIMEOUT", service_timeout)):
        if value is not None:
            config[name] = value
    if allowed_services:
        config["ALLOWED_SERVICES"] = list(allowed_services)
    built_base = json.loads(info_file.read_text(encoding="utf-8")).get("base_uri", "")
    for warning in base_uri_warnings(built_base, host, port, public_base_uri):
        click.echo(f"warning: {warning}", err=True)
    _progress(f"serving {data_dir} on http://{_url_host(host)}:{port}/"
              f" ({'development server' if dev else 'waitress'}"
              f"{f', {worker_processes} workers' if worker_processes > 1 and not dev else ''};"
              f" its URIs are under {built_base})")
    try:
        run_server(config, host, port, dev=dev, workers=1 if dev else worker_processes)
    except (FileNotFoundError, ValueError) as error:
        raise click.ClickException(str(error))


WILDCARD_HOSTS = ("0.0.0.0", "::", "[::]", "")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def base_uri_warnings(built_base: str, host: str, port: int, public_base_uri: str | None) -> list[str]:
    """What to say at start when the build's URIs will not dereference on this server."""
    if public_base_uri:
        expected = public_base_uri if public_base_uri.endswith("/") else public_base_uri + "/"
    elif host in WILDCARD_HOSTS:
        return [f"--host {host} listens on every interface; the build's URIs are under {built_base}:"
                " if that is not this server's public name, rebuild with `essreg build --base-uri URI`"
                " (or `make serve HOST=... BASE_URI=...`) and pass the same --base-uri to serve"]
    else:
        expected = f"http://{_url_host(host)}:{port}/"
    if built_base != expected:
        return [f"the build's URIs are under {built_base}, but this server answers at {expected}: its URIs,"
                " VoID, DCAT and links in query results will point elsewhere. Rebuild with"
                f" `essreg build --base-uri {expected}` (`make serve` does it), or pass --base-uri"
                " with the public base the build was made for"]
    return []


from essreg.sirene_commands import import_sirene, link_sirene  # noqa: E402  (the SIRENE commands' module)

main.add_command(link_sirene)
main.add_command(import_sirene)

if __name__ == "__main__":
    main()
