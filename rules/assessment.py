"""The per-year and span verdict over an applicant's credits (notice part 一.(二) and 二.(三))."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rules.model import Credit


@dataclass(frozen=True, slots=True)
class Requirement:
    total: float
    public: float
    professional: float
    category_shortfall: str = "warning"  # Decision "generally": warning | failure


@dataclass(slots=True)
class YearSummary:
    year: int
    public: float = 0
    professional: float = 0
    full_year: float = 0
    meets_requirement: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return self.public + self.professional + self.full_year

    def to_dict(self) -> dict[str, Any]:
        return {
            "public": self.public,
            "professional": self.professional,
            "full_year": self.full_year,
            "total": self.total,
            "meets_requirement": self.meets_requirement,
            "warnings": list(self.warnings),
        }


@dataclass(slots=True)
class Assessment:
    policy: str
    title_level: str
    eval_year: int
    span: list[int]
    years: dict[int, YearSummary]  # every span year, in order
    span_ok: bool
    outside_span: dict[int, float] = field(default_factory=dict)  # hours credited to other years

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, shaped like the summary of docs/contract.md section 4 (year keys as strings)."""
        return {
            "policy": self.policy,
            "title_level": self.title_level,
            "eval_year": self.eval_year,
            "span": list(self.span),
            "years": {str(y): s.to_dict() for y, s in self.years.items()},
            "span_ok": self.span_ok,
            "outside_span": {str(y): h for y, h in sorted(self.outside_span.items())},
        }


def _credit_parts(c: Any) -> tuple[int, float, str]:
    """A Credit, or a dict / record with year, hours, category."""
    if isinstance(c, Credit):
        year, hours, cat = c.year, c.hours, c.category
    elif isinstance(c, dict):
        year, hours, cat = c.get("year"), c.get("hours"), c.get("category")
    else:
        raise ValueError(f"not a credit: {c!r}")
    if not isinstance(year, int) or isinstance(year, bool):
        raise ValueError(f"credit year must be a whole number: {c!r}")
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not hours >= 0:
        raise ValueError(f"credit hours must be a number >= 0: {c!r}")
    if cat not in ("public", "professional", "full_year"):
        raise ValueError(f"credit category must be public, professional or full_year: {c!r}")
    return year, hours, cat


def judge_year(s: YearSummary, req: Requirement) -> None:
    """Set meets_requirement and warnings of one year.

    A full-year credit (2.7, prior sheet) meets the year whatever else it holds. Otherwise the
    total decides; a category under its "generally" minimum is a warning (or a failure when the
    policy says category_shortfall = "failure")."""
    s.warnings = []
    if s.full_year > 0:
        s.meets_requirement = True
        return
    short = []
    if s.public < req.public:
        short.append("public_shortfall")
    if s.professional < req.professional:
        short.append("professional_shortfall")
    total_ok = s.total >= req.total
    if not total_ok:
        s.warnings.append("total_shortfall")
    s.warnings.extend(short)
    s.meets_requirement = total_ok and not (short and req.category_shortfall == "failure")


def assess_credits(
    credits: Iterable[Any],
    span: list[int],
    req: Requirement,
    *,
    policy: str,
    title_level: str,
    eval_year: int,
) -> Assessment:
    years = {y: YearSummary(y) for y in span}
    outside: dict[int, float] = {}
    for c in credits:
        year, hours, cat = _credit_parts(c)
        s = years.get(year)
        if s is None:
            outside[year] = outside.get(year, 0) + hours
        elif cat == "public":
            s.public += hours
        elif cat == "professional":
            s.professional += hours
        else:
            s.full_year += hours
    for s in years.values():
        judge_year(s, req)
    return Assessment(
        policy,
        title_level,
        eval_year,
        list(span),
        years,
        all(s.meets_requirement for s in years.values()),
        outside,
    )
