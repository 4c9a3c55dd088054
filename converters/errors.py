"""Errors and warnings of the converters: each names the file and, where it applies, the line."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _where(path: Path | str, line: int | None) -> str:
    return f"{path}:{line}" if line else f"{path}"


class ConversionError(Exception):
    """A document cannot be converted at all (missing, undecodable, empty, unrecognisable)."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{_where(path, line)}: {message}")


class InternalError(Exception):
    """A defect of the converters met while processing a file: exit code 3, never 1 or 2."""

    def __init__(self, path: Path | str, stage: str, cause: BaseException):
        import traceback

        self.path, self.stage, self.cause = path, stage, cause
        self.details = "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
        super().__init__(f"{path}: internal error while {stage}: {type(cause).__name__}: {cause}")


@dataclass(frozen=True)
class Diagnostic:
    """A problem met while converting a document: reported, never silently swallowed."""

    level: str  # "warning" or "info"
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{_where(self.path, self.line)}: {self.level}: {self.message}"
