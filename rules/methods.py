"""The conversion methods a policy clause may name, each compiled once from its tables.

A method turns an item's fields into credits, a short Chinese description of what was read
(``国家发明专利，排名第1``) and flags with specifics. It never raises on bad field values: a
missing or unusable deciding field gives no credit and ``field_missing``. Which keys each method
takes is declared once, in its ``KEYS`` (``METHOD_KEYS`` collects them) so that the loader can
reject a wrong policy file.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections.abc import Mapping
from typing import Any, ClassVar

from rules.coerce import BAD, as_bool, as_date, as_int, as_number, as_str, clean_hours, hours_text
from rules.evidence import FIELDS
from rules.model import Credit

# A flag raised by a method: (name, specifics in words).
Flag = tuple[str, str]

CATEGORY_ZH = {"public": "公需科目", "professional": "专业科目", "full_year": "全年"}
# the Chinese names of the values, from the evidence table (rules/evidence.toml)
LEVEL_ZH = dict(FIELDS["level"].choices)
ROLE_ZH = dict(FIELDS["role"].choices)

# Types accepted in the policy file: a name -> (python types, words for the error message).
NUM = ((int, float), "a number")
INT = ((int,), "a whole number")
STR = ((str,), "a string")
BOOL = ((bool,), "true or false")
STRLIST = ("strlist", "a list of strings")
NUMLIST = ("numlist", "a list of numbers")
TABLE = ("table", "a table")
REQLIST = ("reqlist", "a list of {field, flag} tables")

# Keys every clause may have, then per method: required and optional keys with their types.
COMMON_REQUIRED = {"title": STR, "cite": STR, "method": STR, "evidence": STRLIST, "label": STR}
COMMON_OPTIONAL = {"when": TABLE, "require": REQLIST}
_REQUIRED = object()


class Key:
    """A key a method takes from its clause in the policy file: its type there, the attribute it
    becomes, and its default (none: required). Each method declares its keys once, in ``KEYS``;
    the loader (rules/schema.py) checks a policy file against them."""

    __slots__ = ("attr", "convert", "default", "kind")

    def __init__(self, kind: Any, attr: str, default: Any = _REQUIRED, convert: Any = None) -> None:
        self.kind, self.attr, self.default, self.convert = kind, attr, default, convert

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


def _category() -> Key:
    return Key(STR, "category")


def _year_from() -> Key:
    return Key(STRLIST, "year_from", convert=tuple)


CATEGORIES = ("public", "professional", "full_year")


def missing(field: str, value: Any = None) -> Flag:
    zh = f"{FIELDS[field].label}（{field}）" if field in FIELDS else field
    if value is None:
        return ("field_missing", f"字段{zh}缺失 / field {field} is missing")
    return ("field_missing", f"字段{zh}无法读取：{value!r} / field {field} is unreadable: {value!r}")


class Outcome:
    """What one method made of one item."""

    __slots__ = ("credits", "flags", "what")

    def __init__(self, what: str, credits: list[Credit] | None = None, flags: list[Flag] | None = None):
        self.what = what
        self.credits = credits if credits is not None else []
        self.flags = flags if flags is not None else []


class Method:
    """Base: holds the clause id, its label and the common year lookup."""

    flags_used: tuple[str, ...] = ("field_missing",)
    KEYS: ClassVar[Mapping[str, Key]] = {}  # the clause keys this method takes (besides COMMON_*)

    def __init__(self, clause_id: str, spec: Mapping[str, Any]) -> None:
        self.clause_id = clause_id
        self.label: str = spec["label"]
        self.category: str = "professional"
        self.year_from: tuple[str, ...] = ()
        for key, k in self.KEYS.items():
            v = spec[key] if k.required else spec.get(key, k.default)
            setattr(self, k.attr, k.convert(v) if k.convert is not None and v is not None else v)

    def year(self, fields: Mapping[str, Any]) -> int | Flag:
        """The first of ``year_from`` that reads as a date; else a field_missing flag."""
        bad: list[str] = []
        for name in self.year_from:
            v = fields.get(name)
            d = as_date(v)
            if d is None:
                continue
            if d is BAD:
                bad.append(f"{name}={v!r}")
                continue
            return d.year
        fields_s = "/".join(self.year_from)
        if bad:
            return ("field_missing", f"日期无法读取：{', '.join(bad)} / unreadable date: {', '.join(bad)}")
        return ("field_missing", f"缺少日期（{fields_s}）/ no date ({fields_s})")

    def credit(self, year: int, hours: float, category: str | None = None) -> list[Credit]:
        """One credit, or none for 0 hours (a zero credit would only clutter the export)."""
        return [Credit(year, clean_hours(hours), category or self.category)] if hours else []

    def run(self, fields: Mapping[str, Any]) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError


class NoneMethod(Method):
    """No hours of its own (supporting material)."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "flag": Key(STR, "flag", None),
    }

    def __init__(self, clause_id: str, spec: Mapping[str, Any]) -> None:
        super().__init__(clause_id, spec)
        self.flags_used = (self.flag,) if self.flag else ()

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        return Outcome(self.label, [], [(self.flag, "")] if self.flag else [])


class PerDay(Method):
    """Training, conference ...: hours per day (half days), or the stated hours capped at days."""

    flags_used = ("field_missing", "hours_days_mismatch", "days_rounded")

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "hours_per_day": Key(NUM, "per_day"),
        "hours_per_half_day": Key(NUM, "per_half"),
        "year_from": _year_from(),
        "subject_field": Key(STR, "subject_field", None),
        "cap_stated_hours": Key(BOOL, "cap", True),
    }

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        flags: list[Flag] = []
        category = self.category
        if self.subject_field and fields.get(self.subject_field) == "public":
            category = "public"
        days = as_number(fields.get("days"))
        if days == 0:  # nobody attends for zero days: a misreading
            days = BAD
        if days is BAD:
            flags.append(missing("days", fields.get("days")))
            days = None
        if days is None:
            days = self._days_from_dates(fields)
        if days is not None:
            half = int(days * 2)  # whole half days
            if half != days * 2:
                flags.append(
                    ("days_rounded", f"{days:g}天按{half / 2:g}天计 / {days:g} days counted as {half / 2:g}")
                )
            days = half / 2
        stated = as_number(fields.get("stated_hours"))
        if stated == 0:
            stated = BAD
        if stated is BAD:
            flags.append(missing("stated_hours", fields.get("stated_hours")))
            stated = None
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(self.label, [], [*flags, year])
        if days is None and stated is None:
            return Outcome(self.label, [], [*flags, missing("days")])
        if days is not None:
            by_days = (days // 1) * self.per_day + (self.per_half if days % 1 else 0)
        if stated is not None:
            hours = stated
            what = f"{self.label}，证书载明{hours_text(stated)}学时"
            if days is not None:
                what += f"，共{days:g}天"
                if self.cap and stated > by_days:
                    hours = by_days
                    flags.append(
                        (
                            "hours_days_mismatch",
                            f"载明{hours_text(stated)}学时，{days:g}天上限{hours_text(by_days)}学时 / "
                            f"stated {hours_text(stated)} h, cap {hours_text(by_days)} h for {days:g} days",
                        )
                    )
        else:
            hours = by_days
            what = f"{self.label}，共{days:g}天"
        return Outcome(what, self.credit(year, hours, category), flags)

    @staticmethod
    def _days_from_dates(fields: Mapping[str, Any]) -> float | None:
        s, e = as_date(fields.get("start_date")), as_date(fields.get("end_date"))
        if isinstance(s, _dt.date) and isinstance(e, _dt.date) and e >= s:
            if _whole_months(s, e):
                return None  # 2017年5月至11月: the months a class ran, not days attended
            n = (e - s).days + 1
            return n if n <= 366 else None  # a longer span is no reading of days attended
        return None


def _whole_months(start: _dt.date, end: _dt.date) -> bool:
    """A span from the first of one month to the last day of a later one: how a range printed
    to the month only (2017年5月至11月) is read; a class that ran for months, met on some days."""
    last = calendar.monthrange(end.year, end.month)[1]
    return start.day == 1 and end.day == last and (end.year, end.month) > (start.year, start.month)


class ByRank(Method):
    """Hours by rank among authors or inventors: ``ranks[i]`` for rank i+1, then ``beyond``."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "year_from": _year_from(),
        "ranks": Key(NUMLIST, "ranks", convert=tuple),
        "beyond": Key(NUM, "beyond", None),
        "beyond_flag": Key(STR, "beyond_flag", None),
    }

    def __init__(self, clause_id: str, spec: Mapping[str, Any]) -> None:
        super().__init__(clause_id, spec)
        self.flags_used = ("field_missing",) + ((self.beyond_flag,) if self.beyond_flag else ())

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        raw = fields.get("rank")
        rank = as_int(raw)
        if rank is None or rank is BAD or rank < 1:
            return Outcome(self.label, [], [missing("rank", raw)])
        what = f"{self.label}，排名第{rank}"
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(what, [], [year])
        if rank <= len(self.ranks):
            return Outcome(what, self.credit(year, self.ranks[rank - 1]))
        if self.beyond is not None:
            return Outcome(what, self.credit(year, self.beyond))
        return Outcome(what, [], [(self.beyond_flag, f"排名第{rank} / rank {rank}")])


class _Levelled(Method):
    """Shared by the methods whose table depends on the level of a project or award."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "year_from": _year_from(),
        "levels": Key(TABLE, "levels", convert=dict),
        "not_covered_levels": Key(STRLIST, "not_covered", (), convert=frozenset),
    }

    def level(self, fields: Mapping[str, Any]) -> tuple[str, str] | Flag:
        raw = fields.get("level")
        level = as_str(raw)
        if isinstance(level, str) and level in self.levels:
            return level, self.levels[level]
        if isinstance(level, str) and level in self.not_covered:
            return ("level_not_covered", f"级别：{LEVEL_ZH.get(level, level)} / level: {level}")
        return ("level_unreadable", f"级别：{raw!r} / level: {raw!r}")


class ByRoleLevel(_Levelled):
    """Research projects: a table per level group, hours by role (host, main, participant)."""

    flags_used = ("field_missing", "level_not_covered", "level_unreadable", "rank_reading")

    KEYS: ClassVar[Mapping[str, Key]] = {
        **_Levelled.KEYS,
        "hours": Key(TABLE, "hours", convert=lambda t: {k: dict(v) for k, v in t.items()}),
        "role_by_rank": Key(STRLIST, "role_by_rank", convert=tuple),
        "role_beyond": Key(STR, "role_beyond"),
        "rank_reading": Key(NUMLIST, "rank_reading", (), convert=frozenset),
    }

    def by_rank(self, rank: int) -> str:
        return self.role_by_rank[rank - 1] if rank <= len(self.role_by_rank) else self.role_beyond

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        lv = self.level(fields)
        if lv[0] in ("level_not_covered", "level_unreadable"):
            return Outcome(self.label, [], [lv])  # type: ignore[list-item]
        level, group = lv
        raw_rank, raw_role = fields.get("rank"), fields.get("role")
        rank = as_int(raw_rank)
        if rank is BAD or (rank is not None and rank < 1):
            rank = None
        role = as_str(raw_role)
        flags: list[Flag] = []
        if role not in ROLE_ZH:
            if rank is None:
                flag = missing("role", raw_role) if raw_role is not None else missing("role/rank", raw_rank)
                return Outcome(f"{LEVEL_ZH[level]}{self.label}", [], [flag])
            role = self.by_rank(rank)
            if role == "main" and rank in self.rank_reading:
                flags.append(("rank_reading", f"署名第{rank} / rank {rank}"))
        elif rank is not None and self.by_rank(rank) != role:
            # The certificate names a role the signatory order does not give: keep the
            # certificate's word, and let a person confirm the reading.
            flags.append(
                (
                    "rank_reading",
                    f"证书为{ROLE_ZH[role]}，署名第{rank}按细则应为{ROLE_ZH[self.by_rank(rank)]} / "
                    f"certificate says {role}, rank {rank} reads as {self.by_rank(rank)}",
                )
            )
        elif role == "main" and rank in self.rank_reading:
            flags.append(("rank_reading", f"署名第{rank} / rank {rank}"))
        what = f"{LEVEL_ZH[level]}{self.label}，{ROLE_ZH[role]}"
        if rank is not None:
            what += f"（署名第{rank}）"
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(what, [], [*flags, year])
        return Outcome(what, self.credit(year, self.hours[group][role]), flags)


class ByLevelGrade(_Levelled):
    """Awards: a list of hours per level group, indexed by prize grade 1, 2, 3 ..."""

    flags_used = ("field_missing", "level_not_covered", "level_unreadable", "grade_not_covered")

    KEYS: ClassVar[Mapping[str, Key]] = {
        **_Levelled.KEYS,
        "grades": Key(TABLE, "grades", convert=lambda t: {k: tuple(v) for k, v in t.items()}),
    }

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        lv = self.level(fields)
        if lv[0] in ("level_not_covered", "level_unreadable"):
            return Outcome(self.label, [], [lv])  # type: ignore[list-item]
        level, group = lv
        raw = fields.get("grade")
        grade = as_int(raw)
        table = self.grades[group]
        if grade is None or grade is BAD or not 1 <= grade <= len(table):
            why = "特等奖 / special prize" if grade == 0 else f"等级：{raw!r} / grade: {raw!r}"
            return Outcome(f"{LEVEL_ZH[level]}{self.label}", [], [("grade_not_covered", why)])
        what = f"{LEVEL_ZH[level]}{self.label}{_GRADE_ZH.get(grade, str(grade))}等奖"
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(what, [], [year])
        return Outcome(what, self.credit(year, table[grade - 1]))


_GRADE_ZH = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}


class PerUnit(Method):
    """Exams, degree courses: hours per module, course or subject passed."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "year_from": _year_from(),
        "unit_field": Key(STR, "field"),
        "unit": Key(STR, "unit"),
        "hours_per_unit": Key(NUM, "per_unit"),
    }

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        raw = fields.get(self.field)
        n = as_int(raw)
        if n is None or n is BAD:
            return Outcome(self.label, [], [missing(self.field, raw)])
        what = f"{self.label}，通过{n}{self.unit}"
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(what, [], [year])
        if n == 0:
            return Outcome(what, [])
        return Outcome(what, self.credit(year, n * self.per_unit))


def months_between(start: _dt.date, end: _dt.date) -> int:
    """Whole months from start to end inclusive: 2023-01-01 .. 2023-06-30 is 6."""
    e = end + _dt.timedelta(days=1)
    return (e.year - start.year) * 12 + e.month - start.month - (1 if e.day < start.day else 0)


def add_months(d: _dt.date, months: int) -> _dt.date:
    """The last day of an assignment of ``months`` starting on ``d``."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    day = min(
        d.day,
        [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
            m - 1
        ],
    )
    return _dt.date(y, m, day) - _dt.timedelta(days=1)


MAX_ASSIGNMENT_MONTHS = 120


class Assignment(Method):
    """三援 and similar: full-year hours for the year(s) of an assignment of enough months."""

    flags_used = ("field_missing", "assignment_too_short", "assessment_not_passed")

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "hours": Key(NUM, "hours"),
        "min_months": Key(INT, "min_months"),
        "one_year_months": Key(INT, "one_year"),
    }

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        passed = as_bool(fields.get("assessment_passed"))
        start, end = as_date(fields.get("start_date")), as_date(fields.get("end_date"))
        start = start if isinstance(start, _dt.date) else None
        end = end if isinstance(end, _dt.date) else None
        if start and end and end < start:
            start = end = None  # impossible order: neither can be trusted
        raw_m = fields.get("months")
        months = as_int(raw_m)
        flags: list[Flag] = []
        if months is BAD:
            flags.append(missing("months", raw_m))
            months = None
        if months is None and start and end:
            months = months_between(start, end)
        if months is not None and months > MAX_ASSIGNMENT_MONTHS:  # decades abroad: a misreading
            flags.append(missing("months", raw_m if raw_m is not None else f"{months}"))
            months = None
        if months is None:
            return Outcome(self.label, [], flags or [missing("months")])
        what = f"{self.label}{months}个月"
        if passed is not True:
            why = (
                "考核不合格 / assessment failed" if passed is False else "未见考核结果 / no assessment result"
            )
            return Outcome(what, [], [*flags, ("assessment_not_passed", why)])
        what += "，考核合格"
        if months < self.min_months:
            return Outcome(what, [], [*flags, ("assignment_too_short", f"{months}个月 / {months} months")])
        if end is None and start is not None:
            end = add_months(start, months)
        if start is None and end is not None and months > self.one_year:
            start = add_months(end, -months)
        if end is None:
            return Outcome(what, [], [*flags, missing("end_date", fields.get("end_date"))])
        if months <= self.one_year:
            years = [end.year]  # the later year when it spans two
        else:
            assert start is not None
            years = list(range(start.year, end.year + 1))
        return Outcome(what, [Credit(y, clean_hours(self.hours), self.category) for y in years], flags)


class StatedHours(Method):
    """Hours as printed on the certificate, in the category it states (or the clause default)."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "year_from": _year_from(),
        "subject_field": Key(STR, "subject_field", None),
        "assumed_flag": Key(STR, "assumed_flag", None),
    }

    def __init__(self, clause_id: str, spec: Mapping[str, Any]) -> None:
        super().__init__(clause_id, spec)
        self.flags_used = ("field_missing",) + ((self.assumed_flag,) if self.assumed_flag else ())

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        raw = fields.get("stated_hours")
        hours = as_number(raw)
        if hours is None or hours is BAD:
            return Outcome(self.label, [], [missing("stated_hours", raw)])
        what = f"{self.label}，证书载明{hours_text(hours)}学时"
        flags: list[Flag] = []
        category = self.category
        if self.subject_field:
            subject = fields.get(self.subject_field)
            if subject in ("public", "professional"):
                category = subject
            elif self.assumed_flag:
                flags.append((self.assumed_flag, ""))
        year = self.year(fields)
        if isinstance(year, tuple):
            return Outcome(what, [], [*flags, year])
        return Outcome(what, self.credit(year, hours, category) if hours else [], flags)


class PriorSheet(Method):
    """An earlier hours-recognition sheet: full-year hours for each year it covers."""

    KEYS: ClassVar[Mapping[str, Key]] = {
        "category": _category(),
        "hours": Key(NUM, "hours"),
        "flag": Key(STR, "flag", None),
    }

    def __init__(self, clause_id: str, spec: Mapping[str, Any]) -> None:
        super().__init__(clause_id, spec)
        self.flags_used = ("field_missing",) + ((self.flag,) if self.flag else ())

    def run(self, fields: Mapping[str, Any]) -> Outcome:
        s, e = as_date(fields.get("start_date")), as_date(fields.get("end_date"))
        if not isinstance(s, _dt.date) and not isinstance(e, _dt.date):
            return Outcome(self.label, [], [missing("start_date", fields.get("start_date"))])
        if not isinstance(s, _dt.date):
            s = e
        if not isinstance(e, _dt.date):
            e = s
        assert isinstance(s, _dt.date) and isinstance(e, _dt.date)
        if e < s:
            return Outcome(self.label, [], [missing("end_date", fields.get("end_date"))])
        if e.year - s.year > 10:  # no sheet covers a decade: a misreading
            return Outcome(self.label, [], [missing("end_date", fields.get("end_date"))])
        what = f"{self.label}（{s.year}-{e.year}年）" if e.year != s.year else f"{self.label}（{s.year}年）"
        credits = [Credit(y, clean_hours(self.hours), self.category) for y in range(s.year, e.year + 1)]
        return Outcome(what, credits, [(self.flag, f"{s.year}-{e.year}")] if self.flag else [])


METHODS: dict[str, type[Method]] = {
    "none": NoneMethod,
    "per_day": PerDay,
    "by_rank": ByRank,
    "by_role_level": ByRoleLevel,
    "by_level_grade": ByLevelGrade,
    "per_unit": PerUnit,
    "assignment": Assignment,
    "stated_hours": StatedHours,
    "prior_sheet": PriorSheet,
}

# Per method: (required, optional) keys with their policy-file types, from each method's KEYS.
METHOD_KEYS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    name: ({k: key.kind for k, key in cls.KEYS.items() if key.required},
           {k: key.kind for k, key in cls.KEYS.items() if not key.required})
    for name, cls in METHODS.items()
}  # fmt: skip
