"""Spans, the per-year verdict (the "generally" Decision, full-year credits) and its properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules import Credit, load_policy, normalize_title_level

POLICY = load_policy("changde-2024")


@pytest.mark.parametrize(
    ("level", "year", "span"),
    [
        ("senior", 2024, [2019, 2020, 2021, 2022, 2023]),
        ("intermediate", 2024, [2021, 2022, 2023, 2024]),
        ("junior", 2024, [2024]),
        ("高级", 2025, [2020, 2021, 2022, 2023, 2024]),
        ("中级", 2020, [2017, 2018, 2019, 2020]),
        ("初级", 2019, [2019]),
        (" Senior ", 2030, [2025, 2026, 2027, 2028, 2029]),
        ("副高级职称", 2024, [2019, 2020, 2021, 2022, 2023]),
    ],
)
def test_span(level: str, year: int, span: list[int]) -> None:
    assert POLICY.span(level, year) == span


def test_title_level_normaliser() -> None:
    assert [normalize_title_level(x) for x in ("senior", "中级", "初级", "JUNIOR", "高级")] == [
        "senior",
        "intermediate",
        "junior",
        "junior",
        "senior",
    ]
    for bad in ("expert", "", "特级", None, 3):
        with pytest.raises(ValueError, match="title level"):
            normalize_title_level(bad)  # type: ignore[arg-type]


def test_bad_eval_year_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="eval_year"):
        POLICY.span("senior", "2024")  # type: ignore[arg-type]


def year_of(credits: list[Credit], year: int = 2023) -> dict:
    return POLICY.assess(credits, "junior", year).to_dict()["years"][str(year)]


def test_generally_a_public_shortfall_with_total_met_is_a_warning() -> None:
    y = year_of([Credit(2023, 20, "public"), Credit(2023, 70, "professional")])
    assert y["total"] == 90 and y["meets_requirement"] is True
    assert y["warnings"] == ["public_shortfall"]


def test_a_professional_shortfall_with_total_met_is_a_warning() -> None:
    y = year_of([Credit(2023, 40, "public"), Credit(2023, 50, "professional")])
    assert y["meets_requirement"] is True and y["warnings"] == ["professional_shortfall"]


def test_total_under_90_fails_even_with_both_minimums_met() -> None:
    y = year_of([Credit(2023, 29.5, "public"), Credit(2023, 60, "professional")])
    assert y["meets_requirement"] is False
    assert "total_shortfall" in y["warnings"]
    y = year_of([Credit(2023, 30, "public"), Credit(2023, 59, "professional")])
    assert y["meets_requirement"] is False


def test_exactly_the_requirement_meets_with_no_warning() -> None:
    y = year_of([Credit(2023, 30, "public"), Credit(2023, 60, "professional")])
    assert y == {
        "public": 30,
        "professional": 60,
        "full_year": 0,
        "total": 90,
        "meets_requirement": True,
        "warnings": [],
    }


def test_a_full_year_credit_meets_the_year_whatever_else() -> None:
    y = year_of([Credit(2023, 90, "full_year")])
    assert y["meets_requirement"] is True and y["warnings"] == []
    y = year_of([Credit(2023, 90, "full_year"), Credit(2023, 5, "public")])
    assert y["meets_requirement"] is True and y["total"] == 95


def test_span_ok_needs_every_span_year_and_ignores_years_outside() -> None:
    full = [Credit(y, 90, "full_year") for y in range(2019, 2024)]
    a = POLICY.assess(full, "senior", 2024)
    assert a.span_ok
    a = POLICY.assess([*full[:-1], Credit(2024, 90, "full_year")], "senior", 2024)
    assert not a.span_ok  # 2023 missing; 2024 is the evaluation year, outside the senior span
    assert a.outside_span == {2024: 90}
    assert not a.years[2023].meets_requirement


def test_assessment_is_json_and_shaped_like_the_summary() -> None:
    credits = [Credit(2022, 30, "public"), Credit(2022, 60, "professional"), Credit(2018, 10, "public")]
    d = POLICY.assess(credits, "中级", 2024).to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["span"] == [2021, 2022, 2023, 2024] and d["title_level"] == "intermediate"
    assert set(d["years"]) == {"2021", "2022", "2023", "2024"}
    assert set(d["years"]["2022"]) == {
        "public",
        "professional",
        "full_year",
        "total",
        "meets_requirement",
        "warnings",
    }
    assert d["years"]["2022"]["meets_requirement"] is True
    assert d["span_ok"] is False and d["outside_span"] == {"2018": 10}


def test_assess_accepts_credit_dicts_and_rejects_bad_ones() -> None:
    a = POLICY.assess([{"year": 2024, "hours": 90, "category": "full_year"}], "junior", 2024)
    assert a.span_ok
    for bad in (
        {"year": 2024, "hours": -1, "category": "public"},
        {"year": "2024", "hours": 1, "category": "public"},
        {"year": 2024, "hours": 1, "category": "bonus"},
        "2024:90",
    ):
        with pytest.raises(ValueError):
            POLICY.assess([bad], "junior", 2024)  # type: ignore[list-item]


def test_propose_then_assess_a_whole_applicant() -> None:
    """A senior applicant for 2024 whose evidence covers the span in different ways."""
    items = [
        ("hours_recognition_sheet", {"start_date": "2018", "end_date": "2020"}),  # 2018-2020 full
        ("aid_assignment", {"start_date": "2021-02-01", "end_date": "2021-09-30", "assessment_passed": True}),
        ("training_certificate", {"days": 4, "date": "2022-05-01", "subject": "public"}),  # 32 public
        ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "2022-08-01"}),  # 60
        ("journal_paper", {"rank": 2, "date": "2023-01-01", "cn_number": "43-1068/S"}),  # 10
    ]
    credits = [c for t, f in items for c in POLICY.propose(t, {**f, "name_found": True}).credits]
    a = POLICY.assess(credits, "senior", 2024)
    assert [a.years[y].meets_requirement for y in a.span] == [True, True, True, True, False]
    assert a.years[2022].warnings == []
    assert a.years[2023].total == 10 and not a.span_ok
    assert a.outside_span == {2018: 90}


# -- properties: more credit never makes a verdict worse -----------------------------------------

credit = st.builds(
    Credit,
    year=st.integers(2015, 2026),
    hours=st.one_of(st.integers(0, 120), st.floats(0, 120, allow_nan=False)),
    category=st.sampled_from(["public", "professional", "full_year"]),
)
levels = st.sampled_from(["senior", "intermediate", "junior"])


@settings(max_examples=150, deadline=None)
@given(credits=st.lists(credit, max_size=25), extra=credit, level=levels, year=st.integers(2018, 2026))
def test_adding_a_credit_never_unmeets_a_year_or_the_span(
    credits: list[Credit], extra: Credit, level: str, year: int
) -> None:
    before = POLICY.assess(credits, level, year)
    after = POLICY.assess([*credits, extra], level, year)
    for y, s in before.years.items():
        if s.meets_requirement:
            assert after.years[y].meets_requirement
        assert after.years[y].total >= s.total >= 0
    if before.span_ok:
        assert after.span_ok


@settings(max_examples=100, deadline=None)
@given(credits=st.lists(credit, max_size=25), level=levels, year=st.integers(2018, 2026))
def test_totals_add_up(credits: list[Credit], level: str, year: int) -> None:
    a = POLICY.assess(credits, level, year)
    counted = sum(s.total for s in a.years.values()) + sum(a.outside_span.values())
    assert counted == pytest.approx(sum(c.hours for c in credits))
