"""From what the reader found to the document model: who the poles are, and what each fact
says of which pole, organisation, place or call.

A kind of document names its subject (`ONE_POLE` or `POLE_LIST`, see kinds/); the assembly is
shared by every kind:
- poles: the names the text gives as poles; in a list, one pole per item (a heading "Name
  (Place)" or a heading with a pole name), each with its own section; with no pole name at all,
  the organisation the document is about, or a pole the text describes without naming it;
- organisations: every organisation found, merged by name; one that bears a pole's name is the
  pole itself (its legal form goes to the pole);
- memberships: each organisation of a pole's text is a member with the role a cue of its
  sentence gives ("porté par" -> coordinator...), else a stakeholder;
- places: those of the pole's heading, of the sentences that speak of the pole, of its name;
- figures: the pole's, an organisation's when the sentence is about it, a territory's when the
  clause speaks of a place;
- lines: every line the facts came from is a statement, every other line of text is kept as the
  pole's public description (names of persons are masked when written), nothing is dropped.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from stdnum.fr.siren import is_valid as is_valid_siren

from .folding import fold, name_key, strip_article
from .link.gazetteer import scan
from .link.geography import DEPARTEMENT_KINDS, Match, Place, get_geography
from .mentions import Mention, find_forms, parse_mention
from .model import Address, Call, Document, Event, Membership, Pole
from .organisations import OrganisationIndex
from .reading.reader import CHROME, PRIVATE, STATEMENT, TEXT, Reading, explain
from .reading.segments import FIELD, HEADING, ITEM, OTHER_ROW, PARAGRAPH, TABLE_ROW
from .rules import roles
from .rules.pole_names import NOT_ESS_POLE
from .rules.subject_forms import POLE_SUBJECT
from .rules.facts import (
    AddressFact, ContactFact, DateFact, Identifier, ListCue, OrgName, PlaceRef, PoleName, Quantity, RoleCue, SubjectForm,
    ThemeFact, Website,
)

ONE_POLE, POLE_LIST = "one pole", "list of poles"
_DENIED = re.compile(r"\s+n['’](?:est|était)\s+(?:donc\s+|surtout\s+)?pas\s+(?:un|une|le|la|l['’])\s*(?:PTCE|p[ôo]le|cluster)",
                     re.IGNORECASE)
_REGISTERED_AT = re.compile(r"\b(?:déclarée?s?|immatriculée?s?|enregistrée?s?|inscrite?s?)\s+(?:à|au|auprès d[eu])\s+"
                            r"(?:la |le |l['’])?$", re.IGNORECASE)
_AUTHORITY_FORMS = {"commune", "departement", "region", "communaute-de-communes", "communaute-d-agglomeration",
                    "communaute-urbaine", "metropole", "etablissement-public-territorial"}
_ANAPHORA = re.compile(r"\b(?:le|ce|du|au|notre) (?:PTCE|p[ôo]le|cluster|tiers-lieu|projet|collectif|groupement|réseau)\b|"
                       r"\bl['’](?:association|ensemble|équipe|initiative)\b", re.IGNORECASE)
_TERRITORY_WORDS = re.compile(r"\b(?:territoire|implant|situ|install|basée?|siège|champ d'intervention|intervient|"
                              r"rayonne|couvre|à l'échelle|sur le secteur|bassin|pays)", re.IGNORECASE)
_UNNAMED_POLE = re.compile(r"\b(?:un|le|ce|du|d'un) (?P<name>p[ôo]le (?:de |d['’]|dédié |ESS|territorial|local|ressource)[^,.;:?!()]{2,60}?)"
                           r"(?=\s*(?:[,.;:?!()]|qui\b|sur\b|en\b|dans\b|d'ici\b))", re.IGNORECASE)
_CALL_WORDS = re.compile(r"\b(?:appel (?:à|a) (?:projets?|manifestation d['’]intérêt|candidatures?)|AMI|AAP|lauréats?)\b", re.IGNORECASE)
_HEADING_ITEM = re.compile(r"^(?P<name>.{2,90}?)\s*\((?P<place>[^()]{2,60})\)\s*$")
_LIST_ITEM = re.compile(r"^(?P<name>[^,:]{2,90}?),\s*(?P<place>[^,:]{2,60}?)\s*(?::\s*(?P<desc>.*))?$")


def assemble(reading: Reading, kind: str, subject: str) -> Document:
    source = reading.source
    doc = Document(path=source.path, kind=kind, title="", sha256=source.sha256, line_count=len(source.lines),
                   nonempty_lines=source.nonempty())
    doc.diagnostics.extend(source.diagnostics)
    doc.persons = reading.persons()
    builder = _Builder(reading, doc)
    builder.title()
    if subject == POLE_LIST and builder.list_items():
        builder.poles_of_list()
    else:
        builder.poles_of_prose()
    builder.organisations()
    builder.not_persons()
    builder.places()
    builder.figures_and_dates()
    builder.contacts()
    builder.themes()
    builder.texts()
    doc.explanation = explain(reading)
    return doc


class _Builder:
    def __init__(self, reading: Reading, doc: Document):
        self.reading, self.doc = reading, doc
        self.sections: dict[int, Pole] = {}  # segment index -> the pole whose section it belongs to
        self.names: dict[str, Pole] = {}  # name keys (and alternative names) -> pole
        self.main: Pole | None = None
        self.intro_end = 0  # list mode: segments before this index are the introduction
        self.call: Call | None = None
        self.orgs = OrganisationIndex(doc)
        self.org_facts: list[tuple[OrgName, object]] = []  # (fact, Organisation)
        self._rows: set[int] = set()  # segments that are rows of a table run together
        self._row_roles: dict[int, str] = {}  # row -> the role its header gives the carrier column
        self.registers: set[str] = set()  # keys of the organisations others are registered at (a prefecture)
        self.org_places: set[int] = set()  # ids of the PlaceRefs that place an organisation, not a pole
        self.item_places: dict[int, tuple[int, int]] = {}  # list item -> where its place is written
        self._patterns: dict[int, object] = {}
        self._last_pole: dict[int, Pole | None] = {}  # segment index -> pole last named up to it
        self._memo_names = 0

    # ---------------------------------------------------------------------------- titles
    def title(self) -> None:
        for seg in self.reading.live:
            if seg.kind == HEADING and len(seg.text) <= 140:
                self.doc.title = seg.text
                self.reading.claim(seg.lines, STATEMENT)
            break

    # ---------------------------------------------------------------------------- poles
    def _pole(self, name: str, kind: str, lines: list[int], alt=()) -> Pole:
        key = self._key(name)
        if key in self.names:
            pole = self.names[key]
            for a in alt:
                self._alias(pole, a)
            return pole
        pole = Pole(key=f"pole/{name_key(name)}", name=name, lines=lines[:1] or [1], kind=kind)
        pole.name_lines = list(lines)
        self.doc.poles.append(pole)
        self._alias(pole, name)
        for a in alt:
            self._alias(pole, a)
        return pole

    @staticmethod
    def _key(name: str) -> str:
        return strip_article(name_key(name))

    def _alias(self, pole: Pole, name: str) -> None:
        if not name:
            return
        self.names.setdefault(self._key(name), pole)
        if name != pole.name:
            pole.add_alt_name(name)

    def _lines(self, fact) -> list[int]:
        return self.reading.segments[fact.segment].lines_at(fact.start, fact.end)

    def list_items(self) -> list:
        """The items of a list of poles, headings or list items: "Name (Place)", "Name [Place]",
        "Name, Place : what it does", "Name — Place (NN)", a heading opened by a pole name, or any
        item of a list the text announces ("Les lauréats :", "Les pôles soutenus :")."""
        items = []
        announced = False
        others = False  # in a list the text announces as members, partners, funders...
        for seg in self.reading.live:
            cues = self.reading.facts_in(seg, ListCue)
            if cues:
                announced, others = cues[0].role == "pole", cues[0].role != "pole"
                continue
            if seg.kind == PARAGRAPH and len(seg.text) < 300 and self._item(seg) is not None and seg.index in self._rows:
                pass  # a row of a table run together, longer than a heading
            elif seg.kind not in (HEADING, ITEM):
                if seg.kind != FIELD:
                    announced = others = False
                continue
            if others and seg.kind == ITEM:
                continue  # "Ses membres :" then "- la SCOP Menuiserie Dupuis (Vesoul)": a member and its place
            names = [p for p in self.reading.facts_in(seg, PoleName) if p.strength >= 2]
            if not names and re.match(r"(?:l['’]|la |le |les )", seg.text) and any(  # lower case: "Le Tiers-Lieu des Cévennes" is a name
                    o.start <= 4 and (o.mention.legal_forms or o.mention.structure_types)
                    for o in self.reading.facts_in(seg, OrgName)):
                continue  # "- la SARL Transports Comtois (Lure)": an organisation with its form, not a pole
            if seg.reason == OTHER_ROW:
                continue  # a row the table's type column files as something else (a tiers-lieu, a health centre)
            item = self._item(seg)
            if seg.reason == TABLE_ROW and NOT_ESS_POLE.match(seg.text):
                continue  # "Pôle santé Joinville – maison de santé": a row of another field
            if item is None and seg.reason == TABLE_ROW and len(seg.text) >= 3:
                item = (seg.text, len(seg.text), None)
            if item is not None and (item[2] is not None or announced and seg.kind == ITEM or seg.reason == TABLE_ROW):
                items.append((seg, *item))
            elif item is not None and seg.kind == HEADING and not seg.text[:1].isdigit() and self._place_line_after(seg):
                items.append((seg, *item))  # a card: "Les Ateliers de l'Indrois" then "📍 Loches (37)"
            elif seg.kind == HEADING and names and names[0].start <= 12 and names[0].strength >= 3:
                items.append((seg, names[0].name, names[0].end, None))
        kinds = {item[0].kind for item in items}
        if len(kinds) > 1:  # one list: its items are all headings or all list items
            lists = [i for i in items if i[0].kind == ITEM]
            items = lists if len(lists) >= 2 else [i for i in items if i[0].kind != ITEM]  # headings (and table rows)
        self._items = items
        return items if len(items) >= 2 else []

    def _chunks(self, seg, offset: int = 0) -> None:
        """The names of a line of short chunks separated by ";" or "·" under an announcement (or
        in the value of a field that announces them, from `offset`)."""
        for chunk in re.split(r"(\s[;·]\s)", seg.text[offset:]):
            start, end = offset, offset + len(chunk)
            offset = end
            written = chunk.strip()
            if not written or re.fullmatch(r"\s[;·]\s", chunk) or len(written) > 80 or not written[:1].isupper():
                continue
            if any(f.start < end and start < f.end for f in self.reading.facts_in(seg, OrgName)):
                continue
            dash = re.search(r"\s[–—-]\s", written)
            name, tail = (written[:dash.start()], written[dash.end():]) if dash else (written, "")
            mention = parse_mention(name, seg.lines, named=True)
            if mention is None:
                continue
            for hit in find_forms(tail)[:1] if tail else []:  # "Menuiserie de l'Oise – SCOP": its form after a dash
                if hit.start == 0:
                    mention.add_form(hit)
            written = name
            at = start + chunk.index(written)
            fact = OrgName(at, at + len(written), written, "organisations: chunk of an announced line", mention=mention)
            fact.segment = seg.index
            self.reading.facts.append(fact)
            self.reading.context.found[seg.index].append(fact)

    def _place_line_after(self, seg) -> list:
        """The places of the next line when it is a place and nothing else ("📍 Loches (37)")."""
        following = next((s for s in self.reading.live if s.index > seg.index), None)
        if following is None or len(following.text) > 60:
            return []
        refs = [r for r in self.reading.facts_in(following, PlaceRef) if r.place is not None]
        rest = following.text
        for ref in refs:
            rest = rest.replace(ref.text, "")
        communal = any(r.place.kind == "commune" for r in refs)  # "GRAND EST" under a line files it, no card
        return refs if communal and not re.sub(r"[\W\d_]", "", rest) else []

    def _row_carrier(self, seg, start: int, end: int) -> None:
        """The column between a table row's pole and its place: the organisation that carries the
        pole ("Association Les Lainières du Larzac"), its coordinator when the header says so."""
        # what a model read across the columns ("Territoires Collectif SCIC Ligne Verte Figeac") is no name
        across = [f for f in self.reading.facts_in(seg, OrgName) if f.start < start]
        self.reading.facts = [f for f in self.reading.facts if f not in across]
        self.reading.context.found[seg.index] = [f for f in self.reading.context.found[seg.index] if f not in across]
        self.reading.__dict__.pop("_facts_in", None)  # facts_in caches by count: forget it
        written = seg.text[start:end].strip()
        mention = parse_mention(written, seg.lines, named=True) if len(written) >= 3 else None
        if mention is None or any(start <= f.start < end for f in self.reading.facts_in(seg, OrgName)):
            return
        offset = start + seg.text[start:end].index(written)
        fact = OrgName(offset, offset + len(written), written, "organisations: carrier column of a table row", mention=mention)
        fact.segment = seg.index
        self.reading.facts.append(fact)
        self.reading.context.found[seg.index].append(fact)
        header = next((s for s in reversed(self.reading.live) if s.index < seg.index and s.index not in self._rows), None)
        if header is not None and re.search(r"\bporteu(?:r|se)s?\b", header.text, re.IGNORECASE):
            self._row_roles[seg.index] = "coordinator"

    def _item(self, seg):
        """(name, where the name ends, the place part or None) of a list item or heading."""
        text = seg.text
        if re.search(r"[—–:]\s*[«“\"][^«»“”\"]{3,}[»”\"]\s*$", text):
            return None  # "Jean C., Peschadoires — « Je signe ! »": who said what, a comment, not a pole
        # "EX071203 – Brie Nourricière (Melun)": a file's reference before the name
        lead = re.match(r"(?:(?:[A-Z]{1,4}-?)?\d[\d\-/.]*\s*[–—-]\s+)?(?:(?:PTCE|P[ôo]le|PÔLE|POLE)\s+)?(?:«\s*)?", text)
        from .rules.organisations import name_extent

        length = name_extent(text[lead.end():])
        if length < 2:
            return None
        name_end = lead.end() + length
        name = text[lead.end():name_end].strip(" «»\"")
        row = None
        hits = find_forms(name) if len(name.split()) >= 5 else []
        for n, hit in enumerate(hits):
            if n + 1 < len(hits) and hits[n + 1].start <= hit.end + 2:
                continue  # "Bigorre Réemploi Collectif SCIC Adour...": the type ends the name, the form opens the column
            # a table run together: "Tissages Caussenards Association Les Lainières du Larzac Millau...":
            # a capitalised form inside the row, followed by a name, opens the next column (the carrier)
            if (hit.start > 0 and name[hit.start].isupper() and re.search(r"[A-ZÀ-Ý][\w'’\-]{2,}\s+$", name[:hit.start])
                    and re.match(r"\s+(?:[a-zé]+\s+)?(?:L[ae]s?\s+|L['’])?[A-ZÀ-Ý]", name[hit.end:])):
                name_end = lead.end() + len(name[:hit.start].rstrip())
                name = name[:hit.start].rstrip()
                refs = [r for r in self.reading.facts_in(seg, PlaceRef) if r.start >= name_end and r.place is not None
                        and r.place.kind in ("commune", *DEPARTEMENT_KINDS)]  # not "Gévaudan" inside the carrier's name
                communes = [r for r in refs if r.place.kind == "commune"]  # "Les Vergers du Tarn Albi Tarn (81)": from Albi
                row = ((communes or refs)[0].start, refs[-1].end) if refs else None  # "... Millau Aveyron (12) 45 000 €"
                if row is not None:
                    self._rows.add(seg.index)
                break
        if row is not None:
            return _title(name), name_end, row
        if any(r.start <= lead.end() and r.end >= name_end - 1 for r in self.reading.facts_in(seg, PlaceRef)):
            # "Neuvic, en Corrèze : L'Établi des Gorges", "Lyon — La Cordée": the place first, then the name
            after = re.search(r"\s[:—–]\s*(?:«\s*)?", text[name_end:])
            if after is None:
                return None
            start = name_end + after.end()
            length = name_extent(text[start:])
            if length < 3 or not re.fullmatch(r"\s*»?\s*(?:\(.*\))?\s*[.!]?\s*", text[start + length:]):
                return None
            return _title(text[start:start + length].strip(" «»\"")), start + length, (lead.end(), name_end)
        # "L'Écluse, pôle coopératif du Sud-Mayenne — Château-Gontier (Mayenne)": what it is, then its place
        apposition = re.match(r",\s*(?:(?:un|une|le|la)\s+|l['’])?(?:p[ôo]le|PTCE|coopérative|tiers-lieu|collectif|réseau)\b"
                              r"[^,:—–()\[\]]{0,80}?(?=\s[—–]\s)", text[name_end:], re.IGNORECASE)
        skip = apposition.end() if apposition else 0
        rest = text[name_end + skip:]
        place = re.match(r"\s*(?:»\s*)?(?:[\(\[](?P<a>[^)\]]{2,80})[\)\]]|[,—–-]\s*(?P<b>(?:dans |à |en |sur )?[^,:—–(\[]{2,60}?(?:\s*\([^)]{2,40}\))?)\s*(?=[:—–]|\s-\s|$))", rest)
        where = None
        if place:
            group = "a" if place.group("a") else "b"
            start, end = name_end + skip + place.start(group), name_end + skip + place.end(group)
            refs = [r for r in self.reading.facts_in(seg, PlaceRef) if start - 1 <= r.start and r.end <= end + 1]
            covered = sum(r.end - r.start for r in refs)
            words = re.sub(r"\b(?:dans|à|en|sur|les?|la|l['’]|du|de)\b|\(\w{2,3}\)|[\s,]", "", text[start:end])
            bracket = re.search(r"\(([^()]+)\)\s*$", text[start:end])  # "Agglopolys (Blois)"
            in_bracket = bracket is not None and any(
                r.start == start + bracket.start(1) and r.end == start + bracket.end(1) for r in refs)
            if refs and (covered >= 0.6 * len(words) or in_bracket):
                where = (start, end)
        return _title(name), name_end, where

    def poles_of_list(self) -> None:
        items = self._items
        self.intro_end = items[0][0].index
        item_indexes = {seg.index for seg, _, _, _ in items}
        # "1) Neuvic, en Corrèze : L'Établi des Gorges" then paragraphs, "2) ..." then paragraphs:
        # items with text between each two head sections, as headings do
        spaced = all(any(s.kind == PARAGRAPH for s in self.reading.segments[a[0].index + 1:b[0].index])
                     for a, b in zip(items, items[1:]))
        for n, (seg, name, name_end, where) in enumerate(items):
            if seg.index in self._rows and where is not None:
                self._row_carrier(seg, name_end, where[0])
            facts = [p for p in self.reading.facts_in(seg, PoleName) if p.start < name_end and p.strength >= 2]
            written = seg.text[:name_end].strip(" «»\"")
            if facts:
                name, kind, alt = facts[0].name, facts[0].kind, list(facts[0].alt_names)
            else:
                kind = "ptce" if re.search(r"\bPTCE\b", written) or self._ptce_introduction() else "pole"
                alt = [written] if written != name else []
            if where is not None:
                self.item_places[seg.index] = where
                if where[1] <= name_end:  # the place came first: the name alone is what was written
                    alt = [a for a in alt if a != written]
            short = self._acronym_heading_before(seg, name)
            if short is not None:
                alt = [*alt, short.text]
            pole = self._pole(name, kind, seg.lines, alt)
            pole.lines = seg.lines[:1]
            card = self._place_line_after(seg) if seg.kind == HEADING and where is None else []
            for ref in card:
                if ref.place not in [m.place for m in pole.places]:  # a card's place line
                    pole.places.append(Match(ref.place, "the place line under the pole's name"))
            self.reading.claim(seg.lines, STATEMENT)
            if short is not None:
                self.sections[short.index] = pole
                self.reading.claim(short.lines, STATEMENT)
            self.sections[seg.index] = pole
            end = items[n + 1][0].index if n + 1 < len(items) else len(self.reading.segments)
            for index in range(seg.index + 1, end if seg.kind == HEADING or spaced else seg.index + 1):
                following = self.reading.segments[index]
                if following.kind in ("boilerplate", "private"):
                    continue
                # a card's own place line ("📍 Loches (37)") and its fields ("Structure porteuse : X") end no section
                in_card = card and (following.index == card[0].segment or following.kind == FIELD
                                    and not self.reading.facts_in(following, ListCue)) or (
                    seg.reason == TABLE_ROW and following.kind == FIELD)  # a row's cells, "Membres : A ; B" too
                if following.index in item_indexes or following.reason in (TABLE_ROW, OTHER_ROW) or (
                        self._ends_section(following) and not in_card):
                    break
                if seg.reason == TABLE_ROW and following.kind != FIELD:
                    break  # a table row's section is its cells
                self.sections[index] = pole
        self._poles_defined_in_prose(item_indexes)
        self._sections_opened_by_names()
        self.main = self.doc.poles[0]
        intro = [s for s in self.reading.live if s.index < self.intro_end] or self.reading.live[:1]
        if any(_CALL_WORDS.search(s.text) for s in intro):
            title = self.doc.title or intro[0].text
            self.call = Call(key=f"call/{name_key(title)}", name=title.strip(" :"), lines=intro[0].lines[:1])
            year = re.search(r"\b((?:19|20)\d{2})\b", " ".join(s.text for s in intro))
            self.call.period = year.group(1) if year else None
            self.doc.calls.append(self.call)
            for pole in self.doc.poles:
                pole.laureate_of = self.call.key

    def _poles_defined_in_prose(self, item_indexes: set[int]) -> None:
        """Beside a list, a paragraph that says what another pole is ("Nos amis de Comtat Coop, le
        PTCE de Carpentras, fêtent leurs dix ans") names a pole too; that paragraph, and those up to
        the next heading, speak of it."""
        for fact in self.reading.of_kind(PoleName):
            if fact.segment in item_indexes or fact.strength < 3 or self._key(fact.name) in self.names:
                continue
            if not fact.rule.endswith(("name, then a pole word", "name is a pole")):
                continue
            pole = self._pole(fact.name, fact.kind, self._lines(fact), fact.alt_names)
            self.reading.claim(self._lines(fact), STATEMENT)
            for seg in self.reading.segments[fact.segment:]:
                if seg.kind in ("boilerplate", "private"):
                    continue
                if seg.index != fact.segment and not re.match(r"(?:Le pôle|Le PTCE|Ce pôle|Ce PTCE|Il|Elle)\b", seg.text):
                    break  # what follows speaks of it only when it opens on it
                self.sections[seg.index] = pole

    def _sections_opened_by_names(self) -> None:
        """After a list (a table, most often), paragraphs that open on the name of one of its poles
        speak of it, and so do those that follow them up to the next heading ("**Bassigny Coop'**
        fédère douze structures...")."""
        current = None
        for seg in self.reading.live:
            if seg.index <= self.intro_end or seg.index in self.sections:
                current = None if seg.index in self.sections else current
                continue
            opening = [self.names[self._key(p.name)] for p in self.reading.facts_in(seg, PoleName)
                       if p.start <= 3 and self._key(p.name) in self.names]
            if not opening:
                key = self._key(seg.text[:120])  # as the names are keyed: "Le Fil de la Vire (Saint-Lô)." opens on "fil de la vire"
                opening = [pole for k, pole in self.names.items() if len(k) > 3 and (key + " ").startswith(k + " ")]
            if opening:
                current = opening[0]
            elif seg.kind == HEADING or self._ends_section(seg):
                current = None
            if current is not None:
                self.sections[seg.index] = current

    def _ends_section(self, seg) -> bool:
        """A heading that files what follows elsewhere ("GRAND EST", "Centre page 31"), a list
        announcement, or the list's end ("Enveloppe totale : ...")."""
        if self.reading.facts_in(seg, ListCue) or seg.kind == FIELD:
            return True
        if seg.kind != HEADING:
            return False
        refs = [r for r in self.reading.facts_in(seg, PlaceRef) if r.place is not None]
        rest = seg.text
        for ref in refs:
            rest = rest.replace(ref.text, "")
        return bool(refs) and not re.sub(r"(?:page|pag)\s*\d*|[\W\d]", "", rest, flags=re.IGNORECASE) or seg.text.isupper()

    def _acronym_heading_before(self, seg, name: str):
        """"P.I.L.E.S de PONT AUDEMER" right above "POLE D'INITIATIVES LOCALES ET D'ECONOMIE
        SOLIDAIRE": a heading whose acronym the item's name expands."""
        from .mentions import initials_match

        before = [s for s in self.reading.live if s.index < seg.index]
        if not before or before[-1].kind != HEADING:
            return None
        acronym = re.match(r"^([A-ZÀ-Ý](?:[A-ZÀ-Ý.\-]){2,15})(?:\s|$)", before[-1].text)
        if any(before[-1] is item[0] for item in self._items):
            return None
        if acronym and not name_key(name).startswith(fold(acronym.group(1)).lower()) and initials_match(
                acronym.group(1).replace(".", ""), name):
            return before[-1]
        return None

    def _ptce_introduction(self) -> bool:
        """The title or the introduction of a list speaks of PTCE: its items are PTCE."""
        intro = [s for s in self.reading.live if s.index < self.intro_end]
        return any(re.search(r"\bPTCE\b|p[ôo]les? territoria(?:l|ux) de coopération", s.text, re.IGNORECASE) for s in intro)

    def _ptce_document(self) -> bool:
        return any(re.search(r"\bPTCE\b|p[ôo]les? territoria(?:l|ux) de coopération", s.text, re.IGNORECASE)
                   for s in self.reading.live)

    def _denied(self) -> set[str]:
        """Names the text says are no pole: "La Cale Sèche n'est pas un pôle territorial..."."""
        from .rules.pole_names import _name_before

        keys = set()
        for seg in self.reading.live:
            for m in _DENIED.finditer(seg.text):
                head = _name_before(seg.text, m.start())
                if head:
                    keys.add(self._key(head[1]))
        return keys

    def poles_of_prose(self) -> None:
        denied = self._denied()
        names = [n for n in self.reading.of_kind(PoleName) if self._key(n.name) not in denied]
        text = fold(" ".join(s.text for s in self.reading.live))
        self._promote_title(names)
        strong = [f for f in names if f.strength >= 3] or [f for f in names if f.strength >= 2]
        mentions = {}
        for fact in strong:
            mentions.setdefault(fact.name, _mentions(text, fact.name))
        for fact in sorted(strong, key=lambda f: (-f.strength, -mentions[f.name], f.segment, f.start)):
            self._pole(fact.name, fact.kind, self._lines(fact), fact.alt_names)
            self.reading.claim(self._lines(fact), STATEMENT)
        if self.doc.poles and self._several_poles():
            self._poles_with_founders(names)
        if len(self.doc.poles) >= 2:
            self._sibling_items(names)
        if not self.doc.poles:
            self._subject(names, text)
        if not self.doc.poles:
            self._unnamed_pole()
        if not self.doc.poles:
            stem = self.doc.path.stem
            pole = self._pole(f"Pôle ({stem})", "pole", [])
            pole.name_note = "The document gives the pole no name: this label was built from the file name."
            self.doc.warn(None, f"no name of a pole found: labelled {pole.name!r}")
        self.main = self.doc.poles[0]
        for pole in self.doc.poles:
            if pole.kind == "pole" and self._ptce_document() and len(self.doc.poles) == 1:
                pole.kind = "ptce"

    def _several_poles(self) -> bool:
        """The document's opening speaks of poles in the plural ("Ces pôles qui réinventent...")."""
        opening = " ".join(seg.text for seg in self.reading.live[:3])
        return bool(re.search(r"\b(?:ces|des|les|deux|trois|quatre|plusieurs)\s+(?:p[ôo]les|PTCE)\b", opening, re.IGNORECASE))

    def _poles_with_founders(self, names: list[PoleName]) -> None:
        """In an article about several poles, the subject of a sentence that names who founded,
        carries or gathers it ("La Creuse Fertile a été fondée en 2019 par la coopérative...") is
        one of them."""
        known = {self._key(n) for p in self.doc.poles for n in [p.name, *p.alt_names]}
        for fact in names:
            if fact.strength != 1 or self._key(fact.name) in known:
                continue
            seg = self.reading.segments[fact.segment]
            s, e = seg.sentence_at(fact.start)
            cues = [c for c in self.reading.facts_in(seg, RoleCue)
                    if s <= c.start < e and c.start >= fact.end and c.direction == "after"]
            orgs = [o for o in self.reading.facts_in(seg, OrgName) if s <= o.start < e and o.start >= fact.end]
            if cues and orgs:
                self._pole(fact.name, "pole", self._lines(fact), fact.alt_names)
                self.reading.claim(self._lines(fact), STATEMENT)
                known.add(self._key(fact.name))

    def _sibling_items(self, names: list[PoleName]) -> None:
        """News in brief: in a run of list items of which two at least name poles, the subject
        of another item's first sentence ("Dunes & Docks Coopératifs (Dunkerque) a inauguré...")
        is a pole too."""
        known = {self._key(n) for p in self.doc.poles for n in [p.name, *p.alt_names]}
        runs, run = [], []
        for seg in self.reading.live:
            if seg.kind == ITEM:
                run.append(seg)
            elif seg.kind != "boilerplate":
                runs.append(run)
                run = []
        runs.append(run)
        for run in runs:
            with_poles = [s for s in run if any(self._key(f.name) in known for f in self.reading.facts_in(s, PoleName))]
            if len(with_poles) < 2:
                continue
            for seg in run:
                if seg in with_poles:
                    continue
                first = seg.sentences[0] if seg.sentences else (0, len(seg.text))
                subject = next((f for f in self.reading.facts_in(seg, PoleName)
                                if f.strength == 1 and first[0] <= f.start < first[1]), None)
                if subject is not None and self._key(subject.name) not in known:
                    self._pole(subject.name, "pole", self._lines(subject), subject.alt_names)
                    self.reading.claim(self._lines(subject), STATEMENT)
                    known.add(self._key(subject.name))

    def _promote_title(self, names: list[PoleName]) -> None:
        """"ALPES COOP'ACTIVES" above "Pôle territorial de coopération économique du bassin
        annécien": a title that the next heading says is a pole names that pole."""
        live = self.reading.live
        for n, seg in enumerate(live[:3]):
            if seg.kind != HEADING or n + 1 >= len(live):
                continue
            following = live[n + 1]
            if following.kind == HEADING and re.match(
                    r"(?:le |la |un |une )?(?:p[ôo]le|ptce|pôle territorial|tiers-lieu|cluster)\b",
                    following.text, re.IGNORECASE):
                for fact in names:
                    if fact.segment == seg.index and fact.start == 0 and fact.strength < 3:
                        fact.strength = 3
                        fact.kind = "ptce" if re.search(r"PTCE|territorial de coopération", following.text, re.IGNORECASE) else "pole"
                return

    def _subject(self, names: list[PoleName], text: str) -> None:
        """With no name the text gives a pole, the pole is what the document is about: a name
        that a title, a "Nom :" field or the subject of a sentence gives, mentioned twice at
        least, else the organisation mentioned most."""
        candidates = {}
        for fact in names:
            key = self._key(fact.name)
            mentions = _mentions(text, fact.name)
            title = self.reading.segments[fact.segment].text == self.doc.title
            score = (mentions + (1 if title else 0), fact.strength)
            if key not in candidates or score > candidates[key][0]:
                candidates[key] = (score, fact)
        ranked = sorted(candidates.values(), key=lambda c: c[0], reverse=True)
        if ranked and ranked[0][0][0] >= 2:
            fact = ranked[0][1]
            self._pole(fact.name, "ptce" if self._ptce_document() else "pole", self._lines(fact), fact.alt_names)
            self.reading.claim(self._lines(fact), STATEMENT)
            return
        subject = self._subject_organisation(text)
        if subject is not None:
            pole = self._pole(subject.mention.name, "ptce" if self._ptce_document() else "pole", self._lines(subject),
                              subject.mention.alt_names)
            pole.notes.append("The document does not call it a pole: it is the organisation the document is about.")

    def _subject_organisation(self, text: str):
        """The organisation the document is about: the most mentioned one, in the title first."""
        # a local authority (the town publishing its council's minutes) is never the pole
        facts = [f for f in self.reading.of_kind(OrgName) if not any(form in _AUTHORITY_FORMS for form in f.mention.legal_forms)]
        if not facts:
            return None
        title = fold(self.doc.title)

        def score(fact):
            name = fact.mention.name
            mentions = max(_mentions(text, n) for n in [name, *fact.mention.alt_names])
            return (fold(strip_article(name_key(name))) in name_key(title), mentions, bool(fact.mention.legal_forms), -fact.segment)

        best = max(facts, key=score)
        if score(best)[1] < 2 and not score(best)[0]:
            return None
        return best

    def _unnamed_pole(self) -> None:
        """"un pôle dédié à l'économie sociale et solidaire", "ce pôle de développement de l'ESS"."""
        for seg in self.reading.live:
            m = _UNNAMED_POLE.search(seg.text)
            if not m:
                continue
            name = m.group("name").strip()
            name = name[0].upper() + name[1:]
            areas = [p.area for s in self.reading.live for p in self.reading.facts_in(s, PlaceRef) if p.area]
            label = f"{name} ({areas[0]})" if areas else name
            pole = self._pole(label, "pole", seg.lines_at(m.start("name"), m.end("name")), [name])
            pole.name_note = "The document describes the pole without naming it: this label is its description."
            self.reading.claim(seg.lines_at(m.start(), m.end()), STATEMENT)
            return

    def pole_of(self, seg, position: int | None = None) -> Pole | None:
        """The pole a segment (or a sentence of it) speaks of."""
        if self.sections:
            return self.sections.get(seg.index)
        if len(self.doc.poles) == 1:
            return self.main
        if position is not None:
            s, e = seg.sentence_at(position)
            named = [self.names[self._key(p.name)] for p in self.reading.facts_in(seg, PoleName)
                     if s <= p.start < e and self._key(p.name) in self.names]
            if named:
                return named[0]
            sentence = _text_key(seg.text[s:e])
            for key, pole in self.names.items():
                if len(key) > 3 and key in sentence and re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", sentence):
                    return pole
        return self._last_pole_before(seg.index) or self.main

    def _last_pole_before(self, index: int) -> Pole | None:
        """The pole last named in the segments up to `index` (memoised: asked for every fact;
        names are only ever added, so the memo holds while their number does not change)."""
        if self._memo_names != len(self.names):
            self._last_pole.clear()
            self._memo_names = len(self.names)
        chain, i, found = [], index, None
        while i >= 0:
            if i in self._last_pole:
                found = self._last_pole[i]
                break
            found = next((self.names[self._key(f.name)] for f in reversed(self.reading.facts_in(self.reading.segments[i], PoleName))
                          if self._key(f.name) in self.names), None)
            chain.append(i)
            if found is not None:
                break
            i -= 1
        for j in chain:
            self._last_pole[j] = found
        return found

    # ---------------------------------------------------------------------- organisations
    def _announced_lists(self) -> dict[int, str]:
        """Segments that are items of an announced list ("Nos membres :" then "- X", "- Y") and
        the role the announcement gives them; items that name no organisation the rules found
        become organisations by their leading name."""
        announced: dict[int, str] = {}
        role = None
        for seg in self.reading.live:
            cues = self.reading.facts_in(seg, ListCue)
            if cues:
                role = cues[0].role
                announced[seg.index] = role
                if seg.kind == FIELD and role != "pole" and re.search(r"\s[;·]\s", seg.text[seg.value_start:]):
                    self._chunks(seg, seg.value_start)  # "Membres : Thouet Avenir ; Scop Tuiles du Thouet"
                continue
            if seg.kind in (PARAGRAPH, HEADING) and role is not None and role != "pole" and re.search(r"\s[;·]\s", seg.text):
                self._chunks(seg)  # "Recyclerie de Rethondes ; Menuiserie de l'Oise – SCOP": logos, or a list on one line
                announced[seg.index] = role
                continue
            if seg.kind != ITEM or role is None:
                role = None
                continue
            announced[seg.index] = role
            from .rules.organisations import name_extent

            # "- la société SARL Bâti Services", "- l'entreprise Atelier Brenet": an article and a word
            # for any company before the name
            lead = re.match(r"(?:(?:l['’]|la |le |une? )(?:(?:société|entreprise|structure|organisme)\s+)?)?", seg.text,
                            re.IGNORECASE).end()
            length = name_extent(seg.text[lead:])
            # "- la SCOP Menuiserie du Thouet": the rules found the organisation, after its article
            if not any(f.start < max(3, lead + length) for f in self.reading.facts_in(seg, OrgName)):
                if length >= 3:
                    written = seg.text[lead:lead + length]
                    mention = parse_mention(written, seg.lines, named=True) or Mention(name=written, written=written, lines=seg.lines)
                    described = re.match(r"\s*[—–:-]\s*", seg.text[lead + length:])
                    if described:  # "- Bwa Péyi Matinik — SCIC, filière bois": its form after the dash
                        rest = seg.text[lead + length + described.end():]
                        for hit in find_forms(rest)[:1]:
                            if hit.start == 0:
                                mention.add_form(hit)
                    fact = OrgName(lead, lead + length, written, "organisations: item of an announced list", mention=mention)
                    fact.segment = seg.index
                    self.reading.facts.append(fact)
                    self.reading.context.found[seg.index].append(fact)
        return announced

    def organisations(self) -> None:
        announced = self._announced_lists()
        facts = self.reading.of_kind(OrgName)
        _merge_prefixes([f.mention for f in facts])
        # First the other names the pole is written with as an organisation ("Pôle Autunois de
        # Coopération ... (PACTE)"), so that "Le PACTE" in the headline above is the pole too.
        for fact in facts:
            keys = {k for n in [fact.mention.name, *fact.mention.alt_names] for k in _keys(n)}
            pole = next((self.names[k] for k in keys if k in self.names), None)
            for alt in [fact.mention.name, *fact.mention.alt_names] if pole is not None else []:
                if re.fullmatch(r"[A-ZÀ-Ý][A-ZÀ-Ý0-9&'’.\-]{1,11}", alt) and self._key(alt) != self._key(pole.name):
                    self._alias(pole, alt)  # its acronym
        for fact in facts:
            mention = fact.mention
            keys = {k for n in [mention.name, *mention.alt_names] for k in _keys(n)}
            pole = next((self.names[k] for k in keys if k in self.names), None)
            seg = self.reading.segments[fact.segment]
            lines = seg.lines_at(fact.start, fact.end)
            self.reading.claim(lines, STATEMENT)
            if pole is not None:  # the pole itself, written as an organisation
                for slug in mention.legal_forms:
                    if slug not in pole.legal_forms:
                        pole.legal_forms.append(slug)
                        pole.legal_form_lines.extend(lines)
                for alt in [mention.name, *mention.alt_names]:
                    if self._key(alt) != self._key(pole.name):
                        self._alias(pole, alt)
                continue
            mention.lines = lines
            if not mention.legal_forms:
                _intercommunality(mention, self.reading.context.departements)
            if any(f in _AUTHORITY_FORMS for f in mention.legal_forms) and not mention.places:
                mention.places.extend(_territory_of(mention.name, self.reading.context.departements))
            org = self.orgs.add(mention, "doc")
            if org.places and any(f in _AUTHORITY_FORMS for f in org.legal_forms):
                org.authority = True
            self.org_facts.append((fact, org))
        for form in self.reading.of_kind(SubjectForm):
            self._subject_form(form)
        for fact, org in self.org_facts:
            seg = self.reading.segments[fact.segment]
            pole = self.pole_of(seg, fact.start)
            if pole is None:
                continue
            where = self.item_places.get(seg.index)
            if where is not None and where[0] - 1 <= fact.start and fact.end <= where[1] + 1:
                continue  # "Bocage Solidaire (communauté de communes du Bocage Bourbonnais)": its place
            if org.authority and seg.kind == FIELD and _TERRITORY_FIELD.match(seg.key or "") and fact.start >= seg.value_start:
                continue  # "Territoire d'action : Rennes Métropole": where the pole acts, not a member
            if _REGISTERED_AT.search(seg.text[max(0, fact.start - 80):fact.start]):
                self.registers.add(org.key)
                continue  # "déclarée à la préfecture de X", "immatriculée au greffe de Y": a register, not a member
            cue = roles.role_for(fact.start, fact.end, self.reading.facts_in(seg, RoleCue), seg.sentence_at(fact.start), seg.text)
            listed = announced.get(seg.index)
            if listed and seg.kind == ITEM:
                self._item_place(seg, fact, org)
            role = cue.role if cue is not None else (listed if listed and listed != "pole" else self._row_roles.get(seg.index, "stakeholder"))
            existing = next((m for m in pole.memberships if m.org_key == org.key), None)
            lines = seg.lines_at(fact.start, fact.end)
            if existing is None:
                membership = Membership(org.key, role, lines)
                if cue is None and seg.index not in announced:
                    membership.note = "The source names this organisation in connection with the pole without saying its role."
                pole.memberships.append(membership)
            elif existing.role == "stakeholder" and role != "stakeholder":
                existing.role, existing.note = role, None
                existing.lines = sorted(set(existing.lines + lines))
        self._first_person()

    def not_persons(self) -> None:
        """A name the document gives a pole is no person's, though it looks like one ("Alsace
        Centre Coopère"): it stays unmasked."""
        keys = {self._key(n) for p in self.doc.poles for n in [p.name, *p.alt_names]}
        self.doc.persons = [name for name in self.doc.persons if self._key(name) not in keys]

    def _item_place(self, seg, fact, org) -> None:
        """"- la SCOP Menuiserie du Thouet, Thouars", "- l'association Vélo Bocage (Parthenay)": the
        place that ends a list item is the organisation's."""
        rest = seg.text[fact.end:]
        for ref in self.reading.facts_in(seg, PlaceRef):
            if ref.place is None or ref.start < fact.end or ref.place in org.places:
                continue
            between = seg.text[fact.end:ref.start]
            if re.fullmatch(r"\s*(?:[,(–—-]|\bà\b)\s*", between) and re.fullmatch(r"\s*\)?\s*[.;]?\s*",
                                                                        seg.text[ref.end:]) and rest:
                org.places.append(ref.place)
                self.org_places.add(id(ref))
                self.reading.claim(seg.lines_at(ref.start, ref.end), STATEMENT)

    def _first_person(self) -> None:
        """"notre CAE coordonne le pôle X", "nous animons le pôle": on an organisation's own site,
        the first person is the organisation the title names."""
        title = next((o for _, o in self.org_facts if self._key(o.name) == self._key(self.doc.title or "")), None)
        if title is None:
            return
        for cue in self.reading.of_kind(RoleCue):
            seg = self.reading.segments[cue.segment]
            s, _ = seg.sentence_at(cue.start)
            if cue.direction != "before" or not re.search(r"\b(?:notre|nous)\b(?:\s+[\w'’]+){0,3}\s*$",
                                                            seg.text[s:cue.start], re.IGNORECASE):
                continue
            pole = self.pole_of(seg, cue.end)
            if pole is None or any(m.org_key == title.key and m.role == cue.role for m in pole.memberships):
                continue
            pole.memberships = [m for m in pole.memberships if m.org_key != title.key]
            pole.memberships.append(Membership(title.key, cue.role, seg.lines_at(cue.start, cue.end)))
            self.reading.claim(seg.lines_at(cue.start, cue.end), STATEMENT)

    def _subject_form(self, form: SubjectForm) -> None:
        """Give an unnamed form to the organisation or pole its sentence (or the one before) names."""
        seg = self.reading.segments[form.segment]
        if form.rule == "subject forms: heading" and self._under_another_name(seg):
            return  # "COOP DES CHAUMES" / "Société coopérative d'intérêt collectif SARL": that name's form
        s, e = seg.sentence_at(form.start)
        lines = seg.lines_at(form.start, form.end)
        in_sentence = [(abs(f.start - form.start), f, o) for f, o in self.org_facts if f.segment == seg.index and s <= f.start < e]
        poles = [p for p in self.reading.facts_in(seg, PoleName) if s <= p.start < e and self._key(p.name) in self.names]
        target = None
        opens = form.start - s <= 1 and re.match(rf"[^,]{{0,80}},\s*{POLE_SUBJECT}\b", seg.text[form.start:e], re.IGNORECASE)
        # "Nous sommes une SCIC SAS créée à l'initiative de X", "le pôle est une association": the pole's
        said_of_pole = re.search(rf"(?:^|[^\w'’])(?:nous|{POLE_SUBJECT})\s+$", seg.text[s:form.start], re.IGNORECASE)
        if poles:
            target = self.names[self._key(poles[0].name)]
        elif opens or said_of_pole:  # "Constitué en SCIC SAS en 2020, il compte parmi ses associés X": the pole's, not X's
            target = self.pole_of(seg, form.start)
        elif in_sentence:
            target = min(in_sentence, key=lambda x: x[0])[2]
        elif re.match(r"\s*(?:sous|de) (?:statut|forme)", seg.text[form.start:form.end], re.IGNORECASE):
            before = [(f, o) for f, o in self.org_facts if f.segment == seg.index and f.start < s]
            target = before[-1][1] if before else None
        target = target or self.pole_of(seg, form.start)
        if target is None:
            return
        if form.legal_form and form.legal_form not in target.legal_forms:
            target.legal_forms.append(form.legal_form)
            if isinstance(target, Pole):
                target.legal_form_lines.extend(lines)
        if form.structure_type and not isinstance(target, Pole) and form.structure_type not in target.structure_types:
            target.structure_types.append(form.structure_type)
        self.reading.claim(lines, STATEMENT)

    def _under_another_name(self, seg) -> bool:
        """The heading just above `seg` is neither the document's title nor a pole's name (a legal
        notice's company, an unrelated section)."""
        live = self.reading.live
        position = next((i for i, other in enumerate(live) if other.index == seg.index), 0)
        above = live[position - 1] if position > 0 else None
        if above is None or above.kind != HEADING or above.index == live[0].index:
            return False
        text = _text_key(above.text)
        return not any(len(key) > 3 and key in text for key in self.names)

    # ---------------------------------------------------------------------------- places
    def places(self) -> None:
        """Each pole's territory: the places of its heading or of the title, of the sentences
        that speak of it, of its name; else the place the document names most."""
        org_spans: dict[int, list[tuple[int, int, bool]]] = {}
        for fact, org in self.org_facts:
            org_spans.setdefault(fact.segment, []).append((fact.start, fact.end, org.authority))
        names_with_places = [n for p in self.doc.poles for n in [p.name, *p.alt_names]]
        scores: dict[int, dict[tuple, tuple[int, PlaceRef]]] = {id(p): {} for p in self.doc.poles}
        everywhere: Counter = Counter()
        first = [s.index for s in self.reading.live if s.kind != HEADING][:1]
        seen: Counter = Counter()
        for seg in self.reading.live:
            for ref in self.reading.facts_in(seg, PlaceRef):
                if id(ref) in self.org_places:
                    continue
                key = (ref.place.kind, ref.place.code) if ref.place is not None else ("area", ref.area)
                seen[key] += 1
                if seen[key] > 25:  # a place named again and again adds nothing (and would cost time)
                    self.reading.claim(seg.lines_at(ref.start, ref.end), STATEMENT)
                    continue
                if self._word_of_a_name(seg, ref, names_with_places):
                    continue  # "Cap Nord Coopératives" is not in the Nord
                inside = [a for s_, e_, a in org_spans.get(seg.index, []) if s_ <= ref.start and ref.end <= e_]
                self.reading.claim(seg.lines_at(ref.start, ref.end), STATEMENT)
                if ref.place is not None:
                    everywhere[(ref.place.kind, ref.place.code)] += 1
                if inside and not all(inside) and not (ref.place is not None and ref.place.kind in ("epci", "ept")):
                    continue  # "IUT de Figeac", "Tennis club de Strasbourg": the organisation's place
                for pole in self.doc.poles:
                    score = self._place_score(seg, ref, pole, first) - (1 if inside else 0)
                    if score <= 0:
                        continue
                    key = (ref.place.kind, ref.place.code) if ref.place is not None else ("area", ref.area)
                    best = scores[id(pole)].get(key)
                    if best is None or score > best[0]:
                        scores[id(pole)][key] = (score, ref)
        for pole in self.doc.poles:
            ranked = sorted(scores[id(pole)].values(), key=lambda x: -x[0])
            refs = [ref for score, ref in ranked if score >= 2] or [ref for score, ref in ranked[:1]]
            refs = refs or self._places_in_name(pole)
            if not refs and everywhere and (pole is self.main and not self.sections or len(everywhere) == 1):
                # the place the document names most (for another pole: the only place it names)
                (kind, code), _ = everywhere.most_common(1)[0]
                refs = [r for r in self.reading.of_kind(PlaceRef) if r.place is not None and (r.place.kind, r.place.code) == (kind, code)][:1]
            for ref in refs:
                if ref.place is not None and ref.place not in [m.place for m in pole.places]:
                    pole.places.append(Match(ref.place, ref.how))
                if ref.area and ref.area not in pole.areas:
                    pole.areas.append(ref.area)
                if ref.segment >= 0:
                    pole.territory_lines.extend(self._lines(ref))
            if not pole.places and not pole.areas:
                self.doc.warn(None, f"no place found for {pole.name!r}: the pole has no territory")

    @staticmethod
    def _word_of_a_name(seg, ref: PlaceRef, names: list[str]) -> bool:
        """A place written as a word inside a pole's name, not as its complement: "Nord" in
        "Cap Nord Coopératives" (but "Châteauroux" in "Pôle de Châteauroux" places the pole)."""
        word = fold(seg.text[ref.start:ref.end])
        for name in names:
            folded = fold(name)
            at = folded.find(word)
            if at < 0 or re.search(r"\b(?:de|du|des|en|a|sur|d')\b", folded[:at]):
                continue
            start = max(0, ref.start - at - 10)
            if folded in fold(seg.text[start:ref.end + len(folded) + 10]):
                return True
        return False

    def _name_pattern(self, pole: Pole):
        """One pattern for every name of a pole, over name keys (computed once per pole)."""
        if id(pole) not in self._patterns:
            names = sorted({k for n in [pole.name, *pole.alt_names] for k in _keys(n) if len(k) > 2}, key=len, reverse=True)
            self._patterns[id(pole)] = re.compile(
                r"(?<![a-z0-9])(?:" + "|".join(re.escape(k) for k in names) + r")(?![a-z0-9])") if names else None
        return self._patterns[id(pole)]

    def _place_score(self, seg, ref: PlaceRef, pole: Pole, first: list[int]) -> int:
        """How strongly the text ties a place to a pole."""
        if self.sections:
            where = self.item_places.get(seg.index)
            if where is not None and not (where[0] - 1 <= ref.start and ref.end <= where[1] + 1):
                return 0  # "Loire Réemploi — Agglopolys (Blois)": "Loire" is in the name
            return 3 if self.sections.get(seg.index) is pole else 0
        s, e = seg.sentence_at(ref.start)
        sentence = seg.text[s:e]
        before = seg.text[max(s, ref.start - 30):ref.start]
        if re.search(r"\b(?:maire|député|sénateur|conseiller|élu|ancien|née?|originaire|président)\b[^,.]*$", before, re.IGNORECASE):
            return 0  # "ancien maire de Redon": a person's place
        pattern = self._name_pattern(pole)

        def names_pole(text: str) -> bool:
            return pattern is not None and bool(pattern.search(_text_key(text)))

        score = 0
        if seg.text == self.doc.title or seg.kind == HEADING and seg.index == self.reading.live[0].index:
            score += 3
        if names_pole(sentence):
            score += 3
        elif self.pole_of(seg, ref.start) is pole and (_ANAPHORA.search(sentence) or _TERRITORY_WORDS.search(sentence)):
            score += 2
        if names_pole(seg.text) and not names_pole(sentence):
            score += 1
        if seg.index in first:
            score += 1
        if len(self.doc.poles) > 1 and self.pole_of(seg, ref.start) is not pole and not names_pole(sentence):
            score = min(score, 1)
        return score

    def _places_in_name(self, pole: Pole) -> list[PlaceRef]:
        """"Clus'Ter Jura", "Pôle d'économie solidaire de Dijon", "Piles de Marseille": a place in the name."""
        from .rules.places import find as find_places
        from .reading.segments import Segment
        from .rules.context import Context

        departements = set(self.reading.context.departements)
        heading = self._region_heading(pole)
        if heading is not None:
            departements |= set(get_geography().departements_of_region(heading))
        out = []
        for name in [pole.name, *pole.alt_names]:
            seg = Segment(HEADING, f"de {name}" if not name.lower().startswith(("pôle", "pole")) else name, ((0, pole.lines[0]),))
            refs = find_places(seg, Context(departements=departements), persons=[])
            for hit in scan(name):
                if not refs and any(p.kind in (*DEPARTEMENT_KINDS, "region", "former-region") for p in hit.places):
                    place = next(p for p in hit.places if p.kind in (*DEPARTEMENT_KINDS, "region", "former-region"))
                    refs.append(PlaceRef(0, 0, name, "places: in the pole's name", place=place, how="in the pole's name"))
            if refs:
                for ref in refs:
                    ref.segment = -1
                return refs
        return []

    def _region_heading(self, pole: Pole) -> Place | None:
        """The région a list files a pole under ("Bourgogne page 27" above "POLE ... DE CHALON")."""
        index = next((i for i, p in self.sections.items() if p is pole), None)
        if index is None:
            return None
        for seg in reversed(self.reading.segments[:index]):
            if seg.kind != HEADING:
                continue
            refs = [r for r in self.reading.facts_in(seg, PlaceRef) if r.place is not None and r.place.kind in ("region", "former-region")]
            if refs:
                return refs[0].place
        return None

    # -------------------------------------------------------------------- figures, dates
    def figures_and_dates(self) -> None:
        for seg in self.reading.live:
            for q in self.reading.facts_in(seg, Quantity):
                q.figure.lines = seg.lines_at(q.start, q.end)
                self.reading.claim(q.figure.lines, STATEMENT)
                pole = self.pole_of(seg, q.start)
                if pole is None:  # the introduction of a list: the call's figures
                    if self.call is not None:
                        self.call.figures.append(q.figure)
                    else:
                        self.doc.figures.append(q.figure)
                    continue
                if q.of_territory:
                    self._territory_figure(seg, q, pole)
                    continue
                owner = self._sentence_subject(seg, q.start)
                if owner is not None and self._pole_named_before(seg, q.start):
                    owner = None  # "la SCIC ... porte le PTCE X, qui réunit 24 structures": the pole's figure
                if owner is None and q.figure.measure == "count" and not self._speaks_of(seg, q.start, pole):
                    self.doc.figures.append(q.figure)  # "200 spectateurs" in a sentence that is not about the pole
                    continue
                (owner.figures if owner is not None else pole.figures).append(q.figure)
            for d in self.reading.facts_in(seg, DateFact):
                lines = seg.lines_at(d.start, d.end)
                owner = self._sentence_subject(seg, d.start, anywhere=True)
                pole = self.pole_of(seg, d.start)
                year = int(d.date[:4])
                if owner is not None:
                    owner.created = owner.created or year
                elif pole is not None and pole.created is None and (seg.kind == FIELD or self._speaks_of(seg, d.start, pole)):
                    pole.created, pole.created_lines = year, lines
                self.reading.claim(lines, STATEMENT)

    def _pole_named_before(self, seg, position: int) -> bool:
        """A pole's name, then a relative clause that the figure is in: "le PTCE X, qui réunit 24 structures"."""
        return any(p.end <= position and p.strength >= 2 and self._key(p.name) in self.names
                   and re.fullmatch(r"\s*,?\s*qui\s+(?:[\w'’]+\s+){1,3}", seg.text[p.end:position])
                   for p in self.reading.facts_in(seg, PoleName))

    def _org_facts_by_segment(self) -> dict[int, list]:
        if not hasattr(self, "_by_segment"):
            self._by_segment: dict[int, list] = {}
            for fact, org in self.org_facts:
                self._by_segment.setdefault(fact.segment, []).append((fact, org))
        return self._by_segment

    def _speaks_of(self, seg, position: int, pole: Pole) -> bool:
        """The sentence names the pole, or opens on a pronoun or a singular word for it."""
        s, e = seg.sentence_at(position)
        sentence = seg.text[s:e]
        pattern = self._name_pattern(pole)
        if pattern is not None and pattern.search(_text_key(sentence)):
            return True
        if re.match(r"\s*(?:[«\"]\s*)?(?:Les|Des|Ces)\s", sentence):
            return False  # "Les PTCE, qui ont été créés en 2014 par la loi": all poles, not this one
        return bool(re.match(r"\s*(?:[«\"]\s*)?(?:Il|Elle|On)\b", sentence) or _ANAPHORA.search(sentence)) or bool(self.sections)

    def _sentence_subject(self, seg, position: int, anywhere: bool = False):
        """The organisation a sentence is about, when it opens the sentence ("Archer est aussi
        l'un des premiers employeurs...", "L'une de ces entreprises, le groupe Archer, ...")."""
        s, e = seg.sentence_at(position)
        lead = re.match(r"\s*(?:[«\"]\s*)?(?:l['’]une?|l['’]un) de (?:ces|ses|nos) \w+,\s*", seg.text[s:e], re.IGNORECASE)
        start = s + (lead.end() if lead else 0)
        for fact, org in self._org_facts_by_segment().get(seg.index, []):
            if s <= fact.start < min(e, position):
                if anywhere or re.fullmatch(r"\s*(?:[«\"]\s*)?(?:l['’]|le |la |les )?", seg.text[start:fact.start], re.IGNORECASE):
                    return org
        opening = name_key(re.sub(r"^\s*(?:[«\"]\s*)?(?:l['’]|le |la |les )", "", seg.text[start:min(e, start + 300)],
                                  flags=re.IGNORECASE))
        index = self._organisation_keys()
        words = opening.split(" ")
        found = [index[key] for n in range(1, min(len(words), 16) + 1) if (key := " ".join(words[:n])) in index]
        return min(found, key=lambda pair: pair[0])[1] if found else None

    def _organisation_keys(self) -> dict[str, tuple[int, object]]:
        """Keys of the names of the organisations -> (rank, organisation), the first organisation
        for a key shared by two; rebuilt when an organisation or a name is added."""
        version = (len(self.doc.organisations), sum(len(org.alt_names) + 1 for org in self.doc.organisations.values()))
        if getattr(self, "_org_keys_version", None) != version:
            self._org_keys: dict[str, tuple[int, object]] = {}
            for rank, org in enumerate(self.doc.organisations.values()):
                for name in [org.name, *org.alt_names]:
                    for key in _keys(name):
                        if len(key) > 3:
                            self._org_keys.setdefault(key, (rank, org))
            self._org_keys_version = version
        return self._org_keys

    def _territory_figure(self, seg, q: Quantity, pole: Pole) -> None:
        s, e = seg.sentence_at(q.start)
        refs = [r for r in self.reading.facts_in(seg, PlaceRef) if s <= r.start < e]
        ref = next((r for r in refs if r.area), refs[0] if refs else None)
        if ref is not None and ref.area:
            self.doc.area_figures.append((ref.area, ref.place, q.figure))
        elif ref is not None and ref.place is not None:
            self.doc.place_figures.append((ref.place, q.figure))
        elif pole.areas:
            self.doc.area_figures.append((pole.areas[0], pole.places[0].place if pole.places else None, q.figure))
        elif pole.places:
            self.doc.place_figures.append((pole.places[0].place, q.figure))
        else:
            pole.figures.append(q.figure)

    # --------------------------------------------------------------------------- contacts
    def contacts(self) -> None:
        for seg in self.reading.live:
            pole = self.pole_of(seg, 0) or self.main
            for fact in self.reading.facts_in(seg):
                lines = seg.lines_at(fact.start, fact.end)
                if isinstance(fact, ContactFact):
                    fact.contact.lines = seg.lines
                    pole.contacts.append(fact.contact)
                    self.reading.claim(seg.lines, PRIVATE)
                elif isinstance(fact, AddressFact) and fact.address.commune.place is None:
                    self.doc.warn(lines[0] if lines else None, f"address {fact.address.full!r}: "
                                  f"{fact.address.commune.problem}; no commune is linked to it")
                elif isinstance(fact, AddressFact) and pole is not None and pole.address is None and not self.sections:
                    parsed = fact.address
                    commune = parsed.commune.place if parsed.commune else None
                    pole.address = Address(parsed.full, parsed.thoroughfare, parsed.po_box, parsed.postcode,
                                           parsed.post_name, commune, lines)
                    if commune is not None and commune not in [m.place for m in pole.places]:
                        pole.places.append(Match(commune, "the commune of its address"))
                    self.reading.claim(lines, STATEMENT)
                elif isinstance(fact, Website):
                    if fact.url not in self.doc.websites:
                        self.doc.websites.append(fact.url)
                    self.reading.claim(lines, STATEMENT)
                elif isinstance(fact, Identifier):
                    registration = fact.registration
                    if not registration.valid:
                        self.doc.warn(lines[0] if lines else None, f"{registration.written!r} is not a valid "
                                      f"{registration.kind.upper()} ({'format' if registration.kind == 'rna' else 'length or check digit'}): not kept")
                        continue
                    owner = self._sentence_subject(seg, fact.start, anywhere=True) or self._row_carrier_of(seg) \
                        or self._heading_organisation(seg)
                    if owner is None or owner.authority or owner.key in self.registers:
                        owner = pole  # "déclarée à la préfecture de X sous le numéro W...": not the prefecture's
                    numbers = [(registration.kind, registration.number)]
                    if registration.kind == "siret" and is_valid_siren(registration.number[:9]):
                        numbers.append(("siren", registration.number[:9]))  # an establishment's SIRET begins with its unit's SIREN
                    for number in numbers:
                        if number not in owner.registrations:
                            owner.registrations.append(number)
                    self.reading.claim(lines, STATEMENT)

    def _heading_organisation(self, seg):
        """The organisation a heading a few segments above `seg` names, when no heading naming a
        pole (or the title) comes between: "SARL LA BRIQUETERIE ROUGE" / its form / its seat /
        "RCS Albi 552 100 554" (a legal notice), "La Scop X" / "SIRET : ..." (a member's card)."""
        live = self.reading.live
        position = next((i for i, other in enumerate(live) if other.index == seg.index), 0)
        for other in reversed(live[max(1, position - _HEADING_REACH):position]):
            if other.kind != HEADING:
                continue
            if any(len(key) > 3 and key in _text_key(other.text) for key in self.names):
                return None
            org = next((org for fact, org in self.org_facts if fact.segment == other.index), None)
            if org is not None:
                return org
        return None

    def _row_carrier_of(self, seg):
        """The carrier of the table row a cell belongs to ("Bénéficiaire" with its "N° SIRET")."""
        if seg.kind != FIELD:
            return None
        for fact, org in self.org_facts:
            cell = self.reading.segments[fact.segment]
            if cell.kind == FIELD and cell.key == "Structure porteuse" and cell.lines == seg.lines:
                return org
        return None

    def themes(self) -> None:
        from .model import Theme

        for seg in self.reading.live:
            pole = self.pole_of(seg, 0)
            for fact in self.reading.facts_in(seg, ThemeFact):
                if pole is None:
                    continue
                lines = seg.lines_at(fact.start, fact.end)
                if fact.slug not in {t.slug for t in pole.themes}:
                    pole.themes.append(Theme(fact.label, fact.slug, fact.known, lines))
                self.reading.claim(seg.lines, STATEMENT)

    # ------------------------------------------------------------------------------ texts
    def texts(self) -> None:
        """Every line of text no fact claimed is kept as the public description of the pole it
        belongs to (a list's introduction: the document's notes); lines naming persons are also
        kept whole in the private graph. Then the reader's line accounting goes to the model."""
        persons_by_segment = {f.segment for f in self.reading.facts if type(f).__name__ == "Person"}
        descriptions: dict[int, list[str]] = {}
        for seg in self.reading.live:
            if seg.index in persons_by_segment:
                for n in seg.lines:
                    self.doc.private_notes.append((n, self.reading.source.line(n).strip()))
            if seg.kind == HEADING and seg.text == self.doc.title:
                continue
            pole = self.pole_of(seg)
            if pole is None:
                self.doc.notes.append(seg.text)
            else:
                descriptions.setdefault(id(pole), []).append(seg.text)
                if pole.description_lines == []:
                    pole.description_lines = seg.lines[:1]
            self.reading.claim(seg.lines, TEXT)
        for pole in self.doc.poles:
            texts = descriptions.get(id(pole), [])
            if texts:
                pole.description = "\n".join(texts)
        for n, how in self.reading.use.items():
            self.doc.use([n], {STATEMENT: STATEMENT, TEXT: TEXT, PRIVATE: PRIVATE, CHROME: "boilerplate"}[how])


_HEADING_REACH = 6  # segments above an identifier where the heading of its organisation may be
_TERRITORY_FIELD = re.compile(r"\s*(?:territoires?|zones?|périmètres?|aires?|secteurs? géographiques?|implantation)\b",
                              re.IGNORECASE)


_EPCI_WORD = re.compile(r"\b(?:communaute|agglomeration|agglo|metropole|intercom)\b")
_EPCI_FORMS = {"CC": "communaute-de-communes", "CA": "communaute-d-agglomeration", "CU": "communaute-urbaine",
               "METRO": "metropole", "MET69": "metropole", "EPT": "etablissement-public-territorial"}


def _intercommunality(mention: Mention, departements) -> None:
    """An organisation named as an intercommunality of today by its usual name ("Saint-Flour
    Communauté", "Vienne Condrieu Agglomération") is one: its legal form and territory."""
    if not _EPCI_WORD.search(name_key(mention.name)):
        return
    geo = get_geography()
    place = geo.epci(mention.name, departements=departements).place
    if place is not None and place.kind == "epci" and geo.epci_type(place) in _EPCI_FORMS:
        mention.legal_forms.append(_EPCI_FORMS[geo.epci_type(place)])
        mention.places.append(place)


def _territory_of(name: str, departements) -> list[Place]:
    """The territory an authority's name gives: "Mairie de Pontchâteau", "Région Auvergne",
    "Conseil Régional Provence Alpes Côte d'Azur"."""
    from .reading.segments import Segment
    from .rules.context import Context
    from .rules.places import find as find_places

    refs = find_places(Segment(HEADING, name, ((0, 1),)), Context(departements=set(departements)), persons=[])
    if not refs:
        hits = [h for h in scan(name) if not h.demonym]
        refs = [PlaceRef(0, 0, name, "", place=p) for h in hits[-1:] for p in h.places[:1] if p.kind != "commune" or len(h.places) == 1]
    return [r.place for r in refs if r.place is not None][:1]


@lru_cache(maxsize=2048)
def _text_key(text: str) -> str:
    return name_key(text)


@lru_cache(maxsize=8192)
def _keys(name: str) -> frozenset[str]:
    """Comparison keys of a name: without its article, and without a type word that opens it
    ("groupe Pôle Sud" is "Pôle Sud", "l'association Culture et Coopération" is "Culture et
    Coopération")."""
    key = strip_article(name_key(name))
    keys = {key}
    forms = find_forms(name)
    if forms and forms[0].start == 0 and forms[0].end < len(name):
        rest = name[forms[0].end:].strip()
        if rest[:1].isupper():
            keys.add(strip_article(name_key(rest)))
    return frozenset(keys)


@lru_cache(maxsize=16384)
def _mentions(text: str, name: str) -> int:
    key = fold(strip_article(name_key(name)))
    if len(key) < 3:
        return 0
    return len(re.findall(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", _text_key(text)))


def _merge_prefixes(mentions: list[Mention]) -> None:
    """"Conseil de développement" and "Conseil de développement du pays Centre-Bretagne": a name of
    several words that begins a longer one of the same document is that organisation."""
    keys = sorted({name_key(m.name) for m in mentions}, key=len)
    for mention in mentions:
        key = name_key(mention.name)
        if len(key.split()) < 2:
            continue
        longer = [k for k in keys if k != key and k.startswith(key + " ")]
        if len(longer) == 1:
            full = next(m.name for m in mentions if name_key(m.name) == longer[0])
            mention.alt_names.append(mention.name)
            mention.name = full


def _title(name: str) -> str:
    from .rules.pole_names import _title_case

    return _title_case(name)
