"""Persons' names never reach a public output (docs/architecture.md, "Personal data" and "Privacy").

The rules find the persons a document names (converters/rules/persons.py); once every document
is written, `mask_public` replaces each of their names, wherever it appears in a literal of a
public graph (labels, descriptions, events, the words a figure was stated in), by a mask. The
private graph keeps the lines as written.
"""
from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import SKOS

from .folding import name_key
from .rules.persons import mask, masker

# The labels of an organisation named after a person ("Foyer Olivier de Serres", "Institut
# Jean-Baptiste Godin") keep the name: it names the organisation, not a person it speaks of.
_LABELS = {SKOS.prefLabel, SKOS.altLabel}


def mask_public(graphs: list[Graph], persons: list[str]) -> int:
    """Mask the names in every literal of `graphs`; the number of literals changed."""
    pattern = masker(persons)
    if pattern is None:
        return 0
    names = {name_key(p) for p in persons}
    changed = 0
    for graph in graphs:
        for s, p, o in list(graph):
            if not isinstance(o, Literal) or o.datatype is not None or not str(o):
                continue
            if p in _LABELS and name_key(str(o)) not in names and "/id/event/" not in str(s):
                continue
            masked = mask(str(o), pattern)
            if masked != str(o):
                graph.remove((s, p, o))
                graph.add((s, p, Literal(masked, lang=o.language)))
                changed += 1
    return changed
