"""OCR stage: files in, pages with text, lines, word boxes and confidence out.

    read_file(file, engine="auto", cache_dir=None) -> list[Page]
    read_files(files, engine="auto", workers=None, cache_dir=None, progress=None) -> {sha256: [Page]}

Engines: ``tesseract``, ``rapidocr-openvino``, ``rapidocr-onnx``, ``rapidocr`` (its fastest
backend installed), ``auto`` (the measured best; docs/ocr.md); the ``CEHOURS_OCR_ENGINE``
environment variable picks one when the argument is left as "auto".
"""

from pipeline.ocr.engines import EngineError, OcrEngine, get_engine
from pipeline.ocr.pool import read_files
from pipeline.ocr.reader import ENGINES, read_file, resolve_engine

__all__ = ["ENGINES", "EngineError", "OcrEngine", "get_engine", "read_file", "read_files", "resolve_engine"]
