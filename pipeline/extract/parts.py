"""Which material parts (docs/architecture.md vocabulary) one page holds, by keyword tables.

A part is what a page is, so most parts are recognised on a heading line: short, not an
attachment reference (附件：课程安排表), not a sentence. See ``[parts]`` in patterns.toml.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.data import DATA
from pipeline.extract.normalize import normalize
from pipeline.types import Page

HEADING_MAX_CHARS = 40
_NOT_HEADING = re.compile(r"^(?:附件|附:|注|备注)|。")


def _page_lines(page: Page) -> list[str]:
    if page.lines:
        return [normalize(ln.text) for ln in page.lines if ln.text.strip()]
    return [normalize(t) for t in page.text.splitlines() if t.strip()]


def _headings(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        t = ln.strip(" :·-")
        if t and len(t) <= HEADING_MAX_CHARS and not _NOT_HEADING.search(t):
            out.append(t)
    return out


def _found(rule: dict[str, Any], text: str, headings: list[str]) -> bool:
    if any(re.search(p, h) for p in rule.get("heading", []) for h in headings):
        return True
    if any(re.search(p, text, re.MULTILINE) for p in rule.get("any", [])):
        return True
    alls = rule.get("all", [])
    return bool(alls) and all(re.search(p, text, re.MULTILINE) for p in alls)


def detect_parts(evidence_type: str, page: Page) -> set[str]:
    """Material parts on ``page`` for an item of ``evidence_type`` (empty when the type needs no
    material set, e.g. ``other``)."""
    family = DATA["parts"]["families"].get(evidence_type)
    if not family:
        return set()
    lines = _page_lines(page)
    text = "\n".join(lines)
    heads = _headings(lines)
    return {part for part, rule in DATA["parts"][family].items() if _found(rule, text, heads)}
