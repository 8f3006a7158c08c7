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


def test_the_heading_is_the_largest_line_near_the_top() -> None:
    from classifiers.features import title_from_boxes, to_doc
    from pipeline.types import Line, Page

    lines = [("证书编号：CR2026", (40, 30, 300, 60)),
             ("荣", (300, 120, 360, 200)), ("誉", (380, 120, 440, 200)),  # spaced title characters
             ("证", (460, 121, 520, 200)), ("书", (540, 120, 600, 199)),
             ("授予 沈明澈 同学", (100, 400, 700, 440)),
             ("特发此证，以资鼓励", (100, 1500, 900, 1600))]  # large, but at the foot of the page
    assert title_from_boxes(lines, 1754) == "荣誉证书"
    page = Page("x", 0, 1240, 1754, "\n".join(t for t, _ in lines),
                lines=[Line(text=t, box=b, conf=0.9) for t, b in lines])
    assert to_doc(page).heading == "荣誉证书"
    # without boxes the heading is the first line
    assert to_doc({"text": "\n学业成绩表\n课程 学分"}).heading == "学业成绩表"


def test_typing_cues_come_from_the_evidence_table_and_stay_with_the_fitted_model() -> None:
    from classifiers.features import LayoutFeatures
    from rules.evidence import TYPES

    ex = text_examples(generate_pages(62, 3, types=("award_certificate", "other")), 62)
    feats = LayoutFeatures().fit([e.as_input() for e in ex])
    names = list(feats.get_feature_names_out())
    assert {f"title_{c}" for c in TYPES} <= set(names) and {f"cues_{c}" for c in TYPES} <= set(names)
    honour = {"text": "荣誉证书\n授予沈明澈同学三好学生荣誉称号", "title": "荣誉证书"}
    prize = {"text": "荣誉证书\n沈明澈同学荣获第十届程序设计竞赛一等奖", "title": "荣誉证书"}
    raw = {n: feats._raw([d])[0] for n, d in (("honour", honour), ("prize", prize))}
    other_cues, award_cues = names.index("cues_other"), names.index("cues_award_certificate")
    assert raw["honour"][other_cues] > 0 and raw["honour"][award_cues] == 0
    assert raw["prize"][award_cues] > 0 and raw["prize"][other_cues] == 0
    # the fitted model keeps the words it was fitted with: a later table edit needs a retrain
    assert feats.cues_ == tuple(c for c in feats.cues_) and any("三好学生" in cw for _, _, cw in feats.cues_)


def test_calibration_folds_follow_the_groups() -> None:
    ex = text_examples(generate_pages(63, 4, types=("journal_paper", "patent_certificate", "other")), 63)
    model = EvidenceTypeClassifier(min_df=1)
    labels = [e.label for e in ex]
    folds = model._calibration_cv(labels, [e.group for e in ex], 4)
    groups = np.asarray([e.group for e in ex])
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])  # copies of one page never on both sides
    fitted = model.fit([e.as_input() for e in ex], labels, groups=[e.group for e in ex],
                       sample_weight=[2.0] * len(ex))
    assert fitted.pipeline_.named_steps["model"].cv == len(folds)  # no fold indices in the artifact
    assert np.allclose(fitted.predict_proba([e.as_input() for e in ex[:5]]).sum(axis=1), 1.0)
    with pytest.raises(ValueError, match="groups"):
        model.fit([e.as_input() for e in ex], labels, groups=["a"])


def test_load_refuses_a_model_of_an_older_feature_format(tmp_path: Path) -> None:
    import joblib

    ex = text_examples(generate_pages(64, 2, types=("journal_paper", "other")), 64)
    model = EvidenceTypeClassifier(min_df=1).fit([e.as_input() for e in ex], [e.label for e in ex])
    path = model.save(tmp_path / "m.joblib")
    old = joblib.load(path)
    old.feature_format_ = 1  # as a model pickled before the typing cues of the evidence table
    joblib.dump(old, path)
    with pytest.raises(ModelVersionError, match=r"older cehours.*cehours train"):
        EvidenceTypeClassifier.load(path)


def test_a_page_without_usable_boxes_is_headed_by_its_first_line() -> None:
    from classifiers.features import to_doc
    from pipeline.types import Line, Page

    page = Page("x", 0, 100, 100, "成绩单\n课程", lines=[Line(text="成绩单", box=(0, 0, 0, 0), conf=0.9)])
    assert to_doc(page).heading == "成绩单"


def test_a_model_file_cut_short_anywhere_is_reported_as_the_model(tmp_path) -> None:
    """Where a full disk or a broken copy cuts the file decides what unpickling raises (EOFError,
    ValueError, UnpicklingError, IndexError from a cut memo reference, struct.error from a cut
    frame length: each retrained model put another at another cut); every one is the classifier
    model's failure, named, not a crash. Every 16th byte of the first 4 KB, 200 cuts after."""
    import shutil

    import classifiers
    from classifiers.model import EvidenceTypeClassifier
    from pipeline.errors import ProgramDataMissing

    raw = classifiers.DEFAULT_MODEL.read_bytes()
    cut = tmp_path / "evidence-type-v1.joblib"
    shutil.copyfile(classifiers.DEFAULT_METADATA, tmp_path / "evidence-type-v1.json")
    for keep in [*range(0, 4096, 16), *range(4096, len(raw), len(raw) // 200), len(raw) - 10]:
        cut.write_bytes(raw[:keep])
        with pytest.raises(ProgramDataMissing, match="classifier model"):
            EvidenceTypeClassifier.load(cut)


def test_the_model_loads_on_a_thread_and_its_failure_is_the_callers(tmp_path, monkeypatch) -> None:
    """A batch run preloads the model while its OCR workers read: importing the package costs no
    scikit-learn import, the thread and the caller share one load, and a broken model is reported
    by the caller's own load_default (the thread says nothing)."""
    import shutil
    import subprocess
    import sys

    import classifiers
    from pipeline.errors import ProgramDataMissing

    out = subprocess.run([sys.executable, "-c", "import sys, classifiers; print('sklearn' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

    classifiers.load_default.cache_clear()
    try:
        classifiers.preload_default().join()
        assert classifiers.load_default() is classifiers.load_default()

        broken = tmp_path / "evidence-type-v1.joblib"
        broken.write_bytes(classifiers.DEFAULT_MODEL.read_bytes()[:1000])  # cut short, as by a full disk
        shutil.copyfile(classifiers.DEFAULT_METADATA, tmp_path / "evidence-type-v1.json")
        monkeypatch.setattr(classifiers, "DEFAULT_MODEL", broken)
        classifiers.load_default.cache_clear()
        classifiers.preload_default().join()
        with pytest.raises(ProgramDataMissing, match="classifier model"):
            classifiers.load_default()
    finally:
        monkeypatch.undo()
        classifiers.load_default.cache_clear()
