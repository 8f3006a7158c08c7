"""Score tables (rules 2.8, 2.9): courses or subjects passed."""

from __future__ import annotations

import re

from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, table_rows, value
from pipeline.types import FieldValue


def passed_count(ctx: Ctx) -> FieldValue | None:
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
        m = re.match(r"^\s*(?:\d{1,2}[.、\s]?\s*)?([\u4e00-\u9fffA-Za-z()《》]{2,30})", t)
        if not m or any(t.strip().startswith(s) for s in sc["skip"]):
            continue
        rest = t[m.end():]
        nums = [float(x) for x in re.findall(r"(?<![\d.])\d{1,3}(?:\.\d)?(?![\d.])", rest)]
        fail = any(w in rest for w in sc["fail_words"])
        word = (not fail) and any(w in rest for w in sc["pass_words"])
        if not nums and (re.search(r"成绩|标准|是否|学分", t) or not (fail or word)):
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
