"""Converters, one per kind of source document: a module, or a package whose `__init__` is the
kind's specification over the reader (detection, layout, the rules of each section, subject) and
whose other modules are the rules of its layout, each with its examples (see `sections`).

Each has KIND (a name), detect(source) -> score in [0, 1] and parse(source) -> Document.
`generic` reads any other French text about a pole; it is tried last.
"""
from . import fiche_initiative, generic, pole_monograph, pole_study, ptce_laureates, territory_brochure

KINDS = [ptce_laureates, pole_study, fiche_initiative, pole_monograph, territory_brochure, generic]
