"""Export and summary: the contract's record and per-applicant years, before and after review."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.store import open_db, review_item
from pipeline.store.models import ItemRow
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.types import Applicant, IntakeError

runner = CliRunner()
KEYS = ["batch", "applicant_id", "item", "evidence_type", "type_confidence", "fields", "credits", "hours",
        "clause", "policy", "flags", "status", "explanation"]  # fmt: skip


def seed(url: str) -> None:
    """A001 (senior, 2024: span 2019-2023) with items in four years and one outside the span."""
    b = "2024-06"
    people = [Applicant("A001", "张三", "常德市第一人民医院", "senior", 2024, "430702198001011234")]
    train = {
        "evidence_type": "training_certificate",
        "clause": "2.1",
        "fields": {"days": 4, "subject": "public"},
    }
    proposals = [
        make_proposal(b, "A001", "A001/patent.jpg", hours=60, year=2023),
        make_proposal(b, "A001", "A001/train2023.pdf", hours=30, year=2023, category="public", **train),
        make_proposal(b, "A001", "A001/paper", evidence_type="journal_paper", hours=30, year=2022,
                      clause="2.3b", status="needs_review", flags=["materials_incomplete"],
                      fields={"rank": 1}),
        make_proposal(b, "A001", "A001/aid.pdf", evidence_type="aid_assignment", hours=90, year=2019,
                      category="full_year", clause="2.7", fields={"months": 8, "assessment_passed": True}),
        make_proposal(b, "A001", "A001/train2024.pdf", hours=16, year=2024, category="public", **train),
    ]  # fmt: skip
    errors = [IntakeError("A001/scan.heic", "无法解码的图片（HEIC 解码器不可用）", "A001")]
    factory = open_db(url)
    with factory() as s, s.begin():
        insert_batch(s, b, people, proposals, errors)


def review(url: str, path: str, action: str, changes=None, reason="") -> None:
    factory = open_db(url)
    with factory() as s:
        item = s.scalar(select(ItemRow).where(ItemRow.path == path))
        item_id, version = item.id, item.version
    review_item(factory(), item_id, "li", action, version, changes, reason)


def test_jsonl_csv_xlsx_hold_the_same_contract_records(sqlite_url, tmp_path):
    seed(sqlite_url)
    res = runner.invoke(app, ["export", "--db", sqlite_url, "--format", "jsonl", "--batch", "2024-06"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 6 and all(list(r) == KEYS for r in recs)
    err = next(r for r in recs if r["item"] == "A001/scan.heic")
    assert (
        err["flags"] == ["intake_error"] and err["evidence_type"] is None and err["status"] == "needs_review"
    )

    csv_path = tmp_path / "out.csv"
    assert runner.invoke(app, ["export", "--db", sqlite_url, "-f", "csv", "-o", str(csv_path)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert [r["item"] for r in rows] == [r["item"] for r in recs]
    assert json.loads(rows[0]["credits"]) == recs[0]["credits"] and list(rows[0]) == KEYS

    xlsx = tmp_path / "out.xlsx"
    assert runner.invoke(app, ["export", "--db", sqlite_url, "-f", "xlsx", "-o", str(xlsx)]).exit_code == 0
    ws = load_workbook(xlsx).active
    values = list(ws.values)
    assert list(values[0]) == KEYS and len(values) == 7
    assert [v[2] for v in values[1:]] == [r["item"] for r in recs]

    bad = runner.invoke(app, ["export", "--db", sqlite_url, "--batch", "nope"])
    assert bad.exit_code == 1 and "no batch called 'nope'" in bad.output


def test_export_shows_the_reviewers_values(sqlite_url):
    seed(sqlite_url)
    review(sqlite_url, "A001/patent.jpg", "confirm")
    review(sqlite_url, "A001/train2023.pdf", "adjust", {"hours": 24}, "只有3天出勤")
    review(sqlite_url, "A001/paper", "reject", reason="非第一作者")
    recs = {json.loads(x)["item"]: json.loads(x) for x in
            runner.invoke(app, ["export", "--db", sqlite_url]).stdout.splitlines()}  # fmt: skip
    assert recs["A001/patent.jpg"]["status"] == "confirmed" and recs["A001/patent.jpg"]["hours"] == 60
    assert recs["A001/train2023.pdf"]["status"] == "adjusted"
    assert recs["A001/train2023.pdf"]["credits"] == [{"year": 2023, "hours": 24, "category": "public"}]
    assert recs["A001/paper"]["status"] == "rejected" and recs["A001/paper"]["hours"] == 0
    assert recs["A001/aid.pdf"]["status"] == "auto_ok"


def _summary(url):
    res = runner.invoke(app, ["summary", "--db", url, "--format", "json"])
    assert res.exit_code == 0, res.output
    (only,) = [json.loads(x) for x in res.stdout.splitlines()]
    return only


def test_summary_counts_proposed_and_confirmed_hours(sqlite_url):
    seed(sqlite_url)
    s = _summary(sqlite_url)
    assert s["applicant_id"] == "A001" and s["title_level"] == "senior" and s["eval_year"] == 2024
    assert s["span"] == [2019, 2020, 2021, 2022, 2023]
    y = s["proposed"]["years"]
    assert y["2019"]["full_year"] == 90 and y["2019"]["meets_requirement"] is True
    assert (y["2023"]["public"], y["2023"]["professional"], y["2023"]["total"]) == (30, 60, 90)
    assert y["2023"]["meets_requirement"] is True and y["2020"]["total"] == 0
    assert y["2022"]["total"] == 30 and "total_shortfall" in y["2022"]["warnings"]
    assert s["proposed"]["span_ok"] is False and s["proposed"]["outside_span"] == {"2024": 16}
    assert s["years"] == y  # nothing reviewed yet: the current view is the proposals
    assert all(v["total"] == 0 for v in s["confirmed"]["years"].values())

    review(sqlite_url, "A001/patent.jpg", "confirm")
    review(sqlite_url, "A001/train2023.pdf", "adjust", {"hours": 24}, "只有3天出勤")
    review(sqlite_url, "A001/paper", "reject", reason="非第一作者")
    s = _summary(sqlite_url)
    c = s["confirmed"]["years"]
    assert (c["2023"]["public"], c["2023"]["professional"], c["2023"]["total"]) == (24, 60, 84)
    assert c["2023"]["meets_requirement"] is False and c["2019"]["total"] == 0
    assert s["years"]["2019"]["total"] == 90 and s["years"]["2022"]["total"] == 0  # rejected paper
    assert s["years"]["2023"]["total"] == 84
    assert s["proposed"]["years"]["2023"]["total"] == 90  # proposals are kept as they were
    table = runner.invoke(app, ["summary", "--db", sqlite_url], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "90 / 0" in table.output


@pytest.mark.parametrize("fmt", ["yaml"])
def test_unknown_format_is_refused(sqlite_url, fmt):
    res = runner.invoke(app, ["export", "--db", sqlite_url, "--format", fmt])
    assert res.exit_code == 2 and "jsonl" in res.output


def test_reading_commands_refuse_a_database_that_does_not_exist(tmp_path):
    missing = f"sqlite:///{tmp_path / 'typo.db'}"
    report = ["report", "A001", "-o", str(tmp_path / "a.pdf")]
    for args in (["export"], ["summary"], ["queue", "list"], report):
        res = runner.invoke(app, [*args, "--db", missing])
        assert res.exit_code == 1 and "no database at" in res.output, args
    assert not (tmp_path / "typo.db").exists()
