"""A "fiche initiative" of the 2010 study (pole-economie-solidaire-sud-essonne.txt).

The study gives its template (etude-poles-ess-france-2010.txt, lines 95-119): "Chiffres clé du
territoire", "Identité" (date of creation, origin, members, legal status, staff, premises,
budget, field of activity, territory of action, network, functions), "Taille du pôle : ../5",
"Niveau de structuration : ../5", "Actions" (objectives, achievements, projects), "Bilan"
(strengths, weaknesses, good practice, remarks), "Documents joints". Each field is a line
"- **Field** : value", possibly followed by sub-items (" - ...") or continuation lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..figures import find_figures
from ..folding import name_key
from ..link.geography import get_geography
from ..link.territory import parse_territory
from ..mentions import parse_mention
from ..model import STATEMENT, Document, Event, Figure, Membership, Pole, Theme
from ..organisations import OrganisationIndex
from ..scanner import find_named_orgs
from ..reading.source import SourceText, clean
from ..themes import split_themes

KIND = "fiche-initiative"

_FIELD = re.compile(r"^(?:[-•]\s*)?(?P<key>[A-ZÀ-Ý][^:]{1,45}?)\s*:\s*(?P<value>.*)$")
# Fields of the template, folded, and what they hold.
_FIELDS = {
    "chiffres cle du territoire": "territory-figures", "chiffres cles du territoire": "territory-figures",
    "identite": "identity", "date de creation": "created", "origine": "origin", "adherents": "members",
    "statuts juridique": "status", "statut juridique": "status", "salaries": "employees",
    "foncier": "premises", "budget": "budget", "domaine d activite": "field", "territoire d action": "territory",
    "reseau": "network", "fonctions": "functions", "taille du pole": "size", "niveau de structuration": "structuring",
    "actions": "actions", "objectifs": "goal", "realisation": "achievement", "realisations": "achievement",
    "en projet": "plannedAction", "bilan": "assessment", "points forts": "strength", "point fort": "strength",
    "faiblesse": "weakness", "faiblesses": "weakness", "points faibles": "weakness", "point faible": "weakness",
    "bonne pratique": "goodPractice", "bonnes pratiques": "goodPractice", "remarques": "note",
    "enjeu pour l avenir": "note", "documents joints": "attachments", "contact": "contact",
    "adresse": "address", "site internet": "website",
}
_SECTIONS = {"territory-figures", "identity", "actions", "assessment", "attachments"}
_SCORE = re.compile(r"^(?P<value>\d+)\s*/\s*(?P<max>\d+)$")
_POLE_NAME = re.compile(r"\b(?:créé|crée|créent|fondé|ouvert)\s+(?:le |la |l')(?P<name>(?:Pôle|Pole|Maison|Centre|Espace|Hôtel)\b[^(,.;]*?)\s*(?:\(|,|\.|;| et )")


def detect(source: SourceText) -> float:
    """A filled-in fiche: template fields with values (the study that gives the template has
    the same fields, empty)."""
    filled = {name_key(m.group("key")) for m in (_FIELD.match(clean(line)) for line in source.lines)
              if m and re.search(r"\w", m.group("value")) and not re.fullmatch(r"[.\s]*\w?[f/]?\d?", m.group("value"))}
    known = {"taille du pole", "niveau de structuration", "chiffres cle du territoire", "budget",
             "fonctions", "territoire d action", "domaine d activite"}
    scores = any(_SCORE.match(m.group("value")) for m in (_FIELD.match(clean(line)) for line in source.lines) if m)
    return 0.9 if len(filled & known) >= 3 and scores else 0.0


@dataclass
class _Field:
    name: str  # one of the _FIELDS values
    key_text: str
    value: str
    line: int
    items: list[tuple[str, int]] = field(default_factory=list)  # sub-items and continuation lines


def parse(source: SourceText) -> Document:
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    fields, loose = _fields(source)
    narrative = " ".join(text for f in fields if f.name in ("identity", "origin") for text, _ in f.items)
    name = _pole_name(narrative) or _pole_name(" ".join(clean(l) for l in source.lines))
    if name is None:
        name = f"Pôle {source.path.stem}"
        doc.warn(None, f"no name found for the pole: labelled {name!r}")
    pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[1, len(source.lines)], kind="pole")
    doc.title = f"Fiche initiative : {name}"
    doc.poles.append(pole)
    orgs = OrganisationIndex(doc)
    scope = pole.key
    for f in fields:
        handler = _HANDLERS.get(f.name, _text_field)
        handler(doc, orgs, pole, scope, f)
    for text, line in loose:
        doc.keep_text(line, text, pole.notes)
    origin = pole.texts.pop("origin", [])
    if origin:  # the story of the pole's origin is its description
        pole.description = "\n".join(text for text, _ in origin)
        pole.description_lines = [line for _, line in origin]
    return doc


def _fields(source: SourceText) -> tuple[list[_Field], list[tuple[str, int]]]:
    """The fields of the template in reading order, with their sub-items; lines outside any field."""
    fields: list[_Field] = []
    loose: list[tuple[str, int]] = []
    for number, raw in enumerate(source.lines, 1):
        text = clean(raw)
        if not text:
            continue
        m = _FIELD.match(text)
        key = name_key(m.group("key")) if m else name_key(text)
        if m and key in _FIELDS:
            fields.append(_Field(_FIELDS[key], m.group("key"), m.group("value").strip(), number))
            continue
        if not m and key in _FIELDS:  # "Bilan" without a colon
            fields.append(_Field(_FIELDS[key], text, "", number))
            continue
        if not fields:
            loose.append((text, number))
        elif raw.startswith(("-", "•")) and fields[-1].name not in _SECTIONS:
            # "- 5 structures sont hébergées : ..." is an item of the section (Identité), not of
            # the field above it; indented " - ..." lines and continuation lines are the field's.
            section = next((f for f in reversed(fields) if f.name in _SECTIONS), fields[-1])
            section.items.append((text, number))
        else:
            fields[-1].items.append((text, number))
    return fields, loose


def _pole_name(text: str) -> str | None:
    m = _POLE_NAME.search(text)
    return m.group("name").strip() if m else None


# --- the fields -----------------------------------------------------------------------------


def _territory_figures(doc, orgs, pole, scope, f: _Field) -> None:
    """"Chiffres clé du territoire : Ile de france" and the lines below: figures of that territory."""
    region = get_geography().region(f.value).place if f.value else None
    if region is not None:
        pole.region = region
        pole.region_lines = [f.line]
    doc.use([f.line], STATEMENT)
    for text, line in f.items:
        found = _key_figures(text, line)
        for figure in found:
            doc.place_figures.append((region, figure) if region else (None, figure))
        if found:
            doc.use([line], STATEMENT)
        else:
            doc.keep_text(line, text, pole.notes)


_KEY_FIGURE = re.compile(r"(?P<num>\d{1,3}(?:[ \u00a0.]\d{3})*(?:[.,]\d+)?)\s*(?P<pct>%)?\s*(?P<what>[^,\-–;]+)")


def _key_figures(text: str, line: int) -> list[Figure]:
    """"31 000 établissements employeurs - 374 000 emplois, soit 6.6 % des effectifs salariés":
    counts and shares of the social and solidarity economy of a territory."""
    out = []
    for m in _KEY_FIGURE.finditer(text):
        value = Decimal(re.sub(r"[ \u00a0]", "", m.group("num")).replace(",", "."))
        what = m.group("what").strip(" .")
        folded = name_key(what)
        if m.group("pct"):
            unit = "percent"
            measure = "ess-share-of-jobs" if "effectifs" in folded or "emploi" in folded else "establishments-share"
        elif "etablissements employeurs" in folded:
            measure, unit = "employer-establishments", "organisation"
        elif folded.startswith("emplois"):
            measure, unit = "ess-jobs", "job"
        elif folded.split()[0] in ("associations", "cooperatives", "mutuelles", "fondations", "structures"):
            measure, unit = "organisations", "organisation"
        else:
            continue
        figure = Figure(measure=measure, value=value, unit=unit, stated_as=text.strip(" ."), lines=[line])
        figure.counted_kind_text = what
        out.append(figure)
    previous = None
    for figure in out:  # "27 590 associations, soit 89 % des établissements...": the share of the count before
        if figure.unit == "percent" and previous is not None and previous.measure == "organisations":
            figure.counted_kind_text = f"{previous.counted_kind_text} : {figure.counted_kind_text}"
        previous = figure
    return out


def _identity(doc, orgs, pole, scope, f: _Field) -> None:
    doc.use([f.line], STATEMENT)
    for text, line in f.items:
        if re.fullmatch(r"(?:19|20)\d{2}", text):
            pole.created, pole.created_lines = int(text), [line]
            doc.use([line], STATEMENT)
            continue
        nested = list(re.finditer(r"•\s*(?P<key>[^:•]+?)\s*:\s*(?P<value>[^•]+)", text))
        head = text.split("•")[0].strip(" -")
        _identity_item(doc, orgs, pole, scope, head, line)
        for m in nested:  # "• Salariés : 10."
            key = _FIELDS.get(name_key(m.group("key")))
            if key:
                _HANDLERS.get(key, _text_field)(doc, orgs, pole, scope, _Field(key, m.group("key"), m.group("value").strip(" ."), line))


def _identity_item(doc, orgs, pole, scope, text: str, line: int) -> None:
    """The narrative of the pole's origin and its legal status: founders, the association that
    carries it, its members by kind, hosted structures."""
    used = False
    founders = []
    for found in find_named_orgs(text, [line]):
        org = orgs.add(found.mention, scope)
        founders.append(org)
        used = True
    if founders and re.search(r"\bcréé|branches|fondat", text, re.IGNORECASE):
        for org in founders:
            _member(pole, org.key, "founding-member", line)
    collectif = re.search(r"\b(?:le|la|l')\s*(?P<name>[A-ZÀ-Ý][\w'’\- ]*?)\s*\((?:en|sous forme d'|sous forme de)\s*(?P<form>association|SCIC|SCOP)\)", text)
    if collectif and name_key(collectif.group("name")) != name_key(pole.name):
        mention = parse_mention(f"{collectif.group('name')} ({collectif.group('form')})", [line])
        if mention:
            org = orgs.add(mention, scope)
            _member(pole, org.key, "coordinator", line)
            used = True
    members = re.search(r"(?P<count>\d+)\s+personnes morales adhérentes\s*\((?P<list>[^)]*)\)", text)
    if members:
        carrier = next((m.org_key for m in pole.memberships if m.role == "coordinator"), None)
        owner = doc.organisations.get(carrier) if carrier else None
        figures = [_count("members", members.group("count"), "personnes morales adhérentes", members.group(0), line)]
        for count, what in re.findall(r"(\d+)\s+([^,]+)", members.group("list")):
            figures.append(_count("members", count, what.strip(), members.group(0), line))
        (owner.figures if owner else pole.figures).extend(figures)
        used = True
    hosted = re.search(r"(?P<count>\d+)\s+structures sont hébergées\s*:\s*(?P<list>.+)$", text)
    if hosted:
        pole.figures.append(_count("hosted-structures", hosted.group("count"), "structures hébergées", hosted.group(0), line))
        listed = hosted.group("list")
        for membership in list(pole.memberships):
            name = doc.organisations[membership.org_key].name
            if (membership.role == "founding-member" and "fondatri" in listed) or name_key(name) in name_key(listed):
                _member(pole, membership.org_key, "hosted", line)
        used = True
    if used:
        doc.use([line], STATEMENT)
        pole.texts.setdefault("origin", []).append((text, line))
    else:
        doc.keep_text(line, text, pole.notes)


def _member(pole: Pole, org_key: str, role: str, line: int) -> None:
    for membership in pole.memberships:
        if membership.org_key == org_key and membership.role == role:
            membership.lines = sorted(set(membership.lines) | {line})
            return
    pole.memberships.append(Membership(org_key, role, [line]))


def _count(measure: str, value: str, what: str, stated: str, line: int, unit: str = "organisation") -> Figure:
    figure = Figure(measure=measure, value=Decimal(value), unit=unit, stated_as=stated, lines=[line])
    figure.counted_kind_text = what
    return figure


def _employees(doc, orgs, pole, scope, f: _Field) -> None:
    m = re.match(r"^(\d+)", f.value)
    if m:
        pole.figures.append(_count("employees", m.group(1), "salariés", f"{f.key_text} : {f.value}", f.line, unit="person"))
        doc.use([f.line], STATEMENT)


def _field_of_activity(doc, orgs, pole, scope, f: _Field) -> None:
    for label, slug, known in split_themes(re.sub(r"^(?:l'|le |la |les )", "", f.value.strip(" ."))):
        pole.themes.append(Theme(label, slug, known, [f.line]))
        if not known:
            doc.warn(f.line, f"theme {label!r} is not in ontology/schemes/themes.ttl: minted as a new concept")
    doc.use([f.line], STATEMENT)


def _territory(doc, orgs, pole, scope, f: _Field) -> None:
    """"Sud Essonne soit 132 communes": the area, its département, and the count of communes."""
    text = f.value.strip(" .")
    place = re.split(r"\s+soit\s+", text)[0]
    parsed = parse_territory(place)
    pole.places.extend(m for m in parsed.places if m.place is not None)
    pole.areas.extend(parsed.areas)
    pole.territory_text, pole.territory_lines = text, [f.line]
    count = re.search(r"(\d+)\s+communes", text)
    if count:
        pole.figures.append(_count("communes", count.group(1), f"communes du territoire d'action ({place})", text, f.line, unit="commune"))
    for problem in parsed.problems:
        doc.warn(f.line, f"territory: {problem}")
    doc.use([f.line], STATEMENT)


def _budget(doc, orgs, pole, scope, f: _Field) -> None:
    """"400 000€ (100 000€, fonctionnement du pôle : Conseil Régional ; 300 000€, actions
    définies : plusieurs Collectivités)": the budget, and each share with what it pays for and who."""
    total = re.match(r"^\s*([\d  .]+)\s*€", f.value)
    if total:
        pole.figures.append(Figure("budget", Decimal(re.sub(r"[^\d]", "", total.group(1))), "euro",
                                   f"{f.key_text} : {f.value}", [f.line]))
    shares = re.search(r"\((?P<list>.+)\)", f.value)
    for share in re.split(r"\s*;\s*", shares.group("list")) if shares else []:
        m = re.match(r"^(?P<amount>[\d  .]+)\s*€\s*,\s*(?P<purpose>[^:]+?)\s*:\s*(?P<funder>.+)$", share.strip())
        if not m:
            continue
        figure = Figure("grant", Decimal(re.sub(r"[^\d]", "", m.group("amount"))), "euro", share.strip(), [f.line])
        figure.counted_kind_text = m.group("purpose").strip()
        mention = parse_mention(m.group("funder"), [f.line])
        if mention is not None:
            org = orgs.add(mention, scope)
            figure.funder_key = org.key
            _member(pole, org.key, "funder", f.line)
        pole.figures.append(figure)
    doc.use([f.line], STATEMENT)


def _functions(doc, orgs, pole, scope, f: _Field) -> None:
    values = ([(f.value, f.line)] if f.value else []) + f.items
    for text, line in values:
        pole.texts.setdefault("function", []).append((text.strip(" -"), line))
        doc.use([line], STATEMENT)


def _score(doc, orgs, pole, scope, f: _Field) -> None:
    m = _SCORE.match(f.value.replace("f", "/"))
    if not m:
        doc.keep_text(f.line, f"{f.key_text} : {f.value}", pole.notes)
        return
    measure = "size-score" if f.name == "size" else "structuring-score"
    figure = Figure(measure, Decimal(m.group("value")), "point", f"{f.key_text} : {f.value}", [f.line])
    figure.scale_max = int(m.group("max"))
    pole.figures.append(figure)
    doc.use([f.line], STATEMENT)


def _list_field(doc, orgs, pole, scope, f: _Field) -> None:
    """Objectives, achievements, projects, strengths...: one statement per item, as written; a
    dated item is also an event ("en 2008 : création de la plateforme « Mobilité Solidaire »")."""
    doc.use([f.line], STATEMENT)
    values = ([(f.value, f.line)] if f.value else []) + f.items
    for text, line in values:
        text = text.strip(" -").strip()
        if not text:
            continue
        if f.name == "attachments":
            doc.keep_text(line, f"Document joint : {text}", pole.notes)
            continue
        pole.texts.setdefault(f.name, []).append((text, line))
        doc.use([line], STATEMENT)
        dated = re.search(r"\ben ((?:19|20)\d{2})\s*:?\s*(?P<what>[^.;,)]+)", text)
        if dated:
            pole.events.append(Event(label=dated.group("what").strip(" :"), lines=[line], date=dated.group(1)))
        for figure in find_figures(text, [line]):
            pole.figures.append(figure)


def _structure_field(doc, orgs, pole, scope, f: _Field) -> None:
    """"Actions :", "Bilan": headings of groups of fields."""
    doc.use([f.line], STATEMENT)
    for text, line in f.items:
        doc.keep_text(line, text, pole.notes)


def _text_field(doc, orgs, pole, scope, f: _Field) -> None:
    """Fields kept as text (premises, network...)."""
    values = ([(f"{f.key_text} : {f.value}", f.line)] if f.value else [(f.key_text, f.line)]) + f.items
    for text, line in values:
        doc.keep_text(line, text, pole.notes)


_HANDLERS = {
    "territory-figures": _territory_figures,
    "identity": _identity,
    "employees": _employees,
    "field": _field_of_activity,
    "territory": _territory,
    "budget": _budget,
    "functions": _functions,
    "size": _score,
    "structuring": _score,
    "actions": _structure_field,
    "assessment": _structure_field,
    **{name: _list_field for name in ("goal", "achievement", "plannedAction", "strength", "weakness", "goodPractice", "attachments")},
}
