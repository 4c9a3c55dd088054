"""The rules of each kind's own package (converters/kinds/<kind>/) against their tables of examples.

A rule runs as its specification runs it: on the segments the kind's segmenter cuts from a small
synthetic document (the lines of the example), after the reader and the persons rule, after the
rules the specification runs on every line first (`PRELUDE`) and before it on the same lines,
with what they found in the lines before; the keys of what the rule itself found are compared. The examples of a function that is not a rule (`places.resolve`...) run through the
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
from converters.rules import persons

# Kinds whose rules are checked against their examples by a test of their own.
OWN_TESTS = {"converters.kinds.ptce_laureates": "tests/test_kind_ptce_laureates.py",
             "converters.kinds.territory_brochure": "tests/test_territory_brochure.py"}

ADAPTERS = {  # module -> what its examples call, as a set of keys
    "converters.kinds.pole_study.places": lambda module, text: module.resolve(text).keys(),
}


def _modules():
    for package in pkgutil.iter_modules(converters.kinds.__path__, "converters.kinds."):
        if not package.ispkg or package.name in OWN_TESTS:
            continue
        spec = importlib.import_module(package.name)
        for info in pkgutil.iter_modules(spec.__path__, package.name + "."):
            module = importlib.import_module(info.name)
            if hasattr(module, "EXAMPLES"):
                yield spec, module


def _rules_before(spec, module) -> list:
    """The rules the specification runs before `module` on the same lines."""
    tables = [rules for _, _, rules in getattr(spec, "SECTIONS", [])] + list(getattr(spec, "RULES", {}).values())
    rules = next((rules for rules in tables if module in rules), [])
    return rules[: rules.index(module)] if module in rules else []


class _Recorder:
    """A rule that keeps what the rule it wraps found."""

    def __init__(self, module):
        self.module, self.found = module, []

    def find(self, segment, context):
        facts = self.module.find(segment, context)
        self.found.extend(facts)
        return facts


def run_rule(spec, module, text: str) -> set[str]:
    source = SourceText(Path("synthetic.txt"), tuple(text.split("\n")), "0" * 64)
    reading = read(source, rules=[persons], **getattr(spec, "LAYOUT", {}))
    prelude = [rule for rule in getattr(spec, "PRELUDE", []) if rule is not module]
    if prelude:
        run_sections(reading, [("all", None, prelude)])
    recorder = _Recorder(module)
    run_sections(reading, [("all", None, [*_rules_before(spec, module), recorder])])
    return {fact.key() for fact in recorder.found}


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
