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
