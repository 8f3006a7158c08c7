"""Leave-family-out evaluation: does reading generalise to a layout the model never saw?

For each layout family of sample_docs/families.py the page-type classifier is trained without
that family and its type-confidence threshold is chosen without it, then the family's items are
read and proposed and scored with ``pipeline.evaluate.score`` (type, deciding fields, hours,
wrong ``auto_ok``).

To stay affordable on a shared machine the families are held out in folds: fold *k* holds out
the *k*-th family of every evidence type at once (a type's families never share a fold), so each
family is scored by a model that saw none of its pages, with one training per fold instead of
one per family. Items are read from their **true page text** (what a perfect OCR would give, one
line per text line, no boxes): this measures classification and extraction on unseen wording
and layout, not the OCR (``cehours eval`` on a generated batch measures that).

Thresholds: on validation items drawn from the fold's *training* families (another seed), the
threshold is the lowest type confidence above which no validation item has a wrong type; on the
held-out family an ``auto_ok`` proposal below it is counted as sent to review. Both counts of
wrong ``auto_ok`` are reported: as proposed, and after the chosen threshold.

Open set (``real=True``, as ``cehours train`` does): each fold's model also learns the anonymised
real corpus (tests/data/real: real non-evidence documents as ``other``), and carries a reject
threshold chosen as the shipped one is (``classifiers.openset``: out-of-fold decisions of a CV over
the real corpus grouped by repository), with models fitted on the fold's training families only,
so the held-out family plays no part in it. A held-out ``other`` family is then right when its
items are typed ``other`` or rejected as ``type_uncertain``.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.evaluate import EvalReport, score

Progress = Callable[[str], None]
DEFAULT_SEED = 61  # an evaluation seed (sample_docs/README.md: 1-99); validation uses seed + 20
DEFAULT_TRAIN_SEED = 1300  # a training seed (1000-1999)
THRESHOLD_GRID = tuple(round(0.5 + i * 0.01, 2) for i in range(50))


@dataclass
class FamilyScore:
    family: str
    evidence_type: str
    fold: int
    items: int
    type_accuracy: float
    deciding_field_accuracy: float
    hours_exact: float
    auto_ok: int
    wrong_auto_ok: int
    wrong_auto_ok_after_threshold: int
    auto_ok_after_threshold: int  # what the threshold costs: auto_ok proposals it leaves
    threshold: float
    field_errors: dict[str, int]  # field -> items where it was read wrong or not at all
    type_errors: dict[str, int]  # predicted type -> count
    examples: list[dict[str, Any]] = field(default_factory=list)  # a few misses, for the report


@dataclass
class LeaveFamilyOutReport:
    seed: int
    train_seed: int
    per_family: int
    train_pages_per_type: int
    folds: int
    seconds_cpu: float
    families: list[FamilyScore]
    thresholds: dict[int, float]
    overall: dict[str, float]
    reject_thresholds: dict[int, float | None] = field(default_factory=dict)  # open set, per fold

    def per_type(self) -> dict[str, dict[str, float]]:
        """Mean over the held-out families of each type, weighted by items."""
        acc: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for f in self.families:
            a = acc[f.evidence_type]
            a["items"] += f.items
            a["type"] += f.type_accuracy * f.items
            a["fields"] += f.deciding_field_accuracy * f.items
            a["hours"] += f.hours_exact * f.items
            a["wrong_auto_ok"] += f.wrong_auto_ok
            a["wrong_auto_ok_after_threshold"] += f.wrong_auto_ok_after_threshold
        return {
            t: {
                "items": int(a["items"]),
                "type": a["type"] / a["items"],
                "fields": a["fields"] / a["items"],
                "hours": a["hours"] / a["items"],
                "wrong_auto_ok": int(a["wrong_auto_ok"]),
                "wrong_auto_ok_after_threshold": int(a["wrong_auto_ok_after_threshold"]),
            }
            for t, a in sorted(acc.items())
        }


# -- drawing items and training pages --------------------------------------------------------


@dataclass
class _Drawn:
    record: dict[str, Any]  # a truth record as in .truth.jsonl (pages carry the true text)
    sizes: list[tuple[int, int]]
    applicant: Any


def _draw_items(family_names: Sequence[str], seed: int, per_family: int) -> list[_Drawn]:
    """``per_family`` items of each family, each with its own applicant, and their truth."""
    from pipeline.types import Applicant
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_item
    from sample_docs.truth import expected_for

    out: list[_Drawn] = []
    levels: dict[str, tuple[str, int]] = {}
    for fam in family_names:
        etype = fam.split("/", 1)[0]
        for i in range(per_family):
            rng = random.Random(f"lfo:{seed}:{fam}:{i}")
            aid = f"{fam.replace('/', '.')}.{i}"
            person = make_person(rng, aid, rng.choice(["senior", "intermediate", "junior"]))
            spec = build_item(etype, rng, person, rng.choice(person.span), family=fam)
            pages = render_item(spec, rng, pick_style(rng), 60)
            item = f"{aid}/item"
            record = {
                "applicant_id": aid,
                "item": item,
                "evidence_type": spec.evidence_type,
                "family": spec.family,
                "fields": spec.fields,
                "parts": spec.parts,
                "pages": [
                    {
                        "file": item,
                        "page_no": k,
                        "type": pg.page_type,
                        "kind": pg.kind,
                        "text": "\n".join(pg.lines),
                    }
                    for k, pg in enumerate(pages)
                ],
                "planted": [],
                "_key": f"{spec.key}:{aid}",
                "_files": [aid],
            }
            levels[aid] = (person.title_level, person.eval_year)
            applicant = Applicant(
                aid, person.name, person.employer, person.title_level, person.eval_year, person.id_number
            )
            out.append(_Drawn(record, [pg.img.size for pg in pages], applicant))
    expected_for([d.record for d in out], levels)
    return out


def _training_pages(seed: int, per_type: int, exclude: frozenset[str]) -> list[Any]:
    """Generated pages of every page type, none from an ``exclude``d family (single pages only:
    no combined pictures, no top-up of rare kinds)."""
    from classifiers.training import generate_pages

    return generate_pages(seed, per_type, dpi=60, combined_share=0, exclude_families=exclude, top_up=False)


def train_without(exclude: frozenset[str], seed: int, per_type: int, real_docs: Sequence[Any] = ()) -> Any:
    """The page-type model fitted on generated pages of every family but ``exclude`` (plus
    ``real_docs``, with the reject threshold chosen on them by grouped CV)."""
    from classifiers.training import fit_examples, text_examples

    examples = text_examples(_training_pages(seed, per_type, exclude), seed)
    if not real_docs:
        return fit_examples(examples, seed)
    from classifiers.openset import choose_thresholds, held_out_decisions, real_examples

    oof = held_out_decisions(examples, real_docs, folds=5, seed=seed)[2]
    # the same two thresholds as ``cehours train`` chooses, so a left-out family meets the shipped rule
    reject, corroborated = choose_thresholds([oof[d.doc_id] for d in real_docs])
    return fit_examples([*examples, *real_examples(real_docs)], seed, reject_threshold=reject,
                        corroborated_threshold=corroborated)


# -- reading and scoring --------------------------------------------------------------------------


def _propose(drawn: Sequence[_Drawn], classifier: Any) -> tuple[list[Any], dict[tuple[str, int], str]]:
    from pipeline.proposals import propose_batch
    from pipeline.types import ItemSource, Page, StoredFile
    from pipeline.understand import read_item
    from rules import load_policy

    readings = []
    texts: dict[str, list[Page]] = {}
    page_pred: dict[tuple[str, int], str] = {}
    for d in drawn:
        rec = d.record
        key = f"truth:{rec['item']}"
        pages = [
            Page(key, k, w, h, pg["text"], engine="textlayer")
            for k, ((w, h), pg) in enumerate(zip(d.sizes, rec["pages"], strict=True))
        ]
        texts[key] = pages  # the page text, for the batch checks that read it (an `other`'s marks)
        reading = read_item(ItemSource(rec["applicant_id"], rec["item"], []), pages, d.applicant, classifier)
        readings.append((ItemSource(rec["applicant_id"], rec["item"], [StoredFile(key, key, 0, "png", "")]),
                         reading))
        for k, (t, _p) in enumerate(reading.page_types):
            page_pred[(rec["item"], k)] = t
    applicants = {d.applicant.applicant_id: d.applicant for d in drawn}
    policy = load_policy("changde-2024")
    return propose_batch("leave-family-out", readings, applicants, policy, texts), page_pred


def choose_threshold(report: EvalReport) -> float:
    """The lowest type confidence above which no item of ``report`` has a wrong type."""
    wrong = [o.type_confidence for o in report.outcomes if not o.type_ok]
    for t in THRESHOLD_GRID:
        if all(c < t for c in wrong):
            return t
    return 1.0


def _family_score(fam: str, fold: int, report: EvalReport, threshold: float) -> FamilyScore:
    field_errors: Counter[str] = Counter()
    type_errors: Counter[str] = Counter()
    examples = []
    for o in report.outcomes:
        field_errors.update(o.field_errors.keys())
        if not o.type_ok:
            type_errors[str(o.pred_type)] += 1
        if (o.field_errors or not o.type_ok or not o.hours_ok) and len(examples) < 3:
            examples.append(
                {
                    "item": o.item,
                    "type": f"{o.true_type}->{o.pred_type}",
                    "hours": f"{o.expected_hours:g}->{o.hours}",
                    "status": o.status,
                    "fields": {k: [str(w), str(g)] for k, (w, g) in o.field_errors.items()},
                }
            )
    after = sum(o.wrong_but_auto_ok and o.type_confidence >= threshold for o in report.outcomes)
    kept = sum(o.status == "auto_ok" and o.type_confidence >= threshold for o in report.outcomes)
    return FamilyScore(
        family=fam,
        evidence_type=fam.split("/", 1)[0],
        fold=fold,
        items=report.items,
        type_accuracy=report.type_accuracy,
        deciding_field_accuracy=report.deciding_field_accuracy,
        hours_exact=report.hours_exact,
        auto_ok=report.auto_ok,
        wrong_auto_ok=report.wrong_auto_ok,
        wrong_auto_ok_after_threshold=after,
        auto_ok_after_threshold=kept,
        threshold=threshold,
        field_errors=dict(field_errors),
        type_errors=dict(type_errors),
        examples=examples,
    )


def folds() -> list[list[str]]:
    """Fold k: the k-th family of every evidence type."""
    from sample_docs.families import FAMILIES

    n = max(len(v) for v in FAMILIES.values())
    return [[fams[k].name for fams in FAMILIES.values() if k < len(fams)] for k in range(n)]


def leave_family_out(
    seed: int = DEFAULT_SEED,
    per_family: int = 6,
    train_seed: int = DEFAULT_TRAIN_SEED,
    train_pages_per_type: int = 60,
    only_folds: Sequence[int] | None = None,
    progress: Progress | None = None,
    real: bool = True,
) -> LeaveFamilyOutReport:
    """Train without each fold's families, choose the thresholds without them, score on them.
    ``real``: the models also learn the real corpus and reject below a threshold (module doc)."""
    from sample_docs.families import all_names

    say = progress or (lambda _m: None)
    real_docs: list[Any] = []
    if real:
        from classifiers.openset import load_real_docs

        real_docs = load_real_docs()
    t0 = time.process_time()
    scores: list[FamilyScore] = []
    thresholds: dict[int, float] = {}
    rejects: dict[int, float | None] = {}
    for k, held_out in enumerate(folds()):
        if only_folds is not None and k not in only_folds:
            continue
        exclude = frozenset(held_out)
        say(f"fold {k}: training without {len(exclude)} families")
        clf = train_without(exclude, train_seed + k, train_pages_per_type, real_docs)
        rejects[k] = clf.reject_threshold
        seen = [f for f in all_names() if f not in exclude]
        say(f"fold {k}: choosing the threshold on {len(seen)} seen families")
        val = _draw_items(seen, seed + 20, max(1, per_family // 2))
        vprops, vpred = _propose(val, clf)
        thresholds[k] = choose_threshold(score([d.record for d in val], vprops, vpred))
        say(f"fold {k}: threshold {thresholds[k]:.2f}; scoring the held-out families")
        test = _draw_items(held_out, seed, per_family)
        props, pred = _propose(test, clf)
        by_item = {p.item: p for p in props}
        for fam in held_out:
            recs = [d.record for d in test if d.record["family"] == fam]
            rep = score(recs, [by_item[r["item"]] for r in recs], pred, batch=fam)
            scores.append(_family_score(fam, k, rep, thresholds[k]))
    n = sum(f.items for f in scores) or 1
    overall = {
        "items": float(n),
        "type_accuracy": round(sum(f.type_accuracy * f.items for f in scores) / n, 4),
        "deciding_field_accuracy": round(sum(f.deciding_field_accuracy * f.items for f in scores) / n, 4),
        "hours_exact": round(sum(f.hours_exact * f.items for f in scores) / n, 4),
        "auto_ok": float(sum(f.auto_ok for f in scores)),
        "wrong_auto_ok": float(sum(f.wrong_auto_ok for f in scores)),
        "wrong_auto_ok_after_threshold": float(sum(f.wrong_auto_ok_after_threshold for f in scores)),
        "auto_ok_after_threshold": float(sum(f.auto_ok_after_threshold for f in scores)),
    }
    return LeaveFamilyOutReport(
        seed,
        train_seed,
        per_family,
        train_pages_per_type,
        len(folds()),
        round(time.process_time() - t0, 1),
        scores,
        thresholds,
        overall,
        rejects,
    )


def markdown(report: LeaveFamilyOutReport) -> str:
    """Per-family and per-type tables for docs/benchmarks.md."""
    o = report.overall
    out = [
        f"Run {dt.date.today().isoformat()}: seed {report.seed}, {report.per_family} items per family, "
        f"classifier trained per fold on {report.train_pages_per_type} true-text pages per type (seed "
        f"{report.train_seed}+fold, +2 noisy copies each), true page text (no OCR), "
        f"{report.seconds_cpu:.0f} s CPU. Thresholds per fold: "
        + ", ".join(f"{k}: {v:.2f}" for k, v in report.thresholds.items())
        + ". Reject thresholds (open set, real corpus): "
        + (", ".join(f"{k}: {v:.2f}" for k, v in report.reject_thresholds.items() if v is not None) or "none")
        + ".",
        "",
        f"Overall ({int(o['items'])} items): type {o['type_accuracy']:.3f}, deciding fields "
        f"{o['deciding_field_accuracy']:.3f}, hours exact {o['hours_exact']:.3f}, "
        f"auto_ok {int(o['auto_ok'])}, wrong auto_ok {int(o['wrong_auto_ok'])}; after the threshold "
        f"chosen without the family: auto_ok {int(o['auto_ok_after_threshold'])}, wrong "
        f"{int(o['wrong_auto_ok_after_threshold'])}.",
        "",
        "| type | items | type acc. | deciding fields | hours exact | wrong auto_ok (after thr.) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t, m in report.per_type().items():
        out.append(
            f"| {t} | {m['items']} | {m['type']:.3f} | {m['fields']:.3f} | {m['hours']:.3f} | "
            f"{m['wrong_auto_ok']} ({m['wrong_auto_ok_after_threshold']}) |"
        )
    out += [
        "",
        "| family | fold | type acc. | deciding fields | hours exact | auto_ok (after thr.) | wrong auto_ok "
        "(after thr.) | fields missed (items) | read as |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for f in sorted(report.families, key=lambda f: f.family):
        fe = ", ".join(f"{k} {v}" for k, v in sorted(f.field_errors.items())) or "-"
        te = ", ".join(f"{k} {v}" for k, v in f.type_errors.items()) or "-"
        out.append(
            f"| {f.family} | {f.fold} | {f.type_accuracy:.2f} | {f.deciding_field_accuracy:.2f} | "
            f"{f.hours_exact:.2f} | {f.auto_ok} ({f.auto_ok_after_threshold}) | "
            f"{f.wrong_auto_ok} ({f.wrong_auto_ok_after_threshold}) | "
            f"{fe} | {te} |"
        )
    return "\n".join(out) + "\n"
