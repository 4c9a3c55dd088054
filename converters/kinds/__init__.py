"""Converters, one module per kind of source document.

Each module (or package: a specification and its own rules) has KIND (a name),
detect(source) -> score in [0, 1] and parse(source) -> Document.
`generic` reads any other French text about a pole; it is tried last.
"""
from . import fiche_initiative, generic, pole_monograph, pole_study, ptce_laureates, territory_brochure

KINDS = [ptce_laureates, pole_study, fiche_initiative, pole_monograph, territory_brochure, generic]
