"""The review queue on the command line: list, show, confirm, adjust, reject, all audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store import open_db
from pipeline.store.models import ItemRow, ReviewRow
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.types import Applicant

runner = CliRunner()


@pytest.fixture
def db(sqlite_url):
    factory = open_db(sqlite_url)
    with factory() as s, s.begin():
        people = [
            Applicant("A001", "张三", "某医院", "senior", 2024),
            Applicant("A002", "李四", "", "junior", 2024),
        ]
        award = {"evidence_type": "award_certificate", "clause": "2.5", "fields": {"grade": 1}}
        train = {"evidence_type": "training_certificate", "clause": "2.1",
                 "fields": {"days": 2, "subject": "public"}}  # fmt: skip
        proposals = [
            make_proposal("b1", "A001", "A001/patent.jpg"),
            make_proposal("b1", "A001", "A001/award.jpg", hours=0, status="needs_review",
                          flags=["level_unreadable"], **award),
            make_proposal("b1", "A002", "A002/train.pdf", hours=16, year=2024, category="public", **train),
        ]  # fmt: skip
        insert_batch(s, "b1", people, proposals)
    return sqlite_url


def _id(db, path):
    with open_db(db)() as s:
        return s.scalar(select(ItemRow.id).where(ItemRow.path == path))


def _run(*args):
    return runner.invoke(app, [*args], env={"CEHOURS_USER": "li", "COLUMNS": "200"})


def test_list_filters_and_puts_needs_review_first(db):
    res = _run("queue", "list", "--db", db, "--format", "json")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.output.splitlines()]
    assert [r["item"] for r in rows] == ["A001/award.jpg", "A001/patent.jpg", "A002/train.pdf"]
    res = _run("queue", "list", "--db", db, "--format", "json", "--flag", "level_unreadable")
    assert [json.loads(x)["item"] for x in res.output.splitlines()] == ["A001/award.jpg"]
    res = _run(
        "queue",
        "list",
        "--db",
        db,
        "--format",
        "json",
        "--applicant",
        "A002",
        "--type",
        "training_certificate",
    )
    assert [json.loads(x)["item"] for x in res.output.splitlines()] == ["A002/train.pdf"]
    res = _run("queue", "list", "--db", db)
    assert res.exit_code == 0 and "A001/award.jpg" in res.output


def test_confirm_adjust_reject_are_recorded_with_who_and_why(db):
    patent, award, train = _id(db, "A001/patent.jpg"), _id(db, "A001/award.jpg"), _id(db, "A002/train.pdf")
    assert _run("queue", "confirm", str(patent), "--db", db).exit_code == 0
    res = _run("queue", "adjust", str(award), "--db", db, "--hours", "30", "--year", "2022",
               "--field", "level=provincial", "--reason", "省级二等奖，等级在证书背面")  # fmt: skip
    assert res.exit_code == 0, res.output
    res = _run("queue", "reject", str(train), "--db", db, "--reason", "非本人证书", "--user", "wang")
    assert res.exit_code == 0, res.output

    with open_db(db)() as s:
        log = list(s.scalars(select(ReviewRow).order_by(ReviewRow.id)))
    assert [(r.user, r.action) for r in log] == [("li", "confirm"), ("li", "adjust"), ("wang", "reject")]
    assert log[1].after["credits"] == [{"year": 2022, "hours": 30, "category": "professional"}]
    assert log[1].after["fields"]["level"] == "provincial" and log[1].before["hours"] == 0

    res = _run("queue", "list", "--db", db, "--status", "all", "--format", "json")
    status = {json.loads(x)["item"]: json.loads(x)["status"] for x in res.output.splitlines()}
    assert status == {
        "A001/patent.jpg": "confirmed",
        "A001/award.jpg": "adjusted",
        "A002/train.pdf": "rejected",
    }
    assert _run("queue", "list", "--db", db, "--format", "json").output.strip() == ""  # nothing pending

    shown = _run("queue", "show", str(award), "--db", db)
    assert shown.exit_code == 0 and "省级二等奖" in shown.output and "adjust" in shown.output


def test_a_stale_version_is_refused_and_bad_input_explained(db):
    patent = _id(db, "A001/patent.jpg")
    with open_db(db)() as s:
        seen = s.get(ItemRow, patent).version
    assert _run("queue", "confirm", str(patent), "--db", db, "--version", str(seen)).exit_code == 0
    res = _run("queue", "reject", str(patent), "--db", db, "--version", str(seen), "--reason", "重复")
    assert res.exit_code == 3 and "changed by someone else" in res.output
    res = _run("queue", "reject", str(patent), "--db", db)
    assert res.exit_code != 0  # --reason is required
    res = _run("queue", "adjust", str(patent), "--db", db, "--type", "novel", "--reason", "x")
    assert res.exit_code == 1 and "unknown evidence type" in res.output
    assert _run("queue", "show", "999", "--db", db).exit_code == 1
    with open_db(db)() as s:
        assert len(list(s.scalars(select(ReviewRow)))) == 1


def test_confirming_twice_is_a_no_op_that_says_so(db):
    patent = _id(db, "A001/patent.jpg")
    assert _run("queue", "confirm", str(patent), "--db", db).exit_code == 0
    res = _run("queue", "confirm", str(patent), "--db", db)
    assert res.exit_code == 0 and "already confirmed" in res.output and "nothing recorded" in res.output
    with open_db(db)() as s:
        assert [r.action for r in s.scalars(select(ReviewRow))] == ["confirm"]


def test_user_add_and_db_upgrade(sqlite_url):
    res = runner.invoke(app, ["user", "add", "li", "--role", "admin", "--password-stdin", "--db", sqlite_url],
                        input="pw-123\n")  # fmt: skip
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["user", "add", "li", "--password-stdin", "--db", sqlite_url], input="x\n")
    assert res.exit_code == 1 and "exists" in res.output
    res = runner.invoke(app, ["db", "upgrade", "--db", sqlite_url])
    assert res.exit_code == 0 and "0003" in res.output
