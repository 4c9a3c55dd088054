"""A brochure of a territory that supports the ESS (grand-orly-seine-bievre-brochure-ess.txt).

A territory is not a pole: the intercommunality (or local authority) is an ess:TerritorialAuthority,
its territory an INSEE place with its communes and its ESS figures; its support schemes (calls for
projects, funds, advice) are ess:SupportScheme with the organisations they funded as laureates; the
organisations that support the ESS with it are its partners (org:Membership); clubs, events and
the structures the brochure presents keep their places and dates.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num

from ..contacts import EMAIL
from ..figures import find_figures
from ..folding import fold, name_key
from ..link.geography import get_geography
from ..mentions import PROSE, parse_mention
from ..model import PRIVATE, STATEMENT, Contact, Document, Event, Figure, Membership, Organisation, SupportScheme
from ..organisations import OrganisationIndex
from ..scanner import communes_after_a, find_named_orgs
from ..reading.source import SourceText, clean

KIND = "territory-brochure"

_URL = re.compile(r"^<?(?P<url>https?://[^\s>]+|www\.[^\s>]+)>?$")
_MONTHS = {m: i for i, m in enumerate(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(), 1)}
_DATE = re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<year>\d{4})$", re.IGNORECASE)
_HOURS = re.compile(r"de (?P<h1>\d{1,2})\s*h\s*(?P<m1>\d{2})?\s*à\s*(?P<h2>\d{1,2})\s*h\s*(?P<m2>\d{2})?", re.IGNORECASE)
# Lines that speak to the reader, not of an organisation.
_META = re.compile(r"^(?:Flashez|Voir|Lire|Plus d'informations|Pour plus|Contactez|Tout au long|Retours d'expérience)\b", re.IGNORECASE)
_SCHEME_WORDS = re.compile(r"\b(?:appel à projets|fonds|dispositif|DLA|schéma|SPASER|service|accompagnement|Cités ?Lab|bourse)\b", re.IGNORECASE)


def detect(source: SourceText) -> float:
    text = fold(" ".join(clean(line) for line in source.lines))
    signs = ["appel a projets", "communes", "economie sociale et solidaire", "partenaires", "cigales", "lau"]
    territory = _territory_in(" ".join(clean(line) for line in source.lines))
    return 0.8 if territory is not None and sum(s in text for s in signs) >= 4 else 0.0


def _territory_in(text: str):
    """The intercommunality (EPT or EPCI) the text names most often, by its official name."""
    folded = " " + name_key(text) + " "
    best, count = None, 0
    for place, key in _intercommunality_keys():
        n = folded.count(key)
        if n > count:
            best, count = place, n
    return best if count >= 2 else None


@lru_cache(maxsize=None)
def _intercommunality_keys():
    geo = get_geography()
    return [(p, f" {name_key(p.name)} ") for kind in ("ept", "epci") for p in geo.all(kind) if len(name_key(p.name).split()) >= 2]


class _Reader:
    def __init__(self, source: SourceText):
        self.source = source
        self.doc = Document(path=source.path, kind=KIND, title="", sha256=source.sha256,
                            line_count=len(source.lines), nonempty_lines=source.nonempty())
        self.orgs = OrganisationIndex(self.doc)
        self.lines = [(n, clean(raw)) for n, raw in enumerate(source.lines, 1) if clean(raw)]
        self.territory = _territory_in(" ".join(t for _, t in self.lines))
        self.scope = f"territory/{name_key(self.territory.name)}" if self.territory else "territory"
        self.subject = None  # the organisation or scheme the last heading introduced
        self.section = None  # "support" (the authority's schemes) or "partners"
        self.call: SupportScheme | None = None
        self.fund: SupportScheme | None = None
        self.authority: Organisation | None = None
        self.seat = None  # commune of the authority's seat
        self.heading = None  # the sub-heading partners are listed under
        self.parent = None  # the network whose local branches are being listed

    # -- helpers -----------------------------------------------------------------------------

    def statement(self, line: int) -> None:
        self.doc.use([line], STATEMENT)

    def text(self, line: int, text: str) -> None:
        self.doc.keep_text(line, text, self.doc.notes)

    def departements(self) -> list[str]:
        return get_geography().epci_departements(self.territory) if self.territory else []

    def org(self, name: str, line: int, **hints) -> Organisation | None:
        mention = parse_mention(name, [line], named=hints.pop("named", False))
        if mention is None:
            return None
        return self.orgs.add(mention, self.scope)

    def scheme(self, key: str, name: str, line: int, kind: str = "scheme") -> SupportScheme:
        for scheme in self.doc.schemes:
            if scheme.key == key:
                scheme.lines.append(line)
                return scheme
        scheme = SupportScheme(key=key, name=name, lines=[line], kind=kind)
        self.doc.schemes.append(scheme)
        return scheme

    def partner(self, org: Organisation, line: int, heading: str | None = None) -> None:
        if self.authority is None or org is self.authority:
            return
        for key, membership in self.doc.memberships:
            if key == self.authority.key and membership.org_key == org.key:
                membership.lines = sorted(set(membership.lines) | {line})
                return
        self.doc.memberships.append((self.authority.key, Membership(org.key, "partner", [line], heading=heading)))

    # -- reading -----------------------------------------------------------------------------

    def read(self) -> Document:
        doc = self.doc
        first = next((i for i, (_, t) in enumerate(self.lines) if len(t) > 20), 0)
        doc.title = self.lines[first][1]
        self.statement(self.lines[first][0])
        if self.territory is not None:
            name = re.sub(r"^(?:CA|CC|CU|EPT)\s+", "", self.territory.name)
            mention = parse_mention(name, [self.lines[first][0]], named=True)
            form = "etablissement-public-territorial" if self.territory.kind == "ept" else None
            if form:
                mention.legal_forms.append(form)
            self.authority = self.orgs.add(mention, self.scope)
            self.authority.authority = True
            self.authority.places.append(self.territory)
        handled = set()
        for index, (number, text) in enumerate(self.lines):
            if index == first or number in handled:
                continue
            if text.endswith("?"):
                self.section = "interview"  # questions and answers: text
            for reader in (self.private_contact, self.url, self.territory_facts, self.commune_list, self.scheme_heading,
                           self.call_facts, self.laureates, self.cigales_clubs, self.event, self.operated_by, self.is_a,
                           self.partner_heading, self.testimony, self.caption, self.next_session):
                consumed = reader(index, number, text)
                if consumed:
                    handled.update(consumed if isinstance(consumed, set) else {number})
                    break
            else:
                self.text(number, text)
        return doc

    def private_contact(self, index, number, text):
        emails = EMAIL.findall(text)
        if not emails:
            return False
        # Service mailboxes of the authority: contact points, kept private like every e-mail.
        self.doc.authority_contacts.append(Contact(names=[], emails=emails, phones=[], roles=[], lines=[number]))
        self.doc.use([number], PRIVATE)
        return True

    def url(self, index, number, text):
        m = _URL.match(text)
        if not m:
            return False
        url = m.group("url")
        url = url if url.startswith("http") else "https://" + url
        target = self.subject if self.subject is not None else self.authority
        if target is not None:
            target.homepages.append(url)
        else:
            self.doc.websites.append(url)
        self.statement(number)
        return True

    def territory_facts(self, index, number, text):
        """The ESS of the territory in figures, and the territory itself."""
        if self.territory is None:
            return False
        figures = []
        m = re.search(r"(?P<approx>environ|près de)?\s*(?P<ess>\d[\d  ]*)\s+emplois sur\s+(?P<total>\d[\d  ]*),\s*soit\s*(?P<share>\d+(?:,\d+)?)\s*%", text)
        if m:
            figures += [self.fig("ess-jobs", m.group("ess"), "job", m.group(0), number, "approximately" if m.group("approx") else "exact"),
                        self.fig("jobs", m.group("total"), "job", m.group(0), number),
                        self.fig("ess-share-of-jobs", m.group("share"), "percent", m.group(0), number)]
        m = re.search(r"(?P<approx>près de|environ|plus de)\s+(?P<n>\d[\d  ]*)\s+structures\b", text)
        if m and "%" not in text[m.start():m.end()]:
            figures.append(self.fig("organisations", m.group("n"), "organisation", m.group(0), number, _approx(m.group("approx")),
                                    what="structures de l'ESS"))
        m = re.search(r"(?P<approx>plus de|près de)?\s*(?P<n>\d+)\s*%\s+sont des associations", text)
        if m:
            figures.append(self.fig("associations-share", m.group("n"), "percent", m.group(0), number, _approx(m.group("approx"))))
        m = re.search(r"(?P<approx>plus de|près de|environ)?\s*(?P<n>\d[\d  ]*)\s+habitants", text)
        if m:
            figures.append(self.fig("inhabitants", m.group("n"), "inhabitant", m.group(0), number, _approx(m.group("approx"))))
        m = re.search(r"Fédérant\s+(?P<n>\d+)\s+(?:villes|communes)", text)
        if m:
            figures.append(self.fig("communes", m.group("n"), "commune", m.group(0), number))
        m = re.search(r"il compte\s+(?P<n>\d+)\s+clubs", text)
        if m:
            figures.append(self.fig("organisations", m.group("n"), "organisation", m.group(0), number, what="clubs Cigales"))
        for figure in figures:
            self.doc.place_figures.append((self.territory, figure))
        seat = re.search(r"au siège du .+? à (?P<town>[A-ZÀ-Ý][\w'’\-]+)", text)
        if seat:
            match = get_geography().commune(seat.group("town"), departements=self.departements())
            if match.place is not None:
                self.seat = match.place
                self.authority.seat = match.place
                self.authority.seat_lines = [number]
        if figures or seat:
            self.text(number, text)
            self.statement(number)
            return True
        return False

    def fig(self, measure, value, unit, stated, line, approx="exact", what=None) -> Figure:
        figure = Figure(measure, Decimal(re.sub(r"[ \u00a0]", "", value).replace(",", ".")), unit, stated.strip(), [line])
        figure.approximation = approx
        figure.counted_kind_text = what
        return figure

    def commune_list(self, index, number, text):
        """"Les 18 communes du Val-de-Marne sont : Ablon-Sur-Seine, Arcueil, ... et Vitry-sur-Seine."""
        found = list(re.finditer(r"Les (?P<n>\d+) communes d[eu]\s+(?:l'|la |le )?(?P<dep>[^:]+?) sont\s*:\s*(?P<list>[^.]+)\.", text))
        if not found or self.territory is None:
            return False
        geo = get_geography()
        for m in found:
            departement = geo.departement(m.group("dep"))
            codes = [departement.place.code] if departement.place else []
            names = [n.strip() for n in re.split(r",\s*|\s+et\s+", m.group("list")) if n.strip()]
            figure = self.fig("communes", m.group("n"), "commune", m.group(0)[:60], number, what=f"communes de {m.group('dep')}")
            figure.place = departement.place
            self.doc.place_figures.append((self.territory, figure))
            for name in names:
                match = geo.commune(name, departements=codes)
                if match.place is None:
                    self.doc.warn(number, f"commune {name!r} not resolved: {match.problem}")
                    continue
                self.doc.place_parts.append((self.territory, match.place, [number]))
            if len(names) != int(m.group("n")):
                self.doc.warn(number, f"the text announces {m.group('n')} communes of {m.group('dep')} and lists {len(names)}")
        self.statement(number)
        return True

    def scheme_heading(self, index, number, text):
        """The authority's schemes: "- **Un appel à projets ESS chaque année**", "Fonds de soutien
        à l'Insertion par l'activité économique (IAE)", "Un accompagnement dans la recherche de
        locaux", "SPASER", "APPUI RH"..."""
        raw = self.source.line(number).strip()
        bold_item = re.match(r"^-\s*\*\*(?P<name>[^*]+)\*\*$", raw)
        plain = text if len(text) < 90 and not text.endswith((".", "?")) else None
        name = (bold_item.group("name") if bold_item else plain) or ""
        folded = fold(name)
        if bold_item or (plain and re.search(r"\b(?:appel a projets|fonds de soutien)", folded)):
            self.section = "support"
        if re.search(r"\bappel a projets ess\b", folded) and not re.search(r"\d+ laureats", folded):
            self.call = self.scheme("scheme/appel-a-projets-ess", "Appel à projets ESS", number, kind="call")
            self.call.name = f"Appel à projets ESS du {self.authority.name}" if self.authority else "Appel à projets ESS"
            if "chaque annee" in folded:
                self.call.description = (self.call.description or "") + name
            self.subject = self.call
        elif re.search(r"\bfonds de soutien\b", folded):
            self.fund = self.scheme("scheme/fonds-iae", clean(name).title() if name.isupper() else clean(name), number)
            self.subject = self.fund
        elif plain and re.match(r"^(?:un accompagnement|le territoire est aussi un acheteur|des evenements)", folded):
            self.subject = self.scheme(f"scheme/{name_key(name)}", name, number)
            self.section = "support"
        elif plain and re.match(r"^appui rh\b", folded):
            self.subject = self.scheme("scheme/appui-rh", "Appui RH", number)
            self.subject.description = text
            self.section = "support"
        elif plain and re.match(r"^(?:le )?dispositif local d'accompagnement|^cites ?lab", folded):
            label = "Dispositif local d'accompagnement (DLA)" if "dispositif" in folded else "CitésLab"
            self.subject = self.scheme(f"scheme/{name_key(label)}", label, number)
            self.subject.partner_scheme = True
            self.section = "partners"
        elif re.match(r"^les partenaires du\b", folded):
            self.section = "partners"
            self.subject = None
        else:
            return False
        if isinstance(self.subject, SupportScheme) and self.authority and not self.subject.partner_scheme:
            if self.authority.key not in self.subject.funder_keys:
                self.subject.funder_keys.append(self.authority.key)
        self.statement(number)
        return True

    def call_facts(self, index, number, text):
        """"Appel à projets ESS : 45 lauréats et près de 300 000 euros engagés depuis 2018"."""
        m = re.search(r"(?P<n>\d+)\s+(?:lauréats|projets aidés)", text, re.IGNORECASE)
        amount = re.search(r"(?P<approx>près de|environ|plus de)?\s*(?P<v>\d[\d  ]*)\s*euros engagés", text)
        since = re.search(r"depuis (?P<year>\d{4})", text)
        if not (m or amount) or self.call is None and not re.search(r"appel à projets", text, re.IGNORECASE):
            return False
        call = self.call or self.scheme("scheme/appel-a-projets-ess", "Appel à projets ESS", number, kind="call")
        self.call = call
        self.section = "call"
        if m and not any(f.measure == "laureates" for f in call.figures):
            call.figures.append(self.fig("laureates", m.group("n"), "organisation", text, number))
        if amount:
            call.figures.append(self.fig("grant", amount.group("v"), "euro", text, number, _approx(amount.group("approx"))))
        if since:
            call.since = int(since.group("year"))
        self.subject = call
        self.statement(number)
        return True

    def laureates(self, index, number, text):
        """"Les structures accompagnées : Approche, Cité Phares, ..." -> laureates of the call."""
        m = re.match(r"^Les structures (?:accompagnées|lauréates|soutenues|aidées)\s*:\s*(?P<list>.+)$", text)
        if not m:
            return False
        call = self.call or self.scheme("scheme/appel-a-projets-ess", "Appel à projets ESS", number, kind="call")
        seen = set()
        # "Et toi tu fais quoi ? Entre 2A": a question mark ends a name as a comma does.
        names = re.split(r",\s+", re.sub(r"\?\s+(?=[A-ZÀ-Ý])", "?, ", m.group("list").strip(" .")))
        for item in names:  # a list of names: no qualifier follows a comma here
            org = self.org(item, number, named=True)
            if org is None:
                continue
            if org.key in seen:
                self.doc.info(number, f"{org.name!r} is listed twice among the laureates: one organisation")
            seen.add(org.key)
            if call.key not in org.laureate_of:
                org.laureate_of.append(call.key)
            org.lines.add(number)
        call.laureate_count = len(seen)
        announced = next((int(f.value) for f in call.figures if f.measure == "laureates"), None)
        if announced is not None and announced != len(seen):
            self.doc.warn(number, f"the brochure announces {announced} laureates and lists {len(seen)} organisations")
        self.statement(number)
        return True

    def cigales_clubs(self, index, number, text):
        """"Cig'Ivry à Ivry-sur-Seine, créé en 2020 ; l'ESSaim à Villejuif, créé en 2021 ; ...":
        Cigales clubs with their commune and year."""
        if not re.search(r"\bclubs? Cigales|\bclub du\b", text) or not re.search(r"créé en \d{4}", text):
            return False
        lead = re.match(r"^(?P<n>\w+)\s+clubs Cigales sont actuellement en phase d'investissement\s*:\s*", text)
        body = text[lead.end():] if lead else text
        if lead:
            figure = self.fig("organisations", str(_number_word(lead.group("n"))), "organisation", lead.group(0).strip(" :"), number,
                              what="clubs Cigales en phase d'investissement")
            self.doc.place_figures.append((self.territory, figure))
        clubs = []
        for part in re.split(r"\s*;\s*|\.\s+", body):
            for piece in re.split(r"\s+et\s+(?=l[ae]\s|l')", part):
                m = re.match(r"^(?:Pionnier dans le territoire,\s*)?(?P<name>(?:l'|la |le )?[\w'’\-]+(?: du [\w'’\-]+)?|(?:l'|la |le )?club du [\w'’\-]+)\s*(?:(?:à|au)\s+(?P<town>[A-ZÀ-Ý][\w'’\- ]+?))?\s*(?:,\s*créé en (?P<year>\d{4}))?(?:,.*)?\.?$", piece.strip())
                if m:
                    clubs.append((m.group("name"), m.group("town"), m.group("year"), piece))
        for name, town, year, piece in clubs:
            mention = parse_mention(name[0].upper() + name[1:], [number], named=True)
            if mention is None:
                continue
            if "cigales" not in mention.structure_types:
                mention.structure_types.append("cigales")
            if year:
                mention.created = int(year)
            if town:
                prefix = "Le " if re.search(rf"\bau\s+{re.escape(town)}", piece) else ""
                match = get_geography().commune(prefix + town, departements=self.departements())
                if match.place is not None:
                    mention.places.append(match.place)
                else:
                    self.doc.warn(number, f"commune {town!r} of the club {name!r} not resolved: {match.problem}")
            club = self.orgs.add(mention, self.scope)
            network = next((o for o in self.doc.organisations.values()
                            if o is not club and "cigales" in o.structure_types and not o.created and name_key(o.name).startswith("cigales")), None)
            if network is not None and network.key not in club.member_of_keys:
                club.member_of_keys.append(network.key)  # the clubs belong to the Cigales movement
        self.text(number, text)
        self.statement(number)
        return True

    def event(self, index, number, text):
        """"9 NOVEMBRE 2023" then the title, a description, "Jeudi 9 novembre de 9h à 12h30", the place."""
        m = _DATE.match(text)
        if not m:
            return False
        date = f"{m.group('year')}-{_MONTHS[m.group('month').lower()]:02d}-{int(m.group('day')):02d}"
        following = self.lines[index + 1 : index + 8]
        title_number, title = following[0]
        event = Event(label=_smart_case(title), lines=[number, title_number], date=date)
        consumed = {number, title_number}
        for n, t in following[1:]:
            if _DATE.match(t) or re.match(r"^[A-ZÀ-Ý' ]{12,}$", t):
                break
            hours = _HOURS.search(t)
            if hours:
                event.start = f"{date}T{int(hours.group('h1')):02d}:{hours.group('m1') or '00'}:00"
                event.end = f"{date}T{int(hours.group('h2')):02d}:{hours.group('m2') or '00'}:00"
                consumed.add(n)
                self.statement(n)
                continue
            if re.match(r"^(?:au|à l'|à la|à)\s", t) and len(t) < 80:
                event.place_text = re.sub(r"^(?:au|à)\s+", "", t)
                town = re.search(r"\bde\s+([A-ZÀ-Ý][\w'’\-]+)$", t)
                if town:
                    match = get_geography().commune(town.group(1), departements=self.departements())
                    event.place = match.place
                elif re.search(r"siège", t) and self.seat is not None:
                    event.place = self.seat
                consumed.add(n)
                self.statement(n)
                continue
            event.description = ((event.description or "") + " " + t).strip()
            self.text(n, t)
            consumed.add(n)
        self.doc.events.append(event)
        self.statement(number)
        self.statement(title_number)
        return consumed

    def partner_heading(self, index, number, text):
        """In the partners section, a short line naming an organisation ("France Active :
        structuration et financement", "Act'ESSonne : la plate-forme ESS de l'Essonne") or a
        local branch by département ("En Val-de-Marne : **France Active Métropole**")."""
        bare = re.sub(r"\s*\([^)]*\)", "", text)
        if self.section != "partners" or len(bare) > 90 or text.endswith((".", "?")) or _META.match(text):
            return False
        raw = self.source.line(number)
        sub = re.match(r"^En\s+(?P<dep>[^:]+?)\s*:\s*\*\*(?P<name>[^*]+)\*\*", raw.strip())
        if sub:
            org = self.org(sub.group("name"), number, named=True)
            departement = get_geography().departement(sub.group("dep")).place
            if departement is not None and departement not in org.places:
                org.places.append(departement)
            if self.parent is not None and self.parent is not org and self.parent.key not in org.parent_keys:
                org.parent_keys.append(self.parent.key)
            self.partner(org, number, self.heading)
            self.subject = org
            self.statement(number)
            return True
        name, _, tagline = text.partition(" : ")
        if re.match(r"^(?:Les|Des)\s+[a-zé]", name):  # "Les coopératives d'activité et d'emploi (CAE)"
            self.heading = text
            self.subject = self.parent = None
            self.statement(number)
            return True
        if re.match(r"^(?:se|s')\b", tagline) or PROSE.search(name):
            return False
        mention = parse_mention(name, [number])
        if mention is None:
            return False
        if tagline:
            mention.descriptions.append(tagline[0].upper() + tagline[1:])
        org = self.orgs.add(mention, self.scope)
        self.heading = None
        self.parent = org
        self.partner(org, number, "Les partenaires du territoire")
        self.subject = org
        self.statement(number)
        return True

    def operated_by(self, index, number, text):
        """"le DLA 94 est opéré par l'association régionale BGE Adil", "CitésLab est porté par
        France Active Métropole": the operator of the scheme of the current heading."""
        m = re.search(r"\b(?:est|sont)\s+(?:opéré|opérée|porté|portée|géré|gérée)s?\s+par\s+(?P<who>.+?)(?:,\s*(?:qui|depuis|créée?)\b.*)?\.?$", text)
        if not m or not isinstance(self.subject, SupportScheme):
            return False
        who = m.group("who")
        raw = self.source.line(number)
        bold = re.search(r"\*\*(?P<name>[^*]+)\*\*", raw)
        found = find_named_orgs(who, [number])
        mention = found[0].mention if found else parse_mention(bold.group("name") if bold else who, [number], named=True)
        if mention is None:
            return False
        org = self.orgs.add(mention, self.scope)
        dep = re.match(r"^(?:Dans le |En |Dans l')(?P<dep>[A-ZÀ-Ý][\w\-' ]+?),", text)
        if dep:
            departement = get_geography().departement(dep.group("dep")).place
            self.subject.operations.append((org.key, departement))
        if org.key not in self.subject.operator_keys:
            self.subject.operator_keys.append(org.key)
        since = re.search(r"depuis\s+(?P<town>[A-ZÀ-Ý][\w'’\-]+)", text)
        if since:
            match = get_geography().commune(since.group("town"), departements=self.departements())
            if match.place is not None and match.place not in org.places:
                org.places.append(match.place)
        created_by = re.search(r"créée? par (?P<who>.+?)\.?$", text)
        if created_by:
            # "créée par A et B": two founders (the last "et" before a capital separates them).
            for item in re.split(r"\s+et\s+(?=[A-ZÀ-Ý])(?!.*\s+et\s+[A-ZÀ-Ý])", created_by.group("who")):
                founder = self.org(item, number)
                if founder is not None:
                    org.founder_keys.append(founder.key)
        self.partner(org, number, self.subject.name)
        self.text(number, text)
        self.statement(number)
        return True

    def is_a(self, index, number, text):
        """"Coopaname est une CAE dispose de 7 établissements, ... à Chevilly-Larue"."""
        m = re.match(r"^(?P<name>[A-ZÀ-Ý][\w'’\- ]{1,40}?)\s+est une\s+(?P<kind>CAE|SCOP|SCIC|association|coopérative[^,]*)\b", text)
        if not m:
            return False
        mention = parse_mention(f"{m.group('name')}, {m.group('kind')}", [number], named=True)
        if mention is None:
            return False
        for match in communes_after_a(text, self.departements()):
            mention.places.append(match.place)
        sites = re.search(r"(?P<n>\d+)\s+établissements", text)
        if sites:
            mention.figures.append(self.fig("organisations", sites.group("n"), "organisation", sites.group(0), number,
                                            what="établissements"))
        org = self.orgs.add(mention, self.scope)
        self.partner(org, number, self.heading)
        self.subject = org
        self.text(number, text)
        self.statement(number)
        return True

    def testimony(self, index, number, text):
        """"Ferme des Meuniers : un coup de pouce..." then what the structure is and what it got:
        "La subvention de 8000 euros", "L'aide de 5000 euros", "Elle a bénéficié de 10 000 euros"."""
        heading = re.match(r"^(?P<name>[^:]{3,60}?)\s*:\s*(?P<tagline>(?:un|une|des|cantine|le|la)\b.+)$", text)
        if heading and self.section == "call" and not text.endswith("."):
            org = self.org(heading.group("name"), number, named=True)
            if org is None:
                return False
            self.subject = org
            org.descriptions.append(heading.group("tagline")[0].upper() + heading.group("tagline")[1:])
            self.text(number, text)
            self.statement(number)
            return True
        grant = re.search(r"(?:subvention|aide|bénéficié)\s+de\s+(?P<v>\d[\d  ]*)\s*euros", text)
        if isinstance(self.subject, Organisation) and self.subject is not self.authority and (grant or communes_after_a(text, self.departements())):
            org = self.subject
            if grant:
                figure = self.fig("grant", grant.group("v"), "euro", grant.group(0), number)
                figure.granted_by = self.call.key if self.call else None
                org.figures.append(figure)
                if self.call and self.call.key not in org.laureate_of:
                    org.laureate_of.append(self.call.key)
            for match in communes_after_a(text, self.departements()):
                if match.place not in org.places:
                    org.places.append(match.place)
            created = re.search(r"lancée? (?:au printemps |en |à l'automne |à l'été )?(?P<year>\d{4})", text)
            if created:
                org.created = int(created.group("year"))
            kind = re.search(r"\b(?:ressourcerie|recyclerie|épicerie solidaire|chantier d'insertion)\b", text)
            if kind:
                mention = parse_mention(f"{kind.group(0)} {org.name}", [number], named=True)
                for slug in mention.structure_types if mention else []:
                    if slug not in org.structure_types:
                        org.structure_types.append(slug)
            for figure in find_figures(text, [number]):
                if figure.unit != "euro":  # amounts were read above, as grants
                    org.figures.append(figure)
            org.lines.add(number)
            self.text(number, text)
            self.statement(number)
            return True
        return False

    def caption(self, index, number, text):
        """Photo captions naming a structure and its commune: "Association Les Vertugadins à Ivry-sur-Seine."."""
        if _META.match(text) or text.isupper():
            return False  # headings in capitals are not captions
        found = find_named_orgs(text, [number])
        known = [o for o in self.doc.organisations.values() if o is not self.authority and re.search(rf"\b{re.escape(o.name)}\b", text)]
        if not found and not known:
            return False
        communes = communes_after_a(text, self.departements())
        for f in found:
            f.mention.places.extend(m.place for m in communes)
            self.orgs.add(f.mention, self.scope)
        for org in known:
            if org is not self.authority:
                for m in communes:
                    if m.place not in org.places:
                        org.places.append(m.place)
                org.lines.add(number)
        self.text(number, text)
        self.statement(number)
        return True

    def next_session(self, index, number, text):
        """"Printemps 2024" under "APPEL À PROJETS ESS" or "FONDS DE SOUTIEN...": the next session."""
        m = re.match(r"^(?:Printemps|Été|Automne|Hiver|Janvier|Février|Mars|Avril|Mai|Juin|Juillet|Septembre|Octobre|Novembre|Décembre)\s+\d{4}$", text)
        if not m or index == 0:
            return False
        previous = next((t for n, t in reversed(self.lines[:index]) if t.isupper()), "")
        scheme = self.call if "APPEL" in previous else self.fund if "FONDS" in previous else None
        if scheme is None:
            return False
        scheme.next_session = text
        scheme.lines.append(number)
        self.statement(number)
        return True


def _approx(word: str | None) -> str:
    return {"environ": "approximately", "près de": "approximately", "plus de": "more-than",
            "moins de": "less-than", "jusqu'à": "less-than"}.get((word or "").lower(), "exact")


def _number_word(word: str) -> int:
    return int(word) if word.isdigit() else text2num(word.lower(), "fr")


def _smart_case(text: str) -> str:
    """"LA MATINALE DES ACHATS RESPONSABLES" -> "La matinale des achats responsables"."""
    if not text.isupper():
        return text
    lowered = text.lower()
    for keep in ("ESS", "IAE", "RDV"):
        lowered = re.sub(rf"\b{keep.lower()}\b", keep, lowered)
    out = lowered[0].upper() + lowered[1:]
    return re.sub(r"grand-orly seine bièvre", "Grand-Orly Seine Bièvre", out)


def parse(source: SourceText) -> Document:
    return _Reader(source).read()
