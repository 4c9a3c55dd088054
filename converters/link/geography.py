"""Offline INSEE geography: resolve the place names and codes written in the fiches.

The data is the committed extract in data/reference/geo/ (see its README.md; regenerate it with
``python -m converters.link.refresh_geography``). Every resolver returns a ``Match``: a place and
how it was found, or no place and why (with the candidates when the name is ambiguous). Names are
compared after ``folding.name_key`` (accents, case, apostrophes, hyphens, St/Ste); nothing is fuzzy.
The few rules that go beyond an exact name are listed in ``Geography.commune`` and are always
spelt out in ``Match.method``.
"""

from __future__ import annotations

import csv
import gc
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..folding import name_key, strip_article, tidy

GEO_DIR = Path(__file__).resolve().parents[2] / "data" / "reference" / "geo"


@dataclass(frozen=True)
class Place:
    # "commune", "arrondissement", "departement", "collectivite" (d'outre-mer), "region",
    # "former-region", "epci" or "ept"
    kind: str
    code: str  # INSEE code; SIREN for EPCI and EPT
    name: str  # official name, with accents
    parents: tuple[tuple[str, str], ...]  # direct parents as (kind, code)
    postcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    place: Place | None  # None when unresolved or ambiguous
    method: str  # how it was found (or what was tried)
    candidates: tuple[Place, ...] = ()  # when ambiguous
    problem: str | None = None  # why it is unresolved or ambiguous

    def __bool__(self) -> bool:
        return self.place is not None


# A commune's département, or the collectivité d'outre-mer (COM: 975, 977, 978, 984, 986-989) a
# commune of a COM belongs to instead: the COG gives both the same code space (the first 2-3
# digits of the commune's code), so a context "in département X" means "in X" for either. A COM is
# no département and lies in no région (INSEE's igeo:CollectiviteDOutreMer).
DEPARTEMENT_KINDS = ("departement", "collectivite")


def _unresolved(method: str, problem: str, candidates: Iterable[Place] = ()) -> Match:
    return Match(None, method, tuple(candidates), problem)


def place_label(place: Place) -> str:
    return f"{place.name} ({place.code})"


def place_labels(places: Iterable[Place]) -> str:
    return ", ".join(place_label(p) for p in places)


def unique(items: Iterable) -> list:
    """Without duplicates, in first-seen order."""
    return list(dict.fromkeys(items))


# Words that may complete a short town name: "Romans" for Romans-sur-Isère, "Châlons" for
# Châlons-en-Champagne. Folded, so "lès" is "les".
_CONNECTORS = {"sur", "sous", "en", "les", "le", "la", "de", "du", "des", "d", "l", "aux", "au"}
_ARRONDISSEMENT_CITIES = {"paris": "75056", "marseille": "13055", "lyon": "69123"}
_ORDINAL = r"(\d{1,2}) ?(?:er|ere|re|e|eme|ieme|em|me)?"
_ARR_NAME = re.compile(rf"^(paris|marseille|lyon) {_ORDINAL}(?: arrondissement| arrdt| arr)?$")
_ARR_NAME_REVERSED = re.compile(rf"^{_ORDINAL} arrondissement (?:de )?(paris|marseille|lyon)$")
CEDEX = re.compile(r"\s+cedex(?:\s*\d{1,3})?\s*$", re.IGNORECASE)
_TOWN_PREFIX = re.compile(r"^(?:ville|commune|mairie) (?:du |des |de |d )")  # keeps "la"

# EPCI / EPT: how the text names a type, and the package's type codes.
_EPCI_TYPE_WORDS = [  # folded, longest first
    ("communaute d agglomeration", "CA"), ("communaute d agglo", "CA"),
    ("communaute de communes", "CC"), ("communaute urbaine", "CU"),
    ("etablissement public territorial", "EPT"), ("metropole", "METRO"),
    ("agglomeration", "CA"), ("agglo", "CA"), ("communaute", ""),
    ("ca", "CA"), ("cc", "CC"), ("cu", "CU"), ("ept", "EPT"), ("territoire", "EPT"),
]
# The usual names put the type last ("Saint-Flour Communauté", "Vienne Condrieu Agglomération")
_EPCI_TRAILING_WORDS = [(words, code) for words, code in _EPCI_TYPE_WORDS
                        if words in ("agglomeration", "agglo", "communaute", "metropole")]
_EPCI_TYPE_NAMES = {"CA": "communauté d'agglomération", "CC": "communauté de communes",
                    "CU": "communauté urbaine", "METRO": "métropole", "MET69": "métropole",
                    "EPT": "établissement public territorial"}
_LEADING_LINKS = ("de la ", "de l ", "du ", "des ", "de ", "d ", "la ", "le ", "les ", "l ")
_REGION_ALIASES = {  # folded common short forms
    "paca": ("region", "93"), "idf": ("region", "11"), "aura": ("region", "84"),
    "bfc": ("region", "27"), "hdf": ("region", "32"), "npdc": ("former-region", "31"),
    "pays de loire": ("region", "52"), "provence alpes cote azur": ("region", "93"),
}


def _strip_links(key: str) -> str:
    for link in _LEADING_LINKS:
        if key.startswith(link) and len(key) > len(link):
            return key[len(link):]
    return key


def _epci_type_and_core(key: str) -> tuple[str, str]:
    """Split a folded EPCI name into (type code or "", core name): "ca du pays voironnais" ->
    ("CA", "pays voironnais"). Type words are stripped repeatedly ("CA Communauté
    Paris-Saclay")."""
    key = strip_article(key)
    kind = ""
    stripped = True
    while stripped:
        stripped = False
        for words, code in _EPCI_TYPE_WORDS:
            if key.startswith(words + " "):
                key, kind, stripped = key[len(words) + 1:], kind or code, True
                break
        key = _strip_links(key) if stripped else key
    return kind, key


class Geography:
    """The extract, indexed for lookups. Use ``get_geography()`` for the shared instance.

    Commune ``Place`` objects are built on first use: creating 35,000 frozen dataclasses would
    double the load time. The indexes hold INSEE codes.
    """

    def __init__(self, directory: Path = GEO_DIR):
        self.directory = Path(directory)
        self._places: dict[tuple[str, str], Place] = {}
        # code -> (nom, département, EPCI, EPT, postal codes)
        self._commune_rows: dict[str, tuple[str, str, str, str, str]] = {}
        self._population: dict[str, int] = {}  # commune code -> legal population
        self._communes_by_key: dict[str, list[str]] = defaultdict(list)
        self._key_of_commune: dict[str, str] = {}  # code -> name_key of its name
        self._communes_by_first_word: dict[str, list[str]] = defaultdict(list)
        self._communes_by_bare_key: dict[str, list[str]] = defaultdict(list)  # without article
        # former names (déléguées / associées): key -> [(name, code, type, today's commune)]
        self._former_by_key: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        self._former_by_bare_key: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        self._former_codes: dict[str, tuple[str, str]] = {}  # former code -> (how, commune code)
        self._by_postcode: dict[str, list[str]] = defaultdict(list)  # postcode -> commune codes
        self._arrondissements_by_postcode: dict[str, list[Place]] = defaultdict(list)
        self._arrondissements: dict[tuple[str, int], Place] = {}  # (city code, number)
        self._arrondissements_of: dict[str, list[Place]] = defaultdict(list)
        self._communes_of_departement: dict[str, list[str]] = defaultdict(list)
        self._departements_of_region: dict[str, list[str]] = defaultdict(list)
        self._departement_keys: dict[str, Place] = {}  # départements and collectivités d'outre-mer
        self._collectivite_codes: set[str] = set()
        self._region_keys: dict[str, Place] = {}
        self._former_regions: dict[str, tuple[Place, set[str]]] = {}  # code -> (place, deps)
        self._epci_keys: dict[str, list[Place]] = defaultdict(list)
        self._epci_types: dict[str, str] = {}
        self._epci_departements: dict[str, set[str]] = defaultdict(set)  # of their members
        self._epci_of_ept: dict[str, set[str]] = defaultdict(set)
        gc_was_enabled = gc.isenabled()
        gc.disable()  # the collector would walk the growing indexes again and again (~25% of load)
        try:
            self._load()
        finally:
            if gc_was_enabled:
                gc.enable()

    # ----------------------------------------------------------------------------- loading
    def _rows(self, name: str) -> list[dict[str, str]]:
        with open(self.directory / name, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            return [dict(zip(header, row)) for row in reader]  # faster than csv.DictReader

    def _add(self, place: Place) -> Place:
        self._places[(place.kind, place.code)] = place
        return place

    def _load(self) -> None:
        for r in self._rows("regions.csv"):
            region = self._add(Place("region", r["code"], r["nom"], ()))
            self._region_keys[name_key(r["nom"])] = region
            self._region_keys.setdefault(strip_article(name_key(r["nom"])), region)
        current_names = set(self._region_keys)
        for r in self._rows("departements.csv"):
            dep = self._add(Place("departement", r["code"], r["nom"], (("region", r["region"]),)))
            self._departements_of_region[r["region"]].append(r["code"])
            self._index_departement(dep)
        for r in self._rows("collectivites.csv"):  # no région above it
            self._index_departement(self._add(Place("collectivite", r["code"], r["nom"], ())))
        self._load_former_regions()
        self._former_region_names = set(self._region_keys) - current_names
        self._load_communes()
        for r in self._rows("epci.csv"):
            self._epci_types[r["code"]] = r["type"]
            self._index_epci("epci", r["code"], r["nom"])
        for r in self._rows("ept.csv"):
            self._epci_types[r["code"]] = "EPT"
            self._index_epci("ept", r["code"], r["nom"])

    def _index_departement(self, place: Place) -> None:
        """A département or collectivité d'outre-mer, by its name with and without article."""
        self._departement_keys[name_key(place.name)] = place
        self._departement_keys.setdefault(strip_article(name_key(place.name)), place)
        if place.kind == "collectivite":
            self._collectivite_codes.add(place.code)

    def _load_former_regions(self) -> None:
        for r in self._rows("former-regions.csv"):
            deps = set(r["departements"].split())
            successor = self._places[("region", r["region_actuelle"])]
            key = name_key(r["nom"])
            if r["code"] == successor.code and deps == set(self._departements_of_region[r["code"]]):
                # Same code and perimeter (Île-de-France, Centre, Bretagne...): it is the current
                # région, possibly under its former name ("Centre").
                self._region_keys.setdefault(key, successor)
                continue
            place = self._add(Place("former-region", r["code"], r["nom"],
                                    (("region", successor.code),)))
            self._former_regions[r["code"]] = (place, deps)
            self._region_keys.setdefault(key, place)

    def _load_communes(self) -> None:
        with open(self.directory / "communes.csv", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            if next(reader) != ["code", "nom", "type", "departement", "region", "parent", "epci",
                                "ept", "codes_postaux", "anciens_codes", "population"]:
                raise ValueError(f"{self.directory / 'communes.csv'}: unexpected columns; "
                                 "regenerate it with converters.link.refresh_geography")
            rows = list(reader)
        for code, nom, kind, dep, _, _, epci, ept, postcodes, former, population in rows:
            if kind != "commune":
                continue
            self._commune_rows[code] = (nom, dep, epci, ept, postcodes)
            self._population[code] = int(population or 0)
            if epci:
                self._epci_departements[epci].add(dep)
            if ept:
                self._epci_departements[ept].add(dep)
                self._epci_of_ept[ept].add(epci)
            key = name_key(nom)
            self._key_of_commune[code] = key
            self._communes_by_first_word[key.split(" ", 1)[0]].append(code)
            self._communes_by_key[key].append(code)
            self._communes_by_bare_key[strip_article(key)].append(code)
            self._communes_of_departement[dep].append(code)
            for postcode in postcodes.split():
                self._by_postcode[postcode].append(code)
            for old in former.split():
                self._former_codes[old] = ("former code", code)
        for code, nom, kind, _, _, parent, _, _, postcodes, _, _ in rows:
            if kind == "arrondissement municipal":
                arr = self._add(Place("arrondissement", code, nom, (("commune", parent),),
                                      tuple(postcodes.split())))
                self._arrondissements_of[parent].append(arr)
                for postcode in arr.postcodes:
                    self._arrondissements_by_postcode[postcode].append(arr)
                number = re.match(r"\S+ (\d+)", nom)  # "Paris 18e Arrondissement"
                self._arrondissements[(parent, int(number.group(1)))] = arr
            elif kind != "commune" and parent in self._commune_rows:
                # commune déléguée / associée: the name (and maybe code) of a former commune
                entry = (nom, code, kind, parent)
                key = name_key(nom)
                self._former_by_key[key].append(entry)
                self._former_by_bare_key[strip_article(key)].append(entry)
                if code not in self._commune_rows:
                    self._former_codes.setdefault(code, (kind, parent))

    def _index_epci(self, kind: str, code: str, name: str) -> None:
        # Parents mean containment: an EPCI inside one département, an EPT inside its EPCI (the
        # Métropole du Grand Paris). An EPCI across départements has none (see epci_departements).
        if kind == "ept":
            within = self._epci_of_ept.get(code, set())
            parents = (("epci", next(iter(within))),) if len(within) == 1 else ()
        else:
            within = self._epci_departements.get(code, set())
            parents = (("departement", next(iter(within))),) if len(within) == 1 else ()
        place = self._add(Place(kind, code, name, parents))
        key = name_key(name)
        _, core = _epci_type_and_core(name_key(re.sub(r"\s*\([^)]*\)", "", name)))  # "(CCEL)"
        for k in {key, core}:
            self._epci_keys[k].append(place)

    # ------------------------------------------------------------------------------- basics
    def get(self, kind: str, code: str) -> Place | None:
        place = self._places.get((kind, code))
        if place is None and kind == "commune" and code in self._commune_rows:
            place = self._commune(code)
        return place

    def _commune(self, code: str) -> Place:
        place = self._places.get(("commune", code))
        if place is None:
            nom, dep, epci, ept, postcodes = self._commune_rows[code]
            above = "collectivite" if dep in self._collectivite_codes else "departement"
            parents = ((above, dep),) + ((("epci", epci),) if epci else ()) + (
                (("ept", ept),) if ept else ())
            place = self._add(Place("commune", code, nom, parents, tuple(postcodes.split())))
        return place

    def all(self, kind: str) -> list[Place]:
        """Every place of a kind other than "commune" (départements, régions, EPCI, EPT...)."""
        return [p for (k, _), p in self._places.items() if k == kind]

    def parents(self, place: Place) -> list[Place]:
        """All ancestors, nearest first (commune -> département, EPCI, EPT -> région)."""
        seen: dict[tuple[str, str], Place] = {}
        frontier = [place]
        while frontier:
            nxt = []
            for p in frontier:
                for ref in p.parents:
                    parent = self.get(*ref)
                    if parent is not None and ref not in seen:
                        seen[ref] = parent
                        nxt.append(parent)
            frontier = nxt
        return list(seen.values())

    def population(self, place: Place) -> int:
        """Legal population of a commune (0 for other places or when unknown)."""
        return self._population.get(place.code, 0) if place.kind == "commune" else 0

    def named_places(self):
        """Every (name key, kind, code) a text may name: current and former communes (a former
        one gives today's commune), départements, régions (current and before 2016), EPCI and EPT
        by their official names."""
        for key, codes in self._communes_by_key.items():
            for code in codes:
                yield key, "commune", code
        for key, entries in self._former_by_key.items():
            for _, _, _, today in entries:
                yield key, "commune", today
        for key, place in self._departement_keys.items():
            yield key, place.kind, place.code
        for key, place in self._region_keys.items():
            yield key, place.kind, place.code
        for key, places in self._epci_keys.items():
            for place in places:
                # The official name, or a core of several words ("roannais agglomeration" for the
                # CA Roannais Agglomération); a one-word core ("seignanx") needs context.
                if key == name_key(place.name) or re.search(r"\b(?:agglomeration|agglo|metropole|communaute)\b", key):
                    yield key, place.kind, place.code
        for key, (kind, code) in _REGION_ALIASES.items():
            yield key, kind, code

    def epci_type(self, place: Place) -> str:
        """The type code of an EPCI or EPT ("CC", "CA", "CU", "METRO", "MET69", "EPT")."""
        return self._epci_types.get(place.code, "")

    def epci_cores(self) -> dict[str, list[Place]]:
        """EPCI and EPT by the core of their name ("seignanx" for the CC du Seignanx)."""
        if not hasattr(self, "_cores"):
            self._cores = {key: places for key, places in self._epci_keys.items()
                           if not any(key == name_key(p.name) for p in places)}
        return self._cores

    def communes_of(self, departement: str) -> list[Place]:
        return [self._commune(c) for c in self._communes_of_departement.get(departement, ())]

    def departements_of_region(self, region: Place) -> list[str]:
        if region.kind == "former-region":
            return sorted(self._former_regions[region.code][1])
        return sorted(self._departements_of_region.get(region.code, ()))

    def epci_departements(self, place: Place) -> list[str]:
        """The départements of an EPCI's or EPT's member communes."""
        return sorted(self._epci_departements.get(place.code, ()))

    def departement_of(self, place: Place) -> str | None:
        """The code of the département (or collectivité d'outre-mer) a commune or arrondissement
        is in."""
        for kind, code in place.parents:
            if kind in DEPARTEMENT_KINDS:
                return code
            if kind == "commune":
                return self._commune_rows[code][1] if code in self._commune_rows else None
        return None

    # --------------------------------------------------------------------------- départements
    def departement(self, text: str) -> Match:
        """A département from its code ("05", "2A", "971") or name ("Bouches du Rhône", "Les
        Deux-Sèvres", "la Seine-Saint-Denis", "Côte-d'Or"), optionally "Name (code)"; or, the same
        way, a collectivité d'outre-mer ("988", "Nouvelle-Calédonie"), of kind "collectivite"."""
        text = tidy(text or "")
        tagged = re.fullmatch(r"(.*?)\s*\((\w{1,3})\)", text)
        if tagged and tagged.group(1):
            by_name, by_code = self.departement(tagged.group(1)), self.departement(tagged.group(2))
            if by_name and by_code and by_name.place != by_code.place:
                return _unresolved(
                    f"name and code in {text!r}",
                    f"the name is {place_label(by_name.place)} but the code is {place_label(by_code.place)}",
                    (by_name.place, by_code.place))
            return by_name if by_name else by_code
        if tagged:
            text = tagged.group(2)
        code = text.upper()
        if re.fullmatch(r"\d", code):
            code = "0" + code
        if re.fullmatch(r"\d{2,3}|2[AB]", code):
            place = self.get("departement", code) or self.get("collectivite", code)
            if place:
                return Match(place, f"INSEE code {code}")
            return _unresolved(f"INSEE code {code}", f"no département has the code {code}")
        key = name_key(text)
        key = re.sub(r"^(?:le |la |les )?departements? ", "", key)
        for candidate in (key, _strip_links(key)):
            place = self._departement_keys.get(candidate) or self._departement_keys.get(
                strip_article(candidate))
            if place:
                return Match(place, f"name {text!r}")
        return _unresolved(f"département name {text!r}", f"no département is named {text!r}")

    # ------------------------------------------------------------------------------- régions
    def region(self, text: str) -> Match:
        """A current région, or a former one (before 2016) with its successor as parent."""
        text = tidy(text or "")
        if re.fullmatch(r"\d{2,3}", text):
            place = self.get("region", text)
            if place:
                return Match(place, f"INSEE code {text}")
            return _unresolved(f"INSEE code {text}", f"no current région has the code {text}")
        key = name_key(text)
        key = _strip_links(re.sub(r"^(?:en |la |le )?(?:region )?", "", key))
        alias = _REGION_ALIASES.get(key)
        if alias:
            return Match(self.get(*alias), f"common short form {text!r}")
        place = self._region_keys.get(key) or self._region_keys.get(strip_article(key))
        if place is None:
            return _unresolved(f"région name {text!r}",
                               f"no current or former région is named {text!r}")
        if place.kind == "former-region":
            successor = self.get(*place.parents[0])
            return Match(place, f"former région (before 2016) {place.name}, now part of "
                                f"{place_label(successor)}")
        if {key, strip_article(key)} <= self._former_region_names:
            return Match(place, f"{text!r} is the name before 2016 of {place_label(place)} "
                                "(same code and perimeter)")
        return Match(place, f"name {text!r}")

    # ------------------------------------------------------------------------------ communes
    def commune(self, name: str, postcode: str | None = None, departements: Iterable[str] = (),
                *, completion: bool = True) -> Match:
        """A commune (or a Paris/Lyon/Marseille arrondissement) from its name, with context.

        Context narrows the search: the communes of `postcode` first, then the given
        `departements` plus the département of the postal code (CEDEX and special codes belong to
        no commune: "21071 Dijon Cedex" is Dijon found in the Côte-d'Or). Without any context the
        name must be unique in France. Rules, in order, each reported in ``Match.method``:
        1. exact name after folding (accents, case, hyphens, St/Ste), current communes;
        2. the name of a former commune (commune déléguée or associée) -> today's commune;
        3. the same without a leading article ("Kremlin-Bicêtre" for Le Kremlin-Bicêtre);
        4. only with context (and unless ``completion=False``): the unique commune whose name is
           the given name followed by a linking word ("Romans" -> Romans-sur-Isère in the
           Drôme), or followed by another name when that commune absorbed former communes
           ("Ancenis" -> Ancenis-Saint-Géréon).
        Several answers at one step give an ambiguous match with the candidates; never a guess.
        """
        raw = tidy(name or "")
        post_name = CEDEX.sub("", raw)
        cedex = post_name != raw
        key = _TOWN_PREFIX.sub("", name_key(post_name))
        depts = {d.upper().zfill(2) for d in departements if d}
        postcode = re.sub(r"\s", "", postcode or "") or None
        if postcode and not re.fullmatch(r"\d{5}", postcode):
            postcode = None

        arrondissement = self._arrondissement_by_name(key)
        if arrondissement is not None:
            return arrondissement
        if not key:
            return self._commune_by_postcode_only(postcode)

        scopes = []  # (commune codes, description), narrowest first
        if postcode in self._by_postcode:
            scopes.append((self._by_postcode[postcode], f"postal code {postcode}"))
        context_depts = set(depts)
        if postcode:
            context_depts |= self._departements_of_postcode(postcode)
        if context_depts:
            scopes.append(([c for d in sorted(context_depts)
                            for c in self._communes_of_departement[d]],
                           "département" + ("s " if len(context_depts) > 1 else " ")
                           + ", ".join(sorted(context_depts))))
        if not scopes:
            found = self._match_in(key, post_name, None, "France")
            if found.place or found.candidates:
                return found
            return _unresolved(f"name {post_name!r} in all of France",
                               f"no commune or former commune is named {post_name!r}")

        # Exact names (rules 1-3) in every scope before any completed name (rule 4).
        for rules in ("exact", "completion") if completion else ("exact",):
            for scope, where in scopes:
                found = self._match_in(key, post_name, scope, where, rules == "completion")
                if not (found.place or found.candidates):
                    continue
                if scope is self._by_postcode.get(postcode):
                    return self._refine_with_postcode(found, postcode)
                if found.place and postcode:
                    why = "not one of its postal codes" if postcode in self._by_postcode else (
                        "a CEDEX code" if cedex else "a CEDEX or special code (no commune has it)")
                    found = Match(found.place, f"{found.method}; postal code {postcode} is {why}")
                return found
        elsewhere = self._match_in(key, post_name, None, "France")
        others = [elsewhere.place] if elsewhere.place else list(elsewhere.candidates)
        problem = f"no commune named {post_name!r} in " + " nor in ".join(w for _, w in scopes)
        if others:
            problem += f"; communes of that name elsewhere: {place_labels(others)}"
        return _unresolved(f"name {post_name!r} in {scopes[-1][1]}", problem, others)

    def commune_by_code(self, code: str) -> Match:
        """A commune or arrondissement from its current INSEE code, or from a former one."""
        code = (code or "").strip().upper()
        place = self.get("commune", code) or self.get("arrondissement", code)
        if place:
            return Match(place, f"INSEE code {code}")
        if code in self._former_codes:
            how, current = self._former_codes[code]
            place = self._commune(current)
            return Match(place, f"{how} {code}, now {place_label(place)}")
        return _unresolved(f"INSEE code {code}", f"no commune has or had the code {code}")

    def _match_in(self, key: str, written: str, scope: list[str] | None, where: str,
                  completion: bool = False) -> Match:
        """Apply rules 1-3 of ``commune`` (and 4 if `completion`) to the commune codes in
        `scope` (None: all France).

        With a scope, today's name wins over a former one; without, a former commune of that
        name is as likely as a current one, so both are candidates ("Massy")."""
        allowed = None if scope is None else set(scope)

        def keep(codes):
            return [c for c in codes if allowed is None or c in allowed]

        def keep_former(entries):
            return [f for f in entries if allowed is None or f[3] in allowed]

        bare = strip_article(key)
        steps = [(keep(self._communes_by_key.get(key, ())),
                  keep_former(self._former_by_key.get(key, ())), ""),
                 (keep(self._communes_by_bare_key.get(bare, ())),
                  keep_former(self._former_by_bare_key.get(bare, ())), " (ignoring the article)")]
        for current, former, note in steps:
            if scope is None:
                codes = unique(current + [f[3] for f in former])
            else:
                codes = unique(current) or unique(f[3] for f in former)
            if len(codes) == 1:
                commune = self._commune(codes[0])
                if codes[0] in current:
                    return Match(commune, f"exact name{note} among the communes of {where}")
                name, code, kind, _ = next(f for f in former if f[3] == codes[0])
                return Match(commune, f"former commune {name} ({kind} {code}) merged into "
                                      f"{place_label(commune)}; name{note} among the communes of "
                                      f"{where}")
            if len(codes) > 1:
                labels = []
                for c in codes:
                    label = place_label(self._commune(c))
                    if c not in current:
                        name, code, kind, _ = next(f for f in former if f[3] == c)
                        label = label[:-1] + f", {kind} {name} {code})"
                    labels.append(label)
                return _unresolved(f"name {written!r} in {where}",
                                   f"{len(codes)} communes of {where} have or had the name "
                                   f"{written!r}: {', '.join(labels)}; give a postal code or a "
                                   "département", [self._commune(c) for c in codes])
        if completion and scope is not None:
            return self._completed_name(key, written, scope, where)
        return _unresolved(f"name {written!r} in {where}", "no match")

    def _completed_name(self, key: str, written: str, scope: list[str], where: str) -> Match:
        """Rule 4: the given name is the beginning of exactly one commune's name in the scope."""
        completions = []
        allowed = set(scope)
        for code in self._communes_by_first_word.get(key.split(" ", 1)[0], ()):
            if code not in allowed:
                continue
            ckey = self._key_of_commune[code]
            if not ckey.startswith(key + " "):
                continue
            linked = ckey[len(key) + 1:].split()[0] in _CONNECTORS
            absorbed = self._absorbed_codes(code)
            if linked or absorbed:
                completions.append((self._commune(code), linked, absorbed))
        if len(completions) == 1:
            commune, linked, absorbed = completions[0]
            if linked:
                return Match(commune, f"the only commune of {where} whose name is {written!r} "
                                      f"followed by a linking word: {place_label(commune)}")
            return Match(commune, f"former commune {written} merged into {place_label(commune)} "
                                  f"(inferred: the only commune of {where} whose name starts "
                                  f"with {written!r}, formed by absorbing the former code(s) "
                                  f"{', '.join(absorbed)})")
        if len(completions) > 1:
            places = [c for c, _, _ in completions]
            return _unresolved(f"name {written!r} completed in {where}",
                               f"several communes of {where} have a name starting with "
                               f"{written!r}: {place_labels(places)}", places)
        return _unresolved(f"name {written!r} in {where}", "no match")

    def _absorbed_codes(self, commune_code: str) -> list[str]:
        return sorted(old for old, (_, c) in self._former_codes.items() if c == commune_code)

    def _refine_with_postcode(self, found: Match, postcode: str) -> Match:
        """"75018 Paris" is the 18th arrondissement: a city with arrondissements municipaux is
        narrowed to the arrondissement that has the postal code."""
        if found.place is None:
            return found
        arrs = [a for a in self._arrondissements_of.get(found.place.code, ())
                if postcode in a.postcodes]
        if len(arrs) == 1:
            return Match(arrs[0], f"{found.method}; postal code {postcode} is {arrs[0].name}")
        return found

    def _commune_by_postcode_only(self, postcode: str | None) -> Match:
        if not postcode:
            return _unresolved("empty name", "no name and no postal code")
        places = [self._commune(c) for c in self._by_postcode.get(postcode, ())]
        if len(places) == 1:
            return self._refine_with_postcode(
                Match(places[0], f"postal code {postcode} (its only commune)"), postcode)
        if places:
            return _unresolved(f"postal code {postcode}", f"postal code {postcode} is shared by "
                               f"{len(places)} communes and no name was given", places)
        return _unresolved(f"postal code {postcode}", f"no commune has the postal code {postcode}")

    def _departements_of_postcode(self, postcode: str) -> set[str]:
        codes = self._by_postcode.get(postcode)
        if codes:
            return {self._commune_rows[c][1] for c in codes}
        if postcode.startswith("20"):  # Corsica: 200xx-201xx Corse-du-Sud, 202xx-206xx Haute-Corse
            return {"2A"} if postcode[2] in "01" else {"2B"}
        prefix = postcode[:3] if postcode[:2] in ("97", "98") else postcode[:2]
        return {prefix} if any(self.get(kind, prefix) for kind in DEPARTEMENT_KINDS) else set()

    def _arrondissement_by_name(self, key: str) -> Match | None:
        m = _ARR_NAME.match(key)
        city, number = (m.group(1), m.group(2)) if m else (None, None)
        if not m:
            m = _ARR_NAME_REVERSED.match(key)
            if not m:
                return None
            number, city = m.group(1), m.group(2)
        arr = self._arrondissements.get((_ARRONDISSEMENT_CITIES[city], int(number)))
        if arr is None:
            return _unresolved(f"arrondissement {number} of {city.title()}",
                               f"{city.title()} has no arrondissement number {number}")
        return Match(arr, f"arrondissement number {int(number)} of {city.title()}")

    # -------------------------------------------------------------------------- EPCI and EPT
    def epci(self, name: str, departements: Iterable[str] = ()) -> Match:
        """An EPCI à fiscalité propre or an EPT from its name, with or without its type
        ("Communauté d'agglomération du Pays Voironnais", "CA du Pays Voironnais", "Pays
        Voironnais"). Only current EPCI are known: a former one is unresolved."""
        written = tidy(name or "")
        key = strip_article(name_key(written))
        kind, core = _epci_type_and_core(key)
        depts = {d.upper().zfill(2) for d in departements if d}
        everywhere = unique(self._epci_keys.get(key, []) + self._epci_keys.get(core, []))
        trailing = next((code for words, code in _EPCI_TRAILING_WORDS if core.endswith(" " + words)), None)
        if not everywhere and trailing is not None:  # "Vienne Condrieu Agglomération": "CA Vienne Condrieu"
            core = core.rsplit(" ", 1)[0]
            kind = kind or trailing
            everywhere = unique(self._epci_keys.get(core, []))
        found = [p for p in everywhere if not depts or self._epci_departements[p.code] & depts]
        if len(found) > 1 and kind:
            same_kind = [p for p in found if self._same_epci_kind(kind, p)]
            found = same_kind or found
        where = f" in département(s) {', '.join(sorted(depts))}" if depts else ""
        if len(found) == 1:
            place = found[0]
            method = f"{written!r} is {place.name!r}{where}"
            if kind and not self._same_epci_kind(kind, place):
                method += (f" (the text says {_EPCI_TYPE_NAMES[kind]}; today a "
                           f"{_EPCI_TYPE_NAMES.get(self._epci_types[place.code], place.kind)})")
            return Match(place, method)
        if found:
            return _unresolved(f"EPCI name {written!r}{where}",
                               f"several EPCI/EPT match {written!r}: {place_labels(found)}", found)
        problem = (f"no EPCI or EPT of today is named {written!r}{where} (the extract lists "
                   "only current ones: a former EPCI that merged or was dissolved is not in it)")
        if everywhere:
            problem += f"; outside them: {place_labels(everywhere)}"
        hints = self._epci_hints(core, depts)
        if hints and not everywhere:
            problem += f"; current ones sharing a word with it: {place_labels(hints)}"
        return _unresolved(f"EPCI name {written!r}{where}", problem)

    def _same_epci_kind(self, kind: str, place: Place) -> bool:
        actual = self._epci_types.get(place.code, "")
        return kind == actual or (kind == "METRO" and actual == "MET69")

    def _epci_hints(self, core: str, depts: set[str]) -> list[Place]:
        generic = {"pays", "communes", "grand", "val", "vallee", "agglomeration", "communaute",
                   "plateau", "saint", "sainte", "haut", "haute", "basse", "bas", "des", "les",
                   "metropole", "coeur", "plaine", "terres", "monts", "sud", "nord", "est", "ouest"}
        words = {w for w in core.split() if len(w) > 3 and w not in generic}
        hints = []
        for key, places in self._epci_keys.items():
            if words & set(key.split()):
                hints.extend(p for p in places
                             if not depts or self._epci_departements[p.code] & depts)
        return sorted(unique(hints), key=lambda p: p.code)[:5]

    # ---------------------------------------------------------------------- context helpers
    def mentions(self, place: Place, context_key: str) -> dict[str, int]:
        """How often the name of a département and of its régions (current and former) occur as
        whole words in a folded text."""
        names = [place.name]
        region = self.get(*place.parents[0]) if place.parents else None
        if region:
            names.append(region.name)
        names += [p.name for p, deps in self._former_regions.values() if place.code in deps]
        counts = {}
        for name in unique(names):
            n = len(re.findall(rf"(?<![a-z0-9]){re.escape(name_key(name))}(?![a-z0-9])", context_key))
            if n:
                counts[name] = n
        return counts

    def epci_full_name(self, text: str) -> Place | None:
        """The EPCI/EPT whose official name is exactly `text` (after folding), if any."""
        places = [p for p in self._epci_keys.get(name_key(text), ()) if name_key(p.name) == name_key(text)]
        return places[0] if len(places) == 1 else None


@lru_cache(maxsize=None)
def get_geography() -> Geography:
    """The extract in data/reference/geo, loaded once."""
    return Geography(GEO_DIR)


# ==================================================================================== territory
