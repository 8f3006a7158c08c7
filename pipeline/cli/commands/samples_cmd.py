"""``cehours samples``: generate synthetic evidence batches and page datasets with ground truth.

cehours samples generate OUT --seed N --applicants K [--types T,...] [--pages-only --per-type N]
cehours samples demo [OUT]           regenerate the committed demo batch (seed 7)
cehours samples types                the evidence types and page kinds the generator draws

Seed policy (sample_docs/README.md): training 1000-1999, evaluation/test 1-99, demo 7.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def _split(types: str | None) -> tuple[str, ...] | None:
    return tuple(t.strip() for t in types.split(",") if t.strip()) if types else None


def register(app: typer.Typer) -> None:
    samples_app = typer.Typer(
        help="Generate synthetic Chinese evidence scans with ground truth.", no_args_is_help=True
    )
    app.add_typer(samples_app, name="samples")

    @samples_app.command("generate")
    def generate(
        out: Annotated[Path, typer.Argument(help="Output folder (must be empty or absent).")],
        seed: Annotated[int, typer.Option(help="Seed: training 1000-1999, test 1-99, demo 7.")] = 1,
        applicants: Annotated[int, typer.Option(min=1, help="Applicants in the batch.")] = 4,
        items_min: Annotated[int, typer.Option(min=1, help="Fewest items per applicant.")] = 6,
        items_max: Annotated[int, typer.Option(min=1, help="Most items per applicant.")] = 9,
        types: Annotated[
            str | None, typer.Option(help="Comma-separated evidence types, or page kinds with --pages-only.")
        ] = None,
        pages_only: Annotated[
            bool, typer.Option("--pages-only", help="Single pages of every page kind (classifier data).")
        ] = False,
        per_type: Annotated[int, typer.Option(min=1, help="Pages per page kind with --pages-only.")] = 20,
        dpi: Annotated[int, typer.Option(min=50, max=400, help="Drawing resolution.")] = 200,
        quality: Annotated[int, typer.Option(min=10, max=95, help="JPEG / WEBP quality.")] = 80,
        no_specials: Annotated[
            bool, typer.Option("--no-specials", help="Do not plant the rule cases (duplicates, ranks ...).")
        ] = False,
        bad_inputs: Annotated[
            bool, typer.Option("--bad-inputs", help="Add a zero-byte, a truncated and an unsupported file.")
        ] = False,
        overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace a non-empty OUT.")] = False,
    ) -> None:
        """Write a batch (manifest.csv, applicant folders, .truth.jsonl) or a page dataset (pages.jsonl)."""
        from rich.console import Console
        from rich.progress import Progress

        from sample_docs.generate import Settings, generate_batch, generate_pages

        console = Console()
        settings = Settings(render_dpi=dpi, jpeg_quality=quality)
        try:
            if pages_only:
                where = generate_pages(out, seed, per_type, _split(types), settings, overwrite=overwrite)
                console.print(f"pages written to [bold]{where}[/] (pages.jsonl)")
                return
            if items_max < items_min:
                raise typer.BadParameter("--items-max must be >= --items-min")
            with Progress(console=console, transient=True) as prog:
                task = prog.add_task("generating", total=None)

                def tick(done: int, total: int) -> None:
                    prog.update(task, completed=done, total=total)

                where = generate_batch(
                    out,
                    seed,
                    applicants,
                    (items_min, items_max),
                    _split(types),
                    specials=not no_specials,
                    bad_inputs=bad_inputs,
                    settings=settings,
                    overwrite=overwrite,
                    progress=tick,
                )
        except (FileExistsError, ValueError) as e:
            console.print(f"[red]error:[/] {e}")
            raise typer.Exit(1) from None
        from sample_docs.truth import read_truth

        n = len(read_truth(where))
        console.print(f"batch written to [bold]{where}[/]: {n} items, ground truth in .truth.jsonl")

    @samples_app.command("demo")
    def demo(
        out: Annotated[Path | None, typer.Argument(help="Default: sample_docs/batch-demo.")] = None,
    ) -> None:
        """Regenerate the demo batch (seed 7), byte-identical to the committed one."""
        from sample_docs.generate import DEMO_DIR, generate_demo

        where = generate_demo(out or DEMO_DIR)
        typer.echo(str(where))

    @samples_app.command("types")
    def types_() -> None:
        """The evidence types and the page kinds (with their material part) the generator draws."""
        from rich.console import Console
        from rich.table import Table

        from sample_docs.layouts import PAGE_KINDS

        t = Table(title="page kinds")
        for col in ("page kind", "page type", "part", "paper (mm)"):
            t.add_column(col)
        for k in PAGE_KINDS.values():
            t.add_row(k.name, k.page_type, k.part or "-", f"{k.size_mm[0]:g}×{k.size_mm[1]:g}")
        Console().print(t)
