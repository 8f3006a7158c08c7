"""A leaned-to type corroborated by its fields (issue #12 point 4): below the reject threshold, an
item whose deciding fields of that type are all read, the applicant's name among them, is kept as
that type for a reviewer instead of being rejected as ``other``; one whose fields are not is
rejected as before. Real wording: anonymised fixtures of tests/data/real/."""

from __future__ import annotations

from classifiers.openset import (
    COST_CORRECTION,
    COST_FULL_READ,
    choose_threshold,
    choose_thresholds,
    decision_cost,
    fields_corroborate,
    kept_by_fields,
    load_real_docs,
    open_set_cost,
)
from pipeline.evaluate_real import run_docs

BY_ID = {d.doc_id: d for d in load_real_docs()}


class Leaning:
    """Every page leans to ``label`` at ``p`` (the rest shared by ``other`` and a patent), under
    the model's thresholds."""

    def __init__(self, label: str, p: float, reject: float, corroborated: float | None) -> None:
        self.classes_ = ["other", "patent_certificate", label]
        self.p = p
        self.reject_threshold = reject
        self.corroborated_threshold = corroborated

    def predict_proba(self, pages: list) -> list[list[float]]:
        return [[(1.0 - self.p) / 2, (1.0 - self.p) / 2, self.p] for _ in pages]


def test_a_book_whose_rank_and_date_are_read_is_kept_for_a_reviewer() -> None:
    """r155, a textbook's cover, title page and copyright page (主编 曾星河, 2021年7月第1版): at
    0.60, under a reject threshold of 0.70, it was `other` with nothing read; its rank and date
    corroborate the book, so it is proposed as one, with the hours the labels give, and goes to a
    reviewer who is told how unsure its type was."""
    doc = BY_ID["r155"]
    rejected = run_docs([doc], lambda d: Leaning("book_publication", 0.6, 0.7, None))[0]
    assert rejected.pred_type == "other" and "type_uncertain" in rejected.flags

    kept = run_docs([doc], lambda d: Leaning("book_publication", 0.6, 0.7, 0.5))[0]
    assert kept.pred_type == "book_publication" and kept.corroborated
    assert kept.fields_right == kept.fields_total == 3
    assert kept.hours == kept.true_hours > 0
    assert kept.status == "needs_review" and "low_confidence" in kept.flags
    assert kept.type_confidence == 0.6
    # under the second threshold it is rejected as before
    low = run_docs([doc], lambda d: Leaning("book_publication", 0.45, 0.7, 0.5))[0]
    assert low.pred_type == "other" and "type_uncertain" in low.flags


def test_an_honour_with_a_name_and_a_date_is_not_an_award_corroborated() -> None:
    """r316, a marathon's outstanding-volunteer certificate (the applicant's name, 2025年3月30日):
    an award is corroborated by its level and grade, so the honour stays rejected as `other`."""
    doc = BY_ID["r316"]
    out = run_docs([doc], lambda d: Leaning("award_certificate", 0.6, 0.7, 0.5))[0]
    assert out.pred_type == "other" and "type_uncertain" in out.flags and out.hours == 0


def test_which_fields_corroborate_a_type() -> None:
    # a training certificate decides by a name, dates and days, which every certificate of
    # attendance, notice or stay abroad carries: they corroborate none of those types
    training = {"start_date": "2024-01-29", "end_date": "2024-02-03", "days": 6, "name_found": True}
    assert not fields_corroborate("training_certificate", training)
    assert not fields_corroborate("conference_record", training)
    # a book: the applicant found with a rank; the date corroborates nothing
    book = {"rank": 2, "date": "2019-12-01", "name_found": True}
    assert fields_corroborate("book_publication", book)
    assert fields_corroborate("book_publication", {"rank": 2, "name_found": True})
    assert not fields_corroborate("book_publication", {**book, "name_found": False})
    assert not fields_corroborate("book_publication", {**book, "rank": None})
    # an award: its level and its grade (an honour has a name and a date, r316)
    award = {"level": "municipal", "grade": 3, "name_found": True}
    assert fields_corroborate("award_certificate", award)
    assert not fields_corroborate("award_certificate", {**award, "grade": None})
    assert not fields_corroborate("award_certificate", {"date": "2025-03-30", "name_found": True})
    # a type that decides nothing is never corroborated
    assert not fields_corroborate("training_notice", {"name_found": True})


def test_the_second_threshold_is_chosen_on_the_corroborated_decisions() -> None:
    """Evidence corroborated at 0.55-0.60 and non-evidence not corroborated at 0.60-0.65: one
    threshold either rejects the evidence or accepts the non-evidence; the second keeps the first
    where it was and lowers the bar for the corroborated items alone."""
    decisions = [("book_publication", 0.55, "book_publication", "needs_review", True),
                 ("award_certificate", 0.6, "award_certificate", "needs_review", True),
                 ("award_certificate", 0.6, "other", "needs_review", False),
                 ("conference_record", 0.65, "other", "needs_review", False),
                 ("patent_certificate", 0.9, "patent_certificate", "auto_ok", False)]
    first, second = choose_thresholds(decisions)
    assert first == choose_threshold(decisions) > 0.65
    assert second is not None and second <= 0.55
    assert open_set_cost(first, decisions, second) == 0 < open_set_cost(first, decisions)
    # a corroborated non-evidence document in the same band keeps the bar up: no second threshold
    honour = [*decisions, ("award_certificate", 0.6, "other", "needs_review", True),
              ("award_certificate", 0.62, "other", "needs_review", True)]
    assert choose_thresholds(honour)[1] is None
    # decisions that do not say (the 4-tuples of before) are decided by the one threshold
    assert choose_thresholds([d[:4] for d in decisions])[1] is None


def test_a_corroborated_accept_always_goes_to_a_reviewer() -> None:
    """Kept below the reject threshold, the item is reviewed whatever its fields' status would be:
    a wrong type costs a correction, never a wrong auto_ok; and no item is kept by its fields at
    or above the line of low_confidence (0.85), which a reject threshold may pass."""
    wrong = ("award_certificate", 0.6, "patent_certificate", "auto_ok", True)
    assert decision_cost(0.7, wrong, 0.5) == COST_CORRECTION + COST_FULL_READ
    assert decision_cost(0.7, wrong) == COST_FULL_READ  # rejected
    assert kept_by_fields(0.6, 0.7, 0.5) and not kept_by_fields(0.45, 0.7, 0.5)
    assert not kept_by_fields(0.9, 0.95, 0.5) and not kept_by_fields(0.6, 0.7, None)


def test_a_model_saved_before_the_second_threshold_decides_as_before(tmp_path) -> None:
    """A model pickled before ``corroborated_threshold`` existed (the shipped one up to session 9)
    loads with none, so its items are decided by its one reject threshold, as when it was trained."""
    import shutil

    import joblib

    import classifiers
    from classifiers.model import EvidenceTypeClassifier

    model = classifiers.load_default()
    old = EvidenceTypeClassifier.__new__(EvidenceTypeClassifier)
    old.__dict__.update({k: v for k, v in model.__dict__.items() if k != "corroborated_threshold"})
    joblib.dump(old, tmp_path / "evidence-type-v1.joblib")
    shutil.copyfile(classifiers.DEFAULT_METADATA, tmp_path / "evidence-type-v1.json")
    loaded = EvidenceTypeClassifier.load(tmp_path / "evidence-type-v1.joblib")
    assert loaded.corroborated_threshold is None and loaded.get_params()["corroborated_threshold"] is None
    assert loaded.reject_threshold == model.reject_threshold


def test_an_issn_stands_in_for_the_cn_number_a_foreign_journal_does_not_print() -> None:
    """journal-15c: rules.md 2.3b knows a paper in a journal with only an ISSN (0 hours,
    `no_cn_number`), so the ISSN corroborates a journal paper where no CN number is printed; the
    hours still go by the CN number. r139, an IEEE Transactions article (rank 4, ISSN in the
    copyright foot): kept as a journal paper for review, not rejected as `other`."""
    paper = {"rank": 4, "name_found": True}
    assert not fields_corroborate("journal_paper", paper)
    assert fields_corroborate("journal_paper", {**paper, "issn": "1932-4537"})
    assert fields_corroborate("journal_paper", {**paper, "cn_number": "11-2560/TP"})
    assert not fields_corroborate("journal_paper", {"name_found": True, "issn": "1932-4537"})
    kept = run_docs([BY_ID["r139"]], lambda d: Leaning("journal_paper", 0.55, 0.6, 0.3))[0]
    assert kept.pred_type == "journal_paper" and kept.corroborated
    assert kept.hours == 0 and "no_cn_number" in kept.flags and kept.status == "needs_review"
