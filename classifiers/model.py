"""``EvidenceTypeClassifier``: page type from OCR text, with calibrated probabilities.

A FeatureUnion of character 1-3-gram TF-IDF of the page (Chinese needs characters, not word
tokens) and the layout and typing-cue features of :mod:`classifiers.features` (the cue words and
heading words of each type in rules/evidence.toml), into a LinearSVC whose scores are turned
into probabilities by ``CalibratedClassifierCV`` (sigmoid, one final model fitted on all data, so
the shipped artifact holds a single weight matrix and stays small). A TF-IDF of the heading alone
was tried and dropped: on the real corpus it made awards less sure (docs/benchmarks.md).

Calibration folds are grouped when ``fit`` is given ``groups`` (the page an example was copied
from, the repository a real document came from): with copies of one page on both sides of a
calibration split the scores look surer than they are on a page nobody drew, and the reject
threshold chosen on them means less.
"""

from __future__ import annotations

import json
import pickle
import re
import struct
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from classifiers.features import LayoutFeatures, TextOf, to_docs
from pipeline.errors import ProgramDataError, ProgramDataMissing


class ModelVersionError(ProgramDataError, RuntimeError):
    """The saved model was made under another scikit-learn feature release than the installed one:
    a program error, which stops the run before any item is read."""


def _major_minor(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:2])


def check_sklearn_version(metadata_path: Path) -> None:
    """Raise ModelVersionError when the model's metadata names another scikit-learn major.minor.

    A model without metadata is refused too: nothing says which scikit-learn made it.
    """
    import sklearn

    if not metadata_path.is_file():
        raise ModelVersionError(
            f"{metadata_path} is missing, so the scikit-learn version of the model beside it is unknown; "
            "rebuild the model with `cehours train`"
        )
    made = str(json.loads(metadata_path.read_text(encoding="utf-8")).get("sklearn_version") or "")
    if not made or _major_minor(made) != _major_minor(sklearn.__version__):
        raise ModelVersionError(
            f"the classifier model was made with scikit-learn {made or 'of unknown version'} but "
            f"scikit-learn {sklearn.__version__} is installed; rebuild it with `cehours train` "
            f"(or install scikit-learn {made})"
        )


# What a fitted model's features are made of; a model pickled with another format would load and
# then fail or mispredict, so ``load`` refuses it. 2: typing cues from the evidence table.
# 3: no page-shape features, layout features scaled by their largest value.
FEATURE_FORMAT = 3


class EvidenceTypeClassifier(ClassifierMixin, BaseEstimator):
    """Page-type classifier following scikit-learn conventions.

    ``fit(pages_or_texts, y)``; ``predict``/``predict_proba`` take the same kind of input (``Page``
    objects, strings, or dicts with ``text``/``width``/``height``); ``classes_`` is set by fit.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 3),
        max_features: int = 12000,
        min_df: int = 2,
        C: float = 0.5,
        layout_weight: float = 2.0,
        calibration_cv: int = 3,
        random_state: int = 0,
        reject_threshold: float | None = None,
        corroborated_threshold: float | None = None,
        use_cues: bool = True,
        layout_scaling: str = "maxabs",
        calibration: str = "sigmoid",
    ) -> None:
        self.ngram_range = ngram_range
        self.max_features = max_features
        self.min_df = min_df
        self.C = C
        self.layout_weight = layout_weight
        self.use_cues = use_cues
        self.layout_scaling = layout_scaling
        self.calibration = calibration
        self.calibration_cv = calibration_cv
        self.random_state = random_state
        # Below this calibrated probability of its best type an item is proposed as ``other``
        # with ``type_uncertain`` (chosen on held-out data by ``classifiers.openset``).
        self.reject_threshold = reject_threshold
        # The same for an item whose fields of that type are all read (lower; None: no second
        # threshold, every item is decided by ``reject_threshold``).
        self.corroborated_threshold = corroborated_threshold

    def _build(self, cv: Any) -> Pipeline:
        def tfidf(ngrams: tuple[int, int], max_features: int) -> TfidfVectorizer:
            return TfidfVectorizer(analyzer="char_wb", ngram_range=ngrams, min_df=self.min_df,
                                   max_features=max_features, sublinear_tf=True, dtype=np.float32)

        branches: list[tuple[str, Any]] = [
            ("chars", Pipeline([("text", TextOf()), ("tfidf", tfidf(self.ngram_range, self.max_features))])),
            ("layout", LayoutFeatures(use_cues=self.use_cues, scaling=self.layout_scaling)),
        ]
        weights = {"chars": 1.0, "layout": self.layout_weight}
        model = CalibratedClassifierCV(
            LinearSVC(C=self.C, class_weight="balanced", random_state=self.random_state),
            method=self.calibration,
            cv=cv,
            ensemble=False,
        )
        return Pipeline([("features", FeatureUnion(branches, transformer_weights=weights)), ("model", model)])

    def _calibration_cv(self, labels: list[str], groups: Sequence[Any] | None, n_min_class: int) -> Any:
        """Folds for the calibration: grouped by ``groups`` when given, else stratified."""
        # Stratified folds need every class at least cv times.
        cv = max(2, min(self.calibration_cv, n_min_class))
        if groups is None:
            return cv
        from sklearn.model_selection import StratifiedGroupKFold

        g = np.asarray([str(v) for v in groups])
        if len(g) != len(labels):
            raise ValueError(f"{len(labels)} pages but {len(g)} groups")
        n_groups = min(len(set(g[np.asarray(labels) == c])) for c in set(labels))
        cv = max(2, min(cv, n_groups))
        folds = StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=self.random_state)
        return list(folds.split(np.zeros(len(labels)), labels, g))

    def fit(
        self,
        X: Sequence[Any],
        y: Sequence[str],
        groups: Sequence[Any] | None = None,
        sample_weight: Sequence[float] | None = None,
    ) -> EvidenceTypeClassifier:
        """Fit on pages ``X`` of types ``y``; ``groups`` (one per page: copies of one page share it)
        make the calibration folds grouped; ``sample_weight`` weighs pages (real ones more)."""
        docs = to_docs(X)
        labels = [str(v) for v in y]
        if len(docs) != len(labels):
            raise ValueError(f"{len(docs)} pages but {len(labels)} labels")
        counts = Counter(labels)
        if len(counts) < 2:
            raise ValueError("need pages of at least two types to fit a classifier")
        rare = sorted(k for k, v in counts.items() if v < 2)
        if rare:
            raise ValueError(f"need at least 2 pages per type; too few for: {', '.join(rare)}")
        cv = self._calibration_cv(labels, groups, min(counts.values()))
        params = {} if sample_weight is None else {"model__sample_weight": np.asarray(sample_weight, float)}
        self.pipeline_ = self._build(cv).fit(docs, labels, **params)
        # the fold indices were only needed for fitting; keep the artifact small
        self.pipeline_.named_steps["model"].cv = cv if isinstance(cv, int) else len(cv)
        self.classes_ = np.asarray(self.pipeline_.classes_)
        self.feature_format_ = FEATURE_FORMAT
        self.n_train_per_class_ = dict(sorted(counts.items()))
        self._shrink()
        return self

    def predict_proba(self, X: Sequence[Any]) -> np.ndarray:
        proba = self.pipeline_.predict_proba(to_docs(X))
        # Sigmoid calibration is one-vs-rest then normalised; renormalise in float64 for exact sums.
        proba = np.asarray(proba, dtype=np.float64)
        return proba / proba.sum(axis=1, keepdims=True)

    def predict(self, X: Sequence[Any]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def _shrink(self) -> None:
        """Drop what prediction does not need and store weights as float32 (artifact size)."""
        for tfidf in self._tfidfs().values():
            if hasattr(tfidf, "stop_words_"):
                tfidf.stop_words_ = None  # every pruned n-gram; documented as safe to remove
            tfidf.idf_ = tfidf.idf_.astype(np.float32)
        for cc in self.pipeline_.named_steps["model"].calibrated_classifiers_:
            svc = cc.estimator
            svc.coef_ = svc.coef_.astype(np.float32)
            svc.intercept_ = svc.intercept_.astype(np.float32)

    def _tfidfs(self) -> dict[str, TfidfVectorizer]:
        """The TF-IDF step of each n-gram branch, by branch name."""
        branches = self.pipeline_.named_steps["features"].transformer_list
        return {name: step.named_steps["tfidf"] for name, step in branches if isinstance(step, Pipeline)}

    def save(self, path: str | Path) -> Path:
        """Write the fitted model with joblib (atomically: a reader never sees half a file).

        Each n-gram vocabulary is stored as one array of terms rather than a dict: unpickling a
        dict of 12,000 entries one by one is what made loading slow.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tfidfs = self._tfidfs() if hasattr(self, "pipeline_") else {}
        vocabs = {name: t.vocabulary_ for name, t in tfidfs.items()}
        try:
            if tfidfs:
                self.terms_ = {name: np.asarray(sorted(v, key=v.__getitem__)) for name, v in vocabs.items()}
                for t in tfidfs.values():
                    del t.vocabulary_
            joblib.dump(self, tmp, compress=3)
        finally:
            for name, t in tfidfs.items():
                t.vocabulary_ = vocabs[name]
            if tfidfs:
                del self.terms_
        tmp.replace(path)
        # The version check of ``load`` reads this; ``cehours train`` overwrites it with the full
        # metadata (which names the same version).
        import sklearn

        classes = [str(c) for c in getattr(self, "classes_", [])]
        meta = {"sklearn_version": sklearn.__version__, "classes": classes,
                "reject_threshold": self.reject_threshold,
                "corroborated_threshold": self.corroborated_threshold}
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return path

    def __setstate__(self, state: dict[str, Any]) -> None:
        terms = state.pop("terms_", None)
        state.setdefault("corroborated_threshold", None)  # a model saved before it had one
        super().__setstate__(state)
        if isinstance(terms, np.ndarray):  # format 1: one vocabulary; ``load`` refuses the model
            return
        if terms is not None:
            tfidfs = self._tfidfs()
            for name, arr in terms.items():
                tfidfs[name].vocabulary_ = {str(t): i for i, t in enumerate(arr.tolist())}

    @classmethod
    def load(cls, path: str | Path) -> EvidenceTypeClassifier:
        """Load a saved model; refuse one made under another scikit-learn major.minor.

        Pickles are not portable across scikit-learn feature releases: such a model may load and
        then predict wrongly, so the version recorded beside it (``<model>.json``) is checked first.
        """
        path = Path(path)
        if not path.is_file():
            raise ProgramDataMissing("classifier model", path, "build one with `cehours train`")
        check_sklearn_version(path.with_suffix(".json"))
        try:
            obj = joblib.load(path)
        # truncated or damaged: where the cut falls decides what unpickling raises (EOFError,
        # UnpicklingError; IndexError from a cut memo reference, struct.error from a cut frame
        # length); the pickle docs name AttributeError, EOFError, ImportError and IndexError
        except (OSError, EOFError, ValueError, IndexError, AttributeError, ImportError, struct.error,
                pickle.UnpicklingError) as e:
            raise ProgramDataMissing("classifier model", path, f"{type(e).__name__}: {e}") from e
        if not isinstance(obj, cls):
            raise TypeError(f"{path} holds a {type(obj).__name__}, not an EvidenceTypeClassifier")
        made = getattr(obj, "feature_format_", 1)
        if made != FEATURE_FORMAT:
            raise ModelVersionError(
                f"{path} was made by an older cehours (feature format {made}, this one reads "
                f"{FEATURE_FORMAT}); rebuild it with `cehours train`")
        return obj
