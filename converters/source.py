"""Reading a source document: strict UTF-8, stable line numbers, errors that name file and line."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ConversionError


@dataclass(frozen=True)
class SourceText:
    path: Path
    lines: tuple[str, ...]  # lines[0] is line 1, without line terminators
    sha256: str

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def nonempty(self) -> set[int]:
        return {n for n, text in enumerate(self.lines, 1) if text.strip()}


def read_source(path: Path | str) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise ConversionError(path, "no such file")
    if not path.is_file():
        raise ConversionError(path, "not a regular file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ConversionError(
            path,
            f"not valid UTF-8: byte 0x{data[error.start]:02x} at column {column}; "
            "save the file as UTF-8",
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ConversionError(path, "empty document (no text)")
    # Split on \n only (not str.splitlines, which also splits on \x0c, \u2028...), so line
    # numbers are those of editors, `cat -n` and `grep -n`.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return SourceText(path, tuple(lines), hashlib.sha256(data).hexdigest())


_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)|</?u>|</?i>|</?b>|\^\{[^}]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009]+")


def clean(text: str) -> str:
    """A line's text without inline markup (bold, underline, footnote calls) and extra spaces."""
    text = _MARKUP.sub("", text)
    text = text.replace("’", "'")
    return _SPACES.sub(" ", text).strip()
