"""Every RDF namespace the project uses, in one place.

Ontology terms live under ESS (base-independent: docs/architecture.md, "Fixed decisions"); the
controlled vocabularies (concept schemes) live under DEF + "<scheme>/". Data URIs depend on the
configured base and are built by `converters.ids`, never here.
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

DEF = "https://w3id.org/ess-poles/def"
ESS = Namespace(DEF + "#")

ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
IGEO = Namespace("http://rdf.insee.fr/def/geo#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ESSGLOBAL = Namespace("http://purl.org/essglobal/vocab/")
SH = Namespace("http://www.w3.org/ns/shacl#")


def scheme_namespace(name: str) -> Namespace:
    """Namespace of the concepts of one controlled vocabulary, e.g. DEF/legal-form/."""
    return Namespace(f"{DEF}/{name}/")


def scheme_iri(name: str) -> URIRef:
    """IRI of the skos:ConceptScheme itself, e.g. DEF/legal-form."""
    return URIRef(f"{DEF}/{name}")


LEGAL_FORM = scheme_namespace("legal-form")
INSEE_CJ = scheme_namespace("insee-cj")
STRUCTURE_TYPE = scheme_namespace("structure-type")
ROLE = scheme_namespace("role")
PARTNER_CATEGORY = scheme_namespace("partner-category")
THEME = scheme_namespace("theme")
TYPOLOGY = scheme_namespace("typology")
PHASE = scheme_namespace("ptce-phase")
MEASURE = scheme_namespace("measure")
UNIT = scheme_namespace("unit")
APPROXIMATION = scheme_namespace("approximation")
IDENTIFIER_TYPE = scheme_namespace("identifier-type")

PREFIXES = {
    "ess": ESS,
    "org": ORG,
    "rov": ROV,
    "adms": ADMS,
    "igeo": IGEO,
    "locn": LOCN,
    "vcard": VCARD,
    "essglobal": ESSGLOBAL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "dcat": DCAT,
    "void": VOID,
    "foaf": FOAF,
    "owl": OWL,
    "rdfs": RDFS,
    "xsd": XSD,
    "lf": LEGAL_FORM,
    "cj": INSEE_CJ,
    "stype": STRUCTURE_TYPE,
    "role": ROLE,
    "pcat": PARTNER_CATEGORY,
    "theme": THEME,
    "typology": TYPOLOGY,
    "phase": PHASE,
    "measure": MEASURE,
    "unit": UNIT,
    "approx": APPROXIMATION,
    "idtype": IDENTIFIER_TYPE,
}


def bind_prefixes(graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


__all__ = [
    "ADMS", "APPROXIMATION", "DCAT", "DCTERMS", "DEF", "ESS", "ESSGLOBAL", "FOAF", "IDENTIFIER_TYPE",
    "IGEO", "INSEE_CJ", "LEGAL_FORM", "LOCN", "MEASURE", "ORG", "OWL", "PARTNER_CATEGORY", "PHASE",
    "PREFIXES", "PROV", "RDF", "RDFS", "ROLE", "ROV", "SH", "SKOS", "STRUCTURE_TYPE", "THEME",
    "TYPOLOGY", "UNIT", "VCARD", "VOID", "XSD", "bind_prefixes", "scheme_iri", "scheme_namespace",
]
