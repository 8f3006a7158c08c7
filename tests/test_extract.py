"""Field extraction from realistic OCR-like text: per type, names, ranks, dates, levels, parts."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract import detect_parts, extract_fields, fields_for
from pipeline.extract.dates import find_dates, find_ranges
from pipeline.extract.names import find_name, split_names
from pipeline.extract.normalize import normalize
from pipeline.types import Applicant, Line, Page

LI_NA = Applicant("A001", "李娜", title_level="senior", eval_year=2024)


def page(text: str, engine: str = "tesseract", conf: float = 0.93) -> Page:
    """A page as the OCR stage hands it on: text plus one Line per text line with a box."""
    lines = [
        Line(t, (40, 40 + 50 * i, 900, 80 + 50 * i), conf)
        for i, t in enumerate(text.splitlines())
        if t.strip()
    ]
    return Page("f" * 64, 0, 1000, 1400, text, lines=lines, engine=engine, mean_conf=conf)


def values(evidence_type: str, text: str | list[str], applicant: Applicant | None = LI_NA) -> dict:
    texts = [text] if isinstance(text, str) else text
    fields = extract_fields(evidence_type, [page(t) for t in texts], applicant)
    return {k: v.value for k, v in fields.items()}


PATENT = """证书号第5678901号
发明专利证书
发明名称：一种水稻病害智能识别方法
发 明 人：王强；李 娜；张晓明
专 利 号：ZL 2O21 1 0345678.9
专利申请日：２０２１年０３月２９日
专利权人：湖南文理学院
授权公告日：2O23年O6月16日
局长 申长雨
国家知识产权局"""

UTILITY = """实用新型专利证书
实用新型名称：一种便携式土壤采样装置
发明人：陈刚、赵敏、周杰、李娜
专利号：ZL 2022 2 0123456.7
授权公告日：2023年2月3日
国家知识产权局"""

AWARD = """湖南省科学技术进步奖
证 书
为表彰湖南省科学技术进步奖获得者，特颁发此证书。
项目名称：洞庭湖区水环境治理关键技术
奖励等级：二等奖
获奖者：陈刚、李娜、王五
证书号：2023-J-2-015-03
湖南省人民政府
二〇二三年十二月"""

CITY_AWARD = """荣誉证书
李娜 同志：
你参与完成的《城区排水管网智慧监测》项目荣获
常德市科学技术进步奖三等奖（排名第2）
特发此证，以资鼓励。
常德市人民政府
2022年11月8日"""

JOURNAL_COVER = """农业工程学报
Transactions of the Chinese Society of Agricultural Engineering
2023年 第6期
ISSN 1002-6819
CN 11-2047/S"""

JOURNAL_CONTENTS = """目  次
洞庭湖湿地生态评价……………………周明，吴昊(1)
基于深度学习的水稻病害识别研究……王强，李娜，张三(12)
稻田土壤重金属迁移规律…………………刘洋(20)"""

PROJECT = """湖南省自然科学基金项目结题证书
项目编号：2020JJ4567
项目名称：洞庭湖区水环境演变机理研究
项目负责人：陈刚
主要完成人：王强、赵敏、李娜、钱七、孙八
经审核，准予结题。
结题日期：2023年11月20日
湖南省科学技术厅"""

CITY_PROJECT = """湖南省教育厅科学研究项目结题证书
项目名称：高校图书馆数字化服务研究
主持人：李娜
成员：王强、赵敏
结题时间：2022年6月30日
湖南省教育厅"""

TRAINING = """公需科目培训合格证明
李娜同志：
于2024年10月19日至20日参加常德市2024年公需科目培训班，共计16学时，成绩合格，特发此证。
证书编号：CD2024-00123
常德市人力资源和社会保障局培训中心
2024年10月21日"""

CONFERENCE = """参会回执
姓名：李娜
会议名称：第十二届全国农业工程学术年会
会议时间：2023年8月18日下午至8月20日上午
（盖章）"""

AID = """关于选派李娜同志援疆的通知
经研究，选派李娜同志于2022年7月至2023年7月赴新疆开展援疆工作，为期一年。
常德市卫生健康委员会"""

AID_FORM = """援派干部考核表
姓名：李娜
考核结果：优秀"""

SCORES = """全国卫生专业技术资格考试成绩单
姓名：李娜
考试年度：2023年
科目名称  成绩  合格标准
基础知识  78  60
相关专业知识  55  60
专业知识  72  60
专业实践能力  66  60"""

DIGITAL = """数字技术应用能力考试合格证书
姓名：李 娜
合格模块：人工智能基础 合格
合格模块：数据分析与可视化 合格
考试日期：2023年9月10日
证书编号：SZ20230910-0088"""


NOTICE_MENTIONS = "关于举办培训班的通知\n参训人员须按时签到。\n附件：培训课程安排表"

CASES = [
    (
        "patent_certificate",
        PATENT,
        {
            "person_name": "李娜",
            "name_found": True,
            "rank": 2,
            "patent_kind": "invention",
            "patent_number": "ZL202110345678.9",
            "title": "一种水稻病害智能识别方法",
            "date": "2023-06-16",
            "certificate_number": "5678901",
            "issuer": "国家知识产权局",
        },
    ),
    ("patent_certificate", UTILITY, {"rank": 4, "patent_kind": "utility_model", "date": "2023-02-03"}),
    (
        "award_certificate",
        AWARD,
        {
            "rank": 2,
            "level": "provincial",
            "grade": 2,
            "title": "洞庭湖区水环境治理关键技术",
            "date": "2023-12-01",
            "certificate_number": "2023-J-2-015-03",
            "issuer": "湖南省人民政府",
        },
    ),
    (
        "award_certificate",
        CITY_AWARD,
        {"rank": 2, "level": "municipal", "grade": 3, "date": "2022-11-08", "name_found": True},
    ),
    (
        "journal_paper",
        [JOURNAL_COVER, JOURNAL_CONTENTS],
        {
            "rank": 2,
            "title": "基于深度学习的水稻病害识别研究",
            "journal": "农业工程学报",
            "cn_number": "11-2047/S",
            "issn": "1002-6819",
            "date": "2023-06-01",
            "name_found": True,
        },
    ),
    (
        "project_completion",
        PROJECT,
        {
            "rank": 4,
            "role": "main",
            "level": "provincial",
            "title": "洞庭湖区水环境演变机理研究",
            "date": "2023-11-20",
            "issuer": "湖南省科学技术厅",
        },
    ),
    (
        "project_completion",
        CITY_PROJECT,
        {"rank": 1, "role": "host", "level": "municipal", "date": "2022-06-30"},
    ),
    (
        "training_certificate",
        TRAINING,
        {
            "title": "常德市2024年公需科目培训班",
            "start_date": "2024-10-19",
            "end_date": "2024-10-20",
            "days": 2.0,
            "stated_hours": 16.0,
            "subject": "public",
            "certificate_number": "CD2024-00123",
            "date": "2024-10-21",
        },
    ),
    (
        "conference_record",
        CONFERENCE,
        {
            "start_date": "2023-08-18",
            "end_date": "2023-08-20",
            "days": 2.0,
            "name_found": True,
            "title": "第十二届全国农业工程学术年会",
        },
    ),
    (
        "aid_assignment",
        [AID, AID_FORM],
        {"start_date": "2022-07-01", "end_date": "2023-07-31", "months": 12, "assessment_passed": True},
    ),
    ("qualification_exam_scores", SCORES, {"passed_count": 3, "date": "2023-01-01", "name_found": True}),
    (
        "digital_skills_exam",
        DIGITAL,
        {"modules": 2, "date": "2023-09-10", "person_name": "李娜", "certificate_number": "SZ20230910-0088"},
    ),
]


@pytest.mark.parametrize(
    ("evidence_type", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_fields_per_type(evidence_type: str, text: str | list[str], expected: dict) -> None:
    got = values(evidence_type, text)
    for name, want in expected.items():
        assert got.get(name) == want, f"{name}: {got.get(name)!r} != {want!r} (all: {got})"
    assert set(got) <= set(fields_for(evidence_type)), "only the fields of the type"


def test_provenance_points_at_the_line_read() -> None:
    pages = [page(JOURNAL_COVER), page(JOURNAL_CONTENTS)]
    f = extract_fields("journal_paper", pages, LI_NA)
    assert f["cn_number"].page == 0 and "CN 11-2047/S" in f["cn_number"].source
    assert f["rank"].page == 1 and "李娜" in f["rank"].source
    assert f["rank"].box == pages[1].lines[2].box


def test_missing_field_is_absent_not_guessed() -> None:
    no_date = PATENT.replace("授权公告日：2O23年O6月16日\n", "").replace(
        "专利申请日：２０２１年０３月２９日\n", ""
    )
    got = values("patent_certificate", no_date)
    assert "date" not in got
    no_grade = AWARD.replace("奖励等级：二等奖\n", "")
    assert "grade" not in values("award_certificate", no_grade)


def test_patent_grant_date_not_application_date_when_unlabelled() -> None:
    # no 授权公告日 label: the 申请日 date must not be taken; the fallback is marked unsure
    text = "发明专利证书\n发明人：李娜\n专利申请日：2021年03月29日\n2023年06月16日\n国家知识产权局"
    f = extract_fields("patent_certificate", [page(text)], LI_NA)
    assert f["date"].value == "2023-06-16"
    assert f["date"].confidence < 0.8


def test_name_absent_gives_name_found_false() -> None:
    f = extract_fields("patent_certificate", [page(PATENT)], Applicant("A9", "欧阳明"))
    assert f["name_found"].value is False
    assert "person_name" not in f and "rank" not in f


def test_no_applicant_gives_no_name_fields() -> None:
    got = values("patent_certificate", PATENT, applicant=None)
    assert "name_found" not in got and "rank" not in got
    assert got["patent_kind"] == "invention"


def test_empty_pages_give_no_fields() -> None:
    err = Page("f" * 64, 0, 0, 0, "", error="cannot decode")
    assert extract_fields("patent_certificate", [err], LI_NA) == {}


# --- normalisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("２０２３年０６月１６日", "2023年06月16日"),
        ("2O23.O6.l6", "2023.06.16"),
        ("李 娜", "李娜"),
        ("发明人：王强；李娜", "发明人:王强;李娜"),
        ("2023 年 6 月", "2023年6月"),
        ("ISO 9001", "ISO 9001"),
        ("2019年1]月5日", "2019年11月5日"),  # a stroke after a digit: 11 is a month
        ("2022年04月06|日", "2022年04月06日"),  # ... 061 is no day: noise
    ],
)
def test_normalize(raw: str, want: str) -> None:
    assert normalize(raw) == want


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "printed"),
    [
        ("李娜", "发明人:王强;李娜;张晓明", "李娜"),
        ("张晓明", "获奖者:张晓朋、李四", "张晓朋"),  # one OCR slip in a 3-character name
        ("李娜", "Authors: Qiang Wang, Na Li, San Zhang", "Na Li"),
        ("李娜", "LI Na, WANG Qiang", "LI Na"),
        ("张晓明", "Zhang Xiaoming and Wang Qiang", "Zhang Xiaoming"),
        ("欧阳明", "Ouyang Ming", "Ouyang Ming"),
    ],
)
def test_find_name(name: str, text: str, printed: str) -> None:
    m = find_name(name, normalize(text))
    assert m is not None and m.printed == printed


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("李娜", "发明人:王强;季娜;张晓明"),  # one wrong character of two: another person
        ("张晓明", "获奖者:王大伟、李四"),
        ("李娜", "Linate Corporation"),
    ],
)
def test_name_not_found(name: str, text: str) -> None:
    assert find_name(name, normalize(text)) is None


@pytest.mark.parametrize(
    ("segment", "names"),
    [
        ("王强;李娜;张晓明", ["王强", "李娜", "张晓明"]),
        ("王强 李娜 张晓明", ["王强", "李娜", "张晓明"]),
        ("王 强 李 娜", ["王强", "李娜"]),
        ("王强李娜张晓明", ["王强", "李娜", "张晓明"]),
        ("欧阳明、李娜", ["欧阳明", "李娜"]),
        ("Wang Qiang, Li Na", ["Wang Qiang", "Li Na"]),
        ("邓芳 林，李娜，苏佳", ["邓芳林", "李娜", "苏佳"]),
    ],
)
def test_split_names(segment: str, names: list[str]) -> None:
    assert split_names(segment, "李娜") == names


@pytest.mark.parametrize(
    ("line", "rank"),
    [
        ("发明人：王强；李娜；张晓明", 2),
        ("发明人：王强 李娜 张晓明", 2),
        ("发明人：王强李娜张晓明", 2),
        ("发明人：李 娜", 1),
        ("发明人：陈刚、王五、周杰、李娜", 4),
        ("李娜（第三完成人）", 3),
        ("排名第5：李娜", 5),
    ],
)
def test_rank_forms(line: str, rank: int) -> None:
    assert values("patent_certificate", "发明专利证书\n" + line)["rank"] == rank


def test_rank_from_split_ocr_list_is_less_sure() -> None:
    sep = extract_fields("patent_certificate", [page("发明人：王强；李娜；张晓明")], LI_NA)["rank"]
    run = extract_fields("patent_certificate", [page("发明人：王强李娜张晓明")], LI_NA)["rank"]
    assert sep.value == run.value == 2
    assert run.confidence < sep.confidence


@pytest.mark.parametrize(
    ("members", "rank", "role"),
    [
        ("项目负责人：李娜\n成员：王强、赵敏", 1, "host"),
        ("项目负责人：陈刚\n成员：王强、李娜、赵敏", 3, "main"),
        ("项目负责人：陈刚\n成员：王强、赵敏、钱七、孙八、李娜", 6, "participant"),
        ("完成人：陈刚、王强、赵敏、李娜", 4, "main"),
    ],
)
def test_project_role(members: str, rank: int, role: str) -> None:
    got = values("project_completion", "课题结题证书\n" + members)
    assert (got["rank"], got["role"]) == (rank, role)


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("2023年6月16日", "2023-06-16", "day"),
        ("2023.06.16", "2023-06-16", "day"),
        ("2023-06-16", "2023-06-16", "day"),
        ("2023/6/16", "2023-06-16", "day"),
        ("二〇二三年十二月十六日", "2023-12-16", "day"),
        ("二〇二三年十二月", "2023-12-01", "month"),
        ("二○二一年五月二十日", "2021-05-20", "day"),
        ("2023年12月", "2023-12-01", "month"),
        ("2023年度", "2023-01-01", "year"),
        ("２０２３年６月１６日", "2023-06-16", "day"),
    ],
)
def test_date_forms(text: str, date: str, precision: str) -> None:
    hits = find_dates(normalize(text))
    assert [(h.date.isoformat(), h.precision) for h in hits] == [(date, precision)]


@pytest.mark.parametrize(
    ("text", "start", "end", "days"),
    [
        ("2024年10月19日至20日", "2024-10-19", "2024-10-20", 2.0),
        ("2024年10月19日-10月21日", "2024-10-19", "2024-10-21", 3.0),
        ("2024.10.19—2024.10.20", "2024-10-19", "2024-10-20", 2.0),
        ("2024年10月19日下午至20日", "2024-10-19", "2024-10-20", 1.5),
        ("2024年10月19日上午至19日下午", "2024-10-19", "2024-10-19", 1.0),
        ("2024年10月31日至11月2日", "2024-10-31", "2024-11-02", 3.0),
        ("2024年12月30日至2025年1月1日", "2024-12-30", "2025-01-01", 3.0),
    ],
)
def test_date_ranges(text: str, start: str, end: str, days: float) -> None:
    r = find_ranges(normalize(text))[0]
    assert (r.start.date.isoformat(), r.end.date.isoformat(), r.days) == (start, end, days)


def test_half_day_event_and_printed_days() -> None:
    half = values("conference_record", "讲座通知\n时间：2024年3月5日下午\n李娜")
    assert half["days"] == 0.5 and half["start_date"] == "2024-03-05"
    printed = values("training_certificate", "李娜参加培训，时间：2024年5月6日至5月10日，为期3天")
    assert printed["days"] == 3.0 and printed["end_date"] == "2024-05-10"


def test_journal_issue_year() -> None:
    assert values("journal_paper", "计算机工程\nCN 31-1289/TP\n2022, 48(11)")["date"] == "2022-11-01"
    assert values("journal_paper", "中国农业科学\n2021年第23期\nCN 11-1328/S")["date"] == "2021-01-01"


def test_month_precision_dates_lower_confidence() -> None:
    f = extract_fields("award_certificate", [page(AWARD)], LI_NA)
    assert f["date"].value == "2023-12-01"
    g = extract_fields(
        "award_certificate", [page(AWARD.replace("二〇二三年十二月", "获奖日期：2023年12月8日"))], LI_NA
    )
    assert f["date"].confidence < g["date"].confidence


# --- levels, grades, numbers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "level"),
    [
        ("国家自然科学基金委员会 国家自然科学基金项目", "national"),
        ("国家社会科学基金项目", "national"),
        ("中华人民共和国科学技术部", "national"),
        ("教育部人文社会科学研究项目", "national"),
        ("湖南省人民政府", "provincial"),
        ("湖南省自然科学基金项目\n湖南省科学技术厅", "provincial"),
        ("湖南省社会科学基金项目", "provincial"),
        ("湖南省重点研发计划项目", "provincial"),
        ("北京市人民政府", "provincial"),
        ("湖南省教育厅科学研究项目", "municipal"),
        ("湖南省卫健委科研课题", "municipal"),
        ("常德市人民政府", "municipal"),
        ("常德市科学技术局", "municipal"),
        ("鼎城区人民政府", "county"),
        ("桃源县科技局", "county"),
    ],
)
def test_level_map(issuer: str, level: str) -> None:
    assert values("project_completion", f"项目结题证书\n{issuer}")["level"] == level


def test_unknown_level_is_absent() -> None:
    assert "level" not in values("award_certificate", "荣誉证书\n李娜\n一等奖\n某某公司")


@pytest.mark.parametrize(
    ("text", "grade"), [("一等奖", 1), ("二等奖", 2), ("三等奖", 3), ("特等奖", 0), ("荣获3等奖", 3)]
)
def test_grades(text: str, grade: int) -> None:
    assert values("award_certificate", f"湖南省科学技术进步奖\n{text}")["grade"] == grade


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("发明专利证书", "invention"),
        ("实用新型专利证书\n发明人：李娜", "utility_model"),
        ("外观设计专利证书\n设计人：李娜", "design"),
    ],
)
def test_patent_kinds(text: str, kind: str) -> None:
    assert values("patent_certificate", text)["patent_kind"] == kind


def test_patent_number_forms_and_check_digit() -> None:
    from pipeline.extract.codes import patent_check_digit

    digits = "201810123456"
    good = f"ZL {digits[:4]} {digits[4]} {digits[5:]}.{patent_check_digit(digits)}"
    bad = f"ZL{digits}.{(int(patent_check_digit(digits).replace('X', '0')) + 1) % 10}"
    fg = extract_fields("patent_certificate", [page(f"专利号：{good}")], LI_NA)["patent_number"]
    fb = extract_fields("patent_certificate", [page(f"专利号：{bad}")], LI_NA)["patent_number"]
    assert fg.value == f"ZL{digits}.{patent_check_digit(digits)}"
    assert fg.confidence > 0.9 > fb.confidence


@pytest.mark.parametrize(("text", "cn"), [("CN 43-1068/S", "43-1068/S"), ("CN 31-1289/TP", "31-1289/TP"),
                                          ("CN45-1375/G4", "45-1375/G4")])
def test_cn_numbers(text: str, cn: str) -> None:
    assert values("journal_paper", text)["cn_number"] == cn


def test_issn_check_digit_is_a_confidence_signal() -> None:
    good = extract_fields("journal_paper", [page("ISSN 1002-6819")], LI_NA)["issn"]
    bad = extract_fields("journal_paper", [page("ISSN 1002-6818")], LI_NA)["issn"]
    assert good.value == "1002-6819" and good.confidence > 0.9 > bad.confidence


def test_isbn_and_book() -> None:
    text = "图书在版编目(CIP)数据\n作者：李娜，王强\nISBN 978-7-04-049361-7\n2022年3月第1版"
    got = values("book_publication", text)
    assert got["isbn"] == "978-7-04-049361-7" and got["rank"] == 1


@pytest.mark.parametrize(
    ("text", "hours"),
    [("共计16学时", 16.0), ("学时：24", 24.0), ("获得12.5学时", 12.5), ("总学时：32", 32.0)],
)
def test_stated_hours(text: str, hours: float) -> None:
    assert values("training_certificate", f"结业证书\n李娜\n{text}")["stated_hours"] == hours


def test_requirement_sentence_is_not_stated_hours() -> None:
    assert "stated_hours" not in values("training_notice", "关于举办培训班的通知\n每年累计不少于90学时")


def test_subject_public_or_professional() -> None:
    assert values("training_certificate", "公需科目培训合格证明\n李娜")["subject"] == "public"
    assert values("training_certificate", "专业科目培训结业证书\n李娜")["subject"] == "professional"
    # nothing printed: the rules decide (professional for trainings), no guess here
    assert "subject" not in values("training_certificate", "中医护理技术培训结业证书\n李娜")


@pytest.mark.parametrize(
    ("text", "months", "passed"),
    [
        ("援藏工作为期6个月。考核结果：合格", 6, True),
        ("援外工作为期一年半。考核等次：称职", 18, True),
        ("东西部协作 2023年3月至2023年8月。考核结果：不合格", 6, False),
    ],
)
def test_assignment(text: str, months: int, passed: bool) -> None:
    got = values("aid_assignment", "关于选派李娜同志的通知\n" + text)
    assert (got["months"], got["assessment_passed"]) == (months, passed)


def test_transcript_with_credits_and_grade_words() -> None:
    text = (
        "课程成绩单\n姓名：李娜\n课程名称 学分 成绩\n"
        "高等数学 4 85\n大学英语 3 52\n思想政治 2 合格\n2023年7月10日"
    )
    assert values("degree_transcript", text)["passed_count"] == 2


# --- parts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("evidence_type", "text", "parts"),
    [
        ("journal_paper", JOURNAL_COVER, {"cover", "serial_numbers"}),
        ("journal_paper", JOURNAL_CONTENTS, {"contents"}),
        ("training_certificate", "培训签到表\n序号 姓名 单位 签名", {"sign_in"}),
        ("training_certificate", "培训课程表\n日期 时间 课程", {"schedule"}),
        ("training_certificate", "关于举办2024年公需科目培训班的通知", {"notice"}),
        ("training_certificate", TRAINING, {"certificate"}),
        ("aid_assignment", AID, {"dispatch_notice"}),
        ("aid_assignment", AID_FORM, {"assessment_form"}),
        ("patent_certificate", PATENT, {"certificate"}),
        ("project_completion", PROJECT, {"completion_certificate"}),
        ("conference_record", CONFERENCE, {"receipt"}),
        ("qualification_exam_scores", SCORES, {"score_report"}),
        ("other", PATENT, set()),
        # what a page mentions is not what it is
        ("training_certificate", NOTICE_MENTIONS, {"notice"}),
        ("practice_activity", "关于开展送医下乡实践活动的通知\n须填写实践活动日志。", {"activity_notice"}),
    ],
)
def test_detect_parts(evidence_type: str, text: str, parts: set[str]) -> None:
    assert detect_parts(evidence_type, page(text)) == parts


def test_dates_module_returns_dates() -> None:
    assert find_dates("2023年6月16日")[0].date == dt.date(2023, 6, 16)


def test_rank_compares_whole_names() -> None:
    # 杨李娜 is not 李娜: the applicant is not in this list
    assert "rank" not in values("patent_certificate", "发明专利证书\n发明人：王强；杨李娜；张晓明")


def test_half_day_in_brackets_and_full_day_hours() -> None:
    notice = "关于举办培训班的通知\n一、培训时间："
    half = values("training_notice", notice + "2021.11.22（下午14:30-17:30）。")
    assert half["days"] == 0.5
    full = values("training_notice", notice + "2024年03月05日至6日（上午8:30-12:00，下午14:30-17:30）")
    assert full["days"] == 2.0


CERT_AND_NOTICE = """结业证书
学员：李娜
于2024年8月28日至29日参加常德市人社局培训中心组织的2024年度专业技术人员公需科目培训（2024年度专业技
术人员公需科目培训班），共计16学时，考核合格。
证书编号：CDRS2024268814
常德市人社局培训中心
2024年8月29日
常德市人力资源和社会保障局
常人社函〔2024〕14号
关于举办2024年度专业技术人员公需科目培训班的通知
一、培训时间：2024年8月28日至29日
常德市人力资源和社会保障局
2024年8月9日"""


def test_certificate_and_notice_in_one_picture() -> None:
    # the issuer and date are the certificate's, not those of the notice beside it
    got = values("training_certificate", CERT_AND_NOTICE)
    assert got["issuer"] == "常德市人社局培训中心"
    assert got["date"] == "2024-08-29"
    assert got["title"] == "2024年度专业技术人员公需科目培训班"
    assert got["stated_hours"] == 16.0 and got["days"] == 2.0


def test_notice_issuer_is_the_signer_of_the_first_document() -> None:
    text = (
        "常德市教育局文件\n常教发〔2024〕35号\n关于开展乡村规划设计下乡服务的通知\n一、活动时间：2024年11月02日至6日。\n"
        "常德市教育局\n2024年10月14日\n派出通知\n兹派我单位李娜同志参加\n澧县自然资源局\n2024年10月14日"
    )
    assert values("practice_activity", text)["issuer"] == "常德市教育局"


def test_award_winners_listed_before_tongzhi() -> None:
    text = "荣誉证书\n邱勇康、李娜、袁少、潘光辉同志：\n荣获澧县科学技术进步奖一等奖。\n澧县人民政府"
    got = values("award_certificate", text)
    assert (got["rank"], got["level"], got["grade"], got["issuer"]) == (2, "county", 1, "澧县人民政府")


def test_pinyin_only_on_a_chinese_page_is_unsure() -> None:
    letter = "INVITATION LETTER\nDear Li Na,\nWe invite you."
    english = extract_fields("overseas_exchange", [page(letter)], LI_NA)
    assert english["name_found"].value is True and english["name_found"].confidence >= 0.8
    mixed = "邀请函\nDear Li Na / 尊敬的赵兰：\n慕尼黑工业大学邀请您于2024年5月19日至23日来我校参加交流项目。"
    f = extract_fields("overseas_exchange", [page(mixed)], LI_NA)
    assert f["name_found"].value is True and f["name_found"].confidence < 0.8


def test_book_authors_from_the_cip_line() -> None:
    text = "图书在版编目(CIP)数据\n黄精研究/王强，李娜，魏子华著.—北京：人民卫生出版社，2022.11"
    assert values("book_publication", text)["rank"] == 2
