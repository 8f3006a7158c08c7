"""How long `cehours backup` and `cehours restore` take: a 10,000-item database plus originals.

Plain script: ``.venv/bin/python benchmarks/bench_backup.py [--items N] [--files F] [--file-kb K]
[--db URL] [--write-results]``. The database is the synthetic one of bench_export.py (bulk
inserts, a fifth of the items reviewed); F originals of K kB of random bytes are filed in a
content-addressed store and named by the items. Wall time and CPU time (this process and its
children: pg_dump, pg_restore) are printed for the backup and the restore.
``--write-results`` writes them to benchmarks/results/backup.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_export import populate

from pipeline.backup import backup, restore
from pipeline.filestore import FileStore
from pipeline.store.db import open_db
from pipeline.store.models import FileRow, ItemRow

RESULTS = Path(__file__).resolve().parent / "results" / "backup.md"


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def add_originals(url: str, home: Path, n_files: int, kb: int) -> int:
    store = FileStore(home / "store")
    home.mkdir(parents=True, exist_ok=True)
    factory = open_db(url)
    total = 0
    with factory() as s, s.begin():
        items = list(s.scalars(select(ItemRow).order_by(ItemRow.id)))
        for i in range(n_files):
            src = home / "in.bin"
            src.write_bytes(os.urandom(kb * 1024))
            path = store.add(src, "jpg")
            sha = path.name.split(".")[0]
            s.add(FileRow(sha256=sha, names=[f"f{i}.jpg"], kind="jpg", size=kb * 1024, stored_path=str(path)))
            items[i % len(items)].files = [sha]
            total += kb * 1024
        src.unlink()
    factory.kw["bind"].dispose()
    return total


def drop(url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
    admin.dispose()


def other_db(url: str, name: str, tmp: Path) -> str:
    """A fresh database ``<db>_<name>`` on the server of ``url``."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{u.database}_{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{u.database}_{name}"')
    admin.dispose()
    return u.set(database=f"{u.database}_{name}").render_as_string(hide_password=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--applicants", type=int, default=500)
    ap.add_argument("--files", type=int, default=500)
    ap.add_argument("--file-kb", type=int, default=200)
    ap.add_argument(
        "--db", default=None,
        help="a PostgreSQL server URL: two scratch databases are made on it and dropped (default: SQLite)",
    )  # fmt: skip
    ap.add_argument("--write-results", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        url = other_db(a.db, "benchsrc", tmp) if a.db else f"sqlite:///{tmp / 'bench.db'}"
        populate(url, a.items, a.applicants)
        size = add_originals(url, tmp / "home", a.files, a.file_kb)
        w0, c0 = time.perf_counter(), cpu()
        r = backup(url, tmp / "home", tmp / "backup")
        w1, c1 = time.perf_counter(), cpu()
        target = other_db(a.db, "benchrestored", tmp) if a.db else f"sqlite:///{tmp / 'restored.db'}"
        restore(tmp / "backup", target, tmp / "home2")
        w2, c2 = time.perf_counter(), cpu()
        if a.db:
            for u in (url, target):
                drop(u)
    dialect = url.split(":", 1)[0].split("+")[0]
    line = (
        f"| {dialect} | {a.items} items, {a.files} originals x {a.file_kb} kB ({size / 1e6:.0f} MB) | "
        f"{r.bytes / 1e6:.0f} MB | {w1 - w0:.1f} s wall, {c1 - c0:.1f} s CPU | {w2 - w1:.1f} s wall, "
        f"{c2 - c1:.1f} s CPU |"
    )
    conditions = (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {os.getloadavg()[0]:.1f}, {platform.machine()}"
    )
    print(line)
    print(conditions)
    if a.write_results:
        new = not RESULTS.exists()
        with open(RESULTS, "a", encoding="utf-8") as fh:
            if new:
                fh.write("# cehours backup / restore\n\n`benchmarks/bench_backup.py`; CPU includes pg_dump / "
                         "pg_restore (child processes). Restore checks every hash first.\n\n"
                         "| database | data | backup size | backup | restore | conditions |\n"
                         "|---|---|---|---|---|---|\n")  # fmt: skip
            fh.write(f"{line} {conditions} |\n")


if __name__ == "__main__":
    main()
