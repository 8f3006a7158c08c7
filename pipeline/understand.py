"""Understanding one evidence item: the type of each page, then of the item, its parts and fields.

Pages are classified one by one; the item's type is the substantive type its pages vote for
(weighted by probability), because an item folder mixes pages: a journal cover and a contents
page (both ``journal_paper``), a training notice and a certificate (``training_certificate``, the
notice completing material set 1.1), a dispatch notice and an assessment form (``aid_assignment``).
Supporting page types (``training_notice``, ``other``) only win when nothing substantive is there.

Open set: a document of none of the types (a business licence, a résumé) still gets some type
from a closed-set model. When the classifier carries a ``reject_threshold`` (chosen on held-out
data when it was trained) and the best page's probability of the chosen type is below it, the
item is proposed as ``other`` and the rejected type kept for the reviewer (flag ``type_uncertain``).
Only types that earn hours are rejected: a training notice alone is 0 hours and reviewed anyway.
A classifier may carry a second, lower ``corroborated_threshold`` (chosen the same way): an item
between the two is kept as its leaned-to type when the fields read for that type corroborate it
(``classifiers.openset.fields_corroborate``: the applicant's name found and every deciding
field that says what kind of document it is read; dates and durations say nothing of that). Its
type confidence is then its best page's probability, under the reject threshold, so that it goes
to a reviewer (``low_confidence`` names the type and its probability).

``type_confidence`` is meant to be honest: it is the mean probability that each page belongs to an
item of the chosen type, scaled by the share of pages that could be read at all, so a mixed item,
an unsure page or an unreadable page each pull it down.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.types import Applicant, FieldValue, ItemReading, ItemSource, Page

UNREADABLE = ("other", 0.0)  # page_types entry of a page with an error or no text


def is_readable(page: Page) -> bool:
    """A page counts when it was read without error and holds some text."""
    return page.error is None and bool((page.text or "").strip())


def read_item(
    item: ItemSource,
    pages: list[Page],
    applicant: Applicant | None,
    classifier: Any = None,
) -> ItemReading:
    """Classify the pages of ``item``, decide its evidence type, and extract parts and fields.

    ``classifier`` defaults to the shipped model (``classifiers.load_default()``); anything with
    ``predict_proba`` and ``classes_`` over pages works.
    """
    from classifiers import load_default
    from classifiers.labels import COMPATIBLE_SUPPORT, SUPPORTING_TYPES
    from classifiers.openset import fields_corroborate, item_decision, kept_by_fields

    clf = classifier if classifier is not None else load_default()
    readable = [i for i, p in enumerate(pages) if is_readable(p)]
    page_types: list[tuple[str, float]] = [UNREADABLE] * len(pages)
    if not readable:
        return ItemReading(evidence_type="other", type_confidence=0.0, page_types=page_types, fields={})

    classes = [str(c) for c in clf.classes_]
    proba = np.asarray(clf.predict_proba([pages[i] for i in readable]), dtype=np.float64)
    for row, i in enumerate(readable):
        j = int(np.argmax(proba[row]))
        page_types[i] = (classes[j], float(proba[row, j]))

    threshold = getattr(clf, "reject_threshold", None)
    evidence_type, best = item_decision(classes, proba, threshold)

    belongs = [classes.index(evidence_type)] + [
        classes.index(t) for t in COMPATIBLE_SUPPORT.get(evidence_type, ()) if t in classes
    ]
    per_page = proba[:, belongs].sum(axis=1)
    confidence = float(per_page.mean()) * len(readable) / len(pages)

    fields = None
    # The threshold guards the types that earn hours: a notice alone earns none and goes to a
    # person as supporting material anyway (rules.md 1.1), so rejecting it would only rename it.
    if threshold is not None and evidence_type not in SUPPORTING_TYPES and best < float(threshold):
        if kept_by_fields(best, float(threshold), getattr(clf, "corroborated_threshold", None)):
            fields = _fields(evidence_type, pages, applicant, item)  # read once, kept if accepted
        if fields is None or not fields_corroborate(evidence_type, fields):
            # The chance that it is not the leaned-to type, on the best page; its fields are not kept.
            return ItemReading(evidence_type="other", type_confidence=round(1.0 - best, 4),
                               page_types=page_types, fields={},
                               rejected_type=(evidence_type, round(best, 4)))
        # Kept by its fields, not by its type's probability: that probability is what the reviewer
        # is told (under the low_confidence line: kept_by_fields).
        confidence = min(confidence, best)

    return ItemReading(
        evidence_type=evidence_type,
        type_confidence=round(min(max(confidence, 0.0), 1.0), 4),
        page_types=page_types,
        fields=fields if fields is not None else _fields(evidence_type, pages, applicant, item),
        parts=_parts(evidence_type, [pages[i] for i in readable]),
    )


def _fields(evidence_type: str, pages: list[Page], applicant: Applicant | None,
            item: ItemSource | None = None) -> dict[str, FieldValue]:
    from pipeline.extract import extract_fields, fields_for
    from pipeline.extract.data import DATA

    fields = extract_fields(evidence_type, pages, applicant)
    missing = [f for f in DATA["second_read"]["red_fields"]
               if f in fields_for(evidence_type) and f not in fields]
    if missing and item is not None:
        fields |= _red_second_read(evidence_type, pages, applicant, item, missing)
    return fields


def _red_second_read(evidence_type: str, pages: list[Page], applicant: Applicant | None,
                     item: ItemSource, missing: list[str]) -> dict[str, FieldValue]:
    """``missing`` fields read again with the red display type of the pages added (a prize grade
    that seal suppression whited out); only those fields, so that the seals' own text, read in
    this second pass, changes nothing else."""
    from dataclasses import replace

    from pipeline.extract import extract_fields
    from pipeline.extract.data import DATA
    from pipeline.ocr.red_text import second_read
    from pipeline.ocr.sources import close_documents
    from pipeline.ocr.textnorm import page_text

    files = {f.sha256: f for f in item.files}
    again: list[Page] = []
    added = False
    try:
        for page in pages:
            file = files.get(page.file_sha256)
            extra: list = []
            if file is not None and page.error is None:
                extra = second_read(file, page, DATA["second_read"]["partial_line"])
            if extra:
                added = True
                lines = [*page.lines, *extra]
                page = replace(page, lines=lines, text=page_text(lines))
            again.append(page)
    finally:
        close_documents()  # a PDF opened to render its page
    if not added:
        return {}
    found = extract_fields(evidence_type, again, applicant)
    out: dict[str, FieldValue] = {}
    for name in missing:
        if name in found:
            fv = found[name]
            fv.check = (fv.check + "；" if fv.check else "") + "读自红色大字（第二次识别）"
            out[name] = fv
    return out


def _parts(evidence_type: str, pages: list[Page]) -> set[str]:
    from pipeline.extract import detect_parts

    parts: set[str] = set()
    for page in pages:
        parts |= detect_parts(evidence_type, page)
    return parts
