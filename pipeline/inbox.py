"""A watched inbox folder: which batches are ready, claiming one, and filing it with a report.

    inbox/
      2024-spring/ + .ready      a folder batch, ready once its .ready marker exists
      2024-autumn.zip            a zip batch, ready once its size holds still across two looks
      processing/<claim id>/<batch>    claimed: being processed by one watcher
      done/<batch> + <batch>.report.json + <batch>.report.md
      failed/<batch> + <batch>.report.json + <batch>.report.md

Claiming is one ``os.rename`` of the batch into a folder only this watcher created: the rename is
atomic, so when two watchers (threads, processes or machines on one file system) reach for the
same batch exactly one succeeds and the other finds it gone. No Prefect here, so it is tested and
used on its own.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

READY_MARKER = ".ready"
SUBDIRS = ("processing", "done", "failed")


@dataclass(frozen=True)
class Claim:
    name: str  # the batch folder or zip name, kept so the batch keeps its name
    path: Path  # inbox/processing/<claim id>/<name>
    inbox: Path
    claimed_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ensure_layout(inbox: Path) -> None:
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a folder")
    for d in SUBDIRS:
        (inbox / d).mkdir(exist_ok=True)


def find_ready(inbox: str | Path, settle_seconds: float = 5.0) -> list[Path]:
    """Batches ready to take, oldest first: marked folders and zips whose size held still.

    Zips are looked at twice, ``settle_seconds`` apart, so one still being copied in is left for
    the next pass. Hidden names and the inbox's own folders are ignored."""
    root = Path(inbox)
    ensure_layout(root)
    entries = [p for p in root.iterdir() if not p.name.startswith(".") and p.name not in SUBDIRS]
    folders = [p for p in entries if p.is_dir() and (p / READY_MARKER).is_file()]
    zips = {p: _size(p) for p in entries if p.is_file() and p.suffix.lower() == ".zip"}
    if zips and settle_seconds > 0:
        time.sleep(settle_seconds)
    stable = [p for p, size in zips.items() if size is not None and size > 0 and _size(p) == size]
    return sorted(folders + stable, key=lambda p: (_mtime(p), p.name))


def _size(p: Path) -> int | None:
    try:
        st = p.stat()
    except FileNotFoundError:
        return None
    return st.st_size


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def claim(inbox: str | Path, batch: Path) -> Claim | None:
    """Take ``batch`` for this watcher, or None when another one took it first."""
    root = Path(inbox)
    ensure_layout(root)
    claim_id = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    home = root / "processing" / claim_id
    home.mkdir()  # ours alone (a fresh random name), so the rename below can clobber nothing
    target = home / batch.name
    try:
        os.rename(batch, target)  # atomic: exactly one watcher moves it
    except FileNotFoundError:
        home.rmdir()
        return None
    # Who holds it, for a person looking at a claim left behind by a watcher that died.
    info = {"batch": batch.name, "claimed_at": _now(), "host": socket.gethostname(), "pid": os.getpid()}
    (home / "claim.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    marker = target / READY_MARKER
    if marker.is_file():
        marker.unlink()  # the batch is taken; a marker moved back by hand would re-offer it
    return Claim(name=batch.name, path=target, inbox=root, claimed_at=info["claimed_at"])


def _free_name(folder: Path, name: str) -> str:
    """``name``, or ``name`` with a time stamp when a batch of that name was filed before."""
    if not (folder / name).exists():
        return name
    stem, dot, ext = name.rpartition(".") if "." in name and not (folder / name).is_dir() else (name, "", "")
    return f"{stem}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:4]}{dot}{ext}"


def finish_claim(
    c: Claim,
    ok: bool,
    summary: dict[str, Any] | None = None,
    intake_errors: list[dict[str, str]] | None = None,
    error: str | None = None,
    db: str | None = None,
) -> dict[str, Any]:
    """Move the claimed batch to ``done/`` or ``failed/`` and write its report beside it."""
    dest_dir = c.inbox / ("done" if ok else "failed")
    name = _free_name(dest_dir, c.name)
    dest = dest_dir / name
    os.rename(c.path, dest)
    shutil.rmtree(c.path.parent, ignore_errors=True)
    report: dict[str, Any] = {
        "batch": c.name,
        "status": "done" if ok else "failed",
        "claimed_at": c.claimed_at,
        "finished_at": _now(),
        "path": str(dest),
    }
    if ok and summary is not None:
        report["database"] = _hide_password(db) if db else None
        report["counts"] = {
            k: summary.get(k)
            for k in ("items", "auto_ok", "needs_review", "reviewed", "intake_errors", "new_proposals")
        }
        report["seconds"] = summary.get("seconds")
        report["manifest_errors"] = summary.get("manifest_errors", [])
        report["intake_errors"] = intake_errors or []
        report["applicants"] = [_verdict(a) for a in summary.get("applicants", [])]
    if error:
        report["error"] = error
    _write_atomic(
        dest_dir / f"{name}.report.json", json.dumps(report, ensure_ascii=False, indent=2, default=str)
    )
    _write_atomic(dest_dir / f"{name}.report.md", report_markdown(report))
    return report


def _hide_password(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL we understand: say nothing rather than leak it
        return "(database)"


def _verdict(a: dict[str, Any]) -> dict[str, Any]:
    """One applicant's line of the report: who, how many items, the span hours and the verdict."""
    years = a.get("years") or {}
    return {
        "applicant_id": a.get("applicant_id"),
        "name": a.get("name"),
        "title_level": a.get("title_level"),
        "eval_year": a.get("eval_year"),
        "items": a.get("items"),
        "auto_ok": a.get("auto_ok"),
        "needs_review": a.get("needs_review"),
        "span": a.get("span"),
        "span_hours": round(sum(float(y.get("total", 0)) for y in years.values()), 2),
        "span_ok": a.get("span_ok"),
        "error": a.get("error"),
    }


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:6]}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


COUNT_KEYS = ("items", "auto_ok", "needs_review", "reviewed", "intake_errors", "new_proposals")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(v) for v in row) + " |" for row in rows] + [""]


def report_markdown(report: dict[str, Any]) -> str:
    """The report for a person: status, counts, intake errors, applicants' verdicts or the error."""
    out = [f"# Batch {report['batch']}: {report['status']}", ""]
    out += [f"Claimed {report['claimed_at']}, finished {report['finished_at']}.", ""]
    if report.get("error"):
        out += ["## Error", "", "```", str(report["error"]), "```", ""]
    counts = report.get("counts")
    if counts:
        out += ["## Counts", "", *_table(list(COUNT_KEYS), [[counts.get(k, "") for k in COUNT_KEYS]])]
    if report.get("manifest_errors"):
        out += ["## Manifest errors", ""] + [f"- {m}" for m in report["manifest_errors"]] + [""]
    if report.get("intake_errors"):
        out += ["## Intake errors", ""] + [f"- `{e['item']}`: {e['reason']}" for e in report["intake_errors"]]
        out.append("")
    if report.get("applicants"):
        rows = []
        for a in report["applicants"]:
            verdict = "met" if a.get("span_ok") else "not met"
            if a.get("error"):
                verdict = f"cannot assess: {a['error']}"
            rows.append([a["applicant_id"], a["name"], a["title_level"], a["eval_year"], a["items"],
                         a["span_hours"], verdict])  # fmt: skip
        header = ["applicant", "name", "level", "eval year", "items", "span hours", "verdict"]
        out += ["## Applicants", "", *_table(header, rows)]
    return "\n".join(out)
