"""Shared fixtures: database URLs for SQLite and PostgreSQL.

``pg_url`` gives a fresh, empty PostgreSQL database per test (dropped afterwards), so parallel
runs never share tables. It needs ``CEHOURS_TEST_PG_URL`` (``. scripts/start-postgres.sh``);
without it the test is skipped locally but FAILS in CI, where PostgreSQL must be tested.
``db_url`` runs a test on both: ``sqlite`` and ``postgresql``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cehours.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = os.environ.get("CEHOURS_TEST_PG_URL")
    if not base:
        if os.environ.get("CI"):
            pytest.fail("CEHOURS_TEST_PG_URL is not set in CI: run `. scripts/start-postgres.sh` first")
        pytest.skip("PostgreSQL not available (run `. scripts/start-postgres.sh` to test it)")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"cehours_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request) -> str:
    """The same test on SQLite and on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
