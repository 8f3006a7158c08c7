"""How fast the review pages answer over a realistic database (5,000 items by default).

Plain script: ``.venv/bin/python benchmarks/bench_web.py [--items 5000] [--number 25]``.
Builds a SQLite database with synthetic batches stored the normal way (store.synthetic), each
item with fields, boxes and a one-page scan record, then times pages through the real app
(FastAPI TestClient, signed in): the median of ``--number`` requests each. Targets: a queue
page under 300 ms, an item page under 200 ms. Writes ``benchmarks/results/web.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

QUEUE_TARGET_MS = 300
ITEM_TARGET_MS = 200
TYPES = [
    ("patent_certificate", "2.4a",
     {"patent_kind": "invention", "rank": 1, "date": "2023-06-16", "name_found": True}),
    ("journal_paper", "2.3b",
     {"rank": 2, "journal": "中国农学通报", "cn_number": "11-1984/S", "date": "2022-03-01",
      "name_found": True}),
    ("training_certificate", "2.1",
     {"stated_hours": 16, "days": 2, "start_date": "2021-05-06", "end_date": "2021-05-07",
      "subject": "public", "name_found": True}),
    ("award_certificate", "2.5",
     {"level": "municipal", "grade": 2, "date": "2020-12-20", "name_found": True}),
]  # fmt: skip
FLAGS = [[], [], ["materials_incomplete"], ["low_confidence"], ["rank_reading", "claimed_by_other"], []]


def build(db_url: str, n_items: int, per_applicant: int = 25) -> None:
    from sqlalchemy import select

    from pipeline.store import open_db
    from pipeline.store.models import FieldRow, FileRow, ItemRow, PageRow
    from pipeline.store.synthetic import insert_batch, make_proposal
    from pipeline.store.users import add_user
    from pipeline.types import Applicant

    factory = open_db(db_url)
    lines = [{"text": f"第{i}行 证书文字 示例内容", "box": [100, 80 + 40 * i, 900, 110 + 40 * i], "conf": 0.9,
              "words": []} for i in range(40)]  # fmt: skip
    n_batches = max(1, n_items // 1000)
    made = 0
    for b in range(n_batches):
        name = f"bench-{b + 1:02d}"
        count = n_items // n_batches + (1 if b < n_items % n_batches else 0)
        applicants = [Applicant(f"B{b}A{i:04d}", f"申报人{i}", "常德市某单位", "senior", 2024)
                      for i in range((count + per_applicant - 1) // per_applicant)]  # fmt: skip
        proposals = []
        for k in range(count):
            etype, clause, fields = TYPES[k % len(TYPES)]
            flags = FLAGS[k % len(FLAGS)]
            aid = applicants[k // per_applicant].applicant_id
            proposals.append(make_proposal(
                name, aid, f"{aid}/{k}.jpg",
                evidence_type=etype, clause=clause, fields=dict(fields), flags=flags, hours=30,
                year=2019 + k % 5,
                status="needs_review" if flags else "auto_ok",
            ))  # fmt: skip
        with factory() as s, s.begin():
            insert_batch(s, name, applicants, proposals)
        made += count
    # every item gets a one-page scan record and boxes on its fields, as processed items have
    with factory() as s, s.begin():
        for item in s.scalars(select(ItemRow)):
            sha = hashlib.sha256(f"{item.id}".encode()).hexdigest()
            s.add(FileRow(sha256=sha, names=[item.path], kind="png", size=1, stored_path="/nonexistent"))
            text = "\n".join(x["text"] for x in lines)
            s.add(PageRow(file_sha256=sha, page_no=0, width=1240, height=1754, text=text, lines=lines,
                          engine="tesseract", mean_conf=0.9))  # fmt: skip
            item.files = [sha]
        for i, f in enumerate(s.scalars(select(FieldRow))):
            f.page, f.box = 0, [100, 80 + 40 * (i % 40), 700, 110 + 40 * (i % 40)]
    with factory() as s:
        add_user(s, "bench", "bench-password", "reviewer")
    factory.kw["bind"].dispose()
    assert made == n_items


def timed(client, path: str, number: int) -> tuple[float, float, float]:
    """(median server ms, worst server ms, median round trip ms) of ``number`` GETs of ``path``.

    Server time is the app's own ``Server-Timing`` (request in to response head, all middleware
    included); the round trip adds the test client's thread hand-over and reading the body.
    """
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code)
    server, trip = [], []
    for _ in range(number):
        t = time.perf_counter()
        r = client.get(path)
        trip.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
        server.append(float(re.search(r"app;dur=([0-9.]+)", r.headers["server-timing"]).group(1)))
    return statistics.median(server), max(server), statistics.median(trip)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--number", type=int, default=25)
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "web.md"))
    ap.add_argument("--db", help="keep the database in this SQLite file (built when missing) to time again")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings

    with tempfile.TemporaryDirectory() as tmp:
        db_file = Path(args.db).resolve() if args.db else Path(tmp) / "bench.db"
        url = f"sqlite:///{db_file}"
        t0 = time.perf_counter()
        reused = db_file.exists()
        if not reused:
            build(url, args.items)
        built = time.perf_counter() - t0
        app = create_app(settings=WebSettings(db_url=url, data_dir=Path(tmp) / "data", secret="b" * 40))
        client = TestClient(app)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        client.post("/login", data={"username": "bench", "password": "bench-password", "csrf_token": token})
        html = client.get("/queue?status=needs_review").text
        item_id = re.search(r'data-href="/items/(\d+)', html).group(1)
        pages = max(1, args.items // 50)
        cases = [
            ("queue", "queue, first page (needs_review first)", "/queue"),
            ("queue", "queue, filtered by flag", "/queue?flag=materials_incomplete"),
            ("queue", "queue, filtered by type + status", "/queue?type=journal_paper&status=needs_review"),
            ("queue", "queue, filtered by applicant name", "/queue?applicant=申报人7"),
            ("queue", f"queue, last page ({pages})", f"/queue?page={pages}"),
            ("item", "item page (scan record, 40 OCR lines, fields, boxes)", f"/items/{item_id}"),
            (
                "item",
                "item page with queue filters (next-item lookup)",
                f"/items/{item_id}?status=needs_review",
            ),
            ("other", "applicant page", "/applicants/1"),
            ("other", "batches page", "/batches"),
        ]
        rows = []
        ok = True
        for kind, label, path in cases:
            med, worst, trip = timed(client, path, args.number)
            target = QUEUE_TARGET_MS if kind == "queue" else ITEM_TARGET_MS if kind == "item" else None
            passed = target is None or med < target
            ok &= passed
            rows.append((label, path, med, worst, trip, target, passed))
            verdict = "" if target is None else ("ok" if passed else "SLOW")
            print(f"{label:58s} server {med:6.1f} ms (worst {worst:6.1f}), round trip {trip:6.1f}  {verdict}")

    lines = [
        "# Web pages: server time",
        "",
        f"`benchmarks/bench_web.py --items {args.items} --number {args.number}`: SQLite, {args.items} items "
        f"(synthetic, stored through the store), {args.number} GETs per page through the app (TestClient, "
        f"signed in) after one warm-up. Server time is the app's `Server-Timing` header (request in to "
        f"response head, middleware, session check, queries and template included). "
        + ("Database reused from an earlier run. " if reused else f"Database built in {built:.0f} s. ")
        + f"Machine: 2 cores shared with other jobs (load average {os.getloadavg()[0]:.0f} "
        "at the end of the run), so worst times are noisy; medians are the figure.",
        "",
        "| page | server median ms | server worst ms | round trip median ms | target ms | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, path, med, worst, trip, target, passed in rows:
        lines.append(f"| {label} (`{path}`) | {med:.1f} | {worst:.1f} | {trip:.1f} | {target or '—'} | "
                     f"{'' if target is None else ('ok' if passed else 'SLOW')} |")  # fmt: skip
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {args.out}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
