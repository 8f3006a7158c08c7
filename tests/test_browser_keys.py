"""A reviewer's hands, counted: confirm, reject and a field correction by keyboard in Chromium.

Each flow is performed by key presses alone and the presses are counted (typing a value or a
reason is typing, not an action), so that a change that makes a flow longer fails here:
confirm 1 action, reject 2 plus the reason, a field corrected 2 plus the value, each ending on
the next item of the queue that still needs a decision; j and k 1 each, to the next / previous
item that still needs a decision (never a decided one), saying so when none is left.
"""

from __future__ import annotations

import re

import pytest
from live_server import serving
from test_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.slow

PASSWORD = "reviewer-pass-1"
BATCH = "keys-2024"
# an applicant's items in the queue's order (all need review; sorted by path)
ITEMS = [
    ("A001/01-patent.jpg", {"rank": 1}),
    ("A001/02-patent.jpg", {"rank": 1}),
    ("A001/03-patent.jpg", {"rank": 4}),  # read as 4th; the certificate says 2nd
    ("A001/04-patent.jpg", {"rank": 1}),
    ("A001/05-patent.jpg", {"rank": 1}),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from pipeline.store.synthetic import insert_batch, make_proposal
    from pipeline.store.users import add_user
    from pipeline.types import Applicant
    from pipeline.web.app import create_app
    from pipeline.web.settings import WebSettings
    from rules import load_policy

    root = tmp_path_factory.mktemp("keys")
    url = f"sqlite:///{root / 'cehours.db'}"
    app = create_app(settings=WebSettings(db_url=url, data_dir=root / "data"))
    policy = load_policy("changde-2024")
    proposals = []
    for path, fields in ITEMS:
        f = {"patent_kind": "invention", "date": "2023-06-16", "name_found": True, **fields}
        p = policy.propose("patent_certificate", f)
        proposals.append(make_proposal(BATCH, "A001", path, hours=p.hours, fields=f, clause=p.clause,
                                       status="needs_review", explanation=p.explanation))  # fmt: skip
    with app.state.web.session() as s:
        with s.begin():
            insert_batch(s, BATCH, [Applicant("A001", "张三", "常德市农科院", "senior", 2024)], proposals)
        add_user(s, "li", PASSWORD, "reviewer")
    with serving(app) as base:
        yield {"base": base, "app": app}


class Hands:
    """The reviewer's keyboard: every press is an action; typing text is not."""

    def __init__(self, page) -> None:
        self.page, self.actions = page, 0

    def press(self, key: str) -> None:
        self.actions += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def count(self) -> int:
        n, self.actions = self.actions, 0
        return n


def _ids(server) -> dict[str, int]:
    from sqlalchemy import select

    from pipeline.store.models import ItemRow

    with server["app"].state.web.session() as s:
        return {i.path: i.id for i in s.scalars(select(ItemRow))}


def test_confirm_reject_and_a_field_correction_by_keyboard(server):
    from playwright.sync_api import sync_playwright

    from pipeline.store.models import ItemRow, ReviewRow

    ids = _ids(server)
    order = [ids[p] for p, _ in ITEMS]
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN").new_page()
        page.set_default_timeout(15000)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server["base"] + "/login")
        page.fill("input[name=username]", "li")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/queue"))
        page.goto(f"{server['base']}/items/{order[0]}?applicant=A001")
        hands = Hands(page)

        def now_on(index: int) -> None:
            page.wait_for_url(re.compile(rf"/items/{order[index]}\?applicant=A001$"))

        # confirm: one key, and the next item opens
        hands.press("c")
        now_on(1)
        assert "已确认" in page.locator(".flash").inner_text()
        assert hands.count() == 1

        # reject: r, the reason, Enter; and the next item opens by itself
        hands.press("r")
        hands.type("非本人材料")
        hands.press("Enter")
        now_on(2)
        assert "已驳回" in page.locator(".flash").inner_text()
        assert hands.count() == 2

        # correct one field (rank 4 -> 2): its key, the value, Enter
        key = page.locator('.field-form[data-field="rank"]').get_attribute("data-key")
        hands.press(key)
        hands.type("2")
        preview = page.locator('.field-form[data-field="rank"] .field-preview')
        page.wait_for_function(
            "el => el.textContent.includes('10 → 30')", arg=preview.element_handle()
        )  # the hours by the rules, shown before saving
        hands.press("Enter")
        now_on(3)
        assert "已调整，学时 10 → 30" in page.locator(".flash").inner_text()
        assert hands.count() == 2

        # k goes back one in the queue's order: the corrected item shows its decision
        hands.press("k")
        now_on(2)
        assert hands.count() == 1
        decision = page.locator("#decision").inner_text()
        assert "当前决定" in decision and "已调整" in decision and "li" in decision
        assert page.locator("#decision-hours").inner_text() == "30"
        assert "10" in page.locator("#original-proposal").inner_text()
        # j from a decided item is the next item that still needs a decision, never another
        # decided one: the queue lists open items first, then the decided ones (adjusted,
        # confirmed, rejected); after the adjusted item come two decided ones, then none
        page.goto(f"{server['base']}/queue?applicant=A001")
        listed = [int(re.search(r"/items/(\d+)", h).group(1)) for h in
                  page.locator("#queue-table tbody tr[data-href]").evaluate_all(
                      "rows => rows.map(r => r.getAttribute('data-href'))")]  # fmt: skip
        assert listed == [order[3], order[4], order[2], order[0], order[1]]
        # in the list too: j stops at the last open row and says none is left after it
        page.keyboard.press("j")
        rows = page.locator("#queue-table tbody tr[data-href]")
        assert "sel" in (rows.nth(1).get_attribute("class") or "")
        page.keyboard.press("j")
        assert "sel" in (rows.nth(1).get_attribute("class") or "") and page.locator("#nav-note").is_visible()
        assert "已没有其他待决定的条目" in page.locator("#nav-note").inner_text()
        page.goto(f"{server['base']}/queue?applicant=A001&status=adjusted")  # asked for decided ones
        assert not page.locator("#queue-table").evaluate("t => t.hasAttribute('data-skip-decided')")
        page.goto(f"{server['base']}/items/{order[2]}?applicant=A001")
        hands.press("j")
        now_on(3)
        # k from the first open item goes round to the last open one, j from there back again
        hands.press("k")
        now_on(4)
        hands.press("j")
        now_on(3)
        assert "从队列末尾" in page.locator("#prev-item").inner_text()  # on the first open item
        assert hands.count() == 3
        # decide the last two: after the last decision the page says none is left, and so does j
        hands.press("c")
        now_on(4)
        hands.press("c")
        page.wait_for_selector(".flash:has-text('已没有其他待决定的条目')")
        assert page.url.endswith(f"/items/{order[4]}?applicant=A001")
        assert page.locator("#next-item").count() == 0 and page.locator("#none-left").is_visible()
        hands.press("j")
        note = page.locator("#nav-note")
        assert note.is_visible() and "已没有其他待决定的条目" in note.inner_text()
        assert page.url.endswith(f"/items/{order[4]}?applicant=A001") and hands.count() == 3
        browser.close()
    assert not errors, errors

    with server["app"].state.web.session() as s:
        item = s.get(ItemRow, order[2])
        review = s.get(ReviewRow, item.review_id)
        before, after = review.before, review.after
        assert {k for k in after["fields"] if after["fields"][k] != before["fields"].get(k)} == {"rank"}
        assert after["evidence_type"] == before["evidence_type"] and after["hours"] == 30
        assert s.get(ItemRow, order[0]).status == "confirmed"
        assert s.get(ItemRow, order[1]).status == "rejected"
        assert s.get(ItemRow, order[3]).status == s.get(ItemRow, order[4]).status == "confirmed"
