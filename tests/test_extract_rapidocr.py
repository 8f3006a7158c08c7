"""Extraction from lines as RapidOCR (the default engine) hands them on, copied from a real run.

Each case is the OCR output of a generated held-out page (boxes and texts as read, eval seed 41),
trimmed to the lines that matter, with the fields a reviewer would read off the scan. RapidOCR
boxes every table cell on its own and reads a printed ；between names as ：— the cases pin the
fixes for both.
"""

from __future__ import annotations

import pytest

from pipeline.extract import detect_parts, extract_fields
from pipeline.extract.lines import item_lines, table_rows
from pipeline.types import Applicant, Line, Page

Cell = tuple[tuple[int, int, int, int], str]


def rapid_page(cells: list[Cell], conf: float = 0.99) -> Page:
    lines = [Line(text, box, conf) for box, text in cells]
    return Page("e" * 64, 0, 1200, 1600, "\n".join(t for _, t in cells), lines=lines, engine="rapidocr",
                mean_conf=conf)


SCORE_REPORT: list[Cell] = [
    ((322, 105, 813, 149), "2021年度经济专业技术资格考试(中级)"),
    ((490, 156, 665, 199), "成绩通知单"),
    ((129, 231, 253, 265), "姓名：邓芷"),
    ((126, 348, 226, 387), "考试科目"), ((544, 356, 599, 389), "成绩"),
    ((704, 355, 805, 393), "合格标准"), ((865, 360, 964, 395), "是否合格"),
    ((127, 384, 400, 418), "人力资源管理专业知识和实务"), ((544, 392, 574, 419), "87"),
    ((703, 394, 735, 421), "84"), ((865, 394, 916, 428), "合格"),
    ((127, 425, 259, 455), "经济基础知识"), ((544, 431, 574, 459), "9"),
    ((703, 434, 734, 460), "84"), ((865, 432, 916, 466), "合格"),
    ((126, 484, 652, 518), "本成绩单仅供个人查询使用，以人事考试机构公布的成绩为准。"),
    ((798, 557, 987, 599), "湖南省人事考试院"),
    ((814, 597, 986, 634), "2021年12月28日"),
]

TRANSCRIPT: list[Cell] = [
    ((438, 231, 760, 264), "湘潭大学研究生课程成绩单"),
    ((229, 279, 337, 305), "姓名：孟群光"), ((489, 280, 657, 305), "学号：202033769993"),
    ((227, 312, 357, 338), "序号课程名称"), ((618, 312, 662, 340), "学分"),
    ((716, 315, 758, 339), "成绩"), ((803, 314, 947, 339), "考试时间性质"),
    ((281, 338, 385, 362), "高级护理实践"), ((620, 341, 636, 360), "3"),
    ((717, 341, 743, 362), "67"), ((802, 337, 948, 365), "2021.10.28必修"),
    ((281, 362, 433, 388), "科研方法与论文写作"), ((621, 368, 638, 385), "4"),
    ((717, 365, 742, 386), "61"), ((803, 362, 950, 390), "2021.04.07选修"),
    ((229, 390, 246, 406), "3"), ((281, 386, 402, 411), "数据分析与建模"),
    ((620, 390, 638, 407), "2"), ((717, 390, 744, 411), "88"), ((804, 386, 950, 415), "2021.08.01选修"),
    ((283, 411, 353, 434), "工程数学"), ((621, 414, 638, 431), "2"),
    ((717, 414, 746, 436), "45"), ((806, 412, 949, 438), "2021.11.23必修"),
    ((229, 445, 500, 473), "注：成绩60分及以上为合格（及格）。"),
    ((797, 534, 950, 566), "2021年12月22日"),
]

ASSESSMENT_FORM: list[Cell] = [
    ((300, 100, 900, 140), "援藏干部人才考核登记表"),
    ((130, 200, 200, 230), "姓名"), ((400, 200, 470, 230), "江诺"),
    ((130, 240, 250, 270), "援派时间"), ((400, 240, 700, 270), "2024年1月至2024年6月"),
    ((130, 280, 250, 310), "援派时长"), ((400, 280, 480, 310), "6个月"),
    ((130, 320, 250, 350), "考核结果"), ((400, 322, 450, 352), "合格"),
    ((130, 360, 500, 390), "考核组织意见：同意。"),
]

INVENTION: list[Cell] = [
    ((400, 150, 800, 200), "发明专利证书"),
    ((120, 300, 600, 330), "发明名称：一种柑橘采摘器"),
    ((120, 340, 900, 370), "发明人：谭海明:邓芷:石晓静:江风海:雷建庆:秦振振"),
    ((120, 380, 600, 410), "专利号：ZL202110334318.3"),
]

UTILITY: list[Cell] = [
    ((400, 150, 800, 200), "实用新型专利证书"),
    ((120, 340, 900, 370), "发明人：侯海文;侯浩:孟群光:史玲:孔梅梅"),
    ((120, 380, 600, 410), "专利号：ZL 201920919409.1"),
]

PUBLIC_TRAINING: list[Cell] = [
    ((300, 100, 900, 140), "湖南省事业单位工作人员培训"),
    ((450, 150, 750, 190), "合格证书"),
    ((120, 260, 330, 295), "江诺同志："),
    ((160, 300, 1000, 400), "参加湖南省事业单位工作人员培训管理平台组织的2024年度事业单位工作人员在岗培训，"
                            "完成培训任务，取得50学时，经考核成绩合格。"),
    ((160, 420, 330, 450), "特发此证。"),
    ((160, 470, 700, 500), "证书编号：HNSYDW20247837725"),
    ((760, 560, 960, 590), "24年6月25日"),  # the 20 of 2024 not read
]

CONTENTS: list[Cell] = [
    ((420, 200, 780, 240), "中国卫生统计2024年第7期"),
    ((560, 250, 640, 285), "目次"),
    ((117, 337, 513, 374), "湘北丘陵茶园信息化管理模式关键技术研究"), ((991, 331, 1023, 359), "12"),
    ((149, 370, 326, 401), "龙振俊,吴菊,廖平"),
    ((109, 486, 232, 524), "【经验交流】"),
    ((119, 519, 476, 553), "新能源汽车电池优化设计方法应用研究"), ((992, 511, 1023, 539), "21"),
    ((151, 549, 329, 581), "江诺,石秀敏,罗涵"),
    ((122, 584, 459, 618), "农村饮水安全工程智能检测装置研究"), ((995, 576, 1026, 604), "27"),
    ((153, 614, 422, 646), "于立,郭国一,陈伟永,付雨芳"),
]

# a phone photo (seed 7): the page slopes, so a row's cells sit at different heights
SKEWED_REPORT: list[Cell] = [
    ((620, 329, 1183, 420), "2024年度一级建造师执业资格考试"), ((792, 403, 1018, 476), "成绩通知单"),
    ((335, 476, 524, 533), "姓名:向德刚"), ((330, 630, 465, 681), "考试科目"),
    ((335, 676, 648, 733), "建设工程法规及相关知识"), ((866, 660, 934, 705), "成绩"),
    ((1064, 669, 1188, 720), "合格标准"), ((1256, 678, 1382, 732), "是否合格"),
    ((337, 724, 595, 783), "专业工程管理与实务"), ((866, 708, 910, 749), "39"),
    ((1065, 718, 1108, 759), "60"), ((1259, 725, 1351, 773), "不合格"),
    ((335, 773, 516, 828), "建设工程经济"), ((866, 757, 910, 798), "92"),
    ((1065, 768, 1108, 807), "60"), ((1260, 770, 1328, 821), "合格"),
    ((868, 807, 910, 846), "64"), ((1065, 816, 1108, 855), "60"), ((1259, 820, 1327, 870), "合格"),
    ((337, 851, 1009, 922), "本成绩单仅供个人查询使用,以人事考试机构公布的成绩为准。"),
    ((1200, 1023, 1412, 1078), "2024年11月15日"),
]

SKEWED_TRANSCRIPT: list[Cell] = [
    ((491, 156, 1167, 240), "湖南师范大学研究生课程成绩单"), ((151, 267, 356, 322), "姓名:谢浩国"),
    ((151, 337, 392, 387), "序号课程名称"), ((866, 322, 943, 372), "学分"),
    ((1039, 322, 1115, 364), "成绩"), ((1197, 308, 1456, 363), "考试时间性质"),
    ((157, 392, 188, 426), "1"), ((252, 383, 383, 428), "工程数学"), ((868, 374, 897, 411), "2"),
    ((1039, 366, 1089, 405), "55"), ((1197, 355, 1450, 404), "2024.07.09选修"),
    ((160, 441, 192, 472), "2"), ((250, 423, 413, 478), "土壤学进展"), ((868, 420, 901, 457), "2"),
    ((1041, 415, 1089, 452), "48"), ((1197, 401, 1450, 450), "2024.02.05选修"),
    ((158, 485, 192, 521), "3"), ((254, 476, 385, 522), "学术英语"), ((870, 467, 901, 504), "2"),
    ((1041, 461, 1091, 500), "83"), ((1199, 446, 1454, 502), "2024.02.25必修"),
    ((162, 532, 193, 565), "4"), ((254, 520, 415, 571), "管理学原理"), ((870, 513, 903, 550), "2"),
    ((1045, 508, 1091, 547), "71"), ((1201, 494, 1454, 543), "2024.09.11选修"),
    ((157, 573, 200, 620), "5"), ((256, 571, 387, 617), "流行病学"), ((872, 560, 903, 599), "2"),
    ((1045, 554, 1091, 595), "90"), ((1203, 543, 1452, 588), "2024.11.04必修"),
    ((162, 625, 193, 662), "6"), ((254, 611, 446, 666), "现代教育技术"), ((873, 606, 903, 643), "3"),
    ((1047, 601, 1095, 640), "47"), ((1203, 589, 1456, 638), "2024.04.07选修"),
    ((162, 725, 662, 783), "注:成绩60分及以上为合格(及格)。"),
    ((1186, 864, 1460, 930), "2024年12月27日"),
]

AWARD: list[Cell] = [
    ((450, 150, 750, 200), "荣誉证书"),
    ((120, 260, 600, 295), "方然艳(第四完成人)同志:"),
    ((160, 300, 1000, 335), "你(们)完成的“高职院校实训教学教学改革与实践研究”项目,"),
    ((160, 340, 1000, 370), "荣获湖南省科学技术进步口奖三等奖(2023年度)。"),
    ((160, 380, 1000, 410), "主要完成人:胡刚子、姜杰、胡沅桂、方然艳、范浩博、沈顺刚"),
    ((160, 470, 700, 500), "证书编号:2024-JSK-3-020-R04"),
    ((760, 540, 960, 570), "湖南省人民政府"),
    ((760, 580, 960, 610), "024年12月20日"),  # the first 2 of 2024 not read
]

# seed 43 (10 applicants, demo settings): the 0 of 2021 lost; a salutation opening the paragraph
PUBLIC_2021: list[Cell] = [
    ((300, 100, 900, 140), "湖南省事业单位工作人员培训"), ((450, 150, 750, 190), "合格证书"),
    ((120, 260, 330, 295), "方梓辉同志:"),
    ((160, 300, 1000, 335), "参加湖南省事业单位工作人员培训管理平台组织的2021年度事业单位新进人员初任培训,"),
    ((160, 340, 1000, 370), "完成培训任务,取得60学时,经考核成绩合格。"),
    ((760, 580, 960, 610), "221年6月16日"),
]
PUBLIC_2019: list[Cell] = [
    ((300, 100, 900, 140), "湖南省事业单位工作人员培训"), ((450, 150, 750, 190), "合格证书"),
    ((120, 260, 1000, 295), "卢芳勇同志:参加湖南省事业单位工作人员培训管理平台组织的2019年度"
                            "事业单位工作人员岗位培训,完成培训任务,取得30"),
    ((120, 300, 600, 330), "学时,经考核成绩合格。"),
    ((760, 580, 960, 610), "2019年06月15日"),
]

CASES = [
    ("qualification_exam_scores", "邓芷", SCORE_REPORT, {"passed_count": 2}),
    ("degree_transcript", "孟群光", TRANSCRIPT, {"passed_count": 3}),
    ("qualification_exam_scores", "向德刚", SKEWED_REPORT, {"passed_count": 2}),
    ("degree_transcript", "谢浩国", SKEWED_TRANSCRIPT, {"passed_count": 3}),
    ("aid_assignment", "江诺", ASSESSMENT_FORM, {"assessment_passed": True}),
    ("patent_certificate", "邓芷", INVENTION, {"rank": 2, "patent_kind": "invention"}),
    ("patent_certificate", "孟群光", UTILITY, {"rank": 3, "patent_kind": "utility_model"}),
    ("journal_paper", "江诺", CONTENTS, {"rank": 1, "title": "新能源汽车电池优化设计方法应用研究"}),
    ("journal_paper", "陈伟永", CONTENTS, {"rank": 3, "title": "农村饮水安全工程智能检测装置研究"}),
    ("award_certificate", "方然艳", AWARD, {"date": "2024-12-20", "rank": 4, "grade": 3}),
    ("public_institution_training", "方梓辉", PUBLIC_2021, {"date": "2021-06-16", "stated_hours": 60}),
    ("public_institution_training", "卢芳勇", PUBLIC_2019, {"date": "2019-06-15", "stated_hours": 30}),
    ("public_institution_training", "江诺", PUBLIC_TRAINING, {"date": "2024-06-25", "stated_hours": 50}),
]


@pytest.mark.parametrize(("evidence_type", "name", "cells", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_fields_from_rapidocr_lines(evidence_type: str, name: str, cells: list[Cell], expected: dict) -> None:
    fields = extract_fields(evidence_type, [rapid_page(cells)], Applicant("A001", name))
    got = {k: fields[k].value for k in expected if k in fields}
    assert got == expected


def test_table_cells_back_in_their_rows() -> None:
    rows = [r.spaced for r in table_rows(item_lines([rapid_page(TRANSCRIPT)]))]
    assert "3  数据分析与建模  2  88  2021.08.01选修" in rows
    assert "注:成绩60分及以上为合格(及格)。" in rows  # a line alone stays alone


def test_a_label_after_the_names_still_ends_the_list() -> None:
    cells: list[Cell] = [((120, 340, 900, 370), "发明人：王强:李娜 专利号：ZL202110334318.3")]
    fields = extract_fields("patent_certificate", [rapid_page(cells)], Applicant("A001", "李娜"))
    assert fields["rank"].value == 2


def test_a_date_without_its_century_is_read_but_never_sure() -> None:
    page = rapid_page(PUBLIC_TRAINING)
    fields = extract_fields("public_institution_training", [page], Applicant("A", "江诺"))
    assert fields["date"].value == "2024-06-25"
    assert fields["date"].confidence < 0.8  # below proposals.LOW_FIELD_CONFIDENCE: a person looks


def test_verdict_and_scores_disagreeing_send_the_count_to_a_person() -> None:
    # SCORE_REPORT reads 87 and "9" against a mark of 84, yet both rows say 合格: a cell misread
    page = rapid_page(SCORE_REPORT)
    fields = extract_fields("qualification_exam_scores", [page], Applicant("A", "邓芷"))
    assert fields["passed_count"].value == 2
    assert fields["passed_count"].confidence < 0.8
    page = rapid_page(SKEWED_REPORT)
    skewed = extract_fields("qualification_exam_scores", [page], Applicant("A", "向德刚"))
    assert skewed["passed_count"].confidence >= 0.8  # 39<60 不合格, 92 合格, 64 合格: all agree


PART_CASES = [
    # heading read in traditional forms
    ("online_course_certificate", ["湖南省专业技术人员继续教育网", "學习证明", "学员姓名：邓芷"],
     {"certificate"}),
    ("training_certificate", ["結業证書", "谢浩国同志：", "于2022年07月28日下午参加"],
     {"certificate"}),
    # heading not read at all: the body's wording
    ("training_certificate", ["学员：江诺", "提升研修班”，完成规定课程学习，共计24学时，经考核合格，",
                              "准予结业。", "特发此证。", "证书编号：HN2024187902"], {"certificate"}),
    ("conference_record", ["道请酒", "尊敬的邓芷同志：", "诚挚邀请您拨冗出席并作交流发言。"], {"invitation"}),
    ("book_publication", ["目", "第一章中药材黄精案例", "1", "1.1监测与评价12", "1.2精准施肥技术18",
                          "第二章急性心肌梗死患者管理… 28"], {"contents"}),
    ("book_publication", ["目", "第一章农村饮水安全工程概述", "1", "13", "1.3护理干预效果…………", "27",
                          "第二章洞庭湖区水稻技术要点……", "32", "2.2信息化管理模式……………", "41"],
     {"contents"}),
    # a chapter's own first page is no contents page
    ("book_publication", ["第一章农村饮水安全工程概述", "1.1研究背景",
                          "农村饮水安全工程是保障农村居民饮水的基础设施。"], set()),
    # a notice saying a certificate will be issued holds no certificate
    ("training_certificate", ["关于举办耕地质量保护与提升研修班的通知",
                              "培训结束经考核合格的颁发证书，准予结业。"], {"notice"}),
]


@pytest.mark.parametrize(("evidence_type", "texts", "parts"), PART_CASES)
def test_parts_from_rapidocr_lines(evidence_type: str, texts: list[str], parts: set[str]) -> None:
    cells: list[Cell] = [((100, 100 + 40 * i, 900, 130 + 40 * i), t) for i, t in enumerate(texts)]
    assert detect_parts(evidence_type, rapid_page(cells)) == parts
