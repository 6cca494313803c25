"""The case record: open, change, file and view a case (each audited in the same transaction)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from accounts.models import Role, User
from audit.services import changed_fields
from core.clock import taipei_today
from core.extensions import db
from core.models import utcnow
from core.roc_date import format_roc
from core.services import FieldErrors, ServiceError
from incidents.models import CaseSource, CaseStatus, Incident, IncidentAssignment, RecordClassification
from incidents.services import NotPermitted
from incidents.services.access import require_edit
from incidents.services.assignments import check_assignees
from incidents.services.case_audit import record_case_event
from incidents.services.case_numbers import allocate_case_number
from incidents.services.facts import EMPTY_CASE_FACTS, facts_problems, notice_problems

__all__ = [
    "STALE_MESSAGE",
    "CaseInput",
    "date_problems",
    "file_incident",
    "open_incident",
    "record_view",
    "update_incident",
]

TITLE_MAX = 200


# Shown when an edit was based on an older version of the case (optimistic locking).
STALE_MESSAGE = _l("案件已被他人更新，請重新載入後再修改")


@dataclass
class CaseInput:
    """What the case form collects (``facts``: the case-level parts of a facts document)."""

    title: str
    summary: str = ""
    source: CaseSource = CaseSource.OTHER
    reported_date: date | None = None
    discovered_date: date | None = None
    act_start: date | None = None
    act_end: date | None = None
    facts: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(EMPTY_CASE_FACTS))
    classification: RecordClassification = RecordClassification.GENERAL_OFFICIAL_SECRET
    cyber_security_incident: bool = False
    cyber_aware_at: datetime | None = None


def date_problems(
    *,
    reported_date: date | None,
    discovered_date: date | None,
    act_start: date | None,
    act_end: date | None,
    cyber_security_incident: bool = False,
    cyber_aware_at: datetime | None = None,
    now: datetime | None = None,
) -> FieldErrors:
    """Dates that cannot be right: in the future (Taiwan time), or an act ending before it starts."""
    now = now or utcnow()
    today = taipei_today(now)
    shown_today = format_roc(today)
    errors = FieldErrors()
    if reported_date and reported_date > today:
        errors.add("reported_date", _("受理日期不可晚於今天（%(today)s）。", today=shown_today))
    if discovered_date and discovered_date > today:
        errors.add("discovered_date", _("發現日期不可晚於今天（%(today)s）。", today=shown_today))
    if act_start and act_start > today:
        errors.add("act_start", _("行為開始日不可晚於今天（%(today)s）。", today=shown_today))
    if act_end and act_end > today:
        errors.add("act_end", _("行為終了日不可晚於今天（%(today)s）。", today=shown_today))
    if act_end and act_start and act_end < act_start:
        errors.add("act_end", _("行為終了日不可早於行為開始日。"))
    if act_end and not act_start:
        errors.add("act_start", _("已填行為終了日時，請一併輸入行為開始日。"))
    if cyber_aware_at and not cyber_security_incident:
        errors.add("cyber_aware_at", _("未勾選涉及資通安全事件時，請勿填寫知悉時間。"))
    if cyber_aware_at and cyber_aware_at > now:
        errors.add("cyber_aware_at", _("知悉資安事件之時間不可晚於現在。"))
    return errors


def _check(data: CaseInput, now: datetime) -> None:
    data.title = data.title.strip()
    data.summary = (data.summary or "").strip()
    errors = date_problems(
        reported_date=data.reported_date,
        discovered_date=data.discovered_date,
        act_start=data.act_start,
        act_end=data.act_end,
        cyber_security_incident=data.cyber_security_incident,
        cyber_aware_at=data.cyber_aware_at,
        now=now,
    )
    for name, messages in notice_problems(
        cyber_security_incident=data.cyber_security_incident,
        cyber_aware_at=data.cyber_aware_at,
        cyber_notified_at=(data.facts.get("information") or {}).get("cyber_notified_at"),
        now=now,
    ).items():
        errors.extend(name, messages)
    if not data.title:
        errors["title"] = [_("請輸入案由。")]
    elif len(data.title) > TITLE_MAX:
        errors["title"] = [_("案由請在 %(max)d 字以內。", max=TITLE_MAX)]
    problems = facts_problems(
        data.facts,
        act_start=data.act_start,
        act_end=data.act_end,
        cyber_security_incident=data.cyber_security_incident,
        cyber_aware_at=data.cyber_aware_at,
    )
    errors.extend("", problems)
    if errors:
        raise ServiceError(errors)


def _apply(incident: Incident, data: CaseInput) -> None:
    incident.title = data.title
    incident.summary = data.summary
    incident.source = data.source
    incident.reported_date = data.reported_date
    incident.discovered_date = data.discovered_date
    incident.act_start = data.act_start
    incident.act_end = data.act_end
    incident.facts = copy.deepcopy(data.facts)
    incident.classification = data.classification
    incident.cyber_security_incident = data.cyber_security_incident
    incident.cyber_aware_at = data.cyber_aware_at if data.cyber_security_incident else None


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def snapshot(incident: Incident) -> dict[str, Any]:
    """The case's editable fields as plain values (facts flattened to ``facts.<part>.<name>``)."""
    values: dict[str, Any] = {
        "title": incident.title,
        "summary": incident.summary,
        "source": CaseSource(incident.source).value,
        "reported_date": _iso(incident.reported_date),
        "discovered_date": _iso(incident.discovered_date),
        "act_start": _iso(incident.act_start),
        "act_end": _iso(incident.act_end),
        "classification": RecordClassification(incident.classification).value,
        "cyber_security_incident": bool(incident.cyber_security_incident),
        "cyber_aware_at": _iso(incident.cyber_aware_at),
    }
    for part, names in (incident.facts or {}).items():
        for name, value in names.items():
            values[f"facts.{part}.{name}"] = value
    return values


def open_incident(
    actor: User,
    data: CaseInput,
    *,
    assignee_ids: list[int] | tuple[int, ...] = (),
    client_address: str = "",
    now: datetime | None = None,
) -> Incident:
    """Open a draft case in the actor's agency; the actor (an officer) is assigned, with ``assignee_ids``."""
    if not actor.has_role(Role.OFFICER):
        raise NotPermitted()
    now = now or utcnow()
    _check(data, now)
    others = check_assignees(actor.agency_id, [i for i in assignee_ids if i != actor.id])
    number = allocate_case_number(actor.agency_id, actor.agency.code, now)
    incident = Incident(
        agency_id=actor.agency_id,
        unit_id=actor.unit_id,
        roc_year=number.roc_year,
        serial=number.serial,
        case_number=number.text,
        status=CaseStatus.DRAFT,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _apply(incident, data)
    incident.assignments = [IncidentAssignment(user=user, assigned_at=now) for user in [actor, *others]]
    db.session.add(incident)
    try:
        db.session.flush()
    except IntegrityError:
        # Only the case number is unique here: another case took it in the meantime.
        raise ServiceError(_("同時有其他案件建立，案號未能取得，資料尚未儲存，請再送出一次。")) from None
    record_case_event(
        actor,
        incident,
        "incident_created",
        {
            "status": incident.status.value,
            "assignees": sorted(user.username for user in [actor, *others]),
            **snapshot(incident),
        },
        client_address=client_address,
    )
    return incident


def update_incident(
    actor: User,
    incident: Incident,
    data: CaseInput,
    *,
    expected_version: int | None,
    client_address: str = "",
    now: datetime | None = None,
) -> Incident:
    """Change the case record. ``expected_version`` is the version the form was based on;
    if the case changed since, nothing is saved (optimistic locking)."""
    require_edit(actor, incident)
    if expected_version != incident.version:
        raise ServiceError(str(STALE_MESSAGE))
    _check(data, now or utcnow())
    before = snapshot(incident)
    _apply(incident, data)
    changes = changed_fields(before, snapshot(incident))
    if not changes:
        return incident
    try:
        db.session.flush()
    except StaleDataError:
        # Saved by someone else between reading the case and writing it.
        raise ServiceError(str(STALE_MESSAGE)) from None
    record_case_event(actor, incident, "incident_updated", changes, client_address=client_address)
    return incident


def file_incident(actor: User, incident: Incident, *, client_address: str = "") -> Incident:
    """立案: a draft becomes a filed case."""
    require_edit(actor, incident)
    if incident.status != CaseStatus.DRAFT:
        raise ServiceError(_("此案件已立案。"))
    incident.status = CaseStatus.FILED
    try:
        db.session.flush()
    except StaleDataError:
        raise ServiceError(str(STALE_MESSAGE)) from None
    record_case_event(
        actor,
        incident,
        "incident_filed",
        {"status": [CaseStatus.DRAFT.value, CaseStatus.FILED.value]},
        client_address=client_address,
    )
    return incident


def record_view(actor: User, incident: Incident, *, client_address: str = "") -> None:
    """Note that ``actor`` read the case (the caller commits, though nothing else changed)."""
    record_case_event(actor, incident, "incident_viewed", client_address=client_address)
