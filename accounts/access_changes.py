"""Access changes: what could let an admin read cases through an account they control.

Creating an account (every account holds a role), granting a role of ``CONTROLLED_ROLES`` and
resetting someone else's password. With dual control on (``ADMIN_DUAL_CONTROL``) and at least
``ADMIN_DUAL_CONTROL_MIN_ADMINS`` (two or more) enabled admins in the agency, such a change is kept
as a pending :class:`AccessChange` until another admin of the agency confirms it: neither the
requester nor the account concerned. Otherwise it takes effect at once. Every step goes to the
audit log under one of ``ACCESS_CHANGE_ACTIONS``, which the agency's auditors read as their own
view (``audit.routes.access_changes``). Disabling an admin or taking the role away lowers the count
that switches dual control on: it takes effect at once and is listed there too.

Like ``accounts.services``: each function takes the actor and the client address, flushes, writes
its audit entries and leaves the commit to the route (one transaction per action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from accounts import services
from accounts.access_change_display import change_details
from accounts.access_change_queries import (
    dual_control_required,
    enabled_admin_count,
    pending_change_of,
    pending_new_account,
)
from accounts.models import (
    CONTROLLED_ROLES,
    AccessChange,
    AccessChangeKind,
    AccessChangeStatus,
    Agency,
    AppliedBecause,
    Role,
    Unit,
    User,
)
from accounts.passwords import hash_password, password_problems
from audit.services import record
from core.extensions import db
from core.models import utcnow
from core.services import FieldErrors, ServiceError


@dataclass(frozen=True)
class Outcome:
    """What a request led to: the account (None while a new account waits) and the access change
    (None when nothing in the request needed one)."""

    user: User | None
    change: AccessChange | None

    @property
    def pending(self) -> bool:
        return self.change is not None and self.change.status is AccessChangeStatus.PENDING

    @property
    def username(self) -> str:
        if self.user is not None:
            return self.user.username
        assert self.change is not None, "a request without an account is a pending new account"
        return self.change.username


# --- when a second admin is needed -------------------------------------------------------------


def _applied_because(actor: User | None, agency_id: int) -> AppliedBecause | None:
    """None: the change must wait for a second admin."""
    if actor is None:
        return AppliedBecause.COMMAND_LINE
    if not current_app.config["ADMIN_DUAL_CONTROL"]:
        return AppliedBecause.DUAL_CONTROL_OFF
    return None if dual_control_required(agency_id) else AppliedBecause.SINGLE_ADMIN


# --- requests ----------------------------------------------------------------------------------


def role_values(roles: set[Role] | frozenset[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def create_account(
    actor: User | None,
    *,
    username: str,
    display_name: str,
    agency: Agency,
    roles: set[Role],
    password: str,
    unit: Unit | None = None,
    client_address: str = "",
) -> Outcome:
    """Create an account, or request it when a second admin must confirm (``actor`` None: the command line)."""
    username = services.normalize_username(username)
    display_name = display_name.strip()
    errors = FieldErrors(
        services.new_user_problems(
            username=username, display_name=display_name, agency=agency, roles=roles, password=password, unit=unit
        )
    )
    if "username" not in errors and (waiting := pending_new_account(username)):
        errors.add("username", _("帳號 %(username)s 已有待確認的建立申請（#%(id)d）。", username=username, id=waiting))
    if errors:
        raise ServiceError(errors)
    because = _applied_because(actor, agency.id)
    password_hash = hash_password(services.hasher(), password)
    change = AccessChange(
        agency_id=agency.id,
        kind=AccessChangeKind.NEW_ACCOUNT,
        username=username,
        display_name=display_name,
        unit=unit,
        roles_before=[],
        roles_after=role_values(roles),
        requested_by=actor,
        requested_at=utcnow(),
    )
    db.session.add(change)
    if because is None:
        change.status = AccessChangeStatus.PENDING
        change.password_hash = password_hash
        db.session.flush()
        record_change(actor, "access_change_requested", change, client_address)
        return Outcome(None, change)
    mark_decided(change, actor, AccessChangeStatus.APPLIED)
    db.session.flush()
    user = services.add_user(
        actor,
        username=username,
        display_name=display_name,
        agency=agency,
        unit=unit,
        roles=roles,
        password_hash=password_hash,
        client_address=client_address,
        audit_details={"access_change": change.id},
    )
    change.user = user
    record_change(actor, "access_change_applied", change, client_address, because=because.value)
    return Outcome(user, change)


def change_account(
    actor: User,
    user: User,
    *,
    display_name: str,
    unit: Unit | None,
    roles: set[Role],
    is_enabled: bool,
    new_password: str = "",
    client_address: str = "",
) -> Outcome:
    """Change an account. A role granted or someone else's password reset waits for a second admin
    when one is needed; the rest of the change (name, unit, enabled) is made at once."""
    roles_before = frozenset(user.roles)
    was_admin = Role.ADMIN in roles_before and user.is_enabled
    granted = (roles - roles_before) & CONTROLLED_ROLES
    resets = bool(new_password) and user.id != actor.id

    def update(roles_now: set[Role], password: str) -> None:
        services.update_user(
            actor,
            user,
            display_name=display_name,
            unit=unit,
            roles=roles_now,
            is_enabled=is_enabled,
            new_password=password,
            client_address=client_address,
        )

    if not granted and not resets:
        update(roles, new_password)
        _note_admin_removed(actor, user, was_admin, client_address)
        return Outcome(user, None)
    change = AccessChange(
        agency_id=user.agency_id,
        kind=AccessChangeKind.ACCOUNT_ACCESS,
        user=user,
        username=user.username,
        display_name=user.display_name,
        unit_id=user.unit_id,
        roles_before=role_values(roles_before),
        roles_after=role_values(roles),
        password_reset=resets,
        requested_by=actor,
        requested_at=utcnow(),
    )
    because = _applied_because(actor, user.agency_id)
    if because is not None:
        update(roles, new_password)
        mark_decided(change, actor, AccessChangeStatus.APPLIED)
        db.session.add(change)
        record_change(actor, "access_change_applied", change, client_address, because=because.value)
        _note_admin_removed(actor, user, was_admin, client_address)
        return Outcome(user, change)

    errors = _pending_change_problems(actor, user, roles, new_password if resets else "")
    try:  # the rest of the change, at once; the roles and the password wait
        update(set(roles_before), "")
    except ServiceError as error:
        for name, messages in error.field_errors.items():
            errors.extend(name, messages)
    if errors:
        raise ServiceError(errors)
    change.status = AccessChangeStatus.PENDING
    if resets:
        change.password_hash = hash_password(services.hasher(), new_password)
    db.session.add(change)
    record_change(actor, "access_change_requested", change, client_address)
    _note_admin_removed(actor, user, was_admin, client_address)
    return Outcome(user, change)


def _pending_change_problems(actor: User, user: User, roles: set[Role], new_password: str) -> FieldErrors:
    errors = FieldErrors()
    if not enabled_admin_count(user.agency_id, besides={actor.id, user.id}):
        # E.g. one of two admins resetting the other's password: whoever knew it could then confirm alone.
        errors.add(
            "",
            _(
                "本機關沒有其他系統管理者可以確認這項變更（申請人與該帳號本人都不能確認）。"
                "請先增設一位系統管理者；忘記密碼者可由伺服器管理者以 flask users set-password 重設。"
            ),
        )
    if actor.id == user.id and roles != set(user.roles):
        errors.add("roles", _("不能變更自己的角色，請由其他系統管理者處理。"))
    if not roles:
        errors.add("roles", _("請至少選擇一個角色。"))
    if new_password:
        errors.extend("new_password", password_problems(new_password, user.username))
    if waiting := pending_change_of(user.id):
        errors.add(
            "",
            _("此帳號已有一件待確認的權限異動（#%(id)d），請先由另一位系統管理者確認或退回。", id=waiting.id),
        )
    return errors


def _note_admin_removed(actor: User, user: User, was_admin: bool, client_address: str) -> None:
    """An admin disabled or no longer an admin: fewer admins may switch dual control off, so the auditors see it."""
    if not was_admin or (user.is_enabled and Role.ADMIN in user.roles):
        return
    db.session.flush()
    record(
        actor,
        "admin_removed",
        object_type="user",
        object_id=user.id,
        details={
            "username": user.username,
            "display_name": user.display_name,
            "how": "disabled" if not user.is_enabled else "role_removed",
            "admins_left": enabled_admin_count(user.agency_id),
        },
        client_address=client_address,
        agency_id=user.agency_id,
    )


def set_password_from_command_line(user: User, password: str, *, client_address: str = "cli") -> AccessChange:
    """``flask users set-password``: whoever runs commands on the server already holds the database;
    the reset takes effect at once and the agency's auditors see it."""
    if problems := password_problems(password, user.username):
        raise ServiceError({"password": problems})
    roles = role_values(user.roles)
    change = AccessChange(
        agency_id=user.agency_id,
        kind=AccessChangeKind.ACCOUNT_ACCESS,
        user=user,
        username=user.username,
        display_name=user.display_name,
        unit_id=user.unit_id,
        roles_before=roles,
        roles_after=roles,
        password_reset=True,
        requested_at=utcnow(),
    )
    mark_decided(change, None, AccessChangeStatus.APPLIED)
    db.session.add(change)
    services.set_password_hash(user, hash_password(services.hasher(), password))
    record_change(None, "access_change_applied", change, client_address, because=AppliedBecause.COMMAND_LINE.value)
    return change


# --- shared with the decisions (accounts.access_decisions) ---------------------------------------


def mark_decided(change: AccessChange, actor: User | None, status: AccessChangeStatus) -> None:
    change.status = status
    change.decided_by = actor
    change.decided_at = utcnow()
    change.password_hash = None


def record_change(actor: User | None, action: str, change: AccessChange, client_address: str, **extra: Any) -> None:
    db.session.flush()  # the change's id, and the account's once created
    record(
        actor,
        action,
        object_type="access_change",
        object_id=change.id,
        details={**change_details(change), **extra},
        client_address=client_address,
        agency_id=change.agency_id,
    )
