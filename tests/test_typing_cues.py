"""The typing cues of the evidence table (rules/evidence.toml) on real wording (tests/data/real,
anonymised): what a certificate of participation was for points to its type, not the phrase to
`other`; a 软考 certificate carries the qualification exam's cues and none of the digital-skills
exam's; a paper presented cues a conference record, a college's notice of a workshop a training
notice, thanks for reviewing `other`. Text only, no model: the cue counts are features the
classifier learns weights for."""

from __future__ import annotations

import random

import pytest

from classifiers.features import _type_cues, layout_feature_names, layout_vector, to_doc
from classifiers.openset import doc_pages, load_real_docs
from sample_docs.items import make_person
from sample_docs.render import render_document

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
NAMES = layout_feature_names(CUES)


def _cues(text: str) -> dict[str, float]:
    vec = layout_vector(to_doc(text), CUES)
    return {n[5:]: v for n, v in zip(NAMES, vec, strict=True) if n.startswith("cues_")}


def _text(doc_id: str) -> str:
    return "\n".join(p.text for p in doc_pages(DOCS[doc_id]))


EVIDENCE_PARTICIPATION = {
    "r271": "training_certificate", "r277": "training_certificate", "r278": "training_certificate",
    "r280": "training_certificate", "r281": "training_certificate", "r286": "training_certificate",
    "r283": "conference_record", "r284": "conference_record", "r285": "conference_record",
}


@pytest.mark.parametrize("doc_id", sorted(EVIDENCE_PARTICIPATION))
def test_a_real_certificate_of_participation_that_is_evidence_has_no_cue_of_other(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == EVIDENCE_PARTICIPATION[doc_id]
    assert _cues(_text(doc_id))["other"] == 0


# r271 prints FACULTYDEVELOPMENT (OCR joined the words) and r278 "intensive workshop" (a workshop is
# a conference's word as much as a training's): no training cue on them, the n-grams must tell
@pytest.mark.parametrize("doc_id", ["r277", "r280", "r281", "r286", "r283", "r284", "r285"])
def test_a_real_certificate_of_participation_cues_what_was_taken_part_in(doc_id: str) -> None:
    cues = _cues(_text(doc_id))
    assert cues[EVIDENCE_PARTICIPATION[doc_id]] > 0, cues


def test_a_contest_certificate_of_participation_still_cues_other() -> None:
    # r198: participation in a contest with a placing (98th of 218), no prize: not evidence
    cues = _cues(_text("r198"))
    assert DOCS["r198"].evidence_type == "other" and cues["other"] > 0


@pytest.mark.parametrize("doc_id", ["r006", "r007", "r014"])
def test_a_ruankao_page_cues_the_qualification_exam_not_digital_skills(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "qualification_exam_scores"
    cues = _cues(_text(doc_id))
    assert cues["qualification_exam_scores"] > 0 and cues["digital_skills_exam"] == 0, cues


def test_a_digital_skills_certificate_cues_its_own_type_more_than_the_qualification_exam() -> None:
    # no real digital-skills page is in the corpus: the generator's three families stand in
    for fam in ("digital_skills_exam/classic", "digital_skills_exam/enumerated",
                "digital_skills_exam/score_table"):
        rng = random.Random(f"cues:{fam}")
        doc = render_document("digital_skills_exam", rng, dpi=40, person=make_person(rng, "A001", "senior"),
                              family=fam)
        cues = _cues("\n".join(doc.lines[0]))
        assert cues["digital_skills_exam"] > cues["qualification_exam_scores"], (fam, cues)


# conf-12n: what conference and training material proves (rules.md 1.1, 1.4), and thanks for a
# service that earns no hours


def _top(cues: dict[str, float]) -> str:
    return max(cues, key=lambda t: cues[t])


# certificates of a paper presented at a conference, and an invitation card with its chief guest
@pytest.mark.parametrize("doc_id", ["r269", "r270", "r272", "r279", "r285", "r254"])
def test_taking_part_in_a_conference_cues_a_conference_record_above_every_other_type(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "conference_record"
    cues = _cues(_text(doc_id))
    assert _top(cues) == "conference_record" and cues["other"] == 0, cues


@pytest.mark.parametrize("doc_id", ["r265", "r267"])
def test_thanks_for_reviewing_or_chairing_cue_other(doc_id: str) -> None:
    # a reviewer's certificate of appreciation, the thank-you letter for chairing a session: a
    # service to the conference, no attendance proved (labelled `other`)
    assert DOCS[doc_id].evidence_type == "other"
    assert _cues(_text(doc_id))["other"] > 0


@pytest.mark.parametrize("doc_id", ["r263", "r268"])
def test_a_session_chairs_certificate_of_participation_has_no_cue_of_other(doc_id: str) -> None:
    # "has participated as Session Chair Person in ...": attendance, labelled conference_record
    assert DOCS[doc_id].evidence_type == "conference_record"
    assert _cues(_text(doc_id))["other"] == 0


@pytest.mark.parametrize("doc_id", ["r289", "r290", "r291", "r303"])
def test_a_notice_or_schedule_of_a_training_cues_a_training_notice(doc_id: str) -> None:
    # a college's notice of a workshop (its venue a seminar hall), a course's day-by-day schedule
    assert DOCS[doc_id].evidence_type == "training_notice"
    cues = _cues(_text(doc_id))
    assert cues["training_notice"] > max(cues["conference_record"], cues["online_course_certificate"]), cues


@pytest.mark.parametrize("doc_id", ["r295", "r297", "r298", "r299"])
def test_the_same_colleges_notices_of_no_training_get_no_training_notice_cue(doc_id: str) -> None:
    # a celebration, tests, lift timings, a literary event: the notice wording alone is no cue
    assert DOCS[doc_id].evidence_type == "other"
    assert _cues(_text(doc_id))["training_notice"] == 0
