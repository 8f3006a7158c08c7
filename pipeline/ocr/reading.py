"""What every OCR engine answers, and the interface it answers through.

An engine reads one image and says, from what that read saw, which way the page should be
turned: RapidOCR from its own line boxes and line classifier, tesseract from an OSD pass when
the read looks turned. Like OCRmyPDF's ``OcrEngine`` (which owns ``get_orientation``), the
engine owns its orientation evidence; the reader (``reader.read_upright``) only decides when to
read again. Nothing is kept on the engine between reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from PIL import Image

from pipeline.types import Line


class EngineError(Exception):
    """The engine failed on this page (crash, timeout); the page gets an error, the batch goes on."""


@dataclass(frozen=True)
class Reading:
    """One read of one image: its lines, and the turn the engine's own evidence proposes."""

    lines: list[Line] = field(default_factory=list)
    turn: int = 0  # clockwise degrees (0, 90, 180, 270) that would make the text upright; 0 = leave


@runtime_checkable
class OcrEngine(Protocol):
    name: str

    def read(self, image: Image.Image, orient: bool = True) -> Reading:
        """Lines in reading order (boxes in pixels of ``image``, confidences 0..1) and the turn.

        ``orient=False`` skips orientation evidence that costs extra work (tesseract's OSD pass);
        evidence the read yields anyway (RapidOCR's line classifier) is always reported.
        """
        ...

    def keeps_turn(self, first: Reading, turned: Reading) -> bool:
        """Whether the read of the page turned by ``first.turn`` confirms that turn."""
        ...
