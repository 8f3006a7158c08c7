"""Page-type classification of scanned evidence.

``EvidenceTypeClassifier`` is the estimator; ``load_default()`` returns the shipped model
(``classifiers/artifacts/evidence-type-v1.joblib``), loaded once per process.
"""

from __future__ import annotations

import contextlib
import json
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from classifiers.labels import EVIDENCE_TYPES, PAGE_TYPES, SUPPORTING_TYPES

if TYPE_CHECKING:
    from classifiers.model import EvidenceTypeClassifier

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_VERSION = "evidence-type-v1"
DEFAULT_MODEL = ARTIFACT_DIR / f"{MODEL_VERSION}.joblib"
DEFAULT_METADATA = ARTIFACT_DIR / f"{MODEL_VERSION}.json"


def __getattr__(name: str) -> Any:
    # scikit-learn (and scipy with it) is imported only when a model is used: ~1.3 CPU s that a
    # batch run spends while its OCR workers read (preload_default), not before the first page
    if name == "EvidenceTypeClassifier":
        from classifiers.model import EvidenceTypeClassifier

        return EvidenceTypeClassifier
    raise AttributeError(f"module 'classifiers' has no attribute {name!r}")


_loading = threading.Lock()  # a caller and preload_default's thread load it once between them


@lru_cache(maxsize=1)
def _load_default() -> EvidenceTypeClassifier:
    from classifiers.model import EvidenceTypeClassifier

    return EvidenceTypeClassifier.load(DEFAULT_MODEL)


def load_default() -> EvidenceTypeClassifier:
    """The shipped model, loaded on first use and then shared within the process."""
    with _loading:
        return _load_default()


load_default.cache_clear = _load_default.cache_clear  # type: ignore[attr-defined]


def preload_default() -> threading.Thread:
    """Start loading the shipped model on a thread (a batch run does it while its OCR workers
    read). A failure is left for the caller's own ``load_default()`` to raise and report."""

    def load() -> None:
        with contextlib.suppress(Exception):
            load_default()

    t = threading.Thread(target=load, name="cehours-model-preload", daemon=True)
    t.start()
    return t


def default_metadata() -> dict[str, Any]:
    """The metadata written next to the shipped model (version, scores, training sizes)."""
    return json.loads(DEFAULT_METADATA.read_text(encoding="utf-8"))


__all__ = [
    "DEFAULT_METADATA",
    "DEFAULT_MODEL",
    "EVIDENCE_TYPES",
    "MODEL_VERSION",
    "PAGE_TYPES",
    "SUPPORTING_TYPES",
    "EvidenceTypeClassifier",
    "default_metadata",
    "load_default",
    "preload_default",
]
