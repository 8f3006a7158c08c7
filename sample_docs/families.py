"""Layout families: for every evidence type, the distinct wordings and layouts it is drawn in.

A family is one way issuers print a type (label words and their order, prose or table, the date
form, checkboxes, enumerations, English pages); each is modelled on a real example named in
``source`` (sample_docs/README.md lists them). The first family of each type is the generator's
original layout; the others are drawn by ``sample_docs/layouts/variants.py``. Every generated
item records its family in the truth (``family``), so evaluation can group by it and
``cehours eval --leave-family-out`` can train without one family and score on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    name: str  # "<evidence type>/<family>", as written in .truth.jsonl
    what: str  # what sets it apart, for a reader of the benchmark table
    source: str  # the real example it is modelled on
    weight: float = 1.0  # share in the default draw (the original layout stays the most common)


def _f(etype: str, name: str, what: str, source: str, weight: float = 1.0) -> Family:
    return Family(f"{etype}/{name}", what, source, weight)


_ORIG = "the generator's original layout (sample_docs/layouts/*.py)"

FAMILIES: dict[str, tuple[Family, ...]] = {
    "patent_certificate": (
        _f("patent_certificate", "paper", "CNIPA paper certificate, label: value lines", _ORIG, 2),
        _f(
            "patent_certificate",
            "electronic",
            "CNIPA electronic certificate (2020-): other label order, 专利权人 before 发明人, QR square",
            "CNIPA 电子专利证书 front page as described at https://www.3jrx.com/zhxx/202209/954409.html",
        ),
        _f(
            "patent_certificate",
            "enumerated",
            "inventors enumerated '1. …；2. …', dates in Chinese numerals (二〇二二年三月十五日)",
            "unit-issued 专利证明 / copy with enumerated inventor list (same source as electronic)",
        ),
    ),
    "award_certificate": (
        _f("award_certificate", "classic", "prose or label lines, one name or a 、 list", _ORIG, 2),
        _f(
            "award_certificate",
            "roster",
            "主要完成人 in a ruled table (序号/姓名/工作单位), rank by row, '2022年度', Chinese-numeral date",
            "奖状 layout (title, recipient, award, issuer over seal, date) https://m.shutu.cn/template/c4810475.html",
        ),
        _f(
            "award_certificate",
            "role",
            "授予 line with role '第五完成人', 获奖项目/奖励等级/奖励年度 labels",
            "获奖证书 wording with 第N完成人 as printed on provincial 科技进步奖 certificates",
        ),
    ),
    "journal_paper": (
        _f("journal_paper", "cn_contents", "Chinese cover + 目次 with dotted leaders", _ORIG, 2),
        _f(
            "journal_paper",
            "contents_table",
            "目次 as a table (栏目/题名/作者/页码), issue '2023年第3期（总第215期）'",
            "Chinese journal contents pages in table form (CNKI page images of 目次)",
        ),
        _f(
            "journal_paper",
            "english",
            "English contents page of a foreign journal: Vol./No., month names, authors in pinyin",
            "contents pages of English-language journals (Vol. x, No. y, Month Year; 'Surname Given')",
        ),
        # issue #12 (pubs-12f): the article's first page, what people actually upload
        _f(
            "journal_paper",
            "article_first_page",
            "article's first page: running header (第N卷第N期 / 年第N期, digits sometimes "
            "set apart), authors with superscript affiliations, 摘要/关键词/中图分类号/"
            "文献标识码/文章编号, 收稿日期/基金项目/作者简介 at the foot, body sometimes in "
            "two columns read across, CN/ISSN only sometimes",
            "CNKI first pages of Chinese journal articles in the real corpus (tests/data/real r159-r168: "
            "机器人, 机电工程, 科学技术与工程, 中国仪器仪表 …), none of their text copied",
            3,
        ),
        _f(
            "journal_paper",
            "article_english",
            "English article's first page: IEEE Transactions header (VOL./NO./MONTH YEAR, Abstract—, Index "
            "Terms—, 'Manuscript received …') or open-access (Volume YEAR, Article ID, Received/Accepted/"
            "Published), the applicant in pinyin given name first, no CN",
            "IEEE Transactions and Hindawi first pages in the real corpus (r139, r140)",
        ),
    ),
    "book_publication": (
        _f("book_publication", "cip", "cover, CIP copyright page, contents", _ORIG, 2),
        _f(
            "book_publication",
            "editors",
            "editors by role (主编/副主编/编委) on separate lines, rank by position",
            "CIP pages of edited volumes (主　编 / 副主编 lines) as printed by Chinese presses",
        ),
        _f(
            "book_publication",
            "cn_edition",
            "版次 in Chinese numerals '二〇二二年三月第一版', authors in a 著者 table",
            "older CIP pages with 版次 in Chinese numerals",
        ),
        # issue #12 (pubs-12f): covers and title pages without a CIP page
        _f(
            "book_publication",
            "cover_page",
            "textbook cover (series line 义务教育教科书 / …规划教材, 主编 / 副主编 "
            "lines, spaced names) or trade-book cover ('A B C 编著', the press and its "
            "English name), sometimes a wrap cover (spine, 定价, ISBN) or a title page; "
            "no CIP and no date",
            "textbook covers of TapXWorld/ChinaTextbook (r151-r156) and a trade-book "
            "cover (r189, r190) of the real corpus",
            2,
        ),
    ),
    "training_certificate": (
        _f("training_certificate", "classic", "结业证书 prose or the city's ruled 合格证明", _ORIG, 2),
        _f(
            "training_certificate",
            "checkbox_form",
            "ruled form, 考核结果 ☒合格 □基本合格 □不合格, Chinese-numeral dates, 学员姓名/学时数 labels",
            "继续教育培训合格证明 forms with tick boxes (the form issue #12 quotes: ☒合格 □基本合格 □不合格)",
        ),
        _f(
            "training_certificate",
            "enumerated",
            "兹证明 prose, courses enumerated '1. …；2. …', '培训时长2天，计16学时'",
            "结业证书 text with the course list on one line",
        ),
    ),
    "training_notice": (
        _f("training_notice", "red_header", "红头 notice + schedule or sign-in sheet", _ORIG, 2),
        _f(
            "training_notice",
            "lecture",
            "学术讲座通知 (主讲人/时间/地点 labels) + sign-in sheet with 职称 and 签名 columns",
            "签到表 elements (会议名称/时间/地点, 姓名/职务/单位/签名) https://newtohg.com/jiao/404220.html",
        ),
        _f(
            "training_notice",
            "roster",
            "notice whose 参训人员名单 is a ruled table (序号/姓名/单位), Chinese-numeral dates",
            "培训通知 with an attached trainee list (附件：参训人员名单)",
        ),
    ),
    "online_course_certificate": (
        _f("online_course_certificate", "classic", "学习证明 prose, optional course rows", _ORIG, 2),
        _f(
            "online_course_certificate",
            "course_table",
            "学时证明 with a ruled course table (课程名称/类型/学时/完成时间) and a 合计 row",
            "继续教育 platform printouts (公需课/专业课 学时证明) described at https://www.fudaoke.com/exam/531523.html",
        ),
        _f(
            "online_course_certificate",
            "enumerated",
            "courses enumerated on one line with hours '1. …（3学时）；2. …', Chinese-numeral date",
            "platform 学时证明 variants printing the course list as text",
        ),
    ),
    "conference_record": (
        _f("conference_record", "classic", "邀请函 + 回执 + 学习笔记", _ORIG, 2),
        _f(
            "conference_record",
            "english",
            "English invitation letter (Dear Dr. …; March 15-16, 2023) + 回执 with ☒是 □否",
            "invitation letters of international conferences held in China",
        ),
        _f(
            "conference_record",
            "notice",
            "会议通知 with 会议时间 in Chinese numerals + 回执 as a ruled table",
            "学会 会议通知 with 参会回执 attachment",
        ),
    ),
    "practice_activity": (
        _f("practice_activity", "classic", "活动通知 + 派遣通知 or 工作日志", _ORIG, 2),
        _f(
            "practice_activity",
            "log_table",
            "工作日志 as a ruled table (日期/地点/工作内容/天数) with 合计 row",
            "下乡服务 工作记录表 forms",
        ),
        _f(
            "practice_activity",
            "cn_dates",
            "派遣函 prose with Chinese-numeral dates and the names enumerated '1. …；2. …'",
            "科技特派员 派遣函 wording",
        ),
    ),
    "project_completion": (
        _f("project_completion", "classic", "label: value lines (项目主持人, 项目组成员)", _ORIG, 2),
        _f(
            "project_completion",
            "member_table",
            "课题组成员 table (序号/姓名/单位/职称/分工: 主持人/主要参加人/参加人), rank by row",
            "课题组主要成员名单 table of 结题鉴定审批书 (咸阳市基础教育科研课题, found via the pages search)",
        ),
        _f(
            "project_completion",
            "checkbox",
            "结题审批 form: 鉴定结论 ☒同意结题 □暂缓结题, members enumerated, Chinese-numeral date",
            "结题审批表 / 结项证书 forms with tick boxes",
        ),
    ),
    "digital_skills_exam": (
        _f("digital_skills_exam", "classic", "certificate, passed modules one per row", _ORIG, 2),
        _f(
            "digital_skills_exam",
            "enumerated",
            "passed modules enumerated on one line '1. …；2. …', no '共N个' count",
            "数字技术应用能力 合格证书 variants",
        ),
        _f(
            "digital_skills_exam",
            "score_table",
            "score report: 模块/成绩/合格线 table, some modules below the pass mark",
            "人事考试 成绩单 layout (科目/成绩/合格标准)",
        ),
    ),
    "aid_assignment": (
        _f("aid_assignment", "classic", "选派通知 + 考核表 (考核结果 合格)", _ORIG, 2),
        _f(
            "aid_assignment",
            "checkbox",
            "考核登记表 with 考核等次 ☒优秀 □称职 □基本称职 □不称职",
            "援派干部 考核登记表 (考核等次 tick boxes)",
        ),
        _f(
            "aid_assignment",
            "cn_dates",
            "派遣函 and 考核意见 in prose, dates in Chinese numerals (二〇二二年三月至二〇二三年二月)",
            "组织部 选派函 wording",
        ),
    ),
    "degree_transcript": (
        _f("degree_transcript", "classic", "score table, 60 pass line note", _ORIG, 2),
        _f(
            "degree_transcript",
            "grades",
            "grades as 优秀/良好/中等/及格/不及格 or 合格/不合格 instead of scores",
            "graded transcripts (ECNU five-level rules, http://m.yangchengxie.com/zhengce/414.html)",
        ),
        _f(
            "degree_transcript",
            "two_column",
            "two courses per table row (课程/学分/成绩 ×2), pass line stated in the header",
            "two-column graduate transcripts as printed by university record offices",
        ),
    ),
    "qualification_exam_scores": (
        _f("qualification_exam_scores", "classic", "score table with 合格标准 column", _ORIG, 2),
        _f(
            "qualification_exam_scores",
            "pass_line",
            "成绩 table without a per-row mark; one '合格线：60分' line under it",
            "人事考试网 成绩查询 printouts",
        ),
        _f(
            "qualification_exam_scores",
            "enumerated",
            "成绩通知单 prose: '科目一：《…》75分（合格标准60分）；科目二：…' on one line",
            "成绩通知单 wording",
        ),
    ),
    "overseas_exchange": (
        _f("overseas_exchange", "classic", "邀请函 + 回执 or completion certificate", _ORIG, 2),
        _f(
            "overseas_exchange",
            "english",
            "English invitation letter from the host (Dear Mr./Ms. pinyin name, dates in English)",
            "invitation letters of foreign universities for visiting scholars",
        ),
        _f(
            "overseas_exchange",
            "approval",
            "任务批件 in the place of the 回执: table (姓名/单位/职务), 在外天数, Chinese-numeral dates",
            "因公出国（境）任务批件 layout",
        ),
    ),
    "hours_recognition_sheet": (
        _f("hours_recognition_sheet", "classic", "one row per year (年度/公需/专业/合计)", _ORIG, 2),
        _f(
            "hours_recognition_sheet",
            "transposed",
            "years as columns, 公需/专业/合计 as rows",
            "继续教育登记表 pages (年度学时认定 grid)",
        ),
        _f(
            "hours_recognition_sheet",
            "enumerated",
            "prose list '2019年度：公需科目30学时，专业科目60学时；2020年度：…', 合计 at the end",
            "学时认定证明 letters listing years in prose",
        ),
    ),
    "public_institution_training": (
        _f("public_institution_training", "classic", "合格证书 prose", _ORIG, 2),
        _f(
            "public_institution_training",
            "form",
            "ruled form: 培训类别/学时/考核结果 ☒合格 □不合格, Chinese-numeral date",
            "事业单位工作人员培训 合格证明 forms",
        ),
        _f(
            "public_institution_training",
            "printout",
            "platform printout: table 培训项目/学时/完成日期 (dash date), 证书编号 first",
            "事业单位培训平台 证书 printouts",
        ),
    ),
    "other": (
        _f("other", "id_card", "居民身份证", _ORIG),
        _f("other", "invoice", "增值税发票", _ORIG),
        _f("other", "unrelated_page", "工作总结 and similar pages", _ORIG),
        # issue #12 (pubs-12f): pages that look like a publication and are none
        _f(
            "other",
            "conference_paper",
            "conference paper's first page: 'The Nth International Conference on …' / "
            "Proceedings, authors in columns, Abstract—, ISBN and ©IEEE line at the foot",
            "IEEE conference first pages in the real corpus (r141, r142)",
        ),
        _f(
            "other",
            "research_poster",
            "research poster: title banner, authors, institutions, Abstract/Method/Results sections",
            "conference poster in the real corpus (r097)",
            0.5,
        ),
        _f(
            "other",
            "acceptance_notice",
            "journal's 论文录用通知 (拟于N年第N期刊出, ISSN/CN, 编辑部 seal) or an "
            "English acceptance letter: a promise to publish, not a publication",
            "acceptance notice in the real corpus (r185)",
        ),
    ),
}


# -- the certificate families of issue #12 (certs-12g): each modelled on a kind of document of the
# real corpus (tests/data/real) that the held-out CV typed wrong; their data and layouts live in
# sample_docs/items_certs.py and sample_docs/layouts/more_certs.py.
_REAL = "a kind of the real corpus (tests/data/real {}), modelled on its layout, not its text"
# The English families weigh 0.5: English pages are the rarer uploads, and at full weight they took
# a share of a type's training pages from its Chinese families that, in the leave-family-out folds,
# sent Chinese notices to conference_record (0.997 in fold 0's validation, threshold 1.00).
_EN = 0.5
# The 软考 families weigh 0.5 (typing-12k): at 1 each they made 2 of qualification_exam_scores' 5
# weight units 计算机/考试/合格 pages, and digital-skills certificates, which share those words,
# fell under the reject line (tests/test_understand.py, digital_skills_exam).
_RK = 0.5
CERTS_12G: dict[str, tuple[Family, ...]] = {
    "award_certificate": (
        _f("award_certificate", "competition",
           "student contest 荣誉证书: '…同学：在…第N届…竞赛中 荣获： 一等奖', 负责人/指导老师/团队成员, "
           "the applicant a winner (rank by position) or the teacher; no level (a school's contest)",
           _REAL.format("r012, r044, r112")),
        _f("award_certificate", "english",
           "English contest certificate: 'Certificate of Achievement … awarded to' a team in pinyin, "
           "Coach, 'Third Prize', month and year only",
           _REAL.format("r015"), _EN),
    ),
    "online_course_certificate": (
        _f("online_course_certificate", "english",
           "English online-course certificate: 'CERTIFICATE OF COMPLETION/COMPETENCY … awarded to … "
           "for the successful completion of', hours and dates only sometimes",
           _REAL.format("r192, r118"), _EN),
    ),
    "training_certificate": (
        _f("training_certificate", "english",
           "English 'Certificate of Attendance': '… has attended the training course …', "
           "'Granted by … on 28 March 2024', dates and hours only sometimes",
           _REAL.format("r193"), _EN),
        _f("training_certificate", "participation_en",
           "English 'Certificate of Participation' of a faculty-development programme, short-term training "
           "or workshop: 'has participated and successfully completed two days Faculty Development Program "
           "on …', dates 'from 17/01/2024 to 18/01/2024' / '4th Dec to 8th Dec 2023', '5 Days' or "
           "'10 Hours' only sometimes, coordinator/convener/director signatures, a Cert No sometimes; "
           "a summer or winter school of one to two weeks among the programmes (training-15d)",
           _REAL.format("r271, r277, r278, r280, r281, r286, r307"), _EN),
    ),
    "training_notice": (
        _f("training_notice", "english",
           "English summer-school welcome notice (module lead, dates, how to prepare) + a Name/Signature "
           "attendance sheet",
           _REAL.format("r241, r242"), _EN),
    ),
    "conference_record": (
        _f("conference_record", "participation_en",
           "English certificate of participation in a webinar or a one/two-day seminar ('… held on 7th "
           "January 2023'), or an international conference's certificate of presentation ('presented a "
           "research paper titled … during …'); organiser's header, two or three signatures",
           _REAL.format("r283, r284, r285"), _EN),
    ),
    "overseas_exchange": (
        _f("overseas_exchange", "conference_en",
           "invitation letter of an international conference abroad: badge/passport block, "
           "'Dear …, You are invited to participate in …', the letter alone",
           _REAL.format("r194"), _EN),
        # overseas-13e: a stay abroad of months, typed `other` before (a scholarship's words, no
        # conference or invitation); one family, three forms, so that no single layout is learnt
        _f("overseas_exchange", "study_abroad",
           "a stay abroad of months: a funder's 出国留学资格证书 / 派出证明 (入选…项目，以访问学者身份赴…"
           "留学，留学期限N个月（D至D），资助…奖学金), a host's English confirmation of a stay "
           "('stayed at our university as a visiting scholar / exchange student from … to …'), or "
           "a funder's English letter of award of a study-visit scholarship (host institution, host "
           "country, period of stay in a table)",
           _REAL.format("r321, r322, r319, r320"), 2),
    ),
    "qualification_exam_scores": (
        _f("qualification_exam_scores", "certificate",
           "软考 certificate (计算机技术与软件专业技术资格): 姓名/资格名称/资格级别/批准日期/管理号, "
           "no subject count",
           _REAL.format("r006, r014"), _RK),
        _f("qualification_exam_scores", "query",
           "软考 result-query screenshot: browser bar, 考试时间/资格/姓名/管理编号, 继续查询",
           _REAL.format("r007"), _RK),
    ),
    "hours_recognition_sheet": (
        _f("hours_recognition_sheet", "record_table",
           "employer's per-training record table: 培训项目名称 / 培训学时 (理论:2) / 培训形式 / "
           "结业方式 ☒考试 □考核 / 成绩 / 举办单位, years in the training names, 合计",
           _REAL.format("r197")),
    ),
    "other": (
        _f("other", "honour_certificate",
           "honour title 荣誉证书 (三好学生, 国际交流之星: 被评为 …) or a scholarship "
           "(获奖证书: 荣获…一等奖学金)",
           _REAL.format("r209, r104, r180")),
        _f("other", "participation_certificate",
           "certificate of participation in a contest or a run with a placing (第98名 / 共218队; English "
           "lines): the event makes it non-evidence, not the phrase (typing-12k)",
           _REAL.format("r198")),
        _f("other", "event_invitation",
           "invitation to a product launch, gala or campus recruiting talk (邀请函 / Invitation Letter)",
           _REAL.format("r122, r187")),
        _f("other", "exam_score_query",
           "language-exam score query on a phone (CET-4/6: 总分, 听力/阅读/写作和翻译, 准考证号)",
           _REAL.format("r004")),
    ),
}


def _register(extra: dict[str, tuple[Family, ...]]) -> None:
    """Append a group of families to their types' lists (after the ones there: folds stay put)."""
    for etype, fams in extra.items():
        FAMILIES[etype] = (*FAMILIES[etype], *fams)


_register(CERTS_12G)

# Look-alikes of an award that name prizes or a contest and certify none (issue #12, other-12m).
OTHER_12M: dict[str, tuple[Family, ...]] = {
    "other": (
        _f("other", "prize_list",
           "a page naming many prizes and certifying none: a student's record sheet of contests in "
           "rows (比赛名称/比赛级别/获奖级别/获奖时间/排序) or an annual meeting's agenda whose award "
           "ceremony lists categories with head counts and a lucky draw's 一/二/三等奖",
           _REAL.format("r009, r114, r245")),
        _f("other", "contest_submission",
           "a contest's online submission confirmation (提交时间, 作品信息: 参赛论文/支撑材料, "
           "参赛队编号/赛区/成员/指导教师): an entry handed in, not a prize",
           _REAL.format("r022")),
        # notice-12o: the contest words of an award in a notice's form (文号, 各有关高校, 附件)
        _f("other", "contest_notice",
           "a contest's notice as an office forwards it (red header, 文号, 各有关高校, 附件) or a "
           "school's implementation plan of its selection round (实施方案: numbered sections, "
           "时间安排, 奖项设置 with quotas, 联系人): a contest announced, not a prize",
           _REAL.format("r308, r310")),
    ),
}
_register(OTHER_12M)

# An institution's English notices (issue #12, notice-13d): the same form (header, Ref. No. and
# date, NOTICE, "This is to inform all ... that ...", signer, copy-to list) for a training announced
# to its audience and for anything else an office announces; what is announced decides the type,
# not the form, the audience or the venue (a Seminar Hall hosts meetings too).
NOTICE_13D: dict[str, tuple[Family, ...]] = {
    "training_notice": (
        _f("training_notice", "notice_en",
           "an institution's notice of a workshop, faculty development programme, expert lecture, "
           "training, course or bootcamp to its faculty or students: Ref. No./Dated, NOTICE, the programme "
           "on “topic”, date, time and venue in the sentence or as label lines, the resource person, "
           "objectives or a session schedule sometimes, 'are requested to attend', signer, copy-to list; "
           "alone or with an S.No./Name/Designation/Signature attendance sheet",
           _REAL.format("r289, r290, r291"), _EN),
    ),
    "conference_record": (
        _f("conference_record", "notice_en",
           "the same notice form for a conference, seminar, symposium or summit event the institution hosts "
           "or organises: when and how (online, hybrid, a hall), a call for papers or abstracts, "
           "registration fees by category, 'directed to register', the last date; alone or with the "
           "applicant's registration confirmation",
           _REAL.format("r292, r294"), _EN),
    ),
    "other": (
        _f("other", "office_notice_en",
           "the same institution's notice form for no training: examinations (guidelines as bullets), a "
           "holiday, a celebration, a meeting with its agenda, a fee's last date, timings, an NSS camp, a "
           "fest with its events enumerated; venue sometimes a Seminar Hall",
           _REAL.format("r295, r296, r297, r298, r299"), _EN),
    ),
}
_register(NOTICE_13D)


def names(evidence_type: str) -> list[str]:
    return [f.name for f in FAMILIES[evidence_type]]


def all_names() -> list[str]:
    return [f.name for fams in FAMILIES.values() for f in fams]


def family(name: str) -> Family:
    etype = name.split("/", 1)[0]
    for f in FAMILIES.get(etype, ()):
        if f.name == name:
            return f
    raise KeyError(f"unknown layout family {name!r}; known: {', '.join(all_names())}")


def pick(rng: random.Random, evidence_type: str, exclude: frozenset[str] | set[str] = frozenset()) -> str:
    """A family of ``evidence_type`` by the default weights, never one of ``exclude``."""
    fams = [f for f in FAMILIES[evidence_type] if f.name not in exclude]
    if not fams:
        raise ValueError(f"every layout family of {evidence_type} is excluded")
    return rng.choices([f.name for f in fams], [f.weight for f in fams])[0]
