"""Stable identifiers: readable slugs minted once and kept in a committed table (data/ids.tsv).

The table maps (kind, key) to a slug. A key is what identifies an entity within the registry (a
pole's normalised name, an organisation's scope and name); the slug is what its URI shows. Once
minted, a slug never changes: rebuilding, reordering fiches or adding one keeps every URI.
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from rdflib import URIRef
from slugify import slugify

from .paths import IDS_TABLE

_HEADER = ["kind", "key", "slug"]
# python-slugify's own transliteration (its dependency text-unidecode), named: its "auto" tries to
# import `unidecode` at every call (a search of sys.path: ~0.1 ms, a minute at 100 times today's
# registry) and would give other slugs on a machine where `unidecode` happens to be installed.
_TRANSLITERATION = "text-unidecode"


class IdTable:
    def __init__(self, path: Path | None = IDS_TABLE):
        self.path = Path(path) if path else None
        self._slugs: dict[tuple[str, str], str] = {}
        self._taken: dict[str, set[str]] = {}
        self.minted: list[tuple[str, str, str]] = []
        if self.path and self.path.exists():
            with self.path.open(newline="", encoding="utf-8") as handle:
                reader = csv.reader(handle, delimiter="\t")
                header = next(reader, None)
                if header != _HEADER:
                    raise ValueError(f"{self.path}:1: expected the header {' '.join(_HEADER)!r}")
                for number, row in enumerate(reader, 2):
                    if len(row) != 3:
                        raise ValueError(f"{self.path}:{number}: expected 3 tab-separated columns")
                    self._remember(*row)

    def _remember(self, kind: str, key: str, slug: str) -> None:
        self._slugs[(kind, key)] = slug
        self._taken.setdefault(kind, set()).add(slug)

    def slug(self, kind: str, key: str, label: str, qualifier: str | None = None) -> str:
        """The slug of an entity, minted from its label the first time it is seen. A label
        already taken is told apart by the qualifier (a place: "pole-d-economie-solidaire-nice"),
        else by a number."""
        found = self._slugs.get((kind, key))
        if found:
            return found
        base = slugify(label, max_length=80, word_boundary=True, backend=_TRANSLITERATION) or kind
        candidates = [base]
        if qualifier:
            candidates.append(slugify(f"{label} {qualifier}", max_length=100, word_boundary=True,
                                      backend=_TRANSLITERATION))
        slug = next((c for c in candidates if c not in self._taken.get(kind, ())), None)
        n = 1
        while slug is None or slug in self._taken.get(kind, ()):
            n += 1
            slug = f"{base}-{n}"
        self._remember(kind, key, slug)
        self.minted.append((kind, key, slug))
        return slug

    def unify(self, kind: str, keys: list[str], label: str, qualifier: str | None = None) -> list[str]:
        """Give the keys of one merged entity one slug: the first already minted, else a new one.
        Returns the slugs retired by the merge (recorded, so their URIs can say what replaced them)."""
        known = [self._slugs[(kind, k)] for k in keys if (kind, k) in self._slugs]
        slug = known[0] if known else self.slug(kind, keys[0], label, qualifier)
        retired = sorted({s for s in known if s != slug})
        for key in keys:
            if self._slugs.get((kind, key)) != slug:
                self._slugs[(kind, key)] = slug
                self.minted.append((kind, key, slug))
        for old in retired:
            self._remember(f"{kind}-retired", old, slug)
            self.minted.append((f"{kind}-retired", old, slug))
        return retired

    def retired(self, kind: str) -> dict[str, str]:
        """Retired slug -> the slug of the entity that replaced it."""
        return {key: slug for (k, key), slug in self._slugs.items() if k == f"{kind}-retired"}

    def save(self) -> bool:
        """Write the table if new slugs were minted (atomically). True when it changed."""
        if not self.minted or not self.path:
            return False
        rows = sorted((kind, key, slug) for (kind, key), slug in self._slugs.items())
        tmp = self.path.with_suffix(".tsv.tmp")
        with tmp.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(_HEADER)
            writer.writerows(rows)
        os.replace(tmp, self.path)
        self.minted = []
        return True


class Uris:
    """The URIs of a build, under one configured base."""

    def __init__(self, base: str):
        self.base = base if base.endswith("/") else base + "/"

    def id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    def graph(self, *parts: str) -> URIRef:
        return URIRef(self.base + "graph/" + "/".join(parts))

    def document(self, stem: str) -> URIRef:
        return self.id("document", stem)

    def line(self, stem: str, number: int) -> URIRef:
        return self.id("document", stem, "line", str(number))

    def place(self, kind: str, code: str) -> URIRef:
        folder = {"former-region": "region"}.get(kind, kind)
        return self.id(folder, code)
