"""Signing in and out: success, failure, lockout, sessions, CSRF."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from accounts.models import LoginAttempt, Role, User
from audit.models import AuditEntry
from core.extensions import db
from core.models import utcnow
from tests.factories import PASSWORD, make_user
from tests.helpers import csrf_token_from, db_count, db_scalar, fetch_csrf_token, login

WRONG = "wrong-password-123"


def add_failures(app, count: int, *, minutes_ago: float = 0, username: str = "officer", address: str = "127.0.0.1"):
    at = utcnow() - timedelta(minutes=minutes_ago)
    with app.app_context():
        db.session.add_all(
            LoginAttempt(
                username=f"{username}{i}" if username.endswith("-") else username,
                client_address=address,
                succeeded=False,
                attempted_at=at,
            )
            for i in range(count)
        )
        db.session.commit()


def test_login_page_is_traditional_chinese(client):
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="zh-Hant-TW">' in html
    assert "登入" in html and "帳號" in html and "密碼" in html


def test_pages_need_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_login_with_correct_password_signs_in_and_audits(app, client):
    make_user(app, "officer", Role.OFFICER, display_name="王承辦")
    response = login(client, "Officer ", PASSWORD)  # case and surrounding spaces are forgiven
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "王承辦" in client.get("/").get_data(as_text=True)
    assert db_count(app, AuditEntry, AuditEntry.action == "login_succeeded") == 1


def test_wrong_password_gives_zh_message_and_no_session(app, client):
    make_user(app, "officer", Role.OFFICER)
    response = login(client, "officer", WRONG)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "帳號或密碼錯誤" in html
    assert 'value="officer"' in html  # the username typed is kept
    assert WRONG not in html  # the password is never echoed
    assert client.get("/").status_code == 302
    details = db_scalar(app, sa.select(AuditEntry.details).where(AuditEntry.action == "login_failed"))
    assert details == {"reason": "wrong_password"}


def test_unknown_user_gets_the_same_message_as_a_wrong_password(app, client):
    make_user(app, "officer", Role.OFFICER)
    assert "帳號或密碼錯誤" in login(client, "nobody", WRONG).get_data(as_text=True)


def test_disabled_user_cannot_sign_in(app, client):
    user_id = make_user(app, "officer", Role.OFFICER)
    with app.app_context():
        db.session.get(User, user_id).is_enabled = False
        db.session.commit()
    assert "帳號或密碼錯誤" in login(client, "officer", PASSWORD).get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_lockout_after_repeated_failures_tells_when_to_retry(app, client):
    make_user(app, "officer", Role.OFFICER)
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit - 1):
        assert "帳號或密碼錯誤" in login(client, "officer", WRONG).get_data(as_text=True)
    locked = login(client, "officer", WRONG)
    html = locked.get_data(as_text=True)
    assert locked.status_code == 429
    assert "登入失敗次數過多" in html and "後再試（約 15 分鐘）" in html
    # Even the right password is refused while locked, and the refusal is not
    # counted as another failure (that would extend the lock forever).
    attempts_before = db_count(app, LoginAttempt)
    assert login(client, "officer", PASSWORD).status_code == 429
    assert client.get("/").status_code == 302
    assert db_count(app, LoginAttempt) == attempts_before
    assert db_count(app, AuditEntry, AuditEntry.action == "login_refused_locked") == 1


def test_lockout_expires_after_the_window(app, client):
    make_user(app, "officer", Role.OFFICER)
    add_failures(app, app.config["LOGIN_MAX_FAILURES"], minutes_ago=app.config["LOGIN_LOCKOUT_MINUTES"] + 1)
    assert login(client, "officer", PASSWORD).status_code == 302


def test_lockout_of_one_account_does_not_lock_another(app, client):
    make_user(app, "officer", Role.OFFICER)
    make_user(app, "officer2", Role.OFFICER)
    add_failures(app, app.config["LOGIN_MAX_FAILURES"], address="10.9.9.9")
    assert login(client, "officer", PASSWORD).status_code == 429
    assert login(client, "officer2", PASSWORD).status_code == 302


def test_many_failures_from_one_address_are_throttled(app, client):
    make_user(app, "officer", Role.OFFICER)
    add_failures(app, app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"], username="guess-")
    assert login(client, "officer", PASSWORD).status_code == 429


def test_login_without_csrf_token_is_refused_and_changes_nothing(app, client):
    make_user(app, "officer", Role.OFFICER)
    response = client.post("/login", data={"username": "officer", "password": PASSWORD})
    assert response.status_code == 400
    assert "表單安全驗證失敗" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert db_count(app, LoginAttempt) == 0


def test_logout_ends_the_session_even_for_a_replayed_cookie(app, client):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    stolen_cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    response = client.post("/logout", data={"csrf_token": fetch_csrf_token(client, "/")})
    assert response.status_code == 302
    assert "您已登出" in client.get("/login").get_data(as_text=True)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen_cookie)
    assert client.get("/").status_code == 302


def test_logout_requires_post_with_csrf(app, client):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400
    assert client.get("/").status_code == 200


def test_idle_session_is_signed_out(app, client):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    assert client.get("/").status_code == 200
    with client.session_transaction() as session:
        session["seen_at"] -= app.config["SESSION_IDLE_MINUTES"] * 60 + 5
    assert client.get("/").status_code == 302
    assert "閒置超過 30 分鐘" in client.get("/login").get_data(as_text=True)
    assert client.get("/").status_code == 302
    assert db_count(app, AuditEntry, AuditEntry.action == "session_expired") == 1


def test_activity_keeps_the_session_alive(app, client):
    make_user(app, "officer", Role.OFFICER)
    login(client, "officer", PASSWORD)
    with client.session_transaction() as session:
        session["seen_at"] -= app.config["SESSION_IDLE_MINUTES"] * 60 - 30
    assert client.get("/").status_code == 200
    assert client.get("/settings").status_code == 200


def test_session_cookie_is_httponly_and_samesite(app, client):
    make_user(app, "officer", Role.OFFICER)
    cookie = login(client, "officer", PASSWORD).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_is_renewed_at_sign_in(app, client):
    make_user(app, "officer", Role.OFFICER)
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "officer", PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_next_parameter_cannot_redirect_off_site(app, client):
    make_user(app, "officer", Role.OFFICER)
    token = csrf_token_from(client.get("/login?next=//evil.example/phish").get_data(as_text=True))
    response = client.post(
        "/login",
        data={"csrf_token": token, "username": "officer", "password": PASSWORD, "next": "//evil.example/phish"},
    )
    assert response.headers["Location"] == "/"


def test_next_parameter_returns_to_the_requested_page(app, client):
    make_user(app, "officer", Role.OFFICER)
    assert login(client, "officer", PASSWORD, next="/settings").headers["Location"] == "/settings"


def test_password_is_stored_as_argon2id(app):
    user_id = make_user(app, "officer", Role.OFFICER)
    stored = db_scalar(app, sa.select(User.password_hash).where(User.id == user_id))
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
