"""The RapidOCR engine: PP-OCR detection, line-direction classifier and recognition networks
through the ``rapidocr`` package, with the models shipped inside its wheel (no network), run by
one of two inference backends: OpenVINO or onnxruntime (same models, same settings; OpenVINO
took about half the CPU per page, docs/ocr.md).

One inference thread, because parallelism comes from one worker process per core.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from pipeline.ocr.orientation import line_vote_rotation
from pipeline.ocr.reading import EngineError, Reading
from pipeline.ocr.textnorm import make_line, reading_order
from pipeline.types import Word

# Crops longer than this (width / height) are classified on their middle part only.
CLS_MAX_RATIO = 8.0
# Inference backends by the short name in the engine's name (rapidocr-openvino) -> the Python
# modules that must be installed, fastest first (docs/ocr.md). "openvino" runs all three
# networks on OpenVINO, recognition with its input widths in a few fixed steps (rec_width).
BACKENDS = {"openvino": ("openvino",), "onnx": ("onnxruntime",)}


def installed_backends() -> list[str]:
    """Backends whose runtime is installed, fastest first."""
    from importlib.util import find_spec

    return [b for b, modules in BACKENDS.items() if all(find_spec(m) is not None for m in modules)]


class RapidOcrEngine:
    """PP-OCR (det + line-direction cls + rec) through ``rapidocr`` on ``backend``."""

    def __init__(
        self, backend: str = "openvino", threads: int = 1, det_max_side: int = 960, batch: int = 1
    ) -> None:
        with _without_download_list():
            from rapidocr import RapidOCR

        if backend not in BACKENDS:
            raise ValueError(f"unknown RapidOCR backend {backend!r}: use {' or '.join(BACKENDS)}")
        if backend not in installed_backends():
            raise EngineError(f"rapidocr-{backend} needs {' and '.join(BACKENDS[backend])}: not installed")
        self.name = f"rapidocr-{backend}"

        root = Path(__import__("rapidocr").__file__).parent / "models"
        params: dict[str, object] = {
            "Global.log_level": "error",
            # The recogniser's crops come from the image as given; only detection is downscaled.
            "Global.max_side_len": 4000,
            "Global.return_word_box": False,
            # Detection at most det_max_side on the long side (docs/ocr.md, 96 pages, two seeds):
            # 960 px reads as well as 1280 (CER 0.019 / 0.016 / 0.033 against 0.017 / 0.022 /
            # 0.033) with ~20 % less CPU and ~150 MB less memory per page.
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
            # One line crop per run: a batch pads every crop to its widest one, which cost ~20 %
            # more CPU and up to ~200 MB more per page with long lines, for no better text.
            "Rec.rec_batch_num": batch,
            "Cls.cls_batch_num": batch,
            **backend_params(backend, threads),
        }
        # Explicit model paths: the wheel ships them, and a path skips the download code entirely.
        for task, pattern in (("Det", "*det*.onnx"), ("Rec", "*rec*.onnx"), ("Cls", "*cls*.onnx")):
            found = sorted(root.glob(pattern))
            if not found:
                raise EngineError(f"rapidocr model {pattern} missing under {root}")
            params[f"{task}.model_path"] = str(found[0])
        self._ocr = RapidOCR(params=params)
        # read() runs rapidocr's steps itself, to see the detector's boxes and to classify long
        # lines on their middle; these are rapidocr 3.x names.
        missing = [m for m in (*STEPS, *LOADERS) if not callable(getattr(self._ocr, m, None))]
        if missing:
            raise EngineError(f"rapidocr {_version()} lacks {', '.join(missing)}: cehours needs rapidocr 3.x")
        # The networks load now rather than on the first page, so a worker is ready when started
        # (and a broken runtime fails here, once, not on every page).
        self._compiled: list = []
        self._load_networks(openvino=backend == "openvino")
        if backend == "openvino":
            if not callable(getattr(self._ocr.text_rec, "resize_norm_img", None)):
                raise EngineError(f"rapidocr {_version()} lacks TextRecognizer.resize_norm_img: "
                                  "cehours needs rapidocr 3.x")
            _pad_to_rec_width(self._ocr.text_rec)

    def _load_networks(self, openvino: bool) -> None:
        try:
            for load in LOADERS:
                if openvino:
                    props = dict(OPENVINO_CPU[load])
                    if os.environ.get(COMPILED_CACHE_ENV):
                        props["CACHE_DIR"] = os.environ[COMPILED_CACHE_ENV]
                    with openvino_core(props, self._compiled):
                        getattr(self._ocr, load)()
                else:
                    getattr(self._ocr, load)()
        except Exception as exc:
            raise EngineError(f"{self.name}: cannot load its models: {type(exc).__name__}: {exc}") from exc

    def read(self, image: Image.Image, orient: bool = True) -> Reading:
        """Lines, and the turn the detector's boxes and the line classifier vote for.

        rapidocr's own result keeps neither the classifier's verdicts nor the boxes of lines it
        dropped, so its steps (load, resize, detect, classify, recognise, assemble) run here,
        each read's evidence in local variables. ``orient`` changes nothing: the vote is free.
        """
        import cv2
        from rapidocr.main import RapidOCRError

        ocr = self._ocr
        turn = 0
        try:
            # one BGR copy of the page: convert() copies even an RGB image (15 MB on an A4 scan)
            rgb = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
            bgr = ocr.load_img(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
            del rgb
            img, op_record = ocr.preprocess_img(bgr)
            try:
                crops, det = ocr.detect_and_crop(img, op_record)
                boxes = list(det.boxes)
                upright, cls, verdicts = self._classify(crops)
                turn = line_vote_rotation(boxes, verdicts)
                rec = ocr.recognize_txt(upright)
            except RapidOCRError:  # nothing detected, classified or recognised: no text
                return Reading([], turn)
            out = ocr.build_final_output(bgr, det, cls, rec, crops, op_record)
        except EngineError:
            raise
        except Exception as exc:
            raise EngineError(f"rapidocr failed: {type(exc).__name__}: {exc}") from exc
        finally:
            for model in self._compiled:  # OpenVINO: give back the page's intermediate buffers
                model.release_memory()
        if getattr(out, "boxes", None) is None or getattr(out, "txts", None) is None:
            return Reading([], turn)
        lines = []
        for quad, text, score in zip(out.boxes, out.txts, out.scores, strict=False):
            q = np.asarray(quad)
            box = (int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max()))
            lines.append(make_line([Word(text=str(text), box=box, conf=round(float(score), 4))]))
        return Reading(reading_order(lines), turn)

    def keeps_turn(self, first: Reading, turned: Reading) -> bool:
        # The classifier is sure of upright lines: the turned page must now vote for no turn.
        return turned.turn == 0

    def _classify(self, crops: list[np.ndarray]) -> tuple[list[np.ndarray], object, list[tuple[str, float]]]:
        """Line crops the right way up, rapidocr's classifier output, and its (label, score) per crop.

        The classifier sees each crop squeezed into 48x192: a long line (40:1) becomes a smear it
        calls upside down at random, and rapidocr then turned the line and read garbage
        ("该学员于2022年04月17日至…" as "22222"). It judges the middle of a long line here.
        """
        ocr = self._ocr
        _, cls = ocr.cls_and_rotate([_middle_of_line(c) for c in crops])
        verdicts = [(str(label), float(score)) for label, score in (cls.cls_res or [])]
        if len(verdicts) != len(crops):
            raise EngineError(f"rapidocr's line classifier: {len(verdicts)} verdicts for {len(crops)} lines")
        thresh = float(ocr.cfg.Cls.cls_thresh)
        upright = [np.ascontiguousarray(c[::-1, ::-1]) if "180" in label and score > thresh else c
                   for c, (label, score) in zip(crops, verdicts, strict=True)]  # fmt: skip
        return upright, cls, verdicts


def rec_width(width: int) -> int:
    """The input width recognition runs at for a line resized to ``width`` px (48 px high): the
    next step of an eighth of the next power of two, at least 64 px (320, 384, ..., 640, 768,
    ..., 1280, 1536, ...: at most 25 % padding, 14 widths up to 3072 px).

    OpenVINO's CPU plugin (oneDNN) compiles kernels for every input shape it meets and keeps them
    in its primitive cache; at one line per run every line width was a new shape, and the
    compiling cost as much as the inference. With these widths a page took 0.58 CPU s against
    0.91 with recognition on onnxruntime, CER no worse (docs/ocr.md); steps of 256 px cost text.
    """
    step = max(64, (1 << (max(width, 1) - 1).bit_length()) // 8)
    return -(-width // step) * step


def _pad_to_rec_width(recognizer: Any) -> None:
    """Make rapidocr's recogniser pad each line to ``rec_width``: the line is resized exactly as
    before, only more of the zeros rapidocr pads a batch's shorter lines with follow it."""
    resize_norm_img = recognizer.resize_norm_img

    def padded(img: np.ndarray, max_wh_ratio: float) -> np.ndarray:
        out = resize_norm_img(img, max_wh_ratio)
        width = out.shape[2]
        if rec_width(width) == width:
            return out
        wide = np.zeros((*out.shape[:2], rec_width(width)), np.float32)
        wide[:, :, :width] = out
        return wide

    recognizer.resize_norm_img = padded


def backend_params(backend: str, threads: int) -> dict[str, object]:
    """rapidocr settings that run all three networks on ``backend`` with ``threads`` threads."""
    onnx = {"EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": threads}
    if backend == "onnx":
        return onnx
    from rapidocr import EngineType

    return {
        **onnx,
        **{f"{task}.engine_type": EngineType.OPENVINO for task in ("Det", "Cls", "Rec")},
        "EngineConfig.openvino.inference_num_threads": threads,
        "EngineConfig.openvino.num_streams": 1,
        # Pinning would put every worker process's one thread on the same core.
        "EngineConfig.openvino.enable_cpu_pinning": False,
    }


# OpenVINO CPU plugin settings rapidocr's own config cannot pass, per network (its loader). The
# runtime cache keeps the kernels compiled for each input shape seen: at its default capacity a
# worker grew past 1.2 GB over 24 pages; 100 entries keep detection and the line classifier near
# 500 MB between pages. Recognition sees only the few widths of ``rec_width``, and its runtime
# cache at 0 cost the same CPU as at 100, with less memory (docs/ocr.md).
OPENVINO_CPU = {
    "_load_det_model": {"CPU_RUNTIME_CACHE_CAPACITY": "100"},
    "_load_cls_model": {"CPU_RUNTIME_CACHE_CAPACITY": "100"},
    "_load_rec_model": {"CPU_RUNTIME_CACHE_CAPACITY": "0"},
}


@contextmanager
def openvino_core(properties: dict[str, str], compiled: list) -> Iterator[None]:
    """While loading: rapidocr's OpenVINO sessions get a Core with ``properties`` set, and every
    model it compiles is appended to ``compiled`` (to release its buffers after each page)."""
    import openvino
    from rapidocr.inference_engine.openvino import main as ov_session

    class Core(openvino.Core):
        def __init__(self) -> None:
            super().__init__()
            self.set_property("CPU", properties)

        def compile_model(self, *args: Any, **kwargs: Any) -> Any:
            model = super().compile_model(*args, **kwargs)
            compiled.append(model)
            return model

    original = ov_session.Core
    ov_session.Core = Core
    try:
        yield
    finally:
        ov_session.Core = original


# An OCR worker's OpenVINO networks, compiled once and kept on disk (the pool sets it to the OCR
# cache dir's "openvino" folder, ~31 MB): a worker start then imports them, 0.23 instead of 0.47
# CPU s; OpenVINO keys the files on its version, the model and the settings.
COMPILED_CACHE_ENV = "CEHOURS_OCR_COMPILED_CACHE"


@contextmanager
def _without_download_list() -> Iterator[None]:
    """Import rapidocr without its list of model download addresses.

    Importing rapidocr builds an OmegaConf tree of ``default_models.yaml`` (85 KB), ~0.35 of the
    ~1.1 CPU s an OCR worker takes to start; it is read only to download a model, and cehours
    gives every model's path (rapidocr then never downloads). With an empty list, a missing path
    could not turn into a download either. Already imported (another engine): nothing to do.
    """
    import sys

    if "rapidocr.inference_engine.base" in sys.modules:
        yield
        return
    from omegaconf import OmegaConf

    load = OmegaConf.load

    def load_but_the_download_list(path: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(str(path)).name == "default_models.yaml":
            return OmegaConf.create({})
        return load(path, *args, **kwargs)

    OmegaConf.load = load_but_the_download_list  # type: ignore[method-assign]
    try:
        yield
    finally:
        OmegaConf.load = load  # type: ignore[method-assign]


LOADERS = ("_load_det_model", "_load_cls_model", "_load_rec_model")
STEPS = ("load_img", "preprocess_img", "detect_and_crop", "cls_and_rotate", "recognize_txt",
         "build_final_output")


def _middle_of_line(crop: np.ndarray) -> np.ndarray:
    h, w = crop.shape[:2]
    if h <= 0 or w <= CLS_MAX_RATIO * h:
        return crop
    half = int(CLS_MAX_RATIO * h / 2)
    return crop[:, w // 2 - half : w // 2 + half]


def _version() -> str:
    from importlib.metadata import version

    return version("rapidocr")
