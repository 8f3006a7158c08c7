"""The hours an item states, and a second reading of them (issue #12).

Order of trust: a stated total (共计/合计/总计 15学时) wins over any one row's value; then a
labelled value (学时：50); then a table's hours column (its 合计 row, or its only row); then the
lexicon's label finder; then a bare "N学时" (or English "N Hours") only when it is the only one on
its line (a course list "1. …（3学时）；2. …（8学时）" is rows, not the total: read as one it would
be a wrong value).

The second reading: where the document also lists the rows (enumerated "（N学时）" items or a
table's hours column), their sum must equal the total. Agreement confirms the value
(``FieldValue.confirmed``); disagreement sends it to a person with the two figures.
"""

from __future__ import annotations

import re

from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.labels import item_tables, labelled_value
from pipeline.extract.lines import TextLine, value
from pipeline.types import FieldValue

_ENUMERATED = re.compile(r"\(\s*([0-9]+(?:\.[0-9])?)\s*(?:学时|课时)\s*\)")
_BARE = re.compile(r"([0-9]+(?:\.[0-9])?)\s*学时")
_NUM = re.compile(r"^([0-9]+(?:\.[0-9])?)(?:学时|课时)?$")
# strengths: a printed total or labelled value, a table's total row, a table's only row, the
# lexicon finder, a lone "N学时" (a fallback: under the gate's line unless confirmed)
TOTAL, TABLE_TOTAL, TABLE_ROW, LABELLED, BARE = 0.95, 0.92, 0.88, 0.85, 0.78


def _stated(ctx: Ctx) -> tuple[float, float, TextLine] | None:
    not_stated = DATA["numbers"]["hours_not_stated"]
    pats = DATA["numbers"]["hours"]
    for pat in pats[:2]:  # 共计15学时, then 学时：15
        for ln in ctx.lines:
            if re.search(not_stated, ln.text):  # a requirement, not its hours
                continue
            m = re.search(pat, ln.text)
            if m:
                return float(m.group(1)), TOTAL, ln
    for t in item_tables(ctx):
        col = t.column_of("stated_hours")
        if col is None:
            continue
        if t.total is not None:
            return t.total[0], TABLE_TOTAL, t.total[1]
        vals = [(m.group(1), ln) for v, ln in t.values(col) if (m := _NUM.match(v))]
        if len(vals) == 1:
            return float(vals[0][0]), TABLE_ROW, vals[0][1]
    found = labelled_value(ctx.lines, "stated_hours")
    if found is not None and (m := _NUM.match(found[0].split()[0] if found[0].split() else "")):
        return float(m.group(1)), LABELLED, found[1]
    for ln in ctx.lines:
        if re.search(not_stated, ln.text):
            continue
        hm = re.findall(DATA["numbers"]["hours_minutes_english"], ln.text, re.I)
        if len(hm) == 1:
            return _in_hours(*hm[0]), BARE, ln
        hits = _BARE.findall(ln.text) or re.findall(DATA["numbers"]["hours_english"], ln.text, re.I)
        if len(hits) == 1:
            return float(hits[0].replace(" ", "")), BARE, ln
    return None


def _in_hours(hours: str, minutes: str) -> float:
    """'4 hours 18 minutes' -> 4.3: the minutes in tenths of an hour, rounded half up (stated
    hours are given to one decimal, 8.5学时); cutting them to whole hours would lose time spent."""
    return int(hours) + int(int(minutes) / 6 + 0.5) / 10


def _rows(ctx: Ctx) -> list[float]:
    """The hours of each listed row: enumerated "（N学时）" items, else a table's hours column."""
    enum = [float(h) for ln in ctx.lines for h in _ENUMERATED.findall(ln.text)]
    if len(enum) >= 2:
        return enum
    for t in item_tables(ctx):
        col = t.column_of("stated_hours")
        if col is None:
            continue
        vals = [float(m.group(1)) for v, _ln in t.values(col) if (m := _NUM.match(v))]
        if len(vals) >= 2:
            return vals
    return []


def stated_hours(ctx: Ctx) -> FieldValue | None:
    got = _stated(ctx)
    rows = _rows(ctx)
    if got is None:
        if len(rows) >= 2:
            # rows without a stated total: their sum, for a person to confirm
            return FieldValue(sum(rows), 0.7, None, None, "", False,
                              f"未写明合计学时，分项{len(rows)}项之和为{sum(rows):g}")
        return None
    hours, strength, ln = got
    fv = value(hours, strength, ln)
    if len(rows) >= 2:
        total = sum(rows)
        fv.confirmed = abs(total - hours) < 0.01
        fv.check = (f"合计{hours:g}学时与分项{len(rows)}项之和一致" if fv.confirmed
                    else f"合计{hours:g}学时与分项{len(rows)}项之和{total:g}不符")
    return fv
