"""Which material parts (docs/architecture.md vocabulary) one page holds, by keyword tables."""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.data import DATA
from pipeline.extract.normalize import normalize
from pipeline.types import Page


def _page_text(page: Page) -> str:
    if page.lines:
        return "\n".join(normalize(ln.text) for ln in page.lines)
    return "\n".join(normalize(t) for t in page.text.splitlines())


def _matches(rule: Any, text: str) -> bool:
    if isinstance(rule, dict):
        return all(re.search(p, text, re.MULTILINE) for p in rule.get("all", []))
    return re.search(rule, text, re.MULTILINE) is not None


def detect_parts(evidence_type: str, page: Page) -> set[str]:
    """Material parts on ``page`` for an item of ``evidence_type`` (empty for ``other``)."""
    family = DATA["parts"]["families"].get(evidence_type)
    if not family:
        return set()
    text = _page_text(page)
    return {part for part, rules in DATA["parts"][family].items() if any(_matches(r, text) for r in rules)}
