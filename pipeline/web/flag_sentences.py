"""Why an item is flagged, as a Chinese sentence for the reviewer (one template per flag code).

A proposal keeps its flag details as the rules wrote them (``"中文（具体） — English"``, with
machine tokens such as ``rank=3 0.60``); the export keeps them so. The item page shows the
flag's sentence from ``SENTENCES`` below with ``{said}``: the specifics in Chinese (the
English halves dropped, field codes and values put into words). A flag not in the table shows
its specifics alone.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.web import labels, problem_text

# flag code -> sentence; {said}: the specifics the rules gave, in words. A pair gives the
# sentence with specifics and the one for when the rules gave none.
SENTENCES: dict[str, str | tuple[str, str]] = {
    "low_confidence": "以下识别结果把握不大，请对照扫描件核对：{said}。",
    "ocr_unreadable": "没有识别出文字，请查看原件。",
    "intake_error": "{said}",
    "field_missing": "{said}，请对照扫描件补填。",
    "rank_reading": "排名的读法需要确认：{said}。",
    "hours_days_mismatch": "{said}，已按天数上限计。",
    "days_rounded": "{said}。",
    "outside_span": "{said}。",
    "duplicate_of": "与 {said} 重复，请确认只计一次。",
    "claimed_by_other": "{said}。",
    "materials_incomplete": "材料不齐：{said}。",
    "name_mismatch": ("材料上没有找到申报人姓名（读到的姓名：{said}），请核对是否本人材料。",
                      "材料上没有找到申报人姓名，请核对是否本人材料。"),
    "name_unchecked": "未能核对材料上的姓名，请确认是否本人材料。",
}

# "rank=3 0.60", "start_date='2018-01-01' 0.72": a field's value and the confidence it was read with
_FIELD_CONF = re.compile(r"\b([a-z_]+)=('[^']*'|\"[^\"]*\"|\S+?) (\d\.\d+)")
_TYPE_CONF = re.compile(r"证据类型\s*([a-z_]+|None)\s+(\d\.\d+)")
_FIELD_CODE = re.compile(r"字段 ([a-z_]+) ")
_UNREAD_VALUE = re.compile(r"无法读取：(.+)$")
_CODE_IN_PARENS = re.compile(r"（[a-z_]+）")  # "字段天数（days）": the code is for the export
_BARE_CODE = re.compile(r"(?<![A-Za-z_“])[a-z]+(?:_[a-z]+)+(?![A-Za-z_”])")


def _value(name: str, raw: str) -> str:
    raw = raw.strip("'\"")
    value: Any = {"True": True, "False": False, "None": None}.get(raw, raw)
    return labels.field_display(name, value)


def _field_conf(m: re.Match[str]) -> str:
    name, raw, conf = m.group(1), m.group(2), float(m.group(3))
    if name == "name_found":  # internal: whether the applicant's name was found on the page
        return f"材料上的申报人姓名（把握 {conf:.0%}）"
    return f"{labels.field_name(name)} {_value(name, raw)}（把握 {conf:.0%}）"


def _type_conf(m: re.Match[str]) -> str:
    code = None if m.group(1) == "None" else m.group(1)
    return f"材料类型 {labels.type_name(code)}（把握 {float(m.group(2)):.0%}）"


def _words(part: str) -> str:
    """One specific in Chinese: the English half dropped, machine tokens in words."""
    part = _CODE_IN_PARENS.sub("", part.split(" / ")[0].strip())
    part = _TYPE_CONF.sub(_type_conf, part)
    part = _FIELD_CONF.sub(_field_conf, part)
    part = _UNREAD_VALUE.sub(lambda m: f"无法读取（读到“{m.group(1).strip(chr(39))}”）", part)
    part = _FIELD_CODE.sub(lambda m: f"字段“{labels.field_name(m.group(1))}”", part)
    # any other field code left bare ("cn_number 缺失")
    return _BARE_CODE.sub(lambda m: labels.FIELDS.get(m.group(0), m.group(0)), part)


def specifics(code: str, detail: Any) -> str:
    """The specifics of one flag's detail, in Chinese ('' when there are none)."""
    if isinstance(detail, dict):  # {"zh": ..., "en": ...}
        detail = detail.get("zh") or ""
    text = str(detail or "")
    if code == "intake_error":
        return problem_text.intake(text)
    text = text.split(" — ")[0]  # the policy catalogue's "中文 — English"
    meaning = labels.flag_meaning(code)
    if meaning and text.startswith(meaning):
        text = text[len(meaning):]
        text = text[1:-1] if text.startswith("（") and text.endswith("）") else text
    if not text.strip():
        return ""
    parts = [_words(p) for p in re.split(r"[；;]", text) if p.strip()]
    return "；".join(p for p in parts if p)


def sentence(code: str, detail: Any) -> str:
    """The reviewer's sentence for a flag on an item ('' when the flag's meaning says it all)."""
    said = specifics(code, detail)
    template = SENTENCES.get(code)
    if template is None:
        return said
    if isinstance(template, tuple):
        return template[0].format(said=said) if said else template[1]
    if "{said}" in template and not said:
        if template == "{said}":
            return ""
        return template.replace("：{said}", "").replace("{said}", "").lstrip("，。")
    return template.format(said=said)
