"""Personal information (GB/T 35273): ID-card numbers masked, who opened whose scans or saw
whose ID number in full, one applicant's records on request.

Resident ID numbers are sensitive personal information. They come in through the manifest
(``applicants.id_number``) and can appear in OCR'd text (a copy of an ID card in a batch, a
score report), so masking is by pattern over any text: 18 characters whose check digit is
right (GB 11643), plus the manifest's own value. Which roles may see them in full is data
(``FULL_ID_ROLES``); the recognition sheet always shows the number in full, it is the form
that needs it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

# roles that may ask for ID numbers in full (pages, exports); everyone else sees them masked
FULL_ID_ROLES = ("admin",)
_ID_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[0-9Xx])(?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def is_id_number(s: str) -> bool:
    """An 18-character resident ID number with the right check digit (GB 11643-1999)."""
    s = s.strip().upper()
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return _CHECK[sum(int(c) * w for c, w in zip(s[:17], _WEIGHTS, strict=True)) % 11] == s[17]


def may_see_id_numbers(role: str | None) -> bool:
    return role in FULL_ID_ROLES


def mask_id_number(s: str | None) -> str:
    """``430702199001011234`` -> ``430***********1234``: the province and the last four, enough
    to tell two people apart on a list, not enough to be the number. Empty stays empty."""
    s = (s or "").strip()
    if len(s) <= 7:
        return "*" * len(s)
    return s[:3] + "*" * (len(s) - 7) + s[-4:]


def redact_id_numbers(text: str) -> str:
    """Every valid ID number inside ``text`` masked; everything else untouched."""
    return _ID_RE.sub(lambda m: mask_id_number(m.group(1)) if is_id_number(m.group(1)) else m.group(1), text)


def redact(value: Any) -> Any:
    """``redact_id_numbers`` through strings, lists and dicts (a record, its fields)."""
    if isinstance(value, str):
        return redact_id_numbers(value)
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, dict):
        return {k: redact(v) for k, v in value.items()}
    return value


def role_of(session: Session, username: str) -> str | None:
    """The role of an active account, or None (no such account, or disabled)."""
    from pipeline.store.models import UserRow

    row = session.scalar(select(UserRow).where(UserRow.username == username))
    return row.role if row is not None and row.active else None


# ---------------------------------------------------------------- who opened which scans


def owners_of_file(session: Session, sha256: str) -> list[tuple[str, str | None]]:
    """(batch name, applicant id) of every item that holds the file."""
    from pipeline.store.models import Batch, ItemRow

    rows = session.execute(
        select(Batch.name, ItemRow.applicant_id, ItemRow.files)
        .join(Batch, Batch.id == ItemRow.batch_id)
        .where(cast(ItemRow.files, String).like(f"%{sha256}%"))
    )
    return sorted(
        {(b, a) for b, a, files in rows if sha256 in (files or [])}, key=lambda t: (t[0], t[1] or "")
    )


def log_scan_access(
    session: Session, user: str, action: str, sha256: str, page_no: int | None = None, client: str = ""
) -> None:
    """Append who opened a scan (``page``: a page image, ``original``: the file), once per applicant
    whose item holds it, and commit. Kept beside the audit log; never edited."""
    from pipeline.store.models import ScanAccessRow

    now = datetime.now(UTC)
    for batch, applicant in owners_of_file(session, sha256) or [(None, None)]:
        session.add(ScanAccessRow(at=now, user=user, action=action, batch=batch, applicant_id=applicant,
                                  file_sha256=sha256, page_no=page_no, client=client[:100]))  # fmt: skip
    session.commit()


# What the access log calls each act (``scan_access.action``), as the admin page names it.
ACCESS_ACTIONS = {
    "item": "打开条目",
    "page": "查看页面",
    "original": "下载原件",
    "applicant_export": "导出个人资料",
    "id_page": "查看完整身份证号",  # an admin asked a page for the numbers in full
    "id_export": "导出完整身份证号",  # ... a workbook or `cehours export --full-id-numbers`
    "id_queue": "终端查看完整身份证号",  # ... `cehours queue list|show --full-id-numbers`
}


def holds_id_number(value: Any) -> bool:
    """A record (or any text, list, dict) with an ID number that masking would hide."""
    return redact(value) != value


def revealed_in(records: Any) -> list[tuple[str | None, str | None]]:
    """(batch, applicant id) of every record shown in full that holds an ID number."""
    return sorted({(r.get("batch"), r.get("applicant_id")) for r in records if holds_id_number(r)},
                  key=lambda t: (t[0] or "", t[1] or ""))  # fmt: skip


def log_id_reveal(
    session: Session, user: str, action: str, owners: Any, client: str = ""
) -> int:
    """Append that ``user`` was shown the ID numbers of ``owners`` ((batch, applicant id) pairs)
    in full (``action``: ``id_page``, ``id_export``, ``id_queue``), one row per applicant, like
    a scan access, and commit; returns the rows added. Nothing to log when nobody's number was
    in what was shown."""
    from pipeline.store.models import ScanAccessRow

    if action not in ACCESS_ACTIONS:
        raise ValueError(f"unknown access action {action!r}")
    now = datetime.now(UTC)
    n = 0
    for batch, applicant in sorted(set(owners), key=lambda t: (t[0] or "", t[1] or "")):
        session.add(ScanAccessRow(at=now, user=user, action=action, batch=batch, applicant_id=applicant,
                                  client=client[:100]))  # fmt: skip
        n += 1
    session.commit()
    return n


def scan_accesses(session: Session, applicant_id: str | None = None, limit: int = 500) -> list[Any]:
    """The newest entries of the scan-access log, optionally of one applicant."""
    from pipeline.store.models import ScanAccessRow

    q = select(ScanAccessRow).order_by(ScanAccessRow.at.desc(), ScanAccessRow.id.desc()).limit(limit)
    if applicant_id:
        q = q.where(ScanAccessRow.applicant_id == applicant_id)
    return list(session.scalars(q))


def id_number_shown(value: str | None, role: str | None, asked_full: bool = False) -> str:
    """An ID number as a page shows it: in full only when asked for by a role that may see it."""
    if not value:
        return ""
    return value if asked_full and may_see_id_numbers(role) else mask_id_number(value)
