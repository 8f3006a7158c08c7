"""The extraction patterns and keyword maps, loaded once from ``patterns.toml``.

The file ships with the program: a missing or broken one is a program error
(``ProgramDataMissing``) that stops the run, never a per-item failure."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.errors import ProgramDataMissing

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")
VARIANTS_FILE = Path(__file__).with_name("variants.tsv")


def load(path: Path = PATTERNS_FILE) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ProgramDataMissing("extraction patterns", path, str(e)) from e


DATA: dict[str, Any] = load()


def load_variants(path: Path = VARIANTS_FILE) -> dict[str, str]:
    """Traditional character -> the simplified one it is read as (``variants.tsv``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ProgramDataMissing("traditional-simplified variants", path, str(e)) from e
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        trad, sep, simp = line.partition("\t")
        if not sep or len(trad) != 1 or len(simp) != 1:
            raise ProgramDataMissing("traditional-simplified variants", path, f"line {n}: {line!r}")
        out[trad] = simp
    return out
