"""Simulated OCR noise, so that true page texts can stand in for OCR output in training.

OCR of 70-150 dpi scans and phone photos drops characters, confuses look-alike characters, puts
spaces between CJK characters, breaks or merges lines, reads table cells as lines of their own,
reads seals and borders as stray marks (口, ☑) and loses whole lines at a crop or a fold.
Each call draws its own strength, so a training set covers clean and badly degraded pages.
"""

from __future__ import annotations

import random

from pipeline.cjk import is_ideograph

# Look-alike confusions seen from tesseract chi_sim on low-resolution scans.
_LOOKALIKE: dict[str, str] = {
    "0": "O", "O": "0", "1": "l", "l": "1", "5": "S", "8": "B", "2": "Z", "6": "b",
    "日": "曰", "曰": "日", "己": "已", "已": "己", "未": "末", "人": "入", "入": "人",
    "土": "士", "士": "土", "天": "夭", "员": "贝", "书": "节", "证": "讧", "专": "寺",
    "年": "牛", "月": "目", "学": "字", "时": "吋", "号": "导", "期": "朝", "刊": "列",
}
_JUNK = "·,.'`|:;-_~口丨一"
_STRAY_LINES = ("口", "☑", "口口", "|", "一", "回", "图片", "20:06", "4G 70%")


def add_ocr_noise(text: str, rng: random.Random, strength: float | None = None) -> str:
    """Return ``text`` as a noisy OCR engine might have read it.

    ``strength`` in 0..1 (drawn from ``rng`` when None): 0 gives the text back almost unchanged,
    1 is a barely readable phone photo.
    """
    s = rng.uniform(0.0, 1.0) if strength is None else max(0.0, min(1.0, strength))
    p_drop = 0.08 * s
    p_sub = 0.06 * s
    p_junk = 0.02 * s
    p_space = 0.25 * s
    p_line_loss = 0.15 * s
    p_cells = 0.6 * s
    p_stray = 0.08 * s
    lines: list[str] = []
    for line in text.splitlines():
        # Table rows come back cell by cell (rapidocr), with the gaps between cells gone.
        if " " in line.strip() and rng.random() < p_cells:
            lines += [cell for cell in line.split() if cell]
        else:
            lines.append(line)
    out_lines: list[str] = []
    for line in lines:
        if rng.random() < p_stray:
            out_lines.append(rng.choice(_STRAY_LINES))
        if line.strip() and rng.random() < p_line_loss:
            continue
        chars: list[str] = []
        for c in line:
            r = rng.random()
            if r < p_drop:
                continue
            if r < p_drop + p_sub:
                c = _LOOKALIKE.get(c, c if rng.random() < 0.5 else rng.choice(line))
            chars.append(c)
            if rng.random() < p_junk:
                chars.append(rng.choice(_JUNK))
            if is_ideograph(c) and rng.random() < p_space:
                chars.append(" ")
        new = "".join(chars).strip()
        if not new:
            continue
        # A line read as two (a column gap) or glued to the previous one (tight leading).
        if len(new) > 8 and rng.random() < 0.1 * s:
            cut = rng.randrange(2, len(new) - 2)
            out_lines += [new[:cut], new[cut:]]
        elif out_lines and rng.random() < 0.1 * s:
            out_lines[-1] += " " + new
        else:
            out_lines.append(new)
    return "\n".join(out_lines)
