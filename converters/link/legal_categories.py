"""INSEE's catégories juridiques as a linker: the legal forms the documents give are concepts of
the project's legal-form scheme, each mapped there to INSEE's nomenclature (skos:exactMatch,
skos:broadMatch); this linker checks that every legal form used has such a mapping and contributes
the nomenclature itself (converters.insee_cj) to the reference graph. SIRENE, when it links an
organisation, is where a legal form gets checked against the register."""
from __future__ import annotations

from rdflib import Graph

from ..errors import Diagnostic
from ..ids import Uris
from ..insee_cj import build_insee_cj_graph
from ..model import Document
from ..vocabularies import vocabulary


def _mapped_forms() -> set[str]:
    from rdflib.namespace import SKOS

    from ..paths import SCHEMES_DIR

    scheme = Graph().parse(SCHEMES_DIR / "legal-forms.ttl", format="turtle")
    return {str(s).rsplit("/", 1)[1] for p in (SKOS.exactMatch, SKOS.broadMatch) for s in scheme.subjects(p, None)}


class LegalCategoriesLinker:
    NAME = "INSEE legal categories"

    def annotate(self, documents: list[Document]) -> list[Diagnostic]:
        forms = vocabulary("legal-form")
        mapped = _mapped_forms()
        found = []
        for document in documents:
            holders = [(p.name, p.legal_forms, (p.legal_form_lines or p.lines or [None])[0]) for p in document.poles]
            holders += [(o.name, o.legal_forms, min(o.lines, default=None)) for o in document.organisations.values()]
            for name, slugs, line in holders:
                for slug in slugs:
                    if slug not in forms or slug not in mapped:
                        found.append(Diagnostic("warning", str(document.path), line,
                                                f"{name}: legal form {slug!r} has no INSEE category in the legal-form scheme"))
        return found

    def reference(self, uris: Uris, referred) -> Graph:
        return build_insee_cj_graph()
