"""The synthetic evidence generator: determinism, every type, truth in step with the files,
a real text layer in born-digital PDFs, and the committed demo batch."""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from sample_docs import dates, degrade, fileforms
from sample_docs.families import FAMILIES
from sample_docs.families import all_names as all_family_names
from sample_docs.fonts import pick_style
from sample_docs.generate import DEMO_DIR, Settings, generate_batch, generate_demo, generate_pages
from sample_docs.items import EVIDENCE_TYPES, _id_check, build_item, isbn13, make_person, patent_check_digit
from sample_docs.layouts import PAGE_KINDS
from sample_docs.render import render_document, render_item
from sample_docs.truth import read_truth

SMALL = Settings(render_dpi=60, jpeg_quality=50, max_px=700)
FEW_TYPES = ("patent_certificate", "journal_paper", "training_certificate", "other")


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    kw = dict(applicants=2, items_per_applicant=(2, 2), types=FEW_TYPES, settings=SMALL)
    a = _hashes(generate_batch(tmp_path / "a", 11, **kw))
    b = _hashes(generate_batch(tmp_path / "b", 11, **kw))
    c = _hashes(generate_batch(tmp_path / "c", 12, **kw))
    assert a == b
    assert a != c
    assert "manifest.csv" in a and ".truth.jsonl" in a


def test_refuses_to_write_into_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        generate_batch(tmp_path, 1, applicants=1, types=("other",), settings=SMALL)
    with pytest.raises(FileExistsError, match="not a generated set"):
        generate_batch(tmp_path, 1, applicants=1, types=("other",), settings=SMALL, overwrite=True)
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_unknown_type_is_a_clear_error_and_keeps_the_old_set(tmp_path: Path) -> None:
    old = generate_batch(tmp_path / "x", 1, applicants=1, types=("other",), specials=False, settings=SMALL)
    before = _hashes(old)
    with pytest.raises(ValueError, match="unknown evidence types: patent"):
        generate_batch(old, 1, types=("patent",), settings=SMALL, overwrite=True)
    assert _hashes(old) == before


@pytest.mark.parametrize("etype", EVIDENCE_TYPES)
def test_every_evidence_type_renders_with_its_fields_on_the_page(etype: str) -> None:
    rng = random.Random(f"t:{etype}")
    person = make_person(rng, "A001", "senior")
    doc = render_document(etype, rng, dpi=50, person=person, year=2022)
    assert doc.images and all(im.size[0] > 100 and im.size[1] > 100 for im in doc.images)
    # ink on the page: not a blank image
    assert all(min(im.convert("L").getextrema()) < 100 for im in doc.images)
    text = _squash(doc.text)
    assert len(text) > 20
    f = doc.fields
    if etype == "other":
        assert f == {}
        return
    from sample_docs.vocab import romanised

    # English pages (an English contest certificate) print the name in pinyin
    assert f["name_found"] is True and (person.name in text or _squash(romanised(person.name)) in text)
    for key in ("title", "certificate_number", "issn", "cn_number", "isbn"):
        if f.get(key) and etype not in ("training_notice",):
            assert _squash(str(f[key])) in text, key
    if "patent_number" in f:
        assert f["patent_number"][2:].replace(".", "") in text.replace(".", "")
    if "stated_hours" in f and etype != "training_notice":
        assert str(int(f["stated_hours"])) in text
    for key in ("date", "start_date", "end_date"):  # ISO dates in the contract's form
        if key in f:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", f[key])


def test_planted_cases_reach_the_fields() -> None:
    rng = random.Random(5)
    p = make_person(rng, "A001", "senior")
    um = build_item("patent_certificate", rng, p, 2022, patent_kind="utility_model", rank=4)
    assert um.fields["rank"] == 4 and um.data["names"][3] == p.name
    assert um.fields["patent_number"][6] == "2"  # the kind digit of a utility model
    j = build_item("journal_paper", rng, p, 2022, no_cn=True)
    assert "cn_number" not in j.fields and j.fields["issn"]
    aw = build_item("award_certificate", rng, p, 2022, level="county", grade=0)
    assert aw.fields["level"] == "county" and aw.fields["grade"] == 0
    absent = build_item("conference_record", rng, p, 2022, name_absent=True)
    assert absent.fields == {**absent.fields, "name_found": False} and "person_name" not in absent.fields
    aid = build_item("aid_assignment", rng, p, 2022, months=5)
    assert aid.fields["months"] == 5
    lone = build_item("training_certificate", rng, p, 2022, pages=["training_certificate"])
    assert lone.parts == ["certificate"]


def test_check_digits_are_valid() -> None:
    body = "202110345678"
    assert patent_check_digit(body) == "3"
    isbn = isbn13("978-7-5710", random.Random(1)).replace("-", "")
    assert len(isbn) == 13
    assert sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn)) % 10 == 0
    assert _id_check("11010519491231002") == "X"  # the textbook example ID 11010519491231002X


def test_date_forms() -> None:
    import datetime as dt

    d = dt.date(2023, 12, 16)
    assert dates.fmt(d, "cn") == "2023年12月16日"
    assert dates.fmt(d, "cn_pad") == "2023年12月16日"
    assert dates.fmt(dt.date(2023, 6, 6), "cn_pad") == "2023年06月06日"
    assert dates.fmt(d, "dot") == "2023.12.16"
    assert dates.fmt(d, "cn_upper") == "二〇二三年十二月十六日"
    assert dates.fmt_month(d, "cn_upper") == "二〇二三年十二月"
    assert dates.fmt_range(dt.date(2024, 10, 19), dt.date(2024, 10, 20), "cn") == "2024年10月19日至20日"


def test_born_digital_pdf_text_layer_reads_back_with_pdfplumber() -> None:
    rng = random.Random(21)
    person = make_person(rng, "A001", "senior")
    spec = build_item("patent_certificate", rng, person, 2023)
    pages = render_item(spec, rng, pick_style(rng, born_digital=True), dpi=72)
    data = fileforms.encode_text_pdf(pages, quality=40)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        got = _squash(pdf.pages[0].extract_text())
    for line in pages[0].lines:
        assert _squash(line) in got
    assert person.name in got


def test_degradations_are_seeded_and_change_the_page() -> None:
    img = Image.new("RGB", (400, 560), "white")
    a, applied, dpi = degrade.apply(img, "rotated_scan", random.Random(3), 100)
    b, _, _ = degrade.apply(img, "rotated_scan", random.Random(3), 100)
    assert a.tobytes() == b.tobytes()
    assert a.width > a.height  # turned by 90 degrees
    assert any(x.startswith("rotate:") for x in applied) and dpi == 100
    low, applied, dpi = degrade.apply(img, "low_res_scan", random.Random(4), 200, scan_dpi=80)
    assert dpi == 80 and low.width < 200
    photo, applied, _ = degrade.apply(img, "phone_photo", random.Random(5), 100)
    assert "perspective" in applied and photo.width > img.width  # the desk shows around the page
    with pytest.raises(ValueError, match="unknown degradation profile"):
        degrade.apply(img, "coffee_stain", random.Random(1), 100)


def test_page_dataset_has_every_page_kind_with_text(tmp_path: Path) -> None:
    out = generate_pages(tmp_path / "pages", 1000, per_type=1, settings=SMALL)
    rows = [json.loads(x) for x in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["kind"] for r in rows} == set(PAGE_KINDS)
    for r in rows:
        assert r["type"] in EVIDENCE_TYPES and r["text"].strip()
        with Image.open(out / r["file"]) as im:
            im.load()


def test_a_familys_own_page_kind_is_drawn_whatever_family_the_draw_picks(tmp_path: Path) -> None:
    # `cehours train` draws single pages of every kind for its OCR'd scans; an article's first page
    # or a book's title page exists only in its family, so its data must be asked for, not hoped for
    kinds = ("journal_article", "book_title_page")
    out = generate_pages(tmp_path / "pages", 1001, per_type=6, kinds=kinds, settings=SMALL)
    rows = [json.loads(x) for x in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["kind"] for r in rows) == sorted(kinds * 6)
    assert all(r["text"].strip() for r in rows)


# -- the committed demo batch -------------------------------------------------------------------


def test_demo_truth_matches_the_files_on_disk() -> None:
    truth = read_truth(DEMO_DIR)
    on_disk = {str(p.relative_to(DEMO_DIR)) for p in DEMO_DIR.rglob("*") if p.is_file()}
    named = set()
    for rec in truth:
        item = DEMO_DIR / rec["item"]
        assert item.exists(), rec["item"]
        if rec.get("intake_error"):
            named.add(rec["item"])
            continue
        assert rec["evidence_type"] in EVIDENCE_TYPES
        for page in rec["pages"]:
            assert page["file"] == rec["item"] or page["file"].startswith(rec["item"] + "/")
            named.add(page["file"])
    assert on_disk - named == {"manifest.csv", ".truth.jsonl"}
    assert 25 <= len(truth) <= 45


def test_demo_truth_agrees_with_its_own_text() -> None:
    from sample_docs.vocab import romanised

    """name_found, ranks and key numbers in the fields are what the true page text shows."""
    import csv

    with (DEMO_DIR / "manifest.csv").open(encoding="utf-8") as fh:
        names = {row["applicant_id"]: row["name"] for row in csv.DictReader(fh)}
    for rec in read_truth(DEMO_DIR):
        if rec.get("intake_error"):
            continue
        text = _squash("\n".join(p["text"] for p in rec["pages"]))
        f = rec["fields"]
        if f.get("name_found") is True:
            # English pages of a foreign journal print the name in pinyin (Shi Guode)
            shown = {names[rec["applicant_id"]], _squash(romanised(names[rec["applicant_id"]]))}
            assert any(n in text for n in shown), rec["item"]
        if f.get("name_found") is False:
            assert f.get("person_name") != names[rec["applicant_id"]]
        if "cn_number" in f:
            assert f["cn_number"] in text
        if "patent_number" in f:
            assert f["patent_number"][2:].replace(".", "") in text.replace(".", "")


def test_demo_covers_every_type_the_planted_cases_and_bad_inputs() -> None:
    truth = read_truth(DEMO_DIR)
    assert {r["evidence_type"] for r in truth} >= set(EVIDENCE_TYPES)
    flags = {f for r in truth for f in r["expected"]["flags"]}
    assert flags >= {
        "duplicate_of", "claimed_by_other", "outside_span", "materials_incomplete", "name_mismatch",
        "no_cn_number", "level_not_covered", "grade_not_covered", "rank_not_covered",
        "assignment_too_short", "hours_days_mismatch", "intake_error",
    }  # fmt: skip
    errors = {r["item"]: r["intake_error"] for r in truth if r.get("intake_error")}
    assert len(errors) == 3 and len({i.split("/")[0] for i in errors}) == 1
    assert (DEMO_DIR / next(i for i, why in errors.items() if "zero" in why)).stat().st_size == 0
    wrong_ext = [r for r in truth if "wrong_extension" in r["planted"]]
    assert wrong_ext and (DEMO_DIR / wrong_ext[0]["item"]).read_bytes()[:3] == b"\xff\xd8\xff"
    forms = {Path(p["file"]).suffix for r in truth for p in r["pages"]}
    assert forms >= {".jpg", ".png", ".pdf", ".tif", ".webp", ".bmp", ".heic"}
    degr = {d.split(":")[0] for r in truth for p in r["pages"] for d in p["degradations"]}
    assert degr >= {"phone_photo", "low_res", "rotate", "screenshot", "born_digital", "two_documents"}


def test_demo_is_small_and_its_manifest_is_read_by_intake(tmp_path: Path) -> None:
    size = sum(p.stat().st_size for p in DEMO_DIR.rglob("*") if p.is_file())
    assert size < 5_000_000
    from pipeline.intake import intake_batch

    res = intake_batch(DEMO_DIR, store_dir=tmp_path / "store")
    truth = read_truth(DEMO_DIR)
    assert len(res.applicants) == 4 and not res.manifest_errors
    assert {i.item for i in res.items} == {r["item"] for r in truth if not r.get("intake_error")}
    # the only intake errors are the planted bad inputs: the hidden ground truth is not read
    assert {e.rel_path for e in res.errors} == {r["item"] for r in truth if r.get("intake_error")}


def _page_images(path: Path) -> list[Image.Image] | None:
    """Every page of a scan or PDF as greyscale pixels; None where the file does not decode
    (the planted broken uploads)."""
    import pillow_heif
    import pypdfium2 as pdfium
    from PIL import ImageSequence

    pillow_heif.register_heif_opener()
    try:
        if path.suffix.lower() == ".pdf":
            doc = pdfium.PdfDocument(str(path))
            return [doc[i].render(scale=100 / 72).to_pil().convert("L") for i in range(len(doc))]
        with Image.open(path) as im:
            return [frame.convert("L").copy() for frame in ImageSequence.Iterator(im)]
    except Exception:  # a file that does not decode is compared as such
        return None


def _pixel_drift(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """Mean absolute grey difference, and the share of pixels off by more than 32 of 255."""
    import numpy as np

    d = np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16))
    return float(d.mean()), float((d > 32).mean())


@pytest.mark.slow
def test_demo_is_in_step_with_the_generator(tmp_path: Path) -> None:
    """Regenerating seed 7 gives the committed demo's content: the same files, manifest, ground
    truth (every page's text, fields, degradations) and the same pictures within encoder noise.
    Encoder bytes are not compared: Pillow, libjpeg, libwebp and reportlab do not promise them across
    versions. After changing the generator, re-run `cehours samples demo` and commit the result."""
    fresh = generate_demo(tmp_path / "demo")
    files = sorted(str(p.relative_to(DEMO_DIR)) for p in DEMO_DIR.rglob("*") if p.is_file())
    assert sorted(str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()) == files
    assert (fresh / "manifest.csv").read_bytes() == (DEMO_DIR / "manifest.csv").read_bytes()
    assert read_truth(fresh) == read_truth(DEMO_DIR)
    for rel in files:
        if rel in ("manifest.csv", ".truth.jsonl"):
            continue
        if (fresh / rel).read_bytes() == (DEMO_DIR / rel).read_bytes():
            continue
        committed, regenerated = _page_images(DEMO_DIR / rel), _page_images(fresh / rel)
        if committed is None or regenerated is None:
            assert committed is None and regenerated is None, f"{rel}: decodes in one copy only"
            continue
        assert len(committed) == len(regenerated), f"{rel}: page count"
        for a, b in zip(committed, regenerated, strict=True):
            assert a.size == b.size, f"{rel}: page size {a.size} vs {b.size}"
            mean, far = _pixel_drift(a, b)
            # measured across Pillow/reportlab releases: mean <= 0.3, far <= 0.00002
            assert mean <= 1.0 and far <= 0.001, f"{rel}: pixels differ (mean {mean:.3f}, far {far:.5f})"


@pytest.mark.parametrize("family", all_family_names())
def test_every_layout_family_renders_with_its_fields_on_the_page(family: str) -> None:
    """Each family draws the same truth in its own wording: the key values are on the page."""
    from sample_docs.vocab import romanised

    etype = family.split("/", 1)[0]
    rng = random.Random(f"f:{family}")
    person = make_person(rng, "A001", "senior")
    doc = render_document(etype, rng, dpi=50, person=person, year=2022, family=family)
    assert doc.family == family
    text = _squash(doc.text)
    f = doc.fields
    if etype == "other":
        assert f == {} and len(text) > 20
        return
    assert f["name_found"] is True
    # English pages: pinyin, family name first (contents pages) or last (article first pages)
    printed = (person.name, *(_squash(romanised(person.name, given_first=g)) for g in (False, True)))
    assert any(n in text for n in printed)
    for key in ("title", "certificate_number", "issn", "cn_number", "isbn"):
        if f.get(key) and etype != "training_notice":
            assert _squash(str(f[key])) in text, key
    if "stated_hours" in f and etype != "training_notice":
        assert str(int(f["stated_hours"])) in text


def test_a_family_can_be_excluded_and_is_recorded() -> None:
    rng = random.Random(3)
    p = make_person(rng, "A001", "senior")
    out = {"award_certificate/roster"}
    drawn = {build_item("award_certificate", rng, p, 2022, exclude_families=out).family for _ in range(40)}
    assert drawn == set(all_family_names()) & {f.name for f in FAMILIES["award_certificate"]} - out
    with pytest.raises(ValueError, match="not one of"):
        build_item("award_certificate", rng, p, 2022, family="patent_certificate/paper")
    truth = read_truth(DEMO_DIR)
    assert all(r["family"].startswith(r["evidence_type"] + "/") for r in truth if not r.get("intake_error"))
    assert len({r["family"] for r in truth if r.get("family")}) >= 20  # a mixed demo, not one layout
