"""``cehours rules``: look at a policy and try it on fields by hand.

cehours rules show [--policy ID]
cehours rules flags [--policy ID]
cehours rules propose TYPE --field key=value ... [--policy ID]
cehours rules assess --title-level senior --eval-year 2024 --credit 2023:60:professional ...
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

import typer

DEFAULT_POLICY = "changde-2024"
PolicyOpt = Annotated[
    str, typer.Option("--policy", "-p", help="Policy id (rules/policies/<id>.toml) or path to a .toml file.")
]

_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+)")


def parse_value(text: str) -> Any:
    """A --field value as the extractor would give it: ints, floats, true/false, null;
    everything else (dates, CN numbers, names) stays a string."""
    s = text.strip()
    low = s.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("null", "none"):
        return None
    if _INT.fullmatch(s):
        return int(s)
    if _FLOAT.fullmatch(s):
        return float(s)
    return text


def parse_fields(pairs: list[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="--field")
        fields[key.strip()] = parse_value(value)
    return fields


def _load(policy: str) -> Any:
    from rules import PolicyError, load_policy

    try:
        return load_policy(policy)
    except PolicyError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(1) from None


def _offset(n: int) -> str:
    return "Y" if n == 0 else f"Y{n:+d}"


def register(app: typer.Typer) -> None:
    rules_app = typer.Typer(
        help="Look at the conversion rules (a policy file) and try them.", no_args_is_help=True
    )
    app.add_typer(rules_app, name="rules")

    @rules_app.command("show")
    def show(policy: PolicyOpt = DEFAULT_POLICY) -> None:
        """The policy as a table: clause, evidence, hours, year credited; then the requirement and span."""
        from rich.console import Console
        from rich.table import Table

        from rules.describe import hours_text, year_text

        pol = _load(policy)
        console = Console()
        t = Table(title=f"{pol.policy_id} — {pol.name}", show_lines=True)
        t.add_column("clause", no_wrap=True)
        for col in ("evidence", "hours", "year credited"):
            t.add_column(col, overflow="fold")
        for c in pol.clauses.values():
            when = "".join(f" ({k}={v})" for k, v in c.spec.get("when", {}).items())
            t.add_row(
                f"{c.id}\n{c.cite}",
                f"{c.title}\n" + ", ".join(c.evidence) + when,
                hours_text(c.spec),
                year_text(c.spec),
            )
        console.print(t)
        r = pol.requirement
        shortfall = "警告" if r.category_shortfall == "warning" else "不达标"
        console.print(
            f"每年要求 / yearly requirement: 合计 >= {r.total}，公需科目 >= {r.public}，"
            f"专业科目 >= {r.professional}（分类不足：{shortfall}）"
        )
        for level in ("senior", "intermediate", "junior"):
            lo, hi = pol.span_offsets[level]
            console.print(f"span.{level}: {_offset(lo)} .. {_offset(hi)}")

    @rules_app.command("flags")
    def flags(policy: PolicyOpt = DEFAULT_POLICY) -> None:
        """The flag catalogue: name, short Chinese name, clause, who sets it, needs review, meaning."""
        from rich.console import Console
        from rich.table import Table

        pol = _load(policy)
        t = Table(title=f"flags of {pol.policy_id}")
        for col in ("flag", "名称", "clause", "stage", "review", "meaning"):
            t.add_column(col)
        for f in pol.flags.values():
            t.add_row(f.name, f.short, f.clause or "", f.stage, "yes" if f.needs_review else "no",
                      f"{f.zh}\n{f.en}")  # fmt: skip
        Console().print(t)

    @rules_app.command("propose")
    def propose(
        evidence_type: Annotated[str, typer.Argument(help="Evidence type, e.g. patent_certificate.")],
        field: Annotated[
            list[str] | None,
            typer.Option("--field", "-f", help="key=value, repeatable (rank=1, date=2023-06-16)."),
        ] = None,
        policy: PolicyOpt = DEFAULT_POLICY,
    ) -> None:
        """The proposal for one item as JSON."""
        pol = _load(policy)
        fields = parse_fields(field or [])
        try:
            p = pol.propose(evidence_type, fields)
        except Exception as e:  # a policy bug or a value the rules cannot handle: said, with its name
            typer.echo(f"error: the rules failed on these fields: {type(e).__name__}: {e}", err=True)
            raise typer.Exit(1) from None
        typer.echo(json.dumps(p.to_dict(), ensure_ascii=False, indent=2))

    @rules_app.command("assess")
    def assess(
        title_level: Annotated[
            str, typer.Option("--title-level", help="senior|intermediate|junior or 高级|中级|初级")
        ],
        eval_year: Annotated[int, typer.Option("--eval-year")],
        credit: Annotated[
            list[str] | None, typer.Option("--credit", "-c", help="YEAR:HOURS:CATEGORY, repeatable.")
        ] = None,
        policy: PolicyOpt = DEFAULT_POLICY,
    ) -> None:
        """The per-year and span verdict over some credits, as JSON."""
        from rules import Credit

        pol = _load(policy)
        credits = []
        for c in credit or []:
            parts = c.split(":")
            try:
                year, hours, category = int(parts[0]), float(parts[1]), parts[2]
            except (IndexError, ValueError):
                raise typer.BadParameter(
                    f"expected YEAR:HOURS:CATEGORY, got {c!r}", param_hint="--credit"
                ) from None
            credits.append(Credit(year, int(hours) if hours.is_integer() else hours, category))
        try:
            result = pol.assess(credits, title_level, eval_year)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
