"""Reading a source document: strict UTF-8, a size limit, stable line numbers, errors that name
file and line. Control characters (NUL and the like) are reported with their line and removed."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConversionError, Diagnostic

DEFAULT_MAX_BYTES = 5_000_000  # ESSREG_MAX_DOCUMENT_BYTES overrides it
# C0 controls but tab, and DEL; a form feed (page break of a PDF extraction) is a line break.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceText:
    path: Path
    lines: tuple[str, ...]  # lines[0] is line 1, without line terminators
    sha256: str
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def nonempty(self) -> set[int]:
        return {n for n, text in enumerate(self.lines, 1) if text.strip()}


def max_document_bytes() -> int:
    value = os.environ.get("ESSREG_MAX_DOCUMENT_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_BYTES


def read_source(path: Path | str, max_bytes: int | None = None) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise ConversionError(path, "no such file")
    if not path.is_file():
        raise ConversionError(path, "not a regular file")
    limit = max_document_bytes() if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise ConversionError(path, f"{size:,} bytes: larger than the maximum document size ({limit:,} bytes; "
                                    "set ESSREG_MAX_DOCUMENT_BYTES to allow more)")
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
    # Split on \n only (not str.splitlines, which also splits on \x0c, \u2028...), so line
    # numbers are those of editors, `cat -n` and `grep -n`.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    diagnostics = []
    for number, line in enumerate(lines, 1):
        if _CONTROL.search(line):
            found = sorted({f"U+{ord(c):04X}" for c in _CONTROL.findall(line)})
            diagnostics.append(Diagnostic("warning", str(path), number,
                                          f"control character(s) {', '.join(found)} removed"))
            lines[number - 1] = _CONTROL.sub("", line)
    if not any(line.strip() for line in lines):
        raise ConversionError(path, "empty document (no text)")
    return SourceText(path, tuple(lines), hashlib.sha256(data).hexdigest(), tuple(diagnostics))


_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)|</?u>|</?i>|</?b>|\^\{[^}]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\x0c]+")


# An image's text alternative an extraction kept: "[img alt="logo Recyclerie de Rethondes"]", "<img alt='...'>"
_IMAGE_ALT = re.compile(r"""(?:\[img|<img)[^\]>]*?\balt=(?P<q>["'])(?:logo(?:\s+d[eu]|\s+des)?\s+)?(?P<alt>.*?)(?P=q)[^\]>]*[\]>]|"""
                        r"""\[(?:image|img|photo)\s*:\s*(?:logo(?:\s+d[eu]|\s+des)?\s*)?(?P<label>[^\]]*)\]""", re.IGNORECASE)


def clean(text: str) -> str:
    """A line's text without inline markup (bold, underline, footnote calls, image tags: their
    text alternative stays, a semicolon between two) and extra spaces."""
    if "alt=" in text or "[im" in text.lower() or "[photo" in text.lower():
        text = _IMAGE_ALT.sub(lambda m: (m.group("alt") or m.group("label") or "").strip() + " ;", text).strip().rstrip(";").strip()
    text = _MARKUP.sub("", text)
    text = text.replace("’", "'")
    return _SPACES.sub(" ", text).strip()
