"""manifest.csv as reviewers really save it: UTF-8, UTF-8 with BOM, GB18030, Chinese headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.manifest import normalise_title_level, parse_manifest, read_manifest
from pipeline.types import Applicant

ROWS = (
    "applicant_id,name,employer,title_level,eval_year,id_number\n"
    "A001,张三,常德市第一人民医院,高级,2024,430702198001011236\n"
    "A002,李四,常德市农业科学研究院,中级,2024,\n"
    "A003,王五,湖南文理学院,junior,2023,\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_reads_the_three_encodings_excel_and_wps_write(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / "manifest.csv"
    p.write_bytes(ROWS.encode(encoding))
    applicants, errors = read_manifest(p)
    assert errors == []
    assert applicants["A001"] == Applicant(
        applicant_id="A001",
        name="张三",
        employer="常德市第一人民医院",
        title_level="senior",
        eval_year=2024,
        id_number="430702198001011236",
    )
    assert applicants["A002"].title_level == "intermediate"
    assert applicants["A003"].title_level == "junior"
    assert applicants["A003"].eval_year == 2023
    assert list(applicants) == ["A001", "A002", "A003"]


def test_chinese_headers_and_tolerant_english_headers() -> None:
    zh = "编号,姓名,单位,职称级别,评审年度,身份证号\nA001,张三,某医院,初级,2024年,\n"
    applicants, errors = parse_manifest(zh.encode("gb18030"))
    assert errors == []
    assert applicants["A001"].name == "张三"
    assert applicants["A001"].title_level == "junior"
    assert applicants["A001"].eval_year == 2024

    en = " Applicant ID ,NAME,Employer,Title Level,Eval_Year\nA9,Li,X,Senior,2024\n"
    applicants, errors = parse_manifest(en.encode())
    assert errors == []
    assert applicants["A9"].title_level == "senior"


def test_bad_rows_are_reported_by_line_and_the_other_rows_go_on() -> None:
    text = (
        "applicant_id,name,employer,title_level,eval_year\n"  # line 1
        "A001,张三,X,高级,2024\n"  # 2 good
        ",无编号,X,高级,2024\n"  # 3 no id: row dropped
        "A003,王五,X,专家级,2024\n"  # 4 bad level: kept, level unknown
        "\n"  # 5 blank: skipped silently
        "A005,赵六,X,中级,next year\n"  # 6 bad year: kept, year unknown
        "A001,张三重复,X,高级,2024\n"  # 7 duplicate id: ignored
        "A007,钱七,X,初级,2024\n"  # 8 good
    )
    applicants, errors = parse_manifest(text.encode())
    assert sorted(applicants) == ["A001", "A003", "A005", "A007"]
    assert applicants["A001"].name == "张三"  # the first row wins over the duplicate
    assert applicants["A003"].title_level == "" and applicants["A003"].eval_year == 2024
    assert applicants["A005"].title_level == "intermediate" and applicants["A005"].eval_year is None
    assert errors == [
        "manifest.csv line 3: applicant_id is empty; row ignored",
        "manifest.csv line 4: title_level '专家级' for A003 is not senior/intermediate/junior "
        "(高级/中级/初级)",
        "manifest.csv line 6: eval_year 'next year' for A005 is not a year like 2024",
        "manifest.csv line 7: applicant_id A001 repeats line 2; this row is ignored",
    ]


def test_line_numbers_count_physical_lines_when_a_cell_spans_lines() -> None:
    text = (
        "applicant_id,name,employer,title_level,eval_year\n"
        'A001,张三,"常德市\n第一人民医院",高级,2024\n'  # lines 2-3
        "A002,李四,X,中级,20244\n"  # line 4
    )
    applicants, errors = parse_manifest(text.encode())
    assert applicants["A001"].employer == "常德市\n第一人民医院"
    assert errors == ["manifest.csv line 4: eval_year '20244' for A002 is not a year like 2024"]


def test_missing_id_column_makes_the_manifest_unusable_with_a_clear_message() -> None:
    applicants, errors = parse_manifest("姓名,单位\n张三,X\n".encode())
    assert applicants == {}
    assert len(errors) == 1
    assert errors[0].startswith("manifest.csv line 1: missing column(s) applicant_id, title_level, eval_year")


def test_id_numbers_mangled_by_excel_or_with_a_wrong_check_digit_are_reported() -> None:
    text = (
        "applicant_id,name,employer,title_level,eval_year,id_number\n"
        "A001,张三,X,高级,2024,4.30702E+17\n"
        "A002,李四,X,高级,2024,430702198001011235\n"
        "A003,王五,X,高级,2024,43070219800101105x\n"
    )
    applicants, errors = parse_manifest(text.encode())
    assert sorted(applicants) == ["A001", "A002", "A003"]
    assert "was turned into a number by Excel" in errors[0]
    assert errors[0].startswith("manifest.csv line 2:")
    assert "wrong check digit" in errors[1]
    assert len(errors) == 2
    assert applicants["A003"].id_number == "43070219800101105X"  # a lower-case x check digit is fine


def test_tab_separated_and_utf16_from_excel_unicode_text() -> None:
    text = "applicant_id\tname\temployer\ttitle_level\teval_year\r\nA001\t张三\tX\t高级\t2024\r\n"
    for data in (text.encode("utf-8"), text.encode("utf-16")):
        applicants, errors = parse_manifest(data)
        assert errors == []
        assert applicants["A001"].name == "张三"


def test_title_level_normaliser() -> None:
    assert normalise_title_level("高级") == "senior"
    assert normalise_title_level("副高级") == "senior"
    assert normalise_title_level(" Intermediate ") == "intermediate"
    assert normalise_title_level("初级职称") == "junior"
    assert normalise_title_level("middle") is None


def test_empty_or_headerless_manifest() -> None:
    assert parse_manifest(b"") == ({}, ["manifest.csv: no header row (expected applicant_id, name, employer, "
                                        "title_level, eval_year)"])
