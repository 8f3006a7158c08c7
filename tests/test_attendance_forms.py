"""What an English certificate of attendance says whoever issues it (issue #12, certs-13b): that
the person took part ("has participated in", "has successfully completed") and over which days
("from 17/01/2024 to 18/01/2024"), as form features the model weighs per type; and a cue of
several English words wrapped over two lines is still the cue. Checked on the real corpus's
anonymised wording (tests/data/real) and on the generator's English families. Text only."""

from __future__ import annotations

import pytest
from drawn import drawn

from classifiers.features import (
    FORM_FEATURE_NAMES,
    FeatureSpec,
    PageDoc,
    _type_cues,
    layout_vector,
)
from classifiers.openset import load_real_docs

DOCS = {d.doc_id: d for d in load_real_docs()}
CUES = _type_cues()
FORMS = tuple(n.removeprefix("form_") for n in FORM_FEATURE_NAMES)
NAMES = FeatureSpec(cues=CUES, forms=FORMS).names()


def _feature(text: str, name: str, join_lines: bool = True) -> float:
    spec = FeatureSpec(cues=CUES, forms=FORMS, join_lines=join_lines)
    return layout_vector(PageDoc(text=text), spec)[NAMES.index(name)]


def _text(doc_id: str) -> str:
    return DOCS[doc_id].text


def test_taking_part_is_stated_on_training_and_conference_certificates_and_no_other_document() -> None:
    hits = {i: d.evidence_type for i, d in DOCS.items() if _feature(_text(i), "form_attended")}
    # the English training certificates typed `other` on main (2026-12-06 08:26)
    assert {"r193", "r271", "r278", "r306", "r307"} <= set(hits)
    # of the non-evidence only a student's community service (r318), a course project (r347), both
    # found after the feature (corpus-13a), and a student's in-plant training, an internship (r363,
    # corpus-16c: "has successfully completed the In-plant Training"), say it: a weight the model
    # learns, not a rule
    others = {i for i, t in hits.items() if t == "other"}
    assert others == {"r318", "r347", "r363"} and len(hits) >= 20
    assert set(hits.values()) <= {"training_certificate", "conference_record", "overseas_exchange",
                                  "digital_skills_exam", "other"}
    # a reviewer's thanks, an award plaque, a proceedings cover, a club's welcome: nobody took part
    assert not {"r265", "r267", "r274", "r276", "r260"} & set(hits)
    assert _feature("This is to certify that Dr. A. Rao has served as a Reviewer", "form_attended") == 0
    # the verb opening the line below the name says it too (r280, r281); "completed" alone does not
    assert _feature("Dr. A. Rao\nParticipated in 5 Days Online Program", "form_attended") == 1
    assert _feature("Successfully completed and delivered the project", "form_attended") == 0


@pytest.mark.parametrize("doc_id", ["r271", "r278", "r281", "r307", "r258", "r306"])
def test_a_certificate_over_several_days_carries_the_span(doc_id: str) -> None:
    assert _feature(_text(doc_id), "form_date_span") == 1


@pytest.mark.parametrize("text, span", [
    ("from 17/01/2024 to18/01/2024at DYPIMCAM", 1),  # the digits glued by OCR, as r271 reads
    ("between August 1 and August 14, 2021", 1),
    ("organized during July - September 2023", 1),
    ("Dates: 4 th Dec to 8 th Dec 2023", 1),
    ("Date: 14 t h Aug to 19 t h Aug 2023", 1),  # the suffix's letters set apart by OCR (r281)
    ("2023.07.01-2023.07.05", 1),
    ("(28th February and 1st March 2025)", 0),  # two days of a conference, no span
    ("held on 1st and 2nd March 2024", 0),
    ("a seminar on marketing to decision makers", 0),  # month-like words are no months
    ("Granted by QA Ltd on 28 March 2024", 0),
])
def test_the_span_is_two_dates_joined_as_a_range(text: str, span: int) -> None:
    assert _feature(text, "form_date_span") == span


def test_a_cue_wrapped_over_two_english_lines_is_found_and_chinese_lines_stay_apart() -> None:
    r271 = _text("r271")  # "two days Faculty / Development Program" in its body
    assert "Faculty\nDevelopment" in r271
    # the heading reads FACULTYDEVELOPMENT (glued by OCR): without joining lines, no cue at all
    assert _feature(r271, "cues_training_certificate", join_lines=False) == 0
    assert _feature(r271, "cues_training_certificate") > 0
    # two Chinese lines are not one word: 培训 at a line's end and 班级 at the next one's start
    assert _feature("参加培训\n班级合影", "cues_training_certificate") == _feature(
        "参加培训\n班级合影", "cues_training_certificate", join_lines=False)


def test_a_model_fitted_before_keeps_its_features() -> None:
    # notice-12o's models stored forms_ = True: the two forms they were fitted with, nothing more
    assert FeatureSpec(cues=CUES, forms=True).names()[-2:] == ("form_byline_postcode", "form_doc_number")
    assert len(FeatureSpec(cues=CUES, forms=True).names()) == len(NAMES) - 2
    from classifiers import load_default

    feats = dict(load_default().pipeline_.named_steps["features"].transformer_list)["layout"]
    assert feats.transform([{"text": "has participated from 1 May to 3 May"}]).shape[1] == len(feats.scale_)


@pytest.mark.parametrize("family", ["training_certificate/english", "training_certificate/participation_en"])
def test_the_generators_english_training_certificates_state_taking_part(family: str) -> None:
    # the weight is learnt from generated pages as well as real ones
    seen = 0
    for seed in range(6):
        doc, _ = drawn(family, f"certs13b:{family}:{seed}", dpi=30)
        seen += bool(_feature(doc.text, "form_attended"))
    assert seen >= 3
