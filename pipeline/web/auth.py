"""Who is signed in: session contents, role checks and the sign-in rate limit.

The session lives on the server (pipeline.web.sessions): the cookie holds a random token that
is looked up on every request, so sign-out, a password, role or account change, the idle
timeout and the absolute lifetime end it at once. The user is re-read from the database on
every request too.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import Request

from pipeline.web import sessions


class NotSignedIn(Exception):
    """No valid session: pages redirect to the sign-in page, the rest answer 401."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this."""


@dataclass(frozen=True)
class SessionUser:
    id: int
    username: str
    role: str  # reviewer | admin

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def current_user(request: Request) -> SessionUser:
    """FastAPI dependency: the signed-in user, or NotSignedIn."""
    cached = getattr(request.state, "user", None)
    if isinstance(cached, SessionUser):
        return cached
    token = request.session.get(sessions.TOKEN_KEY)
    if not isinstance(token, str):
        raise NotSignedIn()
    from pipeline.web import queries

    web = request.app.state.web
    st = web.settings
    with web.session() as db:
        uid = sessions.check(db, token, st.session_idle, st.session_max_age)
        row = queries.user_by_id(db, uid) if uid is not None else None
    if row is None or not row.active:
        request.session.pop(sessions.TOKEN_KEY, None)
        raise NotSignedIn()
    user = SessionUser(id=row.id, username=row.username, role=row.role)
    request.state.user = user
    return user


def require_admin(request: Request) -> SessionUser:
    user = current_user(request)
    if not user.is_admin:
        raise Forbidden()
    return user


def sign_in(request: Request, user_id: int) -> None:
    """A new server-side session for ``user_id`` in a fresh cookie (a fixated token is worthless)."""
    from pipeline.web import csrf

    web = request.app.state.web
    with web.session() as db:
        token = sessions.start(db, user_id)
    request.session.clear()
    request.session[sessions.TOKEN_KEY] = token
    csrf.rotate(request)


def sign_out(request: Request) -> None:
    """End every session of the signed-in user (this browser's and any other), then clear the cookie."""
    from pipeline.web import csrf

    token = request.session.get(sessions.TOKEN_KEY)
    if isinstance(token, str):
        web = request.app.state.web
        with web.session() as db:
            # only a live session signs its user out everywhere (a replayed old cookie does not)
            uid = sessions.check(db, token, web.settings.session_idle, web.settings.session_max_age)
            if uid is not None:
                sessions.end_all(db, uid, "sign_out")
    request.session.clear()
    csrf.rotate(request)


def client_ip(request: Request) -> str:
    # No X-Forwarded-For trust: behind a proxy, run uvicorn with --proxy-headers instead.
    return request.client.host if request.client else "unknown"


class LoginRateLimiter:
    """Failed sign-ins per (IP, username) in a sliding window; over the limit answers 429.

    A second, looser limit per IP alone stops trying many usernames from one address.
    In memory: one server process, and a restart forgetting old failures is harmless.
    """

    def __init__(self, per_user: int = 5, window: float = 60.0, per_ip: int | None = None) -> None:
        self.per_user = per_user
        self.per_ip = per_ip if per_ip is not None else per_user * 4
        self.window = window
        self._fails: dict[tuple[str, str], deque[float]] = {}
        self._ip_fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _prune(self, q: deque[float], now: float) -> deque[float]:
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, ip: str, username: str) -> int:
        """Seconds until another attempt is allowed; 0 when allowed now."""
        now = time.monotonic()
        with self._lock:
            q = self._prune(self._fails.get((ip, username.lower()), deque()), now)
            qi = self._prune(self._ip_fails.get(ip, deque()), now)
            waits = []
            if len(q) >= self.per_user:
                waits.append(self.window - (now - q[0]))
            if len(qi) >= self.per_ip:
                waits.append(self.window - (now - qi[0]))
            return int(max(waits) + 1) if waits else 0

    def failed(self, ip: str, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._fails.setdefault((ip, username.lower()), deque()).append(now)
            self._ip_fails.setdefault(ip, deque()).append(now)
            if len(self._fails) > 10000:  # bound memory under a spray of names
                for key in [k for k, v in self._fails.items() if not self._prune(v, now)]:
                    del self._fails[key]

    def succeeded(self, ip: str, username: str) -> None:
        with self._lock:
            self._fails.pop((ip, username.lower()), None)
