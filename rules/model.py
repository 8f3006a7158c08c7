"""Value types of the rules library (pure: no OCR, no database, no network)."""

from __future__ import annotations

from dataclasses import dataclass

from rules.evidence import TYPES

# The evidence types of docs/contract.md section 2 (rules/evidence.toml): the one vocabulary
# that every stage and policy shares.
EVIDENCE_TYPES: tuple[str, ...] = tuple(TYPES)


@dataclass(frozen=True)
class Credit:
    """Hours credited to one year in one category: public | professional | full_year."""

    year: int
    hours: float
    category: str
