"""The contract section 5 example, end to end: load, propose, assess."""

from rules import Credit, load_policy


def test_contract_example() -> None:
    policy = load_policy("changde-2024")
    p = policy.propose(
        "patent_certificate",
        {"patent_kind": "invention", "rank": 2, "date": "2023-06-16", "name_found": True},
    )
    assert p.credits == [Credit(year=2023, hours=30, category="professional")]
    assert p.clause == "2.4a"
    assert p.flags == []
    assert p.hours == 30
    assert not p.needs_review
    assert "细则二.4" in p.explanation
    a = policy.assess(p.credits, title_level="senior", eval_year=2024)
    d = a.to_dict()
    assert d["span"] == [2019, 2020, 2021, 2022, 2023]
    assert d["years"]["2023"]["professional"] == 30
    assert d["span_ok"] is False
