"""OCR stage: real tesseract and RapidOCR on generated scans (seed 41, used by no fitting)."""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from pipeline.cjk import IDEOGRAPHS
from pipeline.ocr import read_file, read_files, resolve_engine
from pipeline.ocr.cache import OcrCache
from pipeline.ocr.textnorm import reading_order, remove_cjk_spaces
from pipeline.types import Line, StoredFile

SEED = 41
DEFAULT_ENGINE = "rapidocr-openvino"  # the measured best (docs/ocr.md): what auto stands for


def stored(path: Path, kind: str | None = None) -> StoredFile:
    data = path.read_bytes()
    return StoredFile(
        sha256=hashlib.sha256(data).hexdigest(),
        rel_path=path.name,
        size=len(data),
        kind=kind or path.suffix.lstrip(".").lower().replace("jpg", "jpeg"),
        stored_path=str(path),
    )


def flat(text: str) -> str:
    """What a reader compares: NFKC (full/half width alike), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# --- text clean-up (no OCR) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("发 明 专 利 证 书", "发明专利证书"),
        ("2021 年 03 月 15 日", "2021年03月15日"),
        ("专利号 : ZL 2021 1 0345678.9", "专利号:ZL 2021 1 0345678.9"),
        ("ISSN 1002-3674", "ISSN 1002-3674"),
        ("Zhang Wei 张 伟", "Zhang Wei 张伟"),
        ("发明人 : 张伟 ; 李晓明", "发明人:张伟;李晓明"),
        ("国家知识产权局 局长", "国家知识产权局局长"),
    ],
)
def test_cjk_spaces_removed_latin_spaces_kept(raw: str, clean: str) -> None:
    assert remove_cjk_spaces(raw) == clean


def test_reading_order_rows_top_to_bottom_then_left_to_right() -> None:
    def ln(text: str, x: int, y: int, w: int = 200) -> Line:
        return Line(text=text, box=(x, y, x + w, y + 40), conf=0.9)

    shuffled = [
        ln("授权公告日：2023年06月20日", 100, 505),
        ln("发明专利证书", 400, 100),
        ln("专利号：", 100, 300),
        ln("ZL202110345678.9", 900, 304),  # same row, far right: its own line after the label
        ln("发明人：张伟", 100, 200),
    ]
    assert [x.text for x in reading_order(shuffled)] == [
        "发明专利证书", "发明人：张伟", "专利号：", "ZL202110345678.9", "授权公告日：2023年06月20日",
    ]


def test_reading_order_joins_pieces_of_one_printed_line() -> None:
    pieces = [
        Line("：2023年06月20日", (240, 100, 500, 140), 0.9),
        Line("授权公告日", (100, 98, 230, 140), 0.8),
    ]
    (line,) = reading_order(pieces)
    assert line.text == "授权公告日：2023年06月20日"
    assert line.box == (100, 98, 500, 140)


# Both RapidOCR backends are installed from the lock; each is tested on real pages.
RAPID = ["rapidocr-openvino", "rapidocr-onnx"]


def test_engine_from_argument_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CEHOURS_OCR_ENGINE", raising=False)
    assert resolve_engine("auto") == "auto"
    monkeypatch.setenv("CEHOURS_OCR_ENGINE", "tesseract")
    assert resolve_engine("auto") == "tesseract"  # the environment picks for the default
    assert resolve_engine("rapidocr") == "rapidocr"  # an explicit choice wins
    monkeypatch.setenv("CEHOURS_OCR_ENGINE", "rapidocr-onnx")
    assert resolve_engine(None) == "rapidocr-onnx"
    with pytest.raises(ValueError, match="unknown OCR engine"):
        resolve_engine("abbyy")


def test_rapidocr_means_its_fastest_backend_and_backends_never_share_cache_entries() -> None:
    from pipeline.ocr.reader import cache_engine_name

    assert cache_engine_name("rapidocr") == "rapidocr-openvino"  # OpenVINO is installed (the lock)
    assert cache_engine_name("auto") == DEFAULT_ENGINE
    assert len({cache_engine_name(e) for e in ["tesseract", *RAPID]}) == 3


# --- generated scans ----------------------------------------------------------------------------


def _render(
    kind: str, etype: str, profile: str, tag: str, **degrade_kw: object
) -> tuple[Image.Image, dict, str]:
    from sample_docs import degrade
    from sample_docs.families import FAMILIES
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_page

    rng = random.Random(f"test-ocr:{SEED}:{tag}")
    person = make_person(rng, "P", "senior")
    # the original layout, whose key strings these tests look for (other families: eval)
    spec = build_item(etype, rng, person, 2022, family=FAMILIES[etype][0].name)
    page = render_page(kind, spec.data, rng, pick_style(rng), 200)
    img, _applied, _dpi = degrade.apply(page.img, profile, rng, 200, **degrade_kw)
    return img, spec.data, "\n".join(page.lines)


def _dates(truth: str) -> list[str]:
    return re.findall(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", truth)


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict, str]]:
    out = tmp_path_factory.mktemp("scans")
    pages = {
        "patent_scan": _render("patent_certificate", "patent_certificate", "scan", "patent"),
        "award_rotated": _render("award_certificate", "award_certificate", "rotated_scan", "award"),
        "patent_lowres": _render("patent_certificate", "patent_certificate", "low_res_scan", "lowres",
                                 scan_dpi=96),
    }
    img, data, truth = pages["patent_scan"]
    pages["patent_upside_down"] = (img.rotate(180), data, truth)
    files = {}
    for name, (img, data, truth) in pages.items():
        path = out / f"{name}.jpg"
        img.save(path, quality=85)
        files[name] = (path, data, truth)
    return files


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["auto", *[e for e in RAPID if e != DEFAULT_ENGINE]])
def test_rapidocr_backends_recover_key_strings(engine: str, scans: dict, tmp_path: Path) -> None:
    files = {name: stored(path) for name, (path, _, _) in scans.items()}
    seen: list[tuple[int, int]] = []
    got = read_files(
        list(files.values()), engine=engine, workers=2, cache_dir=tmp_path,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (4, 4)

    for name in ("patent_scan", "patent_lowres"):
        _, data, truth = scans[name]
        (page,) = got[files[name].sha256]
        assert page.error is None and page.engine == (DEFAULT_ENGINE if engine == "auto" else engine)
        text = flat(page.text)
        assert flat(data["patent_number_printed"]) in text, name
        for person in data["names"][:3]:
            assert person in text, (name, person)
        for date in _dates(truth):
            assert flat(date) in text, (name, date)

    _, data, truth = scans["award_rotated"]
    (page,) = got[files["award_rotated"].sha256]
    assert page.rotation in (90, 270)
    with Image.open(scans["award_rotated"][0]) as sideways:
        assert (page.width, page.height) == (sideways.height, sideways.width)  # boxes: the upright page
    text = flat(page.text)
    assert data["names"][0] in text
    assert flat(data["certificate_number"]) in text
    # reading order: the winner's name (top) comes before the issuer (bottom)
    assert flat(data["issuer"]) in text
    assert text.index(data["names"][0]) < text.rindex(flat(data["issuer"]))

    # upside down: turned by what RapidOCR's line classifier says, read top to bottom
    _, data, _ = scans["patent_upside_down"]
    (page,) = got[files["patent_upside_down"].sha256]
    assert page.rotation == 180
    text = flat(page.text)
    assert flat(data["patent_number_printed"]) in text
    assert data["names"][0] in text
    # same reading order as the upright scan: number and first name in the same sequence
    upright = flat(got[files["patent_scan"].sha256][0].text)
    number, name = flat(data["patent_number_printed"]), data["names"][0]
    assert (text.index(number) < text.index(name)) == (upright.index(number) < upright.index(name))


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["openvino", "onnx"])
def test_rapidocr_reads_long_lines_the_right_way_up(backend: str) -> None:
    # rapidocr's line classifier squeezes each crop into 48x192; on a 40:1 line it called the
    # line upside down, the line was turned and read as garbage or dropped (this very page:
    # the first line was lost). Long lines are judged on their middle part.
    from PIL import ImageDraw, ImageFont

    from pipeline.ocr.engines import RapidOcrEngine

    lines = [
        "该学员于2022年04月17日至2022年07月09日在华医网完成“新能源汽车电池综合治理技术”等课程的学习，经考",
        "兹证明张三同志于2023年03月02日至2023年03月05日参加常德市专业技术人员继续教育培训班学习，成绩合格",
        "本证书由常德市人力资源和社会保障局统一印制，证书编号WL20229279929，可在官方网站查询真伪，特此证明",
    ]
    img = Image.new("RGB", (2339, 700), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 36)
    for i, text in enumerate(lines):
        draw.text((120, 80 + i * 150), text, fill="black", font=font)
    assert [ln.text for ln in RapidOcrEngine(backend).read(img).lines] == lines


def _quad(x: float, y: float, w: float, h: float) -> list[list[float]]:
    return [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]


def test_orientation_vote_from_rapidocr_lines() -> None:
    from pipeline.ocr.orientation import line_vote_rotation

    wide = [_quad(50, 60 * i, 600, 40) for i in range(6)]
    tall = [_quad(60 * i, 50, 40, 600) for i in range(6)]
    assert line_vote_rotation(wide, [("0", 0.99)] * 6) == 0
    assert line_vote_rotation(wide, [("180", 0.99)] * 6) == 180
    # rapidocr turns tall crops a quarter counter-clockwise: "180" on them means turn 90 clockwise
    assert line_vote_rotation(tall, [("180", 0.99)] * 6) == 90
    assert line_vote_rotation(tall, [("0", 0.99)] * 6) == 270
    # unsure classifier, mixed verdicts or no lines: leave the page as it is
    assert line_vote_rotation(wide, [("180", 0.6)] * 6) == 0
    assert line_vote_rotation(tall, [("180", 0.99), ("0", 0.99)] * 3) == 0
    assert line_vote_rotation([], []) == 0
    # a few tall boxes (a vertical seal, a table column) do not make a page sideways
    assert line_vote_rotation(wide + tall[:2], [("0", 0.99)] * 8) == 0


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["openvino", "onnx"])
def test_engines_report_their_own_turn_and_keep_nothing_between_reads(backend: str, scans: dict) -> None:
    # Each read carries its own orientation evidence: an upside-down page read right after an
    # upright one, or an upright one right after it, gives what it gives when read alone.
    from pipeline.ocr.engines import RapidOcrEngine, TesseractEngine

    with Image.open(scans["patent_scan"][0]) as im, Image.open(scans["patent_upside_down"][0]) as turned:
        upright, upside_down = im.convert("RGB"), turned.convert("RGB")
    rapid = RapidOcrEngine(backend)
    alone = RapidOcrEngine(backend).read(upside_down)
    assert rapid.read(upright).turn == 0
    after = rapid.read(upside_down)
    assert after == alone and after.turn == 180
    assert rapid.read(upright).turn == 0
    assert rapid.keeps_turn(after, rapid.read(upright)) and not rapid.keeps_turn(after, after)
    if backend != "openvino":
        return
    # tesseract: OSD only when asked and only on a read that looks turned
    tess = TesseractEngine()
    assert tess.read(upside_down).turn == 180
    assert tess.read(upside_down, orient=False).turn == 0
    assert tess.read(upright).turn == 0


@pytest.mark.slow
def test_tesseract_engine_reads_a_scan(scans: dict) -> None:
    path, data, _ = scans["patent_scan"]
    (page,) = read_file(stored(path), engine="tesseract", cache_dir=False)
    assert page.engine == "tesseract" and page.error is None
    assert 0.5 < page.mean_conf <= 1.0
    assert page.lines and all(0 <= w.conf <= 1 for ln in page.lines for w in ln.words)
    assert flat(data["patent_number_printed"])[-6:] in flat(page.text)  # digits: tesseract's strong suit
    assert "  " not in page.text and not re.search(f"[{IDEOGRAPHS}] [{IDEOGRAPHS}]", page.text)


@pytest.mark.slow
def test_tesseract_turns_sideways_and_upside_down_pages(scans: dict) -> None:
    # Tesseract reads a quarter-turned page as vertical lines (right characters, wrong order) or
    # scraps: the page must be turned by OSD and the turned read kept.
    path, data, _ = scans["award_rotated"]
    (page,) = read_file(stored(path), engine="tesseract", cache_dir=False)
    assert page.rotation in (90, 270)
    assert data["names"][0] in flat(page.text) and "完成人" in page.text
    path, data, _ = scans["patent_upside_down"]
    (page,) = read_file(stored(path), engine="tesseract", cache_dir=False)
    assert page.rotation == 180
    assert flat(data["patent_number_printed"])[-6:] in flat(page.text)
    # an upright page is not turned
    (page,) = read_file(stored(scans["patent_scan"][0]), engine="tesseract", cache_dir=False)
    assert page.rotation == 0


# --- text layer, cache, failures ----------------------------------------------------------------


def _text_pdf(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in (lines[:3], lines[3:]):
        y = A4[1] - 80
        for line in page:
            c.setFont("WQY", 12)
            c.drawString(60, y, line)
            y -= 30
        c.showPage()
    c.save()


def test_text_layer_pdf_is_read_without_ocr(tmp_path: Path) -> None:
    lines = [
        "发明专利证书 第一页", "专利号：ZL 2021 1 0345678.9", "发明人：张伟；李晓明；王芳",
        "授权公告日：2023年06月20日", "专利权人：常德市建筑设计院有限公司", "ISSN 1002-3674 CN 43-1068/S",
    ]
    pdf = tmp_path / "digital.pdf"
    _text_pdf(pdf, lines)
    pages = read_file(stored(pdf), engine="tesseract", cache_dir=tmp_path / "cache")
    assert [p.engine for p in pages] == ["textlayer", "textlayer"]
    assert pages[0].text.splitlines() == [remove_cjk_spaces(x) for x in lines[:3]]
    assert pages[1].text.splitlines() == [remove_cjk_spaces(x) for x in lines[3:]]
    assert pages[0].cache_key == "" and not (tmp_path / "cache").exists()
    # boxes are in pixels of the page at 200 dpi, top-left origin: the first line is near the top
    assert pages[0].width == round(595.27 * 200 / 72) and pages[0].lines[0].box[1] < pages[0].height * 0.1


def test_pdfs_are_closed_after_a_batch(tmp_path: Path) -> None:
    """pypdfium2 warns "object was still open" at exit for any document left to the GC."""
    from pipeline.ocr import sources

    pdf = tmp_path / "digital.pdf"
    _text_pdf(pdf, ["发明专利证书 第一页 授权公告日：2023年06月20日"] * 6)
    got = read_files([stored(pdf)], cache_dir=False)
    assert [p.engine for p in got[stored(pdf).sha256]] == ["textlayer", "textlayer"]
    assert not sources._OPEN_DOCS
    assert [p.engine for p in read_file(stored(pdf), cache_dir=False)] == ["textlayer", "textlayer"]
    assert not sources._OPEN_DOCS


@pytest.mark.slow
def test_cache_hit_needs_no_engine(scans: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _, _ = scans["patent_lowres"]
    f = stored(path)
    first = read_file(f, engine="tesseract", cache_dir=tmp_path)
    assert first[0].error is None and first[0].cache_key
    assert OcrCache(tmp_path)._page_path(first[0].cache_key).is_file()

    # Without its language data tesseract cannot run at all ...
    empty = tmp_path / "no-tessdata"
    empty.mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(empty))
    assert read_file(f, engine="tesseract", cache_dir=False)[0].error
    # ... yet the cached reading comes back, identical.
    again = read_file(f, engine="tesseract", cache_dir=tmp_path)
    assert again == first
    # and through the pool (file index, no decoding)
    assert read_files([f], engine="tesseract", cache_dir=tmp_path)[f.sha256] == first


@pytest.mark.slow
def test_broken_pages_give_errors_and_the_rest_is_read(
    scans: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every worker is over this memory bound after each page: replacing them loses no page
    monkeypatch.setenv("CEHOURS_OCR_WORKER_MAX_MB", "1")
    monkeypatch.setattr("pipeline.ocr.pool.MIN_PAGES_BEFORE_MEMORY_RECYCLE", 1)
    good_path, data, _ = scans["patent_scan"]
    truncated = tmp_path / "truncated.jpg"
    truncated.write_bytes(good_path.read_bytes()[:3000])
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not really a png" * 10)
    good = stored(good_path)
    # a two-frame TIFF whose second frame is fine, next to the broken files
    tiff = tmp_path / "two.tif"
    small = Image.open(good_path).convert("RGB")
    small.save(tiff, save_all=True, append_images=[small.rotate(0)])

    got = read_files([stored(truncated), good, stored(garbage), stored(tiff, "tiff")],
                     engine="tesseract", workers=2, cache_dir=False)
    assert got[stored(truncated).sha256][0].error
    assert got[stored(garbage).sha256][0].error
    assert got[stored(truncated).sha256][0].text == ""
    assert got[good.sha256][0].error is None
    assert flat(data["patent_number_printed"])[-6:] in flat(got[good.sha256][0].text)
    assert [p.page_no for p in got[stored(tiff, "tiff").sha256]] == [0, 1]


@pytest.mark.slow
def test_one_pool_keeps_its_workers_between_calls_and_replaces_a_dead_one(scans: dict) -> None:
    """A batch's chunks share the workers (a start costs ~1.5 CPU s), and a worker that died
    between two chunks (the OOM killer) costs no page."""
    from pipeline.ocr.pool import OcrPool

    a, b, c = (stored(scans[n][0]) for n in ("patent_scan", "patent_lowres", "award_rotated"))
    with OcrPool("tesseract", workers=1, cache_dir=False) as pool:
        first = pool.read_files([a])
        (worker,) = pool._workers
        second = pool.read_files([b])
        assert pool._workers == [worker] and worker.proc.poll() is None  # started once, kept
        worker.proc.kill()
        worker.proc.wait()
        third = pool.read_files([c])
        (replacement,) = pool._workers
    assert replacement is not worker and replacement.proc.poll() is not None  # stopped on close
    for got, f in ((first, a), (second, b), (third, c)):
        assert got[f.sha256][0].error is None and got[f.sha256][0].text
    # the same pages as a pool of their own would give
    assert second[b.sha256] == read_files([b], engine="tesseract", workers=1, cache_dir=False)[b.sha256]
    assert scans["award_rotated"][1]["names"][0] in flat(third[c.sha256][0].text)


def _jobs_sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every page the pool hands a worker, as (file sha256, page_no), in order: a spy on the
    real workers' pipes."""
    from pipeline.ocr import pool

    sent: list[tuple[str, int]] = []
    spawn = pool._spawn_worker

    class Spy:
        def __init__(self, conn) -> None:
            self.conn = conn

        def send(self, job) -> None:
            if job is not None:
                sent.append((job[1].sha256, job[2]))
            self.conn.send(job)

        def close(self) -> None:
            self.conn.close()

    def spying(*args):
        w = spawn(*args)
        w.send = Spy(w.send)
        return w

    monkeypatch.setattr(pool, "_spawn_worker", spying)
    return sent


@pytest.mark.slow
def test_the_pool_hands_out_the_largest_pages_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """So that no worker is left alone with a large page at the end of a batch."""
    sent = _jobs_sent(monkeypatch)
    files = []
    for name, size in (("small", (300, 200)), ("large", (1200, 800)), ("medium", (600, 400))):
        Image.new("RGB", size, "white").save(tmp_path / f"{name}.png")
        files.append(stored(tmp_path / f"{name}.png"))
    got = read_files(files, engine="tesseract", workers=1, cache_dir=False)
    assert sent == [(files[1].sha256, 0), (files[2].sha256, 0), (files[0].sha256, 0)]
    assert not [p for ps in got.values() for p in ps if p.error]


@pytest.mark.slow
def test_idle_workers_read_the_next_chunk_ahead_and_no_page_twice(
    scans: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's chunk ends with one worker idle while the other reads the last page: the idle
    one starts on the next chunk, whose call then takes that page instead of reading it again."""
    from pipeline.ocr.pool import OcrPool

    sent = _jobs_sent(monkeypatch)
    a, b, c = (stored(scans[n][0]) for n in ("patent_scan", "patent_lowres", "award_rotated"))
    with OcrPool("tesseract", workers=2, cache_dir=False) as pool:
        first = pool.read_files([a], then=[b, c])
        assert sent[0] == (a.sha256, 0)
        assert sent[1] in {(b.sha256, 0), (c.sha256, 0)}  # the other worker did not wait
        second = pool.read_files([b, c])
    assert sorted(sent) == sorted((f.sha256, 0) for f in (a, b, c))  # every page read once
    assert first[a.sha256][0].text and not first[a.sha256][0].error
    # what was read ahead is what a call of its own gives
    assert second[b.sha256] == read_files([b], engine="tesseract", workers=1, cache_dir=False)[b.sha256]
    assert scans["award_rotated"][1]["names"][0] in flat(second[c.sha256][0].text)


@pytest.mark.slow
def test_a_pool_knows_when_no_page_needs_a_worker(scans: dict, tmp_path: Path) -> None:
    """A batch run starts its workers before the intake and stops them when every page is in the
    OCR cache or in a text layer (a re-run into a new database, a born-digital upload)."""
    from pipeline.ocr.pool import OcrPool

    scan = stored(scans["patent_lowres"][0])
    pdf = tmp_path / "digital.pdf"
    _text_pdf(pdf, ["发明专利证书 第一页", "专利号：ZL 2021 1 0345678.9", "发明人：张伟；李晓明；王芳"] * 2)
    with OcrPool("tesseract", workers=1, cache_dir=tmp_path / "cache") as pool:
        assert pool.needs_workers([scan, stored(pdf)]) and not pool.needs_workers([stored(pdf)])
        assert not pool.read_files([scan])[scan.sha256][0].error
        assert not pool.needs_workers([scan, stored(pdf)])  # the scan's page is in the OCR cache now


@pytest.mark.slow
def test_page_timeout_is_a_page_error(scans: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEHOURS_OCR_PAGE_TIMEOUT", "0.2")  # no page OCRs in 0.2 s here
    path, _, _ = scans["patent_scan"]
    f = stored(path)
    got = read_files([f], engine="tesseract", workers=1, cache_dir=False)
    assert "timed out" in (got[f.sha256][0].error or "")


def test_recognition_widths_are_few_and_pad_at_most_a_quarter() -> None:
    from pipeline.ocr.rapid import rec_width

    widths = {w: rec_width(w) for w in range(320, 3073)}
    assert all(w <= r <= 1.25 * w and r % 64 == 0 for w, r in widths.items())
    assert sorted(set(widths.values())) == [320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536,
                                            1792, 2048, 2560, 3072]
    assert all(rec_width(r) == r for r in widths.values())  # a rounded width stays as it is


@pytest.mark.slow
def test_openvino_recognition_runs_at_the_rounded_widths_only(scans: dict) -> None:
    """Every line reaches OpenVINO's recogniser at one of rec_width's few widths (a new input
    shape is a new set of compiled kernels), the line itself resized as rapidocr does (its height
    48 px, its width from its aspect, zeros after it), and the scan still reads right."""
    from pipeline.ocr.engines import RapidOcrEngine
    from pipeline.ocr.preprocess import DEFAULT_STEPS
    from pipeline.ocr.rapid import rec_width
    from pipeline.ocr.reader import read_upright

    engine = RapidOcrEngine("openvino")
    session = engine._ocr.text_rec.session
    seen: list[tuple[int, ...]] = []
    infer = session.__call__

    class Recording:  # the real session, its input shapes noted
        def __call__(self, batch):  # type: ignore[no-untyped-def]
            seen.append(batch.shape)
            return infer(batch)

        def __getattr__(self, name: str) -> object:
            return getattr(session, name)

    engine._ocr.text_rec.session = Recording()
    path, data, _ = scans["patent_scan"]
    with Image.open(path) as im:
        _, lines = read_upright(engine, im.convert("RGB"), DEFAULT_STEPS)
    text = flat("".join(ln.text for ln in lines))
    assert flat(data["patent_number_printed"]) in text and data["names"][0] in text
    assert len(seen) >= len(lines) > 10  # one line per run
    assert all(b == 1 and h == 48 and rec_width(w) == w for b, _, h, w in seen)
    assert len({w for *_, w in seen}) <= 8 < len(seen)


@pytest.mark.slow
def test_workers_keep_compiled_networks_beside_the_page_cache(scans: dict, tmp_path: Path) -> None:
    """OpenVINO's compiled networks are written under the OCR cache dir by the first worker and
    imported by later ones (a start without compiling); the pages read the same either way."""
    f = stored(scans["patent_lowres"][0])
    first = read_files([f], engine="rapidocr-openvino", workers=1, cache_dir=tmp_path / "a")
    blobs = sorted((tmp_path / "a" / "openvino").glob("*.blob"))
    assert len(blobs) == 3  # detection, line classifier, recognition
    stamps = [b.stat().st_mtime_ns for b in blobs]
    (tmp_path / "a" / "pages").rename(tmp_path / "old-pages")  # the page must be read again
    again = read_files([f], engine="rapidocr-openvino", workers=1, cache_dir=tmp_path / "a")
    assert [b.stat().st_mtime_ns for b in sorted((tmp_path / "a" / "openvino").glob("*.blob"))] == stamps
    assert again[f.sha256][0].text == first[f.sha256][0].text and first[f.sha256][0].text


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["openvino", "onnx"])
def test_rapidocr_runs_offline(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The PP-OCR models ship in the wheel: loading and reading must not open any connection."""
    import socket

    from PIL import ImageDraw, ImageFont

    from pipeline.ocr.engines import RapidOcrEngine

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("rapidocr tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    img = Image.new("RGB", (700, 160), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 40)
    ImageDraw.Draw(img).text((30, 50), "授权公告日：2023年06月20日", font=font, fill="black")
    lines = RapidOcrEngine(backend).read(img).lines
    assert flat("".join(ln.text for ln in lines)) == flat("授权公告日：2023年06月20日")
    assert all(0 < ln.conf <= 1 and ln.words for ln in lines)


def test_a_born_digital_upload_is_parsed_once_when_no_page_needs_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding that no page needs OCR parses the text layers; the read that follows (after the
    workers were stopped) takes those pages instead of parsing them again."""
    import pipeline.ocr.pool as pool_mod

    pdf = tmp_path / "digital.pdf"
    _text_pdf(pdf, ["发明专利证书 第一页", "专利号：ZL 2021 1 0345678.9", "发明人：张伟；李晓明；王芳"] * 2)
    f = stored(pdf)
    parsed: list[int] = []
    real = pool_mod.text_layer_page

    def counting(file, page_no):  # the real parser, counted
        parsed.append(page_no)
        return real(file, page_no)

    monkeypatch.setattr(pool_mod, "text_layer_page", counting)
    pool = pool_mod.OcrPool("tesseract", workers=1, cache_dir=tmp_path / "cache")
    try:
        assert not pool.needs_workers([f])
        pool.close()  # as a batch run does when nothing needs a worker
        pages = pool.read_files([f])[f.sha256]
    finally:
        pool.close()
    assert pages and all(p.engine == "textlayer" and not p.error for p in pages)
    assert "发明专利证书" in pages[0].text
    assert parsed == list(range(len(pages)))  # each page parsed once, by needs_workers
