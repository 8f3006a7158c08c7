"""Numbers printed on evidence: patent, CN, ISSN, ISBN and certificate numbers, modules (hours: hours.py)."""

from __future__ import annotations

import re
import unicodedata

from pipeline.extract.checkbox import boxes
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.enumerations import items
from pipeline.extract.lines import TextLine, parse_number, table_rows, value
from pipeline.types import FieldValue

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def patent_check_digit(digits: str) -> str:
    """Check character of a CNIPA application number (weights 2-9 repeating, mod 11, 10 -> X)."""
    s = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False)) % 11
    return "X" if s == 10 else str(s)


def patent_number(ctx: Ctx) -> FieldValue | None:
    pats = [DATA["numbers"]["patent"], DATA["numbers"]["patent_labelled"]]
    for pat in pats:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                digits = re.sub(r"\s", "", m.group(1))
                check = m.group(2).upper()
                ok = patent_check_digit(digits) == check
                return value(f"ZL{digits}.{check}", 0.98 if ok else 0.7, ln)
    return None


def cn_number(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["cn"], ln.text)
        if m:
            return value(f"{m.group(1)}-{m.group(2)}/{m.group(3)}", 0.95, ln)
    return None


def issn_valid(issn: str) -> bool:
    d = issn.replace("-", "")
    if len(d) != 8 or not d[:7].isdigit():
        return False
    s = sum(int(c) * w for c, w in zip(d[:7], range(8, 1, -1), strict=True))
    check = (11 - s % 11) % 11
    return d[7].upper() == ("X" if check == 10 else str(check))


def issn(ctx: Ctx) -> FieldValue | None:
    """The journal's ISSN: after its label, else (its check digit holding) where journals print it
    unlabelled: in a DOI, a 文章编号 or a copyright foot (patterns.toml issn_context)."""
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["issn"], ln.text)
        if m:
            tail = re.sub(r"\s", "", m.group(2)).upper()
            val = f"{m.group(1)}-{tail}"
            return value(val, 0.98 if issn_valid(val) else 0.7, ln)
    for ln in ctx.lines:
        text = unicodedata.normalize("NFKC", ln.text)  # full-width digits and dashes of CNKI text
        if not re.search(DATA["numbers"]["issn_context"], text):
            continue
        for m in re.finditer(DATA["numbers"]["issn_bare"], text):
            tail = re.sub(r"\s", "", m.group(2)).upper()
            val = f"{m.group(1)}-{tail}"
            if issn_valid(val):
                return value(val, 0.9, ln)
    return None


def isbn_valid(isbn: str) -> bool:
    d = isbn.upper()
    if len(d) == 13 and d.isdigit():
        return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d)) % 10 == 0
    if len(d) == 10 and d[:9].isdigit():
        s = sum(int(c) * (10 - i) for i, c in enumerate(d[:9])) + (10 if d[9] == "X" else int(d[9]))
        return s % 11 == 0
    return False


def isbn(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["isbn"], ln.text)
        if m:
            digits = re.sub(r"[\s-]", "", m.group(1)).upper()
            printed = re.sub(r"\s+", "-", m.group(1).strip()).upper()  # as printed, 978-7-...
            return value(printed, 0.98 if isbn_valid(digits) else 0.7, ln)
    return None


def certificate_number(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["numbers"]["certificate"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m and not m.group(1).upper().startswith("ZL"):
                return value(m.group(1), 0.9, ln)
    return None


def _listed_modules(ctx: Ctx) -> tuple[int, TextLine] | None:
    """Modules listed after a pass statement: 以下模块成绩合格：1. …；2. …"""
    ok, failed = DATA["numbers"]["module_passed"], DATA["numbers"]["module_failed"]
    for i, ln in enumerate(ctx.lines):
        m = re.search(r"模块[^:;。]{0,12}(?:" + ok + r")[^:;。]{0,4}:", ln.text)
        if not m or re.search(failed, ln.text[m.start():m.end()]):
            continue
        # the list may wrap onto the next line (合格：1 / . 数字办公应用；2. …)
        nxt = ctx.lines[i + 1].text if i + 1 < len(ctx.lines) and ctx.lines[i + 1].page == ln.page else ""
        listed = items(ln.text[m.end():] + nxt)
        if listed:
            return len(listed), ln
    return None


def _ticked_modules(ctx: Ctx) -> tuple[int, TextLine] | None:
    """Modules as a row of tick boxes (合格模块：☑数字素养 ☑数字办公 □数据分析): the ticked ones."""
    for ln in ctx.lines:
        if "模块" not in ln.text:
            continue
        row = boxes(ln.text)
        if row:
            return sum(b.ticked for b in row), ln
    return None


def modules(ctx: Ctx) -> FieldValue | None:
    listed = _listed_modules(ctx) or _ticked_modules(ctx)
    for pat in DATA["numbers"]["modules"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                n = parse_number(m.group(1))
                if n is not None:
                    fv = value(int(n), 0.9, ln)
                    if listed is not None:  # the count stated and the modules listed: two readings
                        fv.confirmed = listed[0] == int(n)
                        fv.check = (f"{int(n)}个模块与所列模块一致" if fv.confirmed
                                    else f"写明{int(n)}个模块，但列出{listed[0]}个")
                    return fv
    if listed is not None:
        return value(listed[0], 0.9, listed[1])
    from pipeline.extract.scores import table_passed  # a score table of modules (模块|成绩|合格线)

    by_table = table_passed(ctx)
    if by_table is not None:
        return by_table
    rows = _module_rows(ctx)
    if rows is not None:
        return rows
    ok, failed = DATA["numbers"]["module_passed"], DATA["numbers"]["module_failed"]
    passed = [ln for ln in ctx.physical if "模块" in ln.text and re.search(ok, ln.text)
              and not re.search(failed, ln.text)]
    if passed:
        # lines counted, not modules: one line may list several (a person counts)
        return value(len(passed), LINES_COUNTED_STRENGTH, passed[0])
    return None


def _module_rows(ctx: Ctx) -> FieldValue | None:
    """A table of modules passed, one row each with its date (ECDL/ICDL profile certificates:
    Module | Syllabus | Date): its dated rows counted. One undated line after a row is that row's
    second line (its name in the other language) and is passed over; a second one, or a date alone
    (the certificate's own date under the table), ends the table."""
    from pipeline.extract.dates import find_dates

    rows = table_rows(ctx.physical)
    header = DATA["numbers"]["module_table_header"]
    head = next((i for i, r in enumerate(rows) if re.search(header, r.text)), None)
    if head is None:
        return None
    counted, undated = [], 0
    for r in rows[head + 1:]:
        if r.page != rows[head].page:
            break
        if len(r.spaced.split()) >= 2 and find_dates(r.text):
            undated = 0
            if not re.search(DATA["numbers"]["module_row_failed"], r.text):
                counted.append(r)
            continue
        undated += 1
        if undated > 1 or re.search(r"\d", r.text):
            break
    if len(counted) < 2:
        return None  # one row is no table to count from
    fv = value(len(counted), MODULE_ROWS_STRENGTH, counted[0])
    fv.check = f"模块表列出{len(counted)}个模块（每行一个日期）"
    return fv


# a count of rows is a reading of the count, on the gate's safe side only when the table is clean
MODULE_ROWS_STRENGTH = 0.88
LINES_COUNTED_STRENGTH = 0.75  # under the gate: the count of lines is not calibrated as a count of modules
