"""The ``cehours`` command.

Each command group lives in its own module under ``pipeline/cli/commands/`` and exposes
``register(app)``; they are discovered here so that adding a command never edits this file.
Command modules import heavy libraries (scikit-learn, Prefect, OCR) inside the command body,
so ``cehours --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from pipeline.cli import commands
from pipeline.errors import ProgramDataError

app = typer.Typer(
    name="cehours",
    help="Scanned evidence in, proposed continuing-education hours out, for a person to confirm.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

# A data file of the program itself that is missing or broken fails every command alike: main()
# says so in one line, not a traceback. The evidence table and the patterns are read when their
# modules are imported; their errors (rules.errors.TableError, a ValueError: ``rules`` does not
# depend on ``pipeline``) are caught by base class, since importing rules.errors would import them.
_broken: Exception | None = None
try:
    for _mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{_mod.name}").register(app)
except (ProgramDataError, ValueError) as e:
    _broken = e


def main() -> None:
    if _broken is not None:
        print(f"error: cehours cannot run: {_broken}", file=sys.stderr)
        raise SystemExit(3)
    app()
