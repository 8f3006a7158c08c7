"""The recognition sheet (PDF) and the batch workbook (XLSX), read back the way a user would."""

from __future__ import annotations

import re

import pdfplumber
from openpyxl import load_workbook
from test_export import review, seed
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def _text(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_sheet_shows_applicant_years_confirmed_totals_and_verdict(sqlite_url, tmp_path):
    seed(sqlite_url)
    review(sqlite_url, "A001/patent.jpg", "confirm")
    review(sqlite_url, "A001/train2023.pdf", "adjust", {"hours": 24}, "只有3天出勤")
    out = tmp_path / "A001.pdf"
    res = runner.invoke(app, ["report", "A001", "--db", sqlite_url, "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")
    text = _text(out)
    assert "湖南省专业技术人员继续教育学时认定单" in text
    assert "张三" in text and "常德市第一人民医院" in text and "高级" in text
    for year in ("2019", "2020", "2021", "2022", "2023"):
        assert f"{year}年度" in text
    # 2023 confirmed: 60 professional + 24 public
    assert "合计 84 学时，未达标（合计不足 90，公需不足 30）" in text.replace("\n", "")
    assert "（建议90）" in text and "（建议30）" in text  # the aid assignment and the paper, unconfirmed
    assert "未全部达到要求" in text and "待审核确认" in text
    assert "认定年度以外" in text  # the 2024 training is outside the span
    assert "人社部门认定意见（盖章）" in text


def test_sheet_verdict_when_every_year_is_confirmed(sqlite_url, tmp_path):
    seed(sqlite_url)
    for path in ("A001/patent.jpg", "A001/train2023.pdf", "A001/aid.pdf"):
        review(sqlite_url, path, "confirm")
    out = tmp_path / "s.pdf"
    assert runner.invoke(app, ["report", "A001", "--db", sqlite_url, "-o", str(out)]).exit_code == 0
    text = _text(out)
    assert re.search(r"合计 90 学时，达标(；|（公需不足 30，请注意）)", text.replace("\n", ""))
    assert "未达标年度：2020、2021、2022" in text.replace("\n", "")  # the line may wrap


def test_unknown_applicant_is_a_clear_error(sqlite_url, tmp_path):
    seed(sqlite_url)
    res = runner.invoke(app, ["report", "Z999", "--db", sqlite_url, "-o", str(tmp_path / "z.pdf")])
    assert res.exit_code == 1 and "no applicant 'Z999'" in res.output


def test_workbook_holds_summary_applicant_and_item_rows(sqlite_url, tmp_path):
    seed(sqlite_url)
    review(sqlite_url, "A001/patent.jpg", "confirm")
    out = tmp_path / "batch.xlsx"
    res = runner.invoke(
        app, ["report", "--workbook", "--batch", "2024-06", "--db", sqlite_url, "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "A001 张三", "材料明细"]
    summary = list(wb["汇总"].values)
    assert len(summary) == 1 + 5  # header + one row per span year
    y2023 = next(r for r in summary[1:] if r[6] == 2023)
    assert y2023[1] == "A001" and y2023[10] == 60 and y2023[12] == 90  # confirmed 60, proposed 90
    items = list(wb["材料明细"].values)
    assert len(items) == 1 + 6 and items[0][2] == "item"
    assert {r[2] for r in items[1:]} >= {"A001/patent.jpg", "A001/scan.heic"}
    person = [r for r in wb["A001 张三"].values if r and r[0] == "A001/patent.jpg"]
    assert person and person[0][6] == "已确认"


def test_a_year_met_on_its_total_with_too_little_public_reads_the_same_everywhere(sqlite_url, tmp_path):
    """90 hours, all professional: the year is met (a category shortfall is only a warning in
    Changde's policy), and the sheet and the workbook say so with the shortfall, in one wording."""
    from pipeline.report.verdict import requirement_of, year_verdict
    from pipeline.store import open_db
    from pipeline.summary import applicant_summary

    seed(sqlite_url)
    review(sqlite_url, "A001/patent.jpg", "confirm")
    review(sqlite_url, "A001/train2023.pdf", "adjust", {"hours": 30, "category": "professional"}, "专业课")
    wording = "达标（公需不足 30，请注意）"
    with open_db(sqlite_url)() as s:
        summ = applicant_summary(s, "2024-06", "A001")
    y2023 = summ["confirmed"]["years"]["2023"]
    assert y2023["meets_requirement"] and y2023["public"] == 0
    assert year_verdict(y2023, requirement_of(summ["policy"])) == wording
    pdf = tmp_path / "s.pdf"
    assert runner.invoke(app, ["report", "A001", "--db", sqlite_url, "-o", str(pdf)]).exit_code == 0
    assert wording in _text(pdf).replace("\n", "")
    xlsx = tmp_path / "b.xlsx"
    assert runner.invoke(app, ["report", "--workbook", "--db", sqlite_url, "-o", str(xlsx)]).exit_code == 0
    wb = load_workbook(xlsx)
    row = next(r for r in wb["汇总"].values if r[6] == 2023)
    assert row[11] == wording and "公需不足 30" in row[14]
    assert any(r and r[0] == 2023 and r[5] == wording for r in wb["A001 张三"].values)
