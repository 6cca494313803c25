"""Who works on a case: assigned officers (承辦人) and recusals (利益衝突迴避).

A recusal takes the case from one person only: never from the auditors (their read-only
oversight is not subject to recusal) nor from the agency's supervisors as a group (at least
one supervisor who still sees the case must remain; the last one may not recuse). Who may be
recused through a respondent link is decided in incidents.services.respondents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from accounts.models import Role, User, UserRole
from core.extensions import db
from core.services import ServiceError
from incidents.models import Incident, IncidentAssignment, Recusal, Respondent
from incidents.services import NotFound, NotPermitted
from incidents.services.access import can_manage_assignments, can_view
from incidents.services.case_audit import record_case_event

__all__ = [
    "RECUSAL_REASON_MAX",
    "STALE_ASSIGNMENTS",
    "RecusalPreview",
    "assignable_officers",
    "check_assignees",
    "declare_recusal",
    "recusal_preview",
    "recusal_problem",
    "recusals_of",
    "recuse_user",
    "set_assignees",
    "supervisors_keeping",
]

RECUSAL_REASON_MAX = 200
# Shown when the assignment form was filled before someone else changed who works on the case.
STALE_ASSIGNMENTS = _l("承辦人已被他人變更，請重新載入後再修改")


def _excluded_user_ids(incident: Incident | None) -> set[int]:
    """Users who may not work on the case: recused, or a respondent in it."""
    if incident is None or incident.id is None:
        return set()
    recused = db.session.scalars(sa.select(Recusal.user_id).where(Recusal.incident_id == incident.id))
    respondents = db.session.scalars(
        sa.select(Respondent.user_id).where(Respondent.incident_id == incident.id, Respondent.user_id.is_not(None))
    )
    return {*recused, *respondents}


def assignable_officers(agency_id: int, incident: Incident | None = None) -> list[User]:
    """Enabled officers of the agency who may be assigned to ``incident`` (any case when None)."""
    excluded = _excluded_user_ids(incident)
    officers = db.session.scalars(
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.agency_id == agency_id, User.is_enabled.is_(True), UserRole.role == Role.OFFICER)
        .order_by(User.display_name, User.username)
    ).all()
    return [user for user in officers if user.id not in excluded]


def check_assignees(agency_id: int, user_ids: Iterable[int], incident: Incident | None = None) -> list[User]:
    """The users for ``user_ids``, or ServiceError (field ``assignees``) naming each one who may not be assigned."""
    allowed = {user.id: user for user in assignable_officers(agency_id, incident)}
    excluded = _excluded_user_ids(incident)
    chosen: list[User] = []
    errors: list[str] = []
    for user_id in dict.fromkeys(user_ids):
        if user_id in allowed:
            chosen.append(allowed[user_id])
            continue
        user = db.session.get(User, user_id)
        if user is None or user.agency_id != agency_id:
            errors.append(_("只能指派本機關的承辦人。"))
        elif user_id in excluded:
            errors.append(_("%(name)s 與本案有利益衝突（迴避或為被調查人），不能指派。", name=user.display_name))
        else:
            errors.append(_("%(name)s 不是在職的承辦人，不能指派。", name=user.display_name))
    if errors:
        raise ServiceError({"assignees": list(dict.fromkeys(errors))})
    return chosen


def _incident_table() -> sa.Table:
    table = Incident.__table__
    assert isinstance(table, sa.Table)
    return table


def _claim_assignments(incident: Incident, expected_version: int) -> None:
    """Lock the case's assignment list if it is still at ``expected_version``, else ServiceError.

    A plain UPDATE, so that it takes the write lock (the row's on PostgreSQL, the database's on
    SQLite) before the list is read again: a second save based on the same version waits, then
    finds the version moved. The ORM never sees the column change, so the record's own version
    stays as it is.
    """
    table = _incident_table()
    claimed = db.session.execute(
        sa.update(table)
        .where(table.c.id == incident.id, table.c.assignments_version == expected_version)
        .values(assignments_version=table.c.assignments_version)
    )
    if cast(sa.CursorResult[Any], claimed).rowcount != 1:
        raise ServiceError({"assignees": [str(STALE_ASSIGNMENTS)]})
    db.session.expire(incident, ["assignments", "assignments_version"])


def _move_assignments_version(incident: Incident) -> None:
    table = _incident_table()
    db.session.execute(
        sa.update(table).where(table.c.id == incident.id).values(assignments_version=table.c.assignments_version + 1)
    )
    db.session.expire(incident, ["assignments_version"])


def set_assignees(
    actor: User,
    incident: Incident,
    user_ids: Iterable[int],
    *,
    expected_version: int | None = None,
    client_address: str = "",
) -> Incident:
    """Replace the assigned officers (by an assigned officer or a supervisor of the agency).

    ``expected_version`` is the ``assignments_version`` the form was filled from: if the list
    changed since, nothing is saved (None: not checked, for callers that showed no form).
    """
    if not can_view(actor, incident):
        raise NotFound()
    if not can_manage_assignments(actor, incident):
        raise NotPermitted()
    wanted = check_assignees(incident.agency_id, list(user_ids), incident)
    if not wanted:
        raise ServiceError({"assignees": [_("請至少指派一位承辦人。")]})
    if expected_version is not None:
        _claim_assignments(incident, expected_version)
    before = sorted(assignment.user.username for assignment in incident.assignments)
    wanted_ids = {user.id for user in wanted}
    for assignment in list(incident.assignments):
        if assignment.user_id not in wanted_ids:
            incident.assignments.remove(assignment)
    current = incident.assignee_ids
    for user in wanted:
        if user.id not in current:
            incident.assignments.append(IncidentAssignment(user=user))
    after = sorted(user.username for user in wanted)
    if before == after:
        return incident
    db.session.flush()
    _move_assignments_version(incident)
    record_case_event(
        actor, incident, "incident_assignment_changed", {"assignees": [before, after]}, client_address=client_address
    )
    return incident


@dataclass(frozen=True)
class RecusalPreview:
    """What a recusal of ``user`` would do, for the confirmation step (nothing is changed)."""

    problem: str  # why it would be refused ("" when it may go ahead)
    assigned: bool  # the user is an assigned officer and would be unassigned
    leaves_no_officer: bool  # the user is the case's only assigned officer


def supervisors_keeping(incident: Incident, *, without: int | None = None) -> list[User]:
    """The enabled supervisors of the case's agency who still see it (not recused, not a respondent).

    ``without``: leave this user out (the one about to recuse). Read with a query, not from the
    loaded relationships, so that after :func:`_lock_case` it sees recusals committed meanwhile.
    """
    excluded = _excluded_user_ids(incident) | ({without} if without is not None else set())
    supervisors = db.session.scalars(
        sa.select(User)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.agency_id == incident.agency_id, User.is_enabled.is_(True), UserRole.role == Role.SUPERVISOR)
        .order_by(User.display_name, User.username)
    ).all()
    return [user for user in supervisors if user.id not in excluded]


def recusal_problem(incident: Incident, user: User) -> str:
    """Why ``user`` may not be recused from the case ("" if they may).

    A recusal takes the case from that one person; it never takes oversight away:
    an auditor's read-only oversight is not removed by a recusal, and the agency's
    supervisors as a group always keep the case (the last one who still sees it may not recuse).
    """
    if user.has_role(Role.AUDITOR):
        return _(
            "稽核人員對本機關案件的唯讀監督不因迴避而移除，不能聲明迴避；"
            "如與本案有利益衝突，請告知主管，並勿參與本案的處理。"
        )
    if user.has_role(Role.SUPERVISOR) and not supervisors_keeping(incident, without=user.id):
        return _(
            "本機關沒有其他主管可督導本案，您不能聲明迴避：本案至少須有一位主管可以查閱。"
            "請先由系統管理者設定另一位主管帳號，或將本案陳報上級政風機構。"
        )
    return ""


def recusal_preview(incident: Incident, user: User) -> RecusalPreview:
    """What recusing ``user`` would do (for the confirmation page)."""
    assigned = user.id in incident.assignee_ids
    return RecusalPreview(
        problem=recusal_problem(incident, user),
        assigned=assigned,
        leaves_no_officer=assigned and incident.assignee_ids == {user.id},
    )


def recusals_of(incident: Incident) -> list[Recusal]:
    """The case's recusals, earliest first, each with its user loaded."""
    return list(
        db.session.scalars(
            sa.select(Recusal)
            .where(Recusal.incident_id == incident.id)
            .options(selectinload(Recusal.user))
            .order_by(Recusal.declared_at, Recusal.user_id)
        )
    )


def _lock_case(incident: Incident) -> None:
    """Recusals of one case are checked and recorded one at a time, until the transaction ends.

    A write to the case row that changes nothing (``version`` and ``updated_at`` set to themselves):
    PostgreSQL then holds the row's lock and SQLite its one write lock, so a second recusal waits
    for the first to commit and then sees it. Two supervisors recusing at the same moment cannot
    both find "another supervisor keeps the case". Reloads what the session may hold from before.
    """
    db.session.execute(
        sa.update(Incident)
        .where(Incident.id == incident.id)
        .values(version=Incident.version, updated_at=Incident.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(incident, ["recusals", "assignments"])


def recuse_user(incident: Incident, user: User, reason: str) -> bool:
    """Record that ``user`` may no longer see or work on the case; True if they were assigned (now removed).

    :raise ServiceError: the recusal would take oversight away (:func:`recusal_problem`), form-wide.
    """
    _lock_case(incident)
    if problem := recusal_problem(incident, user):
        raise ServiceError({"": [problem]})
    if not any(recusal.user_id == user.id for recusal in incident.recusals):
        incident.recusals.append(Recusal(user_id=user.id, reason=reason[:RECUSAL_REASON_MAX]))
    assignment = next((a for a in incident.assignments if a.user_id == user.id), None)
    if assignment is not None:
        incident.assignments.remove(assignment)
    return assignment is not None


def declare_recusal(actor: User, incident: Incident, reason: str, *, client_address: str = "") -> Recusal:
    """The actor declares a conflict of interest: from now on the case is hidden from them.

    Refused (ServiceError) for an auditor and for the last supervisor who sees the case; the
    audit entry says whether the actor was unassigned and whether the case is left without officers.
    """
    if not can_view(actor, incident):
        raise NotFound()
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError({"reason": [_("請說明迴避的原因。")]})
    if len(reason) > RECUSAL_REASON_MAX:
        raise ServiceError({"reason": [_("迴避原因請在 %(max)d 字以內。", max=RECUSAL_REASON_MAX)]})
    unassigned = recuse_user(incident, actor, reason)
    db.session.flush()
    details = {"reason": reason, "unassigned": unassigned, "no_officer_left": not incident.assignments}
    record_case_event(actor, incident, "incident_recused", details, client_address=client_address)
    return next(recusal for recusal in incident.recusals if recusal.user_id == actor.id)
