"""Official documents: 红头 notices, schedules, sign-in sheets, invitations, receipts, dispatch
notices, activity logs, assessment forms."""

from __future__ import annotations

import random
from typing import Any

from sample_docs import dates
from sample_docs.canvas import RED, DocPage

NUMERALS = "一二三四五六七八九十"


def _header(p: DocPage, d: dict[str, Any], rng: random.Random) -> float:
    """Red header with the office name, the document number (文号) and the title."""
    y = p.red_header(18, d["doc_org"] + ("文件" if rng.random() < 0.4 else ""), rng.choice([22, 24, 26]))
    if d.get("doc_number"):
        y = p.text(p.width_mm / 2, y, d["doc_number"], 12, align="center") + 3
    y = p.wrap(25, y, p.width_mm - 50, d["doc_title"], 17, "title", leading=1.5) + 3
    return y


def _sign_off(p: DocPage, y: float, org: str, when: str, rng: random.Random) -> float:
    y = max(y + 10, y)
    p.text(p.width_mm - 30, y, org, 13, align="right")
    p.text(p.width_mm - 30, y + 8, when, 13, align="right")
    p.seal(p.width_mm - 30 - p.text_width_mm(org, 13) / 2, y + 5, org, rng, 38)
    return y + 20


def _paragraphs(p: DocPage, y: float, paras: list[str], size: float = 12.5) -> float:
    for para in paras:
        y = p.wrap(25, y, p.width_mm - 50, para, size, indent_chars=2, leading=1.75) + 1
    return y


def training_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _header(p, d, rng)
    y = p.text(25, y, d["addressees"], 12.5) + 1
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    half = {"上午": "上午8:30-12:00", "下午": "下午14:30-17:30"}
    times = half[d["half_period"]] if d.get("half_day") else "上午8:30-12:00，下午14:30-17:30"
    paras = [
        f"为进一步提升专业技术人员综合素质，根据年度继续教育工作安排，经研究，决定举办“{d['title']}”。"
        "现将有关事项通知如下：",
        f"一、培训时间：{rng_text}（{times}）。",
        f"二、培训地点：{d['venue']}。",
        "三、培训对象："
        + rng.choice(["全市专业技术人员", "各单位推荐的专业技术骨干", "市直单位在职专业技术人员"])
        + "。",
        f"四、培训内容：{d['topic_line']}。",
        "五、有关要求：参训人员须按时签到，不得无故缺课，培训结束经考核合格的颁发证书。",
    ]
    y = _paragraphs(p, y, paras)
    if d.get("trainee_list"):
        y = p.wrap(25, y + 1, p.width_mm - 50, "参训人员：" + "、".join(d["trainee_list"]), 12) + 1
    y = p.wrap(
        25,
        y + 1,
        p.width_mm - 50,
        f"联系人：{d['contact']}，联系电话：0736-{d['phone']}。",
        12.5,
        indent_chars=2,
    )
    y = p.text(25, y + 1, "附件：培训课程安排表", 12.5)
    _sign_off(p, y + 8, d["doc_org"], dates.fmt(d["notice_date"], "cn"), rng)


def training_schedule(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = (
        p.text(
            w / 2,
            20,
            d["title"] + "课程安排表" if rng.random() < 0.5 else "培训日程安排",
            16,
            "title",
            align="center",
        )
        + 5
    )
    cols = [22, 62, 92, 160]
    y = p.row(
        y, [(cols[0], "日期"), (cols[1], "时间"), (cols[2], "课程内容"), (cols[3], "授课人")], 11.5, "title"
    )
    p.hline(20, w - 20, y - 1.5, 0.3)
    for day, period, course, teacher in d["sessions"]:
        y = p.row(y, [(cols[0], day), (cols[1], period), (cols[2], course), (cols[3], teacher)], 10.5) + 1
        p.hline(20, w - 20, y - 1.8, 0.15)


def sign_in_sheet(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 20, f"{d['title']}签到表", 16, "title", align="center") + 2
    y = (
        p.text(
            25, y, f"日期：{dates.fmt(d['start_date'], d.get('date_form', 'cn'))}    地点：{d['venue']}", 11
        )
        + 3
    )
    cols = [24, 40, 75, 150]
    y = p.row(
        y, [(cols[0], "序号"), (cols[1], "姓名"), (cols[2], "工作单位"), (cols[3], "签名")], 11.5, "title"
    )
    p.hline(20, w - 20, y - 1.5, 0.3)
    for i, (name, employer) in enumerate(d["attendees"], 1):
        p.text(cols[3], y - 1, name, 13, "sign", (30, 30, 90), truth=False)
        # The handwritten signature repeats the printed name; truth keeps the printed columns.
        y = p.row(y, [(cols[0], str(i)), (cols[1], name), (cols[2], employer)], 11) + 1.5
        p.hline(20, w - 20, y - 1.8, 0.15)


def conference_invitation(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = (
        p.text(w / 2, 24, "邀 请 函" if rng.random() < 0.5 else "会议通知", 24, "title", RED, align="center")
        + 6
    )
    y = p.text(25, y, f"尊敬的{d['person_name_printed']}{rng.choice(['老师', '专家', '同志'])}：", 13) + 2
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    y = _paragraphs(
        p,
        y,
        [
            f"由{d['host']}主办的“{d['title']}”定于{rng_text}在{d['venue']}召开。会议将围绕学科前沿、"
            "技术应用与成果转化等议题开展交流研讨。",
            "诚挚邀请您拨冗出席并作交流发言。请于会前填写参会回执并发送至会务组邮箱。",
            "会务费：1200元／人（含资料费、餐费），交通及住宿费用自理，回原单位报销。",
        ],
    )
    _sign_off(p, y + 10, d["host"], dates.fmt(d["notice_date"], d.get("date_form", "cn")), rng)


def conference_receipt(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 24, "参会回执", 20, "title", align="center") + 2
    y = p.text(w / 2, y, d["title"], 12, align="center") + 6
    rows = [
        ("姓名", d["person_name_printed"]),
        ("工作单位", d["employer"]),
        ("职称", d.get("title_cn", "中级")),
        ("参会时间", dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))),
        ("是否发言", rng.choice(["是", "否"])),
        ("报到情况", "已报到"),
    ]
    for label, value in rows:
        p.rect(30, y - 2, w - 30, y + 8, 0.25)
        p.vline(70, y - 2, y + 8, 0.25)
        y = p.row(y, [(33, label), (74, value)], 12) + 3.2
    _sign_off(p, y + 10, d["host"], dates.fmt(d["end_date"], d.get("date_form", "cn")), rng)


def practice_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _header(p, d, rng)
    y = p.text(25, y, d["addressees"], 12.5) + 1
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    y = _paragraphs(
        p,
        y,
        [
            f"为推动专业技术人员服务基层，经研究，决定开展“{d['title']}”。现将有关事项通知如下：",
            f"一、活动时间：{rng_text}。",
            f"二、活动地点：{d['venue']}。",
            "三、参加人员：各单位选派的专业技术人员，名单见附件。",
            "四、活动要求：参加人员须填写实践活动日志，活动结束后由所在单位审核。",
        ],
    )
    _sign_off(p, y + 8, d["doc_org"], dates.fmt(d["notice_date"], "cn"), rng)


def dispatch_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """派出通知 of the employer for a practice activity (sealed by the unit)."""
    w = p.width_mm
    y = p.text(w / 2, 30, "派出通知", 22, "title", align="center") + 8
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    y = _paragraphs(
        p,
        y,
        [
            f"兹派我单位{d['person_name_printed']}同志于{rng_text}参加“{d['title']}”，"
            f"地点：{d['venue']}，共{_days(d['days'])}天。",
            "请接收单位给予支持为盼。",
            "特此通知。",
        ],
        13,
    )
    _sign_off(p, y + 12, d["employer"], dates.fmt(d["notice_date"], "cn"), rng)


def _days(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def activity_log(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 20, "实践活动日志", 18, "title", align="center") + 3
    y = p.text(25, y, f"姓名：{d['person_name_printed']}    单位：{d['employer']}", 11.5) + 1
    y = p.text(25, y, f"活动名称：{d['title']}", 11.5) + 3
    cols = [24, 62]
    y = p.row(y, [(cols[0], "日期"), (cols[1], "工作内容")], 11.5, "title")
    p.hline(20, w - 20, y - 1.5, 0.3)
    for day, what in d["log"]:
        y = p.row(y, [(cols[0], day), (cols[1], what)], 11) + 1
    y = p.text(25, y + 6, "单位审核意见：情况属实。", 12)
    _sign_off(p, y + 6, d["employer"], dates.fmt(d["end_date"], "cn"), rng)


def aid_dispatch_notice(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    y = _header(p, d, rng)
    y = p.text(25, y, d["addressees"], 12.5) + 1
    y = _paragraphs(
        p,
        y,
        [
            f"根据{d['program']}工作安排，经研究，决定选派{d['person_name_printed']}等同志参加{d['aid_kind']}工作，"
            f"援派时间自{dates.fmt(d['start_date'], 'cn')}起至{dates.fmt(d['end_date'], 'cn')}止，"
            f"期限{d['months']}个月。",
            "请派出单位做好人员的思想动员和工作交接，确保按时到岗。援派期间人事关系、工资待遇不变。",
        ],
    )
    y = p.wrap(25, y + 2, p.width_mm - 50, "选派人员名单：" + "、".join(d["names"]), 12)
    _sign_off(p, y + 10, d["doc_org"], dates.fmt(d["notice_date"], "cn"), rng)


def aid_assessment_form(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 20, f"{d['aid_kind']}干部人才考核登记表", 17, "title", align="center") + 6
    result = "合格" if d["assessment_passed"] else rng.choice(["基本合格", "不合格"])
    if d["assessment_passed"] and rng.random() < 0.3:
        result = "优秀"
    rows = [
        ("姓名", d["person_name_printed"]),
        ("派出单位", d["employer"]),
        ("援派单位", d["post"]),
        ("援派时间", f"{dates.fmt_month(d['start_date'], 'cn')}至{dates.fmt_month(d['end_date'], 'cn')}"),
        ("援派时长", f"{d['months']}个月"),
        ("主要工作", rng.choice(["专业技术指导和业务培训", "带教受援单位技术骨干", "参与受援地项目建设"])),
        ("考核结果", result),
    ]
    for label, value in rows:
        p.rect(25, y - 2, w - 25, y + 9, 0.25)
        p.vline(60, y - 2, y + 9, 0.25)
        y = p.row(y, [(28, label), (64, value)], 12) + 4.2
    y = p.text(25, y + 6, "考核组织意见：同意。", 12)
    _sign_off(p, y + 6, d["assess_org"], dates.fmt(d["end_date"], "cn"), rng)


def overseas_invitation(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 22, "INVITATION LETTER", 18, "title", align="center") + 1
    y = p.text(w / 2, y, "邀请函", 20, "title", align="center") + 6
    y = p.text(25, y, f"Dear {d['person_pinyin']} / 尊敬的{d['person_name_printed']}：", 12.5) + 2
    rng_text = dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))
    y = _paragraphs(
        p,
        y,
        [
            f"{d['host']}诚挚邀请您于{rng_text}来我校参加“{d['title']}”交流访问项目，"
            "开展学术交流与合作研究。",
            "We are pleased to invite you to participate in the exchange programme at our institution.",
            "交流期间的国际旅费及生活费由派出单位承担。",
        ],
    )
    _sign_off(p, y + 10, d["host"], dates.fmt(d["notice_date"], d.get("date_form", "cn")), rng)


def overseas_receipt(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    w = p.width_mm
    y = p.text(w / 2, 24, "交流回执", 20, "title", align="center") + 8
    rows = [
        ("姓名", d["person_name_printed"]),
        ("单位", d["employer"]),
        ("交流单位", d["host"]),
        ("交流项目", d["title"]),
        ("交流时间", dates.fmt_range(d["start_date"], d["end_date"], d.get("date_form", "cn"))),
    ]
    for label, value in rows:
        y = p.wrap(30, y, w - 60, f"{label}：{value}", 12.5) + 1.5
    _sign_off(p, y + 10, d["host"], dates.fmt(d["end_date"], d.get("date_form", "cn")), rng)


def course_content(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """Course-hours record of an online platform (course duration, part ``course_content``)."""
    w = p.width_mm
    y = p.text(w / 2, 18, d["platform"], 13, align="center") + 1
    y = p.text(w / 2, y, "个人学习记录", 17, "title", align="center") + 4
    y = p.text(22, y, f"姓名：{d['person_name_printed']}    单位：{d['employer']}", 11) + 3
    cols = [22, 34, 130, 160]
    y = p.row(
        y, [(cols[0], "序号"), (cols[1], "课程名称"), (cols[2], "学时"), (cols[3], "完成时间")], 11, "title"
    )
    p.hline(20, w - 20, y - 1.5, 0.3)
    for i, (cname, hrs) in enumerate(d["courses"], 1):
        y = p.row(
            y,
            [
                (cols[0], str(i)),
                (cols[1], cname),
                (cols[2], _days(hrs)),
                (cols[3], dates.fmt(d["date"], "dash")),
            ],
            10.5,
        )
    total = sum(h for _, h in d["courses"])
    p.text(22, y + 3, f"合计：{_days(total)}学时", 11.5)


def study_notes(p: DocPage, d: dict[str, Any], rng: random.Random) -> None:
    """学习笔记 of a conference, written by hand on ruled paper (Kai face)."""
    w, h = p.width_mm, p.height_mm
    y = 30.0
    while y < h - 20:
        p.hline(18, w - 18, y + 7, 0.15, (170, 190, 215))
        y += 11
    y = 22.0
    y = p.text(w / 2, y, "学习笔记", 20, "sign", align="center") + 4
    y = p.text(22, y + 2, f"会议：{d['title']}", 13, "sign", (30, 30, 90)) + 4
    y = (
        p.text(
            22,
            y,
            f"时间：{dates.fmt(d['start_date'], 'cn')}    记录人：{d['person_name_printed']}",
            13,
            "sign",
            (30, 30, 90),
        )
        + 4
    )
    for i, note in enumerate(d["notes"], 1):
        y = p.text(22, y, f"{i}．{note}", 13, "sign", (30, 30, 90)) + 4.1
