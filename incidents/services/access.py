"""Need-to-know access to cases: who may see a case, change it, or change who works on it.

* An officer sees the cases assigned to them.
* A supervisor and an auditor see every case of their own agency (the auditor read-only).
* An admin sees no case contents at all (the admin role grants nothing here).
* Nobody sees a case in which they are a respondent (被調查人), whatever their roles.
* A recusal (利益衝突迴避) hides the case from that one person, except that it never
  removes an auditor's read-only oversight (the recusal services refuse to record one for
  an auditor; this rule also keeps a recusal recorded before that rule from hiding a case).

Roles add up: a user who is both officer and supervisor sees what either grants.
A case the user may not see is reported exactly like a missing one (404).
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_login import AnonymousUserMixin

from accounts.models import Role, User
from core.extensions import db
from incidents.models import Incident, IncidentAssignment, Recusal, Respondent
from incidents.services import NotFound, NotPermitted

__all__ = [
    "can_edit",
    "can_manage_assignments",
    "can_view",
    "excluded_from",
    "get_editable_incident",
    "get_visible_incident",
    "require_edit",
    "visible_incidents",
]


def _signed_in(user: User | AnonymousUserMixin | None) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def excluded_from(user_id: int) -> sa.ColumnElement[bool]:
    """True for the cases a user must never work on: recused from them, or a respondent in them."""
    recused = sa.select(Recusal.incident_id).where(Recusal.user_id == user_id)
    return sa.or_(Incident.id.in_(recused), _respondent_in(user_id))


def _respondent_in(user_id: int) -> sa.ColumnElement[bool]:
    """True for the cases in which the user is a respondent."""
    return Incident.id.in_(sa.select(Respondent.incident_id).where(Respondent.user_id == user_id))


def visible_incidents(user: User | AnonymousUserMixin | None) -> sa.Select[Incident]:
    """A query of the cases ``user`` may see (add ordering, filters and limits to it)."""
    query = sa.select(Incident)
    if not _signed_in(user):
        return query.where(sa.false())
    assert isinstance(user, User)
    own_agency = Incident.agency_id == user.agency_id
    if user.has_role(Role.AUDITOR):  # oversight: a recusal never removes it (module docstring)
        return query.where(own_agency, sa.not_(_respondent_in(user.id)))
    grants: list[sa.ColumnElement[bool]] = []
    if user.has_role(Role.SUPERVISOR):
        grants.append(own_agency)
    if user.has_role(Role.OFFICER):
        assigned = sa.select(IncidentAssignment.incident_id).where(IncidentAssignment.user_id == user.id)
        grants.append(sa.and_(own_agency, Incident.id.in_(assigned)))
    if not grants:
        return query.where(sa.false())
    return query.where(sa.or_(*grants), sa.not_(excluded_from(user.id)))


def get_visible_incident(user: User | AnonymousUserMixin | None, incident_id: int) -> Incident:
    """The case, if ``user`` may see it.

    :raise NotFound: the case does not exist or ``user`` may not see it (404 either way).
    """
    incident = db.session.scalar(visible_incidents(user).where(Incident.id == incident_id))
    if incident is None:
        raise NotFound()
    return incident


def can_view(user: User | AnonymousUserMixin | None, incident: Incident) -> bool:
    """Whether ``user`` may see ``incident`` (same rules as :func:`visible_incidents`)."""
    query = visible_incidents(user).where(Incident.id == incident.id).with_only_columns(Incident.id)
    return db.session.scalar(query) is not None


def can_edit(user: User | AnonymousUserMixin | None, incident: Incident) -> bool:
    """Assigned officers change the case record, its respondents and its status."""
    return (
        isinstance(user, User)
        and user.has_role(Role.OFFICER)
        and user.id in incident.assignee_ids
        and can_view(user, incident)
    )


def can_manage_assignments(user: User | AnonymousUserMixin | None, incident: Incident) -> bool:
    """Assigned officers, and the supervisors of the case's agency, change who is assigned."""
    if can_edit(user, incident):
        return True
    return (
        isinstance(user, User)
        and user.has_role(Role.SUPERVISOR)
        and user.agency_id == incident.agency_id
        and can_view(user, incident)
    )


def get_editable_incident(user: User | AnonymousUserMixin | None, incident_id: int) -> Incident:
    """The case, if ``user`` may change it.

    :raise NotFound: ``user`` may not see the case (404).
    :raise NotPermitted: ``user`` may see it but not change it, e.g. an auditor (403).
    """
    incident = get_visible_incident(user, incident_id)
    if not can_edit(user, incident):
        raise NotPermitted()
    return incident


def require_edit(actor: User, incident: Incident) -> None:
    """For services: refuse a change by someone who may not make it (403, or 404 if not visible)."""
    if not can_view(actor, incident):
        raise NotFound()
    if not can_edit(actor, incident):
        raise NotPermitted()
