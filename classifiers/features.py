"""Inputs and features of the page-type model: character n-grams plus layout and keyword cues.

The model accepts a ``Page`` (from ``pipeline.ocr``), a plain string, or a dict with ``text`` and
optionally ``width``/``height``; everything is first turned into a :class:`PageDoc`. Chinese has no
word boundaries and OCR breaks words anyway, so the text part uses character n-grams; the layout
part adds what n-grams cannot see (page shape, amount of text, digit density, serial-number
patterns such as CN/ISSN/ZL).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


def to_doc(x: Any) -> PageDoc:
    """Turn a ``Page``, a string or a dict into a :class:`PageDoc` (clear error otherwise)."""
    if isinstance(x, PageDoc):
        return x
    if isinstance(x, str):
        return PageDoc(text=x)
    if isinstance(x, dict):
        if "text" not in x:
            raise ValueError("a dict page needs a 'text' key")
        return PageDoc(text=x["text"] or "", width=int(x.get("width") or 0), height=int(x.get("height") or 0))
    if not hasattr(x, "text"):
        raise TypeError(f"cannot classify a {type(x).__name__}: give a Page, a str or a dict with 'text'")
    width, height = int(getattr(x, "width", 0) or 0), int(getattr(x, "height", 0) or 0)
    return PageDoc(text=x.text or "", width=width, height=height)


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


class TextOf(BaseEstimator, TransformerMixin):
    """Selects the normalised text of each page (first step of the n-gram branch)."""

    def fit(self, X: Sequence[Any], y: Any = None) -> TextOf:
        return self

    def transform(self, X: Sequence[Any]) -> list[str]:
        return [normalize_text(d.text) for d in to_docs(X)]


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

# Keyword groups named after what they indicate; each is a presence flag.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("certificate", ("证书", "证明", "合格证")),
    ("notice", ("通知", "函")),
    ("contents", ("目次", "目录", "contents")),
    ("schedule", ("日程", "议程", "课程表", "安排")),
    ("sign_in", ("签到",)),
    ("patent", ("专利", "发明", "实用新型", "外观设计")),
    ("award", ("奖", "获奖", "荣获")),
    ("journal", ("期刊", "杂志", "学报", "刊号")),
    ("book", ("出版社", "著", "印刷", "版次")),
    ("project", ("结题", "结项", "课题", "项目")),
    ("exam", ("考试", "成绩", "合格")),
    ("online", ("网络", "在线", "远程", "网上")),
    ("conference", ("会议", "研讨", "论坛", "邀请", "回执")),
    ("practice", ("实践", "活动", "派遣", "选派")),
    ("aid", ("援", "东西部", "协作", "考核")),
    ("degree", ("学位", "学分", "课程", "成绩单")),
    ("overseas", ("境外", "国外", "出国", "访问学者", "交流")),
    ("recognition", ("认定单", "学时认定")),
    ("public_institution", ("事业单位",)),
    ("digital", ("数字技术", "计算机")),
)

LAYOUT_FEATURE_NAMES: tuple[str, ...] = (
    "size_known",
    "aspect",
    "landscape",
    "log_lines",
    "log_chars",
    "log_mean_line",
    "digit_ratio",
    "latin_ratio",
    "cjk_ratio",
    *(f"pat_{n}" for n, _ in _PATTERNS),
    *(f"kw_{n}" for n, _ in _KEYWORDS),
)


def layout_vector(doc: PageDoc) -> list[float]:
    """The layout and keyword features of one page, in the order of LAYOUT_FEATURE_NAMES."""
    text = unicodedata.normalize("NFKC", doc.text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    chars = [c for c in text if not c.isspace()]
    n = max(len(chars), 1)
    known = doc.width > 0 and doc.height > 0
    aspect = doc.height / doc.width if known else 0.0
    digits = sum(c.isdigit() for c in chars)
    latin = sum(c.isascii() and c.isalpha() for c in chars)
    cjk = sum(is_ideograph(c) for c in chars)
    low = text.lower()
    vec = [
        float(known),
        min(aspect, 3.0),
        float(known and doc.width > doc.height),
        float(np.log1p(len(lines))),
        float(np.log1p(len(chars))),
        float(np.log1p(len(chars) / max(len(lines), 1))),
        digits / n,
        latin / n,
        cjk / n,
    ]
    vec += [float(bool(p.search(low))) for _, p in _PATTERNS]
    vec += [float(any(k in low for k in kws)) for _, kws in _KEYWORDS]
    return vec


class LayoutFeatures(BaseEstimator, TransformerMixin):
    """Dense layout/keyword features, standardised with the training mean and spread."""

    def fit(self, X: Sequence[Any], y: Any = None) -> LayoutFeatures:
        m = self._raw(X)
        self.mean_ = m.mean(axis=0).astype(np.float32)
        std = m.std(axis=0)
        self.scale_ = np.where(std > 1e-6, std, 1.0).astype(np.float32)
        return self

    def transform(self, X: Sequence[Any]) -> np.ndarray:
        return ((self._raw(X) - self.mean_) / self.scale_).astype(np.float32)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray(LAYOUT_FEATURE_NAMES, dtype=object)

    @staticmethod
    def _raw(X: Sequence[Any]) -> np.ndarray:
        return np.asarray([layout_vector(d) for d in to_docs(X)], dtype=np.float64).reshape(
            -1, len(LAYOUT_FEATURE_NAMES)
        )
