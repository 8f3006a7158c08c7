"""Anonymised text fixtures of the real corpus (tests/data/real/<id>.json).

From our own OCR of each document (``corpus.py``): the lines with their boxes and confidences,
every person listed in ``names.toml`` (local only) replaced by an invented name (the same real
name always by the same invented one, across documents), and numbers that identify a person
masked: identity, student, exam, passport and phone numbers (11 or more digits in a row, also
when OCR spaced them out), dates of birth, e-mail addresses. Patent and application numbers stay
(they name a patent, not a person). The labels come from ``corpus.toml``.

    python -m sample_docs.real.fixtures [ID ...]

With ids, only those fixtures are written (the others are left as they are): ``names.toml`` then
needs entries for those documents only. A fixture made earlier is never rewritten by accident,
since the names it replaced may no longer be listed.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from pipeline.extract.normalize import simplified
from sample_docs.real.corpus import OCR_DIR
from sample_docs.real.rebuild import HERE, load_corpus

NAMES = HERE / "names.toml"
OUT_DIR = HERE.parent.parent / "tests" / "data" / "real"

_SURNAMES = tuple("许韩邓冯曹彭曾萧田董潘袁蒋蔡余杜叶程魏苏吕丁任沈姚"
                  "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛")
_GIVEN = tuple(re.findall("..", "晓岚子墨思远若溪景行书瑶嘉言亦舟明澈清和安然知微雨桐沐阳怀瑾"
                                "一诺星河予安修远慕白南乔初晴听澜砚秋其琛以宁青禾望舒承泽语冰"))
# 24 x 24 invented Latin names: r244-r313 alone list 176 Latin-spelled people, more than the first
# 12 x 12 could give (building them together ran out); the first 12 of each are the old pool
_LATIN_FIRST = ("Alex", "Robin", "Casey", "Jordan", "Morgan", "Taylor", "Jamie", "Avery", "Riley", "Quinn",
                "Rowan", "Sasha", "Ellis", "Harper", "Noel", "Reese", "Dana", "Emery", "Finley", "Kendall",
                "Linden", "Marlo", "Parker", "Sterling")
_LATIN_LAST = ("Hale", "Moreau", "Lindqvist", "Okafor", "Brandt", "Castell", "Novak", "Ferreira", "Walsh",
               "Ivers", "Kemp", "Sato", "Aldous", "Brennick", "Carrow", "Delacroix", "Eskelin", "Fairbanks",
               "Gorski", "Holloway", "Ibarra", "Jessop", "Kowalczyk", "Lorimer")

# 11+ digits in a row (optionally ending in X), or as many single digits spaced or dashed apart;
# a patent number stays, also when OCR read its ZL as Z1 (专利号：Z1202111233040.7).
_LONG_NUMBER = re.compile(r"(?<![\d.])(?:\d[ \-]?){10,}[\dXx](?![\d])")
_EMAIL = re.compile(r"[\w.*\-\s]+@\s*[\w\-\s]+(?:\.\s*[a-z\s]+)+", re.I)
# Home addresses: the value after 住址/地址/址 (an OCR line may start at 址), and English ones.
_ADDRESS = re.compile(r"((?:住|地)?址\s*[:：]?)\s*\S.*$")
# a student or exam number after its label (学号 BA18232032): it names a person
_STUDENT_NO = re.compile(r"((?:学号|考号|准考证号)\s*[:：]?\s*)[0-9A-Za-z]{4,}")
# a student number after a name and a slash, as project certificates list members (周文逸/5120234238)
_SLASH_NO = re.compile(r"(?<=/)(\s*)\d{8,10}(?!\d)")
# a passport number (EL8164294, G12345678) and a date of birth after its label: they name a person
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{7,8}(?![A-Za-z0-9])")
# (also an Italian certificate's "Nato/a il 20/08/1999" and a date in words, "August 13, 1990")
_BIRTH_DATE = re.compile(
    r"((?:Birth\s*Date|Date\s*of\s*Birth|出生日期|出生年月|Nat[oa](?:/[oa])?\s+il)\s*[:：]?\s*)"
    r"(?:[\d./\-年月日]{6,}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})", re.I)
# a person's roll, registration, registry, candidate, member or reference number after its label
# (Roll No: NPTEL25CS34S543208674, Personal ref. no.: 91699733, a spaced layer's REFERENCE N o
# ER-005222387, PMP® Number 1393533): it names the person as a student number does; a notice's own
# Ref. No. stays
_PERSON_NO = re.compile(
    r"((?<![A-Za-z])(?:Roll|Registration|Registry|Candidate|Member(?:ship)?|Reference|Personal\s*ref\.?|PMP®?)"
    r"\s*(?:N\s?o\.?|N°|Number|#)\s*[:：.]?\s*)(?=[A-Z\-]*\d)[A-Z0-9][A-Z0-9\-]{4,}", re.I)
# a certificate's own number with its country's letters (ECDL/ICDL: N° IT 2020599, N°: IT
# 2083365): it is looked up by the holder's name, so it names the person
_CERT_NO = re.compile(r"((?<![A-Za-z])N\s?°\s*[:：.]?\s*)[A-Z]{2}\s*\d{6,}(?!\d)")
# a member's number after its ID label (SSC ID: 25100353): it names a person as a student number
# does; the label may end a line and the number start the next one (anonymise_lines)
_MEMBER_ID = re.compile(r"((?<![A-Za-z])ID\s*[:：]\s*)\d{5,10}(?!\d)")
_ID_LABEL_END = re.compile(r"(?<![A-Za-z])ID\s*[:：]\s*$")
# a phone number after its label (Mob: 8149122625, +91 - 7018274612, 联系电话：0516-83591281): a
# ten-digit mobile or a spaced one is shorter than the 11-digit runs _LONG_NUMBER catches
_PHONE = re.compile(r"((?<![A-Za-z])(?:Mob(?:ile)?(?:\s*No)?|Phone|Tel|Ph|电话|手机|联系电话)\.?\s*[:：]?\s*)"
                    r"\+?\d[\d \-]{5,}\d")
# a North American phone number without a label (865-574-4845 (office), a text layer's 865 - 574 -
# 4845): 3-3-4 digits, which no date, ISBN or DOI prints
_NANP_PHONE = re.compile(r"(?<![\d\-./])\(?\d{3}\)?(?:\s*[-.]\s*|\s)\d{3}\s*-\s*\d{4}(?![\d\-])")
_LATIN_ADDRESS = re.compile(r"\b(?:No\.\s*\d|Room\s|Unit\s|Building\s|Group\s+\d).*$", re.I)
_VOLUME = re.compile(r"Vol\s*[.．]?\s*\d+\s*[,，]?\s*$", re.I)
_PATENT_CONTEXT = re.compile(r"(ZL?|专利号|申请号|公布号|公告号|CN)\s*[:：]?\s*$", re.I)


def invented_name(real: str, taken: set[str]) -> str:
    """A fixed invented name for ``real`` (Latin for a Latin name), not one of ``taken``."""
    h = int(hashlib.sha256(real.encode("utf-8")).hexdigest(), 16)
    for k in range(200):
        x = h + k * 7919
        if real.isascii():
            name = f"{_LATIN_FIRST[x % len(_LATIN_FIRST)]} {_LATIN_LAST[(x // 13) % len(_LATIN_LAST)]}"
        else:
            given = _GIVEN[(x // 53) % len(_GIVEN)]
            name = _SURNAMES[x % len(_SURNAMES)] + (given if len(real) > 2 else given[0])
        if name not in taken:
            return name
    raise ValueError(f"no free invented name for a name of length {len(real)}")


def replacements(people: list[str], mapping: dict[str, str]) -> list[tuple[str, str]]:
    """(real, invented) pairs to apply, longest first: the full name, then for a Chinese name its
    surname with the first given character and its given name (OCR splits names across lines)."""
    pairs: list[tuple[str, str]] = []
    for real in people:
        fake = mapping[simplified(real)]
        pairs.append((real, fake))
        if real.isascii():
            parts, fparts = real.split(), fake.split()
            pairs += [(p, f) for p, f in zip(parts, fparts, strict=False) if len(p) > 2]
            # A Latin name read surname first ("Yao Peng").
            pairs.append((" ".join(reversed(parts)), " ".join(reversed(fparts))))
        elif len(real) == 3:
            pairs += [(real[:2], fake[:2]), (real[1:], fake[1:])]
        if not real.isascii() and len(real) == 2:
            # journals print a two-character name spaced out to the width of three (郜 帅, 郜　帅)
            pairs += [(real[0] + sp + real[1], fake) for sp in (" ", "\u3000")]
    # ties in length in a fixed order: a set's order changes with the hash seed, so would the fixtures
    return sorted(set(pairs), key=lambda p: (-len(p[0]), p))


def romanised_like(printed: str, real: str, fake: str) -> str | None:
    """``printed`` (a romanised spelling of the Chinese name ``real``: Ningchun Liu, LIU Ning-chun)
    rewritten for ``fake`` in the same order, case and hyphenation; None when it is not one.
    The applicant's name in an English author line then still reads as the applicant's."""
    from pypinyin import Style, lazy_pinyin

    from pipeline.extract.names import pinyin_pattern

    pat = pinyin_pattern(real)
    if not pat or not pat.fullmatch(printed) or len(fake) < 2:
        return None
    sur = lazy_pinyin(fake[0], style=Style.NORMAL)[0]
    given_sylls = lazy_pinyin(fake[1:], style=Style.NORMAL)
    real_sur = lazy_pinyin(real[0], style=Style.NORMAL)[0]
    tokens = printed.replace(",", " ").split()
    surname_first = tokens[0].lower() == real_sur
    given = ("-" if "-" in printed else "").join(given_sylls)
    sur_p = tokens[0] if surname_first else tokens[-1]
    given_p = " ".join(tokens[1:]) if surname_first else " ".join(tokens[:-1])
    sur = sur.upper() if sur_p.isupper() else sur.capitalize()
    given = given.upper() if given_p.isupper() and len(given_p) > 1 else given.capitalize()
    return f"{sur} {given}" if surname_first else f"{given} {sur}"


def mask_numbers(text: str) -> str:
    """Mask runs of 11+ digits and e-mail addresses; keep patent and application numbers."""
    def num(m: re.Match[str]) -> str:
        if _PATENT_CONTEXT.search(text[max(0, m.start() - 8):m.start()]):
            return m.group(0)
        return re.sub(r"\d", "0", m.group(0)[:2]) + re.sub(r"[\dXx]", "*", m.group(0)[2:])

    text = _LONG_NUMBER.sub(num, text)
    while True:  # addresses printed side by side: one pass leaves the next one's domain
        masked = _EMAIL.sub("***@***", text)
        if masked == text:
            return text
        text = masked


def anonymise(text: str, pairs: list[tuple[str, str]]) -> str:
    for real, fake in pairs:
        if real.isascii():
            # a Latin name or part of one as a whole word: "Jun" is not the start of "June"
            text = re.sub(rf"(?<![A-Za-z]){re.escape(real)}(?![A-Za-z])", fake, text)
        else:
            text = text.replace(real, fake)
    text = _ADDRESS.sub(r"\1***", text)
    text = _STUDENT_NO.sub(r"\1***", text)
    text = _MEMBER_ID.sub(r"\1***", text)
    text = _PASSPORT.sub("*********", text)
    text = _SLASH_NO.sub(r"\1**********", text)
    text = _BIRTH_DATE.sub(r"\1***", text)
    text = _PERSON_NO.sub(r"\1***", text)
    text = _CERT_NO.sub(r"\1***", text)
    text = _PHONE.sub(r"\1***", text)
    text = _NANP_PHONE.sub("***", text)
    text = _LATIN_ADDRESS.sub(_latin_address, text)
    return mask_numbers(text)


def _masked(text: str, masks: list[str]) -> str:
    for m in masks:
        text = text.replace(m, "*" * len(m))
    return text


def _latin_address(m: re.Match[str]) -> str:
    """An English address masked; a journal's issue (Vol. 43 No. 4, VOL. 19, NO. 1) kept."""
    if _VOLUME.search(m.string[:m.start()]):
        return m.group(0)
    return "***"


def anonymise_lines(texts: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Each line anonymised; a short line right after an address line is its continuation, a bare
    number right after an ID label is that member's number."""
    out: list[str] = []
    for i, t in enumerate(texts):
        prev = texts[i - 1] if i else ""
        address_tail = _ADDRESS.search(prev) and len(t) <= 16 and not re.search(r"[:：]", t)
        member_no = _ID_LABEL_END.search(prev) and re.fullmatch(r"\s*\d{5,10}\s*", t)
        if address_tail or member_no:
            out.append("***")
        else:
            out.append(anonymise(t, pairs))
    return out


def build(out_dir: Path = OUT_DIR, ids: set[str] | None = None) -> int:
    if not NAMES.is_file():
        raise FileNotFoundError(f"{NAMES} is missing: it lists the people to replace (kept out of git)")
    people = tomllib.loads(NAMES.read_text(encoding="utf-8"))
    docs = [d for d in load_corpus() if ids is None or d["id"] in ids]
    if ids is not None and len(docs) != len(ids):
        raise ValueError(f"not in corpus.toml: {sorted(ids - {d['id'] for d in docs})}")
    unnamed = [d["id"] for d in docs if d["id"] not in people]
    if unnamed:
        raise ValueError(f"{NAMES} has no entry for {unnamed}: list the applicant and names (may be empty)")
    # keyed by the simplified spelling: a person printed 孫自愿 on one page and 孙自愿 on another
    # is one person with one invented name
    every = sorted({simplified(n) for d in docs
                    for n in [people[d["id"]]["applicant"], *people[d["id"]]["names"]] if n})
    mapping: dict[str, str] = {}
    for real in every:
        mapping[real] = invented_name(real, set(every) | set(mapping.values()))
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 0
    for d in docs:
        ocr = OCR_DIR / f"{d['id']}.json"
        if not ocr.is_file():
            raise FileNotFoundError(f"{ocr} is missing: run `python -m sample_docs.real.corpus` first")
        who = people[d["id"]]
        pairs = replacements([x for x in [who["applicant"], *who["names"]] if x], mapping)
        # a romanised spelling of someone named in Chinese (LIU Ning-chun, Xiao Ren) follows that
        # person's invented Chinese name, so that name and spelling still belong together
        chinese = [c for c in [who["applicant"], *who["names"]] if c and not c.isascii()]
        own = [(n, r) for n in who["names"] if n.isascii()
               for c in chinese if (r := romanised_like(n, c, mapping[simplified(c)]))]
        if own:
            pairs = sorted({*own, *[p for p in pairs if p[0] not in dict(own)]},
                           key=lambda p: (-len(p[0]), p))
        # numbers printed away from their label (an ECDL card's "RO 75154" above "Candidate Registration
        # Number") are listed per document under `mask` in names.toml and masked as they stand
        masks = sorted(who.get("mask", []), key=len, reverse=True)
        pages: list[dict[str, Any]] = []
        for p in json.loads(ocr.read_text(encoding="utf-8")):
            texts = anonymise_lines([_masked(t, masks) for t, _, _ in p["lines"]], pairs)
            lines = [[t, b, c] for t, (_, b, c) in zip(texts, p["lines"], strict=True)]
            pages.append({"width": p["width"], "height": p["height"], "engine": p["engine"], "lines": lines})
        fixture = {
            "id": d["id"], "repo": d["repo"], "evidence_type": d["evidence_type"],
            "also_ok": d.get("also_ok", []), "kind": d.get("kind", ""),
            "applicant_name": mapping.get(simplified(who["applicant"]), ""), "fields": d.get("fields", {}),
            "pages": pages,
        }
        (out_dir / f"{d['id']}.json").write_text(json.dumps(fixture, ensure_ascii=False, indent=0) + "\n",
                                                 encoding="utf-8")
        n += 1
    return n


if __name__ == "__main__":
    import sys

    only = set(sys.argv[1:]) or None
    print(f"{build(ids=only)} fixtures in {OUT_DIR}")
