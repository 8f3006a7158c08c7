"""What the commands that read the record share: the session on an existing database, and the
one way a missing database, batch or applicant ends a command (``error: …`` and exit 1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
]


def fail(message: object) -> typer.Exit:
    """Say ``error: message`` on stderr; raise the returned Exit to end the command with 1."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


@contextmanager
def read_session(db: str | None, errors: tuple[type[Exception], ...] = ()) -> Iterator[Session]:
    """A session on the database at ``db``, never creating one (a typo must not make an empty one).

    A missing database, an unknown batch or applicant, or one of ``errors`` raised inside the
    block ends the command with ``error: …`` and exit status 1.
    """
    from pipeline.store.db import NoDatabase, open_db
    from pipeline.store.query import UnknownBatch
    from pipeline.summary import UnknownApplicant

    try:
        with open_db(db, create=False)() as s:
            yield s
    except (NoDatabase, UnknownBatch, UnknownApplicant, *errors) as e:
        raise fail(e) from None
