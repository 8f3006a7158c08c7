"""A clause's tables in words, for people: ``cehours rules show`` and the review screens."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rules.coerce import hours_text as h
from rules.methods import CATEGORY_ZH, LEVEL_ZH, ROLE_ZH

_FIELD_ZH = {
    "date": "日期",
    "end_date": "结束日期",
    "start_date": "开始日期",
}


def _levels(spec: Mapping[str, Any]) -> dict[str, list[str]]:
    """level group -> the levels that use it, in Chinese."""
    out: dict[str, list[str]] = {}
    for level, group in spec["levels"].items():
        out.setdefault(group, []).append(LEVEL_ZH.get(level, level))
    return out


def _ranks(values: list[float]) -> list[str]:
    """[60, 30, 30] -> ['第1名60', '第2-3名30'] (runs of equal hours merged)."""
    parts: list[str] = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        who = f"第{i + 1}名" if i == j else f"第{i + 1}-{j + 1}名"
        parts.append(f"{who}{h(values[i])}")
        i = j + 1
    return parts


def hours_text(spec: Mapping[str, Any]) -> str:
    """What the clause credits, in words."""
    m = spec["method"]
    cat = CATEGORY_ZH.get(spec.get("category", ""), "")
    if m == "none":
        return "0（辅证材料）"
    if m == "per_day":
        s = f"{cat}每天{h(spec['hours_per_day'])}、半天{h(spec['hours_per_half_day'])}"
        if spec.get("cap_stated_hours", True):
            s += "；载明学时以每天上限×天数为限"
        if spec.get("subject_field"):
            s += "；公需科目培训计公需科目"
        return s
    if m == "by_rank":
        parts = _ranks(list(spec["ranks"]))
        if "beyond" in spec:
            parts.append(f"其后{h(spec['beyond'])}")
        else:
            parts.append("其后不计")
        return f"{cat}" + "；".join(parts)
    if m == "by_role_level":
        rows = []
        for group, levels in _levels(spec).items():
            t = spec["hours"][group]
            roles = "、".join(f"{ROLE_ZH[r]}{h(t[r])}" for r in ("host", "main", "participant"))
            rows.append(f"{'/'.join(levels)}：{roles}")
        if spec.get("not_covered_levels"):
            rows.append(f"{'/'.join(LEVEL_ZH.get(x, x) for x in spec['not_covered_levels'])}：不计")
        return f"{cat}" + "；".join(rows)
    if m == "by_level_grade":
        rows = []
        for group, levels in _levels(spec).items():
            grades = "/".join(h(x) for x in spec["grades"][group])
            rows.append(f"{'/'.join(levels)}：一/二/三等奖 {grades}")
        return f"{cat}" + "；".join(rows)
    if m == "per_unit":
        return f"{cat}每{spec['unit'].removeprefix('个')}{h(spec['hours_per_unit'])}"
    if m == "assignment":
        return (
            f"满{spec['min_months']}个月且考核合格：当年全年{h(spec['hours'])}；"
            f"超过{spec['one_year_months']}个月：所涉每一年度全年{h(spec['hours'])}"
        )
    if m == "stated_hours":
        return f"按证书载明学时（默认{cat}）"
    if m == "prior_sheet":
        return f"认定单覆盖的每一年度全年{h(spec['hours'])}"
    return m


def year_text(spec: Mapping[str, Any]) -> str:
    """Which year is credited, in words."""
    m = spec["method"]
    if m == "none":
        return "—"
    if m == "assignment":
        return "外派期间（一年内计后一年；超过一年计所涉每一年）"
    if m == "prior_sheet":
        return "认定单覆盖的年度（开始日期至结束日期）"
    return " → ".join(_FIELD_ZH.get(f, f) for f in spec.get("year_from", ())) + " 所在年度"
