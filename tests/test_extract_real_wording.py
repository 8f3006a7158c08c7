"""Reading real issuers' wording (issue #12): the anonymised fixtures of tests/data/real, read with
their labelled type, give the values their labellers read off the image, and the ones that rest
on a reading the notice leaves open go to a person."""

from __future__ import annotations

import pytest

from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.extract.dates import find_dates
from pipeline.extract.names import rank_in, split_names
from pipeline.types import Applicant, FieldValue

DOCS = {d.doc_id: d for d in load_real_docs()}


def read(doc_id: str) -> dict[str, FieldValue]:
    d = DOCS[doc_id]
    applicant = Applicant("R", d.applicant_name, "", "senior", 2025, "")
    return extract_fields(d.evidence_type, doc_pages(d), applicant)


@pytest.mark.parametrize("doc_id", ["r021", "r046", "r049", "r102", "r119"])
def test_the_level_from_a_contest_or_programme_named_for_a_province(doc_id: str) -> None:
    # 全国大学生数学建模竞赛 广东省分赛 / 湖南省大学生创业计划竞赛 / 江苏省大学生创新创业训练计划项目
    fv = read(doc_id)["level"]
    assert fv.value == DOCS[doc_id].fields["level"] == "provincial"


def test_a_provincial_contest_run_by_a_provincial_department_goes_to_a_person() -> None:
    # 广东省分赛 signed by 广东省教育厅: provincial by name, 市厅级 by the notice's wording
    fv = read("r021")["level"]
    assert fv.confirmed is False and fv.confidence < 0.8 and "广东省教育厅" in fv.check
    # 湖南省大学生创业计划竞赛 signed by 共青团湖南省委员会: no department, read as sure
    assert read("r046")["level"].confidence >= 0.8


def test_host_and_members_in_prose() -> None:
    # 由常州大学许承泽,任景行同学主持，丁明,江一诺同学参与的…项目
    f = read("r119")
    assert (f["rank"].value, f["role"].value) == (1, "host")
    assert f["rank"].confidence >= 0.8


def test_a_co_host_named_second_is_a_persons_call() -> None:
    from pipeline.types import Page

    text = "由常州大学许承泽,任景行同学主持，丁明,江一诺同学参与的2018年江苏省大学生创新创业训练计划项目"
    page = Page("t", 0, 1000, 1400, "结项证书\n" + text, engine="textlayer")
    f = extract_fields("project_completion", [page], Applicant("A", "任景行", "", "senior", 2025, ""))
    assert (f["rank"].value, f["role"].value) == (2, "host") and f["role"].confidence < 0.8
    f = extract_fields("project_completion", [page], Applicant("A", "江一诺", "", "senior", 2025, ""))
    assert (f["rank"].value, f["role"].value) == (4, "main")


def test_an_english_grant_certificate() -> None:
    # "Dated this 16th day of October 2019"; the patentees in the inventors' order, second-best
    f = read("r001")
    assert f["date"].value == "2019-10-16"
    assert f["rank"].value == 1 and f["rank"].confidence < 0.8


def test_english_names_in_surname_comma_given_lists() -> None:
    names = split_names("Lu, Quinn; Hale, Sasha; Castell, Riley and Hale, Robin")
    assert names == ["Lu, Quinn", "Hale, Sasha", "Castell, Riley", "Hale, Robin"]
    assert rank_in(names, "Sasha Hale") == (2, 1.0)
    assert rank_in(names, "Robin Hale") == (4, 1.0)
    assert rank_in(names, "Sasha Castell") is None
    assert [h.date.isoformat() for h in find_dates("Dated this 16th day of October 2019")] == ["2019-10-16"]
