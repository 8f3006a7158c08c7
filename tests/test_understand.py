"""read_item: pages of a generated item (true text with OCR-like noise) -> one evidence item.

Seeds 00-9199 are test seeds: never used to train the shipped model (trained on 1000-1999).
"""

from __future__ import annotations

import dataclasses

import pytest

from classifiers.samples import generated_item
from pipeline.types import ItemSource, Page
from pipeline.understand import read_item


def _read(evidence_type: str, seed: int, **kw: object):
    spec, pages, applicant = generated_item(evidence_type, seed, **kw)
    return spec, pages, read_item(ItemSource("A001", "A001/item", []), pages, applicant)


def test_journal_cover_and_contents_are_one_paper_with_its_parts() -> None:
    # the Chinese cover + 目次 layout (an English contents page is another family, and the tests of
    # unseen families are cehours eval --leave-family-out's)
    _, _, r = _read("journal_paper", 11, noise=0.05, pages=["journal_cover", "journal_contents"],
                    family="journal_paper/cn_contents")
    assert r.evidence_type == "journal_paper"
    assert [t for t, _ in r.page_types] == ["journal_paper", "journal_paper"]
    assert {"cover", "contents"} <= r.parts
    assert r.type_confidence >= 0.8
    assert r.fields["cn_number"].value  # fields come from extraction of the decided type


def test_notice_and_certificate_make_a_training_certificate_with_the_notice_part() -> None:
    _, _, r = _read("training_certificate", 12, pages=["training_notice", "training_certificate"])
    assert r.evidence_type == "training_certificate"
    assert r.page_types[0][0] == "training_notice"  # the page is still a notice ...
    assert {"notice", "certificate"} <= r.parts  # ... and completes material set 1.1
    assert r.type_confidence >= 0.8  # a notice belongs in a training item: no penalty


def test_certificate_first_then_notice_gives_the_same_type() -> None:
    _, _, r = _read("training_certificate", 13, pages=["training_certificate", "training_notice"])
    assert r.evidence_type == "training_certificate"


def test_a_lone_notice_stays_a_training_notice() -> None:
    _, _, r = _read("training_notice", 14)
    assert r.evidence_type == "training_notice"
    assert "certificate" not in r.parts


def test_a_lone_notice_below_the_reject_threshold_is_still_a_notice_of_0_hours() -> None:
    """The reject threshold guards types that earn hours; a notice alone earns none, so an unsure
    one keeps its type (0 hours, supporting material; the confidence gate decides whether a person
    looks), not `other` + type_uncertain. A certificate as unsure is rejected."""
    import copy

    from classifiers import load_default
    from pipeline.proposals import propose_batch
    from rules import load_policy

    strict = copy.deepcopy(load_default())
    strict.reject_threshold = 1.0  # above any probability
    _, pages, applicant = generated_item("training_notice", 14)
    source = ItemSource(applicant.applicant_id, "A001/notice", [])
    r = read_item(source, pages, applicant, classifier=strict)
    assert r.evidence_type == "training_notice" and r.rejected_type is None
    policy = load_policy("changde-2024")
    prop = propose_batch("b", [(source, r)], {applicant.applicant_id: applicant}, policy)[0]
    assert prop.hours == 0 and "type_uncertain" not in prop.flags and "supporting_material" in prop.flags

    _, pages, applicant = generated_item("patent_certificate", 14)
    r = read_item(ItemSource("A001", "A001/patent", []), pages, applicant, classifier=strict)
    assert r.evidence_type == "other" and r.rejected_type is not None
    assert r.rejected_type[0] == "patent_certificate"


def test_dispatch_notice_and_assessment_form_are_one_aid_assignment() -> None:
    _, _, r = _read("aid_assignment", 15, family="aid_assignment/classic")
    assert r.evidence_type == "aid_assignment"
    assert {"dispatch_notice", "assessment_form"} <= r.parts
    assert r.fields["months"].value > 0


def test_an_id_card_next_to_a_patent_does_not_make_the_item_other() -> None:
    _, patent, applicant = generated_item("patent_certificate", 16)
    _, card, _ = generated_item("other", 17, kind="id_card")
    r = read_item(ItemSource("A001", "A001/patent", []), patent + card, applicant)
    assert r.evidence_type == "patent_certificate"
    alone = read_item(ItemSource("A001", "A001/patent", []), patent, applicant)
    assert r.type_confidence < alone.type_confidence  # an unrelated page is worth a look


def test_an_unreadable_page_lowers_the_confidence() -> None:
    _, pages, applicant = generated_item("patent_certificate", 18)
    item = ItemSource("A001", "A001/patent", [])
    clean = read_item(item, pages, applicant)
    broken = dataclasses.replace(pages[0], text="", error="cannot decode page 2")
    r = read_item(item, [*pages, broken], applicant)
    assert r.evidence_type == "patent_certificate"
    assert r.page_types[-1] == ("other", 0.0)
    assert r.type_confidence < 0.6 < clean.type_confidence


def test_no_readable_page_gives_other_with_zero_confidence() -> None:
    pages = [Page("x", 0, 100, 100, "", error="truncated JPEG"), Page("x", 1, 100, 100, "   \n")]
    r = read_item(ItemSource("A001", "A001/bad.jpg", []), pages, None)
    assert (r.evidence_type, r.type_confidence, r.fields, r.parts) == ("other", 0.0, {}, set())
    assert r.page_types == [("other", 0.0), ("other", 0.0)]


def test_a_mixed_item_is_less_sure_than_a_clean_one() -> None:
    _, patent, applicant = generated_item("patent_certificate", 19)
    _, award, _ = generated_item("award_certificate", 20)
    item = ItemSource("A001", "A001/mixed", [])
    mixed = read_item(item, patent + award, applicant)
    assert mixed.evidence_type in {"patent_certificate", "award_certificate"}
    assert mixed.type_confidence < 0.6


@pytest.mark.parametrize(
    "evidence_type",
    ["patent_certificate", "award_certificate", "book_publication", "project_completion",
     "degree_transcript", "qualification_exam_scores",
     # digital skills vs the 软考 families (they share 计算机/考试/合格): mended in typing-12k by
     # the table's cues (each type's own words) and the 软考 families' weight
     "digital_skills_exam",
     "conference_record",
     "practice_activity", "online_course_certificate", "overseas_exchange", "hours_recognition_sheet",
     "public_institution_training"],
)
def test_single_type_items_are_recognised(evidence_type: str) -> None:
    # five noisy items of the type, each in a family drawn as the generator draws them: the reject
    # option may send a very noisy one to a reviewer (`other` + type_uncertain, 1 in 20 of the
    # score-table family at this noise), but none may come out as another evidence type
    readings = [_read(evidence_type, 40 + 7 * k + len(evidence_type))[2] for k in range(5)]
    assert all(r.evidence_type in (evidence_type, "other") for r in readings)
    sure = [r for r in readings if r.evidence_type == evidence_type and 0.5 < r.type_confidence <= 1.0]
    assert len(sure) >= 4
    # a reject says which type it doubted (the proposal's flag type_uncertain comes from it)
    rejected = [r for r in readings if r.evidence_type == "other"]
    assert all(r.rejected_type and r.rejected_type[0] == evidence_type for r in rejected)


class _Rows:
    """Probabilities per page given as rows (the decision rule under test is a function of them)."""

    def __init__(self, rows: list[dict[str, float]], threshold: float) -> None:
        from classifiers.labels import PAGE_TYPES

        self.classes_ = list(PAGE_TYPES)
        self.reject_threshold = threshold
        self._rows = rows

    def predict_proba(self, pages: list[Page]):
        import numpy as np

        return np.array([[r.get(c, 0.0) for c in self.classes_] for r in self._rows[: len(pages)]])


def test_a_sign_in_sheet_half_taken_for_a_certificate_leaves_a_notice_a_notice() -> None:
    """seed 43's 培训安排 (a notice and its sign-in sheet): the sheet leaned to training_certificate
    at 0.31, under the reject threshold; such a page is no sure certificate, so it may not make the
    item a doubtful certificate (rejected as `other`). A sure certificate page still decides."""
    _, pages, applicant = generated_item("training_notice", 14)
    pages = [pages[0], pages[0]]
    notice = {"training_notice": 0.9, "training_certificate": 0.1}
    unsure_sheet = {"training_certificate": 0.36, "training_notice": 0.34, "other": 0.30}
    r = read_item(ItemSource("A001", "A001/notice", []), pages, applicant,
                  classifier=_Rows([notice, unsure_sheet], threshold=0.5))
    assert r.evidence_type == "training_notice" and r.rejected_type is None

    sure_certificate = {"training_certificate": 0.8, "training_notice": 0.2}
    r = read_item(ItemSource("A001", "A001/notice", []), pages, applicant,
                  classifier=_Rows([notice, sure_certificate], threshold=0.5))
    assert r.evidence_type == "training_certificate"
