"""The page heading from OCR boxes (classifiers/features.py title_from_boxes), on real wording.

A reviewer names a page by its heading; the typing features weigh the heading's words. These pages
are where the tallest line of the upper half is not it (a name, a prize grade, a label with its
value, a page's enumeration), from the anonymised real fixtures (tests/data/real).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.features import title_from_boxes

REAL = Path(__file__).parent / "data" / "real"


def _heading(doc_id: str, page: int = 0) -> str:
    p = json.loads((REAL / f"{doc_id}.json").read_text(encoding="utf-8"))["pages"][page]
    return title_from_boxes([(t, tuple(b)) for t, b, *_ in p["lines"]], p["height"])


@pytest.mark.parametrize(("doc_id", "page", "heading"), [
    ("r235", 0, "教育部高等学校国内访问学者证书"),  # not the sentence below it, as tall
    ("r101", 0, "荣誉证书"),  # not the prize grade 三等奖 printed taller
    ("r116", 0, "认证证书"),  # not the holder's name
    ("r253", 0, "人工智能通识教育研讨会的通知"),  # the second line of a two-line heading, not the first
    ("r323", 0, "Certificate of Award"),  # not the name, printed larger
    ("r283", 0, "Certificate of Participation"),  # not the institute's address line
    ("r149", 2, "图书在版编目（CIP）数据"),  # a CIP record's heading, not its classification line
    ("r309", 0, "国家教育部"),  # not an enumeration item (二、主管单位)
])
def test_the_heading_a_reviewer_names(doc_id: str, page: int, heading: str) -> None:
    assert _heading(doc_id, page) == heading


def test_the_tallest_line_stays_the_heading_when_it_is_one() -> None:
    # a journal's article title, not its running head; a patent certificate's own heading
    assert _heading("r162") == "基于深度学习的工业分拣机器人快速视觉识别与定位算法"
    assert _heading("r028") == "实用新型专利证书"


def test_a_label_with_its_value_as_tall_as_the_heading_is_no_heading() -> None:
    # seed 43's 公需科目 certificate (landscape, OCR'd label by label): the labels' and values' boxes
    # are taller than the heading's; the topmost tall line holding a heading word is the heading
    lines = [("公需科目培训合格证明", (565, 116, 1088, 168)),
             ("姓名", (147, 205, 228, 258)), ("卢芳勇", (391, 203, 503, 258)),
             ("工作单位", (150, 274, 288, 322)), ("常德市中医医院", (396, 272, 626, 323)),
             ("身份证号", (150, 338, 288, 392)), ("430702197807053238", (400, 347, 714, 381)),
             ("培训项目", (147, 406, 284, 454)), ("2023年度专业技术人员公需科目培训班", (398, 409, 940, 449)),
             ("经审核，该同志参加公需科目培训达到规定学时，考核合格，特此证明。", (202, 759, 1179, 794))]
    assert title_from_boxes(lines, 1165) == "公需科目培训合格证明"
    # without it, 姓名 and its value (the tallest row; 姓名 a printed label of a field) are still none
    assert title_from_boxes(lines[1:5], 1165) != "姓名卢芳勇"
