"""An item's text as normalised lines that remember where they came from (page, box, OCR text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

from pipeline.cjk import IDEOGRAPHS as CJK
from pipeline.cjk import ideograph_count
from pipeline.extract.english_dates import MONTHS
from pipeline.extract.normalize import normalize
from pipeline.types import Box, FieldValue, Line, Page

# Confidence of a line with no per-line figure: a text layer is exact, OCR text without
# confidences is treated as fairly good but not certain.
TEXTLAYER_CONF = 1.0
UNKNOWN_OCR_CONF = 0.85


@dataclass(frozen=True)
class TextLine:
    page: int  # index into the item's page list
    text: str  # normalised, spaces inside CJK runs removed
    spaced: str  # normalised with spaces kept (the only name separator in some lists)
    raw: str  # the text as read, for provenance
    box: Box | None
    conf: float  # 0..1 OCR confidence of the line
    seq: int = 0  # reading order of the (first) physical line in the item


def _spaced_from_words(line: Line) -> str:
    """Rebuild a line with a space wherever the gap between words is wide (name separators)."""
    words = [w for w in line.words if w.text.strip()]
    if len(words) < 2:
        return line.text
    heights = [max(w.box[3] - w.box[1], 1) for w in words]
    gap_min = 0.6 * median(heights)
    out = words[0].text
    for prev, w in pairwise(words):
        out += (" " if w.box[0] - prev.box[2] > gap_min else "") + w.text
    return out


def item_lines(pages: list[Page]) -> list[TextLine]:
    out: list[TextLine] = []
    for i, page in enumerate(pages):
        if page.lines:
            for ln in page.lines:
                if not ln.text.strip():
                    continue
                conf = ln.conf if ln.conf > 0 else (page.mean_conf or UNKNOWN_OCR_CONF)
                spaced = _spaced_from_words(ln) if ln.words else ln.text
                out.append(TextLine(i, normalize(ln.text), normalize(spaced, keep_cjk_spaces=True),
                                    ln.text, ln.box, conf, len(out)))
        elif page.text:
            conf = TEXTLAYER_CONF if page.engine == "textlayer" else (page.mean_conf or UNKNOWN_OCR_CONF)
            for raw in page.text.splitlines():
                if raw.strip():
                    spaced = normalize(raw, keep_cjk_spaces=True)
                    out.append(TextLine(i, normalize(raw), spaced, raw, None, conf, len(out)))
    return out


_ENDS_SENTENCE = re.compile(r"[。！？!?:;；]$")
_STARTS_ITEM = re.compile(
    rf"^(?:[一二三四五六七八九十]+、|\(?[0-9一二三四五六七八九十]{{1,2}}[).、．]|[0-9]{{1,2}}\s|[{CJK}]{{2,8}}\s?:)"
)
_FORM_LINE = re.compile(rf"[{CJK}]{{2,6}}:[^:]+?[{CJK}]{{2,6}}:")  # 姓名:X 学号:Y
_LABEL_LINE = re.compile(rf"^[{CJK}]{{2,8}}\s?:")
WRAP_MIN_CHARS = 18  # a line this long that does not end a sentence is a paragraph wrapping on
LABEL_LINE_MAX_CHARS = 30  # a "label:" line longer than this is a paragraph opened by a salutation


_ENUM_MARK = re.compile(r"(?:^|(?<=[;；。,，:：]))\s*[0-9]{1,2}[.、．]\s+")


def _columns(raw: str) -> int:
    # the space after an enumeration mark (1. …；2. …) is no column gap
    return len(re.findall(r"\s+", _ENUM_MARK.sub("", raw.strip())))


def _cjk_share(text: str) -> float:
    # list marks and separators (1. 苏华；2. 汪华) are not the text's language
    text = re.sub(r"[;；,，:：、()（）\s]", "", _ENUM_MARK.sub("", text))
    return ideograph_count(text) / max(len(text), 1)


# a date cut after its year or month (…同志自二〇一一年 / 十一月七日至十二日): the next line goes on
# with the month or day, however short the lines of a narrow column are
_DATE_OPEN = re.compile(r"(?:[0-9〇○零一二三四五六七八九]{4}\s*年"
                        r"|(?<![0-9])[0-9一二三四五六七八九十]{1,3}\s*月)$")
_DATE_GOES_ON = re.compile(r"^[0-9一二三四五六七八九十]{1,3}\s*[月日]")


def _date_wraps(prev: TextLine, ln: TextLine) -> bool:
    return bool(_DATE_OPEN.search(prev.text) and _DATE_GOES_ON.match(ln.text)
                and _columns(prev.raw.split("\n")[-1]) < 2 and _columns(ln.raw) < 2)


# an English date cut after its month ('... online course on April' / '12,2020'): word gaps are no
# columns in English prose, so only the short line that goes on with day and year is checked
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_EN_DATE_OPEN = re.compile(rf"\b(?:{_MONTH_NAMES})\.?$")
_EN_DATE_GOES_ON = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?(?:,\s*|\s+)(?:19|20)\d{2}\b")


def _english_date_wraps(prev: TextLine, ln: TextLine) -> bool:
    return bool(_EN_DATE_OPEN.search(prev.text) and _EN_DATE_GOES_ON.match(ln.text) and _columns(ln.raw) < 2)


def logical_lines(lines: list[TextLine]) -> list[TextLine]:
    """Paragraph lines joined where the page wrapped them (a date, a quoted title or 共计8学时
    split over two lines); table rows and short lines stay as they are."""
    out: list[TextLine] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and prev.page == ln.page and _english_date_wraps(prev, ln):
            out[-1] = _joined(prev, ln, " ")
            continue
        if (prev is not None and prev.page == ln.page and _date_wraps(prev, ln)) or (
            prev is not None
            and prev.page == ln.page
            and len(prev.text) >= WRAP_MIN_CHARS
            # table rows have columns (counted on the text as read: the word-gap spacing of
            # ``spaced`` also splits the characters of a justified paragraph line)
            and _columns(prev.raw.split("\n")[-1]) < 2
            and _columns(ln.raw) < 2
            and not _FORM_LINE.search(prev.text)
            # 证书编号:CDRS... is a field, not prose; 卢芳勇同志:参加...取得30 / 学时 is prose
            and not (_LABEL_LINE.match(prev.text) and len(prev.text) <= LABEL_LINE_MAX_CHARS)
            and _cjk_share(prev.text) >= 0.5
            and not _ENDS_SENTENCE.search(prev.text)
            and not _STARTS_ITEM.match(ln.text)
        ):
            out[-1] = _joined(prev, ln, "")
        else:
            out.append(ln)
    return out


def _joined(prev: TextLine, ln: TextLine, gap: str) -> TextLine:
    box = None
    if prev.box and ln.box:
        box = (min(prev.box[0], ln.box[0]), min(prev.box[1], ln.box[1]),
               max(prev.box[2], ln.box[2]), max(prev.box[3], ln.box[3]))
    return TextLine(prev.page, prev.text + gap + ln.text, prev.spaced + gap + ln.spaced,
                    prev.raw + "\n" + ln.raw, box, min(prev.conf, ln.conf), prev.seq)


def ocr_factor(conf: float) -> float:
    """How much a line's OCR confidence lowers a value read from it.

    Tesseract gives clean CJK lines 0.9+; a line at 0.8 keeps 90% of the pattern's strength,
    one at 0.6 only 75%, which sends any deciding field read from it to a person.
    """
    return max(0.0, min(1.0, 0.3 + 0.75 * conf))


def value(val: object, strength: float, line: TextLine | None) -> FieldValue:
    """A FieldValue whose confidence combines the pattern's strength and the line's OCR quality."""
    if line is None:
        return FieldValue(val, round(strength, 3))
    return FieldValue(val, round(strength * ocr_factor(line.conf), 3), line.page, line.box, line.raw)


_NUM = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_CN_NUM = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def parse_number(s: str) -> float | None:
    """12, 1.5, 六, 十二, 二十, 半 (0.5), 一年半-style halves are handled by the caller."""
    s = s.strip()
    if _NUM.fullmatch(s):
        return float(s)
    if s == "半":
        return 0.5
    if not s or any(c not in "零一二两三四五六七八九十" for c in s):
        return None
    if "十" not in s:
        return float(_CN_NUM[s]) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    return float((_CN_NUM.get(tens, 1) if tens else 1) * 10 + (_CN_NUM.get(ones, 0) if ones else 0))


def table_rows(lines: list[TextLine]) -> list[TextLine]:
    """Cells read one by one (RapidOCR boxes each table cell) put back into their rows.

    A line joins the row whose vertical middle band it shares (same page, centre within the
    row's top and bottom, boxes not overlapping sideways), cells left to right with a column gap
    of two spaces. Lines without a box are rows of their own; a row read whole stays as it is.
    """
    rows: list[list[TextLine]] = []
    for ln in lines:
        placed = False
        if ln.box is not None:
            mid = (ln.box[1] + ln.box[3]) / 2
            for row in reversed(rows[-12:]):  # a row's cells are read close together
                head = row[0]
                if head.page != ln.page or head.box is None:
                    continue
                top, bottom = head.box[1], head.box[3]
                head_mid = (top + bottom) / 2
                sideways = any(c.box is not None and c.box[0] < ln.box[2] and ln.box[0] < c.box[2]
                               for c in row)
                if top <= mid <= bottom and ln.box[1] <= head_mid <= ln.box[3] and not sideways:
                    row.append(ln)
                    placed = True
                    break
        if not placed:
            rows.append([ln])
    out: list[TextLine] = []
    for row in rows:
        if len(row) == 1:
            out.append(row[0])
            continue
        cells = sorted(row, key=lambda c: c.box[0] if c.box else 0)
        boxes = [c.box for c in cells if c.box is not None]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
               max(b[2] for b in boxes), max(b[3] for b in boxes))
        out.append(TextLine(row[0].page, "  ".join(c.text for c in cells), "  ".join(c.spaced for c in cells),
                            "  ".join(c.raw for c in cells), box, min(c.conf for c in cells),
                            min(c.seq for c in cells)))
    return out
