"""Forms of a document that its words do not give (issue #12, notice-12o): an article's byline
with the unit's postcode, an official document number (文号). Checked on the real corpus's
wording (tests/data/real, anonymised) and on the generator's journal pages. Text only, no OCR."""

from __future__ import annotations

from drawn import drawn

from classifiers.features import (
    FeatureSpec,
    PageDoc,
    _singles,
    _type_cues,
    layout_vector,
)
from classifiers.openset import load_real_docs

DOCS = load_real_docs()
CUES, SINGLES = _type_cues(), _singles()
NAMES = FeatureSpec(cues=CUES, singles=SINGLES, forms=True).names()


def _form(text: str, name: str) -> float:
    spec = FeatureSpec(cues=CUES, singles=SINGLES, forms=True)
    return layout_vector(PageDoc(text=text), spec)[NAMES.index(f"form_{name}")]


def _text(doc: object) -> str:
    return doc.text


def test_the_byline_postcode_is_on_journal_pages_and_on_nothing_else_of_the_corpus() -> None:
    hits = {d.doc_id: d.evidence_type for d in DOCS if _form(_text(d), "byline_postcode")}
    assert set(hits.values()) == {"journal_paper"}
    # the first pages typed `other` on merge-s7: a postcode run in (广州510450), set apart
    # (芜湖2 4 1 0 0 6), after a school with no comma (重庆401100), two columns read across
    assert {"r159", "r164", "r165", "r166", "r168"} <= set(hits)
    assert len(hits) >= 15
    # a group number or a standard's code in brackets is no postcode
    assert _form("QQ群（群号：624497589）", "byline_postcode") == 0
    assert _form("团体标准（T/SIA0022019）", "byline_postcode") == 0


def test_a_document_number_is_on_notices_and_no_certificate() -> None:
    hits = {d.doc_id: d.evidence_type for d in DOCS if _form(_text(d), "doc_number")}
    assert {"r308", "r309", "r310"} <= set(hits)
    certificates = {"award_certificate", "training_certificate", "online_course_certificate",
                    "patent_certificate", "project_completion"}
    assert not certificates & set(hits.values())
    assert _form("荣获一等奖，证书编号：2023001号", "doc_number") == 0


def test_generated_chinese_journal_pages_carry_the_byline() -> None:
    # the generator's first pages print it as the real ones do, so the weight is learnt from both
    seen = 0
    for seed in range(6):
        doc, _ = drawn("journal_paper/article_first_page", f"notice12o:journal:{seed}")
        text = doc.text
        seen += bool(_form(text, "byline_postcode"))
    assert seen >= 4


def test_a_contest_notice_renders_as_other_in_a_notice_form_and_names_nobody() -> None:
    variants = set()
    for seed in range(8):
        doc, person = drawn("other/contest_notice", f"notice12o:contest_notice:{seed}")
        text = doc.text
        assert doc.evidence_type == "other" and doc.fields == {}
        assert person.name not in text  # a contest announced, nobody's prize
        assert "奖项设置" in text and "联系人" in text
        variants.add("forward" if "通知如下" in text else "plan")
        if "通知如下" in text and "〔" in text:
            assert _form(text, "doc_number") == 1
    assert variants == {"forward", "plan"}


def test_an_honour_names_none_of_an_awards_cues_and_a_prize_does() -> None:
    from classifiers.features import _look_alikes

    alikes = _look_alikes()
    spec = FeatureSpec(cues=CUES, singles=SINGLES, forms=True, alikes=alikes, count_alikes=True)
    names = spec.names()

    def flag(text: str) -> float:
        vec = layout_vector(PageDoc(text=text), spec)
        return vec[names.index("lookalike_award_certificate")]

    by_type: dict[str, set[str]] = {}
    for d in DOCS:
        if flag(_text(d)):
            by_type.setdefault(d.evidence_type, set()).add(d.doc_id)
    # the honours typed award or practice on merge-s7: a sports day's placing, an outstanding
    # supervisor, a social-practice title and a report prize
    assert {"r051", "r052", "r104", "r238"} <= by_type["other"]
    # one real award names no contest word (r040, a 联赛); every other prize names a cue
    assert by_type.get("award_certificate", set()) <= {"r040"}
    assert flag("荣誉证书\n在第十届程序设计竞赛中荣获二等奖") == 0
    # counted (award-13c): one honour word that awards print too says less than an honour's several
    one, several = flag("荣誉证书\n荣获：第二名"), flag("荣誉证书\n在2023学年评优中成绩优异，被评为优秀团员")
    assert 0 < one < several
    # a sports meeting's placing and a supervisor's honour name two or more (r052, r238)
    by_id = {d.doc_id: d for d in DOCS}
    assert flag(_text(by_id["r052"])) > one and flag(_text(by_id["r238"])) > one
