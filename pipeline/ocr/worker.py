"""Entry point of one OCR worker process: ``python -m pipeline.ocr.worker IN_FD OUT_FD ENGINE [CACHE]``.

Reads ``(idx, StoredFile, page_no, second)`` jobs from IN_FD and answers on OUT_FD until it
receives ``None``: ``(idx, Page)`` for a page to OCR (``second`` None), ``(idx, [Line, ...])``
for a second read of a page's red type (``second`` a ``red_text.SecondRead``: the run's engine
and cache, so the caller never loads a model of its own). Anything a library prints goes to
stderr, never into the protocol.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable


def main(argv: list[str]) -> int:
    os.environ["OMP_THREAD_LIMIT"] = "1"  # before tesseract or onnxruntime is touched
    os.environ["OMP_NUM_THREADS"] = "1"
    # fd 1 becomes stderr: a stray print() from a library must not corrupt the pickle stream
    os.dup2(2, 1)
    from pipeline.ocr.sources import close_documents

    try:
        return _serve(argv)
    finally:
        close_documents()


def _serve(argv: list[str]) -> int:
    from multiprocessing.connection import Connection
    from pathlib import Path

    from pipeline.ocr.cache import OcrCache
    from pipeline.ocr.reader import error_page, read_page

    jobs = Connection(int(argv[0]), writable=False)
    answers = Connection(int(argv[1]), readable=False)
    engine = argv[2]
    cache = OcrCache(Path(argv[3])) if len(argv) > 3 else None
    warm_up(engine)
    trim = heap_trimmer()
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return 0
        if job is None:
            return 0
        idx, file, page_no, second = job
        try:
            if second is not None:
                from pipeline.ocr.red_text import red_lines

                page = red_lines(file, second.page, cache, second.partial)
            else:
                page = read_page(file, page_no, engine, cache, text_layer=False)
        except Exception as exc:  # read_page records errors itself; this is the last guard
            page = error_page(file, page_no, f"OCR failed: {type(exc).__name__}: {exc}")
        # Before answering: the caller checks a worker's resident memory when it hands it the next
        # page, and before the trim that was the page's peak, not what the worker keeps. Trimming
        # after the answer made workers that never held more than ~450 MB between pages look
        # over the 650 MB bound and be replaced (~1.5 CPU s each) for nothing.
        trim()
        answers.send((idx, page))


def warm_up(engine: str) -> None:
    """Load the engine before the first job: a run starts its workers before its intake, so
    their imports and network loading (~1 CPU s) overlap the intake instead of delaying the
    first page. A failure is left to the first page, which reports it as an error page."""
    from pipeline.ocr.engines import get_engine

    try:
        get_engine(engine)
    except Exception:  # the page's read says what went wrong
        return


def heap_trimmer() -> Callable[[], None]:
    """A function that hands the heap's free memory back to the system (glibc ``malloc_trim``).

    A page's OCR allocates a few hundred MB and frees it, but glibc keeps the freed pages: a
    worker then sat at ~540 MB between pages instead of ~175 MB (docs/ocr.md). Without glibc
    (musl, macOS) it does nothing.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        malloc_trim = libc.malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: malloc_trim(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
