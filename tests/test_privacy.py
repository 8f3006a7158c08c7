"""Personal information: ID numbers masked unless an admin asks, the scan-access log, `cehours purge`
keeping every decision, one applicant's data on request. Over a batch run through the real
pipeline (intake, tesseract, rules) with an ID number in its manifest."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from pipeline.cli import app as cli
from pipeline.privacy import is_id_number, mask_id_number, redact_id_numbers

pytestmark = pytest.mark.slow

PASSWORDS = {"admin": "admin-pass-1", "li": "reviewer-pass-1"}


def _valid_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


ID = _valid_id("43070219850312401")


def test_id_numbers_are_recognised_by_their_check_digit_and_masked():
    assert is_id_number(ID) and not is_id_number(ID[:17] + ("0" if ID[17] != "0" else "1"))
    assert mask_id_number(ID) == ID[:3] + "*" * 11 + ID[-4:]
    text = f"身份证号：{ID}；证书编号 430702198503124019X1；电话 13800000000"
    out = redact_id_numbers(text)
    assert ID not in out and mask_id_number(ID) in out
    assert "430702198503124019X1" in out  # longer than an ID number: a certificate number, kept


def test_a_workbook_whose_applicant_ids_are_id_numbers_masks_them_and_keeps_each_sheet(tmp_path):
    """Some bureaus number applicants by ID card: the workbook still files every item under its
    applicant, with the numbers masked (sheet names too), and in full only when asked."""
    from openpyxl import load_workbook

    from pipeline.report.workbook import write_workbook
    from pipeline.store.db import open_db
    from pipeline.store.synthetic import insert_batch, make_proposal
    from pipeline.types import Applicant

    factory = open_db(f"sqlite:///{tmp_path / 'wb.db'}")
    with factory() as s, s.begin():
        items = [make_proposal("b", ID, f"{ID}/patent.jpg"), make_proposal("b", ID, f"{ID}/paper.jpg")]
        insert_batch(s, "b", [Applicant(ID, "张三", "", "senior", 2024)], items, [])
    with factory() as s:
        masked = write_workbook(s, tmp_path / "masked.xlsx", "b")
        full = write_workbook(s, tmp_path / "full.xlsx", "b", full_id_numbers=True)
    factory.kw["bind"].dispose()

    def cells(path: Path) -> dict[str, str]:
        wb = load_workbook(path, read_only=True)
        return {ws.title: json.dumps(list(ws.iter_rows(values_only=True)), ensure_ascii=False) for ws in wb}

    m, f = cells(masked), cells(full)
    assert ID not in json.dumps(m, ensure_ascii=False) and ID in json.dumps(f, ensure_ascii=False)
    sheet = next(t for t in m if t.startswith(mask_id_number(ID).replace("*", "_")))  # no * in sheet names
    assert m[sheet].count(f"{mask_id_number(ID)}/") == 2  # both items on the applicant's sheet


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture
def site(db_url, tmp_path, ocr_cache, monkeypatch):
    """The demo batch with an ID number in its manifest, processed; one item adjusted with the
    ID number typed into the reason; a reviewer and an admin."""
    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow
    from pipeline.store.review import review_item
    from pipeline.store.users import add_user
    from pipeline.web.demo import seed_demo, write_demo_folder

    home = tmp_path / "home"
    monkeypatch.setenv("CEHOURS_HOME", str(home))
    monkeypatch.delenv("CEHOURS_SECRET", raising=False)
    batch = write_demo_folder(tmp_path / "in" / "demo-2024")
    manifest = (batch / "manifest.csv").read_text(encoding="utf-8").splitlines()
    manifest = [manifest[0] + ",id_number", manifest[1] + f",{ID}"]
    (batch / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    url = db_url  # SQLite and PostgreSQL
    seed_demo(url, batch, home / "store", ocr_cache, classify="by_name")
    factory = open_db(url)
    with factory() as s:
        for name, pw in PASSWORDS.items():
            add_user(s, name, pw, "admin" if name == "admin" else "reviewer")
        item = s.scalars(select(ItemRow).order_by(ItemRow.path)).first()
        review_item(
            s, item.id, "li", "adjust", item.version, {"hours": 10}, reason=f"与身份证 {ID} 核对后核减"
        )
    factory.kw["bind"].dispose()
    return {"url": url, "home": home, "tmp": tmp_path}


def _client(site, user: str) -> TestClient:
    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings

    app = create_app(settings=WebSettings(db_url=site["url"], data_dir=site["home"]))
    c = TestClient(app, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"username": user, "password": PASSWORDS[user], "csrf_token": token})
    assert r.status_code == 303
    return c


def _export(site, *args: str) -> tuple[int, str]:
    r = CliRunner().invoke(
        cli, ["export", "--db", site["url"], *args], env={"CEHOURS_HOME": str(site["home"])}
    )
    return r.exit_code, r.output


def test_exports_mask_id_numbers_unless_an_admin_asks(site):
    code, out = _export(site)
    assert code == 0 and ID not in out and mask_id_number(ID) in out
    code, out = _export(site, "--full-id-numbers", "--user", "admin")
    assert code == 0 and ID in out
    code, out = _export(site, "--full-id-numbers", "--user", "li")
    assert code == 1 and ID not in out and "admin" in out


def test_the_queue_at_a_terminal_masks_id_numbers_unless_an_admin_asks(site):
    def queue(*args: str) -> tuple[int, str]:
        r = CliRunner().invoke(cli, ["queue", *args, "--db", site["url"]])
        return r.exit_code, r.output

    code, out = queue("list", "--status", "all", "--format", "json")
    assert code == 0 and ID not in out and mask_id_number(ID) in out
    code, out = queue("list", "--status", "all", "--format", "json", "--full-id-numbers", "--user", "admin")
    assert code == 0 and ID in out
    item_id = str(json.loads(out.splitlines()[0])["item_id"])
    code, out = queue("show", item_id, "--format", "json")
    assert code == 0 and ID not in out
    code, out = queue("show", item_id, "--full-id-numbers", "--user", "li")
    assert code == 1 and "admin" in out


def test_applicant_page_and_workbook_mask_for_a_reviewer_full_for_an_admin_who_asks(site):
    from openpyxl import load_workbook

    li, admin = _client(site, "li"), _client(site, "admin")
    pk = re.search(r"/applicants/(\d+)", li.get("/queue").text).group(1)
    for c, query, full in ((li, "", False), (li, "?id_numbers=full", False), (admin, "", False),
                           (admin, "?id_numbers=full", True)):  # fmt: skip
        html = c.get(f"/applicants/{pk}{query}").text
        assert (ID in html) is full and (mask_id_number(ID) in html) is not full, (query, full)

    def workbook_text(c: TestClient, query: str) -> str:
        r = c.get(f"/batches/1/workbook.xlsx{query}")
        assert r.status_code == 200
        wb = load_workbook(io.BytesIO(r.content), read_only=True)
        return json.dumps(
            [list(row) for ws in wb for row in ws.iter_rows(values_only=True)], ensure_ascii=False
        )

    assert ID not in workbook_text(li, "?id_numbers=full") and mask_id_number(ID) in workbook_text(li, "")
    assert ID in workbook_text(admin, "?id_numbers=full")
    # the recognition sheet needs the number: in full, for anyone who may download it
    import pdfplumber

    r = li.get(f"/applicants/{pk}/sheet.pdf")
    with pdfplumber.open(io.BytesIO(r.content)) as pdf:
        assert ID in "".join(p.extract_text() or "" for p in pdf.pages)


def test_opening_a_scan_is_logged_and_an_admin_sees_the_log(site):
    from pipeline.store.db import open_db
    from pipeline.store.models import ScanAccessRow

    li = _client(site, "li")
    item_html = li.get(li.get("/queue").text.split('data-href="')[1].split('"')[0]).text
    src = re.search(r'src="(/files/[0-9a-f]{64}/page/0/w\d+\.jpg)', item_html).group(1)
    assert li.get(src).status_code == 200
    # a prefetch of the next scan is nobody looking at it: not logged
    assert li.get(src, headers={"Sec-Purpose": "prefetch"}).status_code == 200
    factory = open_db(site["url"])
    with factory() as s:
        rows = list(s.scalars(select(ScanAccessRow).order_by(ScanAccessRow.id)))
    factory.kw["bind"].dispose()
    # opening the item page is logged (the browser may show the scan from its cache), then the page image
    assert [(r.user, r.action, r.applicant_id, r.batch, r.page_no) for r in rows] == [
        ("li", "item", "A001", "demo-2024", None),
        ("li", "page", "A001", "demo-2024", 0),
    ]
    assert li.get("/admin/scan-access").status_code == 403
    html = _client(site, "admin").get("/admin/scan-access?applicant=A001").text
    assert "<td>li</td>" in html and "查看页面" in html and "demo-2024" in html


def test_purge_removes_scans_of_finished_batches_and_keeps_every_decision(site):
    env = {"CEHOURS_HOME": str(site["home"])}
    li = _client(site, "li")
    item_html = li.get(li.get("/queue").text.split('data-href="')[1].split('"')[0]).text
    src = re.search(r'src="(/files/[0-9a-f]{64}/page/0/w\d+\.jpg)', item_html).group(1)
    assert li.get(src).status_code == 200  # a rendered page image (screen JPEG) now sits in the cache
    assert li.get(src.split("/w")[0] + ".png").status_code == 200  # and the full-size PNG
    images = site["home"] / "page-images"
    originals = [p for p in (site["home"] / "store").rglob("*") if p.is_file() and p.parent.name != "tmp"]
    assert len(originals) == 2 and {p.suffix for p in images.glob("*")} >= {".png", ".jpg"}
    _, before = _export(site)
    review_before = _queue_show(site)[1]

    today = date.today()
    r = CliRunner().invoke(
        cli, ["purge", "--before", str(today - timedelta(days=1)), "--db", site["url"]], env=env
    )
    assert r.exit_code == 0 and "0 batch(es)" in r.output and all(p.exists() for p in originals)
    r = CliRunner().invoke(
        cli, ["purge", "--before", str(today + timedelta(days=1)), "--db", site["url"]], env=env
    )
    assert r.exit_code == 0 and "removed 2 original(s)" in r.output, r.output
    assert not any(p.exists() for p in originals) and not any(images.glob("*"))

    _, after = _export(site)
    assert after == before  # every record, decision and reason as it was
    assert _queue_show(site)[1] == review_before
    r = li.get(src)
    assert r.status_code == 404 and "已按保存期限清除" in r.json()["detail"]


def _queue_show(site) -> tuple[int, str]:
    from pipeline.store.db import open_db
    from pipeline.store.models import ItemRow

    factory = open_db(site["url"])
    with factory() as s:
        ids = [i.id for i in s.scalars(select(ItemRow).order_by(ItemRow.id))]
    factory.kw["bind"].dispose()
    out = ""
    for i in ids:
        r = CliRunner().invoke(cli, ["queue", "show", str(i), "--format", "json", "--db", site["url"]])
        d = json.loads(r.output)
        out += json.dumps([d["record"], d["reviews"], d["proposals"]], ensure_ascii=False)
    return 0, out


def test_one_applicants_data_on_request(site):
    from pipeline.filestore import sha256_file

    out = site["tmp"] / "A001-request"
    r = CliRunner().invoke(
        cli, ["applicant-export", "A001", str(out), "--user", "admin", "--db", site["url"]]
    )
    assert r.exit_code == 0, r.output
    assert json.loads((out / "applicant.json").read_text())[0]["id_number"] == ID
    recs = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    assert len(recs) == 2 and {x["applicant_id"] for x in recs} == {"A001"}
    reviews = json.loads((out / "reviews.json").read_text())
    assert len(reviews) == 1 and ID in reviews[0]["reason"]
    scans = json.loads((out / "scans.json").read_text())["kept"]
    assert len(scans) == 2
    for s in scans:
        assert sha256_file(out / s["file"])[0] == s["sha256"]
    r = CliRunner().invoke(cli, ["applicant-export", "A999", str(site["tmp"] / "x"), "--db", site["url"]])
    assert r.exit_code == 1 and "no applicant A999" in r.output


def _access_rows(site) -> list[tuple]:
    from pipeline.store.db import open_db
    from pipeline.store.models import ScanAccessRow

    factory = open_db(site["url"])
    with factory() as s:
        rows = [(r.user, r.action, r.batch, r.applicant_id, r.client)
                for r in s.scalars(select(ScanAccessRow).order_by(ScanAccessRow.id))]  # fmt: skip
    factory.kw["bind"].dispose()
    return rows


def test_an_id_number_shown_in_full_is_logged_and_an_admin_sees_it_in_the_access_log(site):
    """Who was shown whose ID number in full, and when: the applicant page, the workbook, the
    export and the queue at a terminal each log it; a masked view, or a reviewer's request that
    is refused, logs nothing."""
    li, admin = _client(site, "li"), _client(site, "admin")
    pk = re.search(r"/applicants/(\d+)", li.get("/queue").text).group(1)
    assert ID not in li.get(f"/applicants/{pk}?id_numbers=full").text
    assert ID not in admin.get(f"/applicants/{pk}").text
    assert _access_rows(site) == []  # masked: nothing shown, nothing logged
    html = admin.get(f"/applicants/{pk}?id_numbers=full").text
    assert ID in html and 'id="id-number-logged"' in html
    assert [r[:4] for r in _access_rows(site)] == [("admin", "id_page", "demo-2024", "A001")]
    assert li.get("/batches/1/workbook.xlsx?id_numbers=full").status_code == 200  # masked for li
    assert len(_access_rows(site)) == 1
    assert admin.get("/batches/1/workbook.xlsx?id_numbers=full").status_code == 200
    assert _access_rows(site)[-1][:4] == ("admin", "id_export", "demo-2024", "A001")
    # at a terminal: the export and the queue (the ID number typed into a reason of A001's item)
    code, out = _export(site, "--full-id-numbers", "--user", "admin")
    assert code == 0 and ID in out
    assert _access_rows(site)[-1] == ("admin", "id_export", "demo-2024", "A001", "cli")
    r = CliRunner().invoke(cli, ["queue", "list", "--status", "all", "--format", "json", "--full-id-numbers",
                                 "--user", "admin", "--db", site["url"]])  # fmt: skip
    assert r.exit_code == 0 and ID in r.output
    assert _access_rows(site)[-1] == ("admin", "id_queue", "demo-2024", "A001", "cli")
    n = len(_access_rows(site))
    code, _ = _export(site, "--full-id-numbers", "--user", "li")  # refused: nothing shown, nothing logged
    assert code == 1 and len(_access_rows(site)) == n
    html = admin.get("/admin/scan-access?applicant=A001").text
    for words in ("查看完整身份证号", "导出完整身份证号", "终端查看完整身份证号"):
        assert words in html, words
    assert "<td>admin</td>" in html and "<td>cli</td>" in html


def test_an_admin_downloads_one_applicants_data_from_the_page_as_the_cli_writes_it(site):
    """The applicant page's export (admins only), downloaded by Chromium from the live server:
    the same files as `cehours applicant-export`, and logged like it."""
    import zipfile

    from live_server import serving
    from playwright.sync_api import sync_playwright
    from test_browser import ARGS, CHROMIUM

    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    li = _client(site, "li")
    pk = re.search(r"/applicants/(\d+)", li.get("/queue").text).group(1)
    assert 'id="applicant-export"' not in li.get(f"/applicants/{pk}").text
    assert li.get(f"/applicants/{pk}/export.zip").status_code == 403
    cli_out = site["tmp"] / "cli-export"
    args = ["applicant-export", "A001", str(cli_out), "--user", "admin", "--db", site["url"]]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output

    app = create_app(settings=WebSettings(db_url=site["url"], data_dir=site["home"]))
    with serving(app) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_context(accept_downloads=True).new_page()
        page.goto(base + "/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", PASSWORDS["admin"])
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/queue"))
        page.goto(f"{base}/applicants/{pk}")
        with page.expect_download() as got:
            page.click("#applicant-export")
        download = got.value
        assert download.suggested_filename == "个人资料-A001.zip"
        zipped = site["tmp"] / "web-export.zip"
        download.save_as(zipped)
        browser.close()
    with zipfile.ZipFile(zipped) as z:
        web = {n: z.read(n) for n in z.namelist()}
    cli_files = {f.relative_to(cli_out).as_posix(): f.read_bytes() for f in cli_out.rglob("*") if f.is_file()}
    assert set(web) == set(cli_files) and len([n for n in web if n.startswith("scans/")]) == 2
    for name in set(web) - {"scan-access.json"}:  # the same records, decisions and scans
        assert web[name] == cli_files[name], name
    assert ID in web["applicant.json"].decode() and ID in web["reviews.json"].decode()
    # the web's access log holds the CLI's export before it; the web's own export is logged too
    web_log, cli_log = json.loads(web["scan-access.json"]), json.loads(cli_files["scan-access.json"])
    assert web_log[: len(cli_log)] == cli_log and web_log[-1]["action"] == "applicant_export"
    exports = [row for row in _access_rows(site) if row[1] == "applicant_export"]
    assert [(u, a) for u, _, _, a, _ in exports] == [("admin", "A001"), ("admin", "A001")]
    assert exports[0][4] == "cli" and exports[1][4] == "127.0.0.1"
