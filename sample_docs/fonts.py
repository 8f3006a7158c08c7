"""The CJK fonts documents are drawn with, and the per-document style that picks them.

Debian's font packages (fonts-noto-cjk, fonts-wqy-*, fonts-arphic-*) put these files in
/usr/share/fonts. Only the TrueType-outline ones (WenQuanYi, AR PL) can be embedded by reportlab,
so born-digital PDFs use those; images may use any of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont


@dataclass(frozen=True)
class FontFace:
    key: str
    path: str
    index: int  # face inside the .ttc
    kind: str  # sans | serif | kai | song
    embeddable: bool  # reportlab can embed it (TrueType outlines)


FACES: dict[str, FontFace] = {
    f.key: f
    for f in (
        FontFace("noto-sans", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "sans", False),
        FontFace("noto-sans-bold", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "sans", False),
        FontFace("noto-serif", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, "serif", False),
        FontFace(
            "noto-serif-bold", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2, "serif", False
        ),
        FontFace("wqy-zenhei", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "sans", True),
        FontFace("wqy-microhei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "sans", True),
        FontFace("ukai", "/usr/share/fonts/truetype/arphic/ukai.ttc", 0, "kai", True),
        FontFace("uming", "/usr/share/fonts/truetype/arphic/uming.ttc", 0, "song", True),
    )
}


def available() -> list[str]:
    """Keys of the faces whose files exist on this machine."""
    return [k for k, f in FACES.items() if Path(f.path).exists()]


class FontMissingError(RuntimeError):
    pass


@lru_cache(maxsize=48)  # a CJK face costs ~2.5 MB; a page uses a dozen
def font(key: str, size_px: int) -> ImageFont.FreeTypeFont:
    face = FACES[key]
    if not Path(face.path).exists():
        raise FontMissingError(
            f"font file {face.path} is missing: install fonts-noto-cjk, fonts-wqy-zenhei, "
            "fonts-wqy-microhei, fonts-arphic-ukai and fonts-arphic-uming"
        )
    return ImageFont.truetype(face.path, max(6, size_px), index=face.index)


@dataclass(frozen=True)
class Style:
    """Which face plays which role on one document."""

    title: str  # big headings
    body: str  # running text and field values
    sign: str  # signatures, handwritten-looking entries
    born_digital: bool = False

    def faces(self) -> set[str]:
        return {self.title, self.body, self.sign}


def pick_style(rng: random.Random, born_digital: bool = False) -> Style:
    """A plausible combination: official certificates use Song/Hei titles, Kai for signatures."""
    have = set(available())
    if born_digital:
        pool = [k for k in ("wqy-zenhei", "wqy-microhei", "uming", "ukai") if k in have]
        title = rng.choice([k for k in pool if k != "ukai"] or pool)
        body = rng.choice([k for k in pool if k != "ukai"] or pool)
        return Style(title=title, body=body, sign=rng.choice(pool), born_digital=True)
    titles = [
        k for k in ("noto-serif-bold", "noto-sans-bold", "wqy-zenhei", "uming", "noto-serif") if k in have
    ]
    bodies = [k for k in ("noto-serif", "noto-sans", "wqy-microhei", "wqy-zenhei", "uming") if k in have]
    signs = [k for k in ("ukai", "noto-serif", "uming") if k in have]
    return Style(title=rng.choice(titles), body=rng.choice(bodies), sign=rng.choice(signs))
