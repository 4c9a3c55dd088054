"""Regenerate the committed INSEE geography extract in data/reference/geo/.

    python -m converters.link.refresh_geography [--package-dir DIR] [--version X.Y.Z] [--out DIR]

Source: the npm package @etalab/decoupage-administratif (code MIT, data Licence Ouverte), installed
with npm into a temporary directory, or read from --package-dir (the unpacked package, or a folder
holding node_modules/@etalab/decoupage-administratif). Only the columns the resolver needs are kept;
rows are sorted, so rerunning on the same package version rewrites identical files.

former-regions.csv and README.md in the output folder are hand-written and left untouched.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
PINNED_VERSION = "6.0.0"
OUT_DIR = Path(__file__).resolve().parents[2] / "data" / "reference" / "geo"

COMMUNE_TYPES = {  # package type -> type written in the extract (and sort rank)
    "commune-actuelle": "commune",
    "arrondissement-municipal": "arrondissement municipal",
    "commune-deleguee": "commune déléguée",
    "commune-associee": "commune associée",
}
_TYPE_RANK = {name: rank for rank, name in enumerate(COMMUNE_TYPES.values())}


def install_package(version: str, into: Path) -> Path:
    """npm install the pinned package into `into`; return the package folder."""
    if shutil.which("npm") is None:
        sys.exit("npm is not installed: install Node.js/npm or pass --package-dir")
    subprocess.run(
        ["npm", "install", "--prefix", str(into), "--no-save", "--no-audit", "--no-fund",
         "--ignore-scripts", f"{PACKAGE}@{version}"],
        check=True, stdout=subprocess.DEVNULL,
    )
    return into / "node_modules" / PACKAGE


def locate_package(path: Path) -> Path:
    for candidate in (path, path / "node_modules" / PACKAGE):
        if (candidate / "data" / "communes.json").is_file():
            return candidate
    sys.exit(f"{path}: no data/communes.json (expected the unpacked {PACKAGE} package)")


def _load(package: Path, name: str) -> list[dict]:
    with open(package / "data" / f"{name}.json", encoding="utf-8") as f:
        return json.load(f)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build_extract(package: Path, out: Path) -> dict[str, int]:
    """Write the CSV files; return the number of rows per file."""
    communes = _load(package, "communes")
    epcis = _load(package, "epci")
    epts = _load(package, "ept")

    # Membership is written once, on the commune rows (columns epci and ept).
    epci_of = {m["code"]: e["code"] for e in epcis for m in e["membres"]}
    ept_of = {m["code"]: e["code"] for e in epts for m in e["membres"]}

    rows = []
    for c in communes:
        kind = COMMUNE_TYPES[c["type"]]
        current = kind == "commune"
        rows.append([
            c["code"], c["nom"], kind, c["departement"], c["region"],
            # parent: an arrondissement's commune, a déléguée's or associée's chef-lieu
            c.get("commune") or c.get("chefLieu") or "",
            epci_of.get(c["code"], "") if current else "",
            ept_of.get(c["code"], "") if current else "",
            " ".join(sorted(c.get("codesPostaux", []))),
            " ".join(sorted(c.get("anciensCodes", []))),
            str(c.get("population") or "") if current else "",
        ])
    rows.sort(key=lambda r: (r[0], _TYPE_RANK[r[2]], r[5], r[1]))

    # The package lists each collectivité d'outre-mer (975, 977, 978, 984, 986-989) both as a
    # département and as a région of its own code; it is neither (INSEE's igeo:CollectiviteDOutreMer):
    # it gets its own file, and its communes' `departement` column keeps its code.
    all_departements = _load(package, "departements")
    collectivite_codes = {d["code"] for d in all_departements if d["region"] == d["code"]}
    departements = sorted([d["code"], d["nom"], d["region"], d["chefLieu"]] for d in all_departements
                          if d["code"] not in collectivite_codes)
    collectivites = sorted([d["code"], d["nom"], d["chefLieu"]] for d in all_departements
                           if d["code"] in collectivite_codes)
    regions = sorted([r["code"], r["nom"], r["chefLieu"]] for r in _load(package, "regions")
                     if r["code"] not in collectivite_codes)
    epci_rows = sorted([e["code"], e["nom"], e["type"]] for e in epcis)
    ept_rows = sorted([e["code"], e["nom"]] for e in epts)

    out.mkdir(parents=True, exist_ok=True)
    _write(out / "communes.csv", ["code", "nom", "type", "departement", "region", "parent", "epci",
                                  "ept", "codes_postaux", "anciens_codes", "population"], rows)
    _write(out / "departements.csv", ["code", "nom", "region", "chef_lieu"], departements)
    _write(out / "regions.csv", ["code", "nom", "chef_lieu"], regions)
    _write(out / "collectivites.csv", ["code", "nom", "chef_lieu"], collectivites)
    _write(out / "epci.csv", ["code", "nom", "type"], epci_rows)
    _write(out / "ept.csv", ["code", "nom"], ept_rows)
    return {"communes.csv": len(rows), "departements.csv": len(departements),
            "regions.csv": len(regions), "collectivites.csv": len(collectivites), "epci.csv": len(epci_rows), "ept.csv": len(ept_rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--package-dir", type=Path,
                        help=f"an unpacked {PACKAGE} (skips npm install)")
    parser.add_argument("--version", default=PINNED_VERSION,
                        help=f"package version to install or expect (default {PINNED_VERSION})")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="geo-npm-") as tmp:
        package = (locate_package(args.package_dir) if args.package_dir
                   else install_package(args.version, Path(tmp)))
        found = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        if found != args.version:
            sys.exit(f"{package}: version {found}, expected {args.version} (pass --version {found} "
                     "to use it, and update data/reference/geo/README.md)")
        counts = build_extract(package, args.out)
    for name, count in counts.items():
        print(f"{args.out / name}: {count} rows")
    print(f"source: {PACKAGE}@{found}; if the version changed, update README.md there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
