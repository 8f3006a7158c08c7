"""``EvidenceTypeClassifier``: page type from OCR text, with calibrated probabilities.

A FeatureUnion of character 1-3-gram TF-IDF (Chinese needs characters, not word tokens) and the
layout/keyword features of :mod:`classifiers.features`, into a LinearSVC whose scores are turned
into probabilities by ``CalibratedClassifierCV`` (sigmoid, one final model fitted on all data, so
the shipped artifact holds a single weight matrix and stays small).
"""

from __future__ import annotations

import json
import re
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
        layout_weight: float = 0.3,
        calibration_cv: int = 3,
        random_state: int = 0,
        reject_threshold: float | None = None,
    ) -> None:
        self.ngram_range = ngram_range
        self.max_features = max_features
        self.min_df = min_df
        self.C = C
        self.layout_weight = layout_weight
        self.calibration_cv = calibration_cv
        self.random_state = random_state
        # Below this calibrated probability of its best type an item is proposed as ``other``
        # with ``type_uncertain`` (chosen on held-out data by ``classifiers.openset``).
        self.reject_threshold = reject_threshold

    def _build(self, n_min_class: int) -> Pipeline:
        features = FeatureUnion(
            [
                (
                    "chars",
                    Pipeline(
                        [
                            ("text", TextOf()),
                            (
                                "tfidf",
                                TfidfVectorizer(
                                    analyzer="char_wb",
                                    ngram_range=self.ngram_range,
                                    min_df=self.min_df,
                                    max_features=self.max_features,
                                    sublinear_tf=True,
                                    dtype=np.float32,
                                ),
                            ),
                        ]
                    ),
                ),
                ("layout", LayoutFeatures()),
            ],
            transformer_weights={"chars": 1.0, "layout": self.layout_weight},
        )
        # Stratified folds need every class at least cv times.
        cv = max(2, min(self.calibration_cv, n_min_class))
        model = CalibratedClassifierCV(
            LinearSVC(C=self.C, class_weight="balanced", random_state=self.random_state),
            method="sigmoid",
            cv=cv,
            ensemble=False,
        )
        return Pipeline([("features", features), ("model", model)])

    def fit(self, X: Sequence[Any], y: Sequence[str]) -> EvidenceTypeClassifier:
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
        self.pipeline_ = self._build(min(counts.values())).fit(docs, labels)
        self.classes_ = np.asarray(self.pipeline_.classes_)
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
        tfidf = self.pipeline_.named_steps["features"].transformer_list[0][1].named_steps["tfidf"]
        if hasattr(tfidf, "stop_words_"):
            tfidf.stop_words_ = None  # every pruned n-gram; documented as safe to remove
        tfidf.idf_ = tfidf.idf_.astype(np.float32)
        for cc in self.pipeline_.named_steps["model"].calibrated_classifiers_:
            svc = cc.estimator
            svc.coef_ = svc.coef_.astype(np.float32)
            svc.intercept_ = svc.intercept_.astype(np.float32)

    def _tfidf(self) -> TfidfVectorizer:
        return self.pipeline_.named_steps["features"].transformer_list[0][1].named_steps["tfidf"]

    def save(self, path: str | Path) -> Path:
        """Write the fitted model with joblib (atomically: a reader never sees half a file).

        The n-gram vocabulary is stored as one array of terms rather than a dict: unpickling a
        dict of 12,000 entries one by one is what made loading slow.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tfidf = self._tfidf() if hasattr(self, "pipeline_") else None
        vocab = tfidf.vocabulary_ if tfidf is not None else None
        try:
            if tfidf is not None:
                self.terms_ = np.asarray(sorted(vocab, key=vocab.__getitem__))
                del tfidf.vocabulary_
            joblib.dump(self, tmp, compress=3)
        finally:
            if tfidf is not None:
                tfidf.vocabulary_ = vocab
                del self.terms_
        tmp.replace(path)
        # The version check of ``load`` reads this; ``cehours train`` overwrites it with the full
        # metadata (which names the same version).
        import sklearn

        classes = [str(c) for c in getattr(self, "classes_", [])]
        meta = {"sklearn_version": sklearn.__version__, "classes": classes,
                "reject_threshold": self.reject_threshold}
        path.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        return path

    def __setstate__(self, state: dict[str, Any]) -> None:
        terms = state.pop("terms_", None)
        super().__setstate__(state)
        if terms is not None:
            self._tfidf().vocabulary_ = {str(t): i for i, t in enumerate(terms.tolist())}

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
        except (OSError, EOFError, ValueError, ModuleNotFoundError) as e:  # truncated or from elsewhere
            raise ProgramDataMissing("classifier model", path, f"{type(e).__name__}: {e}") from e
        if not isinstance(obj, cls):
            raise TypeError(f"{path} holds a {type(obj).__name__}, not an EvidenceTypeClassifier")
        return obj
