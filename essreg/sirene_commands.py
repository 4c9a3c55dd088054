"""The SIRENE commands of `essreg` (issue 11): `link-sirene` (link a build's organisations to the
Sirene stock files) and `import-sirene` (the national backbone: the ESS units as organisations of
the registry). `essreg build --sirene-*` links through the same two functions as `link-sirene`
(`sirene_linker`, `record_sirene`): one linker, one code path.

Exit codes are those of `essreg` (essreg/cli.py): 0 success, 1 not conforming (nothing replaced),
2 bad input (nothing replaced), 3 internal error.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import click

from converters.conversion_cache import ConversionCache
from converters.errors import ConversionError
from converters.ids import IdTable
from converters.link.sirene import DECISIONS_TABLE, MIN_SCORE
from converters.paths import BUILD_DIR, IDS_TABLE
from converters.pipeline import EXIT_INVALID
from essreg.exits import bad_input, internal_errors


def _say(message: str) -> None:
    click.echo(f"essreg: {message}", err=True)


def sirene_linker(unites: Path | None, etablissements: Path | None, min_score: float, review: Path | None,
                  ess_only: bool = False, departements: tuple[str, ...] = (), decisions: Path | None = DECISIONS_TABLE,
                  online: bool = False):
    """The SIRENE linker the options ask for (None without a units file nor online mode)."""
    if unites is not None and online:
        raise click.ClickException("give the Sirene stock files or the online mode, not both")
    if unites is None and not online:
        if etablissements is not None:
            raise click.ClickException("the establishments file needs the units file (StockUniteLegale)")
        return None
    if online:
        from converters.link.sirene_online import API, OnlineSirene

        from converters.link.sirene import SireneLinker

        try:
            service = OnlineSirene(os.environ.get("ESSREG_SIRENE_API", API))
            linker = SireneLinker(min_score=min_score, review=review, decisions=decisions, online=service)
        except ValueError as error:
            raise click.ClickException(str(error))
        _say(f"linking to SIRENE online: {service.base_url} (cache {service.cache_path})")
        return linker
    from converters.link.sirene import SireneLinker

    bad = [d for d in departements if not _is_departement(d)]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)}: not a département code (01..95, 2A, 2B, 971..976)")
    try:
        linker = SireneLinker(unites, etablissements, min_score=min_score, review=review, ess_only=ess_only,
                              departements=departements, decisions=decisions)
    except ConversionError as error:  # a damaged decisions table or stock file
        bad_input(error)
    except ValueError as error:
        raise click.ClickException(str(error))
    _say(f"linking to SIRENE: {unites}" + (f", {etablissements}" if etablissements else "")
         + (f" (départements {', '.join(departements)})" if departements else ""))
    return linker


DEPARTEMENTS = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"} | {str(n) for n in range(971, 977)}


def _is_departement(code: str) -> bool:
    return code.upper() in DEPARTEMENTS


def record_sirene(linker, written: bool, review: Path | None) -> None:
    """Say what the linker did; when the build was published, append its new decisions (links
    made, cases left to review) to the committed decisions table."""
    if linker is None:
        return
    linked = sum(o.decision == "linked" for o in linker.outcomes)
    decided = sum(o.decision == "decided" for o in linker.outcomes)
    pending = sum(o.decision == "review" for o in linker.outcomes)
    _say(f"SIRENE: {linked} organisation(s) linked, {decided} from the decisions table, {pending} to review"
         + (f" in {review}" if review else ""))
    if written and linker.save_decisions():
        _say(f"new SIRENE decisions were recorded: commit {linker.decisions_path}")


def build_sources(in_dir: Path) -> tuple[str, list[Path]]:
    """The base URI and the source documents of the build in IN_DIR, checked unchanged since (their
    SHA-256 against the one the build recorded)."""
    info_file, report_file = in_dir / "build-info.json", in_dir / "build-report.json"
    if not info_file.exists() or not report_file.exists():
        raise click.ClickException(f"{in_dir}: no build here (no build-info.json); run `essreg build` first")
    info = json.loads(info_file.read_text(encoding="utf-8"))
    files = [Path(d["file"]) for d in json.loads(report_file.read_text(encoding="utf-8"))["documents"]]
    recorded = _recorded_sha256(in_dir)
    for path in files:
        if not path.exists():
            raise click.ClickException(f"{report_file}: the build read {path}, which is not there (run this command "
                                       "from the folder the build was made in)")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if recorded.get(path.name, digest) != digest:
            raise click.ClickException(f"{path}: changed since the build in {in_dir} (its SHA-256 differs): "
                                       "rebuild with `essreg build --sirene-unites ...` instead")
    return info["base_uri"], files


def _recorded_sha256(in_dir: Path) -> dict[str, str]:
    import pyoxigraph

    store = pyoxigraph.Store.read_only(str((in_dir / "store").resolve()))
    rows = store.query("PREFIX ess: <https://w3id.org/ess-poles/def#> SELECT ?n ?h WHERE "
                       "{ ?d a ess:SourceDocument ; ess:fileName ?n ; ess:sha256 ?h }")
    found = {row["n"].value: row["h"].value for row in rows}
    del store
    return found


@click.command("link-sirene")
@click.option("--unites", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Sirene stock file of legal units (StockUniteLegale: .csv, .gz or .zip).")
@click.option("--etablissements", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Sirene stock file of establishments (StockEtablissement): communes, enseignes, SIRET.")
@click.option("--online", is_flag=True, help="Ask the public API recherche-entreprises instead of stock files "
              "(cached in data/curation/sirene-online-cache.json; at most 5 requests per second).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=MIN_SCORE, show_default=True,
              help="Score from which a candidate unit is linked; below, down to 0.60, it goes to the review file.")
@click.option("--departement", "departements", multiple=True, metavar="CODE",
              help="Only the units with an establishment in this département (repeat for more).")
@click.option("--ess-only", is_flag=True, help="Only the units flagged ESS (economieSocialeSolidaireUniteLegale=O).")
@click.option("--in", "in_dir", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR, show_default=True,
              help="Build folder to link (its current build).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder the linked build is written to [default: IN, through the same atomic swap as build].")
@click.option("--review", type=click.Path(path_type=Path, dir_okay=False), default=Path("sirene-review.csv"),
              show_default=True, help="CSV of the candidates a steward reviews.")
@click.option("--decisions", type=click.Path(path_type=Path, dir_okay=False), default=DECISIONS_TABLE,
              show_default=True, help="Committed table of SIRENE decisions, read and extended.")
@click.option("--ids", "ids_file", type=click.Path(path_type=Path, dir_okay=False), default=IDS_TABLE, show_default=True,
              help="Table of minted identifiers the build used.")
@internal_errors
def link_sirene(unites: Path | None, etablissements: Path | None, online: bool, min_score: float, departements: tuple[str, ...],
                ess_only: bool, in_dir: Path, out_dir: Path | None, review: Path, decisions: Path, ids_file: Path) -> None:
    """Link the organisations of the build in IN to the Sirene stock files; write it to OUT.

    The build's source documents (those its build report lists, checked unchanged) are built again
    with the SIRENE linker, exactly as `essreg build --sirene-unites` does: the linked build has the
    same files. New links and cases to review join the decisions table (commit it: a clone without
    the stock files rebuilds the same links); the candidates to review are written to REVIEW.
    A build that fails replaces nothing.
    """
    from converters.link import linkers
    from converters.pipeline import build as run_build
    from essreg.cli import finish_build

    if unites is None and not online:
        raise click.UsageError("give --unites FILE (the Sirene stock) or --online")
    base_uri, paths = build_sources(in_dir)
    out = out_dir or in_dir
    try:
        ids = IdTable(ids_file)
    except ValueError as error:
        raise click.ClickException(str(error))
    linker = sirene_linker(unites, etablissements, min_score, review, ess_only, departements, decisions, online)
    try:
        chain = linkers(linker)  # reads the committed link tables (data/curation/, data/links/)
    except ConversionError as error:
        bad_input(error)
    cache = ConversionCache(in_dir / "conversion-cache", progress=_say)  # the conversions of the build in IN
    outcome = run_build(paths, out, base_uri, ids, progress=_say, chain=chain, cache=cache)
    finish_build(outcome, out, ids, linker, review)


def _registry_links(build_dir: Path, graph: str) -> tuple[dict[str, list], set[str]]:
    """SIREN -> the registry's organisations that carry it, and every SIREN/SIRET the registry
    describes as an identifier (in any graph but the backbone's)."""
    import pyoxigraph
    from rdflib import URIRef

    store = pyoxigraph.Store.read_only(str((build_dir / "store").resolve()))
    query = f"""PREFIX rov: <http://www.w3.org/ns/regorg#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT DISTINCT ?org ?n WHERE {{ GRAPH ?g {{ ?org rov:registration ?i . ?i skos:notation ?n ;
          dcterms:type <https://w3id.org/ess-poles/def/identifier-type/siren> }} FILTER(?g != <{graph}>) }}"""
    found: dict[str, list] = {}
    for row in store.query(query):
        found.setdefault(row["n"].value, []).append(URIRef(row["org"].value))
    identifiers = {row["n"].value for row in store.query(
        f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX adms: <http://www.w3.org/ns/adms#>
        SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ ?i a adms:Identifier ; skos:notation ?n }} FILTER(?g != <{graph}>) }}""")}
    del store
    return found, identifiers


@click.command("import-sirene")
@click.option("--unites", type=click.Path(path_type=Path, dir_okay=False, exists=True), required=True,
              help="Sirene stock file of legal units (StockUniteLegale: .csv, .gz or .zip).")
@click.option("--etablissements", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Sirene stock file of establishments (StockEtablissement): the units' sites.")
@click.option("--departement", "departements", multiple=True, metavar="CODE",
              help="Only the units with an establishment in this département, and those establishments (repeat for more).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=BUILD_DIR, show_default=True,
              help="Build folder whose current build receives the backbone graph (atomic swap).")
@click.option("--chunk", type=click.IntRange(100, 100_000), default=2000, show_default=True,
              help="Units (or establishments) validated against the shapes at once (sirene_backbone.CHUNK_UNITS).")
@click.option("--workers", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Processes validating chunks while the files are read.")
def import_sirene(unites: Path, etablissements: Path | None, departements: tuple[str, ...], out: Path, chunk: int,
                  workers: int) -> None:
    """Publish the ESS units of the Sirene stock files as organisations of the registry.

    Every unit flagged ESS (economieSocialeSolidaireUniteLegale=O), diffusible, active and not a
    natural person becomes an organisation at {base}id/siren/{SIREN} in the named graph
    {base}graph/sirene, with its establishments as sites; an organisation of the registry that
    carries the SIREN is owl:sameAs it. Read streaming, validated in chunks, then added to OUT's
    current build (a new build, swapped in atomically). Invalid SIREN/SIRET are reported, never
    published. Run it after `essreg build` or `essreg link-sirene`: a new build leaves it out.
    """
    import tempfile

    from converters.ids import Uris
    from converters.link.sirene_backbone import GRAPH, BackboneWriter
    from converters.publish_extra_graph import add_graph
    from rdflib import Graph

    bad = [d for d in departements if not _is_departement(d)]
    if bad:
        raise click.BadParameter(f"{', '.join(bad)}: not a département code (01..95, 2A, 2B, 971..976)")
    info_file = out / "build-info.json"
    if not info_file.exists():
        raise click.ClickException(f"{out}: no build here (no build-info.json); run `essreg build` first")
    build_dir = (out / "current").resolve()
    uris = Uris(json.loads(info_file.read_text(encoding="utf-8"))["base_uri"])
    name = str(uris.graph(GRAPH))
    known = set()
    reference = build_dir / "graph" / "reference.ttl"
    if reference.exists():
        known = set(Graph().parse(reference, format="turtle"))
    handle, temporary = tempfile.mkstemp(prefix=".sirene-", suffix=".nt.gz", dir=out)
    os.close(handle)
    try:
        linked, identifiers = _registry_links(build_dir, name)
        writer = BackboneWriter(uris, unites, etablissements, Path(temporary), departements, linked=linked,
                                known_triples=known, known_identifiers=identifiers, chunk=chunk, workers=workers,
                                progress=_say)
        try:
            report = writer.write()
        except (ConversionError, ValueError) as error:
            bad_input(error)
        for problem in report.invalid:
            click.echo(f"warning: {problem}", err=True)
        left = ", ".join(f"{n} {reason}" for reason, n in sorted(report.left_out.items()))
        _say(f"SIRENE backbone: {report.units} of {report.units_read} units, {report.establishments} of "
             f"{report.establishments_read} establishments, {report.same_as} owl:sameAs; left out: {left or 'none'}")
        if not report.conforms:
            for result in report.violations:
                click.echo(str(result), err=True)
            click.echo("error: the backbone does not conform to the shapes; nothing was replaced", err=True)
            sys.exit(EXIT_INVALID)
        summary = {"units": report.units, "establishments": report.establishments, "same_as": report.same_as,
                   "files": [p.name for p in (unites, etablissements) if p], "chunks": report.chunks,
                   "invalid_identifiers": len(report.invalid), "left_out": report.left_out}
        directory = add_graph(out, name, Path(temporary), report.triples, summary, progress=_say)
        _say(f"published {directory.name} with the graph {name} ({report.triples} triples)")
    finally:
        Path(temporary).unlink(missing_ok=True)
