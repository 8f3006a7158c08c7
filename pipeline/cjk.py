"""What counts as a Chinese character, defined once for every stage (OCR clean-up, intake,
classification, extraction, the web app).

``IDEOGRAPHS`` is a regex character-class body: ``re.compile(f"[{IDEOGRAPHS}]")``.
"""

from __future__ import annotations

# Han ideographs: extension A, the unified block, compatibility ideographs. Extensions B and
# later (outside the BMP) are rare in names and never in the forms' labels.
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Everything written without spaces in Chinese text: the ideographs, radicals, CJK punctuation,
# kana (rare, but the same spacing rules apply) and full-width forms (：；，（）０-９).
CJK_TEXT = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff" + IDEOGRAPHS + "\uff00-\uffef"


def is_ideograph(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def ideograph_count(text: str) -> int:
    """Number of Han ideographs (not punctuation) in ``text``."""
    return sum(1 for ch in text if is_ideograph(ch))
