"""Reading a source document: strict UTF-8, a size limit, stable line numbers, errors that name
file and line. Control characters (NUL and the like) are reported with their line and removed."""
from __future__ import annotations

import hashlib
import os
import re
from email.header import decode_header, make_header

import ftfy
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
    diagnostics.extend(_decode_transfer_encodings(path, lines))
    return SourceText(path, tuple(lines), hashlib.sha256(data).hexdigest(), tuple(diagnostics))


_MARKUP = re.compile(r"\*\*|(?<!\w)\*|\*(?!\w)|</?u>|</?i>|</?b>|\^\{[^}]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\x0c]+")


# An image's text alternative an extraction kept: "[img alt="logo Recyclerie de Rethondes"]", "<img alt='...'>"
_IMAGE_ALT = re.compile(r"""(?:\[img|<img)[^\]>]*?\balt=(?P<q>["'])(?:logo(?:\s+d[eu]|\s+des)?\s+)?(?P<alt>.*?)(?P=q)[^\]>]*[\]>]|"""
                        r"""\[(?:image|img|photo)\s*:\s*(?:logo(?:\s+d[eu]|\s+des)?\s*)?(?P<label>[^\]]*)\]""", re.IGNORECASE)


# Dotted leaders of a table or a table of contents: "Membres ........ 17" reads "Membres : 17".
_LEADER = re.compile(r"(?<=[^\s.…])\s*(?:(?:\.\s?){4,}|…{2,})\s*(?=\S)")


_ALIGNED_FIELD = re.compile(r"^(?P<label>[A-ZÀ-Ý][a-zà-ÿ'’\-]+(?: [a-zà-ÿ'’\-]+){0,2})[ \t]{4,}(?P<value>(?!.*\S[ \t]{3,}\S)\S.*)$")


def _ocr_repair(text: str) -> str:
    """What character recognition misreads in print: "m" as "rn" ("sornmes", "ernplois": an unknown
    word that is a known word with "m"), "l'" as "1'" ("1'association")."""
    from .nlp import get_nlp

    vocab = get_nlp().vocab

    def word(m: re.Match) -> str:
        written = m.group(0)
        if vocab.has_vector(written.lower()):
            return written
        repaired = written.replace("rn", "m")
        return repaired if vocab.has_vector(repaired.lower()) else written

    text = re.sub(r"(?<![\w'])1(?=['’][a-zà-ÿ])", "l", text)
    return re.sub(r"\b\w*rn\w*\b", word, text)


def clean(text: str) -> str:
    """A line's text without inline markup (bold, underline, footnote calls, image tags: their
    text alternative stays, a semicolon between two) and extra spaces."""
    if "alt=" in text or "[im" in text.lower() or "[photo" in text.lower():
        text = _IMAGE_ALT.sub(lambda m: (m.group("alt") or m.group("label") or "").strip() + " ;", text).strip().rstrip(";").strip()
    text = re.sub(r"^\*\s+", "- ", text)  # "* la Scop ...": a bullet, not markup
    aligned = _ALIGNED_FIELD.match(text)
    if aligned:  # "Siège social        Lormont": a label and its value in aligned columns
        text = f"{aligned.group('label')} : {aligned.group('value')}"
    text = _MARKUP.sub("", text)
    if _LEADER.search(text):
        # "Membres ........ 17", "Dénomination ..... X": a field; "Recyclaube ....... entreprise d'insertion
        # (SARL) ..... Troyes": a row of a table whose columns are joined by dashes, an item when indented
        # "Jardins du Trieux ...... association": a name (capitalised words), not a label, before the dots
        key, value = _LEADER.split(text, 1)
        textual = not re.fullmatch(r"[\d\s.,%€k()+\-–]+", value)
        indented = re.match(r"\s{2,}\S", text) is not None
        named = len(re.findall(r"(?<![\w\-])[A-ZÀ-Ý][\w'’\-]+", key)) >= 2
        row = textual and (indented or named or len(_LEADER.findall(text)) >= 2)
        text = _LEADER.sub(" — " if row else " : ", text)
        if row and (indented or named) and not re.match(r"\s*[-–•·*▪►▶▸➤➔➜→✓✔☞]", text):
            text = "- " + text.strip()
    if "rn" in text or "1'" in text:
        text = _ocr_repair(text)
    if re.search(r"\d[O]", text):  # "96 5OO €": character recognition's O for 0 after a digit
        text = re.sub(r"(?<=\d)O+(?![A-Za-zÀ-ÿ])", lambda m: "0" * len(m.group(0)), text)
    text = text.replace("’", "'")
    return _SPACES.sub(" ", text).strip()


# Quoted-printable (an e-mail saved as it came: "p=C3=B4le", a soft break "=" at a line end): UTF-8
# lead and continuation bytes written as =XX, or the header that says so.
_QP_BYTES = re.compile(r"(?:=[0-9A-F]{2})+")
_QP_SIGN = re.compile(r"=(?:C[2-9A-F]|E[0-9A-F])=[89AB][0-9A-F]|^Content-Transfer-Encoding:\s*quoted-printable", re.IGNORECASE | re.MULTILINE)
_ENCODED_WORD = re.compile(r"=\?[\w\-]+\?[QqBb]\?[^?\s]*\?=")
_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a]|â€")


# "Le jeu. 19 nov. 2026 à 11:05, X <x@y.fr> a écrit :", "On Mon, ... wrote:", "-----Message d'origine-----"
_REPLY_HEADER = re.compile(r"(?:\ba écrit|\bwrote)\s*:\s*$|^-{3,}\s*(?:message d'origine|original message|message transféré)",
                           re.IGNORECASE)
_QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")


def _decode_transfer_encodings(path: Path, lines: list[str]) -> list[Diagnostic]:
    """Lines as their author wrote them, each at its own number: quoted-printable decoded (a soft
    line break keeps its "=" for the segmenter, which joins the word it cut), MIME encoded words of
    e-mail headers decoded, UTF-8 read as Latin-1 ("Ã©" for "é") repaired by ftfy."""
    notes = []
    for n, line in enumerate(lines):
        if "=?" in line and _ENCODED_WORD.search(line):
            try:
                lines[n] = str(make_header(decode_header(line)))
            except (ValueError, LookupError, UnicodeDecodeError):
                pass  # left as written
    if len(_QP_SIGN.findall("\n".join(lines))) >= 2:
        carried = ""  # the first bytes of a character cut by a soft line break ("passe =C3=" / "=A0 quatre")
        for n, line in enumerate(lines):
            line, carried = carried + line, ""
            soft = line.endswith("=") and not line.endswith("==")
            body = line[:-1] if soft else line
            tail = re.search(r"(?:=[0-9A-F]{2})+$", body) if soft else None
            if tail:
                raw = bytes.fromhex(tail.group(0).replace("=", ""))
                cut = next((k for k in range(1, min(4, len(raw)) + 1) if raw[-k] >= 0xC0), 0)
                if cut and len(raw[-cut:]) < (2 if raw[-cut] < 0xE0 else 3 if raw[-cut] < 0xF0 else 4):
                    body, carried = body[:len(body) - 3 * cut], body[len(body) - 3 * cut:]
            decoded = _QP_BYTES.sub(lambda m: bytes.fromhex(m.group(0).replace("=", "")).decode("utf-8", "replace"), body)
            spaced = soft and n + 1 < len(lines) and lines[n + 1][:1] in (" ", "\t")  # the space the break came before
            lines[n] = decoded + (" =" if spaced else "=" if soft else "")
        notes.append(Diagnostic("warning", str(path), 1, "quoted-printable text decoded (an e-mail as it was sent)"))
    if any(_REPLY_HEADER.search(line) for line in lines):  # an e-mail thread: the quoted messages are text too
        quoted = 0
        for n, line in enumerate(lines):
            if _QUOTE_MARKS.match(line):
                lines[n], quoted = _QUOTE_MARKS.sub("", line, count=1), quoted + 1
        if quoted:
            notes.append(Diagnostic("info", str(path), 1, f"e-mail quotation marks (>) removed from {quoted} line(s)"))
    for n, line in enumerate(lines):
        if _MOJIBAKE.search(lines[n]):
            lines[n] = ftfy.fix_text(lines[n], normalization=None)
    if any(_MOJIBAKE.search(line) for line in lines):
        notes.append(Diagnostic("warning", str(path), 1, "text with UTF-8 read as Latin-1 could not be fully repaired"))
    return notes
