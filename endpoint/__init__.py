"""The registry's web server: SPARQL endpoint, URI resolution, HTML pages, dumps, VoID and DCAT.

It reads build outputs only (DATA_DIR, written by `essreg build`) and never imports the converters.
"""
from collections.abc import Mapping
from typing import Any

from flask import Flask, request

from . import (answer_cache, browse, build, dataset_description, documents, dumps, errors, i18n, ontology, pages, query_ui, resolve,
               search, sparql, stats)
from . import map as map_page  # not `map`: the built-in stays usable here
from .errors import request_too_large
from .federation import allowed_services
from .settings import DEFAULTS, with_trailing_slash

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Location, Link, Vary",
    "Access-Control-Max-Age": "86400",
}
# Every page's scripts, styles and requests come from this server (YASGUI is vendored, see
# static/yasgui/); YASGUI and CodeMirror set styles from their scripts, hence 'unsafe-inline' for
# styles only. No page may be framed; links to other sites send no path.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                               " img-src 'self' data:; font-src 'self' data:; connect-src 'self';"
                               " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# Added to every answer at the end of its headers in one step: no view sets any of them, so
# Headers.update's search-and-replace of each (a scan of the whole list per header) is not needed.
_ADDED_HEADERS = [*CORS_HEADERS.items(), *SECURITY_HEADERS.items()]
_ADDED_NAMES = frozenset(name.lower() for name, _ in _ADDED_HEADERS)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app: settings from `endpoint.settings.SETTINGS`, then ESSREG_* environment variables
    (ESSREG_DATA_DIR...; JSON values are decoded), then `config`."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("ESSREG")
    if config:
        app.config.from_mapping(config)
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_REQUEST_BYTES"]
    app.config["ALLOWED_SERVICES"] = allowed_services(app.config["ALLOWED_SERVICES"])

    build.init_app(app)
    answer_cache.init_app(app)
    app.config["BASE_URI"] = with_trailing_slash(app.config["BASE_URI"] or build.read_base_uri(app))
    errors.init_app(app)
    i18n.init_app(app)
    sparql.init_app(app)
    dataset_description.init_app(app)
    for blueprint in (sparql.bp, resolve.bp, pages.bp, ontology.bp, dumps.bp, dataset_description.bp,
                      query_ui.bp, documents.bp, map_page.bp, stats.bp, browse.bp, search.bp):
        app.register_blueprint(blueprint)

    @app.before_request
    def limit_query_string():
        if len(request.query_string) > app.config["MAX_REQUEST_BYTES"]:
            raise request_too_large(app.config["MAX_REQUEST_BYTES"])

    @app.after_request
    def add_headers(response):
        headers = response.headers
        if any(name.lower() in _ADDED_NAMES for name, _ in headers):  # one set by a view is replaced
            headers.update(_ADDED_HEADERS)
        else:
            headers[len(headers):] = _ADDED_HEADERS
        return response

    return app
