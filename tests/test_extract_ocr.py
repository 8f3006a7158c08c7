"""Extraction proven on real OCR output: pages rendered with a CJK font, degraded like a
phone scan (slight skew, downscale, blur, off-white paper), read by tesseract chi_sim+eng
through the OCR stage, then extracted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.extract import extract_fields
from pipeline.types import Applicant, Page

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

FONTS = [
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
]
FONT = next((f for f in FONTS if Path(f).exists()), None)
PAPER = (246, 243, 235)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(FONT is None, reason="no CJK font installed"),
]


def scan(lines: list[str], size: int = 30) -> Image.Image:
    font = ImageFont.truetype(FONT, size)  # type: ignore[arg-type]
    im = Image.new("RGB", (1240, 120 + 56 * len(lines)), PAPER)
    d = ImageDraw.Draw(im)
    for i, t in enumerate(lines):
        d.text((80, 60 + 56 * i), t, fill=(25, 25, 30), font=font)
    im = im.rotate(0.8, expand=True, fillcolor=PAPER, resample=Image.Resampling.BICUBIC)
    im = im.resize((im.width * 2 // 3, im.height * 2 // 3))
    return im.filter(ImageFilter.GaussianBlur(0.6))


def ocr(lines: list[str]) -> Page:
    from pipeline.ocr.reader import ocr_image

    return ocr_image(scan(lines), "tesseract")


def test_award_certificate_from_real_ocr() -> None:
    # names spaced out as on many certificates, a Chinese-numeral month date under the seal
    page = ocr([
        "湖南省科学技术进步奖",
        "证  书",
        "项目名称：洞庭湖区水环境治理关键技术",
        "奖励等级：二等奖",
        "获奖者：陈 刚  李 娜  王 五",
        "湖南省人民政府",
        "二〇二三年十二月",
    ])
    f = extract_fields("award_certificate", [page], Applicant("A001", "李娜"))
    got = {k: v.value for k, v in f.items()}
    assert got["name_found"] is True
    assert got["rank"] == 2
    assert got["level"] == "provincial"
    assert got["grade"] == 2
    assert got["date"][:4] == "2023"
    # provenance: the rank came from the line that lists the winners, with its box on the page
    assert "娜" in f["rank"].source and f["rank"].box is not None and f["rank"].page == 0


def test_training_certificate_from_real_ocr() -> None:
    # full-width digits, which tesseract tends to split (2 024年, 1 6学时)
    page = ocr([
        "公需科目培训合格证明",
        "李 娜 同志：",
        "于２０２４年１０月１９日至２０日参加常德市公需科目培训班，",
        "共计１６学时，成绩合格。",
        "常德市人力资源和社会保障局培训中心",
        "2024年10月21日",
    ])
    fields = extract_fields("training_certificate", [page], Applicant("A001", "李娜"))
    got = {k: v.value for k, v in fields.items()}
    assert got["name_found"] is True
    assert (got["start_date"], got["end_date"], got["days"]) == ("2024-10-19", "2024-10-20", 2.0)
    assert got["stated_hours"] == 16.0
    assert got["subject"] == "public"
