"""What a reviewer reads is Chinese: flag sentences, unreadable files, manifest problems, job errors.

The messages come from the real producers (the policy's rules, intake's file checks, the manifest
reader), so a new English message there shows up here as a sentence that is not Chinese.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from pipeline.web import flag_sentences, problem_text

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF", "PNG", "JPEG", "TIFF", "WEBP", "BMP", "HEIC", "Office", "zip", "manifest", "csv", "docx"}


def _chinese_only(text: str) -> bool:
    """Chinese, with no English word outside a quoted value read from the document (“…”)."""
    bare = re.sub(r"“[^”]*”", "", text)
    return bool(re.search(r"[\u4e00-\u9fff]", text)) and not (set(LATIN_WORD.findall(bare)) - ALLOWED)


@pytest.mark.parametrize(
    ("evidence_type", "fields"),
    [
        ("patent_certificate",
         {"rank": 4, "patent_kind": "utility_model", "date": "2022-01-01", "name_found": True}),
        ("training_certificate", {"days": 2.3, "stated_hours": "abc", "start_date": "2022-01-01"}),
        ("training_certificate", {"start_date": "2022-01-01", "name_found": False, "person_name": "李四"}),
        ("journal_paper", {"rank": 9, "date": "2022-01-01", "name_found": True}),
        ("award_certificate", {"grade": 7, "level": "county", "date": "2022-01-01", "name_found": True}),
    ],
)
def test_flag_sentences_from_the_rules_are_chinese(evidence_type, fields):
    from rules import load_policy

    p = load_policy("changde-2024").propose(evidence_type, fields)
    assert p.flags
    for code in p.flags:
        text = flag_sentences.sentence(code, p.flag_details.get(code, ""))
        assert text == "" or _chinese_only(text), (code, p.flag_details.get(code), text)


def test_machine_values_become_words():
    detail = "证据类型journal_paper 0.55，rank=3 0.60，name_found=True 0.60，start_date='2018-01-01' 0.72"
    text = flag_sentences.sentence("low_confidence", detail)
    assert text == ("以下识别结果把握不大，请对照扫描件核对：材料类型 期刊论文（把握 55%），"
                    "排名 3（把握 60%），材料上的申报人姓名（把握 60%），"
                    "开始日期 2018-01-01（把握 72%）。")  # fmt: skip
    assert "name_found" not in text and "0.60" not in text


def _intake_reasons(tmp_path) -> list[str]:
    """The reasons intake itself gives for a batch of bad files."""
    from pipeline.intake import intake_batch

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("A001/letter.docx", b"PK\x03\x04" + b"\x00" * 200)
        z.writestr("A001/empty.pdf", b"")
        z.writestr("A001/half.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\n")
        z.writestr("A001/bad.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
        z.writestr("A001/inner.zip", _tiny_zip())
        z.writestr("loose.pdf", b"%PDF-1.4\n")
    path = tmp_path / "bad.zip"
    path.write_bytes(buf.getvalue())
    result = intake_batch(path, store_dir=tmp_path / "store")
    return [e.reason for e in result.errors]


def _tiny_zip() -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("x.txt", "x")
    return b.getvalue()


def test_unreadable_files_are_explained_in_chinese(tmp_path):
    reasons = _intake_reasons(tmp_path)
    assert len(reasons) >= 5
    for reason in reasons:
        text = problem_text.intake(reason)
        assert _chinese_only(text) and text != problem_text.GENERAL["intake"], (reason, text)


def test_manifest_problems_are_explained_in_chinese():
    from pipeline.manifest import parse_manifest

    data = ("applicant_id,name,employer,title_level,eval_year\n"
            "A001,,单位,expert,20x4\nA001,张三,单位,senior,2024\n"
            ",李四,单位,senior,2024\n").encode()  # fmt: skip
    _, problems = parse_manifest(data)
    assert len(problems) >= 3
    for p in problems:
        text = problem_text.manifest(p)
        assert _chinese_only(text) and text != problem_text.GENERAL["manifest"], (p, text)


def test_a_refused_decision_is_explained_in_chinese(tmp_path):
    from pipeline.store.review import ReviewError, preview_decision

    before = {"evidence_type": "patent_certificate", "fields": {}, "status": "needs_review", "hours": 60,
              "credits": [{"year": 2022, "hours": 30, "category": "professional"},
                          {"year": 2023, "hours": 30, "category": "professional"}]}  # fmt: skip
    for changes in ({"hours": 10}, {"credits": [{"year": 1800, "hours": 1, "category": "professional"}]},
                    {"credits": [{"year": 2022, "hours": -1, "category": "professional"}]}):  # fmt: skip
        with pytest.raises(ReviewError) as exc:
            preview_decision(before, changes, None)
        text = problem_text.review(str(exc.value))
        assert _chinese_only(text) and text != problem_text.GENERAL["review"], (changes, str(exc.value))


def test_an_unknown_message_is_a_general_chinese_sentence_never_english():
    assert problem_text.intake("something nobody wrote yet") == problem_text.GENERAL["intake"]
    assert "/home" not in problem_text.job("BatchUnreadable: not a zip: /home/x/uploads/office.zip")
    office = problem_text.job("BatchUnreadable: office.docx is an office document, not a zip")
    assert office.startswith("上传的是 Office")
