"""Page-type classification of scanned evidence.

``EvidenceTypeClassifier`` is the estimator; ``load_default()`` returns the shipped model
(``classifiers/artifacts/evidence-type-v1.joblib``), loaded once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from classifiers.labels import EVIDENCE_TYPES, PAGE_TYPES, SUPPORTING_TYPES
from classifiers.model import EvidenceTypeClassifier

ARTIFACT_DIR = Path(__file__).resolve().parent / "artifacts"
MODEL_VERSION = "evidence-type-v1"
DEFAULT_MODEL = ARTIFACT_DIR / f"{MODEL_VERSION}.joblib"
DEFAULT_METADATA = ARTIFACT_DIR / f"{MODEL_VERSION}.json"


@lru_cache(maxsize=1)
def load_default() -> EvidenceTypeClassifier:
    """The shipped model, loaded on first use and then shared within the process."""
    return EvidenceTypeClassifier.load(DEFAULT_MODEL)


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
]
