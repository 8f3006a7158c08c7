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


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("India during 17-18t April 2025.", dt.date(2025, 4, 17), dt.date(2025, 4, 18)),
        ("09 th - 10 th August 2024", dt.date(2024, 8, 9), dt.date(2024, 8, 10)),
        ("Date: 14 t h Aug to 19 t h Aug 2023", dt.date(2023, 8, 14), dt.date(2023, 8, 19)),
        ("between August 1 and August 14, 2021", dt.date(2021, 8, 1), dt.date(2021, 8, 14)),
        ("ran the course from October 26 to November 1 in 2025.", dt.date(2025, 10, 26),
         dt.date(2025, 11, 1)),
        ("from 29th January 2024 To 03rd February 2024.", dt.date(2024, 1, 29), dt.date(2024, 2, 3)),
        ("on 12th and 13th April 2025", dt.date(2025, 4, 12), dt.date(2025, 4, 13)),
        ("from 08/01/2024 4 to 13/01/2024.", dt.date(2024, 1, 8), dt.date(2024, 1, 13)),  # a stray 4
        ("from 5/28/2023 to 6/2/2023", dt.date(2023, 5, 28), dt.date(2023, 6, 2)),  # month-first by 28
        ("on 23rd-24thAugust 2024", dt.date(2024, 8, 23), dt.date(2024, 8, 24)),
        ("International Conference on 7th & 8th, March, 2025 at", dt.date(2025, 3, 7), dt.date(2025, 3, 8)),
        ("from 15/o2/2024 to 16/02/2024.", dt.date(2024, 2, 15), dt.date(2024, 2, 16)),  # OCR's o for 0
    ],
)
def test_english_ranges_as_ocr_reads_them(text: str, start: dt.date, end: dt.date) -> None:
    (r,) = find_ranges(text)
    assert (r.start.date, r.end.date) == (start, end) and not r.start.order_guessed


def test_a_spaced_day_and_two_days_that_are_not_a_range() -> None:
    assert [h.date for h in find_dates("3 1 st October 2021 Conference")] == [dt.date(2021, 10, 31)]
    assert find_ranges("on 12 and 15 April 2025") == []
    assert find_ranges("March 3 and June 5, 2023") == []  # 'and' joins a range only after 'between'


def test_a_numeric_date_nothing_decides_is_read_day_first_and_less_sure() -> None:
    (r,) = find_ranges("from 02/03/2024 to 05/03/2024")
    assert (r.start.date, r.end.date) == (dt.date(2024, 3, 2), dt.date(2024, 3, 5))
    assert r.start.order_guessed and r.end.order_guessed
    page = Page("t", 0, 0, 0, "Certificate of Participation\nAlex Hale\nattended the workshop "
                "from 02/03/2024 to 05/03/2024", engine="textlayer")
    sure = Page("t", 0, 0, 0, page.text.replace("02/03/2024 to 05/03/2024", "13/03/2024 to 15/03/2024"),
                engine="textlayer")
    guessed = extract_fields("training_certificate", [page], Applicant("A1", "Alex Hale"))["start_date"]
    decided = extract_fields("training_certificate", [sure], Applicant("A1", "Alex Hale"))["start_date"]
    assert guessed.value == "2024-03-02" and decided.value == "2024-03-13"
    assert guessed.confidence < decided.confidence


def test_a_range_wrapped_after_its_first_date() -> None:
    page = Page("t", 0, 0, 0, "Certificate of Participation\nAlex Hale\nattended the workshop held at Akurdi "
                "from 15/02/2024\nto 16/02/2024.", engine="textlayer")
    got = extract_fields("conference_record", [page], Applicant("A1", "Alex Hale"))
    got_days = (got["start_date"].value, got["end_date"].value, got["days"].value)
    assert got_days == ("2024-02-15", "2024-02-16", 2)
