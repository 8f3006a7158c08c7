"""A year's verdict in words, the same on the web page, the recognition sheet and the workbook.

A year can meet the requirement on its total while a category is short (the notice's
"generally" minimum, a warning unless the policy makes it a failure): it reads
"达标（公需不足 30，请注意）", never a bare 达标 beside a shortfall.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# warning code -> (what is short, the requirement key it is short of)
SHORTFALLS = {
    "total_shortfall": ("合计", "total"),
    "public_shortfall": ("公需", "public"),
    "professional_shortfall": ("专业", "professional"),
}


def _h(x: Any) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


def requirement_of(policy_id: str | None) -> dict[str, float]:
    """The yearly requirement (public, professional, total) of a policy. A policy file that no
    longer loads raises ``PolicyError``: a sheet or page never shows assumed figures."""
    from rules import load_policy

    r = load_policy(policy_id or "changde-2024").requirement
    return {"public": float(r.public), "professional": float(r.professional), "total": float(r.total)}


def shortfalls(year: Mapping[str, Any], req: Mapping[str, float]) -> list[str]:
    """What a year is short of, e.g. ["公需不足 30"]."""
    out = []
    for code in year.get("warnings") or []:
        if code in SHORTFALLS:
            name, key = SHORTFALLS[code]
            out.append(f"{name}不足 {_h(req.get(key, 0))}")
    return out


def year_verdict(year: Mapping[str, Any], req: Mapping[str, float]) -> str:
    """"达标", "达标（公需不足 30，请注意）" or "未达标（合计不足 90）"."""
    short = shortfalls(year, req)
    if year.get("meets_requirement"):
        return f"达标（{'，'.join(short)}，请注意）" if short else "达标"
    return f"未达标（{'，'.join(short)}）" if short else "未达标"
