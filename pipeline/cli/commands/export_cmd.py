"""``cehours export``: one record per evidence item (docs/contract.md section 4): JSON lines, CSV, XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.reading import DbOpt, read_session


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | xlsx")] = "jsonl",
        out: Annotated[
            Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
        ] = None,
        batch: Annotated[
            str | None, typer.Option("--batch", "-b", help="Only this batch (default: all).")
        ] = None,
        db: DbOpt = None,
    ) -> None:
        """Every item's current record: the reviewer's decision where there is one, else the proposal."""
        from pipeline.export import FORMATS, export

        if fmt not in FORMATS:
            raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
        if fmt == "xlsx" and out is None:
            raise typer.BadParameter("xlsx needs -o FILE.xlsx", param_hint="--output")
        with read_session(db) as s:
            n = export(s, fmt, out, batch)
        if out is not None:
            typer.echo(f"{n} records written to {out}", err=True)
