"""A small bar chart of an applicant's years as inline SVG (no script, no library)."""

from __future__ import annotations

from typing import Any

COLOURS = {"public": "#2f7ed8", "professional": "#8bbc21", "full_year": "#f28f43"}


def year_bars(
    years: dict[str, dict[str, Any]], required: float, width: int = 520, height: int = 200
) -> dict[str, Any]:
    """Geometry for stacked bars (public, professional, full-year) per year and the required line."""
    top = max([required * 1.25] + [float(y["total"]) for y in years.values()] or [1.0])
    left, bottom, plot_h = 40, 24, height - 34
    n = max(1, len(years))
    slot = (width - left - 10) / n
    bar_w = min(60.0, slot * 0.6)
    bars = []
    for i, (year, y) in enumerate(years.items()):
        x = left + i * slot + (slot - bar_w) / 2
        base = height - bottom
        segments = []
        for cat in ("public", "professional", "full_year"):
            h = float(y.get(cat, 0) or 0) / top * plot_h
            if h > 0:
                segments.append(
                    {
                        "cat": cat,
                        "x": round(x, 1),
                        "y": round(base - h, 1),
                        "w": round(bar_w, 1),
                        "h": round(h, 1),
                        "colour": COLOURS[cat],
                        "hours": y.get(cat),
                    }
                )
                base -= h
        bars.append(
            {
                "year": year,
                "x": round(x + bar_w / 2, 1),
                "total": y["total"],
                "ok": y["meets_requirement"],
                "segments": segments,
                "label_y": round(base - 4, 1),
            }
        )
    req_y = round(height - bottom - required / top * plot_h, 1)
    return {
        "width": width,
        "height": height,
        "left": left,
        "axis_y": height - bottom,
        "req_y": req_y,
        "required": required,
        "bars": bars,
        "colours": COLOURS,
    }
