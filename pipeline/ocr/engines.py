"""The OCR engines by name, one instance of each per process.

``tesseract`` is the classic engine (chi_sim+eng, ``tesseract.py``); ``rapidocr-openvino`` and
``rapidocr-onnx`` run the PP-OCR networks shipped in the ``rapidocr`` wheel on OpenVINO or
onnxruntime (``rapid.py``). Two names stand for another: ``rapidocr`` is the fastest RapidOCR
backend installed, ``auto`` the measured best engine (docs/ocr.md). Every engine answers the
``OcrEngine`` interface of ``reading.py``: an image in, a ``Reading`` (lines with boxes, and its
own evidence of the page's turn) out.
"""

from __future__ import annotations

from pipeline.ocr.rapid import BACKENDS, RapidOcrEngine, installed_backends
from pipeline.ocr.reading import EngineError, OcrEngine, Reading
from pipeline.ocr.tesseract import TesseractEngine

__all__ = ["ENGINES", "EngineError", "OcrEngine", "RapidOcrEngine", "Reading", "TesseractEngine",
           "concrete_engine", "get_engine"]

# What "auto" stands for; see docs/ocr.md for the measurements behind the choice.
AUTO_POLICY = "rapidocr"
ENGINES = ("auto", "tesseract", "rapidocr", *(f"rapidocr-{b}" for b in BACKENDS))

_ENGINES: dict[str, OcrEngine] = {}


def concrete_engine(name: str) -> str:
    """The engine a name stands for: ``auto`` -> AUTO_POLICY, ``rapidocr`` -> its fastest installed
    backend (``rapidocr-openvino`` when OpenVINO is installed). Other names stand for themselves."""
    if name == "auto":
        name = AUTO_POLICY
    if name == "rapidocr":
        backends = installed_backends()
        if not backends:
            raise EngineError("rapidocr needs onnxruntime (openvino for its faster backend): not installed")
        name = f"rapidocr-{backends[0]}"
    return name


def get_engine(name: str) -> OcrEngine:
    """One engine instance per process (loading the networks takes a moment)."""
    name = concrete_engine(name)
    if name not in _ENGINES:
        if name == "tesseract":
            _ENGINES[name] = TesseractEngine()
        elif name.removeprefix("rapidocr-") in BACKENDS:
            _ENGINES[name] = RapidOcrEngine(backend=name.removeprefix("rapidocr-"))
        else:
            raise ValueError(f"unknown OCR engine {name!r}: use one of {', '.join(ENGINES)}")
    return _ENGINES[name]
