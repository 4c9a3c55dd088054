"""What the online enrichments share: their committed cache files, the places and SIRENs of a
build they look up, and SPARQLWrapper queries to a public endpoint.

`essreg enrich-insee` and `essreg enrich-wikidata` are the only code that goes online; they write
a cache (data/links/*.tsv, committed) that the linkers read at build time, so that builds stay
offline and reproducible. A cache row is only ever an answer the endpoint gave: nothing guessed.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..errors import ConversionError
from ..paths import DATA_DIR

LINKS_DIR = DATA_DIR / "links"
USER_AGENT = ("ess-poles-registry/0.1 (linked-data registry of the French ESS poles;"
              " https://w3id.org/ess-poles/) SPARQLWrapper")
QUERY_BATCH = 100  # codes per VALUES block: short enough for a GET, few enough requests


class EnrichmentError(Exception):
    """The endpoint could not be asked or did not answer (the message says which and why)."""


class LinkTableError(ConversionError, ValueError):
    """A damaged line of a committed cache (a hand edit, a bad merge); str() is "file:line: ...".
    A build meeting one stops as for bad input: nothing is published from a doubtful link."""


def is_iri(value: str) -> bool:
    """An absolute http(s) IRI without the characters an IRI cannot hold."""
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not re.search(r'[\s<>"{}|\\^`]', value)


Check = Callable[[dict[str, str]], str | None]  # a row -> what is wrong with it, or None


@dataclass(frozen=True)
class Cache:
    """A TSV file: comment lines (#) saying where the rows come from, a header, rows; `checks`
    are run on every row when it is read, so a damaged file is refused with its line."""

    path: Path
    columns: tuple[str, ...]
    checks: tuple[Check, ...] = ()

    def read(self) -> list[dict[str, str]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8", newline="") as handle:
            lines = [(number, line) for number, line in enumerate(handle, 1) if not line.startswith("#")]
        if not lines:
            return []
        header_line, header = lines[0]
        if tuple(header.rstrip("\r\n").split("\t")) != self.columns:
            raise LinkTableError(self.path, f"expected the columns {', '.join(self.columns)}, found {header.strip()!r}",
                                 header_line)
        rows = []
        for number, line in lines[1:]:
            if not line.strip():
                continue
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) != len(self.columns):
                raise LinkTableError(self.path, f"expected {len(self.columns)} tab-separated fields, found {len(fields)}",
                                     number)
            row = dict(zip(self.columns, fields))
            for check in self.checks:
                if (problem := check(row)) is not None:
                    raise LinkTableError(self.path, problem, number)
            rows.append(row)
        return rows

    def write(self, rows: list[dict[str, str]], comment: list[str]) -> None:
        """Sorted rows, written atomically (a half-written cache would be read by builds)."""
        out = io.StringIO()
        for line in comment:
            out.write(f"# {line}\n")
        writer = csv.DictWriter(out, fieldnames=self.columns, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in sorted(rows, key=lambda r: tuple(r[c] for c in self.columns)):
            writer.writerow(row)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_text(out.getvalue(), encoding="utf-8")
        temporary.replace(self.path)


def select(endpoint: str, query: str, timeout: float = 60) -> list[dict[str, str]]:
    """The rows of a SELECT, each a dict of plain values (unbound variables left out)."""
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setMethod(POST)  # a VALUES block of a hundred codes is long for a URL
    client.setReturnFormat(JSON)
    client.setTimeout(int(timeout))
    client.setQuery(query)
    try:
        answer = client.queryAndConvert()
    except SPARQLWrapperException as error:
        raise EnrichmentError(f"{endpoint}: {error}") from None
    except OSError as error:  # refused, unreachable, timed out (urllib's errors are OSErrors)
        raise EnrichmentError(f"{endpoint}: {error}") from None
    except ValueError as error:  # not SPARQL JSON results
        raise EnrichmentError(f"{endpoint}: the answer is not SPARQL JSON results ({error})") from None
    return [{name: value["value"] for name, value in row.items()} for row in answer["results"]["bindings"]]


def batches(items: list[str], size: int = QUERY_BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def literal_values(codes: list[str]) -> str:
    """A VALUES list of plain strings; codes are checked first, so nothing needs escaping."""
    for code in codes:
        if not code.isalnum():
            raise ValueError(f"not a code: {code!r}")
    return " ".join(f'"{code}"' for code in codes)


# --- what a build refers to ---------------------------------------------------------------------

PLACE_TYPES = {  # the registry's place classes (igeo) and the kinds the cache names them by
    "Commune": "commune",
    "ArrondissementMunicipal": "arrondissement",
    "Departement": "departement",
    "CollectiviteDOutreMer": "collectivite",
    "Region": "region",
    "Intercommunalite": "intercommunalite",
}

_BUILD_PLACES = """
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX ess: <https://w3id.org/ess-poles/def#>
SELECT DISTINCT ?type ?code WHERE {
  ?place a ?class ; igeo:codeINSEE ?code .
  FILTER NOT EXISTS { ?place a ess:FormerRegion }
  VALUES (?class ?type) { %s }
}"""

_BUILD_SIRENS = """
PREFIX rov: <http://www.w3.org/ns/regorg#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?siren WHERE {
  ?organisation rov:registration/skos:notation ?siren FILTER(REGEX(STR(?siren), "^[0-9]{9}$"))
}"""


def build_store(build_dir: Path):
    """The Oxigraph store of the build in `build_dir` (`essreg build --out`), read-only."""
    import pyoxigraph

    for candidate in (build_dir / "current" / "store", build_dir / "store"):
        if candidate.is_dir():
            return pyoxigraph.Store.read_only(str(candidate))
    raise FileNotFoundError(f"{build_dir}: no build here; run `essreg build` first")


def build_places(build_dir: Path) -> list[tuple[str, str]]:
    """(kind, INSEE code) of every commune, arrondissement, département, collectivité d'outre-mer,
    région (current) and intercommunality (EPCI and EPT: their SIREN is their code) the build's registry holds."""
    values = " ".join(f"(<http://rdf.insee.fr/def/geo#{cls}> \"{kind}\")" for cls, kind in PLACE_TYPES.items())
    store = build_store(build_dir)
    return sorted({(row["type"].value, row["code"].value) for row in store.query(_BUILD_PLACES % values)})


def build_sirens(build_dir: Path) -> list[str]:
    """The SIRENs of the build's organisations (rov:registration; SIRETs are left out)."""
    return sorted({row["siren"].value for row in build_store(build_dir).query(_BUILD_SIRENS)})
