"""Layouts of the certificate families of issue #12 (student contests, English certificates and
notices, 软考 certificates, an employer's training record, and non-evidence look-alikes).

Registered in ``variants.DRAW`` like the other families; the three ``other`` kinds are page kinds
of their own (layouts/__init__.py). Wording is invented, shaped on the kinds of documents listed
in sample_docs/README.md "Layout families"; no real document's text is copied.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from sample_docs import dates
from sample_docs.canvas import BLACK, GOLD, RED, DocPage
from sample_docs.layouts.variants import (
    DRAW,
    Draw,
    _boxes,
    _en_date,
    _en_range,
    _grid,
    _paragraph,
    _sign,
    _title,
)

OWN = "certs12g"  # items_certs.OWN: the item's data was made by this module's builders


def _reg(kind: str, family: str) -> Callable[[Draw], Draw]:
    """Register ``fn`` as ``family``'s layout of ``kind``; an item of the family that its builder
    left to the type's original builder (a planted case it does not print) keeps the original
    layout, whose data it has."""

    def deco(fn: Draw) -> Draw:
        def draw(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
            if d.get(OWN):
                fn(p, d, rng)
            else:
                from sample_docs.layouts import PAGE_KINDS

                PAGE_KINDS[kind].draw(p, d, rng)

        DRAW[(kind, family)] = draw
        return fn

    return deco


_GRADE = {1: "一等奖", 2: "二等奖", 3: "三等奖"}
_BLUE = (40, 60, 140)


def _centre(p: DocPage, y: float, s: str, size: float, role: str = "body", gap: float = 1.0) -> float:
    """One centred line; the y below it plus ``gap``."""
    return p.text(p.width_mm / 2, y, s, size, role, align="center") + gap


def _date(d: dict[str, Any]) -> str:
    return dates.fmt(d["date"], d.get("date_form", "cn"))


# -- award_certificate/competition -------------------------------------------------------------


@_reg("award_certificate", "award_certificate/competition")
def contest_award(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """荣誉证书 of a student contest: the team '…同学', 在…中荣获 + the grade on a line of its own
    (prose) or 项目名称/负责人/指导老师/团队成员 labels (as innovation contests print them)."""
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["corners", "band", "plain"]), color=rng.choice([GOLD, RED]), margin_mm=9)
    y = _title(p, 24, rng.choice(["荣誉证书", "获奖证书"]), 30, RED, 0.35) + 4
    x, width = 40, w - 80
    grade = _GRADE[d["grade"]]
    track = d["track"]
    if d["layout"] == "prose":
        y = p.text(x, y, "、".join(d["winners"]) + "同学：", 15) + 2
        y = p.wrap(x + 8, y, width - 8, f"在{d['contest']}{track and '（' + track + '）'}中", 15) + 1
        y = p.text(x, y, "荣获：", 15) + 1
        y = p.text(w / 2, y, grade, 26, "title", RED, align="center") + 3
        if d["work"]:
            y = p.wrap(x, y, width, f"参赛作品：{d['work']}", 12.5) + 1
        if d["show_teachers"]:
            y = p.text(x, y, "指导教师：" + "、".join(d["teachers"]), 12.5) + 1
    else:
        if d["work"]:
            y = p.wrap(x, y, width, f"项目名称：{d['work']}", 13) + 1
        y = (
            p.wrap(
                x,
                y,
                width,
                f"在{d['contest']}中，荣获{track}{grade}。特颁此证，以资鼓励。",
                13,
                indent_chars=2,
            )
            + 2
        )
        y = p.text(x, y, f"负责人：{d['winners'][0]}", 12.5) + 1
        if d["show_teachers"]:
            y = p.text(x, y, "指导老师：" + "、".join(d["teachers"]), 12.5) + 1
        if len(d["winners"]) > 1:
            y = p.wrap(x, y, width, "团队成员：" + "、".join(d["winners"][1:]), 12.5) + 1
    if d["layout"] == "prose":
        y = p.text(x + 8, y + 1, "特发此证，以资鼓励。", 13) + 1
    if d["certificate_number"]:
        p.text(x, h - 24, f"证书编号：{d['certificate_number']}", 10)
    _sign(p, max(y + 2, h - 46), d["issuer"], _date(d), rng, 13)


# -- award_certificate/english -----------------------------------------------------------------


@_reg("award_certificate", "award_certificate/english")
def contest_award_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["corners", "band"]), color=rng.choice([GOLD, _BLUE]), margin_mm=9)
    y = _title(p, 24, d["heading"], 26, _BLUE, 0.02) + 2
    y = p.text(w / 2, y, "awarded to", 12, align="center") + 1
    y = p.text(w / 2, y, d["school_en"], 15, "title", align="center") + 1
    for name in d["team"]:
        y = p.text(w / 2, y, name, 13, align="center")
    y = p.text(w / 2, y, f"{d['coach']}, Coach", 12, align="center") + 2
    y = (
        p.text(
            w / 2,
            y,
            {1: "First Prize", 2: "Second Prize", 3: "Third Prize"}[d["grade"]],
            24,
            "title",
            RED,
            align="center",
        )
        + 2
    )
    y = p.text(w / 2, y, d["contest"], 13, align="center") + 4
    x = 40
    p.signature(x + 5, y + 2, d["signer_name"], rng, 18)
    p.text(x, y + 12, f"{d['signer_name']}, {d['signer']}", 10)
    p.text(w - 40, max(y + 12, h - 30), f"{d['date'].strftime('%B')}, {d['date'].year}", 12, align="right")


# -- online_course_certificate/english, training_certificate/english -----------------------------


@_reg("online_course_certificate", "online_course_certificate/english")
def online_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["plain", "corners"]), color=rng.choice([_BLUE, GOLD]), margin_mm=10)
    p.text(24, 20, d["platform"], 16, "title", _BLUE)
    y = _title(p, 40, d["heading"], 24, BLACK, 0.05) + 4
    y = _centre(p, y, "This certificate is awarded to", 12, gap=2)
    y = _centre(p, y, d["person_name_printed"], 22, "title", gap=2)
    y = _centre(p, y, rng.choice(["for the successful completion of", "who has successfully completed"]), 12)
    y = _centre(p, y, d["title"], 16, "title", gap=2)
    if d["show_span"]:
        y = _centre(p, y, f"from {_en_date(d['start_date'])} to {_en_date(d['date'])}", 11)
    if d["stated_hours"]:
        y = _centre(p, y, f"an online course of {d['stated_hours']} hours", 11)
    p.signature(30, h - 42, d["signer"], rng, 18)
    p.text(30, h - 32, f"{d['signer']}, Program Director", 10)
    p.text(w - 30, h - 32, _en_date(d["date"]), 11, align="right")
    if d["certificate_number"]:
        p.text(w - 30, h - 24, f"Certificate No. {d['certificate_number']}", 9.5, align="right")


@_reg("training_certificate", "training_certificate/english")
def training_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    h = p.height_mm
    p.border(rng, "plain", color=rng.choice([_BLUE, GOLD]), margin_mm=8)
    y = _title(p, 18, d["heading"], 20, _BLUE, 0.03) + 2
    y = _centre(p, y, d["person_name_printed"], 18, "title")
    y = _centre(p, y, rng.choice(["has attended the training course", "has successfully completed"]), 11)
    y = _centre(p, y, d["title"], 14, "title")
    if d["show_dates"]:
        y = _centre(p, y, f"held in {d['city']}, {_en_range(d['start_date'], d['end_date'])}", 10.5)
    if d["stated_hours"]:
        y = _centre(p, y, f"({d['stated_hours']} hours of training)", 10.5)
    when = d["date"]
    _centre(p, h - 22, f"Granted by {d['issuer']} on {when.day} {when.strftime('%B')} {when.year}", 10)


# -- training_notice/english: welcome notice + sign-in sheet -----------------------------------


@_reg("training_notice", "training_notice/english")
def summer_welcome(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _paragraph(p, 22, 22, w - 44, f"Welcome to {d['code']} {d['title']}", 17, "title", leading=1.6) + 3
    paras = [
        f"Thanks for choosing the {d['title']} summer school module! I am {d['lead']}, and as module "
        f"lead I look forward to meeting you at {d['host']}.",
        f"The module runs from {_en_range(d['start_date'], d['end_date'])}, with lectures in the morning "
        "and practical sessions in the afternoon. Please sign the attendance sheet at every session.",
        "Getting Ready for the Module",
        f"Before the first session please install {d['software']} and work through the introductory "
        "tutorials. Should you have any queries, please get in touch with me by email.",
    ]
    for para in paras:
        y = _paragraph(p, 22, y, w - 44, para, 11.5, leading=1.6) + 2.5
    if rng.random() < 0.6:  # the week's timetable, as course notices print it
        y = p.text(22, y, "Course Schedule", 12, "title") + 1
        day, topics = (
            d["start_date"],
            [
                "Introduction and setup",
                "Data wrangling",
                "Visualisation",
                "Statistical models",
                "Project presentations",
            ],
        )
        for i, topic in enumerate(topics[: rng.randint(3, 5)], 1):
            when = day + dt.timedelta(days=i - 1)
            y = (
                p.text(
                    26,
                    y,
                    f"Day {i} ({when.strftime('%a')} {when.day} {when.strftime('%b')}): "
                    f"9:30-12:30 lecture, 14:00-17:00 lab - {topic}",
                    10.5,
                )
                + 0.5
            )
        y += 2
    p.text(22, y + 6, d["lead"] + ", Module Lead", 11.5)


@_reg("sign_in_sheet", "training_notice/english")
def summer_sign_in(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = p.text(22, 16, f"{d['code']} {d['title']}", 12, "title") + 1
    y = p.text(22, y, f"Attendance sheet - {_en_date(d['start_date'])}", 11) + 2
    rows = [[n, ""] for n in d["names"]]
    _grid(p, y, ["Name", "Signature"], rows, [24, 100], 10.5)


# -- overseas_exchange/conference_en -------------------------------------------------------------


@_reg("overseas_invitation", "overseas_exchange/conference_en")
def conference_abroad(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(22, 20, f"{d['conference'].split(' on ')[-1][:40]} Invitation Letter", 15, "title") + 2
    y = p.text(22, y, f"Badge Name: {d['person_pinyin']}   Passport Name: {d['person_pinyin']}", 10.5)
    y = p.text(22, y, "Passport Issued by: CHINA, Peoples Republic of", 10.5)
    y = p.text(22, y, _en_date(d["notice_date"]), 10.5) + 3
    y = p.text(22, y, f"Dear {d['person_pinyin']},", 11.5) + 1
    paras = [
        f"You are invited to participate in the {d['edition']} {d['conference']}. The Conference will "
        f"take place {_en_range(d['start_date'], d['end_date'])} at the {d['venue']}, {d['city']}. "
        "These dates do not include travel time.",
        "On behalf of the organizing committee, we have the pleasure to invite you to attend the "
        f"conference and present your paper: {d['paper']}.",
        "Please note that all expenses for travel and accommodation are the responsibility of the attendee.",
    ]
    for para in paras:
        y = _paragraph(p, 22, y, w - 44, para, 11, leading=1.6) + 2
    p.text(22, y + 6, "Sincerely, the Organizing Committee", 11)


# -- overseas_exchange/study_abroad --------------------------------------------------------------


@_reg("overseas_certificate", "overseas_exchange/study_abroad")
def study_abroad(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A stay abroad of months in one of three forms (items_certs._study_abroad)."""
    draw = {"cn_certificate": _stay_cn, "en_confirmation": _stay_confirmation, "en_award": _stay_award}
    draw[d["stay_form"]](p, d, rng)


def _a(s: str) -> str:
    return ("an " if s[:1].lower() in "aeiou" else "a ") + s


def _stay_cn(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    funder = d["funder"] if not d["funder"].startswith("国际") else d["school"] + d["funder"]
    title = rng.choice(["出国留学资格证书", "公派出国留学派出证明", "出国（境）研修资格确认书"])
    y = _title(p, 22, title, 18)
    y = p.text(w - 24, y, f"编号：{d['cert_no']}", 10.5, align="right") + 4
    y = p.text(24, y, f"{d['person_name_printed']}{rng.choice(['同志', '老师', ''])}：", 13) + 2
    span = f"{dates.fmt(d['start_date'], d['date_form'])}至{dates.fmt(d['end_date'], d['date_form'])}"
    paras = [
        f"经评审，你已入选{d['date'].year}年度{d['programme']}，以{d['status_cn']}身份赴{d['country_cn']}"
        f"{d['host_cn']}（{d['host_en']}）{rng.choice(['留学', '访学', '研修'])}。",
        f"留学期限{d['months']}个月（{span}），资助内容为{d['funding']}。",
        rng.choice(["请按期派出，回国后一个月内提交留学总结。", "本证书是办理出国手续的依据，请妥善保管。"]),
    ]
    for para in paras:
        y = p.wrap(24, y, w - 48, para, 12.5, indent_chars=2) + 2
    y = _sign(p, y + 10, funder, _date(d), rng)
    # a funder's notes under the signature (real certificates carry them: the page is long)
    notes = ["注意事项：", "1. 请在资格有效期内办妥签证并按期出国，逾期未派出者资格自动取消；",
             "2. 留学期间须定期向驻外使（领）馆教育处报到并提交研修进展报告；",
             f"3. 派出单位：{d['school']}；留学国别：{d['country_cn']}；"
             f"{rng.choice(['是', '否'])}预发生活费。"]
    for ln in notes[: rng.choice([2, 4])]:
        y = p.text(24, y, ln, 10.5) + 1


def _stay_confirmation(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(22, 20, d["host_en"], 15, "title") + 1
    y = p.text(22, y, f"International Office, {d['city']}, {d['country'].removeprefix('the ')}", 10.5) + 6
    heading = rng.choice(["CONFIRMATION OF STAY", "Certificate of Exchange", "Visiting Certificate"])
    y = _title(p, y, heading, 17)
    span = f"from {_en_date(d['start_date'])} to {_en_date(d['end_date'])}"
    paras = [
        f"This is to confirm that {d['person_pinyin']} of {d['school_en']}, China, stayed at our university "
        f"as {_a(d['status_en'])} {span}.",
        rng.choice([
            f"During the {d['months']}-month stay the guest took courses and worked on '{d['topic']}'.",
            f"The exchange semester comprised coursework and research on '{d['topic']}' with our faculty.",
        ]),
        "We thank the home institution for its cooperation.",
    ]
    for para in paras:
        y = _paragraph(p, 22, y, w - 44, para, 11.5, leading=1.6) + 2
    p.text(22, y + 8, f"{d['city']}, {_en_date(d['date'])}", 11)
    signer = rng.choice(["Head of International Office", "Exchange Coordinator", "Host Professor"])
    p.text(22, y + 16, signer, 11)


def _stay_award(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 20, rng.choice(["Notification of Award", "Scholarship Award Letter"]), 17)
    y = p.text(22, y, f"Dear {d['person_pinyin']},", 11.5) + 2
    y = _paragraph(p, 22, y, w - 44,
                   f"We are pleased to inform you that you have been selected for {_a(d['scholarship'])} "
                   f"for a {rng.choice(['study visit', 'research stay', 'study stay'])} abroad.", 11.5,
                   leading=1.6) + 3
    rows = [["Host institution", d["host_en"]], ["Host country", d["country"].removeprefix("the ")],
            ["Status", d["status_en"]],
            ["Period of stay", f"{_en_date(d['start_date'])} to {_en_date(d['end_date'])}"],
            ["Duration", f"{d['months']} months"]]
    y = _grid(p, y, ["Item", "Details"], rows, [24, 80], 10.5) + 4
    for para in ["The grant covers a monthly allowance and one return journey. Please confirm your "
                 "acceptance within four weeks.",
                 "Health and accident insurance for the period of stay is arranged by the programme. "
                 "Payments start once your arrival at the host institution has been confirmed; a "
                 "short report on the stay is due within two months of its end."][: rng.choice([1, 2])]:
        y = _paragraph(p, 22, y, w - 44, para, 11, leading=1.6) + 3
    p.text(22, y + 6, f"{_en_date(d['date'])}, Selection Committee", 11)


# -- qualification_exam_scores/certificate, /query ------------------------------------------------


@_reg("qualification_exam_scores", "qualification_exam_scores/certificate")
def ruankao_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    p.border(rng, "plain", color=(120, 30, 30), margin_mm=10)
    y = _title(p, 22, "中华人民共和国", 14)
    y = _title(p, y, d["title"], 18, RED, 0.05)
    y = p.text(w / 2, y, "Qualification of Computer and Software Professional", 10, align="center") + 6
    y = (
        p.wrap(
            24,
            y,
            w - 48,
            "本证书由中华人民共和国人力资源和社会保障部、工业和信息化部批准颁发，表明持证人"
            "通过国家统一组织的考试，取得计算机技术与软件专业技术资格。",
            11,
            indent_chars=2,
        )
        + 4
    )
    p.photo_box(w - 55, y, 26, 34)
    born = d["birth"]
    rows = [
        ("姓名", d["person_name_printed"]),
        ("性别", d["sex"]),
        ("出生年月", f"{born.year}.{born.month:02d}"),
        ("资格名称", d["qualification"]),
        ("资格级别", d["grade"]),
        ("批准日期", _date(d)),
        ("管理号", d["file_no"]),
    ]
    for label, value in rows:
        y = p.row(y, [(26, f"{label}："), (56, value)], 12) + 1.5
    p.seal(w - 60, y + 10, "中华人民共和国人力资源和社会保障部", rng, 38)


@_reg("qualification_exam_scores", "qualification_exam_scores/query")
def ruankao_query(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    p.rect(0, 0, w, 14, 0.2, outline=(200, 200, 200), fill=(238, 238, 238))  # the browser's bar
    p.text(8, 4, "query.ruankao.example/certificate/main", 10, fill=(90, 90, 90))
    y = _title(p, 30, f"{d['title']}（水平）考试", 15) + 6
    rows = [
        ("考试时间", f"{d['date'].year}年{d['half']}"),
        ("资格", d["qualification"]),
        ("姓名", d["person_name_printed"]),
        ("管理编号", d["file_no"]),
    ]
    for label, value in rows:
        y = p.text(40, y, f"{label}：{value}", 13) + 3
    p.rect(w / 2 - 20, y + 6, w / 2 + 20, y + 16, 0.3, outline=_BLUE, fill=(225, 232, 250))
    p.text(w / 2, y + 8, "继续查询", 12, fill=_BLUE, align="center")


# -- hours_recognition_sheet/record_table --------------------------------------------------------


@_reg("hours_recognition_sheet", "hours_recognition_sheet/record_table")
def training_record(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = _title(p, 18, "职工教育培训记录", 18)
    y = (
        p.text(16, y, f"姓名：{d['person_name_printed']}　工号：{d['staff_no']}　单位：{d['issuer']}", 10.5)
        + 2
    )
    header = ["培训项目名称", "培训学时", "培训形式", "结业方式", "成绩", "举办单位"]
    xs = [16, 70, 92, 112, 146, 162]
    top = y
    y = p.row(y, list(zip(xs, header, strict=True)), 10, "title") + 0.5
    for r in d["rows"]:
        p.hline(14, w - 14, y - 2, 0.2)
        p.row(y, [(xs[0], r["name"]), (xs[1], f"{r['kind']}:{r['hours']}"), (xs[2], r["form"])], 9.5)
        line = p.lines.pop()  # one truth line per row, the ticked option read as on the page
        yb = _boxes(p, xs[3], y, "", ["考试", "考核"], "考试" if r["exam"] else "考核", 9)
        ticks = p.lines.pop().strip()
        p.row(y, [(xs[4], r["score"]), (xs[5], d["issuer"][:6])], 9.5)
        tail = p.lines.pop()
        p.add_line(f"{line} {ticks} {tail}")
        y = max(yb, y + 6)
    p.hline(14, w - 14, y - 2, 0.2)
    y = p.row(y, [(xs[0], "合计"), (xs[1], f"{d['stated_hours']}学时")], 10, "title") + 1
    p.hline(14, w - 14, top - 2, 0.3)
    p.hline(14, w - 14, y - 2, 0.3)
    for x in [14, *[c - 1.5 for c in xs[1:]], w - 14]:
        p.vline(x, top - 2, y - 2, 0.2)
    _sign(p, y + 6, d["issuer"], _date(d), rng, 11)


# -- training_certificate/participation_en, conference_record/participation_en (typing-12k) -----

_NUM_EN = {1: "one day", 2: "two days", 3: "three days", 5: "five days", 6: "six days", 7: "seven days"}


def _ord_date(d: dt.date, pad: bool = False, short: bool = False) -> str:
    month = d.strftime("%b" if short else "%B")
    return f"{dates.ordinal(d.day, pad)} {month} {d.year}"


def _when_en(a: dt.date, b: dt.date, form: str, rng: random.Random) -> str:
    """The dates as these certificates print them: 'from 17/01/2024 to 18/01/2024', 'from 29th
    January 2024 to 03rd February 2024', 'Date: 4th Dec to 8th Dec 2023'; one day: 'on …'."""
    if form == "short" and a.year == b.year:
        if a == b:
            return f"Date: {_ord_date(a, short=True)}"
        return (f"Date: {dates.ordinal(a.day)} {a.strftime('%b')} to {dates.ordinal(b.day)} "
                f"{b.strftime('%b')} {b.year}")
    if form == "slash" and a != b:  # a lone 02/01/2023 is ambiguous (day or month first): one day in words
        one, two = dates.fmt(a, "dmy_slash"), dates.fmt(b, "dmy_slash")
    else:
        pad = rng.random() < 0.3
        one, two = _ord_date(a, pad), _ord_date(b, pad)
    return f"on {one}" if a == b else f"from {one} to {two}"


def _heading(rng: random.Random, what: str) -> str:
    return rng.choice([f"Certificate of {what}", f"CERTIFICATE OF {what.upper()}"])


def _header_en(p: DocPage, d: dict[str, Any], rng: random.Random, y: float) -> float:
    y = _centre(p, y, d["host"].upper() if rng.random() < 0.5 else d["host"], 15, "title")
    return _centre(p, y, d["place"], 10.5, gap=2)


def _signers_en(p: DocPage, y: float, signers: list[tuple[str, str]], rng: random.Random) -> None:
    w = p.width_mm
    step = (w - 50) / len(signers)
    for i, (name, role) in enumerate(signers):
        x = 25 + step * i + step / 2
        p.signature(x - 12, y, name, rng, 16)
        p.text(x, y + 9, name, 9.5, align="center")
        p.text(x, y + 14, role, 9.5, align="center")


@_reg("training_certificate", "training_certificate/participation_en")
def fdp_participation(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A faculty-development programme's or workshop's certificate of participation."""
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["plain", "corners", "band"]), color=rng.choice([_BLUE, GOLD]), margin_mm=8)
    y = _header_en(p, d, rng, 16)
    prog = d["programme"]
    if rng.random() < 0.5:
        y = _centre(p, y, prog.upper(), 13, "title", gap=1)
    y = _title(p, y, _heading(rng, "Participation"), 20, _BLUE, 0.03)
    y = _centre(p, y, "This is to certify that", 11, gap=1.5)
    y = _centre(p, y, d["person_name_printed"], 16, "title", gap=1.5)
    if d["home"]:
        y = _centre(p, y, f"of {d['home']}", 11)
    length = {"words": _NUM_EN.get(d["days"], ""), "digits": f"{d['days']} Days", "none": ""}[d["length"]]
    if d["stated_hours"]:
        length = f"{d['stated_hours']} Hours"
    online = "Online " if d["online"] else ""
    verb = rng.choice(["has participated and successfully completed", "has participated in",
                       "has completed", "participated in"])
    length = f"{length} " if length else ""
    body = f"{verb} {length}{online}{prog} on \u201c{d['topic']}\u201d organised by {d['host']}"
    y = _paragraph(p, 28, y + 1, w - 56, body, 11.5, leading=1.5)
    # the dates on a line of their own, as r278/r280/r286 print them (a range broken over two
    # lines is not read yet: docs/benchmarks.md, typing-12k)
    y = _centre(p, y, _when_en(d["start_date"], d["end_date"], d["when_form"], rng) + ".", 11.5, gap=4)
    _signers_en(p, max(y, h - 40), d["signers"], rng)
    if d["cert_no"]:
        p.text(w - 14, h - 12, f"Cert No: {d['cert_no']}", 8.5, align="right")


def conference_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A webinar's or seminar's certificate of participation, or an international conference's
    certificate of presentation (page kind conference_certificate, conference_record)."""
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["plain", "corners", "band"]), color=rng.choice([_BLUE, GOLD, RED]), margin_mm=8)
    y = _header_en(p, d, rng, 16)
    when = _when_en(d["start_date"], d["end_date"], rng.choice(["ordinal", "slash"]), rng)
    name = d["person_name_printed"]
    if d["kind"] == "presentation":
        y = _centre(p, y, d["event"].upper(), 12, "title", gap=1)
        y = _title(p, y, _heading(rng, "Presentation"), 20, _BLUE, 0.03)
        y = _centre(p, y, "This is to certify that", 11, gap=1.5)
        y = _centre(p, y, name, 16, "title", gap=1.5)
        body = (f"presented a research paper titled \u201c{d['paper']}\u201d at the {d['event']} "
                f"({d['acronym']}) held at {d['host']}, {d['place']}")
        when = when.replace("from ", "during ", 1)
    else:
        y = _title(p, y, _heading(rng, "Participation"), 20, _BLUE, 0.03)
        y = _centre(p, y, "This is to certify that", 11, gap=1.5)
        y = _centre(p, y, name, 16, "title", gap=1.5)
        verb = rng.choice(["has participated in the", "has participated and completed successfully the",
                           "attended the"])
        when = "held " + when
        body = f"{verb} {d['event']} on \u201c{d['topic']}\u201d organised by {d['host']}"
    if d["home"]:
        body = f"of {d['home']} " + body
    y = _paragraph(p, 28, y + 1, w - 56, body, 11.5, leading=1.5)
    y = _centre(p, y, when + ".", 11.5, gap=4)  # the dates on a line of their own (see fdp_participation)
    _signers_en(p, max(y, h - 40), d["signers"], rng)


# -- other: honour titles, a contest's participation certificate, event invitations -------------


def honour_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """An honour title (三好学生, 国际交流之星 ...): no prize grade, no hours under any rule."""
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["corners", "band"]), color=rng.choice([GOLD, RED]), margin_mm=9)
    y = (
        _title(p, 24, rng.choice(["获奖证书", "荣誉证书"]) if d["scholarship"] else "荣誉证书", 30, RED, 0.35)
        + 6
    )
    y = p.text(40, y, f"{d['person_name_printed']}同学：", 15) + 2
    if d["scholarship"]:  # 荣获…一等奖学金: a scholarship, not a prize of rules.md 2.5
        y = (
            p.wrap(
                48, y, w - 96, f"荣获{d['period']}{d['school']}{d['scholarship']}。特发此证，以资鼓励。", 15
            )
            + 3
        )
    else:
        y = p.wrap(48, y, w - 96, f"在{d['school']}{d['period']}评选中，被评为", 15) + 1
        y = p.text(w / 2, y, f"“{d['honour']}”", 24, "title", RED, align="center") + 3
        y = p.text(48, y, "特颁此证，以资鼓励！", 14) + 2
    if d["english"]:
        p.text(w / 2, h - 22, "CERTIFICATE OF HONOR", 10, align="center")
    _sign(p, max(y + 2, h - 48), d["org"], dates.fmt(d["date"], d["date_form"]), rng, 13)


def participation_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A contest's certificate of participation with a placing (98th of 218): not an award."""
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=_BLUE, margin_mm=9)
    y = _title(p, 20, d["contest"], 18, _BLUE)
    y = _title(p, y, "参赛证明  Certificate of Participation", 16, BLACK) + 2
    y = p.text(w / 2, y, d["person_name_printed"], 18, "title", align="center") + 2
    y = p.text(w / 2, y, f"于{dates.fmt(d['date'], 'cn')}参加{d['contest']}", 13, align="center")
    y = p.text(w / 2, y, f"并获得第{d['place']}名 / 共{d['total']}队之成绩", 13, align="center")
    y = p.text(w / 2, y, "特颁予此参赛证明，以兹纪念。", 13, align="center") + 3
    if d["english"]:
        y = p.text(w / 2, y, f"This certificate is presented to {d['person_pinyin']}", 11, align="center")
        y = p.text(w / 2, y, f"in recognition of participation in {d['contest_en']}", 11, align="center")
        y = p.text(w / 2, y, f"placed {d['place']}th out of {d['total']} participants", 11, align="center")
    p.text(w / 2, h - 22, f"证书字号{d['number']}号", 10, align="center")


def event_invitation(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """An invitation to a product launch, a customer gala or a campus talk: not a conference."""
    w = p.width_mm
    if d["english"]:
        y = _title(p, 24, "Invitation Letter", 22, RED) + 2
        y = _paragraph(p, 25, y, w - 50, f"{d['company']} {d['event_en']}", 13, "title", leading=1.6) + 2
        y = p.text(25, y, f"On {_en_date(d['date'])}, {d['hour']}:00 - {d['hour'] + 2}:30", 11.5) + 2
        y = p.text(25, y, "Dear Guest,", 11.5) + 1
        y = (
            _paragraph(
                p,
                25,
                y,
                w - 50,
                f"We cordially invite you to the {d['event_en']}. We will talk about "
                "our products, career paths and culture. Please bring this invitation letter with you.",
                11.5,
                leading=1.6,
            )
            + 2
        )
        p.text(25, y + 4, "RSVP by email. We look forward to seeing you!", 11.5)
        return
    y = _title(p, 24, "邀请函", 28, RED, 0.4)
    y = p.text(w / 2, y, "INVITATION", 12, align="center") + 6
    y = p.text(25, y, "尊敬的＿＿＿＿女士/先生：", 13) + 2
    y = (
        p.wrap(
            25,
            y,
            w - 50,
            f"诚挚邀请您出席{d['company']}{d['event']}，共启荣耀，见证高光时刻。期待您的到来！",
            13,
            indent_chars=2,
        )
        + 3
    )
    y = p.text(25, y, f"时间：{dates.fmt(d['date'], 'cn')} {d['hour']}:00-{d['hour'] + 3}:00", 12.5) + 1
    y = p.text(25, y, f"地点：{d['venue']}", 12.5) + 1
    y = p.text(25, y, "电话：0736-******", 12.5) + 4
    _sign(p, y + 4, d["company"], dates.fmt(d["date"] - dt.timedelta(days=10), "cn"), rng)


def prize_list(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A page naming many prizes and certifying none (issue #12): a student's record sheet of
    contests in rows (比赛名称/级别/获奖等级/时间/排序), or an annual meeting's agenda whose
    award ceremony lists categories with head counts and a lucky draw's prizes."""
    w = p.width_mm
    if d["variant"] == "record":
        y = _title(p, 16, f"{d['school']}{d['sheet']}", 16)
        y = p.text(16, y, f"{d['person_name_printed']}　{d['school']}　打印时间：{_date(d)}", 10) + 2
        rows = [[r["contest"], r["level"], r["grade"], r["when"], str(r["rank"])] for r in d["rows"]]
        header = ["比赛名称", "比赛级别", "获奖级别", "获奖时间", "排序"]
        y = _grid(p, y, header, rows, [16, 92, 118, 144, 170], 9.5)
        p.text(w - 16, y + 6, f"第1页/共1页　{d['school']}制", 9, align="right")
        return
    y = _title(p, 18, f"{d['company']}{d['year']}年度表彰大会暨年会议程", 15)
    t = d["start"]
    y = p.text(16, y, f"{t}:00-{t}:10　主持开场", 11) + 1
    y = p.text(16, y, f"{t}:10-{t}:40　总经理作年度工作报告", 11) + 1
    y = p.text(16, y, f"{t}:40-{t + 1}:30　颁奖仪式：宣读{d['year']}年度表彰决定", 11) + 1
    for no, (award, n) in enumerate(d["awards"], 1):
        y = p.text(24, y, f"（{no}）{award}（{n}人）", 10.5) + 0.6
    y = p.text(16, y + 1, f"{t + 1}:30-{t + 3}:00　文艺演出与抽奖", 11) + 1
    for grade, n in d["draws"]:
        y = p.text(24, y, f"★抽奖：{grade}（{n}名）", 10.5) + 0.6
    p.text(16, y + 2, f"{t + 3}:30　晚宴", 11)


def contest_submission(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A contest's online submission confirmation (a screenshot): the entry was handed in, not
    awarded (作品信息, 提交时间, 参赛队编号)."""
    w = p.width_mm
    p.rect(0, 0, w, 14, 0.2, outline=(200, 200, 200), fill=(238, 238, 238))
    p.text(8, 4, d["contest"], 11, fill=(90, 90, 90))
    y = p.text(20, 24, f"提交时间：{d['date'].year}年{d['date'].month:02d}月{d['date'].day:02d}日"
                       f"{d['hour']:02d}:{rng.randint(0, 59):02d}", 11) + 3
    y = p.text(20, y, "作品信息", 13, "title") + 1.5
    y = p.text(24, y, f"参赛论文：{d['team_no']}_{d['title']}.pdf", 10.5) + 1
    y = p.text(24, y, f"支撑材料：{d['team_no']}_支撑材料.zip", 10.5) + 3
    y = p.text(20, y, "参赛队信息", 13, "title") + 1.5
    for label, value in (("参赛队编号", d["team_no"]), ("参赛赛区", d["region"]),
                         ("参赛队成员", "，".join(d["team"])), ("指导教师", d["teacher"]),
                         ("参赛学校", d["school"])):
        y = p.text(24, y, f"{label}：{value}", 10.5) + 1
    button = rng.choice(["作品已提交成功", "修改作品", "返回首页"])
    p.text(w / 2, y + 6, button, 11, fill=_BLUE, align="center")


def contest_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A contest's notice as an office forwards it (red header, 文号, 各有关高校：, 现将…, 附件) or a
    school's plan of its selection round (…选拔赛实施方案, numbered sections): the contest, its
    timetable, its prizes with quotas, contacts; nobody's prize (issue #12, notice-12o)."""
    from sample_docs.layouts.official import NUMERALS, _paragraphs, _sign_off

    w = p.width_mm
    c = d["contest"]
    if d["variant"] == "forward":
        y = p.red_header(16, d["office"], rng.choice([22, 24]))
        if d["doc_number"]:
            y = p.text(w / 2, y, d["doc_number"], 12, align="center") + 3
        heading = f"关于{rng.choice(['举办', '转发'])}{c}的通知"
        y = p.wrap(25, y, w - 50, heading, 16, "title", leading=1.5) + 3
        y = p.text(25, y, d["audience"], 12.5) + 1
        lead = [f"为激发学生创新意识，经研究，决定举办{c}。现将有关事项通知如下："]
    else:
        y = _title(p, 18, c, 15)
        y = _title(p, y, f"{d['host']}校级选拔赛实施方案", 15) + 2
        lead = [f"为做好{c}的组织工作，结合我校实际，制定本方案。"]
    # the steps drawn (2-4) take the first of these names, in order
    steps = "；".join(f"{i}.{text}：{d['date'].year}年{m}月{dd}日" for i, ((m, dd), text)
                     in enumerate(zip(d["steps"], ["报名", "作品提交", "校赛", "省赛"], strict=False), 1))
    prizes = "、".join(f"{g}{n}{u}" if u != "%" else f"{g}（{n}%）" for g, n, u in d["quotas"])
    sections = [
        f"比赛主题：{'、'.join(d['topics'])}等，参赛团队可自选题目。",
        "参赛对象：全日制在校学生，每队不超过5人，指导教师不超过2人。",
        f"时间安排：{steps}。",
        f"奖项设置：本次比赛设{prizes}，获奖名单另行公布。",
        f"联系人：{d['contact']}，联系电话：{d['phone']}。",
    ]
    y = _paragraphs(p, y, lead + [f"{NUMERALS[i]}、{t}" for i, t in enumerate(sections)], 12)
    if d["variant"] == "forward":
        y = p.text(25, y + 1, f"附件：{c}报名表", 12) + 1
    _sign_off(p, y + 6, d["office"] if d["variant"] == "forward" else f"{d['host']}教务处", _date(d), rng)


def exam_score_query(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A language-exam score query on a phone (CET-4/6): scores, but no professional
    qualification (rules.md 2.9 does not cover it)."""
    w = p.width_mm
    p.rect(0, 0, w, 14, 0.2, outline=(200, 200, 200), fill=(238, 238, 238))
    p.text(8, 4, "全国大学英语四、六级考试成绩查询", 10, fill=(90, 90, 90))
    y = p.wrap(20, 28, w - 40, f"{d['date'].year}年{d['half']}{d['exam']}", 14, "title") + 4
    rows = [
        ("姓名", d["person_name_printed"]),
        ("学校", d["school"]),
        ("笔试成绩", ""),
        ("准考证号", d["ticket"]),
        ("总分", str(d["total"])),
        ("听力", str(d["parts"][0])),
        ("阅读", str(d["parts"][1])),
        ("写作和翻译", str(d["parts"][2])),
        ("口试成绩", ""),
        ("等级", "--"),
    ]
    for label, value in rows:
        y = p.text(24, y, f"{label}：{value}" if value else label, 12.5) + 2.5
    p.text(w / 2, y + 8, "返回", 12, fill=_BLUE, align="center")


# -- an institution's English notices (notice-13d): training_notice/notice_en, other/office_notice_en --


def _day(d: dt.date) -> str:
    return f"{dates.ordinal(d.day)} {d.strftime('%B')} {d.year} ({d.strftime('%A')})"


def _notice_head(p: DocPage, d: dict[str, Any], rng: random.Random) -> float:
    """Institute and place centred, a rule, Ref. No. left and the date right (or under it), the heading."""
    w = p.width_mm
    y = _centre(p, 14, d["host"].upper() if rng.random() < 0.4 else d["host"], 15, "title")
    y = _centre(p, y, d["place"], 10.5, gap=1)
    p.hline(20, w - 20, y, 0.5)
    y += 3
    ref, dated = f"Ref. No.: {d['ref']}", f"Dated: {dates.fmt(d['date'], d['date_form'])}"
    if rng.random() < 0.6:
        p.text(22, y, ref, 11)
        y = p.text(w - 22, y, dated, 11, align="right") + 4
    else:
        y = p.text(22, y, ref, 11) + 1
        y = p.text(22, y, dated, 11) + 4
    return _centre(p, y, d["heading"], 14, "title", gap=3)


def _notice_foot(p: DocPage, y: float, d: dict[str, Any], rng: random.Random) -> None:
    """The signer (signature, name, role) and the list of those it is copied to."""
    y += 8
    p.signature(p.width_mm - 70, y, d["signer"], rng, 16)
    y = p.text(p.width_mm - 22, y + 9, d["signer"], 11, align="right") + 0.5
    y = p.text(p.width_mm - 22, y, d["signer_role"], 11, align="right") + 5
    if d["copy_to"]:
        y = p.text(22, y, d["copy_word"], 10.5) + 0.5
        for who in d["copy_to"]:
            y = p.text(26, y, who, 10.5) + 0.3


def _bullets(p: DocPage, y: float, items: list[str], rng: random.Random, numbered: bool = False) -> float:
    for i, s in enumerate(items, 1):
        y = _paragraph(p, 28, y, p.width_mm - 56, (f"{i}. " if numbered else "\u2022 ") + s, 11.5) + 0.5
    return y + 1.5


@_reg("training_notice", "training_notice/notice_en")
def training_notice_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A workshop's, programme's, lecture's or course's notice to an institution's faculty or
    students: what, on what topic, by whom, when and where, and whom it asks to attend."""
    w = p.width_mm
    y = _notice_head(p, d, rng)
    a, b = d["start_date"], d["end_date"]
    prog, word = d["programme"], d["programme"].split()[-1].lower()
    when = f"on {_day(a)}" if a == b else f"from {_day(a)} to {_day(b)}"
    opening = rng.choice(["This is to inform", "This is for the information of", "It is hereby notified to"])
    what = f"the {d['department']} is organising a {prog} on \u201c{d['topic']}\u201d"
    if d["layout"] == "prose":
        body = (f"{opening} {d['audience']} of {d['host']} that {what} {when} at {d['hour']} "
                f"in the {d['venue']}.")
        speaker = rng.choice([f"The {word} will be conducted by {d['speaker']}, {d['speaker_post']}.",
                              f"{d['speaker']}, {d['speaker_post']}, will be the resource person.",
                              f"The session will be delivered by {d['speaker']}, {d['speaker_post']}."])
        y = _paragraph(p, 22, y, w - 44, body + " " + speaker, 11.5, leading=1.6) + 2
    else:
        y = _paragraph(p, 22, y, w - 44, f"{opening} {d['audience']} that {what}.", 11.5, leading=1.6) + 2
        rows = [("Date", dates.fmt(a, d["date_form"]) if a == b else f"{dates.fmt(a, d['date_form'])} to "
                 f"{dates.fmt(b, d['date_form'])}"), ("Time", d["hour"]), ("Venue", d["venue"]),
                ("Resource Person", f"{d['speaker']}, {d['speaker_post']}")]
        for label, value in rows:
            y = _paragraph(p, 26, y, w - 52, f"{label}: {value}", 11.5) + 0.5
        y += 2
    if d["objectives"]:
        y = p.text(22, y, f"Objectives of the {word.capitalize()}:", 11.5, "title") + 1
        y = _bullets(p, y, d["objectives"], rng)
    if d["sessions"]:
        y = p.text(22, y, "Schedule:", 11.5, "title") + 1
        slots = [("10:00 AM - 11:30 AM", "Session I: Concepts and overview"),
                 ("11:30 AM - 11:45 AM", "Tea Break"),
                 ("11:45 AM - 01:00 PM", "Session II: Hands-on practice"), ("01:00 PM - 02:00 PM", "Lunch"),
                 ("02:00 PM - 03:30 PM", "Session III: Discussion and feedback")]
        for t, s in slots[: rng.randint(3, 5)]:
            y = p.text(28, y, f"{t}   {s}", 11) + 0.5
        y += 2
    ask = f"{d['audience'][0].upper()}{d['audience'][1:]} are {d['ask']} the {word}"
    ask += rng.choice([" and benefit from it.", ".", " without fail.", " and make it a success."])
    y = _paragraph(p, 22, y, w - 44, ask, 11.5, leading=1.6)
    _notice_foot(p, y, d, rng)


@_reg("sign_in_sheet", "training_notice/notice_en")
def notice_sign_in(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """The attendance sheet of the programme the notice announced."""
    y = _centre(p, 14, d["host"], 13, "title")
    y = _centre(p, y, f"{d['programme']} on \u201c{d['topic']}\u201d", 11.5, gap=0.5)
    y = _centre(p, y, f"Attendance Sheet - {dates.fmt(d['start_date'], d['date_form'])}", 11.5, gap=3)
    rows = [[str(i), n, rng.choice(["Assistant Professor", "Associate Professor", "Professor"]), ""]
            for i, n in enumerate(d["names"], 1)]
    _grid(p, y, ["S.No.", "Name", "Designation", "Signature"], rows, [22, 36, 92, 150], 10.5)


@_reg("conference_invitation", "conference_record/notice_en")
def conference_notice_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """A conference's, seminar's, symposium's or summit event's notice in an institution's notice
    form: hosted or organised, when and how, papers invited, registration and its last date."""
    w = p.width_mm
    y = _notice_head(p, d, rng)
    a, b = d["start_date"], d["end_date"]
    when = f"on {_day(a)}" if a == b else f"from {_day(a)} to {_day(b)}"
    opening = rng.choice(["This is to inform", "This is for the information of", "It is hereby notified to"])
    partner = f" in collaboration with {d['partner']}" if d["partner"] else ""
    if rng.random() < 0.5:
        body = f"{opening} {d['audience']} that {d['host']} is hosting the {d['event']}{partner} {when}."
    else:
        body = (f"{opening} {d['audience']} that the {d['department']} is organising the "
                f"{d['event']}{partner} {when} {d['mode']}.")
    if d["keynote"]:
        body += f" The keynote address will be delivered by {d['keynote']}."
    y = _paragraph(p, 22, y, w - 44, body, 11.5, leading=1.6) + 2
    if d["call"]:
        y = p.text(22, y, rng.choice(["Call for Papers:", "Call for Abstracts:"]), 11.5, "title") + 1
        call = ("Original research papers are invited from faculty members, research scholars and "
                f"students on the theme \u201c{d['theme']}\u201d. The last date of abstract submission is "
                f"{dates.fmt(d['deadline'], d['date_form'])}. Accepted abstracts will be printed in the "
                "abstract book.")
        y = _paragraph(p, 26, y, w - 52, call, 11.5) + 2
    fees = d["fees"]
    if fees[0]:
        y = p.text(22, y, "Registration Fee:", 11.5, "title") + 1
        y = _bullets(p, y, [f"Students: Rs. {fees[0]}/-", f"Research Scholars: Rs. {fees[1]}/-",
                            f"Faculty and Industry Professionals: Rs. {fees[2]}/-"], rng)
    ask = rng.choice([f"{d['audience'][0].upper()}{d['audience'][1:]} are directed to register for the event "
                      "through the link or QR code given below.",
                      "Interested participants may register online; registration is mandatory.",
                      "The HODs are requested to ensure the participation of their students."])
    y = _paragraph(p, 22, y, w - 44, f"{ask} The last date of registration is "
                   f"{dates.fmt(d['deadline'], d['date_form'])}.", 11.5, leading=1.6)
    _notice_foot(p, y, d, rng)


@_reg("conference_receipt", "conference_record/notice_en")
def conference_registration_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """The applicant's registration confirmation for the event the notice announced."""
    y = _centre(p, 16, d["host"], 13, "title")
    y = _centre(p, y, d["event"], 11.5, gap=3)
    y = _title(p, y, "Registration Confirmation", 16, _BLUE, 0.03)
    fees = d["fees"][2] or 0
    rows = [("Registration ID", d["reg_id"]), ("Name", d["person_name_printed"]), ("Institution", d["home"]),
            ("Category", "Faculty"), ("Dates", f"{dates.fmt(d['start_date'], d['date_form'])} to "
                                              f"{dates.fmt(d['end_date'], d['date_form'])}"),
            ("Fee paid", f"Rs. {fees}/-" if fees else "No fee")]
    for label, value in rows:
        y = p.text(30, y, f"{label}: {value}", 11.5) + 2


_OFFICE_BULLETS = {
    "exams": ["Question papers shall reach the examination cell two days before the test.",
              "Students must carry their identity cards and admit cards.",
              "Evaluated answer sheets shall be shown to the students within a week.",
              "Each test shall be of 90 minutes duration."],
    "meeting": ["Review of the syllabus covered so far", "Attendance of the students",
                "Preparation for the accreditation visit",
                "Any other matter with the permission of the chair"],
    "timings": ["Monday to Friday: 08:00 AM to 06:00 PM", "Saturday: 09:00 AM to 02:00 PM",
                "Sunday and holidays: closed"],
    "fest": ["Debate", "Group Discussion", "Quiz", "Poster Making", "Solo Song", "Relay Race", "Chess"],
}


def office_notice_en(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """An institution's notice of something that is no training, in the form of a workshop's
    notice (page kind office_notice_en, `other`): examinations, a holiday, a celebration, a
    meeting, a fee, timings, a camp or a fest."""
    w = p.width_mm
    y = _notice_head(p, d, rng)
    on, last = d["on"], d["on"] + dt.timedelta(days=d["span"])
    s, who = d["subject"], d["audience"]
    opening = rng.choice(["This is to inform", "This is for the information of", "It is hereby notified to"])
    body, bullets, close = {
        "exams": (f"{opening} {who} that the {s} for the current semester shall be held from {_day(on)} to "
                  f"{_day(last)} as per the date sheet displayed on the notice board.", "exams",
                  "All concerned are directed to follow the above guidelines strictly."),
        "holiday": (f"{opening} {who} that the institute shall remain closed on {_day(on)} on account "
                    f"of {s}. Classes will resume as per the time table on the next working day.", "",
                    ""),
        "celebration": (f"{opening} {who} that {s} will be celebrated on {_day(on)} at {d['hour']} in the "
                        f"{d['venue']}.", "", f"{who[0].upper()}{who[1:]} are cordially invited to join the "
                        "celebration."),
        "meeting": (f"{opening} {who} that a {s} is scheduled on {_day(on)} at {d['hour']} in the "
                    f"{d['venue']} under the chairmanship of the {d['signer_role']}. Agenda:", "meeting",
                    "All members are requested to attend the meeting on time."),
        "fees": (f"{opening} {who} that the last date for depositing the {s} is {_day(on)}. A fine of "
                 "Rs. 100 per day will be charged after the due date.", "",
                 "Students are directed to deposit the fee in the Accounts Section in time."),
        "timings": (f"{opening} {who} that the {s} will be available only during the following timings:",
                    "timings", "All are directed to adhere strictly to the above timings."),
        "camp": (f"{opening} {who} that the NSS Unit, in collaboration with the {d['department']}, is "
                 f"organising a {s} on {_day(on)} from {d['hour']} onwards.", "",
                 "All concerned are requested to participate and contribute to this noble cause."),
        "fest": (f"{opening} {who} that the {s} will be held from {_day(on)} to {_day(last)}. The following "
                 "events will be conducted:", "fest",
                 "Interested students may register with their house in-charge by "
                 f"{dates.fmt(on, d['date_form'])}. Prizes and certificates will be given to the winners."),
    }[d["event"]]
    y = _paragraph(p, 22, y, w - 44, body, 11.5, leading=1.6) + 2
    if bullets:
        items = _OFFICE_BULLETS[bullets]
        items = rng.sample(items, rng.randint(3, len(items))) if bullets == "fest" else items
        y = _bullets(p, y, items, rng, numbered=bullets == "fest" or (d["bullets"] and bullets == "meeting"))
    if close:
        y = _paragraph(p, 22, y, w - 44, close, 11.5, leading=1.6)
    _notice_foot(p, y, d, rng)
