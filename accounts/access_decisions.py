"""Deciding an access change: another admin of the agency confirms it (it takes effect now) or
rejects it; its requester may withdraw it. See accounts.access_changes for what waits and why.

One decision per change: two admins pressing at once, the second is told the first was faster.
"""

from __future__ import annotations

from typing import Any, cast

import sqlalchemy as sa
from flask_babel import gettext as _

from accounts import services
from accounts.access_change_display import STATUS_LABELS
from accounts.access_changes import record_change, role_values
from accounts.models import AccessChange, AccessChangeKind, AccessChangeStatus, Agency, Role, User
from audit.services import changed_fields, record
from core.extensions import db
from core.models import utcnow
from core.services import ServiceError


def decision_problem(actor: User, change: AccessChange, *, confirming: bool) -> str | None:
    """Why ``actor`` may not confirm (or reject) ``change``; None when they may."""
    if change.status is not AccessChangeStatus.PENDING:
        return _("此申請已處理（%(status)s），不能再確認或退回。", status=STATUS_LABELS[change.status])
    if not actor.has_role(Role.ADMIN) or actor.agency_id != change.agency_id:
        return _("只有本機關的系統管理者可以處理此申請。")
    if confirming and actor.id == change.requested_by_id:
        return _("不能確認自己提出的申請，請由另一位系統管理者確認。")
    if confirming and actor.id == change.user_id:
        return _("不能確認與自己帳號有關的申請，請由另一位系統管理者確認。")
    return None


def confirm(actor: User, change: AccessChange, *, client_address: str = "") -> User:
    """A second admin confirms: the change takes effect now. Returns the account changed or created."""
    if problem := decision_problem(actor, change, confirming=True):
        raise ServiceError(problem)
    password_hash = change.password_hash
    _claim(change, actor, AccessChangeStatus.CONFIRMED)
    if change.kind is AccessChangeKind.NEW_ACCOUNT:
        user = _create_requested_account(actor, change, password_hash, client_address)
    else:
        user = _apply_requested_access(actor, change, password_hash, client_address)
    record_change(actor, "access_change_confirmed", change, client_address)
    return user


def reject(actor: User, change: AccessChange, *, client_address: str = "") -> AccessChange:
    """Another admin rejects the change, or its requester withdraws it: nothing of it takes effect."""
    if problem := decision_problem(actor, change, confirming=False):
        raise ServiceError(problem)
    withdrawn = actor.id == change.requested_by_id
    _claim(change, actor, AccessChangeStatus.WITHDRAWN if withdrawn else AccessChangeStatus.REJECTED)
    record_change(actor, "access_change_withdrawn" if withdrawn else "access_change_rejected", change, client_address)
    return change


def _claim(change: AccessChange, actor: User, status: AccessChangeStatus) -> None:
    """Decide ``change`` unless someone else did first (two admins pressing at once: one wins)."""
    result = cast(
        "sa.CursorResult[Any]",
        db.session.execute(
            sa.update(AccessChange)
            .where(AccessChange.id == change.id, AccessChange.status == AccessChangeStatus.PENDING)
            .values(status=status, decided_by_id=actor.id, decided_at=utcnow(), password_hash=None)
        ),
    )
    if result.rowcount != 1:
        raise ServiceError(_("此申請已由其他系統管理者處理，請重新整理頁面。"))
    db.session.refresh(change)


def _create_requested_account(
    actor: User, change: AccessChange, password_hash: str | None, client_address: str
) -> User:
    agency = db.session.get_one(Agency, change.agency_id)
    roles = {Role(value) for value in change.roles_after}
    problems = services.new_user_problems(
        username=change.username,
        display_name=change.display_name,
        agency=agency,
        roles=roles,
        password=None,
        unit=change.unit,
    )
    if problems or password_hash is None:
        messages = [message for field_messages in problems.values() for message in field_messages]
        raise ServiceError({"": [*messages, _("無法建立此帳號，請退回此申請。")]})
    user = services.add_user(
        actor,
        username=change.username,
        display_name=change.display_name,
        agency=agency,
        unit=change.unit,
        roles=roles,
        password_hash=password_hash,
        client_address=client_address,
        audit_details={"access_change": change.id},
    )
    change.user = user
    return user


def _apply_requested_access(actor: User, change: AccessChange, password_hash: str | None, client_address: str) -> User:
    user = change.user
    if user is None:
        raise ServiceError(_("找不到此申請的帳號，請退回此申請。"))
    changes_roles = change.roles_after != change.roles_before
    if changes_roles and role_values(user.roles) != sorted(change.roles_before):
        raise ServiceError(_("申請後此帳號的角色已被變更，無法確認；請退回此申請後重新提出。"))
    before = services.user_snapshot(user)
    if changes_roles:
        user.set_roles({Role(value) for value in change.roles_after})
    if password_hash is not None:
        services.set_password_hash(user, password_hash, temporary=True)
    details: dict[str, Any] = changed_fields(before, services.user_snapshot(user))
    if password_hash is not None:
        details["password"] = ["******", "******"]
    db.session.flush()
    record(
        actor,
        "user_updated",
        object_type="user",
        object_id=user.id,
        details={**details, "access_change": change.id},
        client_address=client_address,
    )
    return user
