"""Missing, unreadable and garbage field values: 0 hours and a flag naming the field, never an
exception; and hours are never negative whatever the fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rules import load_policy

POLICY = load_policy("changde-2024")
OK = {"name_found": True}

# (type, fields with one deciding field missing or bad, the field the flag must name)
MISSING: list[tuple[str, dict[str, Any], str]] = [
    ("patent_certificate", {"patent_kind": "invention", "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"patent_kind": "invention", "rank": "first", "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 0, "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"patent_kind": "invention", "rank": -2, "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1.5, "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"patent_kind": "invention", "rank": True, "date": "2023-06-16"}, "rank"),
    ("patent_certificate", {"rank": 1, "date": "2023-06-16"}, "patent_kind"),
    ("patent_certificate", {"patent_kind": 7, "rank": 1, "date": "2023-06-16"}, "patent_kind"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1}, "date"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "2023-13-45"}, "date"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "sometime"}, "date"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": 20230616}, "date"),
    ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "0023-06-16"}, "date"),
    ("training_certificate", {"date": "2023-05-07"}, "days"),
    ("training_certificate", {"days": "two", "date": "2023-05-07"}, "days"),
    ("training_certificate", {"days": 2}, "date"),
    ("training_certificate", {"days": 0, "date": "2023-05-07"}, "days"),
    ("training_certificate", {"days": 0, "stated_hours": 0, "date": "2023-05-07"}, "stated_hours"),
    ("training_certificate", {"stated_hours": "lots", "date": "2023-05-07"}, "stated_hours"),
    ("project_completion", {"level": "provincial", "date": "2021-09-30"}, "role"),
    ("project_completion", {"level": "provincial", "rank": "x", "date": "2021-09-30"}, "rank"),
    ("project_completion", {"level": "provincial", "role": "host"}, "date"),
    ("award_certificate", {"level": "provincial", "grade": 1, "date": None}, "date"),
    ("digital_skills_exam", {"date": "2023-01-01"}, "modules"),
    ("digital_skills_exam", {"modules": "III", "date": "2023-01-01"}, "modules"),
    ("degree_transcript", {"passed_count": [], "date": "2023-01-01"}, "passed_count"),
    ("aid_assignment", {"assessment_passed": True}, "months"),
    ("aid_assignment", {"months": "half a year", "assessment_passed": True}, "months"),
    ("aid_assignment", {"months": 8, "assessment_passed": True}, "end_date"),
    ("aid_assignment", {"months": 600, "start_date": "2020-01-01", "assessment_passed": True}, "months"),
    ("hours_recognition_sheet", {}, "start_date"),
    ("hours_recognition_sheet", {"start_date": "2022", "end_date": "2019"}, "end_date"),
    ("public_institution_training", {"date": "2023-01-01"}, "stated_hours"),
    ("public_institution_training", {"stated_hours": -3, "date": "2023-01-01"}, "stated_hours"),
    ("journal_paper", {"cn_number": "43-1068/S", "date": "2022-04-01"}, "rank"),
]


@pytest.mark.parametrize(
    ("etype", "fields", "field"), MISSING, ids=[f"{m[0]}-{m[2]}-{i}" for i, m in enumerate(MISSING)]
)
def test_missing_or_bad_deciding_field_gives_zero_and_names_it(
    etype: str, fields: dict[str, Any], field: str
) -> None:
    p = POLICY.propose(etype, {**fields, **OK})
    assert p.credits == [] and p.hours == 0
    assert "field_missing" in p.flags
    assert p.needs_review
    assert field in p.flag_details["field_missing"]


def test_a_bad_date_falls_back_to_the_next_date_field() -> None:
    p = POLICY.propose(
        "training_certificate", {"days": 1, "end_date": "2023-02-30", "date": "2023-03-01", **OK}
    )
    assert [c.year for c in p.credits] == [2023]


def test_dates_in_other_forms_are_read() -> None:
    for d in ("2023-06-16", "2023-06", "2023", "2023-06-16T08:00:00", dt.date(2023, 6, 16)):
        p = POLICY.propose("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": d, **OK})
        assert p.credits[0].year == 2023, d


def test_numbers_as_strings_are_read() -> None:
    p = POLICY.propose(
        "patent_certificate", {"patent_kind": "invention", "rank": "2", "date": "2023-01-01", **OK}
    )
    assert p.hours == 30
    p = POLICY.propose("training_certificate", {"days": "1.5", "date": "2023-01-01", **OK})
    assert p.hours == 12


def test_fields_that_are_not_a_mapping_or_an_unknown_type_do_not_raise() -> None:
    for fields in (None, [], "rank=1", 42):
        p = POLICY.propose("patent_certificate", fields)  # type: ignore[arg-type]
        assert p.hours == 0 and "field_missing" in p.flags
    p = POLICY.propose("crystal_ball", {"rank": 1})
    assert p.hours == 0 and p.flags == ["unknown_type"] and p.needs_review
    p = POLICY.propose(None, {})  # type: ignore[arg-type]
    assert p.flags == ["unknown_type"]


# -- property tests ---------------------------------------------------------------------------

junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.dates(min_value=dt.date(1900, 1, 1)).map(str),
    st.sampled_from(
        [
            "invention",
            "utility_model",
            "design",
            "national",
            "provincial",
            "municipal",
            "county",
            "host",
            "main",
            "participant",
            "public",
            "professional",
            "2023-13-01",
            "∞",
        ]
    ),
    st.lists(st.integers(), max_size=2),
)
FIELD_NAMES = [
    "rank",
    "role",
    "level",
    "grade",
    "patent_kind",
    "date",
    "start_date",
    "end_date",
    "days",
    "stated_hours",
    "subject",
    "modules",
    "passed_count",
    "months",
    "assessment_passed",
    "name_found",
    "cn_number",
    "issn",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    etype=st.sampled_from([*POLICY.evidence_types, "nonsense"]),
    fields=st.dictionaries(st.sampled_from(FIELD_NAMES), junk, max_size=10),
)
def test_any_fields_give_a_proposal_with_hours_never_negative(etype: str, fields: dict[str, Any]) -> None:
    p = POLICY.propose(etype, fields)
    assert p.hours >= 0
    assert all(c.hours >= 0 and c.category in ("public", "professional", "full_year") for c in p.credits)
    assert isinstance(p.explanation, str) and p.explanation
    assert set(p.flags) <= set(POLICY.flags)
    assert p.needs_review == any(POLICY.flags[f].needs_review for f in p.flags)
    if p.hours == 0 and etype not in ("other", "training_notice") and etype in POLICY.evidence_types:
        assert p.flags or p.clause in ("2.6", "2.8", "2.9", "span.public_institution")  # 0 units passed
