"""The laureates of the 2013-2014 national call for projects for PTCE (ptce-laureats-2014.txt).

Layout: an introduction about the call, then one fiche per laureate: an optional région header and
title, "Thématique:", "Territoire:", "Le projet :", "Partenaires:" (often grouped under
sub-headings), "Coordinateur du projet :" and "Contact" (persons, e-mails, postal address),
then a trailer (the ministries). Lines are numbered from 1 as in the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..contacts import looks_like_contact, split_contact
from ..enumerations import split_items, strip_marker
from ..figures import find_figures
from ..folding import fold, name_key
from ..link.geography import get_geography
from ..link.territory import parse_address, parse_territory
from ..mentions import PROSE, find_forms, is_category, parse_mention
from ..model import PRIVATE, STATEMENT, Address, Call, Document, Figure, Membership, Pole, Theme
from ..organisations import OrganisationIndex
from ..reading.source import SourceText, clean
from ..themes import split_themes
from ..vocabularies import vocabulary

KIND = "ptce-laureates"
CALL_KEY = "call/ptce-2013-2014"

_THEMES = re.compile(r"^Th[ée]matiques?\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_TERRITORY = re.compile(r"^Territoire\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_PROJECT = re.compile(r"^Le projet\s*:?$", re.IGNORECASE)
_PARTNERS = re.compile(r"^Partenaires\s*:?$", re.IGNORECASE)
_COORDINATOR = re.compile(r"^Coordinateur du projet\s*:?$", re.IGNORECASE)
_CONTACT = re.compile(r"^Contacts?\s*:?$", re.IGNORECASE)
_MEMBER_LIST = re.compile(r"^(?:Les\s+)?(?:structures|membres)\b.*(?:constituant|membres|fondatrices)\b.*:$", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
_DATE = re.compile(r"\b(?P<day>\d{1,2}|1er)\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>\d{4})\b", re.IGNORECASE)


def detect(source: SourceText) -> float:
    """How much the document looks like a list of PTCE laureate fiches (0 to 1)."""
    text = [clean(line) for line in source.lines]
    themes = sum(bool(_THEMES.match(t)) for t in text)
    coordinators = sum(bool(_COORDINATOR.match(t)) for t in text)
    if themes >= 2 and coordinators >= 1:
        return 1.0
    return 0.0


@dataclass
class Paragraph:
    """One non-empty line of the source (the document puts a blank line between paragraphs)."""

    line: int
    text: str  # cleaned


def parse(source: SourceText) -> Document:
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    paragraphs = [Paragraph(n, clean(t)) for n, t in enumerate(source.lines, 1) if clean(t)]
    anchors = [i for i, p in enumerate(paragraphs) if _THEMES.match(p.text)]
    if not anchors:
        doc.warn(None, "no fiche found (no 'Thématique:' line)")
        return doc
    orgs = OrganisationIndex(doc)
    ends = [_fiche_end(paragraphs, a, (anchors + [len(paragraphs)])[k + 1]) for k, a in enumerate(anchors)]
    starts = []
    for k, anchor in enumerate(anchors):
        floor = ends[k - 1] + 1 if k else 0
        starts.append(_header_start(paragraphs, floor, anchor))
    _parse_introduction(doc, orgs, source, paragraphs[: starts[0]])
    for k, anchor in enumerate(anchors):
        pole = _parse_fiche(doc, orgs, source, paragraphs, starts[k], anchor, ends[k])
        doc.poles.append(pole)
        # Paragraphs between this fiche's end and the next header belong to no section.
        limit = starts[k + 1] if k + 1 < len(anchors) else None
        if limit is not None:
            for p in paragraphs[ends[k] + 1 : limit]:
                doc.warn(p.line, f"text between two fiches kept in the note of {pole.name!r}: {p.text[:60]!r}")
                doc.keep_text(p.line, p.text, pole.notes)
    _parse_trailer(doc, orgs, paragraphs[ends[-1] + 1 :])
    _check_names(doc)
    return doc


# --- layout -------------------------------------------------------------------------------


def _fiche_end(paragraphs: list[Paragraph], anchor: int, next_anchor: int) -> int:
    """Index of the last paragraph of the fiche that starts at `anchor`: the contact paragraph
    when there is one, else the coordinator's paragraph."""
    end = None
    for i in range(anchor, next_anchor):
        text = paragraphs[i].text
        if _COORDINATOR.match(text):
            end = min(i + 1, next_anchor - 1)
        elif _CONTACT.match(text):
            if i + 1 < next_anchor and looks_like_contact(paragraphs[i + 1].text):
                return i + 1
            return i
    return end if end is not None else next_anchor - 1


def _header_start(paragraphs: list[Paragraph], floor: int, anchor: int) -> int:
    """Index of the first header paragraph (région, title) before a fiche's "Thématique:" line.

    A title may span several consecutive lines ("Le PHARES, / Pôle d'hospitalité / ...").
    At most a région line and one title block are taken; earlier paragraphs are not the fiche's.
    """
    start = anchor
    blocks = 0
    i = anchor - 1
    while i >= floor and blocks < 2:
        block_start = i
        while block_start - 1 >= floor and paragraphs[block_start - 1].line == paragraphs[block_start].line - 1:
            block_start -= 1
        text = " ".join(p.text for p in paragraphs[block_start : i + 1])
        is_region = get_geography().region(text).place is not None
        if blocks == 1 and not is_region:
            break
        start = block_start
        blocks += 1
        if is_region:
            break
        i = block_start - 1
    return start


# --- introduction: the call for projects ---------------------------------------------------


def _parse_introduction(doc: Document, orgs: OrganisationIndex, source: SourceText, paragraphs: list[Paragraph]) -> None:
    if not paragraphs:
        return
    title_lines = []
    for p in paragraphs:
        if re.match(r"^le \d", p.text) or p.text.lower() == "sommaire":
            break
        title_lines.append(p)
    doc.title = " ".join(p.text for p in title_lines)
    doc.use([p.line for p in title_lines], STATEMENT)
    call = Call(key=CALL_KEY, name="", lines=[p.line for p in paragraphs])
    description = []
    for p in paragraphs[len(title_lines) :]:
        text = p.text
        used = False
        m = re.match(r"^L'appel à projets pour le (développement des pôles territoriaux de coopération économique)$", text, re.IGNORECASE)
        if m and not call.name:
            call.name = f"Appel à projets pour le {m.group(1)} (PTCE)"
            used = True
        date = _DATE.search(text)
        if date and re.search(r"\blancé", text):
            call.issued = _iso(date)
            used = True
        elif date and re.search(r"en présence de|résultats sont annoncés", text) and not call.results:
            call.results = _iso(date)
            used = True
        period = re.search(r"pour la période (\d{4})\s*[-–]\s*(\d{4})", text)
        if period:
            call.period = f"{period.group(1)}-{period.group(2)}"
            used = True
        for figure in find_figures(text, [p.line]):
            if figure.measure == "projects" and re.search(r"lauréat", text):
                figure.measure = "laureates"
            call.figures.append(figure)
            used = True
        admissible = re.search(r"\b(\d+) d'entre eux se sont avérés recevables", text)
        if admissible:
            call.figures.append(_figure("applications-admissible", admissible.group(1), "application",
                                        admissible.group(0), p.line))
            used = True
        funders = re.search(r"financement est assuré par les (?P<list>ministères .+?),? ainsi que par (?:la |le |l')?(?P<other>[^.]+)", text)
        if funders:
            for item in [*split_items(funders.group("list")), funders.group("other")]:
                mention = parse_mention(item, [p.line])
                if mention:
                    org = orgs.add(mention, CALL_KEY)
                    if org.key not in call.funder_keys:
                        call.funder_keys.append(org.key)
            used = True
        doc.keep_text(p.line, text, description)
        if used:
            doc.use([p.line], STATEMENT)
    call.name = call.name or "Appel à projets pour le développement des pôles territoriaux de coopération économique"
    if call.period:
        call.name = f"{call.name}, {call.period}"
    call.description = "\n".join(description)
    doc.calls.append(call)


def _iso(date: re.Match) -> str:
    day = 1 if date.group("day") == "1er" else int(date.group("day"))
    return f"{date.group('year')}-{_MONTHS[date.group('month').lower()]:02d}-{day:02d}"


def _figure(measure: str, value: str, unit: str, stated_as: str, line: int) -> Figure:
    return Figure(measure=measure, value=Decimal(value), unit=unit, stated_as=stated_as, lines=[line])


# --- one fiche -----------------------------------------------------------------------------


def _parse_fiche(doc, orgs, source, paragraphs, start, anchor, end) -> Pole:
    header = paragraphs[start:anchor]
    body = paragraphs[anchor : end + 1]
    sections = _sections(body)
    fiche_text = " ".join(p.text for p in paragraphs[start : end + 1])
    pole = Pole(key="", name="", kind="ptce", lines=[paragraphs[start].line, paragraphs[end].line])
    pole.laureate_of = CALL_KEY

    region_paragraphs, title_paragraphs = _split_header(header)
    if region_paragraphs:
        pole.region = get_geography().region(" ".join(p.text for p in region_paragraphs)).place
        pole.region_lines = [p.line for p in region_paragraphs]
        doc.use(pole.region_lines, STATEMENT)
    title = " ".join(p.text for p in title_paragraphs) if title_paragraphs else None

    themes_text = " ".join(_THEMES.match(sections["themes"][0].text).group("value").split()
                           + [w for p in sections["themes"][1:] for w in p.text.split()])
    pole.themes = [Theme(label, slug, known, [p.line for p in sections["themes"]])
                   for label, slug, known in split_themes(themes_text)]
    for theme in pole.themes:
        if not theme.known:
            doc.warn(theme.lines[0], f"theme {theme.label!r} is not in ontology/schemes/themes.ttl: minted as a new concept")
    doc.use([p.line for p in sections["themes"]], STATEMENT)

    _read_territory(doc, pole, sections["territory"], fiche_text)
    description = sections["project"][1:]
    kept: list[str] = []
    for p in description:
        doc.keep_text(p.line, p.text, kept)
    pole.description = "\n".join(kept) or None
    pole.description_lines = [p.line for p in description]
    doc.use([p.line for p in sections["project"][:1]], STATEMENT)

    # Names: a title line; else the « quoted » name in the text; else "le PTCE X"; else the coordinator's.
    quoted = [(_capitalise(m.group(1).strip()), p.line) for p in description for m in re.finditer(r"PTCE\s*«\s*([^»]+?)\s*»", p.text)]
    named = [(n, p.line) for p in description if (n := _ptce_name(p.text))]
    if title:
        pole.name, alternatives = _name_from_title(title)
        for alt in alternatives:
            pole.add_alt_name(alt)
        pole.name_lines = [p.line for p in title_paragraphs]
        doc.use(pole.name_lines, STATEMENT)
        longer = next((q for q, _ in quoted if q.startswith(pole.name) and 0 < len(q) - len(pole.name) <= 2), None)
        if longer:  # "Florange e2" in the title, « Florange e2i » twice in the text: a letter lost
            doc.warn(pole.name_lines[0], f"the title says {pole.name!r}, the text {longer!r}: named {longer!r}")
            pole.add_alt_name(pole.name)
            pole.name = longer
    elif quoted:
        pole.name, line = quoted[0]
        pole.name_lines = [line]
    elif named:
        pole.name, line = named[0]
        pole.name_lines = [line]
    for alternative, _ in quoted + named:
        pole.add_alt_name(alternative)
    for p in description:
        if re.search(r"PTCE\s*«|PTCE\s+[A-ZÀ-Ý]|est un PTCE", p.text):
            doc.use([p.line], STATEMENT)

    # The coordinator is needed to name a pole that has no name of its own.
    coordinator_mention = None
    if sections["coordinator"]:
        marker, *value = sections["coordinator"]
        doc.use([marker.line], STATEMENT)
        if value:
            coordinator_mention = parse_mention(value[0].text, [value[0].line])
            if coordinator_mention is None:
                doc.warn(value[0].line, f"coordinator not understood: {value[0].text!r}; kept as a note")
                doc.keep_text(value[0].line, value[0].text, pole.notes)
    if not pole.name:
        if coordinator_mention:
            pole.name = coordinator_mention.name
            pole.name_lines = list(coordinator_mention.lines)
            doc.info(sections["coordinator"][-1].line, f"fiche has no name: named after its coordinator {pole.name!r}")
        else:
            place = next((m.place for m in pole.places if m.place and m.place.kind in ("commune", "arrondissement")), None) \
                or next((m.place for m in pole.places if m.place), None)
            pole.name = f"PTCE {place.name}" if place else f"PTCE {doc.stem} {len(doc.poles) + 1}"
            pole.name_note = ("The fiche gives no name and no coordinator: this label was built from its territory.")
            doc.warn(anchor and paragraphs[anchor].line, f"fiche has no name and no coordinator: labelled {pole.name!r}")
    pole.key = f"pole/{name_key(pole.name)}"
    scope_key = pole.key

    if coordinator_mention:
        org = orgs.add(coordinator_mention, scope_key)
        _add_membership(pole, Membership(org.key, "coordinator", list(coordinator_mention.lines)))
        doc.use(coordinator_mention.lines, STATEMENT)
        if not org.legal_forms:
            doc.warn(coordinator_mention.lines[0], f"coordinator {org.name!r} has no legal form in the source; kept without rov:orgType")

    _read_members_in_description(doc, orgs, pole, description, scope_key)
    _read_partners(doc, orgs, pole, sections["partners"], scope_key)
    _read_figures(doc, orgs, pole, description + sections["partners"][1:], scope_key)
    _read_text_mentions(doc, orgs, pole, description, scope_key)
    _read_contact(doc, orgs, pole, sections["contact"], scope_key)
    if not any(m.role == "coordinator" for m in pole.memberships):
        _infer_coordinator(doc, orgs, pole, scope_key)
    pole.memberships.sort(key=lambda m: (m.role != "coordinator", min(m.lines)))

    if any(re.search(r"émergence (?:du|d'un) PTCE|PTCE émergent", p.text, re.IGNORECASE) for p in description):
        pole.phase = "emergent"
        pole.phase_lines = [p.line for p in description if re.search(r"émergence (?:du|d'un) PTCE|PTCE émergent", p.text, re.IGNORECASE)]
        doc.use(pole.phase_lines, STATEMENT)
    for p in body:
        if p.line not in doc.line_use:
            doc.warn(p.line, f"line not understood, kept in the note of {pole.name!r}")
            doc.keep_text(p.line, p.text, pole.notes)
    return pole


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sections(body: list[Paragraph]) -> dict[str, list[Paragraph]]:
    sections: dict[str, list[Paragraph]] = {k: [] for k in ("themes", "territory", "project", "partners", "coordinator", "contact")}
    current = None
    for p in body:
        for name, pattern in (("themes", _THEMES), ("territory", _TERRITORY), ("project", _PROJECT),
                              ("partners", _PARTNERS), ("coordinator", _COORDINATOR), ("contact", _CONTACT)):
            if pattern.match(p.text) and not sections[name]:
                current = name
                break
        if current:
            sections[current].append(p)
    return sections


def _split_header(header: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    if not header:
        return [], []
    blocks: list[list[Paragraph]] = [[header[0]]]
    for p in header[1:]:
        if p.line == blocks[-1][-1].line + 1:
            blocks[-1].append(p)
        else:
            blocks.append([p])
    first = " ".join(p.text for p in blocks[0])
    if get_geography().region(first).place is not None:
        return blocks[0], [p for b in blocks[1:] for p in b]
    return [], [p for b in blocks for p in b]


def _name_from_title(title: str) -> tuple[str, list[str]]:
    """"PTCE Pays de Bray – Maison de l'économie solidaire" -> ("Pays de Bray – Maison...", [title]);
    "Le PHARES, Pôle d'hospitalité aux activités..." -> ("Le PHARES", ["Pôle d'hospitalité..."]);
    "Florange e2 (écologie industrielle et insertion)" -> ("Florange e2", [title])."""
    alternatives = []
    name = title.strip()
    if re.match(r"^PTCE\s+", name):
        alternatives.append(name)
        name = re.sub(r"^PTCE\s+", "", name)
    m = re.match(r"^(?P<name>[^,]+),\s+(?P<long>.+)$", name)
    if m:
        name = m.group("name").strip()
        alternatives.append(m.group("long").strip())
    m = re.match(r"^(?P<name>.+?)\s+\((?P<paren>[^)]+)\)$", name)
    if m:
        alternatives.append(name)
        name = m.group("name").strip()
    return name, alternatives


_NAME_TOKEN = r"[A-ZÀ-Ý0-9][\w'’\-&]*"
_PTCE_NAME = re.compile(r"\bPTCE\s+(?P<name>" + _NAME_TOKEN + r"(?:\s+(?:(?:et|de|du|des|d'|la|le)\s+)?" + _NAME_TOKEN + r")*)")
_IS_A_PTCE = re.compile(r"^(?P<name>(?:L[ae]s?\s+)?" + _NAME_TOKEN + r"(?:\s+" + _NAME_TOKEN + r")*)\s+est un PTCE\b")


def _ptce_name(text: str) -> str | None:
    """"Le PTCE Pôle Sud Archer est né..." -> "Pôle Sud Archer"; "La Coursive Boutaric est un PTCE"."""
    m = _IS_A_PTCE.match(text)
    if m:
        return m.group("name")
    m = _PTCE_NAME.search(text)
    return m.group("name") if m else None


def _read_territory(doc: Document, pole: Pole, paragraphs: list[Paragraph], context: str) -> None:
    if not paragraphs:
        doc.warn(pole.lines[0], "fiche has no 'Territoire:' line")
        return
    text = " ".join([_TERRITORY.match(paragraphs[0].text).group("value")] + [p.text for p in paragraphs[1:]]).strip()
    lines = [p.line for p in paragraphs]
    pole.territory_text, pole.territory_lines = text, lines
    parsed = parse_territory(text, context)
    pole.places = [m for m in parsed.places if m.place is not None]
    pole.areas = list(parsed.areas)
    for message in parsed.conflicts:
        doc.warn(lines[0], f"territory conflict: {message}")
    for piece in parsed.unresolved:
        doc.warn(lines[0], f"territory not resolved: {piece!r}")
    doc.use(lines, STATEMENT)


def _read_members_in_description(doc, orgs, pole, description, scope_key) -> None:
    """"Structures constituant la Maison des solidarités :" followed by a list: the members."""
    role = None
    for p in description:
        if _MEMBER_LIST.match(p.text):
            role = "founding-member" if "fondatri" in p.text.lower() else "member"
            doc.use([p.line], STATEMENT)
            continue
        if role and p.text.startswith(("-", "•")):
            mention = parse_mention(p.text, [p.line])
            if mention:
                org = orgs.add(mention, scope_key)
                _add_membership(pole, Membership(org.key, role, [p.line]))
                doc.use([p.line], STATEMENT)
            continue
        role = None


_HEADING = re.compile(r"^(?P<heading>[^:]{2,90}?)\s*:$")
def _is_heading(text: str) -> bool:
    """"Acteurs de la recherche:", "Les PME:"; not "Aujourd'hui, le PTCE représente 145 ETP :"."""
    return bool(_HEADING.match(text)) and not text.startswith("-") and not PROSE.search(text) \
        and not re.search(r"\d", text)


_CATEGORY_THEN_ITEMS = re.compile(r"^(?P<category>[^:()«»]{2,80}?)\s*:\s+(?P<items>.+)$")
_CATEGORY_DONT = re.compile(r"^(?P<category>[^()]{2,80}?)\s+dont\s+(?P<items>.+)$")
_CATEGORY_PAREN = re.compile(r"^(?P<category>[^()]{2,120}?)\s*\((?P<items>[^()]*,[^()]*)\)(?P<rest>.*)$")


def _read_partners(doc, orgs, pole, paragraphs, scope_key) -> None:
    if not paragraphs:
        return
    marker, *items = paragraphs
    doc.use([marker.line], STATEMENT)
    category = heading = None
    for p in items:
        text = strip_marker(p.text)
        m = _HEADING.match(text)
        if m and _is_heading(p.text):
            heading = m.group("heading").strip()
            category = _category(heading)
            doc.use([p.line], STATEMENT)
            continue
        added = 0
        for clause_category, clause_heading, phrase in _partner_clauses(text, category, heading):
            for item in split_items(phrase):
                mention = parse_mention(item, [p.line])
                if mention is None:
                    continue
                org = orgs.add(mention, scope_key)
                _add_membership(pole, Membership(org.key, "partner", [p.line], clause_category, clause_heading))
                added += 1
        if added:
            doc.use([p.line], STATEMENT)
        else:
            doc.keep_text(p.line, p.text, pole.notes)


def _add_membership(pole: Pole, membership: Membership) -> None:
    """One membership per organisation and role; a partner that is also the coordinator is
    listed once, as coordinator, with the partner's lines and category."""
    for existing in pole.memberships:
        if existing.org_key == membership.org_key and (
            existing.role == membership.role or (existing.role == "coordinator" and existing.note is None)
        ):
            existing.lines = sorted(set(existing.lines) | set(membership.lines))
            existing.category = existing.category or membership.category
            existing.heading = existing.heading or membership.heading
            return
    pole.memberships.append(membership)


def _partner_clauses(text: str, category: str | None, heading: str | None):
    """(category, heading, phrase) for each part of a partners paragraph.

    "Recherche et formation : Chaire interuniversitaire ESS, ..." -> a category then its items;
    "Réseaux dont le MOUVES (...), ..." -> same; "Représentants de réseaux de l'ESS (Coorace, ...)"
    -> the bracketed list; "Comité d'expansion 05 (vingt-quatre membres) : élus, ..." -> one
    organisation and what it gathers; "A, B, etc. propriétaires ... (C, D); entreprises (E, F)".
    """
    for chunk in re.split(r";\s*|\betc\.\s+(?=[a-zà-ÿ])", text):
        chunk = chunk.strip(" ;.")
        if not chunk:
            continue
        for pattern in (_CATEGORY_THEN_ITEMS, _CATEGORY_DONT, _CATEGORY_PAREN):
            m = pattern.match(chunk)
            if m and is_category(m.group("category")):
                head = m.group("category").strip()
                yield (_category(head) or category), head, m.group("items")
                break
            if m and pattern is _CATEGORY_THEN_ITEMS:
                yield category, heading, m.group("category")  # "Name (...) : what it gathers"
                break
        else:
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", chunk):
                if not PROSE.search(sentence):  # "La direction ... sont transversales": text
                    yield category, heading, sentence


def _category(heading: str | None) -> str | None:
    if not heading:
        return None
    scheme = vocabulary("partner-category")
    concept = scheme.exact(strip_marker(heading).strip(" :"))
    if concept:
        return concept.slug
    hits = scheme.find(heading)
    return hits[0].concept.slug if hits else None


def _read_figures(doc: Document, orgs: OrganisationIndex, pole: Pole, paragraphs: list[Paragraph], scope_key: str) -> None:
    """Figures of the fiche's text. A figure is the pole's unless its clause is about another
    organisation: one the fiche names ("Les huit structures fondatrices d'Entrepreneurs solidaires
    du Centre Isère", "la SCIC la Serre, qui compte quatre-vingt membres") gets it; one the
    fiche does not know ("l'association Echobat Développement, réseau ... de quatorze
    entreprises") keeps it in the text only."""
    member_lines = {line for m in pole.memberships for line in m.lines}
    names = sorted({doc.organisations[m.org_key].name for m in pole.memberships}, key=len, reverse=True)
    for p in paragraphs:
        if p.line in member_lines or _is_heading(p.text):
            continue
        for figure in find_figures(p.text, [p.line]):
            clause = figure.stated_as
            folded = fold(clause)
            owner = next((n for n in names if re.search(rf"(?<![\w]){re.escape(fold(n))}(?![\w])", folded)), None)
            if owner and not re.search(r"\b(?:ptce|pole)\b", folded.split(fold(owner))[0]):
                org = orgs.find(owner, scope_key)
                org.figures.append(figure)
                org.lines.add(p.line)
            elif _figure_of_another(clause):
                continue
            else:
                pole.figures.append(figure)
            doc.use([p.line], STATEMENT)


def _figure_of_another(clause: str) -> bool:
    return bool(re.search(
        r"\b(?:une association|un réseau|un regroupement) de\b|"
        r"\b(?:l'association|la SCOP|la SCIC|l'entreprise|la société)\s+[A-ZÀ-Ý]", clause))


def _read_text_mentions(doc, orgs, pole, description, scope_key) -> None:
    """"Porté par l'association Comité de bassin d'emploi du Seignanx": a legal form, in the text,
    of an organisation the fiche names elsewhere."""
    known = {org_key for org_key in (m.org_key for m in pole.memberships)}
    for p in description:
        for hit in find_forms(p.text):
            if hit.concept.scheme != "legal-form":
                continue
            after = p.text[hit.end :]
            m = re.match(r"^\s*(?:\([A-Z]+\)\s*)?(?P<name>(?:l[ae]\s+)?[A-ZÀ-Ý][^,.;()]*)", after)
            if not m:
                continue
            name = re.sub(r"^l[ae]\s+", "", m.group("name")).strip()
            words = name.split()
            for size in range(len(words), 0, -1):
                org = orgs.find(" ".join(words[:size]), scope_key)
                if org and org.key in known:
                    if hit.concept.slug not in org.legal_forms:
                        org.legal_forms.append(hit.concept.slug)
                        org.legal_form_texts.append(hit.text)
                        org.lines.add(p.line)
                        doc.use([p.line], STATEMENT)
                    break


def _read_contact(doc, orgs, pole, paragraphs, scope_key) -> None:
    if not paragraphs:
        return
    marker, *rest = paragraphs
    doc.use([marker.line], STATEMENT)
    for p in rest:
        contact, address_text = split_contact(p.text)
        if contact:
            contact.lines = [p.line]
            pole.contacts.append(contact)
            doc.use([p.line], PRIVATE)
        if address_text:
            parsed = parse_address(address_text)
            if parsed is None:
                doc.warn(p.line, f"no postal address found in the contact line after the e-mail: {address_text!r}")
                continue
            commune = parsed.commune.place if parsed.commune else None
            if parsed.commune and commune is None:
                doc.warn(p.line, f"postal address not resolved to a commune: {parsed.commune.problem}")
            pole.address = Address(parsed.full, parsed.thoroughfare, parsed.po_box, parsed.postcode,
                                   parsed.post_name, commune, [p.line])
            doc.use([p.line], STATEMENT)


def _infer_coordinator(doc, orgs, pole, scope_key) -> None:
    """No "Coordinateur du projet": in every fiche that has both, the contact writes from the
    coordinator's domain; when the contact's e-mail domain names exactly one organisation of the
    fiche ("mairie-laverriere.fr" and "Ville de La Verrière"), it is taken as the coordinator,
    and the membership says so."""
    candidates = {}
    for contact in pole.contacts:
        for email in contact.emails:
            domain = fold(email.split("@", 1)[1]).rsplit(".", 1)[0].split(".")[-1]
            token = re.sub(r"^(?:mairie|ville|commune)-", "", domain).replace("-", "")
            for membership in pole.memberships:
                org = doc.organisations[membership.org_key]
                compact = re.sub(r"[^a-z0-9]", "", fold(org.name))
                compact = re.sub(r"^(?:villede|mairiede|communede)", "", compact)
                if len(token) >= 4 and token in compact:
                    candidates[org.key] = (org, email.split("@", 1)[1])
    if len(candidates) == 1:
        org, domain = next(iter(candidates.values()))
        lines = pole.contacts[0].lines
        note = (f"The fiche names no coordinator; the contact writes from {domain}, the domain of "
                f"{org.name}, as the contacts of the other fiches write from their coordinator's.")
        pole.memberships.append(Membership(org.key, "coordinator", list(lines), note=note))
        doc.warn(lines[0], f"no coordinator in the fiche of {pole.name!r}: inferred {org.name!r} from the contact's e-mail domain")
    else:
        doc.warn(pole.lines[0], f"fiche of {pole.name!r} has no coordinator")


# --- trailer ------------------------------------------------------------------------------


def _parse_trailer(doc: Document, orgs: OrganisationIndex, paragraphs: list[Paragraph]) -> None:
    """The ministries that publish the document, and their web sites."""
    for p in paragraphs:
        text = strip_marker(p.text)
        if re.fullmatch(r"(?:https?://)?www\.[\w.\-/]+", text):
            doc.websites.append(("http://" + text) if not text.startswith("http") else text)
            doc.use([p.line], STATEMENT)
            continue
        if text.isupper():
            mention = parse_mention(_smart_case(text), [p.line])
            if mention:
                existing = orgs.find(mention.name, CALL_KEY)
                org = existing or orgs.add(mention, CALL_KEY)
                if existing:
                    org.lines.add(p.line)
                doc.publisher_keys.append(org.key)
                doc.use([p.line], STATEMENT)
                continue
        doc.keep_text(p.line, p.text, doc.notes)


def _smart_case(text: str) -> str:
    """"MINISTÈRE DE L'ÉCONOMIE ET DES FINANCES" -> "Ministère de l'Économie et des Finances":
    the first word, and the first word of each complement, keep their capital."""
    words = text.lower().split()
    out = []
    for i, word in enumerate(words):
        if word.startswith("l'") and len(word) > 2:
            word = "l'" + word[2:3].upper() + word[3:]
        elif i == 0 or (words[i - 1] in ("des", "du", "de") and word not in ("la", "l'")):
            word = word[:1].upper() + word[1:]
        out.append(word)
    return " ".join(out)


def _check_names(doc: Document) -> None:
    seen: dict[str, Pole] = {}
    for pole in doc.poles:
        if pole.key in seen:
            doc.warn(pole.lines[0], f"two fiches have the name {pole.name!r} (lines {seen[pole.key].lines[0]} and {pole.lines[0]})")
        seen[pole.key] = pole
