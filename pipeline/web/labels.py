"""Chinese names for the codes of the contract, as the reviewers' pages show them.

Codes stay the law (docs/contract.md); these are display names only, from rules/evidence.toml
(types and fields) and the policy's flag catalogue (flags). What a flag means, in words,
comes from the policy's flag catalogue (rules/policies/*.toml), the same text the CLI shows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from rules.coerce import hours_text as hours_text  # the one formatter, for the templates
from rules.evidence import FIELDS as _FIELDS
from rules.evidence import TYPES as _TYPES

# Types and fields, with their Chinese names, kinds and choices: rules/evidence.toml.
EVIDENCE_TYPES: dict[str, str] = {code: t.label for code, t in _TYPES.items()}
FIELDS: dict[str, str] = {name: f.label for name, f in _FIELDS.items()}
_YES_NO = {"true": "是", "false": "否"}
# Fields whose value is a closed vocabulary: the item page offers a select for them.
FIELD_CHOICES: dict[str, dict[str, str]] = {
    name: dict(f.choices) if f.kind == "choice" else _YES_NO
    for name, f in _FIELDS.items() if f.kind in ("choice", "bool")
}  # fmt: skip
INT_FIELDS = {name for name, f in _FIELDS.items() if f.kind == "int"}
FLOAT_FIELDS = {name for name, f in _FIELDS.items() if f.kind == "number"}
BOOL_FIELDS = {name for name, f in _FIELDS.items() if f.kind == "bool"}
DATE_FIELDS = {name for name, f in _FIELDS.items() if f.kind == "date"}

STATUSES: dict[str, str] = {
    "needs_review": "待审核",
    "auto_ok": "自动通过（待确认）",
    "confirmed": "已确认",
    "adjusted": "已调整",
    "rejected": "已驳回",
}

ACTIONS: dict[str, str] = {
    "confirm": "确认",
    "adjust": "调整",
    "reject": "驳回",
    "bulk_confirm": "批量确认",
    "undo": "撤销",
}


CATEGORIES: dict[str, str] = {"public": "公需科目", "professional": "专业科目", "full_year": "全年学时"}

TITLE_LEVELS: dict[str, str] = {"senior": "高级", "intermediate": "中级", "junior": "初级"}

ROLES: dict[str, str] = {"reviewer": "审核员", "admin": "管理员"}


@lru_cache(maxsize=4)
def _catalogue(policy_id: str = "changde-2024") -> dict[str, Any]:
    """The policy's flag catalogue (name -> FlagInfo with the meaning in Chinese), or {}."""
    try:
        from rules import load_policy

        return dict(load_policy(policy_id).flags)
    except Exception:  # a broken policy file must not take the review pages down
        return {}


def all_flags() -> list[str]:
    """Every flag code a proposal can carry: the policy's flag catalogue."""
    return list(_catalogue())


def flag_name(code: str) -> str:
    """Short Chinese name of a flag, from the policy's catalogue (the code itself when unknown)."""
    info = _catalogue().get(code)
    return str(getattr(info, "short", "") or code) if info is not None else code


def flag_meaning(code: str) -> str:
    """What the flag means, in words, from the policy's flag catalogue ('' when unknown)."""
    info = _catalogue().get(code)
    return str(getattr(info, "zh", "") or "") if info is not None else ""


def type_name(code: str | None) -> str:
    if not code:
        return "（未识别）"
    return EVIDENCE_TYPES.get(code, code)


def field_name(code: str) -> str:
    return FIELDS.get(code, code)


def field_display(code: str, value: Any) -> str:
    """A field value as a reviewer reads it (vocabulary codes in Chinese)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    choices = FIELD_CHOICES.get(code)
    if choices and str(value) in choices:
        return choices[str(value)]
    if code == "grade" and value == 0:
        return "特等奖"
    if code == "grade" and isinstance(value, int):
        return f"{value}等奖"
    return str(value)


def status_name(code: str | None) -> str:
    return STATUSES.get(code or "", code or "")


def category_name(code: str) -> str:
    return CATEGORIES.get(code, code)
