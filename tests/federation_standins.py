"""SYNTHETIC stand-ins for INSEE's and Wikidata's SPARQL endpoints: local Oxigraph servers loaded
with data the project writes, shaped as the real services shape theirs. Not INSEE's data: every
URI (UUIDs), date and item number here is made up by this module, labelled "synthetic".

INSEE-shaped (graph http://rdf.insee.fr/graphes/geo/cog, as INSEE's own queries read it, see
converters/link/insee_uris.py): every version of a territory is a resource
http://id.insee.fr/geo/<type>/<uuid> with `igeo:codeINSEE` and `igeo:nom`; events
(`igeo:Evenement`... here a plain resource) carry `igeo:date` (xsd:date) and point with
`igeo:creation` to the versions they create and with `igeo:suppression` to those they end.

Wikidata-shaped: items http://www.wikidata.org/entity/Q<n> with `wdt:P31 wd:Q484170` (commune of
France), `wdt:P374` (INSEE code) and `wdt:P1616` (SIREN), as plain strings.
"""
from __future__ import annotations

import contextlib
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from test_endpoint import free_port, wait_for
from test_endpoint_server import oxigraph_command

COG = "http://rdf.insee.fr/graphes/geo/cog"
IGEO = "http://rdf.insee.fr/def/geo#"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
INSEE_TYPES = {"commune": "Commune", "arrondissement": "ArrondissementMunicipal", "departement": "Departement",
               "region": "Region", "intercommunalite": "Intercommunalite"}
PATHS = {"commune": "commune", "arrondissement": "arrondissementMunicipal", "departement": "departement",
         "region": "region", "intercommunalite": "intercommunalite"}


def synthetic_uri(kind: str, code: str, version: str) -> str:
    return f"http://id.insee.fr/geo/{PATHS[kind]}/{uuid.uuid5(uuid.NAMESPACE_URL, f'synthetic/{kind}/{code}/{version}')}"


@dataclass
class InseeStandIn:
    """The quads of the stand-in, and what a correct resolution must find in them."""

    lines: list[str] = field(default_factory=list)
    current: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, code) -> URI valid today
    former: dict[str, tuple[str, str]] = field(default_factory=dict)  # former commune code -> (its last URI, successor URI)

    def _version(self, kind: str, code: str, version: str, name: str) -> str:
        uri = synthetic_uri(kind, code, version)
        self.lines += [f"<{uri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{IGEO}{INSEE_TYPES[kind]}> <{COG}> .",
                       f'<{uri}> <{IGEO}codeINSEE> "{code}" <{COG}> .',
                       f'<{uri}> <{IGEO}nom> "{name} (synthetic)" <{COG}> .']
        return uri

    def _event(self, name: str, date: str, created: list[str], suppressed: list[str]) -> None:
        event = f"http://id.insee.fr/geo/evenement/{uuid.uuid5(uuid.NAMESPACE_URL, 'synthetic/' + name)}"
        self.lines.append(f'<{event}> <{IGEO}date> "{date}"^^<{XSD_DATE}> <{COG}> .')
        self.lines += [f"<{event}> <{IGEO}creation> <{uri}> <{COG}> ." for uri in created]
        self.lines += [f"<{event}> <{IGEO}suppression> <{uri}> <{COG}> ." for uri in suppressed]

    def place(self, kind: str, code: str, created: str | None = "1943-01-01") -> str:
        """A territory with one version, valid since `created` (None: no creation event)."""
        uri = self._version(kind, code, "current", f"{kind} {code}")
        if created:
            self._event(f"creation/{kind}/{code}", created, [uri], [])
        self.current[(kind, code)] = uri
        return uri

    def renamed(self, kind: str, code: str, date: str) -> str:
        """A territory renamed on `date`: an old version of the same code, suppressed then, and the
        current one created by the same event (a resolver must pick the version valid today)."""
        old = self._version(kind, code, "before-renaming", f"old name of {kind} {code}")
        new = self._version(kind, code, "current", f"{kind} {code}")
        self._event(f"renaming/{kind}/{code}", date, [new], [old])
        self.current[(kind, code)] = new
        return new

    def merger(self, code: str, formers: list[str], date: str) -> str:
        """A commune nouvelle (code `code`) created on `date` from the communes `formers` and the
        previous version of `code`: all suppressed by the event that creates the new version."""
        previous = self._version("commune", code, "before-merger", f"commune {code} before the merger")
        olds = [self._version("commune", old, "last", f"former commune {old}") for old in formers]
        new = self._version("commune", code, "current", f"commune nouvelle {code}")
        self._event(f"merger/{code}", date, [new], [previous, *olds])
        self.current[("commune", code)] = new
        for old, uri in zip(formers, olds):
            self.former[old] = (uri, new)
        return new

    def absorbed(self, code: str, into: str, date: str) -> str:
        """Commune `code` merged on `date` into a commune nouvelle `into` that keeps `into`'s code:
        a code our geography still lists as current, that INSEE says is not."""
        old = self._version("commune", code, "last", f"former commune {code}")
        previous = self._version("commune", into, "before-merger", f"commune {into} before the merger")
        new = self._version("commune", into, "current", f"commune nouvelle {into}")
        self._event(f"merger/{into}", date, [new], [old, previous])
        self.current[("commune", into)] = new
        self.former[code] = (old, new)
        return new

    def population(self, kind: str, code: str, year: str, total: int) -> None:
        """A legal population of the current version (INSEE's demo vocabulary: idemo:population to
        a idemo:PopulationLegale with idemo:populationTotale and idemo:date), in the default graph."""
        demo = "http://rdf.insee.fr/def/demo#"
        legal = f"http://id.insee.fr/demo/populationLegale/{kind}/{code}/{year}"
        self.lines += [f"<{self.current[(kind, code)]}> <{demo}population> <{legal}> .",
                       f"<{legal}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{demo}PopulationLegale> .",
                       f'<{legal}> <{demo}populationTotale> "{total}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
                       f'<{legal}> <{demo}date> "{year}"^^<http://www.w3.org/2001/XMLSchema#gYear> .']

    def nquads(self) -> str:
        return "# SYNTHETIC INSEE-shaped data written by tests/federation_standins.py\n" + "\n".join(self.lines) + "\n"


@dataclass
class WikidataStandIn:
    lines: list[str] = field(default_factory=list)
    items: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, code) -> item URI
    _next: int = 90_000_000  # synthetic item numbers

    def item(self, kind: str, code: str, record: bool = True, image: bool = False) -> str:
        self._next += 1
        uri = f"http://www.wikidata.org/entity/Q{self._next}"
        wdt = "http://www.wikidata.org/prop/direct/"
        if kind == "commune":
            self.lines += [f"<{uri}> <{wdt}P31> <http://www.wikidata.org/entity/Q484170> .",
                           f'<{uri}> <{wdt}P374> "{code}" .']
        else:
            self.lines += [f'<{uri}> <{wdt}P1616> "{code}" .']
        self.lines.append(f'<{uri}> <http://www.w3.org/2000/01/rdf-schema#label> "item {code} (synthetic)"@fr .')
        if image:
            self.lines.append(f"<{uri}> <{wdt}P18> <http://commons.wikimedia.org/wiki/Special:FilePath/Synthetic-{code}.jpg> .")
        if record:
            self.items[(kind, code)] = uri
        return uri

    def former_commune(self, code: str) -> None:
        """An item with the code that is not a commune of France today (a former commune)."""
        self._next += 1
        wdt = "http://www.wikidata.org/prop/direct/"
        self.lines += [f"<http://www.wikidata.org/entity/Q{self._next}> <{wdt}P31> <http://www.wikidata.org/entity/Q22927291> .",
                       f'<http://www.wikidata.org/entity/Q{self._next}> <{wdt}P374> "{code}" .']

    def nquads(self) -> str:
        return "# SYNTHETIC Wikidata-shaped data written by tests/federation_standins.py\n" + "\n".join(self.lines) + "\n"


@contextlib.contextmanager
def oxigraph_server(directory: Path, data: str, file_name: str = "data.nq", union: bool = False):
    """An Oxigraph server (PyPI `oxigraph`) loaded with `data` (N-Quads); yields its query URL.
    `union`: its default graph is the union of its graphs, as on INSEE's endpoint."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / file_name).write_text(data, encoding="utf-8")
    subprocess.run([oxigraph_command(), "load", "--location", directory / "db", "--file", directory / file_name],
                   check=True, capture_output=True, timeout=120)
    port = free_port()
    process = subprocess.Popen([oxigraph_command(), "serve-read-only", "--location", directory / "db",
                                "--bind", f"127.0.0.1:{port}", *(["--union-default-graph"] if union else [])], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=30)
