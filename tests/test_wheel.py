"""The package as a user installs it: a wheel built from this tree, installed into a fresh virtual
environment outside the source tree (its dependencies those of requirements.lock), reads a batch.

An editable install hides a missing data file, because the source tree is on the path; only a
real wheel shows it."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from sample_docs.generate import DEMO_DIR
from sample_docs.truth import read_truth

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "classifiers", "rules", "sample_docs")
# Not read at run time: the committed demo batch (4 MB of scans) and the notes beside the code.
NOT_PACKAGED = ("sample_docs/batch-demo/",)
# A PDF with a text layer and a scan (OCR) of the demo, each worth hours.
ITEMS = ("A002/合格证书.pdf", "A004/2022_项目结题.jpg")


def _run(args: list[str], **kw) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(args, capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{args[:3]} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def _tracked(*paths: str) -> list[str]:
    listed = _run(["git", "ls-files", "-z", *paths], cwd=ROOT).stdout.split("\0")
    return [f for f in listed if f and (ROOT / f).is_file()]


def _data_files_in_tree() -> set[str]:
    return {
        f for f in _tracked(*PACKAGES)
        if not f.endswith((".py", "README.md")) and not f.startswith(NOT_PACKAGED)
    }  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the tracked files, as a clean clone has them: setuptools' build/ folder in
    the checkout would otherwise hand stale package data on."""
    src, dist = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("dist")
    for rel in _tracked():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, src / rel)
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src)])
    (whl,) = dist.glob("cehours-*.whl")
    return whl


@pytest.mark.slow
def test_the_wheel_holds_every_data_file_the_code_reads(wheel: Path) -> None:
    inside = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(_data_files_in_tree() - inside)
    assert not missing, f"not package data (pyproject [tool.setuptools.package-data]): {missing}"
    assert {"pipeline/extract/patterns.toml", "rules/evidence.toml"} <= inside


@pytest.mark.slow
def test_installed_wheel_shows_the_rules_and_processes_a_batch(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)])
    # The dependencies are the exact ones requirements.lock put into the test environment (make
    # setup installs them with their hashes): the new venv sees that site-packages through a .pth
    # line, which adds the folder but does not run the .pth files in it, so the editable install of
    # this tree stays off the path. Installing the lock again here took ~1.5 min of the suite.
    py = str(venv / "bin" / "python")
    site_new = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip())
    site_deps = sysconfig.get_path("purelib")
    (site_new / "deps-of-the-test-env.pth").write_text(site_deps + "\n", encoding="utf-8")
    _run([py, "-m", "pip", "install", "-q", "--no-deps", str(wheel)])
    work = tmp_path / "work"
    work.mkdir()
    # nothing of the source tree on the path: the wheel's own files only
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CEHOURS_DB", "CEHOURS_HOME")}
    env["CEHOURS_HOME"] = str(work / "home")
    cehours = str(venv / "bin" / "cehours")

    where = _run([str(venv / "bin" / "python"), "-c", "import pipeline; print(pipeline.__file__)"],
                 cwd=work, env=env).stdout  # fmt: skip
    assert str(venv) in where and str(ROOT) not in where

    shown = _run([cehours, "rules", "show"], cwd=work, env=env).stdout
    assert "changde-2024" in shown and "2.4a" in shown and "国家发明专利" in shown

    batch = work / "batch"
    applicants = {item.split("/")[0] for item in ITEMS}
    for a in applicants:
        (batch / a).mkdir(parents=True)
    with (DEMO_DIR / "manifest.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["applicant_id"] in applicants]
    with (batch / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    for item in ITEMS:
        (batch / item).write_bytes((DEMO_DIR / item).read_bytes())

    db = f"sqlite:///{work / 'cehours.db'}"
    _run([cehours, "process", str(batch), "--db", db, "--workers", "1"], cwd=work, env=env, timeout=600)
    exported = _run([cehours, "export", "--format", "jsonl", "--db", db], cwd=work, env=env).stdout
    records = {r["item"]: r for r in map(json.loads, exported.splitlines())}
    truth = {t["item"]: t for t in read_truth(DEMO_DIR)}
    assert set(records) == set(ITEMS)
    for item in ITEMS:
        assert records[item]["evidence_type"] == truth[item]["evidence_type"], records[item]
        assert records[item]["hours"] > 0, records[item]

    # A data file of the program gone from the install: every command stops with one clear line
    # naming it (exit 3), and nothing is proposed as `other` at low confidence.
    site = Path(where.strip()).parent.parent
    (site / "pipeline" / "extract" / "patterns.toml").unlink()
    again = subprocess.run([cehours, "process", str(batch), "--db", f"sqlite:///{work / 'again.db'}"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert again.returncode == 3, again.stderr
    assert "patterns.toml" in again.stderr and "Traceback" not in again.stderr
    assert not (work / "again.db").exists() or "evidence_type" not in _run(
        [cehours, "export", "--format", "jsonl", "--db", f"sqlite:///{work / 'again.db'}"], cwd=work, env=env
    ).stdout
    (site / "rules" / "evidence.toml").unlink()
    broken = subprocess.run([cehours, "rules", "show"], cwd=work, env=env, capture_output=True, text=True)
    assert broken.returncode == 3 and "evidence.toml" in broken.stderr and "Traceback" not in broken.stderr
