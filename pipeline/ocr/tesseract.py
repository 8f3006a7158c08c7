"""The tesseract engine (chi_sim+eng, one thread) and its orientation-and-script detection."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

from pipeline.ocr.orientation import better_read, looks_turned
from pipeline.ocr.reading import EngineError, Reading
from pipeline.ocr.textnorm import make_line, reading_order
from pipeline.types import Line, Word

TESSERACT_LANGS = "chi_sim+eng"
OSD_LONG_SIDE = 1400


class TesseractEngine:
    name = "tesseract"

    def __init__(self, langs: str = TESSERACT_LANGS, psm: int = 3, timeout: float = 120.0) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's OpenMP would take every core
        self.langs = langs
        self.psm = psm
        self.timeout = timeout

    def read(self, image: Image.Image, orient: bool = True) -> Reading:
        """The read; a read that looks turned (``looks_turned``) asks OSD which way is up."""
        lines = self.read_lines(image)
        turn = osd_rotation(image)[0] if orient and looks_turned(lines) else 0
        return Reading(lines, turn)

    def keeps_turn(self, first: Reading, turned: Reading) -> bool:
        # OSD alone turned upright photos and sparse pages upside down (docs/ocr.md): the turned
        # page's read must be clearly better than the first.
        return better_read(turned.lines, first.lines)

    def read_lines(self, image: Image.Image) -> list[Line]:
        import pytesseract

        try:
            with tesseract_input(image) as path:
                data = pytesseract.image_to_data(
                    path,
                    lang=self.langs,
                    config=f"--psm {self.psm}",
                    output_type=pytesseract.Output.DICT,
                    timeout=self.timeout,
                )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise EngineError(f"tesseract: {exc}") from exc
        except pytesseract.TesseractError as exc:
            raise EngineError(f"tesseract failed: {exc.message or exc.status}") from exc
        return tesseract_lines(data)


@contextmanager
def tesseract_input(image: Image.Image) -> Iterator[str]:
    """The image as a grayscale PGM file for the tesseract command.

    pytesseract would write a PNG; compressing a noisy 200 dpi page took longer than reading it.
    Tesseract works on grey values anyway, and PGM is written as raw bytes.
    """
    fd, path = tempfile.mkstemp(prefix="cehours-ocr-", suffix=".pgm")
    os.close(fd)
    try:
        image.convert("L").save(path, format="PPM")
        yield path
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)


def tesseract_lines(data: dict[str, list]) -> list[Line]:
    """Words of ``image_to_data`` grouped by (block, paragraph, line) into lines."""
    groups: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        text = (text or "").strip()
        conf = float(data["conf"][i])
        if not text or conf < 0:  # conf -1 marks layout rows (blocks, lines), not words
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        groups.setdefault(key, []).append(Word(text=text, box=(x, y, x + w, y + h), conf=conf / 100))
    return reading_order([make_line(ws) for ws in groups.values()])


def binarize(gray: Image.Image, block: int = 31, c: int = 15) -> Image.Image:
    """Adaptive (local) threshold: phone photos have shading and dark borders that make a global
    threshold, and with it OSD, go wrong (an upright photo read as 180 degrees)."""
    import cv2
    import numpy as np

    arr = np.asarray(gray.convert("L"))
    out = cv2.adaptiveThreshold(arr, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, block, c)
    return Image.fromarray(out)


def osd_rotation(image: Image.Image) -> tuple[int, float]:
    """(clockwise degrees to turn, OSD confidence); (0, 0.0) when OSD cannot tell.

    ~0.5 CPU s on a page scaled to ~1400 px, where CJK glyphs are large enough. Only a
    proposal: the turned page's read is kept only when it is clearly better (``keeps_turn``);
    a second OSD pass or a separate reading test would cost as much.
    """
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
