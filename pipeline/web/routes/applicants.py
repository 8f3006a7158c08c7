"""An applicant: hours per year against the requirement, the span verdict, bulk confirm, downloads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.report.verdict import requirement_of, year_verdict
from pipeline.web.auth import SessionUser, current_user, require_admin
from pipeline.web.csrf import verify_csrf
from pipeline.web.downloads import log_id_reveal_web, wants_full_id_numbers

router = APIRouter(dependencies=[Depends(current_user)])


@router.get("/applicants/{applicant_pk}")
def applicant_page(request: Request, applicant_pk: int) -> Response:
    from pipeline.summary import applicant_summary
    from pipeline.web import charts, queries
    from pipeline.web.found import applicant_or_404
    from rules import load_policy

    web = request.app.state.web
    with web.session() as db:
        a, batch = applicant_or_404(db, applicant_pk)
        items = queries.applicant_items(db, a)
        # the same numbers as `cehours summary` (one code path in pipeline.summary)
        summary = applicant_summary(db, batch.name, a.applicant_id)
    req = load_policy(summary["policy"]).requirement
    chart = charts.year_bars(summary["years"], req.total)
    auto_ok = [row for row in items if row["item"].status == "auto_ok"]
    with web.session() as db:
        undoable = _undoable(db, a, current_user(request).username, web.settings.undo_seconds)
    if a.id_number and wants_full_id_numbers(request):  # an admin has the number shown: logged
        log_id_reveal_web(request, "id_page", [(batch.name, a.applicant_id)])
    return web.render(
        request,
        "applicant.html",
        a=a,
        batch=batch,
        items=items,
        summary=summary,
        req=req,
        chart=chart,
        auto_ok=auto_ok,
        undoable=undoable,
        year_verdict=year_verdict,
        req_parts=requirement_of(summary["policy"]),
        undo_minutes=web.settings.undo_seconds // 60,
        active="queue",
    )


BULK_REASON = "批量确认自动通过的条目"


def _undoable(db: Any, a: Any, username: str, seconds: int) -> list[Any]:
    """This reviewer's bulk confirms on this applicant from the last ``seconds`` that are still the
    items' current decisions: what "undo" would take back."""
    from sqlalchemy import select

    from pipeline.store.models import ItemRow, ReviewRow

    since = datetime.now(UTC) - timedelta(seconds=seconds)
    rows = db.execute(
        select(ReviewRow)
        .join(ItemRow, ItemRow.review_id == ReviewRow.id)
        .where(ItemRow.batch_id == a.batch_id, ItemRow.applicant_id == a.applicant_id,
               ReviewRow.action == "confirm", ReviewRow.reason == BULK_REASON, ReviewRow.user == username,
               ReviewRow.at >= since)
        .order_by(ReviewRow.id)
    ).scalars()  # fmt: skip
    return list(rows)


@router.post("/applicants/{applicant_pk}/confirm-auto", dependencies=[Depends(verify_csrf)])
async def confirm_auto(request: Request, applicant_pk: int) -> Response:
    """Confirm the applicant's auto_ok items, each at the version the reviewer saw on the page."""
    from pipeline.store.review import ReviewError, StaleItem, review_item
    from pipeline.web import queries
    from pipeline.web.found import applicant_or_404

    web = request.app.state.web
    user: SessionUser = current_user(request)
    form = await request.form()
    seen: dict[int, int] = {}
    for raw in form.getlist("item"):
        item_id, _, version = str(raw).partition(":")
        if item_id.isdigit() and version.isdigit():
            seen[int(item_id)] = int(version)
    with web.session() as db:
        a, _ = applicant_or_404(db, applicant_pk)
        mine = {row["item"].id: row["item"].status for row in queries.applicant_items(db, a)}
    done, skipped = 0, 0
    for item_id, version in seen.items():
        if mine.get(item_id) != "auto_ok":  # not this applicant's, or no longer auto_ok
            skipped += 1
            continue
        with web.session() as db:
            try:
                review_item(db, item_id, user.username, "confirm", version, None, BULK_REASON)
                done += 1
            except (StaleItem, ReviewError):
                skipped += 1
    minutes = web.settings.undo_seconds // 60
    msg = f"已批量确认 {done} 条（{minutes} 分钟内可在本页撤销）。"
    if skipped:
        msg += f"{skipped} 条在您打开页面后已被修改或不再是“自动通过”，未处理，请逐条查看。"
    request.session["flash"] = msg
    return RedirectResponse(f"/applicants/{applicant_pk}", status_code=303)


@router.post("/applicants/{applicant_pk}/undo-confirm-auto", dependencies=[Depends(verify_csrf)])
def undo_confirm_auto(request: Request, applicant_pk: int) -> Response:
    """Take back this reviewer's recent bulk confirm: an ``undo`` row per item in the audit log."""
    from pipeline.store.review import ReviewError, StaleItem, undo_review
    from pipeline.web.found import applicant_or_404

    web = request.app.state.web
    user: SessionUser = current_user(request)
    with web.session() as db:
        a, _ = applicant_or_404(db, applicant_pk)
        undoable = [r.id for r in _undoable(db, a, user.username, web.settings.undo_seconds)]
    done, skipped = 0, 0
    for review_id in undoable:
        with web.session() as db:
            try:
                undo_review(db, review_id, user.username, "撤销批量确认")
                done += 1
            except (StaleItem, ReviewError):
                skipped += 1
    msg = "没有可撤销的批量确认（已超时或已被修改）。"
    if done:
        msg = f"已撤销批量确认 {done} 条，这些条目回到“自动通过（待确认）”。"
    if skipped:
        msg += f"{skipped} 条其间已被修改，未撤销。"
    request.session["flash"] = msg
    return RedirectResponse(f"/applicants/{applicant_pk}", status_code=303)


@router.get("/applicants/{applicant_pk}/sheet.pdf")
def recognition_sheet(request: Request, applicant_pk: int) -> Response:
    from pipeline.web import downloads

    return downloads.recognition_sheet(request, applicant_pk)


@router.get("/applicants/{applicant_pk}/export.zip", dependencies=[Depends(require_admin)])
def applicant_data(request: Request, applicant_pk: int) -> Response:
    """The applicant's records, decisions, access log and scans, as `cehours applicant-export`."""
    from pipeline.web import downloads

    return downloads.applicant_export(request, applicant_pk)


@router.get("/batches/{batch_id}/workbook.xlsx")
def workbook(request: Request, batch_id: int) -> Response:
    """The workbook of the whole batch (a summary sheet, a sheet per applicant, every item)."""
    from pipeline.web import downloads

    return downloads.batch_workbook(request, batch_id)
