"""Server-side sessions of the review pages: the cookie, and the rows that make it revocable.

The browser holds Starlette's signed cookie (itsdangerous, HttpOnly, SameSite=Lax) with a random
session token, the CSRF token and a one-time flash message. The token means nothing by itself:
each request looks up the SHA-256 of it in ``web_sessions``. A session ends (``ended_at``) on
sign-out, when the user's password, role or account state changes (every session of that user),
after ``idle`` seconds without a request and ``absolute`` seconds after sign-in, whatever
happens. The cookie's flags are set here alone (``install``): a ``Secure`` flag behind TLS is
this one place.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.orm import Session
from starlette.middleware.sessions import SessionMiddleware

from pipeline.store.models import WebSessionRow

COOKIE = "cehours_session"
TOKEN_KEY = "sid"  # the key of the session token inside the signed cookie
KEEP_DAYS = 30  # rows of ended sessions are kept this long (who was signed in when), then deleted
TOUCH_EVERY = 30  # seconds: last_seen is written at most this often (not a write per request)


def install(app: Any, settings: Any) -> None:
    """The signed cookie carrying the token: HttpOnly, SameSite=Lax, Secure when ``https_only``."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.secret,
        session_cookie=COOKIE,
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.https_only,
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(t: datetime) -> datetime:
    # SQLite hands back naive datetimes (stored as UTC)
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def start(db: Session, user_id: int) -> str:
    """A new session for ``user_id`` (commits); the token to put in the cookie."""
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    # rows of sessions long over are of no more use (each ended within 12 h of its sign-in)
    db.execute(delete(WebSessionRow).where(WebSessionRow.created_at < now - timedelta(days=KEEP_DAYS)))
    db.add(WebSessionRow(token_sha256=_digest(token), user_id=user_id, created_at=now, last_seen=now))
    db.commit()
    return token


def check(db: Session, token: str, idle: int, absolute: int) -> int | None:
    """The user id of a live session; None (and the session ended) when it is over.

    ``idle``: seconds allowed since the last request; ``absolute``: seconds since sign-in.
    """
    if not isinstance(token, str) or not token:
        return None
    row = db.get(WebSessionRow, _digest(token))
    if row is None or row.ended_at is not None:
        return None
    now = datetime.now(UTC)
    why = ""
    if now - _aware(row.created_at) > timedelta(seconds=absolute):
        why = "expired"
    elif now - _aware(row.last_seen) > timedelta(seconds=idle):
        why = "idle"
    if why:
        row.ended_at, row.ended_why = now, why
        db.commit()
        return None
    if now - _aware(row.last_seen) > timedelta(seconds=TOUCH_EVERY):
        row.last_seen = now
        db.commit()
    return row.user_id


def end(db: Session, token: str, why: str = "sign_out") -> None:
    """End the one session of ``token`` (commits)."""
    if token:
        _end_where(db, WebSessionRow.token_sha256 == _digest(token), why)


def end_all(db: Session, user_id: int, why: str) -> int:
    """End every open session of ``user_id`` (commits); how many were open."""
    return _end_where(db, WebSessionRow.user_id == user_id, why)


def _end_where(db: Session, cond: Any, why: str) -> int:
    res = db.execute(
        update(WebSessionRow)
        .where(cond, WebSessionRow.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC), ended_why=why[:20])
    )
    db.commit()
    return int(res.rowcount or 0)
