"""How fast export and summary are over 10,000 items (target: under 5 s each, on SQLite).

Plain script: ``.venv/bin/python benchmarks/bench_export.py [--items N] [--applicants M] [--db URL]
[--write-results]``. Synthetic rows are inserted directly (bulk inserts, a fifth of the items
reviewed), then the jsonl and csv exports, the summary and the xlsx export are timed.
``--write-results`` writes the figures to benchmarks/results/export.md.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from sqlalchemy import delete, insert, select, update

from pipeline.export import records, write_csv, write_jsonl, write_xlsx
from pipeline.store.db import open_db
from pipeline.store.models import ApplicantRow, Batch, ItemRow, ProposalRow, ReviewRow
from pipeline.summary import applicant_summaries

RESULTS = Path(__file__).resolve().parent / "results" / "export.md"
TARGET_S = 5.0
TYPES = [
    ("patent_certificate", "2.4a", "professional", 60, {"patent_kind": "invention", "rank": 1}),
    ("training_certificate", "2.1", "public", 16, {"days": 2, "subject": "public", "stated_hours": 16}),
    ("journal_paper", "2.3b", "professional", 30, {"rank": 1, "cn_number": "43-1068/S"}),
    ("award_certificate", "2.5", "professional", 30, {"level": "provincial", "grade": 2}),
    ("online_course_certificate", "2.1", "professional", 24, {"stated_hours": 24}),
]


def populate(url: str, n_items: int, n_applicants: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    factory = open_db(url)
    now = datetime.now(UTC)
    with factory() as s, s.begin():
        batch_id = s.execute(
            insert(Batch)
            .values(
                name="bench", source="synthetic", started_at=now, status="done", counts={}, manifest_errors=[]
            )
            .returning(Batch.id)
        ).scalar_one()
        s.execute(
            insert(ApplicantRow),
            [
                {
                    "batch_id": batch_id,
                    "applicant_id": f"A{i:05d}",
                    "name": f"申请人{i}",
                    "employer": "常德市某单位",
                    "title_level": rng.choice(["senior", "intermediate", "junior"]),
                    "eval_year": 2024,
                    "id_number": "",
                }
                for i in range(n_applicants)
            ],
        )
        items = []
        for i in range(n_items):
            items.append(
                {
                    "batch_id": batch_id,
                    "applicant_id": f"A{i % n_applicants:05d}",
                    "path": f"A{i % n_applicants:05d}/item{i:06d}.jpg",
                    "files": [f"{i:064x}"],
                    "read_done": True,
                    "evidence_type": TYPES[i % len(TYPES)][0],
                    "type_confidence": 0.9,
                    "parts": ["certificate"],
                    "page_types": [[TYPES[i % len(TYPES)][0], 0.9]],
                    "status": "auto_ok",
                    "version": 2,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        s.execute(insert(ItemRow), items)
        ids = list(s.scalars(select(ItemRow.id).where(ItemRow.batch_id == batch_id).order_by(ItemRow.id)))
        proposals = []
        for n, item_id in enumerate(ids):
            etype, clause, cat, hours, fields = TYPES[n % len(TYPES)]
            year = rng.randint(2019, 2024)
            flags = ["materials_incomplete"] if n % 7 == 0 else []
            proposals.append(
                {
                    "item_id": item_id,
                    "policy_id": "changde-2024",
                    "model_version": "bench",
                    "evidence_type": etype,
                    "type_confidence": 0.9,
                    "fields": {**fields, "date": f"{year}-06-16", "name_found": True},
                    "credits": [{"year": year, "hours": hours, "category": cat}],
                    "hours": hours,
                    "clause": clause,
                    "flags": flags,
                    "flag_details": {},
                    "explanation": f"{etype} → {hours}学时",
                    "status": "needs_review" if flags else "auto_ok",
                    "fingerprint": f"{n:064x}",
                    "created_at": now,
                }
            )
        s.execute(insert(ProposalRow), proposals)
        pids = dict(s.execute(select(ProposalRow.item_id, ProposalRow.id)).all())
        s.execute(update(ItemRow), [{"id": i, "proposal_id": pids[i]} for i in ids])
        reviewed = ids[::5]  # a fifth confirmed by a reviewer
        reviews = [
            {
                "item_id": i,
                "proposal_id": pids[i],
                "user": "li",
                "at": now,
                "action": "confirm",
                "before": {},
                "after": {
                    "evidence_type": TYPES[0][0],
                    "type_confidence": 0.9,
                    "fields": {},
                    "credits": [{"year": 2023, "hours": 60, "category": "professional"}],
                    "hours": 60,
                    "clause": "2.4a",
                    "status": "confirmed",
                },
                "reason": "",
                "item_version": 3,
            }
            for i in reviewed
        ]
        s.execute(insert(ReviewRow), reviews)
        rids = dict(s.execute(select(ReviewRow.item_id, ReviewRow.id)).all())
        s.execute(
            update(ItemRow),
            [{"id": i, "review_id": rids[i], "status": "confirmed", "version": 3} for i in reviewed],
        )
    factory.kw["bind"].dispose()


def cleanup(url: str) -> None:
    factory = open_db(url)
    with factory() as s, s.begin():
        s.execute(delete(Batch).where(Batch.name == "bench", Batch.source == "synthetic"))  # cascades
    factory.kw["bind"].dispose()


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def run(url: str, tmp: Path) -> dict[str, tuple[float, int]]:
    factory = open_db(url)
    out: dict[str, tuple[float, int]] = {}
    with factory() as s:
        out["export jsonl"] = timed(lambda: write_jsonl(records(s, "bench"), io.StringIO()))
    with factory() as s:
        out["export csv"] = timed(lambda: write_csv(records(s, "bench"), io.StringIO()))
    with factory() as s:
        out["summary (all applicants)"] = timed(lambda: len(applicant_summaries(s, "bench")))
    with factory() as s:
        out["export xlsx"] = timed(lambda: write_xlsx(records(s, "bench"), tmp / "bench.xlsx"))
    factory.kw["bind"].dispose()
    return out  # type: ignore[return-value]


def bench(
    url: str | None, n_items: int, n_applicants: int
) -> tuple[str, float, dict[str, tuple[float, int]]]:
    """(backend, insert seconds, results) for one database (a fresh SQLite file when url is None)."""
    with tempfile.TemporaryDirectory() as d:
        target = url or f"sqlite:///{Path(d) / 'bench.db'}"
        t_fill, _ = timed(lambda: populate(target, n_items, n_applicants))
        try:
            results = run(target, Path(d))
        finally:
            if url:  # leave a shared database as it was
                cleanup(target)
    return target.split(":", 1)[0], t_fill, results


def write_results(n_items: int, n_applicants: int, runs: list[tuple[str, float, dict]]) -> None:
    header = "| what | " + " | ".join(f"{b} (s)" for b, _, _ in runs) + " |\n"
    header += "|---|" + "---:|" * len(runs) + "\n"
    names = list(runs[0][2])
    body = "".join(f"| {n} | " + " | ".join(f"{r[n][0]:.2f}" for _, _, r in runs) + " |\n" for n in names)
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    machine = f"{platform.machine()}, {os.cpu_count()} cores shared with other jobs"
    machine += f", Python {platform.python_version()}"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Export and summary speed\n\n"
        f"`benchmarks/bench_export.py --write-results`: {n_items} items of {n_applicants} applicants "
        "(a fifth of the items reviewed), rows inserted directly. Target: the jsonl and csv exports "
        f"and the summary each under {TARGET_S:.0f} s. The xlsx export is listed for information.\n\n"
        f"Measured {when} on {machine}.\n\n" + header + body,
        encoding="utf-8",
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--applicants", type=int, default=500)
    ap.add_argument("--db", action="append", help="database URL, repeatable (default: a fresh SQLite file)")
    ap.add_argument("--write-results", action="store_true", help="write benchmarks/results/export.md")
    args = ap.parse_args()
    runs = [bench(url, args.items, args.applicants) for url in (args.db or [None])]
    slow = []
    for backend, t_fill, results in runs:
        print(f"{args.items} items, {args.applicants} applicants on {backend} (insert {t_fill:.1f} s)")
        for name, (secs, n) in results.items():
            ok = secs < TARGET_S or "xlsx" in name
            slow += [] if ok else [f"{backend}: {name}"]
            print(f"  {name:<26} {secs:6.2f} s  ({n} rows)  {'OK' if ok else 'SLOW'}")
    if args.write_results:
        write_results(args.items, args.applicants, runs)
        print(f"written: {RESULTS}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
