"""A failure says so: the rules raising on one item make it ``read_failed`` with the error's
message (never ``low_confidence``), the rest of the batch goes on; a policy file the load-time
checks can reject (an infinite number of hours) stops the run instead; a correction the rules
cannot compute is refused with the reason, never saved with the old hours.

The failures are real: a policy file with a level the engine has no words for (it passes the
load-time checks, then the rules raise ``KeyError`` on an item of that level), run through the
real engine, the real batch stage and the real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_proposals import APPLICANTS, PATENT, reading, src
from typer.testing import CliRunner

from pipeline.proposals import propose_batch
from rules import load_policy
from rules.errors import PolicyError

CHANGDE = Path(__file__).parent.parent / "rules" / "policies" / "changde-2024.toml"
LEVELS = 'levels = { national = "provincial_plus", provincial = "provincial_plus", municipal = "municipal" }'
PROJECT = {"level": "district", "role": "host", "date": "2023-05-06", "name_found": True,
           "title": "区级课题"}  # fmt: skip


def district_policy(tmp_path: Path) -> Path:
    """changde-2024 with a 区级 (``district``) level mapped to a table: a policy bug the loader
    does not catch (the table exists), on which the rules raise for an item of that level."""
    text = CHANGDE.read_text(encoding="utf-8")
    assert text.count(LEVELS) == 2
    path = tmp_path / "changde-2024.toml"
    path.write_text(text.replace(LEVELS, LEVELS[:-2] + ', district = "municipal" }', 1), encoding="utf-8")
    return path


def test_the_rules_raising_on_one_item_is_read_failed_with_the_message_and_the_batch_goes_on(tmp_path):
    policy = load_policy(district_policy(tmp_path))  # loads: the fault shows only on such an item
    with pytest.raises(KeyError):
        policy.propose("project_completion", PROJECT)
    parts = {"certificate"}
    odd = (src("A001", "A001/project.jpg"), reading("project_completion", PROJECT, parts=parts))
    good = (src("A001", "A001/patent.jpg"), reading("patent_certificate", PATENT))
    other = (src("A002", "A002/patent.jpg"), reading("patent_certificate", dict(PATENT, rank=2)))
    p, q, r = propose_batch("b", [odd, good, other], APPLICANTS, policy)
    assert p.flags == ["read_failed"] and "low_confidence" not in p.flags
    assert p.status == "needs_review" and p.hours == 0 and p.credits == []
    assert "KeyError" in p.flag_details["read_failed"] and "'district'" in p.flag_details["read_failed"]
    assert "计算本件学时时出错" in p.explanation and "KeyError" in p.explanation
    # the reading itself succeeded: the reviewer sees the type and fields as read
    assert p.evidence_type == "project_completion" and p.fields["level"] == "district"
    # the rest of the batch: proposed as usual
    assert (q.hours, r.hours) == (60, 30) and q.flags == ["claimed_by_other"]
    assert "claimed_by_other" in q.flags and "claimed_by_other" in r.flags  # batch checks still ran


def test_the_rules_failing_on_an_item_through_the_store(db_url, tmp_path):
    """The batch stage over the store: the item's record is read_failed with the message, the
    other items are proposed; with the policy mended, a re-run proposes the item."""
    from pipeline.export import records
    from pipeline.process import _save_readings, propose_step, store_step
    from pipeline.store.db import open_db
    from pipeline.types import IntakeResult

    items = [src("A001", "A001/project.jpg", "a" * 64), src("A001", "A001/patent.jpg", "b" * 64)]
    readings = [reading("project_completion", PROJECT, parts={"certificate"}),
                reading("patent_certificate", PATENT)]  # fmt: skip
    intake = IntakeResult("b-2024", str(tmp_path), {"A001": APPLICANTS["A001"]}, items, [])
    factory = open_db(db_url)
    try:
        batch_id = store_step(factory, intake)
        _save_readings(factory, batch_id, items, readings)
        assert propose_step(factory, batch_id, intake, str(district_policy(tmp_path))) == 2
        with factory() as s:
            recs = {r["item"]: r for r in records(s, "b-2024")}
        odd = recs["A001/project.jpg"]
        assert odd["flags"] == ["read_failed"] and odd["status"] == "needs_review" and odd["hours"] == 0
        assert "KeyError: 'district'" in odd["explanation"] and odd["evidence_type"] == "project_completion"
        assert recs["A001/patent.jpg"]["hours"] == 60 and recs["A001/patent.jpg"]["flags"] == []
        # the policy mended (the shipped one has no district level): the item is proposed anew
        assert propose_step(factory, batch_id, intake, "changde-2024") == 1
        with factory() as s:
            mended = next(r for r in records(s, "b-2024") if r["item"] == "A001/project.jpg")
        assert "read_failed" not in mended["flags"] and "level_unreadable" in mended["flags"]
    finally:
        factory.kw["bind"].dispose()


@pytest.mark.parametrize("line", ["hours_per_day = inf", "hours_per_day = nan"])
def test_a_policy_file_with_a_number_that_is_no_number_stops_at_load(tmp_path, line):
    """An infinite number of hours would be proposed as ``inf`` and crash the batch where the
    hours are summed: the loader refuses it, naming the key."""
    text = CHANGDE.read_text(encoding="utf-8").replace("hours_per_day = 8", line, 1)
    path = tmp_path / "changde-2024.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"hours_per_day: must be a finite number"):
        load_policy(path)


def test_a_field_value_too_large_for_arithmetic_is_field_missing_not_an_exception():
    policy = load_policy("changde-2024")
    fields = {"days": 10**400, "start_date": "2023-05-06", "name_found": True}
    p = policy.propose("training_certificate", fields)
    assert p.flags[0] == "field_missing" and p.credits == []


def test_a_correction_the_rules_cannot_compute_is_refused_with_the_reason(tmp_path):
    """A field correction whose hours the rules cannot compute is refused with the reason (the
    rules raising; the item's policy file no longer loading: exit 3), and nothing is saved; the
    hours set by hand need no rules and are saved."""
    from pipeline.cli import app as cli
    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow
    from pipeline.store.review import ReviewError, review_item
    from pipeline.store.synthetic import insert_batch, make_proposal
    from pipeline.web import problem_text

    broken = tmp_path / "broken" / "changde-2024.toml"
    broken.parent.mkdir()
    broken.write_text(CHANGDE.read_text(encoding="utf-8").replace("hours_per_day = 8", "hours_per_day = inf"),
                      encoding="utf-8")  # fmt: skip
    url = f"sqlite:///{tmp_path / 'c.db'}"
    factory = open_db(url)
    with factory() as s, s.begin():
        prop = make_proposal("b", "A001", "A001/project.jpg", hours=60,
                             fields=dict(PROJECT, level="national"), clause="2.2", status="needs_review",
                             evidence_type="project_completion", policy=str(broken))  # fmt: skip
        insert_batch(s, "b", [APPLICANTS["A001"]], [prop])
    with factory() as s:
        item_id, version = s.query(ItemRow.id, ItemRow.version).one()
        failed = r"the rules failed on these values \(KeyError: 'district'\)"
        with pytest.raises(ReviewError, match=failed) as e:
            review_item(s, item_id, "li", "adjust", version, {"fields": {"level": "district"}},
                        policy=load_policy(district_policy(tmp_path)))  # fmt: skip
    said = problem_text.review(str(e.value))  # what the item page says
    assert "KeyError: 'district'" in said and "未保存" in said and "请直接填写学时" in said
    factory.kw["bind"].dispose()

    def adjust(*args: str):
        return CliRunner().invoke(cli, ["queue", "adjust", str(item_id), *args, "--reason", "核对原件",
                                        "--user", "li", "--db", url])  # fmt: skip

    res = adjust("--field", "level=provincial")
    assert res.exit_code == 3 and "hours cannot be recomputed" in res.output and "hours_per_day" in res.output
    with open_db(url)() as s:
        assert s.get(ItemRow, item_id).review_id is None  # nothing saved
    # ... and so does the item page: the preview and the save say why, nothing is saved
    page, token = _signed_in(url, tmp_path)
    r = page.get(f"/items/{item_id}/preview", params={"field.level": "provincial"})
    said = r.json()["detail"]
    assert r.status_code == 400 and "政策文件无法读取" in said and "hours_per_day" in said
    form = {"csrf_token": token, "action": "adjust", "version": version, "field.level": "provincial"}
    r = page.post(f"/items/{item_id}/review", data=form)
    assert r.status_code == 400 and "无法按规则重算学时" in r.text
    with open_db(url)() as s:
        assert s.get(ItemRow, item_id).review_id is None
    res = adjust("--hours", "30")
    assert res.exit_code == 0, res.output
    with open_db(url)() as s:
        assert s.get(ItemRow, item_id).status == "adjusted"


@pytest.mark.slow
def test_a_model_that_does_not_load_stops_the_demo_instead_of_classifying_by_name(tmp_path, monkeypatch):
    """``seed_demo(classify="auto")`` classifies by file name only when no model was trained; a
    model that is there but broken (truncated) is an error of the run, said, not a quiet switch."""
    import shutil

    import classifiers
    from pipeline.errors import ProgramDataMissing
    from pipeline.web.demo import seed_demo, write_demo_folder

    model = tmp_path / "model" / classifiers.DEFAULT_MODEL.name
    model.parent.mkdir()
    model.write_bytes(classifiers.DEFAULT_MODEL.read_bytes()[:2000])  # truncated
    shutil.copy(classifiers.DEFAULT_MODEL.with_suffix(".json"), model.with_suffix(".json"))
    monkeypatch.setattr(classifiers, "DEFAULT_MODEL", model)
    classifiers.load_default.cache_clear()  # an earlier test may have loaded the sound model
    batch = write_demo_folder(tmp_path / "in" / "demo-2024")
    try:
        with pytest.raises(ProgramDataMissing, match="classifier model"):
            seed_demo(f"sqlite:///{tmp_path / 'd.db'}", batch, tmp_path / "store", tmp_path / "ocr")
    finally:
        classifiers.load_default.cache_clear()


def _signed_in(url: str, tmp_path: Path):
    """A reviewer signed in to the review app over ``url``: (client, CSRF token)."""
    import re

    from fastapi.testclient import TestClient

    from pipeline.store.db import open_db
    from pipeline.store.users import add_user
    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings

    factory = open_db(url)
    with factory() as s:
        add_user(s, "li", "reviewer-pass-1", "reviewer")
    factory.kw["bind"].dispose()
    app = create_app(settings=WebSettings(db_url=url, data_dir=tmp_path / "home"))
    c = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"username": "li", "password": "reviewer-pass-1", "csrf_token": token})
    assert r.status_code == 303
    page = c.get("/queue").text
    return c, re.search(r'data-csrf="([^"]+)"', page).group(1)


def test_process_with_a_broken_policy_file_stops_with_status_3_naming_the_key(tmp_path):
    """A policy file that is there but broken is program data: exit 3 before anything is read;
    a policy id that does not exist is the caller's typo: exit 1."""
    from pipeline.cli import app as cli

    broken = tmp_path / "changde-2024.toml"
    broken.write_text(CHANGDE.read_text(encoding="utf-8").replace("hours_per_day = 8", "hours_per_day = nan"),
                      encoding="utf-8")  # fmt: skip
    batch = tmp_path / "batch"
    (batch / "A001").mkdir(parents=True)
    (batch / "A001" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    db = tmp_path / "x.db"
    res = CliRunner().invoke(cli, ["process", str(batch), "--policy", str(broken), "--db", f"sqlite:///{db}"])
    assert res.exit_code == 3 and "clauses.2.1.hours_per_day: must be a finite number" in res.output
    assert not db.exists()  # stopped before the database, the intake and the OCR
    res = CliRunner().invoke(cli, ["process", str(batch), "--policy", "no-such-2024", "--db", f"sqlite:///{db}"])
    assert res.exit_code == 1 and "no policy 'no-such-2024'" in res.output


def test_rules_propose_by_hand_says_what_failed(tmp_path):
    from pipeline.cli import app as cli

    args = ["rules", "propose", "project_completion", "--policy", str(district_policy(tmp_path))]
    args += [f"--field={k}={v}" for k, v in PROJECT.items() if k != "name_found"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 1 and "the rules failed on these fields: KeyError: 'district'" in res.output
