"""The README documents every option of the `essreg` command and every setting of the server."""
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
