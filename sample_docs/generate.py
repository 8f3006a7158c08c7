"""Generate batches of realistic Chinese evidence scans with ground truth.

    generate_batch(out_dir, seed, applicants=4)   a batch in the layout of docs/contract.md section 1,
                                                  plus .truth.jsonl (see sample_docs/truth.py)
    generate_pages(out_dir, seed, per_type=20)    single pages of every page kind, with text,
                                                  for classifier training (pages.jsonl)
    python -m sample_docs.generate --demo         regenerate sample_docs/batch-demo (seed 7)

Everything is drawn from ``random.Random`` instances seeded by strings derived from the seed, so
the same seed gives byte-identical files. Seed policy: see sample_docs/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import ctypes
import hashlib
import io
import json
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from sample_docs import degrade, fileforms
from sample_docs.canvas import DocPage
from sample_docs.fonts import pick_style
from sample_docs.items import ItemSpec, Person, build_item
from sample_docs.layouts import PAGE_KINDS
from sample_docs.render import render_page
from sample_docs.scenarios import ApplicantPlan, ItemPlan, plan_batch
from sample_docs.truth import expected_for, write_truth

DEMO_SEED = 7
DEMO_DIR = Path(__file__).resolve().parent / "batch-demo"

# How pages are degraded, weighted like real uploads.
PROFILE_WEIGHTS = {
    "scan": 30,
    "low_res_scan": 16,
    "rotated_scan": 8,
    "phone_photo": 22,
    "screenshot": 7,
    "jpeg_heavy": 4,
    "clean": 13,
}
SINGLE_FORMS = {
    "jpeg": 44,
    "png": 12,
    "pdf_image": 13,
    "tiff": 5,
    "webp": 9,
    "bmp": 2,
}  # + pdf_text, rolled apart
MULTI_MODES = {"folder": 50, "multipage": 32, "combined": 18}

NAME_HINTS: dict[str, tuple[str, ...]] = {
    "patent_certificate": ("专利证书", "发明专利", "专利"),
    "award_certificate": ("获奖证书", "科技进步奖", "荣誉证书"),
    "journal_paper": ("论文", "期刊论文", "发表论文"),
    "book_publication": ("著作", "出版专著", "教材"),
    "training_certificate": ("培训证书", "结业证书", "培训材料"),
    "training_notice": ("培训通知", "培训安排"),
    "online_course_certificate": ("网络学习证明", "网络培训", "远程教育"),
    "conference_record": ("学术会议", "会议材料", "参会证明"),
    "practice_activity": ("实践活动", "下乡服务"),
    "project_completion": ("结题证书", "课题结题", "项目结题"),
    "digital_skills_exam": ("数字技术考试", "合格证书"),
    "aid_assignment": ("援派材料", "援派考核"),
    "degree_transcript": ("成绩单", "研究生成绩单"),
    "qualification_exam_scores": ("资格考试成绩", "成绩通知单"),
    "overseas_exchange": ("海外交流", "出国交流"),
    "hours_recognition_sheet": ("学时认定单", "以前年度认定单"),
    "public_institution_training": ("事业单位培训证书", "培训合格证书"),
    "other": ("其他", "附件", "补充材料"),
}
PAGE_NAMES = {
    "journal_cover": "封面",
    "journal_contents": "目录",
    "journal_copyright": "版权页",
    "book_cover": "封面",
    "book_copyright": "版权页",
    "book_contents": "目录",
    "training_notice": "通知",
    "training_schedule": "课程表",
    "sign_in_sheet": "签到表",
    "training_certificate": "证书",
    "course_content": "学习记录",
    "online_course_certificate": "证书",
    "conference_invitation": "邀请函",
    "conference_receipt": "回执",
    "study_notes": "学习笔记",
    "practice_notice": "活动通知",
    "dispatch_notice": "派出通知",
    "activity_log": "活动日志",
    "aid_dispatch_notice": "派遣通知",
    "aid_assessment_form": "考核表",
    "overseas_invitation": "邀请函",
    "overseas_receipt": "回执",
    "overseas_certificate": "结业证书",
}
SMALL_KINDS = {"id_card", "training_certificate"}  # small paper: a BMP of it stays small


@dataclass
class Settings:
    render_dpi: int = 200  # clean pages are drawn at this resolution
    jpeg_quality: int = 80
    max_px: int = 2400  # longest side of a written image (phone photos are downscaled to it)


@dataclass
class WrittenItem:
    item: str  # relative path of the file or item folder
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes
    pages: list[dict[str, Any]] = field(default_factory=list)


def _release_memory() -> None:
    """Give freed image buffers back to the OS between items. glibc keeps freed multi-MB numpy
    and Pillow buffers in its heap (its mmap threshold rises after the first big free), so a
    long batch would otherwise grow to ~1 GB of resident memory. No-op off glibc."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _choice(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _fit(img: Image.Image, max_px: int) -> Image.Image:
    if max(img.size) <= max_px:
        return img
    k = max_px / max(img.size)
    return img.resize((round(img.width * k), round(img.height * k)), Image.Resampling.LANCZOS)


def _page_truth(
    file: str, page_no: int, pages: list[DocPage], applied: list[str], dpi: int
) -> dict[str, Any]:
    kinds = [p.kind for p in pages]
    ptype = pages[0].page_type
    if len(pages) > 1:  # two documents in one picture: the item's type would be the reader's answer
        ptype = "+".join(dict.fromkeys(p.page_type for p in pages))
    return {
        "file": file,
        "page_no": page_no,
        "type": ptype,
        "kind": "+".join(kinds),
        "text": "\n".join(line for p in pages for line in p.lines),
        "degradations": applied,
        "dpi": dpi,
    }


def _encode(form: str, imgs: list[Image.Image], s: Settings, dpi: int) -> bytes:
    if form in fileforms.IMAGE_FORMS:
        return fileforms.encode_image(imgs[0], form, s.jpeg_quality, dpi)
    if form == "tiff":
        return fileforms.encode_tiff(imgs, dpi, s.jpeg_quality)
    if form == "pdf_image":
        return fileforms.encode_image_pdf(imgs, dpi, s.jpeg_quality)
    raise ValueError(form)


def _degraded(
    page: DocPage | Image.Image, rng: random.Random, profile: str, s: Settings, render_dpi: int
) -> tuple[Image.Image, list[str], int]:
    img = page.img if isinstance(page, DocPage) else page
    out, applied, dpi = degrade.apply(img, profile, rng, render_dpi, max_px=s.max_px)
    fitted = _fit(out, s.max_px)
    # the dpi a reader sees: the paper's resolution in the image as written
    return fitted, applied, round(dpi * fitted.width / out.width)


def render_item_files(
    spec: ItemSpec,
    rng: random.Random,
    base: str,
    s: Settings,
    form: str | None = None,
    profile: str | None = None,
    force_mode: str | None = None,
) -> WrittenItem:
    """Render ``spec`` and encode it as one file, one multi-page file, one picture of two documents,
    or an item folder of files. ``base`` is the item path without extension (applicant/name)."""
    n = len(spec.page_kinds)
    mode = "file" if n == 1 else _choice(rng, MULTI_MODES)
    if n > 1 and force_mode:
        mode = force_mode
    if mode == "combined" and n != 2:  # two documents in one picture: only for two-page items
        mode = "folder"
    if n > 1 and form in ("tiff", "pdf_image"):  # a forced form decides how the pages travel
        mode = "multipage"
    elif n > 1 and form in fileforms.IMAGE_FORMS and mode == "multipage":
        mode = "folder"
    if form == "pdf_text" or (form is None and mode in ("file", "multipage") and rng.random() < 0.11):
        form = "pdf_text"
        mode = "file" if n == 1 else "multipage"
    style = pick_style(rng, born_digital=form == "pdf_text")
    dpi = s.render_dpi
    pages = [render_page(k, spec.data, rng, style, dpi) for k in spec.page_kinds]
    out = WrittenItem(item=base)
    if form == "pdf_text":
        rel = base + ".pdf"
        out.item = rel
        out.files[rel] = fileforms.encode_text_pdf(pages, s.jpeg_quality)
        out.pages = [_page_truth(rel, i, [p], ["born_digital"], dpi) for i, p in enumerate(pages)]
        return out
    if mode == "combined":
        prof = profile or rng.choice(["phone_photo", "phone_photo", "scan"])
        both = degrade.side_by_side([p.img for p in pages], rng)
        # Two pages side by side need more pixels for the same text size.
        wide = Settings(s.render_dpi, s.jpeg_quality, round(s.max_px * 1.5))
        img, applied, pdpi = _degraded(both, rng, prof, wide, dpi)
        f = form if form in ("jpeg", "png", "webp") else "jpeg"
        rel = base + fileforms.EXTENSIONS[f]
        out.item = rel
        out.files[rel] = _encode(f, [img], s, pdpi)
        out.pages = [_page_truth(rel, 0, pages, ["two_documents", *applied], pdpi)]
        return out
    if mode == "multipage":
        f = form if form in ("tiff", "pdf_image") else rng.choice(["pdf_image", "pdf_image", "tiff"])
        prof = profile or rng.choice(["scan", "scan", "low_res_scan", "clean"])
        rel = base + fileforms.EXTENSIONS[f]
        out.item = rel
        imgs = []
        for i, p in enumerate(pages):
            img, applied, pdpi = _degraded(p, rng, prof, s, dpi)
            imgs.append(img)
            out.pages.append(_page_truth(rel, i, [p], applied, pdpi))
        out.files[rel] = _encode(f, imgs, s, out.pages[0]["dpi"])
        return out
    if mode == "file":
        p = pages[0]
        f = form or _choice(rng, SINGLE_FORMS)
        if f == "bmp" and p.kind not in SMALL_KINDS:
            f = "png"
        prof = profile or _choice(rng, PROFILE_WEIGHTS)
        if f == "bmp":
            prof = "low_res_scan"
        elif f == "png" and prof not in ("clean", "screenshot"):
            # PNGs people upload are exports and screenshots; a noisy photo as PNG is rare (and huge).
            prof = rng.choice(["clean", "screenshot"])
        if f == "heic":
            prof = "phone_photo"  # HEIC is what iPhones send: always a photo
        elif prof == "phone_photo" and f == "jpeg" and rng.random() < 0.2:
            f = "heic"
        img, applied, pdpi = _degraded(p, rng, prof, s, dpi)
        name = base
        if prof == "phone_photo" and rng.random() < 0.6:
            when = f"{rng.randint(2019, 2024)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            name = (
                base.rsplit("/", 1)[0] + f"/IMG_{when}_{rng.randint(7, 21):02d}{rng.randint(0, 59):02d}"
                f"{rng.randint(0, 59):02d}"
            )
        rel = name + fileforms.EXTENSIONS[f]
        out.item = rel
        out.files[rel] = _encode(f, [img], s, pdpi)
        out.pages = [_page_truth(rel, 0, [p], applied, pdpi)]
        return out
    # item folder: one file per page
    out.item = base
    for i, p in enumerate(pages):
        f = form if form in fileforms.IMAGE_FORMS else rng.choice(["jpeg", "jpeg", "jpeg", "png", "webp"])
        prof = profile or _choice(rng, PROFILE_WEIGHTS)
        if f == "png" and prof not in ("clean", "screenshot"):
            f = "jpeg"
        if f == "heic":
            prof = "phone_photo"
        img, applied, pdpi = _degraded(p, rng, prof, s, dpi)
        rel = f"{base}/{i + 1}_{PAGE_NAMES.get(p.kind, '材料')}{fileforms.EXTENSIONS[f]}"
        out.files[rel] = _encode(f, [img], s, pdpi)
        out.pages.append(_page_truth(rel, 0, [p], applied, pdpi))
    return out


def _item_base(ap: ApplicantPlan, spec: ItemSpec, plan: ItemPlan, rng: random.Random, used: set[str]) -> str:
    hint = rng.choice(NAME_HINTS[spec.evidence_type])
    if spec.evidence_type == "patent_certificate":
        hint = {
            "invention": "发明专利证书",
            "utility_model": "实用新型专利证书",
            "design": "外观设计专利证书",
        }[spec.fields["patent_kind"]]
    if spec.evidence_type == "other":
        hints = {"id_card": "身份证", "invoice": "发票", "honour_certificate": "荣誉证书",
                 "participation_certificate": "参赛证明", "event_invitation": "邀请函",
                 "exam_score_query": "成绩查询", "prize_list": "获奖记录", "contest_submission": "作品提交",
                 "contest_notice": "比赛通知", "office_notice_en": "notice",
                 # issue #12 (pubs-12f): publications' look-alikes
                 "conference_paper": "会议论文", "research_poster": "海报", "acceptance_notice": "录用通知"}
        hint = hints.get(spec.page_kinds[0], "其他材料")
    stem = f"{plan.year}_{hint}" if rng.random() < 0.5 else hint
    if "duplicate" in " ".join(plan.planted) and plan.copy_of is not None:
        stem = stem + "_副本"
    name = stem
    k = 2
    while f"{ap.person.applicant_id}/{name}" in used:
        name = f"{stem}_{k}"
        k += 1
    used.add(f"{ap.person.applicant_id}/{name}")
    return f"{ap.person.applicant_id}/{name}"


def _manifest(plans: list[ApplicantPlan], rng: random.Random) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["applicant_id", "name", "employer", "title_level", "eval_year", "id_number"])
    cn = {"senior": "高级", "intermediate": "中级", "junior": "初级"}
    for ap in plans:
        p = ap.person
        level = cn[p.title_level] if rng.random() < 0.3 else p.title_level
        w.writerow([p.applicant_id, p.name, p.employer, level, p.eval_year, p.id_number])
    return buf.getvalue().encode("utf-8")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _make_room(out: Path, overwrite: bool, marker: str, delete: bool = True) -> None:
    """Let ``out`` be written: absent or empty, or (with ``overwrite``) an earlier generated set,
    recognised by its ``marker`` file. Anything else is never deleted. ``delete=False`` only
    checks (the old set stays until the new one is complete)."""
    if not out.exists() or not any(out.iterdir()):
        return
    if not overwrite:
        raise FileExistsError(f"{out} is not empty; pass overwrite=True (--overwrite) to replace it")
    if not (out / marker).is_file():
        raise FileExistsError(
            f"refusing to replace {out}: it holds no {marker}, so it is not a generated set"
        )
    if delete:
        shutil.rmtree(out)


def generate_batch(
    out_dir: str | Path,
    seed: int,
    applicants: int = 4,
    items_per_applicant: tuple[int, int] = (6, 9),
    types: tuple[str, ...] | None = None,
    specials: bool = True,
    bad_inputs: bool = False,
    settings: Settings | None = None,
    eval_year: int = 2024,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write a batch (manifest.csv, one folder per applicant, .truth.jsonl) into ``out_dir``.

    Deterministic: the same arguments give byte-identical files. ``out_dir`` must be empty or
    absent unless ``overwrite`` (then it is replaced). Returns ``out_dir``.
    """
    out = Path(out_dir).absolute()  # absolute: a staging sibling needs a real name (not '.')
    _make_room(out, overwrite, ".truth.jsonl", delete=False)
    s = settings or Settings()
    plans = plan_batch(seed, applicants, items_per_applicant, types, specials, eval_year)
    rng = random.Random(f"batch:{seed}")
    # Files go to a staging folder as they are made (memory stays flat for big batches) and the
    # folder becomes ``out_dir`` only when the batch is complete.
    stage = out.with_name(out.name + ".partial")
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    manifest = _manifest(plans, rng)
    records: list[dict[str, Any]] = []
    specs: dict[tuple[str, int], ItemSpec] = {}
    written: dict[tuple[str, int], WrittenItem] = {}
    used: set[str] = set()
    total = sum(len(ap.items) for ap in plans)
    persons = {ap.person.applicant_id: ap.person for ap in plans}
    # Items that show another item's evidence come after it, whatever their order in the plan.
    order = [
        (ai, ii)
        for ai, ap in enumerate(plans)
        for ii, it in enumerate(ap.items)
        if it.copy_of is None and it.same_as is None and it.share_with is None
    ]
    order += [
        (ai, ii) for ai, ap in enumerate(plans) for ii, it in enumerate(ap.items) if (ai, ii) not in order
    ]
    for done, (ai, ii) in enumerate(order, 1):
        ap = plans[ai]
        plan = ap.items[ii]
        aid = ap.person.applicant_id
        irng = random.Random(f"item:{seed}:{aid}:{ii}")
        if plan.copy_of is not None:  # the same file(s) again under another name
            src = written[(aid, plan.copy_of)]
            spec = specs[(aid, plan.copy_of)]
            base = _item_base(ap, spec, plan, irng, used)
            w = _copy_written(src, base, stage)
        else:
            if plan.same_as is not None:
                spec = copy.deepcopy(specs[(aid, plan.same_as)])
            elif plan.share_with is not None:
                spec = _shared_spec(specs[(plan.share_with[0], plan.share_with[1])], ap.person, plan)
            else:
                spec = build_item(plan.evidence_type, irng, ap.person, plan.year, **plan.opts)
            base = _item_base(ap, spec, plan, irng, used)
            w = render_item_files(spec, irng, base, s, plan.form, plan.profile, plan.mode)
        specs[(aid, ii)] = spec
        hashes = []
        for rel, data in w.files.items():
            fileforms.write(stage / rel, data)
            hashes.append(_sha(data))
        w.files = dict.fromkeys(w.files, b"")  # on disk now; copies read them back from there
        written[(aid, ii)] = w
        records.append(
            {
                "applicant_id": aid,
                "item": w.item,
                "evidence_type": spec.evidence_type,
                "family": spec.family,
                "fields": spec.fields,
                "parts": spec.parts,
                "pages": w.pages,
                "planted": plan.planted,
                "_key": spec.key,
                "_files": hashes,
            }
        )
        _release_memory()
        if progress:
            progress(done, total)
    if bad_inputs:
        records += _bad_inputs(plans[-1].person, stage, rng, s)
    levels = {aid: (p.title_level, p.eval_year) for aid, p in persons.items()}
    expected_for(records, levels)
    records.sort(key=lambda r: (r["applicant_id"], r["item"]))
    fileforms.write(stage / "manifest.csv", manifest)
    write_truth(stage / ".truth.jsonl", records)
    if out.exists():
        _make_room(out, overwrite, ".truth.jsonl")  # the old set goes only now, the new one complete
        if out.exists():
            out.rmdir()  # an empty folder
    stage.rename(out)
    return out


def _copy_written(src: WrittenItem, base: str, stage: Path) -> WrittenItem:
    """The files of ``src`` (already written under ``stage``) again, under the item path ``base``."""
    if len(src.files) == 1 and src.item in src.files:
        ext = Path(src.item).suffix
        rel = base + ext
        return WrittenItem(
            rel, {rel: (stage / src.item).read_bytes()}, [{**p, "file": rel} for p in src.pages]
        )
    w = WrittenItem(base)
    for rel in src.files:
        new = base + "/" + rel.rsplit("/", 1)[1]
        w.files[new] = (stage / rel).read_bytes()
    w.pages = [{**p, "file": base + "/" + p["file"].rsplit("/", 1)[1]} for p in src.pages]
    return w


def _shared_spec(src: ItemSpec, person: Person, plan: ItemPlan) -> ItemSpec:
    """The same evidence as ``src`` seen by a co-author / co-inventor ``person``."""
    spec = copy.deepcopy(src)
    names = spec.data.get("names") or []
    rank = names.index(person.name) + 1 if person.name in names else None
    spec.fields["person_name"] = person.name
    spec.fields["name_found"] = rank is not None
    if rank is not None:
        spec.fields["rank"] = rank
    return spec


def _bad_inputs(person: Person, stage: Path, rng: random.Random, s: Settings) -> list[dict[str, Any]]:
    """The unreadable and odd files of docs/contract.md section 1, written into one applicant's folder."""
    aid = person.applicant_id
    recs: list[dict[str, Any]] = []
    # A real JPEG cut off (an interrupted upload).
    jpegs = sorted(str(p.relative_to(stage)) for p in stage.rglob("*.jpg"))
    blank = Image.new("RGB", (400, 300), "white")
    src = (stage / jpegs[0]).read_bytes() if jpegs else fileforms.encode_image(blank, "jpeg")
    bad = {
        f"{aid}/空白扫描.jpg": (b"", "zero bytes"),
        f"{aid}/证书照片_上传中断.jpg": (src[: len(src) // 3], "truncated JPEG"),
        f"{aid}/个人简历.docx": (_docx_bytes(person), "unsupported file type (.docx)"),
    }
    for rel, (data, why) in bad.items():
        fileforms.write(stage / rel, data)
        recs.append(
            {
                "applicant_id": aid,
                "item": rel,
                "evidence_type": None,
                "fields": {},
                "parts": [],
                "pages": [],
                "planted": ["bad_input"],
                "intake_error": why,
                "_key": "",
                "_files": [_sha(data)],
            }
        )
    # A valid document with the wrong extension: a JPEG named .png. It is an ordinary item.
    irng = random.Random(f"wrongext:{rng.random()}")
    spec = build_item("digital_skills_exam", irng, person, person.span[-1])
    w = render_item_files(spec, irng, f"{aid}/数字技术合格证_截图", s, form="jpeg", profile="screenshot")
    ((old_rel, data),) = w.files.items()
    rel = old_rel.removesuffix(".jpg") + ".png"
    fileforms.write(stage / rel, data)
    recs.append(
        {
            "applicant_id": aid,
            "item": rel,
            "evidence_type": spec.evidence_type,
            "family": spec.family,
            "fields": spec.fields,
            "parts": spec.parts,
            "pages": [{**p, "file": rel} for p in w.pages],
            "planted": ["wrong_extension"],
            "_key": spec.key,
            "_files": [_sha(data)],
        }
    )
    return recs


def _docx_bytes(person: Person) -> bytes:
    """A minimal Word file (a zip), with fixed timestamps so it is byte-stable."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (
            (
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"/>',
            ),
            (
                "word/document.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><document><body>个人简历 {person.name}'
                "</body></document>",
            ),
        ):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


# -- page-level dataset --------------------------------------------------------------------------


def generate_pages(
    out_dir: str | Path,
    seed: int,
    per_type: int = 20,
    kinds: tuple[str, ...] | None = None,
    settings: Settings | None = None,
    overwrite: bool = False,
) -> Path:
    """Single pages of every page kind (``per_type`` each), degraded like uploads, as JPEG/PNG
    files plus ``pages.jsonl`` (file, kind, type = the page's evidence type, part, text,
    degradations, dpi). For classifier training and OCR measurement."""
    from sample_docs.items import make_person

    out = Path(out_dir)
    kinds = tuple(kinds or PAGE_KINDS)
    unknown = [k for k in kinds if k not in PAGE_KINDS]
    if unknown:
        raise ValueError(f"unknown page kinds: {', '.join(unknown)}")
    _make_room(out, overwrite, "pages.jsonl")
    s = settings or Settings()
    builders = _builders_for_kinds()
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for kind in kinds:
        for i in range(per_type):
            rng = random.Random(f"page:{seed}:{kind}:{i}")
            person = make_person(rng, "P", rng.choice(["senior", "intermediate", "junior"]))
            etype, opts = builders[kind]
            spec = build_item(etype, rng, person, rng.randint(2018, 2024), **opts(rng))
            style = pick_style(rng)
            page = render_page(kind, spec.data, rng, style, s.render_dpi)
            prof = _choice(rng, PROFILE_WEIGHTS)
            img, applied, dpi = _degraded(page, rng, prof, s, s.render_dpi)
            form = "png" if rng.random() < 0.2 else "jpeg"
            rel = f"{kind}/{kind}_{i:04d}{fileforms.EXTENSIONS[form]}"
            fileforms.write(out / rel, _encode(form, [img], s, dpi))
            _release_memory()
            rows.append(
                {
                    "file": rel,
                    "kind": kind,
                    "type": page.page_type,
                    "part": page.part,
                    "text": "\n".join(page.lines),
                    "degradations": applied,
                    "dpi": dpi,
                    "seed": seed,
                }
            )
    with (out / "pages.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return out


def _builders_for_kinds() -> dict[str, tuple[str, Callable[[random.Random], dict[str, Any]]]]:
    """For each page kind: the evidence type whose builder supplies its data, and options."""
    none: Callable[[random.Random], dict[str, Any]] = lambda r: {}  # noqa: E731
    table: dict[str, tuple[str, Callable[[random.Random], dict[str, Any]]]] = {}
    for name, pk in PAGE_KINDS.items():
        et = pk.page_type
        if name in ("training_notice", "training_schedule", "sign_in_sheet", "training_certificate"):
            et = "training_certificate"
        if et == "other":
            table[name] = (et, lambda r, n=name: {"kind": n})
        else:
            table[name] = (et, none)
    table["journal_copyright"] = ("journal_paper", lambda r: {"pages": ["journal_copyright"]})
    # the publication families' own pages: their builders give them data only when asked for them
    table["journal_article"] = ("journal_paper", lambda r: {"pages": ["journal_article"]})
    table["book_title_page"] = ("book_publication", lambda r: {"pages": ["book_title_page"]})
    # a conference's own certificate is drawn by one family only (items_certs.family_of_pages)
    table["conference_certificate"] = ("conference_record", lambda r: {"pages": ["conference_certificate"]})
    table["course_content"] = ("online_course_certificate", none)
    table["overseas_certificate"] = ("overseas_exchange", none)
    table["dispatch_notice"] = ("practice_activity", none)
    table["activity_log"] = ("practice_activity", none)
    return table


# -- demo and command line -------------------------------------------------------------------


DEMO_SETTINGS = Settings(render_dpi=160, jpeg_quality=50, max_px=1700)


def generate_demo(out_dir: str | Path = DEMO_DIR) -> Path:
    """The committed demo batch: seed 7, 4 applicants, every evidence type, bad inputs, < 5 MB."""
    return generate_batch(
        out_dir,
        DEMO_SEED,
        applicants=4,
        items_per_applicant=(5, 6),
        bad_inputs=True,
        settings=DEMO_SETTINGS,
        overwrite=True,
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m sample_docs.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("out", nargs="?", help="output folder")
    ap.add_argument("--demo", action="store_true", help="regenerate sample_docs/batch-demo (seed 7)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--applicants", type=int, default=4)
    ap.add_argument("--pages-only", action="store_true", help="page-level dataset instead of a batch")
    ap.add_argument("--per-type", type=int, default=20)
    ap.add_argument("--overwrite", action="store_true")
    a = ap.parse_args(argv)
    if a.demo:
        print(generate_demo(a.out or DEMO_DIR))
        return 0
    if not a.out:
        ap.error("give an output folder, or --demo")
    if a.pages_only:
        print(generate_pages(a.out, a.seed, a.per_type, overwrite=a.overwrite))
    else:
        print(generate_batch(a.out, a.seed, a.applicants, overwrite=a.overwrite))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
