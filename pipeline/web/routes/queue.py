"""The confirmation queue: needs_review first, filters, paging, keyboard navigation."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from pipeline.store.queue import PENDING
from pipeline.web import labels
from pipeline.web.auth import current_user
from pipeline.web.routes.items import NONE_LEFT

router = APIRouter(dependencies=[Depends(current_user)])


def _filters(batch: str, applicant: str, type: str, flag: str, status: str):  # type: ignore[no-untyped-def]
    from pipeline.web.queries import QueueFilters

    return QueueFilters(
        batch=int(batch) if batch.isdigit() else None,
        applicant=applicant.strip()[:100],
        type=type if type in labels.EVIDENCE_TYPES else "",
        flag=flag if flag in labels.all_flags() else "",
        status=status if status in (*labels.STATUSES, "open", "pending") else "",
    )


@router.get("/queue")
def queue_page(
    request: Request,
    batch: str = "",
    applicant: str = "",
    type: str = "",
    flag: str = "",
    status: str = "",
    page: int = 1,
) -> Response:
    from pipeline.web import queries

    web = request.app.state.web
    f = _filters(batch, applicant, type, flag, status)
    size = web.settings.page_size
    page = max(1, min(page, 100000))
    with web.session() as db:
        rows, total, counts = queries.queue_view(db, f, page, size)
        options = queries.filter_options(db)
        # the first row's scan, fetched while the queue is read (Enter opens that row)
        first_page = queries.first_page(db, rows[0].id) if rows else None
    pages = max(1, (total + size - 1) // size)
    return web.render(
        request,
        "queue.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        f=f,
        options=options,
        counts=counts,
        first_page=first_page,
        # j/k skip decided rows unless the reviewer filtered the queue to a decided status
        skip_decided=f.status in ("", "open", *PENDING),
        open_statuses=PENDING,
        none_left=NONE_LEFT,
        active="queue",
    )
