"""How long a public query may run and how much it may return (QUERY_TIMEOUT, MAX_ROWS).

pyoxigraph has no timeout, but it evaluates lazily: the clock is checked as solutions are read
and each time the serialiser writes. A query that works long before its first solution (a big
ORDER BY or GROUP BY) is therefore only stopped after it; a hard limit needs the process
supervisor (gunicorn --timeout) or a remote engine.
"""
import io
import time
from collections.abc import Iterable
from typing import TypeVar

from .errors import query_timeout, result_too_large

T = TypeVar("T")


class QueryBudget:
    def __init__(self, seconds: float, max_rows: int):
        self.seconds = seconds
        self.max_rows = max_rows
        self._deadline = time.monotonic() + seconds

    def check_time(self) -> None:
        if time.monotonic() > self._deadline:
            raise query_timeout(self.seconds)

    def take(self, items: Iterable[T], what: str) -> list[T]:
        """All the items, or an error when there are more than max_rows or time runs out."""
        taken = []
        for item in items:
            self.check_time()
            if len(taken) == self.max_rows:
                raise result_too_large(self.max_rows, what)
            taken.append(item)
        return taken

    def serialize(self, result, result_format) -> bytes:
        """`result.serialize()` (pyoxigraph's own writer) into memory, on the clock."""
        output = _ClockedBuffer(self)
        result.serialize(output, result_format)
        return output.getvalue()


class _ClockedBuffer(io.BytesIO):
    def __init__(self, budget: QueryBudget):
        super().__init__()
        self._budget = budget

    def write(self, data) -> int:
        self._budget.check_time()
        return super().write(data)
