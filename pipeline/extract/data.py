"""The extraction patterns and keyword maps, loaded once from ``patterns.toml``."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

PATTERNS_FILE = Path(__file__).with_name("patterns.toml")


def load(path: Path = PATTERNS_FILE) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


DATA: dict[str, Any] = load()
