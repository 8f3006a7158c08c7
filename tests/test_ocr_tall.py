"""A tall image (scans stacked into one file, a long screenshot) is read in bands of a page's
proportion: read whole it was scaled to 3000 px tall and its text to a few pixels."""

from __future__ import annotations

import hashlib
import itertools
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import read_file
from pipeline.ocr.reader import BAND_RATIO, bands, is_tall
from pipeline.types import StoredFile

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


# 1911 and 2481 wide: overlaps of an odd number of pixels (191, 248.1 -> 248)
@pytest.mark.parametrize(("width", "height"),
                         [(800, 2001), (800, 9600), (1000, 12330), (640, 1601), (1911, 9875), (2481, 8660)])
def test_bands_cover_the_image_and_own_each_row_once(width: int, height: int) -> None:
    got = bands(width, height)
    assert got[0][0] == 0 and got[-1][1] == height
    assert all(bottom - top <= round(width * BAND_RATIO) for top, bottom, _, _ in got)
    # the own parts tile the image: every row belongs to exactly one band, inside that band
    assert got[0][2] == 0 and got[-1][3] == height
    assert all(a[3] == b[2] for a, b in itertools.pairwise(got))
    assert all(top <= own_top < own_bottom <= bottom for top, bottom, own_top, own_bottom in got)


def test_a_page_shaped_image_is_read_whole() -> None:
    assert not is_tall(Image.new("RGB", (2480, 3508)))  # A4 portrait
    assert is_tall(Image.new("RGB", (1000, 12330)))


@pytest.mark.slow
def test_a_stack_of_pages_is_read_line_by_line_once_each(tmp_path: Path) -> None:
    width, height = 800, 9600
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 30)
    # lines spread down the stack, and one across each boundary between two bands' own parts
    across = [own_bottom - 15 for _, _, _, own_bottom in bands(width, height)[:-1]]
    ys = sorted([*range(120, height - 200, 900), *across])
    for i, y in enumerate(ys):
        draw.text((60, y), f"第{i + 1}项 证书编号CE{1000 + i}", fill="black", font=font)
    path = tmp_path / "stack.png"
    img.save(path)
    data = path.read_bytes()
    file = StoredFile(sha256=hashlib.sha256(data).hexdigest(), rel_path=path.name, size=len(data), kind="png",
                      stored_path=str(path))
    (page,) = read_file(file, engine="rapidocr-openvino", cache_dir=False)
    assert page.error is None and (page.width, page.height) == (width, height)
    numbers = re.findall(r"CE(\d{4})", page.text)
    assert numbers == [str(1000 + i) for i in range(len(ys))], page.text
    # boxes in the whole image's coordinates: each line where it was drawn
    tops = sorted(ln.box[1] for ln in page.lines if "CE" in ln.text)
    assert all(abs(t - y) < 25 for t, y in zip(tops, ys, strict=True))
