"""OCR engines behind one narrow interface: an upright image in, lines with word boxes out.

``tesseract`` is the classic engine (chi_sim+eng); ``rapidocr`` runs the PP-OCR detection and
recognition networks with onnxruntime, with the models shipped inside the wheel (no network).
Each engine uses one thread, because parallelism comes from one worker process per core.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from PIL import Image

from pipeline.ocr.textnorm import make_line, reading_order
from pipeline.types import Line, Word

TESSERACT_LANGS = "chi_sim+eng"


class EngineError(Exception):
    """The engine failed on this page (crash, timeout); the page gets an error, the batch goes on."""


@runtime_checkable
class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image) -> list[Line]:
        """Lines in reading order; boxes in pixels of ``image``; confidences 0..1."""
        ...


class TesseractEngine:
    name = "tesseract"

    def __init__(self, langs: str = TESSERACT_LANGS, psm: int = 3, timeout: float = 120.0) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # tesseract's OpenMP would take every core
        self.langs = langs
        self.psm = psm
        self.timeout = timeout

    def read(self, image: Image.Image) -> list[Line]:
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


class RapidOcrEngine:
    """PP-OCR (det + line-direction cls + rec) through the ``rapidocr`` package on onnxruntime."""

    name = "rapidocr"

    def __init__(self, threads: int = 1, det_max_side: int = 960, batch: int = 1) -> None:
        from rapidocr import RapidOCR

        root = Path(__import__("rapidocr").__file__).parent / "models"
        params: dict[str, object] = {
            "Global.log_level": "error",
            # The recogniser's crops come from the image as given; only detection is downscaled.
            "Global.max_side_len": 4000,
            "Global.return_word_box": False,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": threads,
            # Detection at most det_max_side on the long side (docs/ocr.md, 96 pages, two seeds):
            # 960 px reads as well as 1280 (CER 0.019 / 0.016 / 0.033 against 0.017 / 0.022 /
            # 0.033) with ~20 % less CPU and ~150 MB less memory per page.
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
            # One line crop per run: a batch pads every crop to its widest one, which cost ~20 %
            # more CPU and up to ~200 MB more per page with long lines, for no better text.
            "Rec.rec_batch_num": batch,
            "Cls.cls_batch_num": batch,
        }
        # Explicit model paths: the wheel ships them, and a path skips the download code entirely.
        for task, pattern in (("Det", "*det*.onnx"), ("Rec", "*rec*.onnx"), ("Cls", "*cls*.onnx")):
            found = sorted(root.glob(pattern))
            if not found:
                raise EngineError(f"rapidocr model {pattern} missing under {root}")
            params[f"{task}.model_path"] = str(found[0])
        self._ocr = RapidOCR(params=params)
        # What the last read saw of the text's direction: per detected line, its quadrilateral
        # and the classifier's 0/180 verdict. Orientation is judged from these (orientation.py)
        # instead of a separate tesseract OSD pass on every page.
        self.last_boxes: list[np.ndarray] = []
        self.last_cls: list[tuple[str, float]] = []
        self._hook_steps()

    def _hook_steps(self) -> None:
        """Record the detector's boxes and the line classifier's verdicts of each read.

        rapidocr's result keeps neither the classifier output nor the lines it dropped, so its
        two step methods are wrapped on this instance (rapidocr 3.x names; without them the
        read still works, only the orientation hint is empty).
        """
        ocr = self._ocr
        detect, classify = getattr(ocr, "detect_and_crop", None), getattr(ocr, "cls_and_rotate", None)
        if detect is None or classify is None:
            return

        def detect_and_crop(img, op_record):  # type: ignore[no-untyped-def]
            crops, det = detect(img, op_record)
            self.last_boxes = list(det.boxes) if det.boxes is not None else []
            return crops, det

        def cls_and_rotate(crops):  # type: ignore[no-untyped-def]
            # The classifier sees each crop squeezed into 48x192: a long line (40:1) becomes a
            # smear it calls upside down at random, and rapidocr then turned the line and read
            # garbage ("该学员于2022年04月17日至…" as "22222"). It judges the middle of a long line.
            views = [_middle_of_line(c) for c in crops]
            _, cls = classify(views)
            verdicts = list(cls.cls_res or [])
            if len(verdicts) != len(crops):  # not the rapidocr this was written for
                out, cls = classify(crops)
                self.last_cls = list(cls.cls_res or [])
                return out, cls
            self.last_cls = verdicts
            thresh = float(ocr.cfg.Cls.cls_thresh)
            out = [np.ascontiguousarray(c[::-1, ::-1]) if "180" in str(label) and float(score) > thresh else c
                   for c, (label, score) in zip(crops, verdicts, strict=True)]  # fmt: skip
            return out, cls

        ocr.detect_and_crop = detect_and_crop  # type: ignore[method-assign]
        ocr.cls_and_rotate = cls_and_rotate  # type: ignore[method-assign]

    def proposed_rotation(self) -> int:
        """Clockwise turn the last read's lines suggest (0 when they look upright or unsure)."""
        from pipeline.ocr.orientation import line_vote_rotation

        return line_vote_rotation(self.last_boxes, self.last_cls)

    def read(self, image: Image.Image) -> list[Line]:
        self.last_boxes, self.last_cls = [], []
        arr = np.asarray(image.convert("RGB"))[:, :, ::-1]  # rapidocr expects BGR like cv2
        try:
            out = self._ocr(np.ascontiguousarray(arr))
        except Exception as exc:
            raise EngineError(f"rapidocr failed: {type(exc).__name__}: {exc}") from exc
        if out is None or getattr(out, "boxes", None) is None or getattr(out, "txts", None) is None:
            return []
        lines = []
        for quad, text, score in zip(out.boxes, out.txts, out.scores, strict=False):
            q = np.asarray(quad)
            box = (int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max()))
            word = Word(text=str(text), box=box, conf=round(float(score), 4))
            lines.append(make_line([word]))
        return reading_order(lines)


# Crops longer than this (width / height) are classified on their middle part only.
CLS_MAX_RATIO = 8.0


def _middle_of_line(crop: np.ndarray) -> np.ndarray:
    h, w = crop.shape[:2]
    if h <= 0 or w <= CLS_MAX_RATIO * h:
        return crop
    half = int(CLS_MAX_RATIO * h / 2)
    return crop[:, w // 2 - half : w // 2 + half]


_ENGINES: dict[str, OcrEngine] = {}


def get_engine(name: str) -> OcrEngine:
    """One engine instance per process (loading the networks takes a moment)."""
    if name not in _ENGINES:
        if name == "tesseract":
            _ENGINES[name] = TesseractEngine()
        elif name == "rapidocr":
            _ENGINES[name] = RapidOcrEngine()
        else:
            raise ValueError(f"unknown OCR engine {name!r}: use tesseract, rapidocr or auto")
    return _ENGINES[name]
