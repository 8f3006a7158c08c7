"""Batch proposals: the rules per item plus the batch-level flags, and the status rules."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from pipeline.proposals import (
    LOW_FIELD_CONFIDENCE,
    LOW_TYPE_CONFIDENCE,
    ZERO_CREDIT_TYPE_CONFIDENCE,
    proposal_for_error,
    propose_batch,
)
from pipeline.types import (
    Applicant,
    FieldValue,
    IntakeError,
    ItemProposal,
    ItemReading,
    ItemSource,
    Page,
    StoredFile,
)
from rules import Proposal, load_policy

POLICY = load_policy("changde-2024")
APPLICANTS = {
    "A001": Applicant("A001", "李娜", title_level="senior", eval_year=2024),
    "A002": Applicant("A002", "王强", title_level="senior", eval_year=2024),
    "A003": Applicant("A003", "赵敏"),  # no title level / year: no span check
}


def src(applicant: str, item: str, *hashes: str) -> ItemSource:
    files = [
        StoredFile(h, f"{item}/{i}" if len(hashes) > 1 else item, 100, "png", f"/store/{h}")
        for i, h in enumerate(hashes or (item.replace("/", "_"),))
    ]
    return ItemSource(applicant, item, files)


def reading(
    evidence_type: str,
    fields: dict,
    conf: float = 0.95,
    type_conf: float = 0.97,
    parts: set[str] | None = None,
) -> ItemReading:
    fvs = {
        k: v if isinstance(v, FieldValue) else FieldValue(v, conf, 0, (1, 2, 3, 4), str(v))
        for k, v in fields.items()
    }
    default_parts = {
        "patent_certificate": {"certificate"},
        "journal_paper": {"cover", "serial_numbers", "contents"},
        "award_certificate": {"certificate"},
    }.get(evidence_type, set())
    return ItemReading(
        evidence_type, type_conf, [(evidence_type, type_conf)], fvs, default_parts if parts is None else parts
    )


PATENT = {
    "patent_kind": "invention",
    "rank": 1,
    "date": "2023-06-16",
    "name_found": True,
    "person_name": "李娜",
    "patent_number": "ZL202110345678.9",
    "title": "一种水稻病害智能识别方法",
}
PAPER = {
    "rank": 1,
    "date": "2022-06-01",
    "cn_number": "11-2047/S",
    "name_found": True,
    "title": "基于深度学习的水稻病害识别研究",
    "journal": "农业工程学报",
}


def run(*pairs: tuple[ItemSource, ItemReading]) -> list[ItemProposal]:
    return propose_batch("2024-06", list(pairs), APPLICANTS, POLICY)


def test_clean_patent_is_auto_ok_with_contract_record() -> None:
    (p,) = run((src("A001", "A001/patent.jpg"), reading("patent_certificate", PATENT)))
    rec = p.record()
    assert rec["hours"] == 60 and rec["clause"] == "2.4a" and rec["policy"] == "changde-2024"
    assert rec["credits"] == [{"year": 2023, "hours": 60, "category": "professional"}]
    assert rec["flags"] == [] and rec["status"] == "auto_ok"
    assert rec["fields"]["rank"] == 1 and rec["item"] == "A001/patent.jpg"
    json.dumps(rec, ensure_ascii=False)  # plain values only: serialisable as the export is


def test_fields_are_plain_and_non_null() -> None:
    fields = dict(PATENT, title=None)
    (p,) = run((src("A001", "A001/p.jpg"), reading("patent_certificate", fields)))
    assert "title" not in p.fields
    assert all(not isinstance(v, FieldValue) for v in p.fields.values())


def test_duplicate_by_file_hash_counts_once() -> None:
    a = (src("A001", "A001/patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (
        src("A001", "A001/patent2.jpg", "h1"),
        reading("patent_certificate", dict(PATENT, patent_number=None)),
    )
    first, later = run(a, b)
    assert first.hours == 60 and "duplicate_of" not in first.flags
    assert later.hours == 0 and later.credits == []
    assert later.flags == ["duplicate_of"]
    assert "A001/patent.jpg" in later.flag_details["duplicate_of"]
    assert "重复" in later.explanation


def test_duplicate_later_copy_by_path_order_not_input_order() -> None:
    a = (src("A001", "A001/b-patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (src("A001", "A001/a-patent.jpg", "h1"), reading("patent_certificate", PATENT))
    pb, pa = run(a, b)  # output follows input order
    assert pa.item == "A001/a-patent.jpg" and pa.hours == 60
    assert pb.hours == 0 and "A001/a-patent.jpg" in pb.flag_details["duplicate_of"]


def test_duplicate_by_patent_number_in_another_file() -> None:
    a = (src("A001", "A001/patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (src("A001", "A001/scan2.pdf", "h2"), reading("patent_certificate", PATENT))
    first, later = run(a, b)
    assert first.hours == 60 and later.hours == 0
    assert "同一专利号" in later.flag_details["duplicate_of"]
    assert later.status == "auto_ok"  # a sure duplicate at 0 hours harms nobody


def test_duplicate_by_unsure_patent_number_needs_review() -> None:
    unsure = dict(PATENT, patent_number=FieldValue("ZL202110345678.9", 0.7))
    a = (src("A001", "A001/patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (src("A001", "A001/scan2.pdf", "h2"), reading("patent_certificate", unsure))
    _, later = run(a, b)
    assert later.hours == 0 and later.status == "needs_review"


def test_duplicate_paper_by_title_and_journal() -> None:
    a = (src("A001", "A001/paper1"), reading("journal_paper", PAPER))
    same = (
        src("A001", "A001/paper2"),
        reading("journal_paper", dict(PAPER, title="基于深度学习的水稻病害识别研究 ")),
    )
    other_journal = (
        src("A001", "A001/paper3"),
        reading("journal_paper", dict(PAPER, journal="中国农业科学", cn_number="11-1328/S")),
    )
    p1, p2, p3 = run(a, same, other_journal)
    assert p1.hours == 30 and p2.hours == 0 and "duplicate_of" in p2.flags
    assert p3.hours == 30 and "duplicate_of" not in p3.flags


def test_same_paper_by_cn_number_when_the_masthead_is_misread() -> None:
    # real RapidOCR reads of one journal (seed 43): 中国农学通 on one cover, 中国农学通报 on the other
    paper = dict(PAPER, journal="中国农学通报", cn_number="11-1984/S")
    a = (src("A003", "A003/论文"), reading("journal_paper", paper))
    b = (src("A004", "A004/期刊论文"), reading("journal_paper", dict(paper, journal="中国农学通", rank=3)))
    p, q = run(a, b)
    assert "claimed_by_other" in p.flags and "claimed_by_other" in q.flags
    c = (src("A004", "A004/另一篇"), reading("journal_paper", dict(paper, cn_number="11-1328/S", rank=3)))
    p, r = run(a, c)  # same title, another journal's CN number: another paper
    assert "claimed_by_other" not in p.flags and "claimed_by_other" not in r.flags


def test_certificate_number_duplicate() -> None:
    cert = {
        "name_found": True,
        "start_date": "2023-05-06",
        "end_date": "2023-05-07",
        "days": 2,
        "subject": "professional",
        "certificate_number": "CD2023-0001",
    }
    parts = {"certificate", "notice"}
    a = (src("A001", "A001/c1.jpg"), reading("training_certificate", cert, parts=parts))
    b = (src("A001", "A001/c2.jpg"), reading("training_certificate", cert, parts=parts))
    p1, p2 = run(a, b)
    assert p1.hours == 16 and p2.hours == 0 and p2.flags == ["duplicate_of"]


def test_claimed_by_other_flags_both_with_ranks() -> None:
    a = (src("A001", "A001/patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (src("A002", "A002/patent.jpg", "h9"), reading("patent_certificate", dict(PATENT, rank=1)))
    pa, pb = run(a, b)
    for p, other in ((pa, "A002"), (pb, "A001")):
        assert "claimed_by_other" in p.flags and p.status == "needs_review"
        assert other in p.flag_details["claimed_by_other"]
        assert "排名第1" in p.flag_details["claimed_by_other"]
    # the hours stay proposed: which one is right is for a person to decide
    assert pa.hours == pb.hours == 60


def test_same_paper_by_two_applicants_shows_each_rank() -> None:
    a = (src("A001", "A001/paper"), reading("journal_paper", PAPER))
    b = (src("A002", "A002/paper"), reading("journal_paper", dict(PAPER, rank=2)))
    pa, pb = run(a, b)
    assert "A002" in pa.flag_details["claimed_by_other"] and "排名第2" in pa.flag_details["claimed_by_other"]
    assert "本件排名第2" in pb.flag_details["claimed_by_other"]


def test_outside_span_keeps_credits() -> None:
    old = dict(PATENT, date="2017-03-01")
    (p,) = run((src("A001", "A001/old.jpg"), reading("patent_certificate", old)))
    assert "outside_span" in p.flags and p.hours == 60
    assert "2017" in p.flag_details["outside_span"] and "2019-2023" in p.flag_details["outside_span"]
    inside = run((src("A001", "A001/new.jpg"), reading("patent_certificate", PATENT)))[0]
    assert "outside_span" not in inside.flags


def test_no_span_check_without_title_level() -> None:
    old = dict(PATENT, date="2010-03-01", person_name="赵敏", patent_number="ZL201010000000.1")
    (p,) = run((src("A003", "A003/old.jpg"), reading("patent_certificate", old)))
    assert "outside_span" not in p.flags


@pytest.mark.parametrize(
    ("parts", "incomplete"),
    [
        ({"certificate"}, True),
        ({"certificate", "notice"}, False),
        ({"notice", "schedule", "sign_in"}, False),
    ],
)
def test_materials_incomplete_vs_complete(parts: set[str], incomplete: bool) -> None:
    cert = {
        "name_found": True,
        "start_date": "2023-05-06",
        "end_date": "2023-05-07",
        "days": 2,
        "subject": "public",
    }
    (p,) = run((src("A001", "A001/training"), reading("training_certificate", cert, parts=parts)))
    assert ("materials_incomplete" in p.flags) is incomplete
    if incomplete:
        assert p.status == "needs_review" and p.flag_details["materials_incomplete"]
        assert p.hours == 16  # still proposed
    else:
        assert p.status == "auto_ok"


def test_paper_without_cover_is_incomplete() -> None:
    (p,) = run((src("A001", "A001/paper"), reading("journal_paper", PAPER, parts={"contents"})))
    assert "materials_incomplete" in p.flags


def test_low_type_confidence() -> None:
    (p,) = run(
        (
            src("A001", "A001/p.jpg"),
            reading("patent_certificate", PATENT, type_conf=LOW_TYPE_CONFIDENCE - 0.1),
        )
    )
    assert "low_confidence" in p.flags and p.status == "needs_review"


@pytest.mark.parametrize("evidence_type", ["other", "training_notice"])
def test_a_zero_credit_type_must_be_surer(evidence_type: str) -> None:
    # 0.9 passes for a patent, but a misread patent taken for an ID card would vanish at 0 hours
    (p,) = run((src("A001", "A001/x.jpg"), reading(evidence_type, {}, type_conf=0.9)))
    assert p.hours == 0 and p.status == "needs_review" and "low_confidence" in p.flags
    (q,) = run((src("A001", "A001/y.jpg"), reading(evidence_type, {}, type_conf=ZERO_CREDIT_TYPE_CONFIDENCE)))
    assert q.status == "auto_ok"


def test_low_confidence_deciding_field_only() -> None:
    unsure_rank = dict(PATENT, rank=FieldValue(2, LOW_FIELD_CONFIDENCE - 0.1))
    (p,) = run((src("A001", "A001/p.jpg"), reading("patent_certificate", unsure_rank)))
    assert "low_confidence" in p.flags and "rank" in p.flag_details["low_confidence"]
    unsure_title = dict(PATENT, title=FieldValue("一种方法", 0.3))  # does not decide the hours
    (q,) = run((src("A001", "A001/q.jpg"), reading("patent_certificate", unsure_title)))
    assert "low_confidence" not in q.flags and q.status == "auto_ok"


def test_ocr_unreadable_from_reading() -> None:
    blank = ItemReading("other", 0.0, [("other", 0.0)], {}, set())
    (p,) = run((src("A001", "A001/blank.jpg"), blank))
    assert "ocr_unreadable" in p.flags and p.status == "needs_review" and p.hours == 0


def test_ocr_unreadable_from_pages() -> None:
    item = src("A001", "A001/dark.jpg", "hd")
    pages = {"hd": [Page("hd", 0, 100, 100, " ~ ", engine="tesseract"), Page("hd", 1, 1, 1, "", error="bad")]}
    r = reading("patent_certificate", {}, type_conf=0.4)
    (p,) = propose_batch("b", [(item, r)], APPLICANTS, POLICY, pages=pages)
    assert "ocr_unreadable" in p.flags and p.status == "needs_review"


def test_rules_flag_name_mismatch_needs_review() -> None:
    (p,) = run((src("A001", "A001/p.jpg"), reading("patent_certificate", dict(PATENT, name_found=False))))
    assert "name_mismatch" in p.flags and p.status == "needs_review" and p.hours == 0


def test_intake_error_record() -> None:
    p = proposal_for_error(
        "2024-06", IntakeError("A001/broken.pdf", "PDF已加密，无法打开", "A001", "ab" * 32), POLICY
    )
    rec = p.record()
    assert rec["evidence_type"] is None and rec["status"] == "needs_review"
    assert rec["flags"] == ["intake_error"] and rec["hours"] == 0 and rec["credits"] == []
    assert "PDF已加密" in rec["explanation"] and rec["applicant_id"] == "A001"
    no_app = proposal_for_error("2024-06", IntakeError("../escape.txt", "路径越出批次目录"), POLICY)
    assert no_app.applicant_id == "" and no_app.flags == ["intake_error"]


def test_never_auto_ok_with_a_flag_that_needs_review() -> None:
    """Over many combinations of flags and confidences, status follows the flags' catalogue."""
    needs = {name for name, info in POLICY.flags.items() if info.needs_review}
    variants = {
        "rank": [1, 2, 5, None],
        "name_found": [True, False],
        "date": ["2023-06-16", "2016-01-01", None],
        "patent_kind": ["invention", "utility_model", "design"],
    }
    pairs = []
    for i, combo in enumerate(itertools.product(*variants.values())):
        fields = {k: v for k, v in zip(variants, combo, strict=True) if v is not None}
        conf = 0.95 if i % 3 else 0.7
        pairs.append((src("A001", f"A001/{i:03d}.jpg"), reading("patent_certificate", fields, conf=conf)))
    out = propose_batch("b", pairs, APPLICANTS, POLICY)
    assert len(out) == len(pairs)
    for p in out:
        if set(p.flags) & needs:
            assert p.status == "needs_review", (p.flags, p.fields)
        if p.status == "auto_ok":
            assert not set(p.flags) & needs
    assert any(p.status == "auto_ok" for p in out) and any(p.status == "needs_review" for p in out)


def test_an_item_the_rules_choke_on_does_not_lose_the_batch() -> None:
    class Choking:
        policy_id = "broken"
        flags = POLICY.flags

        def propose(self, evidence_type: str, fields: dict) -> Proposal:
            if fields.get("rank") == 99:
                raise ValueError("rank out of range")
            return POLICY.propose(evidence_type, fields)

        def span(self, title_level: str, eval_year: int) -> list[int]:
            return POLICY.span(title_level, eval_year)

        def missing_materials(self, evidence_type: str, parts: set[str]) -> list[str] | None:
            return POLICY.missing_materials(evidence_type, parts)

    pairs = [
        (src("A001", "A001/bad.jpg"), reading("patent_certificate", dict(PATENT, rank=99))),
        (src("A001", "A001/good.jpg"), reading("patent_certificate", dict(PATENT, patent_number="ZL1"))),
    ]
    bad, good = propose_batch("b", pairs, APPLICANTS, Choking())
    assert bad.status == "needs_review" and bad.hours == 0 and "rank out of range" in bad.explanation
    assert good.hours == 60


DEMO = Path(__file__).resolve().parents[1] / "sample_docs" / "batch-demo"


@pytest.mark.skipif(not (DEMO / ".truth.jsonl").exists(), reason="sample_docs/batch-demo not generated")
def test_batch_flags_match_the_generated_truth(tmp_path: Path) -> None:
    """With the true fields and parts as readings, hours and flags (duplicates, claims by two
    applicants, span, materials, name) equal those the sample generator computed on its own."""
    from pipeline.intake import intake_batch
    from sample_docs.truth import read_truth

    res = intake_batch(DEMO, store_dir=tmp_path / "store")
    truth = {r["item"]: r for r in read_truth(DEMO)}
    pairs = []
    for it in res.items:
        rec = truth[it.item]
        fields = {k: FieldValue(v, 0.95) for k, v in rec["fields"].items()}
        types = [(rec["evidence_type"], 0.97)] * len(rec["pages"])
        pairs.append((it, ItemReading(rec["evidence_type"], 0.97, types, fields, set(rec["parts"]))))
    out = propose_batch(res.batch, pairs, res.applicants, POLICY)
    assert len(out) == len(pairs) > 20
    planted = {f for p in out for f in truth[p.item]["expected"]["flags"]}
    assert {"duplicate_of", "claimed_by_other", "materials_incomplete"} <= planted
    for p in out:
        want = truth[p.item]["expected"]
        assert (sorted(p.flags), p.hours) == (sorted(want["flags"]), want["hours"]), (p.item, p.flag_details)


def test_suspected_duplicate_without_a_number_needs_review() -> None:
    # the copy's patent number was not read, but the title and grant date are the first one's
    copy = dict(PATENT, patent_number=None, title="一种水稻病害智能识别方法 ")
    a = (src("A001", "A001/patent.jpg", "h1"), reading("patent_certificate", PATENT))
    b = (src("A001", "A001/scan2.pdf", "h2"), reading("patent_certificate", copy))
    first, later = run(a, b)
    assert first.hours == 60 and later.hours == 0
    assert "疑似" in later.flag_details["duplicate_of"] and later.status == "needs_review"


def test_two_trainings_on_the_same_days_are_suspected_duplicates() -> None:
    cert = {"name_found": True, "start_date": "2023-05-06", "end_date": "2023-05-07", "days": 2}
    parts = {"certificate", "notice"}
    a = (src("A001", "A001/c1.jpg"), reading("training_certificate", cert, parts=parts))
    renamed = dict(cert, title="另一个培训班")
    b = (src("A001", "A001/c2.jpg"), reading("training_certificate", renamed, parts=parts))
    other_days = dict(cert, start_date="2023-09-01", end_date="2023-09-02")
    c = (src("A001", "A001/c3.jpg"), reading("training_certificate", other_days, parts=parts))
    p1, p2, p3 = run(a, b, c)
    assert p1.hours == 16 and p2.hours == 0 and p2.status == "needs_review" and p3.hours == 16


def test_different_confident_numbers_are_not_suspected() -> None:
    other = dict(PATENT, patent_number="ZL202210000001.3")
    a = (src("A001", "A001/p1.jpg"), reading("patent_certificate", PATENT))
    b = (src("A001", "A001/p2.jpg"), reading("patent_certificate", other))
    p1, p2 = run(a, b)
    assert p1.hours == p2.hours == 60 and "duplicate_of" not in p2.flags


def test_a_yearly_conference_is_not_a_duplicate() -> None:
    conf = {"name_found": True, "title": "湖南省医学会心血管病学年会", "start_date": "2019-04-19",
            "end_date": "2019-04-20", "days": 2}
    later = dict(conf, start_date="2022-04-19", end_date="2022-04-20")
    parts = {"invitation", "receipt", "notes"}
    a = (src("A001", "A001/2019.pdf"), reading("conference_record", conf, parts=parts))
    b = (src("A001", "A001/2022.pdf"), reading("conference_record", later, parts=parts))
    p1, p2 = run(a, b)
    assert p1.hours == p2.hours == 16 and "duplicate_of" not in p2.flags


def test_a_read_failure_is_its_own_flag_with_the_message_never_low_confidence() -> None:
    from pipeline.process import _read_one

    def broken_reader(item, pages, applicant):
        raise KeyError("page_types")

    item = src("A001", "A001/odd.jpg", "h-odd")
    failed = _read_one(broken_reader, item, [Page("h-odd", 0, 100, 100, "发明专利证书")], APPLICANTS["A001"])
    assert failed.error and "KeyError" in failed.error and "请人工查看原件" in failed.error
    good = (src("A001", "A001/patent.jpg"), reading("patent_certificate", PATENT))
    p, q = run((item, failed), good)  # the batch goes on: the next item is proposed as usual
    assert p.flags == ["read_failed"] and p.status == "needs_review" and p.hours == 0
    assert p.evidence_type is None and p.record()["evidence_type"] is None
    assert "读取失败" in p.explanation and "KeyError" in p.flag_details["read_failed"]
    assert "low_confidence" not in p.flags and q.hours == 60 and q.item == "A001/patent.jpg"


def test_a_missing_program_data_file_stops_the_run_instead_of_failing_each_item(tmp_path) -> None:
    from classifiers import EvidenceTypeClassifier
    from pipeline.errors import ProgramDataMissing
    from pipeline.process import _read_one

    def reader_without_model(item, pages, applicant):
        EvidenceTypeClassifier.load(tmp_path / "no-model.joblib")

    with pytest.raises(ProgramDataMissing, match="classifier model missing"):
        _read_one(reader_without_model, src("A001", "A001/x.jpg"), [], None)


TRAINING = {"stated_hours": 15, "subject": "professional", "start_date": "2023-05-04",
            "end_date": "2023-07-09", "date": "2023-07-09", "name_found": True, "person_name": "李娜"}
ONLINE_PARTS = {"certificate", "course_content"}


def test_a_second_reading_that_disagrees_sends_it_to_review_with_the_figures() -> None:
    why = "合计15学时与分项2项之和11不符"
    sure_but_contradicted = FieldValue(15, 0.95, 0, None, "共计15学时", False, why)
    fields = dict(TRAINING, stated_hours=sure_but_contradicted)
    (p,) = run((src("A001", "A001/c.jpg"), reading("online_course_certificate", fields)))
    assert p.status == "needs_review" and "low_confidence" in p.flags
    assert "与分项2项之和11不符" in p.flag_details["low_confidence"]


def test_a_confirmed_field_needs_no_high_confidence() -> None:
    # a total read weakly but equal to the sum of the rows listed is sure enough
    weak = LOW_FIELD_CONFIDENCE - 0.1
    confirmed = FieldValue(15, weak, 0, None, "15学时", True, "合计15学时与分项3项之和一致")
    (p,) = run((src("A001", "A001/c.jpg"),
                reading("online_course_certificate", dict(TRAINING, stated_hours=confirmed),
                        parts=ONLINE_PARTS)))
    assert "low_confidence" not in p.flags and p.status == "auto_ok" and p.hours == 15
    unconfirmed = FieldValue(15, weak, 0, None, "15学时")
    (q,) = run((src("A001", "A001/d.jpg"),
                reading("online_course_certificate", dict(TRAINING, stated_hours=unconfirmed),
                        parts=ONLINE_PARTS)))
    assert "low_confidence" in q.flags and q.status == "needs_review"


def test_a_date_outside_a_plausible_range_is_low_confidence() -> None:
    future = dict(PATENT, date="2091-06-16")  # a misread year: sure-looking, impossible
    (p,) = run((src("A001", "A001/p.jpg"), reading("patent_certificate", future)))
    assert p.status == "needs_review" and "日期不在合理范围" in p.flag_details["low_confidence"]
    backwards = dict(TRAINING, start_date="2023-07-09", end_date="2023-05-04")
    (q,) = run((src("A001", "A001/q.jpg"), reading("online_course_certificate", backwards)))
    assert q.status == "needs_review" and "早于开始日期" in q.flag_details["low_confidence"]
