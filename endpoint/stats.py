"""/stats: figures of the registry, each a SPARQL query on the store, shown as a table (readable
without JavaScript) and a chart (static/stats.js draws it with Chart.js, vendored under
static/chartjs/, from the table's own cells), with a link that opens the query in /query.
"""
from dataclasses import dataclass

from flask import Blueprint, render_template, url_for

from .build import current_build, get_store
from .validators import cacheable

bp = Blueprint("stats", __name__)

PREFIXES = """PREFIX ess: <https://w3id.org/ess-poles/def#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rov: <http://www.w3.org/ns/regorg#>
PREFIX igeo: <http://rdf.insee.fr/def/geo#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass(frozen=True)
class Figure:
    name: str
    title: str
    label: str  # the heading of the first column
    count: str  # the heading of the second
    chart: str  # "bar" or "line"
    query: str  # a SELECT of ?label and ?n

    @property
    def text(self) -> str:
        return f"# {self.title}\n{PREFIXES}\n{self.query.strip()}\n"


FIGURES = (
    Figure("formes-juridiques", "Formes juridiques des membres des PTCE", "Forme juridique", "Membres", "bar", """
SELECT ?label (COUNT(DISTINCT ?member) AS ?n) WHERE {
  ?pole a ess:PTCE ; org:hasMember ?member .
  ?member rov:orgType ?form .
  ?form skos:prefLabel ?label FILTER(LANG(?label) = "fr")
}
GROUP BY ?label ORDER BY DESC(?n) ?label"""),
    Figure("regions", "Pôles par région (régions actuelles)", "Région", "Pôles", "bar", """
SELECT ?label (COUNT(DISTINCT ?pole) AS ?n) WHERE {
  ?pole a ess:Pole .
  { ?pole ess:region ?place } UNION { ?pole dcterms:spatial ?place }
  ?place igeo:subdivisionDe*/dcterms:isReplacedBy? ?region .
  ?region a igeo:Region ; igeo:nom ?label .
  FILTER NOT EXISTS { ?region a ess:FormerRegion }
}
GROUP BY ?label ORDER BY DESC(?n) ?label"""),
    Figure("themes", "Pôles par thème", "Thème", "Pôles", "bar", """
SELECT ?label (COUNT(DISTINCT ?pole) AS ?n) WHERE {
  ?pole a ess:Pole ; dcterms:subject ?theme .
  ?theme skos:prefLabel ?label FILTER(LANG(?label) = "fr")
}
GROUP BY ?label ORDER BY DESC(?n) ?label"""),
    Figure("appels", "PTCE lauréats par appel à projets", "Appel à projets", "PTCE", "bar", """
SELECT ?label (COUNT(DISTINCT ?pole) AS ?n) WHERE {
  ?pole a ess:PTCE ; ess:laureateOf ?call .
  ?call skos:prefLabel ?label
}
GROUP BY ?label ORDER BY DESC(?n) ?label"""),
    Figure("creations", "Pôles créés par année (quand les textes la donnent)", "Année", "Pôles", "line", """
SELECT ?label (COUNT(DISTINCT ?pole) AS ?n) WHERE {
  ?pole a ess:Pole ; dcterms:created ?created .
  BIND(SUBSTR(STR(?created), 1, 4) AS ?label)
}
GROUP BY ?label ORDER BY ?label"""),
)


def figure_rows(figure: Figure) -> list[tuple[str, int]]:
    return [(row["label"].value, int(row["n"].value)) for row in get_store().query(figure.text)]


@bp.get("/stats")
def stats_page():
    build = current_build()

    def render() -> str:
        figures = [(figure, build.cached(f"stats-{figure.name}", lambda f=figure: figure_rows(f)),
                    url_for("query_ui.query_page", query=figure.text)) for figure in FIGURES]
        return render_template("pages/stats.html", figures=figures)
    return cacheable("stats.html", render)
