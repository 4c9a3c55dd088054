"""registry.geojson: the poles on a map, one GeoJSON Feature per pole the registry can place.

A pole is placed at the town hall of a commune of its territory (`dcterms:spatial`), else at the
centre of one of its départements, else at the centre of its région (`dcterms:spatial` or
`ess:region`; a région of before 2016 stands for the région that replaced it). `precision` says
which: "commune", "departement" or "region". The points are those of data/reference/map/ (see its
README). Names of persons never appear: a feature carries the pole's name, kind, typologies,
themes and places only, all read from the public graphs merged (the build's store).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

from .paths import REFERENCE_DIR

MAP_DIR = REFERENCE_DIR / "map"
DEPARTEMENTS_GEOJSON = MAP_DIR / "departements.geojson"
LEVELS = ("commune", "departement", "region")  # most precise first

PROLOGUE = """PREFIX ess: <https://w3id.org/ess-poles/def#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# Every place of every pole that a map can show, with the level of the place, its INSEE code,
# and the current région it lies in (a former région: the one that replaced it).
PLACES = PROLOGUE + """SELECT ?pole ?level ?code ?placeName ?region ?regionName WHERE {
  ?pole a ess:Pole .
  { ?pole dcterms:spatial ?place } UNION { ?pole ess:region ?place }
  VALUES (?type ?level) { (igeo:Commune "commune") (igeo:ArrondissementMunicipal "commune")
                          (igeo:Departement "departement") (igeo:Region "region") }
  ?place a ?type ; igeo:codeINSEE ?code ; igeo:nom ?placeName .
  OPTIONAL { ?place igeo:subdivisionDe*/dcterms:isReplacedBy? ?region .
             ?region a igeo:Region ; igeo:nom ?regionName FILTER NOT EXISTS { ?region a ess:FormerRegion } }
}"""
POLES = PROLOGUE + """SELECT ?pole ?name ?ptce WHERE {
  ?pole a ess:Pole ; skos:prefLabel ?name FILTER(LANG(?name) = "fr" || LANG(?name) = "")
  BIND(EXISTS { ?pole a ess:PTCE } AS ?ptce)
}"""
CONCEPTS = PROLOGUE + """SELECT ?pole ?property ?label WHERE {
  VALUES ?property { ess:typology dcterms:subject }
  ?pole a ess:Pole ; ?property ?concept .
  ?concept skos:prefLabel ?label FILTER(LANG(?label) = "fr")
}"""


@cache
def commune_points() -> dict[str, list[float]]:
    with open(MAP_DIR / "communes.csv", encoding="utf-8", newline="") as f:
        return {row["code"]: [float(row["lon"]), float(row["lat"])] for row in csv.DictReader(f)}


@cache
def centres() -> dict[tuple[str, str], list[float]]:
    with open(MAP_DIR / "centres.csv", encoding="utf-8", newline="") as f:
        return {(row["niveau"], row["code"]): [float(row["lon"]), float(row["lat"])] for row in csv.DictReader(f)}


def point(level: str, code: str, region: str | None) -> list[float] | None:
    if level == "commune":
        return commune_points().get(code)
    if level == "region" and region:  # a former région is drawn at the centre of the current one
        code = region
    return centres().get((level, code))


def registry_geojson(store, base: str) -> dict:
    """The FeatureCollection of the poles of `store` (a pyoxigraph Store of the merged registry)."""
    places = defaultdict(list)
    for row in store.query(PLACES):
        region = row["region"].value.rsplit("/", 1)[-1] if row["region"] is not None else None
        region_name = row["regionName"].value if row["regionName"] is not None else None
        places[row["pole"].value].append((LEVELS.index(row["level"].value), row["code"].value,
                                          row["placeName"].value, region, region_name))
    concepts = defaultdict(set)
    for row in store.query(CONCEPTS):
        concepts[row["pole"].value, row["property"].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]].add(row["label"].value)
    names = {}
    for row in store.query(POLES):
        names.setdefault(row["pole"].value, (row["name"].value, row["ptce"].value == "true"))
    features = []
    for pole, (name, ptce) in sorted(names.items()):
        located = sorted((rank, code, place, region, region_name) for rank, code, place, region, region_name
                         in places.get(pole, ()) if point(LEVELS[rank], code, region) is not None)
        if not located:
            continue
        rank, code, place, region, region_name = located[0]
        level = LEVELS[rank]
        if region is None:  # a commune or département whose région the registry does not say
            region, region_name = next(((r, n) for *_, r, n in located if r), (None, None))
        features.append({
            "type": "Feature", "id": pole,
            "geometry": {"type": "Point", "coordinates": point(level, code, region)},
            "properties": {
                "name": name, "page": base + "page/" + pole[len(base + "id/"):],
                "kind": "PTCE" if ptce else "Pôle", "typologies": sorted(concepts[pole, "typology"]),
                "themes": sorted(concepts[pole, "subject"]), "regionCode": region, "regionName": region_name,
                "precision": level, "place": place, "placeCode": code,
                "commune": code if level == "commune" else None,
            },
        })
    return {"type": "FeatureCollection", "features": features}
