"""Date forms as they appear on Chinese documents, and small date arithmetic."""

from __future__ import annotations

import datetime as dt
import random

_CN_DIGITS = "〇一二三四五六七八九"


def cn_year(y: int) -> str:
    return "".join(_CN_DIGITS[int(c)] for c in str(y))


def cn_number(n: int) -> str:
    """1..31 in Chinese numerals as written in dates: 十, 十二, 二十, 三十一."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def ordinal(n: int, pad: bool = False) -> str:
    """1st, 2nd, 3rd, 11th, 21st ... as English pages print days and editions; ``pad``: 03rd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:02d}{suffix}" if pad else f"{n}{suffix}"


FORMS = ("cn", "cn_pad", "dot", "dash", "cn_upper")


# how English pages of India and Europe date themselves, day first: 16.06.2023, 16/06/2023, 16-06-2023
_DAY_FIRST = {"dmy_dot": "%d.%m.%Y", "dmy_slash": "%d/%m/%Y", "dmy_dash": "%d-%m-%Y"}


def fmt(d: dt.date, form: str) -> str:
    """Render a date: cn 2023年6月16日, cn_pad 2023年06月16日, dot 2023.06.16, dash 2023-06-16,
    cn_upper 二〇二三年六月十六日; day first (English pages): dmy_dot 16.06.2023, dmy_slash
    16/06/2023, dmy_dash 16-06-2023."""
    if form in _DAY_FIRST:
        return d.strftime(_DAY_FIRST[form])
    if form == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if form == "cn_pad":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if form == "dot":
        return f"{d.year}.{d.month:02d}.{d.day:02d}"
    if form == "dash":
        return d.isoformat()
    if form == "cn_upper":
        return f"{cn_year(d.year)}年{cn_number(d.month)}月{cn_number(d.day)}日"
    raise ValueError(f"unknown date form {form!r}")


def fmt_month(d: dt.date, form: str) -> str:
    """Year and month only (二〇二三年十二月, 2023年12月, 2023.12)."""
    if form == "cn_upper":
        return f"{cn_year(d.year)}年{cn_number(d.month)}月"
    if form in ("dot", "dash"):
        return f"{d.year}.{d.month:02d}"
    return f"{d.year}年{d.month}月"


def fmt_range(a: dt.date, b: dt.date, form: str) -> str:
    """A date range the way notices write it: 2024年10月19日至20日, 2024.10.19-2024.10.20."""
    if a == b:
        return fmt(a, form)
    if form in ("cn", "cn_pad") and a.year == b.year:
        if a.month == b.month:
            return f"{fmt(a, form)}至{b.day}日"
        return f"{fmt(a, form)}至{b.month}月{b.day}日"
    if form == "dot":
        return f"{fmt(a, form)}-{fmt(b, form)}"
    return f"{fmt(a, form)}至{fmt(b, form)}"


def random_date(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    m = rng.randint(*months)
    return dt.date(year, m, rng.randint(1, 28))


def weekday_cn(d: dt.date) -> str:
    return "星期" + "一二三四五六日"[d.weekday()]


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    return dt.date(d.year + y, m + 1, min(d.day, 28))
