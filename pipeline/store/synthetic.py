"""Made-up records for tests and benchmarks: proposals built directly, stored the normal way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from pipeline.store import repo
from pipeline.store.models import Batch
from pipeline.types import Applicant, FieldValue, IntakeError, ItemProposal, ItemReading
from rules.model import Credit


def make_proposal(
    batch: str,
    applicant_id: str,
    item: str,
    *,
    evidence_type: str | None = "patent_certificate",
    hours: float = 60,
    year: int = 2023,
    category: str = "professional",
    status: str = "auto_ok",
    flags: Iterable[str] = (),
    clause: str | None = "2.4a",
    fields: dict[str, Any] | None = None,
    policy: str = "changde-2024",
    explanation: str = "国家发明专利，排名第1 → 专业科目60学时（细则二.4）",
    type_confidence: float = 0.97,
) -> ItemProposal:
    credits = [Credit(year, hours, category)] if hours else []
    if fields is None:
        fields = {"patent_kind": "invention", "rank": 1, "date": f"{year}-06-16", "name_found": True}
    return ItemProposal(
        batch=batch, applicant_id=applicant_id, item=item, evidence_type=evidence_type,
        type_confidence=type_confidence,
        fields=fields,
        credits=credits, hours=hours, clause=clause, policy=policy, flags=list(flags), status=status,
        explanation=explanation,
    )  # fmt: skip


def error_proposal(batch: str, err: IntakeError, policy: str = "changde-2024") -> ItemProposal:
    """What docs/contract.md section 4 says an intake error looks like."""
    return ItemProposal(
        batch=batch, applicant_id=err.applicant_id or "", item=err.rel_path, evidence_type=None,
        type_confidence=0.0, fields={}, credits=[], hours=0, clause=None, policy=policy,
        flags=["intake_error"], status="needs_review", explanation=err.reason,
    )  # fmt: skip


def insert_batch(
    session: Session,
    name: str,
    applicants: Iterable[Applicant],
    proposals: Iterable[ItemProposal],
    errors: Iterable[IntakeError] = (),
    model_version: str = "synthetic",
) -> Batch:
    """Store a batch as ``process_batch`` would (no OCR): items read, proposals appended. Flushes only."""
    batch = repo.get_or_create_batch(session, name, "synthetic")
    repo.save_applicants(session, batch, {a.applicant_id: a for a in applicants})
    for p in proposals:
        item = repo.upsert_item(session, batch, p.applicant_id, p.item, [])
        fields = {k: FieldValue(v, 0.9) for k, v in p.fields.items()}
        reading = ItemReading(p.evidence_type or "other", p.type_confidence, [], fields)
        repo.save_reading(session, item, reading)
        repo.add_proposal(session, item, p, model_version)
    for e in errors:
        item = repo.upsert_item(session, batch, e.applicant_id, e.rel_path, [], intake_error=e.reason)
        repo.add_proposal(session, item, error_proposal(name, e), model_version)
    batch.status = "done"
    session.flush()
    return batch
