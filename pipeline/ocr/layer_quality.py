"""Is a PDF page's text layer worth trusting, or should its image be OCR'd? (issue #12)

A text layer is taken instead of OCR because it is exact and cheap; but scans often carry one
made by someone else's OCR or form filler, and real ones were found to hold (r258-r285):

- glyphs mapped to the wrong code points ('dƑƌƌƆƏdƅƋƍƏƏƌƌƆ'): counted as the share of characters
  no certificate prints (C0 controls, U+FFFD, private use, Latin Extended-B, IPA, spacing
  modifiers);
- words laid across the page's lines (each word's box taller than wide: a layer drawn for a
  rotated image), which no reading order can put back together;
- only the filled-in fields (a name, a title) over a full-page image that holds the rest of the
  text: the layer covers little of the page's ink.

All three tests are dictionary-free and cost nothing but the last, which renders the page at
36 dpi (a few ms) and only for a sparse layer over a page-sized image. A failed test returns the
reason, which the page keeps (``Page.layer_rejected``) so a reviewer sees why it was OCR'd.
"""

from __future__ import annotations

from typing import Any

from pipeline.types import Word

MAX_ODD_SHARE = 0.05  # odd glyphs: the scrambled layers had 11-14 %, real ones at most 2 %
MAX_UPRIGHT_SHARE = 0.5  # words standing upright: the rotated layers had 92-100 %, others <= 10 %
MIN_WORDS_FOR_SHAPE = 5
# a sparse layer: fewer words than this over an image covering this share of the page, and
# covering less than MIN_INK_COVERED of the page's dark pixels (name-only layers: 5 and 14 %;
# complete layers over an image 23-94 %, but a decorated page's ink can be mostly ornament, so
# the test only runs where the layer is this sparse)
SPARSE_WORDS = 20
PAGE_IMAGE_SHARE = 0.8
MIN_INK_COVERED = 0.2
INK_DPI = 36
INK_LEVEL = 110  # grey level below which a pixel counts as ink


def odd_share(text: str) -> float:
    """Share of the non-space characters that are no printed text (see the module's list)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    odd = sum(1 for c in chars if ord(c) < 32 or c == "\ufffd" or 0x180 <= ord(c) < 0x300
              or 0xE000 <= ord(c) < 0xF900)
    return odd / len(chars)


def upright_share(words: list[Word]) -> tuple[int, int]:
    """(words of 3+ characters whose box is over 1.5 times taller than wide, words of 3+)."""
    long = [w for w in words if len(w.text.replace(" ", "")) >= 3]
    up = sum(1 for w in long if (w.box[3] - w.box[1]) > 1.5 * (w.box[2] - w.box[0]))
    return up, len(long)


def page_image_share(page: Any) -> float:
    """The largest share of the page one image object covers (0 when none)."""
    import pypdfium2.raw as raw

    left, bottom, right, top = page.get_bbox()
    area = max((right - left) * (top - bottom), 1e-6)
    best = 0.0
    for obj in page.get_objects():
        if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        w, h = min(x1, right) - max(x0, left), min(y1, top) - max(y0, bottom)
        if w > 0 and h > 0:
            best = max(best, w * h / area)
    return best


def ink_covered(page: Any, words: list[Word], scale: float) -> float:
    """Share of the page's dark pixels (rendered at INK_DPI) inside the layer's word boxes
    (``words`` in pixels at ``scale`` pixels per point)."""
    import numpy as np

    s = INK_DPI / 72
    bitmap = page.render(scale=s, grayscale=True)
    try:
        ink = np.asarray(bitmap.to_pil().convert("L")) < INK_LEVEL
    finally:
        bitmap.close()
    mask = np.zeros_like(ink)
    k = s / scale
    for w in words:  # a pixel of margin: a glyph's edge may fall just outside its box
        x0, y0, x1, y1 = w.box
        mask[max(int(y0 * k) - 1, 0):int(y1 * k) + 2, max(int(x0 * k) - 1, 0):int(x1 * k) + 2] = True
    total = int(ink.sum())
    return 1.0 if total == 0 else float((ink & mask).sum()) / total


def verdict(page: Any, words: list[Word], scale: float) -> str:
    """"" when the layer (``words``, boxes in pixels at ``scale`` per point) can be trusted, else
    why not, in words a reviewer reads."""
    odd = odd_share("".join(w.text for w in words))
    if odd > MAX_ODD_SHARE:
        return f"text layer rejected: {odd:.0%} of its characters are unmapped or stray glyphs"
    up, n = upright_share(words)
    if n >= MIN_WORDS_FOR_SHAPE and up > MAX_UPRIGHT_SHARE * n:
        return f"text layer rejected: {up} of its {n} words run across the lines (a rotated layer)"
    if len(words) < SPARSE_WORDS and page_image_share(page) >= PAGE_IMAGE_SHARE:
        covered = ink_covered(page, words, scale)
        if covered < MIN_INK_COVERED:
            return (f"text layer rejected: its {len(words)} words over a page image cover "
                    f"{covered:.0%} of the page's ink")
    return ""
