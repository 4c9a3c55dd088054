"""INSEE geography: the committed extract, the resolvers and the two parsers, on the real phrases
of the seed documents (data/fiches). No mocks: everything runs on data/reference/geo."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
from converters.folding import name_key, strip_article
from converters.link.geography import GEO_DIR, Geography, get_geography
from converters.link.territory import parse_address, parse_territory
from converters.link.refresh_geography import build_extract

LAUREATES = ROOT / "data" / "fiches" / "ptce-laureats-2014.txt"


@pytest.fixture(scope="module")
def geo() -> Geography:
    return get_geography()


def codes(matches) -> list[tuple[str, str]]:
    return [(m.place.kind, m.place.code) for m in matches]


# ------------------------------------------------------------------------------------ extract
def test_extract_is_small_and_has_every_level():
    sizes = {p.name: p.stat().st_size for p in GEO_DIR.glob("*.csv")}
    assert set(sizes) == {"communes.csv", "departements.csv", "regions.csv", "collectivites.csv",
                          "epci.csv", "ept.csv", "former-regions.csv", "gentiles.csv"}
    assert sum(sizes.values()) < 3_000_000
    with open(GEO_DIR / "communes.csv", encoding="utf-8") as f:
        types = {row["type"] for row in csv.DictReader(f)}
    assert types == {"commune", "arrondissement municipal", "commune déléguée", "commune associée"}


def test_former_regions_cover_each_departement_once_and_point_to_its_current_region():
    with open(GEO_DIR / "departements.csv", encoding="utf-8") as f:
        region_of = {r["code"]: r["region"] for r in csv.DictReader(f)}
    with open(GEO_DIR / "former-regions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 27
    listed = [d for r in rows for d in r["departements"].split()]
    assert len(listed) == len(set(listed)) == 101
    for r in rows:
        assert {region_of[d] for d in r["departements"].split()} == {r["region_actuelle"]}


def test_refresh_writes_the_same_sorted_files_on_every_run(tmp_path):
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    data = {  # real entries of the package, in a scrambled order
        "communes": [
            {"code": "75118", "nom": "Paris 18e Arrondissement", "type": "arrondissement-municipal",
             "commune": "75056", "departement": "75", "region": "11", "codesPostaux": ["75018"]},
            {"code": "71288", "nom": "Massy", "type": "commune-deleguee", "chefLieu": "71582",
             "departement": "71", "region": "27"},
            {"code": "44003", "nom": "Ancenis-Saint-Géréon", "type": "commune-actuelle",
             "departement": "44", "region": "52", "anciensCodes": ["44160"],
             "codesPostaux": ["44150"], "population": 11500},
            {"code": "75056", "nom": "Paris", "type": "commune-actuelle", "departement": "75",
             "region": "11", "codesPostaux": ["75018", "75001"]},
        ],
        "departements": [{"code": "75", "nom": "Paris", "region": "11", "chefLieu": "75056"},
                         {"code": "44", "nom": "Loire-Atlantique", "region": "52",
                          "chefLieu": "44109"}],
        "regions": [{"code": "11", "nom": "Île-de-France", "chefLieu": "75056"}],
        "epci": [{"code": "244400552", "nom": "CC du Pays d'Ancenis", "type": "CC",
                  "membres": [{"code": "44003"}]}],
        "ept": [],
    }
    for name, rows in data.items():
        (package / "data" / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    first, second = tmp_path / "a", tmp_path / "b"
    build_extract(package, first)
    build_extract(package, second)
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()
    assert (first / "communes.csv").read_text(encoding="utf-8").splitlines() == [
        "code,nom,type,departement,region,parent,epci,ept,codes_postaux,anciens_codes,population",
        "44003,Ancenis-Saint-Géréon,commune,44,52,,244400552,,44150,44160,11500",
        "71288,Massy,commune déléguée,71,27,71582,,,,,",
        "75056,Paris,commune,75,11,,,,75001 75018,,",
        "75118,Paris 18e Arrondissement,arrondissement municipal,75,11,75056,,,75018,,",
    ]


# -------------------------------------------------------------------------------- normalize
def test_fold_ignores_accents_case_apostrophes_hyphens_and_expands_saint():
    assert name_key("L’Île-St-Denis") == name_key("l'ile saint denis") == "l ile saint denis"
    assert name_key("Ste-Agathe") == "sainte agathe"
    assert strip_article(name_key("Les Deux-Sèvres")) == "deux sevres"


# ------------------------------------------------------------------------------ départements
@pytest.mark.parametrize("text, code", [
    ("05", "05"), ("2A", "2A"), ("2b", "2B"), ("971", "971"),
    ("Hautes-Alpes", "05"), ("Alpes de Haute-Provence", "04"), ("Bouches du Rhône", "13"),
    ("Les Deux-Sèvres", "79"), ("la Seine-Saint-Denis", "93"), ("Côte-d'Or", "21"),
    ("Seine-St-Denis", "93"), ("Alpes maritimes", "06"), ("Réunion", "974"),
    ("Hautes-Alpes (05)", "05"),
])
def test_departement_resolves_codes_and_written_names(geo, text, code):
    match = geo.departement(text)
    assert (match.place.kind, match.place.code) == ("departement", code)


def test_departement_whose_name_contradicts_its_code_is_unresolved_with_both(geo):
    match = geo.departement("Oise (61)")
    assert match.place is None
    assert {p.code for p in match.candidates} == {"60", "61"}
    assert "Orne" in match.problem


def test_unknown_departement_code_says_so(geo):
    match = geo.departement("99")
    assert match.place is None and "99" in match.problem


# ----------------------------------------------------------------------------------- régions
@pytest.mark.parametrize("text, kind, code", [
    ("Provence-Alpes-Côte d'Azur", "region", "93"), ("PACA", "region", "93"),
    ("Île-de-France", "region", "11"), ("Ile de france", "region", "11"), ("IDF", "region", "11"),
    ("région Centre", "region", "24"), ("Bretagne", "region", "53"), ("Corse", "region", "94"),
    ("Champagne-Ardenne", "former-region", "21"), ("Poitou-Charentes", "former-region", "54"),
    ("Picardie", "former-region", "22"), ("Midi-Pyrénées", "former-region", "73"),
    ("Midi Pyrénées", "former-region", "73"), ("région midi Pyrénées", "former-region", "73"),
    ("Nord-Pas-de-Calais", "former-region", "31"), ("Nord-pas-de Calais", "former-region", "31"),
    ("Rhône Alpes", "former-region", "82"), ("Haute Normandie", "former-region", "23"),
    ("Basse-Normandie", "former-region", "25"), ("Auvergne", "former-region", "83"),
])
def test_region_resolves_current_former_and_short_names(geo, text, kind, code):
    match = geo.region(text)
    assert (match.place.kind, match.place.code) == (kind, code)


def test_former_region_has_its_successor_as_parent(geo):
    picardie = geo.region("Picardie").place
    assert picardie.parents == (("region", "32"),)
    assert [p.name for p in geo.parents(picardie)] == ["Hauts-de-France"]
    assert "Hauts-de-France" in geo.region("Picardie").method


def test_region_with_unchanged_perimeter_resolves_to_the_current_region(geo):
    match = geo.region("Centre")
    assert (match.place.kind, match.place.name) == ("region", "Centre-Val de Loire")
    assert "before 2016" in match.method
    assert geo.get("former-region", "24") is None and geo.get("former-region", "11") is None


# ---------------------------------------------------------------------------------- communes
@pytest.mark.parametrize("name", ["Orleans", "ORLÉANS", "orléans"])
def test_commune_ignores_accents_and_case(geo, name):
    assert geo.commune(name).place.code == "45234"


def test_commune_ignores_hyphens_and_saint_abbreviations(geo):
    assert geo.commune("St Etienne", departements=["42"]).place.code == "42218"
    assert geo.commune("Clermont Ferrand").place.code == "63113"


def test_commune_with_article_resolves_with_or_without_it(geo):
    assert geo.commune("L'Île-Saint-Denis").place.code == "93039"
    assert geo.commune("La Verrière", departements=["78"]).place.code == "78644"
    match = geo.commune("Kremlin-Bicêtre")
    assert match.place.name == "Le Kremlin-Bicêtre" and "article" in match.method


def test_commune_spelt_with_accent_matches_insee_spelling_without(geo):
    match = geo.commune("Langouët")
    assert (match.place.code, match.place.name) == ("35146", "Langouet")


def test_cedex_postcode_resolves_by_town_in_departement(geo):
    match = geo.commune("Dijon Cedex", postcode="21071")
    assert match.place.code == "21231"
    assert "21071" in match.method and "CEDEX" in match.method


@pytest.mark.parametrize("name, postcode, code", [
    ("Ajaccio Cedex 1", "20176", "2A004"), ("Bastia Cedex", "20406", "2B033"),
    ("Saint-Denis Cedex", "97405", "97411"),
])
def test_cedex_postcode_in_corsica_and_overseas_finds_the_departement(geo, name, postcode, code):
    assert geo.commune(name, postcode=postcode).place.code == code


def test_former_commune_name_resolves_to_the_merged_commune_and_says_so(geo):
    match = geo.commune("Ancenis", postcode="44150")
    assert (match.place.code, match.place.name) == ("44003", "Ancenis-Saint-Géréon")
    assert match.method.startswith("former commune Ancenis merged into Ancenis-Saint-Géréon (44003)")


def test_commune_deleguee_name_resolves_to_todays_commune(geo):
    match = geo.commune("Massy", departements=["71"])
    assert match.place.code == "71582"
    assert "former commune Massy" in match.method and "71288" in match.method


def test_former_code_resolves_to_todays_commune(geo):
    assert geo.commune_by_code("44160").place.code == "44003"
    assert geo.commune_by_code("71288").place.code == "71582"
    assert geo.commune_by_code("05061").method == "INSEE code 05061"


def test_ambiguous_name_without_context_returns_candidates_not_a_guess(geo):
    match = geo.commune("Massy")
    assert match.place is None
    assert {p.code for p in match.candidates} == {"91377", "76415", "71582"}
    assert "3 communes of France" in match.problem


@pytest.mark.parametrize("postcode, departements", [("91300", ()), (None, ["91"])])
def test_ambiguous_name_with_postcode_or_departement_is_resolved(geo, postcode, departements):
    assert geo.commune("Massy", postcode=postcode, departements=departements).place.code == "91377"


def test_castres_needs_the_tarn(geo):
    assert geo.commune("Castres").place is None
    assert {p.code for p in geo.commune("Castres").candidates} == {"81065", "02142"}
    assert geo.commune("Castres", departements=["81"]).place.code == "81065"


def test_postcode_shared_by_several_communes_picks_the_named_one(geo):
    assert geo.commune("La Rochette", postcode="05000").place.code == "05124"
    assert geo.commune("Gap", postcode="05000").place.code == "05061"
    assert geo.commune("Vair-sur-Loire", postcode="44150").place.code == "44163"


@pytest.mark.parametrize("name, postcode, code", [
    ("Paris 18e", None, "75118"), ("Paris, 18° arrondissement", None, "75118"),
    ("Paris", "75018", "75118"), ("Paris", "75016", "75116"), ("Marseille 1er", None, "13201"),
    ("Lyon 3e arrondissement", None, "69383"), ("Marseille", "13001", "13201"),
])
def test_paris_lyon_marseille_arrondissements(geo, name, postcode, code):
    match = geo.commune(name, postcode=postcode)
    assert (match.place.kind, match.place.code) == ("arrondissement", code)


def test_arrondissement_parents_are_its_commune_then_departement_then_region(geo):
    arr = geo.commune("Paris 18e").place
    assert arr.parents == (("commune", "75056"),)
    assert [(p.kind, p.code) for p in geo.parents(arr)] == [
        ("commune", "75056"), ("departement", "75"), ("epci", "200054781"), ("region", "11")]


def test_commune_parents_include_its_epci_and_ept(geo):
    ile_saint_denis = geo.get("commune", "93039")
    assert ile_saint_denis.parents == (("departement", "93"), ("epci", "200054781"),
                                       ("ept", "200057867"))
    assert "93450" in ile_saint_denis.postcodes


def test_short_name_completed_by_a_linking_word_only_in_context_and_reported(geo):
    match = geo.commune("Romans", departements=["26"])
    assert match.place.code == "26281"
    assert "linking word" in match.method
    assert geo.commune("Romans").place is None  # Romans (01) and Romans (79): no completion


def test_unresolved_commune_says_what_was_tried(geo):
    match = geo.commune("Etampe")
    assert match.place is None and "Etampe" in match.problem
    elsewhere = geo.commune("Castres", departements=["33"])
    assert elsewhere.place is None
    assert "département 33" in elsewhere.problem and "81065" in elsewhere.problem


# ---------------------------------------------------------------------------------- EPCI/EPT
@pytest.mark.parametrize("name, kind, code", [
    ("Communauté d'agglomération du Pays Voironnais", "epci", "243800984"),
    ("communauté d'agglomération de Castres-Mazamet", "epci", "248100430"),
    ("Communauté d'agglomération du Val de Fensch", "epci", "245701222"),
    ("Toulouse Métropole", "epci", "243100518"),
    ("Grand-Orly Seine Bièvre", "ept", "200058014"),
    ("CC de l'Est Lyonnais", "epci", "246900575"),
])
def test_epci_and_ept_resolve_from_their_written_names(geo, name, kind, code):
    match = geo.epci(name)
    assert (match.place.kind, match.place.code) == (kind, code)


def test_epci_type_change_is_reported(geo):
    match = geo.epci("Communauté urbaine de Toulouse Métropole")
    assert match.place.code == "243100518"
    assert "communauté urbaine" in match.method and "métropole" in match.method


def test_former_epci_is_unresolved_with_a_clear_problem(geo):
    match = geo.epci("la communauté d'Agglomération du Plateau de Saclay")
    assert match.place is None
    assert "no EPCI or EPT of today" in match.problem
    assert "Paris-Saclay" in match.problem  # a hint, not a resolution


def test_epci_outside_the_given_departements_is_not_returned(geo):
    match = geo.epci("Communauté de communes du Pays de Bray", departements=["76"])
    assert match.place is None and "246000913" in match.problem
    assert geo.epci("Communauté de communes du Pays de Bray", ["60"]).place.code == "246000913"


def test_ept_is_inside_the_metropole_du_grand_paris(geo):
    ept = geo.epci("Grand-Orly Seine Bièvre").place
    assert [p.name for p in geo.parents(ept)] == ["Métropole du Grand Paris"]


# --------------------------------------------------------------------------------- territory
TERRITORIES = [
    ("Hautes-Alpes (05) et Alpes-de-Haute-Provence (04)",
     [("departement", "05"), ("departement", "04")], []),
    ("Parc naturel régional des Ardennes - Revin, Auvillers-les-Forges - Ardennes (08)",
     [("commune", "08363"), ("commune", "08037"), ("departement", "08")],
     ["Parc naturel régional des Ardennes"]),
    ("Nord Alpilles - Bouches-du-Rhône (13)", [("departement", "13")], ["Nord Alpilles"]),
    ("Quartier des Grésilles, Dijon - Côte-d'Or (21)",
     [("commune", "21231"), ("departement", "21")], ["Quartier des Grésilles"]),
    ("agglomération de Romans - Drôme (26)",
     [("commune", "26281"), ("departement", "26")], ["agglomération de Romans"]),
    ("Communauté urbaine de Toulouse Métropole - Haute-Garonne (31)",
     [("epci", "243100518"), ("departement", "31")], []),
    ("quartier du Sanitas, bassin d'emploi de Tours – Indre-et-Loire (37)",
     [("commune", "37261"), ("departement", "37")],
     ["quartier du Sanitas", "bassin d'emploi de Tours"]),
    ("Centre Isère (38)", [("departement", "38")], ["Centre Isère"]),
    ("« Bassin de solidarité » de Juratri, soit un rayon de 20 km autour de Lons-le-Saunier – "
     "Jura (39)", [("commune", "39300"), ("departement", "39")],
     ["« Bassin de solidarité » de Juratri", "un rayon de 20 km autour de Lons-le-Saunier"]),
    ("Sud des Landes / Pays Basque - canton du Seignanx - Landes (40)",
     [("departement", "40")], ["Sud des Landes", "Pays Basque", "canton du Seignanx"]),
    ("Saint-Étienne - Loire (42)", [("commune", "42218"), ("departement", "42")], []),
    ("Bassin d'emploi d'Ancenis - Loire-Atlantique (44)",
     [("commune", "44003"), ("departement", "44")], ["Bassin d'emploi d'Ancenis"]),
    ("bassin d'emploi de Saint-Dizier – Haute-Marne (52)",
     [("commune", "52448"), ("departement", "52")], ["bassin d'emploi de Saint-Dizier"]),
    ("Val de Fensch - Moselle (57)", [("departement", "57")], ["Val de Fensch"]),
    ("Nord (59)", [("departement", "59")], []),
    ("Clermont-Ferrand - Puy-de-Dôme (63)", [("commune", "63113"), ("departement", "63")], []),
    ("Paris, 18° arrondissement (75)", [("arrondissement", "75118"), ("departement", "75")], []),
    ("Île-de-France, et plus particulièrement les départements de Paris (75), de la "
     "Seine-Saint-Denis (93) et du Val-de-Marne (94)",
     [("region", "11"), ("departement", "75"), ("departement", "93"), ("departement", "94")], []),
    ("Ville de La Verrière - Yvelines (78)", [("commune", "78644"), ("departement", "78")], []),
    ("Castres - Tarn (81)", [("commune", "81065"), ("departement", "81")], []),
    ("Les Deux-Sèvres (79)", [("departement", "79")], []),
    ("L'Île-Saint-Denis - Seine-Saint-Denis (93)",
     [("commune", "93039"), ("departement", "93")], []),
    ("Plateau de Saclay, Nord-Ouest Essonne", [("departement", "91")],
     ["Plateau de Saclay", "Nord-Ouest Essonne"]),
]


@pytest.mark.parametrize("text, places, areas", TERRITORIES, ids=[t[0][:40] for t in TERRITORIES])
def test_territory_lines_of_the_laureates_resolve(text, places, areas):
    result = parse_territory(text)
    assert codes(result.places) == places
    assert result.areas == areas
    assert result.conflicts == [] and result.unresolved == []


def territory_values(path: Path) -> list[str]:
    """The "Territoire:" values of a seed document, a wrapped line joined to its continuation
    (in these documents a blank line, then the rest, then a blank line and "Le projet :")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    values = []
    for i, line in enumerate(lines):
        if line.startswith("Territoire:"):
            value = line.split(":", 1)[1].strip()
            after = lines[i + 2] if i + 2 < len(lines) else ""
            if after.strip() and not after.startswith("Le projet"):
                value += " " + after.strip()
            values.append(value)
    return values


def test_every_territory_line_of_the_seed_fiches_is_tested():
    real = territory_values(LAUREATES)
    noe = (ROOT / "data/fiches/poles-noe-saclay.txt").read_text(encoding="utf-8")
    assert "Territoire : Plateau de Saclay, Nord-Ouest Essonne\n" in noe
    real.append("Plateau de Saclay, Nord-Ouest Essonne")
    assert len(real) == 24
    assert sorted(real) == sorted([t for t, _, _ in TERRITORIES] + [PAYS_DE_BRAY])


def test_area_words_never_yield_a_commune():
    for text in ["Pays de Bray", "Nord Alpilles", "Centre Isère", "Val de Fensch",
                 "Plateau de Saclay"]:
        assert [p for p in parse_territory(text).places if p.place.kind == "commune"] == []
    assert codes(parse_territory("Centre Isère (38)").places) == [("departement", "38")]


PAYS_DE_BRAY = "Pays de Bray - Oise (61) et Seine-Maritime (76)"


def pays_de_bray_fiche() -> str:
    text = LAUREATES.read_text(encoding="utf-8")
    start = text.index("PTCE Pays de Bray")
    return text[start:text.index("\nContact\n", start)]


def test_departement_name_code_conflict_is_reported_and_settled_by_the_fiche():
    fiche = pays_de_bray_fiche()
    assert f"Territoire: {PAYS_DE_BRAY}" in fiche
    result = parse_territory(PAYS_DE_BRAY, fiche)
    assert codes(result.places) == [("departement", "60"), ("departement", "76")]
    assert result.areas == ["Pays de Bray"]
    [conflict] = result.conflicts
    assert "Oise" in conflict and "Orne" in conflict and "Picardie" in conflict
    assert "conflict" in result.places[0].method


def test_departement_conflict_without_support_keeps_the_name_and_says_so():
    result = parse_territory(PAYS_DE_BRAY)
    assert codes(result.places) == [("departement", "60"), ("departement", "76")]
    assert "neither" in result.conflicts[0] and "kept the name's" in result.conflicts[0]


def test_departement_conflict_follows_the_code_when_the_fiche_supports_it():
    context = "Chambre des métiers de l'Orne, partenaires en Basse-Normandie et dans l'Orne."
    result = parse_territory("Oise (61)", context)
    assert codes(result.places) == [("departement", "61")]


def test_ambiguous_or_unknown_town_is_unresolved_with_a_problem():
    result = parse_territory("Massy")
    assert result.places == [] and result.unresolved == ["Massy"]
    assert "3 communes of France" in result.problems[0]
    assert parse_territory("Etampe").unresolved == ["Etampe"]


def test_former_epci_in_territory_is_unresolved():
    result = parse_territory("la communauté d'Agglomération du Plateau de Saclay")
    assert result.places == []
    assert result.unresolved == ["la communauté d'Agglomération du Plateau de Saclay"]


def test_region_alone_gives_context_for_communes():
    result = parse_territory("Région Bretagne, Rennes")
    assert codes(result.places) == [("region", "53"), ("commune", "35238")]


# ----------------------------------------------------------------------------------- address
ADDRESSES = [
    # text, thoroughfare, po_box, postcode, post_name, cedex, (kind, code)
    ("40, rue Carnot 05000 Gap", "40, rue Carnot", None, "05000", "Gap", False,
     ("commune", "05061")),
    ("75, rue Victor Hugo 08500 Revin", "75, rue Victor Hugo", None, "08500", "Revin", False,
     ("commune", "08363")),
    ("2, rue Boutaric B.P. 77 106 21071 Dijon Cedex", "2, rue Boutaric", "B.P. 77 106", "21071",
     "Dijon Cedex", True, ("commune", "21231")),
    ("27, bis Maurice-Sarraut 31300 Toulouse", "27, bis Maurice-Sarraut", None, "31300",
     "Toulouse", False, ("commune", "31555")),
    ("108, rue de Bourgogne 45000 Orléans", "108, rue de Bourgogne", None, "45000", "Orléans",
     False, ("commune", "45234")),
    ("55, rue Basse 39570 Conliège", "55, rue Basse", None, "39570", "Conliège", False,
     ("commune", "39164")),
    ("Centre municipal A. Castets 40220 Tarnos", None, None, "40220", "Tarnos", False,
     ("commune", "40312")),
    ("20, rue Saint-Joseph 42000 Saint-Étienne", "20, rue Saint-Joseph", None, "42000",
     "Saint-Étienne", False, ("commune", "42218")),
    ("Espace Corail 30, place Francis Robert 44150 Ancenis", "30, place Francis Robert", None,
     "44150", "Ancenis", False, ("commune", "44003")),
    ("ZI Ste Agathe 9, rue Descartes 57190 Florange", "9, rue Descartes", None, "57190",
     "Florange", False, ("commune", "57221")),
    ("Pascalis 1 10, Allée Evariste-Galois 63000 Clermont-Ferrand", "10, Allée Evariste-Galois",
     None, "63000", "Clermont-Ferrand", False, ("commune", "63113")),
    ("6, rue des Gardes 75018 Paris", "6, rue des Gardes", None, "75018", "Paris", False,
     ("arrondissement", "75118")),
    ("Avenue des Noës 78320 La Verrière", "Avenue des Noës", None, "78320", "La Verrière", False,
     ("commune", "78644")),
    ("Les Ateliers 22, rue Mérigonde 81100 Castres", "22, rue Mérigonde", None, "81100",
     "Castres", False, ("commune", "81065")),
    ("6, rue Arnold Géraux 93450 L'Île-Saint-Denis", "6, rue Arnold Géraux", None, "93450",
     "L'Île-Saint-Denis", False, ("commune", "93039")),
]


@pytest.mark.parametrize("text, thoroughfare, po_box, postcode, post_name, cedex, place",
                         ADDRESSES, ids=[a[0][:40] for a in ADDRESSES])
def test_contact_addresses_of_the_laureates_parse_and_resolve(
        text, thoroughfare, po_box, postcode, post_name, cedex, place):
    address = parse_address(text)
    assert (address.thoroughfare, address.po_box, address.postcode, address.post_name,
            address.cedex) == (thoroughfare, po_box, postcode, post_name, cedex)
    assert (address.commune.place.kind, address.commune.place.code) == place
    assert address.full == text
    assert text in LAUREATES.read_text(encoding="utf-8")


def test_address_keeps_what_precedes_the_street_as_locator():
    assert parse_address("Espace Corail 30, place Francis Robert 44150 Ancenis").locator == \
        "Espace Corail"
    assert parse_address("Centre municipal A. Castets 40220 Tarnos").locator == \
        "Centre municipal A. Castets"


def test_merged_commune_in_address_says_so():
    method = parse_address("Espace Corail 30, place Francis Robert 44150 Ancenis").commune.method
    assert method.startswith("former commune Ancenis merged into Ancenis-Saint-Géréon (44003)")


def test_text_without_postcode_and_town_is_not_an_address():
    assert parse_address("contact@la-coursive.fr") is None
    assert parse_address("") is None
