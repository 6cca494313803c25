"""What the pages and the access-change rules read: how many admins an agency has, whether a
second one is needed, and the access changes waiting or decided."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import sqlalchemy as sa
from flask import current_app

from accounts.models import AccessChange, AccessChangeKind, AccessChangeStatus, Role, User, UserRole
from core.extensions import db


def enabled_admin_count(agency_id: int, *, besides: Collection[int] = ()) -> int:
    """The agency's enabled admins, not counting the users ``besides``."""
    query = sa.select(sa.func.count(User.id)).where(
        User.agency_id == agency_id,
        User.is_enabled.is_(True),
        User.id.in_(sa.select(UserRole.user_id).where(UserRole.role == Role.ADMIN)),
    )
    if besides:
        query = query.where(User.id.not_in(list(besides)))
    return int(db.session.scalar(query) or 0)


def dual_control_required(agency_id: int) -> bool:
    """Whether an access change of this agency waits for a second admin."""
    config = current_app.config
    threshold = max(2, int(config["ADMIN_DUAL_CONTROL_MIN_ADMINS"]))
    return bool(config["ADMIN_DUAL_CONTROL"]) and enabled_admin_count(agency_id) >= threshold


def pending_new_account(username: str) -> int | None:
    """The id of a pending request for a new account named ``username`` (usernames are unique everywhere)."""
    return db.session.scalar(
        sa.select(AccessChange.id).where(
            AccessChange.kind == AccessChangeKind.NEW_ACCOUNT,
            AccessChange.status == AccessChangeStatus.PENDING,
            AccessChange.username == username,
        )
    )


def pending_change_of(user_id: int) -> AccessChange | None:
    return db.session.scalar(
        sa.select(AccessChange).where(
            AccessChange.user_id == user_id, AccessChange.status == AccessChangeStatus.PENDING
        )
    )


def change_in_agency(agency_id: int, change_id: int) -> AccessChange | None:
    change = db.session.get(AccessChange, change_id)
    return change if change is not None and change.agency_id == agency_id else None


def pending_changes(agency_id: int) -> Sequence[AccessChange]:
    return db.session.scalars(
        sa.select(AccessChange)
        .where(AccessChange.agency_id == agency_id, AccessChange.status == AccessChangeStatus.PENDING)
        .order_by(AccessChange.id)
    ).all()


def recent_changes(agency_id: int, limit: int = 20) -> Sequence[AccessChange]:
    """The latest decided (or applied) changes, newest first."""
    return db.session.scalars(
        sa.select(AccessChange)
        .where(AccessChange.agency_id == agency_id, AccessChange.status != AccessChangeStatus.PENDING)
        .order_by(AccessChange.id.desc())
        .limit(limit)
    ).all()
