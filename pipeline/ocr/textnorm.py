"""Text clean-up shared by every engine: CJK spacing and reading order.

OCR engines (tesseract above all) put a space between every pair of Chinese characters; Chinese
text has none, and the field extractors match on strings like ``2021年03月15日``. Spaces between
Latin words and numbers (``ZL 2021 1 0345678.9``, ``Zhang Wei``) carry meaning and stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from statistics import median

from pipeline.cjk import CJK_TEXT as _CJK
from pipeline.cjk import ideograph_count
from pipeline.types import Box, Line, Word

_CJK_CHAR = re.compile(f"[{_CJK}]")
# A run of blanks with a CJK character on one side and no Latin letter on the other: Chinese text
# never has one there ("2021 年 03 月" -> "2021年03月"); "Zhang Wei 张伟" keeps its space.
_SPACE_NEXT_TO_CJK = re.compile(
    f"(?<=[{_CJK}])[ \t\u00a0]+(?![A-Za-z])|(?<![A-Za-z ])[ \t\u00a0]+(?=[{_CJK}])"
)
# ASCII punctuation that tesseract surrounds with spaces inside Chinese lines.
_SPACE_AROUND_PUNCT = re.compile(r"(?<=[:;,])[ \t]+(?=\S)|(?<=\S)[ \t]+(?=[:;,])")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs (not punctuation) in ``text``."""
    return ideograph_count(text)


def remove_cjk_spaces(text: str) -> str:
    """Drop blanks next to CJK characters; keep them between Latin words and numbers."""
    if " " not in text and "\t" not in text and "\u00a0" not in text:
        return text.strip()
    out = _SPACE_NEXT_TO_CJK.sub("", text)
    if out != text and _CJK_CHAR.search(out):
        # Only inside lines that hold Chinese: "ZL 2021 1 0345678.9" alone keeps its spaces.
        out = _SPACE_AROUND_PUNCT.sub("", out)
    return re.sub(r"[ \t]{2,}", " ", out).strip()


def union_box(boxes: Iterable[Box]) -> Box:
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def make_line(words: Sequence[Word], sep: str = " ") -> Line:
    """A line from its words in left-to-right order; text joined then CJK-despaced."""
    ws = sorted(words, key=lambda w: w.box[0])
    text = remove_cjk_spaces(sep.join(w.text for w in ws))
    conf = sum(w.conf for w in ws) / len(ws) if ws else 0.0
    return Line(text=text, box=union_box(w.box for w in ws), conf=round(conf, 4), words=tuple(ws))


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """Lines top-to-bottom, and left-to-right within a row.

    Lines whose vertical centres lie within half a typical line height of a row's centre are one
    row (a label and its value printed apart, two boxes a detector split); rows are sorted by
    their centre, lines within a row by their left edge.
    """
    items = [ln for ln in lines if ln.text.strip()]
    if not items:
        return []
    heights = [max(1, ln.box[3] - ln.box[1]) for ln in items]
    tol = 0.5 * median(heights)
    rows: list[list[Line]] = []
    row_centres: list[float] = []
    for ln in sorted(items, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        cy = (ln.box[1] + ln.box[3]) / 2
        h = max(1, ln.box[3] - ln.box[1])
        if rows and abs(cy - row_centres[-1]) <= max(tol, 0.5 * h) * 1.0:
            rows[-1].append(ln)
            # running mean keeps a long row from drifting on a slight skew
            row_centres[-1] = sum((x.box[1] + x.box[3]) / 2 for x in rows[-1]) / len(rows[-1])
        else:
            rows.append([ln])
            row_centres.append(cy)
    out: list[Line] = []
    for row in rows:
        out.extend(_merge_close(sorted(row, key=lambda ln: ln.box[0])))
    return out


def _merge_close(row: list[Line]) -> list[Line]:
    """Join pieces of one printed line that an engine split ("授权公告" + "：2023年06月20日").

    Pieces closer than one line height are one line; wider gaps (table columns, a two-column
    page) stay separate lines.
    """
    merged = [row[0]]
    for ln in row[1:]:
        prev = merged[-1]
        h = max(prev.box[3] - prev.box[1], ln.box[3] - ln.box[1], 1)
        if ln.box[0] - prev.box[2] < 1.0 * h:
            words = (prev.words or (Word(prev.text, prev.box, prev.conf),)) + (
                ln.words or (Word(ln.text, ln.box, ln.conf),)
            )
            merged[-1] = make_line(words)
        else:
            merged.append(ln)
    return merged


def page_text(lines: Sequence[Line]) -> str:
    return "\n".join(ln.text for ln in lines)


def mean_conf(lines: Sequence[Line]) -> float:
    """Character-weighted mean confidence: a long, well-read line counts more than a speck."""
    total = sum(len(ln.text) for ln in lines)
    if not total:
        return 0.0
    return round(sum(ln.conf * len(ln.text) for ln in lines) / total, 4)
