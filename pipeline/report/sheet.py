"""The recognition sheet of one applicant, in the manner of 《湖南省专业技术人员继续教育学时认定单》.

Only what a reviewer confirmed (or adjusted) counts in the totals and the verdict; proposed hours
that nobody has confirmed yet are listed, marked as such, and summed apart.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pipeline.report.data import CATEGORY_ZH, LEVEL_ZH, STATUS_ZH, SheetData, YearLine
from pipeline.report.verdict import requirement_of, year_verdict
from rules.coerce import hours_text as _h

TITLE = "湖南省专业技术人员继续教育学时认定单"
SIGN_DATE = "日期：　　年　　月　　日"
SIGN_BOXES = (
    ("申请人（签字）：", SIGN_DATE),
    ("单位审核意见（盖章）：", "经办人：　　　　" + SIGN_DATE),
    ("人社部门认定意见（盖章）：", "经办人：　　　　" + SIGN_DATE),
)


# the notice's own numbering for the clauses that are not conversion rules (docs/rules.md)
CLAUSE_ZH = {"span.prior_sheet": "二.(四)", "span.public_institution": "二.(二)"}


def _clause(c: str) -> str:
    return CLAUSE_ZH.get(c, c)


def _hours_cell(ln: YearLine) -> str:
    if ln.confirmed:
        return _h(ln.hours)
    if ln.status == "rejected":
        return "0"
    return f"（建议{_h(ln.hours)}）"  # proposed, not yet confirmed by a person


def _span_text(span: list[int]) -> str:
    return f"{span[0]}—{span[-1]}年" if span else "（无法确定：缺少职称级别或评审年度）"


def _verdict(s: dict[str, Any], span_text: str) -> str:
    confirmed = s["confirmed"]
    if confirmed.get("span_ok"):
        return f"经审核，该同志{span_text}继续教育学时均已达到要求。"
    short = [y for y, v in confirmed["years"].items() if not v["meets_requirement"]]
    which = f"（未达标年度：{'、'.join(short)}）" if short else ""
    return f"经审核，该同志{span_text}继续教育学时未全部达到要求{which}。"


class _Builder:
    """Paragraph styles and the table look of the sheet."""

    def __init__(self) -> None:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        from pipeline.report.fonts import cjk_font

        self.font = font = cjk_font()
        self.colors = colors
        self.body = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11)
        self.head = ParagraphStyle("head", parent=self.body, fontSize=11, leading=15, spaceBefore=6)
        self.title = ParagraphStyle("title", parent=self.body, fontSize=16, leading=22, alignment=TA_CENTER)
        self.sub = ParagraphStyle("sub", parent=self.small, alignment=TA_CENTER, textColor=colors.grey)

    def p(self, text: str, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(text, style or self.small)

    def grid(self, rows: list[list[Any]], widths: list[float], header: bool = True) -> Any:
        from xml.sax.saxutils import escape  # cell text is data (paths, explanations), not markup

        from reportlab.lib.units import mm
        from reportlab.platypus import Table, TableStyle

        cells = [[c if not isinstance(c, str) else self.p(escape(c)) for c in r] for r in rows]
        t = Table(cells, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, self.colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), self.colors.HexColor("#EEEEEE")))
        t.setStyle(TableStyle(style))
        return t


def _year_table(b: _Builder, data: SheetData, year: int, lines: list[YearLine]) -> Any:
    from reportlab.platypus import TableStyle

    s = data.summary
    rows: list[list[Any]] = [["序号", "材料", "类型", "条款", "科目类别", "认定学时", "状态"]]
    for i, ln in enumerate(lines, 1):
        category = CATEGORY_ZH.get(ln.category, ln.category)
        status = STATUS_ZH.get(ln.status, ln.status)
        rows.append([str(i), ln.item, ln.evidence, _clause(ln.clause), category, _hours_cell(ln), status])
    if not lines:
        rows.append(["", "（无材料）", "", "", "", "", ""])
    cy = s["confirmed"]["years"].get(str(year), {})
    py = s["proposed"]["years"].get(str(year), {})
    verdict = year_verdict(cy, requirement_of(s.get("policy")))
    total = (
        f"已确认：公需 {_h(cy.get('public', 0))}，专业 {_h(cy.get('professional', 0))}，"
        f"全年认定 {_h(cy.get('full_year', 0))}，合计 {_h(cy.get('total', 0))} 学时，{verdict}；"
        f"建议合计（含待确认）{_h(py.get('total', 0))} 学时"
    )
    rows.append(["", total, "", "", "", "", ""])
    t = b.grid(rows, [12, 48, 30, 16, 18, 22, 24])
    t.setStyle(TableStyle([("SPAN", (1, len(rows) - 1), (-1, len(rows) - 1))]))
    return t


def _totals_table(b: _Builder, data: SheetData) -> Any:
    s = data.summary
    header = ["年度", "公需科目", "专业科目", "全年认定", "合计（已确认）", "要求", "是否达标", "建议合计"]
    rows: list[list[Any]] = [header]
    req = requirement_of(s.get("policy"))
    for year in data.years:
        cy = s["confirmed"]["years"].get(str(year), {})
        py = s["proposed"]["years"].get(str(year), {})
        met = year_verdict(cy, req)
        rows.append(
            [str(year)]
            + [_h(cy.get(k, 0)) for k in ("public", "professional", "full_year", "total")]
            + [_h(data.requirement), met, _h(py.get("total", 0))]
        )
    confirmed_total = sum(float(y.get("total", 0)) for y in s["confirmed"]["years"].values())
    proposed_total = sum(float(y.get("total", 0)) for y in s["proposed"]["years"].values())
    need = _h(data.requirement * len(data.years))
    rows.append(["合计", "", "", "", _h(confirmed_total), need, "", _h(proposed_total)])
    return b.grid(rows, [20, 20, 20, 20, 26, 16, 20, 22])


def _sign_table(b: _Builder) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    rows = [
        [b.p(top, b.body) for top, _ in SIGN_BOXES],
        [b.p("<br/><br/><br/>", b.body) for _ in SIGN_BOXES],
        [b.p(bottom, b.small) for _, bottom in SIGN_BOXES],
    ]
    t = Table(rows, colWidths=[50 * mm, 60 * mm, 60 * mm])
    style = [("BOX", (i, 0), (i, -1), 0.5, b.colors.black) for i in range(3)]
    t.setStyle(TableStyle([*style, ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return t


def write_sheet(data: SheetData, out: str | Path) -> Path:
    """Write the sheet as an A4 PDF at ``out``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    b = _Builder()
    a, s = data.applicant, data.summary
    span_text = _span_text(s.get("span") or [])
    level = LEVEL_ZH.get(a["title_level"], a["title_level"] or "—")
    facts = [
        ["姓名", a["name"], "身份证号", a["id_number"] or "—"],
        ["工作单位", a["employer"] or "—", "申报编号", a["applicant_id"]],
        ["申报级别", level, "评审年度", str(a["eval_year"] or "—")],
        ["认定年度", span_text, "年度要求", f"每年不少于{_h(data.requirement)}学时"],
    ]
    story: list[Any] = [
        b.p(TITLE, b.title),
        b.p(f"批次 {data.batch} ｜ 政策 {s.get('policy', '')} ｜ 生成日期 {date.today().isoformat()}", b.sub),
        Spacer(1, 4 * mm),
        b.grid(facts, [25, 60, 25, 60], header=False),
    ]
    for year, lines in data.years.items():
        story += [b.p(f"{year}年度", b.head), _year_table(b, data, year, lines)]
    story += [b.p("学时汇总", b.head), _totals_table(b, data)]
    if data.outside:
        rows: list[list[Any]] = [["材料", "类型", "条款", "学时", "状态"]]
        for ln in data.outside:
            status = STATUS_ZH.get(ln.status, "")
            rows.append([ln.item, ln.evidence, _clause(ln.clause), _h(ln.hours), status])
        story += [b.p("认定年度以外的材料（不计入认定年度学时）", b.head), b.grid(rows, [70, 35, 15, 20, 30])]
    if data.uncredited:
        rows = [["材料", "状态", "说明"]]
        rows += [[r["item"], STATUS_ZH.get(r["status"], ""), r["explanation"]] for r in data.uncredited]
        story += [b.p("未计学时的材料", b.head), b.grid(rows, [55, 25, 90])]
    story += [Spacer(1, 3 * mm), b.p(f"认定结论：{_verdict(s, span_text)}", b.head)]
    if data.pending:
        story.append(b.p(f"注：尚有 {data.pending} 项材料待审核确认，以上结论仅按已确认学时计算。"))
    story += [Spacer(1, 6 * mm), _sign_table(b)]

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
        bottomMargin=16 * mm, title=f"{TITLE} {a['name']}", author="cehours",
    )  # fmt: skip
    doc.build(story)
    return out
