"""What the sheet and the workbook show for one applicant: identity, span verdicts, items by year."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.export import records
from pipeline.store.models import ApplicantRow, Batch
from pipeline.summary import UnknownApplicant, applicant_summary

EVIDENCE_ZH = {
    "training_certificate": "培训结业证书",
    "training_notice": "培训通知/课程表/签到表",
    "online_course_certificate": "网络课程证书",
    "conference_record": "会议/讲座/考察交流",
    "practice_activity": "实践活动",
    "project_completion": "科研项目结题",
    "book_publication": "出版著作",
    "journal_paper": "期刊论文",
    "patent_certificate": "专利证书",
    "award_certificate": "奖励证书",
    "digital_skills_exam": "数字技术应用能力考试",
    "aid_assignment": "三援/东西部协作",
    "degree_transcript": "学历教育成绩单",
    "qualification_exam_scores": "职业资格考试成绩",
    "overseas_exchange": "出国（境）交流",
    "hours_recognition_sheet": "原学时认定单",
    "public_institution_training": "事业单位工作人员培训",
    "other": "其他",
}
STATUS_ZH = {
    "auto_ok": "建议（待确认）",
    "needs_review": "待复核",
    "confirmed": "已确认",
    "adjusted": "已调整",
    "rejected": "不予认定",
}
CATEGORY_ZH = {"public": "公需科目", "professional": "专业科目", "full_year": "全年认定"}
LEVEL_ZH = {"senior": "高级", "intermediate": "中级", "junior": "初级"}
DECIDED = ("confirmed", "adjusted")


@dataclass
class YearLine:
    """One item's credit to one year, as a line of the sheet."""

    item: str
    evidence: str
    clause: str
    category: str
    hours: float
    status: str  # contract status

    @property
    def confirmed(self) -> bool:
        return self.status in DECIDED


@dataclass
class SheetData:
    batch: str
    applicant: dict[str, Any]  # applicant_id, name, employer, title_level, eval_year, id_number
    summary: dict[str, Any]  # pipeline.summary object (current, proposed, confirmed)
    requirement: float
    years: dict[int, list[YearLine]] = field(default_factory=dict)  # span years, in order
    outside: list[YearLine] = field(default_factory=list)  # credits to years outside the span
    uncredited: list[dict[str, Any]] = field(default_factory=list)  # records with no hours
    pending: int = 0  # items with no decision yet


def latest_batch_of(session: Session, applicant_id: str) -> str | None:
    q = (
        select(Batch.name)
        .join(ApplicantRow, ApplicantRow.batch_id == Batch.id)
        .where(ApplicantRow.applicant_id == applicant_id)
        .order_by(Batch.started_at.desc(), Batch.id.desc())
        .limit(1)
    )
    return session.scalar(q)


def sheet_data(session: Session, applicant_id: str, batch: str | None = None) -> SheetData:
    """Gather one applicant's sheet; ``batch`` defaults to the latest batch the applicant is in."""
    from rules import load_policy

    batch = batch or latest_batch_of(session, applicant_id)
    if batch is None:
        raise UnknownApplicant(f"no applicant {applicant_id!r} in the database")
    summ = applicant_summary(session, batch, applicant_id)  # raises UnknownApplicant
    row = session.scalar(
        select(ApplicantRow)
        .join(Batch, Batch.id == ApplicantRow.batch_id)
        .where(Batch.name == batch, ApplicantRow.applicant_id == applicant_id)
    )
    assert row is not None
    # the policy the summary was counted by (a file that no longer loads is a PolicyError, never
    # a sheet printed against an assumed 90 hours)
    requirement = float(load_policy(summ["policy"]).requirement.total)
    data = SheetData(
        batch=batch,
        applicant={
            "applicant_id": row.applicant_id, "name": row.name, "employer": row.employer,
            "title_level": row.title_level, "eval_year": row.eval_year, "id_number": row.id_number,
        },
        summary=summ,
        requirement=requirement,
        years={int(y): [] for y in summ.get("span", [])},
    )  # fmt: skip
    for rec in records(session, batch, applicant_id, full_id_numbers=True):  # the sheet needs them
        if rec["status"] not in DECIDED and rec["status"] != "rejected":
            data.pending += 1
        if not rec["credits"]:
            data.uncredited.append(rec)
            continue
        for c in rec["credits"]:
            line = YearLine(
                item=rec["item"], evidence=EVIDENCE_ZH.get(rec["evidence_type"] or "", "—"),
                clause=rec["clause"] or "", category=c["category"], hours=float(c["hours"]),
                status=rec["status"],
            )  # fmt: skip
            data.years.get(c["year"], data.outside).append(line)
    return data
