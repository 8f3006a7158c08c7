"""Material sets of annex part 一: what makes an item complete, and what is said when it is not."""

from __future__ import annotations

import pytest

from rules import load_policy

POLICY = load_policy("changde-2024")

CASES = [
    # (type, parts, expected: [] complete, None no set, else list of "需要..." sentences)
    ("training_certificate", {"certificate"}, ["需要培训通知/签到表/课程表（日程安排）之一"]),
    ("training_certificate", {"certificate", "notice"}, []),  # 1.1 (b)
    ("training_certificate", {"certificate", "sign_in"}, []),
    ("training_certificate", {"notice", "schedule", "sign_in"}, []),  # 1.1 (a)
    ("training_certificate", {"notice", "schedule"}, ["需要签到表"]),
    ("training_certificate", set(), ["需要培训通知/签到表/课程表（日程安排）之一", "需要结业证书"]),
    ("journal_paper", {"contents"}, ["需要刊物封面", "需要刊号（CN/ISSN）/版权页之一"]),
    ("journal_paper", {"cover", "serial_numbers", "contents"}, []),
    ("journal_paper", {"cover", "copyright_page", "contents"}, []),
    ("book_publication", {"cover", "contents"}, ["需要版权页"]),
    ("book_publication", {"cover", "copyright_page", "contents"}, []),
    ("practice_activity", {"activity_notice", "dispatch_notice"}, []),
    ("practice_activity", {"signup_form", "activity_log"}, []),
    ("practice_activity", {"activity_log"}, ["需要实践活动通知/实践报名表之一"]),
    ("online_course_certificate", {"certificate"}, ["需要课程时长（或课程内容）"]),
    ("online_course_certificate", {"certificate", "course_content"}, []),
    ("conference_record", {"invitation", "receipt", "notes"}, []),
    ("conference_record", {"other_proof"}, []),
    ("conference_record", {"invitation"}, ["需要会议通讯录、邮件回执、财务报账单等辅证材料"]),
    ("project_completion", {"completion_certificate"}, []),
    ("patent_certificate", {"certificate"}, []),
    ("patent_certificate", set(), ["需要专利证书"]),
    ("award_certificate", {"certificate"}, []),
    ("digital_skills_exam", {"certificate"}, []),
    ("aid_assignment", {"dispatch_notice"}, ["需要考核表"]),
    ("aid_assignment", {"dispatch_notice", "assessment_form"}, []),
    ("degree_transcript", {"transcript"}, []),
    ("qualification_exam_scores", {"transcript"}, ["需要考试成绩单"]),
    ("overseas_exchange", {"invitation", "certificate"}, []),
    ("overseas_exchange", {"invitation"}, ["需要回执/学习资料/邀请方颁发的结业证书之一"]),
    ("training_notice", {"notice"}, None),
    ("other", set(), None),
    ("hours_recognition_sheet", set(), None),
    ("no_such_type", {"certificate"}, None),
]


@pytest.mark.parametrize(
    ("etype", "parts", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_missing_materials(etype: str, parts: set[str], expected: list[str] | None) -> None:
    assert POLICY.missing_materials(etype, parts) == expected


def test_extra_parts_do_not_hurt() -> None:
    assert POLICY.missing_materials("patent_certificate", {"certificate", "cover", "mystery"}) == []


def test_every_typed_evidence_with_hours_has_a_material_set_except_the_span_documents() -> None:
    without = {t for t in POLICY.evidence_types if POLICY.material_set(t) is None}
    assert without == {"training_notice", "other", "hours_recognition_sheet", "public_institution_training"}
