"""``cehours backup OUT`` and ``cehours restore OUT``: one consistent snapshot, and back.

A backup folder holds
  ``database.sqlite`` (SQLite's online backup API) or ``database.pgdump`` (``pg_dump -Fc``),
  ``store/ab/cd/<sha256>.<kind>`` every original the snapshot's ``files`` table points at,
  ``ocr-cache/...`` only with ``--ocr-cache`` (it can be rebuilt by reading the pages again),
  ``manifest.json`` (written last: a folder without it is an unfinished backup) with the
  SHA-256 and size of every file above.

Consistency while the web page and a batch run: the database is copied first, in one read
transaction (the backup API copies a single snapshot; pg_dump reads in one repeatable-read
transaction); then the originals the copy names are copied. Originals are content-addressed
and never rewritten, and intake files an original before the row naming it is committed, so
every original the snapshot names is already there. Originals added after the snapshot are
not in it, and not needed by it. A batch caught mid-way restores as it stood: re-running
``cehours process`` on it goes on from there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.filestore import CHUNK, FileStore

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.pgdump"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says why."""


@dataclass
class BackupResult:
    path: Path
    originals: int
    missing: list[str]  # sha256 of originals named by the database but absent (purged or lost)
    ocr_cache_files: int
    bytes: int


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _entry(root: Path, path: Path) -> dict[str, Any]:
    return {"path": path.relative_to(root).as_posix(), "sha256": _sha256(path), "size": path.stat().st_size}


# ---------------------------------------------------------------- PostgreSQL client tools


def _libpq(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump / pg_restore / psql from a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    args = []
    if u.host:
        args += ["-h", u.host]
    if u.port:
        args += ["-p", str(u.port)]
    if u.username:
        args += ["-U", u.username]
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return [*args, "-d", str(u.database)], env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (Debian: postgresql-client)")
    return found


def client_major(tool: str) -> int:
    """The major version of a PostgreSQL client tool (``pg_dump (PostgreSQL) 15.18`` -> 15)."""
    out = subprocess.run([_tool(tool), "--version"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"\)\s*(\d+)", out)
    if not m:
        raise BackupError(f"cannot read the version of {tool}: {out.strip()!r}")
    return int(m.group(1))


def server_major(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    finally:
        engine.dispose()


def check_client(tool: str, url: str) -> int:
    """The client's major version, which must equal the server's.

    An older pg_dump refuses a newer server; a newer one writes dumps an older pg_restore cannot
    read. Same major on both sides is what the restore test covers, so that is what is allowed.
    """
    client, server = client_major(tool), server_major(url)
    if client != server:
        raise BackupError(
            f"{tool} is PostgreSQL {client} but the server is {server}: use the client of the "
            f"server's version (Debian: postgresql-client-{server}, /usr/lib/postgresql/{server}/bin)"
        )
    return client


# ---------------------------------------------------------------- backup


def _dialect(url: str) -> str:
    if url.startswith("sqlite"):
        return "sqlite"
    if url.startswith("postgresql"):
        return "postgresql"
    raise BackupError(f"backup knows SQLite and PostgreSQL, not {url.split(':', 1)[0]}")


def _sqlite_path(url: str) -> Path:
    if not url.startswith("sqlite:///"):
        raise BackupError(f"not a SQLite file URL: {url}")
    return Path(url.removeprefix("sqlite:///"))


def _snapshot_sqlite(url: str, dest: Path) -> None:
    src_path = _sqlite_path(url)
    if not src_path.is_file():
        raise BackupError(f"no database at {src_path}")
    src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(dest)
    try:
        src.execute("PRAGMA busy_timeout=60000")
        # pages=-1: the whole database in one step, i.e. one read transaction, one snapshot
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()


def _snapshot_pg(url: str, dest: Path) -> int:
    major = check_client("pg_dump", url)
    args, env = _libpq(url)
    r = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "-f", str(dest), *args],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    if r.returncode != 0:
        raise BackupError(f"pg_dump failed: {r.stderr.strip()}")
    return major


def _files_in(dialect: str, snapshot: Path, url: str) -> list[tuple[str, str, str]]:
    """(sha256, kind, stored_path) of every original the snapshot names and has not purged."""
    sql = "SELECT sha256, kind, stored_path FROM files WHERE purged_at IS NULL ORDER BY sha256"
    if dialect == "sqlite":
        return _sqlite_rows(snapshot, sql)
    r = _pg_table_data(snapshot, "files")
    if r.returncode != 0:
        raise BackupError(f"pg_restore could not read the dump: {r.stderr.strip()}")
    return _files_from_copy(r.stdout)


def _sqlite_rows(snapshot: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in con.execute(sql)]
    finally:
        con.close()


def _pg_table_data(snapshot: Path, table: str) -> subprocess.CompletedProcess[str]:
    """One table's rows from a pg_dump archive, as the plain-text COPY block pg_restore writes
    (the archive cannot be queried)."""
    return subprocess.run(
        [_tool("pg_restore"), "--data-only", f"--table={table}", "-f", "-", str(snapshot)],
        capture_output=True, text=True,
    )  # fmt: skip


def _files_from_copy(sql_text: str) -> list[tuple[str, str, str]]:
    """Rows of the ``files`` table from a plain-text dump's ``COPY public.files (...) FROM stdin``."""
    out = []
    lines = iter(sql_text.splitlines())
    for line in lines:
        if line.startswith("COPY public.files "):
            cols = [c.strip().strip('"') for c in line[line.index("(") + 1 : line.index(")")].split(",")]
            for row in lines:
                if row == "\\.":
                    break
                values = dict(zip(cols, row.split("\t"), strict=True))
                if values.get("purged_at", "\\N") != "\\N":
                    continue
                out.append((values["sha256"], values["kind"], _unescape_copy(values["stored_path"])))
    return sorted(out)


def _unescape_copy(value: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(m.group(1), m.group(1)), value
    )


def _alembic_revision(dialect: str, snapshot: Path, url: str) -> str | None:
    if dialect == "sqlite":
        rows = _sqlite_rows(snapshot, "SELECT version_num FROM alembic_version")
        return rows[0][0] if rows else None
    r = _pg_table_data(snapshot, "alembic_version")
    m = re.search(r"FROM stdin;\n([^\n]+)\n\\\.", r.stdout)
    return m.group(1) if m else None


def backup(url: str, home: Path, out: Path, *, ocr_cache: bool = False) -> BackupResult:
    """Write one consistent snapshot of the database at ``url`` and of ``home``'s originals to ``out``.

    ``out`` must not exist or be an empty folder. Raises ``BackupError`` with the reason.
    """
    from pipeline import __version__

    dialect = _dialect(url)
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} exists and is not an empty folder: back up into a new one")
    # personal information and password hashes: readable by the owner only
    out.mkdir(parents=True, exist_ok=True)
    os.chmod(out, 0o700)
    taken = datetime.now(UTC)
    entries: list[dict[str, Any]] = []
    pg_major = None
    if dialect == "sqlite":
        db_file = out / SQLITE_FILE
        _snapshot_sqlite(url, db_file)
    else:
        db_file = out / PG_FILE
        pg_major = _snapshot_pg(url, db_file)
    database = _entry(out, db_file)

    store = FileStore(out / "store")
    missing = []
    for sha, kind, stored_path in _files_in(dialect, db_file, url):
        src = Path(stored_path)
        if not src.is_file():  # the home's store at another path than recorded (moved home)
            src = FileStore(Path(home) / "store").path_for(sha, kind)
        if not src.is_file():
            missing.append(sha)
            continue
        dest = store.path_for(sha, kind)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        e = _entry(out, dest)
        if e["sha256"] != sha:
            raise BackupError(f"original {stored_path} does not match its hash {sha}: the store is damaged")
        entries.append(e)

    cache_entries: list[dict[str, Any]] = []
    cache_src = Path(home) / "ocr-cache"
    if ocr_cache and cache_src.is_dir():
        # not "openvino/": networks compiled for this machine's CPU, remade on the first start
        for src in sorted(p for p in cache_src.rglob("*") if p.is_file() and not p.name.endswith(".tmp")
                          and p.relative_to(cache_src).parts[0] != "openvino"):  # fmt: skip
            dest = out / "ocr-cache" / src.relative_to(cache_src)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            cache_entries.append(_entry(out, dest))

    manifest = {
        "format": FORMAT,
        "cehours": __version__,
        "taken_at": taken.isoformat(),
        "dialect": dialect,
        "postgresql_major": pg_major,
        "schema_revision": _alembic_revision(dialect, db_file, url),
        "database": database,
        "originals": entries,
        "originals_missing": missing,
        "ocr_cache": cache_entries,
    }
    tmp = out / (MANIFEST + ".part")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
    total = database["size"] + sum(e["size"] for e in entries) + sum(e["size"] for e in cache_entries)
    return BackupResult(out, len(entries), missing, len(cache_entries), total)


# ---------------------------------------------------------------- restore


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a backup folder, after checking every file in it against its hash."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: not a backup, or one that did not finish")
    m = json.loads(path.read_text(encoding="utf-8"))
    if m.get("format") != FORMAT:
        raise BackupError(f"backup format {m.get('format')!r} is not {FORMAT}")
    for e in [m["database"], *m["originals"], *m["ocr_cache"]]:
        f = folder / e["path"]
        if not f.is_file():
            raise BackupError(f"backup incomplete: {e['path']} is missing")
        if f.stat().st_size != e["size"] or _sha256(f) != e["sha256"]:
            raise BackupError(f"backup damaged: {e['path']} does not match its hash in {MANIFEST}")
    return m


def _empty_target(url: str, dialect: str) -> None:
    from sqlalchemy import create_engine, inspect

    if dialect == "sqlite":
        p = _sqlite_path(url)
        if p.exists() and p.stat().st_size > 0:
            raise BackupError(f"{p} exists: restore into a new database file")
        return
    engine = create_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables:
        raise BackupError(
            f"the database already has tables ({', '.join(sorted(tables)[:5])}): restore into an empty one"
        )


def restore(folder: Path, url: str, home: Path) -> dict[str, Any]:
    """Restore a backup folder into an empty database at ``url`` and an empty ``home``.

    Checks every hash first; then the database, then the originals (and OCR cache) into
    ``home``, with ``files.stored_path`` pointed at the new store; then migrations to head.
    """
    from sqlalchemy import create_engine, text

    from pipeline.store.db import upgrade

    folder = Path(folder)
    m = read_manifest(folder)
    dialect = _dialect(url)
    if dialect != m["dialect"]:
        raise BackupError(f"this backup is of a {m['dialect']} database; restore it into {m['dialect']}")
    _empty_target(url, dialect)
    home = Path(home).resolve()
    store_root = home / "store"
    if store_root.exists() and any(store_root.iterdir()):
        raise BackupError(f"{store_root} is not empty: restore into a new CEHOURS_HOME")

    db_src = folder / m["database"]["path"]
    if dialect == "sqlite":
        dest = _sqlite_path(url)
        dest.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{db_src}?mode=ro", uri=True)
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst, pages=-1)
        finally:
            dst.close()
            src.close()
    else:
        major = check_client("pg_restore", url)
        if m.get("postgresql_major") not in (None, major):
            raise BackupError(
                f"the dump was written by pg_dump {m['postgresql_major']}; pg_restore here is {major}"
            )
        args, env = _libpq(url)
        r = subprocess.run(
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
             *args, str(db_src)],
            capture_output=True, text=True, env=env,
        )  # fmt: skip
        if r.returncode != 0:
            raise BackupError(f"pg_restore failed: {r.stderr.strip()}")

    store = FileStore(store_root)
    new_paths: dict[str, str] = {}
    for e in m["originals"]:
        src = folder / e["path"]
        name = Path(e["path"]).name
        sha, kind = name.split(".", 1)
        dest = store.path_for(sha, kind)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=dest.parent, delete=False) as tmp, open(src, "rb") as fh:
            shutil.copyfileobj(fh, tmp, CHUNK)
        os.chmod(tmp.name, 0o444)
        os.replace(tmp.name, dest)
        new_paths[sha] = str(dest)
    for e in m["ocr_cache"]:
        dest = home / e["path"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / e["path"], dest)

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for sha, path in new_paths.items():
                conn.execute(
                    text("UPDATE files SET stored_path = :p WHERE sha256 = :s"), {"p": path, "s": sha}
                )
    finally:
        engine.dispose()
    upgrade(url)  # a backup from an older cehours gets the newer schema
    return m
