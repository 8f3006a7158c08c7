"""``cehours user add NAME --role reviewer|admin``: accounts for the review screens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

user_app = typer.Typer(help="Reviewer and admin accounts.", no_args_is_help=True)


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="User name.")],
    role: Annotated[str, typer.Option("--role", "-r", help="reviewer | admin")] = "reviewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
    ] = None,
) -> None:
    """Create an account; the password is asked for (twice), or read from stdin."""
    from pipeline.store.db import open_db
    from pipeline.store.users import ROLES, add_user

    if role not in ROLES:
        raise typer.BadParameter(f"use one of {', '.join(ROLES)}", param_hint="--role")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not password:
        typer.echo("error: the password is empty", err=True)
        raise typer.Exit(1)
    with open_db(db)() as s:
        try:
            add_user(s, name, password, role)
        except ValueError as e:
            typer.echo(f"error: {e}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"user {name} added ({role})")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
