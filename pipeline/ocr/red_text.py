"""A second, small read of display type the first read lost (issue #12).

Seal suppression (``preprocess.suppress_red``) whites out every strongly red pixel so that a
stamped seal does not garble the black text under it. Certificates also print words in red
display type, above all the prize grade (一等奖, 特等奖) and the heading: those vanish with the
seals. This module finds the wide red bands of a page (text lines; a round seal is about as high
as it is wide) and reads only those crops (as printed, seals not whited out) through the
engine's ordinary ``read``. Display lines that came back with a glyph missing (等奖 for 一等奖:
the one-stroke numeral of wide-spaced type outside the detected box) are read again in a crop
widened by 1.5 times their height. It is called only when a field that such type carries was not read
(``pipeline.understand``), and its lines are cached like any page reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from pipeline.ocr.cache import OcrCache
from pipeline.ocr.engines import ENGINES, get_engine
from pipeline.types import Box, Line, Page, StoredFile, Word

if TYPE_CHECKING:
    from pipeline.ocr.pool import OcrPool

# a band of rows holding red ink is a line of red text when it is this much wider than high
MIN_ASPECT = 1.8
MIN_HEIGHT_SHARE = 0.012  # of the page height: smaller red marks are ticks, underlines, noise
MAX_BANDS = 6  # a page with more red bands is a coloured form, not a certificate's display type
PAD = 0.25  # of the band height, around each crop


def red_mask(image: Image.Image) -> np.ndarray:
    """Strongly red pixels, by the rule ``suppress_red`` uses."""
    arr = np.asarray(image.convert("RGB"))
    r = arr[..., 0]
    return (r > 120) & (r.astype(np.int16) - np.maximum(arr[..., 1], arr[..., 2]) > 60)


def _runs(flags: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of True in ``flags``, joining runs separated by fewer than ``gap`` False."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    out = [[int(idx[0]), int(idx[0])]]
    for i in idx[1:]:
        if i - out[-1][1] <= gap:
            out[-1][1] = int(i)
        else:
            out.append([int(i), int(i)])
    return [(a, b + 1) for a, b in out]


def red_text_bands(image: Image.Image) -> list[Box]:
    """Boxes (page pixels) of the wide bands of red ink: lines of red type, seals left out."""
    mask = red_mask(image)
    h, w = mask.shape
    min_h = max(4, int(MIN_HEIGHT_SHARE * h))
    rows = mask.sum(axis=1) >= max(2, w // 400)
    boxes: list[Box] = []
    for top, bottom in _runs(rows, gap=max(2, min_h // 3)):
        if bottom - top < min_h:
            continue
        cols = mask[top:bottom].sum(axis=0) > 0
        # glyphs of display type are spaced wide: columns join across a gap of two band heights
        for left, right in _runs(cols, gap=2 * (bottom - top)):
            if (right - left) >= MIN_ASPECT * (bottom - top):
                boxes.append((left, top, right, bottom))
    return boxes if len(boxes) <= MAX_BANDS else []


def read_red_text(image: Image.Image, engine: str) -> list[Line]:
    """The lines read in the red bands of ``image``, in page coordinates."""
    bands = red_text_bands(image)
    if not bands:
        return []
    ocr = get_engine(engine)
    rgb = image.convert("RGB")
    out: list[Line] = []
    for x0, y0, x1, y1 in bands:
        pad = int(PAD * (y1 - y0)) + 4
        a, b = max(0, x0 - pad), max(0, y0 - pad)
        c, d = min(image.width, x1 + pad), min(image.height, y1 + pad)
        # the crop as printed: the mask finds the band, but its strict rule loses the lighter
        # strokes of a photographed glyph, which the recogniser reads well in colour
        for ln in ocr.read(rgb.crop((a, b, c, d)), orient=False).lines:
            box = (ln.box[0] + a, ln.box[1] + b, ln.box[2] + a, ln.box[3] + b)
            words = tuple(Word(wd.text, (wd.box[0] + a, wd.box[1] + b, wd.box[2] + a, wd.box[3] + b), wd.conf)
                          for wd in ln.words)
            out.append(Line(ln.text, box, ln.conf, words))
    return out


def read_widened(image: Image.Image, lines: list[Line], engine: str, partial: str) -> list[Line]:
    """Lines of display type whose first read lost a glyph (等奖 where 一等奖 is printed: the
    one-stroke numeral of wide-spaced type falls outside the detected box): each such line,
    matched by ``partial``, read again in a crop widened by 1.5 times its height on both sides."""
    import re

    out: list[Line] = []
    ocr = None
    rgb = image.convert("RGB")
    for ln in lines:
        if not re.fullmatch(partial, ln.text.replace(" ", "")):
            continue
        x0, y0, x1, y1 = ln.box
        h = y1 - y0
        a, b = max(0, x0 - 3 * h // 2), max(0, y0 - h // 8)
        c, d = min(image.width, x1 + 3 * h // 2), min(image.height, y1 + h // 8)
        ocr = ocr or get_engine(engine)
        for got in ocr.read(rgb.crop((a, b, c, d)), orient=False).lines:
            box = (got.box[0] + a, got.box[1] + b, got.box[2] + a, got.box[3] + b)
            out.append(Line(got.text, box, got.conf, (Word(got.text, box, got.conf),)))
    return out


# part of the cache key: a change to what is read again re-reads instead of serving old lines
RED_VERSION = "red2"


def red_lines(file: StoredFile, page: Page, cache: OcrCache | None, partial: str = "$^") -> list[Line]:
    """The lines in the red bands of one OCR'd ``page`` of ``file``, and its display lines that
    match ``partial`` read again widened, cached under the page image's hash; [] for a text-layer
    page or a file that is not at hand (the field then stays unread and is flagged as such by the
    rules)."""
    from pipeline.ocr.preprocess import rotate
    from pipeline.ocr.reading import EngineError

    found = _source(file, page, partial)
    if found is None:
        return []
    image, key = found
    hit = _cached(cache, key, file, page)
    if hit is not None:
        return hit
    image = rotate(image, page.rotation)  # upright, as the first read saw it
    try:
        lines = read_red_text(image, page.engine) + read_widened(image, page.lines, page.engine, partial)
    except EngineError:
        return []
    if cache is not None:
        cache.put_page(key, Page(file.sha256, page.page_no, image.width, image.height, "", lines,
                                 engine=page.engine, rotation=page.rotation))
    return lines


def cached_red_lines(file: StoredFile, page: Page, cache: OcrCache | None,
                     partial: str = "$^") -> list[Line] | None:  # fmt: skip
    """What ``red_lines`` gives without reading anything: its cached lines, [] where it would
    read nothing, None when it would have to read (no engine is loaded here)."""
    found = _source(file, page, partial)
    return [] if found is None else _cached(cache, found[1], file, page)


def _source(file: StoredFile, page: Page, partial: str) -> tuple[Image.Image, str] | None:
    """The page's decoded image and its second read's cache key; None when there is nothing to
    read again (a text-layer page, a file not at hand)."""
    from pipeline.ocr.cache import page_key
    from pipeline.ocr.preprocess import PREP_VERSION
    from pipeline.ocr.sources import PageSourceError, load_page

    if page.engine not in ENGINES or not file.stored_path or not Path(file.stored_path).is_file():
        return None
    try:
        src = load_page(file, page.page_no, use_text_layer=False)
    except PageSourceError:
        return None
    if src.image is None:
        return None
    return src.image, page_key(src.image_sha256(), f"{page.engine}+{RED_VERSION}+{partial}", PREP_VERSION)


def _cached(cache: OcrCache | None, key: str, file: StoredFile, page: Page) -> list[Line] | None:
    from pipeline.ocr.cache import page_from_json

    hit = cache.get_page(key) if cache is not None else None
    return None if hit is None else page_from_json(hit, file.sha256, page.page_no, key).lines


@dataclass(frozen=True)
class SecondRead:
    """A second read of one OCR'd page's red type, as a job for an OCR worker (``pool``)."""

    page: Page
    partial: str


# Where second reads run during a run: the run's OcrPool (its engine, its cache dir, a worker
# process), set by ``second_reads_on``. A ContextVar, so that Prefect's task threads (which copy
# the context) see the run's pool, and two runs in one process never see each other's.
_POOL: ContextVar[OcrPool | None] = ContextVar("second_read_pool", default=None)


@contextmanager
def second_reads_on(pool: OcrPool) -> Iterator[None]:
    """Second reads made inside this block run on ``pool`` (its workers, engine and cache)."""
    token = _POOL.set(pool)
    try:
        yield
    finally:
        _POOL.reset(token)


def second_read(file: StoredFile, page: Page, partial: str) -> list[Line]:
    """``red_lines`` of ``page`` on the run's pool when one is set (``second_reads_on``), else in
    this process with the default cache (a caller outside a batch run: the real-corpus
    evaluation, the demo), which loads the engine here."""
    from pipeline.ocr.reader import open_cache

    pool = _POOL.get()
    if pool is not None:
        return pool.red_lines(file, page, partial)
    return red_lines(file, page, open_cache(None), partial)
