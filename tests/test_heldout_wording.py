"""The held-out wording check (tests/data/heldout/items.json, benchmarks/bench_heldout_wording.py):
texts of 16 evidence types as real issuers word them, read with the type given and proposed
through the gate. What a reviewer relies on: nothing read wrong is auto-approved, and reading
does not fall back below what it was when the check was written (0.987 of 157 on 2026-12-05)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from bench_heldout_wording import load_items, run


def test_held_out_wording_is_read_and_never_wrongly_auto_approved() -> None:
    items = load_items()
    assert len(items) >= 20 and len({it["type"] for it in items}) >= 15
    res = run(items)
    assert res["wrong_auto_ok"] == 0, res["misses"]
    assert res["deciding_fields"] >= 0.95, res["misses"]
    assert res["hours_exact"] >= 0.9, res["misses"]
