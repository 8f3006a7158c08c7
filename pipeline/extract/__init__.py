"""Field extraction with provenance: an item's pages + its type + the applicant -> FieldValues.

Patterns are data (``patterns.toml``); the extractors in ``fields.py`` are generic.
"""

from __future__ import annotations

from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.fields import EXTRACTORS
from pipeline.extract.lines import item_lines, logical_lines
from pipeline.extract.parts import detect_parts
from pipeline.types import Applicant, FieldValue, Page

__all__ = ["detect_parts", "extract_fields", "fields_for"]


def fields_for(evidence_type: str) -> list[str]:
    """The contract fields that apply to ``evidence_type`` (none for an unknown type)."""
    return list(DATA["types"].get(evidence_type, {}).get("fields", []))


def extract_fields(
    evidence_type: str, pages: list[Page], applicant: Applicant | None
) -> dict[str, FieldValue]:
    """Read the fields of ``evidence_type`` from ``pages``; a field not read is left out."""
    cfg = dict(DATA["types"].get(evidence_type, {}))
    cfg["_type"] = evidence_type
    physical = item_lines(pages)
    ctx = Ctx(logical_lines(physical), applicant, cfg, physical=physical)
    out: dict[str, FieldValue] = {}
    if not ctx.lines:
        return out
    for name in cfg.get("fields", []):
        fv = EXTRACTORS[name](ctx)
        if fv is not None and fv.value is not None:
            out[name] = fv
    return out
