"""Policy files: loading by id or path, a second city as data only, and every kind of fault
reported as a PolicyError naming the file, the key path and what is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rules import Credit, PolicyError, available_policies, load_policy
from rules.policy import POLICY_DIR

CHANGDE = POLICY_DIR / "changde-2024.toml"
XIANGTAN = Path(__file__).parent / "data" / "policies" / "xiangtan-2025.toml"
OK = {"name_found": True}


def test_load_by_id_and_by_path_give_the_same_rules() -> None:
    a, b = load_policy("changde-2024"), load_policy(CHANGDE)
    assert a.policy_id == b.policy_id == "changde-2024"
    assert (a.requirement.total, a.requirement.public, a.requirement.professional) == (90, 30, 60)
    assert "changde-2024" in available_policies()
    assert load_policy("changde-2024") is a  # compiled once, cached


def test_unknown_policy_id_lists_what_exists() -> None:
    with pytest.raises(PolicyError, match=r"no policy 'wuhan-1999' \(available: .*changde-2024"):
        load_policy("wuhan-1999")


def test_a_second_city_is_a_file_not_code() -> None:
    x = load_policy(XIANGTAN)
    assert x.policy_id == "xiangtan-2025"
    # another span
    assert x.span("senior", 2025) == [2022, 2023, 2024]
    assert x.span("intermediate", 2025) == [2023, 2024, 2025]
    # other hours per day and changed tables, under its own clause ids
    p = x.propose("training_certificate", {"days": 1.5, "date": "2024-03-01", **OK})
    assert (p.credits, p.clause) == ([Credit(2024, 9, "professional")], "3.1")
    assert (
        x.propose("patent_certificate", {"patent_kind": "invention", "rank": 3, "date": "2024", **OK}).hours
        == 5
    )
    u = x.propose("patent_certificate", {"patent_kind": "utility_model", "rank": 9, "date": "2024", **OK})
    assert (u.hours, u.flags) == (2, [])  # covered there, rank_not_covered here
    assert x.propose("award_certificate", {"level": "county", "grade": 1, "date": "2024", **OK}).hours == 20
    a = x.propose(
        "aid_assignment", {"months": 4, "start_date": "2024-01-01", "assessment_passed": True, **OK}
    )
    assert a.credits == [Credit(2024, 72, "full_year")]
    assert "细则三.7" in a.explanation
    # its requirement: 72 a year, and a category shortfall fails there
    y = x.assess([Credit(2024, 10, "public"), Credit(2024, 70, "professional")], "junior", 2024).years[2024]
    assert y.total == 80 and not y.meets_requirement and y.warnings == ["public_shortfall"]
    c = load_policy("changde-2024")
    y = c.assess([Credit(2024, 10, "public"), Credit(2024, 80, "professional")], "junior", 2024).years[2024]
    assert y.meets_requirement and y.warnings == ["public_shortfall"]


# -- faults -----------------------------------------------------------------------------------


def broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = CHANGDE.read_text(encoding="utf-8")
    assert old in text, old
    p = tmp_path / "broken.toml"
    p.write_text(text.replace(old, new, count), encoding="utf-8")
    return p


FAULTS = [
    # (replace, with, key path in the message, problem in the message)
    (
        "hours_per_day = 8\n",
        "hours_per_day = 8\nhours_per_week = 40\n",
        "clauses.2.1.hours_per_week",
        "unknown key",
    ),
    ("[requirement]\n", "[requirement]\nbonus = 1\n", "requirement.bonus", "unknown key"),
    (
        "[flags.field_missing]\nstage",
        '[flags.field_missing]\ncolour = "red"\nstage',
        "flags.field_missing.colour",
        "unknown key",
    ),
    ("hours_per_unit = 20\n", "", "clauses.2.6.hours_per_unit", "required key is missing"),
    (
        'main = 30\nparticipant = 10\n[clauses."2.2".hours.municipal]',
        'main = 30\n[clauses."2.2".hours.municipal]',
        "clauses.2.2.hours.provincial_plus.participant",
        "required key is missing",
    ),
    ("total = 90\n", "", "requirement.total", "required key is missing"),
    ('method = "by_rank"', 'method = "by_vibes"', "clauses.2.3a.method", "unknown method 'by_vibes'"),
    (
        "ranks = [60, 30, 30]",
        'ranks = [60, "thirty", 30]',
        "clauses.2.4a.ranks",
        "expected a list of numbers",
    ),
    ("hours_per_unit = 20", 'hours_per_unit = "20"', "clauses.2.6.hours_per_unit", "expected a number"),
    ("hours_per_unit = 20", "hours_per_unit = -20", "clauses.2.6.hours_per_unit", "must not be negative"),
    ("min_months = 6 ", "min_months = 6.5 ", "clauses.2.7.min_months", "expected a whole number"),
    ("needs_review = true", 'needs_review = "yes"', "flags.field_missing.needs_review", "expected a boolean"),
    ("from = -5", 'from = "-5"', "span.senior.from", "expected a whole number"),
    ("from = -5\nto = -1", "from = -1\nto = -5", "span.senior", "'from' (-1) is after 'to' (-5)"),
    (
        'materials = "1.7"',
        'materials = "9.9"',
        "evidence.patent_certificate.materials",
        "unknown material set '9.9'",
    ),
    (
        'flag = "prior_sheet"',
        'flag = "prior_shee"',
        "clauses.span.prior_sheet.flag",
        "unknown flag 'prior_shee'",
    ),
    (
        'beyond_flag = "rank_not_covered"',
        'beyond_flag = "rank_unknown"',
        "clauses.2.4b.beyond_flag",
        "unknown flag 'rank_unknown'",
    ),
    (
        'evidence = ["book_publication"]',
        'evidence = ["book"]',
        "clauses.2.3a.evidence[0]",
        "unknown evidence type 'book'",
    ),
    (
        'municipal = "municipal" }\nnot_covered_levels = ["county"]\n# role',
        'municipal = "city" }\nnot_covered_levels = ["county"]\n# role',
        "clauses.2.2.levels.municipal",
        "table 'city' is not in clauses.2.2.hours",
    ),
    (
        'role_beyond = "participant"',
        'role_beyond = "intern"',
        "clauses.2.2.role_by_rank[4]",
        "unknown role 'intern'",
    ),
    (
        'category = "professional"\nsubject_field = "subject"      # subject',
        'category = "bonus"\nsubject_field = "subject"      # subject',
        "clauses.2.1.category",
        "expected one of public, professional, full_year",
    ),
    ("ranks = [30]\nbeyond = 10", "ranks = [30]", "clauses.2.3b", "exactly one of 'beyond'"),
    (
        '[["notice"], ["schedule"], ["sign_in"]]',
        '[["notice"], ["timetable"], ["sign_in"]]',
        "materials.1.1.sets[0][1]",
        "unknown part 'timetable'",
    ),
    (
        'when = { patent_kind = "invention" }',
        'when = { kind = "invention" }',
        "clauses.2.4a.when",
        "must name that field",
    ),
    (
        '[flags.name_mismatch]\nstage = "rules"',
        '[flags.name_mismatch]\nstage = "later"',
        "flags.name_mismatch.stage",
        "expected one of rules, batch, pipeline",
    ),
    ("[policy]\n", "[polcy]\n", "polcy", "unknown key"),
    ('clause = "2.3b"', 'clause = "2.13"', "flags.no_cn_number.clause", "unknown clause '2.13'"),
    ('clause = "2.2, 2.5"', 'clause = "2.2, 7.5"', "flags.level_not_covered.clause", "unknown clause '7.5'"),
    (
        'when = { patent_kind = "utility_model" }',
        'when = { patent_kind = "invention" }',
        "clauses.2.4b.when",
        "already clause 2.4a",
    ),
    ("hours_per_day = 8", "hours_per_day = [8", "", "not valid TOML"),
]


@pytest.mark.parametrize(("old", "new", "path", "problem"), FAULTS, ids=[f[2] or f[3] for f in FAULTS])
def test_a_wrong_policy_file_names_file_key_and_fault(
    tmp_path: Path, old: str, new: str, path: str, problem: str
) -> None:
    p = broken(tmp_path, old, new)
    with pytest.raises(PolicyError) as e:
        load_policy(p)
    msg = str(e.value)
    assert str(p) in msg
    assert problem in msg
    if path:
        assert e.value.path == path, msg
        assert f": {path}: " in msg


def test_an_engine_flag_missing_from_the_catalogue(tmp_path: Path) -> None:
    text = CHANGDE.read_text(encoding="utf-8")
    text = re.sub(r"\[flags\.name_unchecked\]\n(?:[a-z_]+ = .*\n)+", "", text)
    p = tmp_path / "noflag.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"flags\.name_unchecked: the engine sets this flag"):
        load_policy(p)


def test_a_method_flag_missing_from_the_catalogue(tmp_path: Path) -> None:
    text = CHANGDE.read_text(encoding="utf-8")
    text = re.sub(r"\[flags\.hours_days_mismatch\]\n(?:[a-z_]+ = .*\n)+", "", text)
    p = tmp_path / "noflag.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"clauses\.2\.1\.method: .*'hours_days_mismatch'"):
        load_policy(p)


def test_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"absent\.toml: cannot read: No such file"):
        load_policy(tmp_path / "absent.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[policy]\nid = "\xff"\n')
    with pytest.raises(PolicyError, match=r"latin1\.toml"):
        load_policy(bad)


def test_a_file_whose_id_does_not_match_its_name_is_refused_by_id(tmp_path: Path, monkeypatch) -> None:
    # A copy of the real file under another name in a policy folder.
    import rules.policy as rp

    (tmp_path / "other-2030.toml").write_text(CHANGDE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(rp, "POLICY_DIR", tmp_path)
    with pytest.raises(
        PolicyError, match=r"policy\.id: is 'changde-2024' but the file is named 'other-2030'"
    ):
        load_policy("other-2030")


def test_every_shipped_policy_loads() -> None:
    for pid in available_policies():
        assert load_policy(pid).policy_id == pid


def test_every_catalogued_flag_is_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "flags.md").read_text(encoding="utf-8")
    for pid in available_policies():
        for name in load_policy(pid).flags:
            assert f"`{name}`" in doc, name
