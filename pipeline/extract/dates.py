"""Dates in every form they are printed in on Chinese certificates, and date ranges.

Month-precision dates (二〇二三年十二月, 2023年12月) are given as the first day of the month
(2023-12-01) and marked ``precision="month"`` so callers can lower the confidence; year-only
dates (2023年度) likewise become 1 January with ``precision="year"``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract.english_dates import ORDER_GUESSED, to_chinese_form

# OCR reads the round 〇 of a printed year as O, o, C or 口 too (二C二四年): a zero only inside a
# four-character year that holds a real Chinese numeral (``arabize``)
_CN_DIGIT = {"〇": 0, "○": 0, "O": 0, "o": 0, "C": 0, "c": 0, "口": 0, "0": 0, "零": 0,
             "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = re.compile(r"([〇○OoCc口0零一二三四五六七八九](?:\s?[〇○OoCc口0零一二三四五六七八九]){3})\s*年")
# a year of three numerals: OCR dropped its round 〇 (二二二年七月 under a seal): the one year a
# 〇 put back in some place makes that is plausible for a document (二〇二二), or none
_CN_YEAR3 = re.compile(r"(?<![〇○OoCc口0零一二三四五六七八九十\d])([一二三四五六七八九]{3})\s*年")
_PLAUSIBLE_YEARS = range(1950, dt.date.today().year + 2)
_CN_SMALL = "(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_CN_MONTH = re.compile(rf"(?<=年)\s*({_CN_SMALL})\s*月")
_CN_DAY = re.compile(rf"(?<=月)\s*({_CN_SMALL})\s*日")
# the end of a range in Chinese numerals: 四月八日至十日, 四月八日至五月十日
_CN_TAIL_MONTH = re.compile(rf"(?<=日)(\s*(?:至|到|-)\s*)({_CN_SMALL})\s*月")
_CN_TAIL_DAY = re.compile(rf"(?<=日)(\s*(?:至|到|-)\s*)({_CN_SMALL})\s*日")


def _cn_small(s: str) -> int:
    """十二 -> 12, 二十一 -> 21, 三十 -> 30, 七 -> 7."""
    if "十" not in s:
        return _CN_DIGIT[s]
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _year_lost_zero(m: re.Match[str]) -> str:
    digits = "".join(str(_CN_DIGIT[c]) for c in m.group(1))
    years = {int(digits[:k] + "0" + digits[k:]) for k in range(4)} & set(_PLAUSIBLE_YEARS)
    return f"{years.pop()}年" if len(years) == 1 else m.group(0)


@lru_cache(maxsize=8192)  # every date finder calls it on the same lines: once per line is enough
def arabize(text: str) -> str:
    """Chinese-numeral dates to Arabic digits: 二〇二三年十二月十六日 -> 2023年12月16日."""

    def year(m: re.Match[str]) -> str:
        chars = m.group(1).replace(" ", "")  # OCR spaces out 二 O 二三
        if not any(c in "〇○零一二三四五六七八九" for c in chars):
            return m.group(0)  # already digits (O/o fixed elsewhere)
        return "".join(str(_CN_DIGIT[c]) for c in chars) + "年"

    text = to_chinese_form(text)  # June 24-25, 2023 -> 2023年6月24日至25日 (foreign pages)
    text = _CN_YEAR.sub(year, text)
    text = _CN_YEAR3.sub(_year_lost_zero, text)
    text = _CN_MONTH.sub(lambda m: f"{_cn_small(m.group(1))}月", text)
    text = _CN_DAY.sub(lambda m: f"{_cn_small(m.group(1))}日", text)
    text = _CN_TAIL_MONTH.sub(lambda m: f"{m.group(1)}{_cn_small(m.group(2))}月", text)
    text = _CN_DAY.sub(lambda m: f"{_cn_small(m.group(1))}日", text)  # the day after that month
    return _CN_TAIL_DAY.sub(lambda m: f"{m.group(1)}{_cn_small(m.group(2))}日", text)


@dataclass(frozen=True)
class DateHit:
    date: dt.date
    precision: str  # day | month | year | short_year (a day whose century was not read)
    start: int  # character span in the arabized text
    end: int
    half: str | None = None  # "am" | "pm" when 上午/下午 follows
    order_guessed: bool = False  # 08/01/2024 read day-first with nothing to decide it (english_dates)


@dataclass(frozen=True)
class DateRange:
    start: DateHit
    end: DateHit

    @property
    def days(self) -> float:
        """Inclusive days, in half-day steps when 上午/下午 is printed."""
        n = (self.end.date - self.start.date).days + 1.0
        if self.start.date == self.end.date and self.start.half and self.start.half == self.end.half:
            return 0.5
        if self.start.half == "pm":
            n -= 0.5
        if self.end.half == "am":
            n -= 0.5
        return max(n, 0.5)


_Y = r"((?:19|20)\d{2})"
_DAY = re.compile(rf"(?<!\d){_Y}\s*([年./-])\s*(\d{{1,2}})\s*[月./-]\s*(\d{{1,2}})(?!\d)\s*日?")
_MONTH = re.compile(rf"(?<!\d){_Y}\s*(?:年\s*(\d{{1,2}})\s*月|[./-]\s*(\d{{1,2}})(?![\d./-]))")
_YEAR = re.compile(rf"(?<!\d){_Y}\s*年(?!\s*\d{{1,2}}\s*月)")
# 24年6月25日 / 024年12月20日 / 221年6月16日: OCR lost the century or one of its digits (a faint edge of the
# line); never sure, see when._PREC
_SHORT_DAY = re.compile(r"(?<![\d.])([0129]?\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_HALF = re.compile(r"\s*(\()?\s*(上午|下午)")
_CONNECT = r"\s*起?\s*(?:至|到|-|~|—)\s*"
_DAY_TAIL = re.compile(
    rf"{_CONNECT}(?:{_Y}\s*[年./-]\s*)?(?:(\d{{1,2}})\s*[月./-]\s*)?(\d{{1,2}})(?![\d./-])\s*日?"
)
_MONTH_TAIL = re.compile(rf"{_CONNECT}(?:{_Y}\s*[年./-]\s*)?(\d{{1,2}})(?![\d./])\s*月?")


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _half_after(text: str, pos: int) -> tuple[str | None, int]:
    """上午/下午 right after a date makes it a half day; a bracket of daily hours naming both
    (上午8:30-12:00,下午14:30-17:30) is a full day."""
    m = _HALF.match(text, pos)
    if not m:
        return None, pos
    if m.group(1):
        close = text.find(")", m.end())
        inside = text[m.start():close if close > 0 else len(text)]
        if "上午" in inside and "下午" in inside:
            return None, pos
    return ("am" if m.group(2) == "上午" else "pm"), m.end()


def find_dates(text: str) -> list[DateHit]:
    """Every date in ``text`` (already normalised), in order, most precise form wins."""
    text = arabize(text)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _DAY.finditer(text):
        d = _mk(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if d:
            half, end = _half_after(text, m.end())
            guessed = text[m.start() - 1:m.start()] == ORDER_GUESSED
            hits.append(DateHit(d, "day", m.start(), end, half, guessed))
            taken.append((m.start(), end))
    for m in _SHORT_DAY.finditer(text):
        yy = int(m.group(1)[-2:])
        if len(m.group(1)) == 3:  # 0xx / 2xx (a 0 lost: 221年) is 20xx, 9xx / 1xx is 19xx
            year = (2000 if m.group(1)[0] in "02" else 1900) + yy
        else:
            year = 2000 + yy if 2000 + yy <= dt.date.today().year + 1 else 1900 + yy
        d = _mk(year, int(m.group(2)), int(m.group(3)))
        if d and free(m.start(), m.end()):
            hits.append(DateHit(d, "short_year", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _MONTH.finditer(text):
        month = int(m.group(2) or m.group(3))
        if 1 <= month <= 12 and free(m.start(), m.end()):
            hits.append(DateHit(dt.date(int(m.group(1)), month, 1), "month", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _YEAR.finditer(text):
        if free(m.start(), m.end()):
            hits.append(DateHit(dt.date(int(m.group(1)), 1, 1), "year", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h.start)


_YEAR_RANGE = re.compile(
    rf"(?<![\d.\-/]){_Y}\s*年?\s*(?:至|到|-|~)\s*{_Y}(?![\d.\-/])\s*(?:年(?!\s*\d)|$|[^\d年])"
)


def find_ranges(text: str) -> list[DateRange]:
    """Date ranges: 2024年10月19日至20日, 2024.10.19-2024.10.20, 2023年3月至9月, 2015-2019年 ..."""
    text = arabize(text)
    out: list[DateRange] = []
    for m in _YEAR_RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b:  # whole years: 1 January to 31 December
            out.append(DateRange(DateHit(dt.date(a, 1, 1), "year", m.start(1), m.end(1)),
                                 DateHit(dt.date(b, 12, 31), "year", m.start(2), m.end(2))))
    for h in find_dates(text):
        if h.precision == "day":
            m = _DAY_TAIL.match(text, h.end)
            if not m:
                continue
            y = int(m.group(1)) if m.group(1) else h.date.year
            mo = int(m.group(2)) if m.group(2) else h.date.month
            d = _mk(y, mo, int(m.group(3)))
            if d and d >= h.date:
                half, end = _half_after(text, m.end())
                out.append(DateRange(h, DateHit(d, "day", m.start(), end, half, h.order_guessed)))
        elif h.precision == "month":
            m = _MONTH_TAIL.match(text, h.end)
            if not m:
                continue
            y = int(m.group(1)) if m.group(1) else h.date.year
            mo = int(m.group(2))
            if 1 <= mo <= 12:
                d = dt.date(y, mo, calendar.monthrange(y, mo)[1])  # to the end of that month
                if d >= h.date:
                    out.append(DateRange(h, DateHit(d, "month", m.start(), m.end())))
    return sorted(out, key=lambda r: r.start.start)


def months_between(start: dt.date, end: dt.date) -> int:
    """Months an assignment lasted (inclusive days / average month length, rounded)."""
    return max(round(((end - start).days + 1) / 30.44), 0)
