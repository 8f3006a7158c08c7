"""English training and online-course certificates as the model sees them (issue #12, certs-14c):
a letter-spaced text layer is read closed up, a professional-development credit (PDU) cues a
training, a platform's words cue an online course, a domestic visiting scholar is no stay abroad,
and "participation" is no book's CIP. Checked on the real corpus's anonymised wording
(tests/data/real). Text only, no model fitted: the counts are features the classifier weighs."""

from __future__ import annotations

import pytest

from classifiers.features import (
    PageDoc,
    TextOf,
    _claims,
    _type_cues,
    close_up_lines,
    layout_feature_names,
    layout_vector,
    normalize_text,
)
from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.types import Line, Page

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
CLAIMS = _claims()
NAMES = layout_feature_names(CUES)


def _text(doc_id: str) -> str:
    return "\n".join(p.text for p in doc_pages(DOCS[doc_id]))


def _cues(text: str, close_up: bool = True, claims: bool = True) -> dict[str, float]:
    vec = layout_vector(PageDoc(text=text), CUES, join_lines=True, claims=CLAIMS if claims else (),
                        close_up=close_up)
    return {n[5:]: v for n, v in zip(NAMES, vec, strict=True) if n.startswith("cues_")}


def test_a_letter_spaced_pdu_certificate_is_read_closed_up_and_cues_a_training() -> None:
    r345 = _text("r345")
    assert "a w a r d e d 1 6 P D U s" in r345
    # as the text layer spells it no word of any type is there; closed up, the credit is
    assert _cues(r345, close_up=False)["training_certificate"] == 0
    assert _cues(r345)["training_certificate"] > 0
    assert "awarded 16 PDUs" in close_up_lines(r345)


def test_a_letter_spaced_mooc_records_page_cues_an_online_course_above_every_other_type() -> None:
    cues, spaced = _cues(_text("r332")), _cues(_text("r332"), close_up=False)
    assert cues["online_course_certificate"] > spaced["online_course_certificate"]
    assert max(cues, key=cues.get) == "online_course_certificate"


def test_a_learning_path_certificate_cues_an_online_course() -> None:
    cues = _cues(_text("r331"))  # "Learning Path completed by", LinkedIn Learning
    assert cues["online_course_certificate"] > 0 and cues["other"] == 0


def test_lines_that_are_not_letter_spaced_stay_as_they_are() -> None:
    for doc_id in ("r307", "r278", "r018", "r235"):
        assert close_up_lines(_text(doc_id)) == _text(doc_id)


NEW_CUES = {
    "training_certificate": ["pdu", "professional development unit", "continuing professional development",
                             "cpd hour", "cpd point", "continuing education unit", "国内访问学者"],
    "online_course_certificate": ["learning path", "linkedin learning", "verified certificate",
                                  "statement of accomplishment", "course record", "udemy", "nptel", "swayam"],
}


@pytest.mark.parametrize("code", sorted(NEW_CUES))
def test_the_new_cue_words_occur_on_no_real_document_of_another_type(code: str) -> None:
    words = NEW_CUES[code]
    assert {w for c, _, cw in CUES if c == code for w in cw} >= {normalize_text(w) for w in words}
    found = 0
    for d in DOCS.values():
        norm = normalize_text(close_up_lines(_text(d.doc_id)))
        hits = [w for w in words if normalize_text(w) in norm]
        if hits:
            found += 1
            assert code == d.evidence_type or code in d.also_ok, (d.doc_id, hits)
    # r345, r235; r325-r327, r330-r332
    assert found >= {"training_certificate": 2, "online_course_certificate": 6}[code]


def test_a_domestic_visiting_scholar_is_no_cue_of_a_stay_abroad() -> None:
    r235 = _text("r235")  # 教育部高等学校国内访问学者证书 ... 师资培训交流武汉中心
    assert _cues(r235, claims=False)["overseas_exchange"] > 0
    cues = _cues(r235)
    assert cues["overseas_exchange"] == 0 and cues["training_certificate"] > 0
    # a visiting scholar abroad keeps the cue
    assert _cues("赴美国访问学者 出国留学 一年")["overseas_exchange"] > 0


@pytest.mark.parametrize("doc_id", ["r271", "r278", "r307", "r283"])
def test_a_certificate_of_participation_is_no_book(doc_id: str) -> None:
    assert "participation" in _text(doc_id).lower()
    assert _cues(_text(doc_id))["book_publication"] == 0


def test_a_books_cip_data_is_still_a_book_cue() -> None:
    assert _cues("图书在版编目（CIP）数据")["book_publication"] > 0
    assert _cues("Principles of Management, certificate of participation")["book_publication"] == 0


def test_a_model_fitted_before_reads_letter_spaced_lines_as_it_learnt() -> None:
    page = {"text": "P D U C e r t i f i c a t e o f 1 6 h o u r s"}
    assert TextOf().transform([page]) == ["p d u c e r t i f i c a t e o f 0 0 h o u r s"]
    assert TextOf().fit([page]).transform([page]) == ["pducertificateof 00 hours"]
    from classifiers import load_default

    branches = dict(load_default().pipeline_.named_steps["features"].transformer_list)
    assert not getattr(branches["chars"].named_steps["text"], "close_up_", False)
    assert not getattr(branches["layout"], "close_up_", False)


def _page(text: str) -> Page:
    rows = enumerate(text.split("\n"))
    lines = [Line(text=t, box=(0, 40 * i, 900, 40 * i + 30), conf=1.0) for i, t in rows]
    return Page(file_sha256="t", page_no=0, width=1000, height=1400, text=text, lines=lines,
                engine="rapidocr", mean_conf=1.0)


def test_a_pdu_credit_is_no_hour_read_and_the_hours_beside_it_are() -> None:
    # a credit is not an hour (as 学分 is no hours label): 1 PDU is an hour for one body, 1 CEU ten
    # for another, so the hours are read only where the certificate states them (r345's wording)
    credit = "Marlo Lorimer\nis hereby awarded 16 PDUs towards the successful completion of the course"
    assert "stated_hours" not in extract_fields("training_certificate", [_page(credit)], None)
    stated = extract_fields("training_certificate", doc_pages(DOCS["r345"]), None)
    assert stated["stated_hours"].value == 16
