"""A study of ESS poles with a typology and a list of poles (etude-poles-ess-france-2010.txt).

Layout: a typology (physical or not, one function or several: association de développement,
espace d'hébergement, centre multifonction), national counts ("63 pôles + 12 projets", "3 régions
sans pôle : ..."), the template of a fiche, the list of poles with a fiche under headings that
give their type and count ("• 7 espaces d'hébergement :", then "Name, Place" lines; "Projet « X »,
Place" for a project), monographs ("- **APEAS**, *association d'acteurs, Marseille.*"), and notes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..folding import fold, name_key
from ..link.geography import get_geography
from ..link.territory import parse_territory
from ..model import STATEMENT, Document, Figure, Pole
from ..reading.source import SourceText, clean
from ..vocabularies import vocabulary

KIND = "pole-study"

_TYPE_HEADING = re.compile(
    r"^(?:[➤•\-]\s*)?(?P<count>\d+)\s+(?P<kind>.+?)(?:\s*\(dont (?P<projects>\d+) en projets?\))?\s*:$", re.IGNORECASE)
_FICHES_COUNT = re.compile(r"^(?:[➤•\-]\s*)?(?P<count>\d+) fiches réalisées", re.IGNORECASE)
_PROJECT_ITEM = re.compile(r"^Projet\s*«\s*(?P<name>[^»]+?)\s*»\s*,\s*(?P<place>.+)$", re.IGNORECASE)
_MONOGRAPH = re.compile(r"^-\s*(?P<name>[^,]+),\s*(?P<kind>[^,]+),\s*(?P<place>.+?)\.?$")
_COUNTS = re.compile(r"(?P<poles>\d+)\s+pôles\s*\+\s*(?P<projects>\d+)\s+projets", re.IGNORECASE)
_NO_POLE = re.compile(r"(?P<count>\d+)\s+régions? sans pôle\s*:?\s*(?P<list>.*)$", re.IGNORECASE)
_IN_FRANCE = re.compile(
    r"^(?P<count>\d+)\s+en France(?:\s+dont\s+(?P<rest>.+?))?\s*(?:\+\s*(?P<projects>\d+)\s+en projets?(?P<where>\s+en\s+[A-ZÀ-Ý][\w\- ]+)?)?\.?$",
    re.IGNORECASE)
_RATE = re.compile(r"^Taux de pérennisation à (?P<years>\d+) ans\s*:\s*(?P<value>\d+)\s*%", re.IGNORECASE)
_SECTION_KINDS = {
    "les associations de developpement de l ess": "development-association",
    "les espaces d hebergement": "hosting-space",
    "les centres multifonctions": "multifunction-centre",
}
FRANCE = "http://publications.europa.eu/resource/authority/country/FRA"


def detect(source: SourceText) -> float:
    text = fold(" ".join(clean(line) for line in source.lines))
    signs = ["typologie", "fiches initiatives", "centre multifonction", "espace d hebergement",
             "association de developpement"]
    found = sum(1 for sign in signs if sign in text.replace("'", " "))
    headings = sum(1 for line in source.lines if _TYPE_HEADING.match(clean(line)))
    return 0.9 if found >= 4 and headings >= 2 else 0.0


@dataclass
class _Line:
    number: int
    text: str


def parse(source: SourceText) -> Document:
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    lines = [_Line(n, clean(t)) for n, t in enumerate(source.lines, 1) if clean(t)]
    doc.title = " ".join(l.text for l in lines[:2] if not re.match(r"^D[ée]finition", l.text))
    doc.use([l.number for l in lines[:2]], STATEMENT)
    typology = vocabulary("typology")
    kind = None  # typology slug of the current list of poles
    in_list = in_monographs = False
    section_kind = None
    chart = _typology_block(doc, lines)
    for line in lines[2:]:
        text = line.text
        if line.number in chart:
            continue
        folded = name_key(text)
        if _FICHES_COUNT.match(text):
            count = _FICHES_COUNT.match(text).group("count")
            doc.figures.append(_figure("poles", count, "pole", text, line.number, kinds_text="fiches initiatives"))
            doc.use([line.number], STATEMENT)
            in_list, in_monographs = True, False
            continue
        heading = _TYPE_HEADING.match(text)
        if heading and typology.find(heading.group("kind")):
            kind = typology.find(heading.group("kind"))[0].concept.slug
            doc.figures.append(_figure("poles", heading.group("count"), "pole", text, line.number, kinds=[kind]))
            if heading.group("projects"):
                doc.figures.append(_figure("poles", heading.group("projects"), "pole", text, line.number,
                                           kinds=[kind], project=True))
            doc.use([line.number], STATEMENT)
            in_list = True
            continue
        if folded in ("monographies",):
            in_list, in_monographs = False, True
            doc.use([line.number], STATEMENT)
            continue
        if folded in _SECTION_KINDS:
            section_kind = _SECTION_KINDS[folded]
            in_list = in_monographs = False
            doc.use([line.number], STATEMENT)
            continue
        if folded == "fiches initiatives" or text == "+":
            doc.use([line.number], STATEMENT)  # list structure: the headings around the pole list
            continue
        if in_list and _read_list_item(doc, line, kind):
            continue
        if in_monographs and _read_monograph(doc, line):
            continue
        if _read_count(doc, line, section_kind):
            continue
        in_list = in_list and not _is_section_title(text)
        doc.keep_text(line.number, text, doc.notes)
    for pole in doc.poles:
        _resolve_place(doc, pole)
    return doc


def _is_section_title(text: str) -> bool:
    return len(text.split()) <= 5 and not text.startswith(("-", "•", "➤")) and "," not in text


def _read_list_item(doc: Document, line: _Line, kind: str | None) -> bool:
    text = line.text
    project = _PROJECT_ITEM.match(text)
    if project:
        name, place, is_project = project.group("name"), project.group("place"), True
    elif re.match(r"^[A-ZÀ-Ý0-9][^:]{1,80}$", text) and not text.endswith(":"):
        if "," in text:
            name, place = [part.strip() for part in text.split(",", 1)]
        else:
            name, place = text, None  # "Pôle Pays de Cornouaille": the place is in the name
        is_project = False
    else:
        return False
    pole = Pole(key=_pole_key(name, place), name=name, lines=[line.number], kind="pole")
    pole.name_lines = [line.number]
    pole.typology = kind
    pole.status = "project" if is_project else None
    pole.place_text = place or _place_in_name(name)
    pole.territory_text = place
    pole.territory_lines = [line.number]
    doc.poles.append(pole)
    doc.use([line.number], STATEMENT)
    return True


def _place_in_name(name: str) -> str | None:
    m = re.search(r"\b(Pays (?:de |d'|du )?[A-ZÀ-Ý][\w'\- ]+)$", name)
    return m.group(1) if m else None


def _pole_key(name: str, place: str | None) -> str:
    return f"pole/{name_key(name)}" + (f"@{name_key(place)}" if place else "")


def _find_pole(doc: Document, name: str, place: str | None) -> Pole | None:
    """The pole of the list with this name; the place settles homonyms ("Pôle d'économie
    solidaire" in Étampes and in Nice)."""
    same = [p for p in doc.poles if name_key(p.name) == name_key(name)]
    if len(same) <= 1:
        return same[0] if same else None
    place_key = name_key(place or "")
    return next((p for p in same if name_key(p.place_text or "") == place_key), None)


def _read_monograph(doc: Document, line: _Line) -> bool:
    m = _MONOGRAPH.match(line.text)
    if not m:
        return False
    name, kind_text, place = m.group("name").strip(), m.group("kind").strip(), m.group("place").strip()
    pole = _find_pole(doc, name, place)
    if pole is None:  # homonyms: the place of the monograph says which ("Nice")
        candidates = [p for p in doc.poles if name_key(p.name) == name_key(name)]
        pole = next((p for p in candidates if name_key(place) in name_key(p.place_text or "")), None)
    if pole is None:
        return False  # not a monograph of a listed pole: text
    pole.monograph = kind_text
    pole.monograph_lines = [line.number]
    if place and name_key(place) != name_key(pole.place_text or ""):
        pole.extra_place_texts.append((place, line.number))
    typology = vocabulary("typology").find(kind_text)
    if typology and not pole.typology:
        pole.typology = typology[0].concept.slug
    doc.use([line.number], STATEMENT)
    return True


def _read_count(doc: Document, line: _Line, section_kind: str | None) -> bool:
    text = line.text.lstrip("-•➤ ").strip()
    m = _COUNTS.search(text)
    if m:
        doc.figures.append(_figure("poles", m.group("poles"), "pole", text, line.number, where=FRANCE))
        doc.figures.append(_figure("poles", m.group("projects"), "pole", text, line.number, project=True, where=FRANCE))
        doc.use([line.number], STATEMENT)
        return True
    m = _NO_POLE.search(text)
    if m:
        figure = _figure("regions-without-pole", m.group("count"), "region", text, line.number, where=FRANCE)
        doc.figures.append(figure)
        doc.use([line.number], STATEMENT)
        if m.group("list").strip(" ."):
            _regions_without_pole(doc, m.group("list"), line.number, text)
        else:  # "3 régions sans pôle :" and the régions on the next line
            doc.pending_regions = True
        return True
    if doc.pending_regions:
        doc.pending_regions = False
        if _regions_without_pole(doc, text, line.number, text):
            return True
    m = _IN_FRANCE.match(text)
    if m and section_kind:
        doc.figures.append(_figure("poles", m.group("count"), "pole", text, line.number, kinds=[section_kind], where=FRANCE))
        for count, where in re.findall(r"(\d+)\s+en\s+([A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w\-]+)?)", m.group("rest") or ""):
            region = get_geography().region(where).place
            if region:
                doc.figures.append(_figure("poles", count, "pole", text, line.number, kinds=[section_kind], where=region))
        if m.group("projects"):
            where = (m.group("where") or "").replace(" en ", "").strip()
            region = get_geography().region(where).place if where else FRANCE
            doc.figures.append(_figure("poles", m.group("projects"), "pole", text, line.number, kinds=[section_kind],
                                       project=True, where=region or FRANCE))
        doc.use([line.number], STATEMENT)
        return True
    if section_kind and re.match(r"^\d+\s+en France", text) is None and re.match(r"^\+\s*\d+ en projet", text):
        count = re.match(r"^\+\s*(\d+) en projet(?:\s+en\s+(.+?))?\.?$", text)
        region = get_geography().region(count.group(2)).place if count.group(2) else None
        doc.figures.append(_figure("poles", count.group(1), "pole", text, line.number, kinds=[section_kind],
                                   project=True, where=region or FRANCE))
        doc.use([line.number], STATEMENT)
        return True
    m = _RATE.match(text)
    if m and section_kind:
        figure = _figure("survival-rate", m.group("value"), "percent", text, line.number, kinds=[section_kind])
        figure.period_years = int(m.group("years"))
        doc.figures.append(figure)
        doc.use([line.number], STATEMENT)
        return True
    return False


def _regions_without_pole(doc: Document, names: str, number: int, text: str) -> bool:
    """"Alsace, Lorraine et Franche-Comté": a count of 0 poles in each."""
    found = False
    for name in (r for r in re.split(r",\s*|\s+et\s+", names.strip(" .")) if r):
        match = get_geography().region(name)
        if match.place:
            doc.figures.append(_figure("poles", "0", "pole", text, number, where=match.place))
            found = True
        else:
            doc.warn(number, f"région {name!r} not resolved: {match.problem}")
    if found:
        doc.use([number], STATEMENT)
    return found


def _typology_block(doc: Document, lines: list[_Line]) -> set[int]:
    """The chart of the typology, from "Définition - Typologie" to the next section: the source
    of the typology scheme (ontology/schemes/typology.ttl), line by line."""
    start = next((i for i, l in enumerate(lines) if re.match(r"^D[ée]finition\s*-\s*Typologie", l.text)), None)
    if start is None:
        return set()
    block = []
    for line in lines[start:]:
        if line is not lines[start] and re.match(r"^(?:Introduction|Méthodologie)$", line.text):
            break
        block.append(line.number)
    doc.concept_sources[("typology", None)] = block
    doc.use(block, STATEMENT)
    return set(block)


def _figure(measure: str, value: str, unit: str, stated_as: str, line: int, kinds=(), project=False,
            where=None, kinds_text=None) -> Figure:
    figure = Figure(measure=measure, value=Decimal(value), unit=unit, stated_as=stated_as, lines=[line])
    figure.counted_kinds = [("typology", k) for k in kinds]
    if project:
        figure.counted_kinds.append(("pole-status", "project"))
    figure.counted_kind_text = kinds_text
    figure.place = where
    return figure


def _resolve_place(doc: Document, pole: Pole) -> None:
    """The place after the name: a commune ("Grenoble"), a département ("Mayenne"), a région
    ("région PACA"), a pays ("Pays de Morlaix"), an agglomeration. Homonyms are not guessed:
    "Romans" is left to entity resolution, which knows the département from other sources."""
    texts = [(pole.place_text, pole.lines[0])] if pole.place_text else []
    texts += pole.extra_place_texts
    for text, line in texts:
        parsed = parse_territory(text)
        for match in parsed.places:
            if match.place is not None and match.place not in [m.place for m in pole.places]:
                pole.places.append(match)
        for area in parsed.areas:
            if area not in pole.areas:
                pole.areas.append(area)
        if any(m.place and m.place.kind == "departement" and m.place.code == "75" for m in parsed.places):
            paris = get_geography().get("commune", "75056")  # Paris is a commune and a département
            pole.places.append(get_geography().commune_by_code("75056")) if paris else None
        if not parsed.places and not parsed.areas:
            alone = get_geography().commune(text)
            if alone.place is not None:
                pole.places.append(alone)
            else:  # kept as a named area, as written, until entity resolution knows more
                pole.unresolved_places.append((text, line, alone.problem or "; ".join(parsed.problems)))
                if text not in pole.areas:
                    pole.areas.append(text)
