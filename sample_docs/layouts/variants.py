"""The layouts of the non-original layout families (sample_docs/families.py).

``DRAW[(page kind, family)]`` replaces the page kind's original drawing for items of that
family; page kinds a family does not list keep the original drawing (a training item of the
``checkbox_form`` family still has the ordinary 红头 notice). Each function draws from the same
item data as the original layout, so the truth fields are the same; only the wording, the label
words and their order, prose vs table, the date form, tick boxes and enumerations differ.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from typing import Any

from pipeline.cjk import CJK_TEXT
from sample_docs import dates
from sample_docs.canvas import BLACK, GOLD, RED, DocPage

Draw = Callable[[DocPage, dict[str, Any], random.Random], None]
DRAW: dict[tuple[str, str], Draw] = {}

CN = "cn_upper"  # 二〇二二年三月十五日
ENUM_SEP = "；"
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _reg(kind: str, family: str) -> Callable[[Draw], Draw]:
    def deco(fn: Draw) -> Draw:
        DRAW[(kind, family)] = fn
        return fn

    return deco


# -- helpers ----------------------------------------------------------------------------------


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _enum(items: list[str]) -> str:
    """'1. a；2. b；3. c' — an enumeration on one line, as real certificates print lists."""
    return ENUM_SEP.join(f"{i}. {s}" for i, s in enumerate(items, 1))


def _cn_range(a: dt.date, b: dt.date) -> str:
    return dates.fmt(a, CN) if a == b else f"{dates.fmt(a, CN)}至{dates.fmt(b, CN)}"


def _en_date(d: dt.date) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def _en_range(a: dt.date, b: dt.date) -> str:
    if a.year == b.year and a.month == b.month:
        return f"{MONTHS_EN[a.month - 1]} {a.day}-{b.day}, {a.year}"
    return f"{_en_date(a)} - {_en_date(b)}"


def _sign(p: DocPage, y: float, org: str, when: str, rng: random.Random, size: float = 12.5) -> float:
    """Issuer and date at the right, the red seal over both (over text, as on real papers)."""
    x = p.width_mm - 28
    p.text(x, y, org, size, align="right")
    p.text(x, y + 8, when, size, align="right")
    p.seal(x - p.text_width_mm(org, size) / 2 + rng.uniform(-6, 6), y + 4 + rng.uniform(-2, 3), org, rng, 36)
    return y + 20


def _form(
    p: DocPage, y: float, rows: list[tuple[str, str]], x0: float = 20, x1: float = 52, size: float = 11.5
) -> float:
    """A ruled two-column form: label cell | value cell; one truth line per row."""
    x2 = p.width_mm - x0
    top = y - 2
    for label, value in rows:
        p.hline(x0, x2, y - 2, 0.25)
        y = p.row(y, [(x0 + 2, label), (x1 + 3, value)], size) + 2.2
    p.hline(x0, x2, y - 2, 0.25)
    for x in (x0, x1, x2):
        p.vline(x, top, y - 2, 0.25)
    return y


def _grid(
    p: DocPage, y: float, header: list[str], rows: list[list[str]], xs: list[float], size: float = 10.5
) -> float:
    """A ruled table with a header row; cells at ``xs``; one truth line per row."""
    x0, x2 = xs[0] - 2, p.width_mm - xs[0] + 2
    top = y - 2
    y = p.row(y, list(zip(xs, header, strict=True)), size + 0.5, "title") + 0.8
    for r in rows:
        p.hline(x0, x2, y - 2, 0.2)
        y = p.row(y, list(zip(xs, r, strict=True)), size) + 0.8
    p.hline(x0, x2, top, 0.3)
    p.hline(x0, x2, y - 2, 0.3)
    for x in [x0, *[c - 1.5 for c in xs[1:]], x2]:
        p.vline(x, top, y - 2, 0.2)
    return y


def _boxes(
    p: DocPage, x: float, y: float, label: str, options: list[str], chosen: str, size: float = 11.5
) -> float:
    """'考核结果  ☒合格 □基本合格 □不合格': tick boxes drawn as graphics, the ticked option is the
    value. The truth line writes the boxes as ☒ / □ (what a careful reader would transcribe)."""
    p.text(x, y, label, size, truth=False)
    cx = x + p.text_width_mm(label, size) + 4
    box = size * 25.4 / 72 * 0.8
    parts = []
    for opt in options:
        p.rect(cx, y + 0.6, cx + box, y + 0.6 + box, 0.3)
        if opt == chosen:
            p.hline(cx, cx + box, y + 0.6 + box / 2, 0.01, fill=(255, 255, 255))  # keep the box crisp
            for a, b in (
                ((cx, y + 0.6), (cx + box, y + 0.6 + box)),
                ((cx, y + 0.6 + box), (cx + box, y + 0.6)),
            ):
                for dr in (p.draw, p.gdraw):
                    dr.line(
                        [(p.px(a[0]), p.px(a[1])), (p.px(b[0]), p.px(b[1]))],
                        fill=BLACK,
                        width=max(1, p.px(0.35)),
                    )
        p.text(cx + box + 1, y, opt, size, truth=False)
        cx += box + 1 + p.text_width_mm(opt, size) + 5
        parts.append(("☒" if opt == chosen else "□") + opt)
    p.add_line(f"{label} " + " ".join(parts))
    return y + size * 25.4 / 72 * 1.7


_CJK = re.compile(f"[{CJK_TEXT}]")  # the project's one definition of CJK text


def _chunks(p: DocPage, s: str, width_mm: float, size: float, role: str = "body") -> list[str]:
    """``s`` broken into lines that fit ``width_mm`` (the lines of one column): Chinese anywhere,
    English between words."""
    tokens = list(s) if _CJK.search(s) else s.split(" ")
    sep = " " if len(tokens) < len(s) else ""
    out, cur = [], ""
    for tok in tokens:
        if cur and p.text_width_mm(cur + sep + tok, size, role) > width_mm:
            out.append(cur)
            cur = tok
        else:
            cur = cur + sep + tok if cur else tok
    return [*out, cur] if cur else out


def _paragraph(
    p: DocPage,
    x: float,
    y: float,
    width_mm: float,
    s: str,
    size: float,
    role: str = "body",
    leading: float = 1.4,
) -> float:
    """A paragraph drawn line by line (Chinese broken anywhere, English between words); each line a
    truth line. (canvas.wrap breaks anywhere, as CJK text may.)"""
    for ln in _chunks(p, s, width_mm, size, role):
        p.text(x, y, ln, size, role)
        y += size * 25.4 / 72 * leading
    return y


def _title(p: DocPage, y: float, s: str, size: float = 20, color=BLACK, spacing: float = 0.1) -> float:
    return p.text(p.width_mm / 2, y, s, size, "title", color, align="center", spacing_em=spacing) + 5


# -- patent_certificate ------------------------------------------------------------------------


def _patent_words(d: dict[str, Any]) -> tuple[str, str, str]:
    kind_cn = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}[d["patent_kind"]]
    name_word = {
        "invention": "发明名称",
        "utility_model": "实用新型名称",
        "design": "使用外观设计的产品名称",
    }[d["patent_kind"]]
    return kind_cn, name_word, "设计人" if d["patent_kind"] == "design" else "发明人"


@_reg("patent_certificate", "patent_certificate/electronic")
def patent_electronic(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    kind_cn, name_word, person_word = _patent_words(d)
    p.border(rng, "plain", color=(150, 120, 60), margin_mm=12)
    y = p.text(w / 2, 30, "中华人民共和国国家知识产权局", 12, align="center") + 3
    y = _title(p, y, f"{kind_cn}专利证书", 26, spacing=0.2) + 6
    x = 28
    rows = [
        (name_word, d["title"]),
        ("专利号", d["patent_number_printed"].replace(" ", "")),
        ("专利申请日", dates.fmt(d["filing_date"], "cn_pad")),
        ("专利权人", d["owner"]),
        ("地址", d["owner_address"]),
        (person_word, "；".join(d["names"])),
        ("授权公告号", d["publication_number"]),
        ("授权公告日", dates.fmt(d["date"], "cn_pad")),
    ]
    for label, value in rows:
        y = p.wrap(x, y, w - 56, f"{label}：{value}", 12) + 1.5
    y = p.wrap(
        x,
        y + 4,
        w - 56,
        "国家知识产权局依照中华人民共和国专利法经过审查，决定授予专利权，"
        "颁发电子专利证书并在专利登记簿上予以登记。专利权自授权公告之日起生效。",
        10.5,
        indent_chars=2,
    )
    p.rect(x, y + 6, x + 24, y + 30, 0.4)  # the QR code square of an electronic certificate
    p.text(x + 28, y + 16, f"证书号第{d['certificate_number']}号", 11)
    p.seal(w - 55, y + 20, "中华人民共和国国家知识产权局", rng, 40)


@_reg("patent_certificate", "patent_certificate/enumerated")
def patent_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    kind_cn, name_word, person_word = _patent_words(d)
    y = _title(p, 28, f"{kind_cn}专利证书", 28, RED, 0.25) + 4
    p.text(w - 28, 18, f"第{d['certificate_number']}号", 10.5, align="right")
    x = 26
    y = p.wrap(x, y, w - 52, f"{name_word}：{d['title']}", 12.5) + 1
    y = p.wrap(x, y, w - 52, f"{person_word}：{_enum(d['names'])}", 12.5) + 1
    y = p.text(x, y, f"专利号：{d['patent_number_printed']}", 12.5) + 1
    y = p.text(x, y, f"申请日：{dates.fmt(d['filing_date'], CN)}", 12.5) + 1
    y = p.wrap(x, y, w - 52, f"专利权人：{d['owner']}", 12.5) + 1
    y = p.text(x, y, f"授权公告日：{dates.fmt(d['date'], CN)}", 12.5) + 6
    y = p.wrap(
        x,
        y,
        w - 52,
        "本专利的专利权期限自申请日起算。专利权人应当依照专利法及其实施细则规定缴纳年费。",
        10.5,
        indent_chars=2,
    )
    p.text(w - 70, y + 20, "局长", 13, "title")
    p.signature(w - 56, y + 16, "申长雨", rng, 20)
    p.seal(w - 56, y + 24, "中华人民共和国国家知识产权局", rng, 42)


# -- award_certificate -------------------------------------------------------------------------

_GRADE = {0: "特等奖", 1: "一等奖", 2: "二等奖", 3: "三等奖"}


@_reg("award_certificate", "award_certificate/roster")
def award_roster(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["corners", "band"]), color=rng.choice([GOLD, RED]), margin_mm=9)
    y = _title(p, 22, "获奖证书", 26, RED, 0.3)
    award = d["award_name"].removesuffix("证书")
    y = p.wrap(34, y, w - 68, f"{d['year']}年度{award}", 14, "title") + 1
    y = p.wrap(34, y, w - 68, f"获奖项目：{d['title']}", 12.5) + 0.5
    y = p.text(34, y, f"奖励等级：{_GRADE[d['grade']]}", 12.5) + 2
    y = p.text(34, y, "主要完成人：", 12.5)
    rows = [
        [
            str(i),
            n,
            rng.choice(["湖南省", "常德市"]) + rng.choice(["农业科学研究院", "第一人民医院", "水利局"]),
        ]
        for i, n in enumerate(d["names"], 1)
    ]
    y = _grid(p, y + 1, ["序号", "姓名", "工作单位"], rows, [36, 52, 80], 10.5)
    y = p.text(34, y + 1, f"证书编号：{d['certificate_number']}", 10.5)
    _sign(p, max(y + 2, h - 40), d["issuer"], dates.fmt(d["date"], CN), rng, 13)


@_reg("award_certificate", "award_certificate/role")
def award_role(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=GOLD, margin_mm=9)
    y = _title(p, 26, "荣誉证书", 28, RED, 0.35) + 4
    rank = d["rank"]
    shown = d["names"][rank - 1]
    y = p.text(36, y, f"授予：{shown}（第{dates.cn_number(rank)}完成人）", 15) + 3
    rows = [
        ("获奖项目", d["title"]),
        ("奖励等级", _GRADE[d["grade"]]),
        ("奖励年度", f"{d['year']}年度"),
        ("证书号", d["certificate_number"]),
    ]
    for label, value in rows:
        y = p.wrap(36, y, w - 72, f"{label}：{value}", 13) + 1
    y = p.text(48, y + 3, "特颁此证，以资鼓励。", 14)
    _sign(p, max(y + 6, h - 44), d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng, 14)


# -- journal_paper -----------------------------------------------------------------------------


@_reg("journal_contents", "journal_paper/contents_table")
def journal_contents_table(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    total = 100 + (d["date"].year - 2000) * 12 + d["issue"]
    y = p.text(
        w / 2, 16, f"{d['journal']}  {d['date'].year}年第{d['issue']}期（总第{total}期）", 11, align="center"
    )
    y = _title(p, y + 3, "目　次", 20)
    sections = ["研究论文", "技术与方法", "经验交流", "综述"]
    rows = [
        [sections[i % len(sections)], t, "，".join(a), str(pg)] for i, (t, a, pg) in enumerate(d["contents"])
    ]
    size = 9.5 if max(len(t) for t, _, _ in d["contents"]) <= 22 else 8  # long titles: a smaller face
    _grid(p, y, ["栏目", "题名", "作者", "页码"], rows, [18, 38, 142, 184], size)


def _en(d: dict[str, Any]) -> dict[str, Any]:
    return d["english"]


@_reg("journal_cover", "journal_paper/english")
def journal_cover_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    e, w = _en(d), p.width_mm
    p.rect(0, 0, w, 70, 0, outline=(30, 60, 110), fill=(30, 60, 110))
    p.text(w / 2, 24, e["journal"], 22, "title", (255, 255, 255), align="center")
    y = p.text(w / 2, 90, f"Volume {e['volume']}, Number {d['issue']}", 14, align="center") + 2
    y = p.text(w / 2, y, f"{MONTHS_EN[d['date'].month - 1]} {d['date'].year}", 14, align="center") + 8
    p.text(w / 2, y, f"ISSN {d['issn']}", 12, align="center")
    p.text(w / 2, p.height_mm - 30, e["publisher"], 12, align="center")


@_reg("journal_contents", "journal_paper/english")
def journal_contents_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    e, w = _en(d), p.width_mm
    y = p.text(
        18,
        16,
        f"{e['journal']}  Vol. {e['volume']}, No. {d['issue']}  "
        f"{MONTHS_EN[d['date'].month - 1]} {d['date'].year}",
        10,
    )
    p.hline(18, w - 18, y + 1, 0.4)
    y = _title(p, y + 5, "CONTENTS", 20)
    for title, authors, page in e["contents"]:
        y = p.wrap(20, y, w - 50, title, 11, leading=1.45)
        p.lines[-1] = p.lines[-1] + f" {page}"
        p.text(w - 20, y - 11 * 25.4 / 72 * 1.45, str(page), 11, align="right", truth=False)
        y = p.text(26, y, ", ".join(authors), 10, fill=(60, 60, 60)) + 2


@_reg("journal_copyright", "journal_paper/english")
def journal_copyright_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    e, w = _en(d), p.width_mm
    y = _title(p, 22, e["journal"], 16)
    for line in (
        f"Published {_en_date(d['date'])}",
        f"Volume {e['volume']}, Number {d['issue']}",
        f"ISSN {d['issn']} (Print)",
        f"Publisher: {e['publisher']}",
        "All rights reserved. No part of this publication may be reproduced without permission.",
    ):
        y = p.wrap(24, y, w - 48, line, 11) + 1.5


# -- book_publication --------------------------------------------------------------------------


def _book_rows(d: dict[str, Any], byline_label: str, byline: str, edition: str) -> list[tuple[str, str]]:
    return [
        ("书名", d["title"]),
        (byline_label, byline),
        ("出版发行", d["publisher"]),
        ("版次", edition),
        ("书号", f"ISBN {d['isbn']}"),
        ("定价", "58.00元"),
    ]


@_reg("book_copyright", "book_publication/editors")
def book_copyright_editors(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    names = d["authors"]
    y = p.text(22, 26, f"{d['title']}", 13, "title") + 3
    y = p.text(22, y, f"主　编　{names[0]}", 12) + 0.5
    if len(names) > 1:
        y = p.text(22, y, "副主编　" + "　".join(names[1:3]), 12) + 0.5
    if len(names) > 3:
        y = p.text(22, y, "编　委　" + "　".join(names[3:]), 12) + 0.5
    y = p.text(22, y + 3, "图书在版编目（CIP）数据", 12, "title") + 1
    y = (
        p.wrap(
            22,
            y,
            w - 44,
            f"{d['title']}/{names[0]}主编.—{d['publisher']}，{d['date'].year}.{d['date'].month}",
            10.5,
        )
        + 0.5
    )
    y = p.text(22, y, f"ISBN {d['isbn']}", 10.5) + 4
    p.hline(20, w - 20, y, 0.3)
    y += 4
    for label, value in _book_rows(d, "主编", names[0], f"{d['date'].year}年{d['date'].month}月第1版"):
        y = p.wrap(22, y, w - 44, f"{label}：{value}", 10.5) + 0.8


@_reg("book_copyright", "book_publication/cn_edition")
def book_copyright_cn(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(22, 26, "图书在版编目（CIP）数据", 12, "title") + 1
    y = p.wrap(22, y, w - 44, f"{d['title']}/{d['byline_cip']}.—{d['publisher']}", 10.5) + 0.5
    y = p.text(22, y, f"ISBN {d['isbn']}", 10.5) + 1
    y = p.text(22, y, f"中国版本图书馆CIP数据核字（{d['date'].year}）第{d['cip_no']}号", 10.5) + 4
    rows = [[str(i), n, "著"] for i, n in enumerate(d["authors"], 1)]
    y = _grid(p, y, ["序号", "著者", "著作方式"], rows, [24, 40, 90], 10.5) + 2
    edition = f"{dates.fmt_month(d['date'], CN)}第一版　{dates.fmt_month(d['date'], CN)}第一次印刷"
    for label, value in [
        ("出版发行", d["publisher"]),
        ("版　　次", edition),
        ("书　　号", f"ISBN {d['isbn']}"),
    ]:
        y = p.wrap(22, y, w - 44, f"{label}　{value}", 10.5) + 0.8


# -- training_certificate ----------------------------------------------------------------------


@_reg("training_certificate", "training_certificate/checkbox_form")
def training_checkbox(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    _w, h = p.width_mm, p.height_mm
    y = _title(p, 12, "继续教育培训合格证明", 17)
    when = _cn_range(d["start_date"], d["end_date"]) + (d["half_period"] if d.get("half_day") else "")
    rows = [
        ("学员姓名", d["person_name_printed"]),
        ("所在单位", d.get("employer", "")),
        ("培训内容", d["title"]),
        ("举办单位", d["issuer"]),
        ("起止时间", when),
        ("学时数", f"{_num(d['stated_hours'])}"),
        ("证书编号", d["certificate_number"]),
    ]
    y = _form(p, y, rows, 16, 42, 11)
    y = _boxes(p, 18, y + 1, "考核结果", ["合格", "基本合格", "不合格"], "合格", 11) + 1
    _sign(p, max(y, h - 30), d["issuer"], dates.fmt(d["date"], CN), rng, 11.5)


@_reg("training_certificate", "training_certificate/enumerated")
def training_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=(40, 80, 150), margin_mm=7)
    y = _title(p, 18, "结业证书", 22, RED, 0.3)
    days = d["end_date"].toordinal() - d["start_date"].toordinal() + 1
    days_txt = "半天" if d.get("half_day") else f"{days}天"
    topics = sorted({s[2] for s in d["sessions"]})[:4]
    body = (
        f"兹证明{d['person_name_printed']}同志于{dates.fmt_range(d['start_date'], d['end_date'], 'cn')}"
        f"参加了由{d['issuer']}举办的{d['title']}，学习内容包括：{_enum(topics)}。"
        f"培训时长{days_txt}，计{_num(d['stated_hours'])}学时，考核合格，准予结业。"
    )
    y = p.wrap(26, y, w - 52, body, 12.5, indent_chars=2, leading=1.75) + 2
    y = p.text(26, y, f"编号：{d['certificate_number']}", 10.5)
    _sign(p, max(y + 2, h - 36), d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng, 12)


# -- training_notice ---------------------------------------------------------------------------


@_reg("training_notice", "training_notice/lecture")
def lecture_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 24, "学术讲座通知", 22, RED, 0.1) + 4
    teacher = d["sessions"][0][3]
    rows = [
        ("讲座题目", d["title"]),
        ("主讲人", teacher),
        ("时间", dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))),
        ("地点", d["venue"]),
        ("参加对象", "本单位全体专业技术人员"),
        ("主办单位", d["doc_org"]),
    ]
    for label, value in rows:
        y = p.wrap(26, y, w - 52, f"{label}：{value}", 12.5) + 1.5
    y = (
        p.wrap(
            26,
            y + 3,
            w - 52,
            "请参加人员按时签到，讲座学时计入本年度继续教育专业科目学时。",
            12.5,
            indent_chars=2,
        )
        + 4
    )
    _sign(p, y + 6, d["doc_org"], dates.fmt(d["notice_date"], d.get("date_form", "cn")), rng)


@_reg("sign_in_sheet", "training_notice/lecture")
def lecture_sign_in(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 20, f"“{d['title']}”讲座签到表", 15)
    y = (
        p.text(22, y, f"时间：{dates.fmt(d['start_date'], d.get('date_form', 'cn'))}　地点：{d['venue']}", 11)
        + 2
    )
    rows = []
    for i, (name, employer) in enumerate(d["attendees"], 1):
        rows.append([str(i), name, employer, rng.choice(["工程师", "主治医师", "农艺师", "讲师"]), ""])
    xs = [22, 34, 56, 130, 160]
    y0 = y
    y = _grid(p, y, ["序号", "姓名", "单位", "职称", "签名"], rows, xs, 10.5)
    step = (y - y0) / (len(rows) + 1)
    for i, r in enumerate(rows, 1):  # handwritten names in the 签名 column; not truth text
        p.text(xs[4], y0 + step * i - 0.5, r[1], 12, "sign", (30, 30, 90), truth=False)


@_reg("training_notice", "training_notice/roster")
def roster_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.red_header(18, d["doc_org"], 22)
    if d.get("doc_number"):
        y = p.text(w / 2, y, d["doc_number"], 12, align="center") + 3
    y = p.wrap(25, y, w - 50, d["doc_title"], 16, "title", leading=1.5) + 2
    y = p.text(25, y, d["addressees"], 12) + 1
    when = _cn_range(d["start_date"], d["end_date"])
    y = (
        p.wrap(
            25,
            y,
            w - 50,
            f"为提升专业技术人员业务能力，经研究，定于{when}在{d['venue']}举办{d['title']}。"
            "现将参训人员名单通知如下，请各单位督促参训人员按时报到。",
            12,
            indent_chars=2,
            leading=1.7,
        )
        + 2
    )
    names = d.get("trainee_list") or [a[0] for a in d["attendees"]]
    by_name = dict(d["attendees"])
    rows = [[str(i), n, by_name.get(n, d.get("employer", ""))] for i, n in enumerate(names, 1)]
    y = p.text(25, y, "附件：参训人员名单", 12, "title") + 1
    y = _grid(p, y, ["序号", "姓名", "单位"], rows, [27, 42, 70], 10.5)
    _sign(p, y + 4, d["doc_org"], dates.fmt(d["notice_date"], CN), rng)


# -- online_course_certificate -----------------------------------------------------------------


@_reg("online_course_certificate", "online_course_certificate/course_table")
def online_table(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    y = p.text(w / 2, 14, d["platform"], 12, align="center", fill=(40, 90, 160)) + 1
    y = _title(p, y, "继续教育学时证明", 18)
    y = p.row(y, [(20, f"姓名：{d['person_name_printed']}"), (100, f"单位：{d['employer']}")], 11) + 1
    rows = [[c, "专业课", _num(hh), dates.fmt(d["date"], "dash")] for c, hh in d["courses"]]
    rows.append(["合计", "", _num(d["stated_hours"]), ""])
    y = _grid(p, y, ["课程名称", "类型", "学时", "完成时间"], rows, [22, 120, 150, 175], 10)
    y = p.text(
        20, y + 1, f"学习时间：{dates.fmt(d['start_date'], 'dash')}至{dates.fmt(d['date'], 'dash')}", 10.5
    )
    y = p.text(20, y, f"证明编号：{d['certificate_number']}", 10.5)
    _sign(p, max(y + 2, h - 34), d["issuer"], dates.fmt(d["date"], "dash"), rng, 11.5)


@_reg("online_course_certificate", "online_course_certificate/enumerated")
def online_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "corners", color=(40, 90, 160), margin_mm=8)
    y = _title(p, 22, "学习证明", 24, spacing=0.3)
    courses = _enum([f"{c}（{_num(hh)}学时）" for c, hh in d["courses"]])
    body = (
        f"{d['person_name_printed']}（{d['employer']}）自{dates.fmt(d['start_date'], CN)}起在{d['platform']}"
        f"学习了以下课程：{courses}。共计{_num(d['stated_hours'])}学时，成绩合格。"
    )
    y = p.wrap(30, y, w - 60, body, 12.5, indent_chars=2, leading=1.75) + 2
    y = p.text(30, y, f"证书编号：{d['certificate_number']}", 10.5)
    _sign(p, max(y + 2, h - 38), d["issuer"], dates.fmt(d["date"], CN), rng)


# -- conference_record -------------------------------------------------------------------------


@_reg("conference_invitation", "conference_record/english")
def conference_invitation_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 24, "INVITATION LETTER", 18)
    y = p.text(25, y, f"Dear Dr. {d['person_pinyin']},", 12) + 2
    paras = [
        f"On behalf of the organizing committee, it is our pleasure to invite you to attend the "
        f"{d['title_en']}, hosted by {d['host_en']}, to be held in Changsha, China, on "
        f"{_en_range(d['start_date'], d['end_date'])}.",
        f"会议名称：{d['title']}；主办单位：{d['host']}。",
        "Registration fee, accommodation and travel expenses are covered by the participant.",
    ]
    for para in paras:
        y = p.wrap(25, y, w - 50, para, 11.5, leading=1.6) + 2
    y = p.text(25, y + 4, "Sincerely yours,", 11.5) + 2
    _sign(p, y + 4, d["host"], _en_date(d["notice_date"]), rng, 11.5)


@_reg("conference_receipt", "conference_record/english")
def conference_receipt_boxes(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 24, "参会回执 / Registration Form", 16)
    rows = [
        ("姓名 Name", d["person_name_printed"]),
        ("单位 Affiliation", d["employer"]),
        ("职称 Title", d["title_cn"]),
        ("参会时间 Dates", dates.fmt_range(d["start_date"], d["end_date"], "dot")),
    ]
    y = _form(p, y, rows, 20, 62, 11)
    y = _boxes(p, 22, y + 2, "是否提交论文", ["是", "否"], rng.choice(["是", "否"]), 11)
    y = _boxes(p, 22, y, "是否住宿", ["是", "否"], rng.choice(["是", "否"]), 11)
    _sign(p, y + 8, d["host"], dates.fmt(d["end_date"], "cn"), rng)


@_reg("conference_invitation", "conference_record/notice")
def conference_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.red_header(18, d["host"], 22)
    y = p.wrap(25, y, w - 50, f"关于召开{d['title']}的通知", 16, "title", leading=1.5) + 2
    y = p.text(25, y, "各会员单位：", 12) + 1
    rows = [
        ("会议时间", _cn_range(d["start_date"], d["end_date"])),
        ("会议地点", d["venue"]),
        ("参会人员", f"{d['person_name_printed']}等各会员单位代表"),
    ]
    y = p.wrap(25, y, w - 50, "经研究，定于近期召开学术年会，现将有关事项通知如下：", 12, indent_chars=2) + 1
    for i, (label, value) in enumerate(rows, 1):
        y = p.wrap(25, y, w - 50, f"{dates.cn_number(i)}、{label}：{value}", 12) + 1
    _sign(p, y + 8, d["host"], dates.fmt(d["notice_date"], CN), rng)


@_reg("conference_receipt", "conference_record/notice")
def conference_receipt_table(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 24, "参会回执", 18)
    rows = [
        [
            d["person_name_printed"],
            d["employer"],
            d["title_cn"],
            dates.fmt(d["start_date"], "dot"),
            dates.fmt(d["end_date"], "dot"),
        ]
    ]
    y = _grid(p, y, ["姓名", "单位", "职称", "报到日期", "离会日期"], rows, [20, 40, 105, 130, 160], 10.5)
    _sign(p, y + 10, d["host"], dates.fmt(d["start_date"], CN), rng)


# -- practice_activity -------------------------------------------------------------------------


@_reg("activity_log", "practice_activity/log_table")
def activity_log_table(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 20, "下乡服务工作记录表", 17)
    y = p.text(22, y, f"姓名：{d['person_name_printed']}　单位：{d['employer']}", 11) + 2
    rows = [[day, d["venue"], what, "1"] for day, what in d["log"]]  # days as the log prints them
    rows.append(["合计", "", "", str(len(d["log"]))])
    y = _grid(p, y, ["日期", "地点", "工作内容", "天数"], rows, [22, 50, 90, 175], 10)
    _sign(p, y + 8, d["doc_org"], dates.fmt(d["end_date"], "cn"), rng)


@_reg("dispatch_notice", "practice_activity/cn_dates")
def dispatch_cn(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.red_header(18, d["doc_org"], 22)
    y = p.wrap(25, y, w - 50, f"关于派遣专业技术人员参加{d['title']}的函", 16, "title", leading=1.5) + 2
    y = p.text(25, y, d["addressees"], 12) + 1
    names = d.get("team") or [d["person_name_printed"]]
    body = (
        f"根据工作安排，现派遣以下人员于{_cn_range(d['start_date'], d['end_date'])}赴{d['venue']}开展"
        f"{d['title']}：{_enum(names)}。请予接洽为盼。"
    )
    y = p.wrap(25, y, w - 50, body, 12, indent_chars=2, leading=1.7) + 2
    _sign(p, y + 8, d["doc_org"], dates.fmt(d["notice_date"], CN), rng)


# -- project_completion ------------------------------------------------------------------------


def _members(d: dict[str, Any]) -> list[str]:
    return [d["host_printed"], *d["members_printed"]]


def _role(i: int) -> str:
    return "主持人" if i == 1 else ("主要参加人" if i <= 4 else "参加人")


@_reg("project_completion", "project_completion/member_table")
def project_table(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    y = _title(p, 24, d["heading"], 22, spacing=0.2) + 2
    rows = [("课题名称", d["title"]), ("课题编号", d["project_number"]), ("立项部门", d["source"])]
    y = _form(p, y, rows, 20, 46, 11.5) + 2
    y = p.text(22, y, "课题组成员：", 12, "title") + 0.5
    titles = ["研究员", "副研究员", "高级工程师", "工程师", "助理研究员"]
    rows2 = [[str(i), n, d["employer"], rng.choice(titles), _role(i)] for i, n in enumerate(_members(d), 1)]
    y = _grid(p, y, ["序号", "姓名", "工作单位", "职称", "分工"], rows2, [22, 34, 54, 125, 155], 10)
    y = p.wrap(22, y + 2, w - 44, "经专家组评审，该课题已完成预定研究任务，准予结题。", 12, indent_chars=2)
    _sign(p, max(y + 6, h - 55), d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng, 13)


@_reg("project_completion", "project_completion/checkbox")
def project_checkbox(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    y = _title(p, 22, "科研项目结题审批表", 20)
    rows = [
        ("项目名称", d["title"]),
        ("项目编号", d["project_number"]),
        ("项目来源", d["source"]),
        ("承担单位", d["employer"]),
    ]
    y = _form(p, y, rows, 20, 46, 11.5) + 2
    y = p.wrap(22, y, w - 44, f"项目完成人（按贡献排序）：{_enum(_members(d))}", 11.5, leading=1.6) + 2
    y = _boxes(p, 22, y, "鉴定结论", ["同意结题", "暂缓结题", "不同意结题"], "同意结题", 11.5) + 2
    y = p.text(22, y, f"结题时间：{dates.fmt(d['date'], CN)}", 11.5)
    _sign(p, max(y + 6, h - 50), d["issuer"], dates.fmt(d["date"], CN), rng, 13)


# -- digital_skills_exam -----------------------------------------------------------------------


@_reg("digital_skills_exam", "digital_skills_exam/enumerated")
def digital_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=(40, 100, 150), margin_mm=8)
    y = _title(p, 22, d["heading"], 18)
    p.photo_box(w - 52, y, 22, 30)
    body = (
        f"{d['person_name_printed']}（身份证号：{d['id_number']}）参加专业技术人员数字技术应用能力考试，"
        f"以下模块成绩合格：{_enum(d['module_names'])}。特发此证。"
    )
    y = p.wrap(28, y, w - 90, body, 12.5, indent_chars=2, leading=1.75) + 2
    y = p.text(28, y, f"证书编号：{d['certificate_number']}", 11)
    _sign(p, max(y + 4, h - 40), d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng, 12.5)


@_reg("digital_skills_exam", "digital_skills_exam/score_table")
def digital_scores(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    _w, h = p.width_mm, p.height_mm
    y = _title(p, 18, "数字技术应用能力考试成绩单", 18)
    y = p.row(y, [(22, f"姓名：{d['person_name_printed']}"), (100, f"证件号码：{d['id_number']}")], 11) + 1
    rows = [[m, str(s), "60"] for m, s in d["module_scores"]]
    y = _grid(p, y, ["考试模块", "成绩", "合格线"], rows, [24, 120, 160], 11)
    y = p.text(22, y + 2, "注：成绩达到合格线的模块为合格模块。", 10)
    y = p.text(22, y, f"证书编号：{d['certificate_number']}", 10.5)
    _sign(p, max(y + 4, h - 40), d["issuer"], dates.fmt(d["date"], "cn"), rng, 12)


# -- aid_assignment ----------------------------------------------------------------------------


@_reg("aid_assessment_form", "aid_assignment/checkbox")
def aid_checkbox(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 20, f"{d['aid_kind']}干部人才考核登记表", 17) + 1
    rows = [
        ("姓名", d["person_name_printed"]),
        ("派出单位", d["employer"]),
        ("受援单位", d["post"]),
        ("援派期间", f"{dates.fmt_month(d['start_date'], 'cn')}至{dates.fmt_month(d['end_date'], 'cn')}"),
    ]
    y = _form(p, y, rows, 22, 50, 12) + 2
    chosen = d["grade_cn"]
    y = _boxes(p, 24, y, "考核等次", ["优秀", "称职", "基本称职", "不称职"], chosen, 12) + 2
    y = p.text(24, y + 2, "考核组织意见：（盖章）", 12)
    _sign(p, y + 6, d["assess_org"], dates.fmt(d["end_date"], "cn"), rng)


@_reg("aid_dispatch_notice", "aid_assignment/cn_dates")
def aid_dispatch_cn(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.red_header(18, d["doc_org"], 22)
    y = p.text(w / 2, y, d["doc_number"], 12, align="center") + 3
    y = p.wrap(25, y, w - 50, d["doc_title"], 16, "title", leading=1.5) + 2
    y = p.text(25, y, d["addressees"], 12) + 1
    span = f"{dates.fmt_month(d['start_date'], CN)}至{dates.fmt_month(d['end_date'], CN)}"
    body = (
        f"根据{d['program']}工作安排，经研究，选派以下同志赴受援地工作，援派期限为{span}，"
        f"共{dates.cn_number(d['months']) if d['months'] <= 31 else d['months']}个月：{_enum(d['names'])}。"
    )
    y = p.wrap(25, y, w - 50, body, 12, indent_chars=2, leading=1.7) + 2
    _sign(p, y + 8, d["doc_org"], dates.fmt(d["notice_date"], CN), rng)


@_reg("aid_assessment_form", "aid_assignment/cn_dates")
def aid_assessment_prose(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 26, "援派期满考核意见", 18) + 4
    verdict = "考核合格" if d["assessment_passed"] else "考核不合格"
    body = (
        f"{d['person_name_printed']}同志自{dates.fmt_month(d['start_date'], CN)}至"
        f"{dates.fmt_month(d['end_date'], CN)}在{d['post']}工作，服从管理，认真履职。经考核，{verdict}。"
    )
    y = p.wrap(25, y, w - 50, body, 12.5, indent_chars=2, leading=1.8) + 4
    _sign(p, y + 8, d["assess_org"], dates.fmt(d["end_date"], CN), rng)


# -- degree_transcript -------------------------------------------------------------------------


def _grade(score: int, rng: random.Random, two_level: bool) -> str:
    if two_level:
        return "合格" if score >= 60 else "不合格"
    return (
        "优秀"
        if score >= 90
        else "良好"
        if score >= 80
        else "中等"
        if score >= 70
        else "及格"
        if score >= 60
        else "不及格"
    )


@_reg("degree_transcript", "degree_transcript/grades")
def transcript_grades(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 18, f"{d['school']}研究生学习成绩证明", 16)
    y = p.row(y, [(20, f"姓名：{d['person_name_printed']}"), (90, f"专业：{d['major']}")], 11) + 1
    two = rng.random() < 0.4
    rows = [[c, str(cr), _grade(s, rng, two), dates.fmt(when, "dot")[:7]] for c, cr, s, when in d["courses"]]
    y = _grid(p, y, ["课程名称", "学分", "成绩", "学期"], rows, [22, 110, 130, 160], 10.5)
    note = "注：成绩按二级制记载（合格／不合格）。" if two else "注：成绩按五级制记载，及格及以上为通过。"
    y = p.text(20, y + 2, note, 10) + 8
    _sign(p, y, d["issuer"], dates.fmt(d["date"], "cn"), rng, 12)


@_reg("degree_transcript", "degree_transcript/two_column")
def transcript_two_column(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 18, f"{d['school']}研究生课程成绩单（60分及格）", 15)
    y = p.row(y, [(16, f"姓名：{d['person_name_printed']}"), (80, f"学号：{d['student_no']}")], 11) + 1
    cs = d["courses"]
    half = (len(cs) + 1) // 2
    rows = []
    for i in range(half):
        a = cs[i]
        b = cs[i + half] if i + half < len(cs) else None
        rows.append(
            [a[0], str(a[1]), str(a[2]), b[0] if b else "", str(b[1]) if b else "", str(b[2]) if b else ""]
        )
    y = _grid(p, y, ["课程", "学分", "成绩", "课程", "学分", "成绩"], rows, [16, 70, 84, 102, 158, 172], 9.5)
    _sign(p, y + 10, d["issuer"], dates.fmt(d["date"], "cn"), rng, 12)


# -- qualification_exam_scores -----------------------------------------------------------------


@_reg("qualification_exam_scores", "qualification_exam_scores/pass_line")
def qual_pass_line(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 18, "考试成绩查询结果", 17)
    y = p.text(22, y, f"考试名称：{d['date'].year}年度{d['title']}", 11.5)
    y = p.text(22, y, f"姓名：{d['person_name_printed']}　证件号：{d['id_number']}", 11.5) + 2
    rows = [[s, str(sc)] for s, sc, _ in d["subjects"]]
    y = _grid(p, y, ["科目名称", "成绩"], rows, [24, 130], 11)
    marks = sorted({m for _, _, m in d["subjects"]})
    y = p.text(22, y + 2, f"合格线：{'、'.join(str(m) for m in marks)}分", 11.5) + 8
    _sign(p, y, d["issuer"], dates.fmt(d["date"], "dash"), rng, 12)


@_reg("qualification_exam_scores", "qualification_exam_scores/enumerated")
def qual_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 22, "成绩通知单", 20, spacing=0.2) + 2
    parts = [
        f"科目{dates.cn_number(i)}：《{s}》{sc}分（合格标准{m}分）"
        for i, (s, sc, m) in enumerate(d["subjects"], 1)
    ]
    body = (
        f"{d['person_name_printed']}（证件号码{d['id_number']}）：你参加{d['date'].year}年度{d['title']}，"
        f"成绩如下：{'；'.join(parts)}。"
    )
    y = p.wrap(24, y, w - 48, body, 12.5, indent_chars=2, leading=1.8) + 8
    _sign(p, y, d["issuer"], dates.fmt(d["date"], CN), rng, 12.5)


# -- overseas_exchange -------------------------------------------------------------------------


@_reg("overseas_invitation", "overseas_exchange/english")
def overseas_invitation_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w - 25, 22, _en_date(d["notice_date"]), 11, align="right") + 6
    y = p.text(25, y, f"Dear {rng.choice(['Mr.', 'Ms.', 'Dr.'])} {d['person_pinyin']},", 12) + 2
    paras = [
        f"I am pleased to invite you to visit {d['host_en']} as a visiting scholar from "
        f'{_en_range(d["start_date"], d["end_date"])} for the programme "{d["title"]}".',
        "During your stay you will take part in seminars, laboratory work and field visits. "
        "All international travel and living expenses will be covered by your home institution.",
        "We look forward to welcoming you.",
    ]
    for para in paras:
        y = p.wrap(25, y, w - 50, para, 11.5, leading=1.6) + 2
    y = p.text(25, y + 4, "Yours sincerely,", 11.5) + 10
    p.signature(25, y - 6, "J. Smith", rng, 18)
    p.text(25, y + 4, d["host"], 11.5)


@_reg("overseas_receipt", "overseas_exchange/approval")
def overseas_approval(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.red_header(18, "常德市人民政府外事办公室", 20)
    y = _title(p, y, "因公出国（境）任务批件", 17)
    days = d["end_date"].toordinal() - d["start_date"].toordinal() + 1
    rows = [[d["person_name_printed"], d["employer"], rng.choice(["副主任", "高级工程师", "主任医师"])]]
    y = _grid(p, y, ["姓名", "工作单位", "职务／职称"], rows, [24, 50, 150], 11) + 2
    for label, value in [
        ("出访国家（地区）", d["city"]),
        ("邀请单位", d["host"]),
        ("出访任务", d["title"]),
        ("在外天数", f"{days}天"),
        ("出访时间", _cn_range(d["start_date"], d["end_date"])),
    ]:
        y = p.wrap(24, y, w - 48, f"{label}：{value}", 12) + 1
    _sign(p, y + 8, "常德市人民政府外事办公室", dates.fmt(d["notice_date"], CN), rng)


# -- hours_recognition_sheet -------------------------------------------------------------------


@_reg("hours_recognition_sheet", "hours_recognition_sheet/transposed")
def hours_transposed(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _title(p, 18, "专业技术人员继续教育登记表", 16)
    y = p.text(20, y, f"姓名：{d['person_name_printed']}　单位：{d['employer']}", 11) + 2
    years = d["years"]
    xs = [20] + [50 + i * (130 / len(years)) for i in range(len(years))]
    rows = [
        ["公需科目", *[str(a) for _, a, _ in years]],
        ["专业科目", *[str(b) for _, _, b in years]],
        ["合计", *[str(a + b) for _, a, b in years]],
    ]
    y = _grid(p, y, ["年度", *[str(yr) for yr, _, _ in years]], rows, xs, 10.5)
    y = p.text(20, y + 2, f"以上合计：{d['stated_hours']}学时", 11.5) + 8
    _sign(p, y, d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng, 12)


@_reg("hours_recognition_sheet", "hours_recognition_sheet/enumerated")
def hours_enumerated(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 24, "继续教育学时认定证明", 18) + 2
    per = "；".join(f"{yr}年度：公需科目{a}学时，专业科目{b}学时" for yr, a, b in d["years"])
    body = (
        f"兹证明{d['person_name_printed']}（身份证号{d['id_number']}）{d['first_year']}至{d['last_year']}年"
        f"继续教育学时经审核认定如下：{per}。合计{d['stated_hours']}学时。"
    )
    y = p.wrap(24, y, w - 48, body, 12.5, indent_chars=2, leading=1.8) + 2
    y = p.text(36, y, "特此证明。", 12.5) + 8
    _sign(p, y, d["issuer"], dates.fmt(d["date"], CN), rng)


# -- public_institution_training ---------------------------------------------------------------


@_reg("public_institution_training", "public_institution_training/form")
def public_form(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    h = p.height_mm
    y = _title(p, 14, "事业单位工作人员培训合格证明", 17)
    rows = [
        ("姓　　名", d["person_name_printed"]),
        ("培训类别", d["title"]),
        ("培训年度", f"{d['year']}年度"),
        ("取得学时", _num(d["stated_hours"])),
        ("证书编号", d["certificate_number"]),
    ]
    y = _form(p, y, rows, 24, 54, 11.5)
    y = _boxes(p, 26, y + 1, "考核结果", ["合格", "不合格"], "合格", 11.5)
    _sign(p, max(y + 2, h - 34), d["issuer"], dates.fmt(d["date"], CN), rng, 12)


@_reg("public_institution_training", "public_institution_training/printout")
def public_printout(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    h = p.height_mm
    y = p.text(20, 14, f"证书编号：{d['certificate_number']}", 10.5) + 2
    y = _title(p, y, "培训证书", 20, spacing=0.3)
    y = p.text(24, y, f"学员：{d['person_name_printed']}", 12) + 1
    rows = [[d["title"], _num(d["stated_hours"]), dates.fmt(d["date"], "dash"), "合格"]]
    y = _grid(p, y, ["培训项目", "学时", "完成日期", "考核"], rows, [26, 140, 170, 220], 11)
    _sign(p, max(y + 4, h - 34), d["issuer"], dates.fmt(d["date"], "dash"), rng, 12)
