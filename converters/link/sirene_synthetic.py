"""SYNTHETIC Sirene stock files and pole documents, with a labelled truth file, to measure the
SIRENE linker (converters.link.sirene). Nothing here is real data: the names are invented, the
SIREN/SIRET numbers are made up (Luhn-valid, computed with python-stdnum), only the commune codes,
the INSEE legal categories and the NAF codes are real nomenclatures.

`synthetic_case(folder, seed)` writes, from a fixed seed:

- `fiches/*.txt`: SYNTHETIC pole documents, each naming its members with their legal form and
  (mostly) their commune;
- `SYNTHETIC-StockUniteLegale.csv` and `SYNTHETIC-StockEtablissement.csv`, with INSEE's column
  names: the true units of most members, planted with the ways a register differs from a text
  (upper case and legal words, a typo, a sigle where the text has the full name or the reverse, an
  old name kept as denomination, the name only as an establishment's enseigne, no commune in the
  text), hard decoys (homonyms in other départements, closed units, a SARL with an association's
  name, non-diffusible units, entrepreneurs individuels), members with no unit at all, and filler;
- `SYNTHETIC-truth.csv`: per member, the expected SIREN (empty when none may be published).
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

from stdnum import luhn

from ..paths import REFERENCE_DIR

UNIT_COLUMNS = [
    "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale", "sigleUniteLegale",
    "sexeUniteLegale", "prenom1UniteLegale", "prenomUsuelUniteLegale", "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale", "dateDernierTraitementUniteLegale", "categorieEntreprise", "etatAdministratifUniteLegale",
    "nomUniteLegale", "nomUsageUniteLegale", "denominationUniteLegale", "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale", "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale", "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale", "caractereEmployeurUniteLegale",
]
ESTABLISHMENT_COLUMNS = [
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement", "etablissementSiege",
    "codePostalEtablissement", "libelleCommuneEtablissement", "codeCommuneEtablissement",
    "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement",
    "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
]

# (words of the text before the name, legal-form family, INSEE categories, register prefix); the
# converters read "la SARL X" at the head of a list item as a pole, hence "la société X"
FORMS = {
    "association": ("l'association", "associations", ["9220"], "ASSOCIATION "),
    "scop": ("la coopérative SCOP", "cooperatives", ["5458"], "SCOP "),
    "scic": ("la coopérative SCIC", "cooperatives", ["5460", "5560"], "SCIC "),
    "cooperative": ("la coopérative", "cooperatives", ["6317", "5460"], "COOPERATIVE "),
    "sarl": ("la société SARL", "commercial companies", ["5499"], ""),
    "sas": ("la société SAS", "commercial companies", ["5710"], ""),
    "fondation": ("la fondation", "others", ["9300"], "FONDATION "),
    "mutuelle": ("la mutuelle", "others", ["8210"], "MUTUELLE "),
}
NAF = {"associations": ["88.99B", "94.99Z", "85.59A", "93.29Z"], "cooperatives": ["43.32A", "01.13Z", "35.11Z", "38.32Z"],
       "commercial companies": ["56.10A", "47.11B", "62.01Z", "49.39B"], "others": ["65.12Z", "88.10A", "94.99Z"]}
NOUNS = ["Jardins", "Atelier", "Recyclerie", "Ressourcerie", "Fabrique", "Maison", "Ferme", "Épicerie", "Menuiserie",
         "Chantier", "Relais", "Comptoir", "Fournil", "Cuisine", "Garage", "Lieu", "Cycles", "Récolte", "Ruche",
         "Filature", "Tiers-Lieu", "Potager", "Boussole", "Forge"]
COMPLEMENTS = ["du Marais", "des Tilleuls", "des Coteaux", "du Bocage", "des Possibles", "de la Vallée", "Solidaire",
               "des Saules", "du Val", "des Communs", "du Partage", "de la Source", "des Landes", "du Moulin",
               "Vagabonde", "des Deux Rives", "du Lavoir", "de l'Étang", "des Chênes", "Buissonnière", "du Plateau",
               "des Hirondelles"]
LONG_NAMES = [  # full names of associations known by their sigle
    ("Association pour le Développement des Initiatives Locales", "ADIL"),
    ("Comité de Liaison des Acteurs Solidaires", "CLAS"),
    ("Groupement d'Employeurs pour l'Insertion et la Qualification", "GEIQ"),
    ("Union Régionale des Structures d'Insertion", "URSI"),
    ("Centre d'Initiatives pour Valoriser l'Agriculture et le Milieu rural", "CIVAM"),
    ("Fédération des Acteurs de la Réemploi Solidaire", "FARES"),
]
DEPARTEMENTS = ["79", "86", "44", "35", "69", "33", "31", "59"]
FIRST_NAMES = ["Julie", "Marc", "Sophie", "Karim", "Anne", "Paul"]
SURNAMES = ["MARTIN", "BERNARD", "PETIT", "ROBERT", "RICHARD", "DURAND"]


@dataclass
class Member:
    document: str
    name: str  # as the text writes it
    form: str  # key of FORMS
    commune: tuple[str, str]  # (code, name)
    in_text_commune: bool
    variant: str
    expected: str = ""  # SIREN that must be linked ("" when none)
    expected_siret: str = ""
    decoys: list[tuple[str, str]] = field(default_factory=list)  # (siren, what)

    @property
    def family(self) -> str:
        return FORMS[self.form][1]


def _communes(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    by_dept: dict[str, list[tuple[str, str, int]]] = {d: [] for d in DEPARTEMENTS}
    with (REFERENCE_DIR / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["type"] == "commune" and row["departement"] in by_dept and "'" not in row["nom"] and row["population"]:
                by_dept[row["departement"]].append((row["code"], row["nom"], int(row["population"] or 0)))
    # the larger communes: the converters know them and they are not homonyms of common words
    return {d: [(c, n) for c, n, _ in sorted(rows, key=lambda r: -r[2])[:12]] for d, rows in by_dept.items()}


def _departement_names() -> dict[str, str]:
    with (REFERENCE_DIR / "geo" / "departements.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["nom"] for row in csv.DictReader(handle)}


class _Register:
    def __init__(self, rng: random.Random):
        self.rng, self.units, self.establishments, self.used = rng, [], [], set()

    def siren(self) -> str:
        while True:
            body = str(self.rng.randint(10_000_000, 99_999_999)).zfill(8)
            number = body + luhn.calc_check_digit(body)
            if number not in self.used:
                self.used.add(number)
                return number

    def unit(self, denomination: str, category: str, family: str, commune: tuple[str, str], *, sigle: str = "",
             usual: str = "", enseigne: str = "", active: bool = True, diffusible: bool = True,
             person: tuple[str, str] | None = None, ess: bool = True) -> tuple[str, str]:
        siren = self.siren()
        body = siren + f"{self.rng.randint(1, 999):04d}"
        siret = body + luhn.calc_check_digit(body)
        nic = siret[9:]
        nd = (lambda v: "[ND]" if v else "") if not diffusible else (lambda v: v)
        self.units.append({
            "siren": siren, "statutDiffusionUniteLegale": "O" if diffusible else "P", "unitePurgeeUniteLegale": "",
            "dateCreationUniteLegale": f"{self.rng.randint(1985, 2020)}-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}",
            "sigleUniteLegale": nd(sigle), "sexeUniteLegale": "F" if person else "", "prenom1UniteLegale": person[0] if person else "",
            "prenomUsuelUniteLegale": person[0] if person else "", "identifiantAssociationUniteLegale": "",
            "trancheEffectifsUniteLegale": "03", "dateDernierTraitementUniteLegale": "2024-03-01T00:00:00",
            "categorieEntreprise": "PME", "etatAdministratifUniteLegale": "A" if active else "C",
            "nomUniteLegale": person[1] if person else "", "nomUsageUniteLegale": "",
            "denominationUniteLegale": "" if person else nd(denomination), "denominationUsuelle1UniteLegale": nd(usual),
            "denominationUsuelle2UniteLegale": "", "denominationUsuelle3UniteLegale": "",
            "categorieJuridiqueUniteLegale": category, "activitePrincipaleUniteLegale": self.rng.choice(NAF.get(family, NAF["others"])),
            "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2", "nicSiegeUniteLegale": nic,
            "economieSocialeSolidaireUniteLegale": "O" if ess else "N", "societeMissionUniteLegale": "",
            "caractereEmployeurUniteLegale": "O",
        })
        self.establishments.append({
            "siren": siren, "nic": nic, "siret": siret, "statutDiffusionEtablissement": "O" if diffusible else "P",
            "dateCreationEtablissement": "2010-01-01", "etablissementSiege": "true",
            "codePostalEtablissement": "", "libelleCommuneEtablissement": commune[1].upper(),
            "codeCommuneEtablissement": commune[0], "etatAdministratifEtablissement": "A" if active else "F",
            "enseigne1Etablissement": nd(enseigne), "enseigne2Etablissement": "", "enseigne3Etablissement": "",
            "denominationUsuelleEtablissement": "", "activitePrincipaleEtablissement": "",
        })
        return siren, siret


def _typo(rng: random.Random, text: str) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 2]
    i = rng.choice(letters)
    return text[:i] + ("E" if text[i] != "E" else "A") + text[i + 1:]


def synthetic_case(folder: Path, seed: int = 11, poles: int = 10) -> dict[str, Path]:
    """Write a SYNTHETIC labelled case under `folder`; the paths of what it wrote."""
    rng = random.Random(seed)
    folder = Path(folder)
    (folder / "fiches").mkdir(parents=True, exist_ok=True)
    communes = _communes(rng)
    register = _Register(rng)
    names = [f"{n} {c}" for n in NOUNS for c in COMPLEMENTS]
    rng.shuffle(names)
    long_names = list(LONG_NAMES)
    rng.shuffle(long_names)
    members: list[Member] = []
    variants = ["exact", "exact", "typo", "sigle", "old-name", "enseigne", "no-commune", "absent", "exact"]
    forms = ["association", "association", "association", "scop", "scic", "cooperative", "sarl", "sas", "fondation",
             "mutuelle"]
    for p in range(poles):
        dept = DEPARTEMENTS[p % len(DEPARTEMENTS)]
        seat = communes[dept][p // len(DEPARTEMENTS)]
        pole_name = f"Pôle {names.pop()}"
        lines = [pole_name, "", f"Le {pole_name} est un pôle territorial de coopération économique installé à {seat[1]} "
                                f"({_departement_names()[dept]}).",
                 "", "Il réunit les structures suivantes :"]
        stem = f"synthetic-pole-{p + 1:02d}"
        for _ in range(3):
            variant = rng.choice(variants)
            form = rng.choice(forms)
            if variant == "sigle" and long_names:
                form = "association"
            elif variant == "sigle":
                variant = "exact"
            commune = seat if variant == "no-commune" else rng.choice(communes[dept])
            name = names.pop()
            written = name
            full = ""
            if variant == "sigle":
                full, written = long_names.pop()
            member = Member(stem, written, form, commune, variant != "no-commune", variant)
            word, family, categories, prefix = FORMS[form]
            category = rng.choice(categories)
            upper = prefix + name.upper()
            if variant != "absent":
                kwargs = {}
                denomination = upper
                if variant == "typo":
                    denomination = _typo(rng, upper)
                elif variant == "sigle":
                    denomination, kwargs = full.upper(), {"sigle": written}
                elif variant == "old-name":
                    denomination, kwargs = prefix + names.pop().upper(), {"usual": upper}
                elif variant == "enseigne":
                    denomination, kwargs = f"{prefix}GESTION {rng.choice(COMPLEMENTS).upper()}", {"enseigne": name.upper()}
                member.expected, member.expected_siret = register.unit(denomination, category, family, commune, **kwargs)
            # hard decoys, designed from how real registers differ
            other_dept = rng.choice([d for d in DEPARTEMENTS if d != dept])
            decoys = rng.sample(["homonym", "closed", "other-family", "non-diffusible", "individual", "none"], 2)
            for what in decoys:
                siren = None
                if what == "homonym":
                    siren, _ = register.unit(upper, category, family, rng.choice(communes[other_dept]))
                elif what == "closed":
                    siren, _ = register.unit(upper, category, family, commune, active=False)
                elif what == "other-family" and family != "commercial companies":
                    siren, _ = register.unit(name.upper(), "5499", "commercial companies", commune, ess=False)
                elif what == "non-diffusible" and variant == "absent":
                    siren, _ = register.unit(upper, category, family, commune, diffusible=False)
                elif what == "individual" and variant == "absent":
                    siren, _ = register.unit("", "1000", "others", commune, enseigne=name.upper(),
                                             person=(rng.choice(FIRST_NAMES), rng.choice(SURNAMES)), ess=False)
                if siren:
                    member.decoys.append((siren, what))
            members.append(member)
            where = f" ({commune[1]})" if member.in_text_commune else ""
            lines.append(f"- {word} {written}{where}")
        (folder / "fiches" / f"{stem}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for _ in range(40 * poles):  # filler: other units of the same départements
        dept = rng.choice(DEPARTEMENTS)
        form = rng.choice(forms)
        word, family, categories, prefix = FORMS[form]
        register.unit(prefix + f"{rng.choice(NOUNS)} {rng.choice(COMPLEMENTS)} {rng.choice(SURNAMES)}".upper(),
                      rng.choice(categories), family, rng.choice(communes[dept]), ess=rng.random() < 0.7)
    paths = {"fiches": folder / "fiches", "unites": folder / "SYNTHETIC-StockUniteLegale.csv",
             "etablissements": folder / "SYNTHETIC-StockEtablissement.csv", "truth": folder / "SYNTHETIC-truth.csv"}
    for path, columns, rows_ in ((paths["unites"], UNIT_COLUMNS, register.units),
                                 (paths["etablissements"], ESTABLISHMENT_COLUMNS, register.establishments)):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows_)
    with paths["truth"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "name", "form", "family", "variant", "commune", "expected_siren", "expected_siret", "decoys"])
        for m in members:
            writer.writerow([m.document, m.name, m.form, m.family, m.variant, m.commune[0], m.expected, m.expected_siret,
                             ";".join(f"{s}:{w}" for s, w in m.decoys)])
    return paths


def read_truth(path: Path) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


FAMILIES = ["associations", "cooperatives", "commercial companies", "others"]


def evaluate(graph, truth: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    """Counts per legal family (and "all") of a registry graph's SIREN links against the truth:
    `expected` (members that have a publishable unit), `linked` (members given a SIREN),
    `correct` (given the expected one), `unread` (members the converters did not read as
    organisations: not counted, the linker never saw them)."""
    from rdflib.namespace import DCTERMS, RDF, SKOS

    from ..vocab import ORG, ROV
    from .sirene import core_key as name_key

    published: dict[str, set[str]] = {}
    for org in graph.subjects(RDF.type, ORG.Organization):
        sirens = {str(graph.value(i, SKOS.notation)) for i in graph.objects(org, ROV.registration)
                  if str(graph.value(i, DCTERMS.type)).endswith("/siren")}
        for label in graph.objects(org, SKOS.prefLabel):
            published.setdefault(name_key(str(label)), set()).update(sirens)
    counts = {f: {"expected": 0, "linked": 0, "correct": 0, "unread": 0} for f in [*FAMILIES, "all"]}
    for row in truth:
        if name_key(row["name"]) not in published:
            for f in (row["family"], "all"):
                counts[f]["unread"] += 1
            continue
        got = published[name_key(row["name"])]
        for f in (row["family"], "all"):
            counts[f]["expected"] += bool(row["expected_siren"])
            counts[f]["linked"] += bool(got)
            counts[f]["correct"] += row["expected_siren"] in got if row["expected_siren"] else 0
    return counts


def precision_recall(count: dict[str, int]) -> tuple[float, float]:
    precision = count["correct"] / count["linked"] if count["linked"] else 1.0
    recall = count["correct"] / count["expected"] if count["expected"] else 1.0
    return precision, recall


def synthetic_stock(units_path: Path, establishments_path: Path, units: int, seed: int = 7,
                    ess_share: float = 1.0) -> dict[str, int]:
    """Write SYNTHETIC Sirene stock files (gzip CSV when the path ends in .gz) of `units` ESS units
    with one to three establishments each, streamed: nothing is held but the current row. Every
    200th unit is not diffusible, every 250th an entrepreneur individuel (a SYNTHETIC person's
    name), every 500th has an invalid SIREN: the importer must leave them all out. Counts of what
    was written."""
    import gzip

    rng = random.Random(seed)
    with (REFERENCE_DIR / "geo" / "communes.csv").open(encoding="utf-8", newline="") as handle:
        communes = [(row["code"], row["nom"], (row.get("codes_postaux") or row.get("code_postal") or "").split(" ")[0])
                    for row in csv.DictReader(handle) if row["type"] == "commune"]
    forms = list(FORMS.values())
    opener = (lambda p: gzip.open(p, "wt", encoding="utf-8", newline="", compresslevel=1)) \
        if str(units_path).endswith(".gz") else (lambda p: open(p, "w", encoding="utf-8", newline=""))
    counts = {"units": 0, "establishments": 0, "not_diffusible": 0, "persons": 0, "invalid": 0}
    register = _Register(rng)
    with opener(units_path) as u_handle, opener(establishments_path) as e_handle:
        u_writer, e_writer = csv.DictWriter(u_handle, UNIT_COLUMNS), csv.DictWriter(e_handle, ESTABLISHMENT_COLUMNS)
        u_writer.writeheader()
        e_writer.writeheader()
        for n in range(units):
            _, family, categories, prefix = rng.choice(forms)
            commune = rng.choice(communes)
            person = None
            diffusible = n % 200 != 7
            if n % 250 == 11:
                person = (rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
                counts["persons"] += 1
            counts["not_diffusible"] += not diffusible
            name = f"{prefix}{rng.choice(NOUNS)} {rng.choice(COMPLEMENTS)} {n}".upper()
            register.units.clear()
            register.establishments.clear()
            register.unit("" if person else name, "1000" if person else rng.choice(categories), family,
                          (commune[0], commune[1]), person=person, diffusible=diffusible,
                          ess=rng.random() < ess_share, sigle=rng.choice(["", "", "", f"S{n}"]))
            row, head = register.units[0], register.establishments[0]
            if n % 500 == 13:  # a SIREN whose check digit is wrong
                bad = row["siren"][:8] + str((int(row["siren"][8]) + 1) % 10)
                row["siren"] = head["siren"] = bad
                head["siret"] = bad + head["siret"][9:]
                counts["invalid"] += 1
            head["codePostalEtablissement"] = commune[2] if commune[2].isdigit() else ""
            u_writer.writerow(row)
            e_writer.writerow(head)
            counts["units"] += 1
            counts["establishments"] += 1
            for extra in range(rng.choice([0, 0, 0, 1, 2])):
                other = rng.choice(communes)
                body = row["siren"] + f"{1000 * (extra + 1) + rng.randint(1, 900):04d}"  # never the head office's
                siret = body + luhn.calc_check_digit(body)
                e_writer.writerow({**head, "siret": siret, "nic": siret[9:], "etablissementSiege": "false",
                                   "codeCommuneEtablissement": other[0], "libelleCommuneEtablissement": other[1].upper(),
                                   "codePostalEtablissement": other[2] if other[2].isdigit() else ""})
                counts["establishments"] += 1
    return counts
