"""Enumerations printed on one line or a wrapped paragraph: "1. …；2. …；3. …" counted.

A list is the run of consecutive markers 1, 2, 3 … after a point in the text (a colon that
opens it); its items are the texts between the markers. A count stated elsewhere (共3个模块) and
the items listed are two readings of one number (pipeline/extract/codes.py ``modules``).
"""

from __future__ import annotations

import re

_MARK = re.compile(r"(?:(?<=^)|(?<=[:;。,，；：\s]))\s*([0-9]{1,2})\s*[.、．]\s*(?=\D)")


def items(text: str) -> list[str]:
    """The items of the first numbered list in ``text`` (markers 1, 2, 3 … in order); [] when
    there is none or it has one item only (a "1." alone is no list)."""
    marks = [m for m in _MARK.finditer(text)]
    start = next((k for k, m in enumerate(marks) if m.group(1) == "1"), None)
    if start is None:
        return []
    run = [marks[start]]
    for m in marks[start + 1:]:
        if int(m.group(1)) == int(run[-1].group(1)) + 1:
            run.append(m)
    if len(run) < 2:
        return []
    out = []
    for k, m in enumerate(run):
        end = run[k + 1].start() if k + 1 < len(run) else len(text)
        item = re.split(r"[。]", text[m.end():end])[0].strip(" ;；,，")
        if item:
            out.append(item)
    return out
