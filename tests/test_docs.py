"""The reference documents say what the code's tables hold: docs/contract.md and docs/rules.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docs_tables import field_rows, flag_rows, type_rows

from pipeline.store.records import RECORD_KEYS
from rules import load_policy

DOCS = Path(__file__).parents[1] / "docs"
CONTRACT = (DOCS / "contract.md").read_text(encoding="utf-8")
RULES = (DOCS / "rules.md").read_text(encoding="utf-8")


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same or a higher level."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n")
    nxt = re.search(rf"^#{{1,{len(level)}}} ", text[start + len(heading) :], re.M)
    return text[start : start + len(heading) + (nxt.start() if nxt else len(text))]


def _rows(section: str) -> list[str]:
    return [ln for ln in section.splitlines() if ln.startswith("| `")]


def test_contract_evidence_types_are_the_evidence_table() -> None:
    assert _rows(_section(CONTRACT, "## 2. Evidence types (`evidence_type`)")) == type_rows()


def test_contract_fields_are_the_evidence_table() -> None:
    assert _rows(_section(CONTRACT, "## 3. Fields (`fields`)")) == field_rows()


def test_contract_flags_are_the_policy_catalogue() -> None:
    assert _rows(_section(CONTRACT, "### Flags")) == flag_rows()


def test_contract_export_record_has_the_record_keys_in_order() -> None:
    record = _section(CONTRACT, "## 4. What comes out: one record per evidence item")
    example = re.search(r"```json\n(.*?)```", record, re.S)
    assert example is not None
    assert tuple(json.loads(example.group(1))) == RECORD_KEYS


def test_rules_doc_names_every_clause_material_span_and_rules_flag() -> None:
    policy = load_policy("changde-2024")
    conversion = "### Conversion (annex part 二): professional hours in the year named, unless said otherwise"
    assert {ln.split("`")[1] for ln in _rows(_section(RULES, conversion))} == set(policy.clauses)
    materials = "### Materials each form of evidence needs (annex part 一)"
    assert {ln.split("`")[1] for ln in _rows(_section(RULES, materials))} == set(policy.materials)
    for level in policy.span_offsets:
        assert f"`span.{level}`" in RULES, level
    for name, info in policy.flags.items():
        if info.stage in ("rules", "batch"):
            assert f"`{name}`" in RULES, name
    # and the example proposal of the contract is what the rules give
    p = policy.propose("patent_certificate", {"patent_kind": "invention", "rank": 1, "date": "2023-06-16",
                                              "name_found": True})  # fmt: skip
    assert p.explanation in CONTRACT and (p.clause, p.hours) == ("2.4a", 60)


def test_architecture_names_every_material_part_of_the_policy() -> None:
    import tomllib

    policy_file = Path(__file__).parents[1] / "rules" / "policies" / "changde-2024.toml"
    raw = tomllib.loads(policy_file.read_text(encoding="utf-8"))
    arch = (DOCS / "architecture.md").read_text(encoding="utf-8")
    parts_doc = arch.split("Material parts", 1)[1].split("\n\n", 1)[0]  # that paragraph only
    assert set(re.findall(r"`(\w+)`", parts_doc)) == set(raw["parts"])
