"""The record: SQLAlchemy models, Alembic migrations, sessions, and the functions that write it.

``open_db(url)`` gives sessions on an upgraded schema; ``repo`` stores pipeline output,
``review.review_item`` records decisions, ``records.record`` builds docs/contract.md section 4's record.
"""

from pipeline.store.db import open_db
from pipeline.store.review import AlreadyConfirmed, ReviewError, StaleItem, review_item

__all__ = ["AlreadyConfirmed", "ReviewError", "StaleItem", "open_db", "review_item"]
