"""Pages with ground truth for measuring OCR, drawn with the sample_docs generator.

Unlike ``sample_docs.generate.generate_pages`` (which rolls a degradation per page like real
uploads), every page kind here is rendered under each profile in turn, so the low-res, rotated
and photo subsets are big enough to compare engines on. Seeds used for measurement are
evaluation seeds (1-99; nothing is fitted on them).

    python -m benchmarks.ocr_samples OUT_DIR --seed 23 --per-profile 6
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sample_docs import degrade
from sample_docs.fonts import pick_style
from sample_docs.generate import Settings, _builders_for_kinds, _fit
from sample_docs.items import build_item, make_person
from sample_docs.render import render_page

KINDS = (
    "patent_certificate", "award_certificate", "training_certificate", "project_completion",
    "digital_skills_exam", "public_institution_training", "online_course_certificate",
    "journal_copyright", "training_notice", "qualification_exam_scores",
)
PROFILES = ("scan", "low_res_scan", "rotated_scan", "phone_photo", "screenshot", "clean")
# How a profile is reported: the subsets the brief asks for.
SUBSET = {"scan": "scan", "clean": "scan", "low_res_scan": "low_res", "screenshot": "low_res",
          "rotated_scan": "rotated", "phone_photo": "photo", "jpeg_heavy": "scan"}


def make_eval_set(out_dir: str | Path, seed: int, per_profile: int = 6,
                  profiles: tuple[str, ...] = PROFILES, kinds: tuple[str, ...] = KINDS) -> Path:
    """Write ``per_profile`` pages per profile (kinds taken in turn) and ``truth.jsonl``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    s = Settings()
    builders = _builders_for_kinds()
    rows = []
    for profile in profiles:
        for i in range(per_profile):
            kind = kinds[(i + profiles.index(profile)) % len(kinds)]
            rng = random.Random(f"ocr-eval:{seed}:{profile}:{i}")
            person = make_person(rng, "P", rng.choice(["senior", "intermediate", "junior"]))
            etype, opts = builders[kind]
            spec = build_item(etype, rng, person, rng.randint(2018, 2024), **opts(rng))
            page = render_page(kind, spec.data, rng, pick_style(rng), s.render_dpi)
            img, applied, dpi = degrade.apply(page.img, profile, rng, s.render_dpi, max_px=s.max_px)
            img = _fit(img, s.max_px)
            rel = f"{profile}-{i:02d}-{kind}.jpg"
            img.save(out / rel, quality=s.jpeg_quality)
            rows.append({"file": rel, "kind": kind, "profile": profile, "subset": SUBSET[profile],
                         "degradations": applied, "dpi": dpi, "text": "\n".join(page.lines), "seed": seed})
    with (out / "truth.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return out


def load_truth(folder: str | Path) -> list[dict]:
    folder = Path(folder)
    text = (folder / "truth.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--per-profile", type=int, default=6)
    a = ap.parse_args()
    print(make_eval_set(a.out, a.seed, a.per_profile))


if __name__ == "__main__":
    main()


CJK_TTF = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # TrueType outlines: reportlab embeds it


def make_text_pdf(path: str | Path, pages: int, seed: int = 5) -> list[list[str]]:
    """A born-digital PDF (real text layer, CJK font) of ``pages`` pages; returns its lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", CJK_TTF, subfontIndex=0))
    rng = random.Random(f"text-pdf:{seed}")
    words = ["继续教育", "专业技术人员", "学时", "培训", "证书", "常德市", "人力资源和社会保障局",
             "科学技术进步奖", "发明专利", "论文"]
    c = canvas.Canvas(str(path), pagesize=A4)
    all_lines = []
    for p in range(pages):
        lines = [f"第{p + 1}页 关于专业技术人员继续教育学时认定的通知"]
        for _ in range(28):
            body = "".join(rng.choice(words) for _ in range(rng.randint(3, 6)))
            lines.append(f"{body}，编号 CD-{rng.randint(1000, 9999)}")
        y = A4[1] - 60
        for i, line in enumerate(lines):
            c.setFont("WQY", 16 if i == 0 else 11)
            c.drawString(56, y, line)
            y -= 26
        c.showPage()
        all_lines.append(lines)
    c.save()
    return all_lines
