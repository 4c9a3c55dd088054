"""ETag and Last-Modified on every document computed from a build, and 304 Not Modified.

A document (a page, an RDF description, VoID...) changes only when the build's data does, so
its entity tag is the data's checksum plus the representation (`Build.etag`), checked before
anything is computed. Dumps are files: `dumps.py` hands them to Flask's send_file with their
own checksum.
"""
from collections.abc import Callable

from flask import Response, make_response, request
from werkzeug.http import is_resource_modified

from .answer_cache import answer_cache, request_key
from .build import current_build
from .i18n import language


def cacheable(variant: str, render: Callable[[], Response | str]) -> Response:
    """render()'s response with the build's validators, or a 304 when the client's copy is current;
    kept in the answer cache (answer_cache.py) and taken from it while the build is the same."""
    build = current_build()
    if "html" in variant:  # pages are in the reader's language (i18n.py)
        variant = f"{variant}-{language()}"
    etag = build.etag(variant)
    if request.method in ("GET", "HEAD") and not is_resource_modified(request.environ, etag=etag,
                                                                       last_modified=build.built):
        return with_validators(Response(status=304), etag, build)
    cache, key = answer_cache(), request_key(build.id, etag)
    kept = cache.get(key)
    if kept is not None:
        return kept.response()
    response = with_validators(make_response(render()), etag, build)
    cache.put(key, response)
    return response


def with_validators(response: Response, etag: str, build) -> Response:
    """The build's validators on `response`, which varies with Accept (formats are negotiated)."""
    response.set_etag(etag)
    response.last_modified = build.built
    response.vary.add("Accept")
    return response
