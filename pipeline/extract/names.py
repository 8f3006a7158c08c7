"""Finding the applicant's name (fuzzy, or romanised) and their place in a list of names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from pypinyin import Style, pinyin
from rapidfuzz import fuzz

from pipeline.extract.data import DATA
from pipeline.extract.normalize import CJK_CLASS, cjk_only

# One substituted character in a 3-character name scores 0.67; a 2-character name must match
# exactly (one wrong character of two is as likely another person).
MIN_NAME_SCORE = 0.66
_CJK_RUN = re.compile(rf"[{CJK_CLASS}]+")
_SPLIT = re.compile(r"[;,、，；/|()\[\]（）\s]+")
_SURNAMES = set(DATA["names"]["surnames"])
SURNAMES = frozenset(_SURNAMES)  # for other modules: does a piece start like a name
_COMPOUND = set(DATA["names"]["compound_surnames"])


@dataclass(frozen=True)
class NameMatch:
    printed: str  # the name as it appears in the text
    score: float  # 0..1 similarity
    start: int  # span in the searched text
    end: int
    romanised: bool = False


def find_cjk_name(name: str, text: str) -> NameMatch | None:
    """Best window of ``text`` resembling ``name`` (same length, CJK only), or None."""
    if not name or not text:
        return None
    pos = text.find(name)
    if pos >= 0:
        return NameMatch(name, 1.0, pos, pos + len(name))
    if len(name) < 3:
        return None
    best: NameMatch | None = None
    n = len(name)
    for run in _CJK_RUN.finditer(text):
        s = run.group(0)
        for i in range(0, max(len(s) - n + 1, 0)):
            window = s[i : i + n]
            score = fuzz.ratio(name, window) / 100.0
            # the surname is the part OCR gets right most often; a different one is another person
            if window[0] != name[0]:
                score *= 0.8
            if score >= MIN_NAME_SCORE and (best is None or score > best.score):
                best = NameMatch(window, score, run.start() + i, run.start() + i + n)
    return best


def _syllables(chars: str) -> list[list[str]]:
    out = []
    for alts in pinyin(chars, style=Style.NORMAL, heteronym=True):
        forms: list[str] = []
        for a in alts:
            forms.append(a)
            if "v" in a:  # 吕 lv: printed Lu, Lyu or Lü
                forms += [a.replace("v", "u"), a.replace("v", "yu"), a.replace("v", "ü")]
        out.append(sorted(set(forms), key=len, reverse=True))
    return out


@lru_cache(maxsize=256)
def pinyin_pattern(name: str) -> re.Pattern[str] | None:
    """A regex for the romanised forms of a Chinese name: Li Na, Na Li, LI Na, Xiaoming Zhang."""
    if not name or not _CJK_RUN.fullmatch(name):
        return None
    split = 2 if name[:2] in _COMPOUND and len(name) > 2 else 1
    sur = _syllables(name[:split])
    given = _syllables(name[split:])
    if not given:
        return None

    def joined(sylls: list[list[str]]) -> str:
        return r"[\s-]?".join("(?:" + "|".join(alts) + ")" for alts in sylls)

    s, g = joined(sur), joined(given)
    return re.compile(rf"(?<![A-Za-z])(?:{s},?\s*{g}|{g},?\s*{s})(?![A-Za-z])", re.IGNORECASE)


def find_romanised_name(name: str, text: str) -> NameMatch | None:
    pat = pinyin_pattern(name)
    m = pat.search(text) if pat else None
    if not m:
        return None
    # romanisation is shared by many people (李娜, 李纳, 黎娜 are all Li Na): less than certain
    return NameMatch(m.group(0), 0.85, m.start(), m.end(), romanised=True)


def find_name(name: str, text: str) -> NameMatch | None:
    return find_cjk_name(name, text) or find_romanised_name(name, text) or find_latin_name(name, text)


# a Latin-script name printed in another order or case than the applicant's record (given name
# first or last, 'SASIKUMAR.G' for G Sasikumar): the same person, nearly always
LATIN_REORDERED_SCORE = 0.9
LATIN_MIDDLE_NAME_SCORE = 0.75  # under the auto_ok gate (0.8): another word inside a name
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_LATIN_JOIN = re.compile(r"[\s.,-]{1,3}")
_MIDDLE_JOIN = re.compile(r"\.?\s+")  # a middle name: within one name, no comma between


def find_latin_name(name: str, text: str) -> NameMatch | None:
    """The applicant's words, all of them and no other, next to each other in any order and case
    ('Aldous Sterling' for Sterling Aldous, 'SASIKUMAR.G' for G Sasikumar; not 'Aldous' alone);
    else with one more word between them, a middle name the record leaves out ('Avery Yogesh
    Brandt' for Avery Brandt), less sure: a person looks."""
    if not text or _CJK_RUN.search(name):
        return None
    want = latin_tokens(name)
    if len(want) < 2:
        return None
    low = text.lower()
    if any(w not in low for w in want):
        return None  # most lines: a word of the name is not on them at all
    words = list(_LATIN_WORD.finditer(text))
    n = len(re.findall(r"[a-z]+", name.lower()))
    for size, score in ((n, LATIN_REORDERED_SCORE), (n + 1, LATIN_MIDDLE_NAME_SCORE)):
        for i in range(len(words) - size + 1):
            win = words[i:i + size]
            join = _LATIN_JOIN if size == n else _MIDDLE_JOIN
            if any(not join.fullmatch(text[a.end():b.start()]) for a, b in pairwise(win)):
                continue  # the words of one name are joined by a space, a dot or a hyphen
            got = latin_tokens(" ".join(w.group(0) for w in win))
            ends = latin_tokens(f"{win[0].group(0)} {win[-1].group(0)}")
            if got == want or (size > n and got > want and len(got) == size and ends <= want):
                return NameMatch(text[win[0].start():win[-1].end()], score, win[0].start(), win[-1].end())
    return None


def _segment_run(run: str, known: str = "") -> list[str]:
    """Split a run of CJK names printed without separators (张三李四王五) into names.

    Dynamic programming over 2-4 character pieces, scoring a piece that starts with a common
    surname (or is the applicant's name) higher; ties prefer fewer pieces.
    """
    n = len(run)
    best: list[tuple[float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        score_i, parts = best[i]  # type: ignore[misc]
        for size in (2, 3, 4):
            j = i + size
            if j > n:
                break
            piece = run[i:j]
            s = 0.0
            if piece[:2] in _COMPOUND:
                s += 2.0 if size >= 3 else 0.0
            elif piece[0] in _SURNAMES:
                s += 2.0 if size <= 3 else 0.5
            if known and piece == known:
                s += 3.0
            s -= 0.1  # fewer pieces when nothing else decides
            cand = (score_i + s, [*parts, piece])
            if best[j] is None or cand[0] > best[j][0]:  # type: ignore[index]
                best[j] = cand
    return best[n][1] if best[n] else [run]  # type: ignore[index]


def _two_glued(run: str, known: str = "") -> bool:
    """Four characters that are two two-character names printed without a gap (段巍彭香): the
    applicant's name is one half, or both halves start with a surname and the run is no compound
    surname's name (欧阳娜娜)."""
    if len(run) != 4 or run[:2] in _COMPOUND:
        return False
    if known and len(known) == 2 and known in (run[:2], run[2:]):
        return True
    return run[0] in _SURNAMES and run[2] in _SURNAMES and run[1] not in _SURNAMES


def split_names(segment: str, known: str = "") -> list[str]:
    """Names of a list as printed after a label: split on ；;、，, and spaces.

    Single characters separated by spaces (OCR spacing out 张 三) are joined back and the run
    is re-segmented; runs longer than four characters (separators lost) are segmented too.
    """
    if not _CJK_RUN.search(segment):  # romanised list: Li Na, Wang Qiang; spaces are inside names
        # "Lu, Quinn; Hale, Sasha and Hale, Robin": with semicolons the comma is inside a name
        seps = r"[;；]+|\s+and\s+|\s*&\s*" if re.search(r"[;；]", segment) else r"[;,、，；]+|\s+and\s+"
        out = [_LATIN_ADDRESS.sub("", t).strip() for t in re.split(seps, segment)]
        return [t for t in out if t]
    pieces = [p for p in re.split(r"[;,、，；]+", segment) if p.strip()]
    if len(pieces) > 1 and all(len(cjk_only(p)) <= 4 for p in pieces):
        # printed separators are the structure; a space inside a piece is OCR (邓芳 林，宋兰)
        return [cjk_only(p) for p in pieces if cjk_only(p)]
    tokens = [t for t in _SPLIT.split(segment) if t]
    names: list[str] = []
    pending = ""
    for tok in [*tokens, ""]:
        cjk = "".join(_CJK_RUN.findall(tok))
        latin = re.fullmatch(r"[A-Za-z.\-]+", tok or "-")
        if tok and cjk and len(cjk) == 1:
            pending += cjk
            continue
        if pending:
            names += _segment_run(pending, known) if len(pending) > 1 else [pending]
            pending = ""
        if not tok:
            continue
        if cjk and (len(cjk) > 4 or _two_glued(cjk, known)):
            names += _segment_run(cjk, known)
        elif cjk:
            names.append(cjk)
        elif latin:
            names.append(tok)
    return names


_LATIN_ADDRESS = re.compile(r"\s+of\s+.*$")  # Quinn Ferreira of Changsha, Hunan


@lru_cache(maxsize=1024)  # the applicant's name, once per line searched
def latin_tokens(name: str) -> frozenset[str]:
    """The words of a Latin-script name, in any order and case (Hale, Sasha = Sasha HALE)."""
    return frozenset(re.findall(r"[a-z]+", name.lower()))


def rank_in(names: list[str], applicant: str) -> tuple[int, float] | None:
    """1-based position of the applicant in ``names`` and the match score.

    Tokens are compared whole: 杨李娜 is another person than 李娜, while a 4+ character token
    holding the name is two names glued together (position less sure).
    """
    best: tuple[int, float] | None = None
    for i, nm in enumerate(names):
        if _CJK_RUN.search(nm):
            if nm == applicant:
                score = 1.0
            elif len(nm) == len(applicant):
                m = find_cjk_name(applicant, nm)
                score = m.score if m else 0.0
            elif applicant in nm and len(nm) >= len(applicant) + 2:
                score = 0.7
            else:
                score = 0.0
        elif not _CJK_RUN.search(applicant):  # a Latin-script applicant: the same words
            score = 1.0 if latin_tokens(nm) == latin_tokens(applicant) and latin_tokens(nm) else 0.0
        else:
            m = find_romanised_name(applicant, nm)
            score = m.score if m else 0.0
        if score >= MIN_NAME_SCORE and (best is None or score > best[1]):
            best = (i + 1, score)
    return best
