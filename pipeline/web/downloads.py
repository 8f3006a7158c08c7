"""The recognition sheet (PDF) of an applicant and the workbook (Excel) of a batch.

Both are made by ``pipeline.report`` into a temporary file and sent as an attachment; nothing
is kept on disk, so a download always shows the decisions as they stand.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(data: bytes, filename: str, media_type: str) -> Response:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def recognition_sheet(request: Request, applicant_pk: int) -> Response:
    from pipeline.report.data import UnknownApplicant, sheet_data
    from pipeline.report.sheet import write_sheet
    from pipeline.store.models import ApplicantRow, Batch

    web = request.app.state.web
    with web.session() as db:
        a = db.get(ApplicantRow, applicant_pk)
        if a is None:
            raise HTTPException(404, "没有这个申报人")
        batch = db.get(Batch, a.batch_id)
        assert batch is not None
        try:
            data = sheet_data(db, a.applicant_id, batch.name)
        except UnknownApplicant as exc:
            raise HTTPException(404, str(exc)) from None
        name = f"学时认定单-{a.applicant_id}-{a.name}.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        out = write_sheet(data, Path(tmp) / "sheet.pdf")
        pdf = out.read_bytes()
    return _attachment(pdf, name, "application/pdf")


def batch_workbook(request: Request, batch_id: int) -> Response:
    from pipeline.report.workbook import write_workbook
    from pipeline.store.models import Batch

    web = request.app.state.web
    with web.session() as db:
        batch = db.get(Batch, batch_id)
        if batch is None:
            raise HTTPException(404, "没有这个批次")
        with tempfile.TemporaryDirectory() as tmp:
            out = write_workbook(db, Path(tmp) / "workbook.xlsx", batch.name)
            data = out.read_bytes()
        name = f"学时明细-{batch.name}.xlsx"
    return _attachment(data, name, XLSX)
