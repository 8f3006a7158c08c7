"""``cehours backup OUT`` and ``cehours restore OUT``: a consistent snapshot and its restore."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
]


def register(app: typer.Typer) -> None:
    @app.command("backup")
    def backup(
        out: Annotated[Path, typer.Argument(help="A new (or empty) folder for the backup.")],
        db: DbOpt = None,
        ocr_cache: Annotated[
            bool, typer.Option("--ocr-cache", help="Also copy the OCR cache (it can be rebuilt).")
        ] = False,
    ) -> None:
        """One consistent snapshot of the database and the originals it names, with a manifest of
        hashes; safe while the web page and a batch run."""
        from pipeline import backup as b
        from pipeline import config

        try:
            r = b.backup(config.db_url(db), config.data_dir(), out, ocr_cache=ocr_cache)
        except b.BackupError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        typer.echo(
            f"backup in {r.path}: database, {r.originals} original(s), {r.ocr_cache_files} OCR cache "
            f"file(s), {r.bytes / 1e6:.1f} MB"
        )
        if r.missing:
            typer.echo(f"note: {len(r.missing)} original(s) named by the database are not in the store "
                       "(purged or lost); their records are in the backup", err=True)  # fmt: skip

    @app.command("restore")
    def restore(
        backup_dir: Annotated[Path, typer.Argument(help="A folder written by `cehours backup`.")],
        db: DbOpt = None,
    ) -> None:
        """Restore a backup into an empty database (--db / CEHOURS_DB) and an empty CEHOURS_HOME;
        every file is checked against the manifest first."""
        from pipeline import backup as b
        from pipeline import config

        try:
            m = b.restore(backup_dir, config.db_url(db), config.data_dir())
        except b.BackupError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
        typer.echo(
            f"restored the backup of {m['taken_at']} into {config.db_url(db)} and {config.data_dir()}: "
            f"{len(m['originals'])} original(s), {len(m['ocr_cache'])} OCR cache file(s)"
        )
