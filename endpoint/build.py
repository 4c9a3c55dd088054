"""The build being served, followed across rebuilds.

`essreg build` writes each build into its own directory and then re-points DATA_DIR/current at
it in one rename (converters/publish.py). Each request asks `CurrentBuild.get()`, which resolves
that link (a couple of system calls) and opens the new build when it changed: a request that
started on the previous build keeps it until it ends, the next one sees the new build whole.
"""
import json
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g

from .jsonld import CONTEXT_PATH, default_context
from .store import EmbeddedStore, RemoteStore, Store

EXTENSION = "essreg.build"


def read_build_info(directory: Path) -> dict:
    path = directory / "build-info.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: not found; is {directory} a build directory? "
                                "Run `essreg build`") from None


class Build:
    """One build directory: what build-info.json says of it, its dumps and its store."""

    def __init__(self, directory: Path, store: Store):
        self.directory = directory
        self.info = read_build_info(directory)
        self.store = store
        self.id: str = self.info["id"]
        self.built = datetime.fromisoformat(self.info["built"])
        self.base_uri: str = self.info["base_uri"]
        self.dumps: dict[str, dict] = {dump["path"]: dump for dump in self.info.get("dumps", ())}
        self._cache: dict[str, Any] = {}
        self._lock = threading.RLock()  # a cached value may be computed from another

    @property
    def jsonld_context(self) -> dict:
        """The build's context.jsonld (the prefixes of its vocabularies), or the server's own."""
        def read() -> dict:
            path = self.directory / CONTEXT_PATH
            return json.loads(path.read_text(encoding="utf-8"))["@context"] if path.is_file() else default_context()
        return self.cached("jsonld-context", read)

    def etag(self, variant: str) -> str:
        """An entity tag for a representation computed from this build's data: the same data
        (even rebuilt) gives the same tag."""
        return f"{self.info.get('content_sha256', self.id)[:16]}-{variant}"

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()` once per build and process (dataset statistics, documents about the build)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = compute()
            return self._cache[key]


class CurrentBuild:
    """The build this process serves: DATA_DIR/current when DATA_DIR holds builds, else DATA_DIR.

    Opened on first use, so that a server that forks its workers opens one store in each, and
    again in a process forked after opening.
    """

    def __init__(self, data_dir: Path, open_store: Callable[[Path], Store]):
        self._data_dir = data_dir
        self._open_store = open_store
        self._lock = threading.Lock()
        self._build: Build | None = None
        self._pid: int | None = None
        self._link = data_dir / "current"
        self._resolved: tuple[str, Path] | None = None  # (what the link said, the directory it names)

    def directory(self) -> Path:
        # Asked on every request: the link is read (one system call) and resolved again only when
        # it changed (os.path.realpath looks at every component of the path).
        try:
            target = os.readlink(self._link)
        except OSError:  # no link: DATA_DIR is itself a build, or `current` a plain directory
            link = self._link
            return Path(os.path.realpath(link if os.path.lexists(link) else self._data_dir))
        resolved = self._resolved
        if resolved is None or resolved[0] != target:
            resolved = self._resolved = (target, Path(os.path.realpath(self._link)))
        return resolved[1]

    def get(self) -> Build:
        directory = self.directory()
        with self._lock:
            if self._build is None or self._build.directory != directory or self._pid != os.getpid():
                self._build = Build(directory, self._open_store(directory))
                self._pid = os.getpid()
            return self._build


def init_app(app: Flask) -> None:
    backend, timeout = app.config["SPARQL_BACKEND"], app.config["QUERY_TIMEOUT"]

    def open_store(directory: Path) -> Store:
        return RemoteStore(backend, timeout) if backend else EmbeddedStore(directory / "store")

    app.extensions[EXTENSION] = CurrentBuild(Path(app.config["DATA_DIR"]), open_store)


def current_build() -> Build:
    """The build the current request is answered from (the same one for the whole request)."""
    if "build" not in g:
        g.build = current_app.extensions[EXTENSION].get()
    return g.build


def get_store() -> Store:
    return current_build().store


def read_base_uri(app: Flask) -> str:
    """The base URI of the build in DATA_DIR, read when the app is created."""
    return read_build_info(app.extensions[EXTENSION].directory())["base_uri"]
