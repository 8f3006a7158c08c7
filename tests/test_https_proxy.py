"""HTTPS through a real nginx (deploy/nginx/cehours.conf) in front of `cehours serve`, on loopback.

A throwaway certificate (openssl), nginx on two free ports (HTTP that only redirects, HTTPS that
proxies from 127.0.0.2), `cehours serve --trusted-proxy 127.0.0.2` as a real process. Chromium
signs in, reviews an item and downloads the recognition sheet through it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from live_server import free_port

pytestmark = pytest.mark.slow

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
SITE = Path(__file__).resolve().parents[1] / "deploy" / "nginx" / "cehours.conf"
USERS = {"li": ("reviewer-pass-1", "reviewer")}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]  # fmt: skip


def _wait_port(port: int, proc: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"{what} exited: {proc.stdout.read().decode() if proc.stdout else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not listen on {port}")


def _site_conf(app_port: int, http_port: int, https_port: int, cert: Path, key: Path) -> str:
    """The shipped site file with this test's ports and certificate; each change must apply."""
    text = SITE.read_text(encoding="utf-8")
    changes = [
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen [::]:80;", ""),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
        ("listen [::]:443 ssl http2;", ""),
        ("https://$host$request_uri", f"https://$host:{https_port}$request_uri"),
        ("/etc/ssl/certs/cehours.pem", str(cert)),
        ("/etc/ssl/private/cehours.key", str(key)),
        ("http://127.0.0.1:8000", f"http://127.0.0.1:{app_port}"),
    ]
    for old, new in changes:
        assert old in text, f"{SITE} no longer has {old!r}: update this test with the documented set-up"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is not installed in CI (scripts/install-system.sh installs it)")
        pytest.skip("nginx is not installed (scripts/install-system.sh)")
    from pipeline.store.db import open_db
    from pipeline.store.users import add_user
    from pipeline.web.demo import seed_demo, write_demo_folder

    root = tmp_path_factory.mktemp("https")
    home = root / "data"
    url = f"sqlite:///{root / 'cehours.db'}"
    seed_demo(url, write_demo_folder(root / "in" / "demo-2024"), home / "store", home / "ocr-cache",
              classify="by_name")  # fmt: skip
    factory = open_db(url)
    with factory() as s:
        for name, (pw, role) in USERS.items():
            add_user(s, name, pw, role)
    factory.kw["bind"].dispose()

    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    app_port, http_port, https_port = free_port(), free_port(), free_port()

    env = {**os.environ, "CEHOURS_HOME": str(home)}
    env.pop("CEHOURS_TRUSTED_PROXIES", None)
    cehours = str(Path(sys.executable).with_name("cehours"))
    app = subprocess.Popen(
        [cehours, "serve", "--db", url, "--port", str(app_port), "--trusted-proxy", "127.0.0.2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip

    ngx = root / "nginx"
    for sub in ("logs", "tmp"):
        (ngx / sub).mkdir(parents=True)
    (ngx / "site.conf").write_text(_site_conf(app_port, http_port, https_port, cert, key))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the tmp_path files
    tmp = ngx / "tmp"
    (ngx / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {ngx / 'nginx.pid'};\nerror_log stderr warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp}/body;\n proxy_temp_path {tmp}/proxy;\n"
        f" fastcgi_temp_path {tmp}/fcgi;\n uwsgi_temp_path {tmp}/uwsgi;\n scgi_temp_path {tmp}/scgi;\n"
        f" include {ngx / 'site.conf'};\n}}\n"
    )
    args = [NGINX, "-p", str(ngx), "-c", str(ngx / "nginx.conf"), "-e", "stderr"]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proxy = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        _wait_port(app_port, app, "cehours serve")
        _wait_port(https_port, proxy, "nginx")
        yield {
            "https": f"https://127.0.0.1:{https_port}",
            "http": f"http://127.0.0.1:{http_port}",
            "app": f"http://127.0.0.1:{app_port}",
            "cert": str(cert),
        }
    finally:
        for p in (proxy, app):
            p.terminate()
        for p in (proxy, app):
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()


def _session_cookie(resp: httpx.Response) -> str:
    cookies = [c for c in resp.headers.get_list("set-cookie") if c.startswith("cehours_session=")]
    assert cookies, f"no session cookie in {resp.headers}"
    return cookies[0].lower()


def test_plain_http_is_redirected_to_https(site):
    r = httpx.get(site["http"] + "/queue?status=open", follow_redirects=False)
    assert r.status_code == 301
    assert r.headers["location"] == site["https"] + "/queue?status=open"


def test_over_https_the_cookie_is_secure_with_hsts_and_csp(site):
    with httpx.Client(verify=ssl.create_default_context(cafile=site["cert"])) as c:
        r = c.get(site["https"] + "/login")
    assert r.status_code == 200
    assert "; secure" in _session_cookie(r) or _session_cookie(r).endswith("secure")
    assert r.headers["strict-transport-security"].startswith("max-age=")
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_forwarded_headers_are_ignored_from_anywhere_but_the_proxy(site):
    """The same request straight to cehours, from 127.0.0.1 (not the proxy's 127.0.0.2),
    claiming HTTPS: not believed, so no Secure (it would be lost on plain HTTP) and no HSTS."""
    r = httpx.get(
        site["app"] + "/login", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9"}
    )
    assert r.status_code == 200
    assert "secure" not in _session_cookie(r)
    assert "strict-transport-security" not in r.headers


def test_sign_in_review_and_download_through_nginx_in_chromium(site, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        # the throwaway certificate is not trusted by the browser: accept it for this context only
        ctx = browser.new_context(ignore_https_errors=True, accept_downloads=True, locale="zh-CN")
        page = ctx.new_page()
        page.set_default_timeout(20000)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(site["http"] + "/queue")  # plain HTTP: sent to HTTPS, then to sign in
            assert page.url.startswith(site["https"] + "/login")
            page.fill("input[name=username]", "li")
            page.fill("input[name=password]", USERS["li"][0])
            page.click("button[type=submit]")
            page.wait_for_url(re.compile(r"/queue"))
            assert page.url.startswith(site["https"])
            session = [c for c in ctx.cookies() if c["name"] == "cehours_session"]
            assert session and session[0]["secure"] and session[0]["httpOnly"]

            rows = page.locator("#queue-table tbody tr[data-href]")
            assert rows.count() == 2
            page.goto(site["https"] + rows.nth(0).get_attribute("data-href"))
            page.keyboard.press("c")
            page.wait_for_selector(".flash")
            assert "已确认" in page.locator(".flash").inner_text()

            page.locator(".crumbs a", has_text="张三").click()
            page.wait_for_url(re.compile(r"/applicants/\d+"))
            with page.expect_download() as dl:
                page.click("a[href$='sheet.pdf']")
            target = tmp_path / "sheet.pdf"
            dl.value.save_as(target)
            assert target.read_bytes()[:5] == b"%PDF-"
            assert "学时认定单" in dl.value.suggested_filename
        finally:
            ctx.close()
            browser.close()
    assert not errors, errors
