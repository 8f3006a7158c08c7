"""Numbers printed on evidence: patent, CN, ISSN, ISBN and certificate numbers, modules (hours: hours.py)."""

from __future__ import annotations

import re

from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.lines import parse_number, value
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
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["issn"], ln.text)
        if m:
            tail = re.sub(r"\s", "", m.group(2)).upper()
            val = f"{m.group(1)}-{tail}"
            return value(val, 0.98 if issn_valid(val) else 0.7, ln)
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


def modules(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["numbers"]["modules"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                n = parse_number(m.group(1))
                if n is not None:
                    return value(int(n), 0.9, ln)
    ok, failed = DATA["numbers"]["module_passed"], DATA["numbers"]["module_failed"]
    passed = [ln for ln in ctx.physical if "模块" in ln.text and re.search(ok, ln.text)
              and not re.search(failed, ln.text)]
    if passed:
        return value(len(passed), 0.85, passed[0])
    return None
