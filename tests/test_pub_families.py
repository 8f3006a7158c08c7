"""The publication families of issue #12 (pubs-12f): an article's first page (Chinese, English),
a book's cover or title page, and the look-alikes that are no publication (conference paper,
poster, acceptance notice). Each renders, its truth states only what its pages print, and the
same kind of page from the real corpus (tests/data/real) or in its wording is read right."""

from __future__ import annotations

import random
import re

import pytest

from classifiers.openset import doc_pages, load_real_docs
from pipeline.extract import extract_fields
from pipeline.types import Applicant, Page
from sample_docs.layouts import PAGE_KINDS
from sample_docs.render import render_document

ITEMS = 4  # per family: cheap (60 dpi, text only is read)


def _docs(family: str) -> list:
    out = []
    for i in range(ITEMS):
        rng = random.Random(f"pubs:{family}:{i}")
        out.append(render_document(family.split("/")[0], rng, dpi=40, family=family))
    return out


def _read(doc) -> dict:
    name = doc.fields.get("person_name") or "某某某"
    pages = [Page("g", k, im.width, im.height, "\n".join(ls), engine="textlayer")
             for k, (im, ls) in enumerate(zip(doc.images, doc.lines, strict=True))]
    got = extract_fields(doc.evidence_type, pages, Applicant("A", name))
    return {k: v.value for k, v in got.items() if v is not None}


def test_a_chinese_first_page_prints_what_its_truth_says_and_is_read_so() -> None:
    for doc in _docs("journal_paper/article_first_page"):
        text = doc.text
        assert doc.page_types[-1] == "journal_paper" and "中图分类号" in text and "图书在版编目" not in text
        # a CN number in the truth only when a page prints one
        assert ("cn_number" in doc.fields) == bool(re.search(r"CN \d{2}-\d{4}", text))
        authors = next(ln for ln in doc.lines[-1] if doc.fields["person_name"] in ln and "简介" not in ln)
        names = [re.sub(r"[\d,*]+$", "", n) for n in re.split(r"[，\s]+", authors) if n]
        assert names.index(doc.fields["person_name"]) + 1 == doc.fields["rank"]
        got = _read(doc)
        assert {k: got.get(k) for k in ("rank", "date", "cn_number")} == \
            {k: doc.fields.get(k) for k in ("rank", "date", "cn_number")}


def test_an_english_first_page_has_no_cn_number_and_names_the_applicant_in_pinyin() -> None:
    for doc in _docs("journal_paper/article_english"):
        text = "\n".join(doc.lines[0])
        assert "cn_number" not in doc.fields and doc.fields["person_name"] not in text
        assert "Abstract" in text or "Research Article" in text
        got = _read(doc)
        assert got.get("date") == doc.fields["date"] and got.get("name_found") is True


def test_a_cover_has_no_cip_and_no_date_and_ranks_by_role() -> None:
    for doc in _docs("book_publication/cover_page"):
        text = doc.text
        assert "图书在版编目" not in text and "date" not in doc.fields
        assert ("isbn" in doc.fields) == ("ISBN" in text)
        assert re.search("主编|编著", text) and doc.parts == ["cover"]
        assert _read(doc).get("rank") == doc.fields["rank"]


LOOK_ALIKES = ["other/conference_paper", "other/research_poster", "other/acceptance_notice"]


@pytest.mark.parametrize("family", LOOK_ALIKES)
def test_the_look_alikes_are_other_with_no_fields(family: str) -> None:
    for doc in _docs(family):
        assert doc.evidence_type == "other" and doc.fields == {} and doc.page_types == ["other"]
        assert PAGE_KINDS[family.split("/")[1]].page_type == "other"


DOCS = {d.doc_id: d for d in load_real_docs()}


# Real first pages, covers and title pages of each kind (anonymised fixtures): CNKI with a
# bimonthly's header (第38卷第6期 over 2016年11月) and 文章编号 (2016)-06, two columns read across,
# IEEE Transactions (rank 4 among members of IEEE), open access (Published …), a trade book's
# '… 编著' line, a textbook's 主编 line with the second 主编 under it.
@pytest.mark.parametrize("doc_id", ["r162", "r168", "r139", "r140", "r190", "r151"])
def test_real_pages_of_the_new_kinds_are_read_right(doc_id: str) -> None:
    d = DOCS[doc_id]
    got = extract_fields(d.evidence_type, doc_pages(d), Applicant("R", d.applicant_name))
    for field in ("rank", "date"):
        if field in d.fields:
            assert got[field].value == d.fields[field], field


def test_a_stated_month_beats_a_bimonthlys_issue_number_and_a_glued_role_line_is_read() -> None:
    def read(kind: str, name: str, *lines: str) -> dict:
        got = extract_fields(kind, [Page("t", 0, 1000, 1400, "\n".join(lines), engine="textlayer")],
                             Applicant("A", name))
        return {k: v.value for k, v in got.items() if v is not None}

    f = read("journal_paper", "罗明", "第12卷第4期 湖南农业科学 Vol.12,No.4", "2021年8月 Aug.,2021",
             "罗明1，李华2", "中图分类号：S511 文献标识码：A 文章编号：1006-060X(2021)-04-0031-05")
    assert f["date"] == "2021-08-01" and f["rank"] == 1
    # no header: the article number, a dash after its year, gives the (monthly) issue
    f = read("journal_paper", "罗明", "网络天地", "李华1，罗明2", "文章编号：1006-060X(2021)-04-0031-05")
    assert f["date"] == "2021-04-01" and f["rank"] == 2
    # 郭爱秀 主编 / 钟涵磊 刘澧文 副主编: a 副主编 after every 主编; 主编付景 glued
    assert read("book_publication", "刘澧文", "智慧社区治理基础", "郭爱秀主编", "钟涵磊刘澧文副主编",
                "人民卫生出版社")["rank"] == 3
    f = read("book_publication", "丁菊", "实用教程", "主编丁菊", "副主编尹玲韩思冬", "人民卫生出版社")
    assert f["rank"] == 1
    # a wrap cover's ISBN is no date (978-7-5710-2000-2 is not February 2000)
    f = read("book_publication", "丁菊", "主编丁菊", "ISBN 978-7-5710-2000-2", "定价：35.00元")
    assert "date" not in f
    # an IEEE byline broken inside a membership note is still one list of names
    f = read("journal_paper", "侯少兰", "Taylor Moreau, Student Member, IEEE, Xuanhai Gong, Student",
             "Member, IEEE, Sasha Ivers, and Shaolan Hou")
    assert f["rank"] == 4
