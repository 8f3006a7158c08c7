"""User management (admins only): add accounts, disable/enable, change role, reset password."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from pipeline.web import sessions
from pipeline.web.auth import SessionUser, require_admin
from pipeline.web.csrf import verify_csrf

router = APIRouter(dependencies=[Depends(require_admin)])
MIN_PASSWORD = 8


def _page(request: Request, error: str = "", status_code: int = 200) -> Response:
    from pipeline.web import queries

    web = request.app.state.web
    with web.session() as db:
        users = queries.list_users(db)
    return web.render(
        request, "users.html", status_code=status_code, users=users, error=error, active="users"
    )


@router.get("/users")
def users_page(request: Request) -> Response:
    return _page(request)


@router.post("/users", dependencies=[Depends(verify_csrf)])
def add(
    request: Request, username: str = Form(""), password: str = Form(""), role: str = Form("reviewer")
) -> Response:
    from pipeline.store.users import add_user

    if len(password) < MIN_PASSWORD:
        return _page(request, f"密码至少 {MIN_PASSWORD} 位", 400)
    with request.app.state.web.session() as db:
        try:
            add_user(db, username, password, role)
        except ValueError as exc:
            return _page(request, f"无法新增用户：{exc}", 400)
    request.session["flash"] = f"已新增用户 {username.strip()}。"
    return RedirectResponse("/users", status_code=303)


def _change(request: Request, user_id: int, **values: object) -> Response:
    from pipeline.store.models import UserRow

    me: SessionUser = require_admin(request)
    if user_id == me.id and ("active" in values or "role" in values):
        # An admin cannot lock themselves out (and so leave nobody to manage users).
        return _page(request, "不能停用自己或修改自己的角色", 400)
    with request.app.state.web.session() as db:
        row = db.get(UserRow, user_id)
        if row is None:
            raise HTTPException(404, "没有这个用户")
        for key, value in values.items():
            setattr(row, key, value)
        db.commit()
        name = row.username
        # a changed password, role or account state ends every session of that user
        sessions.end_all(db, user_id, next(iter(values)).removesuffix("_hash"))
    request.session["flash"] = f"已更新用户 {name}。"
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{user_id}/active", dependencies=[Depends(verify_csrf)])
def set_active(request: Request, user_id: int, active: str = Form(...)) -> Response:
    return _change(request, user_id, active=(active == "true"))


@router.post("/users/{user_id}/role", dependencies=[Depends(verify_csrf)])
def set_role(request: Request, user_id: int, role: str = Form(...)) -> Response:
    if role not in ("reviewer", "admin"):
        return _page(request, "角色无效", 400)
    return _change(request, user_id, role=role)


@router.post("/users/{user_id}/password", dependencies=[Depends(verify_csrf)])
def set_password(request: Request, user_id: int, password: str = Form("")) -> Response:
    from pipeline.store.users import hash_password
    from pipeline.web.auth import sign_in

    if len(password) < MIN_PASSWORD:
        return _page(request, f"密码至少 {MIN_PASSWORD} 位", 400)
    new_hash = hash_password(password)
    response = _change(request, user_id, password_hash=new_hash)
    me: SessionUser = require_admin(request)
    if user_id == me.id:  # every session of this account ended; this browser gets a new one
        sign_in(request, me.id)
        request.session["flash"] = "已更新您的密码。"
    return response
