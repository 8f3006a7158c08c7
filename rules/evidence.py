"""The evidence types and fields (``evidence.toml``): labels, value kinds, choices, deciding fields.

One table, as data, read by every stage that needs to know about a type or a field: extraction
(which checks that it reads every deciding field), the confidence gate and the evaluation
(``deciding``), the web form (labels, kinds, choices) and the rules' explanations (choice names).
It is checked when loaded; a fault raises ``TableError`` naming the key, and the program does not
start: this file ships with it, so a fault is the program's, not a document's.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rules.errors import TableError

TABLE_FILE = Path(__file__).with_name("evidence.toml")
KINDS = ("str", "bool", "int", "number", "date", "choice")
_FIELD_KEYS = {"label": str, "kind": str, "choices": dict, "meaning": str, "label_synonyms": list}
_TYPE_KEYS = {"label": str, "rule": str, "what": str, "deciding": list,
              "title_words": list, "cue_words": list, "marks": list, "one_per_document": list,
              "look_alike_words": list, "claimed_words": list, "claimed_by": list, "event_words": list,
              "prize_patterns": list, "column_words": list, "corroborated_instead": dict}
_TYPE_REQUIRED = {"label", "rule", "what", "deciding"}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of docs/contract.md section 3."""

    name: str
    label: str  # Chinese
    kind: str  # one of KINDS
    meaning: str
    choices: Mapping[str, str]  # code -> Chinese name (kind "choice"), else empty
    label_synonyms: tuple[str, ...]  # printed labels introducing the field (issue #12)


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """One evidence type of docs/contract.md section 2."""

    code: str
    label: str  # Chinese
    rule: str  # clause crediting it, or "none"
    what: str
    deciding: tuple[str, ...]  # the fields that decide its hours
    # Typing cues (classifiers/features.py): words of a page's heading, and words anywhere on it,
    # that point to this type whoever issued the document.
    title_words: tuple[str, ...] = ()
    cue_words: tuple[str, ...] = ()
    # Patterns (case-insensitive regular expressions) that nearly every document of this type
    # carries: the second reading behind an `other` proposal (pipeline/proposals.py).
    marks: tuple[str, ...] = ()
    # Words of which one document of this type names one (an award's prize grade): a page that
    # names several different ones is a list of them (a record sheet, an agenda's award
    # categories), not the document (classifiers/features.py counts them).
    one_per_document: tuple[str, ...] = ()
    # Words naming what a ``one_per_document`` word is given in (a contest, an award scheme): a
    # page naming one of them and exactly one of those words is one prize of a named contest,
    # which an honour conferred never names (classifiers/features.py prize_<type>).
    event_words: tuple[str, ...] = ()
    # Patterns (regular expressions on the normalised page text) of a prize conferred by name when
    # no ``one_per_document`` word is read (荣获匠心工艺奖, a grade OCR lost): with an event word
    # they are the one prize too.
    prize_patterns: tuple[str, ...] = ()
    # Words of a look-alike of this type (an honour conferred: 被评为, 荣誉称号, 荣获…优秀): a page
    # with one of them and none of the type's cue words is the look-alike, not the type
    # (classifiers/features.py lookalike_<type>).
    look_alike_words: tuple[str, ...] = ()
    # Cue words of other types that a page naming one of ``claimed_by`` (cue words of this type
    # that no other type's page names) uses for this type (a scholarship that funds a stay
    # abroad): there they count as a cue of no type (classifiers/features.py).
    claimed_words: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    # Header words of the columns of this type's tables (tables-15a: an hours sheet's 学时 and
    # 培训项目名称, a score table's 科目 and 合格与否): a cell that holds one of them alone says
    # what the table's rows are, whoever drew the table (classifiers/features.py columns_<type>).
    column_words: tuple[str, ...] = ()
    # A deciding field -> fields that corroborate the type in its place where the rules know the
    # document without it (classifiers/openset.py fields_corroborate): a journal printing only an
    # ISSN is still a journal paper, credited 0 and flagged ``no_cn_number`` (rules.md 2.3b).
    # The hours are decided by the deciding field itself, never by a stand-in.
    corroborated_instead: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _check_keys(table: Any, path: str, allowed: Mapping[str, type], required: set[str]) -> None:
    if not isinstance(table, dict):
        raise TableError(path, "expected a table")
    for k in required - set(table):
        raise TableError(f"{path}.{k}", "missing")
    for k, v in table.items():
        if k not in allowed:
            raise TableError(f"{path}.{k}", f"unknown key (known: {', '.join(allowed)})")
        if not isinstance(v, allowed[k]):
            raise TableError(f"{path}.{k}", f"expected {allowed[k].__name__}, got {v!r}")


def _patterns(t: Mapping[str, Any], p: str, key: str) -> tuple[str, ...]:
    """A type's list ``key`` of regular expressions, each checked to compile."""
    pats = t.get(key, [])
    for i, m in enumerate(pats):
        if not isinstance(m, str) or not m.strip():
            raise TableError(f"{p}.{key}[{i}]", "expected a non-empty pattern")
        try:
            re.compile(m)
        except re.error as e:
            raise TableError(f"{p}.{key}[{i}]", f"not a regular expression: {e}") from None
    return tuple(pats)


def parse(raw: Mapping[str, Any]) -> tuple[dict[str, FieldSpec], dict[str, TypeSpec]]:
    """The checked table: (fields by name, types by code), in file order."""
    if not {"fields", "types"} <= set(raw) <= {"fields", "types", "heading"}:
        raise TableError("", f"expected [fields.*], [types.*] and optionally [heading], got {sorted(raw)}")
    fields: dict[str, FieldSpec] = {}
    for name, f in raw["fields"].items():
        p = f"fields.{name}"
        _check_keys(f, p, _FIELD_KEYS, {"label", "kind", "meaning"})
        if f["kind"] not in KINDS:
            raise TableError(f"{p}.kind", f"expected one of {', '.join(KINDS)}, got {f['kind']!r}")
        choices = f.get("choices", {})
        if (f["kind"] == "choice") != bool(choices):
            raise TableError(f"{p}.choices", "only a field of kind 'choice' lists choices, and it must")
        if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in choices.items()):
            raise TableError(f"{p}.choices", "expected code = \"Chinese name\" pairs")
        syn = f.get("label_synonyms", [])
        if not all(isinstance(s, str) and s for s in syn):
            raise TableError(f"{p}.label_synonyms", "expected a list of non-empty strings")
        fields[name] = FieldSpec(name, f["label"], f["kind"], f["meaning"], dict(choices), tuple(syn))
    types: dict[str, TypeSpec] = {}
    for code, t in raw["types"].items():
        p = f"types.{code}"
        _check_keys(t, p, _TYPE_KEYS, _TYPE_REQUIRED)
        for i, name in enumerate(t["deciding"]):
            if name not in fields:
                raise TableError(f"{p}.deciding[{i}]", f"unknown field {name!r} (not in [fields])")
        if len(set(t["deciding"])) != len(t["deciding"]):
            raise TableError(f"{p}.deciding", "a field is listed twice")
        words = {}
        for key in ("title_words", "cue_words", "one_per_document", "look_alike_words", "claimed_words",
                    "claimed_by", "event_words", "column_words"):
            ws = t.get(key, [])
            if not all(isinstance(w, str) and w.strip() for w in ws):
                raise TableError(f"{p}.{key}", "expected a list of non-empty strings")
            if len({w.lower() for w in ws}) != len(ws):
                raise TableError(f"{p}.{key}", "a word is listed twice")
            words[key] = tuple(ws)
        if bool(words["claimed_words"]) != bool(words["claimed_by"]):
            raise TableError(f"{p}.claimed_by", "claimed_words and claimed_by go together")
        if not set(words["claimed_by"]) <= set(words["cue_words"]):
            raise TableError(f"{p}.claimed_by", "every word must be one of the type's cue_words")
        if words["event_words"] and not words["one_per_document"]:
            raise TableError(f"{p}.event_words", "only a type with one_per_document words names events")
        words["prize_patterns"] = _patterns(t, p, "prize_patterns")
        if words["prize_patterns"] and not words["event_words"]:
            raise TableError(f"{p}.prize_patterns", "a prize conferred needs the event_words it is given in")
        words["marks"] = _patterns(t, p, "marks")
        if words["marks"] and not t["deciding"]:
            raise TableError(f"{p}.marks", "only a type that earns hours has marks (they guard 'other')")
        instead = t.get("corroborated_instead", {})
        for k, v in instead.items():
            if k not in t["deciding"]:
                raise TableError(f"{p}.corroborated_instead.{k}", "not one of the type's deciding fields")
            if not isinstance(v, list) or not v or not all(isinstance(f, str) and f in fields for f in v):
                raise TableError(f"{p}.corroborated_instead.{k}", f"expected a list of known fields: {v!r}")
        types[code] = TypeSpec(code, t["label"], t["rule"], t["what"], tuple(t["deciding"]), **words,
                               corroborated_instead={k: tuple(v) for k, v in instead.items()})
    if "other" not in types:
        raise TableError("types.other", "missing: every item can be 'other'")
    return fields, types


def load(path: Path = TABLE_FILE) -> tuple[dict[str, FieldSpec], dict[str, TypeSpec], tuple[str, ...]]:
    """The checked table, read once: (fields by name, types by code, ``[heading] words``)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise TableError(str(path), f"cannot read: {e}") from e
    try:
        return (*parse(raw), parse_heading(raw))
    except TableError as e:
        raise TableError(f"{path}: {e.path}" if e.path else str(path), e.problem) from None


def parse_heading(raw: Mapping[str, Any]) -> tuple[str, ...]:
    """The ``[heading] words``: words a page's heading holds whatever its type (证书, 证明, 通知,
    certificate), checked as a list of distinct non-empty strings; () when the table has none."""
    h = raw.get("heading", {})
    _check_keys(h, "heading", {"words": list}, set())
    ws = h.get("words", [])
    if not all(isinstance(w, str) and w.strip() for w in ws):
        raise TableError("heading.words", "expected a list of non-empty strings")
    if len({w.lower() for w in ws}) != len(ws):
        raise TableError("heading.words", "a word is listed twice")
    return tuple(ws)


# HEADING_WORDS: words of a page's heading that name no type (classifiers/features.py
# title_from_boxes); with the types' title_words they tell a heading from a label with its value
# as tall as it.
FIELDS, TYPES, HEADING_WORDS = load()

