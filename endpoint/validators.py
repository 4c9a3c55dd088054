"""ETag and Last-Modified on every document computed from a build, and 304 Not Modified.

A document (a page, an RDF description, VoID...) changes only when the build's data does, so
its entity tag is the data's checksum plus the representation (`Build.etag`), checked before
anything is computed. Dumps are files: `dumps.py` hands them to Flask's send_file with their
own checksum.
"""
from collections.abc import Callable

from flask import Response, make_response, request
from werkzeug.http import is_resource_modified

from .build import current_build
from .i18n import language


def cacheable(variant: str, render: Callable[[], Response | str]) -> Response:
    """render()'s response with the build's validators, or a 304 when the client's copy is current."""
    build = current_build()
    if "html" in variant:  # pages are in the reader's language (i18n.py)
        variant = f"{variant}-{language()}"
    etag = build.etag(variant)
    if request.method in ("GET", "HEAD") and not is_resource_modified(request.environ, etag=etag,
                                                                       last_modified=build.built):
        response = Response(status=304)
    else:
        response = make_response(render())
    response.set_etag(etag)
    response.last_modified = build.built
    return response
