"""Scans, served by content hash through the database: no request path reaches the filesystem.

``/files/{sha256}/page/{n}.png`` renders one page; ``/files/{sha256}`` sends the original.
The hash must be 64 hex digits and a row of ``files``; the path read is the one recorded there.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, Response

from pipeline.web.auth import current_user

router = APIRouter(dependencies=[Depends(current_user)])


def log_access(request: Request, action: str, sha256: str, page_no: int | None = None) -> None:
    """Who opened whose scan: one row of the scan-access log (pipeline.privacy), beside the audit log."""
    from pipeline.privacy import log_scan_access
    from pipeline.web.auth import client_ip

    with request.app.state.web.session() as db:
        log_scan_access(db, request.state.user.username, action, sha256, page_no, client_ip(request))


def _not_purged(f: object) -> None:
    """A scan removed by `cehours purge` says so (its records and decisions are all still there)."""
    if getattr(f, "purged_at", None) is not None:
        raise HTTPException(404, "此扫描件已按保存期限清除（审核记录仍保留）")


MEDIA_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
    "tiff": "image/tiff", "webp": "image/webp", "bmp": "image/bmp", "heic": "image/heic",
}  # fmt: skip


@router.get("/files/{sha256}/page/{page_no}.png")
def page_image(request: Request, sha256: str, page_no: int) -> Response:
    """The page at the OCR's full size (the "原图" link): for a close look."""
    return _page(request, sha256, page_no, None)


@router.get("/files/{sha256}/page/{page_no}/w{screen_width}.jpg")
def page_image_sized(request: Request, sha256: str, page_no: int, screen_width: int) -> Response:
    """The page sized for the screen, as JPEG: what the item page shows (its srcset)."""
    return _page(request, sha256, page_no, screen_width)


def _page(request: Request, sha256: str, page_no: int, screen_width: int | None) -> Response:
    from pipeline.web import queries
    from pipeline.web.found import file_or_404
    from pipeline.web.render import SCREEN_WIDTHS, RenderError

    web = request.app.state.web
    if screen_width is not None and screen_width not in SCREEN_WIDTHS:
        raise HTTPException(404, "没有这个尺寸")
    if page_no < 0 or page_no > 10000:
        raise HTTPException(404, "没有这一页")
    with web.session() as db:
        f = file_or_404(db, sha256)
        p = queries.page_row(db, sha256, page_no)
    _not_purged(f)
    try:
        png = web.renderer.png(
            f.sha256,
            f.stored_path,
            f.kind,
            page_no,
            rotation=p.rotation if p else 0,
            width=p.width if p else None,
            height=p.height if p else None,
            screen_width=screen_width,
        )
    except RenderError as exc:
        raise HTTPException(404, str(exc)) from None
    except Exception as exc:  # a damaged original: say so, keep serving the rest
        raise HTTPException(404, f"无法显示此页：{type(exc).__name__}") from None
    if "prefetch" not in request.headers.get("sec-purpose", ""):
        # a prefetch is not a look; the item page logs the scans it shows (routes/items.py)
        log_access(request, "page", f.sha256, page_no)
    # The address names the content (the original's SHA-256, the page, the size; the page's
    # rotation and OCR size ride along as ?v=, see item.html), so the browser may keep it.
    return Response(
        png,
        media_type="image/jpeg" if screen_width else "image/png",
        headers={"Cache-Control": "private, max-age=31536000, immutable"},
    )


@router.get("/files/{sha256}")
def original(request: Request, sha256: str) -> Response:
    from pathlib import Path

    from pipeline.web.found import file_or_404
    from pipeline.web.render import RenderError

    web = request.app.state.web
    with web.session() as db:
        f = file_or_404(db, sha256)
    _not_purged(f)
    path = Path(f.stored_path)
    try:
        web.renderer.verify(f.sha256, path)
    except RenderError:
        raise HTTPException(404, "存储中找不到原始文件，或内容与登记不符") from None
    name = Path(str((f.names or [f"{sha256}"])[0])).name or sha256
    log_access(request, "original", f.sha256)
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(f.kind, "application/octet-stream"),
        filename=name,
        content_disposition_type="attachment",
    )
