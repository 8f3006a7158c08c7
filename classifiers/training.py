"""Building the training set and fitting the shipped page-type model.

Examples come from the seeded generator of ``sample_docs``: pages of every page type are drawn,
then (a) their true text with simulated OCR noise (cheap, lots of variety) and (b) a smaller set
degraded like real uploads and read by the real OCR engine through ``pipeline.ocr.read_files`` and
its cache (slow, but it is what the model meets in production). Reviewers' corrected types from
the database can be added. Only training seeds are used here; evaluation and test batches use
seeds of their own (sample_docs/README.md).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from classifiers.labels import PAGE_TYPES
from classifiers.model import EvidenceTypeClassifier
from classifiers.noise import add_ocr_noise

DEFAULT_TRAIN_SEED = 1000  # training seeds: 1000-1999 (never an eval/test seed)
HELDOUT_SEED_OFFSET = 500  # held-out pages come from seed + 500, still in the training range
OCR_SEED_OFFSET = 1  # scans for OCR are drawn with seed + 1 (held-out scans: seed + 501)

Progress = Callable[[str], None]


@dataclass
class Example:
    """One training page: its text and size, its type, and where it came from."""

    text: str
    width: int
    height: int
    label: str
    source: str  # true | noisy | ocr | db | real | real_noisy
    group: str  # the underlying page, so copies of one page never sit on both sides of a split
    title: str | None = None  # the page's heading (largest line near the top); None: its first line

    def as_input(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "width": self.width, "height": self.height}
        if self.title is not None:
            d["title"] = self.title
        return d


# Real pages (the real corpus, reviewers' corrections from the database) are few among thousands
# of generated ones; each weighs this many generated pages in the fit, so that wording nobody here
# drew is not outvoted by the generator's (chosen by the real-corpus CV grouped by repository,
# docs/benchmarks.md).
REAL_WEIGHT = 3.0


def fit_examples(examples: Sequence[Example], seed: int = 0, real_weight: float | None = None,
                 **params: Any) -> EvidenceTypeClassifier:
    """``EvidenceTypeClassifier(**params)`` fitted on ``examples``: calibration folds grouped by
    each example's page (copies of one page, one repository's documents stay together), real pages
    (sources real*, db*) weighted ``real_weight`` (default REAL_WEIGHT)."""
    rw = REAL_WEIGHT if real_weight is None else real_weight
    weights = [rw if e.source.startswith(("real", "db")) else 1.0 for e in examples]
    return EvidenceTypeClassifier(random_state=seed, **params).fit(
        [e.as_input() for e in examples], [e.label for e in examples],
        groups=[e.group for e in examples], sample_weight=weights)


def page_title(page: Any) -> str | None:
    """The heading of an OCR'd ``Page`` from its line boxes (None when it has none)."""
    from classifiers.features import to_doc

    return to_doc(page).title


def drawn_title(page: Any) -> str:
    """The heading of a generated page, from where and how large its text was drawn."""
    from classifiers.features import title_from_boxes

    ops = [(op.text, (op.x, op.y, op.x + op.size_px * max(len(op.text), 1), op.y + op.size_px))
           for op in getattr(page, "ops", [])]
    return title_from_boxes(ops, page.img.height)


@dataclass
class SourcePage:
    """A generated page: its kind, type, true lines and pixel size."""

    kind: str
    label: str
    lines: list[str]
    width: int
    height: int
    group: str
    title: str | None = None  # heading from the drawing (classifiers.training.drawn_title)


def generate_pages(
    seed: int,
    per_type: int,
    dpi: int = 60,
    types: Sequence[str] = PAGE_TYPES,
    combined_share: float = 0.25,
    exclude_families: frozenset[str] = frozenset(),
    top_up: bool = True,
) -> list[SourcePage]:
    """At least ``per_type`` generated pages of each page type (items drawn with ``seed``).

    Items of each evidence type are drawn until that page type is full; pages of other types that
    come along (a training item's notice) are kept while their type still has room. Some
    two-page items are also photographed as one picture (as uploads do): that page holds both
    texts, in the order an OCR reads a side-by-side picture, and is labelled with the item's type.
    No item is drawn in one of ``exclude_families`` (leave-family-out); ``top_up`` adds pages of
    the page kinds the draw left short.
    """
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_item

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    out: list[SourcePage] = []
    for t in types:
        attempts = 0
        while counts[t] < per_type and attempts < per_type * 4:
            attempts += 1
            person = make_person(rng, f"T{seed}-{len(out)}", rng.choice(["senior", "intermediate", "junior"]))
            spec = build_item(t, rng, person, rng.randint(2019, 2024), exclude_families=exclude_families)
            pages = render_item(spec, rng, pick_style(rng), dpi)
            for page in pages:
                if page.page_type in types and counts[page.page_type] < per_type:
                    counts[page.page_type] += 1
                    kind = getattr(page, "kind", page.page_type)
                    out.append(SourcePage(kind, page.page_type, list(page.lines), *page.img.size,
                                          f"{seed}:{len(out)}", drawn_title(page)))
            # no share, no draw from rng: a draw without combined pages is not shifted by them
            combine = len(pages) == 2 and spec.evidence_type in types and combined_share > 0
            if combine and rng.random() < combined_share:
                a, b = pages
                lines = side_by_side_lines(a.lines, b.lines, rng)
                size = (a.img.width + b.img.width, max(a.img.height, b.img.height))
                out.append(SourcePage("combined", spec.evidence_type, lines, *size, f"{seed}:{len(out)}",
                                      drawn_title(a)))
    if top_up:
        out += _top_up_kinds(rng, seed, out, max(1, per_type // 2), dpi, types)
    return out


# Builders that take the page kinds to draw (``pages=[...]``) or the kind (``kind=...``).
_PAGES_OPTION = {"journal_paper", "book_publication", "training_certificate", "conference_record",
                 "practice_activity", "overseas_exchange"}


def _top_up_kinds(
    rng: random.Random, seed: int, have: list[SourcePage], want: int, dpi: int, types: Sequence[str]
) -> list[SourcePage]:
    """Pages of the rarer page kinds (a journal's copyright page, a sign-in sheet), drawn alone
    until each kind has ``want``: items pick their pages at random, so some kinds come seldom."""
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.layouts import PAGE_KINDS
    from sample_docs.render import render_page

    counts = Counter(p.kind for p in have)
    out: list[SourcePage] = []
    for kind, pk in PAGE_KINDS.items():
        if pk.page_type not in types:
            continue
        family = "training_certificate" if pk.page_type == "training_notice" else pk.page_type
        if family == "other":
            opts: dict[str, Any] = {"kind": kind}
        elif family in _PAGES_OPTION:
            opts = {"pages": [kind]}
        else:
            continue
        for _ in range(want - counts[kind]):
            person = make_person(rng, f"K{seed}-{len(out)}", rng.choice(["senior", "intermediate", "junior"]))
            spec = build_item(family, rng, person, rng.randint(2019, 2024), **opts)
            page = render_page(kind, spec.data, rng, pick_style(rng), dpi)
            out.append(SourcePage(kind, page.page_type, list(page.lines), *page.img.size,
                                  f"{seed}:k{len(out)}", drawn_title(page)))
    return out


def side_by_side_lines(left: list[str], right: list[str], rng: random.Random) -> list[str]:
    """The lines an OCR engine returns for two documents photographed side by side.

    Either one document after the other (columns found), or rows read across both pictures.
    """
    if rng.random() < 0.5:
        return [*left, *right]
    out = []
    for i in range(max(len(left), len(right))):
        row = [x[i] for x in (left, right) if i < len(x)]
        out.append(" ".join(row))
    return out


def text_examples(pages: Sequence[SourcePage], seed: int, noisy_copies: int = 2) -> list[Example]:
    """The true text of each page, plus ``noisy_copies`` OCR-noised versions of it."""
    rng = random.Random(seed)
    out: list[Example] = []
    for p in pages:
        w, h = p.width, p.height
        text = "\n".join(p.lines)
        out.append(Example(add_ocr_noise(text, rng, 0.05), w, h, p.label, "true", p.group, p.title))
        for _ in range(noisy_copies):
            # Photos and crops change the shape of the picture a little.
            jw, jh = round(w * rng.uniform(0.9, 1.1)), round(h * rng.uniform(0.9, 1.1))
            title = None if p.title is None else add_ocr_noise(p.title, rng, 0.2).replace("\n", "")
            out.append(Example(add_ocr_noise(text, rng), jw, jh, p.label, "noisy", p.group, title))
    return out


def scan_dataset(seed: int, per_kind: int, out_dir: Path) -> Path:
    """The generator's page dataset (every page kind, degraded like uploads) in ``out_dir``.

    Written once per (seed, per_kind): a retrain finds the same files and their OCR in the cache.
    """
    from sample_docs.generate import generate_pages as generate_scans

    marker = out_dir / "dataset.json"
    want = {"seed": seed, "per_kind": per_kind}
    if marker.is_file() and json.loads(marker.read_text()) == want and (out_dir / "pages.jsonl").is_file():
        return out_dir
    generate_scans(out_dir, seed, per_kind, overwrite=True)
    marker.write_text(json.dumps(want))
    return out_dir


def ocr_examples(
    dataset_dir: Path,
    engine: str = "auto",
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[Example]:
    """Read every scan of a page dataset (``scan_dataset``) with the real OCR engine."""
    from pipeline.ocr import read_files
    from pipeline.types import StoredFile

    listing = (dataset_dir / "pages.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in listing.splitlines() if line.strip()]
    files: list[tuple[StoredFile, dict[str, Any]]] = []
    for r in rows:
        path = dataset_dir / r["file"]
        data = path.read_bytes()
        kind = "png" if path.suffix.lower() == ".png" else "jpeg"
        files.append((StoredFile(hashlib.sha256(data).hexdigest(), r["file"], len(data), kind, str(path)), r))
    if progress:
        progress(f"OCR of {len(files)} scans in {dataset_dir} ({engine})")
    results = read_files([f for f, _ in files], engine=engine, workers=workers, cache_dir=cache_dir)
    out: list[Example] = []
    for f, r in files:
        for page in results.get(f.sha256, []):
            if page.error or not page.text.strip():
                continue
            group = f"scan:{r['seed']}:{r['file']}"
            out.append(Example(page.text, page.width, page.height, r["type"], "ocr", group, page_title(page)))
    return out


def _scores(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score

    return {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, average="macro", zero_division=0)), 4),
    }


def batch_page_examples(
    batch_dir: Path,
    engine: str = "auto",
    cache_dir: Path | None = None,
    workers: int | None = None,
) -> list[Example]:
    """OCR'd pages of a generated batch with their true page types (``.truth.jsonl``), for a held-out
    score on real uploads. Use a test/eval seed (1-99), never a training seed. A picture of two
    documents counts as the item's type."""
    from pipeline.filetypes import detect_kind
    from pipeline.ocr import read_files
    from pipeline.types import StoredFile

    records = [json.loads(x) for x in (batch_dir / ".truth.jsonl").read_text(encoding="utf-8").splitlines()
               if x.strip()]
    want: dict[tuple[str, int], str] = {}
    for rec in records:
        for pg in rec.get("pages", []):
            want[(pg["file"], pg["page_no"])] = rec["evidence_type"] if "+" in pg["type"] else pg["type"]
    files: dict[str, StoredFile] = {}
    for rel, _ in want:
        if rel not in files:
            data = (batch_dir / rel).read_bytes()
            kind = detect_kind(data[:4096])  # by magic bytes, as intake does (a JPEG named .png)
            sha = hashlib.sha256(data).hexdigest()
            files[rel] = StoredFile(sha, rel, len(data), kind, str(batch_dir / rel))
    pages = read_files(list(files.values()), engine=engine, workers=workers, cache_dir=cache_dir)
    out = []
    for (rel, no), label in want.items():
        got = pages.get(files[rel].sha256, [])
        if no < len(got) and not got[no].error and got[no].text.strip():
            p = got[no]
            out.append(Example(p.text, p.width, p.height, label, "ocr", f"batch:{rel}:{no}", page_title(p)))
    return out


def cross_validated(examples: Sequence[Example], folds: int = 3, seed: int = 0) -> dict[str, float]:
    """Grouped k-fold scores: copies of one page are always in the same fold."""
    from sklearn.model_selection import StratifiedGroupKFold

    y = np.asarray([e.label for e in examples])
    groups = np.asarray([e.group for e in examples])
    X = [e.as_input() for e in examples]
    pred = np.empty(len(y), dtype=object)
    for tr, te in StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed).split(X, y, groups):
        m = fit_examples([examples[i] for i in tr], seed)
        pred[te] = m.predict([X[i] for i in te])
    return _scores(list(y), list(pred))


def train_model(
    seed: int = DEFAULT_TRAIN_SEED,
    per_type: int = 60,
    ocr_per_kind: int = 0,
    engine: str = "auto",
    cache_dir: Path | None = None,
    work_dir: Path | None = None,
    extra: Sequence[Example] = (),
    heldout_per_type: int = 15,
    heldout_ocr_per_kind: int = 0,
    cv_folds: int = 3,
    workers: int | None = None,
    progress: Progress | None = None,
    heldout_batch: Path | None = None,
    real_docs: Sequence[Any] = (),
    real_folds: int = 5,
) -> tuple[EvidenceTypeClassifier, dict[str, Any]]:
    """Fit the page-type model on generated pages of ``seed``; return it with its metadata.

    ``per_type`` generated pages of each type give true-text examples (plus noisy copies and
    two-documents-in-one-picture pages); ``ocr_per_kind`` scans of every page kind (the generator's
    page dataset, seed + 1) are read by the real OCR. Held-out scores come from pages drawn with
    ``seed + 500`` (noisy text; OCR of ``heldout_ocr_per_kind`` scans per kind, seed + 501).
    ``extra`` examples (reviewers' corrections) join the training set. ``heldout_batch``: a
    generated batch of a test seed whose OCR'd pages give one more held-out score.

    ``real_docs`` (``classifiers.openset.RealDoc``, the anonymised real corpus) join the training
    set under their labelled types (``other`` for non-evidence), and choose the reject threshold:
    a cross-validation grouped by source repository (``real_folds`` folds) gives every real
    document a decision by a model that never saw its repository; the threshold of least reviewer
    cost over those held-out decisions is stored on the model and in the metadata.
    """
    import sklearn

    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    if work_dir is None:
        from pipeline.config import data_dir

        work_dir = data_dir() / "classifier-scans"
    say(f"generating {per_type} pages per type (seed {seed})")
    examples = text_examples(generate_pages(seed, per_type), seed)
    if ocr_per_kind > 0:
        ds = scan_dataset(seed + OCR_SEED_OFFSET, ocr_per_kind, work_dir / f"train-{seed + OCR_SEED_OFFSET}")
        examples += ocr_examples(ds, engine, cache_dir, workers, progress=say)
    examples += list(extra)
    generated = list(examples)
    openset: dict[str, Any] = {}
    threshold: float | None = None
    second: float | None = None
    if real_docs:
        from classifiers.openset import choose_thresholds, held_out_decisions, open_set_cost, real_examples

        say(f"choosing the reject threshold: {real_folds}-fold CV over {len(real_docs)} real documents, "
            "grouped by repository")
        oof = held_out_decisions(generated, real_docs, folds=real_folds, seed=seed)[2]
        decisions = [oof[d.doc_id] for d in real_docs]
        threshold, second = choose_thresholds(decisions)
        examples += real_examples(real_docs)
        openset = {
            "real_documents": len(real_docs),
            "real_repositories": len({d.repo for d in real_docs}),
            "real_per_type": dict(sorted(Counter(d.evidence_type for d in real_docs).items())),
            "reject_threshold": threshold,
            # below the reject threshold, for items whose fields corroborate their type (None: none)
            "corroborated_threshold": second,
            "corroborated_decisions": sum(bool(d[4]) for d in decisions if len(d) > 4),  # type: ignore[misc]
            "threshold_chosen_on": f"out-of-fold decisions of a {real_folds}-fold CV over the real corpus "
                                   "grouped by source repository (tests/data/real), each with the status "
                                   "its proposal gets when its type is accepted",
            "threshold_cost_per_document": {str(t): round(open_set_cost(t, decisions) / len(decisions), 3)
                                            for t in (0.3, 0.5, threshold, 0.7, 0.9)},
            "cost_per_document_with_corroboration": round(open_set_cost(threshold, decisions, second)
                                                          / len(decisions), 3),
        }

    cv: dict[str, Any] = {}
    if cv_folds >= 2:
        say(f"{cv_folds}-fold cross-validation")
        cv = cross_validated(examples, cv_folds, seed)
    say(f"fitting on {len(examples)} examples")
    model = fit_examples(examples, seed, reject_threshold=threshold, corroborated_threshold=second)

    heldout: dict[str, Any] = {}
    hseed = seed + HELDOUT_SEED_OFFSET
    if heldout_per_type > 0:
        hx = [e for e in text_examples(generate_pages(hseed, heldout_per_type), hseed, noisy_copies=1)
              if e.source != "true"]
        heldout["noisy_text"] = score(model, hx)
    if heldout_ocr_per_kind > 0:
        hs = hseed + OCR_SEED_OFFSET
        ds = scan_dataset(hs, heldout_ocr_per_kind, work_dir / f"heldout-{hs}")
        heldout["ocr"] = score(model, ocr_examples(ds, engine, cache_dir, workers, progress=say))
    if heldout_batch is not None:
        say(f"held-out OCR pages of {heldout_batch}")
        hb = batch_page_examples(heldout_batch, engine, cache_dir, workers)
        heldout["ocr_batch"] = {"batch": str(heldout_batch), **score(model, hb)}

    per_class: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in examples:
        per_class[e.label][e.source] += 1
    metadata = {
        "version": "evidence-type-v1",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "model": "char_wb 1-3-gram TF-IDF + layout and typing-cue features (rules/evidence.toml) -> "
                 "LinearSVC, sigmoid-calibrated on folds grouped by page and repository",
        "real_weight": REAL_WEIGHT,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()},
        "classes": [str(c) for c in model.classes_],
        "seeds": {
            "train_text": seed,
            "train_ocr": seed + OCR_SEED_OFFSET if ocr_per_kind else None,
            "heldout_text": hseed,
            "heldout_ocr": hseed + OCR_SEED_OFFSET if heldout_ocr_per_kind else None,
        },
        "ocr_engine": _engine_name(engine) if ocr_per_kind or heldout_ocr_per_kind or heldout_batch else None,
        "text_pages_per_type": per_type,
        "ocr_scans_per_kind": ocr_per_kind,
        "training_examples": len(examples),
        "training_size_per_class": {k: dict(v) for k, v in sorted(per_class.items())},
        "cross_validated": cv,
        "heldout": heldout,
        "reject_threshold": threshold,
        "corroborated_threshold": second,
        "open_set": openset,
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    return model, metadata


def _engine_name(engine: str) -> str:
    """The engine that actually read the scans ("auto" names a policy, not an engine)."""
    from pipeline.ocr.reader import cache_engine_name, resolve_engine

    return cache_engine_name(resolve_engine(engine))


def score(model: EvidenceTypeClassifier, examples: Sequence[Example]) -> dict[str, Any]:
    """Accuracy and macro-F1 of ``model`` on ``examples``, with the pages it got wrong by type."""
    if not examples:
        return {"n": 0}
    y = [e.label for e in examples]
    pred = [str(p) for p in model.predict([e.as_input() for e in examples])]
    out: dict[str, Any] = _scores(y, pred)
    errors = Counter(f"{t}->{p}" for t, p in zip(y, pred, strict=True) if t != p)
    out["errors"] = dict(errors.most_common())
    return out
