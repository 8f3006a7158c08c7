"""The applicant on the evidence: name found, rank in a list of names, role in a project."""

from __future__ import annotations

import re

from pipeline.cjk import IDEOGRAPHS as CJK
from pipeline.cjk import ideograph_count
from pipeline.extract.context import STOP, Ctx, after_label, labelled
from pipeline.extract.data import DATA
from pipeline.extract.labels import item_tables
from pipeline.extract.lines import TextLine, ocr_factor, parse_number, table_rows, value
from pipeline.extract.names import SURNAMES, find_cjk_name, find_name, rank_in, split_names
from pipeline.extract.normalize import cjk_only
from pipeline.types import FieldValue

_PAGE_NO = re.compile(r"[\s.…·•-]*\(?\d{1,4}\)?\s*$")
_LEADER = re.compile(r"(?:[.…·•]{2,}|-{2,}|\s{2,}|\s-\s)")
NAME_ABSENT_CONFIDENCE = 0.75
_SHORT_NAME = re.compile(rf"[{CJK}]{{1,5}}[0-9*]*")
_CJK_TOKEN = re.compile(rf"^[{CJK}]{{2,4}}[0-9*,]*$")
_HAS_CJK = re.compile(f"[{CJK}]")


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
    # not seeing a name is an argument from silence: OCR garbles names more than anything, so
    # "absent" is never sure enough to pass without a person (the rules flag name_mismatch too)
    mean = sum(ocr_factor(ln.conf) for ln in ctx.lines) / len(ctx.lines)
    return FieldValue(False, round(NAME_ABSENT_CONFIDENCE * mean, 3))


# --- rank and role --------------------------------------------------------------------------

def _explicit_rank(ctx: Ctx) -> tuple[FieldValue, bool] | None:
    """排名第3 / 第三完成人, and whether it sits on (or next to) the applicant's name."""
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
            return value(int(n), 0.95 if near else 0.8, ln), near
    return None


_NAME_PIECE = re.compile(rf"[{CJK}]{{2,4}}")


_GLUED_RUN = re.compile(rf"[{CJK}]{{5,8}}")


def _name_like(piece: str) -> bool:
    """A 2-4 character CJK piece starting with a common surname (谭海明), not a label (专利号);
    or two or three such names printed without a separator (苏安然夏予), each with its surname."""
    if _NAME_PIECE.fullmatch(piece):
        return piece[0] in SURNAMES
    if not _GLUED_RUN.fullmatch(piece):
        return False
    parts = split_names(piece)
    return len(parts) > 1 and all(_NAME_PIECE.fullmatch(p) and p[0] in SURNAMES for p in parts)


def names_before_labels(rest: str) -> str:
    """The name list after a label, up to the next label; a colon between two names is OCR's
    reading of a printed ；(谭海明:邓芷:石晓静), not a label of its own."""
    pieces = rest.split(":")
    out = pieces[0]
    for p in pieces[1:]:
        prev = re.split(r"[;,、，；\s]+", out.strip())[-1]
        head = re.split(r"[;,、，；\s]+", p.strip())[0]
        if not (_name_like(prev) and _name_like(head)):
            out += ":" + p
            continue
        out += ";" + p
    return STOP.split(out)[0]


def _list_rank(ctx: Ctx, labels: list[str]) -> tuple[int, float, TextLine, list[str]] | None:
    for label in labels:
        for i, ln in enumerate(ctx.lines):
            rest = after_label(ln.spaced, label)
            if rest is None:
                continue
            rest = names_before_labels(rest)
            src = ln
            if not rest.strip() and i + 1 < len(ctx.lines):
                src = ctx.lines[i + 1]
                rest = STOP.split(src.spaced)[0]
            names = split_names(rest, ctx.name)
            if not names:
                continue
            r = rank_in(names, ctx.name)
            if r is None and (more := _continued_list(ctx, src)) is not None:
                # a long list wraps under itself (11 inventors over two lines, with the
                # applicant column printed between them in reading order)
                rest = rest + ";" + more
                names = names + split_names(more, ctx.name)
                r = rank_in(names, ctx.name)
            if r:
                # separators printed -> sure of the order; re-segmented runs less so
                separated = bool(re.search(r"[;,、，；\s]", rest.strip()))
                strength = r[1] * (0.95 if separated or len(names) == 1 else 0.75)
                # a piece that is no 2-4 character name (于 / 春强赵德刚) was re-cut: order less sure
                pieces = [cjk_only(t) for t in re.split(r"[;,、，；\s]+", rest) if cjk_only(t)]
                if any(not 2 <= len(t) <= 4 for t in pieces):
                    strength *= 0.8
                return r[0], strength, src, names
    return None


_LIST_END = re.compile(r"[。.!！?？]\s*$")


def _continued_list(ctx: Ctx, ln: TextLine) -> str | None:
    """The line a list of names wraps onto: right below ``ln`` on its page (top within one line
    height of its bottom), under its span, no label of its own, and made of names only."""
    if ln.box is None or _LIST_END.search(ln.text):
        return None
    height = ln.box[3] - ln.box[1]
    for nxt in ctx.physical:
        b = nxt.box
        if nxt.page != ln.page or b is None or nxt.seq <= ln.seq:
            continue
        if not (ln.box[3] - 0.5 * height <= b[1] <= ln.box[3] + height):
            continue
        if b[0] < ln.box[0] - height or b[0] >= ln.box[2] or STOP.match(nxt.text):
            continue
        pieces = [t for t in re.split(r"[;,、，；:\s]+", nxt.spaced) if t]
        if pieces and all(_name_like(t) or (len(t) <= 2 and not re.search(r"[0-9A-Za-z]", t))
                          for t in pieces):
            return nxt.spaced.replace(":", ";")
    return None


# names printed before a role or an address (patterns.toml lists.name_suffixes)
_SUFFIX = re.compile(r"^(.{2,120}?)\s*等?\s*(?:" + "|".join(map(re.escape, DATA["lists"]["name_suffixes"]))
                     + r")\s*:?\s*$")  # fmt: skip


def _pattern_rank(ctx: Ctx) -> tuple[int, float, TextLine, list[str]] | None:
    """Lists found by the type's ``list_patterns`` (group 1 = the names), e.g. the CIP line of
    a book: 中药材黄精研究/顾然，陈敏兰著.—北京：人民卫生出版社."""
    for pat in ctx.cfg.get("list_patterns", []):
        for ln in ctx.lines:
            m = re.search(pat, ln.spaced)
            if not m:
                continue
            names = split_names(m.group(1), ctx.name)
            r = rank_in(names, ctx.name) if names else None
            if r:
                return r[0], r[1] * 0.95, ln, names
    return None


def _author_role_rank(ctx: Ctx) -> tuple[int, float, TextLine, list[str]] | None:
    """Rank across the type's ``author_roles`` in order: the names of each earlier role come
    first (主编 1, then the 副主编 2, 3, ...). Only when every earlier role's list was read."""
    offset = 0
    for role in ctx.cfg.get("author_roles", []):
        found = _role_names(ctx, role)
        if found is None:
            return None
        names, ln = found
        r = rank_in(names, ctx.name)
        if r:
            separated = len(names) == 1 or bool(re.search(r"[;,、，；\s]", ln.spaced))
            return offset + r[0], r[1] * (0.9 if separated else 0.75), ln, names
        offset += len(names)
    return None


def _role_line(text: str, role: str) -> str | None:
    """The names of a line that is only names and ``role``, as covers and title pages print them:
    '郭爱秀 主编', '主编付景' (the role glued to the names), never a longer role ('副主编')."""
    t = text.strip()
    prefixes = tuple(DATA["lists"]["role_prefixes"].get(role, ()))
    if t.endswith(role):
        names = re.sub(r"\s*等?\s*$", "", t[: -len(role)])
        if names.endswith(prefixes):
            return None
    elif t.startswith(role):
        names = t[len(role):]
    else:
        return None
    names = names.strip(" :")
    only_names = not re.search(r"[^\s" + CJK + r"·、，,]", names)
    return names if names and len(cjk_only(names)) <= 16 and only_names else None


def _role_names(ctx: Ctx, role: str) -> tuple[list[str], TextLine] | None:
    """The names after the first ``role`` label (same line, else the next one), or of a line made
    of the names and the role alone."""
    for ln in ctx.lines:
        glued = _role_line(ln.spaced, role)
        if glued:
            names = split_names(glued, ctx.name)
            if names:
                return names, ln
    for i, ln in enumerate(ctx.lines):
        rest = after_label(ln.spaced, role)
        if rest is None:
            continue
        rest, src = names_before_labels(rest), ln
        if not rest.strip() and i + 1 < len(ctx.lines):
            src = ctx.lines[i + 1]
            rest = STOP.split(src.spaced)[0]
        names = split_names(rest, ctx.name)
        if names:
            return names, src
    return None


def _cover_role_rank(ctx: Ctx) -> tuple[int, float, TextLine, list[str]] | None:
    """A cover or title page that prints a later role (副主编) on a line of names and role alone:
    the rank counts across the roles in order (a 副主编 after every 主编), which a list read after
    one role label alone would not."""
    roles = ctx.cfg.get("author_roles", [])
    if len(roles) < 2 or not any(_role_line(ln.spaced, r) for ln in ctx.lines for r in roles[1:]):
        return None
    return _author_role_rank(ctx)


def _suffix_rank(ctx: Ctx) -> tuple[int, float, TextLine, list[str]] | None:
    """Names before the role or address: book covers (李娜 王强 著), award certificates
    (邱勇康、李娜、袁少同志：)."""
    for ln in ctx.physical:
        m = _SUFFIX.match(ln.spaced)
        if not m:
            continue
        names = split_names(m.group(1), ctx.name)
        r = rank_in(names, ctx.name) if names else None
        if r:
            strength = r[1] * 0.9
            if re.search(r"[A-Za-z()\[\]]", m.group(1)) and _HAS_CJK.search(m.group(1)):
                strength *= 0.6  # OCR junk beside the names: a lost (排名第5) is likely
            elif len(names) == 1:
                strength *= 0.85  # the sole winner, or a rank printed elsewhere and not read
            return r[0], strength, ln, names
    return None


def contents_entry(ctx: Ctx) -> tuple[str | None, list[str], TextLine, float] | None:
    """For a journal contents page: the paper the applicant is on, its authors and title."""
    # RapidOCR boxes the page number apart from its title: rows put back together first
    lines = table_rows(ctx.physical)
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
    # a line of names only: every comma-separated piece a short name (OCR may space one out)
    segments = [t.replace(" ", "") for t in re.split(r"[,，、;；]+", authors.strip(" ,，")) if t.strip()]
    names_only = bool(segments) and all(
        _SHORT_NAME.fullmatch(t) or re.fullmatch(r"[A-Za-z][A-Za-z .-]*", t) for t in segments
    ) and (len(segments) > 1 or " " not in authors.strip())
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
        if ideograph_count(prev) > 4:
            title = prev
    if not authors:
        return None
    names = split_names(authors, ctx.name)
    sure = 0.9 if title else 0.75
    if title:
        title = title.replace(" ", "") if _HAS_CJK.search(title) else title
    return title, names, ln, sure


def rank(ctx: Ctx) -> FieldValue | None:
    if not ctx.name:
        return None
    if ctx.cfg.get("_type") == "project_completion":
        pr = _project(ctx)
        return pr[0] if pr else None
    explicit = _explicit_rank(ctx)
    if explicit and explicit[1]:  # 李娜（排名第4）: stated for this very person
        return explicit[0]
    exp = explicit[0] if explicit else None
    lr = _cover_role_rank(ctx)
    if lr is None:
        lr = _list_rank(ctx, ctx.cfg.get("list_labels") or DATA["lists"]["labels"])
    if lr is None:
        lr = _pattern_rank(ctx) or _suffix_rank(ctx) or _author_role_rank(ctx)
    if lr is None and ctx.cfg.get("holder_labels"):
        held = _list_rank(ctx, ctx.cfg["holder_labels"])
        lr = (held[0], held[1] * HOLDER_STRENGTH, held[2], held[3]) if held else None
    if lr:
        return value(lr[0], lr[1], lr[2])
    if ctx.cfg.get("_type") == "journal_paper":
        credited = _credit_rank(ctx) or _english_author_rank(ctx) or _bilingual_rank(ctx)
        if credited:
            return credited
        glued = _glued_author_row(ctx)
        if glued:
            return glued
        ce = contents_entry(ctx)
        if ce:
            r = rank_in(ce[1], ctx.name)
            if r:
                return value(r[0], r[1] * ce[3], ce[2])
    return exp


def _credit_rank(ctx: Ctx) -> FieldValue | None:
    """文/[美国]戴维·塞德勒 / 译/艺馨: the rank within the role of the line the applicant is on."""
    pat = re.compile(DATA["lists"]["credit_line"])
    for ln in ctx.physical:
        m = pat.match(ln.text)
        if not m:
            continue
        names = split_names(re.sub(DATA["lists"]["nationality"], " ", m.group("names")), ctx.name)
        r = rank_in(names, ctx.name) if names else None
        if r:
            return value(r[0], r[1] * 0.9, ln)
    return None


_QUALIFIERS = {q.lower() for q in DATA["lists"]["author_qualifiers"]}
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'\-]*(?:\s+[A-Za-z][A-Za-z.'\-]*){1,3}")


def _english_author_rank(ctx: Ctx) -> FieldValue | None:
    """An English author line, broken over lines after a comma and with notes between the names
    (…, Shuai Gao, Member, IEEE, / Ningchun Liu, Student Member, IEEE, and Sajal K. Das, Fellow,
    IEEE): the names in order, the notes and affiliation marks left out."""
    lines = ctx.physical
    for i, ln in enumerate(lines):
        m = find_name(ctx.name, ln.text)
        if m is None or not m.romanised:
            continue
        first = i
        # the line before goes on into this one: it ends after a comma, or inside a membership
        # note broken over the lines (…, Student / Member, IEEE, and Shaolan Hou)
        while first > 0 and i - first < 3 and lines[first - 1].page == ln.page \
                and re.search(r"(?:,|\b(?:Student|Senior|Life|Graduate))\s*$", lines[first - 1].text):
            first -= 1
        block = " ".join(x.text for x in lines[first:i + 1])
        pieces = []
        for piece in re.split(r",|\band\b", block):
            piece = re.sub(r"[\d*∗†‡§]+", " ", piece).strip()
            if piece and piece.lower() not in _QUALIFIERS:
                pieces.append(piece)
        if len(pieces) < 2 or not all(_LATIN_NAME.fullmatch(p) for p in pieces):
            continue  # not a line of names (an affiliation, a sentence)
        r = rank_in(pieces, ctx.name)
        if r:
            return value(r[0], r[1] * 0.9, ln)
    return None


_NAME_THEN_LATIN = re.compile(
    rf"([{CJK}]{{2,}})\s+([A-Z][A-Za-z]*(?:\s+[A-Za-z]+){{0,2}}?)(?=\s+[{CJK}•·]|\s*$)")


def _bilingual_rank(ctx: Ctx) -> FieldValue | None:
    """Authors printed each with their romanisation on one line (实验室肖仁 Xiao Ren 吴定会 Wu
    Dinghui): a name is the end of a run of characters whose pinyin the Latin words after it
    spell, so an affiliation before the first name does not count as one."""
    from pipeline.extract.names import pinyin_pattern

    for ln in ctx.physical:
        if find_cjk_name(ctx.name, ln.text) is None:
            continue
        names: list[str] = []
        for m in _NAME_THEN_LATIN.finditer(ln.text):
            run, latin = m.group(1), re.sub(r"\s+", "", m.group(2))
            for k in (2, 3, 4):
                pat = pinyin_pattern(run[-k:]) if len(run) >= k else None
                if pat and pat.fullmatch(latin):
                    names.append(run[-k:])
                    break
        r = rank_in(names, ctx.name) if len(names) >= 2 else None
        if r:
            return value(r[0], r[1] * 0.9, ln)
    return None


GLUED_ROW_STRENGTH = 0.85
HOLDER_STRENGTH = 0.8  # a rank among the patentees: the inventors' order only where they own it


def _glued_author_row(ctx: Ctx) -> FieldValue | None:
    """A contents row read without gaps (栏目 题名 作者 页码 run together): 综述…研究武冬勇，刘建 26.
    The authors are the comma-separated pieces; the first is glued to the title, so the applicant
    counts as first only where the first piece ends with the name. Only under a header with an
    authors column (作者)."""
    if not any(w in ln.text for ln in ctx.physical for w in ("作者",)):
        return None
    for ln in table_rows(ctx.physical):
        text = _PAGE_NO.sub("", ln.text).strip()
        # a piece of digits alone is an affiliation mark between names (伍锡如1,2,3黄国明1,2)
        pieces = [p.strip() for p in re.split(r"[,，、]", text) if not p.strip().isdigit()]
        if len(pieces) < 2:
            continue
        for k, piece in enumerate(pieces):
            m = find_name(ctx.name, piece)
            if m is None:
                continue
            if k == 0 and not piece.endswith(ctx.name):
                break  # the name inside the title, not the first author's place
            if k > 0 and len(cjk_only(piece)) > 4:
                break  # not a list of names
            return value(k + 1, m.score * GLUED_ROW_STRENGTH, ln)
    return None


_ROLE_WORDS = sorted(((w, r) for r, ws in DATA["lists"]["role_words"].items() for w in ws),
                     key=lambda wr: len(wr[0]), reverse=True)


def role_by_position(pos: int) -> str:
    return "host" if pos == 1 else "main" if pos <= 4 else "participant"


def _duty(text: str) -> str | None:
    """The role a 分工 cell prints (主持人 / 主要参加人 / 参加人), longest word first."""
    for w, r in _ROLE_WORDS:
        if w in text:
            return r
    return None


def _table_member(ctx: Ctx) -> tuple[FieldValue, FieldValue] | None:
    """A members table (序号|姓名|工作单位|职称|分工): rank from the applicant's 序号 (or row
    position), role from the 分工 cell; the two readings must agree for the role to be confirmed."""
    for t in item_tables(ctx):
        if t.column_of("person_name") is None:
            continue
        for k, (row, ln) in enumerate(t.rows, 1):
            m = find_name(ctx.name, ln.text)
            if m is None:
                continue
            idx = row.get("序号", "")
            pos = int(idx) if idx.isdigit() else k
            strength = m.score * (0.95 if idx.isdigit() else 0.85)
            rank_fv = value(pos, strength, ln)
            by_pos = role_by_position(pos)
            duty = _duty(row.get(t.column_of("role") or "", "")) if t.column_of("role") else None
            if duty is None:
                return rank_fv, value(by_pos, strength, ln)
            role_fv = value(duty, strength, ln)
            role_fv.confirmed = duty == by_pos
            role_fv.check = (f"分工与排名第{pos}一致" if role_fv.confirmed
                             else f"分工为{duty}，按排名第{pos}应为{by_pos}")
            return rank_fv, role_fv
    return None


def _project(ctx: Ctx) -> tuple[FieldValue, FieldValue] | None:
    """Rank and role in a project: a members table first, then the host, then the completers
    in printed order."""
    member = _table_member(ctx)
    if member is not None:
        return member
    prose = _prose_members(ctx)
    if prose is not None:
        return prose
    host = labelled(ctx, DATA["lists"]["host_labels"], spaced=True)
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
        return value(pos, strength, ln), value(role_by_position(pos), strength, ln)
    explicit = _explicit_rank(ctx)
    if explicit:
        exp = explicit[0]
        n = int(exp.value)
        return exp, FieldValue(role_by_position(n), exp.confidence, exp.page, exp.box, exp.source)
    return None


PROSE_STRENGTH = 0.9


def _without_unit(names: str) -> str:
    """由常州大学许承泽: the names after the unit printed before them."""
    cut = max((names.rfind(w) + len(w) for w in DATA["lists"]["unit_words"] if w in names), default=0)
    return names[cut:]


def _prose_members(ctx: Ctx) -> tuple[FieldValue, FieldValue] | None:
    """由<hosts>同学主持，<members>同学参与的…: rank by position (hosts first), role host for
    a named host, else by position."""
    for ln in ctx.lines:
        m = re.search(DATA["lists"]["prose_hosts"], ln.text)
        if not m:
            continue
        hosts = split_names(_without_unit(m.group(1)), ctx.name)
        rest = ln.text[m.start():]
        mm = re.search(DATA["lists"]["prose_members"], rest)
        members = split_names(mm.group(1), ctx.name) if mm else []
        r = rank_in([*hosts, *members], ctx.name)
        if r is None:
            continue
        pos, score = r
        strength = score * PROSE_STRENGTH
        role_name = "host" if pos <= len(hosts) else role_by_position(pos)
        if 1 < pos <= len(hosts):
            strength *= 0.8  # a co-host: host by the wording, yet not the first signatory
        return value(pos, strength, ln), value(role_name, strength, ln)
    return None


def role(ctx: Ctx) -> FieldValue | None:
    if not ctx.name:
        return None
    pr = _project(ctx)
    return pr[1] if pr else None
