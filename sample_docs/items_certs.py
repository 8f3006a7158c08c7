"""Item data of the certificate families of issue #12 (sample_docs/families.py, "certs-12g").

Kept apart from items.py so that the families added by different sessions merge without
conflict: ``build`` is called first by ``items._build`` and returns None for every family it does
not own. Each builder returns the truth fields (docs/contract.md section 3) that the page shows,
and nothing it does not: a student contest names no level (rules.md 2.5 then gives 0 hours and
``level_unreadable``), a qualification certificate no count of subjects passed.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sample_docs import dates, vocab
from sample_docs.items import ItemSpec, Person, _cert_no, _iso, _person_fields

# -- word lists (invented; shaped on the kinds of the real corpus, no document's text) ----------

SCHOOLS = ("湖南文理学院", "常德职业技术学院", "湖南工业职业学院", "湘南理工学院", "洞庭师范学院")
SCHOOLS_EN = (
    "Hunan University of Arts and Science",
    "Changde Vocational Technical College",
    "Hunan Industry Polytechnic",
    "Xiangnan Institute of Technology",
    "Dongting Normal University",
)
CONTESTS = (
    "ACM程序设计竞赛",
    "大学生创新创业大赛",
    "电子设计竞赛",
    "数学建模竞赛",
    "机器人大赛",
    "物理实验竞赛",
    "智能车竞赛",
    "大学生英语演讲比赛",
    "科技创新作品竞赛",
    "软件设计大赛",
)
TRACKS = ("本科生创意组", "高职组", "主赛道", "研究生组", "团体赛", "")
CONTESTS_EN = (
    ("ACM-ICPC Programming Contest", "ACM-ICPC Asia Regional Director"),
    ("Collegiate Mathematical Contest in Modeling", "Contest Committee Chair"),
    ("Robotics Challenge", "Chair of the Organizing Committee"),
    ("Intelligent Vehicle Competition", "Chief Judge"),
)
PROVINCES_EN = ("Hunan", "Hubei", "Jiangxi", "Guangdong", "Liaoning")
GRADES_EN = {1: "First Prize", 2: "Second Prize", 3: "Third Prize"}
ONLINE_EN = (  # (platform, issuer, course) of English online-course certificates
    ("Coursera", "Coursera", "Machine Learning Foundations"),
    ("edX", "edX", "Introduction to Data Science"),
    ("Deep Learning Institute", "NVIDIA Deep Learning Institute", "Fundamentals of Accelerated Computing"),
    ("Udacity", "Udacity", "Sensor Fusion Engineer"),
    ("FutureLearn", "FutureLearn", "Clinical Research Methods"),
)
TRAINING_EN = (  # (issuer, course) of English training certificates of attendance
    ("QA Ltd", "Developing on AWS"),
    ("British Council", "Teaching English for Academic Purposes"),
    ("Royal College of Nursing", "Infection Prevention and Control"),
    ("Cisco Networking Academy", "Network Security Essentials"),
    ("World Health Organization", "Emergency Triage Assessment and Treatment"),
)
SUMMER_EN = (  # (host, module) of an English summer school
    ("University College London", "Data Science and Big Data Analytics"),
    ("University of Edinburgh", "Global Health Policy"),
    ("National University of Singapore", "Urban Water Management"),
    ("University of Melbourne", "Agricultural Economics"),
)
CONFERENCES_EN = (  # (name, city, venue) of conferences held abroad
    ("International Conference on Learning Representations", "Singapore", "Singapore EXPO"),
    ("World Congress of Soil Science", "Glasgow", "Scottish Event Campus"),
    ("International Council of Nurses Congress", "Montreal", "Palais des congres"),
    ("International Symposium on Rice Functional Genomics", "Tokyo", "Tokyo International Forum"),
)
RUANKAO = (  # 软考 资格名称 and 级别
    ("网络工程师", "中级"),
    ("软件设计师", "中级"),
    ("系统集成项目管理工程师", "中级"),
    ("信息系统项目管理师", "高级"),
    ("网络管理员", "初级"),
    ("程序员", "初级"),
)
RECORD_TRAININGS = (  # an employer's own trainings, (name, kind of hours)
    ("调图培训", "理论"),
    ("消防安全知识培训", "安全"),
    ("防暑降温培训", "安全"),
    ("岗位脱产轮训", "理论"),
    ("防洪培训", "理论"),
    ("劳动安全培训", "安全"),
    ("业务规章培训", "理论"),
    ("应急处置演练培训", "安全"),
    ("新技术新设备培训", "理论"),
    ("职业道德教育培训", "理论"),
)
HONOUR_TITLES = (
    "三好学生",
    "优秀学生干部",
    "国际交流之星",
    "优秀共青团员",
    "优秀志愿者",
    "学习标兵",
    "优秀班干部",
    "社会实践先进个人",
    "优秀报道奖",
)
# a scholarship prints "一等奖学金": a prize word inside a non-evidence title
SCHOLARSHIPS = ("校综合一等奖学金", "学业二等奖学金", "国家励志奖学金", "一等奖学金", "优秀学生三等奖学金")
PARTICIPATION_EVENTS = (("人工智能公开挑战赛", "Open AI Challenge"), ("城市马拉松", "City Marathon"),
                        ("校园黑客松", "Campus Hackathon"), ("数据挖掘挑战赛", "Data Mining Challenge"))
LAUNCH_EVENTS = ("新品发布会", "年度客户答谢会", "校园宣讲会", "品牌战略发布会", "开业庆典")
LAUNCH_EVENTS_EN = ("Campus Recruiting Information Session", "Product Launch Event", "Annual Customer Gala")
COMPANIES = ("湖南星辰科技有限公司", "常德新锐汽车销售有限公司", "湘江数码股份有限公司", "洞庭云智能有限公司")
# prize lists (issue #12, other-12m): pages that name many prizes and certify none
PRIZE_GRADES = ("一等奖", "二等奖", "三等奖", "特等奖", "优秀奖", "金奖", "银奖", "铜奖")
PRIZE_LEVELS = ("国家级", "省级", "市级", "校级")
STAFF_PRIZES = ("优秀员工", "先进集体", "优秀管理者", "安全生产奖", "创新贡献奖", "优秀党员", "年度新人奖",
                "服务之星")
SUBMISSION_CONTESTS = ("全国大学生数学建模竞赛", "中国大学生计算机设计大赛", "全国大学生电子设计竞赛",
                       "挑战杯大学生课外学术科技作品竞赛", "大学生创新创业训练计划项目")
SUBMISSION_TITLES = ("基于深度学习的交通流量预测", "校园共享单车调度优化模型", "智能温室环境监测系统",
                     "城市垃圾分类回收路径规划", "面向老年人的健康监护手环")


def _prize_list(rng: random.Random, p: Person, year: int, school: str) -> dict[str, Any]:
    """A page that lists many prizes: a student's record sheet of contests (创新创业成绩单 /
    获奖情况登记表), or an annual meeting's agenda with its award categories and head counts."""
    if rng.random() < 0.55:
        prefix = ["全国", "湖南省", "第八届", "第十二届", ""]
        rows = [{"contest": f"{rng.choice(prefix)}{rng.choice(CONTESTS)}",
                 "level": rng.choice(PRIZE_LEVELS), "grade": rng.choice(PRIZE_GRADES),
                 "when": f"{rng.randint(year - 3, year)}-{rng.randint(1, 12):02d}", "rank": rng.randint(1, 5)}
                for _ in range(rng.randint(3, 8))]
        return {"variant": "record", "rows": rows,
                "sheet": rng.choice(["创新创业成绩单", "学生获奖情况登记表", "学科竞赛获奖记录",
                                     "第二课堂成绩单"])}
    awards = rng.sample(STAFF_PRIZES, rng.randint(3, 6))
    draws = rng.sample(PRIZE_GRADES[:4], rng.randint(2, 4))
    return {"variant": "agenda", "company": rng.choice(COMPANIES), "year": year,
            "awards": [(a, rng.randint(2, 40)) for a in awards],
            "draws": [(g, rng.choice([2, 5, 10, 20, 30, 50, 100])) for g in draws],
            "start": rng.choice([9, 13, 14])}


# English certificates of participation that are evidence (typing-12k): what was taken part in
# (a faculty-development programme, a workshop, a webinar, a seminar, a conference talk) makes
# them evidence, not the phrase. Invented institutes and topics, shaped on the kinds of r271-r286.
INSTITUTES_EN = (  # (institute, place line)
    ("Sahyadri Institute of Management and Research", "Nashik - 422 005"),
    ("Shivneri College of Engineering", "Pune - 411 041"),
    ("Konkan Institute of Computer Applications", "Ratnagiri - 415 612"),
    ("Deccan School of Business Studies", "Kolhapur - 416 003"),
    ("Dongting Normal University, School of Education", "Changde, Hunan"),
    ("Xiangnan Institute of Technology, Teacher Development Centre", "Chenzhou, Hunan"),
)
PROGRAMMES_EN = (  # (name, who signs under it)
    ("Faculty Development Program", "FDP Coordinator"),
    ("Faculty Development Programme", "Programme Coordinator"),
    ("Short Term Training Programme", "Course Coordinator"),
    ("Intensive Workshop", "Workshop Coordinator"),
    ("Hands-on Workshop", "Workshop Coordinator"),
    # training-15d: a summer or winter school's certificate of participation (r307; r258 abroad)
    ("Summer School", "Organising Committee"),
    ("Winter School", "School Coordinator"),
)
TOPICS_EN = (
    "Generative AI Tools for Teaching and Research",
    "Outcome Based Education and Accreditation",
    "Research Methodology and Data Analysis using Python",
    "Blockchain Technology and its Applications",
    "Cyber Security Awareness for Educators",
    "Statistics and Machine Learning Techniques",
    "Innovative Pedagogy and Course Design",
)
EVENTS_EN = ("Webinar", "Online One Day National Seminar", "One Day National Level Seminar",
             "International Webinar", "Two Day National Seminar")
CONF_ROLES_EN = ("Convener", "Director", "IQAC Coordinator", "Organising Secretary", "Principal")
SIGN_ROLES_EN = ("Convener", "Director", "Principal", "Head of Department", "Vice Principal", "Dean")


# contest notices (issue #12, notice-12o): the notice or plan of a contest names its prizes and
# quotas and certifies no one's prize
NOTICE_OFFICES = (("湖南省教育厅", "湘教通"), ("常德市教育局", "常教通"), ("湖南省科学技术协会", "湘科协通"),
                  ("共青团湖南省委员会", "湘团联"))
NOTICE_AUDIENCES = ("各有关高校：", "各普通高等学校：", "各市州教育（体）局，各有关高校：", "各学院（部）：")
NOTICE_TOPICS = ("智慧农业", "乡村振兴", "人工智能应用", "绿色低碳", "校园服务", "数字文旅")


def _contest_notice(rng: random.Random, year: int, school: str) -> dict[str, Any]:
    """A contest's notice as an office forwards it (red header, 文号, 各有关高校, 附件) or a
    school's plan of its selection round (实施方案: numbered sections, 奖项设置 with quotas)."""
    office, prefix = rng.choice(NOTICE_OFFICES)
    edition = rng.choice(["第五届", "第七届", "第十届", "第十二届", "", f"{year}年"])
    contest = f"{edition}{rng.choice(['全国', '湖南省', ''])}{rng.choice(CONTESTS)}"
    grades = [g for g in ("特等奖", "一等奖", "二等奖", "三等奖", "优秀奖") if rng.random() < 0.7]
    grades = grades or ["一等奖"]
    return {
        "variant": rng.choice(["forward", "plan"]),
        "office": office if rng.random() < 0.6 else school,
        "doc_number": f"{prefix}〔{year}〕{rng.randint(3, 90)}号" if rng.random() < 0.75 else "",
        "contest": contest,
        "audience": rng.choice(NOTICE_AUDIENCES),
        "topics": rng.sample(NOTICE_TOPICS, rng.randint(2, 4)),
        "quotas": [(g, rng.choice([1, 2, 3, 5, 8, 10, 15, 20]), rng.choice(["项", "名", "个", "%"]))
                   for g in grades],
        "steps": sorted((rng.randint(1, 6), rng.randint(1, 28)) for _ in range(rng.randint(2, 4))),
        "contact": vocab.person_name(rng),
        "phone": f"0731-{rng.randint(80000000, 89999999)}",
        "host": rng.choice(SCHOOLS),
    }


# An institution's notices in English (issue #12, notice-13d): one form (header, Ref. No. and
# date, NOTICE, "This is to inform all ... that ...", the principal's signature, a copy-to list)
# for a training announced to its audience (training_notice) and for anything else an office
# announces (examinations, holidays, celebrations, meetings, fees, timings, camps: `other`). What
# is announced decides the type, not the form, the audience or the venue ("Seminar Hall" hosts
# a meeting as well as a workshop). Invented wording, shaped on the kinds of r289-r291 and
# r295-r299; no document's text.
DEPARTMENTS_EN = ("Department of Computer Science and Engineering", "Department of Business Administration",
                  "Department of Pharmacy", "Research and Development Cell",
                  "Internal Quality Assurance Cell",
                  "Institution's Innovation Council", "Training and Placement Cell",
                  "Department of Electronics and Communication Engineering", "Department of Applied Sciences")
AUDIENCES_EN = ("all faculty members", "all the faculty members and research scholars", "all teaching staff",
                "all the students of B.Tech. third year", "all MBA students", "all HODs and faculty members",
                "all the students and faculty members of the department")
VENUES_EN = ("Seminar Hall, Block-A", "Seminar Hall (Ground Floor)", "Conference Hall, Admin Block",
             "Auditorium",
             "Computer Lab 2, Block-C", "Board Room", "Room 204, Academic Block", "Main Hall")
TRAINING_KINDS_EN = ("Workshop", "Hands-on Workshop", "Two Day Workshop", "Faculty Development Programme",
                     "Expert Lecture", "Training Programme", "Short Term Course", "Bootcamp",
                     "Training Session")
DESIGNATIONS_EN = ("Professor", "Associate Professor", "Assistant Professor", "Senior Data Scientist",
                   "Founder & CEO", "Corporate Trainer", "Scientist")
OBJECTIVES_EN = ("To build practical skills through guided hands-on exercises",
                 "To introduce the participants to current tools and methods",
                 "To discuss case studies and good practice",
                 "To help participants apply the methods in their own teaching and research",
                 "To give an overview of funding agencies and their schemes",
                 "To answer the participants' questions in an open session")
SIGNERS_EN = ("Principal", "Director", "Dean Academics", "Registrar", "Head of Department")
COPY_EN = ("Hon'ble Chairman for kind information", "Director Academics", "All HODs", "Accounts Section",
           "Concerned Officials", "Notice Board", "Office File", "Website / ERP")
# what else an office announces: (kind, subject words); the body is written per kind by the layout
NOTICE_EVENTS_EN = {
    "exams": ("Mid-Semester Test", "End-Semester Practical Examination", "Supplementary Examination"),
    "holiday": ("Diwali", "Republic Day", "Holi", "the local elections", "Independence Day"),
    "celebration": ("Republic Day", "Teachers' Day", "Annual Day", "Independence Day", "Foundation Day"),
    "meeting": ("Academic Council", "Faculty Meeting", "Meeting of all HODs", "Parent-Teacher Meeting"),
    "fees": ("semester fee", "hostel fee", "examination fee"),
    "timings": ("library", "hostel lift", "college bus", "canteen"),
    "camp": ("Blood Donation Camp", "Cloth Donation Drive", "Tree Plantation Drive", "Cleanliness Drive"),
    "fest": ("Annual Sports Meet", "Cultural Fest", "Literary Week", "Inter-House Quiz"),
}


def _notice_frame(rng: random.Random, year: int) -> dict[str, Any]:
    """The form every notice of an institution shares: header, Ref. No., date, heading, signer."""
    host, place = rng.choice(INSTITUTES_EN)
    when = dates.random_date(rng, year, (1, 12))
    abbr = "".join(w[0] for w in host.replace(",", "").split() if w[0].isupper())[:5]
    return {
        "host": host, "place": place, "date": when,
        "ref": f"{abbr}/{rng.choice(['Admin', 'Acad', 'Notice', 'DEAN'])}/{when.year}/{rng.randint(3, 420)}",
        "date_form": rng.choice(["dmy_dot", "dmy_slash", "dmy_dash"]),
        "heading": rng.choice(["NOTICE", "Notice", "CIRCULAR", "OFFICE NOTICE"]),
        "signer": vocab.romanised(vocab.person_name(rng)), "signer_role": rng.choice(SIGNERS_EN),
        "copy_to": rng.sample(COPY_EN, rng.randint(0, 6)),
        "copy_word": rng.choice(["Copy to:", "CC:", "PA to:", "Copy for information to:"]),
        "venue": rng.choice(VENUES_EN), "hour": rng.choice(["09:30 AM", "10:00 AM", "11:00 AM", "02:00 PM"]),
    }


def _notice_en(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An institution's notice of a workshop, programme, lecture or course to its faculty or
    students, alone or with the attendance sheet (material set 1.4): the programme, its topic,
    the resource person, date, time and venue, whom it asks to attend."""
    frame = _notice_frame(rng, year)
    kind, topic = rng.choice(TRAINING_KINDS_EN), rng.choice(TOPICS_EN)
    days = 2 if kind.startswith("Two Day") else rng.choice([1, 1, 1, 2, 3, 5])
    start = frame["date"] + dt.timedelta(days=rng.randint(1, 9))
    end = start + dt.timedelta(days=days - 1)
    pages = o.get("pages") or rng.choice([["training_notice"], ["training_notice"],
                                           ["training_notice", "sign_in_sheet"]])
    absent = o.get("name_absent", False) or "sign_in_sheet" not in pages  # a notice names nobody
    names = vocab.other_names(rng, rng.randint(8, 18), {p.name})
    if not absent:
        names.insert(rng.randrange(len(names)), p.name)
    fields: dict[str, Any] = {"title": topic, "start_date": _iso(start), "end_date": _iso(end),
                              "issuer": frame["host"], **_person_fields(p, absent)}
    data = {
        **frame, "programme": kind, "topic": topic, "start_date": start, "end_date": end, "days": days,
        "department": rng.choice(DEPARTMENTS_EN), "audience": rng.choice(AUDIENCES_EN),
        "speaker": rng.choice(["Dr. ", "Prof. ", "Mr. ", "Ms. "]) + vocab.romanised(vocab.person_name(rng)),
        "speaker_post": f"{rng.choice(DESIGNATIONS_EN)}, {rng.choice(SCHOOLS_EN)}",
        "objectives": rng.sample(OBJECTIVES_EN, rng.choice([0, 0, 3, 4])),
        "sessions": rng.random() < 0.3,
        "layout": rng.choice(["prose", "labels"]),  # date/time/venue in the sentence or as label lines
        "ask": rng.choice(["requested to attend", "encouraged to attend", "directed to attend",
                           "requested to participate in", "advised to register for and attend"]),
        "names": [vocab.romanised(n) for n in names],
    }
    return ItemSpec("training_notice", fields, data, pages, key=f"notice_en:{topic}:{start}")


CONF_EVENTS_EN = ("National Conference on {t}", "International Conference on {t}", "National Seminar on {t}",
                  "State Level Symposium on {t}", "Pre-Summit Event of the National Summit on {t}",
                  "Youth Summit on {t}")
CONF_THEMES_EN = ("Recent Developments in Applied Mathematics", "Sustainable Energy Systems",
                  "Artificial Intelligence for Social Good", "Emerging Trends in Management",
                  "Advances in Pharmaceutical Sciences", "Smart Agriculture and Rural Innovation")
PARTNERS_EN = ("the State Council of Science and Technology", "IEEE Student Branch",
               "the Ministry of Electronics & IT",
               "an industry partner", "the Indian Society for Technical Education")


def _conference_notice_en(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An institution's notice that it hosts a conference, seminar, symposium or summit event:
    the same frame as a workshop's notice, with what a conference asks (papers or abstracts,
    registration and its fee, a last date, proceedings, a keynote); alone, or with the
    applicant's registration confirmation (a receipt, material of a conference record)."""
    frame = _notice_frame(rng, year)
    theme = rng.choice(CONF_THEMES_EN)
    event = rng.choice(CONF_EVENTS_EN).format(t=theme)
    days = 1 if "Summit" in event or ("Seminar" in event and rng.random() < 0.5) else rng.choice([2, 2, 3])
    start = frame["date"] + dt.timedelta(days=rng.randint(5, 40))
    end = start + dt.timedelta(days=days - 1)
    pages = o.get("pages") or rng.choice([["conference_invitation"],
                                           ["conference_invitation", "conference_receipt"]])
    absent = o.get("name_absent", False) or "conference_receipt" not in pages
    fields: dict[str, Any] = {"title": event, "start_date": _iso(start), "end_date": _iso(end), "days": days,
                              "issuer": frame["host"], **_person_fields(p, absent)}
    printed = p.name if not absent else vocab.person_name(rng)
    data = {
        **frame, "event": event, "theme": theme, "start_date": start, "end_date": end, "days": days,
        "department": rng.choice(DEPARTMENTS_EN), "audience": rng.choice(AUDIENCES_EN),
        "partner": rng.choice(PARTNERS_EN) if rng.random() < 0.5 else "",
        "mode": rng.choice(["in online mode", "in hybrid mode", f"in the {rng.choice(VENUES_EN)}"]),
        "call": rng.random() < 0.6, "fees": rng.choice([(300, 500, 1000), (500, 800, 1500), (0, 0, 0)]),
        "deadline": start - dt.timedelta(days=rng.randint(3, 12)),
        "keynote": rng.choice(["Dr. ", "Prof. "]) + vocab.romanised(vocab.person_name(rng))
        if rng.random() < 0.5 else "",
        "person_name_printed": rng.choice(["Dr. ", "Prof. ", "Mr. ", "Ms. "]) + vocab.romanised(printed),
        "reg_id": f"{frame['ref'].split('/')[0]}-{start.year}-{rng.randint(100, 999)}",
        "home": rng.choice(SCHOOLS_EN),
    }
    return ItemSpec("conference_record", fields, data, pages, key=f"conf_notice_en:{event}:{start}")


def _office_notice(rng: random.Random, year: int) -> dict[str, Any]:
    """An institution's notice of something that is no training (examinations, a holiday, a
    celebration, a meeting, a fee, timings, a camp, a fest): the same form as a workshop's."""
    kind = rng.choice(sorted(NOTICE_EVENTS_EN))
    frame = _notice_frame(rng, year)
    return {**frame, "event": kind, "subject": rng.choice(NOTICE_EVENTS_EN[kind]),
            "audience": rng.choice(AUDIENCES_EN), "department": rng.choice(DEPARTMENTS_EN),
            "on": frame["date"] + dt.timedelta(days=rng.randint(2, 20)),
            "span": rng.randint(2, 8), "bullets": rng.random() < 0.5}


def build(fam: str, rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec | None:
    """The item of family ``fam`` if it is one of this module's, else None. Also None when the
    caller asks for pages this family does not draw (the classifier's top-up asks a training
    item for a lone schedule page) or plants a case it does not print (a county level, a stated
    hours figure): the type's original builder then supplies the item, and the pages are drawn
    in the original layout (``layouts.more_certs`` draws only data marked as its own)."""
    fn = _BUILDERS.get(fam)
    wanted = set(o.get("pages") or ()) | ({o["kind"]} if o.get("kind") else set())
    planted = set(o) - {"pages", "kind", "_family", "name_absent", "grade"}
    if fn is None or planted or not wanted <= _KINDS.get(fam, {fam.split("/", 1)[1]}):
        return None
    etype = fam.split("/", 1)[0]
    base: dict[str, Any] = {}
    if etype != "other":
        # the original builder's data underneath: a caller may draw another page kind of the type
        # from this item (generate_pages draws a training item's notice), in the original layout
        from sample_docs.items import BUILDERS

        original = BUILDERS["training_certificate" if etype == "training_notice" else etype]
        base = original(rng, p, year, {}).data
    spec = fn(rng, p, year, o)
    spec.data = {**base, **spec.data, OWN: True}
    return spec


OWN = "certs12g"  # the mark on an item's data drawn by this module's builders

# page kinds that only one family draws: asking for one (the classifier's top-up of rare kinds)
# asks for that family
_ONLY_IN = {"conference_certificate": "conference_record/participation_en"}


def family_of_pages(pages: list[str] | None, exclude: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The family that alone draws one of ``pages``, or None; an error if it is excluded."""
    fams = {_ONLY_IN[k] for k in pages or () if k in _ONLY_IN}
    if not fams:
        return None
    if len(fams) > 1 or fams & set(exclude):
        raise ValueError(f"page kinds {pages} ask for the families {sorted(fams)}; "
                         f"excluded: {sorted(exclude)}")
    return fams.pop()


# page kinds a family draws, where they are not the type's own certificate page
_KINDS = {
    "award_certificate/competition": {"award_certificate"},
    "award_certificate/english": {"award_certificate"},
    "online_course_certificate/english": {"online_course_certificate"},
    "training_certificate/english": {"training_certificate"},
    "training_notice/english": {"training_notice", "sign_in_sheet"},
    "training_notice/notice_en": {"training_notice", "sign_in_sheet"},
    "conference_record/notice_en": {"conference_invitation", "conference_receipt"},
    "overseas_exchange/conference_en": {"overseas_invitation"},
    "overseas_exchange/study_abroad": {"overseas_certificate"},
    "training_certificate/participation_en": {"training_certificate"},
    "conference_record/participation_en": {"conference_certificate"},
    "qualification_exam_scores/certificate": {"qualification_exam_scores"},
    "qualification_exam_scores/query": {"qualification_exam_scores"},
    "hours_recognition_sheet/record_table": {"hours_recognition_sheet"},
}


# -- award_certificate -------------------------------------------------------------------------


def _contest(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """A student contest's certificate: winners (a team, rank by position), sometimes the
    指导教师; the applicant may be a winner or the teacher. A school's contest names no level."""
    grade = o["grade"] if "grade" in o else rng.choices([1, 2, 3], [3, 4, 4])[0]
    school = rng.choice(SCHOOLS)
    contest = f"{school}第{dates.cn_number(rng.randint(2, 15))}届{rng.choice(CONTESTS)}"
    absent = o.get("name_absent", False)
    winners = vocab.other_names(rng, rng.randint(1, 4), {p.name})
    teachers = vocab.other_names(rng, rng.randint(1, 3), {p.name, *winners})
    as_teacher = rng.random() < 0.4
    rank: int | None = None
    if not absent:
        if as_teacher:
            teachers[rng.randrange(len(teachers))] = p.name
        else:
            rank = rng.randint(1, len(winners))
            winners[rank - 1] = p.name
    when = dates.random_date(rng, year, (3, 12))
    work = vocab.research_title(rng) if rng.random() < 0.5 else ""
    issuer = rng.choice([f"共青团{school}委员会", f"{school}教务处", f"{contest}组委会", school])
    fields: dict[str, Any] = {
        "grade": grade,
        "date": _iso(when),
        "issuer": issuer,
        **_person_fields(p, absent, rank),
    }
    if work:
        fields["title"] = work
    data = {
        "grade": grade,
        "contest": contest,
        "track": rng.choice(TRACKS),
        "winners": winners,
        "teachers": teachers,
        "show_teachers": as_teacher or rng.random() < 0.5,
        "work": work,
        "issuer": issuer,
        "date": when,
        "date_form": rng.choice(["cn", "cn_upper", "cn_upper"]),
        "layout": rng.choice(["prose", "labels"]),
        "certificate_number": _cert_no(rng, f"{year}", 4) if rng.random() < 0.4 else "",
    }
    return ItemSpec("award_certificate", fields, data, ["award_certificate"], key=f"award:{contest}:{grade}")


def _contest_en(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An English contest certificate (Certificate of Achievement ... Third Prize): a team in
    pinyin with its coach; the month and year only."""
    grade = o["grade"] if "grade" in o else rng.choice([1, 2, 3])
    name, signer = rng.choice(CONTESTS_EN)
    prov = rng.choice(PROVINCES_EN)
    contest = f"The {year} {prov} Province {name}"
    absent = o.get("name_absent", False)
    team = vocab.other_names(rng, 3, {p.name})
    rank: int | None = None
    if not absent:
        rank = rng.randint(1, 3)
        team[rank - 1] = p.name
    coach = vocab.person_name(rng)
    when = dt.date(year, rng.randint(4, 11), 1)  # printed "May, 2015": the month's first day
    school = rng.choice(SCHOOLS)
    fields: dict[str, Any] = {"grade": grade, "date": _iso(when), **_person_fields(p, absent, rank)}
    data = {
        "grade": grade,
        "contest": contest,
        "school_en": SCHOOLS_EN[SCHOOLS.index(school)],
        "team": [vocab.romanised(n) for n in team],
        "coach": vocab.romanised(coach),
        "signer": signer,
        "signer_name": "Dr. " + vocab.romanised(vocab.person_name(rng)),
        "date": when,
        "heading": rng.choice(
            ["Certificate of Achievement", "Certificate of Award", "Certificate of Excellence"]
        ),
    }
    return ItemSpec("award_certificate", fields, data, ["award_certificate"], key=f"award:{contest}:{grade}")


# -- online_course_certificate / training_certificate (English) ----------------------------------


def _online_en(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    platform, issuer, course = rng.choice(ONLINE_EN)
    end = dates.random_date(rng, year, (2, 12))
    start = end - dt.timedelta(days=rng.randint(20, 120))
    hours = rng.choice([8, 12, 16, 20, 24]) if rng.random() < 0.6 else None
    absent = o.get("name_absent", False)
    cert_no = rng.choice(["", _cert_no(rng, "", 10), _cert_no(rng, "SL", 9)])
    fields: dict[str, Any] = {
        "title": course,
        "date": _iso(end),
        "issuer": issuer,
        **_person_fields(p, absent),
    }
    if hours:
        fields["stated_hours"] = hours
    if cert_no:
        fields["certificate_number"] = cert_no
    show_span = rng.random() < 0.4
    if show_span:
        fields.update(start_date=_iso(start), end_date=_iso(end))
    data = {
        "platform": platform,
        "issuer": issuer,
        "title": course,
        "stated_hours": hours,
        "date": end,
        "start_date": start,
        "show_span": show_span,
        "certificate_number": cert_no,
        "person_name_printed": vocab.romanised(p.name if not absent else vocab.person_name(rng)),
        "heading": rng.choice(
            ["CERTIFICATE OF COMPLETION", "CERTIFICATE OF COMPETENCY", "Course Certificate"]
        ),
        "signer": vocab.romanised(vocab.person_name(rng)),
    }
    return ItemSpec(
        "online_course_certificate", fields, data, ["online_course_certificate"], key=f"cert:{course}:{end}"
    )


def _training_en(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    issuer, course = rng.choice(TRAINING_EN)
    days = rng.choice([1, 2, 3, 5])
    start = dates.random_date(rng, year, (3, 11))
    end = start + dt.timedelta(days=days - 1)
    absent = o.get("name_absent", False)
    show_dates = rng.random() < 0.6
    hours = 8 * days if show_dates and rng.random() < 0.6 else None
    fields: dict[str, Any] = {
        "title": course,
        "issuer": issuer,
        "date": _iso(end),
        **_person_fields(p, absent),
    }
    if show_dates:
        fields.update(start_date=_iso(start), end_date=_iso(end), days=days)
    if hours:
        fields["stated_hours"] = hours
    data = {
        "issuer": issuer,
        "title": course,
        "start_date": start,
        "end_date": end,
        "date": end,
        "show_dates": show_dates,
        "stated_hours": hours,
        "city": rng.choice(["London", "Singapore", "Changsha"]),
        "person_name_printed": vocab.romanised(p.name if not absent else vocab.person_name(rng)),
        "heading": rng.choice(
            ["Certificate of Attendance", "Certificate of Completion", "Certificate of Training"]
        ),
    }
    pages = ["training_certificate"]
    return ItemSpec("training_certificate", fields, data, pages, key=f"cert:{course}:{start}")


def _summer_school(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An English summer-school module: welcome notice + sign-in sheet (training_notice)."""
    host, module = rng.choice(SUMMER_EN)
    start = dates.random_date(rng, year, (6, 8))
    end = start + dt.timedelta(days=rng.choice([4, 9, 11]))
    absent = o.get("name_absent", False)
    names = vocab.other_names(rng, rng.randint(10, 20), {p.name})
    if not absent:
        names.insert(rng.randrange(len(names)), p.name)
    fields: dict[str, Any] = {
        "title": module,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "issuer": host,
        **_person_fields(p, absent),
    }
    data = {
        "host": host,
        "title": module,
        "code": f"ISSU{rng.randint(10, 99):04d}",
        "start_date": start,
        "end_date": end,
        "lead": "Dr " + vocab.romanised(vocab.person_name(rng)),
        "names": [vocab.romanised(n) for n in names],
        "software": rng.choice(["R and RStudio", "Python and Jupyter", "QGIS", "Stata"]),
    }
    pages = o.get("pages") or rng.choice(
        [["training_notice", "sign_in_sheet"], ["sign_in_sheet", "training_notice"]]
    )
    return ItemSpec("training_notice", fields, data, pages, key=f"notice:{module}:{start}")


# -- overseas_exchange -------------------------------------------------------------------------


def _conference_abroad(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An international conference's invitation letter abroad (passport block, talk accepted)."""
    name, city, venue = rng.choice(CONFERENCES_EN)
    start = dates.random_date(rng, year, (3, 11))
    days = rng.choice([3, 4, 5])
    end = start + dt.timedelta(days=days - 1)
    absent = o.get("name_absent", False)
    fields: dict[str, Any] = {
        "title": name,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "days": days,
        **_person_fields(p, absent),
    }
    data = {
        "conference": name,
        "city": city,
        "venue": venue,
        "start_date": start,
        "end_date": end,
        "notice_date": start - dt.timedelta(days=rng.randint(30, 60)),
        "person_pinyin": vocab.romanised(p.name if not absent else vocab.person_name(rng)),
        "paper": vocab.english_title(rng),
        "edition": rng.choice(["Ninth", "Twelfth", "Thirteenth", "Twentieth"]),
    }
    return ItemSpec(
        "overseas_exchange", fields, data, ["overseas_invitation"], key=f"overseas:{name}:{start}"
    )


STAYS_ABROAD = (  # (host, city, country, 国别, 留学单位) of stays abroad; invented pairings
    ("Technical University of Munich", "Munich", "Germany", "德国", "慕尼黑工业大学"),
    ("University of Tokyo", "Tokyo", "Japan", "日本", "东京大学"),
    ("University of Toronto", "Toronto", "Canada", "加拿大", "多伦多大学"),
    ("Lund University", "Lund", "Sweden", "瑞典", "隆德大学"),
    ("University of Queensland", "Brisbane", "Australia", "澳大利亚", "昆士兰大学"),
    ("Wageningen University", "Wageningen", "the Netherlands", "荷兰", "瓦赫宁根大学"),
    ("University of Leeds", "Leeds", "the United Kingdom", "英国", "利兹大学"),
    ("University of Valencia", "Valencia", "Spain", "西班牙", "瓦伦西亚大学"),
)
# (身份, status in English) of a stay abroad; an exchange semester, a study visit, a research stay
STAY_STATUS = (
    ("访问学者", "visiting scholar"),
    ("高级研究学者", "visiting researcher"),
    ("联合培养博士研究生", "visiting PhD student"),
    ("交换生", "exchange student"),
    ("博士后研究人员", "guest researcher"),
)
STAY_FUNDERS = ("国家留学基金管理委员会", "湖南省教育厅", "国际交流与合作处")
STAY_PROGRAMMES = ("国家公派高级研究学者、访问学者项目", "青年骨干教师出国研修项目",
                   "校际交流交换生项目", "国家建设高水平大学公派研究生项目", "地方合作项目")
# a funder's certificate names what it pays: a scholarship, as a domestic one (`other`) does
STAY_FUNDING = ("国际旅费及留学期间奖学金", "奖学金生活费和一次往返国际旅费",
                "外方奖学金，派出单位资助国际旅费", "全额奖学金")
SCHOLARSHIPS_EN = ("Short-Term Research Scholarship", "Exchange Semester Scholarship", "Visiting Fellowship",
                   "Study Visit Grant")


def _study_abroad(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """A stay abroad of months: a funder's certificate of a state- or school-funded stay (Chinese),
    a host's confirmation of the stay, or a funder's letter of award of a study-visit scholarship
    (English). Modelled on the kinds of r321, r322, r319 and r320, not on their wording."""
    host, city, country, country_cn, host_cn = rng.choice(STAYS_ABROAD)
    status_cn, status_en = rng.choice(STAY_STATUS)
    months = rng.choice([3, 4, 6, 6, 10, 12])
    start = dates.random_date(rng, year, (2, 9))
    end = start + dt.timedelta(days=round(months * 30.4) - 1)
    absent = o.get("name_absent", False)
    form = rng.choice(["cn_certificate", "cn_certificate", "en_confirmation", "en_award"])
    fields: dict[str, Any] = {"start_date": _iso(start), "end_date": _iso(end),
                              "days": (end - start).days + 1, **_person_fields(p, absent)}
    printed = p.name if not absent else vocab.person_name(rng)
    school = rng.choice(SCHOOLS)
    data = {
        "stay_form": form,
        "host_en": host, "host_cn": host_cn, "city": city, "country": country, "country_cn": country_cn,
        "status_cn": status_cn, "status_en": status_en, "months": months,
        "start_date": start, "end_date": end, "date_form": rng.choice(["cn", "cn_pad"]),
        "date": start - dt.timedelta(days=rng.randint(40, 120)) if form != "en_confirmation" else end,
        "person_name_printed": printed, "person_pinyin": vocab.romanised(printed),
        "school": school, "school_en": SCHOOLS_EN[SCHOOLS.index(school)],
        "funder": rng.choice(STAY_FUNDERS), "programme": rng.choice(STAY_PROGRAMMES),
        "funding": rng.choice(STAY_FUNDING), "scholarship": rng.choice(SCHOLARSHIPS_EN),
        "cert_no": _cert_no(rng, str(year), 6), "topic": vocab.english_title(rng),
    }
    return ItemSpec("overseas_exchange", fields, data, ["overseas_certificate"],
                    key=f"overseas:{host}:{start}")


# -- English certificates of participation that are evidence (typing-12k) ------------------------


def _span(rng: random.Random, year: int, days: int) -> tuple[dt.date, dt.date]:
    start = dates.random_date(rng, year, (1, 11))
    return start, start + dt.timedelta(days=days - 1)


def _fdp(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """A faculty-development programme's or a workshop's certificate of participation: the
    programme, its topic, the organiser, the dates ('from 17/01/2024 to 18/01/2024', '4th Dec to
    8th Dec 2023'), the length in days or hours only sometimes, two to four signatures."""
    (programme, coordinator), topic = rng.choice(PROGRAMMES_EN), rng.choice(TOPICS_EN)
    host, place = rng.choice(INSTITUTES_EN)
    days = rng.choice([2, 2, 3, 5, 6, 7])  # the corpus's programmes run 2-9 days
    if programme.endswith("School"):  # a school runs one to several weeks (r307: five weeks)
        days = rng.choice([5, 7, 10, 14])
    start, end = _span(rng, year, days)
    absent = o.get("name_absent", False)
    hours = rng.choice([10, 12, 15, 20, 30]) if days >= 3 and rng.random() < 0.35 else None
    fields: dict[str, Any] = {"title": topic, "issuer": host, "start_date": _iso(start),
                              "end_date": _iso(end), "days": days, **_person_fields(p, absent)}
    if hours:
        fields["stated_hours"] = hours
    printed = p.name if not absent else vocab.person_name(rng)
    data = {
        "host": host, "place": place, "programme": programme, "coordinator": coordinator, "topic": topic,
        "start_date": start, "end_date": end, "days": days, "stated_hours": hours,
        "length": rng.choice(["words", "digits", "none"]),  # 'two days' / '5 Days' / not printed
        "when_form": rng.choice(["slash", "ordinal", "short"]),
        "online": rng.random() < 0.3,
        "person_name_printed": (rng.choice(["Dr. ", "Prof. ", "Mr. ", "Ms. ", "Dr "])
                                + vocab.romanised(printed)),
        "home": rng.choice(SCHOOLS_EN) if rng.random() < 0.6 else "",
        "signers": [(vocab.romanised(vocab.person_name(rng)), role)
                    for role in [coordinator, *rng.sample(SIGN_ROLES_EN, rng.randint(1, 3))]],
        "cert_no": f"{host.split()[0][:4].upper()}-FDP-{rng.randint(10000, 99999)}/{end.year}"
        if rng.random() < 0.4 else "",
    }
    return ItemSpec("training_certificate", fields, data, ["training_certificate"],
                    key=f"fdp:{topic}:{start}")


def _participation_conf(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """A webinar's or seminar's certificate of participation ('… held on 7th January 2023'), or
    an international conference's certificate of presentation ('Presented a Research Paper titled
    … during 2nd April to 6th April 2024')."""
    kind = rng.choice(["webinar", "seminar", "presentation"])
    host, place = rng.choice(INSTITUTES_EN)
    if kind == "presentation":
        event = rng.choice(["International Conference on Emerging Trends in Management",
                            "International Conference on Computing and Data Science",
                            "International Conference on Sustainable Business"])
        days = rng.choice([2, 3, 5])
    else:
        event = rng.choice(EVENTS_EN[:4] if kind == "webinar" else EVENTS_EN[1:])
        days = 2 if event.startswith("Two Day") else 1
    start, end = _span(rng, year, days)
    absent = o.get("name_absent", False)
    topic = rng.choice(TOPICS_EN)
    fields: dict[str, Any] = {"title": topic if kind != "presentation" else event, "issuer": host,
                              "start_date": _iso(start), "end_date": _iso(end), "days": days,
                              **_person_fields(p, absent)}
    printed = p.name if not absent else vocab.person_name(rng)
    data = {
        "kind": kind, "host": host, "place": place, "event": event, "topic": topic,
        "acronym": "".join(w[0] for w in event.split() if w[0].isupper() and w not in ("on", "and"))
        + f" {start.year}",
        "paper": vocab.english_title(rng),
        "start_date": start, "end_date": end, "days": days,
        "person_name_printed": rng.choice(["Dr. ", "Prof. ", "Mr. ", "Ms. "]) + vocab.romanised(printed),
        "home": rng.choice(SCHOOLS_EN) if rng.random() < 0.6 else "",
        "signers": [(vocab.romanised(vocab.person_name(rng)), role)
                    for role in rng.sample(CONF_ROLES_EN, rng.randint(2, 3))],
    }
    return ItemSpec("conference_record", fields, data, ["conference_certificate"],
                    key=f"confcert:{event}:{start}")


# -- qualification_exam_scores -----------------------------------------------------------------


def _ruankao(rng: random.Random, p: Person, year: int, o: dict[str, Any], query: bool) -> ItemSpec:
    """A 软考 qualification certificate or its result-query screenshot. The page proves the
    qualification but prints no subject count: the truth has no passed_count (rules.md 2.9
    then proposes 0 and flags it for a reviewer)."""
    qual, grade = rng.choice(RUANKAO)
    half = rng.choice(["上半年", "下半年"])
    when = dt.date(year, 5 if half == "上半年" else 11, rng.randint(1, 28))
    absent = o.get("name_absent", False)
    title = "计算机技术与软件专业技术资格"
    fields: dict[str, Any] = {"title": qual, **_person_fields(p, absent)}
    if query:  # 考试时间：2022年下半年: the year passed, a year-only date is its 1 January
        fields["date"] = f"{year}-01-01"
    else:
        fields["date"] = _iso(when)
        fields["issuer"] = "中华人民共和国人力资源和社会保障部"
    data = {
        "title": title,
        "qualification": qual,
        "grade": grade,
        "date": when,
        "half": half,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "sex": p.sex,
        "birth": p.birth,
        "file_no": f"{year}{rng.randint(10**11, 10**12 - 1)}",
        "date_form": rng.choice(["cn_pad", "dot"]),
        "query": query,
    }
    return ItemSpec(
        "qualification_exam_scores", fields, data, ["qualification_exam_scores"], key=f"qual:{qual}:{year}"
    )


# -- hours_recognition_sheet -------------------------------------------------------------------


def _record_table(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    """An employer's per-training record table (培训项目名称 | 培训学时 | 培训形式 | 结业方式
    ■考试 □考核 | 成绩 | 举办单位), years named in the trainings, 合计 at the end."""
    first = o.get("first_year") or year - rng.randint(1, 2)
    last = o.get("last_year") or year
    unit = rng.choice(vocab.EMPLOYERS)
    rows = []
    for y in range(first, last + 1):
        for name, kind in rng.sample(RECORD_TRAININGS, rng.randint(2, 4)):
            when = dates.random_date(rng, y)
            rows.append(
                {
                    "name": f"{y}年{name}",
                    "kind": kind,
                    "hours": rng.choice([2, 2, 3, 4, 8, 16]),
                    "form": rng.choice(["脱产", "非脱产"]),
                    "exam": rng.random() < 0.8,
                    "score": f"{rng.randint(80, 100)}.0",
                    "date": when,
                }
            )
    rows.sort(key=lambda r: r["date"])
    total = sum(r["hours"] for r in rows)
    issued = dates.random_date(rng, last + 1, (1, 4))
    absent = o.get("name_absent", False)
    fields: dict[str, Any] = {
        "start_date": f"{first}-01-01",
        "end_date": f"{last}-12-31",
        "stated_hours": total,
        "date": _iso(issued),
        "issuer": unit,
        **_person_fields(p, absent),
    }
    data = {
        "rows": rows,
        "stated_hours": total,
        "date": issued,
        "issuer": unit,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "staff_no": f"{rng.randint(100000, 999999)}",
        "first_year": first,
        "last_year": last,
    }
    return ItemSpec(
        "hours_recognition_sheet",
        fields,
        data,
        ["hours_recognition_sheet"],
        key=f"sheet:{unit}:{first}-{last}",
    )


# -- other: non-evidence look-alikes -----------------------------------------------------------


def _other(kind: str) -> Any:
    def fn(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
        when = dates.random_date(rng, year)
        school = rng.choice(SCHOOLS)
        data: dict[str, Any] = {
            "person_name_printed": p.name,
            "date": when,
            "school": school,
            "date_form": rng.choice(["cn", "cn_upper"]),
            "english": rng.random() < 0.35,
            "person_pinyin": vocab.romanised(p.name),
        }
        if kind == "honour_certificate":
            data.update(
                scholarship=rng.choice(SCHOLARSHIPS) if rng.random() < 0.35 else "",
                honour=rng.choice(HONOUR_TITLES),
                period=rng.choice(["2022—2023学年", f"{year}年度", "本学年"]),
                org=rng.choice([f"{school}学生工作部", f"共青团{school}委员会", f"{school}国际交流学院"]),
            )
        elif kind == "participation_certificate":
            total = rng.randint(80, 400)
            # what was taken part in makes it non-evidence (a contest or a run with a placing),
            # not the phrase "certificate of participation", which evidence prints too (typing-12k)
            cn, en = rng.choice(PARTICIPATION_EVENTS)
            data.update(
                contest=f"{rng.choice(COMPANIES)[:4]}{cn}{year}",
                contest_en=f"{en} {year}",
                place=rng.randint(10, total - 1),
                total=total,
                number=f"{rng.randint(1, 99):03d}-{rng.randint(1, 999):04d}",
            )
        elif kind == "exam_score_query":
            parts = [rng.randint(100, 230), rng.randint(100, 230), rng.randint(80, 180)]
            data.update(
                exam=rng.choice(["全国大学英语四级考试(CET4)", "全国大学英语六级考试(CET6)"]),
                half=rng.choice(["上半年", "下半年"]),
                parts=parts,
                total=sum(parts),
                ticket="".join(str(rng.randint(0, 9)) for _ in range(15)),
            )
        elif kind == "prize_list":
            data.update(_prize_list(rng, p, year, school))
        elif kind == "contest_notice":
            data.update(_contest_notice(rng, year, school))
        elif kind == "office_notice_en":
            data.update(_office_notice(rng, year))
        elif kind == "contest_submission":
            team = [p.name, *vocab.other_names(rng, rng.randint(0, 2), {p.name})]
            data.update(
                contest=rng.choice(SUBMISSION_CONTESTS),
                team=team,
                teacher=vocab.other_names(rng, 1, set(team))[0],
                team_no=f"{rng.randint(10000, 99999)}{rng.randint(100, 999)}",
                hour=rng.randint(8, 23),
                region=rng.choice(["湖南", "湖北", "广东", "江西", "辽宁"]),
                title=rng.choice(SUBMISSION_TITLES),
            )
        else:  # event_invitation
            data.update(
                event=rng.choice(LAUNCH_EVENTS),
                event_en=rng.choice(LAUNCH_EVENTS_EN),
                company=rng.choice(COMPANIES),
                hour=rng.choice([14, 15, 17, 19]),
                venue=rng.choice(vocab.TRAINING_VENUES),
            )
        return ItemSpec("other", {}, data, [kind], key=f"other:{kind}:{rng.random()}")

    return fn


OTHER_KINDS = ("honour_certificate", "participation_certificate", "event_invitation", "exam_score_query",
               "prize_list", "contest_submission", "contest_notice", "office_notice_en")

_BUILDERS = {
    "award_certificate/competition": _contest,
    "award_certificate/english": _contest_en,
    "online_course_certificate/english": _online_en,
    "training_certificate/english": _training_en,
    "training_notice/english": _summer_school,
    "training_notice/notice_en": _notice_en,
    "conference_record/notice_en": _conference_notice_en,
    "overseas_exchange/conference_en": _conference_abroad,
    "overseas_exchange/study_abroad": _study_abroad,
    "training_certificate/participation_en": _fdp,
    "conference_record/participation_en": _participation_conf,
    "qualification_exam_scores/certificate": lambda r, p, y, o: _ruankao(r, p, y, o, query=False),
    "qualification_exam_scores/query": lambda r, p, y, o: _ruankao(r, p, y, o, query=True),
    "hours_recognition_sheet/record_table": _record_table,
    **{f"other/{k}": _other(k) for k in OTHER_KINDS},
}
