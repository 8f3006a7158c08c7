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
        full_id_numbers: Annotated[
            bool,
            typer.Option("--full-id-numbers", help="ID-card numbers in full (needs --user of an admin)."),
        ] = False,
        user: Annotated[
            str | None, typer.Option("--user", "-u", help="Who asks (an account of `cehours user add`).")
        ] = None,
        db: DbOpt = None,
    ) -> None:
        """Every item's current record: the reviewer's decision where there is one, else the proposal.
        ID-card numbers read off scans are masked unless an admin asks for them in full."""
        from pipeline.export import FORMATS, export
        from pipeline.privacy import FULL_ID_ROLES, may_see_id_numbers, role_of

        if fmt not in FORMATS:
            raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
        if fmt == "xlsx" and out is None:
            raise typer.BadParameter("xlsx needs -o FILE.xlsx", param_hint="--output")
        with read_session(db) as s:
            if full_id_numbers and not may_see_id_numbers(role_of(s, user or "")):
                typer.echo(f"error: --full-id-numbers needs --user with a role of {', '.join(FULL_ID_ROLES)}",
                           err=True)  # fmt: skip
                raise typer.Exit(1)
            n = export(s, fmt, out, batch, full_id_numbers=full_id_numbers)
            if full_id_numbers:  # whose numbers were written in full: the access log says so
                from pipeline.export import records
                from pipeline.privacy import log_id_reveal, revealed_in

                shown = revealed_in(records(s, batch, full_id_numbers=True))
                log_id_reveal(s, user or "", "id_export", shown, "cli")
        if out is not None:
            typer.echo(f"{n} records written to {out}", err=True)
