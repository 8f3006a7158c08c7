"""Papers and books as journals and publishers print them (issue #12): the issue's date from a
running header or a citation line, the first edition rather than a reprint, the applicant's rank
among authors run together, after a 主编, in a translator's credit line or an English author line
with membership notes. Wording taken from the real corpus (tests/data/real), names invented."""

from __future__ import annotations

from pipeline.extract import extract_fields
from pipeline.extract.names import split_names
from pipeline.types import Applicant, Line, Page


def text_page(*lines: str) -> Page:
    """A text-layer page with one line under the other, 40 px apart, as pdfium hands them on."""
    boxed = [Line(t, (60, 40 + 40 * i, 60 + 24 * len(t), 64 + 40 * i), 1.0) for i, t in enumerate(lines)]
    return Page("t", 0, 1000, 1400, "\n".join(lines), boxed, engine="textlayer", mean_conf=1.0)


def read(kind: str, name: str, *lines: str) -> dict:
    got = extract_fields(kind, [text_page(*lines)], Applicant("A", name))
    return {k: v.value for k, v in got.items() if v is not None}


def test_the_issue_date_is_the_running_headers_not_the_revised_date() -> None:
    f = read("journal_paper", "曾修远",
             "第３２卷第１２期计算机技术与发展Ｖｌ３２Ｎ１２",
             "２０２２年１２月ＣＯＭＰＵＴＥＲＴＥＣＨＮＯＬＯＧＹ Ｄｅｃ．２０２２",
             "面向多维统一标识体系的标识解析映射机制",
             "缪静莹∗郜帅侯心迪曾修远",
             "收稿日期：２０２２－０１－０７ 修回日期：２０２２－０５－１１")
    assert f["date"] == "2022-12-01"
    # digits set apart, the year-month on the line above the volume
    f = read("journal_paper", "曾修远", "2 0 2 1年4月北京邮电大学学报 A p r . 2 0 2 1",
             "第4 4卷第2期 J o u r n a l o f B e i j i n g U n i v e r s i t y", "曾修远1郜帅1,2侯心迪1")
    assert f["date"] == "2021-04-01" and f["rank"] == 1


def test_a_journals_citation_line_and_an_english_header_give_the_issue() -> None:
    f = read("journal_paper", "曾修远", "计算机研究与发展 DOI：10.7544/issn1000-1239.202330003",
             "Journal of Computer Research and Development 60（4）：763−771，2023",
             "收稿日期：2023-01-03；修回日期：2023-02-06")
    assert f["date"] == "2023-04-01"
    f = read("journal_paper", "曾修远",
             "188 IEEE TRANSACTIONS ON NETWORK AND SERVICE MANAGEMENT, VOL. 19, NO. 1, MARCH 2022",
             "Avery Kemp , Student Member, IEEE , Avery Walsh, Jamie Novak, Member, IEEE ,",
             "Xiuyuan Zeng, Student Member, IEEE , and Quinn Walsh , Fellow, IEEE",
             "sion March 11, 2022. This work was supported by")
    assert f["date"] == "2022-03-01" and f["rank"] == 4


def test_a_translators_rank_counts_among_the_translators() -> None:
    f = read("journal_paper", "艺馨", "国王的演讲", "文/［美国］戴维·塞德勒", "译/艺馨")
    assert f["rank"] == 1


def test_a_book_is_dated_by_its_first_edition_not_its_reprint() -> None:
    f = read("book_publication", "刘清华", "音乐.七年级.下册/张前，刘清华主编. —长沙:湖南",
             "文艺出版社，2013 . 1（2022 . 1重印）", "主编张前", "刘清华",
             "2013年1月第1版 2022年1月第10次印刷")
    assert f["date"] == "2013-01-01" and f["rank"] == 2
    # only the CIP line: the date before the reprint's
    f = read("book_publication", "刘琼发", "通用技术．选择性必修9：创造力开发与技术发明／刘琼发主编．—广州：",
             "广东教育出版社：广东科技出版社，2021.6（2021.12重印）")
    assert f["date"] == "2021-06-01"


def test_a_deputy_editor_ranks_after_the_editor() -> None:
    f = read("book_publication", "周卫星", "主编：刘琼发", "副主编：李榕周卫星朱美健席春玲", "本册主编：徐明")
    assert f["rank"] == 3
    # a 本册主编 is not the 主编
    f = read("book_publication", "徐明", "主编：刘琼发", "本册主编：徐明")
    assert f.get("rank") != 1


def test_two_names_printed_without_a_gap_are_two_names() -> None:
    assert split_names("段巍彭香", "彭香") == ["段巍", "彭香"]
    assert split_names("段巍彭香") == ["段巍", "彭香"]
    assert split_names("欧阳娜娜") == ["欧阳娜娜"]  # a compound surname's name


def test_names_printed_with_their_romanisation_are_counted_after_the_affiliation() -> None:
    f = read("journal_paper", "沈以宁", "基于机器视觉的自动分拣系统设计研究综述",
             "•江南大学轻工过程先进控制教育部重点实验室"
             "沈明 Shen Ming 沈以宁 Shen Yining 江怀瑾 Jiang Huaijin")
    assert f["rank"] == 2


def test_a_corresponding_author_is_no_author_list_and_the_article_number_gives_the_issue() -> None:
    f = read("journal_paper", "韦南乔", "汪予安1,2,3韦南乔1,2，田景行3",
             "中图分类号：TN99 文献标识码：A 文章编号：1606-5123（2017）09-0043-06",
             "通信作者：韦南乔，***@***")
    assert f["rank"] == 2 and f["date"] == "2017-09-01"


def test_serial_numbers_printed_with_a_dash() -> None:
    f = read("journal_paper", "曾修远", "国内统一连续出版物号 CN 11—2560/TP", "ISSN 1671—1815", "曾修远")
    assert f["cn_number"] == "11-2560/TP" and f["issn"] == "1671-1815"


def test_an_unlabelled_issn_is_read_from_the_doi_the_article_number_or_the_copyright_foot() -> None:
    """journal-15c: most first pages print the ISSN without its label (r131's CNKI DOI, r162's
    文章编号, r139's IEEE foot); read there only when its check digit holds."""
    doi = "doi:10．3969/j．issn．1673－629X．2020．12．023"
    assert read("journal_paper", "韦南乔", "韦南乔", doi)["issn"] == "1673-629X"
    number = "中图分类号： TP242文献标识码： A 文章编号：1002-0446(2016)-06-0711-09"
    assert read("journal_paper", "韦南乔", "韦南乔", number)["issn"] == "1002-0446"
    assert read("journal_paper", "Nanqiao Wei", "Nanqiao Wei",
                "1932-4537 © 2021 IEEE. Personal use is permitted")["issn"] == "1932-4537"
    # a wrong check digit, or a number on a line that names no serial, is no ISSN
    assert "issn" not in read("journal_paper", "韦南乔", "韦南乔", "文章编号：1002-0447(2016)-06-0711-09")
    assert "issn" not in read("journal_paper", "韦南乔", "韦南乔", "电话：1002-0446")
