"""Engine and sessions: SQLite (WAL, foreign keys) by default, PostgreSQL by URL.

``open_db`` brings the schema to the latest Alembic revision before handing out sessions, so a
fresh file, an old file and a PostgreSQL database are all usable the same way.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pipeline import config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_upgraded: set[str] = set()
MIGRATION_LOCK_ID = 0x6365686F  # "ceho": the advisory lock migrations take on PostgreSQL
_lock = threading.Lock()


def make_engine(url: str, *, write_lock: bool = False) -> Engine:
    """An engine for ``url``. On SQLite, ``write_lock`` begins every transaction IMMEDIATE.

    Why: with SQLite's default deferred transactions, a transaction that reads and then writes
    fails at once ("database is locked") if another process wrote in between; a writer that
    takes the lock up front simply waits its turn (busy_timeout) instead.
    """
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        begin_sql = "BEGIN IMMEDIATE" if write_lock else "BEGIN"

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            # let SQLAlchemy, not the sqlite3 module, decide when transactions begin
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql(begin_sql)

    return engine


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrations_head() -> str:
    """The newest revision in ``migrations/versions`` (exactly one head, or a ValueError)."""
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    if len(heads) != 1:
        raise ValueError(f"the migrations have {len(heads)} heads ({', '.join(heads)}): add a merge revision")
    return heads[0]


def upgrade(url: str) -> None:
    """Run ``alembic upgrade head`` on ``url`` (idempotent, and safe when processes race to it).

    SQLite: the migration transaction takes the write lock first (BEGIN IMMEDIATE), so a second
    process waits and then finds the schema done. PostgreSQL: an advisory lock does the same.
    """
    from alembic import command

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url, write_lock=True)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_ID})")
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
    finally:
        engine.dispose()


class NoDatabase(FileNotFoundError):
    """A command that only reads was pointed at a SQLite file that does not exist."""


def open_db(
    url: str | None = None, *, write_lock: bool = False, migrate: bool = True, create: bool = True
) -> sessionmaker[Session]:
    """Sessions on ``url`` (default: ``pipeline.config.db_url()``), schema upgraded to head.

    ``create=False`` refuses a SQLite file that does not exist yet (a mistyped ``--db`` should
    not quietly give an empty result). The engine is ``open_db(...).kw["bind"]``.
    """
    url = config.db_url(url)
    if not create and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.is_file():
            raise NoDatabase(f"no database at {path} (run `cehours process` first, or give --db)")
    engine = make_engine(url, write_lock=write_lock)
    if migrate:
        with _lock:
            if url not in _upgraded:
                upgrade(url)
                _upgraded.add(url)
    return sessionmaker(bind=engine, expire_on_commit=False)

