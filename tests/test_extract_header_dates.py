"""Start and end dates under a header that names them (overseas-14d): a letter of award's table
row 'Start of funding End of funding …' over '01/05/18 31/07/18 …' (r322, the DAAD's layout), read
on the real fixture and on made-up rows of other issuers. Text only, no OCR."""

from __future__ import annotations

import pytest

from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.types import Applicant, FieldValue, Page

DOCS = {d.doc_id: d for d in load_real_docs()}


def read_text(evidence_type: str, text: str) -> dict[str, FieldValue]:
    page = Page("t", 0, 1000, 1400, text, engine="textlayer")
    return extract_fields(evidence_type, [page], Applicant("A", "Robin Vale", "", "senior", 2025, ""))


def test_the_letter_of_awards_funding_period_is_read_from_its_header_row() -> None:
    d = DOCS["r322"]
    applicant = Applicant("R", d.applicant_name, "", "senior", 2025, "")
    f = extract_fields(d.evidence_type, doc_pages(d), applicant)
    assert f["start_date"].value == d.fields["start_date"] == "2018-05-01"
    assert f["end_date"].value == d.fields["end_date"] == "2018-07-31"
    # a year printed in two digits is a guess of its century: a person confirms it
    assert f["start_date"].confidence < 0.8


@pytest.mark.parametrize(("rows", "start", "end"), [
    ("Period of stay\nFrom To Host institution\n03/09/2019 28/02/2020 Uppsala University", "2019-09-03",
     "2020-02-28"),
    ("开始日期 结束日期 留学国别\n01/03/22 30/08/22 芬兰", "2022-03-01", "2022-08-30"),
    # month-first (a number above 12 in the second place decides it for the row)
    ("Begin End Location\n09/15/21 12/20/21 Boston", "2021-09-15", "2021-12-20"),
])
def test_start_and_end_under_a_header_other_issuers_print(rows: str, start: str, end: str) -> None:
    f = read_text("overseas_exchange", f"Confirmation of Stay\nRobin Vale\n{rows}")
    assert (f["start_date"].value, f["end_date"].value) == (start, end)


def test_no_pair_without_a_header_or_with_the_dates_out_of_order() -> None:
    # two dates on a row under a header that names no start and end: not a period
    f = read_text("overseas_exchange", "Confirmation of Stay\nRobin Vale\nIssued Reference\n"
                                       "01/05/18 31/07/18")
    assert "start_date" not in f
    # an end before the start is no period
    f = read_text("overseas_exchange", "Confirmation of Stay\nRobin Vale\nStart End\n31/07/18 01/05/18")
    assert "start_date" not in f
