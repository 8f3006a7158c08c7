"""The second read of red display type (issue #12): a prize grade printed in red (一等奖) is whited
out with the seals by the first read; the item's award is then read again in its red bands only,
and the grade is found. Real RapidOCR on a drawn certificate (black body text, red heading and
grade, a round red seal)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pipeline.ocr.reader import ocr_image
from pipeline.ocr.red_text import red_text_bands
from pipeline.types import Applicant, ItemSource, StoredFile
from pipeline.understand import read_item
from sample_docs.fonts import font

ENGINE = "rapidocr-openvino"
RED, BLACK = (200, 30, 30), (20, 20, 20)


def certificate(path: Path) -> Path:
    img = Image.new("RGB", (900, 640), "white")
    d = ImageDraw.Draw(img)
    d.text((300, 40), "获 奖 证 书", fill=RED, font=font("noto-serif-bold", 64))
    d.text((80, 170), "张伟同志：", fill=BLACK, font=font("noto-sans", 30))
    d.text((120, 220), "在2023年常德市中小学教师教学竞赛中荣获", fill=BLACK, font=font("noto-sans", 30))
    d.text((320, 300), "一 等 奖", fill=RED, font=font("noto-serif-bold", 72))
    d.text((120, 430), "特发此证，以资鼓励。", fill=BLACK, font=font("noto-sans", 30))
    d.text((560, 520), "常德市教育局", fill=BLACK, font=font("noto-sans", 30))
    d.text((560, 570), "2023年12月20日", fill=BLACK, font=font("noto-sans", 28))
    d.ellipse((560, 440, 760, 640), outline=RED, width=8)  # the seal over the issuer and date
    img.save(path)
    return path


class TypeIsAward:
    classes_ = ("award_certificate", "other")
    reject_threshold = None

    def predict_proba(self, pages: list) -> list[list[float]]:
        return [[1.0, 0.0] for _ in pages]


def test_red_bands_are_the_lines_of_red_type_not_the_seal(tmp_path: Path) -> None:
    img = Image.open(certificate(tmp_path / "c.png"))
    bands = red_text_bands(img)
    assert len(bands) == 2  # the heading and the grade; the round seal is as high as it is wide
    assert all(b[2] - b[0] > 2 * (b[3] - b[1]) for b in bands)


def test_a_red_grade_is_read_in_a_second_pass_and_cached(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.ocr.red_text as red_text

    monkeypatch.setenv("CEHOURS_HOME", str(tmp_path / "home"))
    path = certificate(tmp_path / "c.png")
    page = ocr_image(Image.open(path), ENGINE)
    assert "等奖" not in page.text  # the first read whites the red out with the seal
    page.file_sha256 = "f" * 64
    file = StoredFile("f" * 64, "c.png", path.stat().st_size, "png", str(path))
    item = ItemSource("A1", "A1/award", [file])
    zhang = Applicant("A1", "张伟", eval_year=2024, title_level="senior")
    reading = read_item(item, [page], zhang, classifier=TypeIsAward())
    grade = reading.fields["grade"]
    assert grade.value == 1 and "第二次识别" in grade.check
    assert reading.fields["level"].value == "municipal"  # the rest from the first read

    def no_engine(*_a: object) -> list:
        raise AssertionError("read again instead of from the cache")

    monkeypatch.setattr(red_text, "read_red_text", no_engine)
    assert read_item(item, [page], zhang, classifier=TypeIsAward()).fields["grade"].value == 1


def test_a_text_layer_or_a_missing_file_gets_no_second_read(tmp_path: Path) -> None:
    from pipeline.ocr.red_text import red_lines
    from pipeline.types import Page

    page = Page("f" * 64, 0, 900, 640, "获奖证书", engine="textlayer")
    assert red_lines(StoredFile("f" * 64, "c.pdf", 1, "pdf", str(tmp_path / "c.pdf")), page, None) == []
    page = Page("f" * 64, 0, 900, 640, "获奖证书", engine=ENGINE)
    assert red_lines(StoredFile("f" * 64, "c.png", 1, "png", str(tmp_path / "gone.png")), page, None) == []


def test_a_display_line_that_lost_its_numeral_is_read_again_widened() -> None:
    from pipeline.ocr.red_text import read_widened
    from pipeline.types import Line

    img = Image.new("RGB", (900, 300), "white")
    big = font("noto-serif-bold", 90)
    ImageDraw.Draw(img).text((200, 100), "一  等  奖", fill=BLACK, font=big)
    left = 200 + int(ImageDraw.Draw(img).textlength("一  ", font=big))
    lost = Line("等奖", (left, 100, 760, 210), 0.99)  # the first read's box, 一 outside it
    other = Line("特发此证", (100, 250, 300, 280), 0.99)  # not a partial grade: not read again
    got = read_widened(img, [lost, other], ENGINE, "等\\s*奖|奖")
    assert [ln.text.replace(" ", "") for ln in got] == ["一等奖"]
    assert got[0].box[0] < left  # in page coordinates, reaching over the lost glyph


def test_in_a_batch_run_the_second_read_runs_on_an_ocr_worker_with_the_runs_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """`cehours process` closes its OCR pool before the items are read; the second read then runs
    on one worker of the run's engine and OCR cache dir (``process.second_read_pool``), so the
    calling process loads no model of its own and the default cache stays untouched."""
    from pipeline.ocr import engines
    from pipeline.ocr.pool import OcrPool
    from pipeline.process import second_read_pool

    monkeypatch.setenv("CEHOURS_HOME", str(tmp_path / "home"))  # the default cache: must stay empty
    run_cache = tmp_path / "run-cache"
    path = certificate(tmp_path / "c.png")
    file = StoredFile("f" * 64, "c.png", path.stat().st_size, "png", str(path))
    with OcrPool(ENGINE, workers=1, cache_dir=run_cache) as pool:  # the run's OCR stage
        (page,) = pool.read_files([file])[file.sha256]
    assert page.error is None and "等奖" not in page.text
    monkeypatch.setattr(engines, "_ENGINES", {})  # whatever earlier tests loaded in this process
    item = ItemSource("A1", "A1/award", [file])
    zhang = Applicant("A1", "张伟", eval_year=2024, title_level="senior")
    started: list[OcrPool] = []
    spawn = OcrPool._spawn

    def counted(pool: OcrPool) -> object:
        started.append(pool)
        return spawn(pool)

    monkeypatch.setattr(OcrPool, "_spawn", counted)
    with second_read_pool(ENGINE, None, run_cache):
        reading = read_item(item, [page], zhang, classifier=TypeIsAward())
    assert reading.fields["grade"].value == 1 and "第二次识别" in reading.fields["grade"].check
    assert engines._ENGINES == {}  # no engine loaded here: the read ran in the worker
    assert len(started) == 1  # one worker, started for it
    assert started[0]._workers == []  # and stopped after the items
    files = {p.name for p in (run_cache / "pages").rglob("*.json.gz")}
    assert len(files) == 2  # the page and its second read, both in the run's cache
    assert not (tmp_path / "home").exists() or not list((tmp_path / "home").rglob("*.json.gz"))
    # the same again is served from the run's cache: no worker started
    with second_read_pool(ENGINE, None, run_cache):
        assert read_item(item, [page], zhang, classifier=TypeIsAward()).fields["grade"].value == 1
    assert len(started) == 1 and engines._ENGINES == {}
