"""SELECT results written by the engine itself, with MAX_ROWS counted in the bytes it writes.

pyoxigraph writes a query's solutions straight from its iterator (`QuerySolutions.serialize`),
in 8 KiB chunks to any object with `write`, and an exception raised by `write` stops it. So the
results are never turned into Python objects: `RowCountingSink` receives the chunks, counts the
rows from the format's own syntax and raises the MAX_ROWS 400 as soon as one row too many is
written, before the rest of the answer is computed. An answer too short to hold more than
MAX_ROWS rows (most of them) is not counted at all.

How a row shows in each format as Oxigraph writes it (compact, no indentation):
- TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/): one line per row after the header; terms
  are in Turtle syntax, whose strings escape line ends, so every line end ends a row;
- CSV: one CRLF-ended record per row after the header; a value holding a line end is quoted, so
  only line ends outside quotes count (`""` in a quoted value toggles twice: no harm);
- XML (https://www.w3.org/TR/rdf-sparql-XMLres/): one `<result>` element per row; values are
  escaped (`&lt;`), so the tag cannot appear inside one;
- JSON (https://www.w3.org/TR/sparql11-results-json/): outside strings, an object opens right after
  `[` or `,` only at the start of a row of the bindings array (the head's vars are strings, a term
  or a quoted triple's part follows a `"key":`), so rows are the `[{` and `,{` outside strings.
"""
from pyoxigraph import QueryResultsFormat, QuerySolutions

from .errors import result_too_large

_XML_ROW = b"<result>"
# The fewest bytes a row takes: JSON `,{}`, XML `<result></result>`, CSV CRLF, TSV LF. An answer of
# at most max_rows times that cannot hold more than max_rows rows: its rows need no counting.
_ROW_BYTES = {QueryResultsFormat.JSON: 3, QueryResultsFormat.XML: 17, QueryResultsFormat.CSV: 2,
              QueryResultsFormat.TSV: 1}


class RowCountingSink:
    """A file-like object for pyoxigraph to write results into: keeps the bytes, counts the rows."""

    def __init__(self, results_format: QueryResultsFormat, max_rows: int):
        self.chunks: list[bytes] = []
        self.rows = 0  # counted so far: none while the answer is too short to hold more than max_rows
        self._max_rows = max_rows
        self._uncounted = _ROW_BYTES[results_format] * max_rows  # bytes written before counting starts
        self._count = {QueryResultsFormat.JSON: self._json, QueryResultsFormat.XML: self._xml,
                       QueryResultsFormat.CSV: self._csv, QueryResultsFormat.TSV: self._tsv}[results_format]
        self._header = True  # CSV, TSV: the first line names the variables
        self._tail = b""  # XML: the end of the previous chunk, where a tag may have been cut
        self._quoted = False  # JSON, CSV: the previous chunk ended inside a string or quoted value
        self._backslash = b""  # JSON: the previous chunk ended on a backslash
        self._previous = b""  # JSON: the last byte outside strings

    def write(self, chunk) -> int:
        chunk = bytes(chunk)
        size = len(chunk)
        self.chunks.append(chunk)
        if self._uncounted is not None:
            self._uncounted -= len(chunk)
            if self._uncounted >= 0:
                return size
            self._uncounted, chunk = None, b"".join(self.chunks)  # count from the start
        self.rows += self._count(chunk)
        if self.rows > self._max_rows:
            raise result_too_large(self._max_rows, "rows")
        return size

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.chunks)

    def _tsv(self, chunk: bytes) -> int:
        lines = chunk.count(b"\n")
        if self._header and lines:
            self._header = False
            lines -= 1
        return lines

    def _csv(self, chunk: bytes) -> int:
        return self._tsv(self._outside_quotes(chunk))

    def _outside_quotes(self, text: bytes) -> bytes:
        """The text outside quotes, a quoted part begun in the previous chunk included (a split
        on the quotes and a slice: loops in C, where a regular expression costs about a
        microsecond a string)."""
        parts = text.split(b'"')
        outside = parts[1::2] if self._quoted else parts[::2]
        if len(parts) % 2 == 0:
            self._quoted = not self._quoted
        return b"".join(outside)

    def _xml(self, chunk: bytes) -> int:
        text = self._tail + chunk
        self._tail = text[-(len(_XML_ROW) - 1):]  # too short to hold a whole tag: none counted twice
        return text.count(_XML_ROW)

    def _json(self, chunk: bytes) -> int:
        # escaped characters first, so that every quote left opens or closes a string; a
        # backslash ending the chunk waits for the character it escapes
        text = (self._backslash + chunk).replace(b"\\\\", b"..")
        self._backslash = b"\\" if text.endswith(b"\\") else b""
        text = text[:len(text) - len(self._backslash)].replace(b'\\"', b"..")
        structure = self._previous + self._outside_quotes(text)
        self._previous = structure[-1:]
        return structure.count(b"[{") + structure.count(b",{")


def serialize_solutions(solutions: QuerySolutions, results_format: QueryResultsFormat, max_rows: int) -> bytes:
    """The solutions in `results_format`, written by the engine; a 400 past `max_rows` rows."""
    sink = RowCountingSink(results_format, max_rows)
    solutions.serialize(sink, format=results_format)
    return sink.getvalue()
