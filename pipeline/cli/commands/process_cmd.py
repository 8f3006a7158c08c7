"""``cehours process BATCH``: the whole pipeline over a batch folder or zip, into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

STAGE_LABELS = {"intake": "Intake", "ocr": "OCR pages", "understand": "Items read", "propose": "Proposals"}


def register(app: typer.Typer) -> None:
    @app.command("process")
    def process(
        batch: Annotated[Path, typer.Argument(help="Batch folder or .zip (docs/contract.md section 1).")],
        db: Annotated[
            str | None, typer.Option("--db", help="Database URL (default: CEHOURS_DB or ./cehours.db).")
        ] = None,
        workers: Annotated[
            int | None, typer.Option("--workers", "-w", help="OCR worker processes (default: cores).")
        ] = None,
        engine: Annotated[
            str, typer.Option("--engine", "-e", help="OCR engine: auto|tesseract|rapidocr[-openvino|-onnx].")
        ] = "auto",
        policy: Annotated[
            str, typer.Option("--policy", "-p", help="Policy id, e.g. changde-2024.")
        ] = "changde-2024",
    ) -> None:
        """Read every file, propose hours per item, store everything; then show each applicant's years."""
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        from sqlalchemy.exc import SQLAlchemyError

        from pipeline.errors import ProgramDataError
        from pipeline.process import BatchUnreadable, process_batch
        from rules.errors import PolicyError

        err = Console(stderr=True)
        columns = (
            TextColumn("{task.description:<12}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err, transient=False) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(STAGE_LABELS.get(stage, stage), total=total)
                bar.update(tasks[stage], completed=done, total=total)

            try:
                summary = process_batch(batch, db_url=db, engine=engine, workers=workers, policy_id=policy,
                                        progress=progress)  # fmt: skip
            # error text is printed as it is (markup=False): a path or a reason may hold brackets
            except BatchUnreadable as e:
                err.print(f"error: the batch cannot be read: {e}", markup=False, style="red", soft_wrap=True)
                raise typer.Exit(2) from None
            except ProgramDataError as e:  # the installation, not the batch: nothing was read
                err.print(f"error: cehours cannot run: {e}", markup=False, style="red", soft_wrap=True)
                raise typer.Exit(3) from None
            except PolicyError as e:  # a policy file that is there but broken: program data (3)
                err.print(f"error: {e}", markup=False, style="red", soft_wrap=True)
                raise typer.Exit(3 if Path(e.file).is_file() else 1) from None
            except ValueError as e:  # an unknown --engine
                err.print(f"error: {e}", markup=False, style="red", soft_wrap=True)
                raise typer.Exit(1) from None
            except SQLAlchemyError as e:  # what was committed stays; a re-run goes on from there
                err.print(f"error: database (nothing half-written; run again to resume): {e}",
                          markup=False, style="red", soft_wrap=True)  # fmt: skip
                raise typer.Exit(1) from None
        print_summary(summary)


def print_summary(summary: Any) -> None:
    """The per-applicant table and the counts, on stdout."""
    from rich.console import Console
    from rich.table import Table

    from rules.coerce import hours_text as _h

    out = Console()
    table = Table(title=f"Batch {summary.batch}: proposed hours per applicant")
    for col in (
        "Applicant",
        "Name",
        "Level",
        "Eval",
        "Span years (total hours, ✓ = met)",
        "Span hours",
        "Verdict",
    ):
        table.add_column(col)
    for a in summary.applicants:
        if a.get("error"):
            years, total, verdict = a["error"], "", "[yellow]cannot assess[/yellow]"
        else:
            years = "  ".join(
                f"{y}: {_h(v['total'])}{' ✓' if v['meets_requirement'] else ' ✗'}"
                for y, v in a["years"].items()
            )
            total = _h(sum(v["total"] for v in a["years"].values()))
            verdict = "[green]meets[/green]" if a["span_ok"] else "[red]short[/red]"
        table.add_row(
            a["applicant_id"], a["name"], a["title_level"], str(a["eval_year"] or ""), years, total, verdict
        )
    out.print(table)
    out.print(
        f"items: {summary.items}   auto_ok: {summary.auto_ok}   needs_review: {summary.needs_review}   "
        f"reviewed: {summary.reviewed}   intake errors: {summary.intake_errors}   "
        f"new proposals: {summary.new_proposals}   ({summary.seconds:.1f} s)"
    )
    for m in summary.manifest_errors:
        out.print(f"manifest: {m}", markup=False, style="yellow")
