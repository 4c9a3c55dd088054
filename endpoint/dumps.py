"""/dumps/: the files of the build for download, streamed, with ETag (their SHA-256) and
Last-Modified (the build time), so a harvester's conditional GET costs a 304.

Only the files build-info.json lists are served (never private/, whatever the path asks for).
"""
from flask import Blueprint, render_template, send_file

from .build import current_build
from .errors import not_found
from .negotiation import FILE_FORMATS, by_extension
from .validators import cacheable

bp = Blueprint("dumps", __name__)


@bp.get("/dumps/")
def index():
    build = current_build()
    return cacheable("dumps.html", lambda: render_template("pages/dumps.html", build=build,
                                                           dumps=list(build.dumps.values())))


@bp.get("/dumps/<path:path>")
def dump(path: str):
    build = current_build()
    described = build.dumps.get(path)
    if described is None:
        raise not_found(f"There is no dump {path}; the list is at /dumps/.")
    return send_file(build.directory / path, mimetype=media_type(path), etag=described["sha256"],
                     last_modified=build.built, conditional=True, max_age=0)


def media_type(path: str) -> str:
    return by_extension(path.rsplit(".", 1)[-1], FILE_FORMATS).media_type
