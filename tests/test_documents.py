"""Every source document, and any other (issue 3): the facts of the four other seeds, one URI per
real entity across documents, documents of unknown kinds, and no line dropped.

One real build of the five seeds (the `seeds_build` fixture): converters, linkers, entity
resolution, SHACL and publishing run for real; the questions are asked in SPARQL on the published
registry.ttl.
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import ask, sparql, values
from converters.errors import ConversionError
from converters.folding import name_key
from converters.ids import IdTable
from converters.model import BOILERPLATE, PRIVATE
from converters.pipeline import DEFAULT_BASE_URI, build, convert_file

ROOT = Path(__file__).resolve().parent.parent
FICHES = ROOT / "data" / "fiches"
GENERIC = Path(__file__).parent / "data" / "generic"
BASE = DEFAULT_BASE_URI


@pytest.fixture(scope="module")
def registry(seeds_build):
    return seeds_build.graph, seeds_build.report


def build_one(tmp_path: Path, name: str) -> Graph:
    """A real build of one synthetic document of tests/data/generic; its registry.ttl."""
    folder = tmp_path / "fiches"
    folder.mkdir()
    shutil.copy(GENERIC / name, folder)
    outcome = build(sorted(folder.glob("*.txt")), tmp_path / "out", BASE, IdTable(None))
    assert outcome.exit_code == 0, outcome.summary
    return Graph().parse(tmp_path / "out" / "registry.ttl")


def pole(graph: Graph, label: str) -> str:
    uris = values(graph, f'SELECT ?p WHERE {{ ?p a ess:Pole ; skos:prefLabel|skos:altLabel "{label}"@fr }}')
    assert len(uris) == 1, f"{label!r}: {uris}"
    return next(iter(uris))


def org(graph: Graph, label: str) -> str:
    uris = values(graph, f'SELECT ?o WHERE {{ ?o a org:Organization ; skos:prefLabel|skos:altLabel "{label}"@fr }}')
    assert len(uris) == 1, f"{label!r}: {uris}"
    return next(iter(uris))


def figures(graph: Graph, subject: str) -> dict[str, list[tuple]]:
    rows = sparql(graph, f"""SELECT ?measure ?value ?approx ?unit WHERE {{
        <{subject}> ess:figure ?f . ?f ess:measure ?measure ; rdf:value ?value ; ess:unit ?unit .
        OPTIONAL {{ ?f ess:approximation ?approx }} }}""")
    out: dict[str, list[tuple]] = {}
    for row in rows:
        out.setdefault(row["measure"].rsplit("/", 1)[1], []).append(
            (Decimal(str(row["value"])), (row["approx"] or "").rsplit("/", 1)[-1], row["unit"].rsplit("/", 1)[1]))
    return out


def legal_forms(graph: Graph, subject: str) -> set[str]:
    return {v.rsplit("/", 1)[1] for v in values(graph, f"SELECT ?f WHERE {{ <{subject}> rov:orgType ?f }}")}


def structure_types(graph: Graph, subject: str) -> set[str]:
    return {v.rsplit("/", 1)[1] for v in values(graph, f"SELECT ?t WHERE {{ <{subject}> org:classification ?t }}")}


def codes(graph: Graph, subject: str, prop: str = "dcterms:spatial") -> set[str]:
    return values(graph, f"SELECT ?c WHERE {{ <{subject}> {prop} ?p . ?p igeo:codeINSEE ?c }}")


# --- nothing lost -------------------------------------------------------------------------------


def test_no_line_of_the_five_seeds_is_dropped(registry):
    _, report = registry
    assert len(report["documents"]) == 5
    for document in report["documents"]:
        assert document["dropped"] == 0, (document["file"], document["dropped_lines"])
        used = document["statements"] + document["text"] + document["private"]
        assert used == document["non_empty_lines"]


def test_each_seed_is_read_by_its_own_kind(registry):
    _, report = registry
    kinds = {Path(d["file"]).name: d["kind"] for d in report["documents"]}
    assert kinds == {
        "ptce-laureats-2014.txt": "ptce-laureates",
        "etude-poles-ess-france-2010.txt": "pole-study",
        "pole-economie-solidaire-sud-essonne.txt": "fiche-initiative",
        "poles-noe-saclay.txt": "pole-monograph",
        "grand-orly-seine-bievre-brochure-ess.txt": "territory-brochure",
    }


# --- one URI per real entity ----------------------------------------------------------------------


@pytest.mark.parametrize("label, documents", [
    ("Le PHARES", {"etude-poles-ess-france-2010.txt", "ptce-laureats-2014.txt"}),
    ("Pôle Sud Archer", {"etude-poles-ess-france-2010.txt", "ptce-laureats-2014.txt"}),
    ("Pays de Bray – Maison de l'économie solidaire", {"etude-poles-ess-france-2010.txt", "ptce-laureats-2014.txt"}),
])
def test_a_pole_in_two_documents_is_one_uri_with_both_sources(registry, label, documents):
    graph, _ = registry
    uri = pole(graph, label)
    files = values(graph, f"SELECT ?f WHERE {{ <{uri}> prov:wasDerivedFrom ?d . ?d ess:fileName ?f }}")
    assert files == documents
    assert len(values(graph, f"SELECT ?l WHERE {{ <{uri}> skos:prefLabel ?l }}")) == 1


def test_pole_sud_of_the_study_is_pole_sud_archer_in_romans(registry):
    graph, _ = registry
    uri = pole(graph, "Pôle Sud")
    assert uri == pole(graph, "Pôle Sud Archer")
    assert "26281" in codes(graph, uri)  # Romans-sur-Isère, from the study's "Romans" read in the Drôme
    assert "hosting-space" in {t.rsplit("/", 1)[1] for t in values(graph, f"SELECT ?t WHERE {{ <{uri}> ess:typology ?t }}")}


def test_the_pole_d_economie_solidaire_of_etampes_is_the_fiche_initiative_not_the_one_of_nice(registry):
    graph, _ = registry
    uris = values(graph, """SELECT ?p WHERE { ?p a ess:Pole ; skos:prefLabel "Pôle d'économie solidaire"@fr }""")
    assert len(uris) == 2  # Étampes (study + fiche initiative) and Nice (study)
    etampes = next(u for u in uris if "91223" in codes(graph, u))
    nice = next(u for u in uris if "06088" in codes(graph, u))
    files = values(graph, f"SELECT ?f WHERE {{ <{etampes}> prov:wasDerivedFrom ?d . ?d ess:fileName ?f }}")
    assert files == {"etude-poles-ess-france-2010.txt", "pole-economie-solidaire-sud-essonne.txt"}
    assert values(graph, f"SELECT ?f WHERE {{ <{nice}> prov:wasDerivedFrom ?d . ?d ess:fileName ?f }}") == {"etude-poles-ess-france-2010.txt"}


def test_maison_de_l_economie_solidaire_of_ramonville_stays_apart(registry):
    graph, _ = registry
    uris = values(graph, """SELECT ?p WHERE { ?p a ess:Pole ;
        skos:prefLabel|skos:altLabel "Maison de l'économie solidaire"@fr ; ess:territoryText ?t FILTER(CONTAINS(STR(?t), "Ramonville")) }""")
    assert len(uris) == 1
    assert values(graph, f"SELECT ?f WHERE {{ <{next(iter(uris))}> prov:wasDerivedFrom ?d . ?d ess:fileName ?f }}") == {"etude-poles-ess-france-2010.txt"}


def test_act_essonne_of_the_monograph_and_of_the_brochure_is_one_organisation(registry):
    graph, _ = registry
    uri = org(graph, "Act'ESSonne")
    assert uri == org(graph, "ACT'ESSONNE")
    files = values(graph, f"SELECT ?f WHERE {{ <{uri}> prov:wasDerivedFrom ?d . ?d ess:fileName ?f }}")
    assert files == {"poles-noe-saclay.txt", "grand-orly-seine-bievre-brochure-ess.txt"}


def test_every_merge_is_explained_in_the_build_report(registry):
    _, report = registry
    merged = {m["label"] for m in report["merges"]}
    assert {"Le PHARES", "Pôle Sud Archer", "Pôle d'économie solidaire", "Act'ESSonne",
            "Pays de Bray – Maison de l'économie solidaire"} <= merged
    assert all(m["reasons"] for m in report["merges"])
    assert len(report["merges"]) == 5, report["merges"]  # and nothing else merged


def test_a_steward_can_forbid_a_merge(tmp_path):
    from converters.resolution import Decision, resolve

    documents = [convert_file(FICHES / "etude-poles-ess-france-2010.txt"), convert_file(FICHES / "ptce-laureats-2014.txt")]
    automatic = resolve(documents, decisions=[])
    assert any(g.label == "Le PHARES" for g in automatic.groups)
    forbid = Decision(False, "pole", ("etude-poles-ess-france-2010", "le phares"), ("ptce-laureats-2014", "le phares"), "two places", 1)
    assert not any(g.label == "Le PHARES" for g in resolve(documents, decisions=[forbid]).groups)


# --- the monograph of Pôles NOE -----------------------------------------------------------------------


def test_poles_noe_is_a_ptce_formerly_resea_2p_created_in_2010(registry):
    graph, _ = registry
    uri = pole(graph, "Pôles NOE")
    assert uri == pole(graph, "RESEA-2P")
    assert ask(graph, f"ASK {{ <{uri}> a ess:PTCE ; dcterms:created ?y FILTER(STR(?y) = '2010') }}")
    assert legal_forms(graph, uri) == {"association"}
    assert codes(graph, uri) == {"91"}
    assert "Plateau de Saclay" in values(graph, f"SELECT ?l WHERE {{ <{uri}> dcterms:spatial ?a . ?a a ess:NamedArea ; skos:prefLabel ?l }}")


def test_the_history_of_poles_noe_is_dated_events(registry):
    graph, _ = registry
    rows = sparql(graph, f"""SELECT ?date ?label ?where WHERE {{ <{pole(graph, 'Pôles NOE')}> ess:event ?e . ?e dcterms:date ?date .
        OPTIONAL {{ ?e dcterms:description ?d }} ?e skos:prefLabel ?label OPTIONAL {{ ?e ess:territoryText ?where }} }}""")
    years = {str(r["date"])[:4] for r in rows}
    assert {"2008", "2010", "2012", "2013", "2014"} <= years
    assert any(str(r["date"]).startswith("2012") and r["where"] == "Courtabœuf" for r in rows)


def test_poles_noe_goals_themes_and_key_figures(registry):
    graph, _ = registry
    uri = pole(graph, "Pôles NOE")
    assert len(values(graph, f"SELECT ?g WHERE {{ <{uri}> ess:goal ?g }}")) == 4
    themes = {t.rsplit("/", 1)[1] for t in values(graph, f"SELECT ?t WHERE {{ <{uri}> dcterms:subject ?t }}")}
    assert themes == {"services-a-la-personne", "distribution", "agriculture-periurbaine"}
    found = figures(graph, uri)
    assert (Decimal(25), "exact", "organisation") in found["members"]
    assert (Decimal(300), "more-than", "fte") in found["fte"]
    assert (Decimal(5000000), "more-than", "euro") in found["turnover"]
    assert (Decimal(10), "more-than", "job") in found["jobs-created"]
    assert found["individual-members"] == [(Decimal(10), "exact", "person")]
    assert found["project-holders"] == [(Decimal(7), "exact", "person")]
    assert found["public-funding-share"] == [(Decimal(50), "more-than", "percent")]


def test_poles_noe_has_25_members_with_their_legal_forms(registry):
    graph, _ = registry
    uri = pole(graph, "Pôles NOE")
    members = values(graph, f"SELECT ?o WHERE {{ ?m org:organization <{uri}> ; org:role role:member ; org:member ?o }}")
    assert len(members) == 25
    assert legal_forms(graph, org(graph, "Colibree")) == {"scop-sarl"}
    rurban = org(graph, "Rurban coop")
    assert legal_forms(graph, rurban) == {"scop-sarl"} and "cae" in structure_types(graph, rurban)
    assert legal_forms(graph, org(graph, "Biloba")) == {"entreprise-unipersonnelle"}
    assert legal_forms(graph, org(graph, "White Studio")) == {"micro-entreprise"}
    assert legal_forms(graph, org(graph, "Asparagus")) == {"sarl"}  # "Asparagus, SARL": the form inside the name
    assert legal_forms(graph, org(graph, "Handi access Orsay")) == {"sarl"}
    assert "cigales" in structure_types(graph, org(graph, "CIGALES NOE"))
    assert "Service de vélos électriques" in values(graph, f"SELECT ?d WHERE {{ <{org(graph, 'Colibree')}> dcterms:description ?d }}")


def test_poles_noe_public_stakeholders_are_partners(registry):
    graph, _ = registry
    uri = pole(graph, "Pôles NOE")
    partners = values(graph, f"""SELECT ?l WHERE {{ ?m org:organization <{uri}> ; org:role role:partner ; org:member ?o .
        ?o skos:prefLabel ?l }}""")
    assert {"Atout-PLIE Nord-Ouest 91", "APIS Développement"} <= partners
    assert any("Plateau de Saclay" in p for p in partners)
    assert codes(graph, org(graph, "APIS Développement")) == {"91661"}  # Villebon-sur-Yvette


def test_ess_initiatives_fair_is_in_massy_essonne(registry):
    graph, _ = registry
    rows = sparql(graph, """SELECT ?code WHERE { ?e a ess:Event ; skos:prefLabel "ESS Initiatives"@fr ; dcterms:spatial ?c . ?c igeo:codeINSEE ?code }""")
    assert [r["code"] for r in rows] == ["91377"]


# --- the fiche initiative of Sud Essonne --------------------------------------------------------------


def test_pole_d_economie_solidaire_sud_essonne(registry):
    graph, _ = registry
    uri = next(u for u in values(graph, """SELECT ?p WHERE { ?p skos:prefLabel "Pôle d'économie solidaire"@fr }""") if "91" in codes(graph, u))
    assert ask(graph, f"ASK {{ <{uri}> dcterms:created ?y FILTER(STR(?y) = '2007') }}")
    assert "Sud Essonne" in values(graph, f"SELECT ?l WHERE {{ <{uri}> dcterms:spatial ?a . ?a skos:prefLabel ?l }}")
    founders = {r["l"]: r["o"] for r in sparql(graph, f"""SELECT ?l ?o WHERE {{ ?m org:organization <{uri}> ; org:role role:founding-member ;
        org:member ?o . ?o skos:prefLabel ?l }}""")}
    assert set(founders) == {"Action Emploi", "Val Emploi", "Horizon", "Les potagers du Télégraphe"}
    assert "association-intermediaire" in structure_types(graph, founders["Action Emploi"])
    assert "entreprise-d-insertion" in structure_types(graph, founders["Val Emploi"])
    assert "organisme-de-formation" in structure_types(graph, founders["Horizon"])
    assert "chantier-d-insertion" in structure_types(graph, founders["Les potagers du Télégraphe"])
    collectif = values(graph, f"SELECT ?o WHERE {{ ?m org:organization <{uri}> ; org:role role:coordinator ; org:member ?o }}")
    assert len(collectif) == 1 and legal_forms(graph, next(iter(collectif))) == {"association"}
    members = figures(graph, next(iter(collectif)))["members"]
    assert sorted(v for v, _, _ in members) == [1, 1, 3, 4, 9]  # 9 legal persons: 4 + 3 + 1 + 1
    found = figures(graph, uri)
    assert found["employees"] == [(Decimal(10), "exact", "person")]
    assert found["budget"] == [(Decimal(400000), "exact", "euro")]
    assert sorted(v for v, _, _ in found["grant"]) == [100000, 300000]
    assert found["size-score"] == [(Decimal(3), "exact", "point")]
    assert found["structuring-score"] == [(Decimal(4), "exact", "point")]
    assert len(values(graph, f"SELECT ?f WHERE {{ <{uri}> ess:function ?f }}")) == 3
    for prop in ("goal", "achievement", "plannedAction", "strength", "weakness", "goodPractice"):
        assert values(graph, f"SELECT ?t WHERE {{ <{uri}> ess:{prop} ?t }}"), prop
    assert ask(graph, f"""ASK {{ <{uri}> ess:event ?e . ?e dcterms:date ?d FILTER(STR(?d) = '2008')
        ?e skos:prefLabel ?l FILTER(CONTAINS(?l, "Mobilité Solidaire")) }}""")


def test_the_territory_key_figures_belong_to_ile_de_france(registry):
    graph, _ = registry
    found = figures(graph, f"{BASE}id/region/11")
    assert (Decimal(31000), "exact", "organisation") in found["employer-establishments"]
    assert (Decimal(374000), "exact", "job") in found["ess-jobs"]
    assert (Decimal("6.6"), "exact", "percent") in found["ess-share-of-jobs"]


# --- the brochure of Grand-Orly Seine Bièvre -----------------------------------------------------------


def test_the_territory_is_an_authority_not_a_pole(registry):
    graph, _ = registry
    uri = org(graph, "Grand-Orly Seine Bièvre")
    assert ask(graph, f"ASK {{ <{uri}> a ess:TerritorialAuthority }}")
    assert not ask(graph, f"ASK {{ <{uri}> a ess:Pole }}")
    assert legal_forms(graph, uri) == {"etablissement-public-territorial"}


def test_the_24_communes_of_the_territory(registry):
    graph, _ = registry
    parts = codes(graph, f"{BASE}id/ept/200058014", "dcterms:hasPart")
    assert len(parts) == 24
    assert len({c for c in parts if c.startswith("94")}) == 18 and len({c for c in parts if c.startswith("91")}) == 6
    assert {"94041", "94076", "91027", "94081"} <= parts  # Ivry, Villejuif, Athis-Mons, Vitry


def test_the_ess_figures_of_the_territory(registry):
    graph, _ = registry
    found = figures(graph, f"{BASE}id/ept/200058014")
    assert (Decimal(20000), "approximately", "job") in found["ess-jobs"]
    assert (Decimal(285000), "exact", "job") in found["jobs"]
    assert (Decimal("7.3"), "exact", "percent") in found["ess-share-of-jobs"]
    assert (Decimal(1300), "approximately", "organisation") in found["organisations"]
    assert (Decimal(90), "more-than", "percent") in found["associations-share"]
    assert (Decimal(720000), "more-than", "inhabitant") in found["inhabitants"]


def test_the_call_for_projects_and_the_iae_fund(registry):
    graph, _ = registry
    calls = values(graph, f"SELECT ?c WHERE {{ <{org(graph, 'Grand-Orly Seine Bièvre')}> ess:supportScheme ?c . ?c a ess:CallForProjects }}")
    assert len(calls) == 1
    call = next(iter(calls))
    found = figures(graph, call)
    assert found["laureates"] == [(Decimal(45), "exact", "organisation")]
    assert (Decimal(300000), "approximately", "euro") in found["grant"]
    assert ask(graph, f"ASK {{ <{call}> dcterms:issued ?y FILTER(STR(?y) = '2018') }}")
    assert ask(graph, """ASK { ?f a ess:SupportScheme ; skos:prefLabel ?l FILTER(CONTAINS(?l, "Insertion par l'activité économique")) }""")


def test_the_funded_organisations_are_laureates_duplicates_merged_amounts_kept(registry):
    graph, report = registry
    laureates = values(graph, """SELECT ?o WHERE { ?o ess:laureateOf ?c . ?c a ess:CallForProjects ; skos:prefLabel ?l
        FILTER(CONTAINS(?l, "Grand-Orly")) }""")
    assert len(laureates) == 46  # 47 names in the list, "Les Bokhalés" twice
    assert len(values(graph, """SELECT ?o WHERE { ?o skos:prefLabel "Les Bokhalés"@fr }""")) == 1
    amounts = {label: sparql(graph, f"""SELECT ?v WHERE {{ <{org(graph, label)}> ess:figure ?f . ?f ess:measure measure:grant ; rdf:value ?v }}""")
               for label in ("Ferme des Meuniers", "Profession Sports et Loisirs", "L'Ecume des choses")}
    assert {k: [int(r["v"]) for r in v] for k, v in amounts.items()} == {
        "Ferme des Meuniers": [8000], "Profession Sports et Loisirs": [5000], "L'Ecume des choses": [10000]}
    # The brochure announces 45 laureates and names 46: the build says so.
    brochure = next(d for d in report["documents"] if d["kind"] == "territory-brochure")
    assert any("announces 45 laureates" in w for w in brochure["warnings"])


def test_the_support_organisations_of_the_territory(registry):
    graph, _ = registry
    authority = org(graph, "Grand-Orly Seine Bièvre")
    partners = values(graph, f"""SELECT ?l WHERE {{ ?m org:organization <{authority}> ; org:role role:partner ; org:member ?o .
        ?o skos:prefLabel ?l }}""")
    assert {"France Active Métropole", "France Active Seine-et-Marne et Essonne", "BGE Adil", "Qhube",
            "Act'ESSonne", "Coopaname", "ESS Coop"} <= partners
    assert any("Chambre régionale" in p for p in partners)
    assert any("Union Régionale des Scop" in p for p in partners)
    dla = values(graph, """SELECT ?o WHERE { ?s a ess:SupportScheme ; skos:prefLabel ?l FILTER(CONTAINS(?l, "DLA")) ?s ess:operatedBy ?o }""")
    assert org(graph, "BGE Adil") in dla
    assert "cae" in structure_types(graph, org(graph, "Coopaname")) and codes(graph, org(graph, "Coopaname")) == {"94021"}
    assert "cae" in structure_types(graph, org(graph, "ESS Coop")) and codes(graph, org(graph, "ESS Coop")) == {"91687"}


def test_the_cigales_clubs_with_their_commune_and_year(registry):
    graph, _ = registry
    rows = sparql(graph, """SELECT ?l ?code ?y WHERE { ?o org:classification stype:cigales ; skos:prefLabel ?l ;
        dcterms:spatial ?c . ?c igeo:codeINSEE ?code OPTIONAL { ?o dcterms:created ?y } }""")
    clubs = {r["l"]: (r["code"], r["y"] and str(r["y"])) for r in rows}
    assert clubs["Cig'Ivry"] == ("94041", "2020")
    assert clubs["L'ESSaim"] == ("94076", "2021")
    assert clubs["La Cigalerie"] == ("94022", "2021")
    assert clubs["La Mouette"][0] == "94043"


def test_the_two_events_with_their_dates(registry):
    graph, _ = registry
    rows = sparql(graph, """SELECT ?l ?d ?start ?code WHERE { ?e a ess:Event ; skos:prefLabel ?l ; dcterms:date ?d
        FILTER(DATATYPE(?d) = xsd:date) OPTIONAL { ?e prov:startedAtTime ?start } OPTIONAL { ?e dcterms:spatial ?c . ?c igeo:codeINSEE ?code } }""")
    events = {str(r["d"]): r for r in rows}
    assert set(events) == {"2023-11-09", "2023-11-21"}
    assert events["2023-11-09"]["code"] == "94054"  # the seat of the territory, in Orly
    assert events["2023-11-21"]["code"] == "94076"  # Villejuif
    assert str(events["2023-11-09"]["start"]).startswith("2023-11-09 09:00")


def test_persons_quoted_in_the_brochure_stay_private(registry):
    graph, _ = registry
    text = (FICHES / "grand-orly-seine-bievre-brochure-ess.txt").read_text(encoding="utf-8")
    public = graph.serialize(format="nt")
    for name in ("Patrice Fauquemberg", "Théo Gaillard", "Marion Lafon", "Mickael Barth", "Sidane N'Diaye", "Nathalie Lallier"):
        assert name in text
        assert name not in public, name
    assert "@grandorlyseinebievre.fr" not in public


# --- the 2010 study --------------------------------------------------------------------------------------


def test_the_study_lists_39_poles_typed_by_the_typology(registry):
    graph, _ = registry
    rows = sparql(graph, """SELECT ?p ?t WHERE { ?p a ess:Pole ; prov:wasDerivedFrom ?d ; ess:typology ?t .
        ?d ess:fileName "etude-poles-ess-france-2010.txt" }""")
    by_type: dict[str, set] = {}
    for row in rows:
        by_type.setdefault(row["t"].rsplit("/", 1)[1], set()).add(row["p"])
    assert {k: len(v) for k, v in by_type.items()} == {"hosting-space": 7, "multifunction-centre": 10, "development-association": 22}


def test_the_study_places_its_poles(registry):
    graph, _ = registry
    assert "38185" in codes(graph, pole(graph, "ARTIS"))  # Grenoble
    assert "13055" in codes(graph, pole(graph, "Inter Made"))  # Marseille
    assert "75056" in codes(graph, pole(graph, "La Ruche"))  # Paris
    assert "93039" in codes(graph, pole(graph, "Le PHARES"))  # L'Île-Saint-Denis
    assert "59350" in codes(graph, pole(graph, "Maison des solidarités"))  # Lille
    assert "53" in codes(graph, pole(graph, "APESS 53"))  # Mayenne, the département
    assert "Pays de Morlaix" in values(graph, f"SELECT ?l WHERE {{ <{pole(graph, 'ADESS Pays de Morlaix')}> dcterms:spatial ?a . ?a skos:prefLabel ?l }}")


def test_the_study_marks_its_projects(registry):
    graph, _ = registry
    projects = values(graph, """SELECT ?l WHERE { ?p ess:status <https://w3id.org/ess-poles/def/pole-status/project> ; skos:prefLabel ?l }""")
    assert projects == {"Centre d'innovation socio-économique", "Maison régionale de l'ESS"}


def test_the_national_counts_of_the_study(registry):
    graph, _ = registry
    study = f"{BASE}id/document/etude-poles-ess-france-2010"
    rows = sparql(graph, f"""SELECT ?v (GROUP_CONCAT(?kind; separator=" ") AS ?kinds) ?where WHERE {{
        <{study}> ess:figure ?f . ?f ess:measure measure:poles ; rdf:value ?v .
        OPTIONAL {{ ?f ess:countedKind ?kind }} OPTIONAL {{ ?f dcterms:spatial ?where }} }} GROUP BY ?f ?v ?where""")
    france = "http://publications.europa.eu/resource/authority/country/FRA"
    counts = {(int(r["v"]), frozenset(k.rsplit("/", 1)[1] for k in r["kinds"].split()), r["where"]) for r in rows}
    assert (63, frozenset(), france) in counts
    assert (12, frozenset({"project"}), france) in counts
    assert (29, frozenset({"development-association"}), france) in counts
    assert (24, frozenset({"hosting-space"}), france) in counts
    assert (7, frozenset({"multifunction-centre"}), france) in counts
    assert (6, frozenset({"multifunction-centre", "project"}), france) in counts
    assert ask(graph, f"ASK {{ <{study}> ess:figure ?f . ?f ess:measure measure:regions-without-pole ; rdf:value 3 }}")
    without = {w for v, k, w in counts if v == 0 and w and "/id/region/" in w}
    assert without == {f"{BASE}id/region/{code}" for code in ("42", "41", "43")}  # Alsace, Lorraine, Franche-Comté


# --- documents of unknown kinds ----------------------------------------------------------------------


def test_unknown_kind_press_article_still_yields_a_pole():
    doc = convert_file(GENERIC / "article-presse.txt")
    assert doc.kind == "generic"
    (pole_,) = doc.poles
    assert pole_.name == "Terres de Liens Solidaires" and pole_.kind == "ptce"
    assert {m.place.code for m in pole_.places} >= {"86", "86194"}
    assert pole_.created == 2019
    roles = {doc.organisations[m.org_key].name: (m.role, doc.organisations[m.org_key]) for m in pole_.memberships}
    assert roles["Solidarités Vienne"][0] == "coordinator"
    assert roles["Bio Vienne"][1].legal_forms == ["scic"]
    assert roles["Recycl'Ouest"][1].structure_types == ["entreprise-d-insertion"]
    assert {f.measure for f in pole_.figures} >= {"employees", "fte", "turnover"}
    assert pole_.contacts and pole_.address.commune.code == "86194"
    assert doc.dropped_lines() == []


def test_unknown_kind_statutes_give_the_association_and_its_founders():
    doc = convert_file(GENERIC / "statuts.txt")
    (pole_,) = doc.poles
    assert pole_.name == "Pôle ESS du Pays de Morlaix"
    assert "29151" in {m.place.code for m in pole_.places}  # Morlaix, from the seat's address
    names = {doc.organisations[m.org_key].name for m in pole_.memberships}
    assert {"ADESS Pays de Morlaix", "Kerlann"} <= names
    assert doc.dropped_lines() == []


def test_statutes_give_checked_sirene_numbers_to_their_owners():
    doc = convert_file(GENERIC / "statuts.txt")
    (pole_,) = doc.poles
    assert pole_.registrations == [("siren", "812345676"), ("siret", "81234567600017"), ("rna", "W221004567")]
    kerlann = next(o for o in doc.organisations.values() if o.name == "Kerlann")
    assert kerlann.registrations == [("siret", "50123456100006"), ("siren", "501234561")]  # its SIRET gives its SIREN
    # a number whose check digit is wrong is reported and not kept
    assert any("SIRET 501 234 561 00099" in d.message and "not a valid" in d.message for d in doc.diagnostics)
    assert all("50123456100099" not in number for o in doc.organisations.values() for _, number in o.registrations)


def test_sirene_and_rna_numbers_are_identifiers_and_link_to_the_company_directory(tmp_path):
    from endpoint import create_app

    graph = build_one(tmp_path, "statuts.txt")
    rows = sparql(graph, """SELECT ?o ?n ?t WHERE { ?o rov:registration ?i . ?i a adms:Identifier ; skos:notation ?n ; dcterms:type ?t }""")
    assert {(r["n"], r["t"].rsplit("/", 1)[1]) for r in rows} == {
        ("812345676", "siren"), ("81234567600017", "siret"), ("50123456100006", "siret"), ("501234561", "siren"),
        ("W221004567", "rna")}
    client = create_app({"TESTING": True, "DATA_DIR": tmp_path / "out"}).test_client()
    kerlann = next(r["o"] for r in rows if r["n"] == "50123456100006")
    page = client.get("/page/" + kerlann.split("/id/", 1)[1])
    assert "https://annuaire-entreprises.data.gouv.fr/entreprise/501234561" in page.get_data(as_text=True)
    association = next(r["o"] for r in rows if r["n"] == "W221004567")
    page = client.get("/page/" + association.split("/id/", 1)[1]).get_data(as_text=True)
    assert "RNA" in page and "https://annuaire-entreprises.data.gouv.fr/rechercher?terme=W221004567" in page


def test_unknown_kind_web_page_gives_members_and_themes():
    doc = convert_file(GENERIC / "page-web.txt")
    (pole_,) = doc.poles
    assert pole_.name == "Cap Solidaire"
    assert "44184" in {m.place.code for m in pole_.places}  # Saint-Nazaire
    members = {doc.organisations[m.org_key].name: doc.organisations[m.org_key] for m in pole_.memberships if m.role == "member"}
    assert members["Vélocampus"].legal_forms == ["association"]
    assert "ressourcerie" in members["Ressourcerie de l'Estuaire"].structure_types
    assert {t.slug for t in pole_.themes if t.known} == {"economie-circulaire", "alimentation", "mobilite"}
    assert doc.dropped_lines() == []


def test_a_theme_the_scheme_lacks_is_kept_as_text_never_minted(tmp_path):
    graph = build_one(tmp_path, "page-web.txt")
    assert ask(graph, """ASK { ?p skos:prefLabel "Cap Solidaire"@fr ; ess:themeText "apiculture urbaine"@fr ;
                                  dcterms:subject <https://w3id.org/ess-poles/def/theme/mobilite> }""")
    assert not ask(graph, """ASK { ?c skos:inScheme <https://w3id.org/ess-poles/def/theme> ; skos:prefLabel "apiculture urbaine"@fr }""")
    assert not ask(graph, """ASK { ?p dcterms:subject ?c FILTER(STRSTARTS(STR(?c), "https://w3id.org/ess-poles/def/theme/apiculture")) }""")
    from endpoint import create_app

    page = create_app({"TESTING": True, "DATA_DIR": tmp_path / "out"}).test_client().get("/page/" + pole(graph, "Cap Solidaire").split("/id/", 1)[1])
    assert "apiculture urbaine" in page.get_data(as_text=True)  # shown among the themes, as written


def test_unknown_kind_list_of_laureates_gives_one_pole_per_item():
    doc = convert_file(GENERIC / "liste-laureats.txt")
    assert [p.name for p in doc.poles] == ["Pôle Coop'Alès", "Le Tiers-Lieu des Cévennes", "Garonne Solidaire"]
    assert [p.kind for p in doc.poles] == ["pole", "pole", "ptce"]
    assert all(p.laureate_of for p in doc.poles)
    assert {m.place.code for m in doc.poles[2].places} >= {"31555"}
    assert doc.calls[0].figures[0].value == 450000
    assert doc.dropped_lines() == []


def test_a_directory_gives_one_pole_per_entry_with_its_place():
    doc = convert_file(GENERIC / "annuaire.txt")
    poles = {p.name: p for p in doc.poles}
    assert list(poles) == ["Rance Coopère", "Orne Active Coop", "Sarthe Réemploi"]
    assert {m.place.code for m in poles["Rance Coopère"].places} == {"22050", "22"}  # Dinan (22)
    assert {m.place.code for m in poles["Orne Active Coop"].places} == {"61483"}  # not the Orne of its name
    assert {m.place.code for m in poles["Sarthe Réemploi"].places} == {"72181"}  # Le Mans, in brackets
    assert [(f.measure, f.value) for f in poles["Rance Coopère"].figures] == [("members", 21)]
    assert not doc.organisations  # "Culture, tiers-lieux, habitat" are themes, not an organisation
    assert doc.dropped_lines() == []


def test_an_article_about_several_poles_gives_each_with_its_founders():
    doc = convert_file(GENERIC / "article-deux-poles.txt")
    poles = {p.name: p for p in doc.poles}
    assert set(poles) == {"Cap Ouest Coopératives", "Cantal en Commun"}
    assert {m.place.code for m in poles["Cap Ouest Coopératives"].places} == {"29019"}  # not the Ouest of its name
    founders = {doc.organisations[m.org_key].name: m.role for m in poles["Cantal en Commun"].memberships}
    assert founders == {"Planèze Bio": "founding-member", "Aurillac Solidaire": "founding-member"}
    assert poles["Cantal en Commun"].created == 2020
    assert {m.place.code for m in poles["Cantal en Commun"].places} == {"15014"}
    assert {"Hélène Garnier-Vidal", "Yannick Le Goff"} <= set(doc.persons)


def test_on_an_organisations_own_site_the_first_person_is_that_organisation():
    doc = convert_file(GENERIC / "site-cooperative.txt")
    (pole_,) = doc.poles  # the cooperative of the title is not a pole
    assert pole_.name == "La Halle Solidaire" and pole_.kind == "ptce"
    roles = {doc.organisations[m.org_key].name: (m.role, doc.organisations[m.org_key]) for m in pole_.memberships}
    assert roles["Garonne Talents Coopératifs"][0] == "coordinator"  # "notre CAE coordonne le pôle"
    assert roles["Garonne Talents Coopératifs"][1].structure_types == ["cae"]
    assert {m.place.code for m in pole_.places} == {"47001"}
    assert doc.dropped_lines() == []


def test_the_place_ending_a_member_item_is_the_members_not_the_poles():
    doc = convert_file(GENERIC / "liste-membres-lieux.txt")
    (pole_,) = doc.poles
    assert {m.place.code for m in pole_.places} == {"79049", "79"}  # Bressuire, Deux-Sèvres
    members = {doc.organisations[m.org_key].name: (m.role, doc.organisations[m.org_key]) for m in pole_.memberships}
    assert {name: role for name, (role, _) in members.items()} == {
        "Menuiserie du Thouet": "member", "Vélo Bocage": "member", "Bocage Énergies": "member"}  # "réunit ... suivantes :"
    assert [p.code for p in members["Menuiserie du Thouet"][1].places] == ["79329"]  # ", Thouars"
    assert [p.code for p in members["Vélo Bocage"][1].places] == ["79202"]  # "(Parthenay)"
    assert doc.dropped_lines() == []


def test_members_with_their_forms_and_places_are_members_not_poles():
    doc = convert_file(GENERIC / "liste-membres-formes.txt")
    (pole_,) = doc.poles  # "- la SCOP Menuiserie Dupuis (Vesoul)" is no pole of a list
    assert pole_.name == "Pôle Coopératif du Val"
    members = {doc.organisations[m.org_key].name: doc.organisations[m.org_key] for m in pole_.memberships if m.role == "member"}
    assert {name: org.legal_forms for name, org in members.items()} == {
        "Menuiserie Dupuis": ["scop"], "Transports Comtois": ["sarl"], "Jardins du Val": ["association"],
        "Énergie Val": ["scic"], "Bâti Services": ["sarl"], "Atelier Brenet": []}
    assert [p.code for p in members["Transports Comtois"].places] == ["70310"]  # Lure
    assert doc.dropped_lines() == []


def test_what_the_text_says_is_no_pole_is_none_and_its_first_person_is_a_member():
    doc = convert_file(GENERIC / "tiers-lieu.txt")
    (pole_,) = doc.poles  # "La Grange aux Possibles n'est pas un pôle"
    assert pole_.name == "Mayenne Coopère" and pole_.kind == "ptce"
    roles = {doc.organisations[m.org_key].name: m.role for m in pole_.memberships}
    assert roles.get("La Grange aux Possibles") == "member"  # "notre association est membre de Mayenne Coopère"
    assert {m.place.code for m in pole_.places} == {"53"}  # "du Nord-Mayenne"; not Laval, which a street is named after
    assert doc.dropped_lines() == []


def test_a_table_run_together_gives_each_pole_its_carrier_place_and_amount():
    doc = convert_file(GENERIC / "tableau-laureats.txt")
    assert [p.name for p in doc.poles] == [
        "Ferme des Coteaux Partagés", "Rail et Territoires Collectif", "Bastides en Commun", "Granit Solidaire"]
    communes = [{m.place.code for m in p.places if m.place.kind == "commune"} for p in doc.poles]
    assert communes == [{"46042"}, {"46102"}, {"81004"}, {"81065"}]  # Cahors, Figeac, Albi, Castres
    carriers = [[(doc.organisations[m.org_key].name, m.role, doc.organisations[m.org_key].legal_forms) for m in p.memberships]
                for p in doc.poles]
    assert carriers[0] == [("Les Paniers du Quercy", "coordinator", ["association"])]  # the "Structure porteuse" column
    assert carriers[1] == [("Ligne Verte", "coordinator", ["scic"])]
    assert carriers[3] == [("Tailleurs du Sidobre", "coordinator", ["scop"])]
    assert [[f.value for f in p.figures] for p in doc.poles][2] == [45000]
    assert doc.dropped_lines() == []


def test_cards_give_each_pole_the_commune_of_their_place_line():
    doc = convert_file(GENERIC / "cartes-poles.txt")
    assert [p.name for p in doc.poles] == ["Bocage Coop", "Les Jardins du Marais", "Granges Partagées"]
    assert [{m.place.code for m in p.places if m.place.kind == "commune"} for p in doc.poles] == [
        {"79049"}, {"79191"}, {"79202"}]  # Bressuire, Niort, Parthenay
    assert doc.dropped_lines() == []


def test_members_known_by_their_logos_only():
    doc = convert_file(GENERIC / "logos-membres.txt")
    (pole_,) = doc.poles
    assert pole_.name == "Vallée Partagée"  # from the logo's text alternative
    members = {doc.organisations[m.org_key].name: (m.role, doc.organisations[m.org_key].legal_forms) for m in pole_.memberships}
    assert members == {"Recyclerie du Thouet": ("member", []), "Menuiserie Argentonnaise": ("member", ["scop"]),
                       "Jardins de Sainte-Verge": ("member", []), "Thouars Mobilité Solidaire": ("member", [])}
    assert doc.dropped_lines() == []


def test_plain_prose_is_not_recognisable():
    with pytest.raises(ConversionError, match="nothing recognisable"):
        convert_file(GENERIC / "prose.txt")


def test_an_unknown_document_builds_and_validates(tmp_path):
    graph = build_one(tmp_path, "article-presse.txt")
    assert ask(graph, """ASK { ?p a ess:PTCE ; skos:prefLabel "Terres de Liens Solidaires"@fr ; dcterms:spatial ?c }""")


def test_a_steward_can_force_a_merge_and_say_why():
    from converters.resolution import Decision, resolve

    documents = [convert_file(FICHES / "etude-poles-ess-france-2010.txt"), convert_file(FICHES / "ptce-laureats-2014.txt")]
    assert not any(g.label == "Lille MétroPôle solidaire" for g in resolve(documents, decisions=[]).groups)
    force = Decision(True, "pole", ("etude-poles-ess-france-2010", "maison des solidarites"),
                     ("ptce-laureats-2014", "lille metropole solidaire"), "a test", 7)
    (group,) = [g for g in resolve(documents, decisions=[force]).groups if g.label == "Lille MétroPôle solidaire"]
    assert group.reasons == ["steward (data/curation/merges.tsv:7): a test"]


def test_a_malformed_merge_table_names_its_line(tmp_path):
    from converters.resolution import read_decisions

    table = tmp_path / "merges.tsv"
    table.write_text("decision\tkind\tfirst\tsecond\treason\nsame\tpole\tonly-three-columns\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"merges.tsv:2"):
        read_decisions(table)


def _members(doc, pole) -> dict[str, str]:
    return {doc.organisations[m.org_key].name: m.role for m in pole.memberships}


def test_a_markdown_table_gives_one_pole_per_row_with_its_cells():
    doc = convert_file(GENERIC / "tableau-markdown.txt")
    assert [p.name for p in doc.poles] == ["Vallée Coop", "Gâtine Partagée"]  # not the health centre's row
    vallee, gatine = doc.poles
    assert [m.place.code for m in vallee.places] == ["79049"] and [m.place.code for m in gatine.places] == ["79202"]
    assert _members(doc, vallee)["Les Vergers de la Vallée"] == "coordinator"  # the "Structure porteuse" cell
    assert _members(doc, gatine)["Bois & Gâtine"] == "coordinator"
    assert ("members", Decimal(14)) in [(f.measure, f.value) for f in vallee.figures]
    # the paragraphs after the table that open on a pole's name speak of it
    assert "Menuiserie du Thouet" in _members(doc, vallee) and "Lait'Emploi" in _members(doc, gatine)
    assert doc.dropped_lines() == []


def test_a_table_aligned_with_spaces_gives_one_pole_per_row_without_its_total_or_footnoted_column():
    doc = convert_file(GENERIC / "tableau-aligne-poles.txt")
    assert [p.name for p in doc.poles] == ["Les Ateliers du Lédon", "Haut-Jura en Commun", "Doubs-Loue Coopère"]
    assert [[m.place.code for m in p.places if m.place.kind == "commune"] for p in doc.poles] == [["39300"], ["39368"], ["39198"]]
    figures = [sorted((f.measure, int(f.value)) for f in p.figures) for p in doc.poles]
    assert figures == [[("employees", 4), ("members", 31)], [("employees", 2), ("members", 19)], [("employees", 1), ("members", 12)]]
    assert doc.dropped_lines() == []


def test_a_table_of_organisations_aligned_with_spaces_gives_members_with_their_forms():
    doc = convert_file(GENERIC / "tableau-aligne-membres.txt")
    (pole,) = doc.poles
    assert pole.name == "Les Ateliers du Lédon"  # "... sont un pôle": no row of the table is a pole
    members = {doc.organisations[m.org_key].name: doc.organisations[m.org_key] for m in pole.memberships}
    assert set(members) == {"La Fromagerie du Revermont", "Jura Réemploi", "Menuiserie du Lédon"}
    assert [members[n].legal_forms for n in sorted(members)] == [["association"], ["scic-sas"], ["scop-sarl"]]


def test_a_slide_deck_gives_its_title_slide_as_the_pole_and_its_markers_as_boilerplate():
    doc = convert_file(GENERIC / "diaporama.txt")
    (pole,) = doc.poles
    assert pole.name == "Val d'Oust Coopère"  # "VAL D'OUST COOPÈRE", then "Pôle territorial ..." below
    assert [m.place.code for m in pole.places] == ["56124"]
    assert {doc.organisations[m.org_key].name for m in pole.memberships} == {"Ardoises de l'Oust", "Jardins du Canal"}
    markers = [n for n, line in enumerate(doc.source_lines, 1) if line.startswith("--- Diapositive")]
    assert markers and all(doc.line_use[n] == BOILERPLATE for n in markers)


def test_an_email_thread_reads_the_quoted_message_and_keeps_its_reply_header_private():
    doc = convert_file(GENERIC / "fil-courriels.txt")
    (pole,) = doc.poles
    assert pole.name == "La Bastide Coopérative"  # the signature "X — pôle territorial ...", its next line joined
    members = {doc.organisations[m.org_key].name for m in pole.memberships}
    assert {"Lavandes du Luberon", "Les Jardins de Mane"} <= members  # only in the quoted ("> ") lines
    header = next(n for n, line in enumerate(doc.source_lines, 1) if "a écrit" in line)
    assert doc.line_use[header] == PRIVATE and not any("coordination@" in name for name in members)
    assert any("quotation marks" in d.message for d in doc.diagnostics)


def test_a_csv_export_reads_its_columns_and_its_type_column():
    doc = convert_file(GENERIC / "export-carte.txt")
    assert [p.name for p in doc.poles] == ["Thouet Solidaire", "Niort Réemploi"]  # "MSP" is no pole
    thouet, niort = doc.poles
    assert _members(doc, thouet) == {"Thouet Avenir": "coordinator", "Ressourcerie du Pressoir": "member",
                                     "Tuiles du Thouet": "member"}
    assert doc.organisations[next(m.org_key for m in niort.memberships if m.role == "coordinator")].legal_forms == ["scic-sarl"]
    assert {(f.measure, f.value) for f in thouet.figures} >= {("members", Decimal(18)), ("jobs", Decimal(140))}
    assert "Odile Bernardeau" in doc.persons  # the contact cell names a person: private


def test_a_wikitext_table_reads_its_links_and_drops_its_references():
    doc = convert_file(GENERIC / "liste-wiki.txt")
    assert [p.name for p in doc.poles] == ["Bocage Ensemble", "Coop'Mellois"]
    assert [m.place.code for m in doc.poles[0].places] == ["79049"]  # "[[Bressuire]]"
    assert doc.dropped_lines() == []


def test_a_quoted_printable_email_is_read_as_written():
    doc = convert_file(GENERIC / "courriel-qp.txt")
    (pole,) = doc.poles
    assert pole.name == "Pays Mellois Coopère"
    assert _members(doc, pole) == {"Les Tuiles Vivantes": "member", "Vélo Mellois": "member",
                                   "Ressourcerie du Pont Romain": "member"}  # a name cut by a soft line break
    assert any("quoted-printable" in d.message for d in doc.diagnostics)


def test_an_ocr_scan_with_mojibake_and_dotted_leaders():
    doc = convert_file(GENERIC / "brochure-ocr.txt")
    pole = next(p for p in doc.poles if p.name == "Les Haies Solidaires")
    assert {(f.measure, f.value) for f in pole.figures} >= {("members", Decimal(32)), ("jobs", Decimal(85)),
                                                            ("budget", Decimal(96500))}
    assert _members(doc, pole) == {"Menuiserie du Bocage": "founding-member", "Chantier Haies Insertion": "founding-member",
                                   "Recyclerie du Bocage": "member", "Atelier Vannerie": "member"}  # a table with dotted leaders
    vannerie = next(o for o in doc.organisations.values() if o.name == "Atelier Vannerie")
    assert vannerie.legal_forms == ["scop"]


def test_a_box_printed_beside_the_text_is_read_as_a_column_of_its_own():
    doc = convert_file(GENERIC / "dossier-presse.txt")
    assert [p.name for p in doc.poles] == ["La Trame Solidaire", "Coop'Gâtine"]
    trame, gatine = doc.poles
    assert {(f.measure, f.value) for f in trame.figures} >= {("members", Decimal(19)), ("fte", Decimal("6.5"))}
    assert _members(doc, trame) == {"Fils du Marais": "member"}
    assert [m.place.code for m in gatine.places] == ["79202"]  # Parthenay
    assert doc.dropped_lines() == []


def test_labels_aligned_in_columns_are_fields_and_the_carrier_page_names_its_pole():
    doc = convert_file(GENERIC / "page-entreprise.txt")
    assert [p.name for p in doc.poles] == ["Bocage en Commun"]  # "Siège social  Bressuire" is a field, no pole
    (pole,) = doc.poles
    assert [m.place.code for m in pole.places if m.place.kind == "commune"] == ["79049"]
    assert ("members", Decimal(24)) in [(f.measure, f.value) for f in pole.figures]
    assert doc.dropped_lines() == []


def test_portraits_of_several_poles_each_speak_of_the_pole_they_open_on():
    doc = convert_file(GENERIC / "panorama-portraits.txt")
    poles = {pole.name: pole for pole in doc.poles}
    assert set(poles) == {"La Toile Mayennaise", "Le Grenier Coopératif", "Les Ateliers du Bocage"}
    toile, grenier, ateliers = poles["La Toile Mayennaise"], poles["Le Grenier Coopératif"], poles["Les Ateliers du Bocage"]
    # "Association créée en 2015, le pôle est né autour de ...": the pole's form, founders
    assert toile.legal_forms == ["association"]
    # "né autour de la Scop X et de l'épicerie coopérative Y ; Z l'a rejoint ... comme membre"
    assert _members(doc, toile) == {"Tissages Lavallois": "founding-member", "Le Panier Partagé": "founding-member",
                                    "Laval Agglomération": "member"}
    assert doc.organisations[next(m.org_key for m in toile.memberships if doc.organisations[m.org_key].name
                                  == "Le Panier Partagé")].legal_forms == ["cooperative"]
    laval_agglo = next(doc.organisations[m.org_key] for m in toile.memberships
                       if doc.organisations[m.org_key].name == "Laval Agglomération")
    assert laval_agglo.legal_forms == ["communaute-d-agglomeration"]  # its usual name, "CA Laval Agglomération"
    # "Constitué en SCIC SAS en 2019, il compte parmi ses associés X": the pole's form, not X's
    assert grenier.legal_forms == ["scic-sas"]
    assert _members(doc, grenier) == {"Évron Services": "member", "Bocage Emballages": "member"}
    assert all(not doc.organisations[m.org_key].legal_forms for m in grenier.memberships)
    # each portrait's places are its own pole's; the homonym in the Vienne is not read
    assert {m.place.code for m in grenier.places if m.place.kind == "commune"} == {"53097"}
    assert {m.place.code for m in ateliers.places if m.place.kind == "commune"} == {"53084"}
    assert all(m.place.code not in ("86", "86087") for pole in doc.poles for m in pole.places)


def test_legal_notices_give_the_pole_its_own_form_and_founders():
    doc = convert_file(GENERIC / "annonces-legales.txt")
    (pole,) = doc.poles
    assert pole.name == "Causses Coopérations"
    # "Forme : société coopérative d'intérêt collectif par actions simplifiée …" is a field of its own,
    # and the form under "SARL LA BRIQUETERIE ROUGE" is that company's, not the pole's
    assert pole.legal_forms == ["scic-sas"]
    members = _members(doc, pole)  # (the dissolved company is still listed as a stakeholder: a known defect)
    founders = ("Les Jardins du Tarn", "Albi Menuiserie", "Lait des Causses")
    assert {name: members.get(name) for name in founders} == dict.fromkeys(founders, "founding-member")
    # the RCS number under the company's heading, its form and its seat is that company's
    (company,) = [org for org in doc.organisations.values() if name_key(org.name) == "la briqueterie rouge"]
    assert company.registrations == [("siren", "812345676")] and not pole.registrations


def test_a_town_in_a_list_of_founders_is_a_founder_and_gives_no_one_else_its_form():
    doc = convert_file(GENERIC / "fondateurs-collectivites.txt")
    (pole,) = doc.poles
    assert _members(doc, pole) == {
        "Les Jardins de la Sèvre": "founding-member", "Commune de Saint-Maixent-l'École": "founding-member",
        "Menuiserie du Val": "founding-member", "Communauté de communes Haut Val de Sèvre": "founding-member"}
    forms = {doc.organisations[m.org_key].name: doc.organisations[m.org_key].legal_forms for m in pole.memberships}
    assert forms["Menuiserie du Val"] == ["scop"]  # not the town's form, written just before it
    assert forms["Commune de Saint-Maixent-l'École"] == ["commune"]
    # the town is also where the pole is
    assert "79270" in {m.place.code for m in pole.places if m.place.kind == "commune"}


def test_an_about_page_in_the_first_person_gives_the_pole_its_form_identifiers_and_seat():
    doc = convert_file(GENERIC / "qui-sommes-nous.txt")
    (pole,) = doc.poles
    assert pole.name == "La Fabrique des Transitions"
    assert pole.legal_forms == ["scic-sas"]  # "Nous sommes une SCIC SAS": not the founder's named after it
    assert set(pole.registrations) == {("siret", "81234567600017"), ("siren", "812345676")}  # from the legal notice
    assert pole.address is not None and pole.address.postcode == "95000"
    places = {(m.place.kind, m.place.code) for m in pole.places}
    assert ("departement", "95") in places and ("departement", "60") not in places  # "le Val d'Oise", not the Oise
    members = _members(doc, pole)
    assert {name: role for name, role in members.items() if role == "founding-member"} == {
        "Atelier Vélo Cergy": "founding-member", "Cergy Saint-Christophe": "founding-member",
        "Agglomération de Cergy-Pontoise": "founding-member"}
    forms = {doc.organisations[m.org_key].name: doc.organisations[m.org_key].legal_forms for m in pole.memberships}
    assert forms["Atelier Vélo Cergy"] == ["association"]
    assert forms["Agglomération de Cergy-Pontoise"] == ["communaute-d-agglomeration"]
    assert {"Les Compagnons du Marais", "Fondation Transitions", "Ville de Pontoise"} <= set(members)
    assert {"Julien Moreau", "Amina Benali"} <= set(doc.persons)  # the team: masked, never organisations
    assert not any(name in members for name in doc.persons)


def test_an_activity_report_lists_its_members_under_a_dated_heading_and_its_key_figures():
    doc = convert_file(GENERIC / "rapport-activite.txt")
    (pole,) = doc.poles
    assert pole.legal_forms == ["association"]
    members = _members(doc, pole)
    assert {members[name] for name in ("Ti Ar Boutik", "Coop Bois Trégor", "Morlaix Communauté")} == {"member"}
    figures = {f.measure: f for f in pole.figures}
    # "créée en 2012, fédère désormais 72 structures": today's count, not 2012's
    assert figures["members"].value == 72 and figures["members"].year is None
    assert figures["employees"].value == 4 and figures["fte"].value == Decimal("3.2")  # "Salariés : 4 (3,2 ETP)"
    assert figures["budget"].value == 312000


def test_a_project_sheet_gives_the_pole_its_form_field_territory_and_support_structure():
    doc = convert_file(GENERIC / "fiche-projet.txt")
    (pole,) = doc.poles
    assert pole.legal_forms == ["association"]  # "Forme juridique du pôle : association collégiale"
    places = {(m.place.kind, m.place.code) for m in pole.places}
    # "Lamballe Terre & Mer (Côtes-d'Armor)": the intercommunality, not the commune of Mer (Loir-et-Cher)
    assert ("epci", "200069391") in places and ("commune", "41136") not in places
    members = _members(doc, pole)
    assert members["Lamballe Initiatives"] == "coordinator" and members["Avant-Premières"] == "coordinator"
    # "« Terres de Liens Solidaires » (TLS)": the acronym is the pole's, "Le TLS est chef de file" no stakeholder
    assert "TLS" in pole.alt_names and "TLS" not in members


def test_a_press_release_with_names_in_quotation_marks():
    doc = convert_file(GENERIC / "communique-guillemets.txt")
    (pole,) = doc.poles
    assert pole.name == "Vallée Solidaire"  # "Le collectif « Vallée Solidaire », pôle territorial ..."
    members = _members(doc, pole)
    assert {name: members.get(name) for name in ("Bruche Emploi", "Le Grenier de la Vallée")} == {
        "Bruche Emploi": "founding-member", "Le Grenier de la Vallée": "founding-member"}
    forms = {doc.organisations[m.org_key].name: doc.organisations[m.org_key] for m in pole.memberships}
    assert forms["Bruche Emploi"].legal_forms == ["association"]
    assert forms["Le Grenier de la Vallée"].structure_types == ["ressourcerie"]
    assert "Claire Weber" in doc.persons
