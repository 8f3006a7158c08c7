"""The extraction patterns and keyword maps, loaded once from ``patterns.toml``.

The file ships with the program: a missing or broken one is a program error
(``ProgramDataMissing``) that stops the run, never a per-item failure."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pipeline.errors import ProgramDataMissing

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")


def load(path: Path = PATTERNS_FILE) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise ProgramDataMissing("extraction patterns", path, str(e)) from e


DATA: dict[str, Any] = load()
