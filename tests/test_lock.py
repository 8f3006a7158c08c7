"""requirements.lock pins every dependency pyproject.toml names, at a version its range allows, with
hashes: set-up and CI install exactly the lock (`make lock` refreshes it; CI's `make lock-check`
also re-resolves against the index)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes) from the lock."""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=\S)", text):
        m = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", block)
        if m:
            pins[canonicalize_name(m.group(1))] = (m.group(2), block.count("--hash=sha256:"))
    return pins


def test_every_dependency_is_pinned_within_its_range_with_hashes() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(d for ds in project["optional-dependencies"].values() for d in ds)]
    pins = _pins()
    for spec in wanted:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not in requirements.lock: run `make lock`"
        version, hashes = pins[name]
        assert req.specifier.contains(version, prereleases=True), f"{req.name}=={version} is outside {spec}"
        assert hashes >= 1, f"{req.name} has no hash in requirements.lock"


def test_the_lock_pins_exact_versions_only() -> None:
    pins = _pins()
    assert len(pins) > 50  # the whole tree, not only the direct dependencies
    body = [ln for ln in (ROOT / "requirements.lock").read_text().splitlines() if re.match(r"[A-Za-z]", ln)]
    assert all("==" in ln for ln in body), [ln for ln in body if "==" not in ln]
