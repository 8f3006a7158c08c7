"""Dates written in English (foreign journals, invitation letters), rewritten the Chinese way so
the date finder reads them like any other: 'June 24-25, 2023' -> '2023年6月24日至25日',
'5 December 2023' -> '2023年12月5日', 'the 16th day of October 2019' -> '2019年10月16日',
'November 2023' -> '2023年11月', 'from 6 to 8 November 2023' -> '2023年11月6日至8日',
'3 July to 14 August 2023' -> '2023年7月3日至8月14日'.

A month name counts only capitalised and next to a year, so the word 'may' in a sentence is left
alone; a number after No./Vol. is an issue, not a day ('No. 11 November 2023' is November).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_M = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# a weekday named before a day of a range (Apr 24th through Mon the 28th)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+"
# 24-25 June, 6 to 8 November, Apr 24th through Mon the 28th: one range inside one month
_D = (r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:[-–~]|to|until|till|through)\s*"
      rf"(?:{_WEEKDAY})?(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?")
_Y = r"(?P<y>(?:19|20)\d{2})"
# June 24-25, 2023 | June 24, 2023 | June 14,2022 | 24-25 June 2023 | 24 June, 2023 | November 2023
_MDY = re.compile(rf"\b{_M}\s+{_D}(?:,\s*|\s+){_Y}\b", re.I)
# the 16th day of October 2019 (a formal grant's wording)
_DMY = re.compile(rf"\b{_D}\s+(?:day\s+of\s+)?{_M},?\s+{_Y}\b", re.I)
_MY = re.compile(rf"\b{_M},?\s+{_Y}\b", re.I)
# 3 July to 14 August 2023: a range over two months, the year printed once at its end
_DM_DMY = re.compile(
    rf"\b(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<ma>[A-Z][a-z]{{2,8}})\.?\s*(?:[-–~]|to|until|till)\s*"
    rf"(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mb>[A-Z][a-z]{{2,8}})\.?,?\s+{_Y}\b"
)
# two full dates joined by an English word: 2023年7月3日 to 2023年7月14日
_JOINED = re.compile(r"(日)\s*(?:to|until|till|through)\s*(?=(?:19|20)\d{2}年)")


_ISSUE_BEFORE = re.compile(r"(?:No|Vol|Number|Volume|Issue)\.?\s*$", re.I)


def _cn(m: re.Match[str]) -> str:
    if not m.group("mon")[0].isupper():
        return m.group(0)
    day_first = "d1" in m.groupdict() and not m.group(0).startswith(m.group("mon"))
    if day_first and _ISSUE_BEFORE.search(m.string[: m.start()]):
        return m.group(0)  # '11 November 2023' right after 'No.': an issue number and a month
    mon = MONTHS[m.group("mon").lower()]
    y = m.group("y")
    if "d1" not in m.groupdict():
        return f"{y}年{mon}月"
    d2 = m.group("d2")
    return f"{y}年{mon}月{int(m.group('d1'))}日" + (f"至{int(d2)}日" if d2 else "")


def to_chinese_form(text: str) -> str:
    """``text`` with its English dates written as 2023年6月24日 (other text unchanged)."""
    if not re.search(r"[A-Za-z]", text):
        return text
    text = _DM_DMY.sub(_two_months, text)
    text = _MDY.sub(_cn, text)
    text = _DMY.sub(_cn, text)
    text = _MY.sub(_cn, text)
    return _JOINED.sub(r"\1至", text)


def _two_months(m: re.Match[str]) -> str:
    ma, mb = MONTHS.get(m.group("ma").lower()), MONTHS.get(m.group("mb").lower())
    if ma is None or mb is None:
        return m.group(0)
    y = m.group("y")
    return f"{y}年{ma}月{int(m.group('a'))}日至{mb}月{int(m.group('b'))}日"
