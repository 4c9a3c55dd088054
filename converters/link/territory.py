"""Reading the places of a text with the geography: a fiche's "Territoire:" line (départements,
communes, arrondissements, intercommunalities, named areas, conflicts between a name and a number)
and a postal address (street, PO box, postal code, town, its commune)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..folding import name_key, strip_article, tidy
from .geography import CEDEX, DEPARTEMENT_KINDS, Geography, Match, Place, get_geography, place_label, unique

@dataclass
class TerritoryParse:
    places: list[Match]  # resolved places in text order, no duplicates
    areas: list[str]  # named non-administrative areas, kept as text
    conflicts: list[str]  # human-readable messages
    unresolved: list[str]  # pieces that looked like places but did not resolve
    problems: list[str] = field(default_factory=list)  # why, one message per unresolved piece


_SEGMENT_SEPARATORS = re.compile(  # spaced dashes, slashes, commas, semicolons, "et"
    r"\s+[-–—]\s+|\s+[-–—]\s*$|^\s*[-–—]\s+|\s*/\s*|\s*[,;]\s*|\s+et\s+", re.IGNORECASE)
_CODE_TAG = re.compile(r"\(\s*(\d{2,3}|2[ABab])\s*\)\s*$")
_ORDINAL_MARK = r"(?:er|ère|re|e|ème|eme|è|°)"
# "Paris, 18° arrondissement", "Marseille 1er", "3e arrondissement de Lyon"
_ARR_IN_TEXT = re.compile(
    rf"\b(Paris|Marseille|Lyon)\s*,?\s*(\d{{1,2}})\s*{_ORDINAL_MARK}\s*(?:arrondissement|arr\.?)?"
    rf"|\b(\d{{1,2}})\s*{_ORDINAL_MARK}\s*arrondissement\s+(?:de\s+)?(Paris|Marseille|Lyon)\b",
    re.IGNORECASE)
_FILLER = {"et", "plus", "particulierement", "notamment", "les", "le", "la", "l", "departement",
           "departements", "de", "du", "des", "d", "en", "dans", "soit", "ainsi", "que", "surtout",
           "principalement", "essentiellement", "sur", "tout", "toute", "ensemble", "region"}
_DIRECTIONS = re.compile(r"^(?:nord|sud|est|ouest|centre|haut|haute|bas|basse)(?: (?:ouest|est))?"
                         r"(?: (?:de la|de l|du|des|de|d))? ")
_AREA_WORDS = {"parc", "quartier", "quartiers", "bassin", "canton", "cantons", "pays", "plateau",
               "vallee", "val", "vallon", "plaine", "massif", "cote", "littoral", "zone", "secteur",
               "territoire", "rayon", "agglomeration", "nord", "sud", "est", "ouest", "centre",
               "un", "une", "aire", "golfe", "bocage", "presqu", "montagne", "haut", "bas",
               "communes", "grand"}
_TAIL_PLACE = re.compile(  # "bassin d'emploi de Tours", "autour de Lons-le-Saunier"; "de la X" keeps "la X"
    r"^(?:bassin d['’]emploi|bassin de vie|bassin|agglom[ée]ration|aire urbaine"
    r"|zone d['’]emploi|ville|commune)\s+(?:des |du |de |d['’])(?P<tail>.+)$"
    r"|autour\s+(?:des |du |de |d['’])(?P<around>.+)$", re.IGNORECASE)
_EPCI_WORDS = re.compile(r"\b(?:communaute (?:de communes|d agglomeration|urbaine)|metropole"
                         r"|etablissement public territorial)\b")


@dataclass
class _Piece:
    position: int
    text: str
    code: str | None = None  # the "(NN)" that followed it, if any


def _split_territory(text: str) -> list[_Piece]:
    pieces, start = [], 0
    for m in list(_SEGMENT_SEPARATORS.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        if chunk.strip():
            offset = start + len(chunk) - len(chunk.lstrip())
            tag = _CODE_TAG.search(chunk)
            body = chunk[:tag.start()] if tag else chunk
            pieces.append(_Piece(offset, tidy(body), tag.group(1).upper() if tag else None))
        start = m.end() if m else len(text)
    return pieces


def _is_filler(words: list[str]) -> bool:
    return all(w in _FILLER for w in words)


def parse_territory(text: str, context: str = "") -> TerritoryParse:
    """Read a fiche's "Territoire:" value into administrative places, named areas and problems.

    Départements come first (from "(NN)" codes and names; a name that contradicts its code is a
    conflict settled with the rest of the fiche, `context`), then communes are looked up within
    the départements found (or the régions' ones, or all of France). A piece led by an area word
    ("Pays de Bray", "Nord Alpilles", "Val de Fensch") is kept as an area and never cut into a
    commune name; it is a commune only if the whole piece is exactly a commune's name.
    """
    return _TerritoryReader(get_geography(), text, context).read()


class _TerritoryReader:
    def __init__(self, geo: Geography, text: str, context: str):
        self.geo, self.text = geo, text
        self.context_key = name_key(context).replace(name_key(text), " ") if context else ""
        self.result = TerritoryParse([], [], [], [])
        self.found: list[tuple[int, Match]] = []
        self.areas: list[tuple[int, str]] = []
        # Communes to look up once the départements are known:
        # (position, name, area to keep if it is no commune, exact names only, report a failure)
        self.later: list[tuple[int, str, str | None, bool, bool]] = []

    def read(self) -> TerritoryParse:
        # Arrondissements first: "Paris, 18° arrondissement" would otherwise be split at the comma.
        blanked = self.text
        for m in _ARR_IN_TEXT.finditer(self.text):
            city, number = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            match = self.geo.commune(f"{city} {number}e arrondissement")
            if match:
                self.found.append((m.start(), match))
            else:
                self.unresolved(m.group(), match.problem)
            blanked = blanked[:m.start()] + " " * (m.end() - m.start()) + blanked[m.end():]

        for piece in _split_territory(blanked):
            if piece.code is not None:
                self.read_tagged(piece)
            elif piece.text:
                self.read_untagged(piece.text, piece.position)

        geo = self.geo
        departements = unique(m.place.code for _, m in self.found if m.place.kind in DEPARTEMENT_KINDS)
        if not departements:
            departements = unique(d for _, m in self.found
                                   if m.place.kind in ("region", "former-region")
                                   for d in geo.departements_of_region(m.place))
        for position, name, area, exact_only, report in self.later:
            match = geo.commune(name, departements=departements, completion=not exact_only)
            if match:
                self.found.append((position, match))
            elif area:
                self.areas.append((position, area))
            elif report:
                self.unresolved(name, match.problem)

        seen = set()
        for _, match in sorted(self.found, key=lambda f: f[0]):
            ref = (match.place.kind, match.place.code)
            if ref not in seen:
                seen.add(ref)
                self.result.places.append(match)
        self.result.areas = unique(a for _, a in sorted(self.areas, key=lambda a: a[0]))
        return self.result

    def unresolved(self, piece: str, problem: str | None) -> None:
        self.result.unresolved.append(piece)
        self.result.problems.append(f"{piece!r}: {problem}")

    def read_tagged(self, piece: _Piece) -> None:
        """A piece followed by "(NN)": a département name (maybe ending a longer phrase: "les
        départements de Paris (75)", "Centre Isère (38)"), or something in that département."""
        geo = self.geo
        region = geo.region(piece.text) if piece.text else None
        if region and region.place.code == piece.code:  # "Île-de-France (11)"
            self.found.append((piece.position, region))
            return
        by_code = geo.departement(piece.code)
        if not by_code:
            self.unresolved(f"{piece.text} ({piece.code})".strip(), by_code.problem)
            return
        words = piece.text.split()
        for i in range(len(words)):  # the longest phrase ending the piece that names a département
            by_name = geo.departement(" ".join(words[i:]))
            if not by_name:
                continue
            if i and not _is_filler(name_key(" ".join(words[:i])).split()):
                self.areas.append((piece.position, piece.text))
            if by_name.place == by_code.place:
                self.found.append((piece.position, Match(
                    by_name.place, f"{by_name.method} and code {piece.code}")))
            else:
                self.found.append((piece.position, self.settle_conflict(
                    piece, by_name.place, by_code.place)))
            return
        if piece.text and not _is_filler(name_key(piece.text).split()):  # "Castres (81)"
            self.read_untagged(piece.text, piece.position)
        self.found.append((piece.position + len(piece.text), by_code))

    def settle_conflict(self, piece: _Piece, named: Place, coded: Place) -> Match:
        """"Oise (61)": the name says 60, the code says 61 (Orne). Keep the one the fiche supports
        better (mentions of the département and of its régions); on a tie, keep the name's."""
        support = {p: self.geo.mentions(p, self.context_key) for p in (named, coded)}
        score = {p: sum(c.values()) for p, c in support.items()}
        kept = coded if score[coded] > score[named] else named
        dropped = coded if kept is named else named

        def describe(p: Place) -> str:
            counts = support[p]
            return ", ".join(f"{n} ×{c}" for n, c in counts.items()) if counts else "no mention"

        if score[named] == score[coded]:
            reason = (f"the fiche supports neither ({describe(named)} / {describe(coded)}): "
                      "kept the name's")
        else:
            reason = (f"the fiche supports {kept.name} ({describe(kept)}) "
                      f"against {dropped.name} ({describe(dropped)})")
        self.result.conflicts.append(
            f"{piece.text} ({piece.code}): the name is {place_label(named)} but the code {piece.code} "
            f"is {coded.name}; kept {place_label(kept)}: {reason}")
        return Match(kept, f"conflict between name {piece.text!r} and code {piece.code}, "
                           f"settled: {reason}")

    def read_untagged(self, text: str, position: int) -> None:
        geo, key = self.geo, name_key(text)
        first = strip_article(key).split()[0] if key else ""
        if _EPCI_WORDS.search(key) or first in ("ca", "cc", "cu", "ept"):
            match = geo.epci(text)
            if match:
                self.found.append((position, match))
            else:
                self.unresolved(text, match.problem)
            return
        epci = geo.epci_full_name(text)  # a bare EPCI/EPT name only when it is the full name
        if epci:
            self.found.append((position, Match(epci, f"official name {epci.name!r}")))
            return
        for resolver in (geo.departement, geo.region):
            match = resolver(text)
            if match:
                self.found.append((position, match))
                return
        qualifier = _DIRECTIONS.match(key)
        if qualifier:  # "Nord-Ouest Essonne", "Sud des Landes": the département plus the area
            remainder = key[qualifier.end():]
            for resolver in (geo.departement, geo.region):
                match = resolver(remainder)
                if match:
                    self.found.append((position, Match(
                        match.place, f"{match.place.name} named in {text!r}")))
                    self.areas.append((position, text))
                    return
        tail = _TAIL_PLACE.search(text)
        if tail:
            name = tail.group("tail") or tail.group("around")
            if not key.startswith(("ville ", "commune ")):  # "Ville de La Verrière": just the town
                # "bassin d'emploi de Tours": the area as written, and the town if it is one
                # ("bassin de la Fensch" names a river: no complaint when a phrase is no town)
                self.areas.append((position, re.sub(r"^soit\s+", "", text, flags=re.IGNORECASE)))
            self.later.append((position, name, None, False, " " not in name.strip()))
            return
        if first in _AREA_WORDS or text.startswith("«"):
            # an area, unless the whole piece is exactly a commune's name ("Val-de-Reuil")
            self.later.append((position, text, text, True, False))
            return
        self.later.append((position, text, None, False, True))


# ===================================================================================== address
@dataclass
class AddressParse:
    thoroughfare: str | None  # "40, rue Carnot"
    po_box: str | None  # "B.P. 77 106"
    postcode: str | None  # "05000"
    post_name: str | None  # "Gap", "Dijon Cedex", as written
    cedex: bool
    commune: Match | None
    full: str  # the address text as given
    locator: str | None = None  # what precedes the street: "Espace Corail", "ZI Ste Agathe"


_POSTAL_LINE = re.compile(r"(?<!\d)(\d{5})\s+([^\d\s][^\d]*?(?:\s+cedex(?:\s*\d{1,3})?)?)\s*$",
                          re.IGNORECASE)
_PO_BOX = re.compile(
    r"(?:\bB\.\s?P\.?|\bBP\b\.?|\bBo[iî]te postale|\bCS\b|\bTSA\b)\s*\d+(?:\s\d+)*", re.IGNORECASE)
_STREET_TYPES = (r"rue|avenue|av\.?|boulevard|bd|place|pl\.|all[ée]e|chemin|impasse|quai|route"
                 r"|cours|square|passage|voie|rond-point|esplanade|promenade|sentier|cit[ée]"
                 r"|faubourg|hameau|lieu-dit|parvis|mail|ruelle|traverse|mont[ée]e|r[ée]sidence")
_STREET_START = re.compile(
    rf"\b\d+\s*(?:bis|ter|quater|[a-c])?\s*,"  # "40, rue", "27, bis Maurice-Sarraut"
    rf"|\b\d+\s*(?:bis|ter|quater)?\s+(?=(?:{_STREET_TYPES})\b)"  # "40 rue"
    rf"|\b(?:{_STREET_TYPES})\b", re.IGNORECASE)  # "Avenue des Noës"


def parse_address(text: str) -> AddressParse | None:
    """Split "2, rue Boutaric B.P. 77 106 21071 Dijon Cedex" into its parts and resolve the
    commune; None when the text has no "NNNNN Town" at its end."""
    full = tidy(text or "")
    m = _POSTAL_LINE.search(full)
    if not m:
        return None
    postcode, post_name = m.group(1), m.group(2).strip()
    before = full[:m.start()].strip()
    po_box = None
    box = _PO_BOX.search(before)
    if box:
        po_box = box.group().strip()
        before = tidy(before[:box.start()] + " " + before[box.end():])
    street = _STREET_START.search(before)
    if street:
        locator, thoroughfare = tidy(before[:street.start()]) or None, tidy(before[street.start():])
    else:
        locator, thoroughfare = before or None, None
    return AddressParse(
        thoroughfare=thoroughfare or None, po_box=po_box, postcode=postcode, post_name=post_name,
        cedex=bool(CEDEX.search(" " + post_name)),
        commune=get_geography().commune(post_name, postcode=postcode),
        full=full, locator=locator)
