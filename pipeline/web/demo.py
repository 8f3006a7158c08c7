"""A small scanned batch for the web pages' tests, benchmark and a first look (``seed_demo``).

The scans are drawn here (a patent certificate and a training certificate in a CJK font), then
go through the real pipeline (``pipeline.process.process_batch``): intake into the
content-addressed store, OCR (tesseract), field extraction, the rules, proposals. Only the
evidence-type classifier can be swapped for a fixed answer (``classify="by_name"``), for
checkouts where the model has not been trained yet.
"""

from __future__ import annotations

import io
import zipfile
from functools import partial
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.codes import patent_check_digit

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
MANIFEST = "applicant_id,name,employer,title_level,eval_year\n"


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    raise FileNotFoundError("no CJK font installed (fonts-noto-cjk or fonts-wqy-zenhei)")


def _page(title: str, lines: list[str]) -> bytes:
    img = Image.new("RGB", (1240, 900), "white")
    d = ImageDraw.Draw(img)
    big, body = _font(58), _font(36)
    w = d.textlength(title, font=big)
    d.text(((1240 - w) / 2, 70), title, font=big, fill="black")
    for i, text in enumerate(lines):
        d.text((130, 210 + i * 76), text, font=body, fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def patent_png(name: str = "张三", rank_names: str = "", year: int = 2023, serial: int = 1) -> bytes:
    inventors = rank_names or f"{name}；李四"
    digits = f"20211034{5678 + serial:04d}"
    number = f"ZL {digits[:4]} {digits[4]} {digits[5:]}.{patent_check_digit(digits)}"
    return _page("发明专利证书", [
        "证书号第4567890号",
        "发明名称：一种水稻病虫害智能监测方法",
        f"发明人：{inventors}",
        f"专利号：{number}",
        "专利申请日：2021年03月29日",
        f"授权公告日：{year}年06月16日",
        "专利权人：常德市农业科学研究院",
    ])  # fmt: skip


def training_png(name: str = "张三", year: int = 2023) -> bytes:
    return _page("结业证书", [
        f"{name}同志：",
        f"于{year}年5月8日至{year}年5月10日参加",
        "常德市专业技术人员继续教育专业科目培训班",
        "学习期满，成绩合格，准予结业。",
        "共计24学时。",
        "证书编号：CDJX20230518",
        f"常德市人力资源和社会保障局  {year}年5月10日",
    ])  # fmt: skip


def demo_files(names: tuple[str, ...] = ("张三",)) -> dict[str, bytes]:
    """{relative path: bytes} of a batch: one applicant per name, a patent and a training each."""
    files: dict[str, bytes] = {}
    rows = []
    for i, name in enumerate(names, start=1):
        aid = f"A{i:03d}"
        rows.append(f"{aid},{name},常德市农业科学研究院,senior,2024\n")
        files[f"{aid}/patent.png"] = patent_png(name, year=2023 - i + 1, serial=i)
        files[f"{aid}/training.png"] = training_png(name, year=2022)
    files["manifest.csv"] = (MANIFEST + "".join(rows)).encode("utf-8")
    return files


def write_demo_zip(path: Path, names: tuple[str, ...] = ("张三",)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for rel, data in demo_files(names).items():
            z.writestr(rel, data)
    return path


def write_demo_folder(folder: Path, names: tuple[str, ...] = ("张三",)) -> Path:
    for rel, data in demo_files(names).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


class _ByName:
    """Stand-in for the page classifier: the type named by the file (patent / training)."""

    classes_ = ("patent_certificate", "training_certificate", "other")

    def predict_proba(self, pages: list[Any]) -> list[list[float]]:
        out = []
        for p in pages:
            text = getattr(p, "text", "")
            if "专利" in text:
                out.append([0.97, 0.02, 0.01])
            elif "结业" in text or "培训" in text:
                out.append([0.02, 0.96, 0.02])
            else:
                out.append([0.1, 0.1, 0.8])
        return out


def seed_demo(db_url: str, batch_path: Path, store_dir: Path, cache_dir: Path, classify: str = "auto") -> int:
    """Run the pipeline steps over ``batch_path`` into ``db_url``; returns the batch id.

    ``classify``: "model" (the trained classifier), "by_name" (a fixed answer from the page
    text), or "auto" (the model when it has been trained, else by_name).
    """
    from pipeline.process import process_batch
    from pipeline.understand import read_item

    read = None  # the shipped model
    if classify == "by_name" or (classify == "auto" and not _model_available()):
        read = partial(read_item, classifier=_ByName())

    summary = process_batch(batch_path, db_url=db_url, engine="tesseract", workers=1, store_dir=store_dir,
                            cache_dir=cache_dir, read=read)  # fmt: skip
    return summary.batch_id


def _model_available() -> bool:
    """The model has been trained (its file is there). A model that is there but does not load
    (truncated, another scikit-learn) is an error of the run, never a quiet switch to by_name."""
    from classifiers import DEFAULT_MODEL

    return DEFAULT_MODEL.is_file()
