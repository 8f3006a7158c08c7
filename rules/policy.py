"""A loaded policy: the rules of one city and year, compiled once, applied per item.

``load_policy("changde-2024")`` reads ``rules/policies/changde-2024.toml`` (or any path to a
.toml file), checks it (rules/schema.py) and compiles every clause into its method, so that
``propose`` is a few dict lookups and one method call.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rules.assessment import Assessment, Requirement, assess_credits
from rules.coerce import BAD, as_bool, as_str, hours_text
from rules.errors import PolicyError
from rules.materials import MaterialSet
from rules.methods import CATEGORY_ZH, METHODS, Flag, Method, Outcome, missing
from rules.model import Credit
from rules.proposal import Proposal
from rules.schema import check
from rules.titles import TITLE_LEVELS, normalize_title_level

POLICY_DIR = Path(__file__).parent / "policies"


@dataclass(frozen=True, slots=True)
class FlagInfo:
    """One entry of the flag catalogue: what a flag means and whether it needs a person."""

    name: str
    stage: str  # rules | batch | pipeline
    needs_review: bool
    zh: str
    en: str
    clause: str | None = None
    short: str = ""  # the flag's short Chinese name ("外派不足6个月"), as the review screens list it

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "short": self.short,
            "stage": self.stage,
            "clause": self.clause,
            "needs_review": self.needs_review,
            "zh": self.zh,
            "en": self.en,
        }


@dataclass(frozen=True, slots=True)
class ClauseInfo:
    """A clause as the policy file states it (for display: ``cehours rules show``)."""

    id: str
    title: str
    cite: str
    method: str
    evidence: tuple[str, ...]
    spec: Mapping[str, Any]


class _Route:
    """How one evidence type reaches its clause(s), compiled."""

    __slots__ = (
        "cite",
        "clause",
        "label",
        "materials",
        "name_check",
        "not_covered",
        "not_covered_flag",
        "select",
        "select_field",
    )

    def __init__(self) -> None:
        self.clause: tuple[str, Method, tuple[tuple[str, str], ...], str] | None = None
        self.select_field: str | None = None
        self.select: dict[str, tuple[str, Method, tuple[tuple[str, str], ...], str]] = {}
        self.not_covered: frozenset[str] = frozenset()
        self.not_covered_flag: str | None = None
        self.name_check = True
        self.materials: MaterialSet | None = None
        self.cite: str | None = None
        self.label = ""


class Policy:
    """One city's and year's rules. Build with ``load_policy``."""

    def __init__(self, raw: Mapping[str, Any], source: str) -> None:
        check(raw, source)
        self.source = source
        self.raw = raw
        self.policy_id: str = raw["policy"]["id"]
        self.name: str = raw["policy"].get("name", self.policy_id)
        r = raw["requirement"]
        self.requirement = Requirement(
            r["total"], r["public"], r["professional"], r.get("category_shortfall", "warning")
        )
        self.span_offsets = {lv: (s["from"], s["to"]) for lv, s in raw["span"].items()}
        self.flags: dict[str, FlagInfo] = {
            n: FlagInfo(n, f["stage"], f["needs_review"], f["zh"], f["en"], f.get("clause"), f["name"])
            for n, f in raw["flags"].items()
        }
        self.materials: dict[str, MaterialSet] = {
            mid: MaterialSet(mid, m, raw["parts"]) for mid, m in raw["materials"].items()
        }
        self.clauses: dict[str, ClauseInfo] = {}
        compiled: dict[str, tuple[str, Method, tuple[tuple[str, str], ...], str]] = {}
        for cid, spec in raw["clauses"].items():
            method = METHODS[spec["method"]](cid, spec)
            for f in method.flags_used:
                if f not in self.flags:
                    raise PolicyError(
                        source,
                        f"clauses.{cid}.method",
                        f"method {spec['method']!r} sets flag {f!r}, which is not in [flags]",
                    )
            reqs = tuple((r["field"], r["flag"]) for r in spec.get("require", ()))
            compiled[cid] = (cid, method, reqs, spec["cite"])
            self.clauses[cid] = ClauseInfo(
                cid, spec["title"], spec["cite"], spec["method"], tuple(spec["evidence"]), spec
            )
        self._routes: dict[str, _Route] = {}
        for ev, e in raw["evidence"].items():
            route = _Route()
            route.name_check = e.get("name_check", True)
            route.materials = self.materials[e["materials"]] if "materials" in e else None
            route.cite = e.get("cite")
            route.label = e.get("label", ev)
            serving = [cid for cid, s in raw["clauses"].items() if ev in s["evidence"]]
            if "select_field" in e:
                route.select_field = e["select_field"]
                for cid in serving:
                    route.select[str(raw["clauses"][cid]["when"][route.select_field])] = compiled[cid]
                route.not_covered = frozenset(e.get("not_covered", ()))
                route.not_covered_flag = e.get("not_covered_flag")
            elif serving:
                route.clause = compiled[serving[0]]
            self._routes[ev] = route
        self.evidence_types: tuple[str, ...] = tuple(self._routes)

    def __repr__(self) -> str:
        return f"Policy({self.policy_id!r}, {len(self.clauses)} clauses, from {self.source})"

    # -- proposing ------------------------------------------------------------------------------

    def propose(self, evidence_type: str, fields: Mapping[str, Any] | None = None) -> Proposal:
        """Credits for one item of ``evidence_type`` with ``fields`` (docs/contract.md section 3).

        Never raises on field values: anything missing or unusable that decides the hours
        gives 0 hours and a flag saying which field."""
        if not isinstance(fields, Mapping):
            fields = {}
        route = self._routes.get(evidence_type) if isinstance(evidence_type, str) else None
        if route is None:
            return self._finish(
                str(evidence_type),
                None,
                None,
                Outcome(f"未知证据类型 {evidence_type!r}", [], [("unknown_type", f"{evidence_type!r}")]),
            )
        compiled = route.clause
        if route.select_field is not None:
            raw = fields.get(route.select_field)
            key = as_str(raw)
            compiled = route.select.get(key) if isinstance(key, str) else None
            if compiled is None:
                if key in route.not_covered:
                    out = Outcome(route.label, [], [(route.not_covered_flag, f"{key}")])  # type: ignore[list-item]
                else:
                    out = Outcome(evidence_type, [], [missing(route.select_field, raw)])
                return self._finish(evidence_type, None, route.cite, out)
        if compiled is None:  # evidence of no clause ("other")
            return self._finish(evidence_type, None, None, Outcome("其他材料", []))
        cid, method, reqs, cite = compiled
        out = method.run(fields)
        zero_why: Flag | None = None
        for fname, flag in reqs:
            if not isinstance(as_str(fields.get(fname)), str):
                v = fields.get(fname)
                zero_why = (flag, f"{fname} 缺失 / {fname} missing" if v is None else f"{fname}: {v!r}")
                break
        if route.name_check:
            nf = as_bool(fields.get("name_found"))
            if nf is False and zero_why is None:
                zero_why = ("name_mismatch", str(fields.get("person_name") or ""))
            elif nf is None or nf is BAD:
                out.flags.append(("name_unchecked", ""))
        if zero_why is not None:
            would = out.credits
            out.credits = []
            out.flags.insert(0, zero_why)
            if would:
                out.what += f"（核实后应为{_result_text(would)}）"
        return self._finish(evidence_type, cid, cite, out)

    def _finish(self, evidence_type: str, clause: str | None, cite: str | None, out: Outcome) -> Proposal:
        flags: list[str] = []
        details: dict[str, str] = {}
        review = False
        specifics: dict[str, list[str]] = {}
        for name, detail in out.flags:
            if name not in specifics:
                flags.append(name)
                specifics[name] = []
            if detail:
                specifics[name].append(detail)
        for name in flags:
            info = self.flags.get(name)
            said = "；".join(specifics[name])
            if info is None:  # cannot happen with a checked policy; still explain it
                details[name] = said or name
                review = True
                continue
            review = review or info.needs_review
            details[name] = f"{info.zh}（{said}） — {info.en}" if said else f"{info.zh} — {info.en}"
        where = f"（{cite}）" if cite else ""
        if out.credits:
            text = f"{out.what} → {_result_text(out.credits)}{where}"
            for name in flags:
                info = self.flags.get(name)
                if info is not None and info.stage == "rules":
                    text += f"；{info.zh}"
        elif flags:
            # the reason for the zero first: a flag that needs a person (the date was not read)
            # says more than a note such as the category assumed
            def zh(name: str) -> str:
                info = self.flags.get(name)
                return info.zh if info else name

            ordered = sorted(flags, key=lambda n: not getattr(self.flags.get(n), "needs_review", True))
            text = f"{out.what} → 0学时{where}：" + "；".join(zh(n) for n in ordered)
        else:
            text = f"{out.what} → 0学时{where}" if cite else f"{out.what}，不计学时"
        return Proposal(evidence_type, out.credits, clause, flags, text, review, details, self.policy_id)

    # -- materials -----------------------------------------------------------------------------

    def material_set(self, evidence_type: str) -> MaterialSet | None:
        route = self._routes.get(evidence_type)
        return route.materials if route else None

    def missing_materials(self, evidence_type: str, parts: Iterable[str]) -> list[str] | None:
        """None when the type needs no material set; [] when complete; else what is missing,
        e.g. ``["需要培训通知/签到表/课程表（日程安排）之一"]``."""
        ms = self.material_set(evidence_type)
        return None if ms is None else ms.missing(parts)

    # -- span and assessment -------------------------------------------------------------------

    def span(self, title_level: str, eval_year: int) -> list[int]:
        """The years counted for an evaluation in ``eval_year`` at ``title_level``."""
        lo, hi = self.span_offsets[normalize_title_level(title_level)]
        if isinstance(eval_year, bool) or not isinstance(eval_year, int):
            raise ValueError(f"eval_year must be a whole number, got {eval_year!r}")
        return list(range(eval_year + lo, eval_year + hi + 1))

    def assess(
        self, credits: Iterable[Credit | Mapping[str, Any]], title_level: str, eval_year: int
    ) -> Assessment:
        """Per-year public / professional / full_year / total against the requirement, each
        year's verdict and warnings, and whether the whole span is met. Credits outside the
        span are listed under ``outside_span`` and count for nothing."""
        level = normalize_title_level(title_level)
        return assess_credits(
            credits,
            self.span(level, eval_year),
            self.requirement,
            policy=self.policy_id,
            title_level=level,
            eval_year=eval_year,
        )

    def flag_catalogue(self) -> list[dict[str, Any]]:
        return [f.to_dict() for f in self.flags.values()]


def _result_text(credits: list[Credit]) -> str:
    """'专业科目60学时' / '2023年视为完成全年90学时' / '2022、2023年各视为完成全年90学时'."""
    c0 = credits[0]
    if len(credits) == 1 and c0.category != "full_year":
        return f"{CATEGORY_ZH[c0.category]}{hours_text(c0.hours)}学时"
    if all(c.category == "full_year" and c.hours == c0.hours for c in credits):
        years = "、".join(str(c.year) for c in credits)
        each = "各" if len(credits) > 1 else ""
        return f"{years}年{each}视为完成全年{hours_text(c0.hours)}学时"
    return "，".join(f"{c.year}年{CATEGORY_ZH[c.category]}{hours_text(c.hours)}学时" for c in credits)


_CACHE: dict[tuple[str, int], Policy] = {}


def available_policies() -> list[str]:
    """Ids of the policies shipped in rules/policies/."""
    return sorted(p.stem for p in POLICY_DIR.glob("*.toml") if not p.name.startswith("_"))


def load_policy(policy: str | Path) -> Policy:
    """A policy by id (``"changde-2024"``, from rules/policies/) or by path to a .toml file.

    Raises PolicyError naming the file, key path and fault when the file is wrong."""
    p = Path(policy)
    by_id = not (str(policy).endswith(".toml") or p.is_file())
    if by_id:
        p = POLICY_DIR / f"{policy}.toml"
        if not p.is_file():
            raise PolicyError(
                str(p), "", f"no policy {str(policy)!r} (available: {', '.join(available_policies())})"
            )
    try:
        stat = p.stat()
    except OSError as e:
        raise PolicyError(str(p), "", f"cannot read: {e.strerror or e}") from None
    key = (str(p.resolve()), stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise PolicyError(str(p), "", f"cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise PolicyError(str(p), "", f"not valid TOML: {e}") from None
    pol = Policy(raw, str(p))
    if by_id and pol.policy_id != str(policy):
        raise PolicyError(str(p), "policy.id", f"is {pol.policy_id!r} but the file is named {str(policy)!r}")
    _CACHE[key] = pol
    return pol


__all__ = ["TITLE_LEVELS", "ClauseInfo", "FlagInfo", "Policy", "available_policies", "load_policy"]
