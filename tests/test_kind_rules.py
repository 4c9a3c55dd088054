"""The rules of each kind's own package (converters/kinds/<kind>/) against their tables of examples.

A rule runs as its specification runs it: on the segments the kind's segmenter cuts from a small
synthetic document (the lines of the example), after the reader, with what it found in the lines
before. The examples of a function that is not a rule (`places.resolve`...) run through the
adapter this file gives it.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import converters.kinds
from converters.kinds.sections import run_sections
from converters.reading.reader import read
from converters.reading.source import SourceText

ADAPTERS = {  # module -> what its examples call, as a set of keys
    "converters.kinds.pole_study.places": lambda module, text: module.resolve(text).keys(),
}


def _modules():
    for package in pkgutil.iter_modules(converters.kinds.__path__, "converters.kinds."):
        if not package.ispkg:
            continue
        spec = importlib.import_module(package.name)
        for info in pkgutil.iter_modules(spec.__path__, package.name + "."):
            module = importlib.import_module(info.name)
            if hasattr(module, "EXAMPLES"):
                yield spec, module


def run_rule(spec, module, text: str) -> set[str]:
    source = SourceText(Path("synthetic.txt"), tuple(text.split("\n")), "0" * 64)
    reading = read(source, rules=[], **getattr(spec, "LAYOUT", {}))
    run_sections(reading, [("all", None, [module])])
    return {fact.key() for fact in reading.facts}


CASES = [(module.__name__, spec, module, text, expected)
         for spec, module in _modules() for text, expected in module.EXAMPLES]


@pytest.mark.parametrize("name, spec, module, text, expected", CASES,
                         ids=[f"{c[0].removeprefix('converters.kinds.')}-{i}" for i, c in enumerate(CASES)])
def test_kind_rule_examples(name, spec, module, text, expected):
    adapter = ADAPTERS.get(name)
    found = adapter(module, text) if adapter else run_rule(spec, module, text)
    assert set(found) == expected


def test_every_kind_rule_has_examples():
    modules = [m for _, m in _modules()]
    assert modules and all(len(m.EXAMPLES) >= 3 for m in modules)
    assert all(hasattr(m, "find") or m.__name__ in ADAPTERS for m in modules)
