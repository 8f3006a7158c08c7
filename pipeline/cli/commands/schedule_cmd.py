"""``cehours schedule``: watch an inbox folder and process each batch dropped there, on a schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer


def register(app: typer.Typer) -> None:
    @app.command("schedule")
    def schedule(
        inbox: Annotated[Path, typer.Option("--inbox", help="Folder batches are dropped into.")],
        cron: Annotated[
            str | None, typer.Option("--cron", help='When to look, as a cron line, e.g. "0 2 * * *".')
        ] = None,
        once: Annotated[
            bool, typer.Option("--once", help="Look once now, process what is ready, exit.")
        ] = False,
        db: Annotated[
            str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
        ] = None,
        engine: Annotated[
            str, typer.Option("--engine", "-e", help="OCR engine: auto|tesseract|rapidocr[-openvino|-onnx].")
        ] = "auto",
        policy: Annotated[str, typer.Option("--policy", "-p", help="Policy id.")] = "changde-2024",
        workers: Annotated[
            int | None,
            typer.Option("--workers", "-w", min=0, help="OCR worker processes per batch (default: cores)."),
        ] = None,
        dask: Annotated[
            str | None,
            typer.Option("--dask", help="Dask scheduler address (tcp://host:8786) for the OCR tasks."),
        ] = None,
        settle: Annotated[
            float, typer.Option("--settle", help="Seconds a zip's size must hold still before it is taken.")
        ] = 5.0,
        name: Annotated[
            str, typer.Option("--name", help="Deployment name shown in Prefect.")
        ] = "cehours-inbox",
    ) -> None:
        """Process every batch that is ready in the inbox (a folder with a .ready file, or a zip whose
        size holds still), each exactly once, and file it under done/ or failed/ with a report.

        With --cron this serves the Prefect deployment and keeps running; with --once it looks now."""
        from rich.console import Console

        err = Console(stderr=True)
        if not inbox.is_dir():
            err.print(f"[red]error:[/red] inbox {inbox} is not a folder")
            raise typer.Exit(2)
        if once == (cron is not None):
            err.print('[red]error:[/red] give either --cron "0 2 * * *" (serve on a schedule) or --once')
            raise typer.Exit(2)
        if cron is not None and not _valid_cron(cron):
            err.print(f'[red]error:[/red] {cron!r} is not a cron line (five fields, e.g. "0 2 * * *")')
            raise typer.Exit(2)

        from pipeline.flows import watch_inbox  # heavy: Prefect

        params: dict[str, Any] = {
            "inbox": str(inbox.resolve()), "db_url": db, "engine": engine,
            "policy_id": policy, "dask_address": dask, "settle_seconds": settle,
            "ocr_workers": workers,
        }  # fmt: skip
        if once:
            print_reports(watch_inbox(**params))
            return
        err.print(f"Serving [bold]{name}[/bold]: inbox {params['inbox']}, cron {cron!r}. Ctrl-C stops.")
        watch_inbox.serve(name=name, cron=cron, parameters=params)


def _valid_cron(cron: str) -> bool:
    from prefect.client.schemas.schedules import CronSchedule

    if len(cron.split()) not in (5, 6):
        return False
    try:
        CronSchedule(cron=cron)
    except ValueError:  # pydantic's ValidationError is a ValueError
        return False
    return True


def print_reports(reports: list[dict[str, Any]]) -> None:
    """One line per batch taken: where it went, its counts or its error."""
    from rich.console import Console
    from rich.table import Table

    out = Console()
    if not reports:
        out.print("No batch ready.")
        return
    table = Table(title="Batches taken from the inbox")
    for col in ("Batch", "Status", "Items", "Auto OK", "Needs review", "Intake errors", "Error"):
        table.add_column(col)
    for r in reports:
        c = r.get("counts") or {}
        status = "[green]done[/green]" if r["status"] == "done" else "[red]failed[/red]"
        counts = [str(c.get(k, "")) for k in ("items", "auto_ok", "needs_review", "intake_errors")]
        table.add_row(r["batch"], status, *counts, r.get("error", ""))
    out.print(table)
