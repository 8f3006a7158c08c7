"""``cehours export``: one record per evidence item (contract section 4) as JSON lines, CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


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
        db: Annotated[
            str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
        ] = None,
    ) -> None:
        """Every item's current record: the reviewer's decision where there is one, else the proposal."""
        from pipeline.export import FORMATS, export
        from pipeline.store.db import NoDatabase, open_db
        from pipeline.store.query import UnknownBatch

        if fmt not in FORMATS:
            raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
        if fmt == "xlsx" and out is None:
            raise typer.BadParameter("xlsx needs -o FILE.xlsx", param_hint="--output")
        try:
            with open_db(db, create=False)() as s:
                n = export(s, fmt, out, batch)
        except (UnknownBatch, NoDatabase) as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        if out is not None:
            typer.echo(f"{n} records written to {out}", err=True)
