"""What a failed sign-in costs, by what was wrong: the same whatever it was (no user-name probing).

Plain script: ``.venv/bin/python benchmarks/bench_signin.py``. The real app (TestClient) over a
fresh SQLite database with one account; 15 failed sign-ins per case after 3 warm-up rounds;
median CPU time of the process (``time.process_time``: what the server spends, steady under
load) and wall time. Prints a Markdown table.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CASES = {
    "unknown name, empty password": ("nobody", ""),
    "existing name, empty password": ("wang", ""),
    "existing name, wrong password": ("wang", "x"),
    "unknown name, some password": ("nobody", "x"),
}


def main() -> None:
    from fastapi.testclient import TestClient

    from pipeline.store.users import add_user
    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings

    root = tempfile.mkdtemp(prefix="bench-signin-")
    settings = WebSettings(db_url=f"sqlite:///{root}/w.db", data_dir=Path(root), secret="x" * 40,
                           login_attempts_per_minute=10**6)  # fmt: skip
    app = create_app(settings=settings)
    with app.state.web.session() as s:
        add_user(s, "wang", "reviewer-pass-2")
    c = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)

    def attempt(user: str, password: str) -> None:
        r = c.post("/login", data={"username": user, "password": password, "csrf_token": token})
        assert r.status_code == 401

    for _ in range(3):
        for user, password in CASES.values():
            attempt(user, password)
    print("| failed sign-in | CPU ms (median of 15) | wall ms (median of 15) |")
    print("|---|---:|---:|")
    for what, (user, password) in CASES.items():
        cpu, wall = [], []
        for _ in range(15):
            t0, w0 = time.process_time(), time.perf_counter()
            attempt(user, password)
            cpu.append((time.process_time() - t0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
        print(f"| {what} | {statistics.median(cpu):.1f} | {statistics.median(wall):.1f} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} (2 shared cores)")


if __name__ == "__main__":
    main()
