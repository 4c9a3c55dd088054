"""How much a public query may return (MAX_ROWS); its time and memory: see query_pool.py."""
from collections.abc import Iterable
from typing import TypeVar

from .errors import result_too_large

T = TypeVar("T")


def take(items: Iterable[T], limit: int, what: str) -> list[T]:
    """All the items, or a 400 HttpError when there are more than `limit`."""
    taken = []
    for item in items:
        if len(taken) == limit:
            raise result_too_large(limit, what)
        taken.append(item)
    return taken
