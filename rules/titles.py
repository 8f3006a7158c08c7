"""Title levels as the manifest writes them (English or Chinese) -> one canonical name."""

from __future__ import annotations

TITLE_LEVELS: tuple[str, ...] = ("senior", "intermediate", "junior")

# 正高/副高 are both 高级 for this purpose: the span is the senior one.
_ALIASES: dict[str, str] = {
    "senior": "senior",
    "intermediate": "intermediate",
    "junior": "junior",
    "高级": "senior",
    "正高级": "senior",
    "副高级": "senior",
    "正高": "senior",
    "副高": "senior",
    "中级": "intermediate",
    "初级": "junior",
}


def normalize_title_level(value: str) -> str:
    """``senior|intermediate|junior`` or ``高级|中级|初级`` (any case, spaces, a trailing 职称)
    -> ``senior|intermediate|junior``. Raises ValueError naming the value otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"title level must be a string, got {value!r}")
    key = value.strip().lower().removesuffix("职称").strip()
    try:
        return _ALIASES[key]
    except KeyError:
        raise ValueError(
            f"unknown title level {value!r}: expected senior|intermediate|junior or 高级|中级|初级"
        ) from None
