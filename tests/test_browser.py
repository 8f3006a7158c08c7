"""The review pages in a real browser: Chromium (Debian's) driven by Playwright against uvicorn.

The database is seeded by running the pipeline over a small drawn batch (real intake, tesseract
OCR, extraction and rules), so the item page shows a real scan with its boxes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from live_server import serving

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip
USERS = {"li": ("reviewer-pass-1", "reviewer"), "admin": ("admin-pass-1", "admin")}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from pipeline.store.users import add_user
    from pipeline.web.app import create_app
    from pipeline.web.demo import seed_demo, write_demo_folder
    from pipeline.web.settings import WebSettings

    root = tmp_path_factory.mktemp("browser")
    old_home = os.environ.get("CEHOURS_HOME")
    os.environ["CEHOURS_HOME"] = str(root / "data")  # the background job's store and OCR cache
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    url = f"sqlite:///{root / 'cehours.db'}"
    batch = write_demo_folder(root / "in" / "demo-2024")
    # a fixed classifier answer keeps this flow independent of model retraining; the upload below
    # runs the whole pipeline with the trained model
    seed_demo(url, batch, root / "data" / "store", root / "data" / "ocr-cache", classify="by_name")
    app = create_app(settings=WebSettings(db_url=url, data_dir=root / "data"))
    with app.state.web.session() as s:
        for name, (pw, role) in USERS.items():
            add_user(s, name, pw, role)
    with serving(app) as base:
        yield {"base": base, "root": root, "batch": batch, "url": url}
    if old_home is None:
        os.environ.pop("CEHOURS_HOME", None)
    else:
        os.environ["CEHOURS_HOME"] = old_home


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def errors() -> list[str]:
    """Script errors and failed loads seen by the page; a test that expects one clears it."""
    return []


@pytest.fixture
def page(browser, server, errors):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    pg = ctx.new_page()
    pg.set_default_timeout(15000)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()
    assert not errors, f"browser errors: {errors}"


def sign_in(page, server, user: str = "li") -> None:
    page.goto(server["base"] + "/queue")
    assert "/login" in page.url  # anonymous: sent to sign in
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", USERS[user][0])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/queue"))


def year_total(page, year: int) -> float:
    return float(page.locator(f'#years-table tr[data-year="{year}"] td.total').inner_text())


def test_review_flow_in_the_browser(page, server, tmp_path):
    sign_in(page, server)
    rows = page.locator("#queue-table tbody tr[data-href]")
    assert rows.count() == 2
    assert page.locator("text=专利证书").count() >= 1  # types shown with their Chinese names

    # the applicant's years before any review
    page.locator("#queue-table a", has_text="张三").first.click()
    page.wait_for_url(re.compile(r"/applicants/\d+"))
    before_2023, before_2022 = year_total(page, 2023), year_total(page, 2022)
    assert before_2023 == 60 and before_2022 == 24
    assert page.locator("svg.chart rect").count() >= 2

    # keyboard: j moves down, k up, Enter opens the selected item
    page.goto(server["base"] + "/queue")
    page.keyboard.press("j")
    assert "sel" in (rows.nth(1).get_attribute("class") or "")
    page.keyboard.press("k")
    assert "sel" in (rows.nth(0).get_attribute("class") or "")
    first_href = rows.nth(0).get_attribute("data-href")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/items/\d+"))
    assert first_href.split("?")[0] in page.url

    # the scan is shown, with the extracted fields' boxes drawn on it
    img = page.locator("figure.page img").first
    img.wait_for()
    page.wait_for_function("() => { const i = document.querySelector('figure.page img'); "
                           "return i && i.complete && i.naturalWidth > 0; }")  # fmt: skip
    assert page.locator(".field-box").count() >= 3
    box = page.locator(".field-box").first.bounding_box()
    scan = img.bounding_box()
    assert scan["x"] <= box["x"] <= scan["x"] + scan["width"] and box["width"] > 10
    page.screenshot(path=str(tmp_path / "item.png"), full_page=False)
    shots = os.environ.get("CEHOURS_SCREENSHOTS")
    if shots:
        shutil.copy(tmp_path / "item.png", Path(shots) / "item.png")
    # click to zoom: the scan gets wider than its frame
    width = img.bounding_box()["width"]
    img.click(position={"x": 5, "y": 5})  # a corner: a click on a field box selects its field instead
    assert img.bounding_box()["width"] > width * 2
    page.keyboard.press("0")

    # a box's label does not cover the text it marks: hidden until hovered, then above the box
    field_box = page.locator(".field-box").first
    label = field_box.locator("span")
    assert not label.is_visible()
    field_box.hover()
    assert label.is_visible()
    assert label.bounding_box()["y"] + label.bounding_box()["height"] <= field_box.bounding_box()["y"] + 1
    # a click on a box opens its field for correction in place
    field_box.click()
    assert page.locator(".field-form.editing").count() == 1
    assert page.evaluate("document.activeElement.name").startswith("field.")
    page.keyboard.press("Escape")
    assert page.locator(".field-form.editing").count() == 0

    # adjust this item: the hours and a reason
    first_item = page.url
    page.keyboard.press("a")
    assert page.evaluate("document.activeElement.id") == "adjust-hours"
    old_hours = float(page.locator("#adjust-hours").input_value())
    page.fill("#adjust-hours", str(int(old_hours) - 10))
    page.fill("#adjust-reason", "浏览器测试：按复核结果减10学时")
    page.click("#adjust-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "已调整" in page.locator(".flash").inner_text()  # and the next item is open
    page.goto(first_item)
    assert "浏览器测试：按复核结果减10学时" in page.locator("#history").inner_text()
    assert float(page.locator("#decision-hours").inner_text()) == old_hours - 10

    # confirm the other item with the "c" shortcut
    page.goto(server["base"] + "/queue?status=open")
    assert rows.count() == 1
    second = rows.nth(0).get_attribute("data-href")
    page.goto(server["base"] + second)
    page.keyboard.press("c")
    page.wait_for_selector(".flash")
    assert "已确认" in page.locator(".flash").inner_text()
    page.keyboard.press("Escape")  # back to the queue, filters kept
    page.wait_for_url(re.compile(r"/queue\?status=open"))

    # the applicant's years follow the decisions
    page.goto(first_item)
    page.locator(".crumbs a", has_text="张三").click()
    page.wait_for_url(re.compile(r"/applicants/\d+"))
    after = {2023: year_total(page, 2023), 2022: year_total(page, 2022)}
    if shots:
        page.screenshot(path=str(Path(shots) / "applicant.png"), full_page=True)
    assert sorted([after[2023] - before_2023, after[2022] - before_2022]) == [-10, 0]
    page.goto(server["base"] + "/queue?status=open")
    assert page.locator("#queue-table tbody tr[data-href]").count() == 0
    if shots:
        page.goto(server["base"] + "/queue")
        page.screenshot(path=str(Path(shots) / "queue.png"))


def test_upload_a_zip_and_watch_it_processed(page, server, tmp_path):
    from pipeline.web.demo import write_demo_zip

    sign_in(page, server)
    # the same scans again under another batch name: files are known by hash, OCR is reused
    zip_path = write_demo_zip(tmp_path / "upload-2024.zip")
    page.goto(server["base"] + "/batches")
    page.set_input_files("#upload-file", str(zip_path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("text=上传完成", timeout=30000)
    # the job table is polled; when the job is done the page reloads with the batch counted
    page.wait_for_selector(
        '#jobs-table tr[data-state="done"], #jobs-table tr[data-state="failed"]', timeout=240000
    )
    jobs = page.locator("#jobs-table").inner_text()
    assert "失败" not in jobs, jobs  # the job's error is shown in the table
    assert "已完成" in jobs and "共 2 件" in jobs
    page.wait_for_selector('#batches-table tr[data-status="done"]:has-text("upload-2024")')
    row = page.locator("#batches-table tr", has_text="upload-2024")
    if os.environ.get("CEHOURS_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["CEHOURS_SCREENSHOTS"]) / "batches.png"), full_page=True)
    assert row.locator("td.num").nth(1).inner_text() == "2"  # two items
    page.goto(server["base"] + "/queue?status=open")
    assert page.locator("#queue-table tbody tr[data-href]", has_text="upload-2024").count() == 2


def test_reviewer_is_kept_out_of_user_management(page, server, errors):
    sign_in(page, server, "li")
    assert page.locator("header nav a", has_text="用户管理").count() == 0
    resp = page.goto(server["base"] + "/users")
    assert resp.status == 403 and "无权访问" in page.content()
    assert errors == ["Failed to load resource: the server responded with a status of 403 (Forbidden)"]
    errors.clear()


def test_two_reviewers_on_one_item_the_second_is_told_and_overwrites_nothing(browser, server):
    pages = []
    for user in ("li", "admin"):
        ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
        pg = ctx.new_page()
        pg.set_default_timeout(15000)
        sign_in(pg, server, user)
        pages.append(pg)
    li, admin = pages
    href = li.locator("#queue-table tbody tr[data-href]").first.get_attribute("data-href")
    li.goto(server["base"] + href)
    admin.goto(server["base"] + href)  # both see the same version
    history_before = admin.locator("#history li").count()
    li.fill("#reject-reason", "并发测试：先驳回")
    li.click("#reject-form button[type=submit]")
    li.wait_for_selector(".flash")
    admin.keyboard.press("c")  # the admin confirms what they saw, which is no longer current
    admin.wait_for_selector("#conflict")
    assert "已被他人修改" in admin.locator("#conflict").inner_text()
    if os.environ.get("CEHOURS_SCREENSHOTS"):
        admin.screenshot(path=str(Path(os.environ["CEHOURS_SCREENSHOTS"]) / "conflict.png"))
    # the page now shows the latest state: li's rejection, and nothing of the admin's
    text = admin.locator("#history").inner_text()
    assert "并发测试：先驳回" in text and "admin" not in text
    assert admin.locator("#history li").count() == history_before + 1
    for pg in pages:
        pg.context.close()
