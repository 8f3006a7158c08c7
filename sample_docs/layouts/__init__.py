"""Page layouts by document family, and the registry of page kinds.

A page kind names one kind of page (``journal_cover``, ``training_notice`` ...), the evidence
type a classifier should give that page alone, the material part it provides (the vocabulary of
docs/architecture.md), its paper size, and the function that draws it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sample_docs.canvas import DocPage
from sample_docs.layouts import articles, certificates, more_certs, official, other, publications, tables

A4 = (210.0, 297.0)
A4_LAND = (297.0, 210.0)
A5_LAND = (210.0, 148.0)
B5 = (185.0, 260.0)


@dataclass(frozen=True)
class PageKind:
    name: str
    page_type: str  # evidence type of this page on its own
    part: str  # material part it provides, "" when none
    size_mm: tuple[float, float]
    draw: Callable[[DocPage, dict[str, Any], random.Random], None]


PAGE_KINDS: dict[str, PageKind] = {
    k.name: k
    for k in (
        PageKind(
            "patent_certificate", "patent_certificate", "certificate", A4, certificates.patent_certificate
        ),
        PageKind(
            "award_certificate", "award_certificate", "certificate", A4_LAND, certificates.award_certificate
        ),
        PageKind(
            "training_certificate",
            "training_certificate",
            "certificate",
            A5_LAND,
            certificates.training_certificate,
        ),
        PageKind("training_notice", "training_notice", "notice", A4, official.training_notice),
        PageKind("training_schedule", "training_notice", "schedule", A4, official.training_schedule),
        PageKind("sign_in_sheet", "training_notice", "sign_in", A4, official.sign_in_sheet),
        PageKind(
            "online_course_certificate",
            "online_course_certificate",
            "certificate",
            A4_LAND,
            certificates.online_course_certificate,
        ),
        PageKind(
            "course_content", "online_course_certificate", "course_content", A4, official.course_content
        ),
        PageKind(
            "conference_invitation", "conference_record", "invitation", A4, official.conference_invitation
        ),
        PageKind("conference_receipt", "conference_record", "receipt", A4, official.conference_receipt),
        PageKind("study_notes", "conference_record", "notes", A4, official.study_notes),
        # a webinar's, seminar's or conference's own certificate (typing-12k): no part of material
        # set 1.4 by name, so its item goes to a reviewer for the set (materials_incomplete)
        PageKind(
            "conference_certificate", "conference_record", "", A4_LAND, more_certs.conference_certificate
        ),
        PageKind("practice_notice", "practice_activity", "activity_notice", A4, official.practice_notice),
        PageKind("dispatch_notice", "practice_activity", "dispatch_notice", A4, official.dispatch_notice),
        PageKind("activity_log", "practice_activity", "activity_log", A4, official.activity_log),
        PageKind(
            "project_completion",
            "project_completion",
            "completion_certificate",
            A4,
            certificates.project_completion,
        ),
        PageKind("book_cover", "book_publication", "cover", B5, publications.book_cover),
        PageKind("book_copyright", "book_publication", "copyright_page", B5, publications.book_copyright),
        PageKind("book_contents", "book_publication", "contents", B5, publications.book_contents),
        PageKind("journal_cover", "journal_paper", "cover", A4, publications.journal_cover),
        PageKind("journal_copyright", "journal_paper", "copyright_page", A4, publications.journal_copyright),
        PageKind("journal_contents", "journal_paper", "contents", A4, publications.journal_contents),
        PageKind(
            "digital_skills_exam",
            "digital_skills_exam",
            "certificate",
            A4_LAND,
            certificates.digital_skills_exam,
        ),
        PageKind(
            "aid_dispatch_notice", "aid_assignment", "dispatch_notice", A4, official.aid_dispatch_notice
        ),
        PageKind(
            "aid_assessment_form", "aid_assignment", "assessment_form", A4, official.aid_assessment_form
        ),
        PageKind("degree_transcript", "degree_transcript", "transcript", A4, tables.degree_transcript),
        PageKind(
            "qualification_exam_scores",
            "qualification_exam_scores",
            "score_report",
            A4,
            tables.qualification_exam_scores,
        ),
        PageKind("overseas_invitation", "overseas_exchange", "invitation", A4, official.overseas_invitation),
        PageKind("overseas_receipt", "overseas_exchange", "receipt", A4, official.overseas_receipt),
        PageKind(
            "overseas_certificate",
            "overseas_exchange",
            "certificate",
            A4_LAND,
            certificates.overseas_certificate,
        ),
        PageKind(
            "hours_recognition_sheet", "hours_recognition_sheet", "", A4, tables.hours_recognition_sheet
        ),
        PageKind(
            "public_institution_training",
            "public_institution_training",
            "certificate",
            A4_LAND,
            certificates.public_institution_training,
        ),
        # issue #12: the pages people upload for a publication, and the look-alikes that are none
        PageKind("journal_article", "journal_paper", "", A4, articles.journal_article),
        PageKind("book_title_page", "book_publication", "cover", B5, articles.book_title_page),
        PageKind("conference_paper", "other", "", A4, articles.conference_paper),
        PageKind("research_poster", "other", "", (594.0, 420.0), articles.research_poster),
        PageKind("acceptance_notice", "other", "", A4, articles.acceptance_notice),
        PageKind("id_card", "other", "", (85.6, 54.0), other.id_card),
        PageKind("invoice", "other", "", (240.0, 140.0), other.invoice),
        PageKind("unrelated_page", "other", "", A4, other.unrelated_page),
        # non-evidence look-alikes of issue #12 (layouts/more_certs.py)
        PageKind("honour_certificate", "other", "", A4_LAND, more_certs.honour_certificate),
        PageKind("participation_certificate", "other", "", A4_LAND, more_certs.participation_certificate),
        PageKind("event_invitation", "other", "", A4, more_certs.event_invitation),
        PageKind("exam_score_query", "other", "", A4, more_certs.exam_score_query),
        # look-alikes of an award (other-12m): many prizes listed, an entry handed in
        PageKind("prize_list", "other", "", A4, more_certs.prize_list),
        PageKind("contest_submission", "other", "", A4, more_certs.contest_submission),
        # a contest's notice or plan: its prizes and quotas, nobody's prize (notice-12o)
        PageKind("contest_notice", "other", "", A4, more_certs.contest_notice),
        # an institution's English notice of no training, in a workshop notice's form (notice-13d)
        PageKind("office_notice_en", "other", "", A4, more_certs.office_notice_en),
    )
}
