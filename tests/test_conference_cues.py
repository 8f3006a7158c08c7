"""Conference records, training notices and thanks for a service (issue #12, conf-12n): the typing
cues of rules/evidence.toml say what the material proves (rules.md 1.1, 1.4), checked on the real
corpus's wording (tests/data/real, anonymised). Text only, no model: the cue counts are features
the classifier learns weights for."""

from __future__ import annotations

import pytest

from classifiers.features import _type_cues, layout_feature_names, layout_vector, to_doc
from classifiers.openset import doc_pages, load_real_docs

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
NAMES = layout_feature_names(CUES)


def _cues(text: str) -> dict[str, float]:
    vec = layout_vector(to_doc(text), CUES)
    return {n[5:]: v for n, v in zip(NAMES, vec, strict=True) if n.startswith("cues_")}


def _text(doc_id: str) -> str:
    return "\n".join(p.text for p in doc_pages(DOCS[doc_id]))


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
