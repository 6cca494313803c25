"""A password an admin chose must be changed at the next sign-in (issue 12 item 8d).

After an admin's reset (or a new account's first sign-in) every page leads to the
change-password page until the user has chosen their own password; signing out,
switching the language and the stylesheets still work. Each step is audited.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from accounts.models import Role, User
from audit.models import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import db_scalar, fetch_csrf_token, login

TEMPORARY = "temporary-password-from-admin"
OWN = "my-own-long-passphrase"


@pytest.fixture
def admin(app, client):
    agency_id = make_agency(app, code="AB", name="甲機關")
    make_user(app, "admin", Role.ADMIN, agency_id=agency_id)
    make_user(app, "officer", Role.OFFICER, agency_id=agency_id, display_name="王承辦")
    assert login(client, "admin", PASSWORD).status_code == 302
    return client


def user_id(app, username: str) -> int:
    return int(db_scalar(app, sa.select(User.id).where(User.username == username)))


def must_change(app, username: str) -> bool:
    return bool(db_scalar(app, sa.select(User.must_change_password).where(User.username == username)))


def reset_password(admin, app, username: str, password: str = TEMPORARY, display_name: str = "王承辦") -> None:
    path = f"/admin/users/{user_id(app, username)}"
    response = admin.post(
        path,
        data={
            "csrf_token": fetch_csrf_token(admin, path),
            "display_name": display_name,
            "roles": ["admin"] if username == "admin" else ["officer"],
            "is_enabled": "y",
            "new_password": password,
        },
    )
    assert response.status_code == 302


def audit_details(app, action: str) -> list[dict]:
    with app.app_context():
        return list(db.session.scalars(sa.select(AuditEntry.details).where(AuditEntry.action == action)))


def change_password(client, current: str, new: str, confirm: str | None = None):
    return client.post(
        "/password",
        data={
            "csrf_token": fetch_csrf_token(client, "/password"),
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
    )


def test_after_a_reset_every_page_leads_to_the_password_change_until_done(app, admin):
    reset_password(admin, app, "officer")
    assert must_change(app, "officer")
    assert audit_details(app, "user_updated")[-1]["must_change_password"] == [False, True]

    officer = app.test_client()
    response = login(officer, "officer", TEMPORARY)
    assert response.status_code == 302 and response.headers["Location"] == "/password"
    page = officer.get("/password").get_data(as_text=True)
    assert "系統管理者設定的暫時密碼" in page and "請先設定您自己的新密碼" in page
    assert audit_details(app, "login_succeeded")[-1] == {"must_change_password": True}
    for path in ("/", "/cases/", "/cases/new", "/settings", "/statutes/", "/suggestions/", "/no-such-page"):
        response = officer.get(path)
        assert response.status_code == 302 and response.headers["Location"] == "/password", path
    with officer.get("/static/css/app.css") as stylesheet:
        assert stylesheet.status_code == 200

    refused = change_password(officer, "not-the-password", OWN)
    assert "目前的密碼不正確" in refused.get_data(as_text=True)
    assert officer.get("/").headers["Location"] == "/password"

    response = change_password(officer, TEMPORARY, OWN)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = officer.get("/")
    assert home.status_code == 200 and "王承辦" in home.get_data(as_text=True)
    assert not must_change(app, "officer")
    assert audit_details(app, "password_changed") == [{"replaced_temporary_password": True}]
    assert login(app.test_client(), "officer", OWN).headers["Location"] == "/"


def test_a_user_who_must_change_can_still_sign_out(app, admin):
    reset_password(admin, app, "officer")
    officer = app.test_client()
    login(officer, "officer", TEMPORARY)
    response = officer.post("/logout", data={"csrf_token": fetch_csrf_token(officer, "/password")})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "您已登出" in officer.get("/login").get_data(as_text=True)
    assert must_change(app, "officer")  # still owed at the next sign-in


def test_a_new_account_made_by_an_admin_must_change_its_first_password(app, admin):
    response = admin.post(
        "/admin/users/new",
        data={
            "csrf_token": fetch_csrf_token(admin, "/admin/users/new"),
            "username": "newcomer",
            "display_name": "黃新進",
            "roles": ["officer"],
            "password": TEMPORARY,
            "confirm_password": TEMPORARY,
        },
    )
    assert response.status_code == 302
    newcomer = app.test_client()
    assert login(newcomer, "newcomer", TEMPORARY).headers["Location"] == "/password"
    assert newcomer.get("/cases/").headers["Location"] == "/password"


def test_an_admin_resetting_their_own_password_is_not_asked_to_change_it_again(app, admin):
    reset_password(admin, app, "admin", OWN, display_name="使用者admin")
    assert not must_change(app, "admin")
    assert login(app.test_client(), "admin", OWN).headers["Location"] == "/"
