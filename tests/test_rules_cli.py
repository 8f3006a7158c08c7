"""``cehours rules ...`` through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli.commands.rules_cmd import parse_value

runner = CliRunner()
XIANGTAN = Path(__file__).parent / "data" / "policies" / "xiangtan-2025.toml"


def test_parse_value_keeps_dates_and_numbers_apart() -> None:
    assert parse_value("2") == 2 and parse_value("-3") == -3
    assert parse_value("1.5") == 1.5
    assert parse_value("true") is True and parse_value("False") is False and parse_value("null") is None
    assert parse_value("2023-06-16") == "2023-06-16"
    assert parse_value("43-1068/S") == "43-1068/S"
    assert parse_value("ZL202110345678.9") == "ZL202110345678.9"


def test_propose_prints_the_proposal_as_json() -> None:
    r = runner.invoke(
        app,
        [
            "rules",
            "propose",
            "patent_certificate",
            "--field",
            "patent_kind=invention",
            "--field",
            "rank=2",
            "--field",
            "date=2023-06-16",
            "--field",
            "name_found=true",
        ],
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["credits"] == [{"year": 2023, "hours": 30, "category": "professional"}]
    assert d["clause"] == "2.4a" and d["flags"] == [] and d["needs_review"] is False
    assert d["policy"] == "changde-2024"


def test_propose_with_another_policy_file_and_a_flag() -> None:
    r = runner.invoke(
        app,
        [
            "rules",
            "propose",
            "training_certificate",
            "-f",
            "days=2",
            "-f",
            "stated_hours=16",
            "-f",
            "date=2025-01-01",
            "-f",
            "name_found=true",
            "--policy",
            str(XIANGTAN),
        ],
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["hours"] == 12 and d["flags"] == ["hours_days_mismatch"] and d["policy"] == "xiangtan-2025"
    assert "hours_days_mismatch" in d["flag_details"]


def test_propose_rejects_a_field_without_equals() -> None:
    r = runner.invoke(app, ["rules", "propose", "patent_certificate", "--field", "rank"])
    assert r.exit_code == 2
    assert "key=value" in r.output


def test_show_prints_every_clause() -> None:
    r = runner.invoke(app, ["rules", "show"], env={"COLUMNS": "160"})
    assert r.exit_code == 0, r.output
    for cid in (
        "2.1",
        "2.2",
        "2.3a",
        "2.3b",
        "2.4a",
        "2.4b",
        "2.5",
        "2.6",
        "2.7",
        "2.8",
        "2.9",
        "span.prior_sheet",
    ):
        assert cid in r.output
    assert "主持人60" in r.output and "Y-5 .. Y-1" in r.output


def test_show_with_a_broken_policy_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[policy]\nid = 'x'\n", encoding="utf-8")
    r = runner.invoke(app, ["rules", "show", "--policy", str(bad)])
    assert r.exit_code == 1
    assert "bad.toml" in r.output and "required key is missing" in r.output


def test_flags_lists_the_catalogue() -> None:
    r = runner.invoke(app, ["rules", "flags"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    for name in ("rank_reading", "duplicate_of", "claimed_by_other", "outside_span", "materials_incomplete"):
        assert name in r.output


def test_assess_prints_the_verdict() -> None:
    r = runner.invoke(
        app,
        [
            "rules",
            "assess",
            "--title-level",
            "初级",
            "--eval-year",
            "2024",
            "-c",
            "2024:20:public",
            "-c",
            "2024:70:professional",
        ],
    )
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["span"] == [2024] and d["span_ok"] is True
    assert d["years"]["2024"]["warnings"] == ["public_shortfall"]
    r = runner.invoke(app, ["rules", "assess", "--title-level", "expert", "--eval-year", "2024"])
    assert r.exit_code == 2 and "title level" in r.output
