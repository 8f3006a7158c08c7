"""Tick boxes on forms: '考核等次 ☒优秀 □称职 □基本称职 □不称职' — the ticked option is the value.

Every option word is printed, the failing ones too, so a keyword search finds '不称职' on every
such form; what decides is which box is ticked. A line is read as a row of tick boxes only when
it holds at least two box marks, each directly before an option word (a lone 口 in 人口 or
□ used as a bullet is not a row of boxes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.cjk import IDEOGRAPHS

# Marks an OCR or a text layer gives for a ticked box, and for an empty one. 口 is how OCR often
# reads an empty box; it counts only inside a row of at least two marks.
TICKED = "☒☑✓✔√■▣◼●◉⊠⬛"
EMPTY = "□☐口○◯▢"
_BRACKETED = re.compile(r"[\[(（【]\s*([√✓✔xX×])?\s*[\])）】]")  # [√] ( ) （√）
_OPTION = f"[{IDEOGRAPHS}A-Za-z]{{1,8}}"
_CJK = re.compile(f"[{IDEOGRAPHS}]")  # a 口 right after a character is part of a word (人口)
_MARKED = re.compile(rf"([{re.escape(TICKED + EMPTY)}])\s?({_OPTION})")


@dataclass(frozen=True)
class Box:
    option: str
    ticked: bool


def boxes(text: str) -> list[Box]:
    """The tick boxes of one line, in order; [] when the line is not a row of boxes."""
    s = _BRACKETED.sub(lambda m: TICKED[0] if m.group(1) else EMPTY[0], text)
    found = [Box(m.group(2), m.group(1) in TICKED) for m in _MARKED.finditer(s)
             if m.group(1) != "口" or m.start() == 0 or not _CJK.match(s[m.start() - 1])]
    # an option word runs to the next mark: '☒合格□不合格' gives 合格 and 不合格
    return found if len(found) >= 2 else []


def ticked_option(text: str) -> str | None:
    """The one ticked option of a row of boxes; None when no row, none ticked, or several ticked
    (a form filled in wrongly is a person's call, not a guess)."""
    row = boxes(text)
    chosen = [b.option for b in row if b.ticked]
    return chosen[0] if len(chosen) == 1 else None


def is_box_row(text: str) -> bool:
    return bool(boxes(text))
