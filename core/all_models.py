"""Imports every model so that Base.metadata is complete (Alembic autogenerate)."""

from accounts.models import Agency, LoginAttempt, Unit, User, UserRole
from audit.models import AuditEntry
from incidents.models import Evidence, Incident, IncidentAssignment, Note, Recusal, Respondent
from provisions.models import StatuteImport, StatuteLaw, StatuteProvision, StatuteVersion

__all__ = [
    "Agency",
    "AuditEntry",
    "Evidence",
    "Incident",
    "IncidentAssignment",
    "LoginAttempt",
    "Note",
    "Recusal",
    "Respondent",
    "StatuteImport",
    "StatuteLaw",
    "StatuteProvision",
    "StatuteVersion",
    "Unit",
    "User",
    "UserRole",
]
