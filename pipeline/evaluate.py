"""End-to-end evaluation on a generated, labelled batch (one with ``.truth.jsonl``).

Runs the whole pipeline, ``pipeline.process.process_batch`` (the steps of ``cehours process``, in
the same order), into a throw-away SQLite database, then compares its export with the truth: evidence type
(per-type precision/recall/F1, macro-F1, confusion), the fields that decide the hours, the hours
themselves, and the proposals that are wrong yet marked ``auto_ok`` (the one number that must be 0).
Use a batch generated with an evaluation seed, never a training seed (sample_docs/README.md).
"""

from __future__ import annotations

import json
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select

from pipeline.proposals import DECIDING_FIELDS
from pipeline.store.models import FileRow

GOALS = {"type_macro_f1": 0.97, "deciding_field_accuracy": 0.95, "hours_exact": 0.95, "wrong_auto_ok": 0}

Progress = Callable[[str], None]


def same_value(got: Any, want: Any) -> bool:
    """Equal as a reviewer would judge: numbers by value, text without width or spacing differences."""
    if isinstance(want, bool) or isinstance(got, bool):
        return got is want or got == want
    if isinstance(want, int | float) and isinstance(got, int | float):
        return abs(float(got) - float(want)) < 1e-6
    if isinstance(want, str) and isinstance(got, str):
        def norm(s: str) -> str:
            return unicodedata.normalize("NFKC", s).replace(" ", "").upper()

        return norm(got) == norm(want)
    return bool(got == want)


def _same_decision(name: str, got: Any, want: Any) -> bool:
    """A value left unread that the rules read exactly like the true one.

    Only ``subject``: clause 2.1 credits public hours when the subject is ``public`` and
    professional hours otherwise, so an unread subject of a professional training decides the same.
    """
    return name == "subject" and got is None and want == "professional"


@dataclass
class ItemOutcome:
    """One truth record next to what the pipeline proposed for it."""

    applicant_id: str
    item: str
    true_type: str | None  # None: the truth expects an intake error
    pred_type: str | None
    type_confidence: float
    expected_hours: float
    hours: float | None  # None: no proposal for this item at all
    status: str
    expected_flags: list[str]
    flags: list[str]
    field_errors: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (want, got)
    fields_checked: int = 0

    @property
    def hours_ok(self) -> bool:
        return self.hours is not None and abs(self.hours - self.expected_hours) < 1e-6

    @property
    def type_ok(self) -> bool:
        return self.true_type == self.pred_type

    @property
    def wrong_but_auto_ok(self) -> bool:
        return self.status == "auto_ok" and not (self.hours_ok and self.type_ok)


@dataclass
class EvalReport:
    batch: str
    engine: str
    items: int
    pages: int
    seconds: float
    type_accuracy: float
    type_macro_f1: float
    per_type: dict[str, dict[str, float]]  # type -> precision, recall, f1, support
    confusion: dict[str, dict[str, int]]  # true -> predicted -> count (errors only)
    page_accuracy: float
    page_errors: dict[str, int]  # "true->predicted" -> count
    field_accuracy: dict[str, dict[str, float]]  # field -> right, total, accuracy
    deciding_field_accuracy: float
    hours_exact: float
    wrong_auto_ok: int
    auto_ok: int
    flag_misses: dict[str, int]  # expected flag not raised
    flag_extras: dict[str, int]  # flag raised that the truth does not expect
    goals: dict[str, dict[str, Any]]
    outcomes: list[ItemOutcome]

    def to_dict(self, with_items: bool = True) -> dict[str, Any]:
        d = asdict(self)
        if not with_items:
            d.pop("outcomes")
        else:
            d["outcomes"] = [
                {**asdict(o), "field_errors": {k: list(v) for k, v in o.field_errors.items()}}
                for o in self.outcomes
            ]
        return d


def evaluate_batch(
    batch_dir: str | Path,
    engine: str = "auto",
    workers: int | None = None,
    cache_dir: Path | None = None,
    classifier: Any = None,
    policy_id: str = "changde-2024",
    progress: Progress | None = None,
) -> EvalReport:
    """Run the pipeline (``pipeline.process.process_batch``, the same steps in the same order as
    ``cehours process``) on ``batch_dir`` into a throw-away SQLite database and score its export
    against the batch's ``.truth.jsonl``. ``classifier`` replaces the shipped model."""
    from functools import partial

    from pipeline.export import records
    from pipeline.process import process_batch
    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow, PageRow
    from pipeline.understand import read_item

    say = progress or (lambda _m: None)
    batch = Path(batch_dir)
    truth_path = batch / ".truth.jsonl"
    if not truth_path.is_file():
        raise FileNotFoundError(f"{batch} has no .truth.jsonl: evaluation needs a generated, labelled batch")
    truth = [json.loads(x) for x in truth_path.read_text(encoding="utf-8").splitlines() if x.strip()]
    read = partial(read_item, classifier=classifier) if classifier is not None else None
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cehours-eval-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'eval.db'}"
        say(f"reading {batch.name} ({engine}), reading items, proposing hours")
        summary = process_batch(batch, db_url=url, engine=engine, workers=workers, policy_id=policy_id,
                                store_dir=Path(tmp) / "store", cache_dir=cache_dir, read=read)  # fmt: skip
        seconds = time.perf_counter() - t0
        factory = open_db(url)
        try:
            with factory() as s:
                proposals = [SimpleNamespace(**r) for r in records(s, summary.batch)]
                by_file = select(PageRow.file_sha256, func.count()).group_by(PageRow.file_sha256)
                n_pages: dict[str, int] = {sha: n for sha, n in s.execute(by_file)}
                names = {sha: list(n) for sha, n in s.execute(select(FileRow.sha256, FileRow.names))}
                items = list(s.scalars(select(ItemRow).where(ItemRow.intake_error.is_(None))))
                page_pred = _page_predictions(items, n_pages, names)
        finally:
            factory.kw["bind"].dispose()
    return score(truth, proposals, page_pred, batch.name, engine, sum(n_pages.values()), seconds)


def _page_predictions(
    items: list[Any], n_pages: dict[str, int], names: dict[str, list[str]]
) -> dict[tuple[str, int], str]:
    """(file as uploaded, page number) -> the type the classifier gave that page. An item's
    ``page_types`` run over its files' pages in order; a file is named by its upload path inside
    the item (the same content may sit in two items under two names)."""
    out: dict[tuple[str, int], str] = {}
    for row in items:
        k = 0
        for sha in row.files:
            inside = [n for n in names.get(sha, []) if n == row.path or n.startswith(row.path + "/")]
            for page_no in range(n_pages.get(sha, 0)):
                if k < len(row.page_types):
                    for name in inside:
                        out[(name, page_no)] = row.page_types[k][0]
                k += 1
    return out


def score(
    truth: list[dict[str, Any]],
    proposals: list[Any],
    page_pred: dict[tuple[str, int], str],
    batch: str = "",
    engine: str = "",
    n_pages: int = 0,
    seconds: float = 0.0,
) -> EvalReport:
    """Compare proposals (``ItemProposal``s) and page predictions with the truth records."""
    from sklearn.metrics import precision_recall_fscore_support

    by_item = {p.item: p for p in proposals}
    outcomes: list[ItemOutcome] = []
    field_right: Counter[str] = Counter()
    field_total: Counter[str] = Counter()
    for rec in truth:
        p = by_item.get(rec["item"])
        exp = rec.get("expected") or {}
        o = ItemOutcome(
            applicant_id=rec["applicant_id"], item=rec["item"], true_type=rec.get("evidence_type"),
            pred_type=p.evidence_type if p else "(missing)", type_confidence=p.type_confidence if p else 0.0,
            expected_hours=float(exp.get("hours", 0)), hours=float(p.hours) if p else None,
            status=p.status if p else "(missing)", expected_flags=list(exp.get("flags", [])),
            flags=list(p.flags) if p else [],
        )
        if o.true_type is not None:
            got_fields = p.fields if p else {}
            for name in DECIDING_FIELDS.get(o.true_type, ()):
                want = rec["fields"].get(name)
                if want is None:
                    continue
                o.fields_checked += 1
                field_total[name] += 1
                if same_value(got_fields.get(name), want) or _same_decision(name, got_fields.get(name), want):
                    field_right[name] += 1
                else:
                    o.field_errors[name] = (want, got_fields.get(name))
        outcomes.append(o)

    typed = [o for o in outcomes if o.true_type is not None]
    y_true = [o.true_type or "" for o in typed]
    y_pred = [o.pred_type or "(none)" for o in typed]
    labels = sorted(set(y_true))
    prec, rec_, f1, sup = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    per_type = {
        t: {"precision": round(float(prec[i]), 4), "recall": round(float(rec_[i]), 4),
            "f1": round(float(f1[i]), 4), "support": int(sup[i])}
        for i, t in enumerate(labels)
    }
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for t, pr in zip(y_true, y_pred, strict=True):
        if t != pr:
            confusion[t][pr] = confusion[t].get(pr, 0) + 1

    page_right = page_total = 0
    page_errors: Counter[str] = Counter()
    for rec in truth:
        for pg in rec.get("pages", []):
            pred = page_pred.get((pg["file"], pg["page_no"]))
            if pred is None:
                continue
            # Two documents in one picture ("a+b"): either document's type, or the item's, is right.
            ok_types = {*pg["type"].split("+"), rec.get("evidence_type")}
            page_total += 1
            if pred in ok_types:
                page_right += 1
            else:
                page_errors[f"{pg['type']}->{pred}"] += 1

    field_acc = {
        n: {"right": field_right[n], "total": field_total[n],
            "accuracy": round(field_right[n] / field_total[n], 4)}
        for n in sorted(field_total)
    }
    total_fields = sum(field_total.values())
    misses: Counter[str] = Counter()
    extras: Counter[str] = Counter()
    for o in outcomes:
        misses.update(set(o.expected_flags) - set(o.flags))
        extras.update(set(o.flags) - set(o.expected_flags))
    macro_f1 = float(sum(v["f1"] for v in per_type.values()) / len(per_type)) if per_type else 0.0
    report = EvalReport(
        batch=batch, engine=engine, items=len(outcomes), pages=n_pages, seconds=round(seconds, 1),
        type_accuracy=round(sum(o.type_ok for o in typed) / len(typed), 4) if typed else 0.0,
        type_macro_f1=round(macro_f1, 4),
        per_type=per_type, confusion={k: dict(v) for k, v in confusion.items()},
        page_accuracy=round(page_right / page_total, 4) if page_total else 0.0,
        page_errors=dict(page_errors.most_common()),
        field_accuracy=field_acc,
        deciding_field_accuracy=round(sum(field_right.values()) / total_fields, 4) if total_fields else 1.0,
        hours_exact=round(sum(o.hours_ok for o in outcomes) / len(outcomes), 4) if outcomes else 0.0,
        wrong_auto_ok=sum(o.wrong_but_auto_ok for o in outcomes),
        auto_ok=sum(o.status == "auto_ok" for o in outcomes),
        flag_misses=dict(misses.most_common()), flag_extras=dict(extras.most_common()),
        goals={}, outcomes=outcomes,
    )
    for name, target in GOALS.items():
        value = getattr(report, name)
        ok = value <= target if name == "wrong_auto_ok" else value >= target
        report.goals[name] = {"value": value, "target": target, "met": bool(ok)}
    return report


def render(report: EvalReport, console: Any = None) -> None:
    """Print the report as Rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    head = Table(title=f"cehours eval — {report.batch} ({report.items} items, {report.pages} pages, "
                 f"engine {report.engine}, {report.seconds:.0f} s)")
    for col in ("measure", "value", "goal", ""):
        head.add_column(col, justify="right" if col in ("value", "goal") else "left")
    for name, g in report.goals.items():
        v = g["value"]
        head.add_row(name, f"{v:.3f}" if isinstance(v, float) else str(v),
                     ("≤ " if name == "wrong_auto_ok" else "≥ ") + str(g["target"]),
                     "[green]met" if g["met"] else "[red]NOT met")
    head.add_row("type accuracy", f"{report.type_accuracy:.3f}", "", "")
    head.add_row("page-type accuracy", f"{report.page_accuracy:.3f}", "", "")
    head.add_row("auto_ok proposals", str(report.auto_ok), "", "")
    console.print(head)

    types = Table(title="evidence type")
    for col in ("type", "precision", "recall", "F1", "support"):
        types.add_column(col, justify="left" if col == "type" else "right")
    for t, m in report.per_type.items():
        style = "" if m["f1"] >= GOALS["type_macro_f1"] else "yellow"
        types.add_row(t, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]),
                      style=style)
    console.print(types)
    if report.confusion:
        conf = Table(title="type confusions (true → predicted)")
        conf.add_column("true")
        conf.add_column("predicted")
        conf.add_column("n", justify="right")
        for t, row in report.confusion.items():
            for pr, n in row.items():
                conf.add_row(t, pr, str(n))
        console.print(conf)

    fields = Table(title="deciding fields")
    for col in ("field", "right", "total", "accuracy"):
        fields.add_column(col, justify="left" if col == "field" else "right")
    for n, m in report.field_accuracy.items():
        style = "" if m["accuracy"] >= GOALS["deciding_field_accuracy"] else "yellow"
        fields.add_row(n, str(m["right"]), str(m["total"]), f"{m['accuracy']:.3f}", style=style)
    console.print(fields)

    wrong = [o for o in report.outcomes if not o.hours_ok or not o.type_ok or o.field_errors]
    if wrong:
        t = Table(title="items with an error")
        for col in ("item", "type (true → read)", "hours (want → got)", "status", "field errors"):
            t.add_column(col, overflow="fold")
        for o in wrong:
            t.add_row(
                o.item,
                o.true_type if o.type_ok else f"{o.true_type} → {o.pred_type}",
                f"{o.expected_hours:g}" if o.hours_ok else f"{o.expected_hours:g} → {o.hours}",
                ("[red]" if o.wrong_but_auto_ok else "") + o.status,
                "; ".join(f"{k}: {w!r} → {g!r}" for k, (w, g) in o.field_errors.items()),
            )
        console.print(t)


def markdown(report: EvalReport) -> str:
    """The report as Markdown, for benchmarks/results/eval.md."""
    out = ["| measure | value | goal | met |", "|---|---:|---:|---|"]
    for name, g in report.goals.items():
        v = g["value"]
        op = "≤" if name == "wrong_auto_ok" else "≥"
        shown = f"{v:.3f}" if isinstance(v, float) else str(v)
        out.append(f"| {name} | {shown} | {op} {g['target']} | {'yes' if g['met'] else '**no**'} |")
    out += [f"| type accuracy | {report.type_accuracy:.3f} | | |",
            f"| page-type accuracy | {report.page_accuracy:.3f} | | |",
            f"| auto_ok proposals | {report.auto_ok} of {report.items} | | |", ""]
    out += ["| type | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    out += [f"| {t} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |"
            for t, m in report.per_type.items()]
    out.append("")
    if report.confusion:
        out += ["Type confusions (true → predicted): " + "; ".join(
            f"{t} → {p} ×{n}" for t, row in report.confusion.items() for p, n in row.items()), ""]
    out += ["| field | right | total | accuracy |", "|---|---:|---:|---:|"]
    out += [f"| {n} | {m['right']} | {m['total']} | {m['accuracy']:.3f} |"
            for n, m in report.field_accuracy.items()]
    out.append("")
    wrong = [o for o in report.outcomes if not o.hours_ok or not o.type_ok or o.field_errors]
    if wrong:
        out += ["| item | type (true → read) | hours (want → got) | status | field errors |",
                "|---|---|---|---|---|"]
        for o in wrong:
            out.append("| {} | {} | {} | {} | {} |".format(
                o.item, o.true_type if o.type_ok else f"{o.true_type} → {o.pred_type}",
                f"{o.expected_hours:g}" if o.hours_ok else f"{o.expected_hours:g} → {o.hours}",
                o.status, "; ".join(f"{k}: {w!r} → {g!r}" for k, (w, g) in o.field_errors.items())))
    if report.flag_misses or report.flag_extras:
        out += ["", f"Flags expected but not raised: {report.flag_misses or 'none'}; "
                    f"raised but not expected: {report.flag_extras or 'none'}."]
    return "\n".join(out) + "\n"
