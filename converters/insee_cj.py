"""The SKOS concept scheme of INSEE's catégories juridiques (legal categories).

Source: data/reference/insee-categories-juridiques.csv, columns ``code,niveau,libelle``, one row per
category of the three levels of the nomenclature (I: 1 digit, II: 2 digits, III: 4 digits). A code's
parent is its prefix one level up: "5458" -> "54" -> "5".

The project's legal-form concepts (rov:orgType) map to these concepts with skos:exactMatch /
skos:broadMatch, so that a query can go from "SCOP SARL" to INSEE code 5458 (docs/model.md).

    python -m converters.insee_cj [OUT.ttl]     # writes Turtle (stdout without OUT)
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from converters.errors import ConversionError
from converters.paths import REFERENCE_DIR
from converters.vocab import DCTERMS, INSEE_CJ, RDF, SKOS, bind_prefixes, scheme_iri

DEFAULT_CSV = REFERENCE_DIR / "insee-categories-juridiques.csv"

SCHEME = scheme_iri("insee-cj")
SOURCE_PAGE = URIRef("https://www.insee.fr/fr/information/2028129")
# INSEE publishes its nomenclatures under the Licence Ouverte / Open Licence 2.0 (Etalab).
LICENSE = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")

HEADER = ["code", "niveau", "libelle"]
# Level -> length of its codes; the parent of a code is its prefix of the previous level's length.
CODE_LENGTH = {"I": 1, "II": 2, "III": 4}
PARENT_LENGTH = {"II": 1, "III": 2}


class InseeCjError(ConversionError, ValueError):
    """A malformed catégories-juridiques CSV; str() starts with "file:line:" (see ConversionError)."""


def _read_rows(path: Path) -> list[tuple[int, str, str, str]]:
    """Rows as (line, code, level, label), checked one by one."""
    try:
        # utf-8-sig: a BOM left by a spreadsheet must not end up in the first column name.
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InseeCjError(path, f"cannot read: {error.strerror}") from error
    rows: list[tuple[int, str, str, str]] = []
    seen: dict[str, int] = {}
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise InseeCjError(path, f"empty file, expected the header {','.join(HEADER)}", 1)
            if [h.strip() for h in header] != HEADER:
                raise InseeCjError(path, f"header is {','.join(header)!r}, expected {','.join(HEADER)!r}", 1)
            for record in reader:
                # line_num is the physical line where the record ends (quoted fields may span lines).
                line = reader.line_num
                if not record or all(not field.strip() for field in record):
                    continue
                if len(record) != 3:
                    raise InseeCjError(path, f"expected 3 fields (code,niveau,libelle), found {len(record)}", line)
                code, level, label = (field.strip() for field in record)
                if level not in CODE_LENGTH:
                    raise InseeCjError(path, f"level {level!r} is not one of I, II, III", line)
                if not (code.isascii() and code.isdigit()) or len(code) != CODE_LENGTH[level]:
                    raise InseeCjError(
                        path, f"code {code!r} is not a {CODE_LENGTH[level]}-digit code of level {level}", line
                    )
                if not label:
                    raise InseeCjError(path, f"code {code} has an empty libellé", line)
                if code in seen:
                    raise InseeCjError(path, f"code {code} already defined on line {seen[code]}", line)
                seen[code] = line
                rows.append((line, code, level, label))
        except csv.Error as error:
            raise InseeCjError(path, str(error), reader.line_num) from error
        except UnicodeDecodeError as error:
            raise InseeCjError(path, f"not UTF-8 ({error.reason} at byte {error.start})") from error
    # Parents are checked once every code is known: the file need not list a parent before its children.
    for line, code, level, _ in rows:
        if level in PARENT_LENGTH and code[: PARENT_LENGTH[level]] not in seen:
            raise InseeCjError(path, f"code {code} has no parent {code[: PARENT_LENGTH[level]]} in the file", line)
    if not rows:
        raise InseeCjError(path, "no category after the header", 1)
    return rows


def build_insee_cj_graph(csv_path: str | Path | None = None) -> Graph:
    """The insee-cj concept scheme as an rdflib Graph (one skos:Concept per CSV row)."""
    path = Path(csv_path) if csv_path is not None else DEFAULT_CSV
    rows = _read_rows(path)

    graph = Graph()
    bind_prefixes(graph)
    graph.add((SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((SCHEME, SKOS.prefLabel, Literal("Catégories juridiques de l'INSEE", lang="fr")))
    graph.add((SCHEME, SKOS.prefLabel, Literal("INSEE legal categories", lang="en")))
    graph.add((SCHEME, DCTERMS.title, Literal("Catégories juridiques de l'INSEE", lang="fr")))
    graph.add((SCHEME, DCTERMS.description, Literal(
        "Nomenclature des catégories juridiques retenues dans la gestion du répertoire SIRENE, "
        "à trois niveaux (1, 2 et 4 chiffres).", lang="fr")))
    graph.add((SCHEME, DCTERMS.description, Literal(
        "INSEE's nomenclature of legal categories used in the SIRENE register, on three levels "
        "(1, 2 and 4 digits).", lang="en")))
    graph.add((SCHEME, DCTERMS.source, SOURCE_PAGE))
    graph.add((SCHEME, DCTERMS.license, LICENSE))

    for _, code, level, label in rows:
        concept = INSEE_CJ[code]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, SCHEME))
        graph.add((concept, SKOS.notation, Literal(code)))
        graph.add((concept, SKOS.prefLabel, Literal(label, lang="fr")))
        if level == "I":
            graph.add((concept, SKOS.topConceptOf, SCHEME))
            graph.add((SCHEME, SKOS.hasTopConcept, concept))
        else:
            graph.add((concept, SKOS.broader, INSEE_CJ[code[: PARENT_LENGTH[level]]]))
    return graph


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    turtle = build_insee_cj_graph().serialize(format="turtle")
    if args:
        Path(args[0]).write_text(turtle, encoding="utf-8")
    else:
        sys.stdout.write(turtle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
