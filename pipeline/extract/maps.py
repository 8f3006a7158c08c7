"""Fields read by keyword maps of patterns.toml: level, prize grade, patent kind, subject, assessment."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Any

from pipeline.extract.checkbox import is_box_row, ticked_option
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.labels import affiliation_texts
from pipeline.extract.lines import TextLine, table_rows, value
from pipeline.types import FieldValue


def _first_tier(ctx: Ctx, tiers: list[dict[str, Any]],
                skip: set[str] | None = None) -> tuple[dict[str, Any], TextLine, int] | None:
    """The first tier (in order) with a pattern on some line: (tier, line, pattern index).

    Each pattern is searched once over the item's lines joined by newlines (none of them spans
    a line: no pattern matches a newline, ``^`` is a line start), not once per line."""
    lines = [ln for ln in ctx.lines if not (skip and ln.text in skip)]
    text = "\n".join(ln.text for ln in lines)
    starts = list(accumulate((len(ln.text) + 1 for ln in lines[:-1]), initial=0))
    for tier in tiers:
        for k, pat in enumerate(tier["patterns"]):
            m = (pat if isinstance(pat, re.Pattern) else re.compile(pat, re.M)).search(text)
            if m:
                return tier, lines[bisect_right(starts, m.start()) - 1], k
    return None


_PROVINCE = "(?:" + "|".join(DATA["level_words"]["provinces"]) + ")"
_ROUND = "(?:第[0-9一二三四五六七八九十]{1,3}届)?"


def _spelt(p: str) -> re.Pattern[str]:
    return re.compile(p.replace("{province}", _PROVINCE).replace("{round}", _ROUND), re.M)


# the tiers with {province} and {round} spelt out (patterns.toml [level_words], [[levels]])
LEVELS: list[dict[str, Any]] = [{**tier, "patterns": [_spelt(p) for p in tier["patterns"]]}
                                for tier in DATA["levels"]]
_DEPARTMENTS = [re.compile(p) for p in DATA["level_words"]["provincial_departments"]]


def level(ctx: Ctx) -> FieldValue | None:
    # a winner's employer (常德市水利局 in a 工作单位 column) says nothing of the award's level
    skip = affiliation_texts(ctx)
    found = _first_tier(ctx, LEVELS, skip)
    if not found:
        return None
    tier, line, _k = found
    t = (tier["level"], line)
    if tier.get("named"):
        # a contest or programme named for a province; the provincial department that runs it,
        # when printed, makes it 厅级 by the notice's wording: the same question as below
        dept = next((ln for ln in ctx.lines if ln.text not in skip
                     and any(p.search(ln.text) for p in _DEPARTMENTS)), None)
        if dept is None:
            return value(t[0], 0.9, t[1])
        fv = value(t[0], DEPARTMENT_LEVEL_STRENGTH, t[1])
        fv.confirmed = False
        fv.check = (f"省级竞赛或计划（{t[1].text[:30]}），由省直部门组织（{dept.text[:20]}）："
                    "按细则或为市厅级，请核对")
        return fv
    if t[0] == "municipal" and "省" in t[1].text and not re.search("市级|厅级", t[1].text):
        # a provincial department (湖南省教育厅): 厅级 by the notice (市厅级), yet commonly called
        # provincial, and the real corpus's labellers did: the hours differ, a person decides
        fv = value(t[0], DEPARTMENT_LEVEL_STRENGTH, t[1])
        fv.confirmed = False
        fv.check = "省直部门颁发或立项：按细则为市厅级，亦常被视为省级，请核对"
        return fv
    return value(t[0], 0.9, t[1])


DEPARTMENT_LEVEL_STRENGTH = 0.75


def grade(ctx: Ctx) -> FieldValue | None:
    keys = sorted(DATA["grades"], key=len, reverse=True)
    for ln in ctx.lines:
        low = ln.text.lower()
        for k in keys:
            if k.lower() in low:
                return value(DATA["grades"][k], 0.95 if k.endswith(("奖", "Prize")) else 0.8, ln)
    return None


def patent_kind(ctx: Ctx) -> FieldValue | None:
    t = _first_tier(ctx, DATA["patent_kinds"])
    return value(t[0]["kind"], 0.95 if t[2] == 0 else 0.85, t[1]) if t else None


def subject(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["subject"]["public"]:
        for ln in ctx.lines:
            if re.search(pat, ln.text):
                return value("public", 0.95, ln)
    for pat in DATA["subject"]["professional"]:
        for ln in ctx.lines:
            if re.search(pat, ln.text):
                return value("professional", 0.9, ln)
    # nothing printed: left to the rules (professional for trainings, an assumed category for
    # the public-institution platform), not guessed here
    return None


def assessment_passed(ctx: Ctx) -> FieldValue | None:
    # a form's 考核结果 | 合格 cells may be read one by one: their row first, then the text
    for ln in [*table_rows(ctx.physical), *ctx.lines]:
        if not re.search("考核|等次|鉴定", ln.text):
            continue
        if is_box_row(ln.text):
            # ☒优秀 □称职 □不称职: every option is printed, the ticked one is the value
            chosen = ticked_option(ln.text)
            return _assessment_tier(chosen, ln) if chosen else None
        for tier in DATA["assessment"]:
            if any(re.search(p, ln.text) for p in tier["patterns"]):
                return value(tier["passed"], 0.9, ln)
    return None


def _assessment_tier(option: str, ln: TextLine) -> FieldValue | None:
    """The tier of a ticked option, by the same patterns as printed results ('考核结果：优秀')."""
    for tier in DATA["assessment"]:
        if any(re.search(p, option) or re.search(p, f"考核结果:{option}") for p in tier["patterns"]):
            return value(tier["passed"], 0.9, ln)
    return None
