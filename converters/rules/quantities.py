"""Figures stated in running text: a number (in digits, in words, or a round word such as "une
quinzaine"), what it counts and how exact it is: "soixante adhérents", "430 emplois", "25 millions
d'euros de chiffre d'affaires", "un local de 600 m2", "100.000 euros", "près d'une centaine de
citoyens", "le nombre des adhérents est passé de 34 à 47".

The measure comes from the counted noun (the measure scheme of ontology/schemes/figures.ttl);
a noun the scheme has no measure for is still counted (measure "count", with the noun as
written). Durations, percentages, dates, ages and distances are not figures. A figure whose
clause speaks of a territory ("l'ESS représente 1 593 salariés", "sur le territoire", "la ville
de Toucy abrite 2730 habitants") is marked as the territory's, not the subject's.
"""
from __future__ import annotations

import re
from decimal import Decimal

from text_to_num import alpha2digit

from ..folding import fold
from ..identifiers import find_registrations
from ..model import Figure
from .context import Context
from .facts import PlaceRef, Quantity

_ROUND = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
          "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_APPROX = (r"(?P<approx>environ|d'environ|près de|près d'|pres de|plus de|plus d'|supérieur à|au moins|moins de|"
           r"jusqu'à|quelque|autour de|de l'ordre de|presque|quasiment|près)\s+")
_MULT = r"(?:\s*(?P<mult>milliards?|millions?|milliers?|M|k|Mds?)\b)?"
_FIGURE = re.compile(
    rf"(?<![\w,.])(?:{_APPROX})?(?:(?P<round>une?\s+(?:{'|'.join(_ROUND)})s?)|(?P<num>{_NUMBER}){_MULT})"
    r"(?:\s*(?P<quote>«)\s*|\s+|(?=[€%²]|m2\b|M€|k€))(?:(?:de\s+|d['’]\s*)(?:(?P<quote2>«)\s*)?)?"
    r"(?P<noun>€|M€|k€|m2|m²|[A-Za-zÀ-ÿ][\w'’\-]*(?:\s+[a-zà-ÿ][\w\-]*(?:é|ée|és|ées|aux|ales|ale|al|iques|ique|ifs|ives|if|ive|"
    r"ants|antes|ant|ante|elles|els|aires|aire|ières|iers|ier|ière|eurs|euses|is|ies|ues|us)(?!\w))?)",
    re.IGNORECASE)
# noun (folded, first word) -> (measure, unit)
_NOUNS: list[tuple[str, str, str]] = [
    (r"euros?|€|m€|k€", "budget", "euro"),
    (r"etp|equivalents?(?: temps plein)?", "fte", "fte"),
    (r"emplois?", "jobs", "job"),
    (r"salaries|salariees|salariés|salariées", "employees", "person"),
    (r"adherents?|adherentes?|membres?", "members", "organisation"),
    (r"m2|m²|metres? carres?", "floor-area", "square-metre"),
    (r"hectares?|ha", "land-area", "hectare"),
    (r"habitants?", "inhabitants", "inhabitant"),
    (r"communes?", "communes", "commune"),
    (r"repas", "meals-served", "meal"),
    (r"projets?", "projects", "project"),
    (r"laureats?", "laureates", "organisation"),
    (r"dossiers?|candidatures?|reponses?", "applications-received", "application"),
    (r"poles?", "poles", "pole"),
    (r"etablissements?", "count", "item"),
]
_NOT_COUNTED = re.compile(
    r"^(?:ans?|annees?|mois|jours?|heures?|semaines?|siecles?|minutes?|secondes?|fois|km|kilometres?|metres?|cm|%|"
    r"pour ?cent|ieme|e|er|ere|eme|h|euros? par|degres?|°|points?|pages?|numeros?|articles?|alinea|editions?|"
    r"fevrier|janvier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|"
    r"premier|premiere|et|ou|a|au|en|de|du|des|le|la|les|un|une|sur|par|pour|d|l|qui|que|dont|dans|avec|chez|vers|"
    r"entre|selon|depuis|pendant|contre|sans|sous|apres|avant|lors|rue|avenue|boulevard|bd|place|allee|chemin|"
    r"impasse|quai|route|square|cours|bis|ter|h\d*|ans?|min|bougies|autour|aujourd|nouveaux|nouvelles|autres|"
    r"derniers|dernieres|prochains|prochaines|premiers|premieres)\b")
_ORGANISATION_NOUNS = re.compile(r"^(?:structures?|entreprises?|associations?|acteurs?|partenaires?|organisations?|"
                                 r"cooperatives?|scops?|societes?|organismes?)\b")
# Before a count of organisations, the end of another item of a list ("…, Pôle emploi, trois
# entreprises d'insertion"), or "dont" ("12 structures, dont 3 associations"): a part, not the total
_LIST_ITEM_BEFORE = re.compile(r"(?:[^\W\d_]|[)»])(?:\s*,\s*(?:et\s+)?|\s+et\s+)$|\bdont\s+$", re.IGNORECASE)
_MEMBERSHIP_VERBS = re.compile(r"\b(?:regroup|reuni|rassembl|compt|feder|compos|adher|membre|associ|fondat)\w*")
_HOSTING_VERBS = re.compile(r"\b(?:heberge|hebergees?|installees?|accueille|elu domicile|implantees?|loge)\b")
_FUTURE = re.compile(r"\b(?:permettra|pourra|pourront|rassemblera|doit|devra|devrait|vise|visent|objectif|a terme|"
                     r"prevoit|prevu|seront|sera|d'ici)\b")
_TERRITORY = re.compile(
    r"(?:^|[,;:]\s*|\bselon [^,]+,\s*)(?:l'ess|l'economie sociale(?: et solidaire)?|cela|ce qui)\s+(?:y\s+)?"
    r"(?:occupe|represente|compte|pese|emploie|regroupe|totalise)|"
    r"\b(?:sur|du|de ce|dans le|a l'echelle du) territoire\b|\bla population\b")
_TURNOVER = re.compile(r"chiffre d'affaires|\bca\b")
_GRANT = re.compile(r"subvention|financement|accompagnement financier|enveloppe|soutien|dotation|aide|beneficie|laureat")
_COST = re.compile(r"cout|travaux|investissement|chantier|construction|rehabilitation")
_SERIES = re.compile(r"\bnombre (?:des\s+|de\s+|d')(?P<noun>[\w'’]+)\b[^.;]{0,60}?\bde\s+(?P<from>\d+)\s+a\s+(?P<num>\d+)\b")


def _number(text: str) -> Decimal:
    return Decimal(re.sub(r"[ \u00a0\u202f.]", "", text).replace(",", "."))


def _digits(text: str) -> str:
    """Number words as digits ("soixante adhérents" -> "60 adhérents"), the length of the text
    unchanged where possible; "3 millions" stays as it is."""
    converted = alpha2digit(text, "fr", threshold=2)  # "deux salariés" too; "un", "une" stay words
    return re.sub(r"(\d+(?:,\d+)?) 1000000\b", r"\1 millions", converted)


def _approximation(word: str | None, rounded: bool) -> str:
    if rounded:
        return "approximately"
    if not word:
        return "exact"
    word = fold(word)
    if word.startswith(("environ", "d'environ", "pres", "autour", "de l'ordre", "presque", "quasiment", "quelque")):
        return "approximately"
    if word.startswith(("moins", "jusqu")):
        return "less-than"
    return "more-than"


def _classify(noun: str, clause: str, quoted: bool = False) -> tuple[str, str] | None:
    """(measure, unit) of a counted noun in its clause, or None for what is not a figure. A noun in
    quotation marks is figurative (« d'habitants »): counted as written."""
    folded = fold(noun).strip()
    if _NOT_COUNTED.match(folded):
        return None
    if quoted:
        return "count", "item"
    first = folded.split()[0]
    for pattern, measure, unit in _NOUNS:
        if re.fullmatch(pattern, first) or re.fullmatch(pattern, folded):
            if unit == "euro":
                if re.search(r"\b(?:parts? sociales?|cotisations?|tarifs?|prix|salaires?|remuneration)(?: annuelle?s?)?\s*(?:de|:|a|entre)\s"
                             r"|\bbruts? annuels?\b", clause):
                    return None  # what one pays or earns, not a figure of the pole
                if _TURNOVER.search(clause):
                    return "turnover", unit
                if _GRANT.search(clause):
                    return "grant", unit
                if _COST.search(clause):
                    return "cost", unit
            if measure == "members" and re.search(r"\bfondat", folded + " " + clause):
                return "founding-members", unit
            return measure, unit
    if first == "personnes" and re.search(r"\b(?:salarie|employe|travaill)", clause):
        return "employees", "person"
    if _ORGANISATION_NOUNS.match(first):
        if re.search(r"\bfondat", clause):
            return "founding-members", "organisation"
        if _HOSTING_VERBS.search(clause):
            return "hosted-structures", "organisation"
        if _MEMBERSHIP_VERBS.search(clause):
            return "members", "organisation"
    if not re.match(r"[a-z]", first) or len(first) < 3:
        return None
    return "count", "item"


def find(segment, context: Context, places=None) -> list[Quantity]:
    """The figures of a segment (a figure stated in a clause that names a place is the place's)."""
    if places is None:
        places = context.earlier(segment, PlaceRef)
    text = segment.text
    digits = _digits(text)
    same_length = len(digits) == len(text)
    out: list[Quantity] = []
    # the digits of a SIREN, SIRET or RNA number are no figure ("le SIRET 501 234 561 00099 cité")
    taken: list[tuple[int, int]] = [(r.start, r.start + len(r.written)) for r in find_registrations(digits)]
    field = _field_count(segment, digits, context, places)
    if field is not None:
        out.append(field)
        taken.append((field.start, field.end))
    for m in _SERIES.finditer(fold(digits)):
        if any(s <= m.start("num") < e for s, e in taken):
            continue
        clause_start, clause_end = _clause(digits, m.start())
        measure_unit = _classify(m.group("noun"), fold(digits[clause_start:clause_end]))
        if measure_unit is None:
            continue
        figure = Figure(measure=measure_unit[0], value=Decimal(m.group("num")), unit=measure_unit[1],
                        stated_as=_stated(text, digits, clause_start, clause_end, same_length), lines=[])
        if figure.measure == "count":
            figure.counted_kind_text = m.group("noun")
        out.append(_fact(segment, m.start(), m.end(), figure, text, context, places, clause_start, clause_end))
        taken.append((m.start(), m.end()))
    for m in _FIGURE.finditer(digits):
        if any(s <= m.start("num" if m.group("num") else "round") < e for s, e in taken):
            continue
        if m.group("num") and _is_date_or_code(digits, m):
            continue
        clause_start, clause_end = _clause(digits, m.start())
        clause = fold(digits[clause_start:clause_end])
        noun = re.sub(r"[»\"”]+$", "", m.group("noun")).strip()
        mult = (m.group("mult") or "").lower()
        if mult in ("m", "k") and noun.lower().startswith(("m2", "m²")):
            mult = ""
        if re.search(r"\b(?:annees|ans|loi)\s*$", fold(digits[max(0, m.start() - 10):m.start()])):
            continue  # "les années 80", "association loi 1901 membre du réseau"
        near = fold(digits[m.start(): min(clause_end, m.end() + 40)].split(",")[0])
        s_start, s_end = segment.sentence_at(min(m.start(), len(text) - 1))
        context = near if fold(noun).startswith("personne") else clause
        if fold(noun).startswith(("euro", "€", "m€", "k€")):
            context = fold(digits[s_start:s_end]) if same_length else clause  # "Chiffre d'affaires : 8,4 M€"
        measure_unit = _classify(noun, context, bool(m.group("quote") or m.group("quote2")))
        if measure_unit is None:
            continue
        measure, unit = measure_unit
        if measure in ("members", "founding-members") and _LIST_ITEM_BEFORE.search(digits[clause_start:m.start()]):
            continue  # "Il associe la CCI, Pôle emploi, trois entreprises d'insertion et la Scop X": an item, not the total
        if measure == "count" and m.group("num") and not m.group("approx") and re.fullmatch(r"(?:19|20)\d{2}", m.group("num")):
            continue  # "l'édition 2021 avaient été...": a year before a word, not a count
        if m.group("round"):
            value = Decimal(_ROUND[fold(m.group("round")).split()[-1].rstrip("s")])
        else:
            value = _number(m.group("num"))
            if mult.startswith("milliard") or mult.startswith("md"):
                value *= 1_000_000_000
            elif mult.startswith("million") or mult == "m" or noun.lower() == "m€":
                value *= 1_000_000
            elif mult.startswith("millier") or mult == "k" or noun.lower() == "k€":
                value *= 1_000
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
        if measure in ("jobs", "fte") and re.search(r"\bcre(?:ation|er|ee?s?)\b|nouveaux", clause):
            measure += "-created"
        figure = Figure(measure=measure, value=value, unit=unit,
                        stated_as=_stated(text, digits, clause_start, clause_end, same_length), lines=[],
                        approximation=_approximation(m.group("approx"), bool(m.group("round"))),
                        per_year=bool(re.match(r"\W*(?:\w+\s+){0,2}par an\b", digits[m.end():])),
                        is_target=bool(_FUTURE.search(clause)), year=_year(clause))
        if measure == "count":
            figure.counted_kind_text = noun
        out.append(_fact(segment, m.start(), m.end(), figure, text, context, places, clause_start, clause_end))
    return out


_COUNT_FIELD = re.compile(r"(?:nombre|nb\.?) (?:de |d['’])\s*(?P<noun>[\w'’\- ]+)|(?P<staff>effectifs?)", re.IGNORECASE)


def _field_count(segment, digits: str, context, places) -> Quantity | None:
    """"Nombre de sociétaires : 143", "Effectif : 12": the field's key says what is counted."""
    if segment.kind != "field" or not segment.key:
        return None
    key = _COUNT_FIELD.fullmatch(segment.key.strip())
    # "Salariés : 4 (3,2 ETP)": the number, and what the brackets say is read as any figure
    value = re.fullmatch(rf"\s*(?P<num>{_NUMBER})\s*(?:€|euros?)?\s*(?:\([^()]{{1,40}}\)\s*)?", digits[segment.value_start:])
    if value is None:
        return None
    if key is not None:
        noun = "salariés" if key.group("staff") else key.group("noun").strip()
        measure_unit = _classify(noun, fold(segment.key))
    else:  # "Membres : 17", "Salariés permanents (ETP) : 2,5": a key that is what is counted, if the rules know it
        noun = segment.key.strip()
        measure_unit = _classify(noun, fold(segment.key)) if re.match(r"[A-Za-zÀ-ÿ]", noun) else None
        if measure_unit is not None and measure_unit[0] == "count":
            return None
    if measure_unit is None:
        return None
    start, end = segment.value_start + value.start("num"), segment.value_start + value.end("num")
    number = _number(value.group("num"))
    figure = Figure(measure=measure_unit[0], value=number.quantize(Decimal(1)) if number == number.to_integral_value() else number,
                    unit=measure_unit[1], stated_as=segment.text, lines=[])
    if figure.measure == "count":
        figure.counted_kind_text = noun
    return _fact(segment, start, end, figure, segment.text, context, places, 0, len(segment.text))


def _fact(segment, start, end, figure, text, context, places, clause_start, clause_end) -> Quantity:
    clause = fold(segment.text[clause_start:clause_end]) if clause_end <= len(segment.text) else ""
    sentence_start, sentence_end = segment.sentence_at(min(start, len(segment.text) - 1))
    sentence = fold(segment.text[sentence_start:sentence_end])
    territorial = figure.measure in ("inhabitants", "communes") and not re.search(r"«\s*d'habitants", fold(text))
    territorial |= bool(_TERRITORY.search(clause) or _TERRITORY.search(sentence[: max(0, start - sentence_start) + 1]))
    territorial |= any(clause_start <= p.start < clause_end and p.place is not None and p.place.kind != "epci"
                       for p in places) and figure.measure in ("employees", "jobs", "inhabitants", "communes")
    if re.search(r"\b(?:ptce|pole|adherents?|membres?|le projet)\b", clause) and figure.measure not in ("inhabitants", "communes"):
        territorial = False
    return Quantity(start, end, segment.text[start:end] if end <= len(segment.text) else "", "quantities",
                    figure=figure, of_territory=territorial)


def _is_date_or_code(text: str, m: re.Match) -> bool:
    """"en 2013", "le 20 février", "loi 2014-856", "14000 Caen", "06 12 34 56 78"."""
    number = m.group("num")
    before = text[max(0, m.start() - 12) : m.start()]
    if re.fullmatch(r"(?:19|20)\d{2}", number) and not m.group("mult") and not m.group("approx"):
        # "en 2013", "depuis 2009"; but "plus de 2000 personnes" is a count
        return bool(re.search(r"(?:\b(?:en|depuis|dès|de|d'ici|fin|début|année|le|au|avant|après|vers|entre|et)\s*|[,(]\s*|^\s*)$",
                              before, re.IGNORECASE)) or not re.match(r"\s+[a-zà-ÿ]", text[m.end("num"):])
    if re.search(r"(?:loi|article|n°|no|décret|page|p\.)\s*$", before, re.IGNORECASE):
        return True
    if re.search(r"\b\d{1,2}\s*h\s*$", before) or re.match(r"\s*h\s*\d{2}\b", text[m.end("num"):]):
        return True  # "9 h 30", "16 h 00 Clôture": a time of day
    return bool(re.fullmatch(r"\d{5}", number.replace(" ", "")) and re.match(r"\s+[A-ZÀ-Ý]", text[m.end("num"):]))


def _clause(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, position) for c in ".;:!?()") + 1
    ends = [i for i in (text.find(c, position) for c in ".;!?") if i >= 0]
    # "3.500" and "100.000" are numbers, not sentence ends
    ends = [i for i in ends if not (text[i] == "." and i + 1 < len(text) and text[i + 1].isdigit())]
    return start, min(ends) if ends else len(text)


def _stated(text: str, digits: str, start: int, end: int, same_length: bool) -> str:
    source = text if same_length else digits
    return source[start:end].strip().lstrip("-•· ").rstrip(".;")


def _year(clause: str) -> int | None:
    """The year a figure is of; not the year the organisation was created when the clause says the
    figure is of now ("association créée en 2012, fédère désormais 72 structures"; "créée en 2018
    par trois associations" keeps 2018)."""
    now = re.search(r"\b(?:desormais|aujourd'?\s?hui|actuellement|maintenant)\b", clause)
    for m in re.finditer(r"\b(?:en|depuis|au|fin|debut)\s+((?:19|20)\d{2})\b", clause):
        if not (now and re.search(r"\b(?:creee?s?|fondee?s?|constituee?s?|nee?s?|lancee?s?)\s*$", clause[max(0, m.start() - 20):m.start()])):
            return int(m.group(1))
    return None


EXAMPLES = [  # (text, figures found)
    ("Il associe la CCI de la Drôme, Pôle emploi, trois entreprises d'insertion et la Scop Bois et Compagnie.", set()),
    ("Le pôle regroupe 12 structures, dont 3 associations.", {"figure members=12"}),
    ("En 2013, 116 structures ont été rencontrées par le pôle, qui réunit ses membres.", {"figure members=116"}),
    ("En 2022, Le Damier compte soixante adhérents.", {"figure members=60"}),
    ("Association créée en 2012, le pôle fédère désormais 72 structures.", {"figure members=72"}),
    ("Nombre de sociétaires : 143", {"figure count of sociétaires=143"}),
    ("9 h 30   Ouverture par le président", set()),
    ("Une part sociale de 50 € (100 € pour les collectivités).", set()),
    ("Notre pôle est une association loi 1901 membre du réseau des PTCE.", set()),
    ("Le PACTE, qui emploie lui-même deux salariés, espère créer des emplois.", {"figure employees=2"}),
    ("le numéro SIRET 501 234 561 00099 cité dans une version antérieure est erroné", set()),
    ("Effectif : 12", {"figure employees=12"}),
    ("Salariés : 4 (3,2 ETP)", {"figure employees=4", "figure fte=3.2"}),
    ("Ils totalisent 430 emplois et 25 millions d'euros de chiffre d'affaires.", {"figure jobs=430", "figure turnover=25000000"}),
    ("La ressourcerie est installée dans un local de 600 m2.", {"figure floor-area=600"}),
    ("il bénéficie d'un accompagnement financier de 100.000 euros.", {"figure grant=100000"}),
    ("Phares compte désormais une quinzaine « d'habitants », autrement dit, de membres.", {"figure count of habitants=15"}),
    ("Rejoints par près d'une centaine de citoyens qui ont adhéré", {"figure count of citoyens=100"}),
    ("En 2013, le nombre des adhérents est passé de 34 à 47, soit plus de 27 %.", {"figure members=47"}),
    ("Cela représente 1 593 salariés et 191 établissements.", {
        "figure employees=1593 (territory)", "figure count of établissements=191 (territory)"}),
    ("La ville de Toucy abrite 2730 habitants.", {"figure inhabitants=2730 (territory)"}),
    ("Le pôle est créé en 2012 par sept associations et entreprises qui y ont élu domicile depuis un an.", {
        "figure hosted-structures=7"}),
    ("Pendant 20 ans, le 4 août 2015, à 30 km, 27 %, loi 2014-856, 14000 Caen", set()),
    ("Ces magasins accueillent plus de 2000 personnes par an, depuis 2000 environ.", {"figure count of personnes=2000"}),
]
