"""The real-document corpus: its anonymised fixtures, the rebuild script, and open-set typing.

The fixtures (tests/data/real/) are our OCR of documents people committed to public repositories,
with invented names and masked numbers. What a reviewer would check: a document that is none of
the 18 types never comes out as evidence marked ``auto_ok``; a held-out repository's documents
are read as well as the others; an unsure type goes to a person as ``type_uncertain``.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from classifiers.openset import (
    COST_CORRECTION,
    COST_FULL_READ,
    COST_NON_EVIDENCE_REVIEWED,
    COST_WRONG_AUTO_OK,
    REAL_DIR,
    THRESHOLD_GRID,
    choose_threshold,
    doc_pages,
    item_decision,
    load_real_docs,
    open_set_cost,
    real_examples,
)
from pipeline.types import Applicant, ItemProposal, ItemReading, ItemSource, StoredFile
from sample_docs.real.rebuild import CORPUS, rebuild

DOCS = load_real_docs()
BY_ID = {d.doc_id: d for d in DOCS}


def test_every_labelled_document_has_a_fixture_with_its_labels() -> None:
    corpus = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["doc"]
    assert len(corpus) == len(DOCS) >= 90
    for c in corpus:
        d = BY_ID[c["id"]]
        assert (d.repo, d.evidence_type, d.fields) == (c["repo"], c["evidence_type"], c.get("fields", {}))
    evidence = [d for d in DOCS if d.is_evidence]
    assert len(evidence) >= 60 and len(DOCS) - len(evidence) >= 30


def test_fixtures_hold_no_identity_or_phone_numbers() -> None:
    id_number = re.compile(r"\d{17}[\dXx]|\d{6}(19|20)\d{2}[01]\d[0-3]\d\d{3}")
    phone = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
    for f in REAL_DIR.glob("*.json"):
        # The text read off the document (the repository name is its public source, not its text).
        text = json.dumps(json.loads(f.read_text(encoding="utf-8"))["pages"], ensure_ascii=False)
        assert not id_number.search(text), f.name
        assert not phone.search(text), f.name
        assert "@qq.com" not in text and "@163.com" not in text, f.name


def test_non_evidence_never_comes_out_as_evidence_marked_auto_ok() -> None:
    from classifiers import load_default
    from pipeline.evaluate_real import run_docs

    clf = load_default()
    outcomes = run_docs([d for d in DOCS if not d.is_evidence and not d.also_ok], lambda d: clf)
    sure = [o.doc_id for o in outcomes if o.status == "auto_ok" and o.pred_type != "other"]
    assert not sure


def test_a_held_out_repository_is_read_without_wrong_auto_ok() -> None:
    """A model that never saw these repositories (generated pages + the other real documents)."""
    from classifiers.training import fit_examples, generate_pages, text_examples
    from pipeline.evaluate_real import run_docs

    held = {"Postiy/job", "caicai0/images", "wanglia101511/tools", "BayiMax/user_file_picture",
            "zh-LuoXuan/Calf-Prosthesis"}
    test = [d for d in DOCS if d.repo in held]
    ex = [*text_examples(generate_pages(1900, 8), 1900),
          *real_examples([d for d in DOCS if d.repo not in held])]
    model = fit_examples(ex, 0, reject_threshold=0.5)
    outcomes = run_docs(test, lambda d: model)
    assert not [o.doc_id for o in outcomes if o.wrong_auto_ok]
    by_id = {o.doc_id: o for o in outcomes}
    # An ID card, a business licence and an invoice are not evidence.
    for doc_id in ("r032", "r030", "r035"):
        assert by_id[doc_id].pred_type == "other", (doc_id, by_id[doc_id].pred_type)
    # The utility-model certificates are read as such, with the patent number.
    for doc_id in ("r028", "r064", "r065"):
        o = by_id[doc_id]
        assert o.pred_type == "patent_certificate", (doc_id, o.pred_type)


def test_held_out_papers_and_books_are_never_wrongly_auto_ok() -> None:
    """An author's journal articles and a publisher's textbooks, typed by a model that never saw
    their repositories (generated pages + the other real documents, the CNKI downloads among
    them): none is marked auto_ok with a wrong type or wrong hours, and most are typed right."""
    from classifiers.model import EvidenceTypeClassifier
    from classifiers.training import generate_pages, text_examples
    from pipeline.evaluate_real import run_docs

    held = {"zjuningchun/zjuningchun.github.io", "TapXWorld/ChinaTextbook"}
    test = [d for d in DOCS if d.repo in held]
    ex = [*text_examples(generate_pages(1900, 8), 1900),
          *real_examples([d for d in DOCS if d.repo not in held])]
    model = EvidenceTypeClassifier(random_state=0, reject_threshold=0.5).fit(
        [e.as_input() for e in ex], [e.label for e in ex])
    outcomes = run_docs(test, lambda d: model)
    assert not [o.doc_id for o in outcomes if o.wrong_auto_ok]
    evidence = [o for o in outcomes if o.true_type != "other"]
    assert len(evidence) >= 15
    assert sum(o.type_ok for o in evidence) >= 0.6 * len(evidence)


# Kinds of non-evidence that neither the generator draws nor any other fixture shows: résumés,
# software-copyright registrations (one as a list), a patent application's receipt. Only the
# evidence table's cue words of `other` (简历, 著作权, 受理...) know of them.
UNSEEN_KINDS = ("résumé", "software copyright", "software copyrights", "patent application receipt")


def test_a_kind_of_document_never_trained_on_is_not_taken_as_evidence() -> None:
    """Every document of kinds held out of training (and of the threshold's choice) comes out
    `other`: typed so, or rejected as `type_uncertain` below the threshold chosen by grouped CV
    on the remaining documents, as `cehours train` chooses it."""
    from classifiers.openset import held_out_decisions
    from classifiers.training import fit_examples, generate_pages, text_examples
    from pipeline.evaluate_real import run_docs

    unseen = [d for d in DOCS if any(k in d.kind for k in UNSEEN_KINDS)]
    assert len(unseen) >= 6 and not any(d.is_evidence for d in unseen)
    known = [d for d in DOCS if d not in unseen]
    base = text_examples(generate_pages(1901, 8), 1901)
    oof = held_out_decisions(base, known, folds=3, seed=1901)[2]
    # each held-out decision knows where its proposal would go when its type is accepted
    assert {oof[d.doc_id][3] for d in known} <= {"auto_ok", "needs_review"}
    threshold = choose_threshold([oof[d.doc_id] for d in known])
    model = fit_examples([*base, *real_examples(known)], 1901, reject_threshold=threshold)
    outcomes = run_docs(unseen, lambda d: model)
    assert {o.doc_id: o.pred_type for o in outcomes if o.pred_type != "other"} == {}
    assert all(o.hours == 0 and not o.wrong_auto_ok for o in outcomes)


def test_patent_fields_are_read_off_real_certificates() -> None:
    from pipeline.evaluate_real import run_docs

    class PatentOnly:
        """Only extraction is under test here: every page is a patent certificate."""

        classes_ = ("other", "patent_certificate")
        reject_threshold = None

        def predict_proba(self, pages: list) -> list[list[float]]:
            return [[0.0, 1.0] for _ in pages]

    outcomes = run_docs([BY_ID[i] for i in ("r028", "r064", "r065")], lambda d: PatentOnly())
    for o in outcomes:
        assert o.fields_total >= 4 and o.fields_right == o.fields_total, (o.doc_id, o.field_misses)


# Publication pages added after the reading was written whose rank or date is not read yet (for
# the extraction work; each must still never be auto_ok with wrong hours).
PUBLICATION_MISREADS = {
    "r213": "a journal's web page prints the issue as 2025年1卷11期 (year, volume, issue): no date read",
}


def test_journal_and_book_fields_are_read_off_real_pages() -> None:
    """Journal articles' first pages and books' copyright pages (issue #12): with the type given,
    the applicant's rank and the publication date are read as labelled wherever the OCR'd text
    holds the applicant's name (running headers 第30卷第12期 / 2020年12月, a citation line
    60(4): 763-771, 2023, authors with superscripts or run together, 副主编 after the 主编, a
    translator's credit line, the first edition rather than a reprint), and nothing is marked
    auto_ok with other hours than the labels give."""
    from pipeline.evaluate_real import run_docs
    from pipeline.extract.names import find_name

    class Given:
        reject_threshold = None

        def __init__(self, label: str) -> None:
            self.classes_ = ("other", label)

        def predict_proba(self, pages: list) -> list[list[float]]:
            return [[0.0, 1.0] for _ in pages]

    docs = [d for d in DOCS if d.evidence_type in ("journal_paper", "book_publication")]
    assert len(docs) >= 20 and {d.evidence_type for d in docs} == {"journal_paper", "book_publication"}
    assert set(PUBLICATION_MISREADS) <= {d.doc_id for d in docs}
    outcomes = run_docs(docs, lambda d: Given(d.evidence_type))
    for d, o in zip(docs, outcomes, strict=True):
        assert not o.wrong_auto_ok, (o.doc_id, o.status, o.hours, o.true_hours)
        named = any(find_name(d.applicant_name, ln[0]) for p in d.pages for ln in p["lines"])
        if named and d.doc_id not in PUBLICATION_MISREADS:
            assert not [m for m in o.field_misses if m.split(":")[0] in ("rank", "date")], \
                (o.doc_id, o.field_misses)


def test_an_unsure_type_is_proposed_as_other_for_a_reviewer() -> None:
    from classifiers import load_default
    from pipeline.evaluate_real import run_docs

    model = load_default()
    doc = BY_ID["r021"]  # a real award certificate
    proba = model.predict_proba(doc_pages(doc))
    best = item_decision([str(c) for c in model.classes_], proba)[1]
    sure = run_docs([doc], lambda d: model)[0]
    assert sure.pred_type == "award_certificate"
    import copy

    strict = copy.deepcopy(model)
    strict.reject_threshold = min(best + 0.01, 1.0)
    unsure = run_docs([doc], lambda d: strict)[0]
    assert unsure.pred_type == "other" and "type_uncertain" in unsure.flags
    assert unsure.status == "needs_review" and unsure.hours == 0


def test_the_threshold_is_chosen_by_reviewer_cost() -> None:
    # Non-evidence taken as evidence only at 0.55 and below; evidence right at 0.8 and above.
    decisions = [("award_certificate", 0.55, "other"), ("journal_paper", 0.4, "other"),
                 ("patent_certificate", 0.8, "patent_certificate"),
                 ("award_certificate", 0.9, "award_certificate")]
    t = choose_threshold(decisions)
    assert 0.55 < t <= 0.8
    assert open_set_cost(t, decisions) == 0
    # A wrong type taken as sure costs as much as a non-evidence document taken as evidence.
    assert open_set_cost(0.2, [("award_certificate", 0.9, "patent_certificate")]) == 2.0
    with pytest.raises(ValueError, match="no held-out decisions"):
        choose_threshold([])


def test_of_two_equally_cheap_ranges_the_threshold_lies_in_the_wider() -> None:
    # An honour typed award at 0.47 and another at 0.78 (both to review), two right certificates
    # at 0.52-0.53, one at 0.9: 0.50 and 0.80-0.90 both cost two reads; the lower would accept the
    # honour at 0.78, the wider range rejects it and keeps the most room from every probability.
    decisions = [("award_certificate", 0.47, "other", "needs_review"),
                 ("training_certificate", 0.52, "training_certificate", "needs_review"),
                 ("training_certificate", 0.53, "training_certificate", "needs_review"),
                 ("award_certificate", 0.78, "other", "needs_review"),
                 ("patent_certificate", 0.9, "patent_certificate", "auto_ok")]
    assert open_set_cost(0.5, decisions) == open_set_cost(0.85, decisions) == 2.0
    assert choose_threshold(decisions) == 0.85


def test_the_threshold_knows_where_each_accepted_item_goes() -> None:
    """A wrong type marked auto_ok is what must never happen; evidence of a wrong type that goes to
    review anyway costs a correction and a full read, as a reject does; an evidence document
    rejected costs a full read."""
    evidence = [("award_certificate", 0.6, "award_certificate", "auto_ok"),
                ("journal_paper", 0.65, "journal_paper", "needs_review")]
    # A patent typed award at 0.7 that the field gate sends to review: rejecting it and the two
    # right ones below it would cost three full reads to save one correction.
    reviewed = [*evidence, ("award_certificate", 0.7, "patent_certificate", "needs_review")]
    assert choose_threshold(reviewed) <= 0.6
    assert open_set_cost(0.2, reviewed) == COST_CORRECTION + COST_FULL_READ
    # The same wrong type auto-approved: rejecting everything up to it is cheaper.
    approved = [*evidence, ("award_certificate", 0.7, "patent_certificate", "auto_ok")]
    assert choose_threshold(approved) > 0.7
    assert open_set_cost(0.2, approved) == COST_WRONG_AUTO_OK
    # A non-evidence document typed as evidence costs more than one evidence document's full read
    # even when it goes to review (hours proposed for a document that earns none).
    honour = [("award_certificate", 0.7, "award_certificate", "auto_ok"),
              ("award_certificate", 0.75, "other", "needs_review")]
    assert open_set_cost(0.2, honour) == COST_NON_EVIDENCE_REVIEWED > COST_FULL_READ
    assert choose_threshold(honour) > 0.75
    # An `other` proposal is not touched by the threshold.
    assert open_set_cost(0.95, [("other", 0.3, "award_certificate", "needs_review")]) == 0


def test_shipped_model_records_its_real_training_and_threshold() -> None:
    from classifiers import default_metadata, load_default

    meta = default_metadata()
    assert meta["open_set"]["real_documents"] == len(DOCS)
    assert meta["reject_threshold"] == load_default().reject_threshold
    assert 0.2 <= meta["reject_threshold"] <= 0.95
    assert "grouped by source repository" in meta["open_set"]["threshold_chosen_on"]


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_rebuild_copies_from_a_mirror_and_names_missing_repositories(tmp_path: Path) -> None:
    work = tmp_path / "src"
    work.mkdir()
    _git("init", "-q", cwd=work)
    (work / "证书.jpg").write_bytes(b"\xff\xd8\xff fake jpeg")
    _git("add", ".", cwd=work)
    _git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x", cwd=work)
    commit = _git("rev-parse", "HEAD", cwd=work)
    mirror = tmp_path / "mirror"
    (mirror / "alice+certs").mkdir(parents=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(mirror / "alice+certs" / "repo")],
                   check=True)
    sha = hashlib.sha256(b"\xff\xd8\xff fake jpeg").hexdigest()
    corpus = tmp_path / "corpus.toml"
    corpus.write_text(
        f'[[doc]]\nid = "x1"\nrepo = "alice/certs"\npath = "证书.jpg"\ncommit = "{commit}"\n'
        f'sha256 = "{sha}"\nevidence_type = "award_certificate"\n\n'
        f'[[doc]]\nid = "x2"\nrepo = "bob/gone"\npath = "a.png"\ncommit = "{commit}"\nsha256 = "{sha}"\n'
        'evidence_type = "other"\n', encoding="utf-8")
    out = tmp_path / "files"
    ok, missing, bad = rebuild(mirror, out, corpus)
    assert (ok, missing, bad) == (1, ["bob/gone"], [])
    assert (out / "x1.jpg").read_bytes() == b"\xff\xd8\xff fake jpeg"
    corpus.write_text(corpus.read_text(encoding="utf-8").replace(sha, "0" * 64, 1), encoding="utf-8")
    (out / "x1.jpg").unlink()
    ok, missing, bad = rebuild(mirror, out, corpus)
    assert ok == 0 and len(bad) == 1 and "sha256 differs" in bad[0]


def test_fixture_anonymisation_of_paper_pages() -> None:
    """What the fixtures of journal pages need: a romanised name follows the person's invented
    name, a journal's issue (Vol.43 No.4) is no address, side-by-side e-mail addresses and a
    student number are masked, a two-character name spaced out by the typesetter is replaced."""
    from sample_docs.real.fixtures import anonymise, mask_numbers, replacements, romanised_like

    assert romanised_like("LIU Ning-chun", "刘宁春", "钟雨桐") == "ZHONG Yu-tong"
    assert romanised_like("Ningchun Liu", "刘宁春", "钟雨桐") == "Yutong Zhong"
    assert romanised_like("Shuai Gao", "刘宁春", "钟雨桐") is None
    pairs = replacements(["郜帅"], {"郜帅": "钟雨"})
    assert anonymise("郜 帅，侯心迪", pairs) == "钟雨，侯心迪"
    assert anonymise("第43卷第4期通信学报 Vol.43 No.4", []) == "第43卷第4期通信学报 Vol.43 No.4"
    masked = mask_numbers("ab@zhejianglab.org wy-0607@zhejianglab.org tg@163.com")
    assert not re.search(r"[a-z0-9]", masked), masked
    assert "BA18232032" not in anonymise("学生学号 BA18232032", [])


def test_fixture_anonymisation_of_passports_birth_dates_and_member_numbers() -> None:
    """An invitation letter's passport block: the passport number and the date of birth are masked;
    so are the student numbers a project certificate prints after its members' names and an
    exchange programme's member ID. A patent number, a software registration number, a certificate
    number, a paper ID and dates stay as printed; a phone number after its label is masked."""
    from sample_docs.real.fixtures import anonymise, anonymise_lines

    assert "EL8164294" not in anonymise("Email: x@y.cn Passport Number: EL8164294", [])
    assert anonymise("Birth Date: 1996-05-15", []) == "Birth Date: ***"
    assert anonymise("出生日期：1996年05月15日", []) == "出生日期：***"
    assert anonymise("项目成员：汪正楠/5120230528，廖一/ 5120234207", []) == \
        "项目成员：汪正楠/**********，廖一/ **********"
    # an exchange programme's member number, on the label's line or on the next one
    assert anonymise("SSC ID: 25100353", []) == "SSC ID: ***"
    assert anonymise_lines(["SSC ID:", "25100353", "Paper ID : 506"], []) == \
        ["SSC ID:", "***", "Paper ID : 506"]
    # a phone after its label, also a ten-digit mobile or one split by " - " (a brochure's contacts)
    assert anonymise("Mob: 8149122625", []) == "Mob: ***"
    assert anonymise("Mob: +91 - 7018274612 ST Microelectronics", []) == "Mob: *** ST Microelectronics"
    assert anonymise("联系电话：0516-83591281", []) == "联系电话：***"
    assert anonymise("Event Paul 865 - 574 - 4845 (office)", []) == "Event Paul *** (office)"
    # a learner's roll or a holder's credential number after its label, a birth date in words or
    # on an Italian certificate (Nata/o il)
    assert anonymise("Roll No: NPTEL25CS34S543208674", []) == "Roll No: ***"
    assert anonymise("Personal ref. no.: 91699733", []) == "Personal ref. no.: ***"
    assert anonymise("REFERENCE N o ER-005222387", []) == "REFERENCE N o ***"
    assert anonymise("PMP® Number: 1393563 PMP® Original Grant Date: 05 March 2011", []) == \
        "PMP® Number: *** PMP® Original Grant Date: 05 March 2011"
    assert anonymise("Date of Birth: August 13, 1990", []) == "Date of Birth: ***"
    # an ECDL certificate's own number (its country's letters and digits)
    assert anonymise("data:21/12/2015 N° IT 2020599", []) == "data:21/12/2015 N° ***"
    assert anonymise("N°: IT 2083365", []) == "N°: ***"
    assert anonymise("Nata/o il 20/08/1999 a PERUGIA", []) == "Nata/o il *** a PERUGIA"
    for kept in ("Date: 12-02-2026", "专利号：ZL 2022 2 1721938.9", "专利号：Z1202111233040.7",
                 "登记号：2019SR0646140", "编号:BZK2025068815", "Mar 16, 2025", "29/10/2025",
                 "DOI: 10.64216/3080-1486.25.11.003", "Ref. No.: SVIET/2025/12",
                 "Total number of candidates certified in this course: 5246"):
        assert anonymise(kept, []) == kept


@pytest.mark.parametrize("doc_id, session", [("r350", "2025年3月"), ("r351", "2017年3月"),
                                             ("r353", "2019年3月"), ("r354", "2024 3")])
def test_a_computer_rank_certificate_keeps_its_exam_and_result_and_hides_the_holders_numbers(
        doc_id: str, session: str) -> None:
    """The National Computer Rank Examination's pass certificates (r350-r354): what a reviewer
    reads (the exam, its session, 合格) stays; the identity, exam (准考证号) and certificate numbers,
    the verification code and the paper's serial, each of which looks the holder up, are masked."""
    text = BY_ID[doc_id].text
    assert session in text and "合格" in text
    assert "全国计算机等级考试" in text or "NCRE" in text
    assert not re.search(r"\d{7,}", text), doc_id
    assert not re.search(r"[A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4} [A-Z0-9]{4}", text), doc_id


@pytest.mark.parametrize("doc_id, kept", [("r359", "2023-02-21"), ("r360", "2023-10-10"),
                                          ("r361", "2025-12-09")])
def test_an_innovation_platform_page_keeps_its_dates_and_hides_the_members_student_numbers(
        doc_id: str, kept: str) -> None:
    """Screenshots of a student innovation-project system: the approval date stays; the members'
    student numbers (E02114057, 2202020434: in their own table cells, away from any label) do not."""
    text = BY_ID[doc_id].text
    assert kept in text
    assert not re.search(r"(?<![\w-])(?:[A-Z]\d{8}|\d{10})(?![\w-])", text), doc_id


def _as_other(doc_id: str) -> ItemProposal:
    """The proposal for a real document that a classifier typed `other` at 0.99 (as one that never
    saw its kind did with 15 journal articles)."""
    from pipeline.proposals import propose_batch
    from rules import load_policy

    doc = BY_ID[doc_id]
    source = ItemSource("R", f"R/{doc_id}", [StoredFile(doc_id, doc_id, 0, "png", "")])
    reading = ItemReading("other", 0.99, [("other", 0.99)], {})
    return propose_batch("real", [(source, reading)], {"R": Applicant("R", doc.applicant_name)},
                         load_policy("changde-2024"), {doc_id: doc_pages(doc)})[0]


def test_evidence_typed_other_with_confidence_still_goes_to_a_person() -> None:
    """A journal article, a patent certificate, an award and a transcript taken for `other` at 0.99:
    their marks (ISSN/摘要, 专利, 等奖, 成绩) send each to a reviewer; an identity card and a VAT
    invoice, which carry none, stay `auto_ok` at 0 hours."""
    evidence = {d.evidence_type: d.doc_id for d in DOCS if d.is_evidence}
    for t in ("journal_paper", "patent_certificate", "award_certificate", "degree_transcript"):
        p = _as_other(evidence[t])
        assert p.status == "needs_review" and "low_confidence" in p.flags, (t, p.flags)
        assert "证明材料的特征" in p.explanation
    for kind in ("identity card", "VAT invoice"):
        doc = next(d for d in DOCS if d.kind.startswith(kind))
        p = _as_other(doc.doc_id)
        assert (p.status, p.hours, p.flags) == ("auto_ok", 0, []), (kind, p.flags)


def test_nearly_every_real_evidence_document_carries_a_mark_of_a_credited_type() -> None:
    """The marks are the second reading behind `other`: their recall on real evidence is what keeps
    a misread evidence from passing at 0 hours. Counted over the documents of types that earn hours
    (a training notice or sign-in sheet has no deciding field: it earns nothing by itself, r241 is a
    bare list of names). Four of 163 lack any: a workbook whose text layer is unreadable, a
    scanned screenplay page of a film journal that prints no journal line, and two scans whose
    text layer the reader trusts although it is not the page: a faculty-development certificate
    with an embedded OCR layer in scrambled order (r271) and a webinar certificate whose layer
    holds only the filled-in name (r283). English wording has its marks (training, faculty
    development, seminar, successfully completed), also in a letter-spaced layer ("C o n f er enc
    e", r254)."""
    from pipeline.proposals import DECIDING_FIELDS, evidence_marks

    evidence = [d for d in DOCS if d.is_evidence and DECIDING_FIELDS.get(d.evidence_type)]
    unmarked = [d.doc_id for d in evidence
                if not evidence_marks(d.text)]
    assert len(unmarked) <= 0.025 * len(evidence), unmarked


def test_a_threshold_that_ties_over_a_gap_sits_in_its_middle() -> None:
    """Held-out decisions at 0.3 (non-evidence typed as evidence) and 0.8 (right): every threshold in
    between costs nothing; the one chosen keeps room on both sides instead of touching 0.3's edge."""
    decisions = [("award_certificate", 0.3, "other", "needs_review"),
                 ("award_certificate", 0.8, "award_certificate", "auto_ok")]
    tied = [t for t in THRESHOLD_GRID if open_set_cost(t, decisions) == 0]
    assert tied[0] == 0.35 and tied[-1] == 0.8
    assert choose_threshold(decisions) == tied[(len(tied) - 1) // 2] == 0.55
