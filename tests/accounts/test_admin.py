"""Account administration: who may use it, what it changes, what it refuses."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from accounts.models import Role, Unit, User
from audit.models import AuditEntry
from core.extensions import db
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import db_count, fetch_csrf_token, login

NEW_PASSWORD = "a-long-enough-passphrase"


@pytest.fixture
def admin_client(app, client):
    agency_id = make_agency(app, code="AB", name="甲機關")
    make_user(app, "admin", Role.ADMIN, agency_id=agency_id)
    make_user(app, "officer", Role.OFFICER, agency_id=agency_id)
    assert login(client, "admin", PASSWORD).status_code == 302
    return client


def user_by_name(app, username: str) -> dict:
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            return {}
        return {
            "id": user.id,
            "display_name": user.display_name,
            "roles": set(user.roles),
            "is_enabled": user.is_enabled,
            "unit": user.unit.name if user.unit else None,
        }


def unit_id(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(Unit.id).where(Unit.name == name))


@pytest.mark.parametrize("path", ["/admin/users", "/admin/users/new", "/admin/users/1"])
@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.AUDITOR])
def test_admin_pages_answer_403_to_other_roles(app, client, path, role):
    make_user(app, "someone", role)
    login(client, "someone", PASSWORD)
    response = client.get(path)
    assert response.status_code == 403
    assert "沒有權限" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/admin/users", "/admin/users/new"])
def test_admin_pages_send_anonymous_users_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_lists_the_users_of_the_own_agency_only(app, admin_client):
    other = make_agency(app, code="ZZ", name="乙機關")
    make_user(app, "outsider", Role.OFFICER, agency_id=other)
    html = admin_client.get("/admin/users").get_data(as_text=True)
    assert "officer" in html and "承辦人" in html
    assert "outsider" not in html


def test_admin_creates_a_user_with_roles_and_unit(app, admin_client):
    token = fetch_csrf_token(admin_client, "/admin/users/new")
    response = admin_client.post(
        "/admin/users/new",
        data={
            "csrf_token": token,
            "username": "newbie",
            "display_name": "新同仁",
            "unit": str(unit_id(app, "第二科")),
            "roles": ["officer", "supervisor"],
            "password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert "已建立帳號 newbie" in admin_client.get("/admin/users").get_data(as_text=True)
    created = user_by_name(app, "newbie")
    assert created["roles"] == {Role.OFFICER, Role.SUPERVISOR}
    assert created["unit"] == "第二科"
    assert db_count(app, AuditEntry, AuditEntry.action == "user_created", AuditEntry.object_id == str(created["id"]))


def test_invalid_new_user_keeps_what_was_typed_and_saves_nothing(app, admin_client):
    token = fetch_csrf_token(admin_client, "/admin/users/new")
    response = admin_client.post(
        "/admin/users/new",
        data={
            "csrf_token": token,
            "username": "newbie",
            "display_name": "新同仁",
            "roles": ["officer"],
            "password": "short",
            "confirm_password": "short",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "密碼至少需要 12 個字元（目前 5 個）" in html
    assert 'value="newbie"' in html and 'value="新同仁"' in html
    assert re.search(r'<input checked[^>]*value="officer"', html)
    assert user_by_name(app, "newbie") == {}


def test_duplicate_username_is_refused(app, admin_client):
    token = fetch_csrf_token(admin_client, "/admin/users/new")
    response = admin_client.post(
        "/admin/users/new",
        data={
            "csrf_token": token,
            "username": "officer",
            "display_name": "重複",
            "roles": ["officer"],
            "password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert "帳號 officer 已被使用" in response.get_data(as_text=True)
    assert db_count(app, User, User.username == "officer") == 1


def test_create_user_without_csrf_token_changes_nothing(app, admin_client):
    response = admin_client.post(
        "/admin/users/new",
        data={
            "username": "sneaky",
            "display_name": "偷建",
            "roles": ["admin"],
            "password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    assert response.status_code == 400
    assert "表單安全驗證失敗" in response.get_data(as_text=True)
    assert user_by_name(app, "sneaky") == {}


def test_admin_changes_roles_and_disables_another_user(app, admin_client):
    officer = user_by_name(app, "officer")
    path = f"/admin/users/{officer['id']}"
    token = fetch_csrf_token(admin_client, path)
    response = admin_client.post(path, data={"csrf_token": token, "display_name": "王承辦", "roles": ["auditor"]})
    assert response.status_code == 302
    changed = user_by_name(app, "officer")
    assert changed["roles"] == {Role.AUDITOR} and changed["is_enabled"] is False
    details = db_count(app, AuditEntry, AuditEntry.action == "user_updated")
    assert details == 1


def test_disabling_a_user_ends_their_open_session(app, admin_client):
    from flask.testing import FlaskClient

    officer_client: FlaskClient = app.test_client()
    login(officer_client, "officer", PASSWORD)
    assert officer_client.get("/").status_code == 200
    officer = user_by_name(app, "officer")
    path = f"/admin/users/{officer['id']}"
    token = fetch_csrf_token(admin_client, path)
    admin_client.post(path, data={"csrf_token": token, "display_name": "王承辦", "roles": ["officer"]})
    assert officer_client.get("/").status_code == 302


def test_admin_cannot_change_own_roles_even_with_a_crafted_request(app, admin_client):
    me = user_by_name(app, "admin")
    path = f"/admin/users/{me['id']}"
    page = admin_client.get(path).get_data(as_text=True)
    assert "不能變更自己的角色" in page
    assert 'name="roles"' in page and "disabled" in page
    token = fetch_csrf_token(admin_client, path)
    response = admin_client.post(
        path, data={"csrf_token": token, "display_name": "張管理", "roles": ["admin", "auditor"], "is_enabled": "y"}
    )
    assert response.status_code == 200
    assert "不能變更自己的角色，請由其他系統管理者處理" in response.get_data(as_text=True)
    assert user_by_name(app, "admin")["roles"] == {Role.ADMIN}


def test_admin_can_change_own_name_without_touching_roles(app, admin_client):
    me = user_by_name(app, "admin")
    path = f"/admin/users/{me['id']}"
    token = fetch_csrf_token(admin_client, path)
    response = admin_client.post(path, data={"csrf_token": token, "display_name": "張新名"})
    assert response.status_code == 302
    after = user_by_name(app, "admin")
    assert after["display_name"] == "張新名" and after["roles"] == {Role.ADMIN} and after["is_enabled"]


def test_user_of_another_agency_is_not_found(app, admin_client):
    other = make_agency(app, code="ZZ", name="乙機關")
    outsider = make_user(app, "outsider", Role.OFFICER, agency_id=other)
    assert admin_client.get(f"/admin/users/{outsider}").status_code == 404
    assert admin_client.get("/admin/users/999999").status_code == 404


def test_admin_resets_a_password_that_then_works(app, admin_client):
    officer = user_by_name(app, "officer")
    path = f"/admin/users/{officer['id']}"
    token = fetch_csrf_token(admin_client, path)
    admin_client.post(
        path,
        data={
            "csrf_token": token,
            "display_name": "王承辦",
            "roles": ["officer"],
            "is_enabled": "y",
            "new_password": NEW_PASSWORD,
        },
    )
    other = app.test_client()
    assert login(other, "officer", PASSWORD).status_code == 200
    assert login(other, "officer", NEW_PASSWORD).status_code == 302


def test_new_user_form_offers_usable_role_checkboxes(admin_client):
    html = admin_client.get("/admin/users/new").get_data(as_text=True)
    checkboxes = re.findall(r'<input[^>]*name="roles"[^>]*>', html)
    assert len(checkboxes) == 4
    assert not any("disabled" in box for box in checkboxes)


def test_every_problem_of_a_new_user_is_shown_at_once(app, admin_client):
    token = fetch_csrf_token(admin_client, "/admin/users/new")
    response = admin_client.post(
        "/admin/users/new",
        data={
            "csrf_token": token,
            "username": "Bad Name",
            "display_name": "",
            "password": "short",
            "confirm_password": "",
        },
    )
    html = response.get_data(as_text=True)
    for message in (
        "帳號須為 3 至 64 個英文小寫字母",
        "請輸入姓名",
        "請至少選擇一個角色",
        "密碼至少需要 12 個字元",
        "請再次輸入密碼",
    ):
        assert message in html
    assert 'value="Bad Name"' in html
    assert user_by_name(app, "bad name") == {}
