"""The evidence table (rules/evidence.toml): checked at load, and the one source every stage reads."""

from __future__ import annotations

import copy
import re
import tomllib

import pytest

from pipeline.errors import ProgramDataError
from pipeline.extract import check_tables
from pipeline.extract.data import DATA
from pipeline.proposals import DECIDING_FIELDS
from pipeline.web import labels
from rules import load_policy
from rules.errors import TableError
from rules.evidence import FIELDS, TABLE_FILE, TYPES, parse

RAW = tomllib.loads(TABLE_FILE.read_text(encoding="utf-8"))


def test_a_deciding_field_that_no_pattern_reads_is_an_error_at_load() -> None:
    check_tables(DATA)  # the shipped files agree
    patterns = copy.deepcopy(DATA)
    patterns["types"]["practice_activity"]["fields"].remove("days")
    with pytest.raises(ProgramDataError, match=r"practice_activity.deciding: 'days' decides the hours"):
        check_tables(patterns)
    patterns = copy.deepcopy(DATA)
    del patterns["types"]["other"]
    with pytest.raises(ProgramDataError, match=r"no \[types.other\]"):
        check_tables(patterns)


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda r: r["types"]["journal_paper"]["deciding"].append("x"), "types.journal_paper.deciding[4]"),
        (lambda r: r["fields"]["rank"].update(kind="integer"), "fields.rank.kind"),
        (lambda r: r["fields"]["role"].pop("choices"), "fields.role.choices"),
        (lambda r: r["fields"]["title"].update(choices={"a": "甲"}), "fields.title.choices"),
        (lambda r: r["types"]["other"].pop("label"), "types.other.label"),
        (lambda r: r["fields"]["rank"].update(label_synonyms=["排名", ""]), "fields.rank.label_synonyms"),
        (lambda r: r["types"]["award_certificate"].update(colour="red"), "types.award_certificate.colour"),
        (lambda r: r["types"]["other"].update(cue_words=["发票", " "]), "types.other.cue_words"),
        (lambda r: r["types"]["award_certificate"]["title_words"].append("获奖证书"),
         "types.award_certificate.title_words"),
        (lambda r: r["types"]["journal_paper"]["marks"].append("学报("), "types.journal_paper.marks[14]"),
        (lambda r: r["types"]["other"].update(marks=["发票"]), "types.other.marks"),
        (lambda r: r["types"]["award_certificate"]["one_per_document"].append("一等奖"),
         "types.award_certificate.one_per_document"),
        (lambda r: r["types"]["journal_paper"].update(event_words=["竞赛"]),
         "types.journal_paper.event_words"),
        (lambda r: r["types"]["award_certificate"].update(prize_patterns=["荣获("]),
         "types.award_certificate.prize_patterns[0]"),
        (lambda r: r["types"]["journal_paper"].update(prize_patterns=["荣获"]),
         "types.journal_paper.prize_patterns"),
        (lambda r: r["types"]["journal_paper"].update(corroborated_instead={"isbn": ["issn"]}),
         "types.journal_paper.corroborated_instead.isbn"),
        (lambda r: r["types"]["journal_paper"].update(corroborated_instead={"cn_number": ["serial"]}),
         "types.journal_paper.corroborated_instead.cn_number"),
    ],
)
def test_a_wrong_table_names_the_key(edit, where) -> None:
    raw = copy.deepcopy(RAW)
    edit(raw)
    with pytest.raises(TableError, match="^evidence table: " + re.escape(where) + ":"):
        parse(raw)


def test_the_gate_the_web_form_and_the_rules_read_the_same_table() -> None:
    assert {code: t.deciding for code, t in TYPES.items()} == DECIDING_FIELDS
    assert {code: t.label for code, t in TYPES.items()} == labels.EVIDENCE_TYPES
    assert {name: f.label for name, f in FIELDS.items()} == labels.FIELDS
    assert labels.FIELD_CHOICES["role"] == dict(FIELDS["role"].choices)
    assert {"rank", "grade", "modules", "passed_count", "months"} == labels.INT_FIELDS
    # a project participant: the rules' explanation and the web page name the role alike
    p = load_policy("changde-2024").propose(
        "project_completion", {"level": "provincial", "rank": 6, "date": "2023-01-05", "name_found": True}
    )
    assert labels.field_display("role", "participant") in p.explanation
    assert p.hours == 10


def test_a_field_missing_says_which_field_in_chinese() -> None:
    fields = {"patent_kind": "invention", "name_found": True}
    p = load_policy("changde-2024").propose("patent_certificate", fields)
    assert "排名（rank）" in p.flag_details["field_missing"]


def test_flag_short_names_come_from_the_policy_file() -> None:
    policy = load_policy("changde-2024")
    assert policy.flags["assignment_too_short"].short == "外派不足6个月"
    assert labels.flag_name("assignment_too_short") == "外派不足6个月"
    assert labels.flag_name("read_failed") == "读取失败"
    assert all(info.short for info in policy.flags.values())


@pytest.mark.parametrize(
    ("edit", "where"),
    [
        (lambda r: r["heading"]["words"].append("证书"), "heading.words"),
        (lambda r: r["heading"].update(colour="red"), "heading.colour"),
        (lambda r: r.update(headings={}), "optionally [heading], got ['fields', 'heading', 'headings'"),
    ],
)
def test_a_wrong_heading_table_names_the_key(edit, where) -> None:
    from rules.evidence import parse_heading

    raw = copy.deepcopy(RAW)
    edit(raw)
    with pytest.raises(TableError, match=re.escape(where)):
        parse(raw)
        parse_heading(raw)
