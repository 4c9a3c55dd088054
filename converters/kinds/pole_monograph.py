"""A monograph of one pole (poles-noe-saclay.txt): territory, history, goals, activities, key
figures, members with their legal form and activity, governance and funding, perspectives.

Sections start with a heading line ("Genèse", "Chiffres clefs", "Acteurs du pôle"...). Members are
list items "- **Name**, legal form, activity". Dated sentences of the history become events.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ..enumerations import COMMA, split_top_level, split_items
from ..figures import find_figures
from ..folding import name_key
from ..link.geography import get_geography
from ..link.territory import parse_territory
from ..mentions import find_forms, parse_mention
from ..model import STATEMENT, Document, Event, Figure, Membership, Pole, Theme
from ..organisations import OrganisationIndex
from ..scanner import communes_after_a, find_named_orgs
from ..reading.source import SourceText, clean
from ..vocabularies import vocabulary

KIND = "pole-monograph"

_SECTIONS = [
    (r"^(?:genese|historique|histoire)\b", "history"),
    (r"^objectifs?\b", "goals"),
    (r"^activites?\b", "activities"),
    (r"^chiffres? cle", "figures"),
    (r"^(?:acteurs|membres)\b", "members"),
    (r"^gouvernance\b", "governance"),
    (r"^perspectives?\b", "perspectives"),
]
_MEMBER = re.compile(r"^-\s*\*\*(?P<name>.+?)\*\*\s*(?P<rest>.*)$")
_RENAMED = re.compile(r"\b(?P<old>[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý0-9][\w\-]*)*)\s+devient\s+(?P<new>[A-ZÀ-Ý][\w\-]*(?:\s+[A-ZÀ-Ý][\w\-]*)*)")
_IS_A = re.compile(r"^(?:Le |La |L')?(?P<name>[A-ZÀ-Ý][\w\-]*(?:\s+[A-ZÀ-Ý][\w\-]*)*)\s+(?:est|sont)\s+(?:un|une)\s+(?P<what>PTCE|pôle|association|SCIC)\b")
_YEAR_SENTENCE = re.compile(r"(?:^|(?<=[.!?»]))\s*(?P<sentence>[^.!?]*?\b(?P<year>(?:19|20)\d{2})\b[^.!?]*[.!?]?)")


def detect(source: SourceText) -> float:
    headings = {kind for line in source.lines for pattern, kind in _SECTIONS if re.match(pattern, name_key(clean(line))) and len(clean(line)) < 60}
    members = sum(1 for line in source.lines if _MEMBER.match(line.strip()))
    return 0.85 if len(headings) >= 4 and members >= 3 else 0.0


def parse(source: SourceText) -> Document:
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    lines = [(n, raw, clean(raw)) for n, raw in enumerate(source.lines, 1) if clean(raw)]
    sections: dict[str, list[tuple[int, str, str]]] = {"head": []}
    current = "head"
    headings = []
    for number, raw, text in lines:
        kind = next((k for pattern, k in _SECTIONS if re.match(pattern, name_key(text))), None)
        if kind and len(text) < 60 and not text.startswith("-"):
            current = kind
            sections.setdefault(kind, [])
            headings.append(number)
            continue
        sections.setdefault(current, []).append((number, raw, text))
    doc.use(headings, STATEMENT)
    everything = " ".join(text for _, _, text in lines)
    name, former = _name(everything)
    pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[lines[0][0], lines[-1][0]], kind="pole")
    if re.search(rf"{re.escape(name)}\s+est un PTCE|\bPTCE\b", everything):
        pole.kind = "ptce"
    for old in former:
        pole.add_alt_name(old)
    doc.title = f"Monographie : {name}"
    doc.poles.append(pole)
    orgs = OrganisationIndex(doc)
    _head(doc, pole, sections["head"], everything)
    _history(doc, orgs, pole, sections.get("history", []))
    _goals(doc, pole, sections.get("goals", []))
    _activities(doc, orgs, pole, sections.get("activities", []))
    _figures(doc, pole, sections.get("figures", []))
    _members(doc, orgs, pole, sections.get("members", []))
    _governance(doc, pole, sections.get("governance", []))
    for number, _, text in sections.get("perspectives", []):
        pole.texts.setdefault("plannedAction", []).append((text.lstrip("- "), number))
        doc.use([number], STATEMENT)
    return doc


def _name(text: str) -> tuple[str, list[str]]:
    """"En 2014, RESEA-2P devient Pôles NOE" -> ("Pôles NOE", ["RESEA-2P"]); else "X est un PTCE"."""
    renamed = list(_RENAMED.finditer(text))
    if renamed:
        last = renamed[-1]
        return last.group("new"), [m.group("old") for m in renamed]
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        m = _IS_A.match(sentence)
        if m:
            return m.group("name"), []
    return "Pôle sans nom", []


def _head(doc, pole, lines, everything) -> None:
    for number, _, text in lines:
        m = re.match(r"^Territoire\s*:\s*(?P<value>.+)$", text, re.IGNORECASE)
        if m:
            parsed = parse_territory(m.group("value"), everything)
            pole.places.extend(x for x in parsed.places if x.place is not None)
            pole.areas.extend(parsed.areas)
            pole.territory_text, pole.territory_lines = m.group("value"), [number]
            for problem in parsed.problems:
                doc.warn(number, f"territory: {problem}")
            doc.use([number], STATEMENT)
        else:
            doc.keep_text(number, text, pole.notes)


def _departements(pole: Pole) -> list[str]:
    return [m.place.code for m in pole.places if m.place.kind == "departement"]


def _history(doc, orgs, pole, lines) -> None:
    """Each dated sentence is an event; the founding year of the association is the pole's."""
    description = []
    for number, _, text in lines:
        description.append(text)
        doc.use([number], STATEMENT)
        for m in _YEAR_SENTENCE.finditer(text):
            sentence = m.group("sentence").strip()
            year = m.group("year")
            places = communes_after_a(sentence, _departements(pole))
            event = Event(label=sentence, lines=[number], date=year, place=places[0].place if places else None)
            at = re.search(r"\bà\s+([A-ZÀ-Ý][\w'’\-]+)\s*[.,;]?$", sentence)
            if at and not places:
                event.place_text = at.group(1)  # "Courtabœuf" is no commune: kept as written
            pole.events.append(event)
            created = re.search(r"(?:était |a été |est )?cré(?:é|ée)e?\s+en\s+" + year, sentence)
            if created and pole.created is None:
                pole.created, pole.created_lines = int(year), [number]
        for found in find_named_orgs(text, [number]):
            if name_key(found.mention.name) in {name_key(pole.name), *map(name_key, pole.alt_names)}:
                for form in found.mention.legal_forms:  # "l'association RESEA-2P"
                    if form not in pole.legal_forms:
                        pole.legal_forms.append(form)
                        pole.legal_form_lines.append(number)
                continue
            orgs.add(found.mention, pole.key)
        for quoted in re.finditer(r"constitution d'une (?P<form>SCIC|SCOP|association)\.?\s*«\s*(?P<name>[^»]+?)\s*»", text):
            mention = parse_mention(f"{quoted.group('form')} {quoted.group('name')}", [number])
            if mention:
                orgs.add(mention, pole.key)  # « Conciergerie des 2 Plateaux », a SCIC of the history
    if description:
        pole.description = "\n".join(description)
        pole.description_lines = [n for n, _, _ in lines]


def _goals(doc, pole, lines) -> None:
    for number, raw, text in lines:
        if raw.lstrip().startswith("-"):
            pole.texts.setdefault("goal", []).append((text.lstrip("- ").rstrip(" ,;"), number))
            doc.use([number], STATEMENT)
        else:
            doc.keep_text(number, text, pole.notes)


def _activities(doc, orgs, pole, lines) -> None:
    """The main sectors (themes), what the members pool, and the structures the pole hosts."""
    themes = vocabulary("theme")
    for number, raw, text in lines:
        used = False
        if raw.lstrip().startswith("-"):
            hits = themes.find(text)
            if hits:
                concept = hits[0].concept
                if concept.slug not in {t.slug for t in pole.themes}:
                    pole.themes.append(Theme(hits[0].text, concept.slug, True, [number]))
                used = True
        if re.search(r"\bPTCE\b", text):
            pole.kind = "ptce"
            used = True
        fair = re.search(r"«\s*(?P<name>[^»]+?)\s*»\s*au mois de\s+(?P<month>\w+)\s+à\s+(?P<town>[A-ZÀ-Ý][\w'’\-]+)", text)
        if fair:
            match = get_geography().commune(fair.group("town"), departements=_departements(pole))
            if match.place is None:
                doc.warn(number, f"place of « {fair.group('name')} » not resolved: {match.problem}")
            pole.events.append(Event(label=fair.group("name"), lines=[number], place=match.place,
                                     recurrence=f"chaque année au mois de {fair.group('month')}"))
            used = True
        hosted = re.search(r"\babrite une agence de la (?P<form>CAE|SCOP|SCIC)\s+(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:\s+[\wÀ-ÿ'’\-]+)?)", text)
        if hosted:
            org = orgs.find(hosted.group("name"), pole.key)
            mention = parse_mention(f"{hosted.group('form')} {hosted.group('name')}", [number])
            if mention:
                org = orgs.add(mention, pole.key)
                pole.memberships.append(Membership(org.key, "hosted", [number]))
                used = True
        doc.keep_text(number, text, pole.notes)
        if used:
            doc.use([number], STATEMENT)


def _figures(doc, pole, lines) -> None:
    for number, _, text in lines:
        found = find_figures(text, [number])
        share = re.search(r"(?P<value>\d+)\s*%\s*(?P<what>[^)]*)", text)
        for figure in found:
            period = re.search(r"\ben (\d+) ans\b", text)
            if period:
                figure.period_years = int(period.group(1))
            pole.figures.append(figure)
        if not found:
            group = re.match(r"^-?\s*(\d+)\s+groupements? d'entreprises", text)
            if group:
                figure = Figure("organisations", Decimal(group.group(1)), "organisation", text.lstrip("- "), [number])
                figure.counted_kind_text = "groupements d'entreprises en création"
                pole.figures.append(figure)
                found = [figure]
        if found:
            doc.use([number], STATEMENT)
            if share:
                pole.notes.append(text.lstrip("- "))  # "(60% revendus ESS)": kept as written
        else:
            doc.keep_text(number, text, pole.notes)


def _members(doc, orgs, pole, lines) -> None:
    """"- **Colibree**, Scop arl, Service de vélos électriques": a member, its legal form (or
    structure type) and its activity; counts of individual members and project holders; the other
    stakeholders (public partners)."""
    for number, raw, text in lines:
        stripped = raw.strip()
        count = re.match(r"^-\s*\*\*(?P<n>\d+)\s+(?P<what>[^*]+)\*\*", stripped)
        if count:
            what = count.group("what").strip()
            measure = "individual-members" if "adhérent" in what else "project-holders" if "porteur" in what else "members"
            unit = "person" if measure != "members" else "organisation"
            figure = Figure(measure, Decimal(count.group("n")), unit, text.lstrip("- "), [number])
            figure.counted_kind_text = what
            pole.figures.append(figure)
            doc.use([number], STATEMENT)
            continue
        if re.search(r"parties?[- ]prenantes?", text, re.IGNORECASE):
            _stakeholders(doc, orgs, pole, number, text)
            continue
        m = _MEMBER.match(stripped)
        if not m:
            doc.keep_text(number, text, pole.notes)
            continue
        mention = _member_mention(clean(m.group("name")), clean(m.group("rest")), number)
        if mention is None:
            doc.warn(number, f"member not understood: {text!r}; kept as a note")
            doc.keep_text(number, text, pole.notes)
            continue
        org = orgs.add(mention, pole.key)
        if not any(ms.org_key == org.key and ms.role == "member" for ms in pole.memberships):
            pole.memberships.append(Membership(org.key, "member", [number]))
        doc.use([number], STATEMENT)


def _member_mention(name: str, rest: str, number: int):
    """"Asparagus, SARL" (the form inside the bold name), "Handi access Orsay sarl", then the
    comma-separated rest: a legal form or structure type first when there is one, the activity."""
    mention = parse_mention(name, [number], named=True)
    if mention is None:
        return None
    parts = [p.strip() for p in split_top_level(rest.strip(" ,."), COMMA) if p.strip()]
    for i, part in enumerate(parts):
        hits = find_forms(part)
        if i < 2 and hits and hits[0].start == 0:
            first = hits[0]
            mention.add_form(first)
            remainder = part[first.end :].strip(" ,")
            if first.concept.scheme == "legal-form" and remainder:
                # "Association Réseau d'associations défense environnement...": the activity follows.
                for hit in find_forms(remainder):
                    if hit.concept.scheme == "structure-type":
                        mention.add_form(hit)
                mention.descriptions.append(remainder[0].upper() + remainder[1:])
            elif first.concept.scheme == "structure-type" and remainder:
                mention.descriptions.append(part[0].upper() + part[1:])  # "Réseau de SIAE de l'Essonne"
                for hit in hits[1:]:
                    mention.add_form(hit)
            continue
        mention.descriptions.append(part[0].upper() + part[1:])
    return mention


def _stakeholders(doc, orgs, pole, number, text) -> None:
    """"Autres parties-prenantes du pôle du secteur public : L'association Atout-PLIE Nord-Ouest 91,
    la pépinière APIS Développement à Villebon/Yvette et la communauté d'Agglomération du Plateau
    de Saclay." -> public partners."""
    items = text.split(":", 1)[1] if ":" in text else text
    heading = text.split(":", 1)[0].strip(" -") if ":" in text else None
    for item in split_items(items):
        mention = next((f.mention for f in find_named_orgs(item, [number])), None) or parse_mention(item, [number])
        if mention is None:
            continue
        town = re.search(r"\bà\s+(?P<town>[A-ZÀ-Ý][\w'’\-/]+)", item)
        if town:  # "à Villebon/Yvette": Villebon-sur-Yvette
            match = get_geography().commune(town.group("town").replace("/", "-sur-"), departements=_departements(pole))
            if match.place is not None:
                mention.places.append(match.place)
            else:
                doc.warn(number, f"place of {mention.name!r} not resolved: {match.problem}")
        org = orgs.add(mention, pole.key)
        if "Agglomération" in mention.name or "agglomération" in mention.name:
            match = get_geography().epci(mention.name, departements=_departements(pole))
            if match.place is None:
                doc.warn(number, f"intercommunality {mention.name!r} not resolved: {match.problem}")
        pole.memberships.append(Membership(org.key, "partner", [number], "public-authorities", heading))
    doc.use([number], STATEMENT)


def _governance(doc, pole, lines) -> None:
    for number, _, text in lines:
        used = False
        m = re.search(r"\best une\s+(?P<form>association(?:\s+loi\s+1901)?|SCIC|SCOP[^.]*)", text, re.IGNORECASE)
        if m and name_key(pole.name) in name_key(text.split(" est ")[0]):
            for hit in find_forms(m.group("form")):
                if hit.concept.scheme == "legal-form" and hit.concept.slug not in pole.legal_forms:
                    pole.legal_forms.append(hit.concept.slug)
                    pole.legal_form_lines.append(number)
            used = True
        if re.search(r"gouvernance|conseil d'administration|bureau|adhérents", text, re.IGNORECASE):
            pole.texts.setdefault("governance", []).append((text, number))
            used = True
        for figure in find_figures(text, [number]):
            pole.figures.append(figure)
            used = True
        share = re.search(r"(?P<approx>plus de|moins de|environ)?\s*(?P<value>\d+(?:,\d+)?)\s*%\s*sur\s*(?P<what>subventions? publiques?)", text)
        if share:
            figure = Figure("public-funding-share", Decimal(share.group("value").replace(",", ".")), "percent",
                            share.group(0).strip(), [number])
            figure.approximation = {"plus de": "more-than", "moins de": "less-than", "environ": "approximately"}.get(share.group("approx") or "", "exact")
            pole.figures.append(figure)
            pole.notes.append(text)
            used = True
        if used:
            doc.use([number], STATEMENT)
        else:
            doc.keep_text(number, text, pole.notes)
