"""Dates written in English (foreign journals, invitation letters), rewritten the Chinese way so
the date finder reads them like any other: 'June 24-25, 2023' -> '2023年6月24日至25日',
'5 December 2023' -> '2023年12月5日', 'the 16th day of October 2019' -> '2019年10月16日',
'November 2023' -> '2023年11月', 'from 6 to 8 November 2023' -> '2023年11月6日至8日',
'3 July to 14 August 2023' -> '2023年7月3日至8月14日', 'between August 1 and August 14, 2021' ->
'2021年8月1日至8月14日', 'from 08/01/2024 to 13/01/2024' -> '2024年1月8日至2024年1月13日'.

OCR of English certificates sets the ordinal apart or mangles it ('4 th Dec', '14 t h Aug',
'21 s st February', '17-18t April') and spaces the digits of a day ('3 1 st October'): these are
mended first (``_mend_ordinals``), only next to a month name.

Numeric dates with the year last (08/01/2024) are day-first in most of the world and month-first in
the US: the order is decided by impossibility (a number above 12 can only be the day, and the
other date of the same range takes the same order); when nothing decides, the date is read
day-first (the issuers of English certificates in the corpus are Indian and European, none is
American) and marked with ``ORDER_GUESSED`` so the date finder lowers its confidence rather than
pass the guess as a reading.

A month name counts only capitalised and next to a year, so the word 'may' in a sentence is left
alone; a number after No./Vol. is an issue, not a day ('No. 11 November 2023' is November).
"""

from __future__ import annotations

import re

from pipeline.extract.data import DATA

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
_D = (r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?P<c>[-–~]|to|until|till|through|and|&)\s*"
      rf"(?:{_WEEKDAY})?(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?")
_Y = r"(?P<y>(?:19|20)\d{2})"
# June 24-25, 2023 | June 24, 2023 | June 14,2022 | 24-25 June 2023 | 24 June, 2023 | November 2023
# a label glued to the month by OCR or a text layer ('DateApril 28, 2026'): a lower-case letter
# right before a capitalised month is a word boundary too (_cn keeps capitalised months only)
_GLUED = r"(?:\b|(?-i:(?<=[a-z])))"
_MDY = re.compile(rf"{_GLUED}{_M}\s+{_D}(?:,\s*|\s+){_Y}\b", re.I)
# the 16th day of October 2019 (a formal grant's wording), the 7th of December 2025
_DMY = re.compile(rf"\b{_D},?\s+(?:(?:day\s+)?of\s+)?{_M},?\s+{_Y}\b", re.I)
# 02-Jul-2016, 5.Dec.2023: day, month name and year joined by one sign
_D_MON_Y = re.compile(
    r"(?<![\w.-])(?P<d1>\d{1,2})(?P<sep>[-./])(?P<mon>[A-Za-z]{3,9})\.?(?P=sep)(?P<y>(?:19|20)\d{2})\b")
_MY = re.compile(rf"{_GLUED}{_M},?\s+{_Y}\b", re.I)
# 3 July to 14 August 2023: a range over two months, the year printed once at its end
_DM_DMY = re.compile(
    rf"\b(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<ma>[A-Z][a-z]{{2,8}})\.?\s*(?:[-–~]|to|until|till)\s*"
    rf"(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mb>[A-Z][a-z]{{2,8}})\.?,?\s+{_Y}\b"
)
# two full dates joined by an English word: 2023年7月3日 to 2023年7月14日
_JOINED = re.compile(r"(日)\s*(?:to|until|till|through)\s*(?=(?:19|20)\d{2}年)", re.I)


# put before a date whose day/month order was guessed (arabized text only, never shown): the date
# finder reads it and lowers that date's confidence (dates.DateHit.order_guessed)
ORDER_GUESSED = "\ue000"
_MONTH_WORD = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b"
# 'Sixth day of November', 'the twenty-first of May': the n-th word of patterns.toml is day n
_ORDINAL_WORDS = {w.replace("-", ""): n for n, w in enumerate(DATA["dates"]["ordinal_days"], 1)}
_WORDS = sorted(DATA["dates"]["ordinal_days"], key=len, reverse=True)  # twenty-first before first
_WORDED_DAY = re.compile(
    r"\b(" + "|".join(w.replace("-", r"[-\s]?") for w in _WORDS) + r")"
    rf"(?=\s+(?:day\s+)?of\s+{_MONTH_WORD})", re.I)
# a day's digits set apart by OCR ('3 1 st October'), before a month name
_SPACED_DAY = re.compile(rf"(?<![\d.,:/])([0-3]) (\d)(?=\s*(?:st|nd|rd|th)?\s+{_MONTH_WORD})", re.I)
# an ordinal suffix set apart or mangled by OCR, before a connector or a month name; dropped (the
# day's number says it all): '4 th Dec', '14 t h Aug', '21 s st February', '17-18t April', '09 th -'
# superscript suffixes come out as modifier letters or a trade mark ('22ⁿd & 23™d of September',
# after NFKC '22nd & 23TMd')
_ORDINAL = re.compile(
    rf"(?<=\d)\s?(?:s\s?s?\s?t|n\s?d|r\s?d|t\s?h|t|tm[a-z]?|[ⁿˢʳᵗ™][a-zᵈʰᵗ]?)"
    rf"(?=[\s,]*(?:[-–~&]|to\b|and\b|(?:of\s+)?{_MONTH_WORD}))", re.I)
# the suffix of a month-first day before the year: 'March 06 th 2025', 'May 5th, 2024'
_ORDINAL_BEFORE_YEAR = re.compile(
    rf"(\b{_MONTH_WORD}\.?\s+\d{{1,2}})\s?(?:st|nd|rd|th)(?=,?\s+(?:19|20)\d{{2}}\b)", re.I)
# a connector OCR glued to the day after it ('Conducted from02nd To 07th May 2022')
_GLUED_DAY = re.compile(r"\b(from|on|between)(?=\d)", re.I)
# a text layer that spaces every letter ('M a r c h 2 5 a n d 2 6 , 2 0 2 3 .'): most of its
# tokens are one character long; closed up, with a space put back between letters and digits
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_YEAR_IN = re.compile(r"(?:19|20)\d{2}")
# April 12 to April 13, 2025 | between August 1 and August 14, 2021 | October 26 to November 1 in
# 2025: month-first days, each with its month, the year once at the end
_MD_MD_Y = re.compile(
    rf"\b(?P<ma>[A-Z][a-z]{{2,8}})\.?\s+(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s*(?P<c>[-–~]|to|until|till|through|and)\s*"
    rf"(?P<mb>[A-Z][a-z]{{2,8}})\.?\s+(?P<b>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+in\s+|\s+){_Y}\b"
)
# dd/mm/yyyy (or mm/dd/yyyy), optionally a range of two: 'from 08/01/2024 to 13/01/2024'; OCR may
# drop a stray digit between them (08/01/2024 4 to 13/01/2024)
# OCR reads a 0 of a numeric date as o or O (15/o2/2024): mended only inside such a date
_OCR_ZERO = re.compile(r"(?<![\w./-])[\doO]?\d?[./-][\doO]{1,2}[./-](?:19|20)\d{2}(?![\d/-])")
_NUM = r"(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*((?:19|20)\d{2})"
_NUM_RANGE = re.compile(
    rf"(?<![\d./-]){_NUM}(?![\d/-]|\.\d)(?:(?:\s+\d)?\s*(?:[-–~]|to|until|till|through)\s*{_NUM}(?![\d/-]|\.\d))?",
    re.I)


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
    d1, d2 = int(m.group("d1")), m.group("d2")
    if d2 and m.group("c") in ("and", "&") and int(d2) != d1 + 1:
        return f"{y}年{mon}月{d1}日 and {y}年{mon}月{int(d2)}日"  # two days apart, not a range
    return f"{y}年{mon}月{d1}日" + (f"至{int(d2)}日" if d2 else "")


def to_chinese_form(text: str) -> str:
    """``text`` with its English dates written as 2023年6月24日 (other text unchanged)."""
    text = _numeric(text)
    if not re.search(r"[A-Za-z]", text):
        return text
    if " " in text:
        text = "\n".join(_unspace(line) for line in text.split("\n"))
    text = _mend_ordinals(text)
    text = _MD_MD_Y.sub(_two_months, text)
    text = _DM_DMY.sub(_two_months, text)
    text = _D_MON_Y.sub(_day_mon_year, text)
    text = _MDY.sub(_cn, text)
    text = _DMY.sub(_cn, text)
    text = _MY.sub(_cn, text)
    return _JOINED.sub(r"\1至", text)


def _mend_ordinals(text: str) -> str:
    """'3 1 st October' -> '31 October', '4 th Dec to 8 th Dec' -> '4 Dec to 8 Dec', 'Sixth day of
    November' -> '6 day of November'."""
    text = _WORDED_DAY.sub(lambda m: str(_ORDINAL_WORDS[re.sub(r"[-\s]", "", m.group(1).lower())]), text)
    text = _SPACED_DAY.sub(r"\1\2", text)
    text = _GLUED_DAY.sub(r"\1 ", text)
    text = _ORDINAL_BEFORE_YEAR.sub(r"\1", text)
    # '24thAugust': the month keeps a space before it when the suffix goes
    return _ORDINAL.sub(lambda m: " " if m.string[m.end():m.end() + 1].isalpha() else "", text)


def _unspace(line: str) -> str:
    """A letter-spaced line closed up ('M a r c h 2 5 a n d 2 6 , 2 0 2 3 .' -> 'March 25 and
    26,2023.'), when that puts a year in it; any other line as it is."""
    if line.count(" ") * 3 < len(line):
        return line  # words of several letters: most lines (a spaced line is half spaces)
    tokens = line.split(" ")
    singles = sum(len(t) == 1 for t in tokens)
    if len(tokens) < 8 or singles < 0.7 * len(tokens) or not re.search(r"\d \d", line):
        return line
    out: list[str] = []
    for prev, tok in zip(["", *tokens], tokens, strict=False):
        if out and len(tok) == 1 and len(prev) == 1:
            out[-1] += tok  # one word's letters: joined
        else:
            out.append(tok)
    closed = _LETTER_DIGIT.sub(" ", " ".join(out))
    return closed if _YEAR_IN.search(closed) else line


def _day_mon_year(m: re.Match[str]) -> str:
    mon = MONTHS.get(m.group("mon").lower())
    if mon is None or not m.group("mon")[0].isupper() or not 1 <= int(m.group("d1")) <= 31:
        return m.group(0)
    return f"{m.group('y')}年{mon}月{int(m.group('d1'))}日"


def _numeric(text: str) -> str:
    """Numeric dates with the year last, in the Chinese form (order decided as the module says)."""
    if not re.search(r"[\doO]\s*[./-]\s*[\doO]{1,2}\s*[./-]\s*(?:19|20)\d{2}", text):
        return text
    text = _OCR_ZERO.sub(lambda m: m.group(0).replace("o", "0").replace("O", "0"), text)
    return _NUM_RANGE.sub(_num_range, text)


def _num_range(m: re.Match[str]) -> str:
    pairs = [(int(m.group(1)), int(m.group(3)), m.group(4))]
    if m.group(5):
        pairs.append((int(m.group(5)), int(m.group(7)), m.group(8)))
    day_first = [a > 12 >= b for a, b, _ in pairs]  # the first number can only be the day
    month_first = [b > 12 >= a for a, b, _ in pairs]
    if any(day_first) and any(month_first):
        return m.group(0)  # contradicts itself: not a pair of dates
    guessed = not any(day_first) and not any(month_first)
    if any(month_first):
        pairs = [(b, a, y) for a, b, y in pairs]
    if any(not (1 <= mo <= 12 and 1 <= d <= 31) for d, mo, _ in pairs):
        return m.group(0)
    out = "至".join(f"{y}年{mo}月{d}日" for d, mo, y in pairs)
    return (ORDER_GUESSED if guessed else "") + out


def _two_months(m: re.Match[str]) -> str:
    between = re.search(r"between\s*$", m.string[: m.start()], re.I)
    if "c" in m.groupdict() and m.group("c") == "and" and not between:
        return m.group(0)  # 'March 3 and June 5, 2023' names two days; 'between ... and ...' a range
    ma, mb = MONTHS.get(m.group("ma").lower()), MONTHS.get(m.group("mb").lower())
    if ma is None or mb is None:
        return m.group(0)
    y = m.group("y")
    return f"{y}年{ma}月{int(m.group('a'))}日至{mb}月{int(m.group('b'))}日"
