"""Reviewer decisions: confirm, adjust or reject an item, with optimistic locking and an audit log.

A reviewer acts on the version of the item they saw. If someone else (another reviewer, or a
re-run that added a proposal) changed the item since, ``StaleItem`` is raised and nothing is
written: no decision is ever silently overwritten. Each call is its own transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.store.models import ItemRow, ProposalRow, ReviewRow, utcnow
from pipeline.store.records import CATEGORIES, EVIDENCE_TYPES, REVIEW_STATUS, decision_values, number

ACTIONS = tuple(REVIEW_STATUS)


class StaleItem(Exception):
    """The item changed since the reviewer loaded it; reload and decide again."""

    def __init__(self, item_id: int, expected: int, current: int) -> None:
        super().__init__(
            f"item {item_id} was changed by someone else (you saw version {expected}, it is now {current}); "
            "reload it and decide again"
        )
        self.item_id, self.expected, self.current = item_id, expected, current


class ReviewError(ValueError):
    """A review that cannot be recorded as asked (unknown item, missing reason, bad value)."""


class AlreadyConfirmed(ReviewError):
    """A confirm of an item already confirmed at the values it has: nothing to record.

    A ReviewError so a caller that does not know it still writes nothing and says why;
    the CLI and the web page report it as a no-op, not a failure.
    """

    def __init__(self, item_id: int, user: str, at: Any, version: int) -> None:
        when = at.strftime("%Y-%m-%d %H:%M") if hasattr(at, "strftime") else str(at)
        super().__init__(
            f"item {item_id} is already confirmed at these values (by {user}, {when} UTC); nothing recorded"
        )
        self.item_id, self.user, self.at, self.version = item_id, user, at, version


def review_item(
    session: Session,
    item_id: int,
    user: str,
    action: str,
    expected_version: int,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    policy: Any = None,
) -> ReviewRow:
    """Record a decision on an item and commit it; raises StaleItem or ReviewError, writing nothing.

    ``changes`` (adjust only): ``hours``, ``evidence_type``, ``fields`` (merged into the current
    fields), ``year`` and ``category`` (where the hours go), or ``credits`` (a full list of
    ``{year, hours, category}``). With a ``policy`` (``rules.load_policy``), a changed type or
    fields are re-proposed by the rules to get the clause and the credits' year and category.
    """
    changes = dict(changes or {})
    reason = (reason or "").strip()
    if action not in ACTIONS:
        raise ReviewError(f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if not user or not user.strip():
        raise ReviewError("a review needs the reviewer's name")
    # A field correction explains itself (the audit row keeps the old and the new value); a
    # reject, or an adjust of the type or the hours, needs the reviewer's reason.
    if action == "reject" and not reason:
        raise ReviewError("reject needs a reason")
    if action == "adjust" and not reason and set(changes) - {"fields"}:
        raise ReviewError("adjust needs a reason unless it only corrects fields")
    if action != "adjust" and changes:
        raise ReviewError("only adjust takes changes")
    if session.new or session.dirty or session.deleted:
        raise ReviewError("the session holds unsaved changes; commit or roll them back first")
    if session.in_transaction():
        session.rollback()  # end a read-only transaction: the decision must start from the latest state

    try:
        # the version check and the claim of the item are one statement, so two reviewers
        # cannot both pass it
        res = session.execute(
            update(ItemRow)
            .where(ItemRow.id == item_id, ItemRow.version == expected_version)
            .values(version=ItemRow.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if res.rowcount != 1:
            current = session.scalar(select(ItemRow.version).where(ItemRow.id == item_id))
            if current is None:
                raise ReviewError(f"there is no item {item_id}")
            if action == "confirm" and current == expected_version + 1:
                # a second click on the confirm that made this very version: the reviewer saw
                # the values that were confirmed, so it is the same confirm, not a stale one
                _refuse_repeat_confirm(session, item_id, require_version=current)
            raise StaleItem(item_id, expected_version, current)
        item = session.get(ItemRow, item_id, populate_existing=True)
        assert item is not None
        proposal = session.get(ProposalRow, item.proposal_id) if item.proposal_id else None
        if proposal is None:
            raise ReviewError(f"item {item_id} has no proposal yet (its batch is still being processed)")
        previous = session.get(ReviewRow, item.review_id) if item.review_id else None
        if action == "confirm":
            _refuse_repeat_confirm(session, item_id)
        before = decision_values(proposal, previous)
        after = _after(action, before, changes, policy)
        row = ReviewRow(
            item_id=item.id, proposal_id=proposal.id, user=user.strip(), at=utcnow(), action=action,
            before=before, after=after, reason=reason, item_version=item.version,
        )  # fmt: skip
        session.add(row)
        session.flush()
        item.review_id = row.id
        item.status = after["status"]
        session.commit()
        return row
    except BaseException:
        session.rollback()
        raise


def undo_review(session: Session, review_id: int, user: str, reason: str = "") -> ReviewRow:
    """Take back a decision: append an ``undo`` row whose ``after`` is the decision before it.

    The audit log stays append-only (the undone row is kept); the item goes back to the status
    and values it had. Only the item's current decision can be undone, and only if nothing
    changed the item since (else StaleItem). Commits.
    """
    if not user or not user.strip():
        raise ReviewError("an undo needs the reviewer's name")
    if session.in_transaction():
        session.rollback()
    try:
        undone = session.get(ReviewRow, review_id)
        if undone is None or undone.action == "undo":
            raise ReviewError(f"there is no decision {review_id} to undo")
        res = session.execute(
            update(ItemRow)
            .where(ItemRow.id == undone.item_id, ItemRow.version == undone.item_version,
                   ItemRow.review_id == undone.id)
            .values(version=ItemRow.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        if res.rowcount != 1:
            current = session.scalar(select(ItemRow.version).where(ItemRow.id == undone.item_id)) or 0
            raise StaleItem(undone.item_id, undone.item_version, current)
        item = session.get(ItemRow, undone.item_id, populate_existing=True)
        assert item is not None
        row = ReviewRow(
            item_id=item.id, proposal_id=undone.proposal_id, user=user.strip(), at=utcnow(), action="undo",
            before=dict(undone.after), after=dict(undone.before), reason=(reason or "").strip(),
            item_version=item.version,
        )  # fmt: skip
        session.add(row)
        session.flush()
        item.review_id = row.id
        item.status = undone.before.get("status")
        session.commit()
        return row
    except BaseException:
        session.rollback()
        raise


def preview_decision(before: dict[str, Any], changes: dict[str, Any], policy: Any) -> dict[str, Any]:
    """The decision an adjust with ``changes`` would record on ``before``, computed by the
    rules exactly as ``review_item`` would, without writing anything."""
    return _after("adjust", before, dict(changes), policy)


def _refuse_repeat_confirm(session: Session, item_id: int, require_version: int | None = None) -> None:
    """Raise AlreadyConfirmed when the item's current decision is a confirm of its current proposal.

    A confirm copies the values it confirms, so a later confirm with no new proposal or review
    in between would record the same values again: an audit row that says nothing.
    ``require_version``: only when that confirm is the one that made this version.
    """
    item = session.get(ItemRow, item_id)
    if item is None or item.status != "confirmed" or item.review_id is None:
        return
    r = session.get(ReviewRow, item.review_id)
    if r is None or r.action != "confirm" or r.proposal_id != item.proposal_id:
        return
    if require_version is not None and r.item_version != require_version:
        return
    raise AlreadyConfirmed(item_id, r.user, r.at, r.item_version)


def _after(action: str, before: dict[str, Any], changes: dict[str, Any], policy: Any) -> dict[str, Any]:
    after = {**before, "fields": dict(before["fields"]), "credits": [dict(c) for c in before["credits"]]}
    after["status"] = REVIEW_STATUS[action]
    if action == "confirm":
        return after
    if action == "reject":
        after["credits"], after["hours"] = [], 0
        return after

    unknown = set(changes) - {"hours", "evidence_type", "fields", "year", "category", "credits"}
    if unknown:
        raise ReviewError(f"unknown changes: {', '.join(sorted(unknown))}")
    retyped = "evidence_type" in changes and changes["evidence_type"] != before["evidence_type"]
    if "evidence_type" in changes:
        if changes["evidence_type"] not in EVIDENCE_TYPES:
            raise ReviewError(f"unknown evidence type {changes['evidence_type']!r}")
        after["evidence_type"] = changes["evidence_type"]
        after["type_confidence"] = 1.0  # a person decided the type
    if changes.get("fields"):
        after["fields"].update(changes["fields"])
    if policy is not None and (retyped or changes.get("fields")) and after["evidence_type"]:
        try:
            p = policy.propose(after["evidence_type"], after["fields"])
        except Exception as e:  # a policy bug or a value the rules cannot handle: said, not saved
            raise ReviewError(f"the rules failed on these values ({type(e).__name__}: {e}); "
                              "set the hours directly") from e
        after["credits"] = [{"year": c.year, "hours": c.hours, "category": c.category} for c in p.credits]
        after["clause"] = p.clause

    if "credits" in changes:
        after["credits"] = [_credit(c["year"], c["hours"], c["category"]) for c in changes["credits"]]
    elif changes.get("hours") is not None:
        hours = float(changes["hours"])
        base = after["credits"]
        year, category = changes.get("year"), changes.get("category")
        if len(base) > 1 and year is None and abs(hours - sum(float(c["hours"]) for c in base)) > 1e-9:
            years = ", ".join(str(c["year"]) for c in base)
            raise ReviewError(f"this item credits several years ({years}); say which year the hours go to")
        if len(base) <= 1 or year is not None or category is not None:
            year = year if year is not None else (base[0]["year"] if base else _year_of(after["fields"]))
            if year is None:
                raise ReviewError("no year can be read from the item; say which year the hours go to")
            category = category or (base[0]["category"] if base else "professional")
            after["credits"] = [_credit(year, hours, category)] if hours > 0 else []
    elif changes.get("year") is not None or changes.get("category") is not None:
        after["credits"] = [
            _credit(changes.get("year") or c["year"], c["hours"], changes.get("category") or c["category"])
            for c in after["credits"]
        ]
    after["hours"] = number(sum(float(c["hours"]) for c in after["credits"]))
    return after


def _credit(year: Any, hours: Any, category: str) -> dict[str, Any]:
    try:
        year, hours = int(year), float(hours)
    except (TypeError, ValueError) as e:
        raise ReviewError(f"a credit needs a whole year and a number of hours ({e})") from e
    if hours < 0:
        raise ReviewError("hours cannot be negative")
    if category not in CATEGORIES:
        raise ReviewError(f"category must be one of {', '.join(CATEGORIES)}, not {category!r}")
    if not 1950 <= year <= date.today().year + 1:
        raise ReviewError(f"{year} is not a plausible year")
    return {"year": year, "hours": number(hours), "category": category}


def _year_of(fields: dict[str, Any]) -> int | None:
    for key in ("date", "end_date", "start_date"):
        v = fields.get(key)
        if isinstance(v, str) and len(v) >= 4 and v[:4].isdigit():
            return int(v[:4])
    return None


def history(session: Session, item_id: int) -> list[ReviewRow]:
    """The item's audit log, oldest first."""
    return list(session.scalars(select(ReviewRow).where(ReviewRow.item_id == item_id).order_by(ReviewRow.id)))
