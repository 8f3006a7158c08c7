"""The record on SQLite and PostgreSQL: schema, proposals appended, reviews locked and audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from pipeline.export import records
from pipeline.store import AlreadyConfirmed, ReviewError, StaleItem, open_db, repo, review_item
from pipeline.store.db import migrations_head
from pipeline.store.models import Batch, ItemRow, ProposalRow, ReviewRow
from pipeline.store.review import history
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.store.users import add_user, authenticate, verify_password
from pipeline.types import Applicant, IntakeError

APPLICANT = Applicant("A001", "张三", "常德市第一人民医院", "senior", 2024)


def _seed(factory, name="2024-06"):
    with factory() as s, s.begin():
        insert_batch(
            s, name, [APPLICANT],
            [
                make_proposal(name, "A001", "A001/patent.jpg"),
                make_proposal(name, "A001", "A001/paper", evidence_type="journal_paper", hours=30, year=2022,
                              clause="2.3b", status="needs_review", flags=["materials_incomplete"],
                              fields={"rank": 1, "journal": "中国农学通报", "cn_number": "11-1984/S"}),
            ],
            [IntakeError("A001/broken.pdf", "文件已损坏，无法打开（PDF 结构错误）", "A001")],
        )  # fmt: skip


def _item(s, path):
    return s.scalar(select(ItemRow).where(ItemRow.path == path))


def test_schema_is_at_head_and_opening_again_changes_nothing(db_url):
    factory = open_db(db_url)
    open_db(db_url)
    with factory() as s:
        assert s.execute(text("select version_num from alembic_version")).scalar() == migrations_head()
        assert s.scalar(select(func.count()).select_from(Batch)) == 0


def test_records_have_the_contract_shape_including_intake_errors(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        recs = list(records(s, "2024-06"))
    assert [r["item"] for r in recs] == ["A001/broken.pdf", "A001/paper", "A001/patent.jpg"]
    keys = ["batch", "applicant_id", "item", "evidence_type", "type_confidence", "fields", "credits", "hours",
            "clause", "policy", "flags", "status", "explanation"]  # fmt: skip
    for r in recs:
        assert list(r) == keys
        assert isinstance(r["type_confidence"], float) and isinstance(r["fields"], dict)
        assert isinstance(r["flags"], list) and isinstance(r["hours"], int | float)
    patent = recs[2]
    assert patent["credits"] == [{"year": 2023, "hours": 60, "category": "professional"}]
    assert patent["hours"] == 60 and isinstance(patent["hours"], int)
    assert patent["status"] == "auto_ok" and patent["clause"] == "2.4a" and patent["policy"] == "changde-2024"
    assert patent["fields"]["rank"] == 1 and patent["fields"]["name_found"] is True
    err = recs[0]
    assert err["evidence_type"] is None and err["status"] == "needs_review"
    assert err["flags"] == ["intake_error"] and "损坏" in err["explanation"]
    assert err["hours"] == 0 and err["credits"] == []


def test_same_proposal_twice_adds_nothing_newer_model_adds_one_and_review_stays(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        item = _item(s, "A001/patent.jpg")
        item_id, version = item.id, item.version
    review_item(factory(), item_id, "li", "adjust", version, {"hours": 30}, reason="排名实为第2")

    with factory() as s, s.begin():  # the same batch processed again: nothing new
        assert repo.add_proposal(s, _item(s, "A001/patent.jpg"), make_proposal("2024-06", "A001",
                                 "A001/patent.jpg"), "synthetic") is None  # fmt: skip
    with factory() as s, s.begin():  # a newer model proposes something else: appended
        newer = make_proposal("2024-06", "A001", "A001/patent.jpg", type_confidence=0.99)
        assert repo.add_proposal(s, _item(s, "A001/patent.jpg"), newer, "model-v2") is not None
    with factory() as s:
        assert s.scalar(select(func.count()).where(ProposalRow.item_id == item_id)) == 2
        rec = next(r for r in records(s) if r["item"] == "A001/patent.jpg")
    assert rec["status"] == "adjusted" and rec["hours"] == 30
    assert rec["credits"] == [{"year": 2023, "hours": 30, "category": "professional"}]
    assert "排名实为第2" in rec["explanation"]


def test_second_reviewer_on_the_same_version_gets_stale_item(db_url):
    factory = open_db(db_url)
    _seed(factory)
    a, b = factory(), factory()
    item_a = _item(a, "A001/paper")
    item_b = _item(b, "A001/paper")  # both reviewers loaded the same version
    assert item_a.version == item_b.version
    review_item(a, item_a.id, "li", "confirm", item_a.version)
    with pytest.raises(StaleItem):
        review_item(b, item_b.id, "wang", "reject", item_b.version, reason="不是本人论文")
    with factory() as s:
        log = history(s, item_a.id)
        assert [(r.user, r.action) for r in log] == [("li", "confirm")]
        assert _item(s, "A001/paper").status == "confirmed"
    # reloading gives the new version, and then the second decision is recorded on top
    fresh = _item(b, "A001/paper")
    review_item(b, fresh.id, "wang", "reject", fresh.version, reason="不是本人论文")
    with factory() as s:
        log = history(s, item_a.id)
        assert [r.action for r in log] == ["confirm", "reject"]
        assert log[1].before["status"] == "confirmed" and log[1].after["hours"] == 0
    a.close()
    b.close()


def test_a_failing_review_writes_nothing(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        item = _item(s, "A001/patent.jpg")
    with pytest.raises(ReviewError, match="category"):
        review_item(factory(), item.id, "li", "adjust", item.version, {"hours": 8, "category": "bogus"}, "x")
    with pytest.raises(ReviewError, match="reason"):
        review_item(factory(), item.id, "li", "reject", item.version)
    with factory() as s:
        assert _item(s, "A001/patent.jpg").version == item.version  # the version bump was rolled back
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 0


def test_a_database_error_rolls_the_whole_chunk_back(db_url):
    factory = open_db(db_url)
    with pytest.raises(IntegrityError), factory() as s, s.begin():
        batch = repo.get_or_create_batch(s, "b1", "x")
        repo.upsert_item(s, batch, "A001", "A001/a.jpg", [])
        s.add(ItemRow(batch_id=batch.id, applicant_id="A001", path="A001/a.jpg", files=[]))  # same key
        s.flush()
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Batch)) == 0
        assert s.scalar(select(func.count()).select_from(ItemRow)) == 0


def test_users_are_hashed_and_authenticated(db_url):
    factory = open_db(db_url)
    with factory() as s:
        u = add_user(s, "li", "s3cret-密码", "admin")
        assert u.password_hash != "s3cret-密码" and verify_password(u.password_hash, "s3cret-密码")
        assert authenticate(s, "li", "s3cret-密码").role == "admin"
        assert authenticate(s, "li", "wrong") is None
        with pytest.raises(ValueError, match="exists"):
            add_user(s, "li", "x")
        with pytest.raises(ValueError, match="role"):
            add_user(s, "wang", "x", "boss")


def test_pages_and_readings_come_back_as_stored(db_url):
    from pipeline.types import FieldValue, ItemReading, Line, Page, StoredFile, Word

    factory = open_db(db_url)
    word = Word("张三", (10, 20, 60, 40), 0.91)
    page = Page("ab" * 32, 0, 800, 600, "发明人：张三", [Line("发明人：张三", (5, 20, 60, 40), 0.9, (word,))],
                engine="tesseract", cache_key="k1", mean_conf=0.9, rotation=90,
                layer_rejected="text layer rejected: 74 of its 75 words run across the lines")  # fmt: skip
    rank = FieldValue(1, 0.8, 0, (5, 20, 60, 40), "发明人：张三")
    types = [("patent_certificate", 0.93)]
    reading = ItemReading("patent_certificate", 0.93, types, {"rank": rank}, {"certificate"})
    with factory() as s, s.begin():
        repo.save_file(s, StoredFile("ab" * 32, "A001/p.png", 10, "png", "/store/ab"))
        repo.save_file(s, StoredFile("ab" * 32, "A002/same.png", 10, "png", "/store/ab"))  # same content
        repo.save_pages(s, "ab" * 32, [page])
        batch = repo.get_or_create_batch(s, "b1")
        item = repo.upsert_item(s, batch, "A001", "A001/p.png", ["ab" * 32])
        repo.save_reading(s, item, reading)
        repo.add_proposal(s, item, make_proposal("b1", "A001", "A001/p.png"))  # same transaction
    with factory() as s:
        assert repo.load_pages(s, "ab" * 32) == [page]
        item = _item(s, "A001/p.png")
        assert item.read_done and repo.load_reading(s, item) == reading
        from pipeline.store.models import FileRow

        assert s.get(FileRow, "ab" * 32).names == ["A001/p.png", "A002/same.png"]
    with factory() as s, s.begin():  # the same item with other files must be read again
        item = repo.upsert_item(s, repo.find_batch(s, "b1"), "A001", "A001/p.png", ["cd" * 32])
        assert not item.read_done


def test_an_uncertain_type_survives_the_store_and_keeps_its_flag(db_url):
    """Proposals are made from the stored reading: the type a reader rejected must come back."""
    from pipeline.proposals import propose_batch
    from pipeline.types import ItemReading, ItemSource, StoredFile
    from rules import load_policy

    factory = open_db(db_url)
    reading = ItemReading("other", 0.45, [("award_certificate", 0.55)], {},
                          rejected_type=("award_certificate", 0.55))
    with factory() as s, s.begin():
        batch = repo.get_or_create_batch(s, "b2")
        item = repo.upsert_item(s, batch, "A001", "A001/x.png", ["ef" * 32])
        repo.save_reading(s, item, reading)
    with factory() as s:
        again = repo.load_reading(s, _item(s, "A001/x.png"))
    assert again == reading
    source = ItemSource("A001", "A001/x.png", [StoredFile("ef" * 32, "A001/x.png", 1, "png", "")])
    p = propose_batch("b2", [(source, again)], {}, load_policy("changde-2024"))[0]
    assert p.evidence_type == "other" and "type_uncertain" in p.flags and p.status == "needs_review"
    assert "award_certificate" in p.flag_details["type_uncertain"] and p.hours == 0


def test_confirming_a_confirmed_item_again_records_nothing(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        item = _item(s, "A001/paper")
        item_id, seen = item.id, item.version
    review_item(factory(), item_id, "li", "confirm", seen)
    # again at the new version, and again at the version first seen (a double click)
    for version in (seen + 1, seen):
        with pytest.raises(AlreadyConfirmed, match="already confirmed") as exc:
            review_item(factory(), item_id, "wang", "confirm", version)
        assert exc.value.user == "li"
    with factory() as s:
        assert [r.action for r in history(s, item_id)] == ["confirm"]
        assert _item(s, "A001/paper").version == seen + 1
    # an adjust in between makes a confirm a real decision again
    review_item(factory(), item_id, "li", "adjust", seen + 1, {"hours": 20}, reason="核减")
    review_item(factory(), item_id, "wang", "confirm", seen + 2)
    with factory() as s:
        assert [r.action for r in history(s, item_id)] == ["confirm", "adjust", "confirm"]


def test_reviewers_racing_on_the_same_items_record_exactly_one_decision_each(db_url):
    import threading
    from collections import Counter

    factory = open_db(db_url)
    with factory() as s, s.begin():
        insert_batch(s, "b", [APPLICANT], [make_proposal("b", "A001", f"A001/{i}.jpg") for i in range(8)])
    with factory() as s:
        seen = [(i.id, i.version) for i in s.scalars(select(ItemRow))]
    outcomes: Counter[str] = Counter()

    def reviewer(name: str) -> None:
        for item_id, version in seen:  # all three decide on the version they loaded
            try:
                review_item(factory(), item_id, name, "confirm", version)
                outcomes["recorded"] += 1
            except AlreadyConfirmed:  # the winner confirmed the very values this one saw
                outcomes["already"] += 1
            except StaleItem:
                outcomes["refused"] += 1

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in ("li", "wang", "zhao")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes == {"recorded": 8, "already": 16}
    with factory() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 8


def test_an_undo_appends_a_reversal_and_puts_the_item_back(db_url):
    from pipeline.store.review import undo_review

    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        item = _item(s, "A001/patent.jpg")
        item_id, version = item.id, item.version
    confirm = review_item(factory(), item_id, "li", "confirm", version)
    undo = undo_review(factory(), confirm.id, "li", "点错了")
    with factory() as s:
        item = s.get(ItemRow, item_id)
        assert item.status == "auto_ok" and item.review_id == undo.id and item.version == version + 2
        assert [r.action for r in history(s, item_id)] == ["confirm", "undo"]  # nothing deleted
        rec = next(r for r in records(s) if r["item"] == "A001/patent.jpg")
    assert rec["status"] == "auto_ok" and rec["hours"] == 60 and "撤销" in rec["explanation"]
    with pytest.raises(ReviewError):
        undo_review(factory(), undo.id, "li")  # an undo is not undone; decide again instead
    with pytest.raises(StaleItem):
        undo_review(factory(), confirm.id, "li")  # no longer the item's current decision
    # decided again after the undo: the usual way, at the version the undo made
    again = review_item(factory(), item_id, "wang", "reject", version + 2, reason="非本人")
    with pytest.raises(StaleItem):  # wang's decision since: li's old confirm cannot come back
        undo_review(factory(), confirm.id, "li")
    # a newer proposal after an undo becomes the current decision (an undo decides nothing)
    undo_review(factory(), again.id, "wang")
    with factory() as s, s.begin():
        newer = make_proposal("2024-06", "A001", "A001/patent.jpg", hours=30, status="needs_review")
        repo.add_proposal(s, _item(s, "A001/patent.jpg"), newer, "model-v2")
    with factory() as s:
        item = _item(s, "A001/patent.jpg")
        assert item.review_id is None and item.status == "needs_review"
        rec = next(r for r in records(s) if r["item"] == "A001/patent.jpg")
    assert rec["hours"] == 30 and rec["status"] == "needs_review"


def test_a_second_reading_survives_the_store_and_still_sends_the_item_to_review(db_url):
    """A total contradicted by its rows, read at high confidence: proposals are made from the
    stored reading, so the verdict must come back with it or the item would pass as auto_ok."""
    from pipeline.proposals import propose_batch
    from pipeline.types import FieldValue, ItemReading, ItemSource, StoredFile
    from rules import load_policy

    factory = open_db(db_url)
    why = "合计15学时与分项2项之和11不符"
    fields = {"stated_hours": FieldValue(15, 0.95, 0, None, "共计15学时", False, why),
              "subject": FieldValue("professional", 0.95), "start_date": FieldValue("2023-05-04", 0.95),
              "end_date": FieldValue("2023-07-09", 0.95), "date": FieldValue("2023-07-09", 0.95),
              "name_found": FieldValue(True, 0.95),
              "title": FieldValue("质量控制", 0.9, None, None, "", True, "一致")}
    reading = ItemReading("online_course_certificate", 0.97, [("online_course_certificate", 0.97)], fields,
                          {"certificate", "course_content"})
    with factory() as s, s.begin():
        item = repo.upsert_item(s, repo.get_or_create_batch(s, "b3"), "A001", "A001/c.png", ["aa" * 32])
        repo.save_reading(s, item, reading)
    with factory() as s:
        again = repo.load_reading(s, _item(s, "A001/c.png"))
    assert again == reading
    source = ItemSource("A001", "A001/c.png", [StoredFile("aa" * 32, "A001/c.png", 1, "png", "")])
    p = propose_batch("b3", [(source, again)], {}, load_policy("changde-2024"))[0]
    assert p.status == "needs_review" and why in p.flag_details["low_confidence"]
