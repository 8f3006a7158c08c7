"""Score tables (rules 2.8, 2.9): courses or subjects passed."""

from __future__ import annotations

import re

from pipeline.cjk import IDEOGRAPHS as CJK
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.labels import item_tables
from pipeline.extract.lines import TextLine, table_rows, value
from pipeline.types import FieldValue

_SCORE_CELL = re.compile(r"\d{1,3}(?:\.\d)?")
# the verdict and score columns disagree (a cell misread or lost): a person counts
DISAGREE_STRENGTH = 0.7


def _under(header: TextLine, cells: list[TextLine]) -> list[TextLine]:
    """Cells of ``header``'s column: below it on its page, their centre within its width widened
    by half (a photo's skew shifts a column sideways far less than a row up or down)."""
    assert header.box is not None
    x0, _, x1, y1 = header.box
    pad = (x1 - x0) / 2
    return sorted((c for c in cells if c.page == header.page and c.box is not None
                   and (c.box[1] + c.box[3]) / 2 >= y1  # the centre below the header (skew lifts a top)
                   and x0 - pad <= (c.box[0] + c.box[2]) / 2 <= x1 + pad), key=lambda c: c.box[1])  # type: ignore[index]


def _header(cells: list[TextLine], names: list[str]) -> TextLine | None:
    return next((c for c in cells if c.box is not None and c.text.strip(" :.") in names), None)


def _column_count(ctx: Ctx) -> FieldValue | None:
    """Passed rows counted down the columns of a table read cell by cell: the verdict column
    (合格 / 不合格) when printed, else the scores against the pass marks (or the default)."""
    sc = DATA["scores"]
    cells = [ln for ln in ctx.physical if ln.box is not None]
    head_score = _header(cells, sc["score_headers"])
    head_verdict = _header(cells, sc["verdict_headers"])
    head_mark = _header(cells, sc["pass_mark_labels"])
    by_score: list[bool] | None = None
    if head_score is not None:
        scores = [c for c in _under(head_score, cells) if _SCORE_CELL.fullmatch(c.text)]
        marks = [c for c in _under(head_mark, cells) if _SCORE_CELL.fullmatch(c.text)] if head_mark else []
        if scores and (not head_mark or len(marks) == len(scores)):
            by_score = [float(s.text) >= (float(m.text) if marks else float(sc["default_pass_mark"]))
                        for s, m in zip(scores, marks or scores, strict=True)]
    if head_verdict is not None:
        known = sc["pass_words"] + sc["fail_words"]
        words = [c for c in _under(head_verdict, cells) if c.text.strip("。.") in known]
        if words:
            verdicts = [c.text.strip("。.") in sc["pass_words"] for c in words]
            agree = by_score is None or by_score == verdicts
            strength = 0.9 if agree else DISAGREE_STRENGTH
            return value(sum(verdicts), strength, min(words, key=lambda c: c.conf))
    if by_score is not None and head_score is not None:
        col = [c for c in _under(head_score, cells) if _SCORE_CELL.fullmatch(c.text)]
        return value(sum(by_score), 0.85, min(col, key=lambda c: c.conf))
    return None


# 科目一：《…》75分（合格标准84分）；科目二：… : each score printed with its own pass mark
_INLINE = re.compile(r"(\d{1,3}(?:\.\d)?)\s*分\s*\(\s*(?:合格标准|合格线|及格线|合格分数线?)\s*:?\s*"
                     r"(\d{1,3}(?:\.\d)?)\s*分?\s*\)")


def _inline_count(ctx: Ctx) -> FieldValue | None:
    """Subjects enumerated in prose, each with its score and pass mark; the number of subjects
    named (科目一, 科目二 …) is a second reading of how many scores were read."""
    text = "".join(ln.text for ln in ctx.lines)
    hits = _INLINE.findall(text)
    if not hits:
        return None
    passed = sum(float(a) >= float(b) for a, b in hits)
    line = next(ln for ln in ctx.lines if _INLINE.search(ln.text) or "分(" in ln.text)
    fv = value(passed, 0.9, line)
    named = len(re.findall(r"科目[一二三四五六七八九十0-9]+\s*:", text))
    if named:
        fv.confirmed = named == len(hits)
        fv.check = (f"{named}个科目的成绩均已读出" if fv.confirmed
                    else f"列出{named}个科目，读出{len(hits)}个成绩")
    return fv


_PAGE_MARK = re.compile(r"(?:合格线|合格标准|及格线|合格分数线?)\s*:?\s*(\d{1,3}(?:\.\d)?)\s*分?")
_NUM = re.compile(r"(\d{1,3}(?:\.\d)?)")


def table_passed(ctx: Ctx) -> FieldValue | None:
    """Rows passed in a table read by its header (科目名称|成绩|合格线): each score against its
    row's pass mark, else the pass line printed under the table (合格线：60分), else the default
    mark (less sure: a pass line not read would change the count)."""
    sc = DATA["scores"]
    page_mark = next((float(m.group(1)) for ln in ctx.lines if (m := _PAGE_MARK.search(ln.text))), None)
    for t in item_tables(ctx):
        score_col = next((c for c in t.columns if c in sc["score_headers"] or c in ("得分",)), None)
        if score_col is None:
            continue
        mark_col = next((c for c in t.columns if c in sc["pass_mark_labels"]), None)
        verdict_col = next((c for c in t.columns if c in sc["verdict_headers"]), None)
        verdicts = [row.get(verdict_col, "") for row, _ln in t.rows] if verdict_col else []
        passed = rows = 0
        default = page_mark if page_mark is not None else float(sc["default_pass_mark"])
        for row, _ln in t.rows:
            cell = row.get(score_col, "")
            sm = _NUM.search(cell)
            if sm is None:
                # a grade word in the score column (合格 / 不及格): the word decides
                fail = any(w in cell for w in sc["fail_words"])
                if fail or any(w in cell for w in sc["pass_words"]):
                    rows += 1
                    passed += not fail
                continue
            mm = _NUM.search(row.get(mark_col, "")) if mark_col else None
            rows += 1
            passed += float(sm.group(1)) >= (float(mm.group(1)) if mm else default)
        if rows:
            sure = 0.9 if mark_col or page_mark is not None else 0.85
            fv = value(passed, sure, t.header)
            known = [v for v in verdicts if any(w in v for w in sc["pass_words"] + sc["fail_words"])]
            if len(known) == rows:  # a verdict column (合格 / 不合格): a second reading of the count
                by_verdict = sum(not any(w in v for w in sc["fail_words"]) for v in known)
                fv.confirmed = by_verdict == passed
                fv.check = (f"{passed}门成绩达标，与结果栏一致" if fv.confirmed
                            else f"按分数{passed}门达标，结果栏为{by_verdict}门合格")
            return fv
    return None


_DATE = re.compile(r"(?:19|20)\d{2}\s*[年.\-/]\s*\d{1,2}(?:\s*[月.\-/]\s*\d{1,2}\s*日?)?(?:月)?")


def passed_count(ctx: Ctx) -> FieldValue | None:
    by_column = _column_count(ctx)
    if by_column is not None:
        return by_column
    by_table = table_passed(ctx)
    if by_table is not None:
        return by_table
    inline = _inline_count(ctx)
    if inline is not None:
        return inline
    sc = DATA["scores"]
    mark_default = float(sc["default_pass_mark"])
    mark_col = any(any(lbl in ln.text for lbl in sc["pass_mark_labels"]) for ln in ctx.physical)
    # RapidOCR boxes each cell: the rows are put back together before reading them
    rows_read = table_rows(ctx.physical)
    credit_col = any("学分" in ln.text and "成绩" in ln.text for ln in rows_read)
    rows = 0
    passed = 0
    first: TextLine | None = None
    for ln in rows_read:
        t = ln.spaced
        # a row: optional running number (OCR may glue it to the name), the course, then scores
        m = re.match(rf"^\s*(?:\d{{1,2}}[.、\s]?\s*)?([{CJK}A-Za-z()《》]{{2,30}})", t)
        if not m or any(t.strip().startswith(s) for s in sc["skip"]):
            continue
        rest = t[m.end():]
        # a date is never a score (批准日期：2022年05月06日 on a qualification certificate is no row),
        # nor are the first digits of a masked number (管理号：00******, 4301**********1234)
        nums = [float(x) for x in re.findall(r"(?<![\d.*])\d{1,3}(?:\.\d)?(?![\d.*])", _DATE.sub(" ", rest))]
        fail = any(w in rest for w in sc["fail_words"])
        word = (not fail) and any(w in rest for w in sc["pass_words"])
        if not nums and (re.search(sc["header_words"], t) or not (fail or word)):
            continue  # the header row, or text
        if nums and not (fail or word):
            if credit_col and len(nums) >= 2:
                score, mark = nums[1], mark_default  # 学分 before 成绩
            elif mark_col and len(nums) >= 2:
                score, mark = nums[0], nums[1]
            else:
                score, mark = nums[0], mark_default
            ok = score >= mark
        else:
            ok = word
        rows += 1
        passed += ok
        first = first or ln
    if not rows:
        return None
    return value(passed, 0.85, first)
