"""The extractor of every contract field (section 3), each a small generic function driven by
the type's table in patterns.toml. An extractor returns a FieldValue or None: a field that
cannot be read is absent, never guessed."""

from __future__ import annotations

from pipeline.extract.codes import (
    certificate_number,
    cn_number,
    isbn,
    issn,
    modules,
    patent_number,
)
from pipeline.extract.context import Extractor
from pipeline.extract.hours import stated_hours
from pipeline.extract.maps import assessment_passed, grade, level, patent_kind, subject
from pipeline.extract.people import name_found, person_name, rank, role
from pipeline.extract.scores import passed_count
from pipeline.extract.texts import issuer, journal, title
from pipeline.extract.when import date, days, end_date, months, start_date

EXTRACTORS: dict[str, Extractor] = {
    "person_name": person_name,
    "name_found": name_found,
    "rank": rank,
    "role": role,
    "level": level,
    "grade": grade,
    "patent_kind": patent_kind,
    "patent_number": patent_number,
    "title": title,
    "journal": journal,
    "cn_number": cn_number,
    "issn": issn,
    "isbn": isbn,
    "date": date,
    "start_date": start_date,
    "end_date": end_date,
    "days": days,
    "stated_hours": stated_hours,
    "subject": subject,
    "modules": modules,
    "passed_count": passed_count,
    "months": months,
    "assessment_passed": assessment_passed,
    "certificate_number": certificate_number,
    "issuer": issuer,
}
