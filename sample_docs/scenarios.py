"""Which applicants a batch has and which items each one submits, with the planted cases.

The plan is pure data drawn from the seed; ``generate`` renders it. Planted cases (each at most
once per batch, spread over the applicants): the applicant's name absent, the same patent claimed
by two applicants, the same file twice and the same patent number in two files (duplicates), a
journal with an ISSN only, a county-level award, a 特等奖, a utility model ranked 4th, an
assignment of 5 months, a lone training certificate and a notice + certificate folder, a
training whose stated hours exceed its days, and evidence dated outside the span.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from sample_docs.items import EVIDENCE_TYPES, Person, make_person

TITLE_LEVELS = ("senior", "intermediate", "junior")

# Rough frequency of each type among real uploads (weights for filling an applicant's list).
TYPE_WEIGHTS: dict[str, float] = {
    "training_certificate": 6,
    "training_notice": 1,
    "online_course_certificate": 3,
    "conference_record": 2,
    "practice_activity": 1.5,
    "project_completion": 2,
    "book_publication": 1,
    "journal_paper": 4,
    "patent_certificate": 2.5,
    "award_certificate": 2,
    "digital_skills_exam": 1,
    "aid_assignment": 0.7,
    "degree_transcript": 0.8,
    "qualification_exam_scores": 0.8,
    "overseas_exchange": 0.6,
    "hours_recognition_sheet": 0.8,
    "public_institution_training": 1.5,
    "other": 1.5,
}


@dataclass
class ItemPlan:
    evidence_type: str
    year: int
    opts: dict[str, Any] = field(default_factory=dict)
    planted: list[str] = field(default_factory=list)  # names of the planted cases (for humans)
    copy_of: int | None = None  # index (in the applicant's list) of an item whose files this one repeats
    same_as: int | None = None  # index of an item whose evidence this one shows again, scanned anew
    share_with: tuple[str, int] | None = None  # (applicant_id, index): same evidence, other applicant
    form: str | None = None  # force a file form (fileforms.FORMS)
    profile: str | None = None  # force a degradation profile
    mode: str | None = None  # force how a multi-page item travels (generate.MULTI_MODES)


@dataclass
class ApplicantPlan:
    person: Person
    items: list[ItemPlan]


SPECIALS = (
    "name_absent",
    "claimed_by_other",
    "duplicate_file",
    "duplicate_patent",
    "no_cn_number",
    "county_award",
    "special_prize",
    "utility_rank4",
    "aid_5_months",
    "lone_training_certificate",
    "training_complete",
    "hours_days_mismatch",
    "outside_span",
)


def plan_batch(
    seed: int,
    applicants: int = 4,
    items_per_applicant: tuple[int, int] = (6, 9),
    types: tuple[str, ...] | None = None,
    specials: bool = True,
    eval_year: int = 2024,
) -> list[ApplicantPlan]:
    """The applicants and their items for one batch, deterministic from ``seed``."""
    rng = random.Random(f"plan:{seed}")
    types = tuple(types or EVIDENCE_TYPES)
    unknown = [t for t in types if t not in EVIDENCE_TYPES]
    if unknown:
        raise ValueError(f"unknown evidence types: {', '.join(unknown)}")
    levels = [TITLE_LEVELS[i % 3] if i < 3 else rng.choice(TITLE_LEVELS) for i in range(applicants)]
    levels[0] = "senior"  # the richest case (5-year span) always present
    people = [
        make_person(random.Random(f"person:{seed}:{i}"), f"A{i + 1:03d}", levels[i], eval_year)
        for i in range(applicants)
    ]
    plans = [ApplicantPlan(p, []) for p in people]

    # Deal every allowed type out once (so a batch covers them), then fill by weight.
    deck = list(types)
    rng.shuffle(deck)
    for i, t in enumerate(deck):
        plans[i % applicants].items.append(ItemPlan(t, 0))
    weights = [TYPE_WEIGHTS[t] for t in types]
    for ap in plans:
        want = rng.randint(*items_per_applicant)
        while len(ap.items) < want:
            ap.items.append(ItemPlan(rng.choices(types, weights)[0], 0))
        rng.shuffle(ap.items)
        for it in ap.items:
            it.year = rng.choice(ap.person.span) if ap.person.title_level != "junior" else eval_year
    if specials:
        _plant(rng, plans, set(types), eval_year)
    return plans


def _first(ap: ApplicantPlan, etype: str, free_only: bool = True) -> ItemPlan | None:
    for it in ap.items:
        if it.evidence_type == etype and (not free_only or not it.planted):
            return it
    return None


def _ensure(ap: ApplicantPlan, etype: str, rng: random.Random) -> ItemPlan:
    it = _first(ap, etype)
    if it is None:
        year = rng.choice(ap.person.span)
        it = ItemPlan(etype, year)
        ap.items.append(it)
    return it


def _plant(rng: random.Random, plans: list[ApplicantPlan], types: set[str], eval_year: int) -> None:
    n = len(plans)
    pick = lambda k: plans[k % n]  # noqa: E731  (spread the cases over the applicants)

    def mark(it: ItemPlan, name: str, **opts: Any) -> None:
        it.planted.append(name)
        it.opts.update(opts)

    if "patent_certificate" in types:
        ap = pick(0)
        mark(_ensure(ap, "patent_certificate", rng), "utility_rank4", patent_kind="utility_model", rank=4)
        if n >= 2:
            a, b = pick(0), pick(1)
            it_a = _ensure(a, "patent_certificate", rng)
            mark(it_a, "claimed_by_other", rank=1, patent_kind="invention", coinventor=b.person.name)
            both = [y for y in a.person.span if y in b.person.span]
            if both:  # a year both may claim, so the only flag is the shared claim
                it_a.year = rng.choice(both)
            it_b = ItemPlan(
                "patent_certificate",
                it_a.year,
                {"rank": 2, "patent_kind": "invention"},
                ["claimed_by_other"],
                share_with=(a.person.applicant_id, a.items.index(it_a)),
            )
            b.items.append(it_b)
        ap = pick(2)
        it = _ensure(ap, "patent_certificate", rng)
        mark(it, "duplicate_patent", patent_kind="invention", rank=1)
        ap.items.append(
            ItemPlan(
                "patent_certificate", it.year, dict(it.opts), ["duplicate_patent"], same_as=ap.items.index(it)
            )
        )
    if "journal_paper" in types:
        mark(_ensure(pick(1), "journal_paper", rng), "no_cn_number", no_cn=True, rank=1)
        if n >= 2:  # a paper claimed by two applicants: first author and third author
            a, b = pick(2), pick(3) if n > 3 else pick(1)
            if a is b:
                a, b = pick(0), pick(1)
            it_a = _ensure(a, "journal_paper", rng)
            both = [y for y in a.person.span if y in b.person.span]
            if both:
                it_a.year = rng.choice(both)
            mark(it_a, "claimed_by_other", rank=1, coauthor=b.person.name)
            b.items.append(
                ItemPlan(
                    "journal_paper",
                    it_a.year,
                    {},
                    ["claimed_by_other"],
                    share_with=(a.person.applicant_id, a.items.index(it_a)),
                )
            )
    if "award_certificate" in types:
        mark(_ensure(pick(2), "award_certificate", rng), "county_award", level="county", grade=1)
        mark(_ensure(pick(3), "award_certificate", rng), "special_prize", level="provincial", grade=0)
    if "aid_assignment" in types:
        mark(_ensure(pick(3), "aid_assignment", rng), "aid_5_months", months=5)
    if "training_certificate" in types:
        mark(
            _ensure(pick(1), "training_certificate", rng),
            "lone_training_certificate",
            pages=["training_certificate"],
        )
        mark(
            _ensure(pick(0), "training_certificate", rng),
            "training_complete",
            pages=["training_notice", "training_certificate"],
        )
        mark(
            _ensure(pick(2), "training_certificate", rng),
            "hours_days_mismatch",
            days=2,
            stated_hours=24,
            pages=["training_notice", "training_certificate"],
        )
    # The applicant's name absent from one item.
    ap = pick(3)
    for it in ap.items:
        if it.evidence_type not in ("other", "training_notice") and not it.planted:
            mark(it, "name_absent", name_absent=True)
            break
    # The same file submitted twice.
    ap = pick(1)
    for i, it in enumerate(ap.items):
        if (
            it.evidence_type
            in (
                "training_certificate",
                "online_course_certificate",
                "public_institution_training",
                "digital_skills_exam",
            )
            and not it.planted
        ):
            ap.items.append(ItemPlan(it.evidence_type, it.year, {}, ["duplicate_file"], copy_of=i))
            it.planted.append("duplicate_file_original")
            break
    # Every file form at least once: force the rarer ones on unplanted items.
    rare = ["webp", "tiff", "pdf_text", "pdf_image", "png", "heic"]
    free = [it for ap in plans for it in ap.items if not it.planted and it.evidence_type != "other"]
    rng.shuffle(free)
    for it, form in zip(free, rare, strict=False):
        it.form = form
    # Two documents photographed in one picture, at least once: a two-page item (whatever its
    # layout family, these types always have two pages).
    for it in free:
        if it.evidence_type in ("aid_assignment", "practice_activity") and it.form is None:
            it.mode = "combined"
            break
    for ap in plans:  # an ID card as a small greyscale BMP
        other = _first(ap, "other")
        if other is not None:
            other.opts["kind"] = "id_card"
            other.form = "bmp"
            break
    # Beyond the planted case, now and then an item from a year outside the span, as people
    # upload whatever they have.
    for ap in plans:
        for it in ap.items:
            fixed = it.planted or it.evidence_type in ("hours_recognition_sheet", "aid_assignment")
            if rng.random() < 0.06 and not fixed:
                it.year = ap.person.span[0] - rng.randint(1, 2)
    # Evidence dated outside the span (senior: the evaluation year itself, or before the span).
    ap = pick(0)
    for it in ap.items:
        if (
            it.evidence_type
            in ("journal_paper", "conference_record", "online_course_certificate", "project_completion")
            and not it.planted
        ):
            mark(it, "outside_span")
            it.year = rng.choice([eval_year, ap.person.span[0] - 1])
            break
