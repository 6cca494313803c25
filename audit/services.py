"""The one function every area uses to write the audit log."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from accounts.models import User
from audit.models import AuditEntry
from core.extensions import db

# zh-TW wording of each action, for the auditor's page and exports.
ACTION_LABELS: dict[str, object] = {
    "login_succeeded": _l("登入成功"),
    "login_failed": _l("登入失敗"),
    "login_refused_locked": _l("鎖定期間嘗試登入"),
    "logout": _l("登出"),
    "session_expired": _l("閒置逾時登出"),
    "session_lifetime_exceeded": _l("超過登入時限登出"),
    "user_created": _l("建立帳號"),
    "user_updated": _l("修改帳號"),
    "password_changed": _l("變更密碼"),
    "access_change_requested": _l("申請帳號權限異動（待確認）"),
    "access_change_confirmed": _l("確認帳號權限異動（已生效）"),
    "access_change_rejected": _l("退回帳號權限異動"),
    "access_change_withdrawn": _l("撤回帳號權限異動"),
    "access_change_applied": _l("帳號權限異動（立即生效）"),
    "admin_removed": _l("減少系統管理者"),
    "incident_created": _l("建立案件"),
    "incident_viewed": _l("查閱案件"),
    "incident_edit_viewed": _l("開啟案件修改表單"),
    "incident_updated": _l("修改案件"),
    "incident_filed": _l("案件立案"),
    "incident_assignment_changed": _l("變更承辦人"),
    "incident_recused": _l("聲明利益迴避"),
    "respondent_form_viewed": _l("開啟新增被調查人表單"),
    "respondent_viewed": _l("查閱被調查人（含完整身分證統一編號）"),
    "respondent_added": _l("新增被調查人"),
    "respondent_updated": _l("修改被調查人"),
    "respondent_removed": _l("刪除被調查人"),
    "evidence_uploaded": _l("上傳證據檔案"),
    "evidence_downloaded": _l("下載證據檔案"),
    "evidence_integrity_failed": _l("證據檔案完整性檢查失敗"),
    "note_added": _l("新增案件紀錄"),
    "recommendation_viewed": _l("查閱適用建議"),
    "recommendation_saved": _l("儲存建議草稿"),
    "cases_listed": _l("查閱案件清單"),
    "cases_exported": _l("匯出案件清單"),
    "audit_log_viewed": _l("查閱稽核紀錄"),
}


def record(
    actor: User | None,
    action: str,
    *,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    client_address: str = "",
    actor_name: str | None = None,
    agency_id: int | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits).

    Written in the same transaction as the change it describes, so a change
    is never kept without its entry, nor an entry without its change.
    """
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AuditEntry(
        actor=actor,
        actor_name=actor_name if actor_name is not None else (actor.username if actor else ""),
        agency_id=agency_id if agency_id is not None else (actor.agency_id if actor else None),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        client_address=client_address,
        details=details or {},
    )
    db.session.add(entry)
    return entry


def record_log_view(
    actor: User, *, filters: dict[str, Any], shown: list[AuditEntry], client_address: str = ""
) -> AuditEntry:
    """Note that ``actor`` (an auditor) read a page of the log: the filters and which entries (the caller commits)."""
    return record(
        actor,
        "audit_log_viewed",
        object_type="audit_entry",
        details={
            "filter": filters,
            "count": len(shown),
            # The page is a range of ids (newest first): enough to tell what was on the screen.
            **({"newest_id": shown[0].id, "oldest_id": shown[-1].id} if shown else {}),
        },
        client_address=client_address,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    return {key: [before.get(key), after.get(key)] for key in after if before.get(key) != after.get(key)}
