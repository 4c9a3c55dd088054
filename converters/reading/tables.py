"""Tables written as text: Markdown pipe tables, wikitext tables, CSV exports (";", tab or ",") and
columns aligned with spaces (a PDF or a report exported to text).

A table row is read as a card: the cell that names the row (the column headed "Nom", "Pôle",
"Projet"...) as a heading, every other non-empty cell as a "Header : value" field, each on the
source line it was written on. Header lines, rule lines ("|---|", "|-") and table markup are
accounted for as boilerplate. What is not a table (a line with a few semicolons) is left to the
other segmenters.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

# Which column names the row, best first: "Nom", "Pôle"; else "Projet", "Intitulé"; else the beneficiary.
_NAME_COLUMNS = (
    re.compile(r"^(?:nom\b(?! d[ue] (?:la )?(?:porteur|structure|contact|référent))|name\b|p[ôo]les?\b|ptce\b)", re.IGNORECASE),
    re.compile(r"^(?:intitul|projet|lauréat|laureat)", re.IGNORECASE),
    re.compile(r"^(?:d[ée]nomination|raison sociale|b[ée]n[ée]ficiaire|structure\b(?!s? porteuse))", re.IGNORECASE),
)
_TYPE_COLUMN = re.compile(r"^(?:type|cat[ée]gorie|nature)\b", re.IGNORECASE)
_POLE_TYPE = re.compile(r"ptce|p[ôo]le", re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_WIKI_NOISE = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>|'''?|\{\{[^}]*\}\}|<br\s*/?>", re.IGNORECASE)
_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


@dataclass
class Row:
    cells: list[tuple[str, str, int]]  # (header, value, source line)
    name: int | None  # index in cells of the name, None when no column names the row
    pole_like: bool = True  # False when a type column says the row is something else (a tiers-lieu, a health centre)
    lines: list[int] = field(default_factory=list)
    form: int | None = None  # in a table of organisations ("Structure | Statut"), the cell of their legal form


@dataclass
class Table:
    rows: list[Row]
    markup: dict[int, str]  # line number -> why it is no statement (header, rule, table markup)


def find_tables(lines: tuple[str, ...] | list[str]) -> list[Table]:
    tables = []
    n = 0
    while n < len(lines):
        found = _markdown(lines, n) or _wikitext(lines, n) or _csv(lines, n) or _aligned(lines, n)
        if found is None:
            n += 1
            continue
        table, end = found
        if table.rows:
            tables.append(table)
        n = end
    return tables


def _cells_of_pipes(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [_plain(c) for c in inner.split("|")]


def _plain(cell: str) -> str:
    cell = _WIKI_NOISE.sub("", _WIKI_LINK.sub(r"\1", cell))
    return re.sub(r"\*\*|__", "", cell).strip()


def _markdown(lines, n: int):
    if not lines[n].lstrip().startswith("|") or n + 1 >= len(lines) or not _RULE.match(lines[n + 1]):
        return None
    headers = _cells_of_pipes(lines[n])
    if len(headers) < 2:
        return None
    markup = {n + 1: "table header", n + 2: "table rule"}
    end, rows = n + 2, []
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        values = _cells_of_pipes(lines[end])
        if any(values):
            rows.append([(h, v, end + 1) for h, v in zip(headers, values)])
        else:
            markup[end + 1] = "empty table row"
        end += 1
    return _table(headers, rows, markup), end


def _wikitext(lines, n: int):
    if not lines[n].lstrip().startswith("{|"):
        return None
    markup = {n + 1: "table markup"}
    headers: list[str] = []
    rows: list[list[tuple[str, str, int]]] = []
    current: list[tuple[str, int]] = []
    end = n + 1
    while end < len(lines):
        line = lines[end].strip()
        number = end + 1
        end += 1
        if line.startswith("|}"):
            markup[number] = "table markup"
            break
        if line.startswith("|-") or line.startswith("|+"):
            markup[number] = "table rule" if line.startswith("|-") else "table caption"
            if current:
                rows.append([(h, v, ln) for h, (v, ln) in zip(headers, current)])
                current = []
            continue
        if line.startswith("!"):
            headers.extend(_plain(h) for h in re.split(r"!!|\|\|", line[1:]))
            markup[number] = "table header"
            continue
        if line.startswith("|"):
            cells = re.split(r"\|\|", line[1:])
            # "| style="..." | value": an attribute before the value
            current.extend((_plain(c.split("|", 1)[1] if re.match(r'\s*\w+="', c) and "|" in c else c), number) for c in cells)
        elif line and current:
            value, ln = current[-1]
            current[-1] = (f"{value} {_plain(line)}".strip(), ln)
    if current:
        rows.append([(h, v, ln) for h, (v, ln) in zip(headers, current)])
    if len(headers) < 2:
        return None
    return _table(headers, rows, markup), end


def _csv(lines, n: int):
    line = lines[n]
    for delimiter in (";", "\t", ","):
        if line.count(delimiter) < 2:
            continue
        headers = next(csv.reader([line], delimiter=delimiter))
        if not all(re.fullmatch(r"[^\W\d][\w'’°. \-()/]{0,39}", h.strip()) and len(h.split()) <= 4
                   and h.count("(") == h.count(")") for h in headers):
            continue  # a header row is short words ("id;nom;type;porteur"), not sentences
        rows, end = [], n + 1
        while end < len(lines) and lines[end].strip():
            try:
                values = next(csv.reader([lines[end]], delimiter=delimiter))
            except csv.Error:
                break
            if len(values) != len(headers):
                break
            rows.append([(_header(h), v.replace("|", " ; ").strip(), end + 1) for h, v in zip(headers, values)])
            end += 1
        if rows and (delimiter != "," or len(rows) >= 2):  # commas alone: two rows at least, prose has commas too
            return _table([_header(h) for h in headers], rows, {n + 1: "table header"}), end
    return None


# Columns aligned with spaces: cells are runs of text two spaces or more apart. A header line of
# three short labels or more, then at least two lines of as many cells (a menu bar is one line).
_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")
_ALIGNED_HEADER = re.compile(r"[^\W\d][\w'’°.\-()/*]*(?: [\w'’°.\-()/*]+){0,4}")
_TOTAL = re.compile(r"(?:total|sous-total|ensemble)\b", re.IGNORECASE)


def _aligned_cells(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _ALIGNED_CELL.finditer(line.expandtabs(8))]


def _aligned(lines, n: int):
    header = _aligned_cells(lines[n])
    if len(header) < 3 or not all(_ALIGNED_HEADER.fullmatch(text) and len(text) <= 40 for _, _, text in header):
        return None
    rows, markup, end = [], {n + 1: "table header"}, n + 1
    while end < len(lines) and len(cells := _aligned_cells(lines[end])) >= min(3, len(header)) \
            and re.search(r"\S {2,}\S", lines[end].expandtabs(8)):
        values = [""] * len(header)
        for start, stop, text in cells:  # the column the cell overlaps most, else the nearest
            column = max(range(len(header)), key=lambda i: (min(stop, header[i][1]) - max(start, header[i][0]),
                                                            -abs(start - header[i][0])))
            values[column] = f"{values[column]} {text}".strip()
        if _TOTAL.match(next((v for v in values if v), "")):
            markup[end + 1] = "table total"
        else:  # a column whose header carries a note mark ("Emplois du bassin*") counts what its note says: left out
            rows.append([(h, "" if h.endswith("*") else v, end + 1) for (_, _, h), v in zip(header, values)])
        end += 1
    if len(rows) < 2:
        return None
    return _table([_header(text.rstrip("*")) for _, _, text in header], rows, markup), end


def _header(header: str) -> str:
    """"nb_membres" reads "nombre de membres"."""
    header = re.sub(r"[_]+", " ", header.strip())
    return re.sub(r"^nb\.?\s+", "nombre de ", header, flags=re.IGNORECASE)


_CARRIER_COLUMN = re.compile(r"porteu(?:r|se)|b[ée]n[ée]ficiaire|coordinat|animat", re.IGNORECASE)
_FORM_COLUMN = re.compile(r"^(?:forme|statut)", re.IGNORECASE)
_MEMBERS_COLUMN = re.compile(r"^(?:membres|adhérents|structures membres)\b", re.IGNORECASE)


def _table(headers: list[str], rows: list[list[tuple[str, str, int]]], markup: dict[int, str]) -> Table:
    name = next((i for pattern in _NAME_COLUMNS for i, h in enumerate(headers) if pattern.search(h.strip())), None)
    # The columns are read as the rules read a card's fields: the carrier with its form after it
    # ("Structure porteuse : Blies Services (SCIC SARL)"), a list of members as "Membres : A ; B".
    carrier = next((i for i, h in enumerate(headers) if i != name and _CARRIER_COLUMN.search(h) and not _FORM_COLUMN.search(h)), None)
    form = next((i for i, h in enumerate(headers) if i not in (name, carrier) and _FORM_COLUMN.search(h)), None)
    for cells in rows:
        if carrier is not None and carrier < len(cells):
            header, value, line = cells[carrier]
            if form is not None and form < len(cells) and cells[form][1] and value:
                value = f"{value} ({cells[form][1]})"
                cells[form] = (cells[form][0], "", cells[form][2])
            cells[carrier] = ("Structure porteuse", value, line)
        for i, (header, value, line) in enumerate(cells):
            if i != name and _MEMBERS_COLUMN.search(header) and not re.fullmatch(r"[\s\d~≈.,+–-]*", value):
                cells[i] = ("Membres", value, line)
    kind = next((i for i, h in enumerate(headers) if _TYPE_COLUMN.search(h.strip())), None)
    if kind is None and name is not None and _NAME_COLUMNS[2].search(headers[name].strip()):
        kind = form  # "Structure | Statut": rows of organisations, unless a status says pole
    types = [r[kind][1] for r in rows if kind is not None and kind < len(r)]
    typed = kind is not None and (kind == form or any(_POLE_TYPE.search(t) for t in types))  # which rows are poles
    out = []
    for cells in rows:
        row = Row(cells, name if name is not None and name < len(cells) and cells[name][1] else None,
                  lines=sorted({c[2] for c in cells}))
        if typed and kind < len(cells) and not _POLE_TYPE.search(cells[kind][1]):
            row.pole_like = False
            row.form = kind if kind == form else None
        out.append(row)
    return Table(out, markup)
