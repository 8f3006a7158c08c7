"""The reviewers' web app: ``create_app(db_url) -> FastAPI``.

Server-rendered pages (Jinja2) in Chinese, one small plain script for keyboard shortcuts,
zoom and progress polling; no build step and nothing fetched from outside.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline import privacy
from pipeline.web import labels, problem_text, sessions
from pipeline.web.auth import Forbidden, LoginRateLimiter, NotSignedIn
from pipeline.web.csrf import CsrfError, csrf_token
from pipeline.web.proxy import HttpsMiddleware
from pipeline.web.settings import WebSettings

HERE = Path(__file__).parent
NO_PAGE = "没有这个页面。"

# Pages are private data: no caching, no framing, scripts only from this server.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
}


class HeadersMiddleware:
    """Security headers on every response, and ``Server-Timing: app;dur=<ms>`` (time to the
    response head, measured in the server) for the benchmark and the browser's devtools.
    A plain ASGI middleware: cheaper than ``@app.middleware("http")`` on every request."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                if not static:
                    headers.setdefault("Cache-Control", "no-store")
                elif scope.get("query_string", b"").startswith(b"v="):
                    # addressed by content hash (static_url): a new version is a new address
                    headers["Cache-Control"] = "public, max-age=31536000, immutable"
                headers.append("Server-Timing", f"app;dur={(time.perf_counter() - start) * 1000:.1f}")
            await send(message)

        await self.app(scope, receive, send_with_headers)


@lru_cache(maxsize=16)
def static_url(name: str) -> str:
    """``/static/<name>?v=<hash of its content>``: cached by the browser until the file changes."""
    digest = hashlib.sha256((HERE / "static" / name).read_bytes()).hexdigest()[:12]
    return f"/static/{name}?v={digest}"


class WebContext:
    """Everything the routes share, kept on ``app.state.web``."""

    def __init__(self, settings: WebSettings) -> None:
        from pipeline.store.db import open_db
        from pipeline.web import jobs, render

        self.settings = settings
        # The store's sessions: schema brought to head, SQLite in WAL with a busy timeout, so the
        # pages keep reading while a batch is written by the background job.
        self.sessionmaker: sessionmaker[Session] = open_db(settings.db_url)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals.update(
            labels=labels, problem_text=problem_text, static_url=static_url, page_url=render.page_url,
            ZOOM_WIDTH=render.ZOOM_WIDTH,
        )
        self.templates.env.filters["urlquote"] = lambda s: quote(str(s), safe="")
        self.templates.env.filters["hours"] = labels.hours_text
        self.templates.env.globals["id_number_shown"] = privacy.id_number_shown  # masked unless allowed
        self.templates.env.filters["mask_ids"] = privacy.redact_id_numbers  # lists: ID numbers masked
        self.limiter = LoginRateLimiter(per_user=settings.login_attempts_per_minute)
        self.jobs = jobs.JobRunner(settings)
        self.renderer = render.PageRenderer(settings.render_cache_dir)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessionmaker() as s:
            yield s

    def render(
        self,
        request: Request,
        name: str,
        status_code: int = 200,
        headers: dict[str, str] | None = None,
        **ctx: Any,
    ) -> Response:
        ctx.setdefault("user", getattr(request.state, "user", None))
        if "flash" not in ctx and "flash" in request.session:
            ctx["flash"] = request.session.pop("flash")
        ctx["csrf_token"] = csrf_token(request)
        return self.templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith(("/files/", "/api/")) or request.url.path.endswith(".json"):
        return False
    return request.method in ("GET", "HEAD") and "json" not in request.headers.get("accept", "")


def create_app(db_url: str | None = None, *, settings: WebSettings | None = None) -> FastAPI:
    """The app over the database at ``db_url`` (or ``settings`` for tests and the benchmark)."""
    from pipeline import config
    from pipeline.web.routes import register_routes

    if settings is None:
        settings = WebSettings(db_url=config.db_url(db_url))
    web = WebContext(settings)
    from pipeline.web.routes.login import _dummy_hash

    _dummy_hash()  # made now, so the first failed sign-in costs no more than the others

    app = FastAPI(title="cehours 学时审核", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = web

    sessions.install(app, settings)
    # outside the session middleware, so it sees the session cookie: Secure and HSTS over HTTPS
    app.add_middleware(HttpsMiddleware, always_secure=settings.https_only, hsts_max_age=settings.hsts_max_age)
    app.add_middleware(HeadersMiddleware)  # added last, so outermost: it times everything

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, exc: NotSignedIn) -> Response:
        if _wants_html(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return JSONResponse({"detail": "请先登录"}, status_code=401)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> Response:
        if _wants_html(request):
            return web.render(
                request,
                "error.html",
                status_code=403,
                title="无权访问",
                message="您的账号没有访问此页面的权限。",
            )
        return JSONResponse({"detail": "无权访问"}, status_code=403)

    @app.exception_handler(CsrfError)
    async def _csrf(request: Request, exc: CsrfError) -> Response:
        if "json" in request.headers.get("accept", "") or request.headers.get("x-csrf-token") is not None:
            return JSONResponse({"detail": "表单已失效，请刷新页面后重试"}, status_code=403)
        return web.render(
            request,
            "error.html",
            status_code=403,
            title="表单已失效",
            message="表单校验失败（可能页面已打开太久），请刷新页面后重试。",
        )

    @app.exception_handler(RequestValidationError)
    async def _malformed(request: Request, exc: RequestValidationError) -> Response:
        # /items/abc: an address that names nothing is the page's own 404, not a JSON 422
        if request.method in ("GET", "HEAD") and _wants_html(request):
            return web.render(request, "error.html", status_code=404, title="未找到", message=NO_PAGE)
        return JSONResponse({"detail": "请求有误"}, status_code=404 if request.method == "GET" else 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_html(request) and exc.status_code in (400, 404, 409, 413):
            titles = {404: "未找到", 400: "请求有误", 409: "冲突", 413: "文件过大"}
            return web.render(
                request,
                "error.html",
                status_code=exc.status_code,
                title=titles[exc.status_code],
                message=NO_PAGE if exc.detail == "Not Found" else str(exc.detail),
            )
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
        )

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    register_routes(app)
    return app
