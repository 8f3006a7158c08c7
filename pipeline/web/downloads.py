"""The recognition sheet (PDF) of an applicant and the workbook (Excel) of a batch.

Both are made by ``pipeline.report`` into a temporary file and sent as an attachment; nothing
is kept on disk, so a download always shows the decisions as they stand.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(data: bytes, filename: str, media_type: str) -> Response:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def wants_full_id_numbers(request: Request) -> bool:
    """``?id_numbers=full`` from a user whose role may see them; masked otherwise."""
    from pipeline.privacy import may_see_id_numbers

    user = getattr(request.state, "user", None)
    return request.query_params.get("id_numbers") == "full" and may_see_id_numbers(
        getattr(user, "role", None)
    )


def log_id_reveal_web(request: Request, action: str, owners: list[tuple[str | None, str | None]]) -> None:
    """The signed-in user was shown these applicants' ID numbers in full: the access log says so."""
    from pipeline.privacy import log_id_reveal
    from pipeline.web.auth import client_ip

    with request.app.state.web.session() as db:
        log_id_reveal(db, request.state.user.username, action, owners, client_ip(request))


def _id_number_owners(db: Any, batch: Any) -> list[tuple[str | None, str | None]]:
    """Whose ID numbers a batch's workbook holds: its applicants with one in the manifest, and
    those whose records hold one read off a scan or typed into a reason."""
    from sqlalchemy import select

    from pipeline.export import records
    from pipeline.privacy import revealed_in
    from pipeline.store.models import ApplicantRow

    listed = db.scalars(select(ApplicantRow.applicant_id).where(ApplicantRow.batch_id == batch.id,
                                                                ApplicantRow.id_number != ""))  # fmt: skip
    return [(batch.name, a) for a in listed] + revealed_in(records(db, batch.name, full_id_numbers=True))


def _written(write: Callable[[Path], Path], filename: str) -> bytes:
    """The bytes ``write`` puts in a file of that name in a temporary folder (removed at once)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write(Path(tmp) / filename).read_bytes()


def recognition_sheet(request: Request, applicant_pk: int) -> Response:
    from pipeline.report.data import UnknownApplicant, sheet_data
    from pipeline.report.sheet import write_sheet
    from pipeline.web.found import applicant_or_404

    web = request.app.state.web
    with web.session() as db:
        a, batch = applicant_or_404(db, applicant_pk)
        try:
            data = sheet_data(db, a.applicant_id, batch.name)
        except UnknownApplicant as exc:
            raise HTTPException(404, str(exc)) from None
        name = f"学时认定单-{a.applicant_id}-{a.name}.pdf"
    return _attachment(_written(lambda p: write_sheet(data, p), "sheet.pdf"), name, "application/pdf")


def applicant_export(request: Request, applicant_pk: int) -> Response:
    """One applicant's data on request, as `cehours applicant-export` writes it, in a zip (admins
    only; the export is logged like a scan access)."""
    from pipeline.retention import export_applicant, zip_folder
    from pipeline.web.auth import client_ip
    from pipeline.web.found import applicant_or_404

    web = request.app.state.web
    with web.session() as db:
        a, _ = applicant_or_404(db, applicant_pk)
        applicant_id = a.applicant_id
    # the scans can be large: the zip is sent from a temporary folder, removed once sent
    tmp = Path(tempfile.mkdtemp(prefix="cehours-export-"))
    try:
        user, client = request.state.user.username, client_ip(request)
        with web.session() as db:
            export_applicant(db, applicant_id, tmp / "export", user, client)
        zipped = zip_folder(tmp / "export", tmp / "export.zip")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FileResponse(zipped, media_type="application/zip", filename=f"个人资料-{applicant_id}.zip",
                        background=BackgroundTask(shutil.rmtree, tmp, ignore_errors=True))  # fmt: skip


def batch_workbook(request: Request, batch_id: int) -> Response:
    from pipeline.report.workbook import write_workbook
    from pipeline.web.found import batch_or_404

    web = request.app.state.web
    with web.session() as db:
        batch = batch_or_404(db, batch_id)
        full = wants_full_id_numbers(request)
        data = _written(lambda p: write_workbook(db, p, batch.name, full_id_numbers=full), "workbook.xlsx")
        name = f"学时明细-{batch.name}.xlsx"
        owners = _id_number_owners(db, batch) if full else []
    if owners:
        log_id_reveal_web(request, "id_export", owners)
    return _attachment(data, name, XLSX)
