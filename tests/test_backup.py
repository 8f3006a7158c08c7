"""`cehours backup` / `cehours restore`: a snapshot that restores to the same records, on SQLite
and PostgreSQL, including one taken while a batch is being processed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

pytestmark = pytest.mark.slow


def _cli(args: list[str], home: Path) -> str:
    env = {"CEHOURS_HOME": str(home)}
    r = CliRunner().invoke(app, args, env=env)
    assert r.exit_code == 0, r.output
    return r.output


def _records(url: str) -> dict[str, bytes]:
    """What must come back byte for byte: the export, the queue, the audit log, the scan log."""
    import io

    from sqlalchemy import select

    from pipeline.export import export
    from pipeline.store.db import open_db
    from pipeline.store.models import ReviewRow, ScanAccessRow
    from pipeline.store.queue import list_queue

    factory = open_db(url)
    try:
        with factory() as s:
            out = io.StringIO()
            export(s, "jsonl", out)
            queue = [
                json.dumps([e.version, e.record], ensure_ascii=False) for e in list_queue(s, status="all")
            ]
            audit = [
                json.dumps([r.user, r.at.isoformat(), r.action, r.before, r.after, r.reason, r.item_version],
                           ensure_ascii=False, sort_keys=True)
                for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))
            ]  # fmt: skip
            scans = [
                json.dumps([a.user, a.at.isoformat(), a.action, a.applicant_id, a.file_sha256, a.page_no])
                for a in s.scalars(select(ScanAccessRow).order_by(ScanAccessRow.id))
            ]
    finally:
        factory.kw["bind"].dispose()
    return {
        "export": out.getvalue().encode(),
        "queue": "\n".join(queue).encode(),
        "audit": "\n".join(audit).encode(),
        "scans": "\n".join(scans).encode(),
    }


def _other_db(url: str, tmp_path: Path, name: str) -> str:
    """A second, empty database of the same kind as ``url``; the test drops it with ``_drop``."""
    if url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / (name + '.db')}"
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    u = make_url(url)
    new = f"{u.database}_{name}"
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{new}"')
    admin.dispose()
    return u.set(database=new).render_as_string(hide_password=False)


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
    admin.dispose()


def _reviewed_batch(url: str, root: Path) -> Path:
    """The demo batch processed (real intake, tesseract, rules), one item adjusted, one scan opened."""
    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow, ScanAccessRow
    from pipeline.store.review import review_item
    from pipeline.web.demo import seed_demo, write_demo_folder

    home = root / "home"
    batch = write_demo_folder(root / "in" / "demo-2024")
    seed_demo(url, batch, home / "store", home / "ocr-cache", classify="by_name")
    factory = open_db(url)
    with factory() as s:
        item = s.query(ItemRow).order_by(ItemRow.path).first()
        assert item is not None
        review_item(s, item.id, "li", "adjust", item.version, {"hours": 12}, reason="核减：仅有证书")
    with factory() as s:
        s.add(ScanAccessRow(user="li", action="page", batch="demo-2024", applicant_id=item.applicant_id,
                            file_sha256=item.files[0], page_no=0, client="127.0.0.1"))  # fmt: skip
        s.commit()
    factory.kw["bind"].dispose()
    return home


def test_backup_restores_the_same_records(db_url, tmp_path):
    home = _reviewed_batch(db_url, tmp_path)
    before = _records(db_url)
    assert b"\xe6\xa0\xb8\xe5\x87\x8f" in before["audit"]  # the reason is there to compare

    out = tmp_path / "backup-1"
    _cli(["backup", str(out), "--db", db_url], home)
    manifest = json.loads((out / "manifest.json").read_text())
    assert len(manifest["originals"]) == 2 and not manifest["originals_missing"]
    assert manifest["schema_revision"]

    target = _other_db(db_url, tmp_path, "restored")
    try:
        home2 = tmp_path / "home2"
        _cli(["restore", str(out), "--db", target], home2)
        assert _records(target) == before
        # the originals are in the new home, where the restored database says they are
        from pipeline.filestore import sha256_file
        from pipeline.store.db import open_db
        from pipeline.store.models import FileRow

        factory = open_db(target)
        with factory() as s:
            for f in s.query(FileRow):
                assert Path(f.stored_path).is_relative_to(home2)
                assert sha256_file(Path(f.stored_path))[0] == f.sha256
        factory.kw["bind"].dispose()

        # restore refuses a database that is not empty, and a damaged backup
        r = CliRunner().invoke(
            app, ["restore", str(out), "--db", target], env={"CEHOURS_HOME": str(tmp_path / "h3")}
        )
        assert r.exit_code == 1 and "restore into" in r.output
        victim = out / manifest["originals"][0]["path"]
        os.chmod(victim, 0o644)
        victim.write_bytes(b"tampered")
        third = _other_db(db_url, tmp_path, "third")
        try:
            r = CliRunner().invoke(
                app, ["restore", str(out), "--db", third], env={"CEHOURS_HOME": str(tmp_path / "h4")}
            )
            assert r.exit_code == 1 and "does not match its hash" in r.output
        finally:
            _drop(third)
    finally:
        _drop(target)


def test_backup_into_a_folder_in_use_is_refused(sqlite_url, tmp_path):
    out = tmp_path / "full"
    out.mkdir()
    (out / "x").write_text("x")
    r = CliRunner().invoke(app, ["backup", str(out), "--db", sqlite_url], env={"CEHOURS_HOME": str(tmp_path)})
    assert r.exit_code == 1 and "not an empty folder" in r.output


def test_restore_without_a_manifest_is_refused(sqlite_url, tmp_path):
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "database.sqlite").write_bytes(b"")
    r = CliRunner().invoke(app, ["restore", str(tmp_path / "half"), "--db", sqlite_url],
                           env={"CEHOURS_HOME": str(tmp_path / "h")})  # fmt: skip
    assert r.exit_code == 1 and "did not finish" in r.output


def _count(url: str, sql: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar() or 0)
    except Exception:
        return 0
    finally:
        engine.dispose()


def test_a_backup_taken_mid_batch_restores_and_resumes_to_the_same_export(db_url, tmp_path):
    """`cehours process` runs in another process; the backup is taken after its first chunk of
    pages is committed and before the batch is finished. Restored elsewhere, the batch is as it
    stood (running, some pages); `cehours process` on the restored copy finishes it with the
    same export as the run that was never interrupted."""
    from pipeline.web.demo import write_demo_folder

    batch = write_demo_folder(tmp_path / "in" / "mid-2024", names=("张三", "李四", "王五"))
    home = tmp_path / "home"
    env = {**os.environ, "CEHOURS_HOME": str(home), "CEHOURS_CHUNK_FILES": "1", "OMP_THREAD_LIMIT": "1"}
    cmd = [str(Path(sys.executable).with_name("cehours")), "process", str(batch), "--db", db_url, "-w", "1",
           "--engine", "tesseract"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = tmp_path / "backup-mid"
    try:
        deadline = time.monotonic() + 300
        while _count(db_url, "select count(*) from pages") == 0:
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "no page was stored in 300 s"
            time.sleep(0.2)
        _cli(["backup", str(out), "--db", db_url], home)
        assert proc.wait(timeout=600) == 0, proc.stdout.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
    finished = _records(db_url)

    target = _other_db(db_url, tmp_path, "mid")
    try:
        home2 = tmp_path / "home2"
        _cli(["restore", str(out), "--db", target], home2)
        pages_then = _count(target, "select count(*) from pages")
        assert 0 < pages_then < 6, "the snapshot should hold part of the batch"
        assert _count(target, "select count(*) from batches where status = 'running'") == 1
        env2 = {**env, "CEHOURS_HOME": str(home2)}
        cmd2 = [*cmd[:3], "--db", target, *cmd[5:]]
        r = subprocess.run(cmd2, env=env2, capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        assert _records(target)["export"] == finished["export"]
    finally:
        _drop(target)
