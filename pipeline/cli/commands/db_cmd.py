"""``cehours db upgrade``: bring a database's schema to the latest revision."""

from __future__ import annotations

from typing import Annotated

import typer

db_app = typer.Typer(help="The database: schema migrations.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
    ] = None,
) -> None:
    """Run the Alembic migrations up to head (safe to run again)."""
    from sqlalchemy import text

    from pipeline import config
    from pipeline.store.db import open_db

    factory = open_db(db)
    with factory() as s:
        rev = s.execute(text("select version_num from alembic_version")).scalar()
    typer.echo(f"{config.db_url(db)}: schema at revision {rev}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
