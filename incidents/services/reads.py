"""Reads of case material, each written to the audit log like a change (README: 每次檢視…都寫入稽核紀錄).

A read changes nothing else, but its entry is kept: the route commits it before the page or the
file is sent. The case page itself is logged by ``intake.record_view``; evidence downloads by
``evidence.open_evidence``; a respondent's suggestions by ``recommendations.record_view``.

Search keywords are case material and stay in the (equally secret) log, but a national ID typed
into one is masked, as everywhere else in the log.
"""

from __future__ import annotations

from typing import Any

from accounts.models import User
from audit.models import AuditEntry
from audit.services import record
from incidents.models import Incident, Respondent
from incidents.services import national_id
from incidents.services.case_audit import record_case_event

__all__ = ["logged_filter", "record_case_list", "record_edit_form_view", "record_respondent_view"]


def record_edit_form_view(actor: User, incident: Incident, *, client_address: str = "") -> AuditEntry:
    """``actor`` opened the case's edit form (every stored fact of the case, in its fields)."""
    return record_case_event(actor, incident, "incident_edit_viewed", client_address=client_address)


def record_respondent_view(
    actor: User, incident: Incident, respondent: Respondent | None, *, client_address: str = ""
) -> AuditEntry:
    """``actor`` opened a respondent's form: an existing one (with the full national ID), or a new one."""
    if respondent is None:
        return record_case_event(actor, incident, "respondent_form_viewed", client_address=client_address)
    return record_case_event(
        actor,
        incident,
        "respondent_viewed",
        {"name": respondent.name, "national_id": national_id.mask(respondent.national_id)},
        target=("respondent", respondent.id),
        client_address=client_address,
    )


def logged_filter(described: dict[str, Any]) -> dict[str, Any]:
    """A case filter's conditions (``CaseFilter.describe()``) as they go in the log: IDs in the keyword masked."""
    keyword = described.get("keyword")
    if not keyword:
        return dict(described)
    return {**described, "keyword": national_id.mask_within(keyword)}


def record_case_list(
    actor: User,
    action: str,
    *,
    described_filter: dict[str, Any],
    sort: str,
    count: int,
    case_numbers: list[str] | None = None,
    after: str | None = None,
    client_address: str = "",
) -> AuditEntry:
    """``actor`` read the case list (``cases_listed``: one page) or exported it (``cases_exported``).

    ``case_numbers`` are the cases on the page; an export gives only its ``count``.
    """
    details: dict[str, Any] = {"filter": logged_filter(described_filter), "sort": sort, "count": count}
    if after:
        details["after"] = after
    if case_numbers is not None:
        details["case_numbers"] = case_numbers
    return record(actor, action, object_type="incident", details=details, client_address=client_address)
