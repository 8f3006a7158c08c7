"""Text clean-up before any pattern runs: OCR output is noisy in predictable ways."""

from __future__ import annotations

import re
import unicodedata

from pipeline.cjk import IDEOGRAPHS as _CJK
from pipeline.extract.data import DATA, load_variants

# Whitespace between two CJK characters, or between CJK and a digit: OCR and PDF text layers
# put spaces there that carry no meaning (李 娜, 2023 年 6 月).
_CJK_SPACE = re.compile(rf"(?<=[{_CJK}\d])[ \t\u3000]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u3000]+(?=\d)")
# Letters OCR reads instead of digits, fixed only where they sit inside a number.
_O_IN_NUM = re.compile(
    r"(?<=\d)[OoQD](?=[\d.\-/年月日期])|(?<=[\d.\-/年月])[OoQD](?=\d)|(?<=\d )[Oo](?=\d{3})"
)
# l and I stand for 1 next to a date unit (202l年); a bar or ! only between two digits (06|日 is
# a stroke of noise, not a 1)
_ONE_IN_NUM = re.compile(
    r"(?<=\d)[lI](?=[\d.\-/年月日期])|(?<=[\d.\-/年月])[lI](?=\d)|(?<=\d)[|!](?=\d)"
)
# a stroke read after a month or day digit: 1]月 is 11月 (a valid month), 06|日 is 06日 (061 is no day)
_STROKE_BEFORE_UNIT = re.compile(r"(?<!\d)(\d{1,2})[\]|!l](?=\s*([月日]))")


def _stroke(m: re.Match[str]) -> str:
    as_one = m.group(1) + "1"
    return as_one if int(as_one) <= (12 if m.group(2) == "月" else 31) else m.group(1)


# every traditional character simplified text never uses (variants.tsv, from OpenCC), then the
# forms OCR itself produces (patterns.toml [variants]: 庁, 徵)
_VARIANTS = str.maketrans({**load_variants(),
                           **dict(zip(DATA["variants"]["traditional"], DATA["variants"]["simplified"],
                                      strict=True))})


def simplified(text: str) -> str:
    """``text`` with traditional (and OCR's Japanese) forms read as simplified: 孫 -> 孙."""
    return text.translate(_VARIANTS)


_DASHES = re.compile(r"[‐‑‒–—―−－~～〜]+")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
# OCR splits full-width digits of one number (2 024年, 1 6学时); joined only where a unit follows,
# so that table columns (成绩 78 60) stay apart.
_SPLIT_NUMBER = re.compile(r"\d(?: ?\d)*(?= ?(?:年|月|日|号|学时|天|个月|期))")


# a text layer that sets every character of a line apart ('1 6 h o u r s', '4 t h N o v e m b e r
# 2 0 2 4'): its word gaps are lost, so the line is closed up and split again where a word must
# end: between letters and digits, and before a capital after a small letter ('4th November 2024')
_LETTER_SPACED_MIN_TOKENS = 8
_LETTER_SPACED_SHARE = 0.8  # of the line's pieces that are one character
_WORD_EDGE = re.compile(r"(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])|(?<=[a-z])(?=[A-Z])")


def closed_up(text: str) -> str:
    """A letter-spaced Latin line closed up ('i s h e r e b y a w a r d e d 1 6 P D U s' ->
    'isherebyawarded 16 PDUs'); any other line as it is."""
    tokens = text.split(" ")
    singles = [t for t in tokens if len(t) == 1]
    if len(tokens) < _LETTER_SPACED_MIN_TOKENS or len(singles) < _LETTER_SPACED_SHARE * len(tokens):
        return text
    # Latin letters mostly (a CJK line spaced out is closed up elsewhere; a row of digits is a table)
    latin = all(t.isascii() or not t.isalnum() for t in singles)
    if not latin or sum(t.isalpha() for t in singles) < len(singles) / 2:
        return text
    return _WORD_EDGE.sub(" ", "".join(tokens))


def normalize(text: str, keep_cjk_spaces: bool = False) -> str:
    """Full-width to half-width (NFKC), OCR digit confusions fixed, CJK-internal spaces removed.

    Dashes of every width become ``-`` so that ranges and serial numbers have one spelling;
    Chinese punctuation that NFKC keeps (、。《》) stays, since names are split on it.
    """
    t = unicodedata.normalize("NFKC", text).translate(_VARIANTS)
    t = t.replace("\u200b", "").replace("\ufeff", "")
    t = _DASHES.sub("-", t)
    t = _SPACES.sub(" ", t)
    t = closed_up(t)
    t = _SPLIT_NUMBER.sub(lambda m: m.group(0).replace(" ", ""), t)
    # twice: overlapping confusions such as 2O1O
    t = _STROKE_BEFORE_UNIT.sub(_stroke, t)
    for _ in range(2):
        t = _O_IN_NUM.sub("0", t)
        t = _ONE_IN_NUM.sub("1", t)
    if not keep_cjk_spaces:  # name lists keep them: a space may be the only separator
        t = _CJK_SPACE.sub("", t)
    return t.strip()


def cjk_only(text: str) -> str:
    """The CJK characters of a text, in order (for fuzzy name search)."""
    return "".join(re.findall(rf"[{_CJK}]", text))


CJK_CLASS = _CJK
