"""Converters, one module per kind of source document.

Each module has KIND (a name), detect(source) -> score in [0, 1] and parse(source) -> Document.
"""
from . import ptce_laureates

KINDS = [ptce_laureates]
