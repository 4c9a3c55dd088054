"""SIRENE online: candidate units from the public API recherche-entreprises (DINUM) instead of the
stock files, for the SIRENE linker (converters.link.sirene). Off by default (`essreg build
--sirene-online`, `essreg link-sirene --online`), never used by the tests against the real service.

One GET per name of an organisation (and département, when known):
https://recherche-entreprises.api.gouv.fr/search?q=NAME&departement=DD&per_page=10, at most `rate`
requests per second, waiting what a 429 answer's Retry-After says. Answers are cached in a
committed JSON file (data/curation/sirene-online-cache.json), keyed by the request: a rebuild asks
nothing twice, and a clone rebuilds without the network. The cache keeps only what the linker
reads (SIREN, names, category, NAF, ESS flag, state, establishments' SIRET and commune): no
managers' names, and no entrepreneur individuel at all.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..errors import ConversionError
from ..paths import DATA_DIR
from .sirene_stock import Establishment, Unit

API = "https://recherche-entreprises.api.gouv.fr/search"
CACHE = DATA_DIR / "curation" / "sirene-online-cache.json"
USER_AGENT = "ess-poles-registry (SIRENE linker; https://w3id.org/ess-poles)"


class SireneOnlineError(ConversionError, ValueError):
    """The API answered with an error, or not at all; str() names the request."""


def _kept(result: dict) -> dict | None:
    """What the cache keeps of one result, or None for a natural person."""
    complements = result.get("complements") or {}
    category = str(result.get("nature_juridique") or "")
    if complements.get("est_entrepreneur_individuel") or category.startswith("1"):
        return None

    def establishment(e: dict, head: bool) -> dict:
        return {"siret": e.get("siret") or "", "commune": e.get("commune") or "", "code_postal": e.get("code_postal") or "",
                "etat_administratif": e.get("etat_administratif") or "A", "siege": head}

    sites = [establishment(result.get("siege") or {}, True)] if result.get("siege") else []
    sites += [establishment(e, False) for e in result.get("matching_etablissements") or []
              if e.get("siret") not in {s["siret"] for s in sites}]
    return {"siren": result.get("siren") or "", "nom_complet": result.get("nom_complet") or "",
            "nom_raison_sociale": result.get("nom_raison_sociale") or "", "sigle": result.get("sigle") or "",
            "nature_juridique": category, "activite_principale": result.get("activite_principale") or "",
            "etat_administratif": result.get("etat_administratif") or "A",
            "statut_diffusion": result.get("statut_diffusion") or "O",
            "est_ess": bool(complements.get("est_ess")), "etablissements": sites}


def unit_of(result: dict) -> Unit:
    names = tuple(dict.fromkeys(n for n in (result["nom_raison_sociale"], result["nom_complet"]) if n))
    return Unit(siren=result["siren"], names=names, sigle=result["sigle"], category=result["nature_juridique"],
                naf=result["activite_principale"], ess=result["est_ess"], active=result["etat_administratif"] == "A",
                diffusible=result["statut_diffusion"] == "O", natural_person=False,
                establishments=[Establishment(e["siret"], e["commune"], e["code_postal"], e["siege"],
                                              e["etat_administratif"] == "A") for e in result["etablissements"]])


class OnlineSirene:
    """The API, politely, through the cache."""

    def __init__(self, base_url: str = API, cache: Path | None = CACHE, rate: float = 5.0, timeout: float = 20.0,
                 retries: int = 3):
        self.base_url, self.cache_path, self.rate, self.timeout, self.retries = base_url, cache, rate, timeout, retries
        self.cache: dict[str, list[dict]] = {}
        if cache is not None and Path(cache).exists():
            try:
                self.cache = json.loads(Path(cache).read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                raise SireneOnlineError(cache, f"not JSON: {error.msg}", error.lineno) from error
        self.requests = 0
        self.changed = False
        self._last = 0.0

    def search(self, query: str, departement: str | None = None) -> list[dict]:
        params = {"q": query, "per_page": "10"}
        if departement:
            params["departement"] = departement
        key = urllib.parse.urlencode(sorted(params.items()))
        if key not in self.cache:
            answer = self._get(f"{self.base_url}?{key}")
            self.cache[key] = [kept for kept in map(_kept, answer.get("results") or []) if kept]
            self.changed = True
        return self.cache[key]

    def _get(self, url: str) -> dict:
        for attempt in range(self.retries + 1):
            wait = self._last + 1.0 / self.rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                if error.code == 429 and attempt < self.retries:
                    retry_after = error.headers.get("Retry-After", "1")
                    time.sleep(min(float(retry_after) if retry_after.replace(".", "", 1).isdigit() else 1.0, 60.0))
                    continue
                raise SireneOnlineError(url, f"HTTP {error.code} {error.reason}") from error
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                raise SireneOnlineError(url, f"no answer: {getattr(error, 'reason', error)}") from error
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                raise SireneOnlineError(url, f"the answer is not JSON: {error}") from error
        raise SireneOnlineError(url, "still 429 Too Many Requests after retrying")

    def units(self, subjects) -> dict[str, Unit]:
        """Candidate units for the subjects (organisations of the documents): every name searched,
        in each of its départements (or nationally when it has none)."""
        found: dict[str, Unit] = {}
        for subject in subjects:
            for name in subject.names:
                for departement in sorted(subject.departements) or [None]:
                    for result in self.search(name, departement):
                        found.setdefault(result["siren"], unit_of(result))
        return found

    def save(self) -> bool:
        """Write the cache (sorted, so that a diff shows what is new); True when it changed."""
        if not self.changed or self.cache_path is None:
            return False
        path = Path(self.cache_path)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.cache, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        temporary.replace(path)
        self.changed = False
        return True
