"""Every row and Decision of docs/rules.md (changde-2024), table-driven, with its edges."""

from __future__ import annotations

from typing import Any

import pytest

from rules import Credit, load_policy

POLICY = load_policy("changde-2024")
OK = {"name_found": True}


def P(year: int, hours: float) -> list[Credit]:
    return [Credit(year, hours, "professional")]


# (evidence_type, fields, expected credits, clause, flags) -- one row per rule and edge.
CASES: list[tuple[str, dict[str, Any], list[Credit], str | None, list[str]]] = [
    # 2.1: 8 per day, 4 per half day, year attended; public training credits public hours
    ("training_certificate", {"days": 2, "end_date": "2023-05-07"}, P(2023, 16), "2.1", []),
    ("training_certificate", {"days": 0.5, "date": "2023-05-07"}, P(2023, 4), "2.1", []),
    ("training_certificate", {"days": 1.5, "date": "2023-05-07"}, P(2023, 12), "2.1", []),
    ("conference_record", {"start_date": "2022-10-10", "end_date": "2022-10-12"}, P(2022, 24), "2.1", []),
    ("practice_activity", {"days": 3, "start_date": "2021-04-01"}, P(2021, 24), "2.1", []),
    ("overseas_exchange", {"days": 5, "end_date": "2019-09-09"}, P(2019, 40), "2.1", []),
    (
        "training_certificate",
        {"days": 2, "date": "2023-05-07", "subject": "public"},
        [Credit(2023, 16, "public")],
        "2.1",
        [],
    ),
    (
        "training_certificate",
        {"days": 2, "date": "2023-05-07", "subject": "professional"},
        P(2023, 16),
        "2.1",
        [],
    ),
    # Decision 2.1: stated hours, capped at 8 x days, mismatch flagged
    ("training_certificate", {"stated_hours": 12, "days": 2, "date": "2023-05-07"}, P(2023, 12), "2.1", []),
    ("training_certificate", {"stated_hours": 16, "days": 2, "date": "2023-05-07"}, P(2023, 16), "2.1", []),
    (
        "training_certificate",
        {"stated_hours": 24, "days": 2, "date": "2023-05-07"},
        P(2023, 16),
        "2.1",
        ["hours_days_mismatch"],
    ),
    (
        "training_certificate",
        {"stated_hours": 6, "days": 0.5, "date": "2023-05-07"},
        P(2023, 4),
        "2.1",
        ["hours_days_mismatch"],
    ),
    ("online_course_certificate", {"stated_hours": 30, "date": "2022-12-01"}, P(2022, 30), "2.1", []),
    ("training_certificate", {"days": 1.3, "date": "2023-05-07"}, P(2023, 8), "2.1", ["days_rounded"]),
    # days counted from the dates, but not from a range printed to the month (2017年5月至11月 read
    # as 05-01..11-30): a class that ran for months is no 214 days attended
    ("training_certificate", {"start_date": "2023-03-01", "end_date": "2023-03-31"}, P(2023, 248), "2.1", []),
    ("training_certificate", {"start_date": "2023-05-02", "end_date": "2023-06-30"}, P(2023, 480), "2.1", []),
    ("training_certificate", {"start_date": "2017-05-01", "end_date": "2017-11-30"}, [], "2.1",
     ["field_missing"]),
    ("training_certificate", {"start_date": "2023-12-01", "end_date": "2024-01-31"}, [], "2.1",
     ["field_missing"]),
    # 2.2 provincial or above: host 60, main (ranks 2-4) 30, other 10; municipal: host 30, others 10
    (
        "project_completion",
        {"level": "provincial", "role": "host", "date": "2021-09-30"},
        P(2021, 60),
        "2.2",
        [],
    ),
    ("project_completion", {"level": "national", "rank": 1, "date": "2021-09-30"}, P(2021, 60), "2.2", []),
    ("project_completion", {"level": "provincial", "rank": 3, "date": "2021-09-30"}, P(2021, 30), "2.2", []),
    (
        "project_completion",
        {"level": "provincial", "rank": 4, "date": "2021-09-30"},
        P(2021, 30),
        "2.2",
        ["rank_reading"],
    ),
    ("project_completion", {"level": "provincial", "rank": 5, "date": "2021-09-30"}, P(2021, 10), "2.2", []),
    (
        "project_completion",
        {"level": "provincial", "role": "participant", "date": "2021-09-30"},
        P(2021, 10),
        "2.2",
        [],
    ),
    (
        "project_completion",
        {"level": "municipal", "role": "host", "date": "2020-06-30"},
        P(2020, 30),
        "2.2",
        [],
    ),
    ("project_completion", {"level": "municipal", "rank": 2, "date": "2020-06-30"}, P(2020, 10), "2.2", []),
    (
        "project_completion",
        {"level": "municipal", "role": "main", "date": "2020-06-30"},
        P(2020, 10),
        "2.2",
        [],
    ),
    (
        "project_completion",
        {"level": "provincial", "role": "main", "rank": 6, "date": "2020-06-30"},
        P(2020, 30),
        "2.2",
        ["rank_reading"],
    ),
    # Decision 2.2 / 2.5: county or unreadable level -> 0
    (
        "project_completion",
        {"level": "county", "role": "host", "date": "2020-06-30"},
        [],
        "2.2",
        ["level_not_covered"],
    ),
    ("project_completion", {"role": "host", "date": "2020-06-30"}, [], "2.2", ["level_unreadable"]),
    (
        "project_completion",
        {"level": "galactic", "role": "host", "date": "2020-06-30"},
        [],
        "2.2",
        ["level_unreadable"],
    ),
    # 2.3a books: sole/first 60, other 30
    ("book_publication", {"rank": 1, "date": "2020-03-01"}, P(2020, 60), "2.3a", []),
    ("book_publication", {"rank": 2, "date": "2020-03-01"}, P(2020, 30), "2.3a", []),
    # 2.3b papers with CN: first 30, other 10; no CN -> 0
    ("journal_paper", {"rank": 1, "date": "2022-04-01", "cn_number": "43-1068/S"}, P(2022, 30), "2.3b", []),
    ("journal_paper", {"rank": 3, "date": "2022-04-01", "cn_number": "43-1068/S"}, P(2022, 10), "2.3b", []),
    ("journal_paper", {"rank": 1, "date": "2022-04-01", "issn": "1002-3674"}, [], "2.3b", ["no_cn_number"]),
    # 2.4a invention: 60 / ranks 2-3 30 / other 10
    (
        "patent_certificate",
        {"patent_kind": "invention", "rank": 1, "date": "2023-06-16"},
        P(2023, 60),
        "2.4a",
        [],
    ),
    (
        "patent_certificate",
        {"patent_kind": "invention", "rank": 2, "date": "2023-06-16"},
        P(2023, 30),
        "2.4a",
        [],
    ),
    (
        "patent_certificate",
        {"patent_kind": "invention", "rank": 3, "date": "2023-06-16"},
        P(2023, 30),
        "2.4a",
        [],
    ),
    (
        "patent_certificate",
        {"patent_kind": "invention", "rank": 4, "date": "2023-06-16"},
        P(2023, 10),
        "2.4a",
        [],
    ),
    # 2.4b utility model: 30 / ranks 2-3 10 / rank 4+ not covered; design not covered
    (
        "patent_certificate",
        {"patent_kind": "utility_model", "rank": 1, "date": "2022-01-05"},
        P(2022, 30),
        "2.4b",
        [],
    ),
    (
        "patent_certificate",
        {"patent_kind": "utility_model", "rank": 3, "date": "2022-01-05"},
        P(2022, 10),
        "2.4b",
        [],
    ),
    (
        "patent_certificate",
        {"patent_kind": "utility_model", "rank": 4, "date": "2022-01-05"},
        [],
        "2.4b",
        ["rank_not_covered"],
    ),
    (
        "patent_certificate",
        {"patent_kind": "design", "rank": 1, "date": "2022-01-05"},
        [],
        None,
        ["kind_not_covered"],
    ),
    # 2.5 awards: provincial+ 60/30/10, municipal 30/10/5; special prize or unreadable grade -> 0
    ("award_certificate", {"level": "provincial", "grade": 1, "date": "2019-12-20"}, P(2019, 60), "2.5", []),
    ("award_certificate", {"level": "national", "grade": 2, "date": "2019-12-20"}, P(2019, 30), "2.5", []),
    ("award_certificate", {"level": "provincial", "grade": 3, "date": "2019-12-20"}, P(2019, 10), "2.5", []),
    ("award_certificate", {"level": "municipal", "grade": 1, "date": "2019-12-20"}, P(2019, 30), "2.5", []),
    ("award_certificate", {"level": "municipal", "grade": 2, "date": "2019-12-20"}, P(2019, 10), "2.5", []),
    ("award_certificate", {"level": "municipal", "grade": 3, "date": "2019-12-20"}, P(2019, 5), "2.5", []),
    (
        "award_certificate",
        {"level": "provincial", "grade": 0, "date": "2019-12-20"},
        [],
        "2.5",
        ["grade_not_covered"],
    ),
    (
        "award_certificate",
        {"level": "provincial", "grade": 4, "date": "2019-12-20"},
        [],
        "2.5",
        ["grade_not_covered"],
    ),
    ("award_certificate", {"level": "provincial", "date": "2019-12-20"}, [], "2.5", ["grade_not_covered"]),
    (
        "award_certificate",
        {"level": "county", "grade": 1, "date": "2019-12-20"},
        [],
        "2.5",
        ["level_not_covered"],
    ),
    ("award_certificate", {"grade": 1, "date": "2019-12-20"}, [], "2.5", ["level_unreadable"]),
    # 2.6 / 2.8 / 2.9 per unit
    ("digital_skills_exam", {"modules": 3, "date": "2023-11-11"}, P(2023, 60), "2.6", []),
    ("degree_transcript", {"passed_count": 2, "date": "2022-07-01"}, P(2022, 60), "2.8", []),
    ("qualification_exam_scores", {"passed_count": 1, "date": "2021-10-20"}, P(2021, 30), "2.9", []),
    ("qualification_exam_scores", {"passed_count": 0, "date": "2021-10-20"}, [], "2.9", []),
    # 2.7: 6 months to 1 year: the later year; over a year: every year touched; under 6: 0
    (
        "aid_assignment",
        {"months": 6, "start_date": "2023-01-01", "assessment_passed": True},
        [Credit(2023, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"months": 5, "start_date": "2023-01-01", "assessment_passed": True},
        [],
        "2.7",
        ["assignment_too_short"],
    ),
    (
        "aid_assignment",
        {"start_date": "2023-01-01", "end_date": "2023-06-30", "assessment_passed": True},
        [Credit(2023, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"start_date": "2023-01-01", "end_date": "2023-06-29", "assessment_passed": True},
        [],
        "2.7",
        ["assignment_too_short"],
    ),
    (
        "aid_assignment",
        {"start_date": "2022-09-01", "end_date": "2023-08-31", "assessment_passed": True},
        [Credit(2023, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"start_date": "2021-07-01", "end_date": "2023-02-28", "assessment_passed": True},
        [Credit(2021, 90, "full_year"), Credit(2022, 90, "full_year"), Credit(2023, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"months": 18, "start_date": "2021-03-01", "assessment_passed": True},
        [Credit(2021, 90, "full_year"), Credit(2022, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"months": 8, "end_date": "2022-03-01", "assessment_passed": True},
        [Credit(2022, 90, "full_year")],
        "2.7",
        [],
    ),
    (
        "aid_assignment",
        {"months": 12, "start_date": "2022-03-01", "assessment_passed": "false"},
        [],
        "2.7",
        ["assessment_not_passed"],
    ),
    ("aid_assignment", {"months": 12, "start_date": "2022-03-01"}, [], "2.7", ["assessment_not_passed"]),
    # span.prior_sheet: every covered year a full year, for a reviewer to confirm
    (
        "hours_recognition_sheet",
        {"start_date": "2018-01-01", "end_date": "2022-12-31"},
        [Credit(y, 90, "full_year") for y in range(2018, 2023)],
        "span.prior_sheet",
        ["prior_sheet"],
    ),
    (
        "hours_recognition_sheet",
        {"start_date": "2021"},
        [Credit(2021, 90, "full_year")],
        "span.prior_sheet",
        ["prior_sheet"],
    ),
    # span.public_institution: stated hours as stated, public unless said professional
    (
        "public_institution_training",
        {"stated_hours": 50, "date": "2023-06-01"},
        [Credit(2023, 50, "public")],
        "span.public_institution",
        ["category_assumed"],
    ),
    (
        "public_institution_training",
        {"stated_hours": 12, "date": "2023-06-01", "subject": "professional"},
        P(2023, 12),
        "span.public_institution",
        [],
    ),
    # 1.1 supporting material; other: nothing
    ("training_notice", {"date": "2023-05-01"}, [], "1.1", ["supporting_material"]),
    ("other", {}, [], None, []),
]


@pytest.mark.parametrize(
    ("etype", "fields", "credits", "clause", "flags"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_rule_table(
    etype: str, fields: dict[str, Any], credits: list[Credit], clause: str | None, flags: list[str]
) -> None:
    name_check = etype not in ("training_notice", "other")
    p = POLICY.propose(etype, {**fields, **OK} if name_check else fields)
    assert p.credits == credits
    assert p.clause == clause
    assert p.flags == flags
    assert p.hours == sum(c.hours for c in credits)
    assert p.needs_review == any(POLICY.flags[f].needs_review for f in flags)
    assert set(p.flag_details) == set(flags)
    assert p.explanation  # always something a reviewer can read
    if clause and clause[0].isdigit():
        assert f"细则{'一' if clause.startswith('1.') else '二'}.{clause.split('.')[1][0]}" in p.explanation


def test_contract_example_explanation() -> None:
    p = POLICY.propose(
        "patent_certificate",
        {"patent_kind": "invention", "rank": 1, "date": "2023-06-16", "name_found": True},
    )
    assert p.explanation == "国家发明专利，排名第1 → 专业科目60学时（细则二.4）"
    assert p.to_dict()["credits"] == [{"year": 2023, "hours": 60, "category": "professional"}]


def test_a_zero_is_explained_by_its_reason_before_any_note() -> None:
    # no date read: the 0 comes from field_missing, not from the category being assumed
    p = POLICY.propose("public_institution_training", {"stated_hours": 24, **OK})
    assert p.hours == 0 and set(p.flags) == {"field_missing", "category_assumed"}
    reason, note = POLICY.flags["field_missing"].zh, POLICY.flags["category_assumed"].zh
    assert p.explanation.index(reason) < p.explanation.index(note)


def test_name_mismatch_gives_zero_and_says_what_it_would_be() -> None:
    p = POLICY.propose(
        "journal_paper", {"rank": 1, "date": "2022-04-01", "cn_number": "43-1068/S", "name_found": False}
    )
    assert p.credits == [] and p.hours == 0
    assert p.flags == ["name_mismatch"] and p.needs_review
    assert "30学时" in p.explanation  # what a reviewer gets by confirming the name


def test_name_not_checked_keeps_hours_but_needs_review() -> None:
    p = POLICY.propose("book_publication", {"rank": 1, "date": "2020-03-01"})
    assert p.hours == 60
    assert p.flags == ["name_unchecked"] and p.needs_review


def test_rank_boundary_2_2_three_vs_four() -> None:
    r3 = POLICY.propose("project_completion", {"level": "provincial", "rank": 3, "date": "2021", **OK})
    r4 = POLICY.propose("project_completion", {"level": "provincial", "rank": 4, "date": "2021", **OK})
    assert (r3.hours, r3.needs_review) == (30, False)
    assert (r4.hours, r4.needs_review) == (30, True)
    assert "第2-4名" in r4.flag_details["rank_reading"]


def test_explicit_role_disagreeing_with_rank_is_kept_and_flagged() -> None:
    p = POLICY.propose(
        "project_completion", {"level": "provincial", "role": "participant", "rank": 2, "date": "2021", **OK}
    )
    assert p.hours == 10 and p.flags == ["rank_reading"]


def test_credits_go_to_the_year_of_the_evidence_even_outside_a_span() -> None:
    # propose does not know the applicant's span: the credit stays on its year and the batch
    # stage flags outside_span; assess leaves it out of the span totals.
    p = POLICY.propose(
        "patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "2017-06-16", **OK}
    )
    assert p.credits == P(2017, 60)
    a = POLICY.assess(p.credits, "senior", 2024)
    assert a.outside_span == {2017: 60}
    assert all(y.total == 0 for y in a.years.values())


def test_outside_span_flag_is_catalogued_for_the_batch_stage() -> None:
    for name in ("duplicate_of", "claimed_by_other", "outside_span", "materials_incomplete"):
        info = POLICY.flags[name]
        assert info.stage == "batch" and info.zh and info.en
    assert POLICY.flags["claimed_by_other"].needs_review
    assert not POLICY.flags["outside_span"].needs_review
