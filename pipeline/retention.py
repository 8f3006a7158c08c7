"""How long scans are kept, and one applicant's data on request.

``purge(before)`` removes the originals and rendered page images of batches finished before a
date, keeping every row: items, fields, proposals, every review with its reason, the pages'
OCR text, the scan-access log. ``files.purged_at`` marks what went. A file also held by a
batch not yet due (the same scan uploaded again later) is kept.

``export_applicant`` writes one applicant's records, decisions, scan-access log and scans into
a folder, for a request from that person.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import ApplicantRow, Batch, FileRow, ItemRow, ReviewRow, ScanAccessRow


@dataclass
class PurgeResult:
    batches: list[str] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    page_images: int = 0
    kept_shared: int = 0  # files also held by a batch not due


def _files_of(session: Session, batch_ids: list[int]) -> set[str]:
    out: set[str] = set()
    for files in session.scalars(select(ItemRow.files).where(ItemRow.batch_id.in_(batch_ids))):
        out.update(files or [])
    return out


def purge(session: Session, before: date, page_images_dir: Path, dry_run: bool = False) -> PurgeResult:
    """Remove originals and page images of batches finished (status ``done``) before ``before``."""
    cutoff = datetime.combine(before, time.min, tzinfo=UTC)
    due, not_due = [], []
    for b in session.scalars(select(Batch)):
        finished = b.finished_at
        if finished is not None and finished.tzinfo is None:  # SQLite hands back naive UTC
            finished = finished.replace(tzinfo=UTC)
        (due if b.status == "done" and finished is not None and finished < cutoff else not_due).append(b)
    result = PurgeResult(batches=sorted(b.name for b in due))
    if not due:
        return result
    wanted = _files_of(session, [b.id for b in due])
    keep = _files_of(session, [b.id for b in not_due]) if not_due else set()
    result.kept_shared = len(wanted & keep)
    now = datetime.now(UTC)
    for sha in sorted(wanted - keep):
        f = session.get(FileRow, sha)
        if f is None or f.purged_at is not None:
            continue
        path = Path(f.stored_path) if f.stored_path else None
        if path is not None and path.is_file():
            result.bytes += path.stat().st_size
            if not dry_run:
                os.chmod(path, 0o644)  # the store keeps originals read-only
                path.unlink()
        images = sorted(page_images_dir.glob(f"{sha}-*")) if page_images_dir.is_dir() else []
        result.page_images += len(images)
        if not dry_run:
            for img in images:
                img.unlink(missing_ok=True)
            f.purged_at = now
        result.files += 1
    if not dry_run:
        session.commit()
    return result


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, default=str)


def export_applicant(
    session: Session, applicant_id: str, out: Path, user: str, client: str = "cli"
) -> dict[str, Any]:
    """One applicant's data in ``out`` (a new folder): ``applicant.json`` (as taken in, every batch),
    ``records.jsonl`` (every item's current record, ID numbers in full: it is their own),
    ``reviews.json`` (every decision with its reason), ``scan-access.json`` (who opened their
    scans) and ``scans/`` (the originals still kept). The export is itself logged (``client``:
    ``cli``, or the web client's address)."""
    from pipeline.export import records
    from pipeline.filestore import sha256_file

    rows = list(session.scalars(select(ApplicantRow).where(ApplicantRow.applicant_id == applicant_id)))
    if not rows:
        raise LookupError(f"there is no applicant {applicant_id}")
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    (out / "scans").mkdir(parents=True, exist_ok=True)
    batches = {b.id: b.name for b in session.scalars(select(Batch))}
    people = [
        {"batch": batches[r.batch_id], "applicant_id": r.applicant_id, "name": r.name, "employer": r.employer,
         "title_level": r.title_level, "eval_year": r.eval_year, "id_number": r.id_number}
        for r in rows
    ]  # fmt: skip
    (out / "applicant.json").write_text(_json(people), encoding="utf-8")
    recs = list(records(session, applicant_id=applicant_id, full_id_numbers=True))
    (out / "records.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8"
    )
    items = list(session.scalars(select(ItemRow).where(ItemRow.applicant_id == applicant_id)))
    item_path = {i.id: (batches[i.batch_id], i.path) for i in items}
    reviews = [
        {"batch": item_path[r.item_id][0], "item": item_path[r.item_id][1], "user": r.user, "at": r.at,
         "action": r.action, "before": r.before, "after": r.after, "reason": r.reason}
        for r in session.scalars(
            select(ReviewRow).where(ReviewRow.item_id.in_(list(item_path))).order_by(ReviewRow.id)
        )
    ]  # fmt: skip
    (out / "reviews.json").write_text(_json(reviews), encoding="utf-8")
    log = session.scalars(
        select(ScanAccessRow).where(ScanAccessRow.applicant_id == applicant_id).order_by(ScanAccessRow.id)
    )
    access = [
        {"at": a.at, "user": a.user, "action": a.action, "batch": a.batch, "file": a.file_sha256,
         "page": a.page_no}
        for a in log
    ]  # fmt: skip
    (out / "scan-access.json").write_text(_json(access), encoding="utf-8")
    scans, purged = [], []
    for i in items:
        for sha in i.files or []:
            f = session.get(FileRow, sha)
            if f is None:
                continue
            src = Path(f.stored_path)
            if f.purged_at is not None or not src.is_file():
                purged.append({"item": i.path, "sha256": sha})
                continue
            dest = out / "scans" / batches[i.batch_id] / i.path / f"{sha[:12]}.{f.kind}"
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            if sha256_file(dest)[0] != sha:
                raise OSError(f"original {src} does not match its hash")
            scans.append({"item": i.path, "sha256": sha, "file": dest.relative_to(out).as_posix()})
    (out / "scans.json").write_text(_json({"kept": scans, "purged": purged}), encoding="utf-8")
    session.add(ScanAccessRow(user=user, action="applicant_export", applicant_id=applicant_id,
                              client=client[:100]))  # fmt: skip
    session.commit()
    return {"records": len(recs), "reviews": len(reviews), "scans": len(scans), "purged": len(purged)}


def zip_folder(folder: Path, out: Path) -> Path:
    """``folder``'s files into the zip ``out``, by their paths inside it (the web page's download
    of ``export_applicant``: the same files as the CLI's folder)."""
    import zipfile

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            z.write(f, f.relative_to(folder).as_posix())
    return out
