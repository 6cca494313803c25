"""The UI shell: headers, language, navigation, error pages, local assets."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa

from accounts.models import Role, User
from core.extensions import db
from tests.factories import PASSWORD, make_user
from tests.helpers import db_scalar, fetch_csrf_token, login, make_app

ROOT = Path(__file__).resolve().parents[2]


def signed_in(app, client, role: Role = Role.OFFICER, username: str = "someone"):
    make_user(app, username, role)
    assert login(client, username, PASSWORD).status_code == 302
    return client


def test_security_headers_on_every_page(app, client):
    for response in (client.get("/login"), signed_in(app, client).get("/")):
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_authenticated_pages_are_not_cached(app, client):
    response = signed_in(app, client).get("/settings")
    assert response.headers["Cache-Control"] == "no-store"


def test_templates_have_no_inline_script_or_style_and_no_other_origin():
    for path in [*ROOT.joinpath("templates").rglob("*.html"), *ROOT.joinpath("static").rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\ssrc=)", text), f"inline script in {path}"
        assert "<style" not in text and " style=" not in text, f"inline style in {path}"
        assert not re.search(r"(src|href)=\"(https?:)?//", text), f"other origin in {path}"
        assert "@import url(http" not in text and "url(http" not in text, f"remote asset in {path}"


def test_stylesheet_is_served_by_the_app(app, client):
    html = client.get("/login").get_data(as_text=True)
    hrefs = re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert hrefs == ["/static/css/app.css"]
    response = client.get(hrefs[0])
    assert response.status_code == 200 and b"font-family" in response.data
    response.close()


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        (Role.OFFICER, ["首頁", "案件", "法規查詢", "適用建議", "個人設定"], ["帳號管理", "稽核紀錄"]),
        (Role.SUPERVISOR, ["首頁", "案件", "法規查詢", "適用建議", "個人設定"], ["帳號管理", "稽核紀錄"]),
        (Role.AUDITOR, ["首頁", "案件", "法規查詢", "適用建議", "稽核紀錄", "個人設定"], ["帳號管理"]),
        (Role.ADMIN, ["首頁", "法規查詢", "帳號管理", "個人設定"], ["稽核紀錄", "適用建議", "案件"]),
    ],
)
def test_navigation_depends_on_role(app, client, role, visible, hidden):
    html = signed_in(app, client, role).get("/").get_data(as_text=True)
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels == visible
    for label in hidden:
        assert label not in nav


def test_auditor_reads_the_audit_log_of_own_agency(app, client):
    signed_in(app, client, Role.AUDITOR, "auditor")
    html = client.get("/audit/").get_data(as_text=True)
    assert "稽核紀錄" in html and "登入成功" in html and "auditor" in html


def test_audit_log_is_403_for_others(app, client):
    assert signed_in(app, client, Role.ADMIN).get("/audit/").status_code == 403


def test_switching_to_english_is_kept_on_the_account(app, client):
    signed_in(app, client)
    token = fetch_csrf_token(client, "/settings")
    response = client.post("/language", data={"csrf_token": token, "locale": "en"})
    assert response.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html and ">Home<" in html and ">My settings<" in html
    assert db_scalar(app, sa.select(User.locale).where(User.username == "someone")) == "en"
    # A fresh browser gets the user's language after signing in.
    other = app.test_client()
    login(other, "someone", PASSWORD)
    assert ">Sign out<" in other.get("/").get_data(as_text=True)


def test_language_can_be_chosen_before_signing_in(client):
    token = fetch_csrf_token(client, "/login")
    client.post("/language", data={"csrf_token": token, "locale": "en"})
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html


def test_unknown_language_is_refused(app, client):
    signed_in(app, client)
    token = fetch_csrf_token(client, "/settings")
    client.post("/language", data={"csrf_token": token, "locale": "fr"})
    assert '<html lang="zh-Hant-TW">' in client.get("/").get_data(as_text=True)


def test_not_found_page_is_zh_tw(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "找不到頁面" in html and '<html lang="zh-Hant-TW">' in html


def test_unexpected_error_shows_a_reference_and_no_traceback(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    app.testing = False  # let the 500 handler run as in production
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "系統發生錯誤" in html and "參考編號" in html
    assert "secret internals" not in html and "Traceback" not in html


def test_unreachable_database_gives_503(tmp_path):
    # A SQLite path inside a missing folder cannot be opened: the same
    # OperationalError a stopped PostgreSQL server raises.
    app = make_app(f"sqlite:///{tmp_path}/missing/folder/db.sqlite3")
    response = app.test_client().get("/healthz")
    html = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in html and "參考編號" in html


def test_unreachable_postgres_gives_503_on_sign_in(tmp_path):
    app = make_app("postgresql+psycopg://nobody:nothing@127.0.0.1:9/none", SQLALCHEMY_ENGINE_OPTIONS={})
    client = app.test_client()
    token = fetch_csrf_token(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "username": "officer", "password": PASSWORD})
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in response.get_data(as_text=True)


def test_health_check_answers_when_the_database_does(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_home_page_shows_todays_roc_date(app, client):
    html = signed_in(app, client).get("/").get_data(as_text=True)
    assert re.search(r"今天是 民國1\d\d年\d{1,2}月\d{1,2}日", html)


def test_user_changes_own_password(app, client):
    signed_in(app, client)
    token = fetch_csrf_token(client, "/settings")
    new = "another-long-passphrase"
    response = client.post(
        "/settings",
        data={"csrf_token": token, "current_password": PASSWORD, "new_password": new, "confirm_password": new},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # this browser stays signed in
    other = app.test_client()
    assert login(other, "someone", PASSWORD).status_code == 200
    assert login(other, "someone", new).status_code == 302


def test_wrong_current_password_changes_nothing(app, client):
    signed_in(app, client)
    with app.app_context():
        before = db.session.scalar(sa.select(User.password_hash).where(User.username == "someone"))
    token = fetch_csrf_token(client, "/settings")
    new = "another-long-passphrase"
    response = client.post(
        "/settings",
        data={"csrf_token": token, "current_password": "not-my-password", "new_password": new, "confirm_password": new},
    )
    assert "目前的密碼不正確" in response.get_data(as_text=True)
    assert db_scalar(app, sa.select(User.password_hash).where(User.username == "someone")) == before


def test_database_lost_while_signed_in_gives_503_page(sqlite_template, tmp_path):
    # SQLite only: moving the file away makes the next connection find no tables,
    # an OperationalError like a lost server (tested on PostgreSQL above).
    database = tmp_path / "live.sqlite3"
    shutil.copyfile(sqlite_template, database)
    app = make_app(f"sqlite:///{database}")
    client = app.test_client()
    signed_in(app, client)
    with app.app_context():
        db.engine.dispose()
    database.rename(tmp_path / "moved-away.sqlite3")
    response = client.get("/")
    assert response.status_code == 503
    assert "資料庫暫時無法連線" in response.get_data(as_text=True)
    with app.app_context():
        db.engine.dispose()


def test_every_post_route_refuses_a_request_without_csrf_token(app, client):
    signed_in(app, client, Role.ADMIN, "admin")
    post_rules = [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())]
    assert len(post_rules) >= 5
    for rule in post_rules:
        path = rule.build({argument: 1 for argument in rule.arguments})[1]
        response = client.post(path, data={"display_name": "x", "locale": "en"})
        assert response.status_code == 400, f"{path} accepted a POST without CSRF token"
    assert client.get("/").status_code == 200  # still signed in: nothing happened
