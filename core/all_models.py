"""Imports every model so that Base.metadata is complete (Alembic autogenerate)."""

from accounts.models import Agency, LoginAttempt, Unit, User, UserRole
from audit.models import AuditEntry
from provisions.models import StatuteImport, StatuteLaw, StatuteProvision, StatuteVersion

__all__ = [
    "Agency",
    "AuditEntry",
    "LoginAttempt",
    "StatuteImport",
    "StatuteLaw",
    "StatuteProvision",
    "StatuteVersion",
    "Unit",
    "User",
    "UserRole",
]
