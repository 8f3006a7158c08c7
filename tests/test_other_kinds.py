"""Kinds of non-evidence that carry an evidence type's words (issue #12, other-15b): a contest's
call for entries or plan, a volunteer's certificate, an internship's or community service's
certificate, an honour in English, an alumni club's letter. Their words are `other`'s cues, and on
such a page the contest, prize, conference and completion words count for no type (claimed).
Checked on the real corpus's wording (tests/data/real, anonymised). Text only, no OCR, no model."""

from __future__ import annotations

from classifiers.features import (
    _LATIN_WRAP,
    FeatureSpec,
    PageDoc,
    close_up_lines,
    layout_vector,
    normalize_text,
)
from classifiers.openset import load_real_docs
from rules.evidence import TYPES

DOCS = load_real_docs()
BY_ID = {d.doc_id: d for d in DOCS}
SPEC = FeatureSpec.current()
NAMES = SPEC.names()
OTHER = TYPES["other"]
# the cues this branch added (the last of other's cue words)
NEW_CUES = OTHER.cue_words[OTHER.cue_words.index("参赛资格"):]


def _norm(doc_id: str) -> str:
    """The text the cues are matched in (letter-spaced lines closed up, wrapped English joined)."""
    text = close_up_lines(BY_ID[doc_id].text)
    return normalize_text(_LATIN_WRAP.sub(" ", text))


def _features(doc_id: str) -> dict[str, float]:
    """The page features of a document's text as one page (before scaling)."""
    text = BY_ID[doc_id].text
    return dict(zip(NAMES, layout_vector(PageDoc(text=text), SPEC), strict=True))


def test_the_new_other_cues_and_claiming_words_are_on_no_real_evidence_document() -> None:
    words = set(NEW_CUES) | set(OTHER.claimed_by)
    seen: set[str] = set()
    for d in DOCS:
        text = _norm(d.doc_id)
        hits = {w for w in words if normalize_text(w) in text}
        if d.evidence_type != "other":
            assert not hits, f"{d.doc_id} ({d.evidence_type}) names {sorted(hits)}"
        seen |= hits
    # the contest's call and plan, the marathon volunteer, the community internship, the plaque
    assert {"参赛资格", "实施方案", "志愿者", "national service scheme", "academic excellence",
            "alumni"} <= seen


def test_a_contests_plan_names_the_contest_and_a_prize_but_no_awards_cue_counts() -> None:
    # r310: a university's plan of its selection round: 挑战赛, 组委会, 竞赛, and 一等奖 of the
    # teams it will send on; its 实施方案 and 评分标准 say it is a plan
    f = _features("r310")
    assert "一等奖" in _norm("r310") and "组委会" in _norm("r310")
    assert f["cues_award_certificate"] == 0
    assert f["cues_other"] > 0


def test_a_volunteers_certificate_of_a_marathon_is_no_award_of_its_committee() -> None:
    # r316: 优秀志愿者证书 signed by the marathon's 组委会 (an award's cue elsewhere: 10 awards)
    f = _features("r316")
    assert f["cues_award_certificate"] == 0 and f["cues_other"] > 0


def test_a_community_internships_certificate_of_completion_is_no_trainings() -> None:
    # r318: "Certificate of Completion" of 99 hours of community service under the National
    # Service Scheme; the same words on an online course's certificate still count (r330)
    assert _features("r318")["cues_training_certificate"] == 0
    assert _features("r318")["cues_other"] > 0
    assert _features("r330")["cues_training_certificate"] > 0


def test_an_awards_contest_words_still_count_on_an_award() -> None:
    # r047: an AI contest's provincial prize (大赛, 挑战赛, 组委会, 赛道): nothing claims them
    assert _features("r047")["cues_award_certificate"] > 0
