"""``manifest.csv``: one row per applicant (docs/contract.md section 1).

Reviewers make the manifest in Excel or WPS, so it arrives as UTF-8 (with or without BOM) or
GB18030, with English or Chinese headers, and with the odd bad row. A bad row is reported as
``"manifest.csv line N: <what is wrong>"`` and every other row is still read.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from pipeline.types import Applicant
from rules.titles import normalize_title_level

MANIFEST_NAME = "manifest.csv"
MAX_MANIFEST_BYTES = 20 * 1024 * 1024  # thousands of applicants fit in far less

# Header aliases, compared after lower-casing and removing spaces, "_", "-" and BOMs.
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "applicant_id": ("applicantid", "id", "applicant", "编号", "申报人编号", "人员编号", "申报编号"),
    "name": ("name", "applicantname", "姓名", "申报人", "申报人姓名"),
    "employer": ("employer", "unit", "organisation", "organization", "单位", "工作单位", "所在单位"),
    "title_level": ("titlelevel", "level", "title", "职称级别", "职称等级", "申报级别", "职称层级"),
    "eval_year": ("evalyear", "year", "evaluationyear", "评审年度", "评审年份", "年度", "申报年度"),
    "id_number": ("idnumber", "idno", "idcard", "身份证号", "身份证号码", "身份证", "证件号码"),
}
REQUIRED = ("applicant_id", "name", "employer", "title_level", "eval_year")


def normalise_title_level(value: str) -> str | None:
    """``senior|intermediate|junior`` for an English or Chinese title level, else None.

    One mapping for the whole project: the rules library's, which the span rules also use.
    """
    try:
        return normalize_title_level(value)
    except ValueError:
        return None


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-\ufeff]+", "", h).lower()


_ALIAS_TO_FIELD = {alias: fieldname for fieldname, aliases in _HEADER_ALIASES.items() for alias in aliases}


def decode_manifest(data: bytes) -> tuple[str, str]:
    """Text and encoding of a manifest: UTF-16 with BOM, else UTF-8(-sig), else GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK/GB2312, what Excel on Chinese Windows writes.
    return data.decode("gb18030"), "gb18030"


def _sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_manifest(path: str | Path) -> tuple[dict[str, Applicant], list[str]]:
    """Applicants by id, and the problems found, from a ``manifest.csv`` file."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_MANIFEST_BYTES:
        return {}, [f"{MANIFEST_NAME}: file too large ({size} bytes), not read"]
    return parse_manifest(path.read_bytes())


def parse_manifest(data: bytes, name: str = MANIFEST_NAME) -> tuple[dict[str, Applicant], list[str]]:
    """Applicants by id, and the problems found, from the bytes of a manifest."""
    try:
        text, _enc = decode_manifest(data)
    except UnicodeDecodeError:
        return {}, [f"{name}: cannot be decoded as UTF-8 or GB18030; save it as CSV UTF-8"]
    lines = text.splitlines(keepends=True)
    first = next((ln for ln in lines if ln.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(first))
    errors: list[str] = []
    applicants: dict[str, Applicant] = {}
    first_line: dict[str, int] = {}

    columns: dict[str, int] | None = None
    prev_line = 0
    for row in reader:
        line_no = prev_line + 1  # a quoted cell may span lines: report where the row starts
        prev_line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns, header_errors = _read_header(row, name)
            errors.extend(header_errors)
            if "applicant_id" not in columns:
                return {}, errors
            continue
        applicant, row_errors = _read_row(row, columns)
        errors.extend(f"{name} line {line_no}: {e}" for e in row_errors)
        if applicant is None:
            continue
        if applicant.applicant_id in applicants:
            errors.append(
                f"{name} line {line_no}: applicant_id {applicant.applicant_id} repeats line "
                f"{first_line[applicant.applicant_id]}; this row is ignored"
            )
            continue
        applicants[applicant.applicant_id] = applicant
        first_line[applicant.applicant_id] = line_no
    if columns is None:
        errors.append(f"{name}: no header row (expected {', '.join(REQUIRED)})")
    return applicants, errors


def _read_header(row: list[str], name: str) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    for i, cell in enumerate(row):
        fieldname = _ALIAS_TO_FIELD.get(_norm_header(cell))
        if fieldname and fieldname not in columns:
            columns[fieldname] = i
    missing = [c for c in REQUIRED if c not in columns]
    errors = []
    if missing:
        errors.append(
            f"{name} line 1: missing column(s) {', '.join(missing)} (header was: {', '.join(row)})"
        )
    return columns, errors


def _cell(row: list[str], columns: dict[str, int], fieldname: str) -> str:
    i = columns.get(fieldname)
    if i is None or i >= len(row):
        return ""
    return row[i].strip()


def _read_row(row: list[str], columns: dict[str, int]) -> tuple[Applicant | None, list[str]]:
    """One applicant from one row; a bad field is reported and left unknown, the row is kept."""
    errors: list[str] = []
    applicant_id = _cell(row, columns, "applicant_id")
    if not applicant_id:
        return None, ["applicant_id is empty; row ignored"]
    if "/" in applicant_id or "\\" in applicant_id:
        return None, [f"applicant_id {applicant_id!r} contains a path separator; row ignored"]
    name = _cell(row, columns, "name")
    if not name and "name" in columns:
        errors.append(f"name is empty for {applicant_id}")

    raw_level = _cell(row, columns, "title_level")
    title_level = normalise_title_level(raw_level) if raw_level else None
    if title_level is None and "title_level" in columns:
        shown = repr(raw_level) if raw_level else "empty"
        errors.append(
            f"title_level {shown} for {applicant_id} is not senior/intermediate/junior (高级/中级/初级)"
        )

    raw_year = _cell(row, columns, "eval_year")
    eval_year = _parse_year(raw_year)
    if eval_year is None and "eval_year" in columns:
        shown = repr(raw_year) if raw_year else "empty"
        errors.append(f"eval_year {shown} for {applicant_id} is not a year like 2024")

    id_number = _cell(row, columns, "id_number").upper()
    if id_number:
        problem = _id_number_problem(id_number)
        if problem:
            errors.append(f"id_number for {applicant_id} {problem}")

    return (
        Applicant(
            applicant_id=applicant_id,
            name=name or applicant_id,
            employer=_cell(row, columns, "employer"),
            title_level=title_level or "",
            eval_year=eval_year,
            id_number=id_number,
        ),
        errors,
    )


def _parse_year(raw: str) -> int | None:
    # Excel turns 2024 into "2024.0" on some exports; people write "2024年" or "2024年度".
    m = re.fullmatch(r"(\d{4})(?:\.0+)?\s*(?:年度?)?", raw)
    if not m:
        return None
    year = int(m.group(1))
    return year if 1980 <= year <= 2100 else None


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _id_number_problem(idn: str) -> str | None:
    """Why a resident ID number is malformed (GB 11643 check digit), or None."""
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", idn):
        return f"{idn!r} was turned into a number by Excel; format the column as text"
    if re.fullmatch(r"\d{15}", idn):
        return None  # first-generation ID: no check digit
    if not re.fullmatch(r"\d{17}[\dX]", idn):
        return f"{idn!r} is not an 18-character resident ID number"
    total = sum(int(d) * w for d, w in zip(idn[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != idn[17]:
        return f"{idn!r} has a wrong check digit"
    return None
