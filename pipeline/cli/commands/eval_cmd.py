"""``cehours eval``: the whole pipeline on a generated, labelled batch, scored against its truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def eval_(
    batch: Annotated[
        Path | None,
        typer.Argument(help="A generated batch folder with .truth.jsonl (none with --leave-family-out)."),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="OCR engine: auto|tesseract|rapidocr[-openvino|-onnx].")
    ] = "auto",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON (for machines).")] = False,
    workers: Annotated[int | None, typer.Option("--workers", help="OCR worker processes.")] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="OCR cache (default: CEHOURS_HOME/ocr-cache).")
    ] = None,
    model: Annotated[
        Path | None, typer.Option("--model", help="A classifier .joblib instead of the shipped one.")
    ] = None,
    markdown_out: Annotated[
        Path | None, typer.Option("--markdown", help="Also write the report as Markdown to this file.")
    ] = None,
    leave_family_out: Annotated[
        bool, typer.Option("--leave-family-out", help="Per layout family: train and choose thresholds "
                           "without it, score on it (true page text; pipeline/evaluate_families.py).")
    ] = False,
    per_family: Annotated[
        int, typer.Option("--per-family", help="Items per family (--leave-family-out).")
    ] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Evaluation seed (--leave-family-out).")] = 61,
    real: Annotated[
        bool, typer.Option("--real/--no-real", help="--leave-family-out: the models also learn the real "
                           "corpus and reject below a threshold chosen on it, as `cehours train` does.")
    ] = True,
    family: Annotated[
        list[str] | None, typer.Option("--family", help="--leave-family-out: only the folds that hold "
                                       "these families (e.g. training_certificate/english; repeatable).")
    ] = None,
) -> None:
    """Score type, deciding fields, hours and wrong-but-auto_ok on a labelled batch."""
    import json

    from rich.console import Console

    from pipeline.evaluate import evaluate_batch, markdown, render

    err = Console(stderr=True)
    if leave_family_out:
        from pipeline.cli.eval_families import run_leave_family_out

        run_leave_family_out(per_family, seed, markdown_out, as_json, err, real=real, families=family)
        return
    if batch is None:
        err.print("[red]give a batch folder, or --leave-family-out")
        raise typer.Exit(2)
    if not (batch / ".truth.jsonl").is_file():
        err.print(f"[red]{batch} has no .truth.jsonl: give a batch made by sample_docs.generate")
        raise typer.Exit(2)
    from pipeline.ocr import ENGINES

    if engine not in ENGINES:
        err.print(f"[red]unknown OCR engine {engine!r}: choose one of {', '.join(ENGINES)}")
        raise typer.Exit(2)
    classifier = None
    if model is not None:
        from classifiers import EvidenceTypeClassifier
        from classifiers.model import ModelVersionError

        try:
            classifier = EvidenceTypeClassifier.load(model)
        except (FileNotFoundError, TypeError, ModelVersionError) as exc:
            err.print(f"[red]{exc}")
            raise typer.Exit(2) from exc
    report = evaluate_batch(batch, engine=engine, workers=workers, cache_dir=cache_dir, classifier=classifier,
                            progress=None if as_json else lambda m: err.print(f"[dim]{m}"))
    if markdown_out is not None:
        markdown_out.parent.mkdir(parents=True, exist_ok=True)
        markdown_out.write_text(markdown(report), encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        render(report)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_)
