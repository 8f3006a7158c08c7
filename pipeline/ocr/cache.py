"""On-disk OCR cache: no page is OCR'd twice, across runs too.

Two kinds of entries, both small gzip'd JSON files written atomically (temp file + rename):

- ``pages/ab/<key>.json.gz`` — the OCR result of one page image. ``key`` is the sha256 of the
  decoded page pixels + engine + preprocessing version, so the same scan met in another file or
  another batch is found again.
- ``files/ab/<file sha256>.<engine>.<version>.json.gz`` — the page keys of a whole file, so a
  re-run finds every page without even decoding the file (a 200 dpi render costs more than the
  lookup).

Readers never trust a broken entry: an unreadable file is a miss and is rewritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pipeline.types import Line, Page, Word

FORMAT = 1  # bump when the JSON layout changes


def page_key(image_sha256: str, engine: str, version: str) -> str:
    return hashlib.sha256(f"{image_sha256}|{engine}|{version}|{FORMAT}".encode()).hexdigest()


class OcrCache:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # pages
    def _page_path(self, key: str) -> Path:
        return self.root / "pages" / key[:2] / f"{key}.json.gz"

    def get_page(self, key: str) -> dict[str, Any] | None:
        return _read(self._page_path(key))

    def put_page(self, key: str, page: Page) -> None:
        _write(self._page_path(key), page_to_json(page))

    # files
    def _file_path(self, file_sha256: str, engine: str, version: str) -> Path:
        return self.root / "files" / file_sha256[:2] / f"{file_sha256}.{engine}.{version}.json.gz"

    def get_file_keys(self, file_sha256: str, engine: str, version: str) -> list[str] | None:
        data = _read(self._file_path(file_sha256, engine, version))
        if not data or not isinstance(data.get("keys"), list):
            return None
        return [str(k) for k in data["keys"]]

    def put_file_keys(self, file_sha256: str, engine: str, version: str, keys: list[str],
                      layer_rejected: list[str] | None = None) -> None:
        """``layer_rejected``: per page, why its PDF text layer was not trusted ("" for none): a
        property of the file, not of the page image, so it is kept here and not in the page."""
        data: dict[str, Any] = {"keys": keys}
        if layer_rejected and any(layer_rejected):
            data["layer_rejected"] = layer_rejected
        _write(self._file_path(file_sha256, engine, version), data)

    def get_file_layer_rejected(self, file_sha256: str, engine: str, version: str) -> list[str]:
        data = _read(self._file_path(file_sha256, engine, version)) or {}
        notes = data.get("layer_rejected")
        return [str(n) for n in notes] if isinstance(notes, list) else []


def _read(path: Path) -> dict[str, Any] | None:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, EOFError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json.gz")
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5) as gz:
            gz.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        os.replace(tmp, path)  # atomic: a reader sees the old file or the new one, never half
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- (de)serialisation ------------------------------------------------------------------------


def page_to_json(page: Page) -> dict[str, Any]:
    """The engine's reading of a page image; which file and page it was is not part of it."""
    return {
        "width": page.width,
        "height": page.height,
        "engine": page.engine,
        "mean_conf": page.mean_conf,
        "rotation": page.rotation,
        "lines": [
            [ln.text, list(ln.box), ln.conf, [[w.text, list(w.box), w.conf] for w in ln.words]]
            for ln in page.lines
        ],
    }


def page_from_json(data: dict[str, Any], file_sha256: str, page_no: int, key: str) -> Page:
    from pipeline.ocr.textnorm import page_text

    lines = [
        Line(
            text=t,
            box=tuple(b),  # type: ignore[arg-type]
            conf=c,
            words=tuple(Word(text=wt, box=tuple(wb), conf=wc) for wt, wb, wc in ws),  # type: ignore[misc]
        )
        for t, b, c, ws in data["lines"]
    ]
    return Page(
        file_sha256=file_sha256,
        page_no=page_no,
        width=int(data["width"]),
        height=int(data["height"]),
        text=page_text(lines),
        lines=lines,
        engine=str(data["engine"]),
        cache_key=key,
        mean_conf=float(data["mean_conf"]),
        rotation=int(data.get("rotation", 0)),
    )
