"""The rows the reference documents must hold, made from the code's tables (tests/test_docs.py)."""

from __future__ import annotations

from rules import load_policy
from rules.evidence import FIELDS, TYPES


def type_rows() -> list[str]:
    return [
        f"| `{c}` | {t.label} | {t.what} | {t.rule} | {', '.join(f'`{d}`' for d in t.deciding) or '—'} |"
        for c, t in TYPES.items()
    ]


def field_rows() -> list[str]:
    rows = []
    for n, f in FIELDS.items():
        if f.kind == "choice":
            kind = " / ".join(f"`{k}`" for k in f.choices)
            label = f"{f.label}（" + "，".join(f"{k} {v}" for k, v in f.choices.items()) + "）"
        else:
            kind, label = f.kind, f.label
        rows.append(f"| `{n}` | {kind} | {label} | {f.meaning} |")
    return rows


def flag_rows(policy_id: str = "changde-2024") -> list[str]:
    return [
        f"| `{n}` | {fl.short} | {fl.stage} | {'yes' if fl.needs_review else 'no'} |"
        for n, fl in load_policy(policy_id).flags.items()
    ]


if __name__ == "__main__":  # print them, to paste into docs/contract.md after changing a table
    for rows in (type_rows(), field_rows(), flag_rows()):
        print("\n".join(rows), end="\n\n")
