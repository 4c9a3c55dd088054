"""The registry's web server: SPARQL endpoint, URI resolution and HTML pages over a build.

It reads build outputs only (DATA_DIR, written by `essreg build`) and never imports the converters.
"""
from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import errors, pages, resolve, sparql, store
from .settings import DEFAULTS, read_base_uri, with_trailing_slash


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app: settings from `endpoint.settings.SETTINGS`, then ESSREG_* environment variables
    (ESSREG_DATA_DIR...), then `config`."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("ESSREG")
    if config:
        app.config.from_mapping(config)
    app.config["BASE_URI"] = with_trailing_slash(app.config["BASE_URI"] or read_base_uri(app.config["DATA_DIR"]))

    store.init_app(app)
    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(resolve.bp)
    app.register_blueprint(pages.bp)
    return app
