"""``cehours export``: one record per evidence item (docs/contract.md section 4), as JSON lines, CSV or XLSX.

The record is the item's current decision: after a review, the reviewer's values and status
(confirmed / adjusted / rejected); before, the latest proposal. Intake errors are records too.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from pipeline.store.query import current_items
from pipeline.store.records import RECORD_KEYS, record

FORMATS = ("jsonl", "csv", "xlsx")
_NESTED = ("fields", "credits", "flags")  # written as JSON text in the flat formats


def records(
    session: Session,
    batch: str | None = None,
    applicant_id: str | None = None,
    full_id_numbers: bool = False,
) -> Iterator[dict[str, Any]]:
    """The current record of every item of ``batch`` (every batch when None).

    ID-card numbers in a record (read off a scan) are masked unless ``full_id_numbers``, which
    the caller grants only to a role of ``pipeline.privacy.FULL_ID_ROLES``."""
    from pipeline.privacy import redact

    for ci in current_items(session, batch, applicant_id):
        rec = record(ci.batch, ci.item, ci.proposal, ci.review)
        yield rec if full_id_numbers else redact(rec)


def flat(rec: dict[str, Any]) -> dict[str, Any]:
    """A record as one spreadsheet row: nested values as JSON text, in contract key order."""
    return {
        k: json.dumps(rec[k], ensure_ascii=False) if k in _NESTED else ("" if rec[k] is None else rec[k])
        for k in RECORD_KEYS
    }


def write_jsonl(recs: Iterator[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for r in recs:
        out.write(json.dumps(r, ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_csv(recs: Iterator[dict[str, Any]], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=list(RECORD_KEYS))
    w.writeheader()
    n = 0
    for r in recs:
        w.writerow(flat(r))
        n += 1
    return n


def write_xlsx(recs: Iterator[dict[str, Any]], path: str | Path) -> int:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # streams rows: memory stays flat for large batches
    ws = wb.create_sheet("items")
    ws.append(list(RECORD_KEYS))
    n = 0
    for r in recs:
        ws.append(list(flat(r).values()))
        n += 1
    wb.save(str(path))
    return n


def export(
    session: Session,
    fmt: str,
    out: str | Path | IO[str] | None,
    batch: str | None = None,
    *,
    full_id_numbers: bool = False,
    applicant_id: str | None = None,
) -> int:
    """Write the records in ``fmt`` to ``out`` (a path, an open text file, or None for stdout).

    Returns how many records were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    recs = records(session, batch, applicant_id, full_id_numbers)
    if fmt == "xlsx":
        if out is None or not isinstance(out, str | Path):
            raise ValueError("xlsx needs an output file (-o FILE.xlsx)")
        return write_xlsx(recs, out)
    writer = write_jsonl if fmt == "jsonl" else write_csv
    if out is None:
        return writer(recs, sys.stdout)
    if not isinstance(out, str | Path):
        return writer(recs, out)
    # utf-8-sig for CSV so that Excel on a Chinese Windows shows the characters right
    with open(out, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") as fh:
        return writer(recs, fh)
