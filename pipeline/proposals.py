"""Proposals for a whole batch: the rules per item, then the checks only a batch can make.

Per item the policy turns the fields into credits, clause, flags and a Chinese explanation.
Across the batch: the same evidence submitted twice by one applicant counts once
(``duplicate_of``), the same patent / paper / certificate claimed by two applicants is flagged on
both (``claimed_by_other``), credits outside the applicant's recognition span are flagged
(``outside_span``), incomplete material sets (``materials_incomplete``), unsure readings
(``low_confidence``) and unreadable items (``ocr_unreadable``). An item the rules raise on (a
policy bug, a field value they cannot handle) is ``read_failed`` with the error's message, and
the rest of the batch goes on. ``auto_ok`` only when nothing deciding the hours is unsure and
no flag needs a person: a wrong proposal must never be auto_ok.
A deciding field is sure when read at ``LOW_FIELD_CONFIDENCE`` or above, or confirmed by a second
reading (``FieldValue.confirmed``: a stated total equal to the sum of its rows, a count equal to
the items listed); a second reading that disagrees, or a date outside a plausible range, is
``low_confidence`` with the figures in its detail, whatever the confidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from pipeline.types import Applicant, FieldValue, IntakeError, ItemProposal, ItemReading, ItemSource, Page
from rules.evidence import TYPES as EVIDENCE_TABLE

# Below this type probability the evidence type itself needs a person. Measured with the shipped
# model (evidence-type-v1) on tesseract OCR of a generated batch (seed 501, 27 items): every type
# right, 22 items at 0.9-1.0, the unsure ones (a phone-photo book page 0.53, a journal 0.69, an
# ID card 0.63) well under this line.
LOW_TYPE_CONFIDENCE = 0.85
# A type that earns nothing by itself (a notice, an ID card, ``other``) hides a misread evidence
# at 0 hours where nobody looks: it must be surer. Measured (RapidOCR, seeds 41 and 7): every such
# item right at 0.987-0.996; the unsure ones are other types.
ZERO_CREDIT_TYPE_CONFIDENCE = 0.95
# Below this a field that decides the hours needs a person (extract's confidences: a clean
# labelled value is 0.9-0.98, a fallback or a noisy OCR line falls under 0.8).
LOW_FIELD_CONFIDENCE = 0.8
# An item whose readable text is shorter than this was not read at all in any useful sense.
MIN_READABLE_CHARS = 15

# Which fields decide the hours, per type (``deciding`` in rules/evidence.toml): an unsure one
# sends the item to a person, and ``pipeline.evaluate`` scores extraction on exactly these. Fields
# not read at all are the rules' business (field_missing and friends).
DECIDING_FIELDS: dict[str, tuple[str, ...]] = {code: t.deciding for code, t in EVIDENCE_TABLE.items()}

# Flags that always need a person, whatever a policy's catalogue says (pipeline-level facts).
_ALWAYS_REVIEW = {"low_confidence", "ocr_unreadable", "intake_error", "read_failed", "claimed_by_other",
                  "name_mismatch", "materials_incomplete", "type_uncertain"}


@dataclass
class _Work:
    """One item on its way to a proposal."""

    index: int
    source: ItemSource
    reading: ItemReading
    fields: dict[str, Any]
    credits: list[Any]
    clause: str | None
    flags: list[str]
    details: dict[str, str]
    explanation: str
    notes: list[str]
    rules_review: bool
    batch_review: bool = False  # a batch check unsure of itself (a duplicate by an unsure key)


def plain_fields(fields: Mapping[str, FieldValue | Any]) -> dict[str, Any]:
    """FieldValues to the plain values of the export record; None values left out."""
    out: dict[str, Any] = {}
    for k, v in fields.items():
        val = v.value if isinstance(v, FieldValue) else v
        if val is not None:
            out[k] = val
    return out


def _norm(s: Any) -> str:
    """Title / journal / number key: no spaces or punctuation, lower case."""
    return re.sub(r"[\W_]+", "", str(s)).lower()


def _evidence_keys(w: _Work) -> list[tuple[str, ...]]:
    """What makes two items the same evidence (besides the same files)."""
    f, t = w.fields, w.reading.evidence_type
    keys: list[tuple[str, ...]] = []
    if f.get("patent_number"):
        keys.append(("patent", _norm(f["patent_number"])))
    if t == "journal_paper" and f.get("title") and len(_norm(f["title"])) >= 6:
        # the CN number names the journal surer than its masthead as read (中国农学通 / 中国农学通报)
        keys.append(("paper", _norm(f["title"]), _norm(f.get("journal") or ""),
                     _norm(f.get("cn_number") or "")))
    if t == "book_publication" and f.get("isbn"):
        keys.append(("book", _norm(f["isbn"])))
    if f.get("certificate_number") and t not in ("patent_certificate",):
        keys.append(("certificate", t, _norm(f["certificate_number"])))
    return keys


_KEY_FIELDS = {"patent": ("patent_number",), "paper": ("title",), "book": ("isbn",),
               "certificate": ("certificate_number",)}


def _key_confidence(w: _Work, key: tuple[str, ...]) -> float:
    confs = [fv.confidence for name in _KEY_FIELDS.get(key[0], ())
             if isinstance(fv := w.reading.fields.get(name), FieldValue)]
    return min(confs) if confs else 1.0


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Keys match; a paper matches the same title in the same journal: by CN number when both
    were read, else by name, and in any journal when one journal was not read at all."""
    if a[0] != b[0]:
        return False
    if a[0] == "paper":
        if a[1] != b[1]:
            return False
        if a[3] and b[3]:
            return a[3] == b[3]
        return a[2] == b[2] or not a[2] or not b[2]
    return a == b


_KEY_ZH = {"patent": "同一专利号", "paper": "同一论文", "book": "同一书号", "certificate": "同一证书编号",
           "files": "同一文件"}


def _rank_text(w: _Work) -> str:
    r = w.fields.get("rank")
    return f"排名第{r}" if r is not None else "排名未读出"


def _mark(w: _Work, flag: str, detail: str, note: str) -> None:
    if flag in w.flags:
        w.details[flag] += "；" + detail
        return
    w.flags.append(flag)
    w.details[flag] = detail
    w.notes.append(note)


# titles at least this similar (rapidfuzz ratio) with the same date are taken for the same evidence
SUSPECT_TITLE_RATIO = 85


def _same_days(a: _Work, b: _Work) -> bool:
    return bool(a.fields.get("start_date")) and (a.fields.get("start_date"), a.fields.get("end_date")) == (
        b.fields.get("start_date"), b.fields.get("end_date"))


def _similar_titles(a: _Work, b: _Work) -> bool:
    """Similar titles on the same date; or the same date where one title was not read at all."""
    ta, tb = _norm(a.fields.get("title") or ""), _norm(b.fields.get("title") or "")
    da, db = a.fields.get("date"), b.fields.get("date")
    if len(ta) < 6 or len(tb) < 6:
        return bool(da) and da == db and (len(ta) < 6) != (len(tb) < 6)
    # a yearly conference keeps its name: without the same date a similar title proves nothing
    return bool(da) and da == db and fuzz.ratio(ta, tb) >= SUSPECT_TITLE_RATIO


def _suspected_duplicate(w: _Work, earlier: list[_Work]) -> _Work | None:
    """An earlier item of the same applicant and type that is most likely the same evidence
    (its number not read): a similar title on the same date, or an event on the same days."""
    if w.reading.evidence_type in ("other", "training_notice") or not w.credits:
        return None
    for e in earlier:
        if e is w or e.source.applicant_id != w.source.applicant_id:
            continue
        if e.reading.evidence_type != w.reading.evidence_type or "duplicate_of" in e.flags or not e.credits:
            continue
        if _surely_different(w, e):
            continue
        if _similar_titles(w, e) or _same_days(w, e):
            return e
    return None


def _surely_different(a: _Work, b: _Work) -> bool:
    """Both items carry a confidently read number or journal, and they differ."""
    for name in ("patent_number", "certificate_number", "isbn", "journal"):
        fa, fb = a.reading.fields.get(name), b.reading.fields.get(name)
        if not (isinstance(fa, FieldValue) and isinstance(fb, FieldValue)) or not (fa.value and fb.value):
            continue
        if min(fa.confidence, fb.confidence) >= 0.9 and _norm(fa.value) != _norm(fb.value):
            return True
    return False


def _suspect_why(w: _Work, e: _Work) -> str:
    return "同一时间段" if _same_days(w, e) else "题名相近且日期相同"


def _batch_duplicates(works: list[_Work]) -> None:
    ordered = sorted(works, key=lambda w: (w.source.applicant_id, w.source.item))
    firsts: list[tuple[_Work, tuple[str, ...]]] = []
    for w in ordered:
        hashes = tuple(sorted(f.sha256 for f in w.source.files))
        keys = ([("files", *hashes)] if hashes else []) + _evidence_keys(w)
        dup: tuple[_Work, tuple[str, ...]] | None = None
        for first, fkey in firsts:
            if first.source.applicant_id != w.source.applicant_id or first is w:
                continue
            if any(_same(k, fkey) for k in keys):
                dup = (first, fkey)
                break
        suspect = None if dup is not None else _suspected_duplicate(w, [f for f, _ in firsts])
        if suspect is not None:
            # same title and date, or the same days, but no number read to prove it: counted once
            # until a person says otherwise
            w.credits = []
            w.batch_review = True
            _mark(w, "duplicate_of", f"{suspect.source.item}（疑似重复：{_suspect_why(w, suspect)}）",
                  f"疑似与{suspect.source.item}重复（{_suspect_why(w, suspect)}），暂按0学时，请核对")
            firsts += [(w, k) for k in keys]
            continue
        if dup is not None:
            first, fkey = dup
            why = _KEY_ZH.get(fkey[0], "同一证据")
            # identical files are surely one; a key read by OCR only as sure as its reading
            if fkey[0] != "files" and min(_key_confidence(first, fkey), _key_confidence(w, fkey)) < 0.9:
                w.batch_review = True
            w.credits = []
            _mark(w, "duplicate_of", f"{first.source.item}（{why}）",
                  f"与{first.source.item}重复（{why}），只计一次，本件按0学时")
            continue
        firsts += [(w, k) for k in keys]
    # the same evidence claimed by two applicants: both flagged, with each one's rank
    seen: list[tuple[_Work, tuple[str, ...]]] = []
    for w in ordered:
        if "duplicate_of" in w.flags:
            continue
        for key in _evidence_keys(w):
            if key[0] == "certificate" and w.reading.evidence_type not in ("award_certificate",):
                continue  # a training certificate number is per person; only awards are shared
            for other, okey in seen:
                if other.source.applicant_id == w.source.applicant_id or not _same(key, okey):
                    continue
                why = _KEY_ZH.get(key[0], "同一证据")
                _mark(w, "claimed_by_other",
                      f"{other.source.applicant_id} {other.source.item} {_rank_text(other)}，"
                      f"本件{_rank_text(w)}",
                      f"{why}也由{other.source.applicant_id}提交（对方{_rank_text(other)}，本件{_rank_text(w)}），"
                      "请核对排名")
                _mark(other, "claimed_by_other",
                      f"{w.source.applicant_id} {w.source.item} {_rank_text(w)}，本件{_rank_text(other)}",
                      f"{why}也由{w.source.applicant_id}提交（对方{_rank_text(w)}，本件{_rank_text(other)}），"
                      "请核对排名")
            seen.append((w, key))


def _span_check(w: _Work, applicant: Applicant | None, policy: Any) -> None:
    if not w.credits or applicant is None or not applicant.title_level or not applicant.eval_year:
        return
    try:
        span = policy.span(applicant.title_level, applicant.eval_year)
    except (ValueError, KeyError):
        return  # an unknown title level is the manifest's error, reported there
    outside = sorted({c.year for c in w.credits if c.year not in span})
    if outside:
        years = "、".join(str(y) for y in outside)
        rng = f"{span[0]}-{span[-1]}" if span else ""
        _mark(w, "outside_span", f"{years}年不在认定跨度{rng}年内",
              f"{years}年不在认定跨度{rng}年内，不计入跨度合计")


def _materials_check(w: _Work, policy: Any) -> None:
    missing = policy.missing_materials(w.reading.evidence_type, w.reading.parts)
    if missing:
        what = "；".join(missing)
        _mark(w, "materials_incomplete", what, f"材料不全：{what}")


def _item_pages(source: ItemSource, pages: Mapping[str, list[Page]]) -> list[Page]:
    """The item's pages in ``pages`` (sha256 -> pages), its files in order."""
    return [p for f in source.files for p in pages.get(f.sha256, [])]


def _unreadable(reading: ItemReading, source: ItemSource, pages: Mapping[str, list[Page]] | None) -> bool:
    if pages is not None:
        item_pages = _item_pages(source, pages)
        if item_pages:
            text = sum(len((p.text or "").strip()) for p in item_pages if p.error is None)
            return text < MIN_READABLE_CHARS
    # understand marks a page it could not read as ("other", 0.0)
    readable = [pt for pt in reading.page_types if not (pt[0] == "other" and pt[1] == 0.0)]
    return not readable and reading.type_confidence == 0.0


def _confidence_check(w: _Work) -> None:
    r = w.reading
    if r.rejected_type is not None:
        # type_uncertain already sends it to a person, and says more than low_confidence would.
        t, p = r.rejected_type
        _mark(w, "type_uncertain", f"{t} {p:.2f}",
              f"证据类型不确定（最可能为{t}，概率{p:.2f}），按“其他”处理，请人工确定类型")
        return
    unsure: list[str] = []
    type_line = LOW_TYPE_CONFIDENCE if DECIDING_FIELDS.get(r.evidence_type) else ZERO_CREDIT_TYPE_CONFIDENCE
    if r.type_confidence < type_line:
        unsure.append(f"证据类型{r.evidence_type} {r.type_confidence:.2f}")
    for name in DECIDING_FIELDS.get(r.evidence_type, ()):
        fv = r.fields.get(name)
        if not isinstance(fv, FieldValue) or fv.value is None:
            continue
        if fv.confirmed is False:
            # a second reading disagrees (合计 against the sum of the rows): say which figures
            unsure.append(f"{name}={fv.value!r}：{fv.check}")
        elif fv.confirmed is None and fv.confidence < LOW_FIELD_CONFIDENCE:
            unsure.append(f"{name}={fv.value!r} {fv.confidence:.2f}")
    unsure += implausible_dates(r)
    if unsure:
        what = "，".join(unsure)
        _mark(w, "low_confidence", what, f"识别置信度低：{what}")


# Dates an evidence of these rules can carry: none before this year, none after today (a date
# read from a birth date, a print date or a misread year lands outside).
EARLIEST_EVIDENCE_YEAR = 1980


def implausible_dates(r: ItemReading, today: dt.date | None = None) -> list[str]:
    """The second reading of the deciding dates: each in a plausible range (not before
    EARLIEST_EVIDENCE_YEAR, not after today), and a span that does not end before it starts."""
    today = today or dt.date.today()
    deciding = DECIDING_FIELDS.get(r.evidence_type, ())
    out: list[str] = []
    got: dict[str, dt.date] = {}
    for name in ("date", "start_date", "end_date"):
        fv = r.fields.get(name)
        if name not in deciding or not isinstance(fv, FieldValue) or not fv.value:
            continue
        try:
            d = dt.date.fromisoformat(str(fv.value))
        except ValueError:
            out.append(f"{name}={fv.value!r}：不是日期")
            continue
        got[name] = d
        if d.year < EARLIEST_EVIDENCE_YEAR or d > today:
            out.append(f"{name}={fv.value!r}：日期不在合理范围（{EARLIEST_EVIDENCE_YEAR}年至今）")
    if "start_date" in got and "end_date" in got and got["end_date"] < got["start_date"]:
        out.append(f"end_date={got['end_date'].isoformat()!r}：早于开始日期{got['start_date'].isoformat()}")
    return out


# Each type's marks (rules/evidence.toml), one pattern per type that earns hours.
_MARKS: dict[str, re.Pattern[str]] = {
    code: re.compile("|".join(f"(?:{m})" for m in t.marks), re.IGNORECASE)
    for code, t in EVIDENCE_TABLE.items() if t.marks
}

# three or more runs of 1-3 Latin letters with single spaces between: a letter-spaced word
_LETTER_SPACED = re.compile(r"(?<![A-Za-z])(?:[A-Za-z]{1,3} ){2,}[A-Za-z]{1,3}(?![A-Za-z])")


def evidence_marks(text: str) -> dict[str, list[str]]:
    """The marks of types that earn hours found in ``text``: {type: [words found]}.

    Also looked for in the Latin words a letter-spaced text layer splits into pieces of one to
    three letters ("C o n f er enc e" on an invitation card), joined up again."""
    out: dict[str, list[str]] = {}
    squeezed = _LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    for code, rx in _MARKS.items():
        found = sorted({m.group(0).strip() for t in (text, squeezed) for m in rx.finditer(t)})
        if found:
            out[code] = found
    return out


def _marks_check(w: _Work, pages: Mapping[str, list[Page]] | None) -> None:
    """The second reading of an `other` proposal: no mark of a type that earns hours in its text.

    The classifier's probability for `other` is no proof on a kind of evidence it never saw (a
    journal page typed `other` at 0.99 once); a mark of a credited type sends it to a person."""
    if w.reading.evidence_type != "other" or pages is None or "type_uncertain" in w.flags:
        return
    text = "\n".join(p.text or "" for p in _item_pages(w.source, pages) if p.error is None)
    found = evidence_marks(text)
    if not found:
        return
    what = "；".join(f"{EVIDENCE_TABLE[c].label}：{'、'.join(ws[:3])}" for c, ws in found.items())
    _mark(w, "low_confidence", f"other: {what}",
          f"判为“其他材料”，但文中有证明材料的特征（{what}），请人工确认")


def _needs_review(flag: str, policy: Any) -> bool:
    if flag in _ALWAYS_REVIEW:
        return True
    info = getattr(policy, "flags", {}).get(flag)
    return True if info is None else bool(info.needs_review)


def propose_batch(
    batch: str,
    readings: Iterable[tuple[ItemSource, ItemReading]],
    applicants: Mapping[str, Applicant],
    policy: Any,
    pages: Mapping[str, list[Page]] | None = None,
) -> list[ItemProposal]:
    """One ItemProposal per item, in the order given, with the batch-level flags.

    ``pages`` (sha256 -> pages), when given, lets ``ocr_unreadable`` look at the text itself;
    without it the reading's page types tell (understand marks unread pages ("other", 0.0)).
    """
    works: list[_Work] = []
    failed: dict[int, ItemProposal] = {}
    for i, (source, reading) in enumerate(readings):
        if reading.error is not None:  # nothing was read: no rules, no batch checks, no confidence
            failed[i] = proposal_for_read_failure(batch, source, reading.error, policy)
            continue
        fields = plain_fields(reading.fields)
        try:
            p = policy.propose(reading.evidence_type, fields)
        except Exception as exc:  # a policy bug or a value the rules cannot handle: this item only
            failed[i] = proposal_for_read_failure(batch, source, rules_failure_message(exc), policy, reading)
            continue
        works.append(_Work(i, source, reading, fields, list(p.credits), p.clause, list(p.flags),
                           dict(p.flag_details), p.explanation, [], bool(p.needs_review)))
    _batch_duplicates(works)
    for w in works:
        applicant = applicants.get(w.source.applicant_id)
        _span_check(w, applicant, policy)
        _materials_check(w, policy)
        _confidence_check(w)
        _marks_check(w, pages)
        if _unreadable(w.reading, w.source, pages):
            w.credits = []
            _mark(w, "ocr_unreadable", "没有可识别的文字", "文字无法识别，请人工查看原件")
    done = {w.index: _finish(batch, w, policy) for w in works} | failed
    return [done[i] for i in sorted(done)]


def _finish(batch: str, w: _Work, policy: Any) -> ItemProposal:
    review = w.rules_review or w.batch_review or any(_needs_review(f, policy) for f in w.flags)
    explanation = w.explanation
    if w.notes:
        explanation += "。" + "；".join(w.notes)
    hours = round(sum(c.hours for c in w.credits), 2)
    return ItemProposal(
        batch=batch,
        applicant_id=w.source.applicant_id,
        item=w.source.item,
        evidence_type=w.reading.evidence_type,
        type_confidence=w.reading.type_confidence,
        fields=w.fields,
        credits=w.credits,
        hours=int(hours) if hours == int(hours) else hours,
        clause=w.clause,
        policy=getattr(policy, "policy_id", ""),
        flags=w.flags,
        status="needs_review" if review else "auto_ok",
        explanation=explanation,
        flag_details=w.details,
    )


def rules_failure_message(e: BaseException) -> str:
    """What a reviewer reads when the rules raised on an item (Chinese, with the error itself)."""
    return f"程序按政策计算本件学时时出错（{type(e).__name__}: {e}），未能提出学时，请人工核定"


def proposal_for_read_failure(
    batch: str, source: ItemSource, message: str, policy: Any, reading: ItemReading | None = None
) -> ItemProposal:
    """The export record of an item the program failed on: 0 hours, ``read_failed`` with the
    error's message (never shown as a low confidence). ``reading``, when the reading itself
    succeeded and the rules failed, keeps the type and fields as read, for the reviewer."""
    kept = reading if reading is not None and reading.error is None else None
    return ItemProposal(
        batch=batch, applicant_id=source.applicant_id, item=source.item,
        evidence_type=kept.evidence_type if kept else None,
        type_confidence=kept.type_confidence if kept else 0.0,
        fields=plain_fields(kept.fields) if kept else {}, credits=[], hours=0, clause=None,
        policy=getattr(policy, "policy_id", ""), flags=["read_failed"], status="needs_review",
        explanation=f"读取失败：{message}", flag_details={"read_failed": message},
    )  # fmt: skip


def proposal_for_error(batch: str, error: IntakeError, policy: Any) -> ItemProposal:
    """The export record of a file that could not be taken in: 0 hours, for a person to see."""
    return ItemProposal(
        batch=batch,
        applicant_id=error.applicant_id or "",
        item=error.rel_path,
        evidence_type=None,
        type_confidence=0.0,
        fields={},
        credits=[],
        hours=0,
        clause=None,
        policy=getattr(policy, "policy_id", ""),
        flags=["intake_error"],
        status="needs_review",
        explanation=f"文件无法接收：{error.reason}",
        flag_details={"intake_error": error.reason},
    )
