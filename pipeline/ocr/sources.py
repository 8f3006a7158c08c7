"""Where page images come from: PDF pages (text layer or rendered), image files, TIFF frames.

A page is addressed by (file, page_no) so any worker process can load just that page.
Open documents are kept for the next page of the same file, because a pool hands one worker
many pages of one PDF in a row.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from pipeline import config
from pipeline.ocr import layer_quality
from pipeline.ocr.textnorm import make_line, reading_order
from pipeline.types import Line, StoredFile, Word

RENDER_DPI = 200  # PDF pages without a text layer are rasterised at this resolution
POINTS_PER_INCH = 72

IMAGE_KINDS = {"png", "jpeg", "jpg", "tiff", "tif", "webp", "bmp", "heic", "heif", "gif"}

try:  # phone photos; optional at run time even though pyproject lists it
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - depends on the install
    pass


class PageSourceError(Exception):
    """The page could not be decoded; the message is meant for a reviewer."""


@dataclass
class PageInput:
    """One page, ready for an engine: either text from a text layer or a decoded image."""

    width: int
    height: int
    image: Image.Image | None = None  # None when the text layer was used
    lines: list[Line] | None = None  # set for a text-layer page
    layer_rejected: str = ""  # why a PDF text layer the page has was not trusted (then OCR'd)

    def image_sha256(self) -> str:
        """Hash of the decoded pixels (mode, size, bytes): the same scan gives the same key."""
        assert self.image is not None
        h = hashlib.sha256()
        h.update(f"{self.image.mode}:{self.image.size[0]}x{self.image.size[1]}:".encode())
        h.update(self.image.tobytes())
        return h.hexdigest()


def file_kind(file: StoredFile) -> str:
    kind = (file.kind or Path(file.stored_path).suffix.lstrip(".")).lower()
    return "jpeg" if kind == "jpg" else kind


def page_count(file: StoredFile) -> int:
    """Number of pages of a file (PDF pages, TIFF frames, else 1); raises PageSourceError."""
    kind = file_kind(file)
    path = file.stored_path
    try:
        if kind == "pdf":
            return len(_pdfium_doc(path))
        with Image.open(path) as im:
            return int(getattr(im, "n_frames", 1) or 1)
    except PageSourceError:
        raise
    except Exception as exc:
        raise PageSourceError(f"cannot open {kind or 'file'}: {_why(exc)}") from exc


def page_pixels(file: StoredFile, page_no: int) -> int:
    """Pixels of the page as it will be OCR'd, from the image header or the PDF page size (no
    decoding): the OCR pool hands out the largest pages first, OCR time growing with the page
    (docs/ocr.md). 0 when it cannot be told (the page's read reports why)."""
    try:
        if file_kind(file) == "pdf":
            page = _pdfium_doc(file.stored_path)[page_no]
            try:
                w_pt, h_pt = page.get_size()
            finally:
                page.close()
            pixels = w_pt * h_pt * (RENDER_DPI / POINTS_PER_INCH) ** 2
            return int(min(pixels, config.max_image_pixels()))
        with Image.open(file.stored_path) as im:
            if page_no:
                im.seek(page_no)
            return int(im.width * im.height)
    except Exception:  # a broken page: its read says so
        return 0


def load_page(file: StoredFile, page_no: int, use_text_layer: bool = True) -> PageInput:
    """The page as text-layer lines or as an upright RGB image; raises PageSourceError."""
    kind = file_kind(file)
    try:
        if kind == "pdf":
            rejected = ""
            if use_text_layer:
                lines, size, rejected = _text_layer(file.stored_path, page_no)
                if lines is not None:
                    return PageInput(width=size[0], height=size[1], lines=lines)
            image = _render_pdf_page(file.stored_path, page_no)
            return PageInput(width=image.width, height=image.height, image=image, layer_rejected=rejected)
        else:
            image = _decode_image(file.stored_path, page_no)
    except PageSourceError:
        raise
    except Exception as exc:
        raise PageSourceError(f"cannot decode page {page_no + 1}: {_why(exc)}") from exc
    return PageInput(width=image.width, height=image.height, image=image)


def text_layer_page(file: StoredFile, page_no: int) -> PageInput | None:
    """The page from its text layer when it is a PDF page with a usable one; None when the page has
    no layer (a scan, an image); a PageInput without lines or image, saying in ``layer_rejected``
    why, when the layer failed the quality test (the page is then to be OCR'd).

    Cheap (no rendering but for a sparse layer over a page image), so a batch can take
    born-digital pages without any worker. Raises PageSourceError when the page cannot be parsed.
    """
    if file_kind(file) != "pdf":
        return None
    try:
        lines, size, rejected = _text_layer(file.stored_path, page_no)
    except PageSourceError:
        raise
    except Exception as exc:
        raise PageSourceError(f"cannot read page {page_no + 1}: {_why(exc)}") from exc
    if lines is None:
        return PageInput(width=size[0], height=size[1], layer_rejected=rejected) if rejected else None
    return PageInput(width=size[0], height=size[1], lines=lines)


def _why(exc: BaseException) -> str:
    msg = str(exc).strip() or type(exc).__name__
    return msg[:200]


# --- images -----------------------------------------------------------------------------------


def _decode_image(path: str, frame: int) -> Image.Image:
    with Image.open(path) as im:
        if frame:
            im.seek(frame)  # multi-page TIFF
        if im.width * im.height > config.max_image_pixels():  # bomb guard
            raise PageSourceError(f"image of {im.width}x{im.height} pixels is too large")
        im.load()
        # EXIF orientation: phones store the picture sideways and a tag saying so
        upright = ImageOps.exif_transpose(im) if frame == 0 else im
        return _to_rgb(upright)


def _to_rgb(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im.copy()
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        # transparent screenshots: put them on white, not on black
        rgba = im.convert("RGBA")
        bg = Image.new("RGB", rgba.size, "white")
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    return im.convert("RGB")


# --- PDFs ----------------------------------------------------------------------------------


# Open documents, most recent last: a pool hands one worker many pages of one PDF in a row.
# Closed explicitly (``close_documents``), never left to pypdfium2's garbage collection, which
# warns "object was still open and will be closed now" at interpreter exit.
_OPEN_DOCS: OrderedDict[str, Any] = OrderedDict()
MAX_OPEN_DOCS = 2


def _pdfium_doc(path: str) -> Any:
    doc = _OPEN_DOCS.get(path)
    if doc is not None:
        _OPEN_DOCS.move_to_end(path)
        return doc
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(path)
    except Exception as exc:
        raise PageSourceError(f"cannot open PDF: {_why(exc)}") from exc
    _OPEN_DOCS[path] = doc
    while len(_OPEN_DOCS) > MAX_OPEN_DOCS:
        _, old = _OPEN_DOCS.popitem(last=False)
        old.close()
    return doc


def close_documents() -> None:
    """Close every PDF this process keeps open (end of a batch, worker exit)."""
    while _OPEN_DOCS:
        _, doc = _OPEN_DOCS.popitem(last=False)
        with contextlib.suppress(Exception):
            doc.close()


def _render_pdf_page(path: str, page_no: int) -> Image.Image:
    page = _pdfium_doc(path)[page_no]
    try:
        w_pt, h_pt = page.get_size()
        scale = RENDER_DPI / POINTS_PER_INCH
        max_pixels = config.max_image_pixels()
        if w_pt * h_pt * scale * scale > max_pixels:
            scale = (max_pixels / (w_pt * h_pt)) ** 0.5
        bitmap = page.render(scale=scale, rotation=0)
        try:
            return _to_rgb(bitmap.to_pil())  # _to_rgb copies: the bitmap's buffer can go
        finally:
            bitmap.close()
    finally:
        page.close()


# A page is read from its text layer when it holds at least this many characters; fewer means a
# scan with a stray header ('CamScanner'), whose image must be OCR'd.
MIN_TEXT_LAYER_CHARS = 20


def _text_layer(path: str, page_no: int) -> tuple[list[Line] | None, tuple[int, int], str]:
    """Lines of the page's text layer in pixels at RENDER_DPI, or None when it is not usable, with
    the reason when a layer was there but failed ``pipeline.ocr.layer_quality`` ("" for none).

    Read with pdfium's text page (characters with their boxes), not pdfplumber: on a 100-page
    CJK PDF pdfplumber managed ~3 pages/s here, pdfium over 50 (docs/ocr.md).
    """
    page = _pdfium_doc(path)[page_no]
    try:
        return _text_layer_of(page)
    finally:
        page.close()


def _text_layer_of(page: Any) -> tuple[list[Line] | None, tuple[int, int], str]:
    left, bottom, right, top = page.get_bbox()
    scale = RENDER_DPI / POINTS_PER_INCH
    size = (round((right - left) * scale), round((top - bottom) * scale))
    textpage = page.get_textpage()
    try:
        # pdfium splits the text into rectangles, one per run of text on a line: one call per
        # run instead of one per character keeps a 100-page PDF well under two seconds.
        words: list[Word] = []
        for i in range(textpage.count_rects()):
            x0, y0, x1, y1 = textpage.get_rect(i)
            text = textpage.get_text_bounded(x0, y0, x1, y1).strip()
            if not text:
                continue
            box = (round((x0 - left) * scale), round((top - y1) * scale),
                   round((x1 - left) * scale), round((top - y0) * scale))
            words.append(Word(text=" ".join(text.split()), box=box, conf=1.0))
    finally:
        textpage.close()
    chars = "".join(w.text for w in words).replace(" ", "")
    if len(chars) < MIN_TEXT_LAYER_CHARS:  # a scan with a stray header: nothing to report
        return None, size, ""
    rejected = layer_quality.verdict(page, words, scale)
    if rejected:
        return None, size, rejected
    return _words_to_lines(words), size, ""


def _words_to_lines(words: list[Word]) -> list[Line]:
    """Group words whose vertical extents overlap into lines, then put lines in reading order."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.box[1] + w.box[3]) / 2, w.box[0])):
        cy = (w.box[1] + w.box[3]) / 2
        h = max(1, w.box[3] - w.box[1])
        if lines:
            last = lines[-1]
            ly0 = min(x.box[1] for x in last)
            ly1 = max(x.box[3] for x in last)
            if ly0 - 0.2 * h <= cy <= ly1 + 0.2 * h and abs(cy - (ly0 + ly1) / 2) < 0.6 * h:
                last.append(w)
                continue
        lines.append([w])
    return reading_order([make_line(ws) for ws in lines])
