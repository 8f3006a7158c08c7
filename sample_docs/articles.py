"""Item data of the publication families modelled on what people upload (issue #12): an article's
first page (Chinese CNKI download, English IEEE Transactions / Hindawi), a book's cover or title
page (textbook, trade book), and the look-alikes that are not publications (a conference paper's
first page, a research poster, a journal's acceptance notice: type ``other``).

The builders of sample_docs/items.py call these only for these families (and for the page kinds
they add, when training tops a kind up), so the random draws of every other family are unchanged.
The truth states what the drawn page prints: a date, a CN number, an ISSN only when it is printed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sample_docs import vocab

ARTICLE_CN = "journal_paper/article_first_page"
ARTICLE_EN = "journal_paper/article_english"
BOOK_COVER = "book_publication/cover_page"
ARTICLE_KIND = "journal_article"
TITLE_PAGE_KIND = "book_title_page"
OTHER_PUB_KINDS = ("conference_paper", "research_poster", "acceptance_notice")

# Columns of Chinese journals (栏目) and the CLC classes (中图分类号) of the topics of vocab.TOPICS.
COLUMNS = ("研究论文", "试验研究", "应用研究", "综述", "技术与方法", "调查研究", "经验交流", "网络天地")
# fmt: off
CLC = (
    "S511", "S571.1", "X522", "TU990.3", "S666", "G633.6", "R587.1", "G712", "TV67", "TU756",
    "X713", "S966.12", "R544.1", "D669.3", "U445.7", "R282.71", "X53", "U469.72", "F321.42", "R542.22",
)
# fmt: on
FUNDS = (
    "国家自然科学基金项目（{n}）",
    "湖南省自然科学基金项目（2020JJ{m}）",
    "湖南省教育厅科学研究项目（20C{m}）",
    "常德市科技创新发展专项（2021ZD{k}）",
)
UNITS = (
    "湖南文理学院",
    "常德职业技术学院",
    "湖南省农业科学院",
    "常德市第一人民医院",
    "常德市水利水电勘测设计院",
    "湖南应用技术学院",
    "中南大学",
    "湖南农业大学",
)
DEPTS = (
    "农学院",
    "土木建筑工程学院",
    "计算机与电气工程学院",
    "护理学院",
    "资源环境学院",
    "教育学院",
    "医学院",
    "",
)
CITIES = (("湖南常德", "415000"), ("湖南长沙", "410128"), ("湖南常德", "415003"), ("湖南长沙", "410083"))
PROFESSIONS = ("讲师", "副教授", "教授", "高级工程师", "工程师", "主治医师", "副主任护师", "农艺师")

# English journals of the two first-page styles (IEEE Transactions; open access)
IEEE_JOURNALS = (
    "IEEE TRANSACTIONS ON NETWORK AND SERVICE MANAGEMENT",
    "IEEE TRANSACTIONS ON INDUSTRIAL INFORMATICS",
    "IEEE TRANSACTIONS ON GEOSCIENCE AND REMOTE SENSING",
    "IEEE TRANSACTIONS ON INSTRUMENTATION AND MEASUREMENT",
    "IEEE SENSORS JOURNAL",
)
OA_JOURNALS = (
    "Wireless Communications and Mobile Computing",
    "Journal of Healthcare Engineering",
    "Advances in Civil Engineering",
    "Computational Intelligence and Neuroscience",
    "Journal of Food Quality",
    "Mathematical Problems in Engineering",
)
EN_UNITS = (
    "School of Agriculture, Hunan University of Arts and Science, Changde 415000, China",
    "College of Civil Engineering, Central South University, Changsha 410083, China",
    "Changde First People's Hospital, Changde 415003, China",
    "Hunan Academy of Agricultural Sciences, Changsha 410125, China",
    "School of Computer Science, Hunan Agricultural University, Changsha 410128, China",
)
FOREIGN_NAMES = (
    "Avery Kemp",
    "Jamie Novak",
    "Riley Ferreira",
    "Morgan Walsh",
    "Sasha Ivers",
    "Casey Hale",
    "Taylor Moreau",
    "Quinn Castell",
    "Jordan Blake",
    "Rowan Sato",
)
CONFERENCES = (
    ("International Conference on Computer and Communication Systems", "ICCCS"),
    ("International Conference on Prognostics and Health Management", "PHM"),
    ("International Conference on Agro-Geoinformatics", "Agro-Geoinformatics"),
    ("Asia-Pacific Conference on Intelligent Robot Systems", "ACIRS"),
    ("International Conference on Smart City and Green Energy", "ICSCGE"),
)

# Books modelled on textbook covers (series line, grade, 主编/副主编) and trade-book covers (编著).
TEXTBOOK_SERIES = (
    "义务教育教科书",
    "普通高等教育“十四五”规划教材",
    "全国高等职业教育规划教材",
    "高等学校教材",
    "职业教育国家规划教材",
    "普通高中教科书",
)
SCHOOL_SUBJECTS = ("音乐", "美术", "信息技术", "科学", "劳动教育", "综合实践活动", "地理", "生物学")
GRADES = (
    "七年级 上册",
    "七年级 下册",
    "八年级 上册",
    "八年级 下册",
    "三年级 上册",
    "必修 第一册",
    "选择性必修 第二册",
)
PRESS_EN = {
    "湖南科学技术出版社": "HUNAN SCIENCE & TECHNOLOGY PRESS",
    "中国农业出版社": "CHINA AGRICULTURE PRESS",
    "湖南教育出版社": "HUNAN EDUCATION PUBLISHING HOUSE",
    "人民卫生出版社": "PEOPLE'S MEDICAL PUBLISHING HOUSE",
    "中国水利水电出版社": "CHINA WATER & POWER PRESS",
    "湖南人民出版社": "HUNAN PEOPLE'S PUBLISHING HOUSE",
}


# Sentences of abstracts and bodies ({t} the topic, {m} the method, {p} a percentage), drawn in
# random number and order so that first pages are as long and as varied as real ones.
ABSTRACT_SENTENCES = (
    "针对{t}中存在的效率低、精度不足等问题，提出一种基于{m}的改进方法。",
    "以{t}为研究对象，采用实地调查、对比试验与统计分析相结合的方法开展研究。",
    "首先对研究区的基础数据进行采集与预处理，其次建立评价指标体系，最后对结果进行验证。",
    "结果表明，该方法能够有效提高工作效率，相关指标较传统方法提升{p}%以上。",
    "试验测试中，模型的平均误差小于{p2}%，在实际应用环境中保持了良好的稳定性。",
    "研究结果可为同类工作提供理论依据和技术参考。",
    "通过构建多因素综合评价模型，分析了影响{t}的主要因素及其作用机制。",
)
BODY_SENTENCES = (
    "近年来，{t}受到广泛关注，相关研究不断深入。",
    "已有研究多集中于单一因素的分析，对多因素综合作用的研究相对较少。",
    "本文在前人研究的基础上，结合实地调查与试验数据，对{t}进行系统分析，提出相应的改进措施。",
    "研究区位于湖南省北部，属亚热带季风气候，年平均气温16.7℃，年降水量1300mm左右。",
    "随着信息技术的发展，数据采集、传输与处理手段日益丰富，为{m}提供了条件。",
    "传统方法依赖人工经验，工作量大、效率低，难以满足实际需要。",
    "国内外学者围绕该问题开展了大量研究，取得了一定成果[1-3]。",
    "文献[4]提出了一种改进算法，但其适用范围有限；文献[5]从管理角度进行了探讨。",
    "本文其余部分安排如下：第2节介绍研究方法，第3节给出结果与讨论，第4节为结论。",
    "试验于{y}年3月至10月进行，共设置3个处理，每个处理重复3次。",
)


def _text(rng: random.Random, pool: tuple[str, ...], k: tuple[int, int], **kw: object) -> str:
    picked = rng.sample(pool, rng.randint(*k))
    return "".join(s.format(**kw) for s in picked)


def _superscripts(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    """Each author's affiliation marks ('1,2') and the affiliations they point to."""
    units = rng.sample(UNITS, rng.randint(1, min(3, n)))
    marks = []
    for i in range(n):
        own = sorted({i % len(units)} | ({rng.randrange(len(units))} if rng.random() < 0.3 else set()))
        marks.append(",".join(str(k + 1) for k in own))
    return marks, units


def article_cn(
    rng: random.Random, d: dict[str, Any], fields: dict[str, Any], authors: list[str], year: int
) -> None:
    """A Chinese article's first page as a CNKI download shows it: running header, title, authors
    with superscript affiliations, 摘要, 关键词, 中图分类号 / 文献标识码 / 文章编号, 收稿日期, 基金项目,
    作者简介. The header gives the issue (year and issue or month); CN and ISSN are printed only
    sometimes (in the header or at the foot), and the truth has them only then."""
    month = rng.randint(1, 12)
    show_journal = rng.random() < 0.9  # else a column name only: the issue is read from 文章编号
    bimonthly = show_journal and rng.random() < 0.35
    issue = (month + 1) // 2 if bimonthly else month
    volume = year - rng.randint(1958, 2005) + 1
    pub = dt.date(year, month, 1)  # the header states the year and the month (or the monthly issue)
    marks, units = _superscripts(rng, len(authors))
    header = rng.choices(["volume", "year_issue", "cite"], [3, 3, 1])[0]
    if bimonthly:
        header = "volume"  # a bimonthly's 第N期 is not its month: its header prints the month too
    serials = rng.choice(["none", "none", "header", "foot"])
    if not d.get("cn_number"):
        serials = rng.choice(["header", "foot"])  # an ISSN-only journal prints its ISSN
    received = pub - dt.timedelta(days=rng.randint(90, 300))
    first = authors[0]
    d["article"] = {
        "style": "cn",
        "header": header,
        "spaced_digits": rng.random() < 0.3,  # 2 0 1 6 年 1 1 月: digits set apart in the header
        "show_journal": show_journal,
        "volume": volume,
        "issue_no": issue,
        "month": month,
        "column": rng.choice(COLUMNS),
        "marks": marks,
        "units_en": rng.sample(EN_UNITS, min(len(units), 2)),
        "units": [
            f"{u}{rng.choice(DEPTS)}，{c[0]} {c[1]}"
            for u, c in zip(units, rng.choices(CITIES, k=len(units)), strict=True)
        ],
        "keywords": rng.sample([*vocab.METHODS[:8], "影响因素", "对策", "模型", "优化", "评价体系"], 4),
        "clc": rng.choice(CLC),
        "article_no": f"{d['issn']}({year}){issue:02d}-{rng.randint(1, 180):04d}-{rng.randint(3, 9):02d}",
        "doi": f"10.{rng.randint(13000, 19999)}/j.cnki.{rng.choice(['hnny', 'zgnx', 'jyg', 'hlyj'])}."
        f"{year}.{issue:02d}.{rng.randint(1, 60):03d}",
        "received": received,
        "fund": rng.choice(FUNDS).format(
            n=rng.randint(31800000, 32299999), m=rng.randint(1000, 9999), k=rng.randint(10, 99)
        )
        if rng.random() < 0.7
        else "",
        "bio": f"{first}（{rng.randint(1968, 1995)}—），{rng.choice(['男', '女'])}，湖南常德人，"
        f"{rng.choice(['硕士', '博士', '本科'])}，{rng.choice(PROFESSIONS)}，"
        f"研究方向为{rng.choice(vocab.TOPICS)}{rng.choice(['管理', '技术', '研究'])}。",
        "two_columns": rng.random() < 0.4,  # the body in two columns, read across by an OCR
        # CNKI pages of many journals repeat title, authors, affiliations and abstract in English
        "english_block": rng.random() < 0.6,
        "serials": serials,
        "corresponding": rng.choice(authors) if rng.random() < 0.4 else "",
    }
    title = fields["title"]
    d["article_title"] = title
    d["topic"] = next((t for t in vocab.TOPICS if title.startswith(t)), title[:6])
    d["method"] = next((m for m in vocab.METHODS if m in title), "综合分析")
    kw = {"t": d["topic"], "m": d["method"], "p": rng.randint(8, 35), "p2": rng.randint(1, 5), "y": year - 1}
    d["article"]["abstract"] = _text(rng, ABSTRACT_SENTENCES, (3, 6), **kw)
    d["article"]["body"] = [
        _text(rng, BODY_SENTENCES, (3, 6), **kw),
        _text(rng, BODY_SENTENCES, (2, 5), **kw),
    ]
    d["article"]["title_en"] = vocab.english_title(rng)
    d["date"] = pub
    d["issue"] = issue
    fields["date"] = pub.isoformat()
    fields.pop("cn_number", None)
    fields.pop("issn", None)
    if serials != "none":
        fields["issn"] = d["issn"]
        if d.get("cn_number"):
            fields["cn_number"] = d["cn_number"]
    if not d["article"]["show_journal"]:
        fields.pop("journal", None)


def article_en(
    rng: random.Random,
    d: dict[str, Any],
    fields: dict[str, Any],
    authors: list[str],
    year: int,
    applicant: str,
    print_issn: bool = False,
) -> None:
    """An English article's first page: IEEE Transactions (header with VOL./NO./MONTH YEAR,
    Abstract—, Index Terms—, 'Manuscript received …') or an open-access publisher's (Volume YEAR,
    Article ID, doi, Received/Accepted/Published). Foreign co-authors, the applicant in pinyin with
    the given name first. No CN number: a foreign journal has none."""
    style = rng.choice(["ieee", "oa"])
    others = iter(rng.sample(FOREIGN_NAMES, len(authors)))
    # the applicant in pinyin; a Chinese co-author in pinyin too, or a foreign co-author
    printed = [
        vocab.romanised(a, given_first=True) if a == applicant or rng.random() < 0.4 else next(others)
        for a in authors
    ]
    month = rng.randint(1, 12)
    published = dt.date(year, month, rng.randint(1, 28))
    title = vocab.english_title(rng)
    art: dict[str, Any] = {
        "style": style,
        "authors_printed": printed,
        "units": rng.sample(EN_UNITS, rng.randint(1, 3)),
        "received": published - dt.timedelta(days=rng.randint(120, 260)),
        "accepted": published - dt.timedelta(days=rng.randint(20, 60)),
        "published": published,
        "month": month,
        "page": rng.randint(100, 2400),
        "volume": year - rng.randint(1985, 2010),
        "issue_no": month if rng.random() < 0.5 else (month + 1) // 2,
        "article_id": rng.randint(1000000, 9999999),
        "pages": rng.randint(8, 18),
        "editor": rng.choice(FOREIGN_NAMES),
    }
    if style == "ieee":
        journal = rng.choice(IEEE_JOURNALS)
        pub = dt.date(year, month, 1)  # the issue's month: the header's MONTH YEAR
    else:
        journal = rng.choice(OA_JOURNALS)
        pub = published  # an open-access article's issue is its publication: 'Published 3 November 2022'
    # the ISSN at the foot (IEEE: '1932-4537 © 2022 IEEE') or under the header, only sometimes;
    # always for an ISSN-only journal planted as such (no_cn), so that its page shows what it has
    art["issn"] = d["issn"] if (print_issn or rng.random() < 0.3) else ""
    art["journal"] = journal
    d["article"] = art
    d["date"] = pub
    fields.update(title=title, journal=journal, date=pub.isoformat())
    d["title_en"] = title
    fields.pop("cn_number", None)
    fields.pop("issn", None)
    if art["issn"]:
        fields["issn"] = art["issn"]


def book_cover(
    rng: random.Random, d: dict[str, Any], fields: dict[str, Any], person_name: str, absent: bool, rank: int
) -> None:
    """A textbook's or a trade book's cover (and sometimes its title page): series line, title,
    the people by role (主编 … / 副主编 …, or one '… 编著' line), the press; no CIP, no date.
    The applicant's rank is their position, a 副主编 after every 主编."""
    textbook = rng.random() < 0.6
    n = max(rank, rng.randint(1, 4))
    names = vocab.other_names(rng, n, {person_name})
    if not absent:
        names[rank - 1] = person_name
    if textbook:
        n_chief = rng.randint(1, min(2, n))
        roles = [("主编", names[:n_chief]), ("副主编", names[n_chief:])]
        subject = rng.choice(SCHOOL_SUBJECTS)
        series = rng.choice(TEXTBOOK_SERIES)
        school = "教科书" in series
        title = (
            subject
            if school
            else rng.choice(vocab.TOPICS) + rng.choice(["概论", "实用教程", "基础", "实训教程"])
        )
        subtitle = rng.choice(GRADES) if school else rng.choice(["第2版", "", ""])
    else:
        roles = [("编著", names)]
        series = rng.choice(["", "", "信息技术丛书", "乡村振兴实用技术丛书"])
        title = rng.choice(vocab.TOPICS) + rng.choice(["实用技术", "技术手册", "理论与实践", "案例分析"])
        subtitle = rng.choice(["基于现场试验与案例", "从入门到实践", "原理、方法与应用", ""])
    d["cover"] = {
        "textbook": textbook,
        "series": series,
        "subtitle": subtitle,
        "roles": [(r, ns) for r, ns in roles if ns],
        "spaced": rng.random() < 0.4,  # 付 景: two-character names spaced on covers
        "wrap": rng.random() < 0.35,  # front, spine and back in one picture (定价, ISBN on the back)
        "price": f"{rng.randint(9, 89)}.{rng.choice(['00', '50', '80'])}",
        "press_en": PRESS_EN.get(d["publisher"], ""),
        "approved": rng.random() < 0.3
        and "教科书" in series,  # 经…审定委员会2021年审定通过: not the edition's date
    }
    d["title"] = title
    fields["title"] = title
    fields.pop("date", None)  # a cover prints no date
    if not d["cover"]["wrap"]:
        fields.pop("isbn", None)  # the ISBN is on the back cover only


def other_pub(kind: str, rng: random.Random, p_name: str, employer: str, when: dt.date) -> dict[str, Any]:
    """Data of a page that looks like a publication and is none: a conference paper's first page,
    a research poster, a journal's acceptance notice (a promise to publish)."""
    authors = [vocab.romanised(p_name, given_first=True), *rng.sample(FOREIGN_NAMES, rng.randint(1, 4))]
    rng.shuffle(authors)
    conf, acronym = rng.choice(CONFERENCES)
    journal = rng.choice(vocab.JOURNALS)
    return {
        "kind": kind,
        "date": when,
        "authors": authors,
        "cn_author": p_name,
        "co_authors": vocab.other_names(rng, rng.randint(1, 3), {p_name}),
        "units": rng.sample(EN_UNITS, rng.randint(1, 2)),
        "conference": conf,
        "acronym": acronym,
        "edition": rng.randint(3, 15),
        "title_en": vocab.english_title(rng),
        "title_cn": vocab.research_title(rng),
        "journal": journal,
        "journal_en": rng.choice(OA_JOURNALS),
        "employer": employer,
        "isbn": f"979-8-{rng.randint(3500, 3503)}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}",
        "doi": f"10.1109/{acronym.split('-')[0]}{rng.randint(50000, 59999)}.{when.year}."
        f"{rng.randint(10000000, 10999999)}",
        "planned_issue": rng.randint(1, 12),
        "english": rng.random() < 0.3,
    }
