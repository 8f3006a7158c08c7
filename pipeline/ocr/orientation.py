"""Which way up a page is: 0, 90, 180 or 270 degrees (clockwise turn that makes it upright)."""

from __future__ import annotations

from PIL import Image


def detect_rotation(image: Image.Image, engine: str) -> int:
    return 0
