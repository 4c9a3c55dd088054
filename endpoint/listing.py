"""Pagination of the long lists of the HTML pages (?page=2), 50 items a page."""
from dataclasses import dataclass
from typing import Any

import re

from flask import request

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    items: list[Any]
    number: int
    count: int  # pages
    total: int  # items

    def url_args(self, number: int, route_args: dict | None = None) -> dict[str, str]:
        """The route's arguments and the current query string with another page number (the
        region filter kept)."""
        args = {**(route_args or {}), **{key: value for key, value in request.args.items() if key != "page"}}
        return {**args, "page": str(number)} if number > 1 else args


def paginate(items: list, size: int = PAGE_SIZE) -> Page:
    """The page of `items` that ?page= asks for; a number out of range gives the nearest page."""
    count = max(1, -(-len(items) // size))
    try:
        number = min(max(int(request.args.get("page", "1")), 1), count)
    except ValueError:
        number = 1
    return Page(items[(number - 1) * size:number * size], number, count, len(items))


def variant(*parts: str) -> str:
    """An ETag variant made of request values, reduced to characters safe in a header."""
    return "-".join(re.sub(r"[^\w.-]", "", part)[:40] for part in parts)
