"""Journals and books: covers, 目次 / 目录 pages with dotted leaders, copyright pages."""

from __future__ import annotations

import random
from typing import Any

from sample_docs import dates, vocab
from sample_docs.canvas import BLACK, GREY, DocPage

COVER_COLOURS = ((30, 90, 60), (20, 60, 120), (140, 30, 40), (90, 60, 20), (40, 40, 40))


def journal_cover(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    colour = rng.choice(COVER_COLOURS)
    top = rng.choice([0, 1])
    y = 16.0
    if top:
        y = p.text(18, y, f"ISSN {d['issn']}", 11)
        if d.get("cn_number"):
            y = p.text(18, y, f"CN {d['cn_number']}", 11)
    band_y = 40 if top else 22
    p.rect(0, band_y, w, band_y + 52, 0.1, outline=colour, fill=colour)
    # The title is drawn on the colour band: white text, still true text of the page.
    p.text(
        w / 2,
        band_y + 12,
        d["journal"],
        34 if len(d["journal"]) <= 6 else 24,
        "title",
        (255, 255, 255),
        align="center",
        spacing_em=0.1 if len(d["journal"]) <= 6 else 0,
    )
    issue = f"{d['date'].year}年第{d['issue']}期"
    p.text(w / 2, band_y + 36, issue, 16, "body", (255, 255, 255), align="center")
    y = band_y + 62
    p.rect(25, y, w - 25, y + 80, 0.3, outline=GREY, fill=(235, 238, 240))  # cover picture
    y += 88
    if rng.random() < 0.6:
        y = p.text(25, y, "本期要目", 13, "title") + 1
        for t in d["other_titles"][:3]:
            y = p.text(25, y, t, 10.5)
    yb = h - 30
    p.text(25, yb, f"主管：{d['sponsor']}", 10)
    p.text(25, yb + 6, f"主办：{d['sponsor']}", 10)
    if not top:
        p.text(w - 20, yb, f"ISSN {d['issn']}", 11, align="right")
        if d.get("cn_number"):
            p.text(w - 20, yb + 6, f"CN {d['cn_number']}", 11, align="right")


def journal_contents(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 16, f"{d['journal']}  {d['date'].year}年第{d['issue']}期", 11, align="center")
    p.hline(18, w - 18, y + 1, 0.4)
    y = p.text(w / 2, y + 5, rng.choice(["目　次", "目次", "CONTENTS 目次"]), 20, "title", align="center") + 4
    entries = d["contents"]  # list of (title, authors, page)
    section_names = rng.sample(["综述", "研究论文", "技术与方法", "调查研究", "经验交流", "专题研究"], 3)
    per = max(1, len(entries) // len(section_names) + 1)
    for i, (title, authors, page) in enumerate(entries):
        if i % per == 0:
            y = p.text(18, y + 2, f"【{section_names[i // per]}】", 12, "title") + 1
        size = 11
        tw = p.text_width_mm(title, size)
        pw = p.text_width_mm(str(page), size)
        if tw > w - 60:
            y = p.wrap(22, y, w - 60, title, size, leading=1.45)
            y_title_last = y - size * 25.4 / 72 * 1.45
            p.dotted(22 + min(tw % (w - 60), w - 60) + 2, w - 22 - pw - 2, y_title_last + 2.4)
            p.text(w - 20, y_title_last, str(page), size, align="right", truth=False)
            p.lines[-1] = p.lines[-1] + " " + str(page)  # the page number ends the title
        else:
            # Title, dotted leader, page number: one truth line "title page", as OCR reads it.
            p.text(22, y, title, size, truth=False)
            p.dotted(22 + tw + 2, w - 22 - pw - 2, y + 2.4)
            p.text(w - 20, y, str(page), size, align="right", truth=False)
            p.add_line(f"{title} {page}")
            y += size * 25.4 / 72 * 1.45
        y = p.text(28, y, "，".join(authors), 10, fill=(60, 60, 60)) + 1.5


def journal_copyright(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 20, f"{d['journal']}", 16, "title", align="center")
    y = p.text(w / 2, y, rng.choice(["（月刊）", "（双月刊）", "（半月刊）"]), 11, align="center") + 4
    p.hline(30, w - 30, y, 0.3)
    y += 4
    rows = [
        ("创刊", f"{d['founded']}年"),
        ("出版日期", dates.fmt(d["date"], d["date_form"])),
        ("期次", f"{d['date'].year}年第{d['issue']}期"),
        ("主管", d["sponsor"]),
        ("主办", d["sponsor"]),
        ("编辑出版", f"《{d['journal']}》编辑部"),
        ("国际标准连续出版物号", f"ISSN {d['issn']}"),
    ]
    if d.get("cn_number"):
        rows.append(("国内统一连续出版物号", f"CN {d['cn_number']}"))
    rows.append(("定价", f"{rng.choice([15, 20, 25, 30])}.00元"))
    for label, value in rows:
        y = p.row(y, [(40, label), (100, value)], 11.5) + 1
    y += 6
    p.wrap(
        30,
        y,
        w - 60,
        "本刊已被中国知网、万方数据、维普资讯全文收录。凡向本刊投稿者，均视为同意其论文被上述数据库收录。",
        10,
        indent_chars=2,
    )


def book_cover(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    colour = rng.choice(COVER_COLOURS)
    p.rect(0, 0, w, h * 0.35, 0.1, outline=colour, fill=colour)
    y = h * 0.42
    y = p.wrap(20, y, w - 40, d["title"], 26, "title", BLACK, leading=1.4) + 10
    y = p.text(w / 2, y, d["byline"], 15, align="center") + 4
    p.text(w / 2, h - 28, d["publisher"], 14, "title", align="center")


def book_copyright(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(25, 30, "图书在版编目（CIP）数据", 12, "title") + 2
    pub_city = "长沙" if "湖南" in d["publisher"] else "北京"
    y = p.wrap(
        25,
        y,
        w - 50,
        f"{d['title']}／{d['byline_cip']}．—{pub_city}：{d['publisher']}，{d['date'].year}.{d['date'].month}",
        11,
    )
    y = p.text(25, y, f"ISBN {d['isbn']}", 11)
    y = p.text(25, y + 4, f"中国版本图书馆CIP数据核字（{d['date'].year}）第{d['cip_no']}号", 10.5) + 6
    p.hline(25, w - 25, y, 0.3)
    y += 5
    rows = [
        ("书名", d["title"]),
        ("作者" if rng.random() < 0.5 else "著者", d["byline"]),
        ("出版发行", d["publisher"]),
        ("开本", "787mm×1092mm 1/16"),
        ("印张", str(rng.randint(12, 30))),
        ("字数", f"{rng.randint(200, 480)}千字"),
        ("版次", f"{d['date'].year}年{d['date'].month}月第1版"),
        ("印次", f"{d['date'].year}年{d['date'].month}月第1次印刷"),
        ("书号", f"ISBN {d['isbn']}"),
        ("定价", f"{rng.randint(38, 128)}.00元"),
    ]
    for label, value in rows:
        y = p.wrap(25, y, w - 50, f"{label}：{value}", 11) + 0.5
    y += 8
    p.text(25, y, "（版权所有 翻印必究）", 10)


def book_contents(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 22, "目　录" if rng.random() < 0.5 else "目录", 20, "title", align="center") + 6
    page = 1
    for ci, chapter in enumerate(d["chapters"], 1):
        cn = vocab_chapter(ci)
        head = f"第{cn}章 {chapter}"
        tw = p.text_width_mm(head, 12, "title")
        p.text(22, y, head, 12, "title", truth=False)
        p.dotted(22 + tw + 2, w - 32, y + 2.6)
        p.text(w - 22, y, str(page), 12, align="right", truth=False)
        p.add_line(f"{head} {page}")
        y += 8
        for si in range(1, rng.randint(2, 4)):
            sec = f"{ci}.{si} {rng.choice(vocab.METHODS)}"
            page += rng.randint(3, 12)
            tw = p.text_width_mm(sec, 11)
            p.text(30, y, sec, 11, truth=False)
            p.dotted(30 + tw + 2, w - 32, y + 2.4)
            p.text(w - 22, y, str(page), 11, align="right", truth=False)
            p.add_line(f"{sec} {page}")
            y += 6.5
        page += rng.randint(3, 10)
        y += 2


def vocab_chapter(n: int) -> str:
    return dates.cn_number(n)
