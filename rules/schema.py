"""Checking a policy file before it is used: every key known, every type right, every
reference (clause, flag, part, material set, method) resolved. A fault raises ``PolicyError``
naming the file, the key path (``clauses.2.4a.ranks[1]``) and what is wrong."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from rules.errors import PolicyError
from rules.methods import CATEGORIES, COMMON_OPTIONAL, COMMON_REQUIRED, METHOD_KEYS, METHODS
from rules.titles import TITLE_LEVELS

TOP_KEYS = {"policy", "requirement", "span", "clauses", "evidence", "parts", "materials", "flags"}
POLICY_KEYS = {"id": str, "name": str, "source": str}
REQUIREMENT_KEYS = {"total": (int, float), "public": (int, float), "professional": (int, float)}
EVIDENCE_KEYS = {
    "materials": str,
    "name_check": bool,
    "select_field": str,
    "not_covered": list,
    "not_covered_flag": str,
    "cite": str,
    "label": str,
}
MATERIAL_KEYS = {"title": str, "sets": list, "labels": dict}
FLAG_KEYS = {"name": str, "stage": str, "needs_review": bool, "zh": str, "en": str, "clause": str}
FLAG_STAGES = ("rules", "batch", "pipeline")
# Flags the engine itself sets whatever the clauses (policy.propose).
ENGINE_FLAGS = ("field_missing", "name_mismatch", "name_unchecked", "unknown_type")


def _type_name(v: Any) -> str:
    return {
        bool: "a boolean",
        int: "a whole number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }.get(type(v), type(v).__name__)


class Checker:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, path: str, problem: str) -> PolicyError:
        return PolicyError(self.file, path, problem)

    def table(self, v: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(v, dict):
            raise self.fail(path, f"expected a table, got {_type_name(v)}")
        return v

    def keys(
        self,
        t: Mapping[str, Any],
        path: str,
        allowed: set[str] | dict[str, Any],
        required: set[str] | dict[str, Any] = frozenset(),
    ) -> None:  # type: ignore[assignment]
        for k in t:
            if k not in allowed:
                raise self.fail(
                    f"{path}.{k}" if path else k, f"unknown key (allowed: {', '.join(sorted(allowed))})"
                )
        for k in required:
            if k not in t:
                raise self.fail(f"{path}.{k}" if path else k, "required key is missing")

    def typed(self, v: Any, expected: Any, path: str) -> None:
        """``expected``: a python type, a tuple of them, or a METHOD_KEYS type spec."""
        if isinstance(expected, tuple) and len(expected) == 2 and isinstance(expected[1], str):
            kind, words = expected
            if kind == "strlist":
                ok = isinstance(v, list) and all(isinstance(x, str) for x in v)
            elif kind == "numlist":
                ok = isinstance(v, list) and all(_is_num(x) for x in v)
            elif kind == "table":
                ok = isinstance(v, dict)
            elif kind == "reqlist":
                ok = isinstance(v, list) and all(
                    isinstance(x, dict)
                    and set(x) == {"field", "flag"}
                    and all(isinstance(y, str) for y in x.values())
                    for x in v
                )
            else:
                ok = isinstance(v, kind) and not (isinstance(v, bool) and bool not in kind)
                if ok and kind == (int, float) and v < 0:
                    raise self.fail(path, f"must not be negative, got {v!r}")
                if ok and kind == (int, float) and not math.isfinite(v):  # TOML has inf and nan
                    raise self.fail(path, f"must be a finite number, got {v!r}")
            if not ok:
                raise self.fail(path, f"expected {words}, got {_type_name(v)} {v!r}")
            return
        types = expected if isinstance(expected, tuple) else (expected,)
        if not isinstance(v, types) or (isinstance(v, bool) and bool not in types):
            names = " or ".join(_type_name(t()) for t in types)
            raise self.fail(path, f"expected {names}, got {_type_name(v)} {v!r}")


def _is_num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and 0 <= x < math.inf


def check(raw: Mapping[str, Any], file: str) -> None:
    """Raise PolicyError at the first fault of a parsed policy file."""
    c = Checker(file)
    c.keys(raw, "", TOP_KEYS, TOP_KEYS)

    pol = c.table(raw["policy"], "policy")
    c.keys(pol, "policy", POLICY_KEYS, {"id"})
    for k, t in POLICY_KEYS.items():
        if k in pol:
            c.typed(pol[k], t, f"policy.{k}")

    req = c.table(raw["requirement"], "requirement")
    c.keys(req, "requirement", {*REQUIREMENT_KEYS, "category_shortfall"}, REQUIREMENT_KEYS)
    for k, t in REQUIREMENT_KEYS.items():
        c.typed(req[k], (t, "a number"), f"requirement.{k}")
    if req.get("category_shortfall", "warning") not in ("warning", "failure"):
        raise c.fail(
            "requirement.category_shortfall",
            f"expected 'warning' or 'failure', got {req['category_shortfall']!r}",
        )

    span = c.table(raw["span"], "span")
    c.keys(span, "span", set(TITLE_LEVELS), set(TITLE_LEVELS))
    for level in TITLE_LEVELS:
        s = c.table(span[level], f"span.{level}")
        c.keys(s, f"span.{level}", {"from", "to"}, {"from", "to"})
        for k in ("from", "to"):
            c.typed(s[k], int, f"span.{level}.{k}")
        if s["from"] > s["to"]:
            raise c.fail(f"span.{level}", f"'from' ({s['from']}) is after 'to' ({s['to']})")

    flags = c.table(raw["flags"], "flags")
    for name, f in flags.items():
        p = f"flags.{name}"
        c.table(f, p)
        c.keys(f, p, FLAG_KEYS, {"name", "stage", "needs_review", "zh", "en"})
        for k, t in FLAG_KEYS.items():
            if k in f:
                c.typed(f[k], t, f"{p}.{k}")
        if f["stage"] not in FLAG_STAGES:
            raise c.fail(f"{p}.stage", f"expected one of {', '.join(FLAG_STAGES)}, got {f['stage']!r}")
    for name in ENGINE_FLAGS:
        if name not in flags:
            raise c.fail(f"flags.{name}", "the engine sets this flag; it must be in the catalogue")

    def flag_ref(name: str, path: str) -> None:
        if name not in flags:
            raise c.fail(path, f"unknown flag {name!r} (not in [flags])")

    parts = c.table(raw["parts"], "parts")
    for k, v in parts.items():
        c.typed(v, str, f"parts.{k}")

    materials = c.table(raw["materials"], "materials")
    for mid, m in materials.items():
        p = f"materials.{mid}"
        c.table(m, p)
        c.keys(m, p, MATERIAL_KEYS, {"title", "sets"})
        for k, t in MATERIAL_KEYS.items():
            if k in m:
                c.typed(m[k], t, f"{p}.{k}")
        if not m["sets"]:
            raise c.fail(f"{p}.sets", "needs at least one set")
        for i, s in enumerate(m["sets"]):
            if not isinstance(s, list) or not s:
                raise c.fail(f"{p}.sets[{i}]", "expected a non-empty list of groups")
            for j, g in enumerate(s):
                if not isinstance(g, list) or not g:
                    raise c.fail(f"{p}.sets[{i}][{j}]", "expected a non-empty list of part names")
                for part in g:
                    if part not in parts:
                        raise c.fail(f"{p}.sets[{i}][{j}]", f"unknown part {part!r} (not in [parts])")
        for part, label in m.get("labels", {}).items():
            if part not in parts:
                raise c.fail(f"{p}.labels.{part}", f"unknown part {part!r} (not in [parts])")
            c.typed(label, str, f"{p}.labels.{part}")

    evidence = c.table(raw["evidence"], "evidence")
    clauses = c.table(raw["clauses"], "clauses")
    for cid, spec in clauses.items():
        p = f"clauses.{cid}"
        c.table(spec, p)
        method = spec.get("method")
        if method is None:
            raise c.fail(f"{p}.method", "required key is missing")
        if method not in METHODS:
            raise c.fail(f"{p}.method", f"unknown method {method!r} (known: {', '.join(sorted(METHODS))})")
        required, optional = METHOD_KEYS[method]
        allowed = {**COMMON_REQUIRED, **COMMON_OPTIONAL, **required, **optional}
        c.keys(spec, p, allowed, {**COMMON_REQUIRED, **required})
        for k, t in allowed.items():
            if k in spec:
                c.typed(spec[k], t, f"{p}.{k}")
        if "category" in spec and spec["category"] not in CATEGORIES:
            raise c.fail(
                f"{p}.category", f"expected one of {', '.join(CATEGORIES)}, got {spec['category']!r}"
            )
        for i, ev in enumerate(spec["evidence"]):
            if ev not in evidence:
                raise c.fail(f"{p}.evidence[{i}]", f"unknown evidence type {ev!r} (not in [evidence])")
        for k in ("flag", "beyond_flag", "assumed_flag"):
            if k in spec:
                flag_ref(spec[k], f"{p}.{k}")
        for i, r in enumerate(spec.get("require", ())):
            flag_ref(r["flag"], f"{p}.require[{i}].flag")
        _check_method_tables(c, p, method, spec)

    # A flag's clause: a clause id, a family of them ("2.4" for 2.4a/2.4b) or a material clause.
    for name, f in flags.items():
        for ref in (r.strip() for r in f.get("clause", "").split(",") if r.strip()):
            if (
                ref not in clauses
                and ref not in materials
                and not any(cid.startswith(ref) for cid in clauses)
            ):
                raise c.fail(
                    f"flags.{name}.clause", f"unknown clause {ref!r} (not in [clauses] or [materials])"
                )

    # Every evidence type reaches exactly one clause, or one per value of its select_field.
    for ev, e in evidence.items():
        p = f"evidence.{ev}"
        c.table(e, p)
        c.keys(e, p, EVIDENCE_KEYS)
        for k, t in EVIDENCE_KEYS.items():
            if k in e:
                c.typed(e[k], t, f"{p}.{k}")
        if "materials" in e and e["materials"] not in materials:
            raise c.fail(f"{p}.materials", f"unknown material set {e['materials']!r} (not in [materials])")
        if "not_covered_flag" in e:
            flag_ref(e["not_covered_flag"], f"{p}.not_covered_flag")
        serving = [cid for cid, s in clauses.items() if ev in s["evidence"]]
        if "select_field" in e:
            taken: dict[str, str] = {}
            for cid in serving:
                when = clauses[cid].get("when", {})
                if set(when) != {e["select_field"]}:
                    raise c.fail(
                        f"clauses.{cid}.when",
                        f"{ev} is selected by {e['select_field']!r}: 'when' must name that field",
                    )
                value = str(when[e["select_field"]])
                if value in taken:
                    raise c.fail(
                        f"clauses.{cid}.when", f"{ev} with {value!r} is already clause {taken[value]}"
                    )
                taken[value] = cid
            if "not_covered" in e and "not_covered_flag" not in e:
                raise c.fail(f"{p}.not_covered_flag", "required with not_covered")
        elif len(serving) > 1:
            raise c.fail(p, f"served by several clauses ({', '.join(serving)}) without a select_field")
    for cid, spec in clauses.items():
        for ev in spec["evidence"]:
            if "when" in spec and "select_field" not in evidence[ev]:
                raise c.fail(f"clauses.{cid}.when", f"evidence {ev!r} has no select_field")


def _check_method_tables(c: Checker, p: str, method: str, spec: Mapping[str, Any]) -> None:
    """The tables inside a clause: levels, hours by role, grades, beyond/beyond_flag."""
    if method == "by_rank":
        if ("beyond" in spec) == ("beyond_flag" in spec):
            raise c.fail(p, "by_rank needs exactly one of 'beyond' (hours) or 'beyond_flag'")
        if not spec["ranks"]:
            raise c.fail(f"{p}.ranks", "needs the hours of rank 1 at least")
    if method in ("by_role_level", "by_level_grade"):
        tables = spec["hours"] if method == "by_role_level" else spec["grades"]
        for level, group in spec["levels"].items():
            if not isinstance(group, str):
                raise c.fail(f"{p}.levels.{level}", f"expected a string, got {_type_name(group)}")
            if group not in tables:
                which = "hours" if method == "by_role_level" else "grades"
                raise c.fail(f"{p}.levels.{level}", f"table {group!r} is not in {p}.{which}")
    if method == "by_role_level":
        roles = {"host", "main", "participant"}
        for group, t in spec["hours"].items():
            c.table(t, f"{p}.hours.{group}")
            c.keys(t, f"{p}.hours.{group}", roles, roles)
            for role in roles:
                c.typed(t[role], ((int, float), "a number"), f"{p}.hours.{group}.{role}")
        for i, r in enumerate([*spec["role_by_rank"], spec["role_beyond"]]):
            if r not in roles:
                raise c.fail(f"{p}.role_by_rank[{i}]", f"unknown role {r!r} (host, main, participant)")
    if method == "by_level_grade":
        for group, t in spec["grades"].items():
            c.typed(t, ("numlist", "a list of numbers"), f"{p}.grades.{group}")
