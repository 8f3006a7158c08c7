"""Look-alikes of an award and of a journal article (issue #12, other-12m): the typing features
that tell them apart, checked on the real corpus's wording (tests/data/real, anonymised) and on the
generator's new `other` families. Text only, no OCR, no model fitted."""

from __future__ import annotations

import pytest
from drawn import drawn

from classifiers.features import FeatureSpec, PageDoc, _singles, _type_cues, layout_vector
from classifiers.openset import doc_pages, load_real_docs

DOCS = load_real_docs()
BY_ID = {d.doc_id: d for d in DOCS}
CUES, SINGLES = _type_cues(), _singles()
NAMES = FeatureSpec(cues=CUES, singles=SINGLES).names()


def _feature(text: str, name: str) -> float:
    return layout_vector(PageDoc(text=text), FeatureSpec(cues=CUES, singles=SINGLES))[NAMES.index(name)]


def _text(doc_id: str) -> str:
    return BY_ID[doc_id].text


def test_every_real_award_names_one_prize_and_a_list_of_prizes_names_several() -> None:
    # the claim behind several_award_certificate, on every award certificate of the corpus (many
    # of them name a team): none names two different prize grades on one page
    awards = [d for d in DOCS if d.evidence_type == "award_certificate"]
    assert len(awards) >= 30
    for d in awards:
        for p in doc_pages(d):
            assert _feature(p.text, "several_award_certificate") == 0, d.doc_id
    # a student's record sheet of contests and a gala's agenda with its award categories
    for doc_id in ("r009", "r245"):
        assert _feature(_text(doc_id), "several_award_certificate") > 0, doc_id
    # one prize named twice (heading and body) is still one prize
    assert _feature("一等奖\n荣获第十届程序设计竞赛一等奖", "several_award_certificate") == 0


def test_a_journal_page_is_known_by_its_issue_header_and_received_date() -> None:
    # header digits set apart (第1 2卷第1 2期), a screenplay's running foot (2011年第3期)
    for doc_id in ("r165", "r147"):
        assert _feature(_text(doc_id), "cues_journal_paper") > 0, doc_id
    # an issue of a training class is no journal issue: 年第N期 needs the digits a header prints
    assert _feature("2023年第一期研修班结业证书", "cues_journal_paper") == 0


def test_an_accepted_date_on_a_journal_page_is_no_acceptance_notice() -> None:
    # r167 prints 录用日期 under 收稿日期; the acceptance notice r185 is a 论文录用通知
    assert _feature(_text("r167"), "cues_other") == 0
    assert _feature(_text("r185"), "cues_other") > 0
    assert _feature(_text("r022"), "cues_other") > 0  # 提交时间, 作品信息, 参赛队编号


@pytest.mark.parametrize("family", ["other/prize_list", "other/contest_submission"])
def test_the_look_alike_families_render_as_other_with_the_wording_that_tells_them(family: str) -> None:
    kinds = set()
    for seed in range(6):
        doc, person = drawn(family, f"other12m:{family}:{seed}")
        text = doc.text
        assert doc.evidence_type == "other" and doc.family == family and doc.fields == {}
        if family == "other/prize_list":
            kinds.add("record" if "比赛名称" in text else "agenda")
            assert _feature(text, "several_award_certificate") > 0
        else:
            assert person.name in text and _feature(text, "cues_other") > 0
            assert _feature(text, "several_award_certificate") == 0
    if family == "other/prize_list":
        assert kinds == {"record", "agenda"}  # both variants drawn


def test_a_model_fitted_before_the_one_prize_feature_keeps_its_features() -> None:
    # the shipped model was fitted without several_*: it must predict on the features it learnt
    from classifiers import load_default

    feats = dict(load_default().pipeline_.named_steps["features"].transformer_list)["layout"]
    names = list(feats.get_feature_names_out())
    width = feats.transform([{"text": "一等奖 二等奖 三等奖"}]).shape[1]
    assert width == len(names) == len(feats.scale_)
    if not hasattr(feats, "singles_"):
        assert not any(n.startswith("several_") for n in names)
    # nor with the prize of a named contest (award-14e)
    if not hasattr(feats, "events_"):
        assert not any(n.startswith("prize_") for n in names)
    # nor with the form features and the look-alike flag (notice-12o)
    if not hasattr(feats, "forms_"):
        assert not any(n.startswith(("form_", "lookalike_")) for n in names)
    # a model fitted before the look-alike was counted (award-13c) gets the 0/1 flag it learnt: an
    # honour with several look-alike words (r238: 被评为, 优秀, 成绩优异, 工作中) reads 1, not log1p(n)
    if hasattr(feats, "alikes_") and not hasattr(feats, "count_alikes_"):
        raw = feats._raw([{"text": _text("r238")}])[0]
        assert raw[names.index("lookalike_award_certificate")] == 1.0


def test_honours_of_conduct_and_sports_name_an_other_cue_and_no_award_does() -> None:
    # award-13c: the honours typed award on main (a sports day's placing r052, an outstanding
    # supervisor r238) name a sports meeting or praise of conduct, an `other` cue; no real award
    # certificate names one, and the league award r040 and the social-science award r239 name an
    # award cue (联赛, 优秀成果)
    for doc_id in ("r052", "r238", "r107", "r179"):
        assert _feature(_text(doc_id), "cues_other") > 0, doc_id
    for d in DOCS:
        if d.evidence_type == "award_certificate":
            assert _feature(_text(d.doc_id), "cues_other") == 0, d.doc_id
    for doc_id in ("r040", "r239"):
        assert _feature(_text(doc_id), "cues_award_certificate") > 0, doc_id
