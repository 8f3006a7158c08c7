"""Batches: the list with counts, bulk upload of a zip, and live progress of its processing."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from pipeline.cjk import IDEOGRAPHS
from pipeline.web import csrf
from pipeline.web.auth import SessionUser, current_user

router = APIRouter(dependencies=[Depends(current_user)])


class UploadTooLarge(Exception):
    pass


def safe_batch_name(filename: str) -> str:
    """The batch name from the zip's name: letters, digits, CJK, - _ . only; never a path."""
    stem = Path(filename.replace("\\", "/")).name
    stem = stem[:-4] if stem.lower().endswith(".zip") else stem
    stem = re.sub(rf"[^\w\-.{IDEOGRAPHS}]+", "_", stem).strip("._")
    return stem[:100] or "batch"


@router.get("/batches")
def batches_page(request: Request) -> Response:
    from pipeline.web import queries

    web = request.app.state.web
    with web.session() as db:
        batches = queries.batches_overview(db)
    # poll for progress while anything runs: an upload of this server, or a CLI run elsewhere
    running = any(b["status"] == "running" for b in batches) or bool(web.jobs.active())
    return web.render(
        request,
        "batches.html",
        batches=batches,
        jobs=[j.public() for j in web.jobs.all()],
        running=running,
        max_upload_mb=web.settings.max_upload_bytes // (1024 * 1024),
        active="batches",
    )


@router.get("/batches/jobs.json")
def jobs_json(request: Request) -> JSONResponse:
    """Upload jobs of this server and every batch's counts (batches run from the CLI show too)."""
    from pipeline.web import queries

    web = request.app.state.web
    with web.session() as db:
        batches = [
            {"id": b["id"], "name": b["name"], "status": b["status"], "item_count": b["item_count"],
             "by_status": b["by_status"]}
            for b in queries.batches_overview(db)
        ]  # fmt: skip
    return JSONResponse({"jobs": [j.public() for j in web.jobs.all()], "batches": batches})


@router.get("/batches/jobs/{job_id}.json")
def job_json(request: Request, job_id: int) -> JSONResponse:
    job = request.app.state.web.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "没有这个处理任务")
    return JSONResponse(job.public())


async def _read_capped_form(request: Request, cap: int) -> Any:
    """Parse the multipart body, counting bytes as they arrive; over ``cap`` stops the read.

    Starlette spools file parts to a temporary file past 1 MB, so a large zip never sits in memory.
    """
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > cap:
        raise UploadTooLarge()
    seen = 0
    receive = request.receive

    async def capped_receive() -> Any:
        nonlocal seen
        message = await receive()
        seen += len(message.get("body", b""))
        if seen > cap:
            raise UploadTooLarge()
        return message

    limited = Request(request.scope, receive=capped_receive)
    return await limited.form(max_files=1, max_fields=5)


@router.post("/batches/upload")
async def upload(request: Request) -> Response:
    web = request.app.state.web
    user: SessionUser = current_user(request)
    # The token may come as a header (script) before the body is read, else as a form field.
    header_ok = request.headers.get(csrf.HEADER) is not None
    if header_ok:
        csrf.check_form_token(request, request.headers.get(csrf.HEADER))
    cap = web.settings.max_upload_bytes
    try:
        form = await _read_capped_form(request, cap)
    except UploadTooLarge:
        raise HTTPException(413, f"文件超过上限 {cap // (1024 * 1024)} MB") from None
    if not header_ok:
        token = form.get(csrf.FORM_FIELD)
        csrf.check_form_token(request, token if isinstance(token, str) else None)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise HTTPException(400, "请选择一个 .zip 文件")
    name = safe_batch_name(upload.filename)
    # Each upload gets its own folder so two zips of the same name never overwrite each other.
    web.settings.upload_dir.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{secrets.token_hex(4)}-", dir=web.settings.upload_dir))
    target = folder / f"{name}.zip"
    with target.open("wb") as out:
        upload.file.seek(0)
        shutil.copyfileobj(upload.file, out, 1 << 20)
    await upload.close()
    if not zipfile.is_zipfile(target):
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(400, "上传的文件不是有效的 zip 压缩包")
    os.chmod(target, 0o600)
    job = web.jobs.submit(target, name, upload.filename, user.username)
    if "json" in request.headers.get("accept", ""):
        return JSONResponse(job.public(), status_code=202)
    return RedirectResponse(f"/batches?job={job.id}", status_code=303)
