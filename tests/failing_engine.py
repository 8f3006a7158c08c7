"""An OCR engine whose every read fails, the way a crashing engine does: for the tests of retries
(tests/test_process.py, tests/test_flows.py). Registered in-process, so read with workers=0."""

from __future__ import annotations

import threading
from typing import Any


class FailingEngine:
    name = "failing"

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def read(self, image: Any, orient: bool = True) -> Any:
        from pipeline.ocr.engines import EngineError

        with self.lock:
            self.calls += 1
        raise EngineError("failing engine: segmentation fault (test)")

    def keeps_turn(self, first: Any, turned: Any) -> bool:
        return False
