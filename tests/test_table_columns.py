"""What a table's columns hold (tables-15a): an hours sheet's rows are trainings each with hours
(培训项目名称 / 学时), a score table's rows subjects each with a score or 合格 (科目 / 报告分 /
合格与否). Both print 考试 and 成绩; their column headers tell them apart. Real wording
(tests/data/real, anonymised), text only, no model: the counts are features the classifier learns
weights for."""

from __future__ import annotations

import pytest

from classifiers.features import FeatureSpec, _columns, column_headers, layout_vector, to_doc
from classifiers.openset import load_real_docs

DOCS = {d.doc_id: d for d in load_real_docs()}
COLUMNS = _columns()
TYPES = [code for code, _ in COLUMNS]


def _headers(text: str) -> dict[str, int]:
    return dict(zip(TYPES, column_headers(text, COLUMNS), strict=True))


def test_an_employers_training_record_is_headed_by_trainings_and_hours() -> None:
    # r197: no heading, no cue word of an hours sheet, and 考试 / 成绩 / ■考试 □考核 all over it
    text = DOCS["r197"].text
    assert DOCS["r197"].evidence_type == "hours_recognition_sheet"
    assert "成绩" in text and "■考试" in text
    assert _headers(text) == {"hours_recognition_sheet": 2, "qualification_exam_scores": 0}


@pytest.mark.parametrize("doc_id", ["r256", "r257"])
def test_a_written_exam_result_screen_is_headed_by_subjects_and_scores(doc_id: str) -> None:
    h = _headers(DOCS[doc_id].text)
    assert h["qualification_exam_scores"] >= 3  # 报告分, 考试批次, 合格与否 (and 科目 on r257)
    assert h["hours_recognition_sheet"] == 0


def test_no_real_document_of_another_type_has_the_headers_of_these_tables() -> None:
    # the counts of the toml comments: one hours header at most (r088's course 学时, r196's
    # one-training 培训学时) and no score-table header on any document of another type
    for doc_id, d in DOCS.items():
        h = _headers(DOCS[doc_id].text)
        if d.evidence_type != "qualification_exam_scores":
            assert h["qualification_exam_scores"] == 0, doc_id
        if d.evidence_type != "hours_recognition_sheet":
            assert h["hours_recognition_sheet"] <= 1, doc_id


def test_a_forms_label_with_its_value_or_a_sentence_heads_no_column() -> None:
    form = "培训内容 2024年度专业技术人员公需科目培训班\n学时数 24\n考核结果 ☒合格 □基本合格 □不合格"
    prose = "经审核，该同志参加公需科目培训达到规定学时，考核合格，特此证明。"
    assert _headers(form) == _headers(prose) == {"hours_recognition_sheet": 0, "qualification_exam_scores": 0}
    # a certificate OCR'd label by label: each label alone on its line, its value on the next
    # (a 公需科目 certificate of the seed-43 batch had its page typed an hours sheet for these)
    by_label = ("姓名\n卢芳勇\n培训项目\n公需科目培训班\n培训时间\n2023年9月21日上午\n培训学时\n4学时\n"
                "考核结果\n合格")
    assert _headers(by_label) == {"hours_recognition_sheet": 0, "qualification_exam_scores": 0}
    # the same words as a row of header cells OCR'd one by one do head columns
    assert _headers("培训项目\n培训学时\n考核结果\n2023年度培训班\n4\n合格")["hours_recognition_sheet"] == 2
    # a drawn row, its cells joined as the generator's truth line has them; 科目 inside 公需科目 is no
    # score table's subject column
    assert _headers("年度公需科目专业科目合计是否达标")["hours_recognition_sheet"] == 2
    assert _headers("年度公需科目专业科目合计")["qualification_exam_scores"] == 0


def test_a_model_fitted_before_has_no_column_features() -> None:
    old = FeatureSpec()
    assert old.columns == () and not any(n.startswith("columns_") for n in old.names())
    new = FeatureSpec(columns=COLUMNS)
    vec = dict(zip(new.names(), layout_vector(to_doc(DOCS["r197"].text), new), strict=True))
    assert vec["columns_hours_recognition_sheet"] > vec["columns_qualification_exam_scores"] == 0
