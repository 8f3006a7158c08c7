"""A project's other stages are no completion (issue #12, project-16b): a project system's pages
(the national student innovation platform's project record, a university's project list, an
approval list) name the project words a completion certificate names (立项, 项目编号, 主持人, and
结题 in the platform's menu); their stage words (年度进展, 中期检查, 拟立项, 项目变更 ...) are
`other`'s cues and claim the project words there. A completion says what was completed (结题成绩,
予以结题, 准予结项, 合格结题, its members). Checked on the real corpus's wording (tests/data/real,
anonymised). Text only, no OCR, no model fitted."""

from __future__ import annotations

from test_other_kinds import BY_ID, DOCS, _norm

from classifiers.features import FeatureSpec, PageDoc, layout_vector, normalize_text
from classifiers.openset import doc_pages
from rules.evidence import TYPES

SPEC = FeatureSpec.current()
NAMES = SPEC.names()
PROJECT = TYPES["project_completion"]
OTHER = TYPES["other"]
# the words this branch added: the completion's own, and the other stages of a project
NEW_PROJECT_CUES = PROJECT.cue_words[PROJECT.cue_words.index("结题成绩"):]
STAGES = OTHER.claimed_by[OTHER.claimed_by.index("年度进展"):]


def _page_features(doc_id: str, page: int = 0) -> dict[str, float]:
    """The features of one real page as the model computes them (before scaling)."""
    p = doc_pages(BY_ID[doc_id])[page]
    return dict(zip(NAMES, layout_vector(PageDoc(text=p.text), SPEC), strict=True))


def test_the_stage_words_are_others_cues_and_claim_the_project_words() -> None:
    assert set(STAGES) <= set(OTHER.cue_words)
    assert {"结题", "立项", "主持人", "项目编号", "项目成员"} <= set(OTHER.claimed_words)
    assert set(NEW_PROJECT_CUES) <= set(OTHER.claimed_words)


def test_no_real_evidence_document_names_a_stage_word() -> None:
    seen: set[str] = set()
    for d in DOCS:
        hits = {w for w in STAGES if normalize_text(w) in _norm(d.doc_id)}
        if d.evidence_type != "other":
            assert not hits, f"{d.doc_id} ({d.evidence_type}) names {sorted(hits)}"
        seen |= hits
    # the platform's menu, the project system's list, the approval list
    assert {"年度进展", "中期检查", "项目变更", "拟立项", "立项名单"} <= seen


def test_the_new_completion_cues_are_on_completions_or_claimed_pages_only() -> None:
    seen: set[str] = set()
    for d in DOCS:
        text = _norm(d.doc_id)
        hits = {w for w in NEW_PROJECT_CUES if normalize_text(w) in text}
        if hits and d.evidence_type != "project_completion":
            # only where a stage word claims them (r221, r359, r360, r361: `other`)
            assert any(normalize_text(s) in text for s in STAGES), f"{d.doc_id} names {sorted(hits)}"
        seen |= hits
    assert {"结题成绩", "结题等级", "予以结题", "准予结项", "同意结项", "合格结题", "项目成员"} <= seen


def test_the_platforms_project_page_counts_no_completion_cue() -> None:
    # r360 and r361: 结题项目 in the menu, 立项时间, 是否主持人 / 第一主持人, 项目编号, 项目成员 in the
    # body; the menu's 年度进展报告 says it is the project system, no certificate of completion
    for doc_id in ("r360", "r361"):
        assert "结题" in _norm(doc_id) and "立项" in _norm(doc_id)
        f = _page_features(doc_id)
        assert f["cues_project_completion"] == 0
        assert f["cues_other"] > 0


def test_completion_certificates_keep_their_cues_and_gain_what_they_say() -> None:
    # r352: two student project completion certificates in one photo (结题成绩：良好); r220:
    # 结题等级：优秀 ... 予以结题; r215: 予以合格结题; r119: 经结题验收 ... 同意结项
    counts = {d: _page_features(d)["cues_project_completion"] for d in ("r352", "r220", "r215", "r119")}
    assert all(v > 0 for v in counts.values()), counts
    assert _page_features("r352")["cues_project_completion"] > _page_features("r216")["cues_other"]
    for doc_id in counts:
        assert _page_features(doc_id)["cues_other"] == 0


def test_the_state_funds_certificate_of_a_stay_abroad_names_the_fund_and_the_joint_training() -> None:
    # r321: 国家留学基金资助出国留学资格证书 ... 留学身份为联合培养硕士研究生
    f = _page_features("r321")
    assert {"留学基金", "联合培养"} <= set(TYPES["overseas_exchange"].cue_words)
    assert "留学基金" in TYPES["overseas_exchange"].claimed_by
    assert f["cues_overseas_exchange"] > 0 and f["cues_other"] == 0  # 奖学金 claimed as before
