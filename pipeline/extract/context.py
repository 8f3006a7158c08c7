"""What every extractor works on: the item's lines, the applicant, the type's pattern table,
and the label helpers (a value printed after 发明人: / 项目名称 on the same or the next line)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from pipeline.cjk import IDEOGRAPHS as CJK
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, ocr_factor
from pipeline.extract.names import NameMatch, find_name
from pipeline.extract.normalize import cjk_only, simplified
from pipeline.types import Applicant, FieldValue

STOP = re.compile(DATA["lists"]["stop"])


@dataclass
class Ctx:
    lines: list[TextLine]
    applicant: Applicant | None
    cfg: dict[str, Any]
    physical: list[TextLine] = field(default_factory=list)  # as read; ``lines`` joins wrapped ones
    _name: tuple[int, NameMatch] | bool | None = False  # cache: False = not searched yet
    _tables: list[Any] | None = None  # cache of labels.item_tables: None = not read yet

    @property
    def name(self) -> str:
        # in the text's own spelling: an applicant entered as 孫明 is 孙明 in the normalised text
        return simplified(self.applicant.name.strip()) if self.applicant and self.applicant.name else ""

    def segment(self) -> range | None:
        """Reading-order span (``TextLine.seq``) of the certificate within an item that also holds a
        notice or schedule (type tables with ``anchor``): its issuer and date are the certificate's."""
        anchor = self.cfg.get("anchor")
        if not anchor:
            return None
        lines = self.physical
        heads = (i for i, ln in enumerate(lines) if len(ln.text) <= 40 and re.search(anchor, ln.text))
        start = next(heads, None)
        if start is None:
            return None
        end = len(lines)
        for j in range(start + 1, len(lines)):
            if _DOC_START.search(lines[j].text):
                end = j - 1 if j > start + 1 and _LETTERHEAD.match(lines[j - 1].text) else j
                break
        return range(lines[start].seq, lines[end - 1].seq + 1) if end > start else None

    def name_hit(self) -> tuple[int, NameMatch] | None:
        """The best line holding the applicant's name, and the match."""
        if self._name is False:
            best: tuple[int, NameMatch] | None = None
            for i, ln in enumerate(self.lines):
                m = find_name(self.name, ln.text) if self.name else None
                if m and (best is None or m.score * ocr_factor(ln.conf) >
                          best[1].score * ocr_factor(self.lines[best[0]].conf)):
                    best = (i, m)
            if best is None and self.name:
                best = self._split_name()
            if best and best[1].romanised and sum(len(cjk_only(ln.text)) for ln in self.lines) > 30:
                # a Chinese document that carries the name only in pinyin (Dear Xie Hao Guo /
                # 尊敬的赵兰) is as likely addressed to someone else: a person should look
                best = (best[0], replace(best[1], score=ROMANISED_ON_CHINESE))
            self._name = best
        return self._name  # type: ignore[return-value]

    def _split_name(self) -> tuple[int, NameMatch] | None:
        """A name broken over two lines (…、石听 / 澜、吕初晴): the end of one line and the start of
        the next on the same page, read together; exact matches only, a little less sure."""
        n = len(self.name)
        for i in range(len(self.lines) - 1):
            a, b = self.lines[i], self.lines[i + 1]
            if a.page != b.page:
                continue
            # each part shorter than the name: a name found in the joint straddles the break
            joint = cjk_only(a.text)[-(n - 1):] + cjk_only(b.text)[: n - 1]
            if n >= 2 and self.name in joint:
                # a two-character name across a break is likelier a coincidence: a person looks
                return i, NameMatch(self.name, SPLIT_NAME_SCORE if n >= 3 else 0.7, 0, 0)
        return None


ROMANISED_ON_CHINESE = 0.6
SPLIT_NAME_SCORE = 0.85

# where a second document starts inside an item: a document number, or a notice / schedule title
_DOC_START = re.compile(r"〔\d{4}〕|^关于.{2,60}(?:通知|函)$|(?:安排表|日程安排|签到表|邀请函|课程表)$")
_LETTERHEAD = re.compile(rf"^[{CJK}()]{{3,30}}$")

# a short heading that opens another document of the item (派出通知, 参会回执, 考核登记表 ...)
_NEXT_DOC = re.compile(r"^.{0,12}(?:通知|证书|证明|回执|日程安排|课程表|安排表|签到表|考核表|登记表|邀请函)$")


def first_document_end(lines: list[TextLine]) -> int:
    """Index of the line where a second document starts in an item's lines (or their count)."""
    for j in range(3, len(lines)):
        t = lines[j].text
        if _DOC_START.search(t) or _NEXT_DOC.match(t) or lines[j].page != lines[0].page:
            return j - 1 if _LETTERHEAD.match(lines[j - 1].text) and j - 1 >= 3 else j
    return len(lines)


Extractor = Callable[[Ctx], FieldValue | None]


@cache  # built for every line a label is looked for on: once per label is enough
def _label_re(label: str) -> re.Pattern[str]:
    # spaced-out labels (发 明 人) are common in certificates and kept in the spaced text
    return re.compile(r"\s*".join(re.escape(c) for c in label))


_ASIDE = re.compile(r"^\s*\([^()]{1,10}\)(?=\s*:)")


def after_label(text: str, label: str) -> str | None:
    """The text after ``label`` (and its colon) on a line, or None when the label is absent."""
    prefixes = DATA["lists"]["role_prefixes"].get(label, ())
    for m in _label_re(label).finditer(text):
        if any(text[:m.start()].rstrip().endswith(p) for p in prefixes):
            continue  # 副主编 is another role than 主编
        rest = text[m.end():]
        # 项目完成人（按贡献排序）：… a short aside between the label and its colon
        rest = _ASIDE.sub("", rest, count=1)
        # a label is followed by a colon, a column gap or the line end, not by running text
        # (由派出单位承担 is no 派出单位 label)
        if not rest or rest[0] in " :":
            return rest.lstrip(" :")
    return None


def labelled(ctx: Ctx, labels: list[str], spaced: bool = False) -> tuple[str, TextLine] | None:
    """The value printed after the first label found: same line, else the next line."""
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            rest = after_label(ln.spaced if spaced else ln.text, label)
            if rest is None:
                continue
            rest = STOP.split(rest)[0].strip() if rest else ""
            if rest:
                return rest, ln
            if i + 1 < len(ctx.lines) and ctx.lines[i + 1].page == ln.page:
                nxt = ctx.lines[i + 1]
                nrest = (nxt.spaced if spaced else nxt.text)
                if not STOP.match(nrest):
                    return STOP.split(nrest)[0].strip(), nxt
    return None
