"""Material sets of annex part 一: which parts an item needs, and what it lacks."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class MaterialSet:
    """One clause of part 一 (e.g. ``1.1``): alternative sets, each a list of groups of parts.

    A group is satisfied by any one of its parts; a set is complete when all its groups are."""

    __slots__ = ("id", "sets", "title")

    def __init__(self, mid: str, spec: Mapping[str, Any], part_labels: Mapping[str, str]) -> None:
        self.id = mid
        self.title: str = spec["title"]
        labels = {**part_labels, **spec.get("labels", {})}
        # Per group: (frozenset of parts, the sentence naming what is needed).
        self.sets: tuple[tuple[tuple[frozenset[str], str], ...], ...] = tuple(
            tuple((frozenset(g), _need(g, labels)) for g in s) for s in spec["sets"]
        )

    def missing(self, parts: Iterable[str]) -> list[str]:
        """[] when one set is complete; else what the closest set (fewest groups short) lacks."""
        have = frozenset(parts)
        best: list[str] | None = None
        for s in self.sets:
            lack = [need for group, need in s if not group & have]
            if not lack:
                return []
            if best is None or len(lack) < len(best):
                best = lack
        return best or []


def _need(group: list[str], labels: Mapping[str, str]) -> str:
    names = [labels.get(p, p) for p in group]
    return f"需要{names[0]}" if len(names) == 1 else f"需要{'/'.join(names)}之一"
