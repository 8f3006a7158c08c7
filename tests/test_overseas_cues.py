"""A stay abroad of months (issue #12, overseas-13e): the typing cues that carry between issuers
(留学, study visit, Erasmus, host country ...), a scholarship's word that such a page takes from
`other`, and the generator's study-abroad family. Checked on the real corpus's wording
(tests/data/real, anonymised). Text only, no OCR, no model fitted."""

from __future__ import annotations

from drawn import drawn

from classifiers.features import (
    FeatureSpec,
    PageDoc,
    _claims,
    _look_alikes,
    _singles,
    _type_cues,
    layout_vector,
    normalize_text,
)
from classifiers.openset import doc_pages, load_real_docs
from rules.evidence import TYPES

DOCS = load_real_docs()
BY_ID = {d.doc_id: d for d in DOCS}
CUES, SINGLES, ALIKES, CLAIMS = _type_cues(), _singles(), _look_alikes(), _claims()
SPEC = FeatureSpec(cues=CUES, singles=SINGLES, forms=True, alikes=ALIKES, claims=CLAIMS, count_alikes=True,
                   claim_alikes=True)
NAMES = SPEC.names()
# the cues this branch added; the older ones (交流, 国外, visiting ...) occur on other types too
NEW_CUES = ("留学", "访学", "公派", "erasmus", "study visit", "study stay", "research stay", "study abroad",
            "host country", "destination country")
# overseas-14d: the paperwork and the destination of going abroad (the foreign side, a visa, an
# embassy, international travel, 赴 with a country abroad)
_OVERSEAS = TYPES["overseas_exchange"].cue_words
PAPERWORK_CUES = tuple(_OVERSEAS[_OVERSEAS.index("海外"):])


def _features(text: str) -> dict[str, float]:
    vec = layout_vector(PageDoc(text=text), SPEC)
    return dict(zip(NAMES, vec, strict=True))


def _text(doc_id: str) -> str:
    return BY_ID[doc_id].text


# A department's study-abroad flyer (r380, corpus-16c: partner universities, the Erasmus Student
# Network) names the cues and proves nobody's stay: the one known look-alike, `other`; the fold
# models type it overseas_exchange at 0.91-0.94, needs_review (docs/benchmarks.md).
FLYERS = {"r380": {"erasmus", "study abroad"}}


def test_the_new_overseas_cues_occur_on_no_real_document_of_another_type() -> None:
    assert set(NEW_CUES) <= set(TYPES["overseas_exchange"].cue_words)
    seen = set()
    for d in DOCS:
        text = normalize_text(d.text)
        hits = {w for w in NEW_CUES if normalize_text(w) in text}
        if d.evidence_type != "overseas_exchange" and d.doc_id not in FLYERS:
            assert not hits, f"{d.doc_id} ({d.evidence_type}) names {sorted(hits)}"
        if d.doc_id in FLYERS:
            assert hits == FLYERS[d.doc_id]
        seen |= hits
    # the CSC certificate, the Erasmus+ certificate, the DAAD letter and the conference abroad
    assert {"留学", "erasmus", "destination country", "host country"} <= seen


def test_the_paperwork_of_going_abroad_is_named_by_stays_abroad_only() -> None:
    assert len(PAPERWORK_CUES) >= 20 and "外方" in PAPERWORK_CUES
    seen: dict[str, set[str]] = {}
    for d in DOCS:
        text = normalize_text(d.text)
        hits = {w for w in PAPERWORK_CUES if normalize_text(w) in text}
        if d.evidence_type != "overseas_exchange":
            assert not hits, f"{d.doc_id} ({d.evidence_type}) names {sorted(hits)}"
        if hits:
            seen[d.doc_id] = hits
    # the CSC certificate (its foreign side, its international fare, 赴丹麦), the DAAD letter's
    # travel allowance, the conference abroad's visa; project-16b: the CSC's fund and its joint training
    assert seen == {"r321": {"外方", "国际旅费", "赴丹麦", "留学基金", "联合培养"},
                    "r322": {"travel allowance"}, "r194": {"visa"}}
    # 赴日 alone would be a trip to 日照, a city at home
    assert _features("赴日照市参加培训")["cues_overseas_exchange"] == 0


def test_a_stay_abroads_funder_words_are_no_other_types_cues_or_look_alikes() -> None:
    # r321 prints 学号 (the funder's student number), 留学期限 (学期 inside) and 奖学金 (what the
    # stay is paid with): a transcript's cues and an honour's look-alike, which sent it to `other`
    abroad = _features(_text("r321"))
    assert abroad["cues_degree_transcript"] == 0
    assert abroad["lookalike_award_certificate"] == 0
    # with no stay abroad the same words keep their meaning: a transcript's 学号 and 学期, a
    # domestic scholarship as an honour's look-alike (every real one typed `other`)
    transcripts = [d.doc_id for d in DOCS
                   if d.evidence_type == "degree_transcript" and "学号" in _text(d.doc_id)]
    assert len(transcripts) >= 5
    assert all(_features(_text(t))["cues_degree_transcript"] > 0 for t in transcripts)
    honours = [d.doc_id for d in DOCS if "奖学金" in _text(d.doc_id) and d.evidence_type == "other"
               and _features(_text(d.doc_id))["lookalike_award_certificate"] > 0]
    assert len(honours) >= 5


def test_a_model_fitted_before_counts_a_claimed_word_as_a_look_alike_as_it_was_fitted() -> None:
    from classifiers.features import LayoutFeatures

    pages = [_text("r321"), "荣誉证书\n王明同学荣获本学年一等奖学金。", "营业执照\n统一社会信用代码"]
    layout = LayoutFeatures().fit(pages)
    col = list(layout.get_feature_names_out()).index("lookalike_award_certificate")
    assert layout.transform(pages[:1])[0, col] == 0
    del layout.claim_alikes_  # as a model fitted before overseas-14d was stored
    assert layout.transform(pages[:1])[0, col] > 0


def test_a_scholarship_for_a_stay_abroad_is_no_cue_of_other_and_a_domestic_one_is() -> None:
    # r321: a funder's certificate of a state-funded stay abroad names 奖学金 (what it pays)
    abroad = _features(_text("r321"))
    assert abroad["cues_other"] == 0
    assert abroad["cues_overseas_exchange"] > 0
    assert abroad["lookalike_overseas_exchange"] == 0
    # every real scholarship that names no stay abroad keeps the word as other's cue
    domestic = [d.doc_id for d in DOCS if "奖学金" in _text(d.doc_id) and d.evidence_type == "other"]
    assert len(domestic) >= 10
    for doc_id in domestic:
        f = _features(_text(doc_id))
        assert f["cues_other"] > 0, doc_id
        assert f["lookalike_overseas_exchange"] > 0, doc_id
    # a school's 国际交流学院 awarding a domestic scholarship: 交流 is no stay abroad
    school = _features("获奖证书\n王明同学：\n荣获本学年一等奖学金。\n某某学院国际交流学院")
    assert school["cues_other"] > 0


def test_a_scholarship_with_no_stay_abroad_is_never_evidence_in_the_corpus() -> None:
    hits = {d.doc_id: d.evidence_type for d in DOCS
            if any(_features(p.text)["lookalike_overseas_exchange"] for p in doc_pages(d))}
    assert set(hits.values()) == {"other"}
    assert "r323" in hits  # a fellowship's certificate of award with no stay abroad


def test_the_study_abroad_family_names_a_stay_abroad_and_takes_the_scholarship() -> None:
    forms = set()
    for seed in range(12):
        doc, _ = drawn("overseas_exchange/study_abroad", f"overseas13e:{seed}")
        text = doc.text
        f = _features(text)
        assert f["cues_overseas_exchange"] > 0, text
        assert f["lookalike_overseas_exchange"] == 0, text
        assert f["cues_other"] == 0, text  # its 奖学金 is the stay's funding, not a domestic prize
        forms.add("cn" if "留学期限" in text else "en")
    assert forms == {"cn", "en"}
