"""A synthetic registry N times the size of today's build, built through the real pipeline.

    PYTHONPATH=. .venv/bin/python benchmarks/synthetic_registry.py --size 10 --out /tmp/registry-10x

It generates **document-model objects** (converters.model: `Document`, `Pole`, `Organisation`,
`Membership`, `Figure`, `Address`...), not texts: reading texts costs tens of seconds per megabyte
of spaCy and is measured elsewhere (benchmarks/inputs.py, benchmarks/extraction.py). The documents
go through the real build from the document model on (converters.pipeline.build_documents: link,
resolve, mint ids, RDF, SHACL validation, publish), so the figures it prints are those of a build
with the conversion excepted.

Everything is labelled synthetic: documents `synthetic-NNNNN.txt`, poles "Pôle synthétique N ...",
organisations "... synthétique N-M", descriptions saying the data is fictitious. Poles and
organisations are placed in real communes drawn from all of France (data/reference/geo/), have
legal forms of the project's scheme (ontology/schemes/legal-forms.ttl), Luhn-valid SIREN numbers
(python-stdnum), memberships with roles, figures, themes, addresses. Deterministic for a seed.

Size 1 is about today's build of data/fiches (~14.9 k triples): `--size 10` gives ~149 k,
`--size 100` ~1.5 M. Prints triples and, stage by stage (publication file by file), the build's
wall-clock time, CPU time and memory: the resident set of this process (which does all the work,
SHACL validation included) at the end of the stage, and its peak so far.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rdflib import Graph  # noqa: E402
from rdflib.namespace import SKOS  # noqa: E402
from stdnum import luhn  # noqa: E402
from stdnum.fr import siren  # noqa: E402

from converters.ids import IdTable  # noqa: E402
from converters.link.geography import Match, get_geography  # noqa: E402
from converters.link.insee_geography import GeographyLinker  # noqa: E402
from converters.link.legal_categories import LegalCategoriesLinker  # noqa: E402
from converters.model import STATEMENT, Address, Document, Figure, Membership, Organisation, Pole, Theme  # noqa: E402
from converters.paths import SCHEMES_DIR  # noqa: E402
from converters.pipeline import DEFAULT_BASE_URI, Conversion, build_documents  # noqa: E402

TRIPLES_AT_SIZE_1 = 14_900  # `essreg build` of data/fiches (14,939 triples on 30 Nov 2026)
POLES_PER_DOCUMENT = 10  # a synthetic document lists ten poles (one named graph each ten poles)
TRIPLES_PER_POLE = 460  # measured: 100x gave 1.30 M triples with 2,980 poles (435 each, reference data included)
ROLES = ["member"] * 6 + ["founding-member"] * 2 + ["partner", "hosted", "funder"]
KINDS = ["Association", "Coopérative", "Scop", "Scic", "Mutuelle", "Régie", "Atelier", "Collectif"]
# The build's progress messages (converters.pipeline, converters.publish) and the stage each starts.
STAGES = [("linking", "link and resolve"), ("writing RDF", "RDF"), ("validating", "SHACL validation"),
          ("converting", "publish: to Oxigraph terms"), ("writing registry.nt.gz", "publish: registry.nt.gz"),
          ("writing registry.ttl", "publish: registry.ttl"), ("writing registry.trig", "publish: registry.trig"),
          ("writing the graphs' dumps", "publish: graph/*.ttl"), ("writing registry.jsonld", "publish: registry.jsonld"),
          ("loading the Oxigraph store", "publish: store"), ("writing registry.geojson", "publish: geojson, reports"),
          ("done", "done")]
STREETS = ["rue de la Coopération", "avenue de l'Économie sociale", "place de la Solidarité", "chemin des Communs"]


def concept_slugs(scheme_file: str) -> list[str]:
    """The concepts of one of the project's schemes, in order (the scheme files are the source)."""
    graph = Graph().parse(SCHEMES_DIR / scheme_file, format="turtle")
    return sorted(str(c).rsplit("/", 1)[1] for c in graph.subjects(SKOS.inScheme, None))


class SirenNumbers:
    """Distinct Luhn-valid SIREN numbers (checked with python-stdnum)."""

    def __init__(self, rng: random.Random):
        self.rng, self.seen = rng, set()

    def next(self) -> str:
        while True:
            body = f"{self.rng.randrange(10_000_000, 99_999_999):08d}"
            number = body + luhn.calc_check_digit(body)
            if number not in self.seen and siren.is_valid(number):
                self.seen.add(number)
                return number


def poles_for(size: float) -> int:
    return max(1, round(size * TRIPLES_AT_SIZE_1 / TRIPLES_PER_POLE))


def synthetic_documents(poles: int, seed: int = 0, per_document: int = POLES_PER_DOCUMENT) -> list[Document]:
    """`poles` synthetic poles (about 11 organisations each) in documents of `per_document` poles."""
    rng = random.Random(seed)
    geo = get_geography()
    # every commune of France in a département (the overseas collectivities, 975, 977, 978 and 98x, are in none)
    communes = [geo.get("commune", code) for code in sorted(geo._commune_rows)
                if not code.startswith(("975", "977", "978", "98"))]
    legal_forms = concept_slugs("legal-forms.ttl")
    themes = [s for s in concept_slugs("themes.ttl")]
    sirens = SirenNumbers(rng)
    documents = []
    for first in range(0, poles, per_document):
        numbers = range(first + 1, min(poles, first + per_document) + 1)
        documents.append(_document(len(documents) + 1, numbers, rng, geo, communes, legal_forms, themes, sirens))
    return documents


def _document(index, numbers, rng, geo, communes, legal_forms, themes, sirens) -> Document:
    stem = f"synthetic-{index:05d}"
    lines: list[str] = [f"Document synthétique {index} (données fictives générées pour les bancs d'essai)"]

    def line(text: str) -> int:
        lines.append(text)
        return len(lines)

    document = Document(path=Path(f"synthetic/{stem}.txt"), kind="synthetic", title=lines[0],
                        sha256=f"{index:064x}", line_count=0, nonempty_lines=set())
    for n in numbers:
        commune = rng.choice(communes)
        departement = geo.get("departement", geo.departement_of(commune))
        region = next((geo.get(k, c) for k, c in departement.parents if k == "region"), None) if departement else None
        name = f"Pôle synthétique {n} de {commune.name}"
        first = line(f"{name} ({commune.name}, {commune.code})")
        pole = Pole(key=f"pole-{n}", name=name, lines=[first], kind="ptce" if n % 3 == 0 else "pole",
                    name_lines=[first], places=[Match(commune, "synthetic")], territory_lines=[first],
                    region=region, created=rng.randrange(1995, 2025), created_lines=[first])
        if departement is not None:
            pole.places.append(Match(departement, "synthetic"))
        described = line(f"Pôle synthétique n° {n} : données fictives, générées pour mesurer le registre à grande échelle.")
        pole.description, pole.description_lines = lines[described - 1], [described]
        for slug in rng.sample(themes, 2):
            pole.themes.append(Theme(slug.replace("-", " "), slug, True, [line(f"Thème : {slug}")]))
        at = line(f"{rng.randrange(1, 200)} {rng.choice(STREETS)}, {(commune.postcodes or ('00000',))[0]} {commune.name}")
        pole.address = Address(lines[at - 1], lines[at - 1].split(",")[0], None, (commune.postcodes or (None,))[0],
                               commune.name, commune, [at])
        jobs = rng.randrange(2, 400)
        pole.figures.append(Figure("fte", Decimal(jobs), "fte", f"{jobs} ETP", [line(f"{jobs} ETP")], year=2024))
        members = rng.randrange(5, 40)
        pole.figures.append(Figure("members", Decimal(members), "organisation", f"{members} membres",
                                   [line(f"{members} membres")]))
        for m in range(1, rng.randrange(8, 14)):
            org_commune = commune if m == 1 else rng.choice(communes)
            form = rng.choice(legal_forms)
            number = sirens.next()
            org_name = f"{rng.choice(KINDS)} synthétique {n}-{m}"
            at = line(f"{org_name}, {form}, SIREN {number}, {org_commune.name}")
            org = Organisation(key=f"pole-{n}/org-{m}", name=org_name, lines={at}, legal_forms=[form],
                               legal_form_texts=[form.replace("-", " ")], registrations=[("siren", number)],
                               places=[org_commune], seat=org_commune, seat_lines=[at],
                               created=rng.randrange(1950, 2025))
            if m % 4 == 0:
                staff = rng.randrange(1, 80)
                org.figures.append(Figure("employees", Decimal(staff), "person", f"{staff} salariés", [at]))
            document.organisations[org.key] = org
            pole.memberships.append(Membership(org.key, "coordinator" if m == 1 else rng.choice(ROLES), [at]))
        document.poles.append(pole)
    document.source_lines = tuple(lines)
    document.line_count = len(lines)
    document.nonempty_lines = set(range(1, len(lines) + 1))
    document.use(document.nonempty_lines, STATEMENT)
    return document


def cpu_seconds() -> float:
    """CPU time of this process (user and system): on a busy machine, what the build itself cost."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The resident set of this process now (Linux)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return float("nan")


def stage_of(message: str) -> str:
    return next((name for prefix, name in STAGES if message.startswith(prefix)), "publish: other")


def build_synthetic(size: float, out: Path | None, base_uri: str = DEFAULT_BASE_URI, seed: int = 0,
                    ids_path: Path | None = None, validation: str = "auto", say=print) -> dict:
    """Generate a registry of `size` times today's and build it (into `out` when given); the
    figures of the build: triples, seconds by stage, peak memory in MB."""
    started = time.monotonic()
    documents = synthetic_documents(poles_for(size), seed)
    generated, cpu_before = time.monotonic(), cpu_seconds()
    stamps: list[tuple[float, float, str]] = []  # wall clock, CPU, message
    ends: list[tuple[float, float]] = []  # RSS and peak RSS when the next message came

    def progress(message: str) -> None:
        if stamps:
            ends.append((rss_mb(), peak_rss_mb()))
        stamps.append((time.monotonic(), cpu_seconds(), message))
        say(f"  [{time.monotonic() - generated:7.1f} s] {message}")

    # The linkers of every build but SIRENE: there is no Sirene stock for synthetic organisations.
    chain = [GeographyLinker(), LegalCategoriesLinker()]
    ids = IdTable(ids_path)  # never the committed table: a benchmark mints nothing into data/ids.tsv
    outcome = build_documents(Conversion(documents), out, base_uri, ids, progress=progress, chain=chain,
                              started=generated, validation=validation)
    done, cpu = time.monotonic(), cpu_seconds() - cpu_before
    ends.append((rss_mb(), peak_rss_mb()))
    stages: dict[str, dict] = {}  # stage -> wall clock, CPU, RSS at its end, peak RSS by its end
    for (t0, c0, message), (t1, c1, _), (rss, peak) in zip(stamps, stamps[1:] + [(done, cpu_seconds(), "")], ends):
        figures = stages.setdefault(stage_of(message), {"wall_s": 0.0, "cpu_s": 0.0})
        figures["wall_s"] = round(figures["wall_s"] + t1 - t0, 2)
        figures["cpu_s"] = round(figures["cpu_s"] + c1 - c0, 2)
        figures["rss_mb"], figures["peak_rss_mb"] = round(rss), round(peak)
    stages.pop("done", None)
    triples = sum(len(outcome.dataset.graph(name)) for name in outcome.public) if outcome.dataset else 0
    return {
        "size": size, "documents": len(documents), "poles": sum(len(d.poles) for d in documents),
        "organisations": sum(len(d.organisations) for d in documents),
        "memberships": sum(len(p.memberships) for d in documents for p in d.poles),
        "triples_in_graphs": triples, "exit_code": outcome.exit_code,
        "violations": len(outcome.report.violations) if outcome.report else None,
        "generation_s": round(generated - started, 2), "build_s": round(done - generated, 2), "cpu_s": round(cpu, 1),
        "stages_s": {name: f["wall_s"] for name, f in stages.items()}, "stages": stages,
        "peak_rss_mb": round(peak_rss_mb()), "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=10, help="times today's build (1, 10, 100)")
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one, removed)")
    parser.add_argument("--base-uri", default=DEFAULT_BASE_URI)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--validation", choices=["auto", "whole", "chunked"], default="auto",
                        help="SHACL over the whole graph or in bounded chunks (auto: chunks beyond a size)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="essreg-synthetic-") as scratch:
        out = args.out or Path(scratch) / "build"
        figures = build_synthetic(args.size, out, args.base_uri, args.seed, Path(scratch) / "ids.tsv",
                                  args.validation)
        figures.pop("outcome")
        info_file = out / "current" / "build-info.json"
        if info_file.exists():
            figures["triples_published"] = json.loads(info_file.read_text()).get("triples")
    print(f"size {figures['size']}×: {figures['documents']} documents, {figures['poles']} poles, "
          f"{figures['organisations']} organisations, {figures['memberships']} memberships")
    print(f"  triples (public graphs): {figures['triples_in_graphs']}; published: {figures.get('triples_published')}")
    print(f"  generation {figures['generation_s']} s (not part of the build); build {figures['build_s']} s "
          f"({figures['cpu_s']} s of CPU); "
          f"peak memory {figures['peak_rss_mb']} MB; exit code {figures['exit_code']}, "
          f"{figures['violations']} violations")
    print(f"  {'stage':<28}{'wall clock':>12}{'CPU':>10}{'RSS at end':>12}{'peak RSS':>10}")
    for name, f in figures["stages"].items():
        print(f"  {name:<28}{f['wall_s']:>10.1f} s{f['cpu_s']:>8.1f} s{f['rss_mb']:>9} MB{f['peak_rss_mb']:>7} MB")
    print(f"  load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min; "
          f"{os.cpu_count()} cores)")
    if args.json:
        print(json.dumps(figures))
    sys.exit(0 if figures["exit_code"] == 0 else 1)


if __name__ == "__main__":
    main()
