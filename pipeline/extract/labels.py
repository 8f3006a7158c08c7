"""Values found by their printed label, wherever a layout put them (issue #12).

The label lexicon is data: ``label_synonyms`` per field in rules/evidence.toml (学时, 课时, 总学时...),
plus the column words of patterns.toml ``[tables]`` that name columns no field is read from
(序号, 工作单位, 完成日期...). Three shapes are read:

- ``label: value`` on one line, or the label alone and its value on the next line, or (with
  boxes) in the cell right of the label or below it;
- a table: a header line made only of lexicon words (培训项目|学时|完成日期|考核, as cells or run
  together as a text layer prints them), its rows under it, and a 合计/总计 row;
- the cells of a row are put under the header's columns from both ends: a leading 序号 number
  on the left, the rest from the right (a long title cell read as several words, or two text
  columns run together, shift only the left columns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from pipeline.cjk import IDEOGRAPHS
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, table_rows
from rules.evidence import FIELDS

_TOTAL_ROW = re.compile(r"^(?:合计|总计|小计|累计)\s*:?\s*([0-9]+(?:\.[0-9]+)?)\s*(?:学时|课时|分|个)?\s*$")
_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
# after a label: a colon or a gap, the value, up to the next "label:" or the line end
_VALUE_AFTER = r"\s*(?::|\s)\s*(\S[^:]*?)\s*(?=\s[" + IDEOGRAPHS + r"]{2,8}\s?:|$)"


def synonyms(field_name: str) -> tuple[str, ...]:
    """The printed labels of a field, longest first (总学时 before 学时)."""
    return tuple(sorted(FIELDS[field_name].label_synonyms, key=len, reverse=True))


@cache
def column_words() -> tuple[str, ...]:
    """Every word that can head a table column: the field lexicon and patterns.toml [tables]."""
    words = {w for f in FIELDS.values() for w in f.label_synonyms}
    words |= set(DATA["tables"]["column_words"])
    return tuple(sorted(words, key=len, reverse=True))


def _segment(text: str) -> list[str] | None:
    """A header run together (课程名称类型学时完成时间) cut into lexicon words, longest first at
    each position; None when some of it is no column word."""
    out: list[str] = []
    i = 0
    words = column_words()
    while i < len(text):
        if text[i] in " :|":
            i += 1
            continue
        w = next((w for w in words if text.startswith(w, i)), None)
        if w is None:
            return None
        out.append(w)
        i += len(w)
    return out


def header_columns(ln: TextLine) -> list[str] | None:
    """The columns of a header line, or None when the line is not one (a header holds no
    digits and is made of column words only; at least two of them)."""
    if re.search(r"[0-9]", ln.text):
        return None
    cells = ln.spaced.split()
    cols: list[str] = []
    for c in cells:
        seg = _segment(c)
        if seg is None:
            return None
        cols += seg
    return cols if len(cols) >= 2 else None


@dataclass
class Table:
    columns: list[str]
    header: TextLine
    rows: list[tuple[dict[str, str], TextLine]] = field(default_factory=list)
    total: tuple[float, TextLine] | None = None  # the 合计 row's number

    def column_of(self, field_name: str) -> str | None:
        for w in synonyms(field_name):
            if w in self.columns:
                return w
        return None

    def values(self, column: str) -> list[tuple[str, TextLine]]:
        return [(r[column], ln) for r, ln in self.rows if r.get(column)]


def _place(cells: list[str], columns: list[str]) -> dict[str, str]:
    """Cells of a row under the header's columns: a leading 序号 number left, the rest from
    the right; surplus cells on the left are one text cell read as several words."""
    out: dict[str, str] = {}
    cols = list(columns)
    if cols and cols[0] in DATA["tables"]["index_columns"] and cells and _NUMBER.match(cells[0]):
        out[cols[0]] = cells[0]
        cols, cells = cols[1:], cells[1:]
    if not cols or not cells:
        return out
    if len(cells) > len(cols):
        cells = [" ".join(cells[: len(cells) - len(cols) + 1]), *cells[len(cells) - len(cols) + 1:]]
    for c, v in zip(reversed(cols), reversed(cells), strict=False):
        out[c] = v
    return out


def _records(cells: list[str]) -> list[list[str]]:
    """Cells cut where a text cell follows a number: [课程, 3, 73, 课程, 91] -> two records."""
    out: list[list[str]] = []
    for c in cells:
        if not out or (not _NUMBER.match(c) and _NUMBER.match(out[-1][-1])):
            out.append([c])
        else:
            out[-1].append(c)
    return out


def _place_record(rec: list[str], block: list[str]) -> dict[str, str]:
    """A record of a table's half: its text under the first column, its numbers from the right."""
    out = {block[0]: rec[0]}
    for c, v in zip(reversed(block[1:]), reversed(rec[1:]), strict=False):
        out[c] = v
    return out


def _period(cols: list[str]) -> list[str]:
    """The repeated block of a header printed twice side by side, else the header itself."""
    n = len(cols)
    for p in range(2, n // 2 + 1):
        if n % p == 0 and cols == cols[:p] * (n // p):
            return cols[:p]
    return cols


def tables(lines: list[TextLine]) -> list[Table]:
    """The tables of an item: each header line and the rows under it (same page), until a line
    that is neither a row (two cells or more) nor a 合计 row."""
    rows = table_rows(lines)
    out: list[Table] = []
    i = 0
    while i < len(rows):
        cols = header_columns(rows[i])
        if cols is None:
            i += 1
            continue
        block = _period(cols)
        t = Table(block, rows[i])
        j = i + 1
        while j < len(rows) and rows[j].page == rows[i].page:
            ln = rows[j]
            m = _TOTAL_ROW.match(ln.text)
            if m:
                t.total = (float(m.group(1)), ln)
                j += 1
                break
            # cells split where the page left a gap (``spaced``: normalising joins 培训 40)
            cells = ln.spaced.split()
            if len(cells) < 2 or header_columns(ln) is not None:
                break
            if len(block) < len(cols) and len(cells) % len(block) == 0:
                # a table printed in two halves side by side (课程|学分|成绩|课程|学分|成绩):
                # each half of a row is a record of its own
                for k in range(0, len(cells), len(block)):
                    t.rows.append((_place(cells[k:k + len(block)], block), ln))
            elif len(block) < len(cols) and _NUMBER.match(cells[-1]) and not _NUMBER.match(cells[0]):
                # the same with a cell lost (学术英语 91, its 学分 not read): a record starts at
                # each text cell, its numbers placed from the right of the block
                for rec in _records(cells):
                    t.rows.append((_place_record(rec, block), ln))
            else:
                t.rows.append((_place(cells, block), ln))
            j += 1
        if t.rows or t.total:
            out.append(t)
        i = j
    return out


def item_tables(ctx: Ctx) -> list[Table]:
    """The tables of an item, read once per item (several fields look at them)."""
    if ctx._tables is None:
        ctx._tables = tables(ctx.physical)
    return ctx._tables


def labelled_value(lines: list[TextLine], field_name: str) -> tuple[str, TextLine] | None:
    """The value right of a field's label (学时：50, 学时 50), or below it where the label ends
    its line (or, with boxes, in the box under the label). Table headers are left to ``tables``."""
    words = synonyms(field_name)
    for i, ln in enumerate(lines):
        for w in words:
            m = re.search(r"(?:^|\s|:)" + re.escape(w) + _VALUE_AFTER, ln.text)
            if m and header_columns(ln) is None:
                return m.group(1), ln
            if ln.text.strip(" :") == w:
                below = _below(lines, i)
                if below is not None:
                    return below.text.strip(), below
    return None


def _below(lines: list[TextLine], i: int) -> TextLine | None:
    """The line under ``lines[i]``: the next box overlapping it sideways, else the next line."""
    ln = lines[i]
    for nxt in lines[i + 1: i + 8]:
        if nxt.page != ln.page:
            return None
        if ln.box is None or nxt.box is None:
            return nxt
        if nxt.box[1] >= ln.box[3] - 2 and nxt.box[0] < ln.box[2] and ln.box[0] < nxt.box[2]:
            return nxt
    return None


def affiliation_texts(ctx: Ctx) -> set[str]:
    """Texts that name a person's employer, not the issuer: the rows of a table with a 工作单位
    column (a roster of winners) and "承担单位：…" lines, whose organisation names say nothing
    about the award's or project's level."""
    skip: set[str] = set()
    unit_labels = DATA["tables"]["affiliation_labels"]
    for ln in ctx.physical:  # 承担单位：澧县自然资源局 (the unit that did the work, not who ranks it)
        if any(re.match(r"^\s*" + re.escape(w) + r"\s*:", ln.text) for w in unit_labels):
            skip.add(ln.text)
    aff = set(DATA["tables"]["affiliation_columns"])
    for t in item_tables(ctx):
        if aff & set(t.columns):
            for _r, ln in t.rows:
                skip.add(ln.text)
                skip.update(ln.spaced.split())
    return skip
