"""The PTCE laureates document (data/fiches/ptce-laureats-2014.txt) as the registry publishes it.

Every test asks the built registry.ttl (or the private graph, or the dumps) a SPARQL question and
checks the answer against what the source says; the line numbers quoted are those of `cat -n`.
One real build per session (conftest.ptce_build); nothing is mocked.
"""
from __future__ import annotations

import gzip
import re
import unicodedata

import pytest

from conftest import EMAIL, LAUREATES, line_numbers_containing, values

DOCUMENT_FILE = LAUREATES.name


# --- helpers ---------------------------------------------------------------------------------

def pole_by_label(build, label: str) -> str:
    found = build.values(f'SELECT ?pole WHERE {{ ?pole a ess:PTCE ; skos:prefLabel "{label}"@fr }}')
    assert len(found) == 1, f"expected one ess:PTCE labelled {label!r}, found {sorted(found)}"
    return found.pop()


def pole_citing(build, source_lines, text: str) -> str:
    """The pole whose fiche holds the (unique) line containing `text`, found by its ess:sourceLine."""
    numbers = line_numbers_containing(source_lines, text)
    assert len(numbers) == 1, f"{text!r} is on lines {numbers} of {DOCUMENT_FILE}"
    found = build.values(f"""SELECT ?pole WHERE {{
        ?pole a ess:PTCE ; ess:sourceLine ?line . ?line ess:lineNumber ?n . FILTER(?n = {numbers[0]}) }}""")
    assert len(found) == 1, f"expected one ess:PTCE citing line {numbers[0]} ({text!r}), found {sorted(found)}"
    return found.pop()


def departements(build, pole: str) -> set[str]:
    return build.values(f"""SELECT ?code WHERE {{
        <{pole}> dcterms:spatial ?d . ?d a igeo:Departement ; igeo:codeINSEE ?code }}""")


def coordinators(build, pole: str) -> set[str]:
    return build.values(f"""SELECT ?org WHERE {{
        ?m org:organization <{pole}> ; org:role role:coordinator ; org:member ?org ; a org:Membership }}""")


def the_coordinator(build, pole: str) -> str:
    found = coordinators(build, pole)
    assert len(found) == 1, f"expected one coordinator of <{pole}>, found {sorted(found)}"
    return found.pop()


def address_commune(build, pole: str) -> set[str]:
    return build.values(f"""SELECT ?code WHERE {{
        <{pole}> locn:address ?a . ?a a locn:Address ; ess:commune ?c . ?c a igeo:Commune ; igeo:codeINSEE ?code }}""")


def figures(build, owner: str) -> dict[str, dict]:
    """The figures of a resource by measure slug (one per measure expected)."""
    rows = build.select(f"""SELECT ?measure ?value ?unit ?approximation (STR(?period) AS ?periodText)
                                   (DATATYPE(?period) AS ?periodType) WHERE {{
        <{owner}> ess:figure ?f . ?f a ess:Figure ; ess:measure ?measure ; rdf:value ?value .
        OPTIONAL {{ ?f ess:unit ?unit }} OPTIONAL {{ ?f ess:approximation ?approximation }}
        OPTIONAL {{ ?f ess:referencePeriod ?period }} }}""")
    by_measure: dict[str, dict] = {}
    for row in rows:
        slug = row["measure"].rsplit("/", 1)[-1]
        assert slug not in by_measure, f"<{owner}> has two figures for measure:{slug}"
        by_measure[slug] = row
    return by_measure


def unit(slug: str) -> str:
    return f"https://w3id.org/ess-poles/def/unit/{slug}"


def approx(slug: str) -> str:
    return f"https://w3id.org/ess-poles/def/approximation/{slug}"


def legal_form_notation(build, org: str, legal_form: str) -> set[str]:
    """The INSEE notations of the catégorie juridique the org's legal form `lf:{legal_form}` matches."""
    return build.values(f"""SELECT ?notation WHERE {{
        <{org}> rov:orgType lf:{legal_form} . lf:{legal_form} skos:exactMatch ?cj . ?cj skos:notation ?notation }}""")


def fold(text: str) -> str:
    """Without accents and typographic apostrophes, case kept ("Crésol" -> "Cresol")."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c))


STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "au", "aux", "a", "pour", "sur",
             "un", "une", "ptce"}


def name_words(label: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(label)) if w.lower() not in STOPWORDS}


def public_dumps(build) -> dict[str, str]:
    out = build.out
    return {
        "registry.ttl": (out / "registry.ttl").read_text(encoding="utf-8"),
        "registry.trig": (out / "registry.trig").read_text(encoding="utf-8"),
        "registry.nt.gz": gzip.decompress((out / "registry.nt.gz").read_bytes()).decode("utf-8"),
    }


# --- every laureate ----------------------------------------------------------------------------

def test_the_document_gives_23_ptce(ptce_build):
    rows = ptce_build.select("SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE { ?pole a ess:PTCE }")
    assert rows[0]["n"] == 23


def test_every_ptce_has_exactly_one_french_preferred_label(ptce_build):
    rows = ptce_build.select("""SELECT ?pole (COUNT(?label) AS ?labels) (SUM(IF(LANG(?label) = "fr", 1, 0)) AS ?french)
        WHERE { ?pole a ess:PTCE . OPTIONAL { ?pole skos:prefLabel ?label } } GROUP BY ?pole""")
    assert len(rows) == 23
    assert [r for r in rows if r["labels"] != 1 or r["french"] != 1] == []


def test_every_ptce_lies_in_at_least_one_departement(ptce_build):
    missing = ptce_build.values("""SELECT ?pole WHERE { ?pole a ess:PTCE .
        FILTER NOT EXISTS { ?pole dcterms:spatial ?d . ?d a igeo:Departement } }""")
    assert missing == set()


def test_every_ptce_has_a_theme(ptce_build):
    missing = ptce_build.values("""SELECT ?pole WHERE { ?pole a ess:PTCE .
        FILTER NOT EXISTS { ?pole dcterms:subject ?theme } }""")
    assert missing == set()


def test_every_ptce_has_a_coordinator_membership(ptce_build):
    poles = ptce_build.values("SELECT ?pole WHERE { ?pole a ess:PTCE }")
    coordinated = ptce_build.values("""SELECT DISTINCT ?pole WHERE {
        ?m org:role role:coordinator ; org:organization ?pole ; org:member ?org ; a org:Membership .
        ?pole a ess:PTCE . FILTER EXISTS { ?org a org:Organization } }""")
    assert sorted(poles - coordinated) == []


def test_only_groupe_archer_and_valoprest_coordinate_without_a_legal_form(ptce_build):
    # The source gives no legal form for these two coordinators (lines 350 and 753); every other
    # coordinator line names one, so a regression on any of the 21 others shows here.
    without = ptce_build.values("""SELECT ?label WHERE {
        ?m org:organization ?pole ; org:role role:coordinator ; org:member ?org . ?pole a ess:PTCE .
        ?org skos:prefLabel ?label . FILTER NOT EXISTS { ?org rov:orgType ?lf } }""")
    assert without == {"Groupe Archer", "Valoprest"}
    with_form = ptce_build.select("""SELECT (COUNT(DISTINCT ?pole) AS ?n) WHERE {
        ?m org:organization ?pole ; org:role role:coordinator ; org:member ?org . ?pole a ess:PTCE .
        ?org rov:orgType ?lf }""")
    assert with_form[0]["n"] == 21


def test_groupe_archer_coordinates_pole_sud_archer(ptce_build):
    pole = pole_by_label(ptce_build, "Pôle Sud Archer")
    assert ptce_build.ask(f"""ASK {{ ?m org:organization <{pole}> ; org:role role:coordinator ; org:member ?org .
        ?org skos:prefLabel "Groupe Archer"@fr }}""")


def test_valoprest_is_typed_as_an_entreprise_d_insertion_not_as_a_legal_form(ptce_build):
    assert ptce_build.ask("""ASK { ?m org:role role:coordinator ; org:member ?org .
        ?org skos:prefLabel "Valoprest"@fr ; org:classification stype:entreprise-d-insertion .
        FILTER NOT EXISTS { ?org rov:orgType ?lf } }""")


def test_build_report_warns_about_both_coordinators_without_legal_form(ptce_build):
    warnings = ptce_build.warnings()
    for name in ("Groupe Archer", "Valoprest"):
        assert [w for w in warnings if name in w and "legal form" in w], (name, warnings)


def test_la_verriere_coordinator_is_inferred_from_the_contact_email_domain(ptce_build, source_lines):
    # Lines 956-979: no title line and no "Coordinateur du projet" line; the contact writes from
    # mairie-laverriere.fr and "Ville de La Verrière" is among the partners.
    pole = pole_citing(ptce_build, source_lines, "Territoire: Ville de La Verrière")
    rows = ptce_build.select(f"""SELECT ?org ?label ?note WHERE {{
        ?m org:organization <{pole}> ; org:role role:coordinator ; org:member ?org ; a org:Membership .
        ?org skos:prefLabel ?label .
        OPTIONAL {{ ?m skos:editorialNote ?note }} }}""")
    assert {r["label"] for r in rows} == {"Ville de La Verrière"}
    org = rows[0]["org"]
    assert legal_form_notation(ptce_build, org, "commune") == {"7210"}
    notes = [r["note"] for r in rows if r["note"]]
    assert notes, "the inferred coordinator membership has no skos:editorialNote"
    assert any("mairie-laverriere.fr" in note or "domain" in note.lower() for note in notes), notes


# --- Comité d'expansion 05 (lines 107-178) ------------------------------------------------------

def test_comite_d_expansion_05_covers_hautes_alpes_and_alpes_de_haute_provence(ptce_build):
    pole = pole_by_label(ptce_build, "Comité d'expansion 05")
    assert departements(ptce_build, pole) == {"04", "05"}


def test_comite_d_expansion_05_is_coordinated_by_the_gap_employment_committee_association(ptce_build):
    pole = pole_by_label(ptce_build, "Comité d'expansion 05")
    org = the_coordinator(ptce_build, pole)
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{org}> skos:prefLabel ?l }}") == {
        "Comité d'expansion 05 - Comité de bassin d'emploi de GAP"}
    assert legal_form_notation(ptce_build, org, "association") == {"9220"}


def test_comite_d_expansion_05_contact_address_is_in_gap(ptce_build):
    pole = pole_by_label(ptce_build, "Comité d'expansion 05")
    assert address_commune(ptce_build, pole) == {"05061"}
    assert ptce_build.values('SELECT ?nom WHERE { ?c a igeo:Commune ; igeo:codeINSEE "05061" ; igeo:nom ?nom }') == {
        "Gap"}


# --- Coopaxis (lines 391-468) -------------------------------------------------------------------

def test_coopaxis_is_coordinated_by_artefacts_a_scop_sarl_and_cae(ptce_build):
    pole = pole_by_label(ptce_build, "Coopaxis")
    org = the_coordinator(ptce_build, pole)
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{org}> skos:prefLabel ?l }}") == {"Artefacts"}
    assert legal_form_notation(ptce_build, org, "scop-sarl") == {"5458"}
    assert ptce_build.ask(f"ASK {{ <{org}> org:classification stype:cae }}")


def test_coopaxis_partners_include_the_sarl_ambin(ptce_build):
    pole = pole_by_label(ptce_build, "Coopaxis")
    rows = ptce_build.select(f"""SELECT ?org WHERE {{
        ?m org:organization <{pole}> ; org:role role:partner ; org:member ?org .
        ?org skos:prefLabel "Ambin"@fr ; rov:orgType lf:sarl }}""")
    assert len(rows) == 1, rows
    alt = ptce_build.values(f"SELECT ?alt WHERE {{ <{rows[0]['org']}> skos:altLabel ?alt }}")
    assert "SARL Ambin" in alt


def test_coopaxis_partner_scop_artefacts_is_its_coordinator(ptce_build):
    # Line 418 lists "SCOP Artefacts (Innovation sociale)" among the partners; line 464 names
    # "Artefacts, SCOP SARL" coordinator: one organisation, one URI.
    pole = pole_by_label(ptce_build, "Coopaxis")
    coordinator = the_coordinator(ptce_build, pole)
    listed_as_partner = ptce_build.values(f"""SELECT ?org WHERE {{
        ?m org:organization <{pole}> ; org:member ?org .
        {{ ?m org:role role:partner }} UNION {{ ?m ess:categoryHeading ?heading }} }}""")
    assert coordinator in listed_as_partner
    named_artefacts = ptce_build.values(f"""SELECT DISTINCT ?org WHERE {{
        ?m org:organization <{pole}> ; org:member ?org . ?org skos:prefLabel|skos:altLabel ?name .
        FILTER(CONTAINS(?name, "Artefacts")) }}""")
    assert named_artefacts == {coordinator}
    alt = ptce_build.values(f"SELECT ?alt WHERE {{ <{coordinator}> skos:altLabel ?alt }}")
    assert "SCOP Artefacts" in alt


def test_coopaxis_territory_is_tours_and_indre_et_loire_but_its_address_is_in_orleans(ptce_build):
    pole = pole_by_label(ptce_build, "Coopaxis")
    assert ptce_build.ask(f"""ASK {{ <{pole}> dcterms:spatial ?c . ?c a igeo:Commune ; igeo:codeINSEE "37261" }}""")
    assert "37" in departements(ptce_build, pole)
    assert address_commune(ptce_build, pole) == {"45234"}


# --- Clu'Ster Jura (lines 529-573) --------------------------------------------------------------

def test_clu_ster_jura_is_coordinated_by_juratri_a_scop_and_entreprise_d_insertion(ptce_build):
    pole = pole_by_label(ptce_build, "Clu'Ster Jura")
    org = the_coordinator(ptce_build, pole)
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{org}> skos:prefLabel ?l }}") == {"Juratri"}
    assert ptce_build.ask(f"ASK {{ <{org}> rov:orgType lf:scop ; org:classification stype:entreprise-d-insertion }}")


def test_clu_ster_jura_address_is_in_conliege(ptce_build):
    pole = pole_by_label(ptce_build, "Clu'Ster Jura")
    assert address_commune(ptce_build, pole) == {"39164"}


# --- the Ardennes fiche without a title line (lines 182-214) ------------------------------------

def test_untitled_ardennes_fiche_is_named_after_its_coordinator_ardaines(ptce_build, source_lines):
    pole = pole_citing(ptce_build, source_lines, "Territoire: Parc naturel régional des Ardennes")
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{pole}> skos:prefLabel ?l }}") == {"Ardaines"}
    org = the_coordinator(ptce_build, pole)
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{org}> skos:prefLabel ?l }}") == {"Ardaines"}


def test_ardaines_lies_in_the_ardennes_with_its_address_in_revin(ptce_build):
    pole = pole_by_label(ptce_build, "Ardaines")
    assert departements(ptce_build, pole) == {"08"}
    assert address_commune(ptce_build, pole) == {"08363"}


# --- restauration solidaire (lines 924-950) -----------------------------------------------------

def test_restauration_solidaire_fiche_is_named_after_its_coordinator_appui(ptce_build, source_lines):
    pole = pole_citing(ptce_build, source_lines, "Thématique: restauration solidaire")
    assert ptce_build.values(f"SELECT ?l WHERE {{ <{pole}> skos:prefLabel ?l }}") == {"APPUI"}


def test_appui_serves_about_650000_meals_a_year(ptce_build):
    meals = figures(ptce_build, pole_by_label(ptce_build, "APPUI"))["meals-served"]
    assert meals["value"] == 650000
    assert meals["unit"] == unit("meal")
    assert meals["periodText"] == "P1Y"
    assert meals["periodType"] == "http://www.w3.org/2001/XMLSchema#duration"


def test_appui_turnover_is_about_2_1_million_euros(ptce_build):
    turnover = figures(ptce_build, pole_by_label(ptce_build, "APPUI"))["turnover"]
    assert turnover["value"] == 2100000
    assert turnover["unit"] == unit("euro")
    assert turnover["approximation"] == approx("approximately")


def test_appui_covers_paris_seine_saint_denis_and_val_de_marne(ptce_build):
    assert departements(ptce_build, pole_by_label(ptce_build, "APPUI")) == {"75", "93", "94"}


# --- Pôle Sud Archer (line 335) -----------------------------------------------------------------

def test_pole_sud_archer_employs_about_1200_people_for_310_fte(ptce_build):
    found = figures(ptce_build, pole_by_label(ptce_build, "Pôle Sud Archer"))
    assert found["employees"]["value"] == 1200
    assert found["employees"]["approximation"] == approx("approximately")
    assert found["fte"]["value"] == 310


# --- Pays de Bray (line 799: "Oise (61)", but 61 is the Orne) -----------------------------------

def test_pays_de_bray_lies_in_oise_and_seine_maritime_never_orne(ptce_build, source_lines):
    pole = pole_citing(ptce_build, source_lines, "Territoire: Pays de Bray")
    assert departements(ptce_build, pole) == {"60", "76"}
    assert not ptce_build.ask(f"""ASK {{ <{pole}> dcterms:spatial ?place .
        {{ ?place igeo:codeINSEE "61" }} UNION {{ ?place igeo:subdivisionDe* ?d . ?d igeo:codeINSEE "61" }} }}""")


def test_build_report_warns_about_the_oise_61_conflict(ptce_build):
    warnings = ptce_build.warnings()
    assert [w for w in warnings if "Oise" in w and "61" in w], warnings


# --- Les Gouttes d'Or (line 898: "Paris, 18° arrondissement") -----------------------------------

def test_les_gouttes_d_or_lies_in_the_18th_arrondissement_of_paris(ptce_build):
    poles = ptce_build.values("""SELECT ?pole WHERE { ?pole a ess:PTCE ; skos:prefLabel ?l .
        FILTER(STRSTARTS(?l, "Les Gouttes d'Or")) }""")
    assert len(poles) == 1, poles
    pole = poles.pop()
    assert ptce_build.ask(f"""ASK {{ <{pole}> dcterms:spatial ?a .
        ?a a igeo:ArrondissementMunicipal ; igeo:codeINSEE "75118" ; igeo:subdivisionDe ?paris .
        ?paris a igeo:Commune ; igeo:codeINSEE "75056" }}""")


# --- the call for projects (lines 1-99) ---------------------------------------------------------

def the_call(build) -> str:
    calls = build.values("SELECT ?call WHERE { ?call a ess:CallForProjects }")
    assert len(calls) == 1, calls
    return calls.pop()


def test_one_call_for_projects_launched_2013_07_15_with_results_2014_01_10(ptce_build):
    call = the_call(ptce_build)
    assert ptce_build.ask(f"""ASK {{ <{call}> dcterms:issued "2013-07-15"^^xsd:date ;
        ess:resultsDate "2014-01-10"^^xsd:date }}""")


def test_call_for_projects_figures(ptce_build):
    found = figures(ptce_build, the_call(ptce_build))
    assert found["applications-received"]["value"] == 180
    assert found["applications-admissible"]["value"] == 130
    assert found["laureates"]["value"] == 23
    assert found["budget"]["value"] == 3000000
    assert found["budget"]["unit"] == unit("euro")


def test_call_is_funded_by_the_caisse_des_depots_and_four_ministries(ptce_build):
    funders = ptce_build.values(f"""SELECT ?label WHERE {{
        <{the_call(ptce_build)}> ess:fundedBy ?org . ?org a org:Organization ; skos:prefLabel ?label }}""")
    assert "Caisse des Dépôts" in funders
    ministries = sorted(f for f in funders if f.startswith("Ministère"))
    assert len(ministries) == 4, ministries
    for name in ("Égalité des territoires", "Ville", "Économie sociale et solidaire", "Redressement productif"):
        assert [m for m in ministries if name in m], (name, ministries)


def test_every_ptce_is_a_laureate_of_the_call(ptce_build):
    call = the_call(ptce_build)
    missing = ptce_build.values(f"""SELECT ?pole WHERE {{ ?pole a ess:PTCE .
        FILTER NOT EXISTS {{ ?pole ess:laureateOf <{call}> }} }}""")
    assert missing == set()


# --- provenance ---------------------------------------------------------------------------------

def the_document(build) -> str:
    found = build.values(f'SELECT ?d WHERE {{ ?d a ess:SourceDocument ; ess:fileName "{DOCUMENT_FILE}" }}')
    assert len(found) == 1, found
    return found.pop()


def test_every_pole_and_organisation_is_derived_from_the_document(ptce_build):
    document = the_document(ptce_build)
    missing = ptce_build.values(f"""SELECT ?x WHERE {{ ?x a org:Organization .
        FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom <{document}> }} }}""")
    assert missing == set()


@pytest.fixture(scope="module")
def cited_lines(ptce_build) -> dict[tuple[str, str, bool], set[int]]:
    """(resource, prefLabel, is a pole) -> the line numbers its ess:sourceLine give, in the document."""
    document = the_document(ptce_build)
    labels = ptce_build.select("SELECT ?x ?label WHERE { ?x a org:Organization ; skos:prefLabel ?label }")
    poles = ptce_build.values("SELECT ?x WHERE { ?x a ess:Pole }")
    lines: dict[str, set[int]] = {}
    for row in ptce_build.select(f"""SELECT ?x ?n WHERE {{ ?x ess:sourceLine ?line .
            ?line dcterms:isPartOf <{document}> ; ess:lineNumber ?n }}"""):
        lines.setdefault(row["x"], set()).add(int(row["n"]))
    return {(row["x"], row["label"], row["x"] in poles): lines.get(row["x"], set()) for row in labels}


def lines_without_the_name(numbers: set[int], source_lines: list[str], matches) -> str | None:
    """None when one of the cited lines matches, else a readable account of the cited lines."""
    cited = {n: source_lines[n - 1] for n in sorted(numbers) if 1 <= n <= len(source_lines)}
    if any(matches(fold(text).lower()) for text in cited.values()):
        return None
    return "; ".join(f"{n}: {text[:70]!r}" for n, text in cited.items()) or "no ess:sourceLine in the document"


def test_every_pole_cites_a_source_line_with_a_word_of_its_name(cited_lines, source_lines):
    poles = {key: numbers for key, numbers in cited_lines.items() if key[2]}
    assert len(poles) == 23
    unsupported = []
    for (pole, label, _), numbers in sorted(poles.items()):
        words = {w.lower() for w in name_words(label)}
        problem = lines_without_the_name(numbers, source_lines,
                                         lambda text: bool(words & set(re.findall(r"\w+", text))))
        if problem:
            unsupported.append(f"{label!r} <{pole}> cites {problem}")
    assert not unsupported, "poles whose source lines do not name them:\n" + "\n".join(unsupported)


def test_every_organisation_cites_a_source_line_with_part_of_its_name(cited_lines, source_lines):
    organisations = {key: numbers for key, numbers in cited_lines.items() if not key[2]}
    assert len(organisations) > 100
    unsupported = []
    for (org, label, _), numbers in sorted(organisations.items()):
        words = {w.lower() for w in name_words(label)}
        words = {w for w in words if len(w) >= 3} or words
        # A substring, whatever the case: "CEFIM" is in "SCOPCEFIM" (line 428), "Ministère de
        # l'Économie et des Finances" in "MINISTÈRE DE L'ÉCONOMIE ET DES FINANCES" (line 1127).
        problem = lines_without_the_name(numbers, source_lines, lambda text: any(w in text for w in words))
        if problem:
            unsupported.append(f"{label!r} <{org}> cites {problem}")
    assert not unsupported, "organisations whose source lines do not name them:\n" + "\n".join(unsupported)


# --- privacy -------------------------------------------------------------------------------------

def test_contact_emails_are_only_in_the_private_graph(ptce_build):
    emails = set(EMAIL.findall(LAUREATES.read_text(encoding="utf-8")))
    assert len(emails) >= 15, emails
    private = (ptce_build.out / "private" / "private.trig").read_text(encoding="utf-8")
    assert sorted(e for e in emails if e not in private) == []
    for name, text in public_dumps(ptce_build).items():
        assert sorted(e for e in emails if e in text) == [], name


def test_contact_names_are_only_in_the_private_graph(ptce_build):
    names = values(ptce_build.private, "SELECT ?fn WHERE { ?contact a vcard:Individual ; vcard:fn ?fn }")
    assert len(names) >= 15, names
    private = (ptce_build.out / "private" / "private.trig").read_text(encoding="utf-8")
    assert sorted(n for n in names if n not in private) == []
    for name, text in public_dumps(ptce_build).items():
        assert sorted(n for n in names if n in text) == [], name


def test_public_dumps_have_no_mailto_or_tel_links(ptce_build):
    for name, text in public_dumps(ptce_build).items():
        assert "mailto:" not in text, name
        assert "tel:" not in text, name


# --- nothing lost --------------------------------------------------------------------------------

def test_every_non_empty_line_of_the_document_is_accounted_for(ptce_build):
    report = ptce_build.document_report()
    assert report["non_empty_lines"] > 0
    assert (report["dropped"], report["dropped_lines"]) == (0, [])
