"""``cehours purge --before DATE`` and ``cehours applicant-export ID OUT``: scans kept only as
long as the bureau's rules say, and one person's data on request."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.reading import DbOpt


def register(app: typer.Typer) -> None:
    @app.command("purge")
    def purge(
        before: Annotated[
            str, typer.Option("--before", help="Batches finished before this date (YYYY-MM-DD).")
        ],
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Say what would go; remove nothing.")
        ] = False,
        db: DbOpt = None,
    ) -> None:
        """Remove the originals and page images of batches finished before DATE; every decision,
        its reasons, the OCR text and the logs stay."""
        from pipeline import config
        from pipeline.cli.reading import read_session
        from pipeline.retention import purge as do_purge

        try:
            cutoff = date.fromisoformat(before)
        except ValueError:
            raise typer.BadParameter("a date like 2025-01-01", param_hint="--before") from None
        with read_session(db) as s:
            r = do_purge(s, cutoff, config.data_dir() / "page-images", dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        typer.echo(
            f"{len(r.batches)} batch(es) finished before {cutoff}: {verb} {r.files} original(s) "
            f"({r.bytes / 1e6:.1f} MB) and {r.page_images} page image(s); "
            f"{r.kept_shared} kept (also in a later batch)"
        )
        for name in r.batches:
            typer.echo(f"  {name}")

    @app.command("applicant-export")
    def applicant_export(
        applicant_id: Annotated[str, typer.Argument(help="The applicant's id (manifest applicant_id).")],
        out: Annotated[Path, typer.Argument(help="A new folder.")],
        user: Annotated[str, typer.Option("--user", "-u", help="Who makes the export (logged).")] = "",
        db: DbOpt = None,
    ) -> None:
        """One applicant's records, decisions, scan-access log and scans, for a request from them."""
        from pipeline.cli.commands.queue_cmd import default_user
        from pipeline.cli.reading import read_session
        from pipeline.retention import export_applicant

        with read_session(db, errors=(LookupError, FileExistsError)) as s:
            n = export_applicant(s, applicant_id, out, default_user(user or None))
        typer.echo(
            f"{applicant_id}: {n['records']} record(s), {n['reviews']} decision(s), {n['scans']} scan(s) "
            f"in {out}" + (f"; {n['purged']} scan(s) already purged" if n["purged"] else "")
        )
