"""Reading field values defensively: evidence fields come from OCR and may be anything.

Each reader returns the value, ``None`` when the field is absent, or ``BAD`` when it is present
but unusable (a string where a number belongs, a date that does not parse). Returning a marker
instead of raising keeps ``propose`` fast and guarantees it never throws on garbage.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Final


class _Bad:
    __slots__ = ()

    def __repr__(self) -> str:
        return "BAD"


BAD: Final = _Bad()

_TRUE = frozenset({"true", "yes", "y", "1", "是", "合格", "通过"})
_FALSE = frozenset({"false", "no", "n", "0", "否", "不合格", "未通过"})
MIN_YEAR, MAX_YEAR = 1950, 2100  # a year outside this range is a misreading, not a date


def as_number(v: Any) -> float | int | _Bad | None:
    """A finite non-negative number (int kept as int)."""
    if v is None:
        return None
    if isinstance(v, bool):  # bool is an int subclass; True is no number of hours
        return BAD
    if isinstance(v, int):
        return v if 0 <= v < 1e9 else BAD  # a float of a larger int overflows the arithmetic
    if isinstance(v, float):
        return v if 0 <= v < 1e9 else BAD  # also rejects nan and inf
    if isinstance(v, str):
        s = v.strip()
        if not s:
            return None
        try:
            f = float(s)
        except ValueError:
            return BAD
        if not 0 <= f < 1e9:
            return BAD
        return int(f) if f.is_integer() and "." not in s else f
    return BAD


def as_int(v: Any) -> int | _Bad | None:
    """A non-negative whole number; 2.0 is 2, 2.5 is unusable."""
    n = as_number(v)
    if n is None or n is BAD:
        return n
    if isinstance(n, float):
        return int(n) if n.is_integer() else BAD
    return n


def as_bool(v: Any) -> bool | _Bad | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, str):
        s = v.strip().lower()
        if not s:
            return None
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    return BAD


def as_date(v: Any) -> _dt.date | _Bad | None:
    """An ISO date; ``2023-06`` is the first of the month and ``2023`` the first of January."""
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        v = v.date()
    if isinstance(v, _dt.date):
        return v if MIN_YEAR <= v.year <= MAX_YEAR else BAD
    if not isinstance(v, str):
        return BAD
    s = v.strip()
    if not s:
        return None
    try:
        if len(s) == 10:
            d = _dt.date.fromisoformat(s)
        elif len(s) == 7:
            d = _dt.date.fromisoformat(s + "-01")
        elif len(s) == 4 and s.isdigit():
            d = _dt.date(int(s), 1, 1)
        elif len(s) > 10 and s[10] in "T ":
            d = _dt.date.fromisoformat(s[:10])
        else:
            return BAD
    except ValueError:
        return BAD
    return d if MIN_YEAR <= d.year <= MAX_YEAR else BAD


def as_str(v: Any) -> str | _Bad | None:
    if v is None:
        return None
    if isinstance(v, str):
        s = v.strip()
        return s or None
    return BAD


def hours_text(value: Any) -> str:
    """Hours as a reviewer writes them, the one formatter every screen, sheet and explanation
    uses: 60 (never 60.0), 4.5, 7.25 (at most two decimals); '' for nothing."""
    if value is None or value == "":
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(x)) if x.is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")


def clean_hours(h: float) -> float:
    """Keep whole hours as int so the export shows 60, not 60.0."""
    return int(h) if float(h).is_integer() else h
