"""Scoring the pipeline on the real corpus (anonymised fixtures of tests/data/real/).

Each fixture is one item: its OCR'd pages go through ``read_item`` and ``propose_batch`` exactly as
an upload would, with the fixture's (invented) applicant name. What is scored, per document:

- type: right when the proposed type is the labelled one or one of its ``also_ok``; macro-F1 over
  the labelled types;
- non-evidence (labelled ``other`` with no ``also_ok``): proposed as ``other``, or not;
- deciding fields (``pipeline.proposals.DECIDING_FIELDS``) that were labelled, on items typed right;
- hours: the rules applied to the labelled fields, where every deciding field is labelled (or the
  document is non-evidence, 0 hours);
- wrong ``auto_ok``: marked ``auto_ok`` yet of a wrong type, or with hours other than the labelled
  ones (where they are known).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from classifiers.openset import RealDoc, doc_pages


@dataclass
class RealOutcome:
    doc_id: str
    repo: str
    true_type: str
    also_ok: list[str]
    pred_type: str
    type_confidence: float
    flags: list[str]
    status: str
    hours: float
    true_hours: float | None  # None: not every deciding field is labelled
    fields_right: int
    fields_total: int
    field_misses: list[str]
    # the fields read for the proposed type corroborate it (classifiers.openset.fields_corroborate)
    corroborated: bool = False

    @property
    def type_ok(self) -> bool:
        return self.pred_type == self.true_type or self.pred_type in self.also_ok

    @property
    def strict_other(self) -> bool:
        return self.true_type == "other" and not self.also_ok

    @property
    def wrong_auto_ok(self) -> bool:
        if self.status != "auto_ok":
            return False
        if not self.type_ok:
            return True
        return self.true_hours is not None and abs(self.hours - self.true_hours) > 1e-6


def true_hours(doc: RealDoc, policy: Any) -> float | None:
    """The hours the rules give the labelled fields, or None when a deciding field is unlabelled."""
    from pipeline.proposals import DECIDING_FIELDS

    if doc.evidence_type == "other":
        return 0.0
    needed = DECIDING_FIELDS.get(doc.evidence_type, ())
    if any(f not in doc.fields for f in needed):
        return None
    p = policy.propose(doc.evidence_type, dict(doc.fields))
    return float(sum(c.hours for c in p.credits))


def local_copy(doc: RealDoc) -> Any:
    """The document's file as a StoredFile: its local copy (``python -m sample_docs.real.rebuild``)
    when there is one, so that a second read of its image (pipeline/ocr/red_text.py) can run;
    else a file with no path (the fixture's lines are all there is)."""
    from pipeline.types import StoredFile
    from sample_docs.real.rebuild import DEFAULT_OUT

    found = sorted(DEFAULT_OUT.glob(f"{doc.doc_id}.*"))
    if not found:
        return StoredFile(doc.doc_id, doc.doc_id, 0, "png", "")
    return StoredFile(doc.doc_id, found[0].name, found[0].stat().st_size, "", str(found[0]))


def run_docs(
    docs: Sequence[RealDoc],
    classifier_for: Callable[[RealDoc], Any],
    policy_id: str = "changde-2024",
) -> list[RealOutcome]:
    """Read and propose every document with the classifier ``classifier_for(doc)`` gives it."""
    from classifiers.openset import fields_corroborate
    from pipeline.evaluate import same_value
    from pipeline.proposals import DECIDING_FIELDS, propose_batch
    from pipeline.types import Applicant, ItemSource
    from pipeline.understand import read_item
    from rules import load_policy

    policy = load_policy(policy_id)
    out: list[RealOutcome] = []
    for doc in docs:
        pages = doc_pages(doc)
        source = ItemSource("R", f"R/{doc.doc_id}", [local_copy(doc)])
        applicant = Applicant("R", doc.applicant_name or "无名氏", eval_year=2025, title_level="senior")
        reading = read_item(source, pages, applicant, classifier=classifier_for(doc))
        prop = propose_batch("real", [(source, reading)], {"R": applicant}, policy,
                             pages={doc.doc_id: pages})[0]
        right = total = 0
        misses: list[str] = []
        if prop.evidence_type == doc.evidence_type:
            for name in DECIDING_FIELDS.get(doc.evidence_type, ()):
                if name in doc.fields:
                    total += 1
                    if same_value(prop.fields.get(name), doc.fields[name]):
                        right += 1
                    else:
                        misses.append(f"{name}: {prop.fields.get(name)!r} != {doc.fields[name]!r}")
        out.append(RealOutcome(doc.doc_id, doc.repo, doc.evidence_type, list(doc.also_ok),
                               str(prop.evidence_type), float(prop.type_confidence), list(prop.flags),
                               prop.status, float(prop.hours), true_hours(doc, policy), right, total, misses,
                               fields_corroborate(reading.evidence_type, reading.fields)))
    return out


# macro-F1 is also given over the types with at least this many documents (type_macro_f1_5)
MIN_TYPE_DOCS = 5


def summarise(outcomes: Sequence[RealOutcome]) -> dict[str, Any]:
    """The figures of docs/benchmarks.md for one run over the corpus."""
    from sklearn.metrics import f1_score

    y_true = [o.true_type for o in outcomes]
    # A defensible second type counts as the labelled one.
    y_pred = [o.true_type if o.type_ok else o.pred_type for o in outcomes]
    labels = sorted(set(y_true))
    # types with a handful of documents, whose F1 is not 0 or 1 by one document's chance
    counted = Counter(y_true)
    enough = [t for t in labels if counted[t] >= MIN_TYPE_DOCS]
    evidence = [o for o in outcomes if o.true_type != "other"]
    strict = [o for o in outcomes if o.strict_other]
    fr = sum(o.fields_right for o in outcomes)
    ft = sum(o.fields_total for o in outcomes)
    known = [o for o in outcomes if o.true_hours is not None]
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: {"n": 0, "right": 0})
    for o in outcomes:
        per_type[o.true_type]["n"] += 1
        per_type[o.true_type]["right"] += int(o.type_ok)
    flags = Counter(f for o in outcomes for f in o.flags)
    return {
        "documents": len(outcomes),
        "evidence": len(evidence),
        "non_evidence_strict": len(strict),
        "type_accuracy": round(sum(o.type_ok for o in outcomes) / max(len(outcomes), 1), 3),
        "type_macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro",
                                              zero_division=0)), 3),
        "type_macro_f1_5": round(float(f1_score(y_true, y_pred, labels=enough, average="macro",
                                                zero_division=0)), 3),
        "evidence_type_right": round(sum(o.type_ok for o in evidence) / max(len(evidence), 1), 3),
        "non_evidence_as_other": round(sum(o.pred_type == "other" for o in strict) / max(len(strict), 1), 3),
        "non_evidence_as_evidence_auto_ok": sum(o.status == "auto_ok" and o.pred_type != "other"
                                                for o in strict),
        "type_uncertain": flags.get("type_uncertain", 0),
        "low_confidence": flags.get("low_confidence", 0),
        "deciding_fields": round(fr / ft, 3) if ft else None,
        "deciding_fields_n": ft,
        "hours_exact": round(sum(abs(o.hours - (o.true_hours or 0)) < 1e-6 for o in known) / len(known), 3)
        if known else None,
        "hours_exact_n": len(known),
        "auto_ok": sum(o.status == "auto_ok" for o in outcomes),
        "wrong_auto_ok": sum(o.wrong_auto_ok for o in outcomes),
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
        "confusions": dict(Counter(f"{o.true_type}->{o.pred_type}" for o in outcomes if not o.type_ok)
                           .most_common()),
        "field_misses": dict(Counter(m.split(":")[0] for o in outcomes for m in o.field_misses)),
    }


def cross_validated_outcomes(
    base: Sequence[Any],
    docs: Sequence[RealDoc],
    folds: int = 5,
    seed: int = 0,
    reject: bool = True,
    policy_id: str = "changde-2024",
) -> tuple[list[RealOutcome], dict[str, tuple[float | None, float | None]]]:
    """Outcomes of the whole pipeline on every real document, read by a model that never saw the
    document's repository: per fold of repositories, a model fitted on ``base`` (generated
    examples) plus the real documents of the other folds. With ``reject``, each fold's threshold
    is chosen on the held-out decisions of the *other* folds' documents, never on its own (with
    the status each would get when accepted: ``classifiers.openset.held_out_decisions``), and so
    is its threshold for items whose fields corroborate their type (``choose_thresholds``).
    Returns the outcomes and each fold's (reject threshold, corroborated threshold)."""
    from classifiers.openset import choose_thresholds, fold_models, held_out_decisions

    if reject:
        fold_of, models, decisions = held_out_decisions(base, docs, folds, seed)
    else:
        fold_of, models, _ = fold_models(base, docs, folds, seed)
    thresholds: dict[str, tuple[float | None, float | None]] = {}
    for k, model in models.items():
        if reject:
            model.reject_threshold, model.corroborated_threshold = choose_thresholds(
                [decisions[d.doc_id] for d in docs if fold_of[d.repo] != k])
        thresholds[str(k)] = (model.reject_threshold, model.corroborated_threshold)
    outcomes = run_docs(docs, lambda d: models[fold_of[d.repo]], policy_id)
    return outcomes, thresholds
