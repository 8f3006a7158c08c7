"""One evidence item: its true contract fields, the richer data its pages are drawn from, and
the pages (page kinds) it is made of.

``build_item(evidence_type, rng, person, year, **opts)`` is the single entry; ``opts`` plant the
cases the rules must handle (rank, level, grade, name absent, ISSN only, hours/days mismatch,
a lone certificate ...). Fields use the names of docs/contract.md section 3, dates as ISO strings.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract.codes import patent_check_digit
from rules.model import EVIDENCE_TYPES
from sample_docs import articles, dates, vocab


@dataclass
class Person:
    applicant_id: str
    name: str
    employer: str
    title_level: str  # senior | intermediate | junior
    eval_year: int
    id_number: str
    sex: str
    birth: dt.date

    @property
    def span(self) -> list[int]:
        y = self.eval_year
        return {"senior": list(range(y - 5, y)), "intermediate": list(range(y - 3, y + 1)), "junior": [y]}[
            self.title_level
        ]


@dataclass
class ItemSpec:
    evidence_type: str
    fields: dict[str, Any]  # contract fields, true values (JSON-ready)
    data: dict[str, Any]  # what the pages are drawn from
    page_kinds: list[str]  # the pages of the item, in order
    planted_flags: list[str] = field(default_factory=list)  # batch-level flags set by the scenario
    key: str = ""  # identity of the underlying evidence (patent number, paper title ...)
    family: str = ""  # layout family (sample_docs/families.py), recorded in the truth

    @property
    def parts(self) -> list[str]:
        from sample_docs.layouts import PAGE_KINDS

        out: list[str] = []
        for k in self.page_kinds:
            part = PAGE_KINDS[k].part
            extra = ["serial_numbers"] if k in ("journal_cover", "journal_copyright") else []
            if k == "journal_article" and self.data.get("article", {}).get("serials", "none") != "none":
                extra = ["serial_numbers"]  # an article page with its ISSN/CN in the header or foot
            for pt in [part, *extra]:
                if pt and pt not in out:
                    out.append(pt)
        return out


def make_person(rng: random.Random, applicant_id: str, title_level: str, eval_year: int = 2024) -> Person:
    sex = rng.choice(["男", "女"])
    birth = dt.date(rng.randint(1972, 1995), rng.randint(1, 12), rng.randint(1, 28))
    region = rng.choice(["430702", "430703", "430721", "430723", "430725", "430781"])
    seq = rng.randint(10, 99) * 10 + (
        rng.choice([1, 3, 5, 7, 9]) if sex == "男" else rng.choice([0, 2, 4, 6, 8])
    )
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return Person(
        applicant_id,
        vocab.person_name(rng),
        rng.choice(vocab.EMPLOYERS),
        title_level,
        eval_year,
        body + _id_check(body),
        sex,
        birth,
    )


def _id_check(body17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(body17, weights, strict=True))
    return "10X98765432"[total % 11]


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _names_with(rng: random.Random, person: Person, n: int, rank: int | None, absent: bool) -> list[str]:
    """n names with the applicant at ``rank`` (1-based), or not at all when absent."""
    names = vocab.other_names(rng, n, {person.name})
    if not absent and rank is not None:
        names[rank - 1] = person.name
    return names


def _person_fields(person: Person, absent: bool, rank: int | None = None) -> dict[str, Any]:
    if absent:
        return {"name_found": False}
    f: dict[str, Any] = {"person_name": person.name, "name_found": True}
    if rank is not None:
        f["rank"] = rank
    return f


def _cert_no(rng: random.Random, prefix: str = "", digits: int = 8) -> str:
    return prefix + "".join(str(rng.randint(0, 9)) for _ in range(digits))


def isbn13(prefix: str, rng: random.Random) -> str:
    """A valid ISBN-13 with hyphens, from a publisher prefix like 978-7-5710."""
    digits = prefix.replace("-", "")
    title_len = 12 - len(digits)
    title = "".join(str(rng.randint(0, 9)) for _ in range(title_len))
    body = digits + title
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
    return f"{prefix}-{title}-{check}"


# -- builders ---------------------------------------------------------------------------------


def _patent(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    kind = o.get("patent_kind") or rng.choices(["invention", "utility_model", "design"], [5, 4, 0.3])[0]
    rank = o.get("rank") or rng.choices([1, 2, 3, 4, 5], [5, 3, 2, 1, 1])[0]
    absent = o.get("name_absent", False)
    n = max(rank, rng.randint(1, 6))
    names = o.get("names") or _names_with(rng, p, n, rank, absent)
    if o.get("coinventor"):  # the same patent another applicant of the batch also claims (rank 2)
        names = [*names[:1], o["coinventor"], *names[2:]] if len(names) > 1 else [*names, o["coinventor"]]
    grant = dates.random_date(rng, year)
    filing = grant - dt.timedelta(
        days=rng.randint(200, 900) if kind == "invention" else rng.randint(120, 360)
    )
    number = o.get("patent_number")
    if not number:
        kd = {"invention": "1", "utility_model": "2", "design": "3"}[kind]
        body = f"{filing.year}{kd}{rng.randint(0, 1999999):07d}"
        number = f"ZL{body}.{patent_check_digit(body)}"
    body = number[2:14]
    printed = rng.choice(
        [f"ZL {body[:4]} {body[4]} {body[5:]}.{number[-1]}", number, f"ZL {body}.{number[-1]}"]
    )
    title = o.get("title") or rng.choice(vocab.PATENT_OBJECTS)
    cert_no = o.get("certificate_number") or str(rng.randint(1000000, 6999999))
    fields = {
        "patent_kind": kind,
        "patent_number": number,
        "title": title,
        "date": _iso(grant),
        "certificate_number": cert_no,
        "issuer": "国家知识产权局",
        **_person_fields(p, absent, rank),
    }
    data = {
        "patent_kind": kind,
        "names": names,
        "patent_number_printed": printed,
        "filing_date": filing,
        "date": grant,
        "date_form": rng.choice(["cn_pad", "cn"]),
        "title": title,
        "certificate_number": cert_no,
        "owner": p.employer,
        "owner_address": "湖南省常德市"
        + rng.choice(["武陵区", "鼎城区", "澧县", "桃源县"])
        + rng.choice(["洞庭大道", "朗州路", "人民路", "建设路"])
        + f"{rng.randint(1, 999)}号",
        "publication_number": f"CN {rng.randint(100000000, 119999999)} {'B' if kind == 'invention' else 'U'}",
    }
    return ItemSpec("patent_certificate", fields, data, ["patent_certificate"], key=f"patent:{number}")


def _award(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    level = (
        o.get("level") or rng.choices(["provincial", "municipal", "national", "county"], [4, 5, 0.5, 1])[0]
    )
    grade = o["grade"] if "grade" in o else rng.choices([1, 2, 3], [2, 4, 4])[0]
    rank = o.get("rank") or rng.randint(1, 5)
    absent = o.get("name_absent", False)
    names = _names_with(rng, p, max(rank, rng.randint(3, 9)), rank, absent)
    issuer = rng.choice(
        {
            "national": vocab.NATIONAL_ISSUERS,
            "provincial": vocab.PROVINCE_ISSUERS[:1],
            "municipal": vocab.CITY_ISSUERS[:1],
            "county": vocab.COUNTY_ISSUERS,
        }[level]
    )
    award_name = rng.choice(vocab.AWARD_NAMES[level])
    if level == "county":
        award_name = issuer.removesuffix("人民政府") + "科学技术进步奖"
    when = dates.random_date(rng, year, (3, 12))
    shown = names[rank - 1]
    form = rng.randrange(3)
    printed = (
        "、".join(names)
        if form == 0
        else f"{shown}（排名第{rank}）"
        if form == 1
        else f"{shown}（第{dates.cn_number(rank)}完成人）"
    )
    title = o.get("title") or vocab.research_title(rng)
    cert_no = f"{year}-{'JSK' if level != 'county' else 'X'}-{grade}-{rng.randint(1, 99):03d}-R{rank:02d}"
    fields = {
        "level": level,
        "grade": grade,
        "title": title,
        "date": _iso(when),
        "certificate_number": cert_no,
        "issuer": issuer,
        **_person_fields(p, absent, rank),
    }
    data = {
        "grade": grade,
        "names": names,
        "person_name_printed": printed,
        "award_name": award_name,
        "issuer": issuer,
        "date": when,
        "date_form": rng.choice((*dates.FORMS[:2], "cn_upper")),
        "title": title,
        "certificate_number": cert_no,
        "year": year - rng.choice([0, 1]),
        "show_list": form != 0 and rng.random() < 0.4,
        "rank": rank,
        "heading": "科学技术进步奖证书" if rng.random() < 0.15 and level != "county" else None,
    }
    if o.get("_family") in AWARD_YEAR_FAMILIES and data["year"] < when.year:
        # rules.md 2.5: a certificate printing the award's own year (2020年度…奖, 奖励年度：2020年度)
        # credits that year even when dated the year after; its date is given as the year's end
        fields["date"] = f"{data['year']}-12-31"
    return ItemSpec("award_certificate", fields, data, ["award_certificate"], key=f"award:{cert_no}")


# the award layouts that print the award year with the award ("2020年度科学技术进步奖" as a line,
# or 奖励年度：2020年度): the main layout's "…一等奖（2020年度）" is not read as one
AWARD_YEAR_FAMILIES = ("award_certificate/roster", "award_certificate/role")


def _journal(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    english = o.get("_family") == "journal_paper/english"
    jr = rng.choice(vocab.ENGLISH_JOURNALS if english else
                    vocab.ISSN_ONLY_JOURNALS if o.get("no_cn") else vocab.JOURNALS)
    rank = o.get("rank") or rng.choices([1, 2, 3, 4], [5, 3, 2, 1])[0]
    absent = o.get("name_absent", False)
    authors = o.get("names") or _names_with(rng, p, max(rank, rng.randint(1, 5)), rank, absent)
    if o.get("coauthor"):  # the same paper another applicant of the batch also claims (rank 3)
        authors = [*authors, *vocab.other_names(rng, 3, {p.name, *authors})][: max(3, len(authors))]
        authors[2] = o["coauthor"]
    title = o.get("title") or vocab.research_title(rng)
    issue = rng.randint(1, 12)
    pub = dt.date(year, issue, rng.choice([5, 10, 15, 20, 25, 28]))
    contents = []
    page = 1
    mine = rng.randint(1, 7)
    for i in range(8):
        page += rng.randint(4, 9)
        if i == mine:
            contents.append((title, authors, page))
        else:
            contents.append(
                (vocab.research_title(rng), vocab.other_names(rng, rng.randint(1, 4), set()), page)
            )
    pages = o.get("pages") or rng.choice(
        [
            ["journal_cover", "journal_contents"],
            ["journal_cover", "journal_contents"],
            ["journal_cover", "journal_copyright", "journal_contents"],
        ]
    )
    fields = {
        "title": title,
        "journal": jr[0],
        "issn": jr[1],
        "date": _iso(pub),
        **_person_fields(p, absent, rank),
    }
    if jr[2]:
        fields["cn_number"] = jr[2]
    data = {
        "journal": jr[0],
        "issn": jr[1],
        "cn_number": jr[2],
        "sponsor": jr[3],
        "issue": issue,
        "date": pub,
        "date_form": rng.choice(["cn", "cn_pad"]),
        "contents": contents,
        "founded": rng.randint(1958, 2005),
        "other_titles": [c[0] for c in contents if c[0] != title],
        "names": authors,
    }
    if english:  # a foreign journal: English titles, authors in pinyin ("Shi Guode")
        en_contents = [(vocab.english_title(rng) if c[0] != title else "",
                        [vocab.romanised(n) for n in c[1]], c[2]) for c in contents]
        title = vocab.english_title(rng)
        en_contents = [(t or title, a, pg) for t, a, pg in en_contents]
        fields["title"] = title
        data["english"] = {"journal": jr[0], "volume": year - jr[4], "publisher": jr[3],
                           "contents": en_contents}
    if "journal_copyright" not in pages:
        # The issue date shown on the cover/contents is the year and issue only; the first of that
        # month is the truth a reader can state.
        pub = dt.date(year, issue, 1)
        data["date"] = pub
        fields["date"] = _iso(pub)
    if o.get("_family") in (articles.ARTICLE_CN, articles.ARTICLE_EN) or articles.ARTICLE_KIND in pages:
        pages = _article_pages(rng, p, year, o, data, fields, authors)
        title = fields["title"]
    return ItemSpec("journal_paper", fields, data, pages, key=f"paper:{title}")


def _article_pages(rng: random.Random, p: Person, year: int, o: dict[str, Any], data: dict[str, Any],
                   fields: dict[str, Any], authors: list[str]) -> list[str]:
    """An article's first page, as people upload it: alone, or after the journal's cover."""
    if o.get("_family") in (articles.ARTICLE_EN, "journal_paper/english"):
        articles.article_en(rng, data, fields, authors, year, p.name, print_issn=bool(o.get("no_cn")))
    else:
        articles.article_cn(rng, data, fields, authors, year)
    if o.get("pages"):
        return list(o["pages"])
    if data["article"]["style"] == "cn" and data["issue"] == data["date"].month and rng.random() < 0.2:
        # the cover prints the issue (a monthly's: its month) and the journal's ISSN and CN
        fields["issn"] = data["issn"]
        if data.get("cn_number"):
            fields["cn_number"] = data["cn_number"]
        return ["journal_cover", articles.ARTICLE_KIND]
    return [articles.ARTICLE_KIND]


def _book(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    publisher, prefix = rng.choice(vocab.PUBLISHERS)
    rank = o.get("rank") or rng.choices([1, 2, 3], [5, 3, 2])[0]
    absent = o.get("name_absent", False)
    authors = _names_with(rng, p, max(rank, rng.randint(1, 4)), rank, absent)
    role = rng.choice(vocab.BOOK_KINDS[:3])
    title = rng.choice(vocab.TOPICS) + rng.choice(["实用技术", "理论与实践", "技术手册", "研究", "案例分析"])
    pub = dt.date(year, rng.randint(1, 12), 1)
    isbn = isbn13(prefix, rng)
    byline = "　".join(authors) + " " + role
    fields = {
        "title": title,
        "isbn": isbn,
        "date": _iso(pub),
        "issuer": publisher,
        **_person_fields(p, absent, rank),
    }
    data = {
        "title": title,
        "byline": byline,
        "byline_cip": "，".join(authors) + role,
        "authors": authors,
        "publisher": publisher,
        "isbn": isbn,
        "date": pub,
        "cip_no": f"{rng.randint(100000, 299999)}",
        "chapters": [
            rng.choice(vocab.TOPICS) + rng.choice(["概述", "技术要点", "案例", "管理"]) for _ in range(5)
        ],
    }
    pages = o.get("pages") or ["book_cover", "book_copyright", "book_contents"]
    if o.get("_family") == articles.BOOK_COVER or articles.TITLE_PAGE_KIND in pages:
        articles.book_cover(rng, data, fields, p.name, absent, rank)
        if not o.get("pages"):
            pages = rng.choice([["book_cover"], ["book_cover"], ["book_cover", articles.TITLE_PAGE_KIND]])
    return ItemSpec("book_publication", fields, data, pages, key=f"isbn:{isbn}")


def _training(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    public = o.get("subject") == "public" or ("subject" not in o and rng.random() < 0.45)
    days = o.get("days") or rng.choice([1, 2, 2, 3, 0.5])
    start = dates.random_date(rng, year, (3, 11))
    end = start + dt.timedelta(days=max(0, int(days + 0.5) - 1))
    hours = o.get("stated_hours") or 8 * days
    absent = o.get("name_absent", False)
    if public:
        issuer = vocab.PUBLIC_ISSUER
        title = f"{year}年度专业技术人员公需科目培训班"
        heading = rng.choice(["公需科目培训合格证明", "结业证书"])
        doc_org = "常德市人力资源和社会保障局"
        doc_number = f"常人社函〔{year}〕{rng.randint(8, 60)}号"
        topic_line = "、".join(rng.sample(vocab.TRAINING_TOPICS_PUBLIC, 3))
    else:
        issuer = rng.choice(vocab.TRAINING_ISSUERS_PRO)
        title = rng.choice(vocab.TRAINING_TOPICS_PRO) + rng.choice(["培训班", "研修班", "专题培训班"])
        heading = rng.choice(["结业证书", "培训证书", "结业证书"])
        doc_org = issuer
        prefix = vocab.DOC_PREFIX.get(issuer, "湘继教")
        doc_number = (
            f"{prefix}{rng.choice(['函', '通', '发'])}〔{year}〕{rng.randint(5, 120)}号"
            if rng.random() < 0.8
            else ""
        )
        topic_line = rng.choice(vocab.METHODS) + "、" + rng.choice(vocab.METHODS) + "等"
    issue_date = end
    cert_no = _cert_no(rng, rng.choice(["CDRS", "HN", "No."]) + str(year), 6)
    parts = o.get("pages") or rng.choice(
        [
            ["training_notice", "training_certificate"],
            ["training_notice", "training_schedule", "training_certificate"],
            ["training_notice", "sign_in_sheet", "training_certificate"],
            ["training_certificate", "training_notice"],
        ]
    )
    attendees = [
        (n, rng.choice(vocab.EMPLOYERS)) for n in vocab.other_names(rng, rng.randint(6, 11), {p.name})
    ]
    if not absent:
        attendees.insert(rng.randrange(len(attendees)), (p.name, p.employer))
    half = rng.choice(["上午", "下午"])  # the half day of a half-day training, the same on every page
    slots = {"上午": ("08:30-10:00", "10:15-12:00"), "下午": ("14:30-16:00", "16:15-17:30")}
    topics = vocab.TRAINING_TOPICS_PUBLIC if public else [*vocab.METHODS, *vocab.TRAINING_TOPICS_PRO]
    sessions = []
    d = start
    while d <= end:
        for period in [half] if days == 0.5 else ["上午", "下午"]:
            for slot in slots[period]:
                teacher = vocab.person_name(rng) + rng.choice(["教授", "研究员", "高级工程师", "主任医师"])
                sessions.append((dates.fmt(d, "dot")[5:], f"{period}{slot}", rng.choice(topics), teacher))
        d += dt.timedelta(days=1)
    fields = {
        "title": title,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "days": days,
        "stated_hours": hours,
        "subject": "public" if public else "professional",
        "certificate_number": cert_no,
        "issuer": issuer,
        "date": _iso(issue_date),
        **_person_fields(p, absent),
    }
    data = {
        "title": title,
        "heading": heading,
        "issuer": issuer,
        "start_date": start,
        "end_date": end,
        "half_day": days == 0.5,
        "stated_hours": hours,
        "subject": fields["subject"],
        "year": year,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "photo": rng.random() < 0.6,
        "id_number": p.id_number if rng.random() < 0.3 else "",
        "certificate_number": cert_no,
        "date": issue_date,
        "date_form": rng.choice(["cn", "cn_pad", "dot"]),
        "doc_org": doc_org,
        "doc_number": doc_number,
        "doc_title": f"关于举办{title}的通知",
        "venue": rng.choice(vocab.TRAINING_VENUES),
        "addressees": rng.choice(
            ["各县市区人力资源和社会保障局，市直有关单位：", "各有关单位：", "各县市区相关部门、市直各单位："]
        ),
        "notice_date": start - dt.timedelta(days=rng.randint(5, 20)),
        "topic_line": topic_line,
        "attendees": attendees,
        "half_period": half,
        "employer": p.employer,
        "id_full": p.id_number,  # the ruled 合格证明 form always prints it
        "contact": vocab.person_name(rng),
        "phone": str(rng.randint(7200000, 7899999)),
        "sessions": sessions,
        "trainee_list": _trainees(attendees, p.name, absent) if rng.random() < 0.3 else [],
    }
    if absent:
        data["attendees"] = [a for a in attendees if a[0] != p.name]
    return ItemSpec("training_certificate", fields, data, parts, key=f"cert:{cert_no}")


def _trainees(attendees: list[tuple[str, str]], name: str, absent: bool) -> list[str]:
    """Up to 8 trainee names for a notice, the applicant among them unless absent."""
    names = [a[0] for a in attendees if a[0] != name][:7]
    if not absent:
        names.insert(len(names) // 2, name)
    return names


def _online(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    platform, issuer = rng.choice(vocab.ONLINE_PLATFORMS)
    courses = [
        (rng.choice(vocab.TOPICS) + rng.choice(vocab.METHODS), rng.choice([2, 3, 4, 6, 8]))
        for _ in range(rng.randint(3, 7))
    ]
    hours = sum(h for _, h in courses)
    end = dates.random_date(rng, year, (4, 12))
    start = end - dt.timedelta(days=rng.randint(20, 120))
    absent = o.get("name_absent", False)
    cert_no = _cert_no(rng, "WL" + str(year), 7)
    with_page = rng.random() < 0.6
    pages = ["online_course_certificate", "course_content"] if with_page else ["online_course_certificate"]
    fields = {
        "title": courses[0][0],
        "stated_hours": hours,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "date": _iso(end),
        "certificate_number": cert_no,
        "issuer": issuer,
        "subject": "professional",
        **_person_fields(p, absent),
    }
    data = {
        "platform": platform,
        "issuer": issuer,
        "courses": courses,
        "stated_hours": hours,
        "start_date": start,
        "date": end,
        "date_form": rng.choice(["cn", "dash", "cn_pad"]),
        "title": courses[0][0],
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "employer": p.employer,
        "id_number": p.id_number if rng.random() < 0.5 else "",
        "certificate_number": cert_no,
        "with_courses": not with_page,
    }
    return ItemSpec("online_course_certificate", fields, data, pages, key=f"cert:{cert_no}")


def _span_days(rng: random.Random, year: int, choices: tuple[float, ...]) -> tuple[dt.date, dt.date, float]:
    days = rng.choice(choices)
    start = dates.random_date(rng, year, (3, 11))
    return start, start + dt.timedelta(days=max(0, int(days + 0.5) - 1)), days


def _conference(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    start, end, days = _span_days(rng, year, (1, 2, 2, 3))
    host = rng.choice(vocab.CONFERENCE_HOSTS)
    title = rng.choice(vocab.CONFERENCES)
    absent = o.get("name_absent", False)
    fields = {
        "title": title,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "days": days,
        "issuer": host,
        **_person_fields(p, absent),
    }
    data = {
        "title": title,
        "host": host,
        "start_date": start,
        "end_date": end,
        "days": days,
        "venue": rng.choice(vocab.TRAINING_VENUES),
        "employer": p.employer,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "notice_date": start - dt.timedelta(days=rng.randint(10, 40)),
        "date_form": rng.choice(["cn", "cn_pad"]),
        "title_cn": {"senior": "副高级", "intermediate": "中级", "junior": "初级"}[p.title_level],
        "person_pinyin": vocab.romanised(p.name if not absent else "某某"),
        "title_en": vocab.english_title(rng).removeprefix("A ").removeprefix("The ") + " Symposium",
        "host_en": vocab.HOSTS_EN.get(host, "the Hunan Association for Science and Technology"),
    }
    data["notes"] = [
        rng.choice(vocab.TOPICS)
        + rng.choice(vocab.METHODS)
        + rng.choice(["的最新进展", "的经验做法", "存在的问题与对策"])
        for _ in range(rng.randint(4, 7))
    ]
    # Set (a) of 1.4 needs invitation + receipt + notes; a few items lack the notes (incomplete).
    pages = o.get("pages") or rng.choice(
        [
            ["conference_invitation", "conference_receipt", "study_notes"],
            ["conference_invitation", "conference_receipt", "study_notes"],
            ["conference_invitation", "conference_receipt"],
        ]
    )
    return ItemSpec("conference_record", fields, data, pages, key=f"conf:{title}:{start}")


def _practice(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    start, end, days = _span_days(rng, year, (2, 3, 5))
    title = rng.choice(vocab.PRACTICE_ACTIVITIES)
    org = rng.choice(["常德市科学技术局", "常德市卫生健康委员会", "常德市农业农村局", "常德市教育局"])
    absent = o.get("name_absent", False)
    log = []
    d = start
    while d <= end:
        log.append(
            (
                dates.fmt(d, "cn"),
                rng.choice(
                    [
                        "深入田间开展技术指导",
                        "为村民义诊并开展健康宣教",
                        "到联系学校听课评课",
                        "调研受援单位需求并形成报告",
                        "举办专题技术培训会",
                    ]
                ),
            )
        )
        d += dt.timedelta(days=1)
    fields = {
        "title": title,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "days": days,
        "issuer": org,
        **_person_fields(p, absent),
    }
    data = {
        "title": title,
        "start_date": start,
        "end_date": end,
        "days": days,
        "doc_org": org,
        "doc_number": f"常{rng.choice(['科', '卫', '农', '教'])}发〔{year}〕{rng.randint(3, 50)}号",
        "doc_title": f"关于开展{title}的通知",
        "addressees": "各有关单位：",
        "venue": rng.choice(["桃源县", "石门县", "澧县", "安乡县", "汉寿县"])
        + rng.choice(["茶庵铺镇", "壶瓶山镇", "城头山镇", "安丰乡"]),
        "notice_date": start - dt.timedelta(days=rng.randint(5, 20)),
        "employer": p.employer,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "log": log,
        "date_form": rng.choice(["cn", "cn_pad"]),
    }
    data["team"] = vocab.other_names(rng, rng.randint(1, 4), {p.name})
    if not absent:
        data["team"].insert(rng.randint(0, len(data["team"])), p.name)
    by_family = {"practice_activity/log_table": [["practice_notice", "activity_log"]],
                 "practice_activity/cn_dates": [["practice_notice", "dispatch_notice"]]}
    pages = o.get("pages") or rng.choice(by_family.get(
        o.get("_family", ""), [["practice_notice", "dispatch_notice"], ["practice_notice", "activity_log"]]))
    return ItemSpec("practice_activity", fields, data, pages, key=f"practice:{title}:{start}")


def _project(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    level = (
        o.get("level") or rng.choices(["provincial", "municipal", "national", "county"], [5, 4, 1, 0.5])[0]
    )
    rank = o.get("rank") or rng.choices([1, 2, 3, 4, 5, 6], [4, 2, 2, 1, 1, 1])[0]
    absent = o.get("name_absent", False)
    people = _names_with(rng, p, max(rank, rng.randint(4, 7)), rank, absent)
    role = "host" if rank == 1 else ("main" if rank <= 4 else "participant")
    source = rng.choice(vocab.PROJECT_SOURCES[level])
    issuer = rng.choice(vocab.PROJECT_ISSUERS[level])
    issuer = vocab.PROJECT_SOURCE_ISSUER.get(source, issuer)
    when = dates.random_date(rng, year, (2, 12))
    title = o.get("title") or vocab.research_title(rng)
    number = {
        "national": f"{rng.randint(31, 82)}{year - 3 - 2000}{rng.randint(1000, 9999)}",
        "provincial": f"{year - 3}JJ{rng.randint(30000, 60000)}",
        "municipal": f"CDKJ{year - 2}{rng.randint(100, 999)}",
        "county": f"XKJ{year - 2}-{rng.randint(10, 99)}",
    }[level]
    fields = {
        "title": title,
        "level": level,
        "date": _iso(when),
        "issuer": issuer,
        "certificate_number": number,
        **_person_fields(p, absent, rank),
    }
    if not absent:
        fields["role"] = role
    data = {
        "heading": rng.choice(["结题证书", "结项证明", "结题证明"]),
        "title": title,
        "project_number": number,
        "source": source,
        "host_printed": people[0],
        "members_printed": people[1:],
        "employer": p.employer,
        "level": level,
        "show_level": rng.random() < 0.4,
        "issuer": issuer,
        "date": when,
        "date_form": rng.choice(["cn", "cn_pad", "cn_upper"]),
    }
    return ItemSpec("project_completion", fields, data, ["project_completion"], key=f"project:{number}")


def _digital(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    k = o.get("modules") or rng.choice([1, 2, 2, 3])
    mods = rng.sample(vocab.DIGITAL_MODULES, k)
    when = dates.random_date(rng, year, (4, 12))
    cert_no = _cert_no(rng, f"SZ{year}43", 8)
    absent = o.get("name_absent", False)
    issuer = rng.choice(["湖南省人力资源和社会保障厅", "湖南省人事考试院"])
    fields = {
        "modules": k,
        "date": _iso(when),
        "certificate_number": cert_no,
        "issuer": issuer,
        **_person_fields(p, absent),
    }
    data = {
        "heading": rng.choice(["专业技术人员数字技术应用能力考试合格证书", "数字技术应用能力考试合格证书"]),
        "module_names": mods,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "sex": p.sex,
        "id_number": p.id_number,
        "certificate_number": cert_no,
        "issuer": issuer,
        "date": when,
        "date_form": rng.choice(["cn", "cn_pad"]),
        # the score report lists every module sat, the failed ones too (below the 60 pass mark)
        "module_scores": [(m, rng.randint(60, 95)) for m in mods]
        + [(m, rng.randint(35, 59)) for m in rng.sample([x for x in vocab.DIGITAL_MODULES if x not in mods],
                                                        rng.choice([0, 1]))],
    }
    return ItemSpec("digital_skills_exam", fields, data, ["digital_skills_exam"], key=f"cert:{cert_no}")


def _aid(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    kind, program, org = rng.choice(vocab.AID_KINDS)
    months = o.get("months") or rng.choice([6, 6, 12, 18, 24])
    start = dt.date(year, rng.choice([1, 3, 7, 9]), 1)
    if months >= 12:  # long assignments start the year before the one named
        start = dt.date(year - 1, rng.choice([1, 3, 7]), 1)
    end = dates.add_months(start, months) - dt.timedelta(days=1)
    passed = o.get("assessment_passed", True)
    absent = o.get("name_absent", False)
    names = _names_with(rng, p, rng.randint(2, 6), 1, absent)
    rng.shuffle(names)
    fields = {
        "start_date": _iso(start),
        "end_date": _iso(end),
        "months": months,
        "assessment_passed": passed,
        "issuer": org,
        **_person_fields(p, absent),
    }
    data = {
        "aid_kind": kind,
        "program": program,
        "doc_org": org,
        "doc_number": f"湘{rng.choice(['组', '卫', '振'])}通〔{start.year}〕{rng.randint(3, 40)}号",
        "doc_title": f"关于选派{kind}专业技术人才的通知",
        "addressees": "各有关单位：",
        "person_name_printed": p.name if not absent else names[0],
        "names": names,
        "start_date": start,
        "end_date": end,
        "months": months,
        "assessment_passed": passed,
        "employer": p.employer,
        "post": program.replace("湖南省对口支援", "") + rng.choice(["人民医院", "农业农村局", "第一中学"]),
        "notice_date": start - dt.timedelta(days=rng.randint(10, 30)),
        "assess_org": rng.choice(["湖南省援藏工作队", "湖南省援疆前方指挥部", "湘西州乡村振兴局", org]),
        "grade_cn": rng.choice(["优秀", "称职"]) if passed else "不称职",
    }
    return ItemSpec(
        "aid_assignment", fields, data, ["aid_dispatch_notice", "aid_assessment_form"], key=f"aid:{start}"
    )


def _degree(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    school = rng.choice(vocab.DEGREE_SCHOOLS)
    courses = []
    for c in rng.sample(vocab.DEGREE_COURSES, rng.randint(4, 7)):
        score = rng.choice(
            [rng.randint(61, 96), rng.randint(61, 96), rng.randint(61, 96), rng.randint(40, 59)]
        )
        courses.append((c, rng.choice([2, 3, 4]), score, dates.random_date(rng, year, (1, 12))))
    passed = sum(1 for c in courses if c[2] >= 60)
    issued = dt.date(year, 12, rng.randint(20, 30))
    absent = o.get("name_absent", False)
    fields = {
        "passed_count": passed,
        "date": _iso(issued),
        "issuer": f"{school}研究生院",
        **_person_fields(p, absent),
    }
    data = {
        "school": school,
        "issuer": f"{school}研究生院",
        "courses": courses,
        "date": issued,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "student_no": f"{year - 1}{rng.randint(10000000, 99999999)}",
        "major": rng.choice(["农业管理", "临床医学", "教育管理", "水利工程", "公共管理"]),
    }
    return ItemSpec("degree_transcript", fields, data, ["degree_transcript"], key=f"degree:{school}:{year}")


def _qualification(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    exam, subjects, mark = rng.choice(vocab.QUAL_EXAMS)
    chosen = rng.sample(subjects, rng.randint(1, len(subjects)))
    rows = []
    for s in chosen:
        full = 120 if mark in (72, 84) else 100
        score = rng.randint(mark, full) if rng.random() < 0.7 else rng.randint(mark - 25, mark - 1)
        rows.append((s, score, mark))
    passed = sum(1 for r in rows if r[1] >= r[2])
    when = dt.date(year, rng.choice([11, 12]), rng.randint(1, 28))
    absent = o.get("name_absent", False)
    fields = {
        "title": exam,
        "passed_count": passed,
        "date": _iso(when),
        "issuer": "湖南省人事考试院",
        **_person_fields(p, absent),
    }
    data = {
        "title": exam,
        "subjects": rows,
        "date": when,
        "issuer": "湖南省人事考试院",
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "id_number": p.id_number,
        "file_no": f"{year}43{rng.randint(100000, 999999)}",
    }
    return ItemSpec(
        "qualification_exam_scores", fields, data, ["qualification_exam_scores"], key=f"qual:{exam}"
    )


def _overseas(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    host, city = rng.choice(vocab.OVERSEAS_HOSTS)
    start, end, days = _span_days(rng, year, (5, 7, 10, 14))
    title = rng.choice(vocab.TOPICS) + rng.choice(["国际交流", "访问学者", "研修交流"])
    absent = o.get("name_absent", False)
    fields = {
        "title": title,
        "start_date": _iso(start),
        "end_date": _iso(end),
        "days": days,
        "issuer": host,
        **_person_fields(p, absent),
    }
    from pypinyin import lazy_pinyin

    data = {
        "host": host,
        "city": city,
        "title": title,
        "start_date": start,
        "end_date": end,
        "employer": p.employer,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "person_pinyin": " ".join(s.capitalize() for s in lazy_pinyin(p.name)),
        "host_en": vocab.HOSTS_EN.get(host, host),
        "notice_date": start - dt.timedelta(days=rng.randint(20, 60)),
        "date_form": rng.choice(["cn", "cn_pad"]),
    }
    pages = o.get("pages") or (
        ["overseas_invitation", "overseas_receipt"] if o.get("_family") == "overseas_exchange/approval"
        else rng.choice(
            [["overseas_invitation", "overseas_receipt"], ["overseas_invitation", "overseas_certificate"]]
        )
    )
    return ItemSpec("overseas_exchange", fields, data, pages, key=f"overseas:{start}")


def _hours_sheet(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    first = o.get("first_year") or year - 4
    last = o.get("last_year") or year
    years = [(y, rng.choice([30, 32, 36, 40]), rng.choice([60, 64, 72, 80])) for y in range(first, last + 1)]
    total = sum(a + b for _, a, b in years)
    issued = dates.random_date(rng, last + 1, (3, 8))
    absent = o.get("name_absent", False)
    fields = {
        "start_date": f"{first}-01-01",
        "end_date": f"{last}-12-31",
        "stated_hours": total,
        "date": _iso(issued),
        "issuer": "常德市人力资源和社会保障局",
        **_person_fields(p, absent),
    }
    data = {
        "first_year": first,
        "last_year": last,
        "years": years,
        "stated_hours": total,
        "date": issued,
        "issuer": "常德市人力资源和社会保障局",
        "employer": p.employer,
        "id_number": p.id_number,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "date_form": rng.choice(["cn", "cn_pad"]),
    }
    return ItemSpec(
        "hours_recognition_sheet", fields, data, ["hours_recognition_sheet"], key=f"sheet:{first}-{last}"
    )


def _public_inst(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    hours = o.get("stated_hours") or rng.choice([24, 30, 40, 50, 60])
    when = dates.random_date(rng, year, (6, 12))
    title = rng.choice(["事业单位工作人员岗位培训", "事业单位新进人员初任培训", "事业单位工作人员在岗培训"])
    cert_no = _cert_no(rng, f"HNSYDW{year}", 7)
    absent = o.get("name_absent", False)
    issuer = "湖南省事业单位工作人员培训管理平台"
    fields = {
        "title": title,
        "stated_hours": hours,
        "date": _iso(when),
        "certificate_number": cert_no,
        "issuer": issuer,
        **_person_fields(p, absent),
    }
    data = {
        "title": title,
        "stated_hours": hours,
        "date": when,
        "certificate_number": cert_no,
        "issuer": issuer,
        "person_name_printed": p.name if not absent else vocab.person_name(rng),
        "year": year,
        "date_form": rng.choice(["cn", "cn_pad"]),
    }
    return ItemSpec(
        "public_institution_training", fields, data, ["public_institution_training"], key=f"cert:{cert_no}"
    )


def _other(rng: random.Random, p: Person, year: int, o: dict[str, Any]) -> ItemSpec:
    kind = o.get("kind") or rng.choice(["id_card", "invoice", "unrelated_page"])
    when = dates.random_date(rng, year)
    if kind in articles.OTHER_PUB_KINDS:
        data = articles.other_pub(kind, rng, p.name, p.employer, when)
    elif kind == "id_card":
        data = {
            "person_name_printed": p.name,
            "sex": p.sex,
            "birth": p.birth,
            "id_number": p.id_number,
            "address": "湖南省常德市"
            + rng.choice(["武陵区", "鼎城区"])
            + rng.choice(["穿紫河街道", "白马湖街道"])
            + f"{rng.choice(['建设', '人民', '朗州'])}路{rng.randint(1, 300)}号",
        }
    elif kind == "invoice":
        goods = [
            (
                rng.choice(["*会议服务*会务费", "*培训服务*培训费", "*住宿服务*住宿费", "*图书*专业书籍"]),
                rng.randint(1, 3),
                float(rng.choice([380, 450, 600, 1200])),
            )
        ]
        data = {
            "code": f"043{rng.randint(100000000, 999999999)}",
            "number": f"{rng.randint(10000000, 99999999)}",
            "date": when,
            "buyer": p.employer,
            "tax_id": f"12430700{rng.randint(1000000000, 9999999999)}",
            "goods": goods,
            "seller": rng.choice(
                ["常德华天大酒店有限公司", "湖南新华书店常德分公司", "常德市会展服务有限公司"]
            ),
            "total_cn": rng.choice(["壹仟贰佰柒拾贰圆整", "肆佰柒拾柒圆整", "陆佰叁拾陆圆整"]),
        }
    else:
        heading, first = rng.choice(vocab.UNRELATED_PAGES)
        data = {
            "heading": heading,
            "date": when,
            "paras": [
                first + "。" + "本年度认真履行岗位职责，积极参加单位组织的各项学习活动，业务水平不断提高。",
                "下一步将继续加强理论学习，提升专业能力，严格遵守各项规章制度，圆满完成各项工作任务。",
            ],
        }
    return ItemSpec("other", {}, data, [kind], key=f"other:{kind}:{rng.random()}")


BUILDERS = {
    "patent_certificate": _patent,
    "award_certificate": _award,
    "journal_paper": _journal,
    "book_publication": _book,
    "training_certificate": _training,
    "online_course_certificate": _online,
    "conference_record": _conference,
    "practice_activity": _practice,
    "project_completion": _project,
    "digital_skills_exam": _digital,
    "aid_assignment": _aid,
    "degree_transcript": _degree,
    "qualification_exam_scores": _qualification,
    "overseas_exchange": _overseas,
    "hours_recognition_sheet": _hours_sheet,
    "public_institution_training": _public_inst,
    "other": _other,
}


def build_item(evidence_type: str, rng: random.Random, person: Person, year: int, **opts: Any) -> ItemSpec:
    """The item of ``evidence_type`` for ``person`` dated in ``year``; ``opts`` plant special cases.

    ``family`` (a name of sample_docs/families.py) fixes the layout family; otherwise one is drawn
    by the default weights, never one of ``exclude_families``. ``training_notice`` builds a
    training item made of its notice pages only (no certificate).
    """
    from sample_docs import families

    if evidence_type not in BUILDERS and evidence_type != "training_notice":
        raise ValueError(f"unknown evidence type {evidence_type!r}; known: {', '.join(EVIDENCE_TYPES)}")
    exclude = opts.pop("exclude_families", frozenset())
    fam = opts.pop("family", None)
    if fam is None and evidence_type == "other" and "kind" in opts:
        fam = f"other/{opts['kind']}"
    from sample_docs.items_certs import family_of_pages

    fam = fam or family_of_pages(opts.get("pages"), exclude) or families.pick(rng, evidence_type, exclude)
    if not fam.startswith(evidence_type + "/"):
        known = families.names(evidence_type)
        raise ValueError(f"layout family {fam!r} is not one of {evidence_type}: {known}")
    spec = _build(evidence_type, rng, person, year, fam, opts)
    spec.family = fam
    spec.data["family"] = fam
    return spec


def _build(evidence_type: str, rng: random.Random, person: Person, year: int, fam: str,
           opts: dict[str, Any]) -> ItemSpec:
    from sample_docs import items_certs  # the certificate families of issue #12, in their own module

    own = items_certs.build(fam, rng, person, year, opts)
    if own is not None:
        return own
    if evidence_type == "training_notice":
        # Notice pages alone: the notice lists the trainees (or a sign-in sheet does), so the
        # applicant's name is on the item as its truth says.
        default = {
            "training_notice/lecture": [["training_notice", "sign_in_sheet"]],
            "training_notice/roster": [["training_notice"]],
        }.get(fam, [["training_notice", "training_schedule"], ["training_notice", "sign_in_sheet"]])
        pages = opts.get("pages") or rng.choice(default)
        spec = _training(rng, person, year, {**opts, "pages": pages})
        if "sign_in_sheet" not in pages:
            spec.data["trainee_list"] = _trainees(
                spec.data["attendees"], person.name, opts.get("name_absent", False)
            )
        spec.evidence_type = "training_notice"
        # Only what the notice pages print: no certificate number, stated hours or issue date.
        for key in ("certificate_number", "stated_hours", "date"):
            spec.fields.pop(key, None)
        spec.fields["issuer"] = spec.data["doc_org"]
        return spec
    if evidence_type == "other":
        opts = {"kind": fam.split("/", 1)[1], **opts}
    return BUILDERS[evidence_type](rng, person, year, {**opts, "_family": fam})
