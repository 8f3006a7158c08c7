"""A PDF page's own text layer is trusted only when it passes a quality test (issue #12): scans
carry layers made by someone else's OCR or form filler that hold scrambled glyphs, words laid
across the lines, or only the filled-in name. Those pages are OCR'd once, and say why."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import layer_quality
from pipeline.ocr.reader import read_file
from pipeline.ocr.sources import close_documents, text_layer_page
from pipeline.types import StoredFile

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
NAME = "Dr. Alexandra Hale-Moreau"  # over 20 characters, as the real name-only layers held
CERT = ["CERTIFICATE OF PARTICIPATION", "This is to certify that", NAME,
        "has participated in the Workshop on Data Science", "held on 7th January 2023", "Director"]


def stored(path: Path) -> StoredFile:
    return StoredFile("sha-" + path.stem, path.name, path.stat().st_size, "pdf", str(path))


def _scan_image(path: Path) -> None:
    """The certificate as a scanner would give it: its text in the pixels only."""
    img = Image.new("RGB", (1240, 877), "white")  # A4 landscape at 150 dpi: enough for OCR
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 36)
    for k, line in enumerate(CERT):
        draw.text((120, 90 + k * 110), line, fill="black", font=font)
    img.save(path)


def _pdf(path: Path, tmp: Path, layer: list[tuple[str, float, float]], *, rotated: bool = False,
         visible: bool = False) -> Path:
    """A page-sized image of the certificate with a text layer of ``layer`` (text, x, y in points)
    over it: invisible (an OCR or form-fill layer) unless ``visible``; ``rotated`` draws each word
    turned 90 degrees, as a layer made for a sideways scan lies on the page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    png = tmp / "scan.png"
    _scan_image(png)
    w, h = 842, 595
    c = canvas.Canvas(str(path), pagesize=(w, h))
    c.drawImage(str(png), 0, 0, width=w, height=h)
    for text, x, y in layer:
        words = text.split() if rotated else [text]
        for i, word in enumerate(words):
            t = c.beginText()
            t.setTextRenderMode(0 if visible else 3)
            t.setFont("WQY", 17)
            if rotated:
                t.setTextTransform(0, 1, -1, 0, x + 20 * i, y)  # upright words, one per column
            else:
                t.setTextOrigin(x, y)
            t.textOut(word)
            c.drawText(t)
    c.showPage()
    c.save()
    return path


def _full_layer() -> list[tuple[str, float, float]]:
    # where the image's lines are, in points (the image's pixels scaled to the page, from the bottom)
    k = 842 / 1240
    return [(line, 120 * k, 595 - (90 + i * 110 + 30) * k) for i, line in enumerate(CERT)]


def test_odd_glyphs_as_a_scrambled_real_layer_holds_them() -> None:
    # r258's embedded OCR layer, as pdfium reads it, and an English line of the same page
    assert layer_quality.odd_share("jƈƗ ƑƈƆjƏƇƏƌƐƈ organised by the &9j#ƈƈƐƋdƑƌƌƆƏdƅƋ") > 0.4
    assert layer_quality.odd_share("between August 1 and August 14, 2021 “Summer School” – 4 ECTS……") == 0
    assert layer_quality.odd_share("第34届中国数据库学术会议（NDBC2017）将于2017年10月") == 0


def test_a_complete_layer_over_a_page_image_is_used(tmp_path: Path) -> None:
    src = text_layer_page(stored(_pdf(tmp_path / "ok.pdf", tmp_path, _full_layer())), 0)
    close_documents()
    assert src is not None and src.lines and not src.layer_rejected
    assert [ln.text for ln in src.lines][:3] == CERT[:3]


def test_a_layer_laid_across_the_lines_is_rejected(tmp_path: Path) -> None:
    src = text_layer_page(stored(_pdf(tmp_path / "rot.pdf", tmp_path, _full_layer(), rotated=True)), 0)
    close_documents()
    assert src is not None and src.lines is None and "rotated layer" in src.layer_rejected


@pytest.mark.parametrize("visible", [False, True])
def test_a_name_only_layer_over_a_page_image_is_rejected(tmp_path: Path, visible: bool) -> None:
    # the filled-in name only (r283, r285): the rest of the certificate is in the image
    pdf = _pdf(tmp_path / "name.pdf", tmp_path, [(NAME, 81.5, 595 - 330 * 842 / 1240)], visible=visible)
    src = text_layer_page(stored(pdf), 0)
    close_documents()
    assert src is not None and src.lines is None and "of the page's ink" in src.layer_rejected


def test_a_rejected_page_is_ocrd_once_and_says_why(tmp_path: Path) -> None:
    from pipeline.ocr.pool import read_files

    f = stored(_pdf(tmp_path / "name.pdf", tmp_path, [(NAME, 81.5, 595 - 330 * 842 / 1240)]))
    cache = tmp_path / "cache"
    (page,) = read_files([f], engine="tesseract", workers=0, cache_dir=cache)[f.sha256]
    assert page.engine == "tesseract" and "of the page's ink" in page.layer_rejected
    assert "held on 7th January 2023" in page.text and "Workshop on Data Science" in page.text
    # read once: one page image in the cache; read again (from the file's index) it still says why
    assert len(list((cache / "pages").rglob("*.json.gz"))) == 1
    (again,) = read_files([f], engine="tesseract", workers=0, cache_dir=cache)[f.sha256]
    assert (again.text, again.layer_rejected) == (page.text, page.layer_rejected)
    # one page read alone (pipeline.ocr.reader) makes the same test and says the same
    (alone,) = read_file(f, engine="tesseract", cache_dir=cache)
    assert (alone.engine, alone.layer_rejected) == ("tesseract", page.layer_rejected)


def test_a_rejected_page_read_ahead_on_a_worker_still_says_why(tmp_path: Path) -> None:
    # a batch's next chunk is read ahead by idle workers (OcrPool.read_files(then=)); a page whose
    # layer was rejected must arrive in that chunk with its reason, as if read in its own turn
    from pipeline.ocr.pool import OcrPool

    scan = tmp_path / "scan.png"
    _scan_image(scan)
    first = StoredFile("sha-scan", scan.name, scan.stat().st_size, "png", str(scan))
    f = stored(_pdf(tmp_path / "name.pdf", tmp_path, [(NAME, 81.5, 595 - 330 * 842 / 1240)]))
    pool = OcrPool("tesseract", 2, tmp_path / "cache")  # its own cache: the ids here are made up
    try:
        pool.read_files([first], then=[f])
        # the idle second worker took the next chunk's page: kept aside or still on its worker
        key = (f.sha256, 0)
        assert key in pool._ahead or any(w.job is not None and w.job.key == key for w in pool._workers)
        (page,) = pool.read_files([f])[f.sha256]
    finally:
        pool.close()
    assert page.engine == "tesseract" and "of the page's ink" in page.layer_rejected
    assert "Workshop on Data Science" in page.text
