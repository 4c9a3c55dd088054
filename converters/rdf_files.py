"""Reading RDF files of any common syntax, with errors that name the file."""
from __future__ import annotations

import gzip
from pathlib import Path

from rdflib import Dataset, Graph

_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld",
            ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}


def read_rdf(path: Path) -> Graph:
    """All the triples of an RDF file (named graphs merged)."""
    path = Path(path)
    suffixes = path.suffixes
    compressed = suffixes[-1:] == [".gz"]
    suffix = suffixes[-2] if compressed and len(suffixes) > 1 else path.suffix
    fmt = _FORMATS.get(suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF syntax (expected one of {', '.join(sorted(_FORMATS))}, optionally .gz)")
    data = gzip.decompress(path.read_bytes()) if compressed else path.read_bytes()
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(data=data, format=fmt)
            merged = Graph()
            for graph in dataset.graphs():
                merged += graph
            return merged
        return Graph().parse(data=data, format=fmt)
    except Exception as error:  # rdflib raises many kinds of syntax errors
        raise ValueError(f"{path}: not valid {fmt}: {error}") from None
