"""What a notice says whoever issues it (issue #12, training-15d): that something is to come and
its audience is asked to it ("This is to inform all faculty members that ... is organising",
"are requested to attend", "will be held", 特此通知, 请各, 各有关单位, 将于…举办), the mirror of a
certificate's "has participated". A form the model weighs per type (a notice of a workshop, of a
conference and of a holiday all announce); counted on the real corpus's anonymised wording
(tests/data/real) and drawn by the generator's notices. Text only."""

from __future__ import annotations

import random

import pytest

from classifiers.features import FORM_FEATURE_NAMES, FeatureSpec, PageDoc, _type_cues, layout_vector
from classifiers.openset import doc_pages, load_real_docs
from sample_docs.items import make_person
from sample_docs.render import render_document

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
FORMS = tuple(n.removeprefix("form_") for n in FORM_FEATURE_NAMES)
NAMES = FeatureSpec(cues=CUES, forms=FORMS).names()


def _announced(text: str) -> float:
    return layout_vector(PageDoc(text=text), FeatureSpec(cues=CUES, forms=FORMS, close_up=True))[
        NAMES.index("form_announced")]


def _doc_announces(doc_id: str) -> bool:
    return any(_announced(p.text) for p in doc_pages(DOCS[doc_id]))


def test_notices_announce_and_no_certificate_of_any_type_does() -> None:
    hits = {i: d.evidence_type for i, d in DOCS.items() if _doc_announces(i)}
    # the college's workshop notices and the programmes' brochures (r288's first page: "This FDP
    # will cover the following")
    assert {"r287", "r288", "r289", "r290", "r291", "r293"} <= set(hits)
    # notices and invitations of other things announce too: the model weighs the form per type
    assert {"r295", "r296", "r297", "r298", "r299"} <= set(hits)
    assert set(hits.values()) <= {"training_notice", "conference_record", "overseas_exchange", "other"}
    # a certificate says what was done: none of the training, online-course or conference
    # certificates (r307, r278, r263 ... "has participated") announces anything
    certificates = [i for i, d in DOCS.items() if d.evidence_type in ("training_certificate",
                                                                      "online_course_certificate")]
    assert len(certificates) >= 30 and not set(certificates) & set(hits)
    assert not {"r263", "r269", "r273", "r279", "r283", "r284"} & set(hits)


@pytest.mark.parametrize("text, announced", [
    ("All the faculty members are requested to attend the workshop", 1),
    ("This is for the information of all faculty members that a Workshop", 1),
    ("the Department is organizing a workshop on Sales", 1),
    ("The FDP will be conducted in offline mode", 1),
    ("关于举办2024年度专业技术人员培训班的通知 … 特此通知。", 1),
    ("各有关单位：经研究，定于2024年5月举办", 1),
    ("学会将于2024年6月在长沙召开第五届学术年会", 1),
    ("This is to certify that Dr. A. Rao has participated in the workshop", 0),
    ("The workshop was organized by the MCA Department from 29th January 2024", 0),
    ("兹证明张三同志参加了2024年专业技术人员培训班，准予结业。", 0),
])
def test_the_form_is_what_is_to_come_not_what_was_done(text: str, announced: int) -> None:
    assert _announced(text) == announced


@pytest.mark.parametrize("etype, family", [
    ("training_notice", "training_notice/notice_en"),
    ("training_notice", "training_notice/red_header"),
    ("training_certificate", "training_certificate/participation_en"),
    ("training_certificate", "training_certificate/classic"),  # drawn with its notice sometimes
])
def test_the_generators_notice_pages_announce_its_certificate_pages_do_not(etype: str, family: str) -> None:
    said = {"training_notice": 0, "training_certificate": 0}  # pages that announce, by kind
    drawn = dict.fromkeys(said, 0)
    for seed in range(6):
        rng = random.Random(f"training15d:{family}:{seed}")
        person = make_person(rng, "A001", "senior")
        doc = render_document(etype, rng, dpi=30, person=person, year=2023, family=family)
        for kind, lines in zip(doc.page_types, doc.lines, strict=True):
            if kind in said:
                drawn[kind] += 1
                said[kind] += bool(_announced("\n".join(lines)))
    # the notice page of each notice drawn announces (its schedule and sign-in sheet do not);
    # no certificate page does
    assert drawn[etype] >= 6 and said["training_certificate"] == 0
    assert said["training_notice"] >= (5 if etype == "training_notice" else 0)
