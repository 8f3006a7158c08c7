"""Inputs and features of the page-type model: character n-grams plus layout and keyword cues.

The model accepts a ``Page`` (from ``pipeline.ocr``), a plain string, or a dict with ``text`` and
optionally ``width``/``height``; everything is first turned into a :class:`PageDoc`. Chinese has no
word boundaries and OCR breaks words anyway, so the text part uses character n-grams; the layout
part adds what n-grams cannot see (amount of text, digit density, serial-number patterns such as
CN/ISSN/ZL, the heading and the typing cues). The page's shape is left out: the generator's pages
have their form's shape, real uploads are photos, crops, wrap covers and screenshots of any
shape, and a model that learnt the first misread the second (docs/benchmarks.md).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from pipeline.cjk import IDEOGRAPHS as _CJK
from pipeline.cjk import is_ideograph

_CJK_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class PageDoc:
    """What the model looks at on one page."""

    text: str
    width: int = 0  # 0 when unknown (plain text input)
    height: int = 0
    title: str | None = None  # the page's heading; None: take the first line of ``text``

    @property
    def heading(self) -> str:
        return self.title if self.title is not None else first_line(self.text)


def first_line(text: str) -> str:
    """The first non-empty line: where a page's heading is when no box says otherwise."""
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


Box = tuple[float, float, float, float]


# A line at least this share of the tallest line's height is "as tall" (OCR boxes of one type size
# differ by a few pixels: seed 43's heading 52 px, its label 姓名 53 and value 卢芳勇 55).
_AS_TALL = 0.85
# "编号：HN2023…", "Name: …": a label with its value, never a heading (a short Chinese label or a
# Latin one a form prints; "MEMMO: Memory of Motion" is a heading, "附件 A：…记录表" a caption).
_LABEL_VALUE = re.compile(
    rf"^(?:[{_CJK}（）()]{{1,8}}|name|date|no|number|id|ref|email|tel|phone)\s*[:：]\s*\S", re.I)
# an item of an enumeration (一、 2. （3）) or a sentence (…。) is body text, never a heading
_BODY = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[、.．)）]\D"
                   r"|[（(]\s*[一二三四五六七八九十\d]+\s*[)）])|。\s*$|^.{20,}\.\s*$")
# a journal's running head or a page's furniture: volume, issue, ISSN (r162's 2015年第6期 line)
_RUNNING_HEAD = re.compile(r"年第\s*\d+\s*期|第\s*\d+\s*卷|\bvol\.?\s*\d|\bno\.\s*\d|\bissn\b", re.I)
_SPACES = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


def _short(text: str) -> bool:
    """As short as a heading: at most 30 Chinese characters and 12 Latin words (the longest real
    headings: 关于举办2023年度专业技术人员公需科目培训班的通知, 26; a course's certificate, 7 words)."""
    return sum(map(is_ideograph, text)) <= 30 and len(_LATIN_WORD.findall(text)) <= 12


@lru_cache(maxsize=1)
def _heading_lexicon() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(heading words, field labels), normalised and closed up as a row's text is: the words of
    rules/evidence.toml a heading holds (``[heading] words`` and every type's title_words) and the
    printed labels of its fields (姓名, 证明编号: a label is no heading)."""
    from rules.evidence import FIELDS, HEADING_WORDS, TYPES

    words = {*HEADING_WORDS, *(w for t in TYPES.values() for w in t.title_words)}
    labels = {w for f in FIELDS.values() for w in f.label_synonyms}
    return (tuple(sorted({_closed(w) for w in words})),
            tuple(sorted({_closed(w) for w in labels}, key=len, reverse=True)))


def _closed(text: str) -> str:
    return _SPACES.sub("", normalize_text(text))


def _not_heading(row: Sequence[tuple[str, Box]], text: str, closed: str, words: Sequence[str],
                 labels: Sequence[str]) -> bool:
    """A row that is a label with its value (姓名 卢芳勇, 编号：…), a table's header row (three or
    more cells of words, none a heading word) or a running head (年第6期, Vol. 3); ``closed`` is
    ``text`` as ``_closed`` makes it."""
    has_word = any(w in closed for w in words)
    first = _closed(row[0][0]).rstrip(":：")
    if _LABEL_VALUE.match(text) or _RUNNING_HEAD.search(text) or _BODY.search(text):
        return True
    if len(row) >= 2 and first in labels:
        return True
    if not has_word and any(closed.startswith(lb) and len(closed) > len(lb) for lb in labels):
        return True  # label and value read as one box (姓名卢芳勇)
    # a header row: three or more cells of a word each (日期 时间 课程内容 授课人)
    return not has_word and len(row) >= 3 and all(2 <= len(_closed(t)) <= 8 for t, _ in row)


def title_from_boxes(lines: Sequence[tuple[str, Box]], page_height: int = 0) -> str:
    """The page's heading from OCR line boxes: of the lines about as tall as the tallest in the
    upper part of the page, the tallest that holds a heading word (荣誉证书, 合格证明, 通知,
    Certificate; rules/evidence.toml) and is no label with its value, table header or running
    head; else the tallest that is none of those; else the tallest. Any line of about its height
    on the same row belongs to it (a title printed as spaced characters).

    Issuers put the document's name in the largest type near the top (荣誉证书, 成绩单,
    CERTIFICATE OF GRANT); that carries over between issuers where the body wording does not. But
    a form OCR'd label by label may print its labels and values as tall as its heading (seed 43's
    公需科目培训合格证明 under 姓名 卢芳勇): what a line says tells them apart where size cannot.
    Lines of one or two characters (a stray mark, a seal) are no heading on their own.
    """
    cand = [(t.strip(), b) for t, b in lines if t and t.strip() and b[3] > b[1]]
    if not cand:
        return ""
    bottom = page_height or max(b[3] for _, b in cand)
    upper = [c for c in cand if c[1][1] < 0.5 * bottom] or cand

    def h(c: tuple[str, Box]) -> float:
        return c[1][3] - c[1][1]

    def row_of(c: tuple[str, Box]) -> list[tuple[str, Box]]:
        mid = (c[1][1] + c[1][3]) / 2
        row = [o for o in upper if abs((o[1][1] + o[1][3]) / 2 - mid) < 0.5 * h(c) and h(o) >= 0.7 * h(c)]
        return sorted(row, key=lambda o: o[1][0])

    def joined(row: Sequence[tuple[str, Box]]) -> str:
        return "".join(t for t, _ in row)

    # A line's type size is its box height; a row of one character (a stray mark, a seal) is no title.
    by_height = sorted(upper, key=h, reverse=True)
    tallest = next((c for c in by_height if len(joined(row_of(c))) >= 2), None)
    if tallest is None:
        return joined(row_of(by_height[0]))
    words, labels = _heading_lexicon()
    tall = [row_of(c) for c in by_height if h(c) >= _AS_TALL * h(tallest)]
    # each row's text normalised once: it is matched against every heading word and field label
    rows = [(r, t, _closed(t)) for r, t in ((r, joined(r)) for r in tall)]
    rows = [(r, t, ct) for r, t, ct in rows if len(t) >= 2 and not _not_heading(r, t, ct, words, labels)]
    # a heading is short: a body line of a page set in one size may name a heading word (schedule,
    # a CIP record's 出版社)
    named = [(r[0][1][1], t) for r, t, ct in rows if _short(t) and any(w in ct for w in words)]
    # of those, the topmost: a heading is above what it heads (seed 43's 合格证明 above 身份证号, a
    # label alone whose 身份证 is a heading word of an ID card)
    return (min(named)[1] if named else "") or ([t for _, t, _ in rows] or [joined(row_of(tallest))])[0]


def to_doc(x: Any) -> PageDoc:
    """Turn a ``Page``, a string or a dict into a :class:`PageDoc` (clear error otherwise)."""
    if isinstance(x, PageDoc):
        return x
    if isinstance(x, str):
        return PageDoc(text=x)
    if isinstance(x, dict):
        if "text" not in x:
            raise ValueError("a dict page needs a 'text' key")
        return PageDoc(text=x["text"] or "", width=int(x.get("width") or 0), height=int(x.get("height") or 0),
                       title=x.get("title"))
    if not hasattr(x, "text"):
        raise TypeError(f"cannot classify a {type(x).__name__}: give a Page, a str or a dict with 'text'")
    width, height = int(getattr(x, "width", 0) or 0), int(getattr(x, "height", 0) or 0)
    boxed = [(ln.text, tuple(ln.box)) for ln in getattr(x, "lines", None) or () if getattr(ln, "box", None)]
    # no usable box (none, or all empty): the heading is the first line, as for plain text
    title = (title_from_boxes(boxed, height) if boxed else "") or None  # type: ignore[arg-type]
    return PageDoc(text=x.text or "", width=width, height=height, title=title)


def to_docs(xs: Iterable[Any]) -> list[PageDoc]:
    return [to_doc(x) for x in xs]


def normalize_text(text: str) -> str:
    """The text the n-grams are taken from.

    NFKC folds full-width digits and letters, spaces OCR puts between CJK characters are dropped,
    and every digit becomes 0 so that dates and numbers do not each add n-grams of their own.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _CJK_SPACE.sub("", text)
    return _DIGIT.sub("0", text)


_LINE_SPACES = re.compile(r"[ \t\u3000\xa0]+")


def close_up_lines(text: str) -> str:
    """``text`` with each letter-spaced Latin line closed up ('P D U C e r t i fi c a t e' ->
    'PDUCertificate', pipeline.extract.normalize.closed_up), every other line as it is.

    certs-14c: a text layer or OCR that sets every letter apart leaves the model n-grams of single
    letters (' h ', ' s ') and no cue word; 17 of the 341 real documents have such lines, 12 of
    them `other`, so the letter-spacing itself had become a cue of `other` (r345, a PDU training
    certificate, and r332, a MOOC's course records, typed `other` at 0.93-0.96). Closed up, the
    words are the page's again ('16 PDUs', 'Coursera') whoever printed them spaced."""
    from pipeline.extract.normalize import closed_up

    out = []
    for ln in text.split("\n"):
        one = _LINE_SPACES.sub(" ", ln.strip())
        shut = closed_up(one)
        out.append(shut if shut != one else ln)
    return "\n".join(out)


class TextOf(BaseEstimator, TransformerMixin):
    """Selects the normalised text of each page (first step of the n-gram branch); a model fitted
    since certs-14c reads letter-spaced lines closed up (``close_up_``), one fitted before as it
    learnt them."""

    def fit(self, X: Sequence[Any], y: Any = None) -> TextOf:
        self.close_up_ = True
        return self

    def transform(self, X: Sequence[Any]) -> list[str]:
        shut = getattr(self, "close_up_", False)
        return [normalize_text(close_up_lines(d.text) if shut else d.text) for d in to_docs(X)]


# Patterns that mark a kind of document whatever the OCR makes of the surrounding words.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn_number", re.compile(r"cn\s*[:：]?\s*\d{2}\s*[-—–]\s*\d{4}", re.I)),
    ("issn", re.compile(r"issn\s*[:：]?\s*\d{4}\s*[-—–]\s*\d{3}[\dx]", re.I)),
    ("isbn", re.compile(r"isbn", re.I)),
    ("zl_number", re.compile(r"zl\s*\d{6,}", re.I)),
    ("date_cn", re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月")),
    ("hours", re.compile(r"\d+(?:\.\d)?\s*学\s*时")),
    ("score", re.compile(r"\d{2,3}(?:\.\d)?\s*分")),
)

# Forms of a document, whatever its words (issue #12, notice-12o); counted on the 307 real
# documents before they went in. An article's byline: the authors' unit and city with its
# six-digit postcode in brackets, （广东白云学院，广州510450）, digits set apart or the bracket
# closed after several units (；): 18 of the 27 real journal pages (r159, r164-r166, r168 among
# them, typed `other` before) and no other document. An official document number (文号)
# 〔2010〕13号: 3 notices of a contest (r308-r310, `other`), 7 book pages (a CIP approval), a
# conference notice, no certificate of any kind. The model learns what each weighs per type.
#
# certs-13b, what an English certificate of attendance says whoever issues it: that the person
# took part ("has participated in", "has successfully completed", "has taken part"): 12 training
# certificates, 7 conference records, 1 exchange, no other document (the look-alikes thank for a
# service, present an award, announce, welcome: r265, r267, r276, r274, r260); and over which
# days ("from 17/01/2024 to 18/01/2024", "between August 1 and August 14", "during July -
# September", "4th Dec to 8th Dec"): 7 training certificates, 3 conference records, 2 exchanges,
# 2 notices, a journal page's received-revised dates, 2 `other` (an internship, an exam notice).
_MONTH = (r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?")
# OCR sets a small suffix's letters apart ("14 t h Aug", r281)
_ORDINAL = r"(?<!\d)\d{1,2}\s*(?:s\s?t|n\s?d|r\s?d|t\s?h)?"
_NUMERIC_DATE = r"(?<!\d)(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})(?!\d)"
_DAY = rf"(?:{_ORDINAL}\s*(?:of\s+)?{_MONTH}|{_MONTH}\s*{_ORDINAL}(?!\d)|{_NUMERIC_DATE})"
_YEAR = r"(?:,?\s*\d{4})?"
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("byline_postcode", re.compile(r"[（(][^（()）]{2,40}?[\u4e00-\u9fff]\s*(?:\d\s?){5}\d\s*[)）;；]")),
    ("doc_number", re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,4}\s*号")),
    # "has participated", or the verb opening the line below the name ("Participated in 5 Days
    # ... Program", r280, r281); "Successfully completed and ..." alone opens an `other` (r219)
    ("attended", re.compile(r"\b(?:has|have|had)\s+(?:successfully\s+)?"
                            r"(?:participated|attended|completed|taken\s+part|undergone)\b"
                            r"|^[ \t]*(?:participated|attended)\s+(?:in|the)\b", re.I | re.M)),
    # with from/between/during a month alone is a day ("during July - September"), and "and"
    # joins the two ends; without, "28th February and 1st March" is two days, no span
    ("date_span", re.compile(rf"\b(?:from|between|during)\s+(?:{_DAY}|{_MONTH}){_YEAR}"
                             rf"\s*(?:to|till|until|and|[-–—~])\s*(?:{_DAY}|{_MONTH})"
                             rf"|{_DAY}{_YEAR}\s*(?:to|till|until|[-–—~])\s*{_DAY}", re.I)),
)
FORM_FEATURE_NAMES: tuple[str, ...] = tuple(f"form_{n}" for n, _ in _FORMS)
# what ``forms=True`` names: the forms of a model fitted before certs-13b
FORMS_NOTICE_12O = ("byline_postcode", "doc_number")
_FORM_PATTERNS = dict(_FORMS)
Forms = bool | tuple[str, ...]


def _form_names(forms: Forms) -> tuple[str, ...]:
    """The forms a model computes: none (False), notice-12o's two (True, as a model fitted then
    stored it), or the names it was fitted with."""
    if forms is True:
        return FORMS_NOTICE_12O
    return tuple(forms) if forms else ()


# A line break inside English running text is a space: a cue of several words wrapped over two
# lines ("two days Faculty / Development Program", r271) is still the cue. Between Latin letters
# only: joining Chinese lines made cues of words that were never together (counted on the 307
# real documents: r271, r266, r285 gain their own type's cue, no document another type's).
_LATIN_WRAP = re.compile(r"(?<=[A-Za-z,;:])[ \t]*\n[ \t]*(?=[A-Za-z(\"“])")


def _type_cues() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(type, title words, cue words) of every type of the evidence table, normalised as page text
    is (rules/evidence.toml: what points to a type is data, not code)."""
    from rules.evidence import TYPES

    return tuple((code, tuple(normalize_text(w) for w in t.title_words),
                  tuple(normalize_text(w) for w in t.cue_words)) for code, t in TYPES.items())


Cues = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
Singles = tuple[tuple[str, tuple[str, ...]], ...]


def _singles() -> Singles:
    """(type, words) of every type of the evidence table that names one of its ``one_per_document``
    words (an award names its one prize), normalised as page text is."""
    from rules.evidence import TYPES

    return tuple((code, tuple(normalize_text(w) for w in t.one_per_document))
                 for code, t in TYPES.items() if t.one_per_document)


Events = tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]


def _events() -> Events:
    """(type, one-per-document words, event words, prize patterns) of every type of the evidence
    table that names what its one-per-document words are given in (an award's contest), the words
    normalised as page text is."""
    from rules.evidence import TYPES

    return tuple((code, tuple(normalize_text(w) for w in t.one_per_document),
                  tuple(normalize_text(w) for w in t.event_words), t.prize_patterns)
                 for code, t in TYPES.items() if t.event_words)


def _one_prize(norm: str, grades: tuple[str, ...], events: tuple[str, ...],
               patterns: tuple[str, ...]) -> bool:
    """The page names an event and one prize in it: exactly one grade word, or none read and a
    prize conferred by name (a pattern)."""
    if not any(e in norm for e in events):
        return False
    n = sum(w in norm for w in grades)
    return n == 1 or (n == 0 and any(re.search(p, norm) for p in patterns))


def _look_alikes() -> Cues:
    """(type, look-alike words, the type's cue words) of every type of the evidence table that
    names look-alike words, normalised as page text is."""
    from rules.evidence import TYPES

    return tuple((code, tuple(normalize_text(w) for w in t.look_alike_words),
                  tuple(normalize_text(w) for w in t.cue_words))
                 for code, t in TYPES.items() if t.look_alike_words)


def _claims() -> Cues:
    """(type, claimed words, the cue words that claim them) of every type of the evidence table
    that claims words other types cue, normalised as page text is."""
    from rules.evidence import TYPES

    return tuple((code, tuple(normalize_text(w) for w in t.claimed_words),
                  tuple(normalize_text(w) for w in t.claimed_by))
                 for code, t in TYPES.items() if t.claimed_words)


Columns = tuple[tuple[str, tuple[str, ...]], ...]


def _columns() -> Columns:
    """(type, column header words) of every type of the evidence table that names them, NFKC and
    lower case as ``column_headers`` reads the page."""
    from rules.evidence import TYPES

    return tuple((code, tuple(unicodedata.normalize("NFKC", w).lower() for w in t.column_words))
                 for code, t in TYPES.items() if t.column_words)


_HEADER_ROW_CHARS = 40  # a row of column headers is short; a longer line is prose or a title
_PROSE = re.compile(r"[，。；：,;:]")  # a sentence (…参加公需科目培训达到规定学时，…) or a label: value


def _header_like(row: str) -> bool:
    """A line that could be a cell of a row of headers: short, no digit, no sentence or label
    punctuation (a row of values has numbers; a sentence or a label: value is no header)."""
    return bool(row) and len(row) <= _HEADER_ROW_CHARS and not _DIGIT.search(row) and not _PROSE.search(row)


def column_headers(text: str, columns: Columns) -> tuple[int, ...]:
    """For each type of ``columns``, how many of its header words head a column of the page's
    tables: they stand in a row of headers (``_header_like``), either two or more in one line (a
    drawn row, its cells joined: 年度公需科目专业科目合计) or one alone on a line next to another
    line that holds header words only (a row OCR'd cell by cell: r197's 培训项目名称 over 学时,
    r256's 报告分 over 考试批次). A form's label is followed by its value, on its line (学时数 24)
    or on the next (培训学时 over 4学时, 培训项目 over 公需科目培训班: a certificate OCR'd label by
    label), so it heads no column. Longer words are matched first, so 科目 inside 公需科目 is not a
    score table's 科目."""
    words = sorted(((w, i) for i, (_, ws) in enumerate(columns) for w in ws), key=lambda x: -len(x[0]))
    rows = [r for r in (_LINE_SPACES.sub("", ln) for ln in
                        unicodedata.normalize("NFKC", text).lower().splitlines()) if r]

    def cells(row: str) -> tuple[list[tuple[str, int]], bool]:
        """The header words of a header-like row, and whether they are all it holds."""
        if not _header_like(row):
            return [], False
        hits = []
        for w, i in words:
            if w in row:
                hits.append((w, i))
                row = row.replace(w, "\x00")  # no new word across a removed one
        return hits, bool(hits) and not row.replace("\x00", "")

    read = [cells(r) for r in rows]
    found: list[set[str]] = [set() for _ in columns]
    for k, (hits, only) in enumerate(read):
        beside = any(0 <= j < len(read) and read[j][1] for j in (k - 1, k + 1))
        if len(hits) >= 2 or (only and beside):
            for w, i in hits:
                found[i].add(w)
    return tuple(len(f) for f in found)


Shadows = tuple[tuple[tuple[str, ...], ...], ...]


def cue_shadows(cues: Cues) -> Shadows:
    """For each type of ``cues`` and each of its cue words, the longer cue words of other types
    that contain it (conference-14b): there the word is part of the longer cue and says what
    that one says. `seminar` inside `seminar hall` (a training notice's venue, r289 r291) is no
    seminar, 交流 inside 学术交流 no exchange abroad, 课程 inside 课程表 no online course, 通知
    inside 录用通知 no training notice. Empty tuples where no longer cue contains the word."""
    return tuple(tuple(tuple(lw for other, _, ow in cues if other != code for lw in ow if w in lw and w != lw)
                       for w in cw) for code, _, cw in cues)


def title_shadows(cues: Cues) -> Shadows:
    """For each type of ``cues`` and each of its title words, the longer title or cue words of
    other types that contain it (notice-16a): a heading flag says what the longer word says, as a
    cue does (``cue_shadows``). 访问学者 inside 国内访问学者 (a domestic visiting scholar's
    certificate, r235, training_certificate's title word) is no stay abroad's heading, 通知 inside
    会议通知 no training notice's, 成绩 inside 成绩单 no score table's."""
    return tuple(tuple(tuple(dict.fromkeys(lw for other, ot, ow in cues if other != code for lw in (*ot, *ow)
                                           if w in lw and w != lw))
                       for w in tw) for code, tw, _ in cues)


def _cue_found(word: str, norm: str, longer: tuple[str, ...]) -> bool:
    """``word`` on the page outside every occurrence of the ``longer`` cues that contain it."""
    if word not in norm:
        return False
    for lw in longer:
        norm = norm.replace(lw, "\x00")
    return word in norm


def _taken(norm: str, claims: Cues) -> frozenset[str]:
    """The claimed words that a page's claiming cues take (overseas-13e: 奖学金 on a funder's
    certificate of a stay abroad is no domestic scholarship's cue; on one issued by a school's
    国际交流学院 it is)."""
    return frozenset(w for _, ws, cw in claims if any(c in norm for c in cw) for w in ws)


LAYOUT_FEATURE_NAMES: tuple[str, ...] = (
    "log_lines",
    "log_chars",
    "log_mean_line",
    "digit_ratio",
    "latin_ratio",
    "cjk_ratio",
    *(f"pat_{n}" for n, _ in _PATTERNS),
)


@dataclass(frozen=True)
class FeatureSpec:
    """What the layout features of one fitted model look at: the evidence table's words as copied
    when it was fitted, and how they are matched. Every change to the features since the first
    model is a field here whose default is the behaviour before it, so a model fitted before a
    change keeps computing what it learnt on (``LayoutFeatures.spec``); ``FeatureSpec.current()``
    is what a model fitted now computes."""

    cues: Cues = ()  # (type, title words, cue words): a heading flag and a cue count per type
    singles: Singles = ()  # one-per-document words: how many beyond the first the page names
    forms: Forms = False  # forms of a document (``_form_names``)
    alikes: Cues = ()  # look-alike words of a type, counted where none of its cues is
    events: Events = ()  # award-14e: one prize of a named event
    claims: Cues = ()  # overseas-13e: words a page's claiming cues take from other types
    count_alikes: bool = False  # award-13c: the look-alike counted, not a 0/1 flag
    join_lines: bool = False  # certs-13b: cues matched across a wrapped English line
    claim_alikes: bool = False  # overseas-14d: a claimed word is no look-alike either
    shadows: Shadows = ()  # conference-14b: a cue inside a longer cue of another type is that one's
    close_up: bool = False  # certs-14c: letter-spaced lines closed up first
    columns: Columns = ()  # tables-15a: column header words heading a table's columns
    title_shadows: Shadows = ()  # notice-16a: a title word inside a longer word of another type

    @classmethod
    def current(cls, use_cues: bool = True) -> FeatureSpec:
        """The features a model fitted now computes (``use_cues=False``: layout and forms only)."""
        cues = _type_cues() if use_cues else ()
        return cls(cues=cues, singles=_singles() if use_cues else (), forms=tuple(n for n, _ in _FORMS),
                   alikes=_look_alikes() if use_cues else (), events=_events() if use_cues else (),
                   claims=_claims() if use_cues else (), count_alikes=True, join_lines=True,
                   claim_alikes=True, shadows=cue_shadows(cues), close_up=True,
                   columns=_columns() if use_cues else (), title_shadows=title_shadows(cues))

    def names(self) -> tuple[str, ...]:
        """LAYOUT_FEATURE_NAMES and then, for each type of ``cues``, its heading flag and cue count,
        for each type of ``singles``, how many of its one-per-document words the page names, a flag
        for each form (``_form_names``), for each type of ``alikes`` its look-alike count and for
        each type of ``events`` whether the page names one prize of a named event and for each type
        of ``columns`` how many of its column header words head a table's columns."""
        return (*LAYOUT_FEATURE_NAMES, *(f"title_{n}" for n, _, _ in self.cues),
                *(f"cues_{n}" for n, _, _ in self.cues), *(f"several_{n}" for n, _ in self.singles),
                *(f"form_{n}" for n in _form_names(self.forms)),
                *(f"lookalike_{n}" for n, _, _ in self.alikes), *(f"prize_{n}" for n, *_ in self.events),
                *(f"columns_{n}" for n, _ in self.columns))


def layout_vector(doc: PageDoc, spec: FeatureSpec) -> list[float]:
    """The layout and cue features of one page, in the order of ``spec.names()``."""
    cues, singles, forms, alikes, events = spec.cues, spec.singles, spec.forms, spec.alikes, spec.events
    claims, shadows = spec.claims, spec.shadows
    if spec.close_up:
        doc = PageDoc(close_up_lines(doc.text), doc.width, doc.height,
                      None if doc.title is None else close_up_lines(doc.title))
    text = unicodedata.normalize("NFKC", doc.text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    chars = [c for c in text if not c.isspace()]
    n = max(len(chars), 1)
    digits = sum(c.isdigit() for c in chars)
    latin = sum(c.isascii() and c.isalpha() for c in chars)
    cjk = sum(is_ideograph(c) for c in chars)
    low = text.lower()
    vec = [
        float(np.log1p(len(lines))),
        float(np.log1p(len(chars))),
        float(np.log1p(len(chars) / max(len(lines), 1))),
        digits / n,
        latin / n,
        cjk / n,
    ]
    vec += [float(bool(p.search(low))) for _, p in _PATTERNS]
    norm = normalize_text(_LATIN_WRAP.sub(" ", doc.text) if spec.join_lines else doc.text)
    heading = normalize_text(doc.heading)
    # distinct cue words found: one word says little, several of one type say much
    taken = _taken(norm, claims)
    # a heading's title word is shadowed and claimed as a cue word is (notice-16a): 访问学者 in the
    # heading of a page that names 国内访问学者 (r235) is no stay abroad's. A model fitted before
    # has no title shadows: the title word anywhere in the heading, claimed or not.
    tshadows = spec.title_shadows or tuple(((),) * len(tw) for _, tw, _ in cues)
    untaken = taken if spec.title_shadows else frozenset()
    vec += [float(any(w not in untaken and _cue_found(w, heading, lw) for w, lw in zip(tw, sh, strict=True)))
            for (_, tw, _), sh in zip(cues, tshadows, strict=True)]
    # a model fitted before conference-14b has no shadows: no longer cue hides any word
    shadows = shadows or tuple(((),) * len(cw) for _, _, cw in cues)
    vec += [float(np.log1p(sum(w not in taken and _cue_found(w, norm, lw)
                               for w, lw in zip(cw, sh, strict=True))))
            for (_, _, cw), sh in zip(cues, shadows, strict=True)]
    # different one-per-document words beyond the first: every real award names one prize (or
    # none), a record sheet of a student's prizes or a gala's agenda several (issue #12)
    vec += [float(np.log1p(max(0, sum(w in norm for w in ws) - 1))) for _, ws in singles]
    vec += [float(bool(_FORM_PATTERNS[f].search(text))) for f in _form_names(forms)]
    # an honour's words and none of an award's cues: a title or a placing conferred, not a prize
    # (a linear model cannot make this conjunction of a presence and an absence itself). Counted
    # (award-13c): one word says little (荣获, 授予: awards print them too), several (被评为 … 学年 …
    # 成绩优异) say an honour for conduct, which a flag weighed as one word let the n-grams that
    # awards and honours share (荣誉证书, 特发此证) outweigh (r052, r238 typed award at 0.78-0.81).
    # a claimed word is no look-alike either (overseas-14d): 奖学金 on a funder's certificate of a
    # stay abroad is what the stay is paid with, not a scholarship conferred as an honour (r321 read
    # as an award's look-alike, which pulled it to `other`)
    spare = taken if spec.claim_alikes else frozenset()
    for _, la, cw in alikes:
        n_alike = 0 if any(w in norm for w in cw) else sum(w in norm and w not in spare for w in la)
        vec.append(float(np.log1p(n_alike)) if spec.count_alikes else float(n_alike > 0))
    # one prize of a named contest or award scheme (award-14e): the award's frame without its
    # heading (荣誉证书 … 在…大赛中荣获二等奖 … 以资鼓励) is an honour's too, and what tells them
    # apart is this conjunction, which a linear model cannot make of the two cue counts: 21 of the
    # 37 real awards name it (23 with a prize conferred by name), one of the 304 other real
    # documents (a contest's plan, r310); a record sheet of contests names several prizes, an
    # honour a title or a placing, no grade
    vec += [float(_one_prize(norm, ws, es, ps)) for _, ws, es, ps in events]
    # what a table's columns hold (tables-15a): header words each alone in a cell. An hours sheet
    # and a score table share 考试/成绩/合格 in their wording; their headers say whether the rows
    # are trainings with hours or subjects with scores (r197, an employer's training record with
    # a 考试成绩 column, was typed a score table). Distinct headers counted, as cue words are.
    if spec.columns:
        vec += [float(np.log1p(n)) for n in column_headers(doc.text, spec.columns)]
    return vec


class LayoutFeatures(BaseEstimator, TransformerMixin):
    """Dense layout/cue features, each divided by its largest training value (``scaling="maxabs"``,
    0..1 like the n-grams' weights) or standardised (``"std"``). Standardising made a rare flag
    huge (ISBN on 2 % of the pages: 7 standard deviations), so one real document that carried it
    (a conference paper with an ISBN) taught the model that ISBN means `other`.

    The typing cues of the evidence table are copied into the model when it is fitted (``cues_``),
    as the n-gram vocabulary is: a later edit of the table changes nothing until the model is
    retrained, and cannot change the meaning of a fitted weight.
    """

    def __init__(self, use_cues: bool = True, scaling: str = "maxabs") -> None:
        self.use_cues = use_cues
        self.scaling = scaling

    def fit(self, X: Sequence[Any], y: Any = None) -> LayoutFeatures:
        # stored field by field (not as one object) so that every fitted model, old or new, is
        # read back the same way by ``spec``
        for name, value in vars(FeatureSpec.current(self.use_cues)).items():
            setattr(self, f"{name}_", value)
        m = self._raw(X)
        if self.scaling == "std":
            self.mean_ = m.mean(axis=0).astype(np.float32)
            spread = m.std(axis=0)
        elif self.scaling == "maxabs":
            self.mean_ = np.zeros(m.shape[1], dtype=np.float32)
            spread = np.abs(m).max(axis=0)
        else:
            raise ValueError(f"unknown layout scaling {self.scaling!r}: 'std' or 'maxabs'")
        self.scale_ = np.where(spread > 1e-6, spread, 1.0).astype(np.float32)
        return self

    def transform(self, X: Sequence[Any]) -> np.ndarray:
        return ((self._raw(X) - self.mean_) / self.scale_).astype(np.float32)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(self.spec().names(), dtype=object)

    def spec(self) -> FeatureSpec:
        """The features this model was fitted with: a field it was fitted before has its default
        (the behaviour before that field), so its width and its features stay as fitted."""
        return FeatureSpec(**{f.name: getattr(self, f"{f.name}_") for f in fields(FeatureSpec)
                              if hasattr(self, f"{f.name}_")})

    def _raw(self, X: Sequence[Any]) -> np.ndarray:
        spec = self.spec()
        return np.asarray([layout_vector(d, spec) for d in to_docs(X)],
                          dtype=np.float64).reshape(-1, len(spec.names()))
