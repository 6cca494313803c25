"""Access changes in words: their states, and each change or audit entry as the pages show it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accounts.labels import ROLE_LABELS
from accounts.models import AccessChange, AccessChangeKind, AccessChangeStatus, AppliedBecause

# The audit actions of the auditors' 帳號權限異動 view, in the order a change goes through them.
ACCESS_CHANGE_ACTIONS = (
    "access_change_requested",
    "access_change_confirmed",
    "access_change_rejected",
    "access_change_withdrawn",
    "access_change_applied",
    "admin_removed",
)
STATUS_LABELS = {
    AccessChangeStatus.PENDING: _l("待確認"),
    AccessChangeStatus.CONFIRMED: _l("已確認生效"),
    AccessChangeStatus.REJECTED: _l("已退回"),
    AccessChangeStatus.WITHDRAWN: _l("已撤回"),
    AccessChangeStatus.APPLIED: _l("立即生效"),
}
APPLIED_NOTES = {
    AppliedBecause.SINGLE_ADMIN: _l("立即生效：本機關只有一位啟用中的系統管理者"),
    AppliedBecause.DUAL_CONTROL_OFF: _l("立即生效：未啟用雙人確認（ADMIN_DUAL_CONTROL）"),
    AppliedBecause.COMMAND_LINE: _l("立即生效：由命令列執行"),
}


def change_details(change: AccessChange) -> dict[str, Any]:
    """The audit entry's details of an access change: enough to describe it without the table."""
    requester = change.requested_by
    return {
        "change": change.id,
        "kind": change.kind.value,
        "user_id": change.user_id,
        "username": change.username,
        "display_name": change.display_name,
        "roles_before": list(change.roles_before),
        "roles_after": list(change.roles_after),
        "password_reset": change.password_reset,
        "requested_by": requester.username if requester else "",
        "requested_by_name": requester.display_name if requester else "",
    }


def _role_names(values: Sequence[str] | set[str]) -> str:
    chosen = set(values)
    return _("、").join(str(label) for role, label in ROLE_LABELS.items() if role.value in chosen)


def describe(details: Mapping[str, Any]) -> str:
    """The change in words, from :func:`change_details` (or an audit entry's details)."""
    before, after = set(details.get("roles_before") or []), set(details.get("roles_after") or [])
    if details.get("kind") == AccessChangeKind.NEW_ACCOUNT.value:
        return _(
            "建立帳號 %(username)s（%(name)s），角色：%(roles)s",
            username=details.get("username", ""),
            name=details.get("display_name", ""),
            roles=_role_names(after),
        )
    parts = []
    if after - before:
        parts.append(_("授予角色：%(roles)s", roles=_role_names(after - before)))
    if before - after:
        parts.append(_("移除角色：%(roles)s", roles=_role_names(before - after)))
    if details.get("password_reset"):
        parts.append(_("重設密碼"))
    return _("；").join(parts)


def describe_admin_removed(details: Mapping[str, Any]) -> str:
    values = {
        "username": details.get("username", ""),
        "name": details.get("display_name", ""),
        "count": int(details.get("admins_left", 0)),
    }
    if details.get("how") == "disabled":
        return _("停用系統管理者 %(username)s（%(name)s）；本機關剩 %(count)d 位啟用中的系統管理者", **values)
    return _("移除 %(username)s（%(name)s）的系統管理者角色；本機關剩 %(count)d 位啟用中的系統管理者", **values)


@dataclass(frozen=True)
class EntryText:
    """An audit entry of ``ACCESS_CHANGE_ACTIONS`` in words, for the auditors' view."""

    account: str  # the account concerned: 姓名（帳號）
    change: str  # what changed
    note: str  # who asked for it, or why it needed nobody's confirmation
    change_id: int | None  # the access change's number (None: a removed admin)


def describe_entry(action: str, details: Mapping[str, Any]) -> EntryText:
    account = f"{details.get('display_name', '')}（{details.get('username', '')}）"
    if action == "admin_removed":
        return EntryText(account, describe_admin_removed(details), "", None)
    note = ""
    if action == "access_change_applied":
        because = details.get("because")
        note = str(APPLIED_NOTES[AppliedBecause(because)]) if because in set(AppliedBecause) else ""
    elif action != "access_change_requested" and details.get("requested_by"):
        note = _(
            "申請人：%(name)s（%(username)s）", name=details["requested_by_name"], username=details["requested_by"]
        )
    change_id = details.get("change")
    return EntryText(account, describe(details), note, int(change_id) if change_id is not None else None)
