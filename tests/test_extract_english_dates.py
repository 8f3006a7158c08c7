"""Dates written in English (foreign journals, invitation letters) are found like Chinese ones."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from pipeline.extract import extract_fields
from pipeline.extract.dates import find_dates, find_ranges
from pipeline.types import Applicant, Page


@pytest.mark.parametrize(
    ("text", "first", "precision"),
    [
        ("Published December 5, 2023", dt.date(2023, 12, 5), "day"),
        ("held on 5 December 2023 in Changsha", dt.date(2023, 12, 5), "day"),
        ("Sept. 3rd, 2022", dt.date(2022, 9, 3), "day"),
        ("Vol. 11, No. 11  November 2023", dt.date(2023, 11, 1), "month"),  # No. 11 is the issue
        ("MARCH 2023", dt.date(2023, 3, 1), "month"),
    ],
)
def test_english_dates_are_found(text: str, first: dt.date, precision: str) -> None:
    hits = find_dates(text)
    assert hits and hits[0].date == first and hits[0].precision == precision


def test_english_ranges_are_found() -> None:
    (r,) = find_ranges("to be held in Changsha, China, on June 24-25, 2023.")
    assert (r.start.date, r.end.date, r.days) == (dt.date(2023, 6, 24), dt.date(2023, 6, 25), 2)
    (r,) = find_ranges("from April 28, 2023 - May 3, 2023 as a visiting scholar")
    assert (r.start.date, r.end.date) == (dt.date(2023, 4, 28), dt.date(2023, 5, 3))


def test_the_word_may_is_not_a_month() -> None:
    assert find_dates("you may, 2023 being the year, apply again") == []


@pytest.mark.parametrize("seed", range(3))
def test_an_english_invitation_gives_the_conference_days(seed: int) -> None:
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_item

    rng = random.Random(seed)
    person = make_person(rng, "A1", "senior")
    spec = build_item("conference_record", rng, person, 2022, family="conference_record/english",
                      pages=["conference_invitation"])  # the English letter alone carries the dates
    pages = [Page("t", k, *pg.img.size, "\n".join(pg.lines), engine="textlayer")
             for k, pg in enumerate(render_item(spec, rng, pick_style(rng), 60))]
    assert "年" not in pages[0].text.split("会议名称")[0]  # the dates are printed in English only
    got = extract_fields("conference_record", pages, Applicant("A1", person.name))
    assert got["start_date"].value == spec.fields["start_date"]
    assert got["end_date"].value == spec.fields["end_date"]
