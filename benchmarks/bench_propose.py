"""How fast ``Policy.propose`` is over a mix of evidence types (bulk runs call it per item).

Plain script: ``.venv/bin/python benchmarks/bench_propose.py [--policy ID] [--number N]``.
Prints calls per second and microseconds per call, overall and per type; the target is under
50 microseconds a call.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from rules import load_policy

# One realistic item per type, plus the awkward ones (missing, garbage) that bulk runs also meet.
MIX: list[tuple[str, dict[str, object]]] = [
    ("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "2023-06-16", "name_found": True}),
    (
        "patent_certificate",
        {"patent_kind": "utility_model", "rank": 4, "date": "2022-01-05", "name_found": True},
    ),
    (
        "training_certificate",
        {
            "stated_hours": 16,
            "days": 2,
            "start_date": "2023-05-06",
            "end_date": "2023-05-07",
            "subject": "public",
            "name_found": True,
        },
    ),
    ("conference_record", {"start_date": "2022-10-10", "end_date": "2022-10-11", "name_found": True}),
    ("online_course_certificate", {"stated_hours": 30, "date": "2021-12-01", "name_found": True}),
    (
        "project_completion",
        {"level": "provincial", "role": "main", "rank": 4, "date": "2021-09-30", "name_found": True},
    ),
    ("book_publication", {"rank": 2, "date": "2020-03-01", "isbn": "978-7-111", "name_found": True}),
    ("journal_paper", {"rank": 1, "date": "2022-04-01", "cn_number": "43-1068/S", "name_found": True}),
    ("award_certificate", {"level": "municipal", "grade": 2, "date": "2019-12-20", "name_found": True}),
    ("digital_skills_exam", {"modules": 2, "date": "2023-11-11", "name_found": True}),
    (
        "aid_assignment",
        {"start_date": "2021-03-01", "end_date": "2022-08-31", "assessment_passed": True, "name_found": True},
    ),
    ("degree_transcript", {"passed_count": 3, "date": "2022-07-01", "name_found": True}),
    ("hours_recognition_sheet", {"start_date": "2018-01-01", "end_date": "2022-12-31", "name_found": True}),
    ("public_institution_training", {"stated_hours": 12, "date": "2023-06-01", "name_found": True}),
    ("journal_paper", {"rank": "abc", "date": "not a date", "name_found": False}),
    ("other", {}),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--policy", default="changde-2024")
    ap.add_argument("--number", type=int, default=20_000, help="passes over the mix")
    args = ap.parse_args()
    policy = load_policy(args.policy)
    propose = policy.propose

    def run_mix() -> None:
        for t, f in MIX:
            propose(t, f)

    # CPU time of this process: the machine is shared, and wall time would count other jobs.
    best = min(timeit.repeat(run_mix, number=args.number, repeat=3, timer=time.process_time))
    calls = args.number * len(MIX)
    us = best / calls * 1e6
    print(f"policy {policy.policy_id}: {len(MIX)} item kinds x {args.number} passes, best of 3 (CPU time)")
    print(f"overall: {calls / best:,.0f} calls/s, {us:.2f} us per call (target < 50 us)")
    per_type = max(1, args.number // 4)
    for t, f in MIX:
        s = min(
            timeit.repeat(lambda t=t, f=f: propose(t, f), number=per_type, repeat=3, timer=time.process_time)
        )
        print(f"  {t:<28} {s / per_type * 1e6:6.2f} us")


if __name__ == "__main__":
    main()
