"""Image clean-up before OCR, kept to the steps that measurably help (see docs/ocr.md).

Every step is deterministic; ``PREP_VERSION`` names the set, and is part of the cache key so a
change here re-reads pages instead of serving stale text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# p3: tesseract keeps a turn only when the turned read is better; RapidOCR detects at 960 px
# and recognises one line at a time; p4: rapidocr-openvino recognises on OpenVINO (bf16 on CPUs
# that have it) at rounded widths, which reads a few characters differently
PREP_VERSION = "p4"

MAX_LONG_SIDE = 3000  # phone photos (4000x3000) read as well at this size, in half the time
MIN_LONG_SIDE = 1600  # below this (an A4 scan under ~140 dpi) glyphs are too small for tesseract


@dataclass(frozen=True)
class Steps:
    """Which clean-up steps run; the defaults are the ones that measurably help."""

    orient: bool = True
    red: bool = True
    upscale_tesseract: bool = True
    upscale_rapidocr: bool = False


DEFAULT_STEPS = Steps()


@dataclass
class Prepared:
    image: Image.Image  # what the engine reads
    scale: float  # engine pixels per page pixel (boxes are divided by this)
    rotation: int  # degrees the page was turned clockwise before reading


def resize_for_ocr(image: Image.Image, upscale: bool = True) -> tuple[Image.Image, float]:
    long_side = max(image.size)
    if long_side > MAX_LONG_SIDE:
        scale = MAX_LONG_SIDE / long_side
    elif upscale and long_side < MIN_LONG_SIDE:
        scale = min(3.0, MIN_LONG_SIDE / long_side)
    else:
        return image, 1.0
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS), scale


def suppress_red(image: Image.Image) -> Image.Image:
    """Turn strongly red pixels white: official seals are stamped in red over issuer and date.

    Black and blue ink keep their value; a pixel is "red" when its red channel clearly dominates
    both others, which dark text never does.
    """
    arr = np.asarray(image.convert("RGB"))
    r = arr[..., 0]
    # per channel, in uint8/int16 slices: a 3-channel int16 copy of a phone photo costs 26 MB
    red = (r > 120) & (r.astype(np.int16) - np.maximum(arr[..., 1], arr[..., 2]) > 60)
    if not red.any():
        return image
    out = arr.copy()
    out[red] = 255
    return Image.fromarray(out, "RGB")


def rotate(image: Image.Image, degrees: int) -> Image.Image:
    """Turn clockwise by a multiple of 90 degrees."""
    turns = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
             270: Image.Transpose.ROTATE_90}[degrees % 360]
    return image if turns is None else image.transpose(turns)


def prepare(image: Image.Image, engine: str, steps: Steps = DEFAULT_STEPS, rotation: int = 0) -> Prepared:
    """Seal-free, sensibly sized image for ``engine``, turned ``rotation`` degrees clockwise
    (which way is up is worked out from a first read: ``reader.read_upright``)."""
    upright = rotate(image, rotation)
    clean = suppress_red(upright) if steps.red else upright
    up = steps.upscale_tesseract if engine == "tesseract" else steps.upscale_rapidocr
    sized, scale = resize_for_ocr(clean, upscale=up)
    return Prepared(image=sized, scale=scale, rotation=rotation)
