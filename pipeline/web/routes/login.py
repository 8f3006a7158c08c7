"""Sign-in and sign-out (rate limited; the only pages open without a session)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.web.auth import NotSignedIn, client_ip, current_user, sign_in, sign_out
from pipeline.web.csrf import verify_csrf

router = APIRouter()
MAX_PASSWORD = 1024
# Verified against when the user does not exist, so a wrong name costs as long as a wrong password
# (otherwise response time tells which user names exist). Made with the same hasher settings.
_DUMMY_HASH: list[str] = []


def _dummy_hash() -> str:
    from pipeline.store.users import hash_password

    if not _DUMMY_HASH:
        _DUMMY_HASH.append(hash_password("not-a-real-password"))
    return _DUMMY_HASH[0]


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths: never redirect to another host after sign-in.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so a target of
    slash, tab, slash, host (or slash, backslash, host) would leave the site: any such character
    refuses the target.
    """
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(c) < 33 or ord(c) == 127 for c in target)
    ):
        return target
    return "/queue"


@router.get("/")
def home(request: Request) -> Response:
    current_user(request)
    return RedirectResponse("/queue", status_code=303)


@router.get("/login")
def login_form(request: Request, next: str = "/queue") -> Response:
    web = request.app.state.web
    try:
        current_user(request)
        return RedirectResponse(_safe_next(next), status_code=303)
    except NotSignedIn:
        pass
    return web.render(request, "login.html", next=_safe_next(next), error="", username="")


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: str = Form(""),
    password: str = Form(""),
    next: str = Form("/queue"),
) -> Response:
    from pipeline.store.users import verify_password
    from pipeline.web import queries

    web = request.app.state.web
    username = username.strip()[:100]
    if len(password) > MAX_PASSWORD:  # hashing megabytes on request would be a cheap way to load us
        password = ""
    ip = client_ip(request)
    wait = web.limiter.retry_after(ip, username)
    if wait:
        return web.render(
            request,
            "login.html",
            status_code=429,
            next=_safe_next(next),
            username=username,
            error=f"登录失败次数过多，请 {wait} 秒后再试。",
            headers={"Retry-After": str(wait)},
        )
    # Exactly one Argon2 verification on every attempt, whatever is wrong (no such user, an
    # empty or too long password, a disabled account): a failure costs the same, so response
    # time does not tell which user names exist.
    with web.session() as db:
        user = queries.user_by_name(db, username) if username else None
    stored = user.password_hash if user is not None else _dummy_hash()
    matches = verify_password(stored, password)
    ok = user is not None and user.active and bool(password) and matches
    if not ok or user is None:
        web.limiter.failed(ip, username)
        return web.render(
            request,
            "login.html",
            status_code=401,
            next=_safe_next(next),
            username=username,
            error="用户名或密码不正确，或账号已停用。",
        )
    web.limiter.succeeded(ip, username)
    sign_in(request, user.id)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/login", status_code=303)
