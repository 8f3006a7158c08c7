"""The queue's SQL on both databases: order, filters (type after review, flag, applicant), paging."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.store import open_db, review_item
from pipeline.store.models import Batch, ItemRow
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.summary import applicant_summary
from pipeline.types import Applicant
from pipeline.web import queries
from pipeline.web.queries import QueueFilters


def _seed(factory):
    with factory() as s, s.begin():
        insert_batch(
            s, "b1",
            [Applicant("A001", "张三", "", "senior", 2024), Applicant("A002", "李_四%", "", "senior", 2024)],
            [
                make_proposal("b1", "A001", "A001/p1.jpg"),
                make_proposal("b1", "A001", "A001/paper", evidence_type="journal_paper",
                              status="needs_review", flags=["materials_incomplete", "low_confidence"],
                              clause="2.3b", hours=30),
                make_proposal("b1", "A002", "A002/p2.jpg", status="needs_review", flags=["name_mismatch"],
                              hours=0),
            ],
        )  # fmt: skip


def _paths(rows):
    return [r.path for r in rows]


def test_queue_order_filters_and_paging(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        rows, total = queries.queue_page(s, QueueFilters())
        assert total == 3
        assert [r.status for r in rows] == ["needs_review", "needs_review", "auto_ok"]
        assert _paths(queries.queue_page(s, QueueFilters(flag="low_confidence"))[0]) == ["A001/paper"]
        # a flag that is a prefix or a LIKE pattern of another matches nothing
        assert queries.queue_page(s, QueueFilters(flag="low"))[1] == 0
        assert queries.queue_page(s, QueueFilters(flag="name_mism"))[1] == 0
        assert queries.queue_page(s, QueueFilters(flag="name_%"))[1] == 3  # not a flag code: ignored
        assert _paths(queries.queue_page(s, QueueFilters(type="journal_paper"))[0]) == ["A001/paper"]
        assert _paths(queries.queue_page(s, QueueFilters(applicant="A002"))[0]) == ["A002/p2.jpg"]
        assert _paths(queries.queue_page(s, QueueFilters(applicant="_"))[0]) == ["A002/p2.jpg"]  # literal _
        assert queries.queue_page(s, QueueFilters(applicant="%"))[1] == 1
        assert queries.queue_page(s, QueueFilters(status="open"))[1] == 3
        page2, total = queries.queue_page(s, QueueFilters(), page=2, page_size=2)
        assert total == 3 and len(page2) == 1 and page2[0].status == "auto_ok"
        paper = next(r for r in rows if r.path == "A001/paper")
    # retyped by a reviewer: found under the new type, and no longer open
    review_item(factory(), paper.id, "li", "adjust", paper.version, {"evidence_type": "book_publication"},
                reason="其实是专著")  # fmt: skip
    with factory() as s:
        assert _paths(queries.queue_page(s, QueueFilters(type="book_publication"))[0]) == ["A001/paper"]
        assert queries.queue_page(s, QueueFilters(type="journal_paper"))[1] == 0
        assert queries.queue_page(s, QueueFilters(status="adjusted"))[1] == 1


def _seed_more(factory):
    """Two applicants with several items each, in every status bucket."""
    with factory() as s, s.begin():
        insert_batch(
            s, "b2",
            [Applicant("A003", "王五", "", "senior", 2024), Applicant("A004", "赵六", "", "senior", 2024)],
            [make_proposal("b2", a, f"{a}/{n}.jpg", status=st, hours=10)
             for a in ("A003", "A004")
             for n, st in (("x1", "auto_ok"), ("x2", "needs_review"), ("x3", "needs_review"),
                           ("x4", "auto_ok"))],
        )  # fmt: skip
    with factory() as s:
        rows, _ = queries.queue_page(s, QueueFilters(applicant="A003"))
    for r in rows[:2]:  # decide two, so the decided buckets hold items too
        review_item(factory(), r.id, "li", "confirm", r.version)


def test_next_and_previous_walk_the_queue_in_its_own_order(db_url):
    """j from the first item visits every item exactly as the queue lists them; k walks back.
    The CLI's list is in the same order (one definition of the queue's order)."""
    from pipeline.store.queue import list_queue

    factory = open_db(db_url)
    _seed(factory)
    _seed_more(factory)
    with factory() as s:
        for f in (QueueFilters(), QueueFilters(status="open"), QueueFilters(applicant="A003"),
                  QueueFilters(status="confirmed"), QueueFilters(batch=2)):  # fmt: skip
            listed = [r.id for r in queries.queue_page(s, f, page_size=1000)[0]]
            assert len(listed) >= 1
            places = {i: queries.QueuePlace.of(s.get(ItemRow, i)) for i in listed}
            walked = [listed[0]]
            while (nxt := queries.queue_neighbour(s, f, places[walked[-1]], 1)) is not None:
                walked.append(nxt)
                assert len(walked) <= len(listed), f
            assert walked == listed, f
            back = [listed[-1]]
            while (prv := queries.queue_neighbour(s, f, places[back[-1]], -1)) is not None:
                back.append(prv)
                assert len(back) <= len(listed), f
            assert back == listed[::-1], f
        everything = [r.id for r in queries.queue_page(s, QueueFilters(), page_size=1000)[0]]
        assert [e.item_id for e in list_queue(s, status="all")] == everything
        b2 = s.scalar(select(Batch.id).where(Batch.name == "b2"))
        b2_open = QueueFilters(batch=b2, status="open")
        open_b2 = [r.id for r in queries.queue_page(s, b2_open, page_size=1000)[0]]
        assert [e.item_id for e in list_queue(s, batch="b2", status="pending")] == open_b2
        assert [e.item_id for e in list_queue(s, batch="b2", status="pending", limit=2)] == open_b2[:2]
        a3 = [r.id for r in queries.queue_page(s, QueueFilters(applicant="A003"), page_size=1000)[0]]
        assert [e.item_id for e in list_queue(s, applicant_id="A003", status="all")] == a3
        # after a decision, "next" is the item after the place the reviewer saw it at
        open_ids = [r.id for r in queries.queue_page(s, QueueFilters(status="open"), page_size=1000)[0]]
        seen_at = queries.QueuePlace.of(s.get(ItemRow, open_ids[0]))
    review_item(factory(), open_ids[0], "li", "confirm", seen_at_version(factory, open_ids[0]))
    with factory() as s:
        assert queries.queue_neighbour(s, QueueFilters(status="open"), seen_at, 1) == open_ids[1]


def seen_at_version(factory, item_id):
    with factory() as s:
        return s.get(ItemRow, item_id).version


def test_item_detail_and_applicant_years(db_url):
    factory = open_db(db_url)
    _seed(factory)
    with factory() as s:
        rows, _ = queries.queue_page(s, QueueFilters(applicant="A001"))
        d = queries.item_detail(s, rows[0].id)
        assert d["decision"]["hours"] in (30, 60) and d["history"] == []
        a = d["applicant"]
        years = applicant_summary(s, d["batch"].name, a.applicant_id)
        assert years["span"] == [2019, 2020, 2021, 2022, 2023]
        assert years["years"]["2023"]["total"] == 90  # the 60 patent + the 30 paper
        assert years["confirmed"]["years"]["2023"]["total"] == 0
        assert queries.item_detail(s, 10**6) is None
        assert queries.file_row(s, "../../etc/passwd") is None


def test_server_side_sessions_on_both_databases(db_url):
    """The session rows: live, touched, ended by idle time, by age, and for every session of a user."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from pipeline.store.models import WebSessionRow
    from pipeline.store.users import add_user
    from pipeline.web import sessions

    factory = open_db(db_url)
    with factory() as s:
        uid = add_user(s, "li", "reviewer-pass-1").id
        a, b, c = (sessions.start(s, uid) for _ in range(3))
        assert sessions.check(s, a, idle=1800, absolute=43200) == uid
        assert sessions.check(s, "not-a-token", idle=1800, absolute=43200) is None
        long_ago = datetime.now(UTC) - timedelta(hours=1)
        s.execute(update(WebSessionRow).where(WebSessionRow.token_sha256 == sessions._digest(b))
                  .values(last_seen=long_ago))  # fmt: skip
        s.execute(update(WebSessionRow).where(WebSessionRow.token_sha256 == sessions._digest(c))
                  .values(created_at=long_ago))  # fmt: skip
        s.commit()
        assert sessions.check(s, b, idle=1800, absolute=43200) is None  # idle for an hour
        assert sessions.check(s, c, idle=7200, absolute=1800) is None  # signed in over 30 min ago
        assert sessions.check(s, a, idle=1800, absolute=43200) == uid
        assert sessions.end_all(s, uid, "password") == 1  # a was the one still open
        assert sessions.check(s, a, idle=1800, absolute=43200) is None
        why = {r.ended_why for r in s.scalars(select(WebSessionRow))}
    assert why == {"idle", "expired", "password"}


def test_j_and_k_go_only_to_items_that_still_need_a_decision(db_url):
    """From any item, j is the next open item in the queue's order (round to the first past the
    last), k the previous; a decided item never comes next; none when nothing else is open. A
    queue filtered to a decided status is walked as listed."""
    from pipeline.store.queue import undecided_neighbour

    factory = open_db(db_url)
    _seed(factory)
    _seed_more(factory)
    with factory() as s:
        listed = [r.id for r in queries.queue_page(s, QueueFilters(), page_size=1000)[0]]
        open_ids = [r.id for r in queries.queue_page(s, QueueFilters(status="open"), page_size=1000)[0]]
        decided = [i for i in listed if i not in open_ids]
        assert len(open_ids) >= 3 and decided

        def j(i: int, step: int = 1, f: QueueFilters | None = None):
            place = queries.QueuePlace.of(s.get(ItemRow, i))
            return undecided_neighbour(s, f or QueueFilters(), place, step, i)

        for n, i in enumerate(open_ids):
            after, before = j(i), j(i, -1)
            assert after.item_id == open_ids[(n + 1) % len(open_ids)]
            assert after.wrapped is (n == len(open_ids) - 1)
            assert before.item_id == open_ids[n - 1] and before.wrapped is (n == 0)
        for i in decided:  # decided items sort last: j to the first open item, k to the last
            assert (j(i).item_id, j(i, -1).item_id) == (open_ids[0], open_ids[-1])
        confirmed = QueueFilters(status="confirmed")
        conf_ids = [r.id for r in queries.queue_page(s, confirmed, page_size=1000)[0]]
        assert len(conf_ids) >= 2 and j(conf_ids[0], 1, confirmed).item_id == conf_ids[1]
    for i in open_ids[1:]:
        review_item(factory(), i, "li", "confirm", seen_at_version(factory, i))
    with factory() as s:
        assert j(open_ids[0]).item_id is None and j(open_ids[0], -1).item_id is None
        assert j(decided[0]).item_id == open_ids[0]
    factory.kw["bind"].dispose()
