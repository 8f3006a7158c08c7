"""``cehours summary``: per applicant, each span year's hours and the verdict (docs/contract.md section 4)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from pipeline.cli.reading import DbOpt, read_session
from rules.coerce import hours_text as _h


def register(app: typer.Typer) -> None:
    @app.command("summary")
    def summary(
        batch: Annotated[
            str | None, typer.Option("--batch", "-b", help="Only this batch (default: all).")
        ] = None,
        fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
        db: DbOpt = None,
    ) -> None:
        """Per applicant and span year: hours and verdict, over proposals and over confirmed decisions."""
        from pipeline.summary import applicant_summaries

        if fmt not in ("table", "json"):
            raise typer.BadParameter("use table or json", param_hint="--format")
        with read_session(db) as s:
            rows = applicant_summaries(s, batch)
        if fmt == "json":
            for row in rows:
                typer.echo(json.dumps(row, ensure_ascii=False))
            return
        _table(rows)


def _table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="Hours per applicant and year: proposed / confirmed (requirement met: ✓)")
    for col in ("Batch", "Applicant", "Name", "Level", "Year", "Public", "Professional", "Full year", "Total",
                "Met", "Warnings"):  # fmt: skip
        t.add_column(col)
    for r in rows:
        if r.get("error"):
            t.add_row(
                r["batch"], r["applicant_id"], r["name"], r["title_level"], "", "", "", "", "", "", r["error"]
            )
            continue
        for y, cur in r["years"].items():
            p, c = r["proposed"]["years"][y], r["confirmed"]["years"][y]
            t.add_row(
                r["batch"], r["applicant_id"], r["name"], r["title_level"], y,
                *(f"{_h(p[k])} / {_h(c[k])}" for k in ("public", "professional", "full_year", "total")),
                f"{'✓' if p['meets_requirement'] else '✗'} / {'✓' if c['meets_requirement'] else '✗'}",
                ", ".join(cur["warnings"]),
            )  # fmt: skip
        verdict = f"span: proposed {'met' if r['proposed']['span_ok'] else 'short'}, " + (
            f"confirmed {'met' if r['confirmed']['span_ok'] else 'short'}"
        )
        t.add_row("", "", "", "", "", "", "", "", "", "", verdict, end_section=True)
    Console().print(t)
