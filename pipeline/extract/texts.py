"""Free-text fields: the title, the journal, the issuing body."""

from __future__ import annotations

import re

from pipeline.extract.context import Ctx, first_document_end, labelled
from pipeline.extract.data import DATA
from pipeline.extract.lines import TextLine, value
from pipeline.extract.people import contents_entry
from pipeline.types import FieldValue

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
    got = labelled(ctx, ctx.cfg.get("title_labels", []))
    if got and len(got[0]) >= 2:
        return value(got[0].strip("《》 "), 0.9, got[1])
    for pat in ctx.cfg.get("title_patterns", []):
        for ln in ctx.lines:
            m = re.search(pat, ln.text)
            if m:
                return value(m.group(1).strip("《》“”\" "), 0.8, ln)
    if ctx.cfg.get("_type") == "journal_paper" and ctx.name:
        ce = contents_entry(ctx)
        if ce and ce[0]:
            return value(ce[0], 0.85, ce[2])
    return None


_ISSUE_TAIL = re.compile(r"\s*(?:(?:19|20)\d{2}\s*年?\s*第?\s*\d{1,2}\s*期|Vol\..*|No\..*)\s*$")


def journal(ctx: Ctx) -> FieldValue | None:
    got = labelled(ctx, DATA["journal"]["labels"])
    if got and len(got[0]) >= 2:
        return value(got[0].strip("《》 "), 0.9, got[1])
    serial = re.compile(r"CN\s*\d{2}-|ISSN|第\s*\d{1,2}\s*期")
    serial_pages = {ln.page for ln in ctx.physical if serial.search(ln.text)}
    for ln in ctx.physical:
        if ln.page in serial_pages:
            m = re.search(r"《([^》]{2,80})》", ln.text)
            if m:
                return value(m.group(1), 0.85, ln)
    # the masthead: the first line (or two: 湖南师范大学 / 学报(医学版)) of a page with serial
    # numbers or an issue number; one that reads as a journal name is surer
    heads: list[tuple[str, TextLine]] = []
    for pg in sorted(serial_pages):
        top = [ln for ln in ctx.physical if ln.page == pg][:2]
        first = _ISSUE_TAIL.sub("", top[0].text).strip()
        if len(top) > 1 and not any(re.search(p, top[1].text) for p in DATA["journal"]["not_name"]):
            heads.append((first + _ISSUE_TAIL.sub("", top[1].text).strip(), top[0]))
        heads.append((first, top[0]))
    for name, ln in heads:
        if re.fullmatch(DATA["journal"]["name"], name):
            return value(name.strip("《》"), 0.85, ln)
    for name, ln in heads:
        if re.fullmatch(DATA["journal"]["masthead"], name):
            return value(name, 0.75, ln)
    for ln in sorted(ctx.physical, key=lambda x: x.page not in serial_pages):
        m = re.match(DATA["journal"]["name"], ln.text)
        if m:
            return value(m.group(1), 0.8 if ln.page in serial_pages else 0.65, ln)
    return None


def issuer(ctx: Ctx) -> FieldValue | None:
    got = labelled(ctx, DATA["issuer"]["labels"])
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
    seg = ctx.segment()
    if seg is not None:  # a certificate inside the item: the body that signs it
        scope = [ln for ln in ctx.physical if ln.seq in seg]
    else:  # the body that signs the first document (a notice's letterhead signs it too)
        scope = ctx.physical[: first_document_end(ctx.physical)]
    for lines in (scope, ctx.physical):
        orgs = [(ln, name) for ln in lines if (name := _org_name(ln.text))]
        if orgs:
            ln, name = orgs[-1]
            return value(name, 0.8, ln)
    return None


def _org_name(text: str) -> str | None:
    """The text of a line that is only an organisation's name (a letterhead XX文件 included)."""
    t = re.sub(r"文件$", "", text.strip())
    return t if re.match(DATA["issuer"]["org"], t) else None
