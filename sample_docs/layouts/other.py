"""Pages that are not evidence: ID cards, invoices, unrelated pages (type ``other``)."""

from __future__ import annotations

import random
from typing import Any

from sample_docs import dates
from sample_docs.canvas import DocPage


def id_card(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.rect(0.5, 0.5, w - 0.5, h - 0.5, 0.4, outline=(170, 190, 200), fill=(232, 240, 244))
    p.photo_box(w - 30, 10, 24, 30)
    y = p.row(6, [(4, "姓名"), (14, d["person_name_printed"])], 8)
    y = p.row(y + 1, [(4, "性别"), (14, d["sex"]), (26, "民族"), (36, "汉")], 8)
    born = d["birth"]
    y = p.row(y + 1, [(4, "出生"), (14, f"{born.year} 年 {born.month} 月 {born.day} 日")], 8)
    y = p.text(4, y + 1, "住址", 8, truth=False)
    p.add_line("住址")
    y = p.wrap(14, y - 8 * 25.4 / 72 * 1.45, 40, d["address"], 8, leading=1.4)
    p.row(h - 9, [(4, "公民身份号码"), (24, d["id_number"])], 8.5)


def invoice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    brown = (150, 80, 40)
    y = p.text(w / 2, 8, "湖南增值税电子普通发票", 15, "title", brown, align="center") + 1
    p.hline(w / 2 - 35, w / 2 + 35, y, 0.4, brown)
    p.row(8, [(w - 62, f"发票代码：{d['code']}")], 8.5)
    p.row(13, [(w - 62, f"发票号码：{d['number']}")], 8.5)
    p.row(18, [(w - 62, f"开票日期：{dates.fmt(d['date'], 'cn_pad')}")], 8.5)
    p.rect(6, 26, w - 6, 112, 0.3, outline=brown)
    y = p.row(29, [(10, f"购买方名称：{d['buyer']}")], 9)
    y = p.row(y, [(10, f"纳税人识别号：{d['tax_id']}")], 9) + 2
    p.hline(6, w - 6, y, 0.2, brown)
    y = p.row(
        y + 2,
        [(10, "货物或应税劳务、服务名称"), (90, "数量"), (110, "单价"), (140, "金额"), (170, "税率")],
        9,
    )
    for name, qty, price in d["goods"]:
        y = p.row(
            y,
            [(10, name), (90, str(qty)), (110, f"{price:.2f}"), (140, f"{qty * price:.2f}"), (170, "6%")],
            9,
        )
    total = sum(q * pr for _, q, pr in d["goods"])
    p.row(96, [(10, "价税合计（大写）"), (60, d["total_cn"]), (140, f"（小写）¥{total * 1.06:.2f}")], 9)
    p.row(104, [(10, f"销售方名称：{d['seller']}")], 9)
    p.row(116, [(10, "收款人：王敏"), (60, "复核：李华"), (110, "开票人：刘洋")], 9)
    p.seal(w - 40, 108, d["seller"], rng, 22)


def unrelated_page(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 25, d["heading"], 18, "title", align="center") + 6
    for para in d["paras"]:
        y = p.wrap(25, y, w - 50, para, 12.5, indent_chars=2, leading=1.8) + 1
    p.text(w - 30, y + 10, dates.fmt(d["date"], "cn"), 12.5, align="right")
