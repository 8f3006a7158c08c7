"""Where things live by default, overridable by flags and environment variables.

Defaults are the embedded set-up: a SQLite file and a data folder in the working directory.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """Root of the content-addressed store and the OCR cache (``CEHOURS_HOME``)."""
    return Path(os.environ.get("CEHOURS_HOME", "cehours-data")).resolve()


def store_dir() -> Path:
    return data_dir() / "store"


def ocr_cache_dir() -> Path:
    return data_dir() / "ocr-cache"


def db_url(cli_value: str | None = None) -> str:
    """``--db`` wins, then ``CEHOURS_DB``, else ``cehours.db`` in the working directory."""
    if cli_value:
        return cli_value
    env = os.environ.get("CEHOURS_DB")
    if env:
        return env
    return f"sqlite:///{Path('cehours.db').resolve()}"


def max_file_bytes() -> int:
    """Size cap for one uploaded file (``CEHOURS_MAX_FILE_MB``, default 50 MB)."""
    return int(float(os.environ.get("CEHOURS_MAX_FILE_MB", "50")) * 1024 * 1024)


def max_image_pixels() -> int:
    """Largest image (in pixels) any stage decodes (``CEHOURS_MAX_IMAGE_PIXELS``).

    The default is Pillow's own bomb threshold, ample for a 600 dpi A4 scan (35 Mpx). Every stage
    passes this limit explicitly instead of setting ``PIL.Image.MAX_IMAGE_PIXELS``, a process-wide
    global whose value would otherwise depend on which modules happened to be imported.
    """
    return int(os.environ.get("CEHOURS_MAX_IMAGE_PIXELS", "89478485"))
