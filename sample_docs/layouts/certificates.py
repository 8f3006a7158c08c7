"""Certificates: patents, awards, trainings, online courses, projects, exams, the platform's
training certificate, overseas completion certificates.

Each function draws one page from an item's data dict ``d`` (see sample_docs.items) with a
seeded ``rng`` choosing among the wordings and positions real certificates use.
"""

from __future__ import annotations

import random
from typing import Any

from sample_docs import dates
from sample_docs.canvas import BLACK, GOLD, RED, DocPage


def _date(d: dict[str, Any], key: str = "date") -> str:
    return dates.fmt(d[key], d.get("date_form", "cn"))


def _label(rng: random.Random, label: str) -> str:
    """Field labels are often spread to a common width: 发 明 人 / 专 利 号."""
    if len(label) == 3 and rng.random() < 0.5:
        return " ".join(label)
    return label


def patent_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    kind_cn = {"invention": "发明", "utility_model": "实用新型", "design": "外观设计"}[d["patent_kind"]]
    name_word = {
        "invention": "发明名称",
        "utility_model": "实用新型名称",
        "design": "使用外观设计的产品名称",
    }[d["patent_kind"]]
    person_word = "设计人" if d["patent_kind"] == "design" else "发明人"
    p.border(rng, rng.choice(["plain", "band"]), color=(150, 120, 60), margin_mm=10)
    y = 24.0
    p.text(w - 28, y, f"证书号第{d['certificate_number']}号", 11, align="right")
    y = 44
    y = p.text(w / 2, y, f"{kind_cn}专利证书", 30, "title", align="center", spacing_em=0.25) + 12
    x = 30 + rng.uniform(-4, 4)  # printers never place the text twice alike
    y = p.wrap(x, y, w - 60, f"{name_word}：{d['title']}", 12)
    sep = "；" if rng.random() < 0.8 else "，"
    y = p.wrap(x, y + 1, w - 60, f"{_label(rng, person_word)}：{sep.join(d['names'])}", 12)
    y = p.text(x, y + 1, f"{_label(rng, '专利号')}：{d['patent_number_printed']}", 12)
    y = p.text(x, y + 1, f"专利申请日：{dates.fmt(d['filing_date'], d['date_form'])}", 12)
    y = p.text(x, y + 1, f"专利权人：{d['owner']}", 12)
    y = p.text(x, y + 1, f"地址：{d['owner_address']}", 12)
    y = p.text(x, y + 1, f"授权公告日：{_date(d)}", 12)
    y = p.text(x, y + 1, f"授权公告号：{d['publication_number']}", 12) + 6
    law = "中华人民共和国专利法"
    y = p.wrap(
        x,
        y,
        w - 60,
        f"国家知识产权局依照{law}经过审查，决定授予专利权，颁发{kind_cn}专利证书并在专利登记簿上予以登记。"
        "专利权自授权公告之日起生效。",
        11,
        indent_chars=2,
    )
    term = (
        "二十年"
        if d["patent_kind"] == "invention"
        else ("十年" if d["patent_kind"] == "utility_model" else "十五年")
    )
    y = p.wrap(
        x,
        y + 2,
        w - 60,
        f"本专利的专利权期限为{term}，自申请日起算。专利权人应当依照专利法及其实施细则规定缴纳年费。",
        11,
        indent_chars=2,
    )
    y = p.wrap(
        x,
        y + 2,
        w - 60,
        "专利证书记载专利权登记时的法律状况。专利权的转移、质押、无效、终止、恢复和专利权人的"
        "姓名或名称、国籍、地址变更等事项记载在专利登记簿上。",
        11,
        indent_chars=2,
    )
    ys = max(y + 12, p.height_mm - 60)
    p.text(w - 80, ys, "局长", 13, "title")
    p.signature(w - 66, ys - 4, "申长雨", rng, 20)
    p.seal(w - 62, ys + 2, "中华人民共和国国家知识产权局", rng, 42)
    p.text(w / 2, p.height_mm - 26, "第1页（共1页）", 9, align="center")


AWARD_TITLES = ("荣誉证书", "获奖证书")


def award_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(
        rng,
        rng.choice(["corners", "band", "plain"]),
        color=rng.choice([GOLD, RED, (160, 40, 40)]),
        margin_mm=9,
    )
    variant = rng.randrange(3)
    heading = d.get("heading") or (d["award_name"] + "证书" if variant == 0 else rng.choice(AWARD_TITLES))
    y = (
        p.text(
            w / 2,
            28,
            heading,
            30 if len(heading) <= 5 else 24,
            "title",
            RED if rng.random() < 0.6 else BLACK,
            align="center",
            spacing_em=0.3 if len(heading) <= 5 else 0.05,
        )
        + 8
    )
    x = 35 + rng.uniform(-4, 4)  # printers never place the text twice alike
    grade_cn = {0: "特等奖", 1: "一等奖", 2: "二等奖", 3: "三等奖"}[d["grade"]]
    if variant == 0:
        y = (
            p.wrap(
                x,
                y,
                w - 70,
                "为表彰在促进科学技术进步工作中做出重大贡献者，特颁发此证书。",
                14,
                indent_chars=2,
            )
            + 3
        )
        y = p.wrap(x, y, w - 70, f"项目名称：{d['title']}", 13)
        y = p.text(x, y + 1, f"奖励等级：{grade_cn}", 13)
        y = p.wrap(x, y + 1, w - 70, f"获 奖 者：{d['person_name_printed']}", 13)
        y = p.text(x, y + 1, f"证书号：{d['certificate_number']}", 12)
    else:
        lead = d["person_name_printed"] + ("同志：" if rng.random() < 0.5 else "：")
        y = p.text(x, y, lead, 16, "body") + 3
        y = p.wrap(
            x,
            y,
            w - 70,
            f"你（们）完成的“{d['title']}”项目，荣获{d['award_name'].removesuffix('证书')}{grade_cn}"
            f"（{d['year']}年度）。",
            15,
            indent_chars=2,
        )
        if d.get("show_list"):
            y = p.wrap(x, y + 2, w - 70, "主要完成人：" + "、".join(d["names"]), 13, indent_chars=2)
        y = p.text(x + 10, y + 3, "特发此证，以资鼓励。", 15) + 2
        y = p.text(x, y + 2, f"证书编号：{d['certificate_number']}", 11)
    ys = max(y + 8, h - 52)
    p.text(w - 40, ys, d["issuer"], 15, "title", align="right")
    p.text(w - 40, ys + 10, _date(d), 14, align="right")
    # The seal sits over the issuer and the date, as it does on the real ones.
    p.seal(w - 40 - p.text_width_mm(d["issuer"], 15, "title") / 2, ys + 6, d["issuer"], rng, 38)


def _training_form(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """The city training centre's 合格证明 as a ruled form (the other common shape of it)."""
    w, h = p.width_mm, p.height_mm
    y = p.text(w / 2, 14, d["heading"], 18, "title", align="center", spacing_em=0.05) + 3
    when = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    if d.get("half_day"):
        when += d["half_period"]
    rows = [
        ("姓名", d["person_name_printed"]),
        ("工作单位", d.get("employer", "")),
        ("身份证号", d.get("id_full") or d.get("id_number", "")),
        ("培训项目", d["title"]),
        ("培训时间", when),
        ("培训学时", f"{_num(d['stated_hours'])}学时"),
        ("考核结果", "合格"),
        ("证明编号", d["certificate_number"]),
    ]
    x0, x1, x2 = 18, 48, w - 18
    top = y - 2
    for label, value in rows:
        p.hline(x0, x2, y - 2, 0.25)
        y = p.row(y, [(x0 + 2, label), (x1 + 3, value)], 11) + 2.2
    p.hline(x0, x2, y - 2, 0.25)
    for x in (x0, x1, x2):
        p.vline(x, top, y - 2, 0.25)
    y = p.wrap(
        x0,
        y + 2,
        w - 36,
        "经审核，该同志参加公需科目培训达到规定学时，考核合格，特此证明。",
        11,
        indent_chars=2,
    )
    ys = max(y + 2, h - 26)
    p.text(w - 24, ys, d["issuer"], 12, align="right")
    p.text(w - 24, ys + 7, _date(d), 11, align="right")
    p.seal(w - 24 - p.text_width_mm(d["issuer"], 12) / 2, ys + 4, d["issuer"], rng, 30)


def training_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    heading = d["heading"]
    if heading.startswith("公需") and rng.random() < 0.5:
        _training_form(p, d, rng)
        return
    p.border(rng, rng.choice(["plain", "corners"]), color=rng.choice([RED, GOLD, (40, 80, 150)]), margin_mm=7)
    y = (
        p.text(
            w / 2,
            20,
            heading,
            24 if len(heading) <= 4 else 18,
            "title",
            RED if rng.random() < 0.5 else BLACK,
            align="center",
            spacing_em=0.3 if len(heading) <= 4 else 0.02,
        )
        + 6
    )
    if d.get("photo"):
        p.photo_box(w - 52, y, 24, 32)
        textw = w - 90
    else:
        textw = w - 60
    x = 28 + rng.uniform(-4, 4)  # printers never place the text twice alike
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    if d.get("half_day"):
        rng_text += d["half_period"]
    name = d["person_name_printed"]
    y = p.text(x, y, f"{name}同志：" if rng.random() < 0.7 else f"学员：{name}", 14) + 2
    body = (
        f"于{rng_text}参加{d['issuer']}举办的“{d['title']}”，"
        f"完成规定课程学习，共计{_num(d['stated_hours'])}学时，经考核合格，准予结业。"
    )
    if d.get("subject") == "public":
        body = (
            f"于{rng_text}参加{d['issuer']}组织的{d['year']}年度专业技术人员公需科目培训（{d['title']}），"
            f"共计{_num(d['stated_hours'])}学时，考核合格。"
        )
    y = p.wrap(x, y, textw, body, 13, indent_chars=2, leading=1.8)
    y = p.text(x + 8, y + 2, "特发此证。", 13) + 4
    if d.get("id_number"):
        y = p.text(x, y, f"身份证号：{d['id_number']}", 11)
    y = p.text(x, y, f"证书编号：{d['certificate_number']}", 11)
    ys = max(y + 6, h - 40)
    p.text(w - 30, ys, d["issuer"], 13, align="right")
    p.text(w - 30, ys + 8, _date(d), 12, align="right")
    p.seal(w - 30 - p.text_width_mm(d["issuer"], 13) / 2, ys + 4, d["issuer"], rng, 34)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def online_course_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=(40, 90, 160), margin_mm=8)
    y = p.text(w / 2, 22, d["platform"], 14, "body", (40, 90, 160), align="center") + 2
    y = (
        p.text(
            w / 2,
            y,
            rng.choice(["学习证明", "结业证书", "继续教育学时证明"]),
            24,
            "title",
            align="center",
            spacing_em=0.2,
        )
        + 8
    )
    x = 30 + rng.uniform(-4, 4)  # printers never place the text twice alike
    y = p.text(x, y, f"学员姓名：{d['person_name_printed']}", 13)
    if d.get("id_number"):
        y = p.text(x, y + 1, f"身份证号：{d['id_number']}", 13)
    y = p.text(x, y + 1, f"工作单位：{d['employer']}", 13) + 3
    y = p.wrap(
        x,
        y,
        w - 60,
        f"该学员于{dates.fmt(d['start_date'], d['date_form'])}至{_date(d)}在{d['platform']}完成"
        f"“{d['title']}”等课程的学习，经考核合格，共获得{_num(d['stated_hours'])}学时。",
        13,
        indent_chars=2,
    )
    if d.get("with_courses"):
        y += 3
        y = p.row(y, [(x, "序号"), (x + 15, "课程名称"), (w - 50, "学时")], 11)
        p.hline(x, w - 30, y - 1.5, 0.2)
        for i, (cname, hrs) in enumerate(d["courses"], 1):
            y = p.row(y, [(x, str(i)), (x + 15, cname), (w - 50, _num(hrs))], 11)
    y = p.text(x, y + 3, f"证书编号：{d['certificate_number']}", 11)
    ys = max(y + 8, h - 42)
    p.text(w - 30, ys, d["issuer"], 13, align="right")
    p.text(w - 30, ys + 8, _date(d), 12, align="right")
    p.seal(w - 30 - p.text_width_mm(d["issuer"], 13) / 2, ys + 4, d["issuer"], rng, 34)


def project_completion(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    heading = d["heading"]
    if rng.random() < 0.6:
        p.border(rng, "plain", color=(150, 120, 60), margin_mm=10)
    y = p.text(w / 2, 30, heading, 26, "title", align="center", spacing_em=0.3) + 10
    x = 28 + rng.uniform(-4, 4)  # printers never place the text twice alike
    rows = [
        ("项目名称", d["title"]),
        ("项目编号", d["project_number"]),
        ("项目来源", d["source"]),
        (rng.choice(["项目主持人", "项目负责人", "主持人"]), d["host_printed"]),
        ("项目组成员", "，".join(d["members_printed"])),
        ("承担单位", d["employer"]),
    ]
    if d.get("show_level"):
        rows.insert(
            3,
            (
                "项目级别",
                {"national": "国家级", "provincial": "省部级", "municipal": "市厅级", "county": "县级"}[
                    d["level"]
                ],
            ),
        )
    for label, value in rows:
        y = p.wrap(x, y, w - 56, f"{label}：{value}", 13) + 1
    y += 3
    y = p.wrap(
        x,
        y,
        w - 56,
        rng.choice(
            [
                "经专家组评审鉴定，该项目已完成合同规定的研究任务，同意结题。",
                "该项目研究工作已按计划完成，经审核，准予结项。特此证明。",
                "经组织专家验收，该项目达到预期目标，准予结题。",
            ]
        ),
        13,
        indent_chars=2,
    )
    y = p.text(x, y + 2, f"结题日期：{_date(d)}", 13)
    ys = max(y + 12, h - 60)
    p.text(w - 32, ys, d["issuer"], 14, align="right")
    p.text(w - 32, ys + 9, _date(d), 13, align="right")
    p.seal(w - 32 - p.text_width_mm(d["issuer"], 14) / 2, ys + 5, d["issuer"], rng, 38)


def digital_skills_exam(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, rng.choice(["plain", "band"]), color=(40, 100, 150), margin_mm=8)
    y = p.text(w / 2, 22, "中华人民共和国人力资源和社会保障部", 12, "body", align="center") + 2
    y = p.text(w / 2, y, d["heading"], 20, "title", align="center") + 8
    p.photo_box(w - 55, y, 24, 32)
    x = 28 + rng.uniform(-4, 4)  # printers never place the text twice alike
    y = p.text(x, y, f"姓    名：{d['person_name_printed']}", 13) + 1
    y = p.text(x, y, f"性    别：{d['sex']}", 13) + 1
    y = p.text(x, y, f"身份证号：{d['id_number']}", 13) + 1
    y = p.text(x, y, f"证书编号：{d['certificate_number']}", 13) + 4
    y = p.text(x, y, f"考试合格模块（共{len(d['module_names'])}个）：", 13) + 1
    for i, m in enumerate(d["module_names"], 1):
        y = p.row(y, [(x + 6, f"{i}．{m}"), (w - 60, "合格")], 12)
    ys = max(y + 8, h - 42)
    p.text(w - 30, ys, d["issuer"], 13, align="right")
    p.text(w - 30, ys + 8, f"发证日期：{_date(d)}", 12, align="right")
    p.seal(w - 30 - p.text_width_mm(d["issuer"], 13) / 2, ys + 4, d["issuer"], rng, 34)


def public_institution_training(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "corners", color=RED, margin_mm=8)
    y = p.text(w / 2, 24, "湖南省事业单位工作人员培训", 16, "title", align="center") + 1
    y = p.text(w / 2, y, "合格证书", 28, "title", RED, align="center", spacing_em=0.4) + 8
    x = 30 + rng.uniform(-4, 4)  # printers never place the text twice alike
    y = p.text(x, y, f"{d['person_name_printed']}同志：", 14) + 2
    y = p.wrap(
        x,
        y,
        w - 60,
        f"参加湖南省事业单位工作人员培训管理平台组织的{d['year']}年度{d['title']}，"
        f"完成培训任务，取得{_num(d['stated_hours'])}学时，经考核成绩合格。",
        13,
        indent_chars=2,
        leading=1.8,
    )
    y = p.text(x + 8, y + 2, "特发此证。", 13) + 3
    y = p.text(x, y, f"证书编号：{d['certificate_number']}", 11)
    ys = max(y + 8, h - 40)
    p.text(w - 30, ys, d["issuer"], 13, align="right")
    p.text(w - 30, ys + 8, _date(d), 12, align="right")
    p.seal(w - 30 - p.text_width_mm(d["issuer"], 13) / 2, ys + 4, d["issuer"], rng, 34)


def overseas_certificate(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w, h = p.width_mm, p.height_mm
    p.border(rng, "plain", color=(30, 60, 120), margin_mm=8)
    y = p.text(w / 2, 24, "CERTIFICATE OF COMPLETION", 20, "title", align="center") + 2
    y = p.text(w / 2, y, "结业证书", 22, "title", align="center", spacing_em=0.3) + 8
    x = 30 + rng.uniform(-4, 4)  # printers never place the text twice alike
    y = p.wrap(
        x,
        y,
        w - 60,
        f"兹证明{d['person_name_printed']}（{d['employer']}）于"
        f"{dates.fmt_range(d['start_date'], d['end_date'], d['date_form'])}在{d['host']}参加"
        f"“{d['title']}”交流项目，完成全部研修内容。",
        13,
        indent_chars=2,
    )
    y = p.text(
        x, y + 3, f"This is to certify that the participant completed the programme in {d['city']}.", 11
    )
    ys = max(y + 10, h - 40)
    p.text(w - 30, ys, d["host"], 13, align="right")
    p.text(w - 30, ys + 8, _date(d, "end_date"), 12, align="right")
    p.seal(w - 30 - p.text_width_mm(d["host"], 13) / 2, ys + 4, d["host"], rng, 32)
