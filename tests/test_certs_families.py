"""The certificate families of issue #12 (sample_docs/items_certs.py, layouts/more_certs.py): each
renders with a truth its page shows, its deciding fields are read back from its text, and a real
document of the same kind (tests/data/real, anonymised) is read right. Text only, no OCR."""

from __future__ import annotations

import random

import pytest
from drawn import drawn

from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.types import Applicant, Page
from rules import load_policy
from rules.evidence import TYPES
from sample_docs.families import CERTS_12G
from sample_docs.items import Person, build_item, make_person
from sample_docs.render import RenderedDocument

NEW = [f.name for fams in CERTS_12G.values() for f in fams]
EVIDENCE = [n for n in NEW if not n.startswith("other/")]
DOCS = {d.doc_id: d for d in load_real_docs()}


def _drawn(family: str, seed: int) -> tuple[RenderedDocument, Person]:
    return drawn(family, f"certs12g:{family}:{seed}", year=2022)


def _read(etype: str, lines: list[list[str]], name: str) -> dict:
    pages = [Page("t", i, 1000, 1400, "\n".join(ls)) for i, ls in enumerate(lines)]
    return extract_fields(etype, pages, Applicant("A001", name))


@pytest.mark.parametrize("family", EVIDENCE)
def test_each_new_family_reads_back_its_deciding_fields(family: str) -> None:
    etype = family.split("/", 1)[0]
    for seed in range(3):
        doc, person = _drawn(family, seed)
        assert doc.family == family and doc.evidence_type == etype
        got = _read(etype, doc.lines, person.name)
        for field in TYPES[etype].deciding:
            want, have = doc.fields.get(field), got[field].value if field in got else None
            assert want == have or (want is not None and have is not None and float(want) == float(have)), (
                f"{family} seed {seed}: {field} read {have!r}, truth {want!r}"
            )


def test_the_truth_gives_the_proposal_the_rules_give_a_student_contest() -> None:
    # a school's contest names no level: 0 hours and level_unreadable, never a guessed level
    policy = load_policy("changde-2024")
    for seed in range(3):
        doc, _ = _drawn("award_certificate/competition", seed)
        assert "level" not in doc.fields and doc.fields["grade"] in (1, 2, 3)
        p = policy.propose("award_certificate", doc.fields)
        assert p.hours == 0 and "level_unreadable" in p.flags


@pytest.mark.parametrize("family", [n for n in NEW if n.startswith("other/")])
def test_non_evidence_look_alikes_have_no_fields_and_no_prize_grade(family: str) -> None:
    doc, person = _drawn(family, 0)
    text = doc.text
    assert doc.evidence_type == "other" and doc.fields == {}
    # an honour or a participation names its holder (a name found proves nothing); an invitation nobody
    assert (person.name in text) == (family != "other/event_invitation")
    # no prize grade but inside a scholarship's name (一等奖学金: a look-alike on purpose)
    assert not any(g in text.replace("奖学金", "") for g in ("一等奖", "二等奖", "三等奖", "Prize"))


@pytest.mark.parametrize(("doc_id", "grade"), [("r012", 1), ("r112", 2), ("r044", 1), ("r015", 3)])
def test_real_contest_certificates_give_their_grade(doc_id: str, grade: int) -> None:
    d = DOCS[doc_id]
    f = extract_fields(d.evidence_type, doc_pages(d), Applicant("R", d.applicant_name))
    assert f["grade"].value == grade and f["name_found"].value is True
    assert "level" not in f  # a school's or a contest's own certificate: no level to read


@pytest.mark.parametrize("doc_id", ["r006", "r014", "r007"])
def test_a_qualification_certificate_gives_no_subject_count(doc_id: str) -> None:
    # 管理号：00****** and 批准日期：2019年11月09日 are label lines, not failed subjects: before,
    # they were read as "0 subjects passed" at 0.85 (a confident wrong zero)
    d = DOCS[doc_id]
    f = extract_fields(d.evidence_type, doc_pages(d), Applicant("R", d.applicant_name))
    assert "passed_count" not in f


def test_english_hours_are_read_for_a_person_to_confirm() -> None:
    page = Page("t", 0, 1000, 1400, "Certificate of Attendance\nWang Lin\nhas attended the training course\n"
                "Infection Control\nheld in London, May 3-4, 2023\n(16 hours of training)")
    f = extract_fields("training_certificate", [page], Applicant("A", "王琳"))
    assert f["stated_hours"].value == 16 and f["stated_hours"].confidence < 0.8


def test_a_record_tables_years_are_read_from_its_rows_for_a_person_to_confirm() -> None:
    doc, person = _drawn("hours_recognition_sheet/record_table", 1)
    f = _read("hours_recognition_sheet", doc.lines, person.name)
    assert (f["start_date"].value, f["end_date"].value) == (doc.fields["start_date"], doc.fields["end_date"])
    assert f["start_date"].confidence < 0.8  # inferred from the rows, not printed as a span
    # one year named in one row is no span
    page = Page("t", 0, 1000, 1400, "职工教育培训记录\n2021年消防安全知识培训 安全:4 脱产\n合计 4学时")
    assert "start_date" not in extract_fields("hours_recognition_sheet", [page], Applicant("A", "王琳"))


# -- typing-12k: English certificates of participation that are evidence ------------------------


PARTICIPATION_EN = ["training_certificate/participation_en", "conference_record/participation_en"]


@pytest.mark.parametrize("family", PARTICIPATION_EN)
def test_a_certificate_of_participation_prints_the_span_its_truth_gives(family: str) -> None:
    # the days are the span printed, first and last day included; a printed length agrees with it
    import datetime as dt
    import re

    for seed in range(6):
        doc, _ = _drawn(family, seed)
        text = "\n".join(doc.lines[0])
        assert re.search(r"certificate of (participation|presentation)", text, re.I)
        start, end = (dt.date.fromisoformat(doc.fields[k]) for k in ("start_date", "end_date"))
        assert doc.fields["days"] == (end - start).days + 1
        assert str(end.year) in text and doc.fields["issuer"] in " ".join(doc.lines[0])
        days = re.search(r"(\d+) Days", text)
        assert days is None or int(days.group(1)) == doc.fields["days"]
        hours = re.search(r"(\d+) Hours", text)
        assert (int(hours.group(1)) if hours else None) == doc.fields.get("stated_hours")


def test_a_certificate_of_participation_without_the_applicants_name_says_so() -> None:
    doc, person = drawn("training_certificate/participation_en", "certs12g:absent", name_absent=True)
    assert doc.fields["name_found"] is False
    got = _read("training_certificate", doc.lines, person.name)
    assert got["name_found"].value is False


def test_a_conference_certificate_asked_for_alone_comes_from_its_family_never_a_held_out_one() -> None:
    # the classifier's top-up draws rare page kinds alone; leave-family-out must not get them back
    rng = random.Random("certs12g:only")
    person = make_person(rng, "A001", "senior")
    spec = build_item("conference_record", rng, person, 2023, pages=["conference_certificate"])
    assert spec.family == "conference_record/participation_en"
    assert spec.page_kinds == ["conference_certificate"]
    with pytest.raises(ValueError, match="participation_en"):
        build_item("conference_record", rng, person, 2023, pages=["conference_certificate"],
                   exclude_families=frozenset({"conference_record/participation_en"}))
