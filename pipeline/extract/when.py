"""Dates of an item: THE date of its type, the start and end of an event, days and months."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from pipeline.extract import dates as D
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, parse_number, value
from pipeline.types import FieldValue

# the year is what the rules credit, so a month-only date is nearly as good as a full one
# a two-digit year (24年6月25日) is most likely 2024, but a person must see it: 0.95 x 0.8 < 0.8
_PREC = {"day": 1.0, "month": 0.95, "year": 0.85, "short_year": 0.8}
# a numeric date whose day/month order nothing decided (08/01/2024): read day-first, less sure
ORDER_GUESSED_STRENGTH = 0.7


def _prec(h: D.DateHit) -> float:
    return _PREC[h.precision] * (ORDER_GUESSED_STRENGTH if h.order_guessed else 1.0)


def _excluded(text: str, start: int, end: int | None = None) -> bool:
    """A date that is not the item's: after a word of ``dates.exclude`` (出生, 收稿日期) or
    ``dates.exclude_english`` (Expiration Date, valid until), or right
    before one of ``dates.reprint`` (2021年12月第2次印刷: a printing's date)."""
    before = text[max(0, start - 8):start]
    if any(x in before for x in DATA["dates"]["exclude"]):
        return True
    if _EXCLUDE_EN.search(text[max(0, start - 40):start]):
        return True  # PMP® Expiration Date: 05 March 2027 (an English label is longer than 8)
    if _IN_CODE.search(text[max(0, start - 16):start]):
        return True  # digits inside a code (ISBN 978-7-5710-2000-2), not a date
    after = text[end:end + 8] if end is not None else ""
    return any(x in after for x in DATA["dates"]["reprint"])


_EXCLUDE_EN = re.compile(DATA["dates"]["exclude_english"], re.I)
# the end of a hyphenated number that goes on into the "date": two groups, the last of 3+ digits
_IN_CODE = re.compile(r"\d\s*-\s*\d{3,}\s*-\s*$")
_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")


def compact(text: str) -> str:
    """NFKC (２０２０年 -> 2020年, ： -> :) with the spaces between digits closed: journal
    headers set their digits apart (2 0 2 1年4月, V o l . 4 4)."""
    return _DIGIT_GAP.sub("", unicodedata.normalize("NFKC", text))


# a numeric date whose day/month order its own numbers decide (20-02-2021: day-first; 02/20/2021:
# month-first), wherever it stands on the item
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(?:19|20)\d{2}(?!\d)")


@lru_cache(maxsize=256)
def _issuer_order(texts: tuple[str, ...]) -> str | None:
    """"day" or "month": the order the issuer writes numeric dates in, where one of the item's
    dates decides it (a number above 12) and none says the other; else None."""
    orders = set()
    for text in texts:
        for m in _NUMERIC.finditer(text):
            a, b = int(m.group(1)), int(m.group(3))
            if a > 12 >= b:
                orders.add("day")
            elif b > 12 >= a:
                orders.add("month")
    return orders.pop() if len(orders) == 1 else None


def _in_issuer_order(ctx: Ctx, h: D.DateHit) -> D.DateHit:
    """A date whose order was guessed (08/01/2024), in the order another date of the same item
    decides (13/01/2024 on the same certificate): no longer a guess. Else as it was."""
    if not h.order_guessed:
        return h
    order = _issuer_order(tuple(ln.text for ln in ctx.lines))
    if order is None:
        return h
    d = h.date if order == "day" else D._mk(h.date.year, h.date.day, h.date.month)
    return replace(h, date=d, order_guessed=False) if d else h


def _dates(ctx: Ctx, text: str) -> list[D.DateHit]:
    return [_in_issuer_order(ctx, h) for h in D.find_dates(text)]


def _ranges(ctx: Ctx, text: str) -> list[D.DateRange]:
    out = []
    for r in D.find_ranges(text):
        a, b = _in_issuer_order(ctx, r.start), _in_issuer_order(ctx, r.end)
        if a.date <= b.date:
            out.append(D.DateRange(a, b))
    return out


def _date_after_label(ctx: Ctx, labels: list[str]) -> FieldValue | None:
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            pos = ln.text.find(label)
            if pos < 0:
                continue
            cands = [(h, ln) for h in _dates(ctx, ln.text[pos:])]
            if not cands and i + 1 < len(ctx.lines):
                nxt = ctx.lines[i + 1]
                cands = [(h, nxt) for h in _dates(ctx, nxt.text)]
            if cands:
                h, src = cands[0]
                return value(h.date.isoformat(), 0.95 * _prec(h), src)
    return None


def _last_date(ctx: Ctx, strength: float) -> FieldValue | None:
    last: tuple[D.DateHit, TextLine] | None = None
    seg = ctx.segment()
    for ln in ctx.lines:
        if seg is not None and ln.seq not in seg:
            continue  # the date of the certificate, not of the notice next to it
        text = D.arabize(ln.text)
        for h in _dates(ctx, ln.text):
            if h.precision != "year" and not _excluded(text, h.start, h.end):
                last = (h, ln)
    if not last:
        return None
    h, ln = last
    return value(h.date.isoformat(), strength * _prec(h), ln)


def _ym(m: re.Match[str]) -> tuple[int, int]:
    """Year and month of a named-group match: issue N of a monthly is month N; an issue number
    over 12 says only the year (January 1)."""
    groups = m.groupdict()
    n = int(groups.get("month") or groups.get("issue") or 1)
    return int(m.group("year")), n if 1 <= n <= 12 else 1


def _issue_date(ctx: Ctx) -> FieldValue | None:
    texts = [compact(ln.text) for ln in ctx.lines]
    # a running header that states the month (第38卷第6期 over 2016年11月) first: a bimonthly's
    # issue number (第6期, 文章编号 …(2016)06-…) is not its month
    header = _header_date(ctx, texts)
    if header is not None:
        return header
    for pat in DATA["dates"]["issue"]:
        for ln, text in zip(ctx.lines, texts, strict=True):
            m = re.search(pat, text)
            if m:
                y, month = _ym(m)
                return value(f"{y:04d}-{month:02d}-01", 0.92, ln)
    return None


def _header_date(ctx: Ctx, texts: list[str]) -> FieldValue | None:
    """A journal's running header: 第30卷第12期 beside 2020年12月, or VOL. 19, NO. 1, MARCH 2022.
    The year and month on the volume's line or on the line next to it (same page), so that a
    received or revised date further down is never taken for the issue."""
    volume = re.compile(DATA["dates"]["volume"], re.I)
    for i, (ln, text) in enumerate(zip(ctx.lines, texts, strict=True)):
        if not volume.search(text):
            continue
        for j in (i, i - 1, i + 1):
            if not 0 <= j < len(ctx.lines) or ctx.lines[j].page != ln.page:
                continue
            hits = [h for h in D.find_dates(texts[j]) if h.precision in ("month", "day")]
            if hits:
                return value(hits[0].date.replace(day=1).isoformat(), 0.9, ctx.lines[j])
            m = re.search(DATA["dates"]["header_month"], texts[j])
            if m and 1 <= int(m.group("month")) <= 12:
                return value(f"{m.group('year')}-{int(m.group('month')):02d}-01", 0.85, ctx.lines[j])
    return None


def _edition_date(ctx: Ctx) -> FieldValue | None:
    """A book's first edition (2013年1月第1版; the CIP line's 出版社，2013.1), not its reprints."""
    for pat in DATA["dates"]["edition"]:
        for ln in ctx.lines:
            m = re.search(pat, compact(ln.text))
            if m:
                y, month = _ym(m)
                return value(f"{y:04d}-{month:02d}-01", 0.92 * _PREC["month"], ln)
    return None


AWARD_YEAR_STRENGTH = 0.9


def date(ctx: Ctx) -> FieldValue | None:
    fv = _date(ctx)
    return _award_year(ctx, fv) if ctx.cfg.get("award_year") else fv


def _award_year(ctx: Ctx, dated: FieldValue | None) -> FieldValue | None:
    """An award of an earlier year (2020年度…奖 on a certificate dated 2021): the award's year is
    the one credited (rules.md 2.5), given as its last day; the certificate's date in the check."""
    for pat in ctx.cfg["award_year"]:
        for ln in ctx.lines:
            m = re.search(pat, D.arabize(ln.text))
            if not m:
                continue
            year = int(m.group(1))
            if dated is not None and int(str(dated.value)[:4]) <= year:
                return dated  # the certificate's own date is in the award year: it is the date
            fv = value(f"{year}-12-31", AWARD_YEAR_STRENGTH, ln)
            fv.check = (f"奖励年度{year}年（证书落款{dated.value}），按细则2.5计入奖励年度" if dated
                        else f"奖励年度{year}年（证书未读出日期）")
            return fv
    return dated


def _date(ctx: Ctx) -> FieldValue | None:
    mode = ctx.cfg.get("date_mode", "labelled")
    labels = ctx.cfg.get("date_labels", [])
    if mode == "issue":
        return _date_after_label(ctx, ["出版日期", "出版时间"]) or _issue_date(ctx) or _last_date(ctx, 0.7)
    found = _date_after_label(ctx, labels) if labels else None
    if found:
        return found
    if mode == "edition":
        found = _edition_date(ctx)
        if found:
            return found
    if mode == "range_end":
        rng = _range(ctx)
        if rng:
            r, ln, s = rng
            return value(r.end.date.isoformat(), s, ln)
    # an unlabelled date: the last one on the page is where the seal and issue date sit
    last = _last_date(ctx, float(ctx.cfg.get("date_fallback_strength", 0.85 if mode == "last" else 0.75)))
    if last is not None:
        _one_year_check(ctx, last)
    return last


def _one_year_check(ctx: Ctx, fv: FieldValue) -> None:
    """A second reading of an unlabelled date: the rules credit its year, so when every date
    the item prints (birth dates and the like left out) falls in that one year, which of them is
    the issue date cannot change the hours. Two years or more: unconfirmed (the gate decides by
    the confidence alone)."""
    years = set()
    for ln in ctx.lines:
        text = D.arabize(ln.text)
        for h in D.find_dates(ln.text):
            if not _excluded(text, h.start):
                years.add(h.date.year)
    if years == {int(str(fv.value)[:4])}:
        fv.confirmed = True
        fv.check = f"文中日期均在{fv.value[:4]}年"


# a range wrapped after its first date: the next line starts with the connector ('to 16/02/2024.')
_GOES_ON = re.compile(r"^\s*(?:to|until|till|through|至|到|[-–~])\s*\S", re.I)


def _range(ctx: Ctx) -> tuple[D.DateRange, TextLine, float] | None:
    first: tuple[D.DateRange, TextLine, float] | None = None
    for i, ln in enumerate(ctx.lines):
        rs = _ranges(ctx, ln.text)
        if not rs and i + 1 < len(ctx.lines) and _GOES_ON.match(ctx.lines[i + 1].text) \
                and D.find_dates(ln.text):
            rs = _ranges(ctx, ln.text + " " + ctx.lines[i + 1].text)
        if not rs:
            continue
        labelled = any(lbl in ln.text for lbl in DATA["dates"]["range_labels"])
        cand = (rs[0], ln, 0.95 if labelled else 0.85)
        if labelled:
            return cand
        first = first or cand
    return first


# a numeric date in a table cell, its year in two digits or four (01/05/18, 31/07/2018)
_CELL_DATE = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])")
HEADER_PAIR_STRENGTH = 0.9  # the columns say which date is which; the year's century may be guessed


def _cell_dates(text: str) -> list[D.DateHit]:
    """The numeric dates of a row, day-first unless a number above 12 says month-first; a
    two-digit year is this century's (or the last, if that would be in the future) and counts as
    a short year (when._PREC: a person sees it)."""
    cells = [(int(m.group(1)), int(m.group(3)), m.group(4), m) for m in _CELL_DATE.finditer(text)]
    month_first = any(b > 12 >= a for a, b, _, _ in cells)
    if month_first and any(a > 12 >= b for a, b, _, _ in cells):
        return []  # contradicts itself: no pair of dates
    out = []
    for a, b, y, m in cells:
        day, month = (b, a) if month_first else (a, b)
        if len(y) == 2:
            year = 2000 + int(y) if 2000 + int(y) <= dt.date.today().year + 1 else 1900 + int(y)
        else:
            year = int(y)
        d = D._mk(year, month, day)
        if d is None:
            return []
        guessed = not month_first and not any(x > 12 for x, _, _, _ in cells)
        out.append(D.DateHit(d, "short_year" if len(y) == 2 else "day", m.start(), m.end(),
                             order_guessed=guessed))
    return out


def _header_pair(ctx: Ctx) -> tuple[D.DateRange, TextLine, float] | None:
    """Start and end under a header that names them in that order, the dates in the row below
    (``start_end_header`` in patterns.toml): 'Start of funding End of funding' over '01/05/18
    31/07/18'."""
    header = re.compile(DATA["dates"]["start_end_header"], re.I)
    for ln, below in zip(ctx.lines, ctx.lines[1:], strict=False):
        if not header.search(ln.text) or D.find_dates(ln.text):
            continue
        hits = _cell_dates(below.text)
        if len(hits) >= 2 and hits[0].date <= hits[1].date:
            strength = HEADER_PAIR_STRENGTH * (ORDER_GUESSED_STRENGTH if hits[0].order_guessed else 1.0)
            return D.DateRange(hits[0], hits[1]), below, strength
    return None


_ATTENDED = re.compile(r"\s*(?:上午|下午)?\s*(?:在|参加|出席|赴|到)")


def _single_day(ctx: Ctx) -> tuple[D.DateHit, TextLine, float] | None:
    """A one-day event and how sure that it is the event's day (the date's own precision and
    day/month order are the callers' to weigh): a single date under a time label, 于<date>参加 on a
    certificate, or 'held on <date>' / 'organized by … on <date>' on an English one; else the one
    date of an item that names a one-day event (``one_day_event``: a webinar), less sure (it may
    be the issue date). None for a type whose one labelled date is no event's day (``single_day =
    false``: an online course's completion date)."""
    if not ctx.cfg.get("single_day", True):
        return None
    before = DATA["dates"]["single_day_before"]
    for ln in ctx.lines:
        labelled = any(lbl in ln.text for lbl in DATA["dates"]["range_labels"])
        text = D.arabize(ln.text)
        for h in _dates(ctx, ln.text):
            # the mark of a guessed day/month order sits right before the date: not a word
            if h.precision == "day" and (labelled or _ATTENDED.match(text, h.end)
                                         or re.search(before, text[:h.start].rstrip(ORDER_MARK), re.I)):
                return h, ln, SINGLE_DAY_STRENGTH
    return _one_day_event(ctx)


SINGLE_DAY_STRENGTH = 0.85
ORDER_MARK = D.ORDER_GUESSED
# the one date of a one-day event's certificate may be its issue date, printed days later: a
# person looks (under the auto_ok gate)
ONE_DAY_EVENT_STRENGTH = 0.75


def _one_day_event(ctx: Ctx) -> tuple[D.DateHit, TextLine, float] | None:
    """'as a participant in the webinar … 14th December, 2022': an item that names a one-day
    event and prints one day (birth and expiry dates left out) held that event on it."""
    if not any(re.search(DATA["dates"]["one_day_event"], ln.text, re.I) for ln in ctx.lines):
        return None
    found: dict[str, tuple[D.DateHit, TextLine]] = {}
    for ln in ctx.lines:
        text = D.arabize(ln.text)
        for h in _dates(ctx, ln.text):
            if h.precision != "year" and not _excluded(text, h.start, h.end):
                found.setdefault(h.date.isoformat(), (h, ln))
    if len(found) != 1:
        return None
    h, ln = next(iter(found.values()))
    return (h, ln, ONE_DAY_EVENT_STRENGTH) if h.precision == "day" else None


_SINCE = re.compile(r"自\s*$")
_SINCE_END = re.compile(r"^\s*(?:起|以来|开始)")
SINCE_STRENGTH = 0.9  # 自<date>起学习 … then the certificate's date: an open range closed by the issue


def _since(ctx: Ctx) -> tuple[D.DateHit, TextLine] | None:
    """自二〇二四年六月二十八日起 (an open-ended span whose end is the certificate's date)."""
    for ln in ctx.lines:
        text = D.arabize(ln.text)
        for h in _dates(ctx, ln.text):
            if h.precision == "day" and _SINCE.search(text[:h.start]) and _SINCE_END.match(text[h.end:]):
                return h, ln
    return None


_YEAR_ROW = re.compile(r"^(?:年度|年份)\s*:?\s*((?:(?:19|20)\d{2}\s*(?:年度?)?\s*){2,})$")
YEAR_ROW_STRENGTH = 0.9


def _year_row(ctx: Ctx) -> tuple[int, int, TextLine] | None:
    """A table with the years as columns (年度 2016 2017 … 2020): the span its columns cover,
    when they run on without a gap (a gap would be two spans: a person reads it)."""
    for ln in ctx.lines:
        m = _YEAR_ROW.match(ln.spaced.strip())
        if not m:
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", m.group(1))]
        if years == list(range(years[0], years[0] + len(years))):
            return years[0], years[-1], ln
    return None


_ROW_YEAR = re.compile(r"^\s*(?:\d{1,3}\s+)?((?:19|20)\d{2})\s*年(?!\s*\d)")
ROW_YEARS_STRENGTH = 0.75  # under the gate: the span is inferred from rows, a person confirms it


def _row_years(ctx: Ctx) -> tuple[int, int, TextLine] | None:
    """A record table whose rows name their year (2021年消防安全知识培训 …), where the type reads
    it (``row_years`` in patterns.toml): the years from the first row's to the last's."""
    if not ctx.cfg.get("row_years"):
        return None
    hits = [(int(m.group(1)), ln) for ln in ctx.lines if (m := _ROW_YEAR.match(ln.spaced))]
    if len(hits) < 2:
        return None
    years = [y for y, _ in hits]
    return min(years), max(years), hits[0][1]


def _year_span(ctx: Ctx) -> tuple[int, int, TextLine, float] | None:
    """The years an item's table covers, with how sure that is: a row of year columns, else
    (where the type reads them) record rows that each name their year."""
    table = _year_row(ctx)
    if table:
        return (*table, YEAR_ROW_STRENGTH)
    rows = _row_years(ctx)
    return (*rows, ROW_YEARS_STRENGTH) if rows else None


def start_date(ctx: Ctx) -> FieldValue | None:
    rng = _range(ctx) or _header_pair(ctx)
    if rng:
        r, ln, s = rng
        return value(r.start.date.isoformat(), s * _prec(r.start), ln)
    span = _year_span(ctx)
    if span:
        return value(f"{span[0]}-01-01", span[3], span[2])
    since = _since(ctx)
    if since:
        return value(since[0].date.isoformat(), SINCE_STRENGTH, since[1])
    one = _single_day(ctx)
    return value(one[0].date.isoformat(), one[2] * _prec(one[0]), one[1]) if one else None


def end_date(ctx: Ctx) -> FieldValue | None:
    rng = _range(ctx) or _header_pair(ctx)
    if rng:
        r, ln, s = rng
        return value(r.end.date.isoformat(), s * _prec(r.end), ln)
    span = _year_span(ctx)
    if span:
        return value(f"{span[1]}-12-31", span[3], span[2])
    if _since(ctx):
        issued = date(ctx)
        if issued is not None and issued.value >= _since(ctx)[0].date.isoformat():  # type: ignore[index]
            issued.confidence = round(min(issued.confidence, SINCE_STRENGTH), 3)
            return issued
    one = _single_day(ctx)
    return value(one[0].date.isoformat(), one[2] * _prec(one[0]), one[1]) if one else None


HALF_DAY_STRENGTH = 0.8


def days(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["dates"]["days"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                n = parse_number(m.group(1))
                if n:
                    return value(n, 0.95, ln)
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        if r.start.precision == "day" and r.end.precision == "day":
            # a half day read from 上午/下午 hangs on one word OCR may have lost: less sure
            half = HALF_DAY_STRENGTH if r.start.half or r.end.half else 1.0
            return value(r.days, s * _prec(r.start) * half, ln)
        return None
    one = _single_day(ctx)
    if one:
        h, ln, s = one
        # the count of days hangs not on the day's order, only on the date being the event's
        return value(0.5 if h.half else 1.0, min(HALF_DAY_STRENGTH, s) if h.half else s, ln)
    return None


def months(ctx: Ctx) -> FieldValue | None:
    for k, pat in enumerate(DATA["numbers"]["months"]):
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if not m:
                continue
            n = parse_number(m.group(1))
            if n is None:
                continue
            if k == 2:  # 为期一年(半)
                n = n * 12 + (6 if "年半" in ln.text[m.start():m.end() + 1] else 0)
            return value(int(n), 0.9, ln)
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        return value(D.months_between(r.start.date, r.end.date), s * 0.9, ln)
    return None
