"""The page and item labels the classifier predicts (docs/contract.md section 2).

Page types are the evidence types themselves: each page of an item is classified into the type of
evidence it belongs to (a journal cover and a contents page are both ``journal_paper`` pages), and
``training_notice`` is the one supporting type that is also an evidence type of its own.
"""

from __future__ import annotations

from rules.model import EVIDENCE_TYPES

PAGE_TYPES: tuple[str, ...] = EVIDENCE_TYPES

# Page types that only support another item type; they never win over a substantive page of the
# same item (a notice next to a certificate makes a training item, an ID card next to a patent
# certificate does not make the item "other").
SUPPORTING_TYPES: frozenset[str] = frozenset({"training_notice", "other"})

# Supporting pages that are a legitimate part of an item of the given type (material sets of
# rules.md part 一), so they do not lower the item's confidence.
COMPATIBLE_SUPPORT: dict[str, frozenset[str]] = {
    "training_certificate": frozenset({"training_notice"}),
    "online_course_certificate": frozenset({"training_notice"}),
    "conference_record": frozenset({"training_notice"}),
    "practice_activity": frozenset({"training_notice"}),
    "overseas_exchange": frozenset({"training_notice"}),
    "public_institution_training": frozenset({"training_notice"}),
}

