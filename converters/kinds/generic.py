"""Any other French text about a pole: a press article, statutes, a web page, a list...

What can be found is kept: the pole's name (« quoted » after "PTCE"/"pôle", "le PTCE X", "X est
un pôle...", or a title line), its places (postal codes and towns, "Name (NN)" départements,
communes after "à", départements and régions by name), the organisations the text introduces by
their legal form or type ("l'association X", "la SCIC Y", "l'entreprise d'insertion Z") and the
members and partners it lists, its figures, its creation year and dated events, its contacts
(private). Every other line is kept as the pole's description: nothing is dropped.
"""
from __future__ import annotations

import re

from ..contacts import EMAIL, PHONE, split_contact
from ..enumerations import split_items
from ..figures import find_figures
from ..identifiers import find_registrations
from ..folding import fold, name_key
from ..link.geography import Match, get_geography
from ..link.territory import parse_address, parse_territory
from ..mentions import parse_mention
from ..model import PRIVATE, STATEMENT, Address, Call, Document, Event, Membership, Pole, Theme
from ..organisations import OrganisationIndex
from ..scanner import communes_after_a, find_named_orgs
from ..source import SourceText, clean
from ..themes import split_themes

KIND = "generic"

_QUOTED = re.compile(r"\b(?:PTCE|[Pp]ôle|[Pp]ole)\s*«\s*(?P<name>[^»]{2,80}?)\s*»|«\s*(?P<named>(?:PTCE|P[ôo]le|PÔLE|POLE)\b[^»]{2,80}?)\s*»")
_TITLED = re.compile(r"\bayant pour (?:titre|nom|dénomination)\s*:?\s*(?P<name>[^.;]{2,80})")
_TOKEN = r"[A-ZÀ-Ý0-9][\w'’\-&]*"
_NAMED = re.compile(r"\b(?:le|du|au|ce) (?:PTCE|pôle)\s+(?P<name>" + _TOKEN + r"(?:\s+(?:(?:et|de|du|des|d'|la|le)\s+)?" + _TOKEN + r")*)")
_IS_A = re.compile(r"(?:^|[.!?]\s+)(?P<name>(?:L[ae]s?\s+|L')?" + _TOKEN + r"(?:\s+(?:(?:de|du|des|d'|et)\s+)?" + _TOKEN + r")*)\s*,?\s+(?:est|sera|devient)\s+(?:un|une|le|la)\s+(?:PTCE|pôle|Pôle|pôle territorial)")
_CREATED = re.compile(r"\b(?:créée?|fondée?|née?|lancée?)\s+(?:en|le \d{1,2} \w+)\s+((?:19|20)\d{2})\b", re.IGNORECASE)
_POSTCODE = re.compile(r"\b(?P<cp>(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97\d)\d{3})\s+(?P<town>[A-ZÀ-Ý][\w'’\-]*(?:[\s\-][A-ZÀ-Ý\-][\w'’\-]*){0,4})")
_DEPARTEMENT = re.compile(r"(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:[\s\-](?:de|du|des|et|sur|en|d')?[\s\-]?[A-ZÀ-Ý][\w'’\-]*){0,3})\s*\((?P<code>\d{2,3}|2[AB])\)")
_IN_PLACE = re.compile(r"\b(?:en|dans l[ae]s?|dans l'|département d[eu]s?|département de l'|région)\s+(?P<name>(?:l[ae]s?\s+|l')?[A-ZÀ-Ý][\w'’\-]*(?:[\s\-](?:de|du|des|et|d'|sur)?[\s\-]?[A-ZÀ-Ý][\w'’\-]*){0,3})")
_LIST_HEADING = re.compile(r"^(?:nos |ses |les |leurs )?(?P<what>membres|adhérents|partenaires|fondateurs|structures membres|acteurs)\b[^:]*:\s*(?P<rest>.*)$", re.IGNORECASE)
_THEMES = re.compile(r"^(?:th[ée]matiques?|th[èe]mes?|secteurs?(?: d'activités?)?|domaines? d'activités?|filières?)\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_CARRIER = re.compile(r"\b(?:porté|portée|coordonné|coordonnée|piloté|pilotée|animé|animée)\s+par\s+", re.IGNORECASE)


def detect(source: SourceText) -> float:
    """Any text in French that speaks of a pole: the fallback when no other kind fits."""
    text = fold(" ".join(clean(line) for line in source.lines))
    return 0.1 if re.search(r"\b(ptce|pole|poles|ess|economie sociale|association|cooperati)", text) else 0.0


_POLE_ITEM = re.compile(r"^(?:\d+[.)]|[-•·])\s*(?P<name>[^,:]+?),\s*(?P<place>[^:]+?)\s*(?::\s*(?P<desc>.*))?$")
_CALL = re.compile(r"\blauréats?\b.*\bappel à projets\b|\bappel à projets\b.*\blauréats?\b", re.IGNORECASE)


def parse(source: SourceText) -> Document:
    lines = [(n, clean(raw)) for n, raw in enumerate(source.lines, 1) if clean(raw)]
    items = [(n, m) for n, t in lines if (m := _POLE_ITEM.match(t)) and parse_territory(m.group("place")).places]
    if len(items) >= 2:
        return _parse_list(source, lines, items)
    return _parse_one(source, lines)


def _parse_list(source: SourceText, lines, items) -> Document:
    """A list of poles, one per item ("2. Le Tiers-Lieu des Cévennes, Le Vigan (30) : porté par la
    SCIC Cévennes Avenir."), often the laureates of a call."""
    doc = Document(path=source.path, kind=KIND, title=lines[0][1], sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    doc.use([lines[0][0]], STATEMENT)
    orgs = OrganisationIndex(doc)
    call = None
    for number, text in lines:
        if _CALL.search(text):
            call = Call(key=f"call/{name_key(text)}", name=text.strip(" :"), lines=[number])
            year = re.search(r"\b((?:19|20)\d{2})\b", text)
            call.period = year.group(1) if year else None
            doc.calls.append(call)
            doc.use([number], STATEMENT)
            break
    item_lines = {n for n, _ in items}
    for number, m in items:
        raw_name = m.group("name").strip()
        name = re.sub(r"^(?:PTCE|[Pp]ôle)\s*«\s*(.+?)\s*»$", r"\1", raw_name).strip(" «»")
        pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[number],
                    kind="ptce" if re.search(r"\bPTCE\b", raw_name) else "pole")
        pole.name_lines = [number]
        if name != raw_name:
            pole.add_alt_name(raw_name)
        parsed = parse_territory(m.group("place"))
        pole.places = [x for x in parsed.places if x.place is not None]
        pole.areas = list(parsed.areas)
        pole.territory_text, pole.territory_lines = m.group("place"), [number]
        desc = m.group("desc") or ""
        if desc:
            pole.description = desc
            _orgs(doc, orgs, pole, number, desc)
            pole.figures.extend(find_figures(desc, [number]))
        if call is not None:
            pole.laureate_of = call.key
        doc.poles.append(pole)
        doc.use([number], STATEMENT)
    for number, text in lines:
        if number in item_lines or number in doc.line_use:
            continue
        figures = find_figures(text, [number])
        region = get_geography().region(re.sub(r"^R[ée]gion\s+", "", text)) if len(text.split()) <= 4 else None
        if call is not None and figures:
            call.figures.extend(figures)
            doc.use([number], STATEMENT)
        elif call is not None and region is not None and region.place is not None:
            mention = parse_mention(text, [number], named=True)
            org = orgs.add(mention, call.key)
            call.funder_keys.append(org.key)
            doc.use([number], STATEMENT)
        else:
            doc.keep_text(number, text, doc.notes)
    return doc


def _parse_one(source: SourceText, lines) -> Document:
    doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                   line_count=len(source.lines), nonempty_lines=source.nonempty())
    everything = " ".join(t for _, t in lines)
    title_number, title = lines[0]
    if len(title) <= 120 and not title.endswith((".", ":")):
        doc.title = title
    name, name_lines, how = _name(lines, doc.title, source.path.stem)
    pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=[lines[0][0], lines[-1][0]],
                kind="ptce" if re.search(r"\bPTCE\b|pôles? territoria(?:l|ux) de coopération économique", everything, re.IGNORECASE) else "pole")
    pole.name_lines = name_lines
    if how == "built":
        pole.name_note = "The document gives the pole no name: this label was built from the file name."
        doc.warn(lines[0][0], f"no name of a pole found: labelled {name!r}")
    doc.poles.append(pole)
    doc.use(name_lines, STATEMENT)
    orgs = OrganisationIndex(doc)
    description: list[str] = []
    in_list = None
    for number, text in lines:
        used = number in name_lines
        if number == title_number and doc.title:
            doc.use([number], STATEMENT)
            continue
        if EMAIL.search(text) or PHONE.search(text):
            used |= _contact(doc, pole, number, text)
            continue
        heading = _LIST_HEADING.match(text)
        if heading:
            in_list = "partner" if "partenaire" in heading.group("what").lower() else "member"
            text_items = heading.group("rest")
            used |= _list(doc, orgs, pole, number, text_items, in_list) if text_items else True
            doc.use([number], STATEMENT)
            continue
        if in_list and re.match(r"^[-•·]\s", text):
            if _list(doc, orgs, pole, number, text, in_list):
                continue
        else:
            in_list = None
        themes = _THEMES.match(text)
        if themes:
            for label, slug, known in split_themes(themes.group("value")):
                pole.themes.append(Theme(label, slug, known, [number]))
            used = True
        used |= _places(pole, number, text)
        used |= _orgs(doc, orgs, pole, number, text)
        used |= _registrations(doc, orgs, pole, number, text)
        for figure in find_figures(text, [number]):
            pole.figures.append(figure)
            used = True
        created = _CREATED.search(text)
        if created and pole.created is None and re.search(re.escape(pole.name.split()[0]) + r"|\bPTCE\b|\bpôle\b", text, re.IGNORECASE):
            pole.created, pole.created_lines = int(created.group(1)), [number]
            used = True
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            year = re.search(r"(?<!loi )(?<!loi du 1er juillet )\b((?:19|20)\d{2})\b", sentence)
            if year and len(sentence) > 20:
                pole.events.append(Event(label=sentence.strip(), lines=[number], date=year.group(1)))
                used = True
        doc.keep_text(number, text, description)
        if used:
            doc.use([number], STATEMENT)
    if description:
        pole.description = "\n".join(description)
    if not pole.places and not pole.areas:
        doc.warn(None, f"no place found for {pole.name!r}: the pole has no territory")
    return doc


def _name(lines, title, stem) -> tuple[str, list[int], str]:
    for pattern in (_QUOTED, _TITLED, _NAMED, _IS_A):
        for number, text in lines:
            m = pattern.search(text)
            name = m and (m.groupdict().get("name") or m.groupdict().get("named"))
            if name and name_key(name) not in ("ess", "ptce"):
                name = name.strip()
                if name.isupper():  # « PÔLE ESS DU PAYS DE MORLAIX »: the capitals of a title
                    name = name.title().replace(" Du ", " du ").replace(" De ", " de ").replace(" Des ", " des ").replace("Ess", "ESS")
                return name[0].upper() + name[1:], [number], "text"
    if title and re.search(r"\b(?:PTCE|[Pp]ôle)\b", title):
        name = re.sub(r"^(?:Le |La |Les )?(?:PTCE|[Pp]ôle)\s*[:\-–]?\s*", "", title).strip(" «»\"")
        return (name or title), [lines[0][0]], "title"
    if title and len(title.split()) <= 8:
        return title, [lines[0][0]], "title"
    return f"Pôle ({stem})", [], "built"


def _places(pole: Pole, number: int, text: str) -> bool:
    geo = get_geography()
    found: list[Match] = []
    for m in _POSTCODE.finditer(text):
        parsed = parse_address(m.group(0))
        if parsed and parsed.commune and parsed.commune.place is not None:
            found.append(parsed.commune)
    for m in _DEPARTEMENT.finditer(text):
        parsed = parse_territory(m.group(0), text)
        found.extend(x for x in parsed.places if x.place is not None)
    for m in _IN_PLACE.finditer(text):
        name = m.group("name")
        for resolver in (geo.departement, geo.region):
            match = resolver(name)
            if match.place is not None:
                found.append(match)
                break
    departements = sorted({x.place.code for x in found + pole.places if x.place.kind == "departement"}
                          | {geo.departement_of(x.place) for x in found + pole.places if x.place.kind == "commune"} - {None})
    found.extend(communes_after_a(text, departements))
    for match in found:
        if match.place not in {y.place for y in pole.places}:
            pole.places.append(match)
    if found:
        pole.territory_lines.append(number)
    return bool(found)


def _orgs(doc: Document, orgs: OrganisationIndex, pole: Pole, number: int, text: str) -> bool:
    found = find_named_orgs(text, [number])
    for item in found:
        if name_key(item.mention.name) == name_key(pole.name):
            pole.legal_forms.extend(f for f in item.mention.legal_forms if f not in pole.legal_forms)
            pole.legal_form_lines.append(number)
            continue
        org = orgs.add(item.mention, pole.key)
        carried = _CARRIER.search(text[max(0, item.start - 30) : item.start])
        role = "coordinator" if carried and not any(m.role == "coordinator" for m in pole.memberships) else "stakeholder"
        if not any(m.org_key == org.key for m in pole.memberships):
            pole.memberships.append(Membership(org.key, role, [number]))
    return bool(found)


def _registrations(doc: Document, orgs: OrganisationIndex, pole: Pole, number: int, text: str) -> bool:
    """"SIRET : 812 345 676 00017": the identifier of the organisation the line names, or of the
    pole itself (its statutes, its own page)."""
    found = find_registrations(text)
    if not found:
        return False
    named = [f for f in find_named_orgs(text, [number]) if name_key(f.mention.name) != name_key(pole.name)]
    for registration in found:
        if not registration.valid:
            doc.warn(number, f"{registration.written!r} is not a valid {registration.kind.upper()} (length or check digit): not kept")
            continue
        # "la SCOP Kerlann (SIRET ...)": the organisation written just before the number owns it.
        right_before = [f for f in named if f.end <= registration.start and re.fullmatch(r"[\s(,:]*", text[f.end : registration.start])]
        owner = orgs.find(right_before[0].mention.name, pole.key) if right_before else None
        target = owner.registrations if owner is not None else pole.registrations
        if (registration.kind, registration.number) not in target:
            target.append((registration.kind, registration.number))
        if owner is None:
            pole.legal_form_lines.append(number)
    return True


def _list(doc, orgs, pole, number, text, role) -> bool:
    added = False
    for item in split_items(text):
        mention = parse_mention(item, [number])
        if mention is None:
            continue
        org = orgs.add(mention, pole.key)
        if not any(m.org_key == org.key and m.role == role for m in pole.memberships):
            pole.memberships.append(Membership(org.key, role, [number]))
        added = True
    if added:
        doc.use([number], STATEMENT)
    return added


def _contact(doc: Document, pole: Pole, number: int, text: str) -> bool:
    contact, address_text = split_contact(text)
    if contact:
        contact.lines = [number]
        pole.contacts.append(contact)
        doc.use([number], PRIVATE)
    if address_text:
        parsed = parse_address(address_text)
        if parsed is not None:
            commune = parsed.commune.place if parsed.commune else None
            pole.address = Address(parsed.full, parsed.thoroughfare, parsed.po_box, parsed.postcode,
                                   parsed.post_name, commune, [number])
            if commune is not None and commune not in [m.place for m in pole.places]:
                pole.places.append(parsed.commune)
            doc.use([number], STATEMENT)
    return True
