"""The ``cehours`` command.

Each command group lives in its own module under ``pipeline/cli/commands/`` and exposes
``register(app)``; they are discovered here so that adding a command never edits this file.
Command modules import heavy libraries (scikit-learn, Prefect, OCR) inside the command body,
so ``cehours --help`` stays fast.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

from pipeline.cli import commands

app = typer.Typer(
    name="cehours",
    help="Scanned evidence in, proposed continuing-education hours out, for a person to confirm.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

for _mod in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    importlib.import_module(f"{commands.__name__}.{_mod.name}").register(app)


def main() -> None:
    app()
