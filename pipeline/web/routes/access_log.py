"""The access log (admins only): who opened which applicant's scans or saw their ID number in
full, newest first."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from pipeline.web.auth import require_admin

router = APIRouter(dependencies=[Depends(require_admin)])


@router.get("/admin/scan-access")
def scan_access_page(request: Request, applicant: str = "") -> Response:
    from pipeline.privacy import ACCESS_ACTIONS, scan_accesses

    web = request.app.state.web
    with web.session() as db:
        rows = scan_accesses(db, applicant.strip() or None)
    return web.render(request, "access_log.html", rows=rows, applicant=applicant, actions=ACCESS_ACTIONS,
                      active="users")  # fmt: skip
