"""CSRF protection: one random token per session, required on every state-changing request.

Forms carry it as the ``csrf_token`` field, JavaScript posts as the ``X-CSRF-Token`` header.
The session cookie is SameSite=Lax as well; the token is the defence that does not depend on it.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request

SESSION_KEY = "csrf"
FORM_FIELD = "csrf_token"
HEADER = "x-csrf-token"


class CsrfError(Exception):
    """The request did not carry the session's CSRF token."""


def csrf_token(request: Request) -> str:
    """The session's token, created on first use."""
    token = request.session.get(SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def rotate(request: Request) -> str:
    """A fresh token (on sign-in and sign-out, so a token seen before sign-in is worthless)."""
    token = secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = token
    return token


def _matches(expected: str | None, given: str | None) -> bool:
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency for every POST: header first (no body read), else the form field."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    expected = request.session.get(SESSION_KEY)
    if _matches(expected, request.headers.get(HEADER)):
        return
    ctype = request.headers.get("content-type", "")
    # Multipart uploads are checked by the upload route itself after its size-capped read.
    if ctype.startswith("application/x-www-form-urlencoded"):
        form = await request.form()
        if _matches(expected, form.get(FORM_FIELD)):  # type: ignore[arg-type]
            return
    raise CsrfError()


def check_form_token(request: Request, given: str | None) -> None:
    """For routes that parse their own body (multipart): raise unless ``given`` is the token."""
    if not _matches(request.session.get(SESSION_KEY), given):
        raise CsrfError()
