"""Small generic extractors, one per contract field, driven by the tables of patterns.toml.

Each extractor takes the item's lines, the applicant and the type's table and returns a
FieldValue or None (a field that cannot be read is absent, never guessed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pipeline.extract import dates as D
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, ocr_factor, parse_number, value
from pipeline.extract.names import NameMatch, find_name, rank_in, split_names
from pipeline.types import Applicant, FieldValue

_STOP = re.compile(DATA["lists"]["stop"])
_PAGE_NO = re.compile(r"[\s.…·•-]*\(?\d{1,4}\)?\s*$")
_LEADER = re.compile(r"(?:[.…·•]{2,}|-{2,}|\s{2,}|\s-\s)")
_CJK_TOKEN = re.compile(r"^[\u4e00-\u9fff]{2,4}[0-9*,]*$")


@dataclass
class Ctx:
    lines: list[TextLine]
    applicant: Applicant | None
    cfg: dict[str, Any]
    physical: list[TextLine] = field(default_factory=list)  # as read; ``lines`` joins wrapped ones
    _name: tuple[int, NameMatch] | bool | None = False  # cache: False = not searched yet

    @property
    def name(self) -> str:
        return self.applicant.name.strip() if self.applicant and self.applicant.name else ""

    def name_hit(self) -> tuple[int, NameMatch] | None:
        """The best line holding the applicant's name, and the match."""
        if self._name is False:
            best: tuple[int, NameMatch] | None = None
            for i, ln in enumerate(self.lines):
                m = find_name(self.name, ln.text) if self.name else None
                if m and (best is None or m.score * ocr_factor(ln.conf) >
                          best[1].score * ocr_factor(self.lines[best[0]].conf)):
                    best = (i, m)
            self._name = best
        return self._name  # type: ignore[return-value]


Extractor = Callable[[Ctx], FieldValue | None]


def _label_re(label: str) -> re.Pattern[str]:
    # spaced-out labels (发 明 人) are common in certificates and kept in the spaced text
    return re.compile(r"\s*".join(re.escape(c) for c in label))


def _after(text: str, label: str) -> str | None:
    """The text after ``label`` (and its colon) on a line, or None when the label is absent."""
    for m in _label_re(label).finditer(text):
        rest = text[m.end():]
        # a label is followed by a colon, a column gap or the line end, not by running text
        # (由派出单位承担 is no 派出单位 label)
        if not rest or rest[0] in " :":
            return rest.lstrip(" :")
    return None


def _labelled(ctx: Ctx, labels: list[str], spaced: bool = False) -> tuple[str, TextLine] | None:
    """The value printed after the first label found: same line, else the next line."""
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            rest = _after(ln.spaced if spaced else ln.text, label)
            if rest is None:
                continue
            rest = _STOP.split(rest)[0].strip() if rest else ""
            if rest:
                return rest, ln
            if i + 1 < len(ctx.lines) and ctx.lines[i + 1].page == ln.page:
                nxt = ctx.lines[i + 1]
                nrest = (nxt.spaced if spaced else nxt.text)
                if not _STOP.match(nrest):
                    return _STOP.split(nrest)[0].strip(), nxt
    return None


# --- person ---------------------------------------------------------------------------------

def person_name(ctx: Ctx) -> FieldValue | None:
    hit = ctx.name_hit()
    if not hit:
        return None
    i, m = hit
    return value(m.printed, m.score, ctx.lines[i])


def name_found(ctx: Ctx) -> FieldValue | None:
    if not ctx.name:
        return None
    hit = ctx.name_hit()
    if hit:
        i, m = hit
        return value(True, m.score, ctx.lines[i])
    # absent: as sure as the text is readable; little text proves little
    chars = sum(len(ln.text) for ln in ctx.lines)
    if chars < 20:
        return FieldValue(False, 0.3)
    mean = sum(ocr_factor(ln.conf) for ln in ctx.lines) / len(ctx.lines)
    return FieldValue(False, round(0.9 * mean, 3))


# --- rank and role --------------------------------------------------------------------------

def _explicit_rank(ctx: Ctx) -> FieldValue | None:
    hit = ctx.name_hit()
    for pat in DATA["lists"]["explicit"]:
        for i, ln in enumerate(ctx.lines):
            m = re.search(pat, ln.text)
            if not m:
                continue
            n = parse_number(m.group(1))
            if n is None or n < 1:
                continue
            # on the applicant's own line it is their rank; elsewhere only fairly likely
            near = hit is not None and abs(hit[0] - i) <= 1
            return value(int(n), 0.95 if near else 0.8, ln)
    return None


def _list_rank(ctx: Ctx, labels: list[str]) -> tuple[int, float, TextLine, list[str]] | None:
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            rest = _after(ln.spaced, label)
            if rest is None:
                continue
            rest = _STOP.split(rest)[0]
            src = ln
            if not rest.strip() and i + 1 < len(ctx.lines):
                src = ctx.lines[i + 1]
                rest = _STOP.split(src.spaced)[0]
            names = split_names(rest, ctx.name)
            if not names:
                continue
            r = rank_in(names, ctx.name)
            if r:
                # separators printed -> sure of the order; re-segmented runs less so
                separated = bool(re.search(r"[;,、，；\s]", rest.strip()))
                strength = r[1] * (0.95 if separated or len(names) == 1 else 0.75)
                return r[0], strength, src, names
    return None


_SUFFIX = re.compile(r"^(.{2,60}?)\s*等?\s*(?:编著|主编|著|编|译)\s*$")


def _suffix_rank(ctx: Ctx) -> tuple[int, float, TextLine, list[str]] | None:
    """Book covers print the authors before the role: 李娜 王强 著 / 李娜 主编."""
    for ln in ctx.physical:
        m = _SUFFIX.match(ln.spaced)
        if m:
            names = split_names(m.group(1), ctx.name)
            r = rank_in(names, ctx.name) if names else None
            if r:
                return r[0], r[1] * 0.9, ln, names
    return None


def _contents_entry(ctx: Ctx) -> tuple[str | None, list[str], TextLine, float] | None:
    """For a journal contents page: the paper the applicant is on, its authors and title."""
    lines = ctx.physical
    hits = [(i, m) for i, ln in enumerate(lines) if (m := find_name(ctx.name, ln.text))]
    if not hits:
        return None
    i, _ = max(hits, key=lambda h: h[1].score)
    ln = lines[i]
    s = _PAGE_NO.sub("", ln.spaced).strip()
    parts = [p.strip() for p in _LEADER.split(s) if p.strip()]
    title: str | None = None
    authors = ""
    for j, p in enumerate(parts):
        if find_name(ctx.name, p.replace(" ", "")):
            authors = p
            if j > 0:
                title = parts[j - 1]
            break
    names_only = bool(authors) and all(
        _CJK_TOKEN.match(t) or re.fullmatch(r"[A-Za-z][A-Za-z .-]*", t)
        for t in re.split(r"[,，、;；\s]+", authors.strip(" ,，")) if t
    )
    if authors and title is None and not names_only:
        toks = authors.split(" ")
        # "title name name" on one line with single spaces: trailing short CJK tokens are names
        k = len(toks)
        while k > 0 and _CJK_TOKEN.match(toks[k - 1]):
            k -= 1
        if 0 < k < len(toks):
            title, authors = " ".join(toks[:k]), " ".join(toks[k:])
    if authors and title is None and names_only and i > 0 and lines[i - 1].page == ln.page:
        # a line of names only: the title is the line above it
        prev = _PAGE_NO.sub("", lines[i - 1].text).strip()
        prev = _LEADER.split(prev)[0].strip()
        if len(re.findall(r"[\u4e00-\u9fff]", prev)) > 4:
            title = prev
    if not authors:
        return None
    names = split_names(authors, ctx.name)
    sure = 0.9 if title else 0.75
    if title:
        title = title.replace(" ", "") if re.search(r"[\u4e00-\u9fff]", title) else title
    return title, names, ln, sure


def rank(ctx: Ctx) -> FieldValue | None:
    if not ctx.name:
        return None
    if ctx.cfg.get("_type") == "project_completion":
        pr = _project(ctx)
        return pr[0] if pr else None
    exp = _explicit_rank(ctx)
    if exp and exp.confidence >= 0.9:
        return exp
    lr = _list_rank(ctx, ctx.cfg.get("list_labels") or DATA["lists"]["labels"])
    if lr is None and ctx.cfg.get("_type") == "book_publication":
        lr = _suffix_rank(ctx)
    if lr:
        return value(lr[0], lr[1], lr[2])
    if ctx.cfg.get("_type") == "journal_paper":
        ce = _contents_entry(ctx)
        if ce:
            r = rank_in(ce[1], ctx.name)
            if r:
                return value(r[0], r[1] * ce[3], ce[2])
    return exp


def _project(ctx: Ctx) -> tuple[FieldValue, FieldValue] | None:
    """Rank and role in a project: the host first, then the completers in printed order."""
    host = _labelled(ctx, DATA["lists"]["host_labels"], spaced=True)
    host_names = split_names(host[0], ctx.name) if host else []
    if host and host_names and rank_in(host_names[:1], ctx.name):
        r = rank_in(host_names[:1], ctx.name)
        assert r is not None
        return value(1, r[1] * 0.95, host[1]), value("host", r[1] * 0.95, host[1])
    lr = _list_rank(ctx, ctx.cfg.get("list_labels") or DATA["lists"]["labels"])
    if lr:
        pos, strength, ln, names = lr
        # the member list may or may not repeat the host first
        if host_names and names and names[0] != host_names[0]:
            pos += 1
        elif not host_names:
            strength *= 0.9  # no host printed: the list's first is taken as the host
        role = "host" if pos == 1 else "main" if pos <= 4 else "participant"
        return value(pos, strength, ln), value(role, strength, ln)
    exp = _explicit_rank(ctx)
    if exp:
        n = int(exp.value)
        role = "host" if n == 1 else "main" if n <= 4 else "participant"
        return exp, FieldValue(role, exp.confidence, exp.page, exp.box, exp.source)
    return None


def role(ctx: Ctx) -> FieldValue | None:
    if not ctx.name:
        return None
    pr = _project(ctx)
    return pr[1] if pr else None


# --- dates ----------------------------------------------------------------------------------

# the year is what the rules credit, so a month-only date is nearly as good as a full one
_PREC = {"day": 1.0, "month": 0.95, "year": 0.85}


def _excluded(text: str, start: int) -> bool:
    before = text[max(0, start - 8):start]
    return any(x in before for x in DATA["dates"]["exclude"])


def _date_after_label(ctx: Ctx, labels: list[str]) -> FieldValue | None:
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            pos = ln.text.find(label)
            if pos < 0:
                continue
            cands = [(h, ln) for h in D.find_dates(ln.text[pos:])]
            if not cands and i + 1 < len(ctx.lines):
                nxt = ctx.lines[i + 1]
                cands = [(h, nxt) for h in D.find_dates(nxt.text)]
            if cands:
                h, src = cands[0]
                return value(h.date.isoformat(), 0.95 * _PREC[h.precision], src)
    return None


def _last_date(ctx: Ctx, strength: float) -> FieldValue | None:
    last: tuple[D.DateHit, TextLine] | None = None
    for ln in ctx.lines:
        text = D.arabize(ln.text)
        for h in D.find_dates(ln.text):
            if h.precision != "year" and not _excluded(text, h.start):
                last = (h, ln)
    if not last:
        return None
    h, ln = last
    return value(h.date.isoformat(), strength * _PREC[h.precision], ln)


def _issue_date(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["dates"]["issue"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                y, n = int(m.group(1)), int(m.group(2))
                # issue N of a monthly is month N; otherwise only the year is sure (January 1)
                month = n if 1 <= n <= 12 else 1
                return value(f"{y:04d}-{month:02d}-01", 0.92, ln)
    return None


def date(ctx: Ctx) -> FieldValue | None:
    mode = ctx.cfg.get("date_mode", "labelled")
    labels = ctx.cfg.get("date_labels", [])
    if mode == "issue":
        return _date_after_label(ctx, ["出版日期", "出版时间"]) or _issue_date(ctx) or _last_date(ctx, 0.7)
    found = _date_after_label(ctx, labels) if labels else None
    if found:
        return found
    if mode == "range_end":
        rng = _range(ctx)
        if rng:
            r, ln, s = rng
            return value(r.end.date.isoformat(), s, ln)
    # an unlabelled date: the last one on the page is where the seal and issue date sit
    return _last_date(ctx, float(ctx.cfg.get("date_fallback_strength", 0.85 if mode == "last" else 0.75)))


def _range(ctx: Ctx) -> tuple[D.DateRange, TextLine, float] | None:
    first: tuple[D.DateRange, TextLine, float] | None = None
    for ln in ctx.lines:
        rs = D.find_ranges(ln.text)
        if not rs:
            continue
        labelled = any(lbl in ln.text for lbl in DATA["dates"]["range_labels"])
        cand = (rs[0], ln, 0.95 if labelled else 0.85)
        if labelled:
            return cand
        first = first or cand
    return first


_ATTENDED = re.compile(r"\s*(?:上午|下午)?\s*(?:在|参加|出席|赴|到)")


def _single_day(ctx: Ctx) -> tuple[D.DateHit, TextLine] | None:
    """A one-day event: a single date under a time label, or 于<date>参加 on a certificate."""
    for ln in ctx.lines:
        labelled = any(lbl in ln.text for lbl in DATA["dates"]["range_labels"])
        text = D.arabize(ln.text)
        for h in D.find_dates(ln.text):
            if h.precision == "day" and (labelled or _ATTENDED.match(text, h.end)):
                return h, ln
    return None


def start_date(ctx: Ctx) -> FieldValue | None:
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        return value(r.start.date.isoformat(), s * _PREC[r.start.precision], ln)
    one = _single_day(ctx)
    return value(one[0].date.isoformat(), 0.85, one[1]) if one else None


def end_date(ctx: Ctx) -> FieldValue | None:
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        return value(r.end.date.isoformat(), s * _PREC[r.end.precision], ln)
    one = _single_day(ctx)
    return value(one[0].date.isoformat(), 0.85, one[1]) if one else None


def days(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["dates"]["days"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                n = parse_number(m.group(1))
                if n:
                    return value(n, 0.95, ln)
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        if r.start.precision == "day" and r.end.precision == "day":
            return value(r.days, s, ln)
        return None
    one = _single_day(ctx)
    if one:
        h, ln = one
        return value(0.5 if h.half else 1.0, 0.85, ln)
    return None


# --- numbers and codes ----------------------------------------------------------------------

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def patent_check_digit(digits: str) -> str:
    """Check character of a CNIPA application number (weights 2-9 repeating, mod 11, 10 -> X)."""
    s = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False)) % 11
    return "X" if s == 10 else str(s)


def patent_number(ctx: Ctx) -> FieldValue | None:
    pats = [DATA["numbers"]["patent"], r"专利号\s*:?\s*((?:\d\s*){12}|(?:\d\s*){8})\s*[.·,]?\s*([0-9Xx])"]
    for pat in pats:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                digits = re.sub(r"\s", "", m.group(1))
                check = m.group(2).upper()
                ok = patent_check_digit(digits) == check
                return value(f"ZL{digits}.{check}", 0.98 if ok else 0.7, ln)
    return None


def cn_number(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["cn"], ln.text)
        if m:
            return value(f"{m.group(1)}-{m.group(2)}/{m.group(3)}", 0.95, ln)
    return None


def issn_valid(issn: str) -> bool:
    d = issn.replace("-", "")
    if len(d) != 8 or not d[:7].isdigit():
        return False
    s = sum(int(c) * w for c, w in zip(d[:7], range(8, 1, -1), strict=True))
    check = (11 - s % 11) % 11
    return d[7].upper() == ("X" if check == 10 else str(check))


def issn(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["issn"], ln.text)
        if m:
            tail = re.sub(r"\s", "", m.group(2)).upper()
            val = f"{m.group(1)}-{tail}"
            return value(val, 0.98 if issn_valid(val) else 0.7, ln)
    return None


def isbn_valid(isbn: str) -> bool:
    d = isbn.upper()
    if len(d) == 13 and d.isdigit():
        return sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(d)) % 10 == 0
    if len(d) == 10 and d[:9].isdigit():
        s = sum(int(c) * (10 - i) for i, c in enumerate(d[:9])) + (10 if d[9] == "X" else int(d[9]))
        return s % 11 == 0
    return False


def isbn(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        m = re.search(DATA["numbers"]["isbn"], ln.text)
        if m:
            digits = re.sub(r"[\s-]", "", m.group(1)).upper()
            printed = re.sub(r"\s+", "-", m.group(1).strip()).upper()  # as printed, 978-7-...
            return value(printed, 0.98 if isbn_valid(digits) else 0.7, ln)
    return None


def certificate_number(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["numbers"]["certificate"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m and not m.group(1).upper().startswith("ZL"):
                return value(m.group(1), 0.9, ln)
    return None


def stated_hours(ctx: Ctx) -> FieldValue | None:
    for k, pat in enumerate(DATA["numbers"]["hours"]):
        for ln in ctx.lines:
            # requirement sentences (每年不少于90学时, 每天折算8学时) are not this item's hours
            if re.search(r"不少于|以上|每天|半天|折算|每年", ln.text):
                continue
            m = re.search(pat, ln.text)
            if m:
                return value(float(m.group(1)), 0.95 if k < 2 else 0.85, ln)
    return None


def modules(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["numbers"]["modules"]:
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                n = parse_number(m.group(1))
                if n is not None:
                    return value(int(n), 0.9, ln)
    passed = [ln for ln in ctx.physical if "模块" in ln.text and re.search("合格|通过", ln.text)
              and not re.search("不合格|未通过", ln.text)]
    if passed:
        return value(len(passed), 0.85, passed[0])
    return None


def months(ctx: Ctx) -> FieldValue | None:
    for k, pat in enumerate(DATA["numbers"]["months"]):
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if not m:
                continue
            n = parse_number(m.group(1))
            if n is None:
                continue
            if k == 2:  # 为期一年(半)
                n = n * 12 + (6 if "年半" in ln.text[m.start():m.end() + 1] else 0)
            return value(int(n), 0.9, ln)
    rng = _range(ctx)
    if rng:
        r, ln, s = rng
        return value(D.months_between(r.start.date, r.end.date), s * 0.9, ln)
    return None


# --- maps -----------------------------------------------------------------------------------

def _first_tier(ctx: Ctx, tiers: list[dict[str, Any]], key: str) -> tuple[Any, TextLine, int] | None:
    for tier in tiers:
        for k, pat in enumerate(tier["patterns"]):
            for ln in ctx.lines:
                if re.search(pat, ln.text):
                    return tier[key], ln, k
    return None


def level(ctx: Ctx) -> FieldValue | None:
    t = _first_tier(ctx, DATA["levels"], "level")
    return value(t[0], 0.9, t[1]) if t else None


def grade(ctx: Ctx) -> FieldValue | None:
    keys = sorted(DATA["grades"], key=len, reverse=True)
    for ln in ctx.lines:
        for k in keys:
            if k in ln.text:
                return value(DATA["grades"][k], 0.95 if k.endswith("奖") else 0.8, ln)
    return None


def patent_kind(ctx: Ctx) -> FieldValue | None:
    t = _first_tier(ctx, DATA["patent_kinds"], "kind")
    return value(t[0], 0.95 if t[2] == 0 else 0.85, t[1]) if t else None


def subject(ctx: Ctx) -> FieldValue | None:
    for pat in DATA["subject"]["public"]:
        for ln in ctx.lines:
            if re.search(pat, ln.text):
                return value("public", 0.95, ln)
    if not ctx.lines:
        return None
    return FieldValue("professional", 0.85)  # no public-subject wording anywhere


def assessment_passed(ctx: Ctx) -> FieldValue | None:
    for ln in ctx.lines:
        if not re.search("考核|等次|鉴定", ln.text):
            continue
        for tier in DATA["assessment"]:
            if any(re.search(p, ln.text) for p in tier["patterns"]):
                return value(tier["passed"], 0.9, ln)
    return None


# --- texts ----------------------------------------------------------------------------------

_QUOTED = re.compile(
    r"(?:参加|举办|主办的|组织的|完成的|开展|荣获|完成|来我校参加|承担的)[^“”]{0,30}?“([^”]{4,60})”"
)


def title(ctx: Ctx) -> FieldValue | None:
    # a quoted name after 举办/参加/完成的 is the surest title on notices and certificates
    if ctx.cfg.get("title_quoted", True):
        for ln in ctx.lines:
            m = _QUOTED.search(ln.text)
            if m:
                return value(m.group(1).strip(), 0.9, ln)
    got = _labelled(ctx, ctx.cfg.get("title_labels", []))
    if got and len(got[0]) >= 2:
        return value(got[0].strip("《》 "), 0.9, got[1])
    for pat in ctx.cfg.get("title_patterns", []):
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                return value(m.group(1).strip("《》“”\" "), 0.8, ln)
    if ctx.cfg.get("_type") == "journal_paper" and ctx.name:
        ce = _contents_entry(ctx)
        if ce and ce[0]:
            return value(ce[0], 0.85, ce[2])
    return None


_ISSUE_TAIL = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年?\s*第?\s*\d{1,2}\s*期|Vol\..*|No\..*)\s*$")


def journal(ctx: Ctx) -> FieldValue | None:
    got = _labelled(ctx, DATA["journal"]["labels"])
    if got and len(got[0]) >= 2:
        return value(got[0].strip("《》 "), 0.9, got[1])
    serial = re.compile(r"CN\s*\d{2}-|ISSN|第\s*\d{1,2}\s*期")
    serial_pages = {ln.page for ln in ctx.physical if serial.search(ln.text)}
    for ln in ctx.physical:
        if ln.page in serial_pages:
            m = re.search(r"《([^》]{2,80})》", ln.text)
            if m:
                return value(m.group(1), 0.85, ln)
    # the masthead: first line of a page with serial numbers or an issue number
    for pg in sorted(serial_pages):
        first = next(ln for ln in ctx.physical if ln.page == pg)
        name = _ISSUE_TAIL.sub("", first.text).strip()
        if re.fullmatch(DATA["journal"]["masthead"], name):
            return value(name, 0.8, first)
    for ln in sorted(ctx.physical, key=lambda x: x.page not in serial_pages):
        m = re.match(DATA["journal"]["name"], ln.text)
        if m:
            return value(m.group(1), 0.8 if ln.page in serial_pages else 0.65, ln)
    return None


def issuer(ctx: Ctx) -> FieldValue | None:
    got = _labelled(ctx, DATA["issuer"]["labels"])
    if got and len(got[0]) >= 3:
        return value(got[0], 0.9, got[1])
    default = ctx.cfg.get("issuer_default")
    if default:
        for ln in ctx.lines:
            m = re.search(default, ln.text)
            if m:
                return value(m.group(0), 0.95, ln)
    # the issuing body signs at the end of the first document of the item (the notice, or the
    # certificate when there is no notice)
    orgs = [ln for ln in ctx.physical if re.match(DATA["issuer"]["org"], ln.text)]
    if orgs:
        # certificates: the body that signs the certificate (the last document of the item)
        page = orgs[-1].page if ctx.cfg.get("issuer_from") == "last" else orgs[0].page
        ln = [o for o in orgs if o.page == page][-1]
        return value(ln.text, 0.8, ln)
    return None


# --- score tables (2.8, 2.9) ------------------------------------------------------------------

def passed_count(ctx: Ctx) -> FieldValue | None:
    sc = DATA["scores"]
    mark_default = float(sc["default_pass_mark"])
    mark_col = any(any(lbl in ln.text for lbl in sc["pass_mark_labels"]) for ln in ctx.physical)
    credit_col = any("学分" in ln.text and "成绩" in ln.text for ln in ctx.physical)
    rows = 0
    passed = 0
    first: TextLine | None = None
    for ln in ctx.physical:
        t = ln.spaced
        # a row: optional running number (OCR may glue it to the name), the course, then scores
        m = re.match(r"^\s*(?:\d{1,2}[.、\s]?\s*)?([\u4e00-\u9fffA-Za-z()《》]{2,30})", t)
        if not m or any(t.strip().startswith(s) for s in sc["skip"]):
            continue
        rest = t[m.end():]
        nums = [float(x) for x in re.findall(r"(?<![\d.])\d{1,3}(?:\.\d)?(?![\d.])", rest)]
        fail = any(w in rest for w in sc["fail_words"])
        word = (not fail) and any(w in rest for w in sc["pass_words"])
        if not nums and (re.search(r"成绩|标准|是否|学分", t) or not (fail or word)):
            continue  # the header row, or text
        if nums and not (fail or word):
            if credit_col and len(nums) >= 2:
                score, mark = nums[1], mark_default  # 学分 before 成绩
            elif mark_col and len(nums) >= 2:
                score, mark = nums[0], nums[1]
            else:
                score, mark = nums[0], mark_default
            ok = score >= mark
        else:
            ok = word
        rows += 1
        passed += ok
        first = first or ln
    if not rows:
        return None
    return value(passed, 0.85, first)


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
