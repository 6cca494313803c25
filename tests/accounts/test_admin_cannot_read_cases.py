"""Issue 12 item 9: an admin could create a supervisor account, or reset a supervisor's password,
sign in as it and read the agency's cases. With two admins in the agency, none of these takes
effect until the second admin confirms it on the page of pending account changes.

These tests go through the pages only (no model of the fix is imported), so they ran, and
failed, on the code before the fix.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask.testing import FlaskClient

from accounts.models import Role, User
from tests.accounts.helpers import NEW_PASSWORD, create_account, edit_account, post_form, roles_of, sign_in_answer
from tests.factories import PASSWORD
from tests.helpers import db_count, db_scalar

CHANGES_PAGE = "/admin/access-changes"


def confirm_the_pending_change(client: FlaskClient) -> None:
    """As a browser would: open the page of pending changes and press the one 確認 button."""
    page = client.get(CHANGES_PAGE)
    assert page.status_code == 200, f"{CHANGES_PAGE} answered {page.status_code}"
    actions = re.findall(r'action="(/admin/access-changes/\d+/confirm)"', page.get_data(as_text=True))
    assert len(actions) == 1, f"expected one change to confirm, found {actions}"
    assert post_form(client, actions[0], {}, form_path=CHANGES_PAGE).status_code == 302


def test_a_supervisor_created_by_one_admin_reads_no_case_until_a_second_admin_confirms(app, two_admins):
    response = create_account(two_admins.client("admin"), "boss", "supervisor")
    assert response.status_code == 302
    # Nothing exists yet: the password the admin chose opens nothing, so no case is read through it.
    assert db_count(app, User, User.username == "boss") == 0
    assert sign_in_answer(app, "boss", NEW_PASSWORD) == 200

    confirm_the_pending_change(two_admins.client("admin2"))
    boss = two_admins.client_after_first_sign_in("boss", NEW_PASSWORD)
    assert boss.get(f"/cases/{two_admins.incident_id}").status_code == 200


def test_a_supervisors_password_reset_waits_for_the_second_admin(app, two_admins):
    admin = two_admins.client("admin")
    response = edit_account(
        admin, two_admins.users["supervisor"], display_name="陳主管", roles=["supervisor"], new_password=NEW_PASSWORD
    )
    assert response.status_code == 302
    assert sign_in_answer(app, "supervisor", NEW_PASSWORD) == 200  # the new password does not work yet
    assert sign_in_answer(app, "supervisor", PASSWORD) == 302  # the old one still does
    assert "待另一位系統管理者確認後生效" in admin.get("/admin/users").get_data(as_text=True)

    confirm_the_pending_change(two_admins.client("admin2"))
    assert sign_in_answer(app, "supervisor", PASSWORD) == 200
    assert (
        two_admins.client_after_first_sign_in("supervisor", NEW_PASSWORD)
        .get(f"/cases/{two_admins.incident_id}")
        .status_code
        == 200
    )


def test_granting_the_supervisor_role_waits_but_the_rest_of_the_edit_is_saved(app, two_admins):
    officer2 = two_admins.client("officer2")
    case = f"/cases/{two_admins.incident_id}"
    assert officer2.get(case).status_code == 404  # not assigned to this case
    edit_account(
        two_admins.client("admin"), two_admins.users["officer2"], display_name="李新名", roles=["officer", "supervisor"]
    )
    assert roles_of(app, "officer2") == {Role.OFFICER}
    assert db_scalar(app, sa.select(User.display_name).where(User.username == "officer2")) == "李新名"
    assert officer2.get(case).status_code == 404

    confirm_the_pending_change(two_admins.client("admin2"))
    assert roles_of(app, "officer2") == {Role.OFFICER, Role.SUPERVISOR}
    assert officer2.get(case).status_code == 200
