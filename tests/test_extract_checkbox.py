"""Tick boxes: the ticked option is the value, although every option word is printed."""

from __future__ import annotations

import random

import pytest

from pipeline.extract import extract_fields
from pipeline.extract.checkbox import boxes, ticked_option
from pipeline.types import Applicant, Page


@pytest.mark.parametrize(
    ("line", "chosen"),
    [
        ("考核等次 ☒优秀 □称职 □基本称职 □不称职", "优秀"),
        ("考核结果：☑合格☐不合格", "合格"),
        ("考核结果 □合格 ☒基本合格 □不合格", "基本合格"),
        ("考核结果 [√]合格 [ ]不合格", "合格"),
        ("考核结果（ ）合格（√）不合格", "不合格"),
        ("考核结果 口合格 ■不合格", "不合格"),  # OCR reads an empty box as 口
    ],
)
def test_the_ticked_option_is_read(line: str, chosen: str) -> None:
    assert ticked_option(line) == chosen


@pytest.mark.parametrize(
    "line",
    [
        "考核结果 □合格 □不合格",  # nothing ticked: a person decides
        "考核结果 ■合格 ■不合格",  # both ticked: a person decides
        "☒合格",  # one mark is not a row of boxes
    ],
)
def test_no_single_tick_gives_no_value(line: str) -> None:
    assert ticked_option(line) is None


def test_words_with_a_box_like_character_are_not_boxes() -> None:
    assert boxes("常德市人口普查 口径说明") == []


def _aid_pages(passed: bool, seed: int) -> tuple[list[Page], Applicant]:
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_item

    rng = random.Random(seed)
    person = make_person(rng, "A1", "senior")
    spec = build_item("aid_assignment", rng, person, 2022, family="aid_assignment/checkbox",
                      assessment_passed=passed)
    pages = render_item(spec, rng, pick_style(rng), 60)
    text_pages = [Page("t", i, *pg.img.size, "\n".join(pg.lines), engine="textlayer")
                  for i, pg in enumerate(pages)]
    assert any("☒" in p.text for p in text_pages)  # the form does carry a row of boxes
    return text_pages, Applicant("A1", person.name)


@pytest.mark.parametrize("passed", [True, False])
def test_assessment_form_with_boxes_gives_the_ticked_result(passed: bool) -> None:
    for seed in range(4):
        pages, applicant = _aid_pages(passed, seed)
        fields = extract_fields("aid_assignment", pages, applicant)
        assert fields["assessment_passed"].value is passed, pages[-1].text
