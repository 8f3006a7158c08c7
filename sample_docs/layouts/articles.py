"""Pages of publications as people upload them (issue #12), and the look-alikes that are none.

- ``journal_article``: a Chinese article's first page (CNKI download) or, for the English
  families, an IEEE Transactions or open-access (Hindawi-style) first page.
- ``book_cover`` of the ``cover_page`` family and ``book_title_page``: textbook and trade-book
  covers and title pages (主编/副主编 or 编著 lines, the press), no CIP.
- ``conference_paper``, ``research_poster``, ``acceptance_notice``: type ``other``.

Data come from sample_docs/articles.py. Text is invented (topics of sample_docs/vocab.py); only
the arrangement and the label words are modelled on real pages (sample_docs/README.md).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sample_docs import dates
from sample_docs.articles import BOOK_COVER
from sample_docs.canvas import BLACK, GREY, DocPage
from sample_docs.layouts.variants import DRAW, _chunks, _paragraph
from sample_docs.layouts.variants import MONTHS_EN as MONTHS

_EN_ABSTRACT = (
    "This paper studies {t}. A method based on field data and a lightweight model is proposed, and its "
    "performance is evaluated on data collected over three years. Experimental results show that the "
    "proposed method outperforms the baseline methods in accuracy and cost, and it can be deployed in "
    "practice."
)
_EN_BODY = (
    "In recent years, the problem of {t} has attracted considerable attention from both academia and "
    "industry. Existing solutions rely on assumptions that rarely hold in practice, and the cost of "
    "collecting labelled data remains high. To cope with these challenges, various schemes have been "
    "proposed, which can be classified into traditional and learning-based solutions."
)


def _sp(s: str, on: bool) -> str:
    """Digits set apart (2 0 1 6 年 1 1 月), as some headers are typeset and read."""
    if not on:
        return s
    out = []
    for i, c in enumerate(s):
        out.append(c)
        if c.isdigit() and i + 1 < len(s) and s[i + 1].isdigit():
            out.append(" ")
    return "".join(out)


def _columns(
    p: DocPage, y: float, left: list[str], right: list[str], size: float, read_across: bool
) -> float:
    """Two columns of text; an OCR that reads rows across gives left+right on one line."""
    w = p.width_mm
    step = size * 25.4 / 72 * 1.55
    if read_across:
        for i in range(max(len(left), len(right))):
            cells = [(18, left[i] if i < len(left) else ""), (w / 2 + 3, right[i] if i < len(right) else "")]
            y = p.row(y, cells, size) - size * 25.4 / 72 * 1.6 + step
        return y
    y0 = y
    for ln in left:
        p.text(18, y, ln, size)
        y += step
    y1 = y0
    for ln in right:
        p.text(w / 2 + 3, y1, ln, size)
        y1 += step
    return max(y, y1)


def _marked_names(p: DocPage, y: float, names: list[str], marks: list[str], size: float, sep: str) -> float:
    """Names with superscript affiliation marks (汪予安¹˒² 韦南乔¹), centred; one truth line in which
    each mark follows its name, as an OCR reads a raised digit."""
    small = size * 0.6
    parts = [(n, m) for n, m in zip(names, marks, strict=True)]
    total = sum(
        p.text_width_mm(n, size) + p.text_width_mm(m, small) + p.text_width_mm(sep, size) for n, m in parts
    )
    x = p.width_mm / 2 - total / 2
    for i, (n, m) in enumerate(parts):
        p.text(x, y, n, size, truth=False)
        x += p.text_width_mm(n, size)
        p.text(x, y - 0.8, m, small, truth=False)
        x += p.text_width_mm(m, small)
        if i < len(parts) - 1:
            p.text(x, y, sep, size, truth=False)
            x += p.text_width_mm(sep, size)
    p.add_line(sep.join(f"{n}{m}" for n, m in parts))
    return y + size * 25.4 / 72 * 1.6


# -- journal_paper: a Chinese article's first page ---------------------------------------------


def journal_article(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    a = d["article"]
    if a["style"] != "cn":
        journal_article_en(p, d, rng)
        return
    w = p.width_mm
    year, month, iss, vol = d["date"].year, a["month"], a["issue_no"], a["volume"]
    sp = a["spaced_digits"]
    serial = f"ISSN {d['issn']}" + (f"  CN {d['cn_number']}" if d.get("cn_number") else "")
    y = 12.0
    if not a["show_journal"]:
        y = p.text(18, y, a["column"], 10.5, "title")
    elif a["header"] == "volume":
        y = p.row(
            y,
            [
                (18, _sp(f"第{vol}卷第{iss}期", sp)),
                (w / 2 - 20, d["journal"]),
                (w - 62, _sp(f"Vol.{vol},No.{iss}", sp)),
            ],
            10,
        )
        y = p.row(
            y - 1,
            [(18, _sp(f"{year}年{month}月", sp)), (w - 62, _sp(f"{MONTHS[month - 1][:3]}.,{year}", sp))],
            10,
        )
    elif a["header"] == "year_issue":
        y = p.row(y, [(18, d["journal"]), (w - 55, _sp(f"{year}年第{iss}期", sp))], 10.5)
    else:
        y = p.row(y, [(18, a["column"]), (w - 70, _sp(f"{d['journal']} {year}, {vol}({iss})", sp))], 10)
    if a["serials"] == "header":
        y = p.text(w - 18, y, serial, 9, align="right")
    p.hline(18, w - 18, y + 0.5, 0.3)
    y += 4
    if a["show_journal"] and rng.random() < 0.5:
        y = p.text(18, y, f"DOI：{a['doi']}", 9) + 1
    y = p.wrap(25, y + 2, w - 50, d["article_title"], 17, "title", leading=1.4) + 2
    corr = a["corresponding"]
    marks = [m + ("*" if n == corr else "") for n, m in zip(d["names"], a["marks"], strict=True)]
    y = _marked_names(p, y, d["names"], marks, 12, rng.choice(["，", "  ", "，"]))
    units = "；".join(f"{i}.{u}" for i, u in enumerate(a["units"], 1))
    y = p.wrap(30, y, w - 60, f"（{units}）", 9.5, leading=1.4) + 2
    y = p.wrap(
        22,
        y,
        w - 44,
        rng.choice(["摘　要：", "摘要：", "[摘 要] "]) + a["abstract"],
        10,
        leading=1.5,
    )
    y = p.text(22, y, "关键词：" + "；".join(a["keywords"]), 10) + 0.5
    art_no = a["article_no"] if rng.random() < 0.7 else a["article_no"].replace(")", ")-", 1)
    y = (
        p.row(y, [(22, f"中图分类号：{a['clc']}"), (80, "文献标识码：A"), (122, f"文章编号：{art_no}")], 9.5)
        + 3
    )
    if a["english_block"]:
        y = _english_block(p, y, d, rng)
    if a["two_columns"]:
        cw = w / 2 - 22
        left = ["0 引言", *_chunks(p, a["body"][0], cw, 10)]
        right = ["1 研究方法", *_chunks(p, a["body"][1], cw, 10)]
        y = _columns(p, y, left, right, 10, read_across=rng.random() < 0.7)
    else:
        for head, para in zip(("0 引言", "1 研究方法"), a["body"], strict=True):
            y = p.text(22, y, head, 11.5, "title")
            y = p.wrap(22, y, w - 44, para, 10.5, indent_chars=2, leading=1.6)
    yf = max(y + 4, p.height_mm - 40)
    p.hline(18, 70, yf - 1.5, 0.2)
    foot = [f"收稿日期：{a['received'].isoformat()}"]
    if a["fund"]:
        foot.append(f"基金项目：{a['fund']}")
    foot.append(f"作者简介：{a['bio']}")
    if corr:
        foot.append(f"通信作者：{corr}")
    for s in foot:
        yf = p.wrap(18, yf, w - 36, s, 8.5, leading=1.4)
    if a["serials"] == "foot":
        p.text(w / 2, p.height_mm - 10, serial, 9, align="center")
    elif rng.random() < 0.5:
        p.text(w / 2, p.height_mm - 10, str(rng.randint(1, 160)), 9, align="center")


def _english_block(p: DocPage, y: float, d: dict[str, Any], rng: random.Random) -> float:
    """The English title, authors (pinyin, family name in capitals), affiliations and abstract
    that many Chinese journals print under the Chinese ones."""
    from sample_docs.vocab import romanised

    a = d["article"]
    w = p.width_mm
    y = _paragraph(p, 22, y, w - 44, a["title_en"], 12, "title", leading=1.3) + 1
    names = []
    for n, m in zip(d["names"], a["marks"], strict=True):
        given, family = romanised(n, given_first=True).split(" ")
        names.append(f"{family.upper()} {given} {m}")
    y = _paragraph(p, 22, y, w - 44, "， ".join(names), 9.5) + 0.5
    y = _paragraph(p, 22, y, w - 44, "(1. " + "; ".join(a["units_en"]) + ")", 8.5)
    y = _paragraph(p, 22, y + 1, w - 44, "Abstract: " + _EN_ABSTRACT.format(t=a["title_en"].lower()), 9)
    return (
        _paragraph(
            p,
            22,
            y,
            w - 44,
            "Key words: "
            + "; ".join(
                rng.sample(
                    [
                        "evaluation",
                        "optimization",
                        "field trial",
                        "influencing factors",
                        "model",
                        "countermeasures",
                    ],
                    3,
                )
            ),
            9,
        )
        + 3
    )


# -- journal_paper: an English article's first page --------------------------------------------


def _en_date(d: dt.date, day_first: bool) -> str:
    return (
        f"{d.day} {MONTHS[d.month - 1]} {d.year}" if day_first else f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    )


def journal_article_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    a = d["article"]
    w = p.width_mm
    names = a["authors_printed"]
    title = d.get("title_en") or d["article_title"]
    topic = title.split(" ", 2)[-1].lower()
    if a["style"] == "ieee":
        month = MONTHS[a["month"] - 1].upper()
        head = f"{a['journal']}, VOL. {a['volume']}, NO. {a['issue_no']}, {month} {d['date'].year}"
        y = p.row(12, [(18, str(a["page"])), (26, head)], 8.5) + 4
        y = _paragraph(p, 22, y, w - 44, title, 20, "title", leading=1.25) + 2
        grades = ["", ", Member, IEEE", ", Student Member, IEEE", ", Senior Member, IEEE"]
        parts = [n + rng.choice(grades) for n in names]
        byline = ", ".join(parts[:-1]) + (", and " if len(parts) > 1 else "") + parts[-1]
        y = _paragraph(p, 22, y, w - 44, byline, 10.5, leading=1.5) + 3
        cw = w / 2 - 22
        left = [
            *_chunks(p, "Abstract—" + _EN_ABSTRACT.format(t=topic), cw, 9),
            *_chunks(
                p,
                "Index Terms—"
                + ", ".join(
                    rng.sample(
                        [
                            "deep learning",
                            "sensor networks",
                            "optimization",
                            "field trials",
                            "edge computing",
                            "remote sensing",
                            "privacy",
                        ],
                        4,
                    )
                )
                + ".",
                cw,
                9,
            ),
        ]
        right = ["I. INTRODUCTION", *_chunks(p, _EN_BODY.format(t=topic), cw, 9)]
        y = _columns(p, y, left, right, 9, read_across=rng.random() < 0.5) + 3
        p.hline(18, 60, y, 0.2)
        r, c = a["received"], a["accepted"]
        foot = (
            f"Manuscript received {_en_date(r, False)}; "
            f"revised {_en_date(r + dt.timedelta(days=40), False)}; "
            f"accepted {_en_date(c, False)}. (Corresponding author: {names[0]}.)"
        )
        y = _paragraph(p, 18, y + 2, w - 36, foot, 7.5, leading=1.35)
        who = f"{names[0]} is" if len(names) == 1 else f"{names[0]} and {names[1]} are"
        y = _paragraph(p, 18, y, w - 36, f"{who} with the {a['units'][0]}.", 7.5, leading=1.35)
        if a["issn"]:
            y = p.text(18, y, f"{a['issn']} © {d['date'].year} IEEE. Personal use is permitted.", 7.5)
        p.text(
            18,
            y,
            f"Digital Object Identifier 10.1109/{rng.choice(['TNSM', 'TII', 'TGRS', 'TIM', 'JSEN'])}."
            f"{d['date'].year}.{rng.randint(3100000, 3299999)}",
            7.5,
        )
        return
    y = p.text(18, 12, "Hindawi", 14, "title", (60, 60, 60))
    y = p.text(18, y, a["journal"], 10)
    y = p.text(18, y, f"Volume {d['date'].year}, Article ID {a['article_id']}, {a['pages']} pages", 9)
    if a["issn"]:
        y = p.text(18, y, f"ISSN {a['issn']}", 9)
    y = p.text(18, y, f"https://doi.org/10.1155/{d['date'].year}/{a['article_id']}", 9) + 3
    y = p.text(18, y, "Research Article", 12, "title", (40, 80, 140)) + 1
    y = _paragraph(p, 18, y, w - 36, title, 18, "title", leading=1.25) + 2
    marks = [str(rng.randint(1, len(a["units"]))) for _ in names]
    parts = [
        f"{n} ,{m}" if i < len(names) - 1 else f"{n} {m}"
        for i, (n, m) in enumerate(zip(names, marks, strict=True))
    ]
    byline = " ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    y = _paragraph(p, 18, y, w - 36, byline, 11, leading=1.5) + 1
    for i, u in enumerate(a["units"], 1):
        y = _paragraph(p, 18, y, w - 36, f"{i} {u}", 8.5, leading=1.35)
    y = p.text(18, y + 2, f"Correspondence should be addressed to {names[0]}; ***@***", 8.5) + 1
    y = p.text(
        18,
        y,
        f"Received {_en_date(a['received'], True)}; Accepted {_en_date(a['accepted'], True)}; "
        f"Published {_en_date(a['published'], True)}",
        8.5,
    )
    y = p.text(18, y, f"Academic Editor: {a['editor']}", 8.5)
    y = (
        _paragraph(
            p,
            18,
            y,
            w - 36,
            f"Copyright © {d['date'].year} {names[0]} et al. This is an open access article "
            "distributed under the Creative Commons Attribution License, which permits unrestricted use, "
            "distribution, and reproduction in any medium, provided the original work is properly cited.",
            8,
            leading=1.35,
        )
        + 3
    )
    y = _paragraph(p, 18, y, w - 36, _EN_ABSTRACT.format(t=topic), 9.5, leading=1.45) + 3
    cw = w / 2 - 22
    _columns(
        p,
        y,
        ["1. Introduction", *_chunks(p, _EN_BODY.format(t=topic), cw, 9)],
        _chunks(
            p,
            _EN_BODY.format(t=topic)[::-1][:80][::-1] + " The rest of this paper is organised as follows.",
            cw,
            9,
        ),
        9,
        read_across=rng.random() < 0.5,
    )


# -- book_publication: covers and title pages --------------------------------------------------


def _role_paragraph(c: dict[str, Any], before: bool) -> list[str]:
    """'主编 付景 邹书瑶' (role first, title-page style) or '付景 邹书瑶 主编' (cover style)."""
    out = []
    for role, names in c["roles"]:
        ns = ("　" if c["spaced"] else " ").join(
            " ".join(n) if c["spaced"] and len(n) == 2 else n for n in names
        )
        out.append(f"{role}　{ns}" if before else f"{ns}　{role}")
    return out


def book_cover_page(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A front cover (or a wrap cover: back, spine and front in one picture) with no CIP."""
    c = d["cover"]
    w, h = p.width_mm, p.height_mm
    x0 = 0.0
    if c["wrap"]:
        # back cover and spine on the left third, as a flat scan of the whole jacket shows them
        x0 = w * 0.42
        y = h * 0.55
        y = p.text(6, y, "责任编辑：" + rng.choice(["邱子墨", "丁思远", "夏以宁"]), 7.5)
        y = p.text(6, y, "封面设计：" + rng.choice(["田子墨", "邓其", "蔡怀"]), 7.5) + 4
        p.rect(6, y, 40, y + 14, 0.3)  # the barcode
        y = p.text(6, y + 16, f"ISBN {d['isbn']}", 7.5)
        p.text(6, y, f"定价：{c['price']}元", 8)
        sx, sy = w * 0.38, 20.0
        for ch in d["title"][:8] + "　" + d["publisher"][:2]:
            if ch.strip():
                sy = p.text(sx, sy, ch, 9)
        p.vline(w * 0.36, 0, h, 0.2, GREY)
        p.vline(w * 0.41, 0, h, 0.2, GREY)
    cx = x0 + (w - x0) / 2
    fw = w - x0
    size = 1.0 if not c["wrap"] else 0.6
    y = 18.0
    if c["series"]:
        y = p.text(cx, y, c["series"], 12 * size, align="center") + 8 * size
    y = (
        p.text(
            cx,
            y + 20 * size,
            d["title"],
            (34 if len(d["title"]) <= 4 else 22) * size,
            "title",
            align="center",
            spacing_em=0.2 if len(d["title"]) <= 4 else 0,
        )
        + 3
    )
    if c["subtitle"]:
        y = p.text(cx, y, c["subtitle"], 13 * size, align="center")
    p.rect(x0 + fw * 0.15, y + 6, x0 + fw * 0.85, y + 6 + fw * 0.5, 0.2, outline=GREY, fill=(232, 236, 238))
    y += 12 + fw * 0.5
    for ln in _role_paragraph(c, before=c["textbook"] and rng.random() < 0.5):
        y = p.text(cx, y, ln, 12 * size, align="center") + 1
    if c["approved"]:
        p.text(
            cx,
            h - 40 * size,
            f"经全国中小学教材审定委员会{d['date'].year - 1}年审定通过",
            8 * size,
            align="center",
        )
    y = p.text(
        cx,
        h - 28 * size,
        d["publisher"] + ("出版" if rng.random() < 0.3 else ""),
        13 * size,
        "title",
        align="center",
    )
    if c["press_en"]:
        p.text(cx, y, c["press_en"], 8 * size, align="center")


def book_title_page(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """The title page (扉页): title, the people by role on lines of their own, the press."""
    c = d["cover"]
    w, h = p.width_mm, p.height_mm
    y = 30.0
    if c["series"]:
        y = p.text(w / 2, y, c["series"], 11, align="center") + 6
    y = p.text(w / 2, y, d["title"], 24, "title", align="center") + 2
    if c["subtitle"]:
        y = p.text(w / 2, y, c["subtitle"], 12, align="center")
    y += 25
    for ln in _role_paragraph(c, before=True):
        y = p.text(w / 2, y, ln, 12, align="center") + 2
    if c["textbook"] and rng.random() < 0.5:
        y = p.text(
            w / 2,
            y + 2,
            "编写人员　" + "　".join(rng.sample(["袁亦", "谭知微", "邓南", "邱子墨", "蔡怀"], 3)),
            10.5,
            align="center",
        )
    p.text(w / 2, h - 30, d["publisher"], 13, "title", align="center")


# -- other: publications' look-alikes -----------------------------------------------------------


def conference_paper(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """An IEEE-style conference paper's first page: conference line, authors in columns with their
    affiliations, Abstract—, Keywords—, the proceedings' ISBN and © line at the foot."""
    w, h = p.width_mm, p.height_mm
    year = d["date"].year
    nth = dates.ordinal(d["edition"])
    conf = f"{year} The {nth} {d['conference']}"
    y = (
        p.text(w / 2, 10, conf if rng.random() < 0.6 else f"Proceedings of the {conf[9:]}", 9, align="center")
        + 4
    )
    y = _paragraph(p, 25, y, w - 50, d["title_en"], 20, "title", leading=1.25) + 3
    names = d["authors"][:4]
    colw = (w - 30) / len(names)
    y = p.row(y, [(15 + i * colw, nm) for i, nm in enumerate(names)], 10)
    unit = d["units"][0].split(",")
    for part in unit[:3]:
        y = p.row(y, [(15 + i * colw, " ".join(part.split()[:4])) for i in range(len(names))], 7)
    y += 4
    cw = w / 2 - 22
    left = [
        *_chunks(p, "Abstract—" + _EN_ABSTRACT.format(t=d["title_en"].lower()), cw, 9),
        *_chunks(p, "Keywords—field trials, sensor networks, optimization", cw, 9),
    ]
    right = ["I. INTRODUCTION", *_chunks(p, _EN_BODY.format(t=d["title_en"].lower()), cw, 9)]
    _columns(p, y, left, right, 9, read_across=rng.random() < 0.5)
    p.text(
        18,
        h - 14,
        f"{year} {nth} {d['conference']} ({d['acronym']}) | {d['isbn']}/{year % 100}/$31.00 "
        f"©{year} IEEE | DOI: {d['doi']}",
        6.5,
    )


def research_poster(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A research poster: title banner, authors and institutions, sections in columns."""
    w, h = p.width_mm, p.height_mm
    p.rect(0, 0, w, 70, 0.1, outline=(20, 60, 120), fill=(20, 60, 120))
    p.text(w / 2, 12, d["title_en"], 40, "title", (255, 255, 255), align="center")
    p.text(w / 2, 36, ", ".join(d["authors"]), 20, "body", (255, 255, 255), align="center")
    p.text(
        w / 2,
        50,
        " | ".join(u.split(",")[0] for u in d["units"]),
        14,
        "body",
        (255, 255, 255),
        align="center",
    )
    if rng.random() < 0.5:
        p.text(w - 20, 60, f"{d['acronym']} {d['date'].year}", 14, "title", (255, 255, 255), align="right")
    topic = d["title_en"].lower()
    sections = [
        ("Abstract:", _EN_ABSTRACT.format(t=topic)),
        ("Challenges:", _EN_BODY.format(t=topic)),
        (
            "Method:",
            "The proposed method consists of three steps: data collection, model training and "
            "field validation.",
        ),
        ("Results:", "Accuracy improved by 12% over the baseline."),
        ("Conclusion:", "The method is effective and can be extended to other regions."),
        ("Acknowledgements:", "This work was supported by the provincial science foundation."),
    ]
    colw = (w - 40) / 3
    for i, (head, text) in enumerate(sections):
        x = 15 + (i % 3) * (colw + 5)
        y = 85 + (i // 3) * ((h - 95) / 2)
        y = p.text(x, y, head, 22, "title")
        _paragraph(p, x, y + 2, colw, text, 14)


def acceptance_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A journal's acceptance notice (录用通知 / acceptance letter): a promise to publish, no issue."""
    w = p.width_mm
    name, cn, issn = d["journal"][0], d["journal"][2], d["journal"][1]
    when = d["date"]
    if d["english"]:
        y = p.text(w / 2, 30, "Acceptance Letter", 20, "title", align="center") + 8
        y = p.text(25, y, f"Dear {d['authors'][0]},", 12) + 3
        y = (
            _paragraph(
                p,
                25,
                y,
                w - 50,
                f'We are pleased to inform you that your manuscript entitled "{d["title_en"]}" '
                f"(Manuscript ID: {rng.randint(10000, 99999)}) has been accepted for publication in "
                f"{d['journal_en']} after peer review. It will appear in a forthcoming issue.",
                12,
                leading=1.6,
            )
            + 6
        )
        y = p.text(25, y, "Sincerely,", 12)
        y = p.text(25, y, "Editorial Office", 12)
        p.text(25, y, _en_date(when, False), 12)
        return
    y = p.text(w / 2, 22, f"《{name}》编辑部", 13, align="center") + 4
    y = _t(p, y, rng.choice(["论文录用通知", "录用通知", "用稿通知"]))
    people = "，".join([d["cn_author"], *d["co_authors"]])
    if rng.random() < 0.5:
        y = p.text(25, y, f"{people}：", 12.5) + 2
        lead = "您"
    else:
        lead = f"由{d['employer']}{people}"
    y = p.wrap(
        25,
        y,
        w - 50,
        f"{lead}撰写的论文《{d['title_cn']}》经专家审稿，已被《{name}》录用，"
        f"拟于{when.year + (1 if when.month > 9 else 0)}年第{d['planned_issue']}期刊出。",
        12.5,
        indent_chars=2,
        leading=1.8,
    )
    y = (
        p.wrap(
            25,
            y,
            w - 50,
            f"《{name}》（ISSN {issn}" + (f"，CN {cn}" if cn else "") + "）为公开发行的学术期刊。"
            "稿件刊出后，将寄送样刊。特此通知。",
            12.5,
            indent_chars=2,
            leading=1.8,
        )
        + 10
    )
    p.text(w - 30, y, f"《{name}》编辑部", 12.5, align="right")
    form = rng.choice(["cn", "cn_upper"])
    p.text(w - 30, y + 8, dates.fmt(when, form), 12.5, align="right")
    p.seal(w - 55, y + 4, f"{name}编辑部", rng, 36)


def _t(p: DocPage, y: float, s: str) -> float:
    return p.text(p.width_mm / 2, y, s, 20, "title", BLACK, align="center", spacing_em=0.1) + 6


# the cover family draws the ordinary cover page kind its own way (sample_docs/layouts/variants.py)
DRAW[("book_cover", BOOK_COVER)] = book_cover_page
