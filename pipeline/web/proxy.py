"""Serving behind a TLS-terminating reverse proxy: which requests came over HTTPS, and what follows.

uvicorn's proxy-headers middleware (``cehours serve --trusted-proxy ADDR``) rewrites a request's
scheme and client address from ``X-Forwarded-Proto`` / ``X-Forwarded-For`` only when the
connection comes from a trusted proxy address; from anywhere else those headers are ignored.
So the ASGI scope's ``scheme`` is the one fact to go by, and ``cookie_secure`` is the one place
that decides whether a cookie gets ``Secure``: the session code calls it, and
``HttpsMiddleware`` applies it to every ``Set-Cookie`` and adds HSTS on HTTPS responses.
"""

from __future__ import annotations

import os
from typing import Any

from starlette.datastructures import MutableHeaders

HSTS_MAX_AGE = 365 * 24 * 3600  # a year: browsers then refuse plain HTTP to this host


def trusted_proxies(cli_values: list[str] | None = None) -> list[str]:
    """Addresses whose forwarded headers are believed: ``--trusted-proxy`` wins, then
    ``CEHOURS_TRUSTED_PROXIES`` (comma-separated), else none (the headers are ignored)."""
    values = list(cli_values or []) or os.environ.get("CEHOURS_TRUSTED_PROXIES", "").split(",")
    return [v.strip() for v in values if v.strip()]


def is_https(scope: Any) -> bool:
    """The request came over HTTPS: to this server, or to a trusted proxy that said so."""
    return scope.get("scheme") in ("https", "wss")


def cookie_secure(scope_or_request: Any, always: bool = False) -> bool:
    """Whether cookies set in answer to this request get ``Secure``: whenever it came over HTTPS,
    or always when the server is told so (``--secure-cookie``, for a proxy that sends no
    ``X-Forwarded-Proto``). Takes an ASGI scope or a Starlette request."""
    scope = getattr(scope_or_request, "scope", scope_or_request)
    return always or is_https(scope)


class HttpsMiddleware:
    """On a response to an HTTPS request: ``Secure`` on every cookie that lacks it, and HSTS."""

    def __init__(self, app: Any, *, always_secure: bool = False, hsts_max_age: int = HSTS_MAX_AGE) -> None:
        self.app = app
        self.always_secure = always_secure
        self.hsts_max_age = hsts_max_age

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        secure = cookie_secure(scope, self.always_secure)
        https = is_https(scope)

        async def send_wrapped(message: Any) -> None:
            if message["type"] == "http.response.start" and (secure or https):
                headers = MutableHeaders(scope=message)
                if secure:
                    cookies = headers.getlist("set-cookie")
                    if cookies:
                        del headers["set-cookie"]
                        for c in cookies:
                            headers.append("set-cookie", c if _has_secure(c) else f"{c}; secure")
                if https and self.hsts_max_age > 0:
                    headers.setdefault("Strict-Transport-Security", f"max-age={self.hsts_max_age}")
            await send(message)

        await self.app(scope, receive, send_wrapped)


def _has_secure(cookie: str) -> bool:
    return any(part.strip().lower() == "secure" for part in cookie.split(";")[1:])
