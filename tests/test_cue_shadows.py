"""A cue word inside a longer cue of another type counts for that one only (conference-14b), on
real wording (tests/data/real, anonymised): `seminar` in a training notice's "Seminar Hall" is no
conference, 日程 in a conference's 会议日程 no training notice, 课程 in 培训课程 no online course.
And the narrowed invitation cue: a contest's call for entries that invites friends to cheer
(邀请部分亲友) is no conference invitation. Text only, no model: the cue counts are features the
classifier learns weights for."""

from __future__ import annotations

import numpy as np
import pytest

from classifiers.features import (
    FeatureSpec,
    LayoutFeatures,
    PageDoc,
    _claims,
    _type_cues,
    cue_shadows,
    layout_vector,
    to_doc,
)
from classifiers.openset import doc_pages, load_real_docs

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
CLAIMS = _claims()
SHADOWS = cue_shadows(CUES)
NAMES = FeatureSpec(cues=CUES).names()


def _cues(text: str, shadows: bool = True) -> dict[str, float]:
    vec = layout_vector(to_doc(text), FeatureSpec(cues=CUES, join_lines=True, claims=CLAIMS,
                                                shadows=SHADOWS if shadows else ()))
    return {n[5:]: v for n, v in zip(NAMES, vec, strict=True) if n.startswith("cues_")}


def _text(doc_id: str) -> str:
    return DOCS[doc_id].text


@pytest.mark.parametrize("doc_id", ["r289", "r291"])
def test_a_workshop_notice_in_a_seminar_hall_cues_no_conference(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "training_notice"
    assert "Seminar Hall" in _text(doc_id)
    before, after = _cues(_text(doc_id), shadows=False), _cues(_text(doc_id))
    assert before["conference_record"] > 0  # what made them conference records at 0.77-0.97
    assert after["conference_record"] == 0
    assert after["training_notice"] == before["training_notice"] > 0


def test_a_seminar_held_in_a_seminar_hall_still_cues_a_conference() -> None:
    text = ("This is to inform all faculty members that the department is hosting a National Seminar "
            "on Green Energy on 5th March 2026 in the Seminar Hall, Block B.")
    assert _cues(text)["conference_record"] > 0


def test_a_conference_agenda_is_no_training_schedule_by_its_dates_word() -> None:
    # r157 (a workshop's conference manual) prints 会议日程: the conference's word, not 日程 of a notice
    page = next(p.text for p in doc_pages(DOCS["r157"]) if "会议日程" in p.text)
    assert _cues(page, shadows=False)["training_notice"] > _cues(page)["training_notice"]
    assert _cues(page)["conference_record"] > 0


@pytest.mark.parametrize("doc_id", ["r174", "r191", "r195"])
def test_a_training_certificates_course_is_no_online_course_cue(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "training_certificate"
    assert _cues(_text(doc_id), shadows=False)["online_course_certificate"] > 0
    assert _cues(_text(doc_id))["online_course_certificate"] == 0


@pytest.mark.parametrize("doc_id", ["r308", "r309"])
def test_a_contests_call_for_entries_inviting_friends_is_no_conference_invitation(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "other" and "邀请部分亲友" in _text(doc_id)
    assert _cues(_text(doc_id))["conference_record"] == 0


@pytest.mark.parametrize("doc_id", ["r250", "r252"])
def test_a_real_conference_invitation_keeps_its_invitation_cue(doc_id: str) -> None:
    assert DOCS[doc_id].evidence_type == "conference_record"
    assert _cues(_text(doc_id))["conference_record"] > 0


def test_the_new_training_notice_cues_are_on_no_real_document_of_another_type() -> None:
    words = ["time zone", "benefit from", "eligibility", "resource person"]
    found = {d.doc_id: d.evidence_type for d in DOCS.values()
             if any(w in _text(d.doc_id).lower() for w in words)}
    assert found and set(found.values()) == {"training_notice"}, found


def test_a_fitted_model_shadows_and_one_fitted_before_does_not() -> None:
    pages = [_text("r289"), "第26届年会会议通知\n会议时间：2026年3月5日"]
    lf = LayoutFeatures().fit(pages)
    col = list(lf.get_feature_names_out()).index("cues_conference_record")
    assert lf.transform(pages[:1])[0, col] == 0
    del lf.shadows_  # as a model pickled before conference-14b is loaded: it counts as it was fitted
    assert lf.transform(pages[:1])[0, col] > 0
    assert np.isfinite(lf.transform(pages)).all()


# notice-16a: a heading's title word is shadowed and claimed as a cue word is
TITLE_NAMES = FeatureSpec.current().names()


def _titles(page_text: str, title: str | None = None, current: bool = True) -> dict[str, float]:
    spec = FeatureSpec.current()
    if not current:  # the flags as a model fitted before notice-16a computes them
        spec = FeatureSpec(**{**vars(spec), "title_shadows": ()})
    vec = layout_vector(to_doc(page_text) if title is None else PageDoc(page_text, title=title), spec)
    return {n[6:]: v for n, v in zip(TITLE_NAMES, vec, strict=True) if n.startswith("title_")}


def test_a_domestic_visiting_scholars_heading_is_no_stay_abroads() -> None:
    # r235 (教育部高等学校国内访问学者证书): its heading as read from the boxes is the line of
    # 访问学者; 国内访问学者 on the page claims that word for training_certificate
    page = doc_pages(DOCS["r235"])[0]
    assert DOCS["r235"].evidence_type == "training_certificate"
    assert _titles(page.text, current=False)["overseas_exchange"] == 1.0  # what pulled it away
    assert _titles(page.text)["overseas_exchange"] == 0.0
    assert _titles(page.text, "教育部高等学校国内访问学者证书")["training_certificate"] == 1.0


@pytest.mark.parametrize("doc_id", ["r008", "r076", "r090"])
def test_a_transcripts_heading_is_no_score_tables(doc_id: str) -> None:
    page = doc_pages(DOCS[doc_id])[0]
    assert DOCS[doc_id].evidence_type == "degree_transcript" and "成绩单" in page.text
    assert _titles(page.text, current=False)["qualification_exam_scores"] == 1.0
    assert _titles(page.text)["qualification_exam_scores"] == 0.0
    assert _titles(page.text)["degree_transcript"] == 1.0


def test_a_title_word_alone_still_flags_its_type() -> None:
    # a stay abroad's heading, a training's notice and an exam's scores keep their own words
    assert _titles("访问学者\n兹邀请张三于2024年赴我校访问", "访问学者邀请函")["overseas_exchange"] == 1.0
    assert _titles("关于举办教师培训班的通知\n各学院", "关于举办教师培训班的通知")["training_notice"] == 1.0
    assert _titles("会议通知\n各有关单位", "会议通知")["training_notice"] == 0.0
    assert _titles("考试成绩\n科目 成绩", "考试成绩")["qualification_exam_scores"] == 1.0
