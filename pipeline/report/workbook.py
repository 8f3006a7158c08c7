"""The batch workbook a bureau files: a summary sheet, one sheet per applicant, and every item."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from pipeline.export import flat, records
from pipeline.privacy import redact_id_numbers
from pipeline.report.data import CATEGORY_ZH, EVIDENCE_ZH, LEVEL_ZH, STATUS_ZH
from pipeline.report.verdict import requirement_of, shortfalls, year_verdict
from pipeline.store.records import RECORD_KEYS
from pipeline.summary import applicant_summaries

MAX_APPLICANT_SHEETS = 250  # beyond this the summary and items sheets carry everything
SUMMARY_HEADER = [
    "批次", "申报编号", "姓名", "工作单位", "申报级别", "评审年度", "年度",
    "公需（已确认）", "专业（已确认）", "全年认定（已确认）", "合计（已确认）", "是否达标（已确认）",
    "建议合计", "是否达标（建议）", "提示", "认定年度全部达标（已确认）",
]  # fmt: skip
ITEM_HEADER = [*RECORD_KEYS, "类型（中文）", "状态（中文）"]


def _sheet_title(text: str, used: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", text)[:31] or "sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f"~{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _yes(v: bool) -> str:
    return "是" if v else "否"


def write_workbook(
    session: Session, out: str | Path, batch: str | None = None, full_id_numbers: bool = False
) -> Path:
    """Write the workbook of ``batch`` (every batch when None) to ``out``; ID numbers read off
    scans are masked unless ``full_id_numbers`` (see pipeline.privacy)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    summaries = applicant_summaries(session, batch)
    reqs = {pid: requirement_of(pid) for pid in {s.get("policy") for s in summaries}}
    # grouped by the real ids; what is written is masked below unless full_id_numbers
    recs = list(records(session, batch, full_id_numbers=True))
    wb = Workbook()
    used: set[str] = set()
    ws = wb.active
    ws.title = _sheet_title("汇总", used)
    ws.append(SUMMARY_HEADER)
    for s in summaries:
        ident = [s["batch"], s["applicant_id"], s["name"], s["employer"],
                 LEVEL_ZH.get(s["title_level"], s["title_level"]), s["eval_year"]]  # fmt: skip
        if not s["years"]:
            ws.append([*ident, "", "", "", "", "", "", "", "", "", s.get("error", ""), _yes(False)])
        for y, cy in s["confirmed"]["years"].items():
            py = s["proposed"]["years"][y]
            req = reqs[s.get("policy")]
            hint = "、".join(shortfalls(s["years"][y], req))
            ws.append([*ident, int(y), cy["public"], cy["professional"], cy["full_year"], cy["total"],
                       year_verdict(cy, req), py["total"], year_verdict(py, req),
                       hint, _yes(s["confirmed"]["span_ok"])])  # fmt: skip

    if len(summaries) <= MAX_APPLICANT_SHEETS:
        by_applicant: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        for r in recs:
            by_applicant.setdefault((r["batch"], r["applicant_id"]), []).append(r)
        for s in summaries:
            title = f"{s['applicant_id']} {s['name']}"
            title = title if full_id_numbers else redact_id_numbers(title)
            _applicant_sheet(wb, _sheet_title(title, used), s,
                             by_applicant.get((s["batch"], s["applicant_id"]), []))  # fmt: skip

    items = wb.create_sheet(_sheet_title("材料明细", used))
    items.append(ITEM_HEADER)
    for r in recs:
        zh = [EVIDENCE_ZH.get(r["evidence_type"] or "", ""), STATUS_ZH.get(r["status"], "")]
        items.append([*flat(r).values(), *zh])

    for sheet in wb.worksheets:
        if not full_id_numbers:
            _mask_cells(sheet)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(out))
    return out


def _mask_cells(sheet: Any) -> None:
    """ID-card numbers masked in every text cell (an applicant id, an item name, a reason)."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) >= 18:
                cell.value = redact_id_numbers(cell.value)


def _applicant_sheet(wb: Any, title: str, s: dict[str, Any], recs: list[dict[str, Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(["申报编号", s["applicant_id"], "姓名", s["name"], "工作单位", s["employer"]])
    span = f"{s['span'][0]}—{s['span'][-1]}" if s["span"] else ""
    level = LEVEL_ZH.get(s["title_level"], s["title_level"])
    ws.append(["申报级别", level, "评审年度", s["eval_year"], "认定年度", span])
    ws.append([])
    ws.append(["年度", "公需", "专业", "全年认定", "合计（已确认）", "是否达标", "建议合计", "提示"])
    req = requirement_of(s.get("policy"))
    for y, cy in s["confirmed"]["years"].items():
        py = s["proposed"]["years"][y]
        warnings = "、".join(shortfalls(s["years"][y], req))
        ws.append([int(y), cy["public"], cy["professional"], cy["full_year"], cy["total"],
                   year_verdict(cy, req), py["total"], warnings])  # fmt: skip
    ok, proposed_ok = _yes(s["confirmed"]["span_ok"]), _yes(s["proposed"]["span_ok"])
    ws.append(["认定年度全部达标（已确认）", ok, "（建议）", proposed_ok])
    ws.append([])
    ws.append(["材料", "类型", "条款", "年度", "科目类别", "学时", "状态", "标记", "说明"])
    for r in recs:
        credits = r["credits"] or [{"year": "", "category": "", "hours": 0}]
        for c in credits:
            evidence = EVIDENCE_ZH.get(r["evidence_type"] or "", "")
            status = STATUS_ZH.get(r["status"], r["status"])
            ws.append([r["item"], evidence, r["clause"] or "", c["year"], CATEGORY_ZH.get(c["category"], ""),
                       c["hours"], status, ", ".join(r["flags"]), r["explanation"]])  # fmt: skip
