"""The page-type classifier: the shipped artifact, its metadata, probabilities, and the estimator API.

Pages come from the generator with test seeds (10-99, sample_docs/README.md), never the
training seeds (1000-1999).
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import numpy as np
import pytest
import sklearn

from classifiers import (
    DEFAULT_METADATA,
    DEFAULT_MODEL,
    EVIDENCE_TYPES,
    EvidenceTypeClassifier,
    default_metadata,
    load_default,
)
from classifiers.model import ModelVersionError
from classifiers.training import generate_pages, text_examples

TEST_SEED = 50


@pytest.fixture(scope="module")
def unseen() -> tuple[list[dict], list[str]]:
    """Noisy true texts of 3 new pages per type, drawn with a test seed."""
    pages = generate_pages(TEST_SEED, 3)
    ex = [e for e in text_examples(pages, TEST_SEED, noisy_copies=1) if e.source == "noisy"]
    return [e.as_input() for e in ex], [e.label for e in ex]


def test_shipped_artifact_is_small_and_loads_fast() -> None:
    assert DEFAULT_MODEL.stat().st_size < 5_000_000
    EvidenceTypeClassifier.load(DEFAULT_MODEL)  # warm the file cache and the imports
    best = min(_timed_load() for _ in range(2))
    assert best < 1.0, f"loading took {best:.2f} s"


def _timed_load() -> float:
    t = time.perf_counter()
    EvidenceTypeClassifier.load(DEFAULT_MODEL)
    return time.perf_counter() - t


def test_load_default_is_cached_per_process() -> None:
    assert load_default() is load_default()


def test_metadata_matches_the_model() -> None:
    meta = default_metadata()
    model = load_default()
    assert meta["version"] == "evidence-type-v1"
    assert meta["classes"] == [str(c) for c in model.classes_]
    assert sorted(meta["classes"]) == sorted(EVIDENCE_TYPES)  # every type of docs/contract.md section 2
    assert set(meta["training_size_per_class"]) == set(meta["classes"])
    assert 1000 <= meta["seeds"]["train_text"] <= 1999
    for key in ("sklearn_version", "created", "cross_validated", "heldout"):
        assert meta[key]
    assert json.loads(DEFAULT_METADATA.read_text(encoding="utf-8")) == meta


def test_unseen_generated_pages_are_recognised(unseen: tuple[list[dict], list[str]]) -> None:
    X, y = unseen
    pred = load_default().predict(X)
    accuracy = float(np.mean(pred == np.asarray(y)))
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}"


def test_probabilities_sum_to_one_and_are_calibrated_ish(unseen: tuple[list[dict], list[str]]) -> None:
    X, y = unseen
    model = load_default()
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), len(model.classes_))
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()
    # Expected calibration error over confidence bins: confidence should track accuracy.
    conf = proba.max(axis=1)
    right = model.classes_[proba.argmax(axis=1)] == np.asarray(y)
    bins = np.minimum((conf * 10).astype(int), 9)
    ece = sum(abs(conf[bins == b].mean() - right[bins == b].mean()) * (bins == b).mean()
              for b in range(10) if (bins == b).any())
    assert ece < 0.1, f"expected calibration error {ece:.3f}"


def test_stray_marks_are_not_confidently_a_substantive_type() -> None:
    rng = random.Random(1)
    junk = "".join(rng.choice("口丨一·:;") for _ in range(40))
    model = load_default()
    proba = model.predict_proba([junk])[0]
    assert model.classes_[proba.argmax()] == "other" or proba.max() < 0.9


def test_accepts_pages_strings_and_dicts() -> None:
    from pipeline.types import Page

    text = "实用新型专利证书\n专利号：ZL 2020 2 0194742.3\n国家知识产权局"
    model = load_default()
    page = Page("x", 0, 1240, 1754, text)
    preds = model.predict([page, text, {"text": text, "width": 1240, "height": 1754}])
    assert list(preds) == ["patent_certificate"] * 3
    with pytest.raises(TypeError, match="cannot classify"):
        model.predict([42])


def test_fit_save_load_roundtrip(tmp_path: Path) -> None:
    ex = text_examples(generate_pages(60, 3, types=("journal_paper", "patent_certificate", "other")), 60)
    model = EvidenceTypeClassifier(min_df=1).fit([e.as_input() for e in ex], [e.label for e in ex])
    assert list(model.classes_) == ["journal_paper", "other", "patent_certificate"]
    path = model.save(tmp_path / "m.joblib")
    again = EvidenceTypeClassifier.load(path)
    X = [e.as_input() for e in ex[:6]]
    assert np.allclose(again.predict_proba(X), model.predict_proba(X))


def test_fit_refuses_what_it_cannot_learn() -> None:
    with pytest.raises(ValueError, match="at least two types"):
        EvidenceTypeClassifier().fit(["a", "b"], ["other", "other"])
    with pytest.raises(ValueError, match="too few for: patent_certificate"):
        EvidenceTypeClassifier().fit(["a", "b", "c"], ["other", "other", "patent_certificate"])
    with pytest.raises(ValueError, match="2 pages but 1 labels"):
        EvidenceTypeClassifier().fit(["a", "b"], ["other"])


def test_load_reports_missing_and_foreign_files(tmp_path: Path) -> None:
    import joblib

    with pytest.raises(FileNotFoundError, match="cehours train"):
        EvidenceTypeClassifier.load(tmp_path / "nope.joblib")
    joblib.dump({"not": "a model"}, tmp_path / "dict.joblib")
    (tmp_path / "dict.json").write_text(json.dumps({"sklearn_version": sklearn.__version__}))
    with pytest.raises(TypeError, match="not an EvidenceTypeClassifier"):
        EvidenceTypeClassifier.load(tmp_path / "dict.joblib")


def test_load_refuses_a_model_of_another_sklearn_release(tmp_path: Path) -> None:
    ex = text_examples(generate_pages(61, 2, types=("journal_paper", "other")), 61)
    path = EvidenceTypeClassifier(min_df=1).fit([e.as_input() for e in ex], [e.label for e in ex]).save(
        tmp_path / "m.joblib")
    meta_path = path.with_suffix(".json")
    assert json.loads(meta_path.read_text())["sklearn_version"] == sklearn.__version__
    major, minor = (int(x) for x in sklearn.__version__.split(".")[:2])
    # Another patch release of the same feature release loads.
    meta_path.write_text(json.dumps({"sklearn_version": f"{major}.{minor}.99"}))
    assert EvidenceTypeClassifier.load(path).classes_.tolist() == ["journal_paper", "other"]
    older = f"{major}.{minor - 1}.0" if minor else f"{major - 1}.9.0"
    meta_path.write_text(json.dumps({"sklearn_version": older}))
    with pytest.raises(ModelVersionError) as err:
        EvidenceTypeClassifier.load(path)
    msg = str(err.value)
    assert older in msg and sklearn.__version__ in msg and "cehours train" in msg
    meta_path.unlink()
    with pytest.raises(ModelVersionError, match="cehours train"):
        EvidenceTypeClassifier.load(path)
