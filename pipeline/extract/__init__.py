"""Field extraction with provenance: an item's pages + its type + the applicant -> FieldValues.

Patterns are data (``patterns.toml``: per-type labels, regexes, keyword maps, the level map, the
material-part headings); the extractors are small generic functions (``fields.py`` registry,
modules ``people``, ``when``, ``codes``, ``maps``, ``texts``, ``scores``).

Decisions a reviewer should know:
- Text is normalised first (``normalize.py``): NFKC full-width -> half-width, O/l read for 0/1
  inside numbers, spaces inside CJK runs removed; wrapped paragraph lines are joined
  (``lines.logical_lines``) so a date or 共计8学时 split over two lines is still read.
- A month-only date (二〇二三年十二月) is given as the 1st of the month, a year-only one
  (2023年度) as 1 January, with confidence x0.95 / x0.85 (the year is what the rules credit).
  A journal issue 2023年第6期 gives 2023-06-01 (issue = month for monthlies; the year is sure).
- An award printed with its own year (2022年度…奖, 奖励年度：2022年度) on a certificate dated the
  year after is dated 31 December of that year (rules.md 2.5), the certificate's date in ``check``.
- A level read from a contest's or programme's name (广东省分赛, 湖南省…竞赛) is provincial; with a
  provincial department printed too (省教育厅: 厅级 by the notice's wording) it goes to a person.
- ``subject`` is only given when printed (公需 -> public, 专业科目 -> professional); otherwise
  the rules decide (professional for trainings, an assumed category for the platform).
- ``name_found=False`` is an argument from silence and never above 0.75 confidence; a name
  found only in pinyin on a Chinese page is 0.6; one wrong character in a 3-character name 0.67.
- Confidence = pattern strength x OCR factor of the line (0.3 + 0.75 x line confidence, capped
  at 1): a labelled value on a clean line is 0.9-0.98, fallbacks and noisy lines fall under
  0.8, which is where ``pipeline.proposals`` sends a deciding field to a person.
"""

from __future__ import annotations

from typing import Any

from pipeline.errors import ProgramDataError
from pipeline.extract.context import Ctx
from pipeline.extract.data import DATA
from pipeline.extract.fields import EXTRACTORS
from pipeline.extract.lines import item_lines, logical_lines
from pipeline.extract.parts import detect_parts
from pipeline.types import Applicant, FieldValue, Page

__all__ = ["detect_parts", "extract_fields", "fields_for"]


def check_tables(patterns: dict[str, Any] = DATA) -> None:
    """The patterns against the evidence table (rules/evidence.toml), at load: every type has its
    patterns, every field read has an extractor, and every field that decides a type's hours is
    one that extraction reads for that type (else it would never be gated).
    Raises ``ProgramDataError`` naming the type and field."""
    from rules.evidence import TYPES

    for code, spec in TYPES.items():
        table = patterns.get("types", {}).get(code)
        if table is None:
            raise ProgramDataError(f"patterns.toml: no [types.{code}] for evidence type {code!r}")
        read = table.get("fields", [])
        for name in read:
            if name not in EXTRACTORS:
                raise ProgramDataError(f"patterns.toml: types.{code}.fields: no extractor for {name!r}")
        for name in spec.deciding:
            if name not in read:
                raise ProgramDataError(
                    f"rules/evidence.toml: types.{code}.deciding: {name!r} decides the hours but "
                    f"patterns.toml does not read it for {code} (types.{code}.fields)"
                )


check_tables()


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
