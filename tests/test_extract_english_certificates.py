"""English certificates of r328-r345 (online courses, PMP/EMT credentials, ECDL/ICDL profiles, a PDU
certificate): hours, dates and modules as their issuers print them, each mechanism on the real
fixture (read with its labelled type) and on a made-up variant of the wording."""

from __future__ import annotations

import pytest

from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.extract.english_dates import to_chinese_form
from pipeline.extract.normalize import closed_up
from pipeline.types import Applicant, FieldValue, Page

DOCS = {d.doc_id: d for d in load_real_docs()}


def read(doc_id: str) -> dict[str, FieldValue]:
    d = DOCS[doc_id]
    applicant = Applicant("R", d.applicant_name, "", "senior", 2025, "")
    return extract_fields(d.evidence_type, doc_pages(d), applicant)


def read_text(evidence_type: str, text: str) -> dict[str, FieldValue]:
    page = Page("t", 0, 1000, 1400, text, engine="textlayer")
    return extract_fields(evidence_type, [page], Applicant("A", "Robin Vale", "", "senior", 2025, ""))


@pytest.mark.parametrize("doc_id", ["r328", "r329", "r330", "r331", "r345"])
def test_english_hours_as_course_certificates_print_them(doc_id: str) -> None:
    # 'Length 55.5 total hours' / 'completed 8.5 total hours of' / '4 hours 18 minutes' /
    # letter-spaced '1 6 h o u r s o f'
    assert read(doc_id)["stated_hours"].value == DOCS[doc_id].fields["stated_hours"]


@pytest.mark.parametrize(("line", "hours"), [("Duration: 2 hrs 30 mins", 2.5),
                                             ("Total time 1 hour and 5 minutes", 1.1),
                                             ("Video length 12 total hours", 12),
                                             ("7h 57m of learning", 8.0)])
def test_hours_and_minutes_in_tenths_of_an_hour(line: str, hours: float) -> None:
    f = read_text("online_course_certificate", f"Certificate of Completion\nRobin Vale\n{line}")
    assert f["stated_hours"].value == hours


def test_hours_per_day_are_no_total() -> None:
    f = read_text("online_course_certificate", "Certificate of Completion\nRobin Vale\n6 hours per day")
    assert "stated_hours" not in f


@pytest.mark.parametrize("doc_id", ["r328", "r330", "r334", "r336", "r342"])
def test_english_dates_real_certificates_print(doc_id: str) -> None:
    # 'DateApril 28, 2026' / 'on April' + '12,2020' on the next line / 'the 7th of December 2025' /
    # 'Sixth day of November, 2017 A.D.' / '02-Jul-2016'
    assert read(doc_id)["date"].value == DOCS[doc_id].fields["date"]


@pytest.mark.parametrize(("text", "want"), [
    ("IssuedMarch 3, 2021", "2021年3月3日"),
    ("Given this Twenty-First day of June, 2019", "2019年6月21日"),  # the day is the word's number
    ("on the thirtieth of April 2020", "2020年4月30日"),
    ("Date: 15.Sep.2022", "2022年9月15日"),
    ("update may 2021", "update may 2021"),  # a small 'may' is a word, not a month
])
def test_made_up_english_date_forms(text: str, want: str) -> None:
    assert want in to_chinese_form(text)


@pytest.mark.parametrize("doc_id", ["r335", "r337"])
def test_a_credentials_expiry_date_is_not_its_date(doc_id: str) -> None:
    # 'PMP® Original Grant Date: 05 March 2011 PMP® Expiration Date: 05 March 2027' (one line, or two)
    assert read(doc_id)["date"].value == DOCS[doc_id].fields["date"]


def test_a_made_up_credential_valid_until() -> None:
    f = read_text("qualification_exam_scores", "Certificate\nRobin Vale\npassed the examination\n"
                  "Issued 12 May 2022\nValid until 12 May 2025")
    assert f["date"].value == "2022-05-12"


@pytest.mark.parametrize("doc_id", ["r339", "r340", "r341"])
def test_modules_counted_from_a_table_of_modules_passed(doc_id: str) -> None:
    # ECDL/ICDL profile certificates: Module | Syllabus | Date, one dated row each (with the module's
    # Romanian name on a line of its own under some, and the certificate's date alone under the table)
    fv = read(doc_id)["modules"]
    assert fv.value == DOCS[doc_id].fields["modules"] and fv.confidence >= 0.8


def test_a_made_up_module_table_with_a_failed_row_and_a_closing_sentence() -> None:
    text = ("ICDL Certificate\nRobin Vale\nhas taken the following modules:\nModule  Version  Date\n"
            "Documents  6.0  03/02/2023\nSpreadsheets  6.0  10/02/2023\n"
            "Presentation  6.0  17/02/2023  failed\nIT Security  2.0  24/02/2023\n"
            "This candidate was examined in 2023.\nSigned 01/03/2023  Serial 4411")
    assert read_text("digital_skills_exam", text)["modules"].value == 3


def test_a_letter_spaced_line_is_closed_up_and_a_spaced_chinese_or_number_row_is_not() -> None:
    spaced = "4 t h N o v e m b e r - 6 t h N o v e m b e r 2 0 2 4"
    assert closed_up(spaced) == "4 th November-6 th November 2024"
    assert closed_up("M a y a n k K u m a r") == "Mayank Kumar"  # split before a capital
    assert closed_up("A B C D") == "A B C D"  # too short to tell
    assert closed_up("C e r t i e d S c r u m M a s t e r ( C S M ) ®") == "Certied Scrum Master(CSM)®"
    assert closed_up("李 娜 王 明 张 伟 刘 洋 陈 静") == "李 娜 王 明 张 伟 刘 洋 陈 静"
    assert closed_up("1 2 3 4 5 6 7 8 9 10") == "1 2 3 4 5 6 7 8 9 10"
    plain = "This is a plain English sentence of words"
    assert closed_up(plain) == plain


def test_the_word_november_is_no_certificate_number() -> None:
    text = "Certificate\nRobin Vale\nattended 4 November-6 November 2024\nNo. AB-20931"
    f = read_text("training_certificate", text)
    assert f["certificate_number"].value == "AB-20931"


@pytest.mark.parametrize("doc_id", ["r328", "r117"])
def test_an_online_courses_one_date_is_no_one_day_event(doc_id: str) -> None:
    # Udemy 'Date April 28, 2026 / Length 55.5 total hours' was capped at 8 x 1 day; a MOOC's
    # 发证日期 made 8 hours that no one printed
    f = read(doc_id)
    assert f["date"].value == DOCS[doc_id].fields["date"]
    assert "start_date" not in f and "end_date" not in f


def test_a_made_up_course_with_its_dates_printed_keeps_them() -> None:
    f = read_text("online_course_certificate", "Certificate of Completion\nRobin Vale\n"
                  "Course dates: March 3 to March 28, 2024\nLength 12 total hours")
    got = (f["start_date"].value, f["end_date"].value, f["stated_hours"].value)
    assert got == ("2024-03-03", "2024-03-28", 12)
