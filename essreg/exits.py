"""How the `essreg` commands end on a failure they did not cause: a damaged input file (exit code
2) or a defect of the converters met while processing a file (exit code 3). The codes are those
of essreg/cli.py's docstring."""
from __future__ import annotations

import functools
import sys

import click

from converters.errors import ConversionError, InternalError
from converters.pipeline import EXIT_INPUT, EXIT_INTERNAL


def bad_input(error: Exception):
    """A file the command reads is damaged (the message names the file and line): exit code 2."""
    click.echo(f"error: {error}", err=True)
    click.echo("error: bad input; nothing was replaced", err=True)
    sys.exit(EXIT_INPUT)


def internal_errors(command):
    """A defect met while processing a file is exit code 3, with the file and the traceback; a
    damaged table or stock file met by a stage (a linker reading it) is bad input."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except InternalError as error:
            if isinstance(error.cause, ConversionError):
                bad_input(error.cause)
            click.echo(error.details, err=True)
            click.echo(f"error: {error} (exit code 3: please report it with the file)", err=True)
            sys.exit(EXIT_INTERNAL)
    return wrapper
