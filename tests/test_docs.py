"""The README documents every option of the `essreg` command and every setting of the server;
docs/architecture.md cites only paths, modules, functions and attributes that exist."""
import ast
import importlib
import re
import textwrap
from pathlib import Path

import click
import pytest

from endpoint.settings import SETTINGS
from essreg.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_the_two_quick_start_commands():
    assert "make serve" in README and "make test" in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_option_of_the_command_is_in_the_readme(command):
    options = [p for p in main.commands[command].params if isinstance(p, click.Option)]
    missing = [p.opts[0] for p in options if not any(o in README for o in p.opts)]
    assert not missing, f"essreg {command}: undocumented options {missing}"


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_server_setting_is_in_the_readme(setting):
    assert f"`{setting}`" in README


# --- docs/architecture.md cites what exists ---------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
_PROSE = re.sub(r"```.*?```", "", ARCHITECTURE, flags=re.DOTALL)  # inline code only, not the examples
CITED = sorted({re.sub(r"\(.*\)$", "", code) for code in re.findall(r"`([^`\n]+)`", _PROSE)})  # calls without arguments
PATHS = [c for c in CITED if re.match(r"(?:converters|tests|docs|ontology|shapes|endpoint|essreg|data)/", c)
         and not re.search(r"[{<*]", c)]
DOTTED = [c for c in CITED if re.fullmatch(r"converters(?:\.\w+)+", c)]
ATTRIBUTES = [c for c in CITED if re.fullmatch(r"[A-Z]\w+\.\w+", c)]  # Class.attribute


def _resolve(dotted: str):
    """The object a dotted name designates: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ModuleNotFoundError(dotted)


def _class(name: str) -> str:
    """The module of converters/ that defines class `name`."""
    for path in sorted((ROOT / "converters").rglob("*.py")):
        if re.search(rf"^class {name}\b", path.read_text(encoding="utf-8"), re.MULTILINE):
            return ".".join(path.relative_to(ROOT).with_suffix("").parts)
    raise AssertionError(f"no class {name} in converters/")


def test_architecture_cites_something_of_each_sort():
    assert len(PATHS) > 10 and len(DOTTED) > 20 and len(ATTRIBUTES) > 5


@pytest.mark.parametrize("path", PATHS)
def test_every_path_cited_in_the_architecture_exists(path):
    assert (ROOT / path).exists(), f"docs/architecture.md cites {path}, which is not in the repository"


@pytest.mark.parametrize("name", DOTTED)
def test_every_module_and_function_cited_in_the_architecture_exists(name):
    _resolve(name)


@pytest.mark.parametrize("name", ATTRIBUTES)
def test_every_class_attribute_cited_in_the_architecture_exists(name):
    class_name, attribute = name.split(".")
    cls = getattr(importlib.import_module(_class(class_name)), class_name)
    assert hasattr(cls, attribute) or attribute in getattr(cls, "__dataclass_fields__", {})


def test_the_examples_of_the_architecture_are_python():
    for block in re.findall(r"```python\n(.*?)```", ARCHITECTURE, flags=re.DOTALL):
        ast.parse(textwrap.dedent(block))


def test_no_file_cites_a_design_document_that_is_not_in_the_repository():
    """The fixed decisions are in docs/architecture.md; a citation must lead to a file one has."""
    files = [p for folder in ("converters", "endpoint", "essreg", "docs", "tests", "benchmarks")
             for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".md") and p.name != "test_docs.py"]
    citing = [str(p.relative_to(ROOT)) for p in [*files, ROOT / "README.md"] if "DESIGN.md" in p.read_text(encoding="utf-8")]
    assert not citing
