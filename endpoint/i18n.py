"""The interface's own words in French, and in English when the reader asks for it.

A dict per language rather than Flask-Babel: a few dozen short strings, no plural rules beyond
"s", no translators' tool chain to run at build time, and nothing to compile before `make serve`.
The language is chosen by ?lang= (remembered in a cookie), then the cookie, then Accept-Language;
French by default. Data labels follow the same choice where the data has them (descriptions.py).
"""
from urllib.parse import urlencode

from flask import Flask, g, has_request_context, request

LANGUAGES = ("fr", "en")
COOKIE = "lang"

MESSAGES = {
    "site": ("Registre des pôles de l'ESS", "ESS poles registry"),
    "nav.poles": ("Pôles", "Poles"),
    "nav.browse": ("Parcourir", "Browse"),
    "nav.organisations": ("Organisations", "Organisations"),
    "nav.search": ("Recherche", "Search"),
    "nav.map": ("Carte", "Map"),
    "nav.stats": ("Chiffres", "Figures"),
    "nav.query": ("Requêtes", "Query"),
    "nav.downloads": ("Téléchargements", "Downloads"),
    "nav.ontology": ("Ontologie", "Ontology"),
    "switch": ("English", "Français"),
    "as_data": ("Cette page en données :", "This page as data:"),
    "index.title": ("Pôles de l'économie sociale et solidaire", "Poles of the social and solidarity economy"),
    "index.intro": ("Ce registre décrit les pôles de l'ESS, dont les PTCE, leurs membres, leurs territoires "
                    "et les documents d'où viennent ces informations.",
                    "This registry describes the poles of the social and solidarity economy, the PTCE among "
                    "them, their members, their territories and the documents the facts come from."),
    "index.counts": ("Ce que contient le registre", "What the registry holds"),
    "count.poles": ("pôles", "poles"),
    "count.ptce": ("PTCE", "PTCE"),
    "count.organisations": ("organisations", "organisations"),
    "count.communes": ("communes", "communes"),
    "count.documents": ("documents sources", "source documents"),
    "index.explore": ("Explorer", "Explore"),
    "index.all_regions": ("Toutes les régions", "All regions"),
    "index.filter": ("Filtrer", "Filter"),
    "index.no_region": ("Région non précisée", "Region not stated"),
    "page": ("Page", "Page"),
    "previous": ("Précédente", "Previous"),
    "next": ("Suivante", "Next"),
    "of": ("sur", "of"),
    "kind": ("Type", "Type"),
    "typology": ("Typologie", "Typology"),
    "themes": ("Thèmes", "Themes"),
    "region": ("Région", "Region"),
    "departement": ("Département", "Département"),
    "collectivite": ("Collectivité d'outre-mer", "Overseas collectivity"),
    "commune": ("Commune", "Commune"),
    "place": ("Lieu", "Place"),
    "also_called": ("Autres noms", "Also called"),
    "legal_form": ("Forme juridique", "Legal form"),
    "legal_name": ("Raison sociale", "Legal name"),
    "structure_type": ("Type de structure", "Structure type"),
    "not_stated": ("non précisée", "not stated"),
    "territories": ("Territoires", "Territories"),
    "address": ("Adresse", "Address"),
    "website": ("Site web", "Website"),
    "laureate_of": ("Lauréat de", "Laureate of"),
    "figures": ("Chiffres", "Figures"),
    "measure": ("Mesure", "Measure"),
    "value": ("Valeur", "Value"),
    "unit": ("Unité", "Unit"),
    "date": ("Date", "Date"),
    "as_stated": ("Tel qu'écrit", "As stated"),
    "events": ("Histoire et événements", "History and events"),
    "event": ("Événement", "Event"),
    "sources": ("Sources", "Sources"),
    "line": ("ligne", "line"),
    "lines": ("lignes", "lines"),
    "poles": ("Pôles", "Poles"),
    "members": ("Membres", "Members"),
    "role_not_stated": ("Rôle non précisé", "Role not stated"),
    "text.goals": ("Objectifs", "Goals"),
    "text.functions": ("Fonctions", "Functions"),
    "text.achievements": ("Réalisations", "Achievements"),
    "text.planned": ("Actions prévues", "Planned actions"),
    "text.strengths": ("Points forts", "Strengths"),
    "text.weaknesses": ("Points faibles", "Weaknesses"),
    "text.practices": ("Bonnes pratiques", "Good practices"),
    "text.governance": ("Gouvernance", "Governance"),
    "text.notes": ("Notes", "Notes"),
    "statements": ("Déclarations", "Statements"),
    "property": ("Propriété", "Property"),
    "graph": ("Graphe", "Graph"),
    "referred_by": ("Cité par", "Referred to by"),
    "resource": ("Ressource", "Resource"),
    "truncated": ("Seules les {n} premières déclarations de chaque sorte sont listées ; le point d'accès SPARQL "
                  "les a toutes.", "Only the first {n} statements of each kind are listed; the SPARQL endpoint "
                  "has them all."),
    "error.not_found": ("Introuvable", "Not found"),
    "error": ("Erreur", "Error"),
    "error.hint": ("La <a href=\"{index}\">liste des pôles</a> mène à chaque pôle ; la <a href=\"{query}\">page "
                   "de requêtes SPARQL</a> répond à toute autre question.",
                   "The <a href=\"{index}\">list of poles</a> links to every pole; the <a href=\"{query}\">SPARQL "
                   "query page</a> answers any other question."),
    "browse.title": ("Parcourir le registre", "Browse the registry"),
    "browse.region": ("Régions", "Regions"),
    "browse.departement": ("Départements", "Départements"),
    "browse.collectivite": ("Collectivités d'outre-mer", "Overseas collectivities"),
    "browse.theme": ("Thèmes", "Themes"),
    "browse.legal-form": ("Formes juridiques", "Legal forms"),
    "browse.structure-type": ("Types de structure", "Structure types"),
    "browse.typology": ("Typologies", "Typologies"),
    "browse.count.poles": ("pôles", "poles"),
    "browse.count.organisations": ("organisations", "organisations"),
    "browse.formats": ("Cette liste en JSON ou CSV :", "This list as JSON or CSV:"),
    "browse.none": ("Rien à lister.", "Nothing to list."),
    "organisations.title": ("Organisations", "Organisations"),
    "search.title": ("Recherche", "Search"),
    "search.label": ("Nom, sigle, mot de la description", "Name, acronym, word of the description"),
    "search.submit": ("Chercher", "Search"),
    "search.results": ("{n} résultat(s) pour « {q} »", "{n} result(s) for “{q}”"),
    "search.none": ("Aucun résultat.", "No result."),
    "search.empty": ("Tapez un nom ou un mot.", "Type a name or a word."),
    "search.too_long": ("Requête trop longue ({n} caractères au plus).", "Query too long ({n} characters at most)."),
    "search.as_json": ("Ces résultats en JSON", "These results as JSON"),
    "type.pole": ("pôle", "pole"),
    "type.organisation": ("organisation", "organisation"),
    "describe.title": ("Description du jeu de données", "Description of the dataset"),
    "describe.formats": ("Ce document en données :", "This document as data:"),
    "describe.triples": ("triplets", "triples"),
    "describe.entities": ("entités", "entities"),
    "describe.classes": ("Classes", "Classes"),
    "describe.instances": ("instances", "instances"),
    "describe.dumps": ("Téléchargements", "Downloads"),
    "describe.endpoint": ("Point d'accès SPARQL", "SPARQL endpoint"),
    "describe.licence": ("Licence", "Licence"),
    "catalog.title": ("Catalogue DCAT", "DCAT catalogue"),
    "catalog.datasets": ("Jeux de données", "Datasets"),
    "catalog.page": ("Page {page} sur {pages}.", "Page {page} of {pages}."),
    "catalog.registry": ("Le registre entier (toutes ses données)", "The whole registry (all its data)"),
    "catalog.pages": ("Pages du catalogue", "Pages of the catalogue"),
    "catalog.previous": ("Page précédente", "Previous page"),
    "catalog.next": ("Page suivante", "Next page"),
    "dumps.intro": ("Version {id}, {built} : {triples} triplets, sous la", "Build {id}, {built}: {triples} triples, under the"),
    "dumps.machines": ("Décrits pour les machines en", "Described for machines in"),
    "dumps.and": ("et dans un", "and in a"),
    "dumps.catalogue": ("catalogue DCAT-AP", "DCAT-AP catalogue"),
    "dumps.file": ("Fichier", "File"),
    "dumps.bytes": ("Octets", "Bytes"),
    "dumps.all": ("tous les graphes publics", "all public graphs"),
    "query.title": ("Interroger le registre en SPARQL", "Query the registry in SPARQL"),
    "query.intro": ("Le point d'accès est <code>{url}</code> (protocole SPARQL 1.1, lecture seule). Le graphe par "
                    "défaut est l'union des graphes publics. Exemples :",
                    "The endpoint is <code>{url}</code> (SPARQL 1.1 Protocol, read-only). The default graph is the "
                    "union of the public graphs. Examples:"),
    "query.results_as": ("Résultats en", "Results as"),
    "query.run": ("Exécuter", "Run"),
    "ontology.properties": ("Propriétés", "Properties"),
    "ontology.schemes": ("Schémas de concepts", "Concept schemes"),
    "ontology.prefix": ("préfixe", "prefix"),
    "void.title": ("Description VoID", "VoID description"),
}


def language() -> str:
    """The language of the current request's interface."""
    if "lang" not in g:
        asked = request.args.get("lang") or request.cookies.get(COOKIE)
        g.lang = asked if asked in LANGUAGES else (request.accept_languages.best_match(LANGUAGES) or "fr")
    return g.lang


def translate(key: str, **values) -> str:
    text = MESSAGES[key][LANGUAGES.index(language())]
    return text.format(**values) if values else text


def data_languages() -> tuple[str, ...]:
    """Which language tags of the data to prefer, best first ("" is a literal without one)."""
    english = has_request_context() and language() == "en"
    return ("en", "fr", "") if english else ("fr", "", "en")


def other_language(args, other: str) -> str:
    """The query string of the current page in the `other` language (?page= and filters kept)."""
    return urlencode([*((k, v) for k, v in args.items(multi=True) if k != "lang"), ("lang", other)])


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=translate, lang=language)
    app.jinja_env.filters["other_language"] = other_language

    @app.after_request
    def remember_language(response):
        # HTML answers depend on Accept-Language and the cookie; other answers do not say a word
        if response.mimetype == "text/html":
            response.vary.update(("Accept-Language", "Cookie"))  # one parse and one write of Vary
            asked = request.args.get("lang")
            if asked in LANGUAGES and request.cookies.get(COOKIE) != asked:
                response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
        return response
