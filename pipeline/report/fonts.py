"""A CJK font reportlab can draw with, found robustly.

Order: ``CEHOURS_REPORT_FONT`` (a .ttf/.ttc path), then the TrueType CJK fonts Debian installs
(AR PL UMing is a Song face, as official forms use), then any TrueType CJK font under
/usr/share/fonts, and last reportlab's built-in CID font STSong-Light, which needs no file (but
is not embedded, so the reader's viewer supplies the glyphs).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

CANDIDATES = (
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
_HINTS = ("uming", "ukai", "wqy", "simsun", "simhei", "droidsansfallback", "sourcehan", "fangsong")
FALLBACK_CID = "STSong-Light"


def _try_ttf(path: str) -> str | None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    name = "CJK-" + Path(path).stem
    try:
        font = TTFont(name, path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont(name, path)
        if font.face.charToGlyph.get(ord("认")) is None:  # not a CJK font after all
            return None
        pdfmetrics.registerFont(font)
    except (TTFError, OSError, KeyError, ValueError):
        return None  # CFF outlines (OpenType/CFF), a broken file: try the next one
    return name


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The registered reportlab font name to use for Chinese text."""
    paths = [os.environ["CEHOURS_REPORT_FONT"]] if os.environ.get("CEHOURS_REPORT_FONT") else []
    paths += [p for p in CANDIDATES if Path(p).is_file()]
    root = Path("/usr/share/fonts")
    if root.is_dir():
        paths += sorted(
            str(p)
            for p in root.rglob("*")
            if p.suffix.lower() in (".ttf", ".ttc") and any(h in p.name.lower() for h in _HINTS)
        )
    for p in paths:
        name = _try_ttf(p)
        if name:
            return name
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID))
    return FALLBACK_CID
