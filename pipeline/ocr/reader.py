"""Reading one page: load it, use its text layer or OCR it (through the cache), make a Page.

``read_page`` never raises for a bad page: decode errors, engine crashes and timeouts give a
Page with ``error`` set, so one broken scan cannot stop a batch.
"""

from __future__ import annotations

import os
from pathlib import Path

from PIL import Image

from pipeline.ocr import preprocess
from pipeline.ocr.cache import OcrCache, page_from_json, page_key
from pipeline.ocr.engines import ENGINES, EngineError, OcrEngine, concrete_engine, get_engine
from pipeline.ocr.sources import PageInput, PageSourceError, load_page
from pipeline.ocr.textnorm import cjk_count, mean_conf, page_text
from pipeline.types import Line, Page, StoredFile, Word


def resolve_engine(engine: str | None) -> str:
    """The engine a run uses: an explicit argument, else ``CEHOURS_OCR_ENGINE``, else auto."""
    name = (engine or "auto").strip().lower()
    if name == "auto":  # the environment picks for a run whose caller left the default
        name = os.environ.get("CEHOURS_OCR_ENGINE", "").strip().lower() or "auto"
    if name not in ENGINES:
        raise ValueError(f"unknown OCR engine {name!r}: choose one of {', '.join(ENGINES)}")
    return name


def cache_engine_name(engine: str) -> str:
    """The name results are cached under: the engine a name stands for (``auto`` and
    ``rapidocr`` share entries with it; two backends never share, their text differs)."""
    return concrete_engine(engine)


def cache_version() -> str:
    return preprocess.PREP_VERSION


def error_page(file: StoredFile, page_no: int, reason: str) -> Page:
    return Page(file_sha256=file.sha256, page_no=page_no, width=0, height=0, text="", error=reason)


def read_page(
    file: StoredFile, page_no: int, engine: str, cache: OcrCache | None, text_layer: bool = True
) -> Page:
    """One page of ``file`` as a Page; errors are recorded on the page, not raised.

    ``text_layer=False`` skips the text-layer check (the caller has made it already).
    """
    try:
        src = load_page(file, page_no, use_text_layer=text_layer)
    except PageSourceError as exc:
        return error_page(file, page_no, str(exc))
    except Exception as exc:  # an unexpected decoder failure is still only this page's problem
        return error_page(file, page_no, f"cannot decode page {page_no + 1}: {type(exc).__name__}: {exc}")
    if src.lines is not None:
        return text_layer_to_page(file, page_no, src)
    page = ocr_page(file, page_no, src, engine, cache)
    page.layer_rejected = src.layer_rejected
    return page


def text_layer_to_page(file: StoredFile, page_no: int, src: PageInput) -> Page:
    lines = src.lines or []
    return Page(
        file_sha256=file.sha256, page_no=page_no, width=src.width, height=src.height,
        text=page_text(lines), lines=lines, engine="textlayer", cache_key="", mean_conf=1.0,
    )


def ocr_page(file: StoredFile, page_no: int, src: PageInput, engine: str, cache: OcrCache | None) -> Page:
    name = cache_engine_name(engine)
    assert src.image is not None
    # a tall image is read in bands (b2: no pixel row left between two bands' own parts); its
    # older entries are not served, other pages keep theirs
    version = cache_version() + ("+b2" if is_tall(src.image) else "")
    key = page_key(src.image_sha256(), name, version)
    if cache is not None:
        hit = cache.get_page(key)
        if hit is not None:
            try:
                return page_from_json(hit, file.sha256, page_no, key)
            except (KeyError, TypeError, ValueError):
                pass  # a damaged entry is a miss; it is rewritten below
    try:
        page = _run_engine(src, name)
    except EngineError as exc:
        return error_page(file, page_no, str(exc))
    except Exception as exc:
        return error_page(file, page_no, f"OCR failed: {type(exc).__name__}: {exc}")
    page.file_sha256, page.page_no, page.cache_key = file.sha256, page_no, key
    if cache is not None:
        cache.put_page(key, page)
    return page


def _run_engine(src: PageInput, name: str, steps: preprocess.Steps = preprocess.DEFAULT_STEPS) -> Page:
    assert src.image is not None
    return ocr_image(src.image, name, steps)


# An image over 2.5 times as tall as wide is no page but pages stacked (two scans joined, a long
# screenshot): read whole, it is scaled to MAX_LONG_SIDE tall and its text to a few pixels (a
# 1000x12330 stack of notices came out as lines of two documents mixed). It is read in bands of a
# page's proportion that overlap by a tenth of the width, more than a line of text is tall.
TALL_RATIO = 2.5
BAND_RATIO = 1.5
BAND_OVERLAP = 0.1


def is_tall(image: Image.Image) -> bool:
    """Whether ``image`` is read in bands (``TALL_RATIO``)."""
    return image.height > TALL_RATIO * image.width


def bands(width: int, height: int) -> list[tuple[int, int, int, int]]:
    """(top, bottom, own_top, own_bottom) of each band of a tall image: a line belongs to the band
    whose own part holds its middle, so a line in an overlap is kept once, from a band that holds
    it whole."""
    step = round(width * BAND_RATIO)
    overlap = round(width * BAND_OVERLAP)
    spans: list[tuple[int, int]] = []
    for top in range(0, max(height - overlap, 1), step - overlap):
        spans.append((top, min(top + step, height)))
        if spans[-1][1] == height:
            break
    # a band's own part ends where the next one's begins: the middle of their overlap
    cuts = [0, *(nxt + overlap // 2 for nxt, _ in spans[1:]), height]
    return [(top, bottom, cuts[i], cuts[i + 1]) for i, (top, bottom) in enumerate(spans)]


def ocr_image(image: Image.Image, name: str, steps: preprocess.Steps = preprocess.DEFAULT_STEPS) -> Page:
    """OCR one decoded page image with engine ``name`` (no cache); file fields left empty."""
    ocr = get_engine(name)
    if is_tall(image):
        return _ocr_bands(ocr, image, steps)
    prep, lines = read_upright(ocr, image, steps)
    if prep.scale != 1.0:
        lines = [_scale_line(ln, 1 / prep.scale) for ln in lines]
    w, h = image.size if prep.rotation in (0, 180) else image.size[::-1]
    return Page(
        file_sha256="", page_no=0, width=w, height=h,
        text=page_text(lines), lines=lines, engine=ocr.name, mean_conf=mean_conf(lines),
        rotation=prep.rotation,
    )


def _ocr_bands(ocr: OcrEngine, image: Image.Image, steps: preprocess.Steps) -> Page:
    """A tall image read band by band (``bands``), its lines in the whole image's coordinates.
    Bands are read as they stand: a stack of pages is upright or turned as a whole, and a band
    turned on its own would put its lines in another frame."""
    upright = preprocess.Steps(orient=False, red=steps.red, upscale_tesseract=steps.upscale_tesseract,
                               upscale_rapidocr=steps.upscale_rapidocr)
    lines: list[Line] = []
    for top, bottom, own_top, own_bottom in bands(image.width, image.height):
        prep, got = read_upright(ocr, image.crop((0, top, image.width, bottom)), upright)
        for ln in got:
            ln = _scale_line(ln, 1 / prep.scale) if prep.scale != 1.0 else ln
            ln = _shift_line(ln, top)
            if own_top <= (ln.box[1] + ln.box[3]) / 2 < own_bottom:
                lines.append(ln)
    return Page(
        file_sha256="", page_no=0, width=image.width, height=image.height,
        text=page_text(lines), lines=lines, engine=ocr.name, mean_conf=mean_conf(lines),
    )


def read_upright(
    ocr: OcrEngine, image: Image.Image, steps: preprocess.Steps
) -> tuple[preprocess.Prepared, list[Line]]:
    """Prepare and read ``image`` the right way up.

    The page is read as it is first; only when that read's own evidence proposes a turn
    (``Reading.turn``: RapidOCR's line vote, tesseract's OSD on a read that looks turned) is the
    page turned and read again, so upright pages (nearly all) pay nothing for it (tesseract OSD
    on every page cost a third of a tesseract read; docs/ocr.md). The engine decides whether the
    second read confirms the turn (``keeps_turn``); otherwise the first read stands.
    """
    prep = preprocess.prepare(image, ocr.name, steps)
    first = ocr.read(prep.image, orient=steps.orient)
    if not steps.orient or not first.turn:
        return prep, first.lines
    turned = preprocess.prepare(image, ocr.name, steps, rotation=first.turn)
    again = ocr.read(turned.image, orient=False)
    if ocr.keeps_turn(first, again):
        return turned, again.lines
    return prep, first.lines


def _scale_box(box: tuple[int, int, int, int], f: float) -> tuple[int, int, int, int]:
    return (round(box[0] * f), round(box[1] * f), round(box[2] * f), round(box[3] * f))


def _scale_line(ln: Line, f: float) -> Line:
    words = tuple(Word(w.text, _scale_box(w.box, f), w.conf) for w in ln.words)
    return Line(ln.text, _scale_box(ln.box, f), ln.conf, words)


def _shift_line(ln: Line, dy: int) -> Line:
    def down(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        return (b[0], b[1] + dy, b[2], b[3] + dy)

    return Line(ln.text, down(ln.box), ln.conf, tuple(Word(w.text, down(w.box), w.conf) for w in ln.words))


def read_file(file: StoredFile, engine: str = "auto", cache_dir: Path | bool | None = None) -> list[Page]:
    """All pages of one file, read one after the other in this process.

    ``cache_dir`` None uses ``pipeline.config.ocr_cache_dir()``; ``False`` disables the cache.
    A file that cannot be opened at all gives one Page with ``error`` set.
    """
    from pipeline.ocr.sources import close_documents, page_count

    name = resolve_engine(engine)
    cache = open_cache(cache_dir)
    try:
        n = page_count(file)
        return [read_page(file, i, name, cache) for i in range(n)]
    except PageSourceError as exc:
        return [error_page(file, 0, str(exc))]
    finally:
        close_documents()


def open_cache(cache_dir: Path | bool | None) -> OcrCache | None:
    if cache_dir is False:
        return None
    if cache_dir is None or cache_dir is True:
        from pipeline.config import ocr_cache_dir

        return OcrCache(ocr_cache_dir())
    return OcrCache(Path(cache_dir))


def cjk_rate(page: Page) -> float:
    """Share of CJK ideographs among non-blank characters: low on a garbled Chinese page."""
    chars = [c for c in page.text if not c.isspace()]
    return cjk_count(page.text) / len(chars) if chars else 0.0
