"""The few RDF namespaces the server reads, as pyoxigraph terms and as a SPARQL prologue.

Deliberately independent of `converters.vocab`: the server knows the build only through its
outputs (docs/model.md is the contract between the two).
"""
from pyoxigraph import NamedNode


class Namespace:
    """`SKOS.prefLabel` is the NamedNode of skos:prefLabel."""

    def __init__(self, iri: str):
        self.iri = iri

    def __getattr__(self, local_name: str) -> NamedNode:
        return NamedNode(self.iri + local_name)

    def __getitem__(self, local_name: str) -> NamedNode:  # names that are not Python names: ROLE["founding-member"]
        return NamedNode(self.iri + local_name)

    def __str__(self) -> str:
        return self.iri


DEF = "https://w3id.org/ess-poles/def"

ESS = Namespace(DEF + "#")
ROLE = Namespace(DEF + "/role/")
ORG = Namespace("http://www.w3.org/ns/org#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
IGEO = Namespace("http://rdf.insee.fr/def/geo#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = "http://www.w3.org/2002/07/owl#"

# The project's vocabularies (docs/model.md) and those it reuses: the prefixes of SPARQL written
# here, of the Turtle the endpoint answers, of its JSON-LD context, and the PREFIX lines it
# suggests when a query forgets one.
PREFIXES = {
    "ess": ESS.iri,
    "org": ORG.iri,
    "rov": ROV.iri,
    "adms": "http://www.w3.org/ns/adms#",
    "igeo": IGEO.iri,
    "locn": "http://www.w3.org/ns/locn#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "essglobal": "http://purl.org/essglobal/vocab/",
    "skos": SKOS.iri,
    "dcterms": DCTERMS.iri,
    "prov": PROV.iri,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": RDF.iri,
    "rdfs": RDFS.iri,
    "owl": OWL,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    # the concept schemes of the ontology
    "lf": DEF + "/legal-form/",
    "cj": DEF + "/insee-cj/",
    "stype": DEF + "/structure-type/",
    "role": DEF + "/role/",
    "pcat": DEF + "/partner-category/",
    "theme": DEF + "/theme/",
    "typology": DEF + "/typology/",
    "phase": DEF + "/ptce-phase/",
    "measure": DEF + "/measure/",
    "unit": DEF + "/unit/",
    "approx": DEF + "/approximation/",
    "idtype": DEF + "/identifier-type/",
}

PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items())
