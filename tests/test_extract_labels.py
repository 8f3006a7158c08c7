"""Reading that generalises (issue #12): values found by their label and by table geometry, a
stated total that wins over one row and is checked against the rows, half days, and a level
that is never read from a winner's employer."""

from __future__ import annotations

from pipeline.extract import extract_fields
from pipeline.extract.labels import header_columns, labelled_value, synonyms, tables
from pipeline.extract.lines import item_lines
from pipeline.types import Applicant, Line, Page, Word

ZHANG = Applicant("A1", "张伟", "常德市第一中学", "intermediate", 2024, "")


def text_page(*lines: str) -> Page:
    return Page("t", 0, 1000, 1400, "\n".join(lines), engine="textlayer")


def cell_page(cells: list[tuple[str, tuple[int, int, int, int]]]) -> Page:
    """A page as RapidOCR reads a table: one line per cell, each with its box."""
    lines = [Line(t, b, 0.97, (Word(t, b, 0.97),)) for t, b in cells]
    return Page("c", 0, 1000, 1400, "\n".join(t for t, _ in cells), lines, engine="rapidocr", mean_conf=0.97)


def test_the_lexicon_is_the_evidence_table_data() -> None:
    # the labels come from rules/evidence.toml, longest first (总学时 tried before 学时)
    hours = synonyms("stated_hours")
    assert {"学时", "课时", "总学时"} <= set(hours) and hours.index("总学时") < hours.index("学时")
    assert "学分" not in hours  # a credit is not an hour
    assert {"获奖者", "完成人", "发明人", "学员"} <= set(synonyms("person_name"))


def test_a_header_run_together_is_cut_into_its_columns() -> None:
    (ln,) = item_lines([text_page("课程名称类型学时完成时间")])
    assert header_columns(ln) == ["课程名称", "类型", "学时", "完成时间"]
    (prose,) = item_lines([text_page("学时证明书")])
    assert header_columns(prose) is None  # not made of column words only


def test_hours_under_their_column_header_from_cell_boxes() -> None:
    page = cell_page([
        ("培训证书", (400, 80, 600, 120)),
        ("学员：张伟", (100, 200, 300, 230)),
        ("培训项目", (100, 300, 400, 330)), ("学时", (450, 300, 520, 330)),
        ("完成日期", (560, 300, 700, 330)), ("考核", (750, 300, 820, 330)),
        ("事业单位工作人员在岗培训", (100, 350, 420, 380)), ("40", (460, 350, 500, 380)),
        ("2024-06-12", (560, 350, 700, 380)), ("合格", (750, 350, 820, 380)),
        ("湖南省事业单位工作人员培训管理平台", (300, 900, 800, 930)),
    ])
    (t,) = tables(item_lines([page]))
    assert t.columns == ["培训项目", "学时", "完成日期", "考核"]
    assert t.values("学时")[0][0] == "40"
    f = extract_fields("public_institution_training", [page], ZHANG)
    assert f["stated_hours"].value == 40
    assert f["stated_hours"].confidence >= 0.8 and f["stated_hours"].box is not None


def test_a_total_row_wins_and_agrees_with_the_rows() -> None:
    page = text_page(
        "继续教育学时证明",
        "姓名：张伟",
        "课程名称类型学时完成时间",
        "智慧社区治理质量控制体系专业课 3 2020-07-03",
        "湘北丘陵茶园综合治理技术专业课 2 2020-07-03",
        "柑橘黄龙病智能检测装置专业课 6 2020-07-03",
        "合计 11",
        "2020-07-03",
    )
    hours = extract_fields("online_course_certificate", [page], ZHANG)["stated_hours"]
    assert hours.value == 11 and hours.confirmed is True and "一致" in hours.check


def test_a_course_list_is_rows_and_the_wrapped_total_is_the_value() -> None:
    # the first "(3学时)" of the list is one course; "共计15学" + "时" wrapped is the total
    page = text_page(
        "学习证明",
        "张伟（常德市第一中学）自二〇二四年五月四日起在智慧教育平台学习了以下课程：1. 农村饮水安全工程质量",
        "控制体系（3学时）；2. 地下管网优化设计方法（8学时）；3. 实训教学质量控制体系（4学时）。共计15学",
        "时，成绩合格。",
        "二〇二四年七月九日",
    )
    f = extract_fields("online_course_certificate", [page], ZHANG)
    assert f["stated_hours"].value == 15 and f["stated_hours"].confirmed is True
    # 自…起 opens the span, the certificate's date closes it
    assert f["start_date"].value == "2024-05-04" and f["end_date"].value == "2024-07-09"


def test_a_total_that_disagrees_with_its_rows_says_so() -> None:
    page = text_page(
        "学习证明",
        "张伟学习了以下课程：1. 质量控制体系（3学时）；2. 优化设计方法（8学时）。共计15学时，成绩合格。",
        "2024年7月9日",
    )
    hours = extract_fields("online_course_certificate", [page], ZHANG)["stated_hours"]
    assert hours.value == 15 and hours.confirmed is False
    assert "15" in hours.check and "11" in hours.check


def test_a_list_of_hours_without_a_total_is_not_read_as_one_row() -> None:
    page = text_page("学习证明", "张伟学习了：1. 质量控制（3学时）；2. 设计方法（8学时）。", "2024年7月9日")
    hours = extract_fields("online_course_certificate", [page], ZHANG)["stated_hours"]
    assert hours.value == 11 and hours.confirmed is False  # the sum, for a person to confirm


def test_half_a_day_is_half_a_day() -> None:
    page = text_page(
        "结业证书",
        "兹证明张伟同志于2020年8月23日参加了由常德市卫健委举办的护理质量培训班，学习内容包括：1. 优化设计；",
        "2. 教学改革与实践。培训时长半天，计4学时，考核合格，准予结业。",
        "2020.08.23",
    )
    f = extract_fields("training_certificate", [page], ZHANG)
    assert f["days"].value == 0.5 and f["stated_hours"].value == 4


def test_a_rule_sentence_is_still_no_stated_hours() -> None:
    page = text_page("培训通知", "每半天折算4学时。", "2020年8月23日")
    assert "stated_hours" not in extract_fields("training_certificate", [page], ZHANG)


def test_the_level_is_not_read_from_a_winners_employer() -> None:
    page = text_page(
        "获奖证书",
        "2023年度鼎城区科学技术进步奖",
        "奖励等级：二等奖",
        "主要完成人：",
        "序号姓名工作单位",
        "1 汤爱 常德市水利局",
        "2 张伟 常德市第一中学",
        "鼎城区人民政府",
        "二〇二四年七月十九日",
    )
    f = extract_fields("award_certificate", [page], ZHANG)
    assert f["level"].value == "county"  # the county issuer, not the 常德市水利局 cell


def test_a_value_below_its_label_by_boxes() -> None:
    page = cell_page([
        ("课时", (500, 300, 560, 330)),
        ("培训机构", (100, 300, 300, 330)),
        ("常德市培训中心", (100, 350, 300, 380)),
        ("12", (505, 350, 550, 380)),
    ])
    lines = item_lines([page])
    got = labelled_value(lines, "stated_hours")
    assert got is not None and got[0] == "12"


def test_modules_listed_after_a_pass_statement_are_counted() -> None:
    # the list wraps after its first marker; lines containing 模块 are not modules
    page = text_page(
        "数字技术应用能力考试合格证书",
        "张伟（身份证号：430702197912253821）参加数字技术应用能力考试，以下模块成绩合格：1",
        ". 数字办公应用；2. 数据可视化；3. 网络安全基础。特发此证。",
        "2024年12月10日",
    )
    assert extract_fields("digital_skills_exam", [page], ZHANG)["modules"].value == 3


def test_a_stated_module_count_is_checked_against_the_list() -> None:
    page = text_page("张伟通过考试模块（共3个），以下模块成绩合格：1. 数字办公应用；2. 数据可视化。",
                     "2024年12月10日")
    fv = extract_fields("digital_skills_exam", [page], ZHANG)["modules"]
    assert fv.value == 3 and fv.confirmed is False and "列出2个" in fv.check


def test_modules_in_a_score_table_against_the_pass_line_column() -> None:
    page = text_page(
        "数字技术应用能力考试成绩单",
        "姓名：张伟",
        "考试模块成绩合格线",
        "人工智能基础应用 89 60",
        "数字办公应用 83 60",
        "数据可视化 53 60",
        "2022年9月17日",
    )
    assert extract_fields("digital_skills_exam", [page], ZHANG)["modules"].value == 2


def test_subjects_enumerated_with_their_pass_marks() -> None:
    page = text_page(
        "成绩通知单",
        "张伟：你参加2024年度一级建造师执业资格考试，成绩如下：科目一：《专业工程管理与实务》87分（合格标准60分）；科目",
        "二：《建设工程经济》79分（合格标准84分）；科目三：《建设工程法规》61分（合格标准60分）。",
        "二〇二四年十一月九日",
    )
    fv = extract_fields("qualification_exam_scores", [page], ZHANG)["passed_count"]
    assert fv.value == 2 and fv.confirmed is True


def test_a_pass_line_under_the_table_and_a_table_in_two_halves() -> None:
    below = text_page("考试成绩查询结果", "科目名称成绩", "管理与实务 73", "法规 82", "经济 57",
                      "合格线：75分", "2024-11-10")
    assert extract_fields("qualification_exam_scores", [below], ZHANG)["passed_count"].value == 1
    halves = text_page(
        "研究生课程成绩单",
        "课程学分成绩课程学分成绩",
        "科研方法与论文写作 2 86 土壤学进展 4 80",
        "学术英语 2 64 作物栽培学专题 4 46",
        "高级统计学 2 91",
        "2024年12月21日",
    )
    assert extract_fields("degree_transcript", [halves], ZHANG)["passed_count"].value == 4


def test_rank_and_role_from_a_members_table() -> None:
    page = text_page(
        "结项证明",
        "课题名称土壤重金属污染资源化利用技术研究",
        "课题组成员：",
        "序号姓名工作单位职称分工",
        "1 邵飞 常德市水利水电勘测设计院 工程师 主持人",
        "2 张伟 常德市第一中学 高级教师 主要参加人",
        "3 贾云东 常德市水利水电勘测设计院 高级工程师 参加人",
        "湖南省社会科学界联合会",
        "2021年2月27日",
    )
    f = extract_fields("project_completion", [page], ZHANG)
    assert f["rank"].value == 2 and f["role"].value == "main" and f["role"].confirmed is True


def test_an_enumerated_list_of_completers_after_an_aside() -> None:
    page = text_page(
        "科研项目结题审批表",
        "项目完成人（按贡献排序）：1. 苏华；2. 汪华；3. 钟轩庆；4. 薛华；5. 吕丽国；6. 张",
        "伟；7. 侯秋",
        "结题时间：二〇二三年四月十三日",
    )
    f = extract_fields("project_completion", [page], ZHANG)
    assert f["rank"].value == 6 and f["role"].value == "participant"


def test_the_level_is_not_read_from_the_unit_that_did_the_work() -> None:
    page = text_page(
        "结题证书",
        "项目来源：常德市社会科学课题",
        "承担单位：澧县自然资源局",
        "结题日期：2023年5月24日",
        "常德市社会科学界联合会",
    )
    assert extract_fields("project_completion", [page], ZHANG)["level"].value == "municipal"


def test_a_provincial_departments_level_is_for_a_person() -> None:
    # 湖南省教育厅: 厅级 by the notice (市厅级), commonly called provincial: not auto-approved
    page = text_page("荣誉证书", "张伟同志在2023年高中青年教师教学竞赛中荣获一等奖。", "湖南省教育厅",
                     "2023年12月1日")
    fv = extract_fields("award_certificate", [page], ZHANG)["level"]
    assert fv.value == "municipal" and fv.confirmed is False and "市厅级" in fv.check
    # the contest named for the province is a provincial contest; its department still makes it
    # a person's question (市厅级 by the notice's wording)
    page = text_page("荣誉证书", "张伟同志在2023年湖南省教学竞赛中荣获一等奖。", "湖南省教育厅",
                     "2023年12月1日")
    fv = extract_fields("award_certificate", [page], ZHANG)["level"]
    assert fv.value == "provincial" and fv.confirmed is False and "市厅级" in fv.check


def test_an_english_prize_grade() -> None:
    page = text_page("CERTIFICATE", "This is to certify that Zhang Wei won the THIRD PRIZE", "December 2023")
    assert extract_fields("award_certificate", [page], ZHANG)["grade"].value == 3


def test_years_as_columns_give_the_span() -> None:
    rows = ["专业技术人员继续教育登记表", "姓名：张伟", "年度 2016 2017 2018 2019 2020",
            "公需科目 32 40 30 40 40",
            "合计 92 112 110 104 104", "2021年3月8日"]
    f = extract_fields("hours_recognition_sheet", [text_page(*rows)], ZHANG)
    assert (f["start_date"].value, f["end_date"].value) == ("2016-01-01", "2020-12-31")
    gap = [r.replace("2018", "2021") for r in rows]  # not one span: not read as one
    assert "start_date" not in extract_fields("hours_recognition_sheet", [text_page(*gap)], ZHANG)


def test_rank_in_a_contents_row_read_without_gaps() -> None:
    rows = ["中国农学通报 2024年第9期", "目次", "栏目题名作者页码",
            "研究论文柑橘黄龙病高产栽培技术应用研究袁俊霞，徐立丽，孟凤洋 5",
            "综述湘北丘陵茶园病虫害绿色防控关键技术研究张伟，刘建，龚洋静 26"]
    assert extract_fields("journal_paper", [text_page(*rows)], ZHANG)["rank"].value == 1
    second = [r.replace("张伟，刘建", "刘建，张伟") for r in rows]
    assert extract_fields("journal_paper", [text_page(*second)], ZHANG)["rank"].value == 2
