"""DCAT-AP 3.0.0 conformance of the served catalogue, counted with pySHACL against the official shapes.

    .venv/bin/python benchmarks/dcat_ap.py [--data data/build] [--set PUBLISHER_NAME=...]...

Serves the build in DATA (Flask's test client over the real app), reads /catalog.ttl page by page
(following hydra:next, as data.gouv.fr's harvester does) and validates each page against each file
of ../shared/conformance/dcat-ap-3.0.0/ (or $ESSREG_CONFORMANCE_DIR/dcat-ap-3.0.0): prints, per
file, the number of results of each severity and the most frequent (path, constraint) pairs.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rdflib  # noqa: E402
from pyshacl import validate  # noqa: E402
from rdflib.namespace import SH  # noqa: E402

from endpoint import create_app  # noqa: E402

SHAPES = ("shapes.ttl", "dcat-ap-SHACL.ttl", "shapes_recommended.ttl")
HYDRA = rdflib.Namespace("http://www.w3.org/ns/hydra/core#")


def shapes_dir() -> Path:
    conformance = Path(os.environ.get("ESSREG_CONFORMANCE_DIR") or ROOT.parent / "shared" / "conformance")
    return conformance / "dcat-ap-3.0.0"


def catalogue_pages(client, path: str = "/catalog.ttl") -> list[rdflib.Graph]:
    """Each page of the catalogue as a graph, from `path` on, following hydra:next."""
    pages, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        page = rdflib.Graph().parse(data=response.data, format="turtle")
        pages.append(page)
        view = page.value(predicate=rdflib.RDF.type, object=HYDRA.PartialCollectionView)
        following = page.value(view, HYDRA.next) if view is not None else None
        url = urlsplit(following)._replace(scheme="", netloc="").geturl() if following else None
    return pages


def results(page: rdflib.Graph, shapes: rdflib.Graph) -> list[tuple[str, str, str, str]]:
    """(severity, path, constraint component, value) of each result of validating `page`."""
    _, report, _ = validate(page, shacl_graph=shapes, allow_warnings=True)
    return [(str(report.value(r, SH.resultSeverity)).rpartition("#")[2], str(report.value(r, SH.resultPath)),
             str(report.value(r, SH.sourceConstraintComponent)).rpartition("#")[2], str(report.value(r, SH.value)))
            for r in report.subjects(rdflib.RDF.type, SH.ValidationResult)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT / "data" / "build"), help="build directory served")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="a server setting")
    args = parser.parse_args()
    settings = dict(item.split("=", 1) for item in args.set)
    client = create_app({"TESTING": True, "DATA_DIR": args.data, **settings}).test_client()
    pages = catalogue_pages(client)
    print(f"{len(pages)} page(s), {sum(len(p) for p in pages)} triples")
    for name in SHAPES:
        shapes = rdflib.Graph().parse(shapes_dir() / name, format="turtle")
        found = [result for page in pages for result in results(page, shapes)]
        print(f"{name}: " + json.dumps(dict(Counter(severity for severity, *_ in found))))
        for (severity, path, component, _), n in Counter((s, p, c, "") for s, p, c, _ in found).most_common():
            print(f"  {n:4}  {severity:9} {component:32} {path}")


if __name__ == "__main__":
    main()
