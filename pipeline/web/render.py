"""Page images for the scan viewer, rendered from the stored original and cached on disk.

The path of the original always comes from the database row of its SHA-256, never from the
request; on a cache miss the file's content is hashed again, so a file changed or swapped in
the store is refused rather than shown as evidence.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import threading
from pathlib import Path

from PIL import Image, ImageOps

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
MAX_SIDE = 2000  # pixels: enough to read a certificate when zoomed, small enough to send fast


# The widths the item page asks for: the scan column (about 850 px on a 1440-px screen, with
# room for a denser display) and a zoomed view. One fixed width, so the next item's image can be
# prefetched by its exact address. Boxes are placed in percent, so any width keeps them in place.
SCREEN_WIDTH, ZOOM_WIDTH = 1200, 1800
SCREEN_WIDTHS = (SCREEN_WIDTH, ZOOM_WIDTH)


def page_url(page: dict, width: int | None = SCREEN_WIDTH) -> str:  # type: ignore[type-arg]
    """The address of a page image: ``width`` px JPEG, or (None) the full-size PNG. The query
    names the rotation and OCR size, so a page read again differently gets a new address and
    the browser's long-lived cache of the old one is never shown."""
    v = f"?v={page.get('rotation') or 0}-{page.get('width') or 0}x{page.get('height') or 0}"
    base = f"/files/{page['sha256']}/page/{page['page_no']}"
    return f"{base}/w{width}.jpg{v}" if width else f"{base}.png{v}"


class RenderError(Exception):
    """The page could not be rendered (missing file, wrong hash, bad page number)."""


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# PDFium is not thread-safe, not even across documents: one page rendered at a time in this
# process (the server's threads share it; batches are processed in a child process).
_PDFIUM = threading.Lock()


def _pdf_page(path: Path, page_no: int, target_width: int | None) -> Image.Image:
    with _PDFIUM:
        return _pdf_page_locked(path, page_no, target_width)


def _pdf_page_locked(path: Path, page_no: int, target_width: int | None) -> Image.Image:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 0 <= page_no < len(pdf):
            raise RenderError(f"PDF 没有第 {page_no + 1} 页")
        page = pdf[page_no]
        width_pt = page.get_width() or 595
        # Render at the pixel width the boxes were measured in (the OCR's image), capped.
        scale = (target_width or 2 * width_pt) / width_pt
        scale = min(scale, MAX_SIDE / max(width_pt, page.get_height() or width_pt))
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        pdf.close()


def _image_page(path: Path, page_no: int, screen_width: int | None = None) -> Image.Image:
    img = Image.open(path)
    if screen_width and img.format == "JPEG":
        # decode a phone photo at a fraction of its size straight away (JPEG's DCT scaling)
        # (either side may end up as the width once the page is turned, so both stay >= it)
        img.draft("RGB", (screen_width, screen_width))
    try:
        img.seek(page_no)
    except EOFError as exc:
        raise RenderError(f"图像没有第 {page_no + 1} 页") from exc
    img = ImageOps.exif_transpose(img) if page_no == 0 else img
    return img.convert("RGB")


_CLOCKWISE = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}


def _same_ratio(img: Image.Image, width: int, height: int) -> bool:
    return abs(img.width / img.height - width / height) < 0.02


JPEG_QUALITY = 82  # text stays sharp; ~10x smaller than PNG and ~40x faster to encode than WebP


def render_page(
    path: Path,
    kind: str,
    page_no: int,
    rotation: int = 0,
    width: int | None = None,
    height: int | None = None,
    screen_width: int | None = None,
) -> bytes:
    """One page, turned by ``rotation`` degrees as the OCR turned it: PNG at the OCR's size (the
    original, for a close look), or JPEG ``screen_width`` pixels wide (what the page shows).

    ``width``/``height`` are the pixel size the stored boxes refer to; when the rendered image
    has the same proportions it is scaled to that size so that boxes fall where they belong.
    """
    img = page_image(path, kind, page_no, rotation, width, height, screen_width)
    buf = io.BytesIO()
    if screen_width:
        img.save(buf, format="JPEG", quality=JPEG_QUALITY, optimize=False, progressive=False)
    else:
        img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


def page_image(
    path: Path,
    kind: str,
    page_no: int,
    rotation: int = 0,
    width: int | None = None,
    height: int | None = None,
    screen_width: int | None = None,
) -> Image.Image:
    """The page as an RGB image (see ``render_page``)."""
    if kind == "heic":
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError as exc:
            raise RenderError("没有安装 HEIC 解码器") from exc
    if kind == "pdf":
        unrotated_w = height if rotation % 180 == 90 and height else width
        if screen_width and unrotated_w and width:  # rasterise no larger than what is sent
            unrotated_w = max(1, round(unrotated_w * min(1.0, screen_width / width)))
        img = _pdf_page(path, page_no, unrotated_w)
    else:
        img = _image_page(path, page_no, screen_width)
    if rotation % 360:
        # The OCR stage records the clockwise turn it made before reading; turn the same way so
        # the boxes (measured on the turned page) fall on the text.
        turned = img.transpose(_CLOCKWISE[rotation % 360])
        if (
            not (width and height)
            or _same_ratio(turned, width, height)
            or not _same_ratio(img, width, height)
        ):
            img = turned
    if (
        width and height and _same_ratio(img, width, height) and max(width, height) <= MAX_SIDE
        and not (screen_width and width > screen_width)
    ):
        img = img.resize((width, height))
    if screen_width and img.width > screen_width:
        img = img.resize((screen_width, max(1, round(img.height * screen_width / img.width))), Image.LANCZOS)
    if max(img.size) > MAX_SIDE:
        img.thumbnail((MAX_SIDE, MAX_SIDE))
    return img


class PageRenderer:
    """Renders and caches page images under ``cache_dir`` (named by hash, page and rotation)."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self._lock = threading.Lock()
        # sha -> (size, mtime) of the file when it last hashed right: the pages of a 500-page PDF
        # need not hash 50 MB each, while a file changed since is hashed (and refused) again.
        self._verified: dict[str, tuple[int, int]] = {}

    def verify(self, sha256: str, path: Path) -> None:
        """Raise RenderError unless ``path`` is a file whose content hashes to ``sha256``."""
        if not path.is_file():
            raise RenderError("存储中找不到原始文件")
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
        if self._verified.get(sha256) == stamp:
            return
        if sha256_of(path) != sha256:
            self._verified.pop(sha256, None)
            raise RenderError("原始文件内容与登记的哈希不一致，拒绝显示")
        self._verified[sha256] = stamp

    def png(
        self,
        sha256: str,
        stored_path: str,
        kind: str,
        page_no: int,
        rotation: int = 0,
        width: int | None = None,
        height: int | None = None,
        screen_width: int | None = None,
    ) -> bytes:
        """The page as PNG at the OCR's size, or as JPEG ``screen_width`` wide; cached on disk."""
        if not SHA_RE.match(sha256):
            raise RenderError("文件标识无效")
        if screen_width is not None and screen_width not in SCREEN_WIDTHS:
            raise RenderError("不支持的图像宽度")
        size = f"-w{screen_width}.jpg" if screen_width else ".png"
        cached = (
            self.cache_dir / f"{sha256}-{int(page_no)}-{int(rotation) % 360}-{width or 0}x{height or 0}{size}"
        )
        if cached.is_file():
            return cached.read_bytes()
        path = Path(stored_path)
        self.verify(sha256, path)
        data = render_page(path, kind, page_no, rotation, width, height, screen_width)
        with self._lock:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, cached)  # atomic: a reader never sees half a PNG
        return data
