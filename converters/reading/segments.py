"""Segments: the units the rules read, cut from the source by segmenters shared by every kind.

A segment is a heading, a "Clé : valeur" field, a list item or a paragraph. PDF and web
extractions break lines anywhere ("Communauté d'Agglomération du" / "Pays de ..."): lines broken
mid-sentence are joined (reflowed) into one segment, and every character keeps its source line
(`Segment.lines_at`). Page chrome becomes a boilerplate segment (`converters.reading.boilerplate`);
a line repeated from earlier in the document is accounted as such and read once. Long paragraphs
are cut at sentence ends into pieces of at most `MAX_SEGMENT` characters, so that every rule
runs in time linear in the size of the document.

A kind may ask for its layout (both default to True, the behaviour for documents of any kind):
`reflow=False` keeps every line a segment of its own (a slide deck: one statement per line);
`chrome=False` reads every line as text, for documents with no page around them (no page chrome,
repeated lines read again, a lone list marker kept as the line it is).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..folding import name_key
from .boilerplate import classify, strip_glued_label
from .source import SourceText, clean
from .tables import Row, find_tables

HEADING, FIELD, ITEM, PARAGRAPH, BOILERPLATE, PRIVATE_LINE = (
    "heading", "field", "item", "paragraph", "boilerplate", "private")
MAX_SEGMENT = 3000

_MARKER = re.compile(r"^\s*(?:[-–•·*▪►▶▸➤➔➜→✓✔☞]|\d{1,2}[.)](?!\d)|[a-h][.)]\s)\s*")
_FIELD = re.compile(r"^(?P<key>[A-ZÀ-Ý][\w'’\- ]{1,40}?)\s*:\s+(?P<value>\S.*)$")
# Words a line cannot end on when the sentence goes on the next line.
_LINKING_END = re.compile(
    r"(?:^|\s)(?:de|du|des|d'|l'|la|le|les|et|ou|à|au|aux|en|pour|par|sur|dans|avec|sous|un|une|"
    r"qui|que|dont|ses|son|sa|leur|leurs|ce|cette|ces|entre|vers|chez|sans|selon|notamment)$",
    re.IGNORECASE)
_LINKING_START = re.compile(r"^(?:de|du|des|d'|et|ou|à|au|aux|en|pour|par|sur|dans|avec)\b")  # lower case: "Au 31 décembre" opens a sentence
_SENTENCE_END = re.compile(r"[.!?…»\"]$")
# Words an extraction glued to the word before ("Solidairesur", "DuréeLa", "formation.A l'image").
_FUNCTION_WORDS = {"sur", "est", "dans", "pour", "avec", "cette"}  # not "les", "des": "Grésilles", "Andelys"
_GLUED_CAPITAL = re.compile(r"\b([A-Za-zÀ-ÿ]{4,}?)((?:Il|Elle|La|Le|Les|L['’]|Ce|Cette|Un|Une|En|Au|Pour|Depuis|Qu['’]|"
                            r"Préambule|Article|Objet|Siège|Durée|Dénomination|Titre)(?=\b|[A-ZÀ-Ý]))")
_GLUED_LOWER = re.compile(r"\b([A-Za-zÀ-ÿ]{8,})\b")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?\s*[A-ZÀ-Ý0-9])")


@dataclass
class Segment:
    kind: str
    text: str  # cleaned text, lines joined with one space
    breaks: tuple[tuple[int, int], ...]  # (offset in text, source line number): where each line starts
    key: str | None = None  # FIELD: the key
    value_start: int = 0  # FIELD: where the value starts in text
    reason: str | None = None  # BOILERPLATE / PRIVATE_LINE: why
    index: int = 0
    heading: int | None = None  # index of the heading this segment falls under
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # NER spans (start, end, label)

    @property
    def lines(self) -> list[int]:
        return [line for _, line in self.breaks]

    def lines_at(self, start: int, end: int) -> list[int]:
        """The source lines the characters text[start:end] come from."""
        offsets = [offset for offset, _ in self.breaks]
        first = max(0, bisect.bisect_right(offsets, start) - 1)
        last = max(first, bisect.bisect_right(offsets, max(start, end - 1)) - 1)
        return [line for _, line in self.breaks[first : last + 1]]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence of the text."""
        spans, start = [], 0
        for m in _SENTENCE_SPLIT.finditer(self.text):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(self.text)))
        return [(s, e) for s, e in spans if e > s]

    def sentence_at(self, position: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= position <= end:
                return start, end
        return 0, len(self.text)


@dataclass
class _Line:
    number: int
    text: str
    marker: bool = False


def wrap_width(lines) -> int:
    """The width a PDF or a mail wrapped the document's text at (0 when it was not wrapped): the
    90th percentile of the lengths of its long lines, when there are enough of them."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 30)
    return lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 8 else 0


def _is_field_line(text: str) -> bool:
    m = _FIELD.match(text)
    return m is not None and len(m.group("key").split()) <= 4


def _continues(previous: str, following: str, wrap: int = 0) -> bool:
    """True when `following` goes on with the sentence `previous` left unfinished."""
    if not previous or not following:
        return False
    if previous.endswith("=") and not previous.endswith("=="):
        return True  # a quoted-printable soft line break: the line goes on
    if _is_field_line(previous) and _is_field_line(following):
        return False  # "Forme : société … à capital variable" / "Capital minimum : 4 000 euros": two fields
    # "résume Claire" / "Ducassé, directrice", "comme la Scop" / "Menuiserie du...": a name cut after its first word
    capitalised = re.search(r"\b[a-zà-ÿ]+\s+(?:[ld]['’])?(?:[A-ZÀ-Ý][\w'’\-]*\s+)?[A-ZÀ-Ý][\w'’\-]*$", previous) or (
        re.search(r"\b[A-ZÀ-Ý][\w'’\-]*$", previous) and re.match(r"[A-ZÀ-Ý][\w'’\-]*\s*[,()]", following))
    if wrap and len(previous) >= 0.85 * wrap and (re.search(r"\b[a-zà-ÿ]+$", previous) or capitalised) \
            and not following.isupper() and not _MARKER.match(following):
        return True  # "... toutes tailles : la ressourcerie" / "Ti Récup’, l’ESAT ...", "résume Claire" / "Ducassé, ...": wrapped at the width
    if _SENTENCE_END.search(previous) or previous.endswith(":"):
        return False
    if previous.count("(") > previous.count(")") or previous.count("«") > previous.count("»"):
        return True
    if _LINKING_END.search(previous) or previous.endswith(("-", "'", ",")):
        return True
    if following.startswith("("):
        return True
    if _LINKING_START.match(following) and not following.isupper() or re.match(r"^(?:DE|DU|DES|D'|ET)\b", following):
        return True
    return following[0].islower() and not _MARKER.match(following)


def unglue(text: str) -> str:
    """Words an extraction glued together, separated again: "organismes de formation.A l'image",
    "DénominationIl est fondé", "Solidairesur le territoire", "C2SOL,correspondant". A glued pair is
    split only when its first part is a word of the language model and the second a function word."""
    from .nlp import get_nlp

    vocab = get_nlp().vocab
    text = re.sub(r"(?<=[A-Za-zÀ-ÿ]{2})([,;])(?=[A-Za-zÀ-ÿ]{2})|(?<=[a-zà-ÿ]{3})([.])(?=[A-ZÀ-Ý])|(\))(?=[A-Za-zÀ-ÿ])",
                  lambda m: (m.group(1) or m.group(2) or m.group(3)) + " ", text)

    def capital(m: re.Match) -> str:
        return f"{m.group(1)} {m.group(2)}" if vocab.has_vector(m.group(1).lower()) else m.group(0)

    def lower(m: re.Match) -> str:
        word = m.group(1)
        if vocab.has_vector(word.lower()):
            return word
        for cut in range(len(word) - 2, 4, -1):
            head, tail = word[:cut], word[cut:]
            if tail.lower() in _FUNCTION_WORDS and tail.islower() and vocab.has_vector(head.lower()):
                return f"{head} {tail}"
        return word

    return _GLUED_LOWER.sub(lower, _GLUED_CAPITAL.sub(capital, text))


def _is_heading(text: str) -> bool:
    """A short line that does not end like a sentence: a title or a section heading."""
    words = text.split()
    if not words or len(words) > 14 or len(text) > 110:
        return False
    return not (re.search(r"[.;,]$", text) and not text.endswith("..."))


def _names_something(key: str) -> bool:
    """"PTCE NOLA", "Statuts Association C2SOL": a key with a proper name is a title, not a field."""
    words = key.split()
    return any(w[:1].isupper() or any(c.isdigit() for c in w) for w in words[1:])


def segment(source: SourceText, *, keep_repeats: bool = False, split_glued: bool = True,
            reflow: bool = True, chrome: bool = True) -> list[Segment]:
    """Cut a document into segments (boilerplate included, so every line is accounted for).

    Options for a kind whose layout asks for them (the defaults suit any document):
    `keep_repeats=True` reads a line repeated from earlier in the document again where it stands
    instead of accounting it as boilerplate (a form whose every record repeats its labels, a
    brochure's agenda that recalls the schemes it presented);
    `split_glued=False` leaves words as written (a clean extraction, where splitting what looks
    glued only breaks names);
    `reflow=False` keeps every line a segment of its own (a slide deck);
    `chrome=False` reads no line as page furniture (menus, links, repeated lines).
    """
    segments: list[Segment] = []
    wrap = wrap_width([line[:box.start()].rstrip() if (box := _BOX.search(line)) else line for line in source.lines])
    seen: dict[str, int] = {}  # name_key of a line already read -> its line number
    block: list[_Line] = []

    def flush() -> None:
        if block:
            segments.extend(_blocks_to_segments(block))
            block.clear()

    tabled: dict[int, list[Segment]] = {}  # line -> the segments of the table row or markup on it
    for table in find_tables(source.lines):
        for number, reason in table.markup.items():
            tabled[number] = [Segment(BOILERPLATE, clean(source.lines[number - 1]) or source.lines[number - 1].strip(),
                                      ((0, number),), reason=reason)]
        for row in table.rows:
            for seg in _row_segments(row):
                tabled.setdefault(seg.breaks[0][1], []).append(seg)
            for number in row.lines:
                tabled.setdefault(number, [])

    sidebar: list[_Line] = []  # a box printed beside the text ("│ 28 membres │"), read as a column of its own

    def flush_sidebar() -> None:
        if sidebar:
            segments.extend(_blocks_to_segments(list(sidebar)))
            sidebar.clear()

    for number, raw in enumerate(source.lines, 1):
        if number in tabled:
            flush()
            flush_sidebar()
            segments.extend(tabled[number])
            continue
        box = _BOX.search(raw)
        if box:
            side = clean(_BOX.sub(" ", raw[box.start():]))
            if side:
                sidebar.append(_Line(number, side))
            else:
                flush_sidebar()
            raw = raw[:box.start()]
            if not raw.strip():
                flush()
                if not side:
                    segments.append(Segment(BOILERPLATE, source.lines[number - 1].strip(), ((0, number),), reason="box border"))
                continue
        else:
            flush_sidebar()
        if chrome and _SPACED_MENU.fullmatch(raw):  # "Accueil   Réseau   Emplois   Messagerie": a menu bar
            flush()
            segments.append(Segment(BOILERPLATE, clean(raw), ((0, number),), reason="menu"))
            continue
        text = clean(raw)
        if not text:
            flush()
            if raw.strip():  # "[image : logo]": markup with no text, accounted for as such
                segments.append(Segment(BOILERPLATE, raw.strip(), ((0, number),), reason="image without text"))
            continue
        furniture = classify(text) if chrome else None
        if furniture is not None:
            flush()
            kind = PRIVATE_LINE if furniture.private else BOILERPLATE
            segments.append(Segment(kind, text, ((0, number),), reason=furniture.reason))
            continue
        text, label = strip_glued_label(text)
        if split_glued:
            text = unglue(text)
        key = name_key(text)
        if chrome and not keep_repeats and len(key.split()) >= 3 and key in seen:
            flush()
            segments.append(Segment(BOILERPLATE, text, ((0, number),), reason=f"repeats line {seen[key]}"))
            continue
        seen.setdefault(key, number)
        marker = bool(_MARKER.match(text))
        if marker:
            text = _MARKER.sub("", text).strip()
            if not text and chrome:
                segments.append(Segment(BOILERPLATE, clean(raw), ((0, number),), reason="empty list item"))
                continue
            if not text:  # a lone marker, read as the line it is
                text, marker = clean(raw), False
        if reflow and block and not marker and _continues(block[-1].text, text, wrap):
            block.append(_Line(number, text))
            continue
        flush()
        block.append(_Line(number, text, marker))
    flush()
    flush_sidebar()
    heading = None
    for index, seg in enumerate(segments):
        seg.index = index
        if seg.kind == HEADING:
            heading = index
        seg.heading = heading if seg.kind != HEADING else None
    return segments


TABLE_ROW, OTHER_ROW = "table row", "table row, not a pole"
# Three or more short capitalised entries separated by wide gaps: the menu of a page.
_SPACED_MENU = re.compile(r"\s*(?:\w{1,3}\s{2,})?(?:[A-ZÀ-Ý][\w'’▾\-]*(?: [\w'’▾\-]+){0,2}\s{2,}){2,}[A-ZÀ-Ý][\w'’▾\-]*(?: [\w'’▾\-]+){0,2}\s*")
_BOX = re.compile(r"[\u2500-\u257f]+")  # box drawing: "┌─ CHIFFRES CLÉS ──┐", "│ 28 membres │"


def _row_segments(row: Row) -> list[Segment]:
    """A table row as a card: the cell naming it as a heading, the other cells as fields; a row of
    a table of organisations as the item of a list, its form in brackets ("- X (SCIC SAS), Saintes")."""
    if row.form is not None and row.name is not None:
        cells = [(h, clean(v), n) for h, v, n in row.cells]
        text = cells[row.name][1] + (f" ({cells[row.form][1]})" if cells[row.form][1] else "")
        rest = [v for i, (_, v, _) in enumerate(cells) if i not in (row.name, row.form) and re.search(r"\w", v)]
        return [Segment(ITEM, ", ".join([text, *rest]), ((0, cells[row.name][2]),), reason=OTHER_ROW)]
    out = []
    if row.name is not None:
        header, value, number = row.cells[row.name]
        out.append(Segment(HEADING, clean(value), ((0, number),), reason=TABLE_ROW if row.pole_like else OTHER_ROW))
    for n, (header, value, number) in enumerate(row.cells):
        value = clean(value)
        if n == row.name or not re.search(r"\w", value):
            continue
        key = clean(header) or f"Colonne {n + 1}"
        key = key[:1].upper() + key[1:]
        out.append(Segment(FIELD, f"{key} : {value}", ((0, number),), key=key, value_start=len(key) + 3))
    return out


def _known_word(word: str) -> bool:
    from .nlp import get_nlp

    return get_nlp().vocab.has_vector(word.lower())


def _blocks_to_segments(block: list[_Line]) -> list[Segment]:
    """One logical line (physical lines joined) as one segment, or several when it is long."""
    text, breaks = "", []
    for line in block:
        cut = re.search(r"(\w+)-$", text) if text else None
        if cut and re.match(r"[a-zà-ÿ]", line.text):
            # a word cut at the end of a line: "adhé-" / "rents" is "adhérents", "bien-" / "être" stays "bien-être"
            head, tail = cut.group(1), re.match(r"\w+", line.text).group(0)
            if _known_word(head + tail) and not _known_word(f"{head}-{tail}"):
                text = text[:-1]
        elif text.endswith("=") and not text.endswith("=="):
            text = text[:-1]  # a quoted-printable soft line break: "désormai=" / "s 27 structures"
        elif cut and re.match(r"[A-ZÀ-Ý]", line.text):
            pass  # a compound name cut after a hyphen: "Château-Gontier-sur-" / "Mayenne", "Saint-" / "Étienne"
        elif text:
            text += " "
        breaks.append((len(text), line.number))
        text += line.text
    field_match = _FIELD.match(text) if len(block) == 1 and len(text) < 300 else None
    if block[0].marker:
        kind = ITEM
    elif field_match and len(field_match.group("key").split()) <= 4 and not (
            _is_heading(text) and _names_something(field_match.group("key"))):
        kind = FIELD
    elif _is_heading(text):
        kind = HEADING
    else:
        kind = PARAGRAPH
    seg = Segment(kind, text, tuple(breaks))
    if kind == FIELD:
        m = _FIELD.match(text)
        seg.key, seg.value_start = m.group("key").strip(), m.start("value")
    if len(text) <= MAX_SEGMENT:
        return [seg]
    return _cut(seg)


def _cut(seg: Segment) -> list[Segment]:
    """Pieces of at most MAX_SEGMENT characters, cut at a sentence end, else at a space."""
    pieces, start = [], 0
    text = seg.text
    while start < len(text):
        end = min(len(text), start + MAX_SEGMENT)
        if end < len(text):
            window = text[start:end]
            cut = max((m.end() for m in _SENTENCE_SPLIT.finditer(window)), default=0)
            if cut < MAX_SEGMENT // 3:
                cut = window.rfind(" ") + 1
            if cut > 0:
                end = start + cut
        while start < end and text[start] == " ":
            start += 1
        lines = seg.lines_at(start, end)
        offsets = sorted({(max(0, offset - start), line) for offset, line in seg.breaks if line in lines})
        pieces.append(Segment(PARAGRAPH, text[start:end].rstrip(), tuple(offsets)))
        start = end
    return pieces


_WRAPPED = (  # a PDF extraction wrapped at about 70 characters
    "Créé en 2014 sur le territoire de la communauté d'agglomération du\n"
    "Pays de Landerneau-Daoulas, notre pôle a traversé une année difficile.\n"
    "Le pôle rassemble des structures de toutes tailles : la ressourcerie\n"
    "Ti Récup', l'ESAT Le Moulin, la coopérative maraîchère Bio Élorn et\n"
    "plusieurs communes du territoire, qui mettent à disposition des locaux.\n"
    "Les membres se retrouvent chaque trimestre en assemblée plénière ici.\n"
    "La coopération est au cœur du projet de territoire depuis sa création.\n"
    "Le conseil d'administration réunit douze structures adhérentes au pôle.")
# A name cut at the width: "résume Claire" / "Ducassé, directrice" is one sentence.
_WRAPPED_NAME = _WRAPPED.replace("Les membres se retrouvent chaque trimestre en assemblée plénière ici.\n",
                                 "« On fait des choses ensemble depuis le début », nous résume Claire\n"
                                 "Ducassé, directrice du pôle, à l'issue de l'assemblée plénière.\n")
EXAMPLES = [  # (document, the texts of its segments, boilerplate and private lines left out)
    ("L'ANNÉE EN CHIFFRES\nAu 31 décembre, le pôle comptait 42 adhérents.",
     ["L'ANNÉE EN CHIFFRES", "Au 31 décembre, le pôle comptait 42 adhérents."]),
    ("Au 31 décembre, le pôle comptait 42 adhé-\nrents et un bien-\nêtre certain.",
     ["Au 31 décembre, le pôle comptait 42 adhérents et un bien-être certain."]),
    ("Le PTCE Bocage Vert\nCréé en 2015, le pôle réunit douze structures.",
     ["Le PTCE Bocage Vert", "Créé en 2015, le pôle réunit douze structures."]),
    ("Le pôle est porté par la Communauté d'Agglomération du\nPays de Lorient et trois associations.",
     ["Le pôle est porté par la Communauté d'Agglomération du Pays de Lorient et trois associations."]),
    ("Nos membres :\n- Vélo Bocage\n- Terres du Bocage", ["Nos membres :", "Vélo Bocage", "Terres du Bocage"]),
    (_WRAPPED, [" ".join(_WRAPPED.split("\n")[:2]), " ".join(_WRAPPED.split("\n")[2:5]), *_WRAPPED.split("\n")[5:]]),
    (_WRAPPED_NAME, [" ".join(_WRAPPED_NAME.split("\n")[:2]), " ".join(_WRAPPED_NAME.split("\n")[2:5]),
                     " ".join(_WRAPPED_NAME.split("\n")[5:7]), *_WRAPPED_NAME.split("\n")[7:]]),
]
