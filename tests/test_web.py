"""The review pages over HTTP: sign-in, roles, CSRF, the file route, rate limit, locking, reviews.

Runs the real app (FastAPI TestClient) on a real SQLite database seeded through the store.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from pipeline.store import open_db
from pipeline.store.models import FileRow, ItemRow, PageRow, ReviewRow, UserRow
from pipeline.store.synthetic import insert_batch, make_proposal
from pipeline.store.users import add_user
from pipeline.types import Applicant, IntakeError
from pipeline.web.app import create_app
from pipeline.web.settings import WebSettings

PASSWORDS = {"admin": "admin-pass-1", "li": "reviewer-pass-1", "wang": "reviewer-pass-2"}
BATCH = "2024-06"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A seeded SQLite file and store, made once (Argon2 hashing is slow on purpose); copied per test."""
    root = tmp_path_factory.mktemp("web-template")
    url = f"sqlite:///{root / 'web.db'}"
    factory = open_db(url)
    img = Image.new("RGB", (600, 400), "white")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    data = buf.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    with factory() as s, s.begin():
        insert_batch(
            s, BATCH, [Applicant("A001", "张三", "常德市第一人民医院", "senior", 2024)],
            [
                make_proposal(BATCH, "A001", "A001/patent.jpg"),
                make_proposal(BATCH, "A001", "A001/paper", evidence_type="journal_paper", hours=30, year=2022,
                              clause="2.3b", status="needs_review", flags=["materials_incomplete"],
                              fields={"rank": 1, "journal": "中国农学通报", "cn_number": "11-1984/S",
                                      "date": "2022-03-01", "name_found": True}),
            ],
            [IntakeError("A001/broken.pdf", "文件已损坏，无法打开", "A001")],
        )  # fmt: skip
        s.add(FileRow(sha256=sha, names=["A001/patent.jpg"], kind="png", size=len(data), stored_path=""))
        s.add(PageRow(file_sha256=sha, page_no=0, width=600, height=400, text="发明专利证书",
                      lines=[{"text": "发明专利证书", "box": [100, 50, 500, 100], "conf": 0.9, "words": []}],
                      engine="tesseract", mean_conf=0.9))  # fmt: skip
        item = s.scalar(select(ItemRow).where(ItemRow.path == "A001/patent.jpg"))
        item.files = [sha]
    with factory() as s:
        for name, pw in PASSWORDS.items():
            add_user(s, name, pw, "admin" if name == "admin" else "reviewer")
    factory.kw["bind"].dispose()
    return {"db": root / "web.db", "png": data, "sha": sha}


@pytest.fixture
def env(template, tmp_path, monkeypatch):
    """An app over its own copy of the seeded database, with a stored one-page scan."""
    monkeypatch.setenv("CEHOURS_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("CEHOURS_SECRET", raising=False)
    shutil.copy(template["db"], tmp_path / "web.db")
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = tmp_path / "data" / "store"
    store.mkdir(parents=True)
    sha = template["sha"]
    (store / f"{sha}.png").write_bytes(template["png"])
    factory = open_db(url)
    with factory() as s, s.begin():
        s.get(FileRow, sha).stored_path = str(store / f"{sha}.png")
    settings = WebSettings(db_url=url, data_dir=tmp_path / "data", max_upload_bytes=200_000,
                           login_attempts_per_minute=3)  # fmt: skip
    app = create_app(settings=settings)
    with factory() as s:
        items = {i.path: i for i in s.scalars(select(ItemRow))}
    return {
        "app": app, "url": url, "factory": factory, "sha": sha, "tmp": tmp_path,
        "ids": {p: i.id for p, i in items.items()}, "v": {p: str(i.version) for p, i in items.items()},
    }  # fmt: skip


def client(env) -> TestClient:
    return TestClient(env["app"], follow_redirects=False)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(env, user: str = "li") -> tuple[TestClient, str]:
    c = client(env)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": user, "password": PASSWORDS[user], "csrf_token": token})
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/queue").text)


def sample_path(route: APIRoute, env) -> str:
    path = route.path
    path = path.replace("{sha256}", env["sha"]).replace("{page_no}", "0")
    return re.sub(r"\{[a-z_]+\}", "1", path)


def _walk(routes):
    for r in routes:
        if isinstance(r, APIRoute):
            yield r
        inner = getattr(r, "original_router", None)  # FastAPI keeps included routers wrapped
        if inner is not None:
            yield from _walk(inner.routes)


def app_routes(env) -> list[tuple[str, str]]:
    out = []
    for r in _walk(env["app"].routes):
        if r.path not in ("/login",):
            for m in r.methods:
                out.append((m, sample_path(r, env)))
    return out


def test_every_route_refuses_anonymous(env):
    c = client(env)
    routes = app_routes(env)
    assert len(routes) > 15  # the test sees the app's routes, not a list written by hand
    for method, path in routes:
        if path == "/logout":
            continue  # signing out without a session is harmless, and still needs the token
        r = c.request(method, path)
        if method == "GET" and not path.startswith("/files/") and not path.endswith(".json"):
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), (method, path)
        else:
            assert r.status_code in (401, 403), (method, path, r.status_code)
    assert c.get(f"/files/{env['sha']}/page/0.png").status_code == 401
    assert c.get(f"/files/{env['sha']}").status_code == 401


def test_a_forged_or_foreign_session_cookie_is_refused(env):
    c = client(env)
    c.cookies.set("cehours_session", "eyJ1aWQiOiAxfQ==.forged.sig")
    assert c.get("/queue").status_code == 303
    other = TestClient(create_app(settings=WebSettings(db_url=env["url"], data_dir=env["tmp"] / "other",
                                                       secret="x" * 40)), follow_redirects=False)  # fmt: skip
    token = csrf_of(other.get("/login").text)
    other.post("/login", data={"username": "li", "password": PASSWORDS["li"], "csrf_token": token})
    c.cookies.set("cehours_session", other.cookies["cehours_session"])  # signed with another secret
    assert c.get("/queue").status_code == 303


def test_reviewer_cannot_manage_users(env):
    c, token = login(env, "li")
    assert c.get("/users").status_code == 403
    with env["factory"]() as s:
        wang = s.scalar(select(UserRow).where(UserRow.username == "wang")).id
    for path, data in [("/users", {"username": "x", "password": "longpassword", "role": "admin"}),
                       (f"/users/{wang}/active", {"active": "false"}),
                       (f"/users/{wang}/role", {"role": "admin"}),
                       (f"/users/{wang}/password", {"password": "longpassword"})]:  # fmt: skip
        assert c.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    with env["factory"]() as s:
        assert s.scalar(select(UserRow).where(UserRow.username == "x")) is None
        assert s.scalar(select(UserRow).where(UserRow.username == "wang")).role == "reviewer"
    # a reviewer does everything else: queue, items, applicants, batches
    for path in ("/queue", f"/items/{env['ids']['A001/paper']}", "/applicants/1", "/batches"):
        assert c.get(path).status_code == 200, path


def test_admin_manages_users_and_a_disabled_user_is_signed_out(env):
    li, _ = login(env, "li")
    admin, token = login(env, "admin")
    assert "用户管理" in admin.get("/users").text
    r = admin.post("/users", data={"username": "zhao", "password": "zhao-pass-9", "role": "reviewer",
                                   "csrf_token": token})  # fmt: skip
    assert r.status_code == 303
    with env["factory"]() as s:
        li_id = s.scalar(select(UserRow).where(UserRow.username == "li")).id
    assert (
        admin.post(f"/users/{li_id}/active", data={"active": "false", "csrf_token": token}).status_code == 303
    )
    assert li.get("/queue").status_code == 303  # li's open session ends at once
    zhao = client(env)
    t = csrf_of(zhao.get("/login").text)
    assert (
        zhao.post("/login", data={"username": "zhao", "password": "zhao-pass-9", "csrf_token": t}).status_code
        == 303
    )
    # short passwords are refused
    r = admin.post(
        "/users", data={"username": "q", "password": "short", "role": "reviewer", "csrf_token": token}
    )
    assert r.status_code == 400 and "密码至少" in r.text


def test_a_password_change_ends_other_sessions(env):
    li, _ = login(env, "li")
    admin, token = login(env, "admin")
    with env["factory"]() as s:
        li_id = s.scalar(select(UserRow).where(UserRow.username == "li")).id
    assert (
        admin.post(
            f"/users/{li_id}/password", data={"password": "new-pass-123", "csrf_token": token}
        ).status_code
        == 303
    )
    assert li.get("/queue").status_code == 303


def _li_id(env) -> int:
    with env["factory"]() as s:
        return s.scalar(select(UserRow).where(UserRow.username == "li")).id


def test_sign_out_ends_the_session_on_the_server(env):
    li, token = login(env, "li")
    other, _ = login(env, "li")  # the same reviewer in a second browser
    stolen = li.cookies["cehours_session"]
    assert li.post("/logout", data={"csrf_token": token}).status_code == 303
    # replaying the old cookie opens nothing, and its token records nothing
    replay = client(env)
    replay.cookies.set("cehours_session", stolen)
    assert replay.get("/queue").status_code == 303
    item = env["ids"]["A001/paper"]
    r = replay.post(f"/items/{item}/review", data={"action": "confirm", "version": env["v"]["A001/paper"],
                                                   "csrf_token": token})  # fmt: skip
    assert r.status_code in (401, 303, 403)
    with env["factory"]() as s:
        assert s.scalars(select(ReviewRow)).first() is None
    # signing out ends every session of that user, the other browser's too
    assert other.get("/queue").status_code == 303


@pytest.mark.parametrize("change", ["role", "active"])
def test_a_role_or_account_change_ends_the_users_sessions(env, change):
    li, _ = login(env, "li")
    admin, token = login(env, "admin")
    data = {"role": "admin"} if change == "role" else {"active": "false"}
    assert admin.post(f"/users/{_li_id(env)}/{change}", data={**data, "csrf_token": token}).status_code == 303
    assert li.get("/queue").status_code == 303
    assert admin.get("/queue").status_code == 200  # the admin's own session goes on


@pytest.mark.parametrize("column", ["last_seen", "created_at"])
def test_idle_and_absolute_limits_end_a_session(env, column):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    from pipeline.store.models import WebSessionRow

    settings = env["app"].state.web.settings
    assert settings.session_idle == 30 * 60  # the default: 30 minutes without a request
    li, _ = login(env, "li")
    assert li.get("/queue").status_code == 200
    # move the clock of the session back: idle just past 30 min, or signed in 12 h + 1 min ago
    idle = column == "last_seen"
    ago = timedelta(seconds=(settings.session_idle if idle else settings.session_max_age) + 60)
    with env["factory"]() as s:
        s.execute(update(WebSessionRow).values({column: datetime.now(UTC) - ago}))
        if column == "created_at":  # recently active, yet too old
            s.execute(update(WebSessionRow).values(last_seen=datetime.now(UTC)))
        s.commit()
    assert li.get("/queue").status_code == 303
    with env["factory"]() as s:
        why = {r.ended_why for r in s.scalars(select(WebSessionRow))}
    assert ("idle" if idle else "expired") in why


def test_idle_timeout_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("CEHOURS_SESSION_IDLE_MINUTES", "5")
    assert WebSettings(db_url="sqlite://", data_dir=tmp_path, secret="x" * 40).session_idle == 300
    monkeypatch.setenv("CEHOURS_SESSION_IDLE_MINUTES", "soon")
    with pytest.raises(ValueError, match="CEHOURS_SESSION_IDLE_MINUTES"):
        WebSettings(db_url="sqlite://", data_dir=tmp_path, secret="x" * 40)


def test_every_failed_sign_in_costs_one_password_hash_check(env, monkeypatch):
    """Whatever is wrong, a failed sign-in does the same work (one Argon2 verification), so the
    response time cannot tell an existing user name from an unknown one."""
    from argon2 import PasswordHasher

    calls: list[int] = []
    real = PasswordHasher.verify

    def counting(self, hash, password):  # the real verification, counted
        calls.append(1)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    with env["factory"]() as s:
        s.get(UserRow, _li_id(env)).active = False
        s.commit()
    cases = {"unknown name": ("nobody", "x"), "empty password": ("wang", ""), "wrong password": ("wang", "x"),
             "disabled account": ("li", PASSWORDS["li"]), "empty name": ("", "x"),
             "overlong password": ("wang", "x" * 5000)}  # fmt: skip
    for what, (user, pw) in cases.items():
        c = client(env)
        t = csrf_of(c.get("/login").text)
        calls.clear()
        r = c.post("/login", data={"username": user, "password": pw, "csrf_token": t})
        assert r.status_code == 401 and "用户名或密码不正确" in r.text, what
        assert len(calls) == 1, what


def test_every_post_without_its_csrf_token_is_refused(env):
    c, token = login(env, "admin")
    posts = [p for m, p in app_routes(env) if m == "POST"]
    assert "/batches/upload" in posts and "/logout" in posts
    for path in posts:
        r = c.post(path, data={"action": "confirm", "version": "1"})
        assert r.status_code == 403, path
        r = c.post(path, data={"action": "confirm", "version": "1", "csrf_token": "wrong"})
        assert r.status_code == 403, path
        r = c.post(path, headers={"X-CSRF-Token": "wrong"})
        assert r.status_code == 403, path
    with env["factory"]() as s:
        assert s.scalars(select(ReviewRow)).first() is None
    # the sign-in form needs it too (a forged cross-site sign-in is refused)
    anon = client(env)
    r = anon.post("/login", data={"username": "li", "password": PASSWORDS["li"]})
    assert r.status_code == 403
    # the header works in place of the form field
    item = env["ids"]["A001/paper"]
    r = c.post(f"/items/{item}/review", data={"action": "confirm", "version": env["v"]["A001/paper"]},
               headers={"X-CSRF-Token": token, "Accept": "application/json"})  # fmt: skip
    assert r.status_code == 200 and r.json()["ok"]


def test_session_cookie_is_httponly_and_samesite(env):
    c = client(env)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "li", "password": PASSWORDS["li"], "csrf_token": token})
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = c.get("/queue")
    assert page.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    assert re.fullmatch(r"app;dur=[0-9.]+", page.headers["server-timing"])
    # the script and style are addressed by their content, so the browser keeps them
    js = re.search(r'<script src="(/static/app\.js\?v=[0-9a-f]{12})"', page.text).group(1)
    assert "immutable" in c.get(js).headers["cache-control"]


def test_sign_in_redirects_only_within_the_site(env):
    c = client(env)
    token = csrf_of(c.get("/login").text)
    r = c.post("/login", data={"username": "li", "password": PASSWORDS["li"], "csrf_token": token,
                               "next": "//evil.example/x"})  # fmt: skip
    assert r.headers["location"] == "/queue"
    from pipeline.web.routes.login import _safe_next

    for bad in ("//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example",
                "https://evil.example", "evil.example", ""):  # fmt: skip
        assert _safe_next(bad) == "/queue", bad
    assert _safe_next("/items/3?status=open") == "/items/3?status=open"


def test_sign_in_is_rate_limited_per_ip_and_user(env):
    c = client(env)
    token = csrf_of(c.get("/login").text)
    for _ in range(3):  # this app allows 3 failures a minute (the default is 5)
        r = c.post("/login", data={"username": "li", "password": "wrong", "csrf_token": token})
        assert r.status_code == 401
    # the next try is refused even with the right password
    r = c.post("/login", data={"username": "li", "password": PASSWORDS["li"], "csrf_token": token})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # another account from the same address is not locked out by li's failures
    r = c.post("/login", data={"username": "wang", "password": PASSWORDS["wang"], "csrf_token": token})
    assert r.status_code == 303
    # unknown names count too (no way to tell which names exist)
    anon = client(env)
    t = csrf_of(anon.get("/login").text)
    codes = [anon.post("/login", data={"username": "nobody", "password": "x", "csrf_token": t}).status_code
             for _ in range(4)]  # fmt: skip
    assert codes == [401] * 3 + [429]


@pytest.mark.parametrize(
    "path",
    [
        "/files/../../etc/passwd",
        "/files/..%2F..%2Fetc%2Fpasswd",
        "/files/%2Fetc%2Fpasswd/page/0.png",
        "/files/etc/passwd",
        "/files/" + "g" * 64,
        "/files/" + "A" * 64,
        "/files/" + "a" * 63,
        "/files/" + "a" * 64,  # well formed, not in the database
        "/files/" + "a" * 64 + "/page/0.png",
        "/files/{sha}/page/5.png",  # a page the file does not have
        "/files/{sha}/page/-1.png",
        "/files/{sha}%2F..%2F..%2Fweb.db",
    ],
)
def test_crafted_file_ids_cannot_read_outside_the_store(env, path):
    c, _ = login(env)
    r = c.get(path.replace("{sha}", env["sha"]))
    assert r.status_code in (404, 422), (path, r.status_code)
    assert b"root:" not in r.content and b"SQLite format" not in r.content


def test_the_item_page_shows_its_scan_sized_for_the_screen_with_the_original_a_click_away(env):
    c, _ = login(env)
    html = c.get(f"/items/{env['ids']['A001/patent.jpg']}").text
    src = re.search(r'<img src="([^"]+)"', html).group(1)
    assert src.startswith(f"/files/{env['sha']}/page/0/w1200.jpg")
    assert "w1800.jpg" in html and 'class="original-link"' in html
    r = c.get(src)
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert "immutable" in r.headers["cache-control"] and "private" in r.headers["cache-control"]
    assert Image.open(io.BytesIO(r.content)).width == 600  # never enlarged past the scan itself
    assert c.get(f"/files/{env['sha']}/page/0/w999.jpg").status_code == 404
    # the item before it in the queue fetches this scan ahead, by the same address
    html = c.get(f"/items/{env['ids']['A001/paper']}").text
    assert 'id="next-item"' in html
    assert f'<link rel="prefetch" href="{src}"' in html.replace("&amp;", "&")


def test_scan_is_served_by_hash_and_a_swapped_file_is_refused(env):
    c, _ = login(env)
    r = c.get(f"/files/{env['sha']}/page/0.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size == (600, 400)
    r = c.get(f"/files/{env['sha']}")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    # the stored file replaced by something else: it is not shown as that evidence
    with env["factory"]() as s:
        path = Path(s.get(FileRow, env["sha"]).stored_path)
    path.write_bytes(b"not the scan")
    assert c.get(f"/files/{env['sha']}").status_code == 404
    for cached in (env["tmp"] / "data" / "page-images").glob("*.png"):
        cached.unlink()
    assert c.get(f"/files/{env['sha']}/page/0.png").status_code == 404


def test_item_page_shows_scan_boxes_fields_flags_and_history(env):
    c, _ = login(env)
    html = c.get(f"/items/{env['ids']['A001/patent.jpg']}").text
    assert f"/files/{env['sha']}/page/0.png" in html
    assert "专利证书" in html or "专利" in html
    assert "排名" in html and "发明专利" in html  # field names and values in Chinese
    html = c.get(f"/items/{env['ids']['A001/paper']}").text
    assert "材料不齐全" in html and "学时核认所需材料不全" in html  # the flag, named and explained
    assert "期刊论文" in html and "中国农学通报" in html
    assert "找到申报人姓名" not in html  # the pipeline's own field is not shown to people
    html = c.get(f"/items/{env['ids']['A001/broken.pdf']}").text
    assert "文件已损坏" in html


def test_a_page_whose_text_layer_was_not_trusted_says_so(env):
    # a PDF page whose own text layer failed the quality test was read by OCR: the reviewer sees why
    why = "text layer rejected: its 2 words over a page image cover 5% of the page's ink"
    with env["factory"]() as s, s.begin():
        s.scalars(select(PageRow).where(PageRow.file_sha256 == env["sha"])).first().layer_rejected = why
    c, _ = login(env)
    html = c.get(f"/items/{env['ids']['A001/patent.jpg']}").text
    assert "PDF自带文字层不可信，已改为识别图像" in html and "cover 5% of the page&#39;s ink" in html
    html = c.get(f"/items/{env['ids']['A001/paper']}").text
    assert "PDF自带文字层不可信" not in html


def _review(c, token, item_id, **data):
    return c.post(f"/items/{item_id}/review", data={"csrf_token": token, **data})


def test_confirm_adjust_reject_are_audited(env):
    c, token = login(env, "li")
    paper, patent = env["ids"]["A001/paper"], env["ids"]["A001/patent.jpg"]
    v = env["v"]
    r = _review(c, token, patent, action="confirm", version=v["A001/patent.jpg"])
    assert r.status_code == 303
    # adjust: the rank read wrong -> the rules re-propose 10 hours for a second author
    form = {"action": "adjust", "version": v["A001/paper"], "reason": "实为第二作者",
            "evidence_type": "journal_paper",
            "field.rank": "2", "field.journal": "中国农学通报", "field.cn_number": "11-1984/S",
            "field.date": "2022-03-01", "field.name_found": "true",
            "credit_year": ["2022", ""], "credit_category": ["professional", "professional"],
            "credit_hours": ["30", ""]}  # fmt: skip
    r = _review(c, token, paper, **form)
    assert r.status_code == 303, r.text
    html = c.get(f"/items/{paper}").text
    assert "实为第二作者" in html and "li" in html and "调整" in html
    with env["factory"]() as s:
        item = s.get(ItemRow, paper)
        review = s.get(ReviewRow, item.review_id)
        assert item.status == "adjusted" and item.version == int(v["A001/paper"]) + 1
        after = str(item.version)
        assert review.after["fields"]["rank"] == 2 and review.after["hours"] == 10
        assert review.before["hours"] == 30
    # reject needs a reason; without one nothing is written
    r = _review(c, token, paper, action="reject", version=after, reason="")
    assert r.status_code == 400
    r = _review(c, token, paper, action="reject", version=after, reason="非本人论文")
    assert r.status_code == 303
    with env["factory"]() as s:
        actions = [x.action for x in s.scalars(select(ReviewRow).where(ReviewRow.item_id == paper))]
        assert actions == ["adjust", "reject"]


def test_a_decided_item_shows_its_decision_who_when_and_the_original_proposal(env):
    c, token = login(env, "li")
    paper = env["ids"]["A001/paper"]
    html = c.get(f"/items/{paper}").text
    assert "建议学时" in html and "当前决定" not in html
    r = _review(c, token, paper, action="adjust", version=env["v"]["A001/paper"], **{"field.rank": "2"})
    assert r.status_code == 303, r.text
    html = c.get(f"/items/{paper}").text
    decision = html[html.index('id="decision"'):html.index('id="original-proposal"')]
    assert "当前决定" in decision and "已调整" in decision and "li" in decision and " UTC" in decision
    assert re.search(r'id="decision-hours">10<', decision)  # rank 2 -> 10 hours, by the rules
    original = html[html.index('id="original-proposal"'):]
    assert "原建议" in original and "30" in original.split("</dl>")[0]


def test_a_field_corrected_in_place_changes_that_field_only_and_moves_on(env):
    c, token = login(env, "li")
    paper = env["ids"]["A001/paper"]
    # the hours by the rules for the value being typed, before anything is saved
    r = c.get(f"/items/{paper}/preview", params={"field.rank": "2"}, headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["hours"] == 10 and "30 → 10" in r.json()["text"]
    assert c.get(f"/items/{paper}/preview", params={"field.rank": "two"}).status_code == 400
    with env["factory"]() as s:
        assert s.scalars(select(ReviewRow)).first() is None
    # what the in-place editor posts: the one field, no reason
    r = _review(c, token, paper, action="adjust", version=env["v"]["A001/paper"], qs="applicant=A001",
                **{"field.rank": "2", "reason": ""})  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] != f"/items/{paper}?applicant=A001"
    with env["factory"]() as s:
        review = s.get(ReviewRow, s.get(ItemRow, paper).review_id)
    before, after = review.before["fields"], review.after["fields"]
    assert {k for k in after if after[k] != before.get(k)} == {"rank"}
    assert before["rank"] == 1 and after["rank"] == 2
    assert review.after["evidence_type"] == review.before["evidence_type"] == "journal_paper"
    assert review.after["hours"] == 10 and review.reason == ""


def test_the_type_list_preselects_nothing_for_an_unread_type(env):
    c, _ = login(env, "li")
    html = c.get(f"/items/{env['ids']['A001/broken.pdf']}").text
    select_html = html[html.index('id="adjust-type"'):]
    select_html = select_html[: select_html.index("</select>")]
    assert re.search(r'<option value="" selected>（未识别', select_html)
    assert len(re.findall(r"\bselected\b", select_html)) == 1
    assert "None" not in html[html.index('id="decision"'):html.index("审核操作")]


def test_reject_needs_a_reason_and_moves_on(env):
    c, token = login(env, "li")
    paper, patent = env["ids"]["A001/paper"], env["ids"]["A001/patent.jpg"]
    r = _review(c, token, paper, action="reject", version=env["v"]["A001/paper"], reason="")
    assert r.status_code == 400
    r = _review(c, token, paper, action="reject", version=env["v"]["A001/paper"], reason="非本人")
    assert r.status_code == 303 and r.headers["location"].startswith("/items/")
    assert r.headers["location"] != f"/items/{paper}"
    # the one after the paper in the queue's order (needs_review bucket, then auto_ok)
    html = c.get(f"/items/{patent}").text
    assert 'id="prev-item"' in html


def test_an_adjust_of_hours_only_keeps_the_fields(env):
    c, token = login(env, "li")
    paper = env["ids"]["A001/paper"]
    html = c.get(f"/items/{paper}").text
    form = {"action": "adjust", "version": env["v"]["A001/paper"], "reason": "按证书计",
            "evidence_type": "journal_paper",
            "credit_year": ["2022", ""], "credit_category": ["professional", "professional"],
            "credit_hours": ["20", ""]}  # fmt: skip
    for name, value in re.findall(r'name="field\.([a-z_]+)" value="([^"]*)"', html):
        form[f"field.{name}"] = value
    form["field.name_found"] = "true"
    assert _review(c, token, paper, **form).status_code == 303
    with env["factory"]() as s:
        review = s.get(ReviewRow, s.get(ItemRow, paper).review_id)
    assert review.after["hours"] == 20 and review.after["fields"] == review.before["fields"]


def test_a_stale_version_gets_a_conflict_and_overwrites_nothing(env):
    li, t1 = login(env, "li")
    wang, t2 = login(env, "wang")
    paper = env["ids"]["A001/paper"]
    seen = int(env["v"]["A001/paper"])  # both reviewers opened the page at this version
    assert _review(li, t1, paper, action="confirm", version=str(seen)).status_code == 303
    r = _review(wang, t2, paper, action="reject", version=str(seen), reason="不是本人")
    assert r.status_code == 409
    assert "已被他人修改" in r.text and f"第 {seen} 版" in r.text and f"第 {seen + 1} 版" in r.text
    r = wang.post(f"/items/{paper}/review", data={"action": "reject", "version": str(seen), "reason": "x"},
                  headers={"X-CSRF-Token": t2, "Accept": "application/json"})  # fmt: skip
    assert r.status_code == 409 and r.json()["conflict"] == {"expected": seen, "current": seen + 1}
    with env["factory"]() as s:
        item = s.get(ItemRow, paper)
        assert item.status == "confirmed"
        assert [x.user for x in s.scalars(select(ReviewRow).where(ReviewRow.item_id == paper))] == ["li"]


def test_queue_puts_needs_review_first_and_filters(env):
    c, token = login(env)
    html = c.get("/queue").text
    order = re.findall(r'data-href="/items/(\d+)', html)
    ids = env["ids"]
    assert order[-1] == str(ids["A001/patent.jpg"])  # auto_ok after the two needs_review
    html = c.get("/queue?flag=materials_incomplete").text
    assert re.findall(r'data-href="/items/(\d+)', html) == [str(ids["A001/paper"])]
    html = c.get("/queue?type=patent_certificate").text
    assert re.findall(r'data-href="/items/(\d+)', html) == [str(ids["A001/patent.jpg"])]
    html = c.get("/queue?applicant=张").text
    assert len(re.findall(r'data-href="/items/', html)) == 3
    html = c.get("/queue?status=auto_ok&batch=1").text
    assert re.findall(r'data-href="/items/(\d+)', html) == [str(ids["A001/patent.jpg"])]
    # a type changed by a reviewer is filtered by the new type
    _review(c, token, ids["A001/patent.jpg"], action="adjust", version=env["v"]["A001/patent.jpg"],
            reason="其实是获奖证书",
            evidence_type="award_certificate", credit_year=["2023", ""],
            credit_category=["professional", "professional"], credit_hours=["60", ""])  # fmt: skip
    html = c.get("/queue?type=award_certificate").text
    assert re.findall(r'data-href="/items/(\d+)', html) == [str(ids["A001/patent.jpg"])]
    # nonsense filters are ignored, never an error
    assert c.get("/queue?flag=%27%20OR%201%3D1&type=x&status=y&page=-3&batch=abc").status_code == 200


def test_applicant_years_and_bulk_confirm(env):
    c, token = login(env)
    html = c.get("/applicants/1").text
    assert "2019" in html and "2023" in html and "<svg" in html
    assert "未全部达到要求" in html
    items = re.findall(r'name="item" value="(\d+:\d+)"', html)
    assert items == [f"{env['ids']['A001/patent.jpg']}:{env['v']['A001/patent.jpg']}"]
    r = c.post("/applicants/1/confirm-auto", data={"csrf_token": token, "item": items})
    assert r.status_code == 303
    with env["factory"]() as s:
        assert s.get(ItemRow, env["ids"]["A001/patent.jpg"]).status == "confirmed"
    # posting the same (now stale) list again confirms nothing twice
    c.post("/applicants/1/confirm-auto", data={"csrf_token": token, "item": items})
    with env["factory"]() as s:
        assert len(list(s.scalars(select(ReviewRow)))) == 1


def test_bulk_confirm_lists_what_it_confirms_and_can_be_undone_for_a_while(env):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    c, token = login(env)
    patent = env["ids"]["A001/patent.jpg"]
    html = c.get("/applicants/1").text
    listed = html[html.index('id="bulk-list"'):html.index("</ul>", html.index('id="bulk-list"'))]
    assert "A001/patent.jpg" in listed and "学时" in listed and "A001/paper" not in listed
    assert 'id="undo-bulk"' not in html
    items = re.findall(r'name="item" value="(\d+:\d+)"', html)
    c.post("/applicants/1/confirm-auto", data={"csrf_token": token, "item": items})
    html = c.get("/applicants/1").text
    assert 'id="undo-bulk"' in html and "可在本页撤销" in html
    # another reviewer cannot undo li's bulk confirm
    wang, wtoken = login(env, "wang")
    assert 'id="undo-bulk"' not in wang.get("/applicants/1").text
    wang.post("/applicants/1/undo-confirm-auto", data={"csrf_token": wtoken})
    with env["factory"]() as s:
        assert s.get(ItemRow, patent).status == "confirmed"
    assert c.post("/applicants/1/undo-confirm-auto", data={"csrf_token": token}).status_code == 303
    with env["factory"]() as s:
        item = s.get(ItemRow, patent)
        log = list(s.scalars(select(ReviewRow).where(ReviewRow.item_id == patent).order_by(ReviewRow.id)))
        assert item.status == "auto_ok"
        assert [r.action for r in log] == ["confirm", "undo"]  # append-only: the confirm stays on record
        assert log[1].after["status"] == "auto_ok" and log[1].before["status"] == "confirmed"
    html = c.get(f"/items/{patent}").text
    assert "撤销" in html and "建议学时" in html  # back to a proposal waiting for a person
    # the export says so too
    from pipeline.export import records

    with env["factory"]() as s:
        rec = next(r for r in records(s) if r["item"] == "A001/patent.jpg")
    assert rec["status"] == "auto_ok"
    # confirmed again, then too late to undo
    html = c.get("/applicants/1").text
    items = re.findall(r'name="item" value="(\d+:\d+)"', html)
    c.post("/applicants/1/confirm-auto", data={"csrf_token": token, "item": items})
    long_ago = datetime.now(UTC) - timedelta(seconds=env["app"].state.web.settings.undo_seconds + 5)
    with env["factory"]() as s:
        s.execute(update(ReviewRow).where(ReviewRow.action == "confirm").values(at=long_ago))
        s.commit()
    assert 'id="undo-bulk"' not in c.get("/applicants/1").text
    c.post("/applicants/1/undo-confirm-auto", data={"csrf_token": token})
    with env["factory"]() as s:
        assert s.get(ItemRow, patent).status == "confirmed"


def test_confirming_a_confirmed_item_again_adds_no_audit_row(env):
    c, token = login(env)
    patent, v = env["ids"]["A001/patent.jpg"], int(env["v"]["A001/patent.jpg"])
    assert _review(c, token, patent, action="confirm", version=v).status_code == 303
    # a second click on the same form (old version), then a confirm from a fresh page (new version)
    for version in (v, v + 1):
        r = _review(c, token, patent, action="confirm", version=version)
        assert r.status_code == 303 and r.headers["location"].startswith(f"/items/{patent}")
        assert "未重复记录" in c.get(r.headers["location"]).text
    r = c.post(f"/items/{patent}/review", data={"csrf_token": token, "action": "confirm", "version": v + 1},
               headers={"accept": "application/json"})  # fmt: skip
    assert r.json()["noop"] is True and r.json()["version"] == v + 1
    with env["factory"]() as s:
        assert [x.action for x in s.scalars(select(ReviewRow))] == ["confirm"]
        assert s.get(ItemRow, patent).version == v + 1
    # a reject on the old version is still refused as stale
    assert _review(c, token, patent, action="reject", version=v, reason="x").status_code == 409


def test_applicant_page_years_equal_cehours_summary_json(env):
    """The page's per-year totals and verdict are the numbers `cehours summary --format json` gives."""
    import json
    import subprocess

    c, token = login(env)
    # one item reviewed, so current, proposed and confirmed differ
    _review(c, token, env["ids"]["A001/paper"], action="adjust", version=env["v"]["A001/paper"],
            reason="核对后改为 20 学时", evidence_type="journal_paper", credit_year=["2022", ""],
            credit_category=["professional", "professional"], credit_hours=["20", ""])  # fmt: skip
    html = c.get("/applicants/1").text
    out = subprocess.run(
        [str(Path(sys.executable).with_name("cehours")), "summary", "--format", "json", "--db", env["url"]],
        capture_output=True, text=True, check=True,
    ).stdout
    (row,) = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert row["applicant_id"] == "A001"
    page = {
        y: (float(tot), float(conf))
        for y, tot, conf in re.findall(
            r'<tr data-year="(\d+)">.*?<td class="num total">([\d.]+)</td>'
            r'.*?<td class="num">([\d.]+)</td>\s*</tr>',
            html, re.S,
        )
    }  # fmt: skip
    assert page == {
        y: (float(v["total"]), float(row["confirmed"]["years"][y]["total"])) for y, v in row["years"].items()
    }
    assert page["2022"] == (20.0, 20.0)
    assert ("每年均达到要求" in html) == row["span_ok"]


def _zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("manifest.csv", "applicant_id,name,employer,title_level,eval_year\n")
    return buf.getvalue()


def test_upload_refuses_non_zip_oversize_and_missing_token(env):
    c, token = login(env)
    r = c.post(
        "/batches/upload",
        data={"csrf_token": token},
        files={"file": ("a.zip", b"not a zip", "application/zip")},
    )
    assert r.status_code == 400 and "zip" in r.text
    big = b"\0" * 300_000
    r = c.post(
        "/batches/upload", data={"csrf_token": token}, files={"file": ("big.zip", big, "application/zip")}
    )
    assert r.status_code == 413
    r = c.post("/batches/upload", files={"file": ("b.zip", _zip_bytes(), "application/zip")})
    assert r.status_code == 403
    assert (
        not list((env["tmp"] / "data" / "uploads").glob("*/*.zip"))
        if (env["tmp"] / "data" / "uploads").exists()
        else True
    )


def test_upload_name_cannot_escape_the_upload_folder(env):
    from pipeline.web.routes.batches import safe_batch_name

    assert safe_batch_name("../../etc/passwd.zip") == "passwd"
    assert safe_batch_name("C:\\x\\..\\2024 六月.zip") == "2024_六月"
    assert safe_batch_name("....zip") == "batch"


def test_downloads_recognition_sheet_and_workbook(env):
    c, _ = login(env)
    r = c.get("/applicants/1/sheet.pdf")
    assert (
        r.status_code == 200
        and r.content.startswith(b"%PDF")
        and r.headers["content-type"] == "application/pdf"
    )
    assert "attachment" in r.headers["content-disposition"]
    r = c.get("/batches/1/workbook.xlsx")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(r.content))
    assert "汇总" in wb.sheetnames
    assert c.get("/applicants/999/sheet.pdf").status_code == 404
    assert c.get("/batches/999/workbook.xlsx").status_code == 404


def test_cehours_serve_starts_the_app(tmp_path):
    import os
    import socket
    import subprocess
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "CEHOURS_HOME": str(tmp_path / "data")}
    exe = Path(sys.executable).with_name("cehours")
    cmd = [str(exe), "serve", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/queue", follow_redirects=False, timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read().decode()
                assert time.monotonic() < deadline, "cehours serve did not answer"
                time.sleep(0.3)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        assert "登录" in httpx.get(f"http://127.0.0.1:{port}/login", timeout=5).text
        assert (tmp_path / "data" / "web-secret").stat().st_mode & 0o077 == 0  # secret kept private
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def test_an_uploaded_zip_is_processed_in_the_background(env):
    import time

    c, token = login(env)
    r = c.post("/batches/upload", data={"csrf_token": token}, headers={"Accept": "application/json"},
               files={"file": ("六月 批次.zip", _zip_bytes(), "application/zip")})  # fmt: skip
    assert r.status_code == 202
    job = r.json()
    assert job["batch"] == "六月_批次" and job["user"] == "li"
    deadline = time.monotonic() + 120
    while job["state"] in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
        job = c.get(f"/batches/jobs/{job['id']}.json").json()
    assert job["state"] == "done", job
    assert job["message"].startswith("共 0 件")
    # processed: the originals are in the store, so the uploaded zip and its folder are gone
    assert list((env["tmp"] / "data" / "uploads").iterdir()) == []
    listing = c.get("/batches/jobs.json").json()
    assert any(b["name"] == "六月_批次" and b["status"] == "done" for b in listing["batches"])
    assert "六月_批次" in c.get("/batches").text
    assert c.get("/batches/jobs/999.json").status_code == 404


def test_a_failed_upload_keeps_its_zip_and_logs_where(tmp_path, caplog):
    """A batch that fails (here: its database server does not answer) leaves the zip for a retry;
    the reviewer reads what happened in Chinese, the path is in the server log only."""
    import time

    from pipeline.web.jobs import JobRunner

    settings = WebSettings(db_url="postgresql+psycopg://nobody:x@127.0.0.1:9/none", data_dir=tmp_path / "d")
    folder = settings.upload_dir / "u1"
    folder.mkdir(parents=True)
    zip_path = folder / "b.zip"
    zip_path.write_bytes(_zip_bytes())
    runner = JobRunner(settings)
    job = runner.submit(zip_path, "b", "b.zip", "li")
    deadline = time.monotonic() + 120
    while job.state in ("queued", "running"):
        assert time.monotonic() < deadline, job
        time.sleep(0.2)
    assert job.state == "failed" and job.error.startswith("数据库暂时无法连接")
    assert zip_path.is_file() and str(tmp_path) not in str(job.public())
    logged = [r.getMessage() for r in caplog.records]
    assert any(str(zip_path) in m and "OperationalError" in m for m in logged)


def test_batches_page_polls_while_a_batch_runs(env):
    from pipeline.store.models import Batch

    c, _ = login(env)
    assert "data-active" not in c.get("/batches").text
    with env["factory"]() as s, s.begin():
        s.add(Batch(name="running-elsewhere", source="cli", status="running"))  # e.g. `cehours process`
    html = c.get("/batches").text
    assert re.search(r'id="jobs"[^>]*data-active', html)
    assert 'data-status="running"' in html


@pytest.mark.parametrize("path", ["/items/abc", "/items/99999", "/items/1x", "/applicants/abc",
                                  "/batches/x/workbook.xlsx", "/no-such-page", "/items/1/nothing"])
def test_an_unknown_or_malformed_address_gets_the_pages_own_404(env, path):
    c, _ = login(env)
    r = c.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "未找到" in r.text and "审核队列" in r.text  # the page's own frame, in Chinese
    assert "detail" not in r.text and "Not Found" not in r.text


def test_a_year_met_with_too_little_public_says_so_on_the_applicant_page(env):
    c, token = login(env)
    patent = env["ids"]["A001/patent.jpg"]
    r = _review(c, token, patent, action="adjust", version=env["v"]["A001/patent.jpg"], reason="按证书",
                credit_year=["2023"], credit_category=["professional"], credit_hours=["90"])  # fmt: skip
    assert r.status_code == 303, r.text
    html = c.get("/applicants/1").text
    row = html[html.index('data-year="2023"'):]
    row = row[: row.index("</tr>")]
    assert "达标（公需不足 30，请注意）" in row and "未达标" not in row


class _FormReader:
    """The fields a browser would post for one form of a page, as the page preselects them."""

    def __init__(self, html: str, form_id: str) -> None:
        from html.parser import HTMLParser

        self.pairs: list[tuple[str, str]] = []
        reader = self

        class P(HTMLParser):
            inside, select, first = False, None, None

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "form":
                    self.inside = a.get("id") == form_id
                if not self.inside or (not a.get("name") and tag != "option"):
                    return
                if tag == "input":
                    reader.pairs.append((a["name"], a.get("value") or ""))
                elif tag == "select":
                    self.select, self.first = a["name"], None
                elif tag == "option" and self.select:
                    if self.first is None:
                        self.first = a.get("value", "")
                    if "selected" in a:
                        reader.pairs.append((self.select, a.get("value", "")))
                        self.select = None

            def handle_endtag(self, tag):
                if tag == "select" and self.select:  # nothing selected: the browser sends the first
                    reader.pairs.append((self.select, self.first or ""))
                    self.select = None
                if tag == "form":
                    self.inside = False

        P().feed(html)


def test_saving_the_adjust_form_with_only_a_reason_changes_nothing(env):
    c, _ = login(env)
    broken = env["ids"]["A001/broken.pdf"]  # an unreadable file: no type was read
    form: dict[str, list[str]] = {}
    for k, v in _FormReader(c.get(f"/items/{broken}").text, "adjust-form").pairs:
        form.setdefault(k, []).append(v)
    assert form["csrf_token"] and form["action"] == ["adjust"] and "evidence_type" in form
    form["reason"] = ["看过了"]
    r = c.post(f"/items/{broken}/review", data=form)
    assert r.status_code == 400 and "没有修改任何内容" in r.text
    with env["factory"]() as s:
        assert s.scalars(select(ReviewRow)).first() is None
