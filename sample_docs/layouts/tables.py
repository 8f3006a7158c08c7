"""Tables: degree transcripts, qualification-exam score reports, earlier 学时认定单."""

from __future__ import annotations

import random
from typing import Any

from sample_docs import dates
from sample_docs.canvas import DocPage


def _seal_off(p: DocPage, y: float, org: str, when: str, rng: random.Random) -> None:
    p.text(p.width_mm - 28, y, org, 12, align="right")
    p.text(p.width_mm - 28, y + 7, when, 12, align="right")
    p.seal(p.width_mm - 28 - p.text_width_mm(org, 12) / 2, y + 4, org, rng, 36)


def degree_transcript(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 18, f"{d['school']}研究生课程成绩单", 17, "title", align="center") + 4
    y = (
        p.row(
            y,
            [
                (20, f"姓名：{d['person_name_printed']}"),
                (80, f"学号：{d['student_no']}"),
                (140, f"专业：{d['major']}"),
            ],
            11,
        )
        + 2
    )
    cols = [20, 32, 110, 132, 152, 175]
    y = p.row(
        y,
        [
            (cols[0], "序号"),
            (cols[1], "课程名称"),
            (cols[2], "学分"),
            (cols[3], "成绩"),
            (cols[4], "考试时间"),
            (cols[5], "性质"),
        ],
        11,
        "title",
    )
    p.hline(18, w - 18, y - 1.5, 0.3)
    for i, (course, credit, score, when) in enumerate(d["courses"], 1):
        y = p.row(
            y,
            [
                (cols[0], str(i)),
                (cols[1], course),
                (cols[2], str(credit)),
                (cols[3], str(score)),
                (cols[4], dates.fmt(when, "dot")),
                (cols[5], rng.choice(["必修", "选修"])),
            ],
            10.5,
        )
        p.hline(18, w - 18, y - 1.8, 0.1)
    y = p.text(20, y + 3, "注：成绩60分及以上为合格（及格）。", 10.5) + 8
    _seal_off(p, y, d["issuer"], dates.fmt(d["date"], "cn"), rng)


def qualification_exam_scores(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 20, f"{d['date'].year}年度{d['title']}", 15, "title", align="center") + 1
    y = p.text(w / 2, y, "成绩通知单", 18, "title", align="center") + 6
    y = p.text(22, y, f"姓名：{d['person_name_printed']}", 12)
    y = p.text(22, y, f"证件号码：{d['id_number']}", 12)
    y = p.text(22, y, f"报考级别：{d.get('level_cn', '中级')}    档案号：{d['file_no']}", 12) + 4
    cols = [22, 100, 130, 160]
    y = p.row(
        y,
        [(cols[0], "考试科目"), (cols[1], "成绩"), (cols[2], "合格标准"), (cols[3], "是否合格")],
        11.5,
        "title",
    )
    p.hline(20, w - 20, y - 1.5, 0.3)
    for subject, score, mark in d["subjects"]:
        y = (
            p.row(
                y,
                [
                    (cols[0], subject),
                    (cols[1], str(score)),
                    (cols[2], str(mark)),
                    (cols[3], "合格" if score >= mark else "不合格"),
                ],
                11,
            )
            + 1
        )
    y = p.text(22, y + 4, "本成绩单仅供个人查询使用，以人事考试机构公布的成绩为准。", 10) + 8
    _seal_off(p, y, d["issuer"], dates.fmt(d["date"], "cn"), rng)


def hours_recognition_sheet(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 18, "湖南省专业技术人员继续教育学时认定单", 16, "title", align="center") + 5
    y = p.row(y, [(20, f"姓名：{d['person_name_printed']}"), (80, f"工作单位：{d['employer']}")], 11.5)
    y = (
        p.row(
            y,
            [(20, f"身份证号：{d['id_number']}"), (120, f"认定年度：{d['first_year']}-{d['last_year']}")],
            11.5,
        )
        + 3
    )
    cols = [22, 55, 95, 135, 170]
    y = p.row(
        y,
        [
            (cols[0], "年度"),
            (cols[1], "公需科目"),
            (cols[2], "专业科目"),
            (cols[3], "合计"),
            (cols[4], "是否达标"),
        ],
        11.5,
        "title",
    )
    p.hline(20, w - 20, y - 1.5, 0.3)
    for year, pub, pro in d["years"]:
        y = (
            p.row(
                y,
                [
                    (cols[0], str(year)),
                    (cols[1], str(pub)),
                    (cols[2], str(pro)),
                    (cols[3], str(pub + pro)),
                    (cols[4], "达标" if pub + pro >= 90 else "未达标"),
                ],
                11,
            )
            + 1
        )
        p.hline(20, w - 20, y - 1.8, 0.1)
    y = p.text(22, y + 3, f"累计学时：{d['stated_hours']}学时", 12) + 10
    _seal_off(p, y, d["issuer"], dates.fmt(d["date"], d.get("date_form", "cn")), rng)
