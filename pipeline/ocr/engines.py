"""The OCR engines by name, one instance of each per process.

``tesseract`` is the classic engine (chi_sim+eng, ``tesseract.py``); ``rapidocr`` runs the
PP-OCR networks shipped in the ``rapidocr`` wheel (``rapid.py``). Every engine answers the
``OcrEngine`` interface of ``reading.py``: an upright image in, a ``Reading`` (lines with
boxes, and its own evidence of the page's turn) out.
"""

from __future__ import annotations

from pipeline.ocr.rapid import RapidOcrEngine
from pipeline.ocr.reading import EngineError, OcrEngine, Reading
from pipeline.ocr.tesseract import TesseractEngine

__all__ = ["EngineError", "OcrEngine", "RapidOcrEngine", "Reading", "TesseractEngine", "get_engine"]

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
