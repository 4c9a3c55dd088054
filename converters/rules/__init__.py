"""The shared rule library: one small module per kind of fact, each with one function
`find(segment, context) -> list[Fact]` and a table of examples (`EXAMPLES`) that is its unit test.

`SHARED` lists the rules every document runs, in order: a rule may read what the rules before it
found in the same segment (`Context.earlier`): places know the persons, organisations know the
persons and places, figures know the places.
"""
from . import contacts, dates, organisations, persons, places, pole_names, quantities, roles, subject_forms, themes

SHARED = [persons, places, organisations, quantities, roles, pole_names, subject_forms, dates, contacts, themes]
