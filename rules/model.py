"""Value types of the rules library (pure: no OCR, no database, no network)."""

from __future__ import annotations

from dataclasses import dataclass

# The evidence types of contract section 2: the one vocabulary that every stage and policy shares.
EVIDENCE_TYPES: tuple[str, ...] = (
    "training_certificate",
    "training_notice",
    "online_course_certificate",
    "conference_record",
    "practice_activity",
    "project_completion",
    "book_publication",
    "journal_paper",
    "patent_certificate",
    "award_certificate",
    "digital_skills_exam",
    "aid_assignment",
    "degree_transcript",
    "qualification_exam_scores",
    "overseas_exchange",
    "hours_recognition_sheet",
    "public_institution_training",
    "other",
)


@dataclass(frozen=True)
class Credit:
    """Hours credited to one year in one category: public | professional | full_year."""

    year: int
    hours: float
    category: str
