"""Streaming reader of INSEE's Sirene stock files (StockUniteLegale, StockEtablissement).

The files are CSV with a header of INSEE's column names (siren, denominationUniteLegale, ...),
plain, gzipped (.gz) or zipped (.zip, the CSV inside: INSEE distributes them so). They are read one
row at a time and only the rows that pass the filters are kept, so memory grows with what is kept
(the candidates of the registry's organisations), never with the national file:

- `ess_only`: units whose `economieSocialeSolidaireUniteLegale` is "O";
- `departements`: units with an establishment in one of these départements;
- `wanted`: a test of a unit's names (the linker keeps the units that share a word with an
  organisation of the documents).

Units come back as `Unit`, with their establishments (`Establishment`) attached.
"""
from __future__ import annotations

import csv
import gzip
import io
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..errors import ConversionError

UNIT_NAME_COLUMNS = ("denominationUniteLegale", "sigleUniteLegale", "denominationUsuelle1UniteLegale",
                     "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale")
ESTABLISHMENT_NAME_COLUMNS = ("enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement",
                              "denominationUsuelleEtablissement")
NOT_DIFFUSED = "[ND]"  # what INSEE writes in the name fields of a unit that is not diffusible


class SireneFileError(ConversionError, ValueError):
    """A stock file that cannot be read (missing column, not a CSV); str() is "file:line: ..."."""


@dataclass
class Establishment:
    siret: str
    commune: str  # codeCommuneEtablissement (INSEE code)
    postcode: str
    head_office: bool  # etablissementSiege
    active: bool  # etatAdministratifEtablissement == "A"
    names: tuple[str, ...] = ()  # enseignes, usual name


@dataclass
class Unit:
    siren: str
    names: tuple[str, ...]  # denomination first, then usual names (sigle apart)
    sigle: str
    category: str  # categorieJuridiqueUniteLegale
    naf: str
    ess: bool
    active: bool  # etatAdministratifUniteLegale == "A"
    diffusible: bool  # statutDiffusionUniteLegale == "O"
    natural_person: bool  # an entrepreneur individuel (category 1xxx, or a nomUniteLegale without denomination)
    establishments: list[Establishment] = field(default_factory=list)

    @property
    def publishable(self) -> bool:
        return self.diffusible and not self.natural_person


@contextmanager
def open_stock(path: Path | str):
    """A text handle on a stock file: plain CSV, .gz, or .zip (its first .csv member)."""
    path = Path(path)
    try:
        if path.suffix == ".gz":
            handle = gzip.open(path, "rt", encoding="utf-8", newline="")
        elif path.suffix == ".zip":
            archive = zipfile.ZipFile(path)
            members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not members:
                raise SireneFileError(path, "no .csv file in this archive")
            handle = io.TextIOWrapper(archive.open(members[0]), encoding="utf-8", newline="")
        else:
            handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise SireneFileError(path, f"cannot read: {error.strerror or error}") from error
    except zipfile.BadZipFile as error:
        raise SireneFileError(path, f"not a zip archive: {error}") from error
    with handle:
        yield handle


def rows(path: Path | str, required: Iterable[str]) -> Iterator[dict[str, str]]:
    """The rows of a stock file, one at a time, as dicts (checked header)."""
    with open_stock(path) as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
            missing = [c for c in required if c not in header]
            if missing:
                raise SireneFileError(path, f"not a Sirene stock file: no column {', '.join(missing)}", 1)
            yield from reader
        except (csv.Error, UnicodeDecodeError) as error:
            raise SireneFileError(path, str(error), reader.line_num) from error


def departement_of_commune(code: str) -> str:
    """The département (or collectivité d'outre-mer: 975-989) of a commune code, as
    Geography.departement_of gives it."""
    if code.startswith(("97", "98")):
        return code[:3]
    return code[:2]


def _names(row: dict[str, str], columns) -> tuple[str, ...]:
    out = []
    for column in columns:
        value = (row.get(column) or "").strip()
        if value and value != NOT_DIFFUSED and value not in out:
            out.append(value)
    return tuple(out)


def read_units(path: Path | str, ess_only: bool = False,
               wanted: Callable[[tuple[str, ...]], bool] | None = None, also: set[str] = frozenset()) -> dict[str, Unit]:
    """The units of a StockUniteLegale file that pass the filters, by SIREN (`also`: SIRENs kept
    whatever their names)."""
    units: dict[str, Unit] = {}
    for row in rows(path, ("siren", "denominationUniteLegale", "categorieJuridiqueUniteLegale")):
        ess = (row.get("economieSocialeSolidaireUniteLegale") or "").strip() == "O"
        if ess_only and not ess:
            continue
        siren = row["siren"].strip()
        names = _names(row, ("denominationUniteLegale", "denominationUsuelle1UniteLegale",
                             "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale"))
        sigle = (row.get("sigleUniteLegale") or "").strip()
        sigle = "" if sigle == NOT_DIFFUSED else sigle
        if wanted is not None and siren not in also and not wanted(names + ((sigle,) if sigle else ())):
            continue
        category = (row.get("categorieJuridiqueUniteLegale") or "").strip()
        person = category.startswith("1") or (bool((row.get("nomUniteLegale") or "").strip()) and not names)
        units[siren] = Unit(
            siren=siren, names=names, sigle=sigle, category=category,
            naf=(row.get("activitePrincipaleUniteLegale") or "").strip(), ess=ess,
            active=(row.get("etatAdministratifUniteLegale") or "A").strip() == "A",
            diffusible=(row.get("statutDiffusionUniteLegale") or "O").strip() == "O",
            natural_person=person)
    return units


ESTABLISHMENT_COLUMNS = ("siret", "siren", "codeCommuneEtablissement")


def attach_establishments(path: Path | str, units: dict[str, Unit]) -> None:
    """Attach to `units` their establishments of a StockEtablissement file (others are skipped)."""
    for row in rows(path, ESTABLISHMENT_COLUMNS):
        siren = row["siren"].strip()
        if siren not in units:
            continue
        units[siren].establishments.append(Establishment(
            siret=row["siret"].strip(), commune=(row.get("codeCommuneEtablissement") or "").strip(),
            postcode=(row.get("codePostalEtablissement") or "").strip(),
            head_office=(row.get("etablissementSiege") or "").strip().lower() == "true",
            active=(row.get("etatAdministratifEtablissement") or "A").strip() == "A",
            names=_names(row, ESTABLISHMENT_NAME_COLUMNS)))


def read_stock(units_path: Path | str, establishments_path: Path | str | None = None, ess_only: bool = False,
               departements: Iterable[str] = (), wanted: Callable[[tuple[str, ...]], bool] | None = None
               ) -> dict[str, Unit]:
    """Units (with their establishments when that file is given) that pass every filter.

    Three streaming passes at most: the establishments whose enseigne is wanted (their SIRENs),
    the units whose names are wanted (or whose establishment's are), then their establishments.
    Memory holds the units kept and their establishments only."""
    also: set[str] = set()
    if establishments_path and wanted is not None:
        for row in rows(establishments_path, ESTABLISHMENT_COLUMNS):
            names = _names(row, ESTABLISHMENT_NAME_COLUMNS)
            if names and wanted(names):
                also.add(row["siren"].strip())
    units = read_units(units_path, ess_only=ess_only, wanted=wanted, also=also)
    if establishments_path:
        attach_establishments(establishments_path, units)
    depts = set(departements)
    if depts:
        units = {s: u for s, u in units.items()
                 if any(departement_of_commune(e.commune) in depts for e in u.establishments)}
    return units
