"""The audit entry of an action on a case or on something in it: one shape for every case service."""

from __future__ import annotations

from typing import Any

from accounts.models import User
from audit.models import AuditEntry
from audit.services import record
from incidents.models import Incident

__all__ = ["record_case_event"]


def record_case_event(
    actor: User,
    incident: Incident,
    action: str,
    details: dict[str, Any] | None = None,
    *,
    target: tuple[str, int] | None = None,
    client_address: str = "",
) -> AuditEntry:
    """Audit ``action`` on ``incident`` in the current transaction (the caller commits).

    The entry belongs to the case's agency and names the case number before ``details``. An
    action on something inside the case is filed under that object, ``target`` = (object type,
    id), and its details name the case's id first, so the case's history can still find it.
    """
    if target is None:
        object_type, object_id = "incident", incident.id
        head: dict[str, Any] = {"case_number": incident.case_number}
    else:
        object_type, object_id = target
        head = {"incident_id": incident.id, "case_number": incident.case_number}
    return record(
        actor,
        action,
        object_type=object_type,
        object_id=object_id,
        details={**head, **(details or {})},
        client_address=client_address,
        agency_id=incident.agency_id,
    )
