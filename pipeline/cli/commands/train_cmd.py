"""``cehours train``: rebuild the page-type model from generated pages (and reviewers' corrections)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def train(
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Where to write the model (.joblib); metadata goes next to it as .json. "
                     "Default: the shipped classifiers/artifacts/evidence-type-v1.joblib."),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Training seed (1000-1999; never an eval/test seed).")
    ] = 1000,
    per_type: Annotated[
        int, typer.Option("--per-type", min=3, help="Generated pages per type (true text).")
    ] = 60,
    ocr_per_kind: Annotated[
        int, typer.Option("--ocr-per-kind", min=0, help="Scans per page kind read by OCR (0: text only).")
    ] = 2,
    heldout_per_type: Annotated[int, typer.Option("--heldout-per-type", min=0)] = 15,
    heldout_ocr_per_kind: Annotated[int, typer.Option("--heldout-ocr-per-kind", min=0)] = 0,
    heldout_batch: Annotated[
        Path | None,
        typer.Option("--heldout-batch", help="A generated batch of a test seed (1-99): its OCR'd pages "
                     "give one more held-out score."),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="OCR engine: auto|tesseract|rapidocr[-openvino|-onnx].")
    ] = "auto",
    workers: Annotated[int | None, typer.Option("--workers", help="OCR worker processes.")] = None,
    cv: Annotated[bool, typer.Option("--cv/--no-cv", help="Report grouped 3-fold cross-validation.")] = True,
    from_db: Annotated[
        bool, typer.Option("--from-db", help="Add pages of items whose type a reviewer corrected.")
    ] = False,
    db: Annotated[str | None, typer.Option("--db", help="Database URL for --from-db.")] = None,
    real: Annotated[
        bool, typer.Option("--real/--no-real", help="Learn from the anonymised real corpus (tests/data/real) "
                           "and choose the reject threshold on it by CV grouped by repository.")
    ] = True,
    real_dir: Annotated[
        Path | None,
        typer.Option("--real-dir", help="Folder of real-document fixtures (default tests/data/real)."),
    ] = None,
) -> None:
    """Train the evidence-type classifier and write it with its metadata."""
    import json
    import random
    import time

    from rich.console import Console
    from rich.table import Table

    from classifiers import DEFAULT_MODEL, EvidenceTypeClassifier
    from classifiers.noise import add_ocr_noise
    from classifiers.training import Example, train_model

    console = Console()
    from pipeline.ocr import ENGINES

    if engine not in ENGINES:
        console.print(f"[red]unknown OCR engine {engine!r}: choose one of {', '.join(ENGINES)}")
        raise typer.Exit(2)
    if heldout_batch is not None and not (heldout_batch / ".truth.jsonl").is_file():
        console.print(f"[red]{heldout_batch} has no .truth.jsonl: --heldout-batch needs a generated batch")
        raise typer.Exit(2)
    if not 1000 <= seed <= 1999:
        console.print(f"[yellow]seed {seed} is outside the training range 1000-1999 (sample_docs/README.md)")
    extra: list[Example] = []
    if from_db:
        try:
            from classifiers.corrections import corrected_pages

            pages = corrected_pages(db)
        except Exception as exc:  # a wrong URL or an empty file: say so, train nothing
            console.print(f"[red]cannot read corrections from the database: {exc}")
            raise typer.Exit(2) from exc
        rng = random.Random(seed)
        for i, p in enumerate(pages):
            # The correction counts three times: as read, and twice with OCR noise.
            for k, text in enumerate([p.text, add_ocr_noise(p.text, rng), add_ocr_noise(p.text, rng)]):
                extra.append(Example(text, p.width, p.height, p.evidence_type, "db" if k == 0 else "db_noisy",
                                     f"db:{i}"))
        console.print(f"{len(pages)} corrected pages from the database")

    real_docs: list = []
    if real:
        from classifiers.openset import REAL_DIR, load_real_docs

        try:
            real_docs = load_real_docs(real_dir or REAL_DIR)
        except FileNotFoundError as exc:
            console.print(f"[red]{exc} (or train with --no-real)")
            raise typer.Exit(2) from exc
        console.print(f"{len(real_docs)} real documents from {real_dir or REAL_DIR}")
    model, meta = train_model(
        seed=seed, per_type=per_type, ocr_per_kind=ocr_per_kind, engine=engine, extra=extra,
        heldout_per_type=heldout_per_type, heldout_ocr_per_kind=heldout_ocr_per_kind,
        cv_folds=3 if cv else 0, workers=workers, progress=lambda m: console.print(f"[dim]{m}"),
        heldout_batch=heldout_batch, real_docs=real_docs,
    )
    meta["from_db_pages"] = len(extra) // 3
    path = model.save(out or DEFAULT_MODEL)
    t = time.perf_counter()
    EvidenceTypeClassifier.load(path)
    meta["load_seconds"] = round(time.perf_counter() - t, 3)
    meta["artifact_bytes"] = path.stat().st_size
    meta_path = path.with_suffix(".json")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    table = Table(title=f"evidence-type model → {path}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("training examples", str(meta["training_examples"]))
    for name, sc in [("cross-validated", meta["cross_validated"]), *meta["heldout"].items()]:
        if sc.get("n"):
            scores = f"{sc['accuracy']:.3f} / {sc['macro_f1']:.3f}"
            table.add_row(f"{name} accuracy / macro-F1 (n={sc['n']})", scores)
    if meta.get("reject_threshold") is not None:
        table.add_row("reject threshold (type_uncertain below)", f"{meta['reject_threshold']:.2f}")
    if meta.get("corroborated_threshold") is not None:
        table.add_row("… when the type's fields are all read", f"{meta['corroborated_threshold']:.2f}")
    table.add_row("artifact size", f"{meta['artifact_bytes'] / 1e6:.2f} MB")
    table.add_row("load time", f"{meta['load_seconds']:.3f} s")
    console.print(table)
    console.print(f"metadata: {meta_path}")


def register(app: typer.Typer) -> None:
    app.command("train")(train)
