"""What the web app is configured with: database, data folder, secret, limits."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import config
from pipeline.web.proxy import HSTS_MAX_AGE

SECRET_FILE = "web-secret"


def load_secret(data_dir: Path) -> str:
    """``CEHOURS_SECRET`` if set, else a random secret generated once and kept in the data dir.

    Keeping it on disk means sessions survive a restart; the file is readable by its owner only.
    """
    env = os.environ.get("CEHOURS_SECRET")
    if env:
        return env
    path = data_dir / SECRET_FILE
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if len(value) >= 32:
            return value
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    # O_EXCL so two servers starting at once cannot overwrite each other's secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(value)
    return value


def _idle_seconds() -> int:
    raw = os.environ.get("CEHOURS_SESSION_IDLE_MINUTES", "30")
    try:
        minutes = float(raw)
    except ValueError:
        raise ValueError(f"CEHOURS_SESSION_IDLE_MINUTES must be a number of minutes, not {raw!r}") from None
    if minutes <= 0:
        raise ValueError("CEHOURS_SESSION_IDLE_MINUTES must be more than 0")
    return int(minutes * 60)


@dataclass
class WebSettings:
    db_url: str
    data_dir: Path = field(default_factory=config.data_dir)
    secret: str = ""
    max_upload_bytes: int = 500 * 1024 * 1024
    session_max_age: int = 12 * 3600  # absolute lifetime: a working day; then sign in again
    # seconds without a request before a session ends (CEHOURS_SESSION_IDLE_MINUTES, default 30)
    session_idle: int = field(default_factory=lambda: _idle_seconds())
    undo_seconds: int = 10 * 60  # how long a bulk confirm can be undone from the applicant page
    login_attempts_per_minute: int = 5
    page_size: int = 50
    https_only: bool = False  # cookies Secure on every response, not only on HTTPS requests
    hsts_max_age: int = HSTS_MAX_AGE  # Strict-Transport-Security on HTTPS responses; 0: none
    trusted_proxies: list[str] = field(default_factory=list)  # whose X-Forwarded-* uvicorn believes

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        if not self.secret:
            self.secret = load_secret(self.data_dir)

    @property
    def upload_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def render_cache_dir(self) -> Path:
        return self.data_dir / "page-images"
