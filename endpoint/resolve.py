"""The URIs of things, `{base}id/...`: a GET answers 303 See Other to a document about the thing.

For now the document is always the HTML page; /data/... and content negotiation come later,
hence Vary: Accept already.
"""
from flask import Blueprint, redirect, url_for

bp = Blueprint("resolve", __name__)


@bp.get("/id/<path:rest>")
def identifier(rest: str):
    response = redirect(url_for("pages.resource", rest=rest), code=303)
    response.vary.add("Accept")
    return response
