"""What a file really is (from its first bytes, never its name) and whether it really opens.

Intake accepts PDF, PNG, JPEG, TIFF, WEBP, BMP and HEIC/HEIF (when pillow-heif is installed).
``detect_kind`` names the format from magic bytes; ``check_file`` detects and then opens the
file cheaply (no OCR, no rendering) so that unreadable uploads become an intake error with a
reason a reviewer understands instead of a crash three stages later.
"""

from __future__ import annotations

import re
import threading
import warnings
import zipfile
from pathlib import Path

from PIL import Image, ImageFile

from pipeline import config

SUPPORTED_KINDS = ("pdf", "png", "jpeg", "tiff", "webp", "bmp", "heic")
IMAGE_KINDS = frozenset({"png", "jpeg", "tiff", "webp", "bmp", "heic"})

# A phone photo is ~12-50 Mpx and a 600 dpi A3 scan ~70 Mpx; anything above Pillow's own
# default (~89 Mpx) in a certificate upload is far more likely a decompression bomb.

# ISO-BMFF brands (bytes 8..12 after "ftyp") that libheif decodes as HEIC/HEIF images.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1",
                          b"msf1"})
_HEAD_BYTES = 4096


class FileRejected(Exception):
    """The file cannot be taken in; ``str(exc)`` is the reason shown to the reviewer."""


def read_head(path: Path, n: int = _HEAD_BYTES) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def detect_kind(head: bytes) -> str:
    """Name the format of a file from its first bytes.

    Returns one of ``SUPPORTED_KINDS`` or a descriptive name of an unsupported format
    (``zip``, ``docx``, ``text``, ``gif`` ...), ``empty`` for no bytes, ``unknown`` otherwise.
    """
    if not head:
        return "empty"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:2] == b"BM" and len(head) >= 26:
        return "bmp"
    # Some PDF writers put a few junk bytes before the header; readers accept it within 1 KB.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        compatible = {head[i : i + 4] for i in range(16, min(len(head), 64), 4)}
        if brand in _HEIF_BRANDS or (brand not in (b"avif", b"avis") and compatible & _HEIF_BRANDS):
            return "heic"
        if brand in (b"avif", b"avis"):
            return "avif"
        return "video"  # mp4 / mov / 3gp share the ISO-BMFF container
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "zip"  # refined to docx/xlsx/pptx by ``describe_zip`` when the whole file is at hand
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ms-office-97 (doc/xls)"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%!PS"):
        return "postscript"
    if head.startswith(b"\x00\x00\x01\x00"):
        return "ico"
    if head.startswith((b"OggS", b"ID3", b"fLaC")) or head[:4] == b"RIFF":
        return "audio/video"
    if _looks_like_text(head):
        return "text"
    return "unknown"


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for enc in ("utf-8", "gb18030"):
        try:
            # The head may cut a multi-byte character in half: ignore the last 3 bytes' errors.
            head[: max(len(head) - 3, 1)].decode(enc)
            return True
        except UnicodeDecodeError:
            continue
    return False


def describe_zip(path: Path) -> str:
    """Tell an Office document (a zip underneath) from a plain zip archive."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "mimetype" in names:
        return "odf/epub"
    return "zip"


def heif_available() -> bool:
    """Register the HEIC/HEIF opener with Pillow if pillow-heif is importable."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


# LOAD_TRUNCATED_IMAGES is a process-wide Pillow switch: another stage may turn it on to salvage
# damaged scans, but intake must see truncation, so validation holds it off under a lock.
_PIL_FLAG_LOCK = threading.Lock()


def check_file(path: Path, max_pixels: int | None = None) -> str:
    """Detect the kind of ``path`` and prove it opens; return the kind or raise ``FileRejected``."""
    size = path.stat().st_size
    if size == 0:
        raise FileRejected("empty file (0 bytes)")
    kind = detect_kind(read_head(path))
    if kind == "zip":
        kind = describe_zip(path)
        if kind == "zip":
            raise FileRejected("nested zip not supported: unpack it first")
    if kind == "heic" and not heif_available():
        raise FileRejected("HEIC decoder not installed (pip install pillow-heif), cannot read this photo")
    if kind not in SUPPORTED_KINDS:
        raise FileRejected(
            f"unsupported file type (detected: {kind}); accepted: PDF, PNG, JPEG, TIFF, WEBP, BMP, HEIC"
        )
    if kind == "pdf":
        _check_pdf(path)
    else:
        _check_image(path, kind, max_pixels or config.max_image_pixels())
    return kind


def _check_image(path: Path, kind: str, max_pixels: int) -> None:
    with _PIL_FLAG_LOCK:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                # We refuse over-limit images ourselves, with the size in the message; decoder
                # warnings about damaged tags are noise here (the file is accepted or refused).
                warnings.simplefilter("ignore")
                _open_image(path, kind, max_pixels)
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _open_image(path: Path, kind: str, max_pixels: int) -> None:
    label = kind.upper()
    try:
        with Image.open(path) as im:
            _guard_pixels(im.size, max_pixels)
            frames = getattr(im, "n_frames", 1)
            if kind == "tiff" and frames > 1:
                # Every page of a multi-page TIFF is OCRed later: check every page's size now.
                for i in range(1, frames):
                    im.seek(i)
                    _guard_pixels(im.size, max_pixels)
            if kind != "heic":
                im.verify()  # structure and checksums (PNG CRCs), without decoding pixels
        with Image.open(path) as im:
            if kind == "jpeg":
                # Decode at 1/8 scale: libjpeg still reads every byte, so truncation shows, 3x faster.
                im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))
            im.load()  # first frame: verify() does not notice a truncated JPEG/PNG body
    except FileRejected:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow refuses before we see the size when it is over twice its limit.
        pixels = _pixels_in(exc)
        raise FileRejected(
            f"image too large ({pixels} pixels > limit {max_pixels:,}): possible decompression bomb"
        ) from exc
    except Image.UnidentifiedImageError as exc:
        raise FileRejected(f"corrupt {label} image: cannot be opened") from exc
    except Exception as exc:  # decoders raise anything from OSError to TypeError on damaged files
        msg = " ".join(str(exc).split()) or type(exc).__name__
        if any(w in msg.lower() for w in ("truncat", "end of file", "unexpected eof")):
            raise FileRejected(f"truncated {label} image: the file is incomplete") from exc
        raise FileRejected(f"corrupt {label} image: cannot be decoded ({msg})") from exc


def _guard_pixels(size: tuple[int, int], max_pixels: int) -> None:
    pixels = size[0] * size[1]
    if pixels > max_pixels:
        raise FileRejected(
            f"image too large ({size[0]}x{size[1]} = {pixels:,} pixels > limit {max_pixels:,}): "
            "possible decompression bomb"
        )


def _pixels_in(exc: Exception) -> str:
    m = re.search(r"\((\d+) pixels\)", str(exc))
    return f"{int(m.group(1)):,}" if m else "too many"


# How far from the end "%%EOF" may sit: Acrobat allows 1 KB; some uploaders pad a little more.
_PDF_TAIL = 8192


def _check_pdf(path: Path) -> None:
    import pypdfium2 as pdfium

    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - _PDF_TAIL))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise FileRejected("truncated PDF: the end of the file is missing (no %%EOF marker)")
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise FileRejected("encrypted PDF: ask the applicant for an unprotected copy") from exc
        raise FileRejected(f"corrupt or truncated PDF: cannot be opened ({exc})") from exc
    try:
        n = len(doc)
        if n == 0:
            raise FileRejected("PDF has no pages")
        # Loading a page parses its objects without rendering: cheap, and catches broken pages.
        for i in range(n):
            page = doc[i]
            page.close()
    except pdfium.PdfiumError as exc:
        raise FileRejected(f"corrupt PDF: a page cannot be read ({exc})") from exc
    finally:
        doc.close()
