"""/map: the poles on a map of France, drawn with no network (Leaflet, vendored under static/leaflet/).

The build places the poles (converters/geojson.py writes registry.geojson: a pole at its
commune's town hall, or at the centre of its département or région) and copies the base layer, the
départements simplified (map/departements.geojson, from data/reference/map/). This module serves
both as they are, and the page: without JavaScript a table of the placed poles, 50 a page (?page=);
with it, the map (static/map.js), filled from /map.geojson.
"""
import json
from collections import Counter

from flask import Blueprint, render_template, request, send_file

from .build import current_build
from .errors import not_found
from .listing import paginate, variant
from .validators import cacheable

bp = Blueprint("map", __name__)

GEOJSON = "registry.geojson"
BASE_LAYER = "map/departements.geojson"
PRECISIONS = {"commune": "commune (mairie)", "departement": "centre du département", "region": "centre de la région"}


def _serve(path: str):
    build = current_build()
    if not (build.directory / path).is_file():
        raise not_found(f"This build has no {path}: rebuild it with `essreg build`.")
    return send_file(build.directory / path, mimetype="application/geo+json", etag=build.etag(path),
                     last_modified=build.built, conditional=True, max_age=0)


@bp.get("/map.geojson")
def geojson():
    return _serve(GEOJSON)


@bp.get("/map/departements.geojson")
def base_layer():
    return _serve(BASE_LAYER)


def placed_poles() -> list[dict]:
    """The features of the build's registry.geojson, by name ([] when the build has none)."""
    build = current_build()

    def read() -> list[dict]:
        path = build.directory / GEOJSON
        if not path.is_file():
            return []
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return sorted(features, key=lambda feature: feature["properties"]["name"].casefold())
    return build.cached("map-features", read)


@bp.get("/map")
def map_page():
    def render() -> str:
        features = placed_poles()
        return render_template("pages/map.html", page=paginate(features), precisions=PRECISIONS,
                               counts=Counter(feature["properties"]["precision"] for feature in features))
    return cacheable(variant("map", request.args.get("page", "1"), "html"), render)
