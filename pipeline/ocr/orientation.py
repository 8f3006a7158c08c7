"""Which way up a page is: the evidence an engine's read gives of the clockwise turn (0, 90,
180, 270) that makes its text upright. Pure functions over a read; the engines call them.

Nothing here runs extra OCR. RapidOCR's own line boxes and line classifier say when a page is
turned (``line_vote_rotation``). For tesseract, a read that looks turned (``looks_turned``)
makes the engine ask OSD (``tesseract.osd_rotation``), and the turned page's read is kept only
when it is clearly better than the first (``better_read``).
"""

from __future__ import annotations

from pipeline.ocr.textnorm import cjk_count


def reading_score(lines: list) -> float:
    """How much confidently read, horizontal Chinese a read holds. Upside-down text reads as a
    few low-confidence scraps; a page turned a quarter is often read right character by
    character, but as tall vertical lines in the wrong order, so tall lines do not count."""
    return sum(ln.conf * cjk_count(ln.text) for ln in lines if not _tall(ln.box))


def _tall(box: tuple[int, int, int, int]) -> bool:
    return box[3] - box[1] > LINE_ASPECT * (box[2] - box[0])


def better_read(turned: list, kept: list) -> bool:
    """Whether the read of the turned page beats the first read by a clear margin (a tie keeps
    the page as it is: a wrong turn destroys a page that was fine)."""
    return reading_score(turned) > 1.3 * reading_score(kept) + 2


# A detected line is "tall" (text running up or down the page) or "wide" when its sides differ
# by this factor (rapidocr turns crops of this shape itself); squarer boxes, single characters,
# tell nothing and are left out of the vote.
LINE_ASPECT = 1.5
# Share of the voting text that must agree before a page is turned.
VOTE_SHARE = 0.6
CLS_SURE = 0.9  # rapidocr's own threshold for flipping a line crop


def line_vote_rotation(boxes: list, cls: list[tuple[str, float]]) -> int:
    """Clockwise turn suggested by RapidOCR's own detection boxes and line classifier.

    A page turned 90 degrees shows its lines as tall boxes; rapidocr turns such a crop a quarter
    counter-clockwise before classifying it, so "180" on tall crops means the page needs 90
    degrees clockwise, "0" means 270. Wide lines mostly classified "180" mean an upside-down page.
    Each line votes with its length (a proxy for its characters). 0 unless VOTE_SHARE agree.
    """
    import numpy as np

    tall = wide = tall_flipped = wide_flipped = 0.0
    for i, quad in enumerate(boxes):
        q = np.asarray(quad, dtype=float)
        if q.shape != (4, 2):
            continue
        w = max(np.linalg.norm(q[0] - q[1]), np.linalg.norm(q[2] - q[3]))
        h = max(np.linalg.norm(q[0] - q[3]), np.linalg.norm(q[1] - q[2]))
        label, score = cls[i] if i < len(cls) else ("0", 0.0)
        flipped = "180" in str(label) and float(score) >= CLS_SURE
        if h >= LINE_ASPECT * w:
            tall += h
            tall_flipped += h if flipped else 0.0
        elif w >= LINE_ASPECT * h:
            wide += w
            wide_flipped += w if flipped else 0.0
    if tall + wide <= 0:
        return 0
    if tall >= VOTE_SHARE * (tall + wide):
        if tall_flipped >= VOTE_SHARE * tall:
            return 90
        if tall_flipped <= (1 - VOTE_SHARE) * tall:
            return 270
        return 0
    if wide >= VOTE_SHARE * (tall + wide) and wide_flipped >= VOTE_SHARE * wide:
        return 180
    return 0


# Tesseract on a turned page: upside down it reads scraps at confidence ~0.25-0.32 (upright
# pages: 0.66-0.93), sideways it finds tall "words" (21-85 % of the text; upright pages 0-26 %,
# the 26 % a screenshot with a vertical sidebar). Measured on seed 11, docs/ocr.md.
TURNED_CONF = 0.6
TURNED_TALL_SHARE = 0.2


def looks_turned(lines: list) -> bool:
    """Whether a read (of an engine without its own orientation hint) suggests a turned page."""
    if not lines:
        return False  # a blank page: nothing to turn
    chars = sum(len(ln.text) for ln in lines) or 1
    conf = sum(ln.conf * len(ln.text) for ln in lines) / chars
    tall = sum(len(ln.text) for ln in lines if _tall(ln.box))
    return conf < TURNED_CONF or tall > TURNED_TALL_SHARE * chars
