"""Places named in a text, resolved with the INSEE geography and the context.

The gazetteer (`converters/link/gazetteer.py`) says which words are names of places; this rule
decides, from the words around them, which ones the text uses as places:
- régions and départements: written with a preposition ("en région PACA", "dans l'Yonne"), in
  brackets ("Laval (Mayenne)"), as a heading, or as a name of several words;
- communes: after "à", "au", "aux", "sur", in brackets, after "ville de", "mairie de", a postal
  code..., or after "de" when the town is large enough to be meant; a homonym is settled by the
  départements the document names, else by a town far larger than its namesakes;
- intercommunalities: by their type and name ("la communauté de communes du Quercy-Rouergue et
  Gorges de l'Aveyron", "Roannais Agglomération", "le Seignanx");
- named areas that give a place: "Pays de Lorient", "bassin de Romans", "agglomération de Nantes"
  (the town they are named after), "Centre-Bretagne", "Sud-Landes", "nord-ouest de la Loire
  Atlantique" (the département or région);
- demonyms: "le territoire Roannais", "le bassin figeacois", "le cluster stéphanois".
Words inside a person's name are never places ("Pierre Bourges").
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..folding import fold, name_key
from ..link import gazetteer
from ..link.geography import DEPARTEMENT_KINDS, Place, get_geography
from ..link.territory import parse_address
from .context import Context
from .facts import Person, PlaceRef

_STRONG_CUE = re.compile(
    r"(?:\bà|\bÀ|\bau|\baux|\bsur|\bprès d[e']|\bautour d[e']|\bvers|\bville d[e']|\bcommune d[e']|\bmairie d[e']|"
    r"\bmaire d[e']|\bcentre d[e']|\bcentre-ville d[e']|\bquartiers? d[e']|\bcommunes? de|\bsituée? à|\bbasée? à|"
    r"\bimplantée? à|\bagglomération d[e']|\bmétropole d[e']|\bbassin d[e']|\bpays d[e']|\bterritoire d[e']|"
    r"\bsecteur d[e']|\bcanton d[e']|\bhabitants d[e']|\bsiège (?:social )?à|\(|\bÀ|"
    r"\b(?:based|located) in|\bdistrict of|\bcity of|\btown of)\s*$", re.IGNORECASE)  # and an English page's words
_WEAK_CUE = re.compile(r"(?:\bde|\bd')\s*$", re.IGNORECASE)
_AREA_CUE = re.compile(r"(?:\ben|\bdans|\bdans l[ae']?|\bde la|\bde l'|\bdu|\bdes|\bla|\bl'|\ble|\brégion|"
                       r"\bdépartement|\bdépartements|\bterritoire|\bsur|\bpour|\bet|\bou|,|\()\s*$", re.IGNORECASE)
_PLACE_NOUNS = {
    "territoire", "territoires", "bassin", "pays", "agglomeration", "metropole", "grand", "secteur", "cluster",
    "region", "departement", "tissu", "reseau", "canton", "arrondissement", "quartier", "centre", "sud", "nord",
    "est", "ouest", "ville", "littoral", "arriere", "plateau", "vallee", "espace", "pole", "acteurs",
    "communaute", "bassins", "zone", "aire", "sol", "monde",
}
_EPCI_PHRASE = re.compile(
    r"\b(?:communaut[ée] (?:de communes|d'agglom[ée]ration|urbaine)|m[ée]tropole|CC|CA|CU)\s+"
    r"(?:du |de la |de l'|des |de |d')?(?P<name>[A-ZÀ-Ý][\w\-]*(?:(?:[\s\-]+|[\s\-]*(?:(?:et|de|du|des|la|le|les|en|sur)\s+|[dl]['’]\s*)+)"
    r"[A-ZÀ-Ý][\w\-]*)*)")
_JOINED_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+)*\s+(?:&|et)\s+[A-ZÀ-Ý][\w'’\-]+(?:\s+[A-ZÀ-Ý][\w'’\-]+)*")
_EPCI_CORE = re.compile(r"\b(?:le|du|sur le|au|territoire du|bassin du|pays du)\s+(?P<name>[A-ZÀ-Ý][\w'’\-]+)")
_NAMED_AFTER_TOWN = re.compile(
    r"\b(?P<area>[Pp]ays|[Bb]assin|[Aa]gglom[ée]ration|[Tt]erritoire|[Mm][ée]tropole|[Rr][ée]gion|[Vv]al)"
    r" (?:de |d'|du |des )(?P<town>(?:L[ae]s? |L')?(?!Pays\b|Bassin\b)[A-ZÀ-Ý][\w'’\-]*(?:[\s\-]+(?:(?:sur|sous|en|lès|les|le|la|de|du|d')[\s\-]+)?[A-ZÀ-Ý][\w'’\-]*)*)")
_AREA_WORDS = ("pays", "bassin", "val")  # these name an area of their own ("Pays de Lorient")
_CARDINAL = (r"(?:nord|sud|est|ouest|centre|centre-ouest|centre-est|nord-ouest|nord-est|sud-ouest|sud-est|"
             r"Nord|Sud|Est|Ouest|Centre|Nord-Ouest|Nord-Est|Sud-Ouest|Sud-Est)")
_CARDINAL_PLACE = re.compile(rf"\b(?P<cardinal>{_CARDINAL})(?P<sep>[\s\-]+(?:de la |de l'|du |des |de )?)(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:[\s\-]+(?:(?:de|du|des|d'|et)\s+)?[A-ZÀ-Ý][\w'’\-]*)*)")
# 5 digits: 2 of the département, or 97 overseas, or 984-989 in the collectivités (980xx is Monaco)
_POSTCODE = re.compile(r"\b(?P<cp>(?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97)\d{3}|98[4-9]\d{2})\s+(?P<town>[A-ZÀ-Ý][\w'’\-]*(?:[\s\-][A-ZÀ-Ý\-][\w'’\-]*){0,4})")
_CODE_TAG = re.compile(r"\(\s*(?P<code>\d{2,3}|2[AB])\s*\)")
_SMALL_WORDS = {"de", "du", "des", "d", "l", "la", "le", "les", "et", "en", "sur", "sous", "communaute", "communes",
                "agglomeration", "cc", "ca", "cu", "metropole", "pays"}
_REGION_LIKE = ("region", "former-region", *DEPARTEMENT_KINDS)


def _before(text: str, start: int, size: int = 40) -> str:
    return text[max(0, start - size) : start]


def _previous_word(text: str, start: int) -> str:
    m = re.search(r"(\w+)\W*$", text[max(0, start - 120):start])
    return fold(m.group(1)) if m else ""


def _heading_only(segment, start: int, end: int) -> bool:
    """The segment is the name alone (a heading "Bourgogne", "Auvergne page 25")."""
    rest = (segment.text[:start] + segment.text[end:]).strip(" :-–,.")
    return segment.kind in ("heading", "field") and (not rest or re.fullmatch(r"(?:page|pag)\s*\d*", rest, re.I) is not None)


def _in_entity(segment, start: int, end: int, labels=("LOC",)) -> bool:
    return any(s <= start and end <= e and label in labels for s, e, label in segment.entities)


def _settle(places: tuple[Place, ...], departements: set[str]) -> Place | None:
    """One commune among homonyms: the one in the départements the document names, else a town
    far larger than its namesakes."""
    geo = get_geography()
    communes = [p for p in places if p.kind == "commune"]
    if len(communes) == 1:
        return communes[0]
    if departements:
        local = [p for p in communes if geo.departement_of(p) in departements]
        if len(local) == 1:
            return local[0]
    ranked = sorted(communes, key=geo.population, reverse=True)
    if len(ranked) >= 2 and geo.population(ranked[0]) >= 20_000 and geo.population(ranked[0]) >= 10 * geo.population(ranked[1]):
        return ranked[0]
    return None


def _overlaps(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


@lru_cache(maxsize=1)
def _epci_by_significant_words() -> dict[frozenset[str], list[Place]]:
    """EPCI and EPT by the significant words of their names (read once: every name joining words
    with "et" is looked up)."""
    index: dict[frozenset[str], list[Place]] = {}
    for kind in ("epci", "ept"):
        for place in get_geography().all(kind):
            words = frozenset(w for w in name_key(re.sub(r"\(.*?\)", "", place.name)).split() if w not in _SMALL_WORDS)
            index.setdefault(words, []).append(place)
    return index


def _epci_by_words(name: str, departements: set[str]) -> Place | None:
    """An intercommunality whose name has the same significant words ("Quercy-Rouergue et Gorges de
    l'Aveyron" for the CC du Quercy Rouergue et des Gorges de l'Aveyron)."""
    geo = get_geography()
    words = frozenset(w for w in name_key(name).split() if w not in _SMALL_WORDS)
    if len(words) < 2:
        return None
    found = _epci_by_significant_words().get(words, [])
    if departements and len(found) > 1:
        found = [p for p in found if set(geo.epci_departements(p)) & departements] or found
    return found[0] if len(found) == 1 else None


# The clause says the place is not the one meant: "à ne pas confondre avec Vernon (Ardèche)",
# "Flers (Orne) n'est ni Flers (Pas-de-Calais) ni Flers (Somme)", "n'est pas installé à Vire",
# "pas le département de la Vienne".
_DENIAL = re.compile(
    r"(?:\bne pas (?:le |la |les )?confondre avec|\bn['’](?:est|sont) ni\b|\bni\b|"
    r"\bn['’](?:est|sont|a|ont) (?:pas|jamais) (?:été )?(?:installée?s?|située?s?|basée?s?|implantée?s?|à|en|dans)\b|"
    r"\bpas (?:le département|la région|la commune|la ville) d[eu']|\bnon pas\b|\bet non\b)[^.;:!?)]{0,60}$",
    re.IGNORECASE)


def _denied(text: str, start: int) -> bool:
    """The clause before `start` denies that the place is meant (a homonym warned against)."""
    clause = re.split(r"[.;!?]\s|\bmais\b", text[max(0, start - 120):start])[-1]
    return _DENIAL.search(clause) is not None


def find(segment, context: Context, persons=None) -> list[PlaceRef]:
    """The places of a segment; words of the persons found in it are never places."""
    text = segment.text
    geo = get_geography()
    if persons is None:
        persons = [(p.start, p.end) for p in context.earlier(segment, Person)]
    taken: list[tuple[int, int]] = list(persons)
    out: list[PlaceRef] = []

    def add(start: int, end: int, place: Place | None, how: str, area: str | None = None) -> None:
        if not _denied(text, start):
            out.append(PlaceRef(start, end, text[start:end], f"places: {how}", place=place, area=area, how=how))
        taken.append((start, end))

    # 1. Postal codes with their town ("14000 Caen").
    for m in _POSTCODE.finditer(text):
        parsed = parse_address(m.group(0))
        if parsed and parsed.commune and parsed.commune.place is not None:
            add(m.start(), m.end(), parsed.commune.place, "postal code and town")
    # 2. Intercommunalities by type and name.
    for m in _EPCI_PHRASE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        phrase = m.group(0)
        match = geo.epci(phrase, departements=context.departements)
        place = match.place or _epci_by_words(m.group("name"), context.departements)
        if place is not None:
            add(m.start(), m.end(), place, "intercommunality named with its type")
    # An intercommunality by its usual name, without its type, when that name joins words with "&"
    # or "et" ("Lamballe Terre & Mer"): its significant words are those of exactly one EPCI.
    for m in _JOINED_NAME.finditer(text):
        if not _overlaps(m.start(), m.end(), taken):
            place = _epci_by_words(m.group(0), context.departements)
            if place is not None:
                add(m.start(), m.end(), place, "intercommunality by its usual name")
    # 3. Named areas that give a town, cardinal parts of a département or région.
    for m in _NAMED_AFTER_TOWN.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        town = m.group("town")
        whole = [h for h in gazetteer.scan(text[m.start():m.end()]) if h.start == 0 and h.end == m.end() - m.start()]
        if whole:
            continue  # "Pays de la Loire": the name of a région, read below
        hits = [h for h in gazetteer.scan(town) if h.start == 0 and h.end == len(town)]
        if not hits and fold(m.group("area")) in ("agglomeration", "metropole"):
            # "l'agglomération de Cergy-Pontoise": no town of that name, the intercommunality by its usual name
            place = geo.epci(m.group(0), departements=context.departements).place
            if place is not None:
                add(m.start(), m.end(), place, "intercommunality named with its type")
            continue
        if hits:
            regional = next((p for p in hits[0].places if p.kind in _REGION_LIKE), None)
            place = _settle(hits[0].places, context.departements) if any(p.kind == "commune" for p in hits[0].places) else None
            if place is not None and regional is not None and get_geography().population(place) < 2000:
                place = None  # "Pays de Loire": the département or région, not a village named Loire
            place = place or regional
            if place is not None:
                word = m.group("area").lower()
                area = (word[0].upper() + m.group(0)[1:]) if word in _AREA_WORDS else None
                add(m.start(), m.end(), place, f"{word} named after a place", area)
    for m in _CARDINAL_PLACE.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        if any(h.start == 0 and h.end > len(m.group("cardinal")) for h in gazetteer.scan(text[m.start():m.end()])):
            continue  # "Nord-Pas de Calais", "Centre-Val de Loire": a name of its own
        name = m.group("name")
        hits = [h for h in gazetteer.scan(name) if h.start == 0]
        best = next((p for h in hits for p in h.places if p.kind in _REGION_LIKE), None)
        if best is None:
            continue
        length = m.start("name") + hits[0].end
        compound = m.group("cardinal")[0].isupper() and "-" in m.group("sep")
        add(m.start(), length, best, "part of a département or région",
            text[m.start():length] if compound else None)
    # 4. Names of places, with their context.
    for hit in gazetteer.scan(text) + gazetteer.scan_demonyms(text):
        if _overlaps(hit.start, hit.end, taken):
            continue
        place, how = _decide(segment, context, hit)
        if place is not None:
            add(hit.start, hit.end, place, how)
    # 5. One-word cores of intercommunality names after an article ("le Seignanx").
    cores = geo.epci_cores()
    for m in _EPCI_CORE.finditer(text):
        if _overlaps(m.start("name"), m.end("name"), taken):
            continue
        places = cores.get(name_key(m.group("name")), [])
        if len(places) == 1:
            add(m.start("name"), m.end("name"), places[0], "intercommunality by the core of its name")
    # 6. "Name (NN)": a département code in brackets after a name.
    for m in _CODE_TAG.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        place = geo.departement(m.group("code")).place  # or a collectivité d'outre-mer: "Nouméa (988)"
        if place is not None and re.search(r"[A-Za-zÀ-ÿ]\s*$", text[max(0, m.start() - 120): m.start()]):
            add(m.start(), m.end(), place, "département code in brackets")
    return sorted(out, key=lambda p: p.start)


def _decide(segment, context: Context, hit) -> tuple[Place | None, str]:
    text = segment.text
    before = _before(text, hit.start)
    written = text[hit.start:hit.end]
    previous = _previous_word(text, hit.start)
    if hit.demonym:
        capital = written[:1].isupper()
        if previous in _PLACE_NOUNS or (capital and re.search(r"\b(?:le|du|en|au|dans le)\s*$", before, re.I)):
            return hit.places[0], "demonym"
        return None, ""
    regional = [p for p in hit.places if p.kind in _REGION_LIKE]
    communes = [p for p in hit.places if p.kind == "commune"]
    intercommunal = [p for p in hit.places if p.kind in ("epci", "ept")]
    in_brackets = bool(re.search(r"\(\s*$", before)) and text[hit.end:hit.end + 2].lstrip().startswith(")")
    several_words = len(hit.key.split()) >= 2
    if intercommunal and (several_words or written[:1].isupper()):
        return intercommunal[0], "intercommunality by name"
    if regional:
        place = regional[0] if len(regional) == 1 else next((p for p in regional if p.kind == "region"), regional[0])
        if (in_brackets or several_words or _AREA_CUE.search(before) or _heading_only(segment, hit.start, hit.end)
                or _in_entity(segment, hit.start, hit.end) or _listed_with_places(text, hit)):
            if communes and _STRONG_CUE.search(before) and not in_brackets and place.kind != "region":
                pass  # "à Mayenne": the town
            else:
                return place, f"{place.kind} by name"
    if not communes:
        return None, ""
    if re.search(r"\b(?:rue|avenue|boulevard|bd|place|allée|quai|impasse|chemin|cours|square|passage|hangar|port|pont)\s+"
                 r"(?:de la |de l['’]|du |des |de |d['’])?\s*$", before, re.IGNORECASE):
        return None, ""  # "le quai d'Aiguillon", "rue de Nantes": a street named after a town
    if re.search(r"\b(?:l[ae]s?|l')\s*$", before, re.IGNORECASE) and not hit.key.split()[0] in ("l", "le", "la", "les"):
        return None, ""  # "de la Monnaie", "le Syndicat": an article the town's name does not have
    # "Alès (30)": the town's own département code after it; "Name — Dinan": the place of a directory entry
    code = re.match(r"\s*\((\d[\dAB]\d?)\)", text[hit.end:])
    tagged = code is not None and any(get_geography().departement_of(p) == code.group(1) for p in communes)
    if tagged:
        communes = [p for p in communes if get_geography().departement_of(p) == code.group(1)]
    else:  # "Neuvic (Corrèze)", "Neuvic, en Corrèze", "Neuvic en Dordogne", "Millau Aveyron (12)": its département named after it
        named = re.match(r"\s*(?:\(\s*|,?\s+(?:en|dans l[ae]|dans l['’]|dans les)\s*|\s)(?P<dep>[A-ZÀ-Ý][\w'’\- ]{2,40})", text[hit.end:])
        deps = {p.code for h in gazetteer.scan(named.group("dep")) if h.start == 0
                for p in h.places if p.kind in DEPARTEMENT_KINDS} if named else set()
        narrowed = [p for p in communes if get_geography().departement_of(p) in deps]
        if narrowed:
            communes, tagged = narrowed, True
    if re.match(r"[\s\-’']*[A-ZÀ-Ý]", text[hit.end:hit.end + 3]) and not in_brackets and not tagged:
        return None, ""  # "Place des Possibles": the beginning of a longer name
    entry = bool(re.search(r"\S\s+[—–]\s*$", before)) and bool(re.match(r"\s*(?:\(|$)", text[hit.end:]))
    strong = (bool(_STRONG_CUE.search(before)) or in_brackets or tagged or entry
              or _heading_only(segment, hit.start, hit.end))
    weak = bool(_WEAK_CUE.search(before)) or _in_entity(segment, hit.start, hit.end)
    if not (strong or weak):
        return None, ""
    place = _settle(tuple(communes), context.departements)
    if context.departements and not tagged and (place is None or get_geography().departement_of(place) not in context.departements):
        # "Chalon" under "Bourgogne": Chalon-sur-Saône, the town of that name in the context
        completed = get_geography().commune(written, departements=context.departements)
        if completed.place is not None:
            return completed.place, "commune by name, completed in the départements of the context"
    if place is None:
        return None, ""
    if not strong and get_geography().population(place) < 2000 and not several_words:
        return None, ""  # "des Bois", "de Celles": small towns named like words need a clear cue
    return place, "commune by name"


def _listed_with_places(text: str, hit) -> bool:
    """"Alpes Maritimes, Bouches du Rhône et Var": a name in a list of other places."""
    return bool(re.search(r"(?:,|\bet|\bou)\s*$", text[max(0, hit.start - 120):hit.start])) and bool(
        re.search(r"[A-ZÀ-Ý]", text[max(0, hit.start - 40):hit.start]))


def pre_scan(texts) -> set[str]:
    """The départements a document names (by name, code tag or postal code): the context that
    settles homonyms of communes."""
    geo = get_geography()
    found: set[str] = set()
    for text in texts:
        for hit in gazetteer.scan(text):
            if hit.demonym:
                continue
            for place in hit.places:
                if place.kind in DEPARTEMENT_KINDS and (len(hit.key.split()) > 1 or len(hit.key) > 5):
                    found.add(place.code)
        for m in _CODE_TAG.finditer(text):
            if geo.departement(m.group("code")):
                found.add(m.group("code"))
        for m in _POSTCODE.finditer(text):
            found |= {d for d in [m.group("cp")[:3] if m.group("cp").startswith(("97", "98")) else m.group("cp")[:2]]
                      if geo.departement(d)}
    return found


EXAMPLES = [  # (text, places found)
    ("Territoire : Lamballe Terre & Mer (Côtes-d'Armor)", {"place epci:200069391", "place departement:22"}),  # not Mer (41)
    ("installé dans l'ancien hangar à bateaux du quai d'Aiguillon, à Lannion", {"place commune:22113"}),
    ("Neuvic (Corrèze) compte à peine 1 600 habitants", {"place commune:19148", "place departement:19"}),
    ("Tissages Caussenards Association Les Lainières du Larzac Millau Aveyron (12) 45 000 €",
     {"place commune:12145", "place departement:12"}),
    ("À Romans-sur-Isère, où l'industrie de la chaussure se meurt", {"place commune:26281"}),
    ("Rance Coopère — Dinan (22)", {"place commune:22050", "place departement:22"}),
    ("fondé avec l'agglomération de Cergy-Pontoise", {"place epci:249500109"}),  # not Cergy, then Pontoise
    ("un pôle implanté dans le Val d'Oise, à Cergy, et un autre dans le Val-de-Marne", {
        "place departement:95", "place commune:95127", "place departement:94"}),  # not the commune "Le Val", then Oise
    ("Bocage Coop — Bressuire", {"place commune:79049"}),
    ("le tiers-lieu Level, à Laval (Mayenne), vit un tournant", {"place commune:53130", "place departement:53"}),
    ("développe l'économie circulaire en région PACA", {"place region:93"}),
    ("la communauté de communes du Quercy-Rouergue et Gorges de l'Aveyron est candidate", {"place epci:248200107"}),
    ("Le Conseil de développement du pays Centre-Bretagne veut créer un pôle", {"place region:53 (Centre-Bretagne)"}),
    ("sur le secteur Sud-Landes-Pyrénées-Atlantiques", {"place departement:40 (Sud-Landes)", "place departement:64"}),
    ("des associations du nord-ouest de la Loire Atlantique", {"place departement:44"}),
    ("sur le territoire du Pays de Lorient", {"place commune:56121 (Pays de Lorient)"}),
    ("A l'origine du cluster stéphanois Culture et Coopération", {"place commune:42218"}),
    ("un développement économique et solidaire du bassin figeacois", {"place commune:46102"}),
    ("Celles-ci bénéficieront d'un financement. La Place des Possibles, implantée à Royans", set()),
    ("Le groupe est installé dans le quartier de la Monnaie.", set()),
    ("Roannais Agglomération a fait le choix en 2009 d'initier une réflexion", {"place epci:200035731"}),
    ("fruit de 20 années d'écosystème partenarial sur le Seignanx", {"place epci:244000659"}),
    ("Cité Phares à L'Ile-Saint-Denis (Seine-Saint-Denis)", {"place commune:93039", "place departement:93"}),
    ("54, rue d'Auge 14000 Caen", {"place commune:14118"}),
    ("un PTCE installé à Papeete, en Polynésie française", {"place commune:98735", "place collectivite:987"}),
    ("la SCOP Pirogues du Lagon (Nouméa (988))", {"place commune:98818", "place collectivite:988"}),
    ("BP 1234, 98845 Nouméa Cedex", {"place commune:98818"}),
    ("Attention : Flers (Orne) n'est ni Flers (Pas-de-Calais) ni Flers (Somme).",
     {"place commune:61169", "place departement:61"}),
    ("Le plus jeune des pôles ; à ne pas confondre avec les communes de Vernon en Ardèche", set()),
    ("ce pôle n'est pas installé à Vire Normandie : il a son siège à Saint-Lô", {"place commune:50502"}),
    ("le siège, 97150 Saint-Martin", {"place commune:97801"}),
    ("le siège, 97110 Pointe-à-Pitre", {"place commune:97120"}),
]
