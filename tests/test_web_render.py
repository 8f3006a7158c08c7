"""Page images for the scan viewer: PDF pages, TIFF frames, pages the OCR turned, bad originals."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pipeline.web.render import PageRenderer, RenderError


def _store(tmp_path, data: bytes, suffix: str) -> tuple[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / f"{sha}.{suffix}"
    path.write_bytes(data)
    return sha, str(path)


def test_pdf_pages_render_at_the_size_the_boxes_refer_to(tmp_path):
    pages = [Image.new("RGB", (827, 1169), c) for c in ("white", "black")]  # A4 at 100 dpi
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=100)
    sha, path = _store(tmp_path, buf.getvalue(), "pdf")
    r = PageRenderer(tmp_path / "cache")
    out = Image.open(io.BytesIO(r.png(sha, path, "pdf", 1, width=1654, height=2339)))
    # the OCR's 200 dpi page in proportion (boxes are placed in percent), capped for sending
    assert abs(out.width / out.height - 1654 / 2339) < 0.01 and max(out.size) == 2000
    assert out.getpixel((700, 1000)) == (0, 0, 0)  # the second page, not the first
    small = Image.open(io.BytesIO(r.png(sha, path, "pdf", 0, width=827, height=1169)))
    assert small.size == (827, 1169) and small.getpixel((400, 500)) == (255, 255, 255)
    with pytest.raises(RenderError):
        r.png(sha, path, "pdf", 2)


def test_a_page_the_ocr_turned_is_shown_turned_the_same_way(tmp_path):
    img = Image.new("RGB", (400, 600), "white")  # a landscape certificate photographed sideways
    ImageDraw.Draw(img).rectangle((0, 0, 50, 50), fill="red")  # top-left corner of the photo
    buf = io.BytesIO()
    img.save(buf, "PNG")
    sha, path = _store(tmp_path, buf.getvalue(), "png")
    r = PageRenderer(tmp_path / "cache")
    out = Image.open(io.BytesIO(r.png(sha, path, "png", 0, rotation=90, width=600, height=400)))
    assert out.size == (600, 400)
    assert out.getpixel((575, 25))[:3] == (255, 0, 0)  # turned clockwise: top-left went top-right


def test_tiff_frames_and_cache(tmp_path):
    frames = [Image.new("RGB", (300, 200), c) for c in ("white", "blue")]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    sha, path = _store(tmp_path, buf.getvalue(), "tiff")
    r = PageRenderer(tmp_path / "cache")
    first = r.png(sha, path, "tiff", 1)
    assert Image.open(io.BytesIO(first)).getpixel((10, 10))[:3] == (0, 0, 255)
    assert r.png(sha, path, "tiff", 1) == first  # from the cache
    assert len(list((tmp_path / "cache").glob("*.png"))) == 1


def test_bad_ids_missing_and_swapped_originals_are_refused(tmp_path):
    r = PageRenderer(tmp_path / "cache")
    for bad in ("../../etc/passwd", "A" * 64, "a" * 63, ""):
        with pytest.raises(RenderError):
            r.png(bad, "/etc/passwd", "png", 0)
    with pytest.raises(RenderError):
        r.png("a" * 64, str(tmp_path / "missing.png"), "png", 0)
    sha, path = _store(tmp_path, b"original bytes", "png")
    with open(path, "wb") as fh:
        fh.write(b"something else")
    with pytest.raises(RenderError, match="哈希"):
        r.png(sha, path, "png", 0)


def test_a_file_is_hashed_once_until_it_changes(tmp_path, monkeypatch):
    import os

    from pipeline.web import render

    buf = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(buf, "PNG")
    sha, path = _store(tmp_path, buf.getvalue(), "png")
    calls = []
    real = render.sha256_of
    monkeypatch.setattr(render, "sha256_of", lambda p: calls.append(p) or real(p))
    r = PageRenderer(tmp_path / "cache")
    r.verify(sha, Path(path))
    r.verify(sha, Path(path))
    assert len(calls) == 1
    with open(path, "wb") as fh:  # swapped: same name, other content, new mtime
        fh.write(b"x" * 10)
    os.utime(path, ns=(1, 1))
    with pytest.raises(RenderError):
        r.verify(sha, Path(path))
    assert len(calls) == 2


def test_screen_sized_pages_are_jpeg_in_proportion_and_cached(tmp_path):
    pages = [Image.new("RGB", (827, 1169), "white")]
    ImageDraw.Draw(pages[0]).rectangle((0, 0, 100, 100), fill="black")
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", resolution=100)
    sha, path = _store(tmp_path, buf.getvalue(), "pdf")
    r = PageRenderer(tmp_path / "cache")
    data = r.png(sha, path, "pdf", 0, width=1654, height=2339, screen_width=1200)
    out = Image.open(io.BytesIO(data))
    assert out.format == "JPEG" and out.width == 1200 and abs(out.width / out.height - 1654 / 2339) < 0.01
    assert out.getpixel((30, 30))[0] < 40 and out.getpixel((600, 900))[0] > 220  # the box in its place
    full = Image.open(io.BytesIO(r.png(sha, path, "pdf", 0, width=1654, height=2339)))
    assert full.format == "PNG" and full.width > 1200  # the original size stays one click away
    assert r.png(sha, path, "pdf", 0, width=1654, height=2339, screen_width=1200) == data
    assert len(list((tmp_path / "cache").glob("*-w1200.jpg"))) == 1
    with pytest.raises(RenderError):
        r.png(sha, path, "pdf", 0, screen_width=777)  # only the sizes the page asks for
