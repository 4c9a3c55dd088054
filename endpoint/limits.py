"""How much a public query may return (MAX_ROWS); its time and memory: see query_pool.py.
SELECT results are counted as the engine writes them (result_rows.py); triples here."""
from collections.abc import Iterable, Iterator
from typing import TypeVar

from .errors import result_too_large

T = TypeVar("T")


def counted(items: Iterable[T], limit: int, what: str) -> Iterator[T]:
    """The items, passed on as they come; a 400 HttpError at the one past `limit`."""
    for number, item in enumerate(items, 1):
        if number > limit:
            raise result_too_large(limit, what)
        yield item
