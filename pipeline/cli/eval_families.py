"""``cehours eval --leave-family-out``: the layout-family evaluation of pipeline/evaluate_families.py."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any


def run_leave_family_out(
    per_family: int, seed: int, markdown_out: Path | None, as_json: bool, err: Any, real: bool = True,
    families: list[str] | None = None,
) -> None:
    import typer
    from rich.console import Console
    from rich.markdown import Markdown

    from pipeline.evaluate_families import folds, leave_family_out, markdown

    only_folds = None
    if families:
        # a fold holds out one family of every type at once: scoring a family means its whole fold
        fold_of = {name: k for k, names in enumerate(folds()) for name in names}
        unknown = [f for f in families if f not in fold_of]
        if unknown:
            err.print(f"[red]unknown layout famil{'y' if len(unknown) == 1 else 'ies'}: {', '.join(unknown)} "
                      f"(known: {', '.join(sorted(fold_of))})")
            raise typer.Exit(2)
        only_folds = sorted({fold_of[f] for f in families})
    report = leave_family_out(
        seed=seed, per_family=per_family, progress=None if as_json else lambda m: err.print(f"[dim]{m}"),
        real=real, only_folds=only_folds,
    )
    text = markdown(report)
    if markdown_out is not None:
        markdown_out.parent.mkdir(parents=True, exist_ok=True)
        markdown_out.write_text(text, encoding="utf-8")
    if as_json:
        print(json.dumps(asdict(report), ensure_ascii=False, indent=2, default=str))
    else:
        Console().print(Markdown(text))
