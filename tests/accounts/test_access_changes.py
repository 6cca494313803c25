"""accounts.access_changes: when a second admin is needed, what waits, who may confirm, what is recorded."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from accounts import access_change_queries, access_changes, access_decisions
from accounts.access_change_display import ACCESS_CHANGE_ACTIONS, change_details, describe, describe_entry
from accounts.models import (
    CASE_ACCESS_ROLES,
    CONTROLLED_ROLES,
    AccessChange,
    AccessChangeStatus,
    Agency,
    Role,
    User,
)
from accounts.passwords import verify_password
from accounts.services import hasher
from audit.models import AuditEntry
from core.extensions import db
from core.services import ServiceError
from incidents.models import Incident
from incidents.services import access
from tests.accounts.helpers import NEW_PASSWORD, TwoAdmins, app_with
from tests.factories import make_agency, make_user
from tests.incidents.helpers import make_incident


def user(username: str) -> User:
    found = db.session.scalar(sa.select(User).where(User.username == username))
    assert found is not None, username
    return found


def entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def request_boss(requester: str = "admin", *roles: Role) -> AccessChange:
    outcome = access_changes.create_account(
        user(requester),
        username="Boss",
        display_name=" 新主管 ",
        agency=user(requester).agency,
        roles=set(roles) or {Role.SUPERVISOR},
        password=NEW_PASSWORD,
    )
    assert outcome.change is not None
    return outcome.change


# --- which roles are controlled ----------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_the_roles_that_open_cases_are_exactly_the_case_access_roles(app: Flask, role: Role):
    """CASE_ACCESS_ROLES must follow incidents.services.access: a role that opens a case is in it."""
    agency_id = make_agency(app)
    holder = make_user(app, "holder", role, agency_id=agency_id)
    officer = make_user(app, "opener", Role.OFFICER, agency_id=agency_id)
    make_incident(app, officer, assignee_ids=[holder] if role is Role.OFFICER else [])
    with app.app_context():
        opens_cases = db.session.scalar(
            access.visible_incidents(db.session.get(User, holder)).with_only_columns(sa.func.count(Incident.id))
        )
    assert bool(opens_cases) == (role in CASE_ACCESS_ROLES)
    assert role in CONTROLLED_ROLES  # every role is controlled: the admin role confirms the others' changes


# --- when a second admin is needed ---------------------------------------------------------------


def test_dual_control_needs_two_enabled_admins(app: Flask):
    agency_id = make_agency(app)
    first = make_user(app, "first", Role.ADMIN, agency_id=agency_id)
    with app.app_context():
        assert not access_change_queries.dual_control_required(agency_id)
    second = make_user(app, "second", Role.ADMIN, Role.OFFICER, agency_id=agency_id)
    with app.app_context():
        assert access_change_queries.enabled_admin_count(agency_id) == 2
        assert access_change_queries.dual_control_required(agency_id)
        db.session.get(User, second).is_enabled = False
        db.session.flush()
        assert not access_change_queries.dual_control_required(agency_id)  # a disabled admin confirms nothing
    assert first


def test_the_threshold_and_the_switch_are_settings(database_url: str):
    with app_with(database_url, ADMIN_DUAL_CONTROL_MIN_ADMINS=3) as app:
        agency_id = make_agency(app)
        for name in ("adm1", "adm2"):
            make_user(app, name, Role.ADMIN, agency_id=agency_id)
        with app.app_context():
            assert not access_change_queries.dual_control_required(agency_id)
        make_user(app, "adm3", Role.ADMIN, agency_id=agency_id)
        with app.app_context():
            assert access_change_queries.dual_control_required(agency_id)
    with app_with(database_url, ADMIN_DUAL_CONTROL=False) as off, off.app_context():
        assert not access_change_queries.dual_control_required(agency_id)
    # A threshold below two would let one admin confirm alone: it counts as two.
    with app_with(database_url, ADMIN_DUAL_CONTROL_MIN_ADMINS=1) as one:
        lone = make_agency(one)
        make_user(one, "lone", Role.ADMIN, agency_id=lone)
        with one.app_context():
            assert not access_change_queries.dual_control_required(lone)


# --- requests ------------------------------------------------------------------------------------


def test_a_requested_account_waits_with_its_password_hashed_only(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        change = request_boss()
        db.session.commit()
        assert change.status is AccessChangeStatus.PENDING
        assert (change.username, change.display_name, change.roles_after) == ("boss", "新主管", ["supervisor"])
        assert db.session.scalar(sa.select(User).where(User.username == "boss")) is None
        assert change.password_hash and NEW_PASSWORD not in change.password_hash
        assert verify_password(hasher(), change.password_hash, NEW_PASSWORD)
        [entry] = entries("access_change_requested")
        assert entry.actor_name == "admin" and entry.agency_id == two_admins.id
        assert NEW_PASSWORD not in str(entry.details) and change.password_hash not in str(entry.details)
        assert entry.details["roles_after"] == ["supervisor"] and entry.details["kind"] == "new_account"


def test_a_requested_username_is_reserved(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        change = request_boss()
        db.session.commit()
        with pytest.raises(ServiceError) as refused:
            request_boss("admin2")
        assert refused.value.field_errors["username"] == [f"帳號 boss 已有待確認的建立申請（#{change.id}）。"]


def test_a_request_is_checked_like_a_new_account(app: Flask, two_admins: TwoAdmins):
    with app.app_context(), pytest.raises(ServiceError) as refused:
        access_changes.create_account(
            user("admin"), username="officer", display_name="", agency=user("admin").agency, roles=set(), password="x"
        )
    assert set(refused.value.field_errors) == {"username", "display_name", "roles", "password"}


def test_a_grant_waits_and_the_rest_of_the_edit_is_made(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        officer = user("officer")
        outcome = access_changes.change_account(
            user("admin"),
            officer,
            display_name="王新名",
            unit=None,
            roles={Role.SUPERVISOR},  # officer → supervisor: the removal waits with the grant
            is_enabled=True,
        )
        db.session.commit()
        assert outcome.pending
        assert officer.display_name == "王新名" and officer.roles == {Role.OFFICER}
        change = outcome.change
        assert change is not None
        assert describe(change_details(change)) == "授予角色：主管；移除角色：承辦人"


def test_ones_own_password_and_role_removals_need_nobody(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        admin = user("admin")
        own = access_changes.change_account(
            admin,
            admin,
            display_name="張管理",
            unit=None,
            roles={Role.ADMIN},
            is_enabled=True,
            new_password=NEW_PASSWORD,
        )
        fewer = access_changes.change_account(
            admin, user("supervisor"), display_name="陳主管", unit=None, roles={Role.SUPERVISOR}, is_enabled=False
        )
        db.session.commit()
        assert own.change is None and fewer.change is None
        assert verify_password(hasher(), admin.password_hash, NEW_PASSWORD)
        assert not user("supervisor").is_enabled
        assert db.session.scalar(sa.select(sa.func.count(AccessChange.id))) == 0


def test_one_pending_change_per_account(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        admin = user("admin")
        supervisor = user("supervisor")
        first = access_changes.change_account(
            admin,
            supervisor,
            display_name="陳主管",
            unit=None,
            roles={Role.SUPERVISOR},
            is_enabled=True,
            new_password=NEW_PASSWORD,
        )
        db.session.commit()
        with pytest.raises(ServiceError) as refused:
            access_changes.change_account(
                user("admin2"),
                supervisor,
                display_name="陳主管",
                unit=None,
                roles={Role.SUPERVISOR, Role.AUDITOR},
                is_enabled=True,
            )
        assert first.change is not None
        assert refused.value.field_errors[""] == [
            f"此帳號已有一件待確認的權限異動（#{first.change.id}），請先由另一位系統管理者確認或退回。"
        ]


def test_a_pending_request_reports_every_problem_at_once(app: Flask, two_admins: TwoAdmins):
    with app.app_context(), pytest.raises(ServiceError) as refused:
        access_changes.change_account(
            user("admin"),
            user("officer"),
            display_name=" ",
            unit=None,
            roles={Role.SUPERVISOR},
            is_enabled=True,
            new_password="short",
        )
    assert set(refused.value.field_errors) == {"display_name", "new_password"}


# --- decisions -----------------------------------------------------------------------------------


def test_confirming_creates_the_account_with_the_requested_password(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        change = request_boss()
        db.session.commit()
        created = access_decisions.confirm(user("admin2"), change, client_address="10.0.0.2")
        db.session.commit()
        assert created.username == "boss" and created.roles == {Role.SUPERVISOR}
        assert verify_password(hasher(), created.password_hash, NEW_PASSWORD)
        assert change.status is AccessChangeStatus.CONFIRMED and change.password_hash is None
        assert change.decided_by == user("admin2") and change.user == created
        [confirmed] = entries("access_change_confirmed")
        assert confirmed.actor_name == "admin2" and confirmed.details["requested_by"] == "admin"
        assert confirmed.details["user_id"] == created.id and confirmed.client_address == "10.0.0.2"
        [made] = entries("user_created")[-1:]
        assert made.details["access_change"] == change.id


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("admin", "不能確認自己提出的申請，請由另一位系統管理者確認。"),
        ("supervisor", "只有本機關的系統管理者可以處理此申請。"),
        ("zz-admin", "只有本機關的系統管理者可以處理此申請。"),
    ],
)
def test_who_may_not_confirm(app: Flask, two_admins: TwoAdmins, who: str, message: str):
    with app.app_context():
        change = request_boss()
        db.session.commit()
        with pytest.raises(ServiceError) as refused:
            access_decisions.confirm(user(who), change)
        assert refused.value.field_errors == {"": [message]}
        db.session.rollback()
        assert change.status is AccessChangeStatus.PENDING


def test_the_account_concerned_may_not_confirm_but_may_refuse(app: Flask, two_admins: TwoAdmins):
    make_user(app, "admin3", Role.ADMIN, agency_id=two_admins.id)  # someone who could confirm it
    with app.app_context():
        outcome = access_changes.change_account(
            user("admin"),
            user("admin2"),
            display_name="周管理",
            unit=None,
            roles={Role.ADMIN, Role.AUDITOR},
            is_enabled=True,
        )
        db.session.commit()
        change = outcome.change
        assert change is not None
        with pytest.raises(ServiceError):
            access_decisions.confirm(user("admin2"), change)
        db.session.rollback()
        access_decisions.reject(user("admin2"), change)
        db.session.commit()
        assert change.status is AccessChangeStatus.REJECTED and user("admin2").roles == {Role.ADMIN}


def test_a_change_made_meanwhile_stops_the_confirmation(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        officer = user("officer")
        outcome = access_changes.change_account(
            user("admin"),
            officer,
            display_name="王承辦",
            unit=None,
            roles={Role.OFFICER, Role.SUPERVISOR},
            is_enabled=True,
        )
        officer.set_roles({Role.AUDITOR})  # e.g. changed from the command line since
        db.session.commit()
        assert outcome.change is not None
        with pytest.raises(ServiceError) as refused:
            access_decisions.confirm(user("admin2"), outcome.change)
        assert "申請後此帳號的角色已被變更" in str(refused.value)
        db.session.rollback()
        assert outcome.change.status is AccessChangeStatus.PENDING and officer.roles == {Role.AUDITOR}


def test_a_password_reset_alone_keeps_roles_changed_meanwhile(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        supervisor = user("supervisor")
        outcome = access_changes.change_account(
            user("admin"),
            supervisor,
            display_name="陳主管",
            unit=None,
            roles={Role.SUPERVISOR},
            is_enabled=True,
            new_password=NEW_PASSWORD,
        )
        supervisor.set_roles({Role.SUPERVISOR, Role.OFFICER})
        db.session.commit()
        assert outcome.change is not None
        access_decisions.confirm(user("admin2"), outcome.change)
        db.session.commit()
        assert supervisor.roles == {Role.SUPERVISOR, Role.OFFICER}
        assert verify_password(hasher(), supervisor.password_hash, NEW_PASSWORD)
        [updated] = entries("user_updated")
        assert updated.details == {"password": ["******", "******"], "access_change": outcome.change.id}


def test_confirming_a_username_taken_meanwhile_is_refused(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        change_id = request_boss().id
        db.session.commit()
    make_user(app, "boss", Role.OFFICER, agency_id=two_admins.id)  # from the command line, say
    with app.app_context():
        change = db.session.get_one(AccessChange, change_id)
        with pytest.raises(ServiceError) as refused:
            access_decisions.confirm(user("admin2"), change)
        assert refused.value.field_errors[""] == ["帳號 boss 已被使用。", "無法建立此帳號，請退回此申請。"]


def test_a_decided_change_stays_decided(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        change = request_boss()
        db.session.commit()
        access_decisions.reject(user("admin"), change)  # the requester withdraws
        db.session.commit()
        assert change.status is AccessChangeStatus.WITHDRAWN and change.password_hash is None
        with pytest.raises(ServiceError) as refused:
            access_decisions.confirm(user("admin2"), change)
        assert refused.value.field_errors == {"": ["此申請已處理（已撤回），不能再確認或退回。"]}
        assert [e.actor_name for e in entries("access_change_withdrawn")] == ["admin"]


def test_two_admins_deciding_at_once_one_wins(app: Flask, two_admins: TwoAdmins):
    """The second decision was read as pending but the first one is committed: the claim refuses it."""
    make_user(app, "admin3", Role.ADMIN, agency_id=two_admins.id)
    with app.app_context():
        change_id = request_boss().id
        db.session.commit()
    with app.app_context():
        stale = db.session.get(AccessChange, change_id)
        assert stale.status is AccessChangeStatus.PENDING
        with app.app_context():  # another request, its own session
            access_decisions.reject(user("admin3"), db.session.get(AccessChange, change_id))
            db.session.commit()
        with pytest.raises(ServiceError) as refused:
            access_decisions.confirm(user("admin2"), stale)
        assert refused.value.field_errors == {"": ["此申請已由其他系統管理者處理，請重新整理頁面。"]}
        db.session.rollback()
        assert db.session.scalar(sa.select(User).where(User.username == "boss")) is None


# --- without a second admin ----------------------------------------------------------------------


def test_a_single_admin_acts_at_once_and_says_why(app: Flask):
    agency_id = make_agency(app)
    make_user(app, "solo", Role.ADMIN, agency_id=agency_id)
    with app.app_context():
        outcome = access_changes.create_account(
            user("solo"),
            username="boss",
            display_name="新主管",
            agency=db.session.get(Agency, agency_id),
            roles={Role.SUPERVISOR},
            password=NEW_PASSWORD,
        )
        db.session.commit()
        assert outcome.user is not None and not outcome.pending
        assert outcome.change is not None and outcome.change.status is AccessChangeStatus.APPLIED
        assert outcome.change.password_hash is None
        [applied] = entries("access_change_applied")
        assert applied.details["because"] == "single_admin" and applied.details["user_id"] == outcome.user.id
        text = describe_entry(applied.action, applied.details)
        assert text.note == "立即生效：本機關只有一位啟用中的系統管理者"
        assert text.change == "建立帳號 boss（新主管），角色：主管"


def test_the_command_line_acts_at_once_and_the_auditors_see_it(app: Flask):
    runner = app.test_cli_runner()
    runner.invoke(args=["agencies", "create", "AB", "甲機關"])
    make_user(app, "adm1", Role.ADMIN)
    make_user(app, "adm2", Role.ADMIN)
    result = runner.invoke(
        args=[
            "users",
            "create",
            "chen",
            "--name",
            "陳主管",
            "--agency",
            "AB",
            "--role",
            "supervisor",
            "--password",
            NEW_PASSWORD,
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        [applied] = entries("access_change_applied")
        assert applied.actor is None and applied.details["because"] == "command_line"
        assert applied.agency_id == user("chen").agency_id


def test_disabling_an_admin_is_shown_to_the_auditors(app: Flask, two_admins: TwoAdmins):
    with app.app_context():
        access_changes.change_account(
            user("admin"), user("admin2"), display_name="周管理", unit=None, roles={Role.ADMIN}, is_enabled=False
        )
        db.session.commit()
        [removed] = entries("admin_removed")
        assert removed.details["admins_left"] == 1 and removed.agency_id == two_admins.id
        assert describe_entry(removed.action, removed.details).change == (
            "停用系統管理者 admin2（周管理）；本機關剩 1 位啟用中的系統管理者"
        )
        # From now on the single admin acts alone, which the auditors see as well.
        outcome = request_boss()
        db.session.commit()
        assert outcome.status is AccessChangeStatus.APPLIED


def test_every_access_change_action_has_a_label():
    from audit.services import ACTION_LABELS

    assert set(ACCESS_CHANGE_ACTIONS) <= set(ACTION_LABELS)


def test_with_two_admins_neither_can_reset_the_others_password(app: Flask, two_admins: TwoAdmins):
    """Nobody could confirm it, and the one who chose the password could then confirm alone as the other."""
    with app.app_context():
        with pytest.raises(ServiceError) as refused:
            access_changes.change_account(
                user("admin"),
                user("admin2"),
                display_name="周管理",
                unit=None,
                roles={Role.ADMIN},
                is_enabled=True,
                new_password=NEW_PASSWORD,
            )
        assert "本機關沒有其他系統管理者可以確認這項變更" in refused.value.field_errors[""][0]
        db.session.rollback()
    make_user(app, "admin3", Role.ADMIN, agency_id=two_admins.id)
    with app.app_context():
        outcome = access_changes.change_account(
            user("admin"),
            user("admin2"),
            display_name="周管理",
            unit=None,
            roles={Role.ADMIN},
            is_enabled=True,
            new_password=NEW_PASSWORD,
        )
        assert outcome.pending


def test_the_command_line_resets_a_password_and_the_auditors_see_it(app: Flask, two_admins: TwoAdmins):
    result = app.test_cli_runner().invoke(args=["users", "set-password", "admin2", "--password", NEW_PASSWORD])
    assert result.exit_code == 0, result.output
    assert "已重設帳號 admin2 的密碼" in result.output
    with app.app_context():
        assert verify_password(hasher(), user("admin2").password_hash, NEW_PASSWORD)
        [applied] = entries("access_change_applied")
        assert applied.actor is None and applied.agency_id == two_admins.id
        text = describe_entry(applied.action, applied.details)
        assert (text.change, text.note) == ("重設密碼", "立即生效：由命令列執行")
    weak = app.test_cli_runner().invoke(args=["users", "set-password", "admin2", "--password", "short"])
    assert weak.exit_code == 1 and "密碼至少需要 12 個字元" in weak.output
