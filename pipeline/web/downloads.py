"""The applicant's recognition sheet (PDF) and workbook (Excel), made by ``pipeline.report``."""

from __future__ import annotations

from fastapi import HTTPException, Request
from fastapi.responses import Response


def recognition_sheet(request: Request, applicant_pk: int) -> Response:
    raise HTTPException(503, "学时认定单生成功能尚未提供")


def workbook(request: Request, applicant_pk: int) -> Response:
    raise HTTPException(503, "明细表生成功能尚未提供")
