"""Value types of the rules library (pure: no OCR, no database, no network)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Credit:
    """Hours credited to one year in one category: public | professional | full_year."""

    year: int
    hours: float
    category: str
