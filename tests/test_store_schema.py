"""The migrated schema is the models' schema, and the queue's page query walks ix_items_queue."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from pipeline.store import open_db
from pipeline.store.models import Base, ItemRow
from pipeline.store.queue import QueueFilters, _bucket_cond, _queue_from, _queue_where
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.types import Applicant


def test_migrations_build_exactly_the_models_indexes(db_url):
    factory = open_db(db_url)
    with factory() as s:
        ctx = MigrationContext.configure(s.connection())
        diff = [d for d in compare_metadata(ctx, Base.metadata) if "index" in str(d[0])]
    assert diff == []


def _page_sql(s, f: QueueFilters) -> str:
    stmt = (
        _queue_from(select(ItemRow.id), f)
        .where(*_queue_where(f), _bucket_cond("needs_review"))
        .order_by(ItemRow.batch_id, ItemRow.applicant_id, ItemRow.path)
        .limit(50)
    )
    return str(stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))


def test_a_queue_page_is_read_in_index_order_without_a_sort(db_url):
    factory = open_db(db_url)
    people = [Applicant(f"A{i:03d}", f"申报人{i}", "", "senior", 2024) for i in range(20)]
    with factory() as s, s.begin():
        insert_batch(s, "b", people, [
            make_proposal("b", p.applicant_id, f"{p.applicant_id}/{k}.jpg", status="needs_review",
                          flags=["low_confidence"] if k % 2 else [])
            for p in people for k in range(10)
        ])  # fmt: skip
    pg = db_url.startswith("postgresql")
    with factory() as s:
        if pg:
            s.execute(text("ANALYZE items"))
            # a 200-row table is cheaper to scan; ask whether the index can serve, as it does at size
            s.execute(text("SET enable_seqscan = off"))
        filters = [QueueFilters(), QueueFilters(batch=1)]
        if not pg:  # PG's plan for the JSON-text flag match depends on its row estimates, not only the index
            filters.append(QueueFilters(flag="low_confidence"))
        for f in filters:
            plan = " ".join(
                str(r[0] if pg else r[-1])
                for r in s.execute(text(("EXPLAIN " if pg else "EXPLAIN QUERY PLAN ") + _page_sql(s, f)))
            )
            assert "ix_items_queue" in plan, (f, plan)
            assert "TEMP B-TREE" not in plan and "Sort" not in plan, (f, plan)
