"""Admins do not read cases through accounts they control (issue 12 item 9), over HTTP.

With two active admins in the agency, creating an account, granting a role and
resetting someone else's password wait for a second admin; the auditors see every
such change on their own page.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from accounts.models import AccessChange, AccessChangeStatus, Role, User
from audit.models import AuditEntry
from tests.accounts.helpers import (
    NEW_PASSWORD,
    app_with,
    create_account,
    edit_account,
    post_form,
    roles_of,
    sign_in_answer,
)
from tests.factories import PASSWORD, make_agency, make_user
from tests.helpers import db_count, db_scalar, fetch_csrf_token, login


def pending_change_id(app: Flask) -> int:
    change_id = db_scalar(app, sa.select(AccessChange.id).where(AccessChange.status == AccessChangeStatus.PENDING))
    assert change_id is not None, "no pending access change"
    return int(change_id)


def change_status(app: Flask, change_id: int) -> AccessChangeStatus:
    return db_scalar(app, sa.select(AccessChange.status).where(AccessChange.id == change_id))


def decide(client: FlaskClient, change_id: int, decision: str):
    return post_form(client, f"/admin/access-changes/{change_id}/{decision}", {}, form_path="/admin/access-changes")


def test_changes_that_grant_nothing_take_effect_at_once(app, two_admins):
    edit_account(
        two_admins.client("admin"), two_admins.users["supervisor"], display_name="陳改名", roles=["supervisor"]
    )
    assert db_scalar(app, sa.select(User.display_name).where(User.username == "supervisor")) == "陳改名"
    assert db_count(app, AccessChange) == 0


# --- who may confirm -----------------------------------------------------------------------------


def test_the_requester_cannot_confirm_their_own_request(app, two_admins):
    admin = two_admins.client("admin")
    create_account(admin, "boss", "supervisor")
    change_id = pending_change_id(app)
    page = admin.get("/admin/access-changes").get_data(as_text=True)
    assert "新主管" in page and "撤回" in page
    assert f'action="/admin/access-changes/{change_id}/confirm"' not in page  # no button offered

    response = decide(admin, change_id, "confirm")  # a crafted request
    assert response.status_code == 302
    assert "不能確認自己提出的申請" in admin.get("/admin/access-changes").get_data(as_text=True)
    assert change_status(app, change_id) == AccessChangeStatus.PENDING
    assert db_count(app, User, User.username == "boss") == 0


def test_the_account_concerned_cannot_confirm_a_change_to_itself(app, two_admins):
    make_user(app, "admin3", Role.ADMIN, agency_id=two_admins.id)  # someone who could confirm it
    edit_account(
        two_admins.client("admin"), two_admins.users["admin2"], display_name="周管理", roles=["admin", "supervisor"]
    )
    change_id = pending_change_id(app)
    admin2 = two_admins.client("admin2")
    decide(admin2, change_id, "confirm")
    assert "不能確認與自己帳號有關的申請" in admin2.get("/admin/access-changes").get_data(as_text=True)
    assert change_status(app, change_id) == AccessChangeStatus.PENDING
    assert roles_of(app, "admin2") == {Role.ADMIN}


def test_an_admin_of_another_agency_gets_404(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor")
    change_id = pending_change_id(app)
    stranger = two_admins.client("zz-admin")
    assert decide(stranger, change_id, "confirm").status_code == 404
    assert decide(stranger, change_id, "reject").status_code == 404
    assert "新主管" not in stranger.get("/admin/access-changes").get_data(as_text=True)
    assert change_status(app, change_id) == AccessChangeStatus.PENDING


@pytest.mark.parametrize("username", ["officer", "supervisor", "auditor"])
def test_other_roles_cannot_see_or_decide_requests(app, two_admins, username):
    create_account(two_admins.client("admin"), "boss", "supervisor")
    change_id = pending_change_id(app)
    other = two_admins.client(username)
    assert other.get("/admin/access-changes").status_code == 403
    token = fetch_csrf_token(other, "/settings")
    assert other.post(f"/admin/access-changes/{change_id}/confirm", data={"csrf_token": token}).status_code == 403
    assert change_status(app, change_id) == AccessChangeStatus.PENDING


def test_confirming_without_a_csrf_token_changes_nothing(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor")
    change_id = pending_change_id(app)
    response = two_admins.client("admin2").post(f"/admin/access-changes/{change_id}/confirm")
    assert response.status_code == 400
    assert change_status(app, change_id) == AccessChangeStatus.PENDING


def test_a_request_is_decided_once(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor")
    change_id = pending_change_id(app)
    admin2 = two_admins.client("admin2")
    decide(admin2, change_id, "confirm")
    decide(admin2, change_id, "reject")
    assert "此申請已處理" in admin2.get("/admin/access-changes").get_data(as_text=True)
    assert change_status(app, change_id) == AccessChangeStatus.CONFIRMED
    assert db_count(app, User, User.username == "boss") == 1


def test_the_second_admin_rejects_and_the_requester_withdraws(app, two_admins):
    admin = two_admins.client("admin")
    create_account(admin, "boss", "supervisor")
    first = pending_change_id(app)
    decide(two_admins.client("admin2"), first, "reject")
    assert change_status(app, first) == AccessChangeStatus.REJECTED
    create_account(admin, "boss", "supervisor")  # the name is free again
    second = pending_change_id(app)
    decide(admin, second, "reject")
    assert change_status(app, second) == AccessChangeStatus.WITHDRAWN
    assert db_count(app, User, User.username == "boss") == 0
    assert sign_in_answer(app, "boss", NEW_PASSWORD) == 200


def test_admin_sees_pending_requests_with_who_and_when(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor")
    page = two_admins.client("admin2").get("/admin/access-changes").get_data(as_text=True)
    assert "建立帳號 boss（新主管），角色：主管" in page
    assert "張管理（admin）" in page
    assert re.search(r"\d{3}/\d{2}/\d{2} \d{2}:\d{2}", page)  # ROC date and Taiwan time
    assert 'value="確認"' in page or ">確認<" in page


# --- a single admin ------------------------------------------------------------------------------


def test_a_single_admin_acts_at_once_and_the_auditor_still_sees_it(app):
    agency_id = make_agency(app, code="CD", name="丙機關")
    make_user(app, "solo", Role.ADMIN, agency_id=agency_id, display_name="單管理")
    make_user(app, "cd-auditor", Role.AUDITOR, agency_id=agency_id)
    admin = app.test_client()
    login(admin, "solo", PASSWORD)
    create_account(admin, "boss", "supervisor")
    assert sign_in_answer(app, "boss", NEW_PASSWORD) == 302

    auditor = app.test_client()
    login(auditor, "cd-auditor", PASSWORD)
    page = auditor.get("/audit/access-changes").get_data(as_text=True)
    assert "建立帳號 boss（新主管），角色：主管" in page
    assert "立即生效" in page and "只有一位啟用中的系統管理者" in page
    assert "單管理（solo）" in page


def test_dual_control_can_be_switched_off(two_admins, database_url):
    with app_with(database_url, ADMIN_DUAL_CONTROL=False) as app:
        client = app.test_client()
        login(client, "admin", PASSWORD)
        create_account(client, "boss", "supervisor")
        assert sign_in_answer(app, "boss", NEW_PASSWORD) == 302
        assert db_count(app, AuditEntry, AuditEntry.action == "access_change_applied") == 1


# --- the auditor's view ----------------------------------------------------------------------------


def test_auditor_sees_request_and_confirmation_in_zh_tw_with_roc_dates(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor", "auditor")
    change_id = pending_change_id(app)
    decide(two_admins.client("admin2"), change_id, "confirm")
    edit_account(
        two_admins.client("admin"),
        two_admins.users["officer"],
        display_name="王承辦",
        roles=["officer"],
        new_password=NEW_PASSWORD,
    )

    auditor = two_admins.client("auditor")
    response = auditor.get("/audit/access-changes")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>帳號權限異動</h1>" in page
    assert "申請帳號權限異動（待確認）" in page and "確認帳號權限異動（已生效）" in page
    assert "建立帳號 boss（新主管），角色：主管、稽核" in page
    assert "重設密碼" in page and "王承辦（officer）" in page
    assert "張管理（admin）" in page and "周管理（admin2）" in page
    assert f"#{change_id}" in page
    assert re.search(r"\d{3}/\d{2}/\d{2} \d{2}:\d{2}", page)
    # Only account-access changes: the sign-ins of the same agency are not listed here.
    assert "登入成功" not in page
    assert db_count(app, AuditEntry, AuditEntry.action == "login_succeeded") > 0


def test_auditor_sees_only_the_own_agency(app, two_admins):
    create_account(two_admins.client("zz-admin"), "zz-boss", "supervisor")
    page = two_admins.client("auditor").get("/audit/access-changes").get_data(as_text=True)
    assert "zz-boss" not in page
    assert "zz-boss" in two_admins.client("zz-auditor").get("/audit/access-changes").get_data(as_text=True)


@pytest.mark.parametrize("username", ["admin", "officer", "supervisor"])
def test_auditor_view_is_for_auditors_only(two_admins, username):
    assert two_admins.client(username).get("/audit/access-changes").status_code == 403


def test_auditor_view_links_from_the_audit_log(two_admins):
    page = two_admins.client("auditor").get("/audit/").get_data(as_text=True)
    assert 'href="/audit/access-changes"' in page


def test_the_edit_page_says_a_change_is_waiting(app, two_admins):
    admin = two_admins.client("admin")
    edit_account(admin, two_admins.users["officer"], display_name="王承辦", roles=["officer", "auditor"])
    change_id = pending_change_id(app)
    page = two_admins.client("admin2").get(f"/admin/users/{two_admins.users['officer']}").get_data(as_text=True)
    assert f"此帳號有一件待確認的權限異動（#{change_id}，張管理 於" in page
    assert "：授予角色：稽核。" in page
    # A second request for the same account is refused, with the form kept.
    response = edit_account(admin, two_admins.users["officer"], display_name="王承辦", roles=["officer", "supervisor"])
    assert response.status_code == 200
    assert f"此帳號已有一件待確認的權限異動（#{change_id}）" in response.get_data(as_text=True)


def test_the_auditor_view_in_english(app, two_admins):
    create_account(two_admins.client("admin"), "boss", "supervisor", "auditor")
    decide(two_admins.client("admin2"), pending_change_id(app), "confirm")
    auditor = two_admins.client("auditor")
    auditor.post("/language", data={"csrf_token": fetch_csrf_token(auditor, "/settings"), "locale": "en"})
    page = auditor.get("/audit/access-changes").get_data(as_text=True)
    assert "<h1>Account access changes</h1>" in page
    assert "Create account boss (新主管), roles: Supervisor, Auditor" in page
    assert "Requested by 張管理 (admin)" in page
