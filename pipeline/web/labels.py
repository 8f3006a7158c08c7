"""Chinese names for the codes of the contract, as the reviewers' pages show them.

Codes stay the law (contract.md); these are display names only. What a flag means, in words,
comes from the policy's flag catalogue (rules/policies/*.toml), the same text the CLI shows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

EVIDENCE_TYPES: dict[str, str] = {
    "training_certificate": "培训结业证书",
    "training_notice": "培训通知/课程表/签到表",
    "online_course_certificate": "网络课程证书",
    "conference_record": "会议/讲座/考察交流记录",
    "practice_activity": "实践活动材料",
    "project_completion": "课题结题证书",
    "book_publication": "著作出版",
    "journal_paper": "期刊论文",
    "patent_certificate": "专利证书",
    "award_certificate": "获奖证书",
    "digital_skills_exam": "数字技术应用能力考试",
    "aid_assignment": "三援/东西部协作派遣",
    "degree_transcript": "学历教育成绩单",
    "qualification_exam_scores": "职业资格考试成绩",
    "overseas_exchange": "出国（境）交流",
    "hours_recognition_sheet": "学时认定单",
    "public_institution_training": "事业单位人员培训证明",
    "other": "其他材料",
}

FIELDS: dict[str, str] = {
    "person_name": "姓名",
    "name_found": "找到申报人姓名",
    "rank": "排名",
    "role": "角色",
    "level": "级别",
    "grade": "奖励等级",
    "patent_kind": "专利类型",
    "patent_number": "专利号",
    "title": "题名",
    "journal": "期刊",
    "cn_number": "CN刊号",
    "issn": "ISSN",
    "isbn": "ISBN",
    "date": "日期",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "days": "天数",
    "stated_hours": "证书学时",
    "subject": "科目",
    "modules": "通过模块数",
    "passed_count": "通过门数",
    "months": "月数",
    "assessment_passed": "考核合格",
    "certificate_number": "证书编号",
    "issuer": "发证单位",
}

# Fields whose value is a closed vocabulary: the item page offers a select for them.
FIELD_CHOICES: dict[str, dict[str, str]] = {
    "role": {"host": "主持人", "main": "主要完成人", "participant": "参与人"},
    "level": {"national": "国家级", "provincial": "省部级", "municipal": "市厅级", "county": "县级"},
    "patent_kind": {"invention": "发明专利", "utility_model": "实用新型", "design": "外观设计"},
    "subject": {"public": "公需科目", "professional": "专业科目"},
    "name_found": {"true": "是", "false": "否"},
    "assessment_passed": {"true": "是", "false": "否"},
}
INT_FIELDS = {"rank", "grade", "modules", "passed_count", "months"}
FLOAT_FIELDS = {"days", "stated_hours"}
BOOL_FIELDS = {"name_found", "assessment_passed"}

STATUSES: dict[str, str] = {
    "needs_review": "待审核",
    "auto_ok": "自动通过（待确认）",
    "confirmed": "已确认",
    "adjusted": "已调整",
    "rejected": "已驳回",
}

ACTIONS: dict[str, str] = {
    "confirm": "确认",
    "adjust": "调整",
    "reject": "驳回",
    "bulk_confirm": "批量确认",
    "undo": "撤销",
}


CATEGORIES: dict[str, str] = {"public": "公需科目", "professional": "专业科目", "full_year": "全年学时"}

TITLE_LEVELS: dict[str, str] = {"senior": "高级", "intermediate": "中级", "junior": "初级"}

ROLES: dict[str, str] = {"reviewer": "审核员", "admin": "管理员"}

FLAGS: dict[str, str] = {
    "low_confidence": "识别置信度低",
    "type_uncertain": "证据类型不确定",
    "ocr_unreadable": "文字无法识别",
    "intake_error": "文件无法接收",
    "outside_span": "不在认定年限内",
    "hours_days_mismatch": "学时与天数不符",
    "rank_reading": "排名解读待确认",
    "level_not_covered": "级别不在认定范围",
    "level_unreadable": "级别无法识别",
    "no_cn_number": "无国内统一刊号",
    "rank_not_covered": "排名不在认定范围",
    "kind_not_covered": "专利类型不在认定范围",
    "grade_not_covered": "奖励等级不在认定范围",
    "name_mismatch": "未找到申报人姓名",
    "duplicate_of": "重复提交",
    "claimed_by_other": "他人也申报了同一材料",
    "materials_incomplete": "材料不齐全",
    "field_missing": "关键字段缺失",
    "name_unchecked": "未核对姓名",
    "unknown_type": "类型不在政策内",
    "days_rounded": "天数已取整",
    "assignment_too_short": "外派不足6个月",
    "assessment_not_passed": "未见考核合格",
    "prior_sheet": "以前年度认定单",
    "category_assumed": "科目类别为推定",
    "supporting_material": "辅证材料",
}


@lru_cache(maxsize=4)
def _catalogue(policy_id: str = "changde-2024") -> dict[str, Any]:
    """The policy's flag catalogue (name -> FlagInfo with the meaning in Chinese), or {}."""
    try:
        from rules import load_policy

        return dict(load_policy(policy_id).flags)
    except Exception:  # a broken policy file must not take the review pages down
        return {}


def all_flags() -> list[str]:
    """Every flag code a proposal can carry: the catalogue's, then any only named here."""
    codes = list(_catalogue())
    return codes + [c for c in FLAGS if c not in codes]


def flag_name(code: str) -> str:
    """Short Chinese name of a flag (the code itself for a flag nobody has named)."""
    return FLAGS.get(code) or code


def flag_meaning(code: str) -> str:
    """What the flag means, in words, from the policy's flag catalogue ('' when unknown)."""
    info = _catalogue().get(code)
    return str(getattr(info, "zh", "") or "") if info is not None else ""


def type_name(code: str | None) -> str:
    if not code:
        return "（未识别）"
    return EVIDENCE_TYPES.get(code, code)


def field_name(code: str) -> str:
    return FIELDS.get(code, code)


def field_display(code: str, value: Any) -> str:
    """A field value as a reviewer reads it (vocabulary codes in Chinese)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    choices = FIELD_CHOICES.get(code)
    if choices and str(value) in choices:
        return choices[str(value)]
    if code == "grade" and value == 0:
        return "特等奖"
    if code == "grade" and isinstance(value, int):
        return f"{value}等奖"
    return str(value)


def status_name(code: str | None) -> str:
    return STATUSES.get(code or "", code or "")


def category_name(code: str) -> str:
    return CATEGORIES.get(code, code)


def hours_text(value: Any) -> str:
    """Hours as people write them: 60, 24, 4.5 (never 24.0); '' for nothing."""
    if value is None or value == "":
        return ""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(x)) if x.is_integer() else f"{x:.2f}".rstrip("0").rstrip(".")
