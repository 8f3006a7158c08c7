"""Which way up a page is: the clockwise turn (0, 90, 180, 270) that makes its text upright.

Tesseract's orientation-and-script detection (``osd`` traineddata, installed with
tesseract-ocr) answers in about 0.25 s on a page scaled to ~1400 px; it is unreliable on tiny
images, so the page is scaled to a size where CJK glyphs are large enough first. When OSD is
unsure (low confidence, too few characters) the page is left as it is: a wrong turn destroys a
page that was fine, while RapidOCR still reads sideways lines on its own.
"""

from __future__ import annotations

import os

from PIL import Image, ImageOps

from pipeline.ocr.engines import tesseract_input
from pipeline.ocr.textnorm import cjk_count

OSD_LONG_SIDE = 1400
# OSD confidence below this is treated as "don't know" (measured, docs/ocr.md).
MIN_OSD_CONF = 1.0


def binarize(gray: Image.Image, block: int = 31, c: int = 15) -> Image.Image:
    """Adaptive (local) threshold: phone photos have shading and dark borders that make a global
    threshold, and with it OSD, go wrong (an upright photo read as 180 degrees)."""
    import cv2
    import numpy as np

    arr = np.asarray(gray.convert("L"))
    out = cv2.adaptiveThreshold(arr, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, c)
    return Image.fromarray(out)


def osd_rotation(image: Image.Image) -> tuple[int, float]:
    """(clockwise degrees to turn, OSD confidence); (0, 0.0) when OSD cannot tell."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    gray = ImageOps.grayscale(image)
    scale = OSD_LONG_SIDE / max(gray.size)
    if abs(scale - 1) > 0.15:
        gray = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))),
                           Image.Resampling.LANCZOS)
    try:
        with tesseract_input(binarize(gray)) as path:
            osd = pytesseract.image_to_osd(
                path, config="--psm 0 -c min_characters_to_try=10",
                output_type=pytesseract.Output.DICT, timeout=30,
            )
    except (pytesseract.TesseractError, RuntimeError):
        return 0, 0.0  # "Too few characters" and the like: a blank or nearly blank page
    return int(osd.get("rotate", 0)) % 360, float(osd.get("orientation_conf", 0.0))


def read_score(image: Image.Image) -> float:
    """How much confidently read Chinese a band across the middle of ``image`` holds.

    Upside-down or sideways text reads as a few low-confidence scraps, upright text as many
    characters at high confidence, so comparing scores of two turns settles what OSD cannot.
    """
    import pytesseract

    gray = ImageOps.grayscale(image)
    scale = OSD_LONG_SIDE / max(gray.size)
    gray = gray.resize((max(1, round(gray.width * scale)), max(1, round(gray.height * scale))))
    band = gray.crop((0, round(gray.height * 0.2), gray.width, round(gray.height * 0.65)))
    try:
        with tesseract_input(binarize(band)) as path:
            data = pytesseract.image_to_data(
                path, lang="chi_sim", config="--psm 6", output_type=pytesseract.Output.DICT, timeout=30
            )
    except (pytesseract.TesseractError, RuntimeError):
        return 0.0
    score = 0.0
    for text, conf in zip(data["text"], data["conf"], strict=False):
        c = float(conf)
        if c > 0 and text:
            score += c / 100 * cjk_count(text)
    return score


def detect_rotation(image: Image.Image, engine: str) -> int:
    """Clockwise degrees to turn ``image`` so its text is upright.

    OSD proposes; a turn is taken only when it is confident and a second OSD pass on the turned
    page agrees it is now upright, and never 180 degrees without a reading test. Measured on
    generated pages (docs/ocr.md), single OSD answers on photos and sparse pages turned upright
    pages upside down; a wrong turn destroys a page that was fine, so doubt means a reading test
    (tesseract on a band of the page, both ways) and a tie means no turn.
    """
    from pipeline.ocr.preprocess import rotate

    rotation, conf = osd_rotation(image)
    if not rotation:
        return 0
    if conf >= MIN_OSD_CONF and rotation != 180:
        again, _ = osd_rotation(rotate(image, rotation))
        if again == 0:
            return rotation
    turned, kept = read_score(rotate(image, rotation)), read_score(image)
    return rotation if turned > 1.3 * kept + 2 else 0


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
    tall = sum(len(ln.text) for ln in lines if ln.box[3] - ln.box[1] > LINE_ASPECT * (ln.box[2] - ln.box[0]))
    return conf < TURNED_CONF or tall > TURNED_TALL_SHARE * chars
