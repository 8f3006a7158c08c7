"""Open-set typing: real documents as training examples, and the reject threshold.

A closed-set model gives every page one of the 18 types, so a business licence or a résumé comes
out as some evidence type, often with confidence. Two things answer that: real documents of other
kinds join the training set as ``other`` (with the real evidence documents under their types), and
a reject threshold on the calibrated probability of the chosen type, below which an item is
proposed as ``other`` with ``type_uncertain`` (``pipeline.understand``).

The threshold is chosen on held-out data only: out-of-fold probabilities of a cross-validation
grouped by source repository (a repository's documents are never on both sides of a split), so
no document's own label picks the threshold that is then used on it. Its cost knows where each
accepted item would go (``auto_ok`` or review: ``held_out_decisions`` runs the pipeline on it).

A second reading corroborates a leaned-to type (issue #12 point 4): an item whose fields of that
type are read (``fields_corroborate``: the applicant's name, a prize's level and grade, a book's
rank...) is more likely of that type than one where they are not. A second, lower
threshold applies to such items (``corroborated_threshold``); it is chosen after the first on the
same held-out decisions and cost, on the corroborated ones alone (``choose_thresholds``), and an
item accepted by it goes to a reviewer (its type confidence is its probability, below the line
of ``low_confidence``), so it can cost a correction, never a wrong ``auto_ok``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifiers.labels import SUPPORTING_TYPES

REAL_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "real"
# Candidate thresholds: a finer grid adds nothing on a corpus of ~100 documents.
THRESHOLD_GRID: tuple[float, ...] = tuple(round(x, 2) for x in np.arange(0.20, 0.96, 0.05))
# Reviewer costs, in full manual reads of an item. What a wrong type costs depends on where the
# proposal goes (its status when the type is accepted):
# - approved unseen (``auto_ok``): the failure the project must not have;
# - evidence of a wrong type sent to review anyway (the field gate's doing): the reviewer corrects
#   the type and reads the fields in full, as after a reject;
# - a non-evidence document typed as evidence and sent to review: hours are proposed for a document
#   that earns none, and a reviewer who trusts them credits it. Issue #12 puts "non-evidence
#   proposed as `other`" among its goals for that reason; priced as a reviewed correction (0.25)
#   the choice was "never reject" and non-evidence as `other` fell to 0.83-0.89 (docs/benchmarks.md),
#   so it keeps the price of the earlier 2:1 rule;
# - an evidence document rejected as ``type_uncertain``: a full read (its fields are not read).
COST_WRONG_AUTO_OK = 10.0
COST_FULL_READ = 1.0
COST_CORRECTION = 0.25
COST_NON_EVIDENCE_REVIEWED = 2.0
# A wrong type accepted when the proposal's status is not known: it may be auto-approved.
COST_FALSE_ACCEPT = 2.0


@dataclass(frozen=True)
class RealDoc:
    """One anonymised real document (a fixture of tests/data/real/): labels and OCR lines."""

    doc_id: str
    repo: str
    evidence_type: str  # one of the 18 types; "other" for non-evidence documents
    fields: dict[str, Any]
    applicant_name: str
    pages: list[dict[str, Any]]  # {"width", "height", "lines": [[text, [x0, y0, x1, y1], conf], ...]}
    kind: str = ""
    also_ok: tuple[str, ...] = ()  # other types a careful reviewer could defend

    @property
    def is_evidence(self) -> bool:
        return self.evidence_type != "other"

    @property
    def text(self) -> str:
        """The text of every page as OCR hands it on (``doc_pages``), pages one after another."""
        return "\n".join(p.text for p in doc_pages(self))


def load_real_docs(folder: Path = REAL_DIR) -> list[RealDoc]:
    """Every fixture of ``folder`` (clear error when the folder is missing or empty)."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no real-document fixtures in {folder}")
    out = []
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        out.append(RealDoc(d["id"], d["repo"], d["evidence_type"], d.get("fields", {}),
                           d.get("applicant_name", ""), d["pages"], d.get("kind", ""),
                           tuple(d.get("also_ok", []))))
    return out


def doc_pages(doc: RealDoc) -> list[Any]:
    """The fixture's pages as ``pipeline.types.Page`` objects, as OCR would hand them on."""
    from pipeline.ocr.textnorm import mean_conf, page_text
    from pipeline.types import Line, Page

    pages = []
    for no, p in enumerate(doc.pages):
        lines = [Line(text=t, box=tuple(b), conf=float(c)) for t, b, c in p["lines"]]  # type: ignore[arg-type]
        pages.append(Page(file_sha256=doc.doc_id, page_no=no, width=int(p["width"]), height=int(p["height"]),
                          text=page_text(lines), lines=lines, engine=p.get("engine", "rapidocr"),
                          mean_conf=mean_conf(lines)))
    return pages


def real_examples(docs: Sequence[RealDoc], noisy_copies: int = 2, seed: int = 0) -> list[Any]:
    """Training examples from real documents: every readable page under its document's type, as
    read and in ``noisy_copies`` OCR-noised copies (as a reviewer's correction counts in
    ``cehours train --from-db``: a few real pages among thousands of generated ones), grouped by
    repository so that no split puts one repository on both sides."""
    import random

    from classifiers.noise import add_ocr_noise
    from classifiers.training import Example, page_title

    rng = random.Random(seed)
    out = []
    for d in docs:
        for p in doc_pages(d):
            if p.text.strip():
                group = f"repo:{d.repo}"
                title = page_title(p)
                out.append(Example(p.text, p.width, p.height, d.evidence_type, "real", group, title))
                out += [Example(add_ocr_noise(p.text, rng), p.width, p.height, d.evidence_type, "real_noisy",
                                group, title) for _ in range(noisy_copies)]
    return out


def item_decision(classes: Sequence[str], proba: np.ndarray,
                  threshold: float | None = None) -> tuple[str, float]:
    """The item's type and its best page's probability of that type (``read_item`` decides by it):
    the pages' probabilities summed, where supporting types only win when no page is substantive.
    With a reject ``threshold``, a page counts as substantive only when it is that sure of its
    type: a sign-in sheet half taken for a certificate (0.31) does not outvote its notice."""
    classes = list(classes)
    substantive = np.array([c not in SUPPORTING_TYPES for c in classes])
    page_is_substantive = substantive[np.argmax(proba, axis=1)]
    if threshold is not None:
        page_is_substantive &= proba.max(axis=1) >= float(threshold)
    votes = proba.sum(axis=0)
    if page_is_substantive.any():  # a substantive page is there: supporting pages may not outvote it
        votes = np.where(substantive, votes, -1.0)
    j = int(np.argmax(votes))
    return classes[j], float(proba[:, j].max())


# One held-out decision: (type, best page probability, true type), and optionally the status of
# the item's proposal when that type is accepted ("auto_ok" / "needs_review"; None: unknown) and
# whether the fields read for that type corroborate it (``fields_corroborate``).
Decision = (tuple[str, float, str] | tuple[str, float, str, str | None]
            | tuple[str, float, str, str | None, bool])

# Deciding fields that only choose between credits, not what the document is: the subject picks
# the category (公需/专业, rules/methods.py), a policy's default when it is not read.
_NOT_CORROBORATING = ("subject",)


def fields_corroborate(evidence_type: str, fields: Mapping[str, Any]) -> bool:
    """Do the fields read for ``evidence_type`` corroborate it? The applicant's name was found and
    every deciding field of the type (rules/evidence.toml) that says what kind of document it is
    was read: a rank, a level, a grade, a role, a count, a number. Dates and durations (days,
    stated hours) are on every certificate, notice and stay abroad alike and corroborate nothing:
    held out, a span of dates with the person named was read for a training certificate, a
    conference and a stay abroad taken for one another at 0.37-0.56 (r278, r307, r347, r075), and
    a volunteer's honour taken for an award has its date (r316). So a type deciding only by a
    name, dates and a duration is never corroborated. A field the table lets stand in for a
    deciding one (``corroborated_instead``: an ISSN for a foreign journal's missing CN number)
    corroborates in its place; the hours still go by the deciding field (0, ``no_cn_number``)."""
    from pipeline.proposals import DECIDING_FIELDS
    from rules.evidence import FIELDS, TYPES

    def value(name: str) -> Any:
        v = fields.get(name)
        return getattr(v, "value", v)

    specific = [f for f in DECIDING_FIELDS.get(evidence_type, ())
                if f not in _NOT_CORROBORATING and f != "name_found"
                and (FIELDS[f].kind if f in FIELDS else "") not in ("date", "number")]
    if not specific or value("name_found") is not True:
        return False
    spec = TYPES.get(evidence_type)
    instead = spec.corroborated_instead if spec is not None else {}
    return all(value(f) is not None or any(value(g) is not None for g in instead.get(f, ()))
               for f in specific)


def kept_by_fields(p: float, threshold: float, corroborated_threshold: float | None) -> bool:
    """Is a corroborated item of best page probability ``p`` kept below ``threshold``? Only under
    the line of ``low_confidence`` (pipeline.proposals), which its type confidence (``p``) then
    raises, so that a reviewer always sees it: a reject threshold may lie above that line."""
    from pipeline.proposals import LOW_TYPE_CONFIDENCE

    if corroborated_threshold is None:
        return False
    return corroborated_threshold <= p < threshold and round(p, 4) < LOW_TYPE_CONFIDENCE


def decision_cost(threshold: float, decision: Decision, corroborated_threshold: float | None = None) -> float:
    """What one held-out decision costs a reviewer under ``threshold``, in full reads (with
    ``corroborated_threshold``, under that for a decision whose fields corroborate its type: one
    accepted below ``threshold`` goes to review whatever its status would have been)."""
    pred, p, true = decision[0], decision[1], decision[2]
    status = decision[3] if len(decision) > 3 else None
    corroborated = bool(decision[4]) if len(decision) > 4 else False  # type: ignore[misc]
    if pred in SUPPORTING_TYPES:
        return 0.0  # the threshold does not touch it (pipeline.understand)
    if corroborated and kept_by_fields(p, threshold, corroborated_threshold):
        status, threshold = "needs_review", 0.0
    if p < threshold:  # rejected: type_uncertain, nothing read
        return COST_FULL_READ if true != "other" else 0.0
    if pred == true:
        return 0.0
    if status is None:
        return COST_FALSE_ACCEPT
    if status == "auto_ok":
        return COST_WRONG_AUTO_OK
    return COST_NON_EVIDENCE_REVIEWED if true == "other" else COST_CORRECTION + COST_FULL_READ


def open_set_cost(threshold: float, decisions: Sequence[Decision],
                  corroborated_threshold: float | None = None) -> float:
    """Reviewer cost of a threshold over held-out decisions (``decision_cost`` summed)."""
    return sum(decision_cost(threshold, d, corroborated_threshold) for d in decisions)


def choose_threshold(decisions: Sequence[Decision], grid: Sequence[float] = THRESHOLD_GRID) -> float:
    """The threshold of lowest cost on held-out decisions: the middle of the widest run of ties
    (of two as wide, the higher one).

    The cost only changes where a held-out probability lies, so it ties over the gap between two
    of them. The gap's lowest end sat on the last decision below it: a fold whose every tie ran
    from 0.20 took 0.20 and accepted a new honour certificate typed `award_certificate` at 0.21
    (typing-12k). The middle keeps the most room on both sides (the lower middle on an even run).
    Separate runs of the same cost happen on a few dozen held-out documents (a fold tied at 0.50
    and at 0.60-0.65, certs-13b): the widest is the furthest from every held-out probability, and
    on a tie of widths the higher sends more to a reviewer, which no wrong auto_ok prefers."""
    if not decisions:
        raise ValueError("no held-out decisions to choose a reject threshold on")
    return _middle_of_widest_run([open_set_cost(t, decisions) for t in grid], grid)


def choose_thresholds(decisions: Sequence[Decision],
                      grid: Sequence[float] = THRESHOLD_GRID) -> tuple[float, float | None]:
    """The reject threshold (``choose_threshold``, as without corroboration) and the threshold for
    items whose fields corroborate their type, or None when it would not be lower.

    The second is chosen after the first, on the corroborated decisions alone (the others' cost
    does not depend on it) and the grid below the first, by the same cost and tie rule, and only
    when it is cheaper there than the first: it only lowers the bar, so an item not corroborated is
    decided as before."""
    threshold = choose_threshold(decisions, grid)
    corroborated = [d for d in decisions if len(d) > 4 and d[4]]  # type: ignore[misc]
    below = [t for t in grid if t < threshold]
    if not corroborated or not below:
        return threshold, None
    # the first threshold itself is in the running: no cheaper second keeps one threshold
    below.append(threshold)
    costs = [open_set_cost(threshold, corroborated, t) for t in below]
    if costs[-1] <= min(costs):
        return threshold, None
    return threshold, _middle_of_widest_run(costs, below)


def _middle_of_widest_run(costs: Sequence[float], grid: Sequence[float]) -> float:
    """The grid value in the middle of the widest run of lowest cost (of two as wide, the higher)."""
    costs = np.asarray(costs, dtype=np.float64)
    best = costs.min()
    runs: list[tuple[int, int]] = []
    for i, c in enumerate(costs):
        if c != best:
            continue
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    lo, hi = max(runs, key=lambda r: (r[1] - r[0], r[0]))
    return float(grid[(lo + hi) // 2])


def repo_folds(docs: Sequence[RealDoc], folds: int, seed: int) -> dict[str, int]:
    """Each source repository's fold (a repository's documents share one fold): shuffled by
    ``seed``, so the same documents and seed give the same folds in every cross-validation."""
    repos = sorted({d.repo for d in docs})
    order = list(np.random.default_rng(seed).permutation(len(repos)))
    return {repos[i]: k % folds for k, i in enumerate(order)}


def fold_models(
    base: Sequence[Any],
    docs: Sequence[RealDoc],
    folds: int = 5,
    seed: int = 0,
) -> tuple[dict[str, int], dict[int, Any], dict[str, tuple[str, float]]]:
    """The cross-validation grouped by repository: for each fold that holds documents, a model
    fitted (``classifiers.training.fit_examples``, no reject threshold) on ``base`` (generated
    examples) plus the real documents of the other folds, and its decisions on the fold's
    documents. Returns (fold of each repository, model of each fold, {doc id: (type, best page
    probability)})."""
    from classifiers.training import fit_examples

    fold_of = repo_folds(docs, folds, seed)
    models: dict[int, Any] = {}
    out: dict[str, tuple[str, float]] = {}
    for k in range(folds):
        test_docs = [d for d in docs if fold_of[d.repo] == k]
        if not test_docs:
            continue
        models[k] = fit_examples([*base, *real_examples([d for d in docs if fold_of[d.repo] != k])], seed)
        out.update(decide(models[k], test_docs))
    return fold_of, models, out


def held_out_decisions(
    base: Sequence[Any],
    docs: Sequence[RealDoc],
    folds: int = 5,
    seed: int = 0,
) -> tuple[dict[str, int], dict[int, Any], dict[str, Decision]]:
    """``fold_models`` and, for every document, its held-out decision with the status its proposal
    gets when that type is accepted (the whole pipeline run by its fold's model, which has no
    reject threshold yet: ``pipeline.evaluate_real.run_docs``). Returns (fold of each repository,
    model of each fold, {doc id: (type, probability, true type, status, corroborated)}), where
    corroborated says whether the fields read for that type corroborate it (``fields_corroborate``)."""
    from pipeline.evaluate_real import run_docs

    fold_of, models, oof = fold_models(base, docs, folds, seed)
    ran = {o.doc_id: o for o in run_docs(docs, lambda d: models[fold_of[d.repo]])}
    out: dict[str, Decision] = {d.doc_id: (*oof[d.doc_id], d.evidence_type, ran[d.doc_id].status,
                                           ran[d.doc_id].corroborated) for d in docs}
    return fold_of, models, out


def decide(model: Any, docs: Sequence[RealDoc]) -> dict[str, tuple[str, float]]:
    """Each document's (type, best page probability) under ``model`` (unread: ("other", 0.0))."""
    classes = [str(c) for c in model.classes_]
    out: dict[str, tuple[str, float]] = {}
    for d in docs:
        pages = [p for p in doc_pages(d) if p.text.strip()]
        if not pages:
            out[d.doc_id] = ("other", 0.0)
            continue
        out[d.doc_id] = item_decision(classes, np.asarray(model.predict_proba(pages), dtype=np.float64),
                                      getattr(model, "reject_threshold", None))
    return out
