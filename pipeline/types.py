"""The data that flows between stages: intake -> pages -> items -> fields -> proposal -> review.

Every stage takes and returns these plain dataclasses, so a stage can run in another process
(a pool worker, a Prefect task, a Dask worker) and be tested alone. Names follow
``docs/contract.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rules.model import Credit  # one Credit type from the rules library to the export

# (x0, y0, x1, y1) in pixels of the page image the text was read from.
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Word:
    text: str
    box: Box
    conf: float  # 0..1


@dataclass(frozen=True)
class Line:
    text: str
    box: Box
    conf: float  # 0..1, mean of its words
    words: tuple[Word, ...] = ()


@dataclass
class Page:
    """One page of one file, with its text read either from a text layer or by OCR."""

    file_sha256: str
    page_no: int  # 0-based within the file
    width: int  # pixel size of the image the boxes refer to
    height: int
    text: str  # reading order, one line per \n; spaces between CJK characters removed
    lines: list[Line] = field(default_factory=list)
    engine: str = ""  # "textlayer" | "tesseract" | "rapidocr-openvino" | "rapidocr-onnx"
    cache_key: str = ""  # sha256 of the page image (+ engine), "" for a text layer
    mean_conf: float = 0.0
    rotation: int = 0  # degrees the page was turned before reading
    error: str | None = None  # set when the page could not be read at all
    # why the PDF page's own text layer was not trusted and its image OCR'd instead
    # (pipeline.ocr.layer_quality); "" when it had none or it was used (engine "textlayer")
    layer_rejected: str = ""


@dataclass(frozen=True)
class StoredFile:
    """An original file, known by its content hash and copied into the content-addressed store."""

    sha256: str
    rel_path: str  # path relative to the batch root, as uploaded
    size: int
    kind: str  # detected from magic bytes: pdf | png | jpeg | tiff | webp | bmp | heic
    stored_path: str  # absolute path of the copy in the store


@dataclass(frozen=True)
class IntakeError:
    rel_path: str  # the file or item, relative to the batch root
    reason: str  # a sentence a reviewer understands
    applicant_id: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class Applicant:
    applicant_id: str
    name: str
    employer: str = ""
    title_level: str = ""  # senior | intermediate | junior ("" when unknown)
    eval_year: int | None = None
    id_number: str = ""


@dataclass
class ItemSource:
    """One evidence item: a single file, or an item folder of several files."""

    applicant_id: str
    item: str  # path of the file or item folder relative to the batch root
    files: list[StoredFile]


@dataclass
class IntakeResult:
    batch: str  # batch name (folder or zip stem)
    root: str  # where the batch was read from
    applicants: dict[str, Applicant]
    items: list[ItemSource]
    errors: list[IntakeError]  # file-level errors, each becomes an export record
    manifest_errors: list[str] = field(default_factory=list)  # "line 4: ..." messages


@dataclass
class FieldValue:
    """One extracted field, with where it was read so a reviewer can see it on the scan."""

    value: Any
    confidence: float  # 0..1
    page: int | None = None  # index into the item's page list
    box: Box | None = None
    source: str = ""  # the OCR text the value came from
    # A second reading of the value (issue #12): True when another part of the document agrees
    # (a stated total and the sum of its rows), False when it disagrees, None when there is none.
    # ``check`` says what was compared, in Chinese, for the reviewer.
    confirmed: bool | None = None
    check: str = ""


@dataclass
class ItemReading:
    """What was understood of one item: its type, the parts found, and its fields."""

    evidence_type: str
    type_confidence: float
    page_types: list[tuple[str, float]]  # per page: (type, probability)
    fields: dict[str, FieldValue]
    parts: set[str] = field(default_factory=set)  # material parts found, e.g. {"cover", "contents"}
    # Set when no evidence type was probable enough (the item is then ``other``): the type the
    # classifier leaned to and its probability, for the reviewer who names the type.
    rejected_type: tuple[str, float] | None = None
    # the item could not be read at all (the reader raised): the message, for the flag read_failed
    error: str | None = None


@dataclass
class ItemProposal:
    """The export record of docs/contract.md section 4, before a reviewer acts on it."""

    batch: str
    applicant_id: str
    item: str
    evidence_type: str | None
    type_confidence: float
    fields: dict[str, Any]
    credits: list[Credit]
    hours: float
    clause: str | None
    policy: str
    flags: list[str]
    status: str  # auto_ok | needs_review | confirmed | adjusted | rejected
    explanation: str
    flag_details: dict[str, str] = field(default_factory=dict)  # flag -> why, in words

    def record(self) -> dict[str, Any]:
        """The JSON object of docs/contract.md section 4."""
        return {
            "batch": self.batch,
            "applicant_id": self.applicant_id,
            "item": self.item,
            "evidence_type": self.evidence_type,
            "type_confidence": round(self.type_confidence, 4),
            "fields": self.fields,
            "credits": [{"year": c.year, "hours": c.hours, "category": c.category} for c in self.credits],
            "hours": self.hours,
            "clause": self.clause,
            "policy": self.policy,
            "flags": list(self.flags),
            "status": self.status,
            "explanation": self.explanation,
        }
